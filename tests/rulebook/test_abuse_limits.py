"""The anonymous rule endpoints bound their work: sizes per field, ingredients per label, and
requests per client address (issue 16: 879 KB in gave 39.7 MB out and stalled /healthz)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client

from needlewise.rulebook.throttling import RULES_RATE
from needlewise.rules.inputs import MAX_INGREDIENTS, MAX_ITEMS, MAX_TEXT

pytestmark = pytest.mark.django_db

LABEL = "Aqua, Glycerin, Retinol, Parfum"


def post(path: str, body: object, client: Client | None = None, **extra: str):
    client = client or Client()
    return client.post(f"/api/rules/{path}", body, content_type="application/json", **extra)


def _msg(response) -> str:  # type: ignore[no-untyped-def]
    return " ".join(str(d["msg"]) for d in response.json()["detail"])


def test_an_oversized_ingredient_text_is_refused_with_its_size():
    response = post("ingredients", {"text": "Aqua, " * (MAX_TEXT // 6 + 10)})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "text"]
    assert f"at most {MAX_TEXT:,} characters" in _msg(response)


def test_too_many_ingredients_are_refused_in_words():
    names = ", ".join(f"Extract {i}" for i in range(MAX_INGREDIENTS + 1))
    assert len(names) < MAX_TEXT
    response = post("ingredients", {"text": names})
    assert response.status_code == 422
    assert f"more than {MAX_INGREDIENTS} ingredients" in _msg(response)
    assert "one product" in _msg(response)


def test_a_long_product_name_is_refused():
    response = post("ingredients", {"text": LABEL, "product_name": "x" * 201})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "product_name"]


def test_a_huge_list_is_refused_before_it_is_read():
    sessions = [{"at": "2026-11-01T10:00:00Z", "needle_mm": 0.25}] * (MAX_ITEMS + 1)
    response = post("next-session", {"sessions": sessions})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "sessions"]
    assert f"at most {MAX_ITEMS:,}" in _msg(response)


def test_the_caps_are_declared_in_openapi():
    schema = Client().get("/api/openapi.json").json()["components"]["schemas"]
    assert schema["IngredientsIn"]["properties"]["text"]["maxLength"] == MAX_TEXT
    assert schema["NextSessionIn"]["properties"]["sessions"]["maxItems"] == MAX_ITEMS
    operation = Client().get("/api/openapi.json").json()["paths"]["/api/rules/ingredients"]
    assert "429" in operation["post"]["responses"]


def test_one_address_is_slowed_down_with_429_and_retry_after(clock):
    for _ in range(RULES_RATE.count):
        assert post("ingredients", {"text": LABEL}, REMOTE_ADDR="203.0.113.5").status_code == 200
    refused = post("ingredients", {"text": LABEL}, REMOTE_ADDR="203.0.113.5")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) == RULES_RATE.seconds
    assert "Too many requests from your address" in refused.json()["detail"]
    # Another address is not held up, and the first one may go on once the window is over.
    assert (
        post(
            "triage", {"hours_since_session": 2, "redness": 1}, REMOTE_ADDR="203.0.113.6"
        ).status_code
        == 200
    )
    assert post("needles", {"concern": "x"}, REMOTE_ADDR="203.0.113.5").status_code == 429
    clock.shift(timedelta(seconds=RULES_RATE.seconds))
    assert post("ingredients", {"text": LABEL}, REMOTE_ADDR="203.0.113.5").status_code == 200


def test_the_page_checker_caps_its_text_and_counts_with_the_api(client, clock):
    big = client.post("/rules/ingredients/", {"text": "Aqua, " * (MAX_TEXT // 6 + 10)})
    assert big.status_code == 400
    assert f"at most {MAX_TEXT:,} characters" in big.content.decode()
    for _ in range(RULES_RATE.count - 1):
        post("ingredients", {"text": LABEL}, REMOTE_ADDR="127.0.0.1")
    refused = client.post("/rules/ingredients/", {"text": LABEL})
    assert refused.status_code == 429
    assert refused["Retry-After"]
    page = refused.content.decode()
    assert "Too many requests from your address" in page
    assert "<html" in page  # a whole page, not a bare line
    # The page itself still opens: only checks count.
    assert client.get("/rules/ingredients/").status_code == 200
