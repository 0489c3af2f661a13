"""The authenticator app and recovery codes: set-up, the log-in step, turning them off."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from needlewise.accounts.models import RecoveryCode, TotpDevice
from tests.accounts.factor_helpers import STEP, app_code, give_app
from tests.conftest import PASSWORD

LOGIN = "/accounts/login/"
STEP2 = "/accounts/login/second-factor/"


def _password(client: Client, next_url: str = "") -> object:
    data = {"username": "alice@example.com", "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(LOGIN, data)


def _signed_in(client: Client) -> bool:
    return client.get("/accounts/profile/").status_code == 200


# --- Set-up


def test_set_up_shows_a_qr_code_and_the_key_and_keeps_nothing_until_confirmed(alice_client, alice):
    page = alice_client.get("/accounts/security/app/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in text
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7]+)<', text).group(1)
    assert not TotpDevice.objects.exists()
    again = alice_client.get("/accounts/security/app/").content.decode()
    assert secret in again  # a reload does not change the key already scanned


def test_a_wrong_code_at_set_up_is_refused_in_words(alice_client, alice, clock):
    alice_client.get("/accounts/security/app/")
    response = alice_client.post("/accounts/security/app/", {"code": "000000"})
    assert response.status_code == 400
    assert "does not match" in response.content.decode()
    assert not TotpDevice.objects.exists()
    assert not RecoveryCode.objects.exists()


def test_confirming_turns_the_app_on_and_shows_ten_recovery_codes_once(alice_client, alice, clock):
    page = alice_client.get("/accounts/security/app/").content.decode()
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7]+)<', page).group(1)
    response = alice_client.post("/accounts/security/app/", {"code": app_code(secret)})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/security/recovery-codes/"
    shown = alice_client.get(response["Location"]).content.decode()
    codes = re.findall(r"<code>([a-z0-9-]{19})</code>", shown)
    assert len(codes) == 10
    assert "will not be shown again" in shown
    # Gone after one showing, and never stored as they are.
    assert alice_client.get("/accounts/security/recovery-codes/").status_code == 302
    digests = set(RecoveryCode.objects.values_list("digest", flat=True))
    assert not any(code in digests or code.replace("-", "") in digests for code in codes)
    assert TotpDevice.objects.get(user=alice).secret == secret


def test_the_security_page_says_what_is_on(alice_client, alice):
    assert "Add an authenticator app" in alice_client.get("/accounts/security/").content.decode()
    give_app(alice)
    text = alice_client.get("/accounts/security/").content.decode()
    assert "Remove the authenticator app" in text
    assert "10 of 10 recovery codes left" in text


def test_the_security_pages_need_a_log_in(client):
    assert client.get("/accounts/security/")["Location"].startswith("/accounts/login/")
    assert client.get("/accounts/security/app/")["Location"].startswith("/accounts/login/")


# --- Log-in


def test_an_account_without_a_factor_logs_in_with_the_password_alone(client, alice):
    response = _password(client)
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert _signed_in(client)


def test_the_password_alone_does_not_sign_in_an_account_with_an_app(client, alice, clock):
    give_app(alice)
    response = _password(client, next_url="/progress/")
    assert response.status_code == 302
    assert response["Location"] == STEP2
    assert not _signed_in(client)
    assert "One more step" in client.get(STEP2).content.decode()


def test_the_app_code_completes_the_log_in_and_goes_where_asked(client, alice, clock):
    secret, _ = give_app(alice)
    _password(client, next_url="/progress/")
    response = client.post(STEP2, {"code": app_code(secret)})
    assert response.status_code == 302
    assert response["Location"] == "/progress/"
    assert _signed_in(client)


def test_a_wrong_code_is_refused_and_says_why(client, alice, clock):
    give_app(alice)
    _password(client)
    response = client.post(STEP2, {"code": "123456"})
    assert response.status_code == 400
    assert "not right, or was used already" in response.content.decode()
    assert not _signed_in(client)


def test_a_code_works_once(client, alice, clock):
    secret, _ = give_app(alice)
    code = app_code(secret)
    _password(client)
    client.post(STEP2, {"code": code})
    other = Client()
    _password(other)
    assert other.post(STEP2, {"code": code}).status_code == 400
    clock.shift(STEP)
    assert other.post(STEP2, {"code": app_code(secret)}).status_code == 302


def test_a_recovery_code_works_instead_once(client, alice, clock):
    _, codes = give_app(alice)
    _password(client)
    response = client.post(STEP2, {"code": codes[3].upper()}, follow=True)
    assert "You used a recovery code; 9 left" in response.content.decode()
    assert _signed_in(client)
    other = Client()
    _password(other)
    assert other.post(STEP2, {"code": codes[3]}).status_code == 400
    assert other.post(STEP2, {"code": codes[4]}).status_code == 302


def test_five_wrong_codes_send_the_person_back_to_the_password(client, alice, clock):
    secret, _ = give_app(alice)
    _password(client)
    for _ in range(4):
        assert client.post(STEP2, {"code": "000000"}).status_code == 400
    fifth = client.post(STEP2, {"code": "000000"})
    assert fifth["Location"] == LOGIN
    assert client.post(STEP2, {"code": app_code(secret)})["Location"] == LOGIN
    assert not _signed_in(client)


def test_the_second_step_waits_five_minutes_at_most(client, alice, clock):
    secret, _ = give_app(alice)
    _password(client)
    clock.shift(STEP * 11)
    response = client.post(STEP2, {"code": app_code(secret)})
    assert response["Location"] == LOGIN
    assert not _signed_in(client)


def test_the_second_step_without_a_password_first_goes_to_the_log_in(client):
    assert client.get(STEP2)["Location"] == LOGIN


# --- Turning off, new codes, the person's own requirement


@pytest.fixture
def alice_app(alice, clock):
    return give_app(alice)


def test_removing_the_app_needs_the_password(alice_client, alice, alice_app):
    secret, _ = alice_app
    response = alice_client.post(
        "/accounts/security/app/remove/", {"password": "wrong", "code": app_code(secret)}
    )
    assert response.status_code == 400
    assert "not your password" in response.content.decode()
    assert TotpDevice.objects.filter(user=alice).exists()


def test_removing_the_app_needs_a_fresh_code(alice_client, alice, alice_app):
    response = alice_client.post(
        "/accounts/security/app/remove/", {"password": PASSWORD, "code": "000000"}
    )
    assert response.status_code == 400
    assert TotpDevice.objects.filter(user=alice).exists()


def test_removing_the_app_with_both_turns_it_off_and_drops_the_codes(
    client, alice_client, alice, alice_app
):
    secret, _ = alice_app
    response = alice_client.post(
        "/accounts/security/app/remove/", {"password": PASSWORD, "code": app_code(secret)}
    )
    assert response["Location"] == "/accounts/security/"
    assert not TotpDevice.objects.filter(user=alice).exists()
    assert not RecoveryCode.objects.filter(user=alice).exists()
    assert _password(client)["Location"] == "/"  # the password alone again


def test_new_recovery_codes_replace_the_old_ones(alice_client, alice, alice_app, clock):
    _, old = alice_app
    response = alice_client.post(
        "/accounts/security/recovery-codes/new/", {"password": PASSWORD, "code": old[0]}
    )
    assert response["Location"] == "/accounts/security/recovery-codes/"
    new = re.findall(
        r"<code>([a-z0-9-]{19})</code>", alice_client.get(response["Location"]).content.decode()
    )
    assert len(new) == 10
    other = Client()
    _password(other)
    assert other.post(STEP2, {"code": old[1]}).status_code == 400
    assert other.post(STEP2, {"code": new[0]}).status_code == 302


def test_a_required_factor_cannot_be_removed_until_the_requirement_is_off(
    alice_client, alice, alice_app, clock
):
    secret, codes = alice_app
    assert alice_client.post("/accounts/security/require/")["Location"] == "/accounts/security/"
    assert (
        "<strong>On.</strong> Your account cannot"
        in alice_client.get("/accounts/security/").content.decode()
    )
    refused = alice_client.post(
        "/accounts/security/app/remove/",
        {"password": PASSWORD, "code": app_code(secret)},
        follow=True,
    )
    assert "Turn that off first" in refused.content.decode()
    assert TotpDevice.objects.filter(user=alice).exists()
    off = alice_client.post(
        "/accounts/security/require/off/", {"password": PASSWORD, "code": codes[0]}
    )
    assert off.status_code == 302
    clock.shift(STEP)
    alice_client.post(
        "/accounts/security/app/remove/", {"password": PASSWORD, "code": app_code(secret)}
    )
    assert not TotpDevice.objects.filter(user=alice).exists()


def test_requiring_a_factor_needs_one_first(alice_client, alice):
    response = alice_client.post("/accounts/security/require/", follow=True)
    assert "Add an authenticator app or a passkey first" in response.content.decode()
    assert alice_client.get("/accounts/security/require/").status_code == 405


def test_five_wrong_tries_on_the_confirm_page_sign_the_browser_out(alice_client, alice, alice_app):
    url = "/accounts/security/app/remove/"
    for _ in range(4):
        assert alice_client.post(url, {"password": "guess", "code": "1"}).status_code == 400
    fifth = alice_client.post(url, {"password": "guess", "code": "1"})
    assert fifth["Location"] == LOGIN
    assert not _signed_in(alice_client)
    assert TotpDevice.objects.filter(user=alice).exists()


def test_the_admin_log_in_goes_through_the_second_factor_too(client, alice, clock):
    alice.is_staff = alice.is_superuser = True
    alice.save()
    give_app(alice)
    response = client.post(
        "/admin/login/?next=/admin/", {"username": alice.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/"
    assert client.get("/admin/").status_code == 302  # not signed in by the password alone
