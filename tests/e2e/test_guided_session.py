"""A person with a current `go` check, a device sterilised today and a plan does a guided
session on a phone, sees the aftercare, and is refused the next day with the reason and date."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from needlewise.people_words import person_date
from tests.conftest import make_user
from tests.e2e.conftest import screenshot
from tests.e2e.steps import NO_GLIDE
from tests.treatments.conftest import ready

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_guided_session_then_a_refusal_the_next_day(page, console):
    user = make_user("gwen@example.com", "Gwen")
    start = timezone.now()
    with time_machine.travel(start, tick=True):
        plan = ready(user)
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill("gwen@example.com")
    page.get_by_label("Password").fill("correct-horse-battery-9")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Start a session").click()
    screenshot(page, "session-gate-open")
    page.get_by_role("button", name="Begin: preparation").click()
    for box in page.locator("main form input[type=checkbox]").all():
        box.check()
    screenshot(page, "session-prepare")
    page.get_by_role("button", name="Next: what goes on your skin").click()
    page.get_by_label(NO_GLIDE).check()
    screenshot(page, "session-glide")
    page.get_by_role("button", name="Next: technique").click()
    page.get_by_role("heading", name="Technique: roller").wait_for()
    screenshot(page, "session-technique")
    page.get_by_role("link", name="Next: record what you did").click()
    page.get_by_label("Cheeks: pain, 0 (none) to 10 (worst)").fill("3")
    screenshot(page, "session-finish")
    page.get_by_role("button", name="Save the session").click()
    page.get_by_role("heading", name="Aftercare").wait_for()
    assert "Direct sun" in page.locator("main").inner_text()
    screenshot(page, "session-aftercare")
    console.assert_clean()

    with time_machine.travel(start + timedelta(days=1), tick=True):
        page.goto(f"/plans/{plan.pk}/start/")
        text = page.locator("main").inner_text()
        assert "Not today" in text
        expected = person_date((start + timedelta(days=7)).date())
        assert f"Not before {expected}" in text
        screenshot(page, "session-gate-refused")
