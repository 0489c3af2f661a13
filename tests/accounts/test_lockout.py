"""Log-in failures are counted per account and per client address apart (issue 16: 50 guesses
from 10 addresses, then the right password worked from an 11th; behind a proxy every person
shared one address, so anyone could lock anyone out). The account is slowed down with growing
delays, never locked for good; the address comes from X-Forwarded-For only via a trusted proxy."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, RequestFactory

from needlewise.accounts.lockout import ACCOUNT, ADDRESS
from needlewise.accounts.models import User
from needlewise.accounts.throttle import client_address, client_key
from needlewise.config import Env
from tests.accounts.factor_helpers import app_code, give_app
from tests.conftest import PASSWORD

URL = "/accounts/login/"


def _login(password: str, address: str, email: str = "alice@example.com", **extra: str):
    data = {"username": email, "password": password}
    return Client().post(URL, data, REMOTE_ADDR=address, **extra)


def test_log_in_ignores_the_case_of_the_address(alice):
    assert _login(PASSWORD, "10.0.0.1", email="Alice@Example.COM").status_code == 302


def test_sign_up_refuses_an_address_that_differs_only_by_case(client, alice):
    data = {"email": "ALICE@example.com", "password1": PASSWORD, "password2": PASSWORD}
    response = client.post("/accounts/signup/", data)
    assert response.status_code == 400
    assert "already exists" in response.content.decode()
    assert User.objects.filter(email__iexact="alice@example.com").count() == 1


@pytest.mark.parametrize("store", ["database", "cache"])  # the cache is Redis in production
def test_guesses_from_many_addresses_slow_the_account_down(clock, alice, settings, store):
    """Each address stays under its own limit; the account's own count slows it down."""
    settings.NEEDLEWISE_THROTTLE_STORE = store
    for i in range(ACCOUNT.free):
        assert _login("wrong", f"10.1.0.{i % 4 + 1}").status_code == 200
    refused = _login(PASSWORD, "10.9.9.9")  # the right password, from a fresh address
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) == ACCOUNT.first_delay
    page = refused.content.decode()
    assert "Too many failed log-ins for this account" in page
    assert "30 seconds" in page
    clock.shift(timedelta(seconds=ACCOUNT.first_delay))
    assert _login(PASSWORD, "10.9.9.9").status_code == 302


@pytest.mark.parametrize("store", ["database", "cache"])
def test_the_delays_grow_but_stay_bounded_and_nothing_is_checked_meanwhile(
    clock, alice, settings, store
):
    settings.NEEDLEWISE_THROTTLE_STORE = store
    for i in range(ACCOUNT.free):
        _login("wrong", f"10.2.0.{i % 4 + 1}")
    waits = []
    for k in range(8):
        refused = _login("wrong", f"10.3.{k}.1")
        waits.append(int(refused["Retry-After"]))
        # Refused attempts are not counted: retrying during the delay does not lengthen it.
        assert int(_login("wrong", f"10.3.{k}.2")["Retry-After"]) <= waits[-1]
        clock.shift(timedelta(seconds=waits[-1]))
        assert _login("wrong", f"10.3.{k}.3").status_code == 200  # checked, and wrong again
    assert waits[:4] == [30, 60, 120, 240]
    assert max(waits) == ACCOUNT.longest_delay == 15 * 60
    clock.shift(timedelta(seconds=ACCOUNT.longest_delay))
    assert _login(PASSWORD, "10.3.0.4").status_code == 302  # the owner still gets in


def test_a_success_starts_the_account_count_over(clock, alice):
    for i in range(ACCOUNT.free - 1):
        _login("wrong", f"10.4.0.{i % 4 + 1}")
    assert _login(PASSWORD, "10.4.1.1").status_code == 302
    for i in range(ACCOUNT.free - 1):
        assert _login("wrong", f"10.4.2.{i % 4 + 1}").status_code == 200
    assert _login(PASSWORD, "10.4.1.1").status_code == 302


def test_one_address_guessing_many_accounts_is_slowed_down(clock, db):
    for i in range(ADDRESS.free):
        assert _login("wrong", "10.5.0.1", email=f"nobody{i // 4}@example.com").status_code == 200
    refused = _login("wrong", "10.5.0.1", email="someone@example.com")
    assert refused.status_code == 429
    assert "Too many failed log-ins from your address" in refused.content.decode()
    assert _login("wrong", "10.5.0.2", email="someone@example.com").status_code == 200


