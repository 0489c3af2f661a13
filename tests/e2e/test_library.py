"""Browser: a visitor subscribes, confirms from the e-mail link, and reads a guide."""

from __future__ import annotations

import re

import pytest

from needlewise.library.models import Subscriber
from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def _confirm_path(message) -> str:
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            text = part.get_payload(decode=True).decode()
            found = re.search(r"https?://[^/\s]+(/library/newsletter/confirm/\S+/)", text)
            assert found, text
            return found.group(1)
    raise AssertionError("no text part")


def test_a_visitor_subscribes_confirms_and_reads_a_guide(page, console, smtp):
    page.goto("/library/")
    screenshot(page, "library-index")
    page.get_by_label("Your e-mail address").fill("visitor@example.com")
    page.get_by_role("button", name="Subscribe").click()
    page.get_by_role("heading", name="Check your inbox").wait_for()
    screenshot(page, "library-subscribe-sent")

    [mail] = smtp.messages
    page.goto(_confirm_path(mail))
    page.get_by_role("button", name="Yes, send me the newsletter").click()
    page.get_by_role("heading", name="You are subscribed").wait_for()
    screenshot(page, "library-confirmed")
    assert Subscriber.objects.get(email="visitor@example.com").is_active

    page.get_by_role("link", name="Read the guides").click()
    page.get_by_role("link", name="Normal reactions and red flags").click()
    page.get_by_role("heading", name="Get help today (urgent)").wait_for()
    assert page.get_by_role("heading", name="Sources").is_visible()
    screenshot(page, "library-guide")
    console.assert_clean()


def test_a_bad_address_is_explained(page, console):
    page.goto("/library/newsletter/")
    page.get_by_label("Your e-mail address").fill("not-an-address")
    page.get_by_role("button", name="Subscribe").click()
    page.get_by_text("Enter an e-mail address like name@example.com.", exact=True).wait_for()
    screenshot(page, "library-subscribe-error")
    console.assert_clean(expected_status=400)


def test_a_person_reads_the_guide_linked_from_a_triage_result(page, console, smtp):
    from needlewise.recovery import services as recovery
    from needlewise.treatments import services as treatments
    from tests.conftest import make_user
    from tests.treatments.conftest import ready

    user = make_user("tia@example.com", "Tia")
    plan = ready(user)
    draft = treatments.start_session(user, plan)
    treatments.finish_session(
        user,
        draft.key,
        [{"area": "cheeks", "needle_mm": 0.25, "passes": 4, "pain": 2, "bleeding": "none"}],
    )
    checkin = recovery.record_checkin(user, {"redness": 2, "pain": 2, "symptoms": ["pus"]})
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill("tia@example.com")
    page.get_by_label("Password").fill("correct-horse-battery-9")
    page.get_by_role("button", name="Log in").click()
    page.goto(f"/recovery/{checkin.pk}/")
    page.get_by_role("link", name="Read the guide: Normal reactions and red flags").click()
    page.get_by_role("heading", name="Normal reactions and red flags").first.wait_for()
    screenshot(page, "library-guide-from-triage")
    console.assert_clean()
