"""`/api/products/`: the shelf, safe-now and the avoid-list. 422 names the field, writes nothing."""

from __future__ import annotations

import pytest
from django.test import Client

from needlewise.accounts.services import create_token
from needlewise.products import services
from needlewise.products.models import AvoidEntry, Product
from tests.products.conftest import add, at

LABEL = "Ingredients: Aqua (Water), Glycolic Acid 7%, Zorblax Extract."
BODY = {"name": "Glow tonic", "brand": "Acme", "kind": "treatment", "ingredients_text": LABEL}


def send(client, method: str, path: str, body: object = None):
    kwargs = {} if body is None else {"data": body, "content_type": "application/json"}
    return getattr(client, method)(f"/api/products/{path}", **kwargs)


def test_a_product_is_added_parsed_and_listed(alice_client):
    response = send(alice_client, "post", "", BODY)
    assert response.status_code == 201
    body = response.json()
    assert body["categories"] == ["aha"] and body["unrecognised"] == ["Zorblax Extract"]
    assert body["ingredients"][1] == {
        "input": "Glycolic Acid 7%",
        "name": "Glycolic Acid",
        "known": True,
        "categories": ["aha"],
    }
    assert body["parse_error"] == ""
    assert send(alice_client, "get", "").json() == [body]
    assert send(alice_client, "get", str(body["id"])).json() == body


def test_an_unreadable_label_is_still_saved(alice_client):
    response = send(alice_client, "post", "", {**BODY, "ingredients_text": "  "})
    assert response.status_code == 201
    assert response.json()["parse_error"].startswith("There is no ingredient list")
    assert Product.objects.count() == 1


def test_put_replaces_and_reparses(alice, alice_client):
    product = add(alice, "Old", "Aqua, Retinol")
    response = send(alice_client, "put", str(product.pk), {**BODY, "pao_months": 6})
    assert response.status_code == 200
    body = response.json()
    assert (body["name"], body["categories"], body["pao_months"]) == ("Glow tonic", ["aha"], 6)


def test_delete(alice, alice_client):
    product = add(alice, "Old", "Aqua")
    assert send(alice_client, "delete", str(product.pk)).status_code == 204
    assert not Product.objects.exists()


@pytest.mark.parametrize(
    "body, loc",
    [
        ({**BODY, "name": ""}, ["body", "name"]),
        ({k: v for k, v in BODY.items() if k != "name"}, ["body", "name"]),
        ({**BODY, "name": "   "}, ["body", "name"]),
        ({**BODY, "kind": "potion"}, ["body", "kind"]),
        ({**BODY, "pao_months": 0}, ["body", "pao_months"]),
        ({**BODY, "opened_on": "2999-01-01"}, ["body", "opened_on"]),
        ({**BODY, "opened_on": "soon"}, ["body", "opened_on"]),
        ({**BODY, "ingredients_text": "a" * 20_001}, ["body", "ingredients_text"]),
        ({**BODY, "colour": "red"}, ["body", "colour"]),
    ],
)
def test_bad_input_is_422_naming_the_field_and_writes_nothing(alice, alice_client, body, loc):
    existing = add(alice, "Kept", "Aqua")
    for method, path in (("post", ""), ("put", str(existing.pk))):
        response = send(alice_client, method, path, body)
        assert response.status_code == 422, response.content
        assert response.json()["detail"][0]["loc"] == loc
        assert response.json()["detail"][0]["msg"]
    assert list(Product.objects.values_list("name", flat=True)) == ["Kept"]


def test_safe_now_gives_verdicts_reasons_and_ok_again_times(alice_client, shelf, session):
    with at(80):
        body = send(alice_client, "get", "safe-now").json()
    assert body["hours_since_session"] == 80
    verdicts = {p["name"]: p["verdict"] for p in body["products"]}
    assert verdicts["retinol serum"] == "avoid" and verdicts["fragranced moisturiser"] == "ok"
    retinol = next(p for p in body["products"] if p["name"] == "retinol serum")
    assert retinol["ok_again_at"] == "2026-11-30T19:00:00Z"
    assert retinol["findings"][0]["category"] == "retinoid"
    assert body["before_next_session"]["products"]


