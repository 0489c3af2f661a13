"""A worker killed between claim and send: nothing is sent twice, and the reminders go out once
the claim has timed out. Runs real `needlewise worker` processes against their own database
(a SQLite file, or a throwaway PostgreSQL database when the suite runs on PostgreSQL)."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from tests.reminders.fleet import start_worker, worker_env

PG_ADMIN = "postgres://postgres@127.0.0.1:5432"
CLAIMED_IDS = "SELECT id FROM reminders_reminder WHERE claimed_at IS NOT NULL AND sent_at IS NULL"
SEED = """
from datetime import timedelta
from django.utils import timezone
from needlewise.accounts import services
from needlewise.reminders.models import Reminder
from needlewise.treatments.models import TreatmentSession
user = services.sign_up("kill@example.com", "correct-horse-battery-9")
at = timezone.now() - timedelta(hours=1)
session = TreatmentSession.objects.create(user=user, status="done", started_at=at, done_at=at)
for i in range(3):
    Reminder.objects.create(
        user=user, kind="checkin", due_at=at, dedupe_key=f"kill:{i}", urgent=True,
        subject_id=str(session.key), payload={"session": str(session.key), "hours": 24},
    )
"""


class Deployment:
    """A data dir and its own database, reached with plain DB-API calls from the test."""

    def __init__(self, root: Path) -> None:
        self.data_dir = root / "data"
        self.pg_name = ""
        if connection.vendor == "postgresql":
            self.pg_name = f"nw_kill_{uuid.uuid4().hex[:10]}"
            with psycopg.connect(f"{PG_ADMIN}/postgres", autocommit=True) as admin:
                admin.execute(f'CREATE DATABASE "{self.pg_name}"')
        self.url = f"{PG_ADMIN}/{self.pg_name}" if self.pg_name else None

    def env(self, smtp_port: int) -> dict[str, str]:
        return worker_env(self.data_dir, smtp_port, self.url)

    def manage(self, *args: str) -> None:
        subprocess.run(
            [sys.executable, "-m", "needlewise", *args],
            env=self.env(25),
            check=True,
            capture_output=True,
        )

    def rows(self, sql: str) -> list[tuple]:
        if self.url:
            with psycopg.connect(self.url, autocommit=True) as db:
                return db.execute(sql).fetchall()
        with closing(sqlite3.connect(self.data_dir / "needlewise.sqlite3")) as db:
            return db.execute(sql).fetchall()

    def execute(self, sql: str) -> None:
        if self.url:
            with psycopg.connect(self.url, autocommit=True) as db:
                db.execute(sql)
            return
        with closing(sqlite3.connect(self.data_dir / "needlewise.sqlite3")) as db, db:
            db.execute(sql)

    def drop(self) -> None:
        if self.pg_name:
            with psycopg.connect(f"{PG_ADMIN}/postgres", autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')


@pytest.fixture
def deployment(tmp_path) -> Iterator[Deployment]:
    deployment = Deployment(tmp_path)
    try:
        deployment.manage("migrate", "--no-input", "-v", "0")
        deployment.manage("shell", "-c", SEED)
        yield deployment
    finally:
        deployment.drop()


@pytest.fixture
def silent_smtp() -> Iterator[int]:
    """A mail server that accepts the connection and never says hello: the worker is stuck
    after its claim, before the send."""
    server = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1]
    finally:
        stop.set()
        thread.join()
        for sock in held:
            sock.close()
        server.close()


def _wait_for(check, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def _one_pass(deployment: Deployment, smtp_port: int) -> str:
    proc = start_worker(deployment.env(smtp_port))
    output = proc.communicate(timeout=120)[0]
    assert proc.returncode == 0, output
    return output


def test_a_worker_killed_after_its_claim_never_sends_twice(deployment, silent_smtp, smtp):
    stuck = start_worker(deployment.env(silent_smtp))
    claimed = "SELECT count(*) FROM reminders_reminder WHERE claimed_at IS NOT NULL"
    _wait_for(lambda: deployment.rows(claimed)[0][0] > 0, "the first claim")
    os.killpg(stuck.pid, 9)  # SIGKILL: no handler, no cleanup
    stuck.wait(timeout=30)

    held = {str(pk) for (pk,) in deployment.rows(CLAIMED_IDS)}

    # Within the claim timeout, another worker leaves the claimed rows alone (on SQLite the
    # killed worker had claimed only its first row; on PostgreSQL its whole page).
    _one_pass(deployment, smtp.port)
    assert held and not held & {m["X-Needlewise-Reminder"] for m in smtp.messages}

    # Once the claim is older than the timeout (300 s, aged here rather than waited for)...
    deployment.execute(
        "UPDATE reminders_reminder SET claimed_at = '2000-01-01 00:00:00+00:00'"
        " WHERE sent_at IS NULL AND claimed_at IS NOT NULL"
    )
    assert f"{len(held)} sent" in _one_pass(deployment, smtp.port)
    # ...each reminder has gone out exactly once, and a further pass sends nothing.
    assert "0 sent" in _one_pass(deployment, smtp.port)
    per_message = Counter(m["X-Needlewise-Reminder"] for m in smtp.messages)
    assert len(per_message) == 3 and set(per_message.values()) == {1}
    unsent = "SELECT count(*) FROM reminders_reminder WHERE sent_at IS NULL"
    assert deployment.rows(unsent) == [(0,)]
