"""`/api/sharing/`: answers the API's own way, in JSON, whatever the id looks like."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "grants/abc/revoke"),
        ("get", "clients/abc"),
        ("get", "clients/1.5/limits"),
        ("put", "clients/x/limits"),
        ("get", "clients/x/notes"),
        ("post", "clients/x/notes"),
    ],
)
def test_an_id_that_is_not_a_number_is_a_json_422(bob_client, method, path):
    """Found by the API fuzzer: a non-numeric id used to get the site's HTML 404 page."""
    url = f"/api/sharing/{path}"
    response = getattr(bob_client, method)(url, {}, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "grant_id"]
