"""On a phone: add a catalogue device, record a sterilisation, see it on the device page."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def signed_in(page, live_server, settings):
    """Hana, signed in through her session cookie (the log-in page has its own tests)."""
    from django.test import Client

    from needlewise.devices.catalogue import load_catalogue
    from tests.conftest import make_user
    from tests.devices.conftest import give_targets

    load_catalogue()  # a transactional test starts from an empty database
    user = make_user("hana@example.com", "Hana")
    give_targets(user, ["texture"], ["cheeks"])
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    name = settings.SESSION_COOKIE_NAME
    page.context.add_cookies([{"name": name, "value": client.cookies[name].value,
                               "url": live_server.url}])  # fmt: skip
    return page


def test_add_a_device_sterilise_it_and_see_it(signed_in, console):
    page = signed_in
    page.goto("/devices/")
    page.get_by_text("You have not added a device yet").wait_for()
    screenshot(page, "devices-empty")
    page.get_by_role("link", name="Add a device").click()
    screenshot(page, "devices-add")
    page.get_by_label("Search by name, maker or 510(k) number").fill("roller")
    page.get_by_role("button", name="Search").click()
    page.get_by_text("found for “roller”").wait_for()
    page.get_by_role("button", name="Add this device: Generic 0.25 mm roller").click()

    page.get_by_role("heading", name="Generic 0.25 mm roller", level=1).wait_for()
    assert page.get_by_text("added to your devices").is_visible()
    assert page.get_by_test_id("otc").is_visible()
    assert (
        "Not sterilised in the last 24 hours"
        in page.get_by_test_id("sterilisation-state").inner_text()
    )
    assert "Use 0.25 mm" in page.get_by_test_id("target").inner_text()
    screenshot(page, "device-new")

    page.get_by_role("button", name="I sterilised it now").click()
    page.get_by_text("Sterilisation recorded").wait_for()
    assert (
        "Sterilised in the last 24 hours" in page.get_by_test_id("sterilisation-state").inner_text()
    )
    assert page.get_by_text("Recent sterilisations").is_visible()
    page.get_by_text("Why?").first.click()
    screenshot(page, "device-sterilised")

    page.get_by_role("link", name="Your devices").click()
    card = page.get_by_role("listitem").filter(has_text="Generic 0.25 mm roller")
    assert "Hygiene up to date" in card.inner_text()
    screenshot(page, "devices-list")
    console.assert_clean()


def test_a_short_soak_is_refused_with_the_reason(signed_in, console):
    page = signed_in
    page.goto("/devices/add/?q=generic+0.5")
    page.get_by_role("button", name="Add this device: Generic 0.5 mm roller").click()
    page.get_by_label("Minutes in the alcohol").fill("4")
    page.get_by_role("button", name="I sterilised it now").click()
    page.get_by_text("A soak of 4 minutes is too short").first.wait_for()
    assert page.get_by_label("Minutes in the alcohol").input_value() == "4"
    screenshot(page, "device-sterilise-error")
    console.assert_clean(expected_status=400)


def test_a_custom_device_with_longer_needles_cannot_do_it(signed_in, console):
    page = signed_in
    page.goto("/devices/add/custom/")
    page.get_by_label("Device name").fill("Long roller")
    page.get_by_label("Roller").check()
    page.get_by_label("Needle lengths (mm)").fill("1.0, 1.5")
    screenshot(page, "device-add-custom")
    page.get_by_role("button", name="Add this device").click()
    page.get_by_text("This device cannot do it").wait_for()
    screenshot(page, "device-cannot")
    console.assert_clean()


def test_a_cleared_device_of_unknown_kind_asks_the_kind_first(signed_in, console):
    page = signed_in
    page.goto("/devices/add/")
    page.get_by_label("Search by name, maker or 510(k) number").fill("DEN160029")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Add this device: SkinPen Precision System").click()
    page.get_by_role("button", name="Add this device").click()
    page.get_by_text("Say which kind of device it is").first.wait_for()
    page.get_by_label("Pen").check()
    screenshot(page, "device-add-kind")
    page.get_by_role("button", name="Add this device").click()
    page.get_by_role("heading", name="SkinPen Precision System", level=1).wait_for()
    assert page.get_by_text("FDA cleared · DEN160029").is_visible()
    assert page.get_by_role("button", name="I fitted a new cartridge").is_visible()
    screenshot(page, "device-cleared-pen")
    console.assert_clean(expected_status=400)
