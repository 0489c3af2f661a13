"""Two workers at once against PostgreSQL: 200 due reminders, each e-mailed exactly once."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from needlewise.reminders import bulk, worker
from needlewise.reminders.models import Reminder
from tests.reminders.conftest import finish

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite's test database is one in-memory connection, so two "
    "workers cannot run at once (test_worker.py races two claims one after the other instead)",
)


@pytest.mark.django_db(transaction=True)
def test_two_workers_in_parallel_send_each_of_200_reminders_once(paris, smtp):
    session = finish(paris, timezone.now() - timedelta(hours=1))
    bulk.due_checkins(paris, session, 200, "parallel")  # urgent: whatever the hour
    results: list[Counter[str]] = []
    start = threading.Barrier(2)

    def one_worker() -> None:
        try:
            start.wait()
            results.append(worker.run_once(batch=20))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=one_worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sum(r["sent"] for r in results) == 200
    ids = Counter(m["X-Needlewise-Reminder"] for m in smtp.messages)
    assert len(ids) == 200 and set(ids.values()) == {1}
    assert not Reminder.objects.filter(sent_at__isnull=True).exists()
