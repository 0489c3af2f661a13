"""Sign-up is anonymous and each account costs a password hash and rows: one client address
may open only so many an hour, and is told so in words with Retry-After."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client

from needlewise.accounts.models import User
from needlewise.accounts.views import SIGN_UPS_PER_CLIENT
from tests.conftest import PASSWORD


def _sign_up(n: int, address: str = "10.0.0.1"):
    data = {"email": f"new{n}@example.com", "password1": PASSWORD, "password2": PASSWORD}
    return Client().post("/accounts/signup/", data, REMOTE_ADDR=address)


def test_one_address_opens_a_few_accounts_an_hour(clock, db):
    for n in range(SIGN_UPS_PER_CLIENT.count):
        assert _sign_up(n).status_code == 302
    refused = _sign_up(99)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) == SIGN_UPS_PER_CLIENT.seconds
    assert "Too many requests from your address" in refused.content.decode()
    assert not User.objects.filter(email="new99@example.com").exists()
    assert _sign_up(98, "10.0.0.2").status_code == 302
    clock.shift(timedelta(seconds=SIGN_UPS_PER_CLIENT.seconds))
    assert _sign_up(99).status_code == 302
