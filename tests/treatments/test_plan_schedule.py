"""`plan_schedule`: the one computation every shown date comes from. Later dates are spaced
by the rule core's own `next_allowed` (the band's minimum days, or a professional's minimum
interval when it is longer), not by the band alone."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

from django.utils import timezone

from needlewise.people_words import person_date
from needlewise.rules import intervals
from needlewise.sharing import services as sharing
from needlewise.treatments import schedule
from tests.conftest import make_user
from tests.sharing.conftest import make_grant
from tests.treatments.conftest import do_session


def _band(plan) -> int:
    return int(intervals.band_for(max(plan.needle_mm.values()))["min_days"])


def _grant_with_interval(alice, days: int):
    dee = make_user("dee@example.com", "Dr Dee")
    sharing.save_professional(dee, "Dermatologist")
    return sharing.set_limits(make_grant(alice, dee, ["sessions_recovery"]), {}, days)


def test_a_longer_professional_interval_spaces_every_date_and_says_why(
    alice, alice_client, plan, clock
):
    do_session(alice_client, plan)
    longer = _band(plan) * 2
    _grant_with_interval(alice, longer)
    planned = schedule.plan_schedule(alice, plan)
    assert planned.dates[0] == planned.next.on == timezone.localdate() + timedelta(days=longer)
    assert {(b - a).days for a, b in pairwise(planned.dates)} == {longer}
    assert len(planned.dates) == plan.course_length - 1
    assert "professional_min_interval" in {r["code"] for r in planned.next.reasons}


def test_without_sessions_the_plan_starts_on_its_date_then_keeps_the_interval(alice, plan, clock):
    longer = _band(plan) * 2
    _grant_with_interval(alice, longer)
    planned = schedule.plan_schedule(alice, plan, timezone.localdate())
    assert planned.dates[0] == plan.start_date
    assert {(b - a).days for a, b in pairwise(planned.dates)} == {longer}


def test_the_api_and_the_plan_page_give_the_same_dates(alice, alice_client, plan, clock):
    do_session(alice_client, plan)
    _grant_with_interval(alice, _band(plan) * 2)
    api = [
        date.fromisoformat(d) for d in alice_client.get(f"/api/plans/{plan.pk}").json()["upcoming"]
    ]
    assert api == list(schedule.plan_schedule(alice, plan).dates)
    html = alice_client.get(f"/plans/{plan.pk}/").content.decode()
    for day in api:
        assert f"<li>{person_date(day)}</li>" in html
