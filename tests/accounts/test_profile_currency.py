"""The currency a person keeps their costs in: chosen on the profile, EUR until then."""

from __future__ import annotations

import pytest

from needlewise.accounts.models import Profile
from tests.accounts.test_profile import GOOD, URL


def test_the_currency_is_euro_until_chosen(alice_client, alice):
    page = alice_client.get(URL).content.decode()
    assert 'name="currency"' in page
    assert "Pound sterling (GBP, £)" in page
    assert Profile.objects.get(user=alice).currency == "EUR"
    assert alice_client.get("/api/me").json()["currency"] == "EUR"


def test_a_chosen_currency_is_saved_and_shown_by_the_api(alice_client, alice):
    response = alice_client.post(URL, {**GOOD, "currency": "GBP"})
    assert response.status_code == 302
    assert Profile.objects.get(user=alice).currency == "GBP"
    assert alice_client.get("/api/me").json()["currency"] == "GBP"


def test_a_post_without_the_currency_keeps_it(alice_client, alice):
    Profile.objects.filter(user=alice).update(currency="CHF")
    assert alice_client.post(URL, GOOD).status_code == 302
    assert Profile.objects.get(user=alice).currency == "CHF"


@pytest.mark.parametrize("code", ["XYZ", "eur", "EURO", "€"])
def test_a_bad_currency_is_refused_and_nothing_changes(alice_client, alice, code):
    response = alice_client.post(URL, {**GOOD, "currency": code})
    assert response.status_code == 400
    assert "options offered" in " ".join(response.context["form"].errors["currency"])
    profile = Profile.objects.get(user=alice)
    assert (profile.currency, profile.time_zone) == ("EUR", "UTC")
