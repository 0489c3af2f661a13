from __future__ import annotations

import time_machine
from django.test import Client
from django.utils import timezone

from tests.conftest import PASSWORD

URL = "/accounts/login/"


def _login(client: Client, password: str, email: str = "alice@example.com"):
    return client.post(URL, {"username": email, "password": password}, REMOTE_ADDR="10.0.0.1")


def test_right_password_logs_in(client, alice):
    response = _login(client, PASSWORD)
    assert response.status_code == 302
    assert client.get("/").context["user"] == alice


def test_wrong_password_shows_a_clear_error(client, alice):
    response = _login(client, "not-the-password")
    assert response.status_code == 200
    assert "do not match an account" in response.content.decode()


def test_five_failures_lock_the_account_for_fifteen_minutes(client, alice):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(5):
            _login(client, "wrong")
        locked = _login(client, PASSWORD)
        assert locked.status_code == 429
        assert "paused for 15 minutes" in locked.content.decode()
    with time_machine.travel(start + timezone.timedelta(minutes=14), tick=False):
        assert _login(client, PASSWORD).status_code == 429
    with time_machine.travel(start + timezone.timedelta(minutes=16), tick=False):
        assert _login(client, PASSWORD).status_code == 302


def test_the_lock_is_per_account_and_address(client, alice, carol):
    for _ in range(5):
        _login(client, "wrong")
    assert _login(client, PASSWORD, email="carol@example.com").status_code == 302


def test_log_out_needs_post(alice_client):
    assert alice_client.get("/accounts/logout/").status_code == 405
    assert alice_client.post("/accounts/logout/").status_code == 302
    assert not alice_client.get("/").context["user"].is_authenticated
