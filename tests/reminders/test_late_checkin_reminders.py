"""Late check-in reminders (POLICY.md section 8): 09:00 local on days 21 and 56 of every session,
kept through later sessions, cancelled once answered, in the calendar feed, skipped by the worker
when the answer came first."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client

from needlewise import events
from needlewise.recovery import services as recovery
from needlewise.reminders import services
from needlewise.reminders.models import Reminder
from tests.reminders.conftest import NOW, PARIS, PUBLIC_URL, finish
from tests.reminders.test_calendar_feed import events as feed_events
from tests.reminders.test_calendar_feed import feed_path
from tests.reminders.test_worker import parts

#: NOW is 11:00 in Paris on Monday 23 November 2026: day 21 is 14 December, day 56 18 January.
DAY_21 = datetime(2026, 12, 14, 9, 0, tzinfo=PARIS)
DAY_56 = datetime(2027, 1, 18, 9, 0, tzinfo=PARIS)
NO = {"new_bumps": False, "nonhealing_sore": False}


def late(user, **match) -> list[Reminder]:
    found = Reminder.objects.filter(user=user, kind="late_checkin", **match)
    return list(found.order_by("due_at", "id"))


@pytest.fixture
def session(paris):
    with time_machine.travel(NOW, tick=False):
        done = finish(paris, NOW)
        services.schedule_after_session(done)
    return done


def test_a_session_gets_late_check_ins_at_nine_local_on_days_21_and_56_once(paris, session):
    with time_machine.travel(NOW, tick=False):
        services.schedule_after_session(session)  # again: nothing more
    rows = late(paris)
    assert [r.due_at for r in rows] == [DAY_21, DAY_56]
    assert [r.payload for r in rows] == [
        {"session": str(session.key), "day": 21},
        {"session": str(session.key), "day": 56},
    ]
    assert all(r.is_pending for r in rows)


def test_a_later_session_on_the_same_area_cancels_none_of_them(paris, session):
    with time_machine.travel(NOW + timedelta(days=7), tick=False):
        second = finish(paris, NOW + timedelta(days=7))  # cheeks again
        services.schedule_after_session(second)
        events.schedule_changed.send(sender=None, user=paris)
    mine = late(paris, subject_id=str(session.key))
    assert [(r.due_at, r.is_pending) for r in mine] == [(DAY_21, True), (DAY_56, True)]
    assert len(late(paris, cancelled_at__isnull=True)) == 4


def test_an_answer_cancels_its_reminder_and_only_that_one(paris, session):
    with time_machine.travel(DAY_21, tick=False):
        recovery.record_late_checkin(paris, session.key, 21, NO)
    day21, day56 = late(paris)
    assert day21.cancelled_at is not None and day21.note == services.ANSWERED
    assert day56.is_pending


def test_the_worker_mails_the_two_questions_naming_the_area_and_the_date(
    paris, session, smtp, capsys
):
    with time_machine.travel(DAY_21 + timedelta(minutes=1), tick=False):
        call_command("worker")
    late_mails = [m for m in smtp.messages if "21 days" in m["Subject"]]
    assert [m["Subject"] for m in late_mails] == [
        "A short check-in, 21 days after your session of Monday 23 November"
    ]
    body = parts(late_mails[0])
    link = f"{PUBLIC_URL}/recovery/late/{session.key}/21/"
    for text in body.values():
        assert link in text
        assert "Monday 23 November, on your cheeks" in text
        assert "you microneedled your cheeks on Monday 23 November" in text


def test_the_worker_skips_one_answered_after_it_was_claimed_for(paris, session, smtp, capsys):
    with time_machine.travel(DAY_21 - timedelta(hours=1), tick=False):
        recovery.record_late_checkin(paris, session.key, 21, NO)
    # As if the answer raced the worker's read: the row is still pending.
    Reminder.objects.filter(kind="late_checkin").update(cancelled_at=None, note="")
    with time_machine.travel(DAY_21 + timedelta(minutes=1), tick=False):
        call_command("worker")
    assert not [m for m in smtp.messages if "21 days" in m["Subject"]]
    day21 = late(paris)[0]
    assert (day21.sent_at, day21.note) == (None, services.ANSWERED)
    assert day21.cancelled_at is not None


def test_turning_check_in_mails_off_covers_the_late_ones(paris, session, smtp, capsys):
    services.update_settings(paris, email_checkin=False)
    with time_machine.travel(DAY_21 + timedelta(minutes=1), tick=False):
        call_command("worker")
    assert not [m for m in smtp.messages if "21 days" in m["Subject"]]
    assert late(paris)[0].note.startswith("not e-mailed")


def test_the_feed_lists_every_sessions_late_check_ins_at_nine_local(paris, session, carol):
    with time_machine.travel(NOW + timedelta(days=7), tick=False):
        second = finish(paris, NOW + timedelta(days=7))
        finish(carol, NOW)
        found = feed_events(Client().get(feed_path(paris)))
    mine = {uid: e for uid, e in found.items() if uid.startswith("late-checkin-")}
    assert len(mine) == 4
    first = mine[f"late-checkin-{session.key}-21d@needlewise.example"]
    assert first.decoded("DTSTART") == DAY_21
    summary = str(first["SUMMARY"])
    assert "Late check-in, day 21 after your session of 23 Nov (your cheeks)" in summary
    assert f"/recovery/late/{session.key}/21/" in str(first["URL"])
    assert f"late-checkin-{second.key}-56d@needlewise.example" in mine


def test_sessions_from_before_late_check_ins_get_the_reminders_still_to_come(paris, session):
    """The data migration 0003: a session finished before the feature had no late reminders;
    it gets the ones still ahead, at the same moments, once."""
    from importlib import import_module

    from django.apps import apps

    backfill = import_module("needlewise.reminders.migrations.0003_backfill_late_checkins")
    Reminder.objects.filter(kind="late_checkin").delete()  # as before the feature
    with time_machine.travel(NOW + timedelta(days=30), tick=False):  # day 21 has gone by
        backfill.backfill(apps, None)
        backfill.backfill(apps, None)  # run twice: nothing more
    rows = late(paris)
    assert [(r.due_at, r.payload) for r in rows] == [
        (DAY_56, {"session": str(session.key), "day": 56})
    ]
