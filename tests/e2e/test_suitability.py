"""A new person completes the suitability check on a phone and reads the result."""

from __future__ import annotations

import pytest

from needlewise.suitability.questions import STEPS
from tests.conftest import make_user
from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def _log_in(page, email: str) -> None:
    make_user(email)
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill("correct-horse-battery-9")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Do the check").click()
    page.get_by_role("link", name="Start the check").click()


def _answer(page, tick: str, shots: bool = False) -> None:
    page.get_by_label("Birth date").fill("1988-06-15")
    page.get_by_label("Type 2: usually burns, tans with difficulty (fair)").check()
    for number in range(1, len(STEPS) + 1):
        if shots:
            screenshot(page, f"check-step-{number}")
        label = page.get_by_label(tick)
        if label.count():
            label.check()
        if number == len(STEPS):
            page.get_by_label("Cheeks").check()
            page.get_by_label("Smoother texture").check()
            page.get_by_role("button", name="See my result").click()
        else:
            page.get_by_role("button", name="Next").click()


def test_active_eczema_means_not_at_home_with_the_reason_and_professional_advice(page, console):
    _log_in(page, "ed@example.com")
    _answer(page, "Eczema that is flaring now", shots=True)
    verdict = page.get_by_role("heading", name="Not at home")
    verdict.wait_for()
    assert "eczema" in page.locator(".reasons").inner_text().lower()
    assert page.get_by_role("heading", name="How to consult a professional").is_visible()
    screenshot(page, "check-result-not-at-home")
    console.assert_clean()


def test_sunburn_means_not_now_with_a_recheck_date(page, console):
    _log_in(page, "sunny@example.com")
    _answer(page, "Sunburn")
    page.get_by_role("heading", name="Not now").wait_for()
    assert "Check again on" in page.locator(".result").first.inner_text()
    screenshot(page, "check-result-not-now")
    page.get_by_role("link", name="Needlewise home").click()
    assert "Not now" in page.locator("main").inner_text()
    console.assert_clean()
