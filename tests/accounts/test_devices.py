"""Signed-in devices: listed with browser, time and rough network; signed out one or all; a
password change signs out the others and offers to revoke API tokens."""

from __future__ import annotations

import pytest
from django.test import Client

from needlewise.accounts import services
from needlewise.accounts.models import ApiToken, SignIn
from needlewise.accounts.signins import browser_of, network_of
from tests.conftest import PASSWORD

PHONE = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Mobile Safari/537.36"
)
LAPTOP = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1; rv:132.0) Gecko/20100101 Firefox/132.0"
NEW = "a-brand-new-passphrase"


def _log_in(user_agent: str, address: str) -> Client:
    client = Client(HTTP_USER_AGENT=user_agent, REMOTE_ADDR=address)
    response = client.post(
        "/accounts/login/", {"username": "alice@example.com", "password": PASSWORD}
    )
    assert response.status_code == 302
    return client


def _in(client: Client) -> bool:
    return client.get("/accounts/profile/").status_code == 200


@pytest.mark.parametrize(
    ("agent", "words"),
    [
        (PHONE, "Chrome on Android"),
        (LAPTOP, "Firefox on macOS"),
        ("curl/8.5.0", "A script on an unknown system"),
        ("", "Unknown browser on an unknown system"),
    ],
)
def test_the_browser_is_named_in_words(agent, words):
    assert browser_of(agent) == words


def test_only_the_network_is_kept_not_the_address():
    assert network_of("203.0.113.77") == "203.0.113.0/24"
    assert network_of("2001:db8:abcd:12::1") == "2001:db8:abcd::/48"
    assert network_of("not an address") == ""


def test_the_page_lists_each_signed_in_browser(alice):
    phone = _log_in(PHONE, "203.0.113.77")
    _log_in(LAPTOP, "198.51.100.9")
    text = phone.get("/accounts/devices/").content.decode()
    assert "Chrome on Android</strong> (this device)" in text
    assert "from network 203.0.113.0/24" in text
    assert "Firefox on macOS" in text
    assert "198.51.100.9" not in text
    assert "198.51.100.0/24" in text


def test_signing_out_one_device_ends_only_that_session(alice):
    phone = _log_in(PHONE, "203.0.113.77")
    laptop = _log_in(LAPTOP, "198.51.100.9")
    other = SignIn.objects.get(browser="Firefox on macOS")
    response = phone.post(f"/accounts/devices/{other.pk}/sign-out/")
    assert response["Location"] == "/accounts/devices/"
    assert not _in(laptop)
    assert _in(phone)
    assert "Firefox on macOS" not in phone.get("/accounts/devices/").content.decode()


def test_signing_out_this_device_logs_out_here(alice):
    phone = _log_in(PHONE, "203.0.113.77")
    mine = SignIn.objects.get()
    assert phone.post(f"/accounts/devices/{mine.pk}/sign-out/")["Location"] == "/"
    assert not _in(phone)
    assert not SignIn.objects.exists()


def test_sign_out_all_others_keeps_this_one(alice):
    phone = _log_in(PHONE, "203.0.113.77")
    laptops = [_log_in(LAPTOP, "198.51.100.9") for _ in range(2)]
    response = phone.post("/accounts/devices/sign-out-others/", follow=True)
    assert "Signed out on 2 other devices." in response.content.decode()
    assert _in(phone)
    assert not any(_in(laptop) for laptop in laptops)


def test_nobody_signs_out_another_persons_device(alice, bob):
    _log_in(PHONE, "203.0.113.77")
    theirs = SignIn.objects.get(user=alice)
    bob_client = Client()
    bob_client.post("/accounts/login/", {"username": "bob@example.com", "password": PASSWORD})
    assert bob_client.post(f"/accounts/devices/{theirs.pk}/sign-out/").status_code == 404
    assert SignIn.objects.filter(pk=theirs.pk).exists()
    assert bob_client.get(f"/accounts/devices/{theirs.pk}/sign-out/").status_code == 405


def test_logging_out_removes_the_device(alice):
    phone = _log_in(PHONE, "203.0.113.77")
    phone.post("/accounts/logout/")
    assert not SignIn.objects.exists()


def test_a_password_change_signs_out_the_others_and_keeps_tokens_unless_asked(alice):
    phone = _log_in(PHONE, "203.0.113.77")
    laptop = _log_in(LAPTOP, "198.51.100.9")
    services.create_token(alice, "backup")
    page = phone.get("/accounts/password/").content.decode()
    assert "signs you out on every other device" in page
    assert "1 active API token" in page
    response = phone.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
        follow=True,
    )
    assert "Signed out on 1 other device." in response.content.decode()
    assert _in(phone)
    assert not _in(laptop)
    assert ApiToken.objects.get().is_active


def test_a_password_change_can_revoke_the_api_tokens(alice):
    phone = _log_in(PHONE, "203.0.113.77")
    services.create_token(alice, "backup")
    services.create_token(alice, "sync")
    response = phone.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": NEW,
            "new_password2": NEW,
            "revoke_tokens": "on",
        },
        follow=True,
    )
    assert "2 API tokens revoked." in response.content.decode()
    assert not ApiToken.objects.filter(revoked_at__isnull=True).exists()
