from __future__ import annotations

import pytest

from needlewise.accounts.models import Profile

URL = "/accounts/profile/"
GOOD = {
    "display_name": "Alice A.",
    "birth_date": "1990-04-02",
    "skin_type": "4",
    "time_zone": "Europe/Paris",
    "units": "metric",
}


def test_profile_changes_are_saved_and_shown(alice_client, alice):
    response = alice_client.post(URL, GOOD)
    assert response.status_code == 302
    profile = Profile.objects.get(user=alice)
    assert (profile.display_name, profile.skin_type, profile.time_zone) == (
        "Alice A.",
        4,
        "Europe/Paris",
    )
    page = alice_client.get(URL).content.decode()
    assert "Profile saved." in page
    assert 'value="Alice A."' in page


def test_skin_types_are_described_in_plain_words(alice_client):
    page = alice_client.get(URL).content.decode()
    assert "always burns, never tans" in page
    assert "never burns (dark brown to black)" in page


@pytest.mark.parametrize(
    "change, field, message",
    [
        ({"birth_date": "2999-01-01"}, "birth_date", "cannot be in the future"),
        ({"birth_date": "1850-01-01"}, "birth_date", "before 1900"),
        ({"birth_date": "02/31/1990"}, "birth_date", "not a date"),
        ({"skin_type": "7"}, "skin_type", "options offered"),
        ({"time_zone": "Mars/Olympus"}, "time_zone", "options offered"),
        ({"units": "cubits"}, "units", "options offered"),
    ],
)
def test_bad_input_is_explained_and_nothing_changes(alice_client, alice, change, field, message):
    response = alice_client.post(URL, {**GOOD, **change})
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert Profile.objects.get(user=alice).time_zone == "UTC"


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_wrong_method_is_405(alice_client):
    assert alice_client.delete(URL).status_code == 405
