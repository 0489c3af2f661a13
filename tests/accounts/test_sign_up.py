from __future__ import annotations

import pytest

from needlewise.accounts.models import Profile, User

URL = "/accounts/signup/"
GOOD = {
    "email": "Dana@Example.com",
    "display_name": "Dana",
    "password1": "a-long-enough-passphrase",
    "password2": "a-long-enough-passphrase",
}


def test_a_new_person_signs_up_and_is_logged_in(client, db):
    response = client.post(URL, GOOD)
    assert response.status_code == 302
    user = User.objects.get(email="dana@example.com")
    assert user.password.startswith("argon2")
    assert Profile.objects.get(user=user).display_name == "Dana"
    assert client.get("/").context["user"] == user


@pytest.mark.parametrize(
    "change, field, message",
    [
        ({"email": "not-an-address"}, "email", "e-mail address, such as"),
        ({"password2": "something-else-entirely"}, "password2", "not the same"),
        ({"password1": "short", "password2": "short"}, "password1", "too short"),
        ({"password1": "password123", "password2": "password123"}, "password1", "too common"),
        ({"display_name": "x" * 81}, "display_name", "at most 80"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_written(client, db, change, field, message):
    response = client.post(URL, {**GOOD, **change})
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert response.context["form"]["display_name"].value() == {**GOOD, **change}["display_name"]
    assert not User.objects.exists()


def test_an_address_in_use_is_refused(client, alice):
    response = client.post(URL, {**GOOD, "email": "ALICE@example.com"})
    assert response.status_code == 400
    assert "already exists" in response.content.decode()
    assert User.objects.count() == 1


def test_wrong_method_is_405(client, db):
    assert client.put(URL).status_code == 405


def test_signed_in_people_are_sent_home(alice_client):
    assert alice_client.get(URL).status_code == 302
