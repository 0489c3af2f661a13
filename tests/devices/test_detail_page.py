"""`/devices/<id>/`: FDA status, a length this device can do for each target, and hygiene."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from needlewise.accounts.services import update_profile
from needlewise.devices import services
from needlewise.devices.models import OwnedDevice
from tests.devices.conftest import custom, give_targets

NOW = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)


def page(client, device: OwnedDevice) -> str:
    response = client.get(f"/devices/{device.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_it_says_no_device_is_authorised_for_over_the_counter_sale(alice_client, roller):
    html = page(alice_client, roller)
    assert "No microneedling device is authorised by the FDA for over-the-counter sale" in html
    assert "Not FDA cleared" in html


def test_a_cleared_device_shows_its_number(alice_client, alice, catalogue):
    from needlewise.devices.models import CatalogueDevice

    skinpen = CatalogueDevice.objects.get(fda_number="DEN160029")
    device = services.add_device(alice, catalogue_id=skinpen.pk, kind="pen")
    html = page(alice_client, device)
    assert "FDA cleared · DEN160029" in html
    assert "facial acne scars" in html


def test_a_fixed_length_device_gets_the_note_preferring_adjustable_lengths(
    alice_client, roller, pen
):
    assert "Devices with adjustable lengths are preferable" in page(alice_client, roller)
    assert "Devices with adjustable lengths are preferable" not in page(alice_client, pen)


def test_without_targets_it_links_to_the_suitability_check(alice_client, roller):
    html = page(alice_client, roller)
    assert 'href="/check/' in html
    assert "Check if microneedling at home suits you" in html


def test_it_recommends_a_length_this_device_can_do_for_each_target(alice_client, alice, pen):
    give_targets(alice, ["acne_scars"], ["cheeks", "forehead"])
    html = page(alice_client, pen)
    assert html.count('data-testid="target"') == 2
    assert "The cheeks: acne scars" in html
    assert "Use 0.25 mm" in html  # a first session starts at the shortest setting
    assert "<summary>Why?</summary>" in html
    assert "needles.first_session_cap" in html
    assert 'class="grade"' in html


def test_a_device_with_only_longer_needles_cannot_do_it(alice_client, alice):
    give_targets(alice, ["texture"], ["cheeks"])
    device = custom(alice, [1.0, 1.5])
    html = page(alice_client, device)
    assert "This device cannot do it" in html
    assert "Your device has nothing at or below 0.25 mm" in html
    assert "Use a shorter head or a different device" in html


def test_skin_type_is_taken_into_account(alice_client, alice, pen):
    update_profile(alice, skin_type=5)
    give_targets(alice, ["fine_lines"], ["forehead"])
    assert "Skin type 5 marks more easily" in page(alice_client, pen)


def test_a_device_with_unknown_lengths_gets_the_length_to_set(alice_client, alice, catalogue):
    from needlewise.devices.models import CatalogueDevice

    bare = CatalogueDevice.objects.get(fda_number="K253153")
    device = services.add_device(alice, catalogue_id=bare.pk, kind="pen")
    give_targets(alice, ["texture"], ["cheeks"])
    html = page(alice_client, device)
    assert "we do not know this device’s lengths" in html


def test_it_shows_the_sterilisation_steps_and_state(alice_client, roller):
    with time_machine.travel(NOW, tick=False):
        html = page(alice_client, roller)
        assert "Not sterilised in the last 24 hours" in html
        assert "never recorded" in html
        assert "soak the head in 70% isopropyl alcohol for at least 10 minutes" in html
        assert "Never share it." in html
        services.record_sterilisation(roller, at=NOW - timedelta(hours=2))
        html = page(alice_client, roller)
        assert "Sterilised in the last 24 hours" in html
        assert "Mon 23 Nov, 18:00" in html
    with time_machine.travel(NOW + timedelta(hours=22), tick=False):
        assert "Sterilised in the last 24 hours" in page(alice_client, roller)
    with time_machine.travel(NOW + timedelta(hours=22, minutes=1), tick=False):
        assert "Not sterilised in the last 24 hours" in page(alice_client, roller)


def test_a_pen_gets_single_use_cartridge_advice_instead_of_a_soak(alice_client, pen):
    with time_machine.travel(NOW, tick=False):
        html = page(alice_client, pen)
        assert "Pen cartridges are single use" in html
        assert "Never share your pen" in html
        assert "I sterilised it now" not in html
        assert "I fitted a new cartridge" in html
        assert "No new cartridge in the last 24 hours" in html
        services.record_head_change(pen)
        assert "New cartridge fitted in the last 24 hours" in page(alice_client, pen)


def test_the_head_warning_comes_at_ten_uses(alice_client, roller):
    OwnedDevice.objects.filter(pk=roller.pk).update(uses=9)
    html = page(alice_client, roller)
    assert "Uses since the last head change: <strong>9</strong>" in html
    assert 'data-testid="head-warning"' not in html
    OwnedDevice.objects.filter(pk=roller.pk).update(uses=10)
    html = page(alice_client, roller)
    assert 'data-testid="head-warning"' in html
    assert "Replace the roller head after 10 uses or 90 days" in html


def test_a_head_change_starts_the_count_again(alice_client, roller):
    OwnedDevice.objects.filter(pk=roller.pk).update(uses=12)
    roller.refresh_from_db()
    services.record_head_change(roller)
    OwnedDevice.objects.filter(pk=roller.pk).update(uses=13)
    html = page(alice_client, roller)
    assert "Uses since the last head change: <strong>1</strong>" in html
    assert 'data-testid="head-warning"' not in html


def test_the_head_warning_comes_at_ninety_days(alice_client, alice, catalogue):
    from tests.devices.conftest import ROLLER

    with time_machine.travel(datetime(2026, 8, 1, 9, 0, tzinfo=UTC), tick=False):
        device = services.add_device(alice, catalogue_id=catalogue[ROLLER].pk)
    with time_machine.travel(datetime(2026, 10, 29, 9, 0, tzinfo=UTC), tick=False):  # day 89
        assert 'data-testid="head-warning"' not in page(alice_client, device)
    with time_machine.travel(datetime(2026, 10, 30, 9, 0, tzinfo=UTC), tick=False):  # day 90
        html = page(alice_client, device)
        assert 'data-testid="head-warning"' in html
        assert "in use for 90 days (since you added it on" in html


def test_days_count_from_the_first_use_when_given(alice_client, alice):
    with time_machine.travel(NOW, tick=False):
        device = services.add_device(
            alice,
            kind="roller",
            name="Old roller",
            lengths_mm=[0.25],
            first_used_on=(NOW - timedelta(days=100)).date(),
        )
        html = page(alice_client, device)
    assert "(since your first use on" in html
    assert 'data-testid="head-warning"' in html


@pytest.mark.parametrize("kind", ["stamp", "pen"])
def test_only_roller_heads_follow_the_roller_replacement_rule(alice_client, alice, kind):
    device = custom(alice, [0.25], kind=kind, name=f"A {kind}")
    OwnedDevice.objects.filter(pk=device.pk).update(uses=50)
    assert 'data-testid="head-warning"' not in page(alice_client, device)


def test_the_page_makes_a_fixed_number_of_queries(
    alice_client, alice, roller, django_assert_max_num_queries
):
    give_targets(alice, ["acne_scars", "texture"], ["cheeks", "forehead", "neck"])
    for _ in range(3):
        services.record_sterilisation(roller)
        services.record_head_change(roller)
    with django_assert_max_num_queries(7):
        page(alice_client, roller)


def test_anonymous_visitors_are_sent_to_log_in(client, roller):
    response = client.get(f"/devices/{roller.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_wrong_method_is_405(alice_client, roller):
    assert alice_client.post(f"/devices/{roller.pk}/").status_code == 405
