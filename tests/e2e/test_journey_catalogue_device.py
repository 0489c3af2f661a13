"""Issue 15 item 5, on a phone: Cleo screens, finds her FDA-cleared device in the catalogue (its
entry has no name and no kind or lengths in the FDA list), adds it, and tries to plan. The
refusal names the missing needle lengths; she sets the kind and lengths on the device's edit
page and plans with it.

Before last session's fixes (git show 50e1111 c34416d) every such entry read "Kind not known ·
lengths not known" under the heading "QAI 510(k) K253153", the device had no edit page
(/devices/<id>/edit/ did not exist) and planning failed with the needle rule's unrelated
"For a first session, start at 0.25 mm"; near-duplicate entries were listed twice."""

from __future__ import annotations

import pytest

from needlewise.devices.catalogue import load_catalogue
from tests.conftest import make_user
from tests.e2e.checks import answer_check
from tests.e2e.conftest import log_in, screenshot
from tests.e2e.steps import fill_plan

pytestmark = pytest.mark.django_db(transaction=True)

NAME = "Microneedling device, 510(k) K253153"


def _search(page, words: str) -> None:
    page.goto("/devices/add/")
    page.get_by_label("Search by name, maker or 510(k) number").fill(words)
    page.get_by_role("button", name="Search").click()
    page.get_by_text(f"found for “{words}”").wait_for()


def _plan(page, device: str) -> None:
    page.goto("/plans/new/")
    fill_plan(page, device=device)


def test_a_catalogue_device_is_given_its_kind_and_lengths_then_planned_with(page, console):
    load_catalogue()  # a transactional test starts from an empty database
    make_user("cleo@example.com", "Cleo")
    log_in(page, "cleo@example.com")
    page.get_by_role("link", name="Do the check").click()
    page.get_by_role("link", name="Start the check").click()
    answer_check(page)
    page.get_by_role("heading", name="Go").wait_for()

    _search(page, "exceed")  # two entries of one firm's device, spelled apart: shown once
    cards = page.get_by_test_id("catalogue-entry")
    assert cards.count() == 2
    assert page.get_by_role("heading", name="Exceed Microneedling Device").count() == 1
    assert page.get_by_text("Also listed under K182407").is_visible()

    _search(page, "K253153")
    card = page.get_by_test_id("catalogue-entry")
    text = card.inner_text()
    assert card.get_by_role("heading").inner_text() == NAME
    assert "FDA cleared · K253153" in text
    assert "The FDA list does not give its kind or needle lengths" in text
    assert "QAI 510(k)" not in text and "Kind not known" not in text
    screenshot(page, "journey-catalogue-card")
    card.get_by_role("link", name=f"Add this device: {NAME}").click()
    page.get_by_role("heading", name=f"Add {NAME}").wait_for()
    page.get_by_label("Stamp").check()  # what she first believes; lengths left for later
    page.get_by_role("button", name="Add this device").click()

    page.get_by_role("heading", name=NAME, level=1).wait_for()
    assert "needle lengths not recorded" in page.get_by_test_id("device-summary").inner_text()
    assert page.get_by_test_id("no-lengths").is_visible()

    _plan(page, NAME)
    page.get_by_text("This device has no needle lengths recorded").first.wait_for()
    assert "For a first session, start at 0.25 mm" not in page.locator("main").inner_text()
    screenshot(page, "journey-catalogue-plan-refused")
    page.get_by_role("link", name=f"Add the needle lengths of {NAME}").click()

    page.get_by_role("heading", name=f"Change {NAME}").wait_for()
    page.get_by_label("Roller").check()
    page.get_by_label("Needle lengths (mm)").fill("0.25, 0.5")
    screenshot(page, "journey-catalogue-edit")
    page.get_by_role("button", name="Save changes").click()
    summary = page.get_by_test_id("device-summary")
    summary.wait_for()
    assert summary.inner_text().startswith("Roller")
    assert "0.25 mm, 0.5 mm" in summary.inner_text()
    assert page.get_by_test_id("no-lengths").count() == 0
    assert "Use 0.25 mm" in page.get_by_test_id("target").first.inner_text()

    _plan(page, NAME)
    page.get_by_text("Plan saved.").wait_for()
    assert NAME in page.locator("main").inner_text()
    assert page.get_by_label("Cheeks").input_value() == "0.25"
    screenshot(page, "journey-catalogue-planned")
    console.assert_clean(expected_status=400)
