"""On a phone: a person with a fever of 38.5 °C six hours after a session checks in, is told to
seek care today and that the advice was e-mailed, and the mail really arrives; the professional
who follows her recovery is e-mailed too, and her red-flag card names the fever."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from needlewise.sharing import services as sharing
from needlewise.treatments import services as treatments
from needlewise.treatments.models import TreatmentSession
from tests.conftest import make_user
from tests.e2e.conftest import log_in, log_out, screenshot
from tests.sharing.conftest import make_grant
from tests.treatments.conftest import ready

pytestmark = pytest.mark.django_db(transaction=True)


def _session_hours_ago(user, hours: int) -> None:
    plan = ready(user)
    draft = treatments.start_session(user, plan)
    records = [{"area": "cheeks", "needle_mm": 0.25, "passes": 4, "pain": 2, "bleeding": "none"}]
    treatments.finish_session(user, draft.key, records)
    done = timezone.now() - timedelta(hours=hours)
    TreatmentSession.objects.filter(pk=draft.pk).update(done_at=done)


def _text(message) -> str:
    part = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    return part.get_payload(decode=True).decode()


def test_a_fever_is_mailed_to_the_person_and_her_professional(page, console, smtp):
    alice = make_user("alice@example.com", "Alice")
    dee = make_user("dee@example.com", "Dr Dee")
    sharing.save_professional(dee, "Dermatologist")
    grant = make_grant(alice, dee, ["sessions_recovery"])
    _session_hours_ago(alice, 6)
    smtp.messages.clear()

    log_in(page, "alice@example.com")
    page.goto("/recovery/checkin/")
    page.get_by_role("heading", name="Skin check-in").wait_for()
    page.get_by_label("1 · Mild").check()
    page.get_by_label("Pain or soreness, 0 to 10").fill("1")
    page.get_by_label("Temperature (°C)").fill("38.5")
    page.get_by_role("button", name="Save the check-in").click()

    page.get_by_role("heading", name="Your check-in").wait_for()
    text = page.locator("main").inner_text()
    assert "Seek medical care today." in text
    assert "We sent you an e-mail with this advice." in text
    screenshot(page, "urgent-mail-result")

    to_alice = [m for m in smtp.messages if m["To"] == "alice@example.com"]
    to_dee = [m for m in smtp.messages if m["To"] == "dee@example.com"]
    assert len(to_alice) == 1 and len(to_dee) == 1
    assert to_alice[0]["Subject"].startswith("Urgent: seek medical care today")
    assert "A temperature of 38.5 °C" in _text(to_alice[0])
    assert f"/sharing/clients/{grant.pk}/" in _text(to_dee[0])
    log_out(page)

    log_in(page, "dee@example.com")
    page.goto("/sharing/clients/")
    page.get_by_role("link", name="Alice").click()
    page.get_by_role("heading", name=re.compile("Red flag open since")).wait_for()
    assert page.get_by_test_id("red-flag-signs").inner_text() == "Fever 38.5 °C"
    card = page.locator("section.card", has=page.locator("#flag")).inner_text()
    assert "Urgent: seek care today." in card
    screenshot(page, "urgent-mail-professional-card")
    assert len(smtp.messages) == 2  # nothing sent twice
    console.assert_clean()
