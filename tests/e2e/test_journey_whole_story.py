"""Issue 15, "Journeys over time": the whole story, on a phone, across both roles, on a clock that
moves for three weeks.

Mia screens, adds her FDA-cleared roller from the catalogue (setting its kind and lengths), plans,
sterilises it on the device page and runs a guided session in the browser. She checks in the next
day (mild) and the day after with pus: she is told to see a dermatologist, her plan is paused, and
a mail goes to her and to Dr Dee, who follows her recovery. Dr Dee signs in, sees the red-flag card
naming the sign, clears her and sets limits: a 0.2 mm cap on the cheeks and a minimum interval
longer than the rule core's band. Days later Mia's plan page, Today, her calendar feed and her
pending session-day reminders all show the same dates, the professional's interval apart; the gate
refuses a session before the first of them; on that day the reminder mail arrives, and the guided
session's technique page and finish form hold her to 0.2 mm. On day 21 the first session's late
check-in is on Today, a session later; she answers that nothing is new, and her plan goes on."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta
from itertools import pairwise
from urllib.parse import urlsplit

import pytest
import time_machine
from django.utils import timezone

from needlewise.devices.catalogue import load_catalogue
from needlewise.people_words import person_date
from needlewise.reminders import worker
from needlewise.rules import intervals
from needlewise.sharing import services as sharing
from needlewise.treatments.models import Plan, TreatmentSession
from tests.conftest import make_user
from tests.e2e.checks import answer_check
from tests.e2e.conftest import log_in, log_out, screenshot
from tests.e2e.dates import feed_dates, plan_dates, reminder_dates
from tests.e2e.steps import fill_plan, prepare_and_glide
from tests.sharing.conftest import make_grant

pytestmark = pytest.mark.django_db(transaction=True)

NAME = "Microneedling device, 510(k) K253153"
#: The professional's choices in this story (her input, not rules).
CAP = "0.2"
LONGER = 14
LIMIT = "Dr Dee set a limit of 0.2 mm for your cheeks on"
SORE = "A sore on the treated area that does not heal?"
LUMPS = "New lumps, bumps or nodules on the treated area?"


def _text(message) -> str:
    part = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    return part.get_payload(decode=True).decode()


def _to(smtp, address: str) -> list:
    return [m for m in smtp.messages if m["To"] == address]


def _add_catalogue_device(page) -> None:
    page.goto("/devices/add/")
    page.get_by_label("Search by name, maker or 510(k) number").fill("K253153")
    page.get_by_role("button", name="Search").click()
    card = page.get_by_test_id("catalogue-entry")
    card.get_by_role("link", name=f"Add this device: {NAME}").click()
    page.get_by_role("heading", name=f"Add {NAME}").wait_for()
    page.get_by_label("Roller").check()
    page.get_by_label("Needle lengths (mm)").fill("0.2, 0.25, 0.5")
    page.get_by_role("button", name="Add this device").click()
    summary = page.get_by_test_id("device-summary")
    summary.wait_for()
    assert summary.inner_text().startswith("Roller")
    assert "0.2 mm, 0.25 mm, 0.5 mm" in summary.inner_text()


def _sterilise(page, device_url: str) -> None:
    page.goto(device_url)
    page.get_by_role("button", name="I sterilised it now").click()
    page.get_by_text("Sterilisation recorded.").wait_for()


def _guided_session(page, plan_id: int, mm: str) -> str:
    """From the plan page to the aftercare; returns what the technique page said."""
    page.goto(f"/plans/{plan_id}/")
    page.get_by_role("link", name="Start a session").click()
    prepare_and_glide(page)
    page.get_by_role("heading", name="Technique: roller").wait_for()
    technique = page.locator("main").inner_text()
    assert page.get_by_role("heading", name=f"Cheeks: {mm} mm").is_visible()
    page.get_by_role("link", name="Next: record what you did").click()
    length = page.get_by_label("Cheeks: needle length (mm)")
    assert length.get_attribute("max") == mm
    assert length.input_value() == mm
    page.get_by_label("Cheeks: pain, 0 (none) to 10 (worst)").fill("2")
    page.get_by_role("button", name="Save the session").click()
    page.get_by_role("heading", name="Aftercare").wait_for()
    return technique


def _check_in(page, redness: str, pain: int, *, pus: bool = False) -> str:
    page.goto("/recovery/checkin/")
    page.get_by_role("heading", name="Skin check-in").wait_for()
    page.get_by_label(redness).check()
    page.get_by_label("Pain or soreness, 0 to 10").fill(str(pain))
    if pus:
        page.get_by_label("Pus", exact=True).check()
    page.get_by_role("button", name="Save the check-in").click()
    page.get_by_role("heading", name="Your check-in").wait_for()
    return page.locator("main").inner_text()


def _later(traveller, page, to: timedelta | datetime) -> None:
    """Move the server's clock (the live server runs in this process) and the page's with it,
    so the page's countdowns read the same moment."""
    if isinstance(to, timedelta):
        traveller.shift(to)
    else:
        traveller.move_to(to)
    page.clock.set_system_time(timezone.now().timestamp())


