"""Reminder workers as real processes against the test database: shared by the fleet and fault
tests and by the worker throughput benchmark."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.db import connection
from django.utils import timezone

from needlewise.accounts.models import User
from needlewise.reminders import bulk
from tests.reminders.conftest import finish


def database_url() -> str:
    """The test database as a URL a child process can open (PostgreSQL only)."""
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def worker_env(data_dir: Path, smtp_port: int, db_url: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env["NEEDLEWISE_DATA_DIR"] = str(data_dir)
    env["EMAIL_URL"] = f"smtp://127.0.0.1:{smtp_port}"
    env["NEEDLEWISE_LOG_LEVEL"] = "WARNING"
    if db_url:
        env["DATABASE_URL"] = db_url
    return env


def start_worker(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "needlewise", "worker", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def due_checkins(user: User, count: int) -> None:
    """`count` urgent (quiet-hours-proof) check-in reminders, all due five minutes ago."""
    session = finish(user, timezone.now() - timedelta(hours=1))
    bulk.due_checkins(user, session, count, "fleet")


@dataclass
class FleetRun:
    seconds: float
    outputs: list[str]

    def per_second(self, sent: int) -> float:
        return sent / self.seconds


def run_fleet(workers: int, env_for: list[dict[str, str]], *args: str) -> FleetRun:
    """Start `workers` one-pass workers at once and wait for all of them."""
    started = time.perf_counter()
    procs = [start_worker(env_for[i], *args) for i in range(workers)]
    outputs = [proc.communicate(timeout=600)[0] for proc in procs]
    seconds = time.perf_counter() - started
    for proc, output in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, output
    return FleetRun(seconds, outputs)