def test_safe_now_without_a_session(alice_client, shelf):
    body = send(alice_client, "get", "safe-now").json()
    assert body["session_at"] is None and body["hours_since_session"] is None
    assert body["before_next_session"] is None


def test_the_avoid_list_is_added_listed_and_removed(alice_client, alice):
    first = send(alice_client, "post", "avoid", {"category": "aha", "note": "stings"})
    second = send(alice_client, "post", "avoid", {"ingredient": "linalool"})
    assert (first.status_code, second.status_code) == (201, 201)
    assert second.json()["label"] == "Linalool"
    assert second.json()["added_by"] == "alice@example.com"
    listed = send(alice_client, "get", "avoid").json()
    assert [e["label"] for e in listed] == ["alpha hydroxy acids (AHA)", "Linalool"]
    assert send(alice_client, "delete", f"avoid/{first.json()['id']}").status_code == 204
    assert AvoidEntry.objects.count() == 1


@pytest.mark.parametrize(
    "body, loc",
    [
        ({}, ["body", "category"]),
        ({"category": "vitamins"}, ["body", "category"]),
        ({"category": "aha", "ingredient": "Retinol"}, ["body", "category"]),
        ({"ingredient": "Retinol, Parfum"}, ["body", "ingredient"]),
        ({"ingredient": "x" * 201}, ["body", "ingredient"]),
        ({"category": "aha", "who": "me"}, ["body", "who"]),
    ],
)
def test_bad_avoid_input_is_422(alice_client, body, loc):
    response = send(alice_client, "post", "avoid", body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == loc
    assert not AvoidEntry.objects.exists()


def test_the_same_avoid_entry_twice_is_422(alice, alice_client):
    services.add_avoid(alice, ingredient="Retinol")
    response = send(alice_client, "post", "avoid", {"ingredient": "retinol"})
    assert response.status_code == 422
    assert "already on your avoid list" in response.json()["detail"][0]["msg"]


def test_a_token_works_like_a_session(alice):
    add(alice, "Cream", "Aqua")
    _, raw = create_token(alice, "script")
    response = Client().get("/api/products/", headers={"Authorization": f"Bearer {raw}"})
    assert [p["name"] for p in response.json()] == ["Cream"]


@pytest.mark.parametrize(
    "method, path",
    [
        ("get", ""),
        ("post", ""),
        ("get", "{id}"),
        ("put", "{id}"),
        ("delete", "{id}"),
        ("get", "safe-now"),
        ("get", "avoid"),
        ("post", "avoid"),
        ("delete", "avoid/{entry}"),
    ],
)
def test_anonymous_calls_are_401_and_nothing_changes(client, alice, method, path):
    product = add(alice, "Cream", "Aqua")
    entry = services.add_avoid(alice, category="aha")
    body = BODY if method in ("post", "put") else None
    response = send(client, method, path.format(id=product.pk, entry=entry.pk), body)
    assert response.status_code == 401
    assert Product.objects.get().name == "Cream" and AvoidEntry.objects.count() == 1


@pytest.mark.parametrize(
    "method, path",
    [("patch", "{id}"), ("delete", ""), ("post", "safe-now"), ("put", "avoid")],
)
def test_wrong_methods_are_405(alice, alice_client, method, path):
    product = add(alice, "Cream", "Aqua")
    response = send(alice_client, method, path.format(id=product.pk), BODY)
    assert response.status_code == 405


@pytest.mark.parametrize(
    ("method", "path"), [("get", "abc"), ("put", "1.5"), ("delete", "x"), ("delete", "avoid/x")]
)
def test_an_id_that_is_not_a_number_is_a_json_422(alice_client, method, path):
    """Found by the API fuzzer: a non-numeric id used to get the site's HTML 404 page."""
    response = send(alice_client, method, path, {})
    assert response.status_code == 422
    assert response["Content-Type"] == "application/json; charset=utf-8"