def test_the_whole_story_across_both_roles_on_a_moving_clock(page, console, smtp):
    day0 = timezone.now().date()
    with time_machine.travel(datetime.combine(day0, time(8), UTC), tick=True) as traveller:
        load_catalogue()  # a transactional test starts from an empty database
        mia = make_user("mia@example.com", "Mia")
        dee = make_user("dee@example.com", "Dr Dee")
        sharing.save_professional(dee, "Dermatologist")

        # Day 0, Mia: screening, a catalogue device, a plan, sterilising, a guided session.
        log_in(page, "mia@example.com")
        page.get_by_role("link", name="Do the check").click()
        page.get_by_role("link", name="Start the check").click()
        answer_check(page)
        page.get_by_role("heading", name="Go").wait_for()
        _add_catalogue_device(page)
        device_url = urlsplit(page.url).path
        screenshot(page, "whole-story-device")

        page.goto("/plans/new/")
        fill_plan(page, device=NAME)
        page.get_by_text("Plan saved.").wait_for()
        assert page.get_by_label("Cheeks").input_value() == "0.25"
        plan = Plan.objects.get(user=mia)
        band = int(intervals.band_for(0.25)["min_days"])
        assert band < LONGER  # otherwise the professional's interval would change nothing

        _sterilise(page, device_url)
        _guided_session(page, plan.pk, "0.25")
        assert "Direct sun" in page.locator("main").inner_text()
        screenshot(page, "whole-story-first-aftercare")
        grant = make_grant(mia, dee, ["sessions_recovery"])
        smtp.messages.clear()

        # Day 1: a mild check-in. Day 2: pus, a red flag.
        _later(traveller, page, timedelta(days=1))
        assert "See a dermatologist" not in _check_in(page, "1 · Mild", 2)
        assert smtp.messages == []
        _later(traveller, page, timedelta(days=1))
        text = _check_in(page, "2 · Clear redness", 3, pus=True)
        assert "See a dermatologist" in text
        assert "Pus is a sign of infection." in text
        screenshot(page, "whole-story-red-flag")
        to_mia, to_dee = _to(smtp, "mia@example.com"), _to(smtp, "dee@example.com")
        assert len(to_mia) == 1 and len(to_dee) == 1
        assert "dermatologist" in _text(to_mia[0]).lower()
        assert f"/sharing/clients/{grant.pk}/" in _text(to_dee[0])
        page.goto("/")
        assert "Paused:" in page.locator("main").inner_text()
        assert "A session is possible today." not in page.locator("main").inner_text()
        log_out(page)

        # Dr Dee: the red-flag card names the sign; she clears Mia and sets limits.
        log_in(page, "dee@example.com")
        page.goto("/sharing/clients/")
        page.get_by_role("link", name="Mia").click()
        page.get_by_role("heading", name=re.compile("Red flag open since")).wait_for()
        assert "Pus" in page.get_by_test_id("red-flag-signs").inner_text()
        screenshot(page, "whole-story-professional-card")
        page.get_by_label("What you found (shown to your client)").fill(
            "Healing well, no infection."
        )
        page.get_by_role("button", name="I have seen Mia: clear and resume plans").click()
        page.wait_for_load_state()
        assert page.get_by_role("heading", name=re.compile("Red flag open since")).count() == 0
        page.goto(f"/sharing/clients/{grant.pk}/limits/")
        page.get_by_label("Cheeks: longest needle (mm)").fill(CAP)
        page.get_by_label("Minimum days between sessions").fill(str(LONGER))
        page.get_by_role("button", name="Save limits").click()
        page.get_by_text("Limits saved.").wait_for()
        screenshot(page, "whole-story-limits")
        log_out(page)
        assert len(smtp.messages) == 2  # no red-flag mail sent twice

        # Day 5, Mia: every date is the professional's interval apart, the cap holds.
        _later(traveller, page, timedelta(days=3))
        log_in(page, "mia@example.com")
        assert "See a dermatologist" not in _check_in(page, "0 · None", 0)
        first = day0 + timedelta(days=LONGER)
        shown = plan_dates(page, plan.pk)
        assert len(shown) >= 2
        assert shown[0] == first
        assert {(b - a).days for a, b in pairwise(shown)} == {LONGER}
        main = page.locator("main").inner_text()
        assert "Paused" not in main
        note = page.get_by_test_id("limit-note").inner_text()
        assert LIMIT in note and "your plan now uses 0.2 mm" in note
        assert page.get_by_label("Cheeks").input_value() == CAP
        assert "Start a session" not in main
        screenshot(page, "whole-story-plan-limited")
        assert feed_dates(page, plan.pk) == shown
        assert reminder_dates(plan.pk) == shown

        page.goto("/")
        today = page.locator("main").inner_text()
        assert f"Not before {person_date(first)}" in today
        assert f"Your skincare professional asked for at least {LONGER} days" in today
        assert "OK again in 1 day 23 hours" in today  # vitamin C and co., two days on
        assert "Paused:" not in today and "A session is possible today." not in today
        page.goto(f"/plans/{plan.pk}/start/")
        assert f"Not before {person_date(first)}" in page.locator("main").inner_text()
        assert page.get_by_role("button", name="Begin: preparation").count() == 0
        screenshot(page, "whole-story-gate-refused")
        assert TreatmentSession.objects.filter(status="done").count() == 1

        # The first allowed day, after 09:00: the reminder mail, then a session held to the cap.
        smtp.messages.clear()
        _later(traveller, page, datetime.combine(first, time(10), UTC))
        worker.run_once()
        days = [m for m in smtp.messages if m["Subject"] == "A session is planned for today"]
        assert [m["To"] for m in days] == ["mia@example.com"]
        assert reminder_dates(plan.pk) == shown[1:]

        _sterilise(page, device_url)
        technique = _guided_session(page, plan.pk, CAP)
        assert "0.25 mm" not in technique
        screenshot(page, "whole-story-second-aftercare")
        done = TreatmentSession.objects.filter(status="done").order_by("done_at")
        assert [float(r.needle_mm) for r in done.last().area_records.all()] == [0.2]

        # Day 21 (issue 26): the first session's late check-in is due although a session came
        # since; nothing new on the skin, so the plan goes on.
        _later(traveller, page, datetime.combine(day0 + timedelta(days=21), time(10), UTC))
        page.context.clear_cookies()  # sign in afresh: a lapsed sign-in on SQLite, not Redis
        log_in(page, "mia@example.com")
        due = page.get_by_test_id("late-checkins-due").inner_text()
        assert f"Late check-in, day 21 after your session of {person_date(day0)}" in due
        page.get_by_role("link", name="Answer now").first.click()
        page.get_by_role("group", name=LUMPS).get_by_label("No").check()
        page.get_by_role("group", name=SORE).get_by_label("No").check()
        page.get_by_role("button", name="Save the check-in").click()
        page.get_by_role("heading", name="Your check-in").wait_for()
        assert (
            "Nothing new on the treated area 21 days on: good." in page.locator("main").inner_text()
        )
        page.goto("/")
        assert "Paused:" not in page.locator("main").inner_text()
        later = page.get_by_test_id("late-checkins-due").inner_text()  # the second's, to come
        assert f"session of {person_date(day0)}" not in later and "Answer now" not in later
    console.assert_clean()
