"""`needlewise serve`: migrate, collect static files, then run gunicorn (production-grade)."""

from __future__ import annotations

import os
import shutil
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Migrate the database, collect static files and serve Needlewise with gunicorn."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--threads", type=int, default=4)

    def handle(
        self, *args: Any, host: str, port: int, workers: int, threads: int, **options: Any
    ) -> None:
        if not 1 <= port <= 65535:
            raise CommandError("--port must be between 1 and 65535")
        if not 1 <= workers <= 64 or not 1 <= threads <= 64:
            raise CommandError("--workers and --threads must be between 1 and 64")
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(f"Needlewise is running at http://{host}:{port}/ (Ctrl+C stops it)")
        self.stdout.flush()
        gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable))
        argv = [gunicorn] if gunicorn else [sys.executable, "-m", "gunicorn"]
        argv += [
            "needlewise.wsgi:application",
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            "gthread",
            "--access-logfile",
            "-",
            "--graceful-timeout",
            "20",
        ]
        os.execv(argv[0], argv)  # noqa: S606  (replace this process so signals reach gunicorn)
