"""Horizontal workers on PostgreSQL: three `needlewise worker` processes share 20,000 due
reminders through `FOR UPDATE SKIP LOCKED`, and a real SMTP server receives each exactly once."""

from __future__ import annotations

from collections import Counter

import pytest
from django.db import connection

from needlewise.reminders.models import Reminder
from tests.reminders.fleet import database_url, due_checkins, run_fleet, worker_env

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SKIP LOCKED is the PostgreSQL path; SQLite's claim race is in test_worker.py",
)

REMINDERS = 20_000


@pytest.mark.django_db(transaction=True)
def test_three_workers_send_each_of_20000_reminders_exactly_once(paris, smtp, tmp_path):
    due_checkins(paris, REMINDERS)
    envs = [worker_env(tmp_path / f"w{i}", smtp.port, database_url()) for i in range(3)]

    run = run_fleet(3, envs, "--batch", "100")

    per_message = Counter(m["X-Needlewise-Reminder"] for m in smtp.messages)
    assert len(per_message) == REMINDERS, "some reminders were never e-mailed"
    assert set(per_message.values()) == {1}, "some reminder was e-mailed twice"
    assert not Reminder.objects.filter(sent_at__isnull=True).exists()
    sent_by = [int(out.split(" sent")[0].rsplit(" ", 1)[-1]) for out in run.outputs]
    assert sum(sent_by) == REMINDERS
    assert all(n > 0 for n in sent_by), f"a worker sat idle: {sent_by}"
