"""Passkey endpoints refuse what does not prove a passkey, in words, and change nothing.
(The ceremonies themselves run in Chromium: tests/e2e/test_two_factors.py.)"""

from __future__ import annotations

import json

import pytest
from django.test import Client
from webauthn.helpers import bytes_to_base64url

from needlewise.accounts import factors
from needlewise.accounts.models import Passkey
from tests.accounts.factor_helpers import give_app
from tests.conftest import PASSWORD

OPTIONS = "/accounts/security/passkeys/options/"
REGISTER = "/accounts/security/passkeys/"
LOGIN_OPTIONS = "/accounts/login/passkey/options/"
LOGIN = "/accounts/login/passkey/"


def _passkey(user, name: str = "my phone") -> Passkey:
    """A stored passkey row, as registration leaves it (its key is never used here)."""
    return Passkey.objects.create(
        user=user, name=name, credential_id=_id(user, name), public_key=b"\x00"
    )


def _id(user, name: str = "my phone") -> str:
    return bytes_to_base64url(f"{user.pk}-{name}".encode())


def _post(client: Client, url: str, body: object) -> object:
    return client.post(url, json.dumps(body), content_type="application/json")


def test_registration_options_name_this_host_and_need_a_log_in(alice_client, client):
    options = alice_client.post(OPTIONS).json()
    assert options["rp"] == {"id": "testserver", "name": "Needlewise"}
    assert options["user"]["name"] == "alice@example.com"
    assert "alice" not in options["user"]["id"]  # the handle carries no address
    assert options["authenticatorSelection"]["residentKey"] == "required"
    assert options["authenticatorSelection"]["userVerification"] == "required"
    assert alice_client.get(OPTIONS).status_code == 405
    assert client.post(OPTIONS).status_code == 302


@pytest.mark.parametrize(
    "body", [b"not json", b"[]", b'{"credential": "x"}', b'{"credential": {"id": "x"}}']
)
def test_a_registration_that_proves_nothing_is_a_400_in_words(alice_client, body):
    alice_client.post(OPTIONS)
    response = alice_client.post(REGISTER, body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"].endswith(("Please try again.", "JSON.", "unknown shape."))
    assert not Passkey.objects.exists()


def test_a_registration_without_its_challenge_has_expired(alice_client):
    response = _post(alice_client, REGISTER, {"credential": {"id": "x"}})
    assert response.status_code == 400
    assert "expired" in response.json()["detail"]


def test_a_challenge_is_used_once(alice_client):
    alice_client.post(OPTIONS)
    _post(alice_client, REGISTER, {"credential": {"id": "x"}})
    again = _post(alice_client, REGISTER, {"credential": {"id": "x"}})
    assert "expired" in again.json()["detail"]


def test_an_unknown_passkey_signs_nobody_in(client, alice):
    options = client.post(LOGIN_OPTIONS).json()
    assert options["allowCredentials"] == []  # any passkey here: the passkey alone
    assert options["userVerification"] == "required"
    response = _post(client, LOGIN, {"credential": {"id": "nobody"}})
    assert response.status_code == 400
    assert "not registered" in response.json()["detail"]
    assert client.get("/accounts/profile/").status_code == 302


def test_after_the_password_only_that_accounts_passkeys_are_offered(client, alice, bob):
    _passkey(alice)
    _passkey(bob)
    client.post("/accounts/login/", {"username": "alice@example.com", "password": PASSWORD})
    options = client.post(LOGIN_OPTIONS).json()
    assert [c["id"] for c in options["allowCredentials"]] == [_id(alice)]
    # Bob's passkey cannot finish Alice's log-in.
    response = _post(client, LOGIN, {"credential": {"id": _id(bob)}})
    assert "not registered" in response.json()["detail"]
    assert client.get("/accounts/profile/").status_code == 302


def test_a_passkey_alone_is_a_second_factor(alice):
    assert not factors.has_second_factor(alice)
    _passkey(alice)
    assert factors.has_second_factor(alice)


def test_removing_a_passkey_needs_the_password_and_a_fresh_factor(alice_client, alice, clock):
    passkey = _passkey(alice)
    _, codes = give_app(alice)
    url = f"/accounts/security/passkeys/{passkey.pk}/remove/"
    assert "Use a passkey instead" in alice_client.get(url).content.decode()
    wrong = alice_client.post(url, {"password": "nope", "code": codes[0]})
    assert wrong.status_code == 400
    assert Passkey.objects.filter(pk=passkey.pk).exists()
    bad_passkey = alice_client.post(url, {"password": PASSWORD, "passkey": '{"id": "x"}'})
    assert bad_passkey.status_code == 400
    assert "expired" in bad_passkey.content.decode()
    done = alice_client.post(url, {"password": PASSWORD, "code": codes[0]}, follow=True)
    assert "Passkey “my phone” removed." in done.content.decode()
    assert not Passkey.objects.filter(pk=passkey.pk).exists()


def test_nobody_removes_another_persons_passkey(alice_client, bob):
    passkey = _passkey(bob)
    url = f"/accounts/security/passkeys/{passkey.pk}/remove/"
    assert alice_client.get(url).status_code == 404
    assert alice_client.post(url, {"password": PASSWORD, "code": "x"}).status_code == 404
    assert Passkey.objects.filter(pk=passkey.pk).exists()


def test_the_security_page_lists_passkeys(alice_client, alice):
    _passkey(alice, "work laptop")
    text = alice_client.get("/accounts/security/").content.decode()
    assert "work laptop" in text
    assert 'data-passkey="register"' in text
