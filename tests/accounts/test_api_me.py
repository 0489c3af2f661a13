from __future__ import annotations

from django.test import Client


def test_me_returns_the_signed_in_persons_profile(alice_client):
    response = alice_client.get("/api/me")
    assert response.status_code == 200
    assert response.json() == {
        "email": "alice@example.com",
        "display_name": "Alice",
        "time_zone": "UTC",
        "birth_date": None,
        "skin_type": None,
        "units": "metric",
        "currency": "EUR",
    }


def test_me_needs_authentication(db):
    assert Client().get("/api/me").status_code == 401


def test_session_writes_need_csrf(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice, backend="django.contrib.auth.backends.ModelBackend")
    assert client.post("/api/me").status_code in (403, 405)


def test_openapi_and_docs_are_served_without_a_cdn(client, db):
    spec = client.get("/api/openapi.json").json()
    assert "/api/me" in spec["paths"]
    docs = client.get("/api/docs").content.decode()
    assert "cdn" not in docs.lower()
    assert "/static/ninja/swagger-ui-bundle.js" in docs
