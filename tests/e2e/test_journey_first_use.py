"""Issue 17, "First use, guided", on a phone: Nora opens the home page, signs up and is led from
the welcome through the check, her device, keeping it sterile and her plan (filled in from the
check) to her first session's date, without typing an address. Every tap is counted.

Before issue 17 the same path took more than 20 taps: sign-up landed on the profile form, the
check's result ended in "All checks", the plan form asked the areas and concerns again and its
device list was empty until she found the devices page herself. She also left half-way: Today
offered "Continue setting up" at the step she had reached, read from her records."""

from __future__ import annotations

import re

import pytest

from needlewise.accounts.models import Profile
from needlewise.devices.catalogue import load_catalogue
from needlewise.treatments.models import Plan
from tests.e2e.conftest import PHONE, screenshot

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a-long-enough-passphrase"
ROLLER = "Generic 0.25 mm roller"
#: Taps from the home page to the first session's date (today's count is printed).
MOST_TAPS = 20


class Taps:
    """Clicks, ticks and fields filled, counted as the person makes them."""

    def __init__(self) -> None:
        self.count = 0

    def click(self, locator) -> None:
        locator.click()
        self.count += 1

    def check(self, locator) -> None:
        locator.check()
        self.count += 1

    def fill(self, locator, value: str) -> None:
        locator.fill(value)
        self.count += 1


def _steps_say(page, number: int) -> None:
    steps = page.get_by_test_id("setup-steps")
    assert f"Step {number} of 6" in steps.inner_text()
    assert steps.locator("[aria-current=step]").count() == 1


def test_sign_up_to_the_first_planned_session(page, console):
    load_catalogue()  # a transactional test starts from an empty database
    taps = Taps()
    page.goto("/")
    taps.click(page.get_by_role("link", name="Create a free account"))
    taps.fill(page.get_by_label("E-mail address"), "nora@example.com")
    taps.fill(page.get_by_label("Password", exact=True), PASSWORD)
    taps.fill(page.get_by_label("Password again"), PASSWORD)
    taps.click(page.get_by_role("button", name="Create account"))

    page.get_by_role("heading", name=re.compile("Welcome to Needlewise")).wait_for()
    _steps_say(page, 1)
    screenshot(page, "first-use-welcome")
    taps.click(page.get_by_role("link", name="Start: is it safe for you?"))

    _steps_say(page, 2)
    taps.fill(page.get_by_label("Birth date"), "1988-05-17")
    taps.check(page.get_by_label("Type 3: sometimes burns, tans gradually (medium)"))
    while not page.get_by_role("button", name="See my result").count():
        taps.click(page.get_by_role("button", name="Next"))
        page.wait_for_load_state()
    taps.check(page.get_by_label("Cheeks", exact=True))
    taps.check(page.get_by_label("Smoother texture", exact=True))
    taps.click(page.get_by_role("button", name="See my result"))
    page.get_by_role("heading", name="Go").wait_for()
    _steps_say(page, 2)
    screenshot(page, "first-use-result")

    # She stops here, and Today brings her back to the step she reached.
    taps.click(page.get_by_test_id("setup-next").get_by_role("link", name="Finish later"))
    resume = page.get_by_test_id("setup-continue")
    assert "Step 3 of 6" in resume.inner_text()
    screenshot(page, "first-use-today-resume")
    taps.click(resume.get_by_role("link", name="Continue setting up"))

    _steps_say(page, 3)
    screenshot(page, "first-use-device")
    taps.click(page.get_by_role("button", name=f"Add this device: {ROLLER}"))

    page.get_by_role("heading", name=re.compile("sterile")).wait_for()
    _steps_say(page, 4)
    assert page.get_by_test_id("hygiene-advice").locator("li").count() >= 1
    screenshot(page, "first-use-sterilise")
    taps.click(page.get_by_role("link", name="Next: your plan"))

    _steps_say(page, 5)
    assert "Smoother texture" in page.get_by_test_id("plan-from-check").inner_text()
    assert "0.25 mm" in page.get_by_test_id("suggested-lengths").inner_text()
    assert page.get_by_label("Device").locator("option:checked").inner_text() == ROLLER
    screenshot(page, "first-use-plan")
    taps.click(page.get_by_role("button", name="Save plan"))

    page.get_by_role("heading", name="Your first session").wait_for()
    _steps_say(page, 6)
    plan = Plan.objects.get(user__email="nora@example.com")
    assert (plan.concern, plan.areas, plan.needle_mm) == ("texture", ["cheeks"], {"cheeks": 0.25})
    assert page.get_by_test_id("first-date").inner_text() == f"{plan.start_date:%A %-d %B}"
    screenshot(page, "first-use-first-date")

    # Her detour, "Finish later" and "Continue setting up", took the place of "Next: your device".
    straight = taps.count - 1
    print(f"\nfirst use: {straight} taps from the home page to the first session's date")  # noqa: T201
    assert straight <= MOST_TAPS
    # Back on Today, the setup is behind her.
    page.get_by_role("link", name="Go to Today").click()
    page.get_by_role("heading", name=re.compile("Today")).wait_for()
    assert page.get_by_test_id("setup-continue").count() == 0
    console.assert_clean()


@pytest.mark.parametrize("zone", ["Europe/Berlin", "America/Sao_Paulo"])
def test_sign_up_takes_the_browsers_time_zone(live_server, browser, zone):
    context = browser.new_context(viewport=PHONE, base_url=live_server.url, timezone_id=zone)
    page = context.new_page()
    page.goto("/accounts/signup/")
    page.get_by_label("E-mail address").fill("zed@example.com")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.get_by_role("heading", name=re.compile("Welcome")).wait_for()
    context.close()
    assert Profile.objects.get(user__email="zed@example.com").time_zone == zone
