"""The authorisation matrix: every sharing URL and endpoint that reaches a client's data, for the
owner, a professional with a grant of that scope, of another scope, revoked, expired, another
client and an anonymous visitor. A grant that does not fit is a 404, never a 403."""

from __future__ import annotations

import pytest
from django.test import Client

from needlewise.sharing import services
from tests.sharing.conftest import expire, login

ACTORS = ("owner", "scoped", "other_scope", "revoked", "expired", "other_client", "anonymous")
SCOPE_OTHER = {"profile_checks": "products", "sessions_recovery": "products",
               "products": "sessions_recovery"}  # fmt: skip


def page(ok: int, other: int) -> dict[str, int]:
    """A professional page: the owner and outsiders get 404, anonymous visitors the login."""
    return {"owner": 404, "scoped": ok, "other_scope": other, "revoked": 404, "expired": 404,
            "other_client": 404, "anonymous": 302}  # fmt: skip


def api(ok: int, other: int) -> dict[str, int]:
    return {**page(ok, other), "anonymous": 401}


OWNER_PAGE = {"owner": 302, "scoped": 404, "other_scope": 404, "revoked": 404, "expired": 404,
              "other_client": 404, "anonymous": 302}  # fmt: skip
OWNER_API = {**OWNER_PAGE, "owner": 204, "anonymous": 401}
LIMITS = {"mm_cheeks": "0.75", "min_interval_days": "21"}
JSON = "application/json"

# (method, url, scope the endpoint needs, data, expected status per actor)
CASES = [
    ("get", "/sharing/clients/{g}/", "profile_checks", None, page(200, 200)),
    ("get", "/sharing/clients/{g}/limits/", "sessions_recovery", None, page(200, 404)),
    ("post", "/sharing/clients/{g}/limits/", "sessions_recovery", LIMITS, page(302, 404)),
    ("post", "/sharing/clients/{g}/avoid/", "sessions_recovery", {"category": "retinoid"},
     page(302, 404)),
    ("post", "/sharing/clients/{g}/notes/", "products", {"body": "Patch test first."},
     page(302, 302)),
    ("post", "/sharing/grants/{g}/revoke/", "products", {}, OWNER_PAGE),
    ("get", "/api/sharing/clients/{g}", "profile_checks", None, api(200, 200)),
    ("get", "/api/sharing/clients/{g}/limits", "sessions_recovery", None, api(200, 404)),
    ("put", "/api/sharing/clients/{g}/limits", "sessions_recovery",
     {"needle_mm_by_area": {"cheeks": 0.75}, "min_interval_days": 21}, api(200, 404)),
    ("get", "/api/sharing/clients/{g}/notes", "products", None, api(200, 200)),
    ("post", "/api/sharing/clients/{g}/notes", "products", {"body": "Hello"}, api(201, 201)),
    ("post", "/api/sharing/grants/{g}/revoke", "products", None, OWNER_API),
]  # fmt: skip


def _client(actor: str, alice, pro, carol) -> Client:
    if actor == "owner":
        return login(alice)
    if actor == "other_client":
        return login(carol)
    if actor == "anonymous":
        return Client()
    return login(pro)


def _request(client: Client, method: str, url: str, data):  # type: ignore[no-untyped-def]
    if url.startswith("/api/"):
        body = None if data is None else data
        return getattr(client, method)(url, body, content_type=JSON)
    return getattr(client, method)(url, data or {})


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(("method", "url", "scope", "data", "expected"), CASES,
                         ids=[f"{c[0]} {c[1]}" for c in CASES])  # fmt: skip
def test_each_actor_gets_exactly_the_expected_status(
    actor, method, url, scope, data, expected, alice, pro, carol, grant_of, clock
):
    granted = SCOPE_OTHER[scope] if actor == "other_scope" else scope
    grant = grant_of(granted)
    if actor == "revoked":
        assert services.revoke(alice, grant.pk)
    if actor == "expired":
        expire(clock)
    response = _request(_client(actor, alice, pro, carol), method, url.format(g=grant.pk), data)
    assert response.status_code == expected[actor], response.content.decode()[:500]


def test_an_unknown_grant_id_is_a_404_for_the_professional(bob_client, grant_of):
    grant = grant_of("products")
    assert bob_client.get(f"/sharing/clients/{grant.pk + 100}/").status_code == 404


@pytest.mark.parametrize("scope", ["profile_checks", "sessions_recovery", "products", "photos"])
def test_the_timeline_shows_only_the_granted_scope(scope, bob_client, grant_of):
    grant = grant_of(scope)
    html = bob_client.get(f"/sharing/clients/{grant.pk}/").content.decode()
    headings = {
        "profile_checks": "Profile and suitability",
        "sessions_recovery": "Check-ins",
        "products": '<h2 id="products">',
        "photos": '<h2 id="photos">',
    }
    for other, marker in headings.items():
        assert (marker in html) == (other == scope), other
