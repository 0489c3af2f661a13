"""`needlewise backup FILE [--force]`: the database, private files and secret key in one tar.gz."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from needlewise.backup import BackupError, services
from needlewise.backup.progress import Reporter


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite online backup or pg_dump), the private files and the "
        "secret key into one tar.gz (mode 0600), safe while Needlewise runs."
    )
    # Backups must work even when a system check fails; they touch nothing the checks guard.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the archive to write, e.g. needlewise.tar.gz")
        parser.add_argument("--force", action="store_true", help="replace FILE if it exists")

    def handle(self, *args: Any, file: Path, force: bool, verbosity: int, **options: Any) -> None:
        say = self.stdout.write if verbosity > 0 else None
        try:
            manifest = services.create(file, force=force, report=Reporter(say, bars=verbosity > 0))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if verbosity > 0:
            files = len(manifest.files)
            self.stdout.write(
                f"Backed up {len(manifest.tables)} tables and {files} file{'s' * (files != 1)}."
            )
