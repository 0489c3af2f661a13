"""The professional's client page at phone width: a summary to read between patients, with the
recovery chart drawn and nothing wider than the screen."""

from __future__ import annotations

import pytest

from needlewise.sharing import services
from tests.conftest import make_user
from tests.e2e.conftest import log_in, screenshot
from tests.portability.conftest import fill
from tests.sharing.conftest import make_grant

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def test_the_client_summary_reads_at_phone_width(page, console):
    alice = make_user("alice@example.com", "Alice")
    fill(alice)
    bob = make_user("bob@example.com", "Bob")
    services.save_professional(bob, "Dermatologist", "GMC 1234567")
    grant = make_grant(alice, bob, ["profile_checks", "sessions_recovery", "products", "photos"])
    services.set_limits(grant, {"cheeks": "0.25"}, 7)
    log_in(page, "bob@example.com")
    page.goto(f"/sharing/clients/{grant.pk}/")
    page.get_by_role("heading", name="What changed since your last visit").wait_for()
    chart = page.get_by_test_id("recovery-chart")
    assert chart.locator("svg").is_visible()
    assert "check-ins from" in page.get_by_test_id("recovery-chart-words").inner_text()
    assert page.get_by_role("heading", name="Red flags").is_visible()
    assert page.locator("img[src*='thumb.jpg']").first.is_visible()
    assert "0.25 mm" in page.get_by_test_id("current-limits").inner_text()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
    screenshot(page, "sharing-client-summary")
    console.assert_clean()
