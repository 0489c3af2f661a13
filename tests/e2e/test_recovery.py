"""On a phone: a check-in with pus shows the see-a-dermatologist page, the recovery chart reads
in words, and Today shows the plan paused."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from needlewise.recovery import services as recovery
from needlewise.treatments import services as treatments
from needlewise.treatments.models import TreatmentSession
from tests.conftest import make_user
from tests.e2e.conftest import screenshot
from tests.treatments.conftest import ready

pytestmark = pytest.mark.django_db(transaction=True)


def _fits_a_phone(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def _history(user, now):
    """A session 50 hours ago with check-ins at 6 h and 24 h."""
    plan = ready(user)
    draft = treatments.start_session(user, plan)
    records = [
        {"area": "cheeks", "needle_mm": 0.25, "passes": 4, "pain": 3, "bleeding": "pinpoint"}
    ]
    treatments.finish_session(user, draft.key, records)
    TreatmentSession.objects.filter(pk=draft.pk).update(done_at=now - timedelta(hours=50))
    for hours, redness, pain in [(6, 2, 3), (24, 1, 1)]:
        with time_machine.travel(now - timedelta(hours=50 - hours), tick=True):
            recovery.record_checkin(user, {"redness": redness, "pain": pain})
    return TreatmentSession.objects.get(pk=draft.pk)


def test_a_check_in_with_pus_sends_to_a_dermatologist_and_pauses_the_plan(page, console, smtp):
    user = make_user("hana@example.com", "Hana")
    session = _history(user, timezone.now())
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill("hana@example.com")
    page.get_by_label("Password").fill("correct-horse-battery-9")
    page.get_by_role("button", name="Log in").click()

    page.goto("/recovery/")
    page.get_by_role("heading", name="Recovery").wait_for()
    screenshot(page, "recovery-list")
    _fits_a_phone(page)
    page.get_by_role("link", name="Check in now").click()
    page.get_by_role("heading", name="Skin check-in").wait_for()
    page.get_by_label("2 · Clear redness").check()
    page.get_by_label("Pain or soreness, 0 to 10").fill("3")
    page.get_by_label("Pus", exact=True).check()
    screenshot(page, "recovery-checkin-form")
    _fits_a_phone(page)
    page.get_by_role("button", name="Save the check-in").click()

    page.get_by_role("heading", name="Your check-in").wait_for()
    text = page.locator("main").inner_text()
    assert "See a dermatologist" in text
    assert "Book an appointment with a dermatologist" in text
    assert "Pus is a sign of infection." in text
    assert page.get_by_role("link", name="How Needlewise decides").first.is_visible()
    screenshot(page, "recovery-result-see-dermatologist")
    _fits_a_phone(page)
    assert len(smtp.messages) == 1

    page.goto(f"/recovery/sessions/{session.key}/")
    description = page.get_by_test_id("chart-description").inner_text()
    assert description.startswith("Redness (0 to 3) stayed at 2 from 6 h to 50 h.")
    image = page.locator("figure img")
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    screenshot(page, "recovery-session-chart")
    _fits_a_phone(page)

    page.goto("/")
    sessions = page.locator("main").inner_text()
    assert "Paused:" in sessions
    screenshot(page, "recovery-today-paused")
    _fits_a_phone(page)
    console.assert_clean()
