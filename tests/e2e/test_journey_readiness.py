"""On a phone, over three months: every page gives the session gate's answer. A person ready for
a session is offered one on Today, the plan page and the gate. Past the check's expiry (which is
also the roller head's age limit, and long after the last sterilisation) no page offers one, and
Today, the plan page and the gate give the same first reason with what to do. She does each thing
asked (a new check, sterilising, a new head recorded on the device page) and the reason shown
moves to the next one on every page, until every page offers the session again."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from needlewise.rules.devices import ROLLER_HEAD_MAX_DAYS
from needlewise.suitability.models import CHECK_VALID_DAYS
from needlewise.suitability.questions import STEPS
from tests.conftest import make_user
from tests.e2e.conftest import log_in, screenshot
from tests.treatments.conftest import ready

pytestmark = pytest.mark.django_db(transaction=True)

POSSIBLE = "A session is possible today."


def _readiness(page, url: str) -> tuple[str, str]:
    """(the code of the reason shown, or "ready"; the words around it) on Today or a plan."""
    page.goto(url)
    shown = page.get_by_test_id("readiness").first
    return shown.get_attribute("data-code") or "", page.locator("main").inner_text()


def _gate(page, plan_id: int) -> list[str]:
    page.goto(f"/plans/{plan_id}/start/")
    return [li.get_attribute("data-code") or "" for li in page.locator("ul.reasons li").all()]


def _every_page_says(page, plan_id: int, code: str, words: str) -> None:
    """Today and the plan page show `code` first, in the same words as the gate, and no page
    offers a session; the gate lists it first."""
    for url in ("/", f"/plans/{plan_id}/"):
        shown, text = _readiness(page, url)
        assert shown == code, (url, shown)
        assert words in text, url
        assert POSSIBLE not in text and "Start a session" not in text, url
    assert _gate(page, plan_id)[0] == code
    assert words in page.locator("main").inner_text()
    assert page.get_by_role("button", name="Begin: preparation").count() == 0


def _every_page_offers(page, plan_id: int) -> None:
    for url in ("/", f"/plans/{plan_id}/"):
        shown, text = _readiness(page, url)
        assert shown == "ready" and POSSIBLE in text, url
        assert page.get_by_role("link", name="Start a session").is_visible()
    assert _gate(page, plan_id) == []
    assert page.get_by_role("button", name="Begin: preparation").is_visible()


def _do_the_check(page) -> None:
    """The suitability check again, from Today's link, with nothing to report."""
    page.goto("/")
    page.get_by_role("link", name="Do the check").first.click()
    page.get_by_role("link", name="Start the check").click()
    page.get_by_label("Birth date").fill("1990-04-02")
    page.get_by_label("Type 2: usually burns, tans with difficulty (fair)").check()
    for _ in range(len(STEPS) - 1):
        page.get_by_role("button", name="Next").click()
    page.get_by_label("Cheeks").check()
    page.get_by_label("Smoother texture").check()
    page.get_by_role("button", name="See my result").click()
    page.get_by_role("heading", name="Your result").wait_for()


def test_every_page_gives_the_gates_reason_until_each_thing_asked_is_done(page, console):
    assert CHECK_VALID_DAYS >= ROLLER_HEAD_MAX_DAYS  # past the check, the head is due too
    start = timezone.now()
    with time_machine.travel(start, tick=True) as traveller:
        user = make_user("rhea@example.com", "Rhea")
        plan = ready(user)
        device_url = f"/devices/{plan.device_id}/"
        log_in(page, "rhea@example.com")
        _every_page_offers(page, plan.pk)
        screenshot(page, "readiness-ready")

        traveller.shift(timedelta(days=CHECK_VALID_DAYS + 1))
        # Three months on she signs in again (with Redis the old sign-in's lifetime runs on
        # the real clock, so drop it as the browser would have).
        page.context.clear_cookies()
        log_in(page, "rhea@example.com")
        _every_page_says(page, plan.pk, "check_due", "Your suitability check is missing")
        assert {"check_due", "not_sterilised", "head_due"} <= set(_gate(page, plan.pk))
        page.goto("/")
        assert "A suitability check is due" in page.locator("main").inner_text()
        screenshot(page, "readiness-check-due-today")

        _do_the_check(page)
        _every_page_says(page, plan.pk, "not_sterilised", "has not been sterilised")

        page.goto(device_url)
        page.get_by_role("button", name="I sterilised it now").click()
        page.get_by_text("Sterilisation recorded.").wait_for()
        head = page.get_by_test_id("device-readiness").inner_text()
        assert "Your roller's head is due" in head
        assert f"{ROLLER_HEAD_MAX_DAYS} days, whichever comes first" in head
        screenshot(page, "readiness-head-due-device")
        _every_page_says(page, plan.pk, "head_due", "Your roller's head is due")
        screenshot(page, "readiness-head-due-gate")

        page.goto(device_url)
        page.get_by_role("button", name="I changed the head").click()
        page.get_by_text("New head recorded.").wait_for()
        assert "Ready" in page.get_by_test_id("device-readiness").inner_text()
        _every_page_offers(page, plan.pk)
        page.get_by_role("button", name="Begin: preparation").click()
        page.get_by_role("button", name="Next: what goes on your skin").wait_for()
        screenshot(page, "readiness-offered-again")
    console.assert_clean()