def test_unknown_and_known_accounts_are_slowed_alike(clock, alice):
    """The delay says nothing about whether an address has an account."""
    for email in ("alice@example.com", "nobody@example.com"):
        for i in range(ACCOUNT.free):
            _login("wrong", f"10.6.0.{i % 4 + 1}", email=email)
    known, unknown = (
        _login("x", "10.6.1.1", email=e) for e in ("alice@example.com", "nobody@example.com")
    )
    assert known.status_code == unknown.status_code == 429
    assert known["Retry-After"] == unknown["Retry-After"]


# --- The client address ---------------------------------------------------------------------

rf = RequestFactory()


def test_x_forwarded_for_is_ignored_without_a_trusted_proxy(settings):
    settings.NEEDLEWISE_TRUSTED_PROXIES = []
    request = rf.get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_address(request) == "198.51.100.7"


def test_a_trusted_proxy_names_the_client_and_made_up_hops_are_skipped(settings):
    settings.NEEDLEWISE_TRUSTED_PROXIES = ["10.0.0.0/8"]
    forwarded = "6.6.6.6, 203.0.113.9, 10.0.0.3"  # client-written, the client, an inner proxy
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == "203.0.113.9"
    untrusted = rf.get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(untrusted) == "198.51.100.7"


def test_an_ipv6_client_is_counted_by_its_64_block(settings):
    settings.NEEDLEWISE_TRUSTED_PROXIES = []
    one, other = (rf.get("/", REMOTE_ADDR=f"2001:db8:1:2::{n}") for n in ("a", "b:c"))
    assert client_key(one) == client_key(other) == "2001:db8:1:2::/64"
    assert client_key(rf.get("/", REMOTE_ADDR="::ffff:203.0.113.4")) == "203.0.113.4"


def test_a_bad_trusted_proxy_stops_the_start_naming_it():
    with pytest.raises(ImproperlyConfigured, match=r"NEEDLEWISE_TRUSTED_PROXIES: 'proxy\.local'"):
        Env({"NEEDLEWISE_TRUSTED_PROXIES": "10.0.0.1, proxy.local"}).networks(
            "NEEDLEWISE_TRUSTED_PROXIES"
        )


def test_behind_a_trusted_proxy_one_person_cannot_lock_out_another(settings, alice):
    settings.NEEDLEWISE_TRUSTED_PROXIES = ["10.0.0.2"]
    for _ in range(5):
        _login("wrong", "10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.66")
    assert _login(PASSWORD, "10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.66").status_code == 429
    assert _login(PASSWORD, "10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.20").status_code == 302


def test_the_owners_own_browser_is_not_held_up_by_a_strangers_guesses(clock, alice):
    """A browser that signed in to this account before carries a signed note of it: the
    account's delay, which strangers can set off, does not apply to it (OWASP device cookies).
    The address's own limits still do."""
    owner = Client()
    assert owner.post(URL, {"username": "alice@example.com", "password": PASSWORD},
                      REMOTE_ADDR="10.7.0.1").status_code == 302  # fmt: skip
    cookie = owner.cookies["nw_known"].value
    assert "alice" not in cookie and "example" not in cookie
    owner.post("/accounts/logout/")
    for i in range(ACCOUNT.free):
        _login("wrong", f"10.7.1.{i % 4 + 1}")
    assert _login(PASSWORD, "10.7.0.1").status_code == 429  # a fresh browser waits
    again = owner.post(URL, {"username": "alice@example.com", "password": PASSWORD},
                       REMOTE_ADDR="10.7.0.1")  # fmt: skip
    assert again.status_code == 302


def test_with_a_second_factor_the_browser_is_known_only_after_both_steps(clock, alice):
    secret, _ = give_app(alice)
    owner = Client()
    data = {"username": "alice@example.com", "password": PASSWORD}
    assert owner.post(URL, data, REMOTE_ADDR="10.8.0.1").status_code == 302
    assert "nw_known" not in owner.cookies  # the password alone proves little
    step = owner.post("/accounts/login/second-factor/", {"code": app_code(secret)})
    assert step.status_code == 302
    assert owner.cookies["nw_known"].value
