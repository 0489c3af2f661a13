from __future__ import annotations

import pytest
import time_machine
from django.conf import settings
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


@pytest.mark.skipif(
    bool(settings.REDIS_URL), reason="Redis keeps its own clock: see the test below"
)
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


@pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL")
def test_with_redis_the_lock_is_kept_in_redis_for_fifteen_minutes(client, alice):
    """Redis expires keys by its own clock, which time-machine cannot move: the lock is checked
    through the time to live of its key instead."""
    from django.core.cache import cache

    for _ in range(5):
        _login(client, "wrong")
    assert _login(client, PASSWORD).status_code == 429
    redis = cache._cache.get_client()
    keys = redis.keys("*axes*")
    assert keys, "the failures were not counted in Redis"
    assert all(890 <= redis.ttl(key) <= 900 for key in keys)
    cache.clear()  # what Redis does when the keys expire
    assert _login(client, PASSWORD).status_code == 302


def test_the_lock_is_per_account_and_address(client, alice, carol):
    for _ in range(5):
        _login(client, "wrong")
    assert _login(client, PASSWORD, email="carol@example.com").status_code == 302


def test_log_out_needs_post(alice_client):
    assert alice_client.get("/accounts/logout/").status_code == 405
    assert alice_client.post("/accounts/logout/").status_code == 302
    assert not alice_client.get("/").context["user"].is_authenticated
