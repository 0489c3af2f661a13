"""Personal API tokens: made on the profile page, shown once, stored hashed, revocable."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import time_machine
from django.test import Client

from needlewise.accounts import services
from needlewise.accounts.models import ApiToken


def test_a_token_is_shown_once_and_only_its_digest_is_stored(alice_client, alice):
    response = alice_client.post("/accounts/tokens/", {"name": "backup script"}, follow=True)
    raw = response.context["new_token"]
    assert raw.startswith("nw_")
    token = ApiToken.objects.get(user=alice)
    assert raw not in (token.digest, token.prefix)
    assert raw not in alice_client.get("/accounts/profile/").content.decode()


def test_a_token_authenticates_api_calls(alice):
    _, raw = services.create_token(alice, "script")
    response = Client().get("/api/me", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200
    assert response.json()["email"] == "alice@example.com"


def test_a_revoked_token_no_longer_works(alice_client, alice):
    token, raw = services.create_token(alice, "script")
    assert alice_client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 302
    response = Client().get("/api/me", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 401


def test_a_made_up_token_is_refused(db):
    response = Client().get("/api/me", headers={"Authorization": "Bearer nw_madeup"})
    assert response.status_code == 401


def test_nobody_can_revoke_someone_elses_token(alice, carol):
    token, raw = services.create_token(alice, "script")
    intruder = Client()
    intruder.force_login(carol, backend="django.contrib.auth.backends.ModelBackend")
    assert intruder.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 404
    assert Client().get("/api/me", headers={"Authorization": f"Bearer {raw}"}).status_code == 200


def test_a_token_needs_a_name(alice_client, alice):
    response = alice_client.post("/accounts/tokens/", {"name": ""})
    assert response.status_code == 400
    assert "Please fill this in" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_token_pages_need_post_and_a_login(alice_client, client):
    assert alice_client.get("/accounts/tokens/").status_code == 405
    assert alice_client.get("/accounts/tokens/1/revoke/").status_code == 405
    assert client.post("/accounts/tokens/", {"name": "x"}).status_code == 302


def test_last_use_is_shown_in_the_persons_time_zone(alice_client, alice):
    services.update_profile(alice, time_zone="Asia/Tokyo")
    _, raw = services.create_token(alice, "script")
    with time_machine.travel(datetime(2026, 11, 23, 20, 0, tzinfo=UTC), tick=False):
        Client().get("/api/me", headers={"Authorization": f"Bearer {raw}"})
    page = alice_client.get("/accounts/profile/").content.decode()
    # With its year when the page is read in another year than 2026.
    assert re.search(r"Tue 24 Nov( 2026)?, 05:00", page)
