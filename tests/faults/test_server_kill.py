"""SIGKILL in the middle of a burst of check-ins loses no check-in that got a success response:
each one acknowledged is in the database afterwards, exactly as it was answered, exactly once.

(Check-ins take no idempotency key, so a client cannot safely retry one whose answer it never
got; the test therefore retries nothing, and checks that nothing was stored twice either.)"""

from __future__ import annotations

import http.client
import json
import sqlite3
import threading
import time
import uuid
from collections import Counter
from contextlib import closing

import psycopg
import pytest

from tests.faults.conftest import ENGINES, WATCHDOG, Installation

THREADS = 6
#: Kill once this many check-ins have been acknowledged; the other threads are mid-request.
KILL_AFTER = 25


class Burst:
    """Threads posting check-ins back to back until the server dies under them."""

    def __init__(self, server, account) -> None:
        self.server = server
        self.headers = {**account.bearer, "Content-Type": "application/json"}
        self.run_id = uuid.uuid4().hex[:8]
        self.lock = threading.Lock()
        self.acknowledged: dict[str, dict] = {}  # the note that tags a request -> its answer
        self.refused: Counter[int] = Counter()  # answers other than 201, by status
        self.in_flight = 0
        self.in_flight_at_kill = 0
        self.killed = threading.Event()
        self.threads = [threading.Thread(target=self._fire, args=(n,)) for n in range(THREADS)]

    def _fire(self, n: int) -> None:
        for i in range(10_000):
            if self.killed.is_set():
                return
            tag = f"burst {self.run_id} {n}-{i}"
            body = {"redness": i % 2, "pain": (n + i) % 4, "bleeding": "none", "notes": tag}
            with self.lock:
                self.in_flight += 1
            try:
                status, _, raw = self.server.request(
                    "POST", "/api/recovery/checkins", json.dumps(body), self.headers
                )
            except (OSError, http.client.HTTPException):
                return  # killed under us: no answer, so not acknowledged
            finally:
                with self.lock:
                    self.in_flight -= 1
            with self.lock:
                if status == 201:
                    self.acknowledged[tag] = json.loads(raw)
                else:
                    self.refused[status] += 1

    def run_and_kill(self) -> None:
        for thread in self.threads:
            thread.start()
        deadline = time.monotonic() + WATCHDOG
        while len(self.acknowledged) < KILL_AFTER and time.monotonic() < deadline:
            if not any(t.is_alive() for t in self.threads):
                break
            time.sleep(0.005)
        with self.lock:
            self.in_flight_at_kill = self.in_flight
        self.server.kill()
        self.killed.set()
        for thread in self.threads:
            thread.join(timeout=60)


COLUMNS = ("id", "notes", "redness", "pain", "bleeding", "level", "advice", "rules_version")
_SELECT = "SELECT id, notes, redness, pain, bleeding, level, advice, rules_version"
SQLITE_QUERY = _SELECT + " FROM recovery_checkin WHERE notes LIKE ?"
POSTGRES_QUERY = _SELECT + " FROM recovery_checkin WHERE notes LIKE %s"


def stored_checkins(installation: Installation, prefix: str) -> list[dict]:
    """Read straight from the database the dead server left behind (SQLite replays its WAL)."""
    pattern = (prefix + "%",)
    if installation.database_url:
        with psycopg.connect(installation.database_url) as conn:
            rows = conn.execute(POSTGRES_QUERY, pattern).fetchall()
    else:
        with closing(sqlite3.connect(installation.data / "needlewise.sqlite3")) as conn:
            rows = conn.execute(SQLITE_QUERY, pattern).fetchall()
    return [dict(zip(COLUMNS, row, strict=True)) for row in rows]


@pytest.mark.server
@pytest.mark.parametrize("engine", ENGINES)
def test_sigkill_mid_burst_loses_no_acknowledged_check_in(engine, installation, serve):
    burst = Burst(serve(installation.env), installation.account)
    burst.run_and_kill()
    assert not burst.refused, f"the server refused check-ins before the kill: {burst.refused}"
    assert len(burst.acknowledged) >= KILL_AFTER
    assert burst.in_flight_at_kill > 0, "the kill must land in the middle of the burst"

    stored = stored_checkins(installation, f"burst {burst.run_id} ")
    by_note = Counter(c["notes"] for c in stored)
    assert max(by_note.values()) == 1, "a check-in was stored twice"
    found = {c["notes"]: c for c in stored}
    for tag, answered in burst.acknowledged.items():
        expected = {column: answered[column] for column in COLUMNS}
        assert found.get(tag) == expected, f"acknowledged check-in {tag} lost or changed"
    # Requests cut off by the kill may or may not have been committed; either is honest.
    assert len(stored) - len(burst.acknowledged) <= burst.in_flight_at_kill
