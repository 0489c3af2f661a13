"""Issue 15 item 6, on a phone: "FDA cleared" is earned. Finn describes a roller the list does
not hold: without a number it shows no green badge, nor with a number the FDA list does not
have; once he gives the 510(k) number that is in the catalogue, the badge shows it, on the
device page and in his list of devices.

Before last session's fixes (git show 50e1111) the custom-device form offered "FDA cleared" as
a plain choice with no number field, and the badge showed whatever was chosen, green and
numberless."""

from __future__ import annotations

import pytest

from needlewise.devices.catalogue import load_catalogue
from tests.conftest import make_user
from tests.e2e.conftest import log_in, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def _fda(page) -> str:
    return page.locator("section[aria-labelledby=fda-heading]").inner_text()


def _green_badges(page) -> int:
    """Badges in the FDA colour of "cleared" (the level-ok look), on this page's main part."""
    return page.locator("main .level-ok", has_text="FDA cleared").count()


def test_only_a_number_in_the_catalogue_earns_the_fda_cleared_badge(page, console):
    load_catalogue()  # a transactional test starts from an empty database
    make_user("finn@example.com", "Finn")
    log_in(page, "finn@example.com")

    page.goto("/devices/add/custom/")
    assert page.get_by_label("FDA cleared", exact=True).count() == 0  # not a thing to claim
    page.get_by_label("Device name").fill("Bathroom roller")
    page.get_by_label("Roller").check()
    page.get_by_label("Needle lengths (mm)").fill("0.25")
    page.get_by_role("button", name="Add this device").click()
    page.get_by_role("heading", name="Bathroom roller", level=1).wait_for()
    assert "FDA status not known" in _fda(page)
    assert _green_badges(page) == 0
    screenshot(page, "journey-fda-no-number")

    page.get_by_role("link", name="Change kind, lengths or name").click()
    page.get_by_label("510(k) or De Novo number").fill("K999999")
    page.get_by_role("button", name="Save changes").click()
    page.get_by_test_id("number-unknown").wait_for()
    assert "K999999 is not in the FDA list we have" in _fda(page)
    assert _green_badges(page) == 0

    page.get_by_role("link", name="Change kind, lengths or name").click()
    page.get_by_label("510(k) or De Novo number").fill("k230420")
    page.get_by_role("button", name="Save changes").click()
    page.get_by_text("FDA cleared · K230420").wait_for()
    assert _green_badges(page) == 1
    assert page.get_by_test_id("number-unknown").count() == 0
    screenshot(page, "journey-fda-catalogue-number")

    page.goto("/devices/")
    assert _green_badges(page) == 1
    assert "FDA cleared · K230420" in page.locator("main").inner_text()
    console.assert_clean()
