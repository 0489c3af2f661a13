"""Reminder throughput with one and with three `needlewise worker` processes (FOR UPDATE SKIP
LOCKED on PostgreSQL), delivering to a real SMTP server on loopback."""

from __future__ import annotations

import logging
import subprocess
import sys
import time

from aiosmtpd.controller import Controller

from bench.server import free_port


class _Counter:
    def __init__(self) -> None:
        self.received = 0

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        self.received += 1
        return "250 OK"


def _due(count: int) -> None:

    from bench.pages import PERSON
    from needlewise.accounts.models import User
    from needlewise.reminders.bulk import due_checkins
    from needlewise.reminders.models import Reminder
    from needlewise.treatments.models import TreatmentSession

    person = User.objects.get(email=PERSON)
    session = TreatmentSession.objects.filter(user=person, status="done").latest("done_at")
    Reminder.objects.filter(dedupe_key__startswith="bench:").delete()
    due_checkins(person, session, count, "bench")


def throughput(env: dict[str, str], reminders: int) -> dict[str, float]:
    """Messages per second for 1 and 3 workers, each run on `reminders` fresh due rows."""
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    sink = _Counter()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    results: dict[str, float] = {}
    try:
        for workers in (1, 3):
            _due(reminders)
            sink.received = 0
            worker_env = {**env, "EMAIL_URL": f"smtp://127.0.0.1:{port}"}
            started = time.perf_counter()
            procs = [
                subprocess.Popen(
                    [sys.executable, "-m", "needlewise", "worker", "--batch", "100"],
                    env=worker_env,
                    stdout=subprocess.DEVNULL,
                )
                for _ in range(workers)
            ]
            for proc in procs:
                proc.wait(timeout=3600)
            seconds = time.perf_counter() - started
            if sink.received != reminders:
                raise RuntimeError(f"{workers} workers sent {sink.received} of {reminders}")
            results[f"workers_{workers}_per_s"] = reminders / seconds
    finally:
        controller.stop()
    results["speedup_3_vs_1"] = results["workers_3_per_s"] / results["workers_1_per_s"]
    return results
