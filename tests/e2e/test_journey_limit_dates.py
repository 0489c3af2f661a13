"""Over three weeks, on a phone, across both roles: a dermatologist sets a 14-day minimum
interval; the person's plan page, her calendar feed and her pending e-mail reminders all show
the same dates, 14 days apart. She ends his access: every date moves back to the rule core's
interval, and the next session-day e-mail goes out on the first date the plan page shows."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise

import pytest
import time_machine
from django.utils import timezone

from needlewise.reminders import worker
from needlewise.rules import intervals
from needlewise.sharing import services as sharing
from needlewise.treatments import services as treatments
from tests.conftest import make_user
from tests.e2e.conftest import log_in, log_out, screenshot
from tests.e2e.dates import feed_dates, plan_dates, reminder_dates
from tests.sharing.conftest import make_grant
from tests.treatments.conftest import ready

pytestmark = pytest.mark.django_db(transaction=True)

#: The professional's choice in this story (his input, not a rule).
LONGER = 14


def _everywhere(page, plan_id: int) -> list[date]:
    shown = plan_dates(page, plan_id)
    assert len(shown) >= 2
    assert feed_dates(page, plan_id) == shown
    assert reminder_dates(plan_id) == shown
    return shown


def _gaps(days: list[date]) -> set[int]:
    return {(b - a).days for a, b in pairwise(days)}


def test_a_minimum_interval_moves_every_date_and_ending_access_moves_them_back(page, console, smtp):
    day0 = timezone.now().date()
    with time_machine.travel(datetime.combine(day0, time(6), UTC), tick=True) as traveller:
        alice = make_user("alice@example.com", "Alice")
        dee = make_user("dee@example.com", "Dr Dee")
        sharing.save_professional(dee, "Dermatologist")
        grant = make_grant(alice, dee, ["sessions_recovery"])
        plan = ready(alice)
        draft = treatments.start_session(alice, plan)
        records = [
            {"area": a, "needle_mm": mm, "passes": 4, "pain": 2, "bleeding": "none"}
            for a, mm in plan.needle_mm.items()
        ]
        treatments.finish_session(alice, draft.key, records)
        band = int(intervals.band_for(max(plan.needle_mm.values()))["min_days"])
        assert band < LONGER  # otherwise the professional's interval would change nothing

        log_in(page, "dee@example.com")
        page.goto(f"/sharing/clients/{grant.pk}/limits/")
        page.get_by_label("Minimum days between sessions").fill(str(LONGER))
        page.get_by_role("button", name="Save limits").click()
        page.wait_for_load_state()
        screenshot(page, "limit-dates-professional-limits")
        log_out(page)

        traveller.shift(timedelta(days=2))
        log_in(page, "alice@example.com")
        shown = _everywhere(page, plan.pk)
        assert _gaps(shown) == {LONGER}
        assert shown[0] == day0 + timedelta(days=LONGER)
        page.goto(f"/plans/{plan.pk}/")
        screenshot(page, "limit-dates-plan-14-days")

        traveller.shift(timedelta(days=1))
        page.goto("/sharing/")
        page.get_by_role("button", name="End access now").click()
        page.wait_for_load_state()
        shown = _everywhere(page, plan.pk)
        assert _gaps(shown) == {band}
        assert shown[0] == day0 + timedelta(days=band)
        screenshot(page, "limit-dates-plan-after-revoke")
        console.assert_clean()

        smtp.messages.clear()
        traveller.move_to(datetime.combine(shown[0], time(10), UTC))
        worker.run_once()
        days = [m for m in smtp.messages if m["Subject"] == "A session is planned for today"]
        assert [m["To"] for m in days] == ["alice@example.com"]
        assert reminder_dates(plan.pk) == shown[1:]
