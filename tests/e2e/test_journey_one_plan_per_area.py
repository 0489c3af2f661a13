"""Issue 15 item 7, on a phone: Alice has a plan for her cheeks and forehead and tries to start a
second one on her cheeks. She is told why not and what to do; she ends the first plan and makes
the new one. From then on her calendar feed, her pending reminders and the session-day mails
know only the new plan's dates.

Before, the second plan was saved: two active plans on one area, with two calendars and two
session-day mails for the same skin (and the first plan's mails kept coming)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from needlewise.reminders import services as reminders
from needlewise.reminders import worker
from needlewise.reminders.models import Reminder
from needlewise.reminders.queries import calendar_url
from needlewise.treatments.models import Plan
from tests.conftest import make_user
from tests.e2e.conftest import log_in, screenshot
from tests.e2e.steps import fill_plan
from tests.reminders.conftest import PUBLIC_URL
from tests.treatments.conftest import ready

pytestmark = pytest.mark.django_db(transaction=True)


def _new_plan(page) -> None:
    page.goto("/plans/new/")
    fill_plan(page, device="My roller")


def _feed_plans(user) -> set[str]:
    path = calendar_url(reminders.settings_for(user)).removeprefix(PUBLIC_URL)
    calendar = Calendar.from_ical(Client().get(path).content)
    uids = [str(e["UID"]) for e in calendar.walk("VEVENT")]
    return {u.split("-")[2] for u in uids if u.startswith("session-day-")}


def _pending_plans(user) -> set[str]:
    pending = Reminder.objects.filter(
        user=user, kind="session_day", sent_at=None, cancelled_at=None
    )
    return set(pending.values_list("subject_id", flat=True))


def test_a_second_plan_on_the_same_area_is_refused_until_the_first_ends(
    page, console, smtp, settings
):
    settings.PUBLIC_URL = PUBLIC_URL
    # 06:00 UTC: the day's 09:00 session-day mail is still to come.
    start = timezone.now().replace(hour=6, minute=0, second=0, microsecond=0) + timedelta(days=1)
    with time_machine.travel(start, tick=True) as traveller:
        alice = make_user("alice@example.com", "Alice")
        first = ready(alice)
        log_in(page, "alice@example.com")

        _new_plan(page)
        main = page.locator("main")
        main.get_by_text("Cheeks: already in your active plan").first.wait_for()
        text = main.inner_text()
        assert "One plan per area" in text and "end that plan on its page" in text
        screenshot(page, "journey-one-plan-refused")
        assert Plan.objects.filter(user=alice).count() == 1

        page.goto(f"/plans/{first.pk}/")
        page.get_by_role("button", name="End this plan").click()
        page.get_by_text("Plan ended. Its areas are free for a new plan.").wait_for()
        _new_plan(page)
        page.get_by_text("Plan saved.").wait_for()
        second = Plan.objects.get(user=alice, status=Plan.Status.ACTIVE)
        assert second.pk != first.pk
        screenshot(page, "journey-one-plan-saved")

        assert _feed_plans(alice) == {str(second.pk)}
        assert _pending_plans(alice) == {str(second.pk)}

        # The first session day: one mail, for the plan that is planned, and none for the one
        # that ended.
        traveller.shift(timedelta(hours=4))
        smtp.messages.clear()
        worker.run_once()
        session_mails = [m for m in smtp.messages if "session" in m["Subject"].lower()]
        assert len(session_mails) == 1
        sent = Reminder.objects.filter(user=alice, kind="session_day", sent_at__isnull=False)
        assert {r.subject_id for r in sent} == {str(second.pk)}
        assert {date.fromisoformat(r.payload["date"]) for r in sent} == {timezone.localdate()}
    console.assert_clean(expected_status=400)
