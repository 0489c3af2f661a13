"""`needlewise worker`: send due reminders, once (`needlewise worker`) or until stopped (`--loop`).

Run it as its own process, never inside web workers; `needlewise serve` starts one."""

from __future__ import annotations

import logging
import os
import signal
import threading
from collections import Counter
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError, close_old_connections

from needlewise.reminders import worker

log = logging.getLogger("needlewise.reminders")


class Command(BaseCommand):
    help = "Send due reminders by e-mail, each exactly once, and exit (or keep going with --loop)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="Keep going until SIGTERM/SIGINT")
        parser.add_argument("--interval", type=float, default=5.0, help="Seconds between passes")
        parser.add_argument("--batch", type=int, default=worker.BATCH, help="Rows read at a time")
        parser.add_argument(
            "--claim-timeout",
            type=int,
            default=worker.CLAIM_TIMEOUT,
            help="Seconds after which a claim left by a crashed worker is retried",
        )
        parser.add_argument(
            "--stop-with-parent",
            action="store_true",
            help="Stop when the parent process goes away (used by `needlewise serve`)",
        )

    def handle(
        self,
        *args: Any,
        loop: bool,
        interval: float,
        batch: int,
        claim_timeout: int,
        stop_with_parent: bool,
        **options: Any,
    ) -> None:
        if not 0.1 <= interval <= 3600:
            raise CommandError("--interval must be between 0.1 and 3600 seconds")
        if not 1 <= batch <= 10_000:
            raise CommandError("--batch must be between 1 and 10000")
        if claim_timeout < 30:
            raise CommandError("--claim-timeout must be at least 30 seconds")
        if not loop:
            outcomes = worker.run_once(batch=batch, timeout=claim_timeout)
            self.stdout.write(f"Reminders: {worker.summary(outcomes)}.")
            return
        self._loop(interval, batch, claim_timeout, stop_with_parent)

    def _loop(self, interval: float, batch: int, timeout: int, stop_with_parent: bool) -> None:
        stopping = threading.Event()
        parent = os.getppid()

        def stop(signum: int, frame: object) -> None:
            stopping.set()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        log.info("reminder worker started (every %ss)", interval)
        total: Counter[str] = Counter()
        while not stopping.is_set():
            if stop_with_parent and os.getppid() != parent:
                break
            close_old_connections()
            try:
                total.update(worker.run_once(batch=batch, timeout=timeout, stop=stopping.is_set))
            except DatabaseError:  # the database restarting is no reason to die; try again
                log.exception("reminder worker: database error, retrying in %ss", interval)
            stopping.wait(interval)
        log.info("reminder worker stopped: %s", worker.summary(total))
