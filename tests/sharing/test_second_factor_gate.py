"""Professionals open client records only once their account has a second factor."""

from __future__ import annotations

import pytest
from django.test import Client

from needlewise.accounts import services as accounts
from needlewise.sharing.models import AuditEntry
from tests.accounts.factor_helpers import give_app


@pytest.fixture(autouse=True)
def _rule_on(settings) -> None:
    settings.NEEDLEWISE_REQUIRE_PRO_SECOND_FACTOR = True


@pytest.fixture
def grant(grant_of):
    return grant_of("profile_checks", "sessions_recovery", "photos")


def _pages(grant) -> list[str]:
    return [
        "/sharing/clients/",
        f"/sharing/clients/{grant.pk}/",
        f"/sharing/clients/{grant.pk}/limits/",
        f"/sharing/clients/{grant.pk}/report/",
    ]


def test_without_a_factor_every_client_page_asks_for_one_and_reads_nothing(bob_client, grant):
    for url in _pages(grant):
        response = bob_client.get(url)
        assert response.status_code == 403, url
        text = response.content.decode()
        assert "Add a second factor to open client records" in text
        assert 'href="/accounts/security/"' in text
    assert not AuditEntry.objects.exists()


def test_without_a_factor_the_api_refuses_with_a_message(bob_client, pro, grant):
    _, token = accounts.create_token(pro, "script")
    for url in ("/api/sharing/clients", f"/api/sharing/clients/{grant.pk}"):
        for client, headers in ((bob_client, {}), (Client(), {"Authorization": f"Bearer {token}"})):
            response = client.get(url, headers=headers)
            assert response.status_code == 403, url
            assert "Add a second factor" in response.json()["detail"]
    assert not AuditEntry.objects.exists()


def test_with_a_factor_the_professional_opens_them(bob_client, pro, grant):
    give_app(pro)
    assert bob_client.get(f"/sharing/clients/{grant.pk}/").status_code == 200
    assert bob_client.get("/sharing/clients/").status_code == 200
    _, token = accounts.create_token(pro, "script")
    api = Client().get(
        f"/api/sharing/clients/{grant.pk}", headers={"Authorization": f"Bearer {token}"}
    )
    assert api.status_code == 200


def test_a_person_without_a_factor_still_uses_their_own_sharing_pages(alice_client, grant):
    assert alice_client.get("/sharing/").status_code == 200
    assert alice_client.get("/sharing/audit/").status_code == 200
    assert alice_client.get("/api/sharing/grants").status_code == 200


def test_a_stranger_is_sent_to_log_in_as_before(client, grant):
    assert client.get(f"/sharing/clients/{grant.pk}/")["Location"].startswith("/accounts/login/")
    assert client.get(f"/api/sharing/clients/{grant.pk}").status_code == 401


def test_the_rule_can_be_turned_off(bob_client, grant, settings):
    settings.NEEDLEWISE_REQUIRE_PRO_SECOND_FACTOR = False
    assert bob_client.get(f"/sharing/clients/{grant.pk}/").status_code == 200
