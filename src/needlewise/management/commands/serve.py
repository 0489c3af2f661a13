"""`needlewise serve`: migrate, collect static files, then run gunicorn (production-grade) and,
beside it, one reminder worker (`needlewise worker --loop`).

Both run as child processes of this one, which forwards SIGTERM/SIGINT to them, waits for them,
and stops the worker when gunicorn ends. The worker has its own process group, so a Ctrl+C in
the terminal reaches it only through here, after which it finishes the e-mail in hand."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

#: A worker that exits on its own is restarted, at most this often (seconds).
WORKER_RESTART_PAUSE = 10.0
#: How long gunicorn and the worker get to finish after the signal before being killed.
STOP_TIMEOUT = 30.0


class Command(BaseCommand):
    help = "Migrate the database, collect static files and serve Needlewise with gunicorn."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--threads", type=int, default=4)
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="Do not start the reminder worker (run `needlewise worker --loop` yourself)",
        )

    def handle(
        self,
        *args: Any,
        host: str,
        port: int,
        workers: int,
        threads: int,
        no_worker: bool,
        **options: Any,
    ) -> None:
        if not 1 <= port <= 65535:
            raise CommandError("--port must be between 1 and 65535")
        if not 1 <= workers <= 64 or not 1 <= threads <= 64:
            raise CommandError("--workers and --threads must be between 1 and 64")
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        connections.close_all()  # the children open their own
        self.stdout.write(f"Needlewise is running at http://{host}:{port}/ (Ctrl+C stops it)")
        self.stdout.flush()
        code = Supervisor(gunicorn_argv(host, port, workers, threads), not no_worker).run()
        if code:
            raise SystemExit(code)


def gunicorn_argv(host: str, port: int, workers: int, threads: int) -> list[str]:
    gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable))
    argv = [gunicorn] if gunicorn else [sys.executable, "-m", "gunicorn"]
    return [
        *argv,
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


WORKER_ARGV = [sys.executable, "-m", "needlewise", "worker", "--loop", "--stop-with-parent"]


class Supervisor:
    """Runs gunicorn and the reminder worker until gunicorn ends or a signal arrives."""

    def __init__(self, web_argv: list[str], with_worker: bool) -> None:
        self.web_argv = web_argv
        self.with_worker = with_worker
        self.web: subprocess.Popen[bytes] | None = None
        self.worker: subprocess.Popen[bytes] | None = None
        self.worker_started = 0.0
        self.stopping = False

    def _start_worker(self) -> None:
        # Its own process group: a terminal's Ctrl+C reaches it through `_forward` only.
        self.worker = subprocess.Popen(WORKER_ARGV, process_group=0)  # noqa: S603
        self.worker_started = time.monotonic()

    def _forward(self, signum: int, frame: object) -> None:
        self.stopping = True
        for child in (self.web, self.worker):
            if child is not None and child.poll() is None:
                child.send_signal(signum)

    def _children(self) -> list[subprocess.Popen[bytes]]:
        return [c for c in (self.web, self.worker) if c is not None]

    def run(self) -> int:
        previous = {s: signal.signal(s, self._forward) for s in (signal.SIGTERM, signal.SIGINT)}
        try:
            if self.with_worker:
                self._start_worker()
            self.web = subprocess.Popen(self.web_argv)  # noqa: S603
            while self.web.poll() is None and not self.stopping:
                self._keep_worker()
                time.sleep(0.2)
            return self._stop()
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)

    def _keep_worker(self) -> None:
        """Restart a worker that ended on its own (e.g. a crash), but not in a tight loop."""
        if self.worker is None or self.worker.poll() is None or self.stopping:
            return
        if time.monotonic() - self.worker_started >= WORKER_RESTART_PAUSE:
            self._start_worker()

    def _stop(self) -> int:
        for child in self._children():
            if child.poll() is None:
                child.terminate()
        deadline = time.monotonic() + STOP_TIMEOUT
        for child in self._children():
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        return self.web.returncode if self.web is not None and self.web.returncode > 0 else 0
