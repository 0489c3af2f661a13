"""Issue 26, on a phone and on a moving clock: the two risks the first week cannot see.

Lena owns a vitamin C serum. In the guided session she says it goes on her skin while she
needles: the glide page warns her, with the reason, and she goes on anyway; the session records
it. Ten days on she has a second session on the same areas. On day 21 after the first, the
late check-in's reminder mail arrives, Today and the calendar feed list it, and she answers that
a sore on the treated skin does not heal: she is told to see a dermatologist and to say which
area was microneedled and when, her plan is paused, and the person and her professional are
e-mailed. The second session's late check-ins are still to come. Dr Dee sees the late check-in
and the glide not advised on the client page."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from django.utils import timezone
from icalendar import Calendar

from needlewise.devices import services as devices
from needlewise.people_words import person_date
from needlewise.products import services as products
from needlewise.reminders import worker
from needlewise.rules.model import fmt_date
from needlewise.sharing import services as sharing
from needlewise.treatments import services as treatments
from needlewise.treatments.models import Plan, TreatmentSession
from tests.conftest import make_user
from tests.e2e.conftest import log_in, log_out, screenshot
from tests.e2e.steps import prepare_and_glide
from tests.sharing.conftest import make_grant
from tests.treatments.conftest import ready

pytestmark = pytest.mark.django_db(transaction=True)

SERUM = "Bright C serum"
SORE = "A sore on the treated area that does not heal?"
LUMPS = "New lumps, bumps or nodules on the treated area?"


def _text(message) -> str:
    part = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    return part.get_payload(decode=True).decode()


def _to(smtp, address: str) -> list:
    return [m for m in smtp.messages if m["To"] == address]


def _later(traveller, page, to: datetime) -> None:
    traveller.move_to(to)
    page.clock.set_system_time(timezone.now().timestamp())


def _session_with_the_serum(page, plan: Plan) -> None:
    page.goto(f"/plans/{plan.pk}/")
    page.get_by_role("link", name="Start a session").click()
    prepare_and_glide(page, glide=SERUM)
    warning = page.get_by_test_id("glide-warning")
    warning.wait_for()
    said = warning.inner_text()
    assert "Not advised as a glide" in said
    assert "it contains Ascorbic Acid (vitamin C)" in said
    assert "Granulomatous reactions" in said
    assert "This is advice: you decide." in said
    screenshot(page, "glide-late-warning")
    page.get_by_role("link", name="Go on anyway").click()
    page.get_by_role("heading", name="Technique: roller").wait_for()
    page.get_by_role("link", name="Next: record what you did").click()
    recorded = page.get_by_test_id("glide").inner_text()
    assert SERUM in recorded and "Not advised as a glide" in recorded
    page.get_by_label("Cheeks: pain, 0 (none) to 10 (worst)").fill("2")
    page.get_by_label("Forehead: pain, 0 (none) to 10 (worst)").fill("1")
    page.get_by_role("button", name="Save the session").click()
    page.get_by_role("heading", name="Aftercare").wait_for()


def _feed_uids(page) -> set[str]:
    """The feed's event ids (before the "@host"), fetched from the reminders page's address."""
    page.goto("/reminders/")
    address = page.get_by_test_id("calendar-url").input_value()
    response = page.request.get(urlsplit(address).path)
    assert response.status == 200
    events = Calendar.from_ical(response.body()).walk("VEVENT")
    return {str(e["UID"]).partition("@")[0] for e in events}


def test_a_glide_warned_and_a_late_sore_sent_to_a_dermatologist(page, console, smtp):
    day0 = timezone.now().date()
    with time_machine.travel(datetime.combine(day0, time(8), UTC), tick=True) as traveller:
        lena = make_user("lena@example.com", "Lena")
        dee = make_user("dee@example.com", "Dr Dee")
        sharing.save_professional(dee, "Dermatologist")
        plan = ready(lena)
        products.add_product(
            lena, name=SERUM, ingredients_text="Aqua, Ascorbic Acid, Sodium Hyaluronate"
        )
        grant = make_grant(lena, dee, ["sessions_recovery"])

        # Day 0: the guided session with the vitamin C serum as glide, warned and recorded.
        log_in(page, "lena@example.com")
        _session_with_the_serum(page, plan)
        first = TreatmentSession.objects.get(user=lena, status="done")
        assert (first.glide_verdict, first.glide_name) == ("avoid", SERUM)
        page.goto(f"/sessions/{first.key}/")
        assert "Not advised as a glide" in page.get_by_test_id("glide").inner_text()

        # Day 10: a second session on the same areas (recorded through the service).
        _later(traveller, page, datetime.combine(day0 + timedelta(days=10), time(9), UTC))
        devices.record_sterilisation(plan.device, at=timezone.now())
        draft = treatments.start_session(lena, plan)
        records = [
            {"area": a, "needle_mm": 0.25, "passes": 4, "pain": 1, "bleeding": "none"}
            for a in ("cheeks", "forehead")
        ]
        second = treatments.finish_session(lena, draft.key, records)
        smtp.messages.clear()

        # Day 21 after the first, 10:00: the reminder, Today and the feed.
        _later(traveller, page, datetime.combine(day0 + timedelta(days=21), time(10), UTC))
        worker.run_once()
        reminders = [m for m in _to(smtp, "lena@example.com") if "21 days" in m["Subject"]]
        assert len(reminders) == 1
        assert "cheeks" in _text(reminders[0]).lower()
        # Three weeks on the database's sign-in has lapsed, Redis's (real clock) has not:
        # sign in afresh either way.
        page.context.clear_cookies()
        log_in(page, "lena@example.com")
        uids = _feed_uids(page)
        assert f"late-checkin-{first.key}-21d" in uids
        assert f"late-checkin-{second.key}-21d" in uids  # still to come
        page.goto("/")
        due = page.get_by_test_id("late-checkins-due").inner_text()
        assert f"Late check-in, day 21 after your session of {person_date(day0)}" in due
        screenshot(page, "glide-late-today")
        smtp.messages.clear()

        # She answers: a sore that does not heal.
        page.get_by_role("link", name="Answer now").first.click()
        page.get_by_role("heading", name="Late check-in, day 21").wait_for()
        page.get_by_role("group", name=LUMPS).get_by_label("No").check()
        page.get_by_role("group", name=SORE).get_by_label("Yes").check()
        page.get_by_role("button", name="Save the check-in").click()
        page.get_by_role("heading", name="Your check-in").wait_for()
        result = page.locator("main").inner_text()
        assert "See a dermatologist" in result
        told = "Tell the dermatologist that you microneedled your cheeks and forehead on"
        assert f"{told} {fmt_date(day0)}." in result
        assert "None" not in result
        screenshot(page, "glide-late-result")
        page.goto("/")
        assert "Paused:" in page.locator("main").inner_text()
        assert Plan.objects.get(pk=plan.pk).status == "paused"

        to_lena, to_dee = _to(smtp, "lena@example.com"), _to(smtp, "dee@example.com")
        assert len(to_lena) == 1 and len(to_dee) == 1
        assert "dermatologist" in _text(to_lena[0]).lower()
        dee_text = _text(to_dee[0])
        assert f"/sharing/clients/{grant.pk}/" in dee_text
        assert "late check-in 21 days after the session" in dee_text
        assert SERUM in dee_text
        log_out(page)

        # Dr Dee: the client page shows the late check-in and the glide not advised.
        log_in(page, "dee@example.com")
        page.goto("/sharing/clients/")
        page.get_by_role("link", name="Lena").click()
        page.get_by_role("heading", name=re.compile("Red flag open since")).wait_for()
        main = page.locator("main").inner_text()
        assert "a sore that does not heal" in main.lower()
        assert SERUM in main and "not advised as a glide" in main.lower()
        screenshot(page, "glide-late-professional")
        assert len(smtp.messages) == 2  # nothing sent twice
    console.assert_clean()
