"""`needlewise restore FILE`: a backup back into an empty data dir (and empty database)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from needlewise import __version__
from needlewise.backup import BackupError, services
from needlewise.backup.progress import Reporter


class Command(BaseCommand):
    help = (
        "Restore a `needlewise backup` archive into an empty data dir and database: every "
        "checksum is verified before anything is written."
    )
    # The checks could open the database; a restore must find it exactly as it was.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="an archive made by `needlewise backup`")

    def handle(self, *args: Any, file: Path, verbosity: int, **options: Any) -> None:
        say = self.stdout.write if verbosity > 0 else None
        try:
            manifest = services.restore(file, report=Reporter(say, bars=verbosity > 0))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if verbosity == 0:
            return
        self.stdout.write(f"Restored the backup made {manifest.created_at}.")
        if manifest.app_version != __version__:
            self.stdout.write(
                f"It was made by Needlewise {manifest.app_version} and this is {__version__}: "
                "run `needlewise migrate` before serving."
            )
        if os.environ.get("SECRET_KEY") or os.environ.get("SECRET_KEY_FILE"):
            self.stdout.write(
                "SECRET_KEY is set in the environment, so it is used, not a restored secret_key."
            )
