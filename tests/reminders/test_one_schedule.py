"""One schedule: the plan page, the calendar feed and the pending session-day reminders hold the
same dates, spaced by the rule core's interval (a professional's minimum when it is longer),
and move together when limits or grants change, even when a grant ends by time alone."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from itertools import pairwise

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from needlewise.reminders import services, worker
from needlewise.reminders.models import Reminder
from needlewise.reminders.queries import calendar_url
from needlewise.rules import intervals
from needlewise.sharing import services as sharing
from needlewise.treatments import services as treatments
from needlewise.treatments.models import Plan
from tests import people_dates
from tests.conftest import make_user
from tests.reminders.conftest import PUBLIC_URL
from tests.sharing.conftest import make_grant
from tests.treatments.conftest import NOW, do_session, ready

#: 06:00 UTC on the suite's day: that morning's 09:00 session-day reminder is still to come.
MORNING = NOW.replace(hour=6)


@pytest.fixture
def traveller(db) -> Iterator[time_machine.Traveller]:
    with time_machine.travel(MORNING, tick=False) as moving:
        yield moving


@pytest.fixture
def pro(db):
    professional = make_user("derm@example.com", "Dr Derm")
    sharing.save_professional(professional, "Dermatologist")
    return professional


def page_dates(client: Client, plan: Plan) -> list[date]:
    html = client.get(f"/plans/{plan.pk}/").content.decode()
    section = html.split('id="schedule-heading"', 1)[1].split("</ol>", 1)[0]
    found = re.findall(r"<li>(\w{3} \d{1,2} \w{3}(?: \d{4})?)</li>", section)
    return [people_dates.read(d, timezone.localdate()) for d in found]


def feed_dates(user, plan: Plan) -> list[date]:
    path = calendar_url(services.settings_for(user)).removeprefix(PUBLIC_URL)
    calendar = Calendar.from_ical(Client().get(path).content)
    prefix = f"session-day-{plan.pk}-"
    return sorted(
        e["DTSTART"].dt for e in calendar.walk("VEVENT") if str(e["UID"]).startswith(prefix)
    )


def reminder_dates(plan: Plan) -> list[date]:
    pending = Reminder.objects.filter(
        kind="session_day", subject_id=str(plan.pk), sent_at=None, cancelled_at=None
    )
    return sorted(date.fromisoformat(r.payload["date"]) for r in pending)


def gaps(days: list[date]) -> set[int]:
    return {(b - a).days for a, b in pairwise(days)}


def the_same_everywhere(user, client: Client, plan: Plan) -> list[date]:
    shown = page_dates(client, plan)
    assert len(shown) >= 2
    assert feed_dates(user, plan) == shown
    assert reminder_dates(plan) == shown
    return shown


def session_day_mails(smtp) -> list:
    return [m for m in smtp.messages if m["Subject"] == "A session is planned for today"]


def band_days(plan: Plan) -> int:
    return int(intervals.band_for(max(plan.needle_mm.values()))["min_days"])


def test_a_minimum_interval_spaces_every_date_and_revoking_restores_the_band(
    alice, alice_client, pro, traveller
):
    plan = ready(alice)
    do_session(alice_client, plan)
    grant = make_grant(alice, pro, ["sessions_recovery"])
    longer = band_days(plan) * 2
    sharing.set_limits(grant, {}, longer)
    shown = the_same_everywhere(alice, alice_client, plan)
    assert gaps(shown) == {longer}
    assert shown[0] == MORNING.date() + timedelta(days=longer)
    assert sharing.revoke(alice, grant.pk)
    shown = the_same_everywhere(alice, alice_client, plan)
    assert gaps(shown) == {band_days(plan)}
    assert shown[0] == MORNING.date() + timedelta(days=band_days(plan))


def test_an_interval_shorter_than_the_band_changes_nothing(alice, alice_client, pro, traveller):
    plan = ready(alice)
    do_session(alice_client, plan)
    sharing.set_limits(make_grant(alice, pro, ["sessions_recovery"]), {}, 1)
    assert gaps(the_same_everywhere(alice, alice_client, plan)) == {band_days(plan)}


def test_after_a_grant_expires_the_reminders_follow_the_plan_and_no_stale_date_is_mailed(
    alice, alice_client, pro, traveller, smtp
):
    plan = ready(alice)
    do_session(alice_client, plan)
    band = band_days(plan)
    sharing.set_limits(make_grant(alice, pro, ["sessions_recovery"], days=2), {}, band * 2)
    before = reminder_dates(plan)
    assert gaps(before) == {band * 2}
    traveller.move_to(MORNING + timedelta(days=3))  # the grant ended, with no write at all
    worker.run_once()
    assert session_day_mails(smtp) == []
    now_planned = the_same_everywhere(alice, alice_client, plan)
    assert gaps(now_planned) == {band}
    stale = [d for d in before if d not in now_planned]
    assert stale
    for day in stale:
        row = Reminder.objects.get(dedupe_key=f"session_day:plan:{plan.pk}:{day.isoformat()}")
        assert row.cancelled_at is not None and row.sent_at is None
        assert row.note == services.NOT_PLANNED
    traveller.move_to(datetime.combine(now_planned[0], MORNING.time(), MORNING.tzinfo))
    traveller.shift(timedelta(hours=4))  # 10:00 on the first date the plan now shows
    worker.run_once()
    [mail] = session_day_mails(smtp)
    assert mail["To"] == alice.email


def test_a_row_whose_date_left_the_schedule_is_cancelled_not_sent(
    alice, alice_client, traveller, smtp
):
    plan = ready(alice)
    do_session(alice_client, plan)  # today is no longer a session day
    worker.run_once()  # the day's first pass: its re-plan of the new day is done
    today = MORNING.date()
    key = f"session_day:plan:{plan.pk}:{today.isoformat()}"
    row = Reminder.objects.get(dedupe_key=key)  # cancelled by the session's re-plan
    # ... brought back as by a change nobody re-planned after:
    Reminder.objects.filter(pk=row.pk).update(cancelled_at=None, note="")
    traveller.shift(timedelta(hours=4))
    outcomes = worker.run_once()
    assert smtp.messages == []
    assert outcomes["not_planned"] == 1
    row.refresh_from_db()
    assert row.sent_at is None and row.note == services.NOT_PLANNED


def test_a_paused_plans_reminder_is_never_sent(alice, traveller, smtp):
    plan = ready(alice)
    assert reminder_dates(plan)[0] == MORNING.date()
    Plan.objects.filter(pk=plan.pk).update(
        status=Plan.Status.PAUSED
    )  # no re-plan: the worker checks
    traveller.shift(timedelta(hours=4))
    worker.run_once()
    assert smtp.messages == []
    row = Reminder.objects.get(kind="session_day", payload__date=MORNING.date().isoformat())
    assert row.sent_at is None and row.note == "cancelled: its plan is paused"


def test_two_plans_on_the_same_day_get_one_mail_naming_both(alice, traveller, smtp):
    plan = ready(alice)
    treatments.create_plan(
        alice, concern="texture", areas=["nose"], device=plan.device, start_date=MORNING.date()
    )
    traveller.shift(timedelta(hours=4))
    worker.run_once()
    worker.run_once()
    [mail] = smtp.messages
    body = mail.get_payload(0).get_payload(decode=True).decode()
    assert "Also planned for today, in this one e-mail: your" in body
    today = Reminder.objects.filter(kind="session_day", payload__date=MORNING.date().isoformat())
    assert sorted(r.sent_at is not None for r in today) == [False, True]
    assert [r.note for r in today if r.sent_at is None] == [services.SAME_DAY]


def test_a_missed_session_day_moves_the_later_dates_and_their_reminders_the_next_day(
    alice, alice_client, traveller, smtp
):
    """No session on the planned day: from the person's next day the dates start on her today,
    and the first worker pass of that day moves the reminders with them."""
    plan = ready(alice)
    before = the_same_everywhere(alice, alice_client, plan)
    traveller.shift(timedelta(days=3))  # 09:00 reminders of the missed day long gone
    worker.run_once()
    after = page_dates(alice_client, plan)
    assert after[0] == (MORNING + timedelta(days=3)).date() and after != before
    assert feed_dates(alice, plan) == after
    assert reminder_dates(plan) == after
