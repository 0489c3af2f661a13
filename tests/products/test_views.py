"""Shelf pages: happy paths, wrong methods, owner scoping, anonymous, bad input."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from needlewise.products import services
from needlewise.products.models import AvoidEntry, Product
from tests.products.conftest import add, at

LABEL = "Ingredients: Aqua/Water/Eau, Glycerin, Retinol, Zorblax Extract. May contain: CI 77491."


def text(response) -> str:
    """The page's words, without tags, on single spaces."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


FORM = {"name": "Night serum", "brand": "Acme", "kind": "serum", "ingredients_text": LABEL}


@pytest.fixture
def product(alice):
    return add(alice, "Night serum", LABEL, kind="serum", brand="Acme")


def test_the_shelf_lists_products_with_their_status_now(alice_client, shelf, session):
    with at(24):
        page = text(alice_client.get("/products/"))
    assert "retinol serum" in page and "mineral sunscreen" in page
    assert "OK again on Mon 30 Nov, 19:00" in page
    assert "Your next planned session is on Mon 30 Nov: 2 products to stop" in page
    assert "1 day" in page and "Add a product" in page


def test_times_are_in_the_persons_time_zone(alice, alice_client, shelf, session):
    from needlewise.accounts.services import update_profile

    update_profile(alice, time_zone="Europe/Berlin")
    with at(24):
        page = text(alice_client.get("/products/safe-now/"))
    assert "OK again on Mon 30 Nov, 20:00" in page


def test_an_empty_shelf_says_what_to_do(alice_client):
    page = alice_client.get("/products/").content.decode()
    assert "Your shelf is empty" in page


def test_safe_now_groups_products_and_says_why(alice_client, shelf, session):
    with at(80):
        page = alice_client.get("/products/safe-now/").content.decode()
    assert "Avoid for now (2)" in page and "Fine to use (3)" in page
    assert "<summary>Why?</summary>" in page and "CLINIC" in page
    assert "Before your next planned session" in page


def test_safe_now_without_a_session_says_so(alice_client, shelf):
    page = alice_client.get("/products/safe-now/").content.decode()
    assert "You have not recorded a session yet" in page
    assert "Avoid after your next session (3)" in page
    assert "avoid for 168 hours after a session." in page and "h left" not in page
    assert "No session is planned" in page


def test_add_parses_and_shows_categories_and_unrecognised_names(alice, alice_client):
    response = alice_client.post("/products/add/", FORM)
    product = Product.objects.get(user=alice)
    assert response.status_code == 302 and response["Location"] == f"/products/{product.pk}/"
    page = alice_client.get(response["Location"]).content.decode()
    assert "its ingredients were read" in page
    assert "Found: retinoids, soothing ingredients." in page
    assert "We did not recognise: Zorblax Extract." in page
    assert "Aqua/Water/Eau" in page


def test_an_unreadable_label_is_saved_and_the_page_says_so(alice, alice_client):
    response = alice_client.post("/products/add/", {**FORM, "ingredients_text": "Ingredients:"})
    assert response.status_code == 302
    page = alice_client.get(response["Location"]).content.decode()
    assert "We found no ingredient names in this text" in page
    assert "Label not read" in page
    assert Product.objects.get(user=alice).ingredients_text == "Ingredients:"


@pytest.mark.parametrize(
    "data, message",
    [
        ({**FORM, "name": ""}, "Give the product&#x27;s name, as on the label."),
        ({**FORM, "kind": "potion"}, "Choose one of the options offered."),
        ({**FORM, "pao_months": "0"}, "Give a number of months from 1 to 60."),
        ({**FORM, "pao_months": "twelve"}, "Give a whole number of months, e.g. 12."),
        ({**FORM, "opened_on": "2999-01-01"}, "That day is in the future"),
        ({**FORM, "opened_on": "yesterday"}, "Give a date like 2026-11-01."),
        ({**FORM, "ingredients_text": "a" * 20_001}, "Use at most 20,000 characters."),
    ],
)
def test_add_with_bad_input_says_why_keeps_what_was_typed_and_writes_nothing(
    alice_client, data, message
):
    response = alice_client.post("/products/add/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "Acme" in page  # what was typed is kept
    assert not Product.objects.exists()


def test_edit_changes_and_reparses(alice_client, product):
    response = alice_client.post(
        f"/products/{product.pk}/edit/", {**FORM, "ingredients_text": "Aqua, Glycolic Acid"}
    )
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.categories == ["aha"]
    assert alice_client.get(f"/products/{product.pk}/edit/").status_code == 200


def test_edit_with_bad_input_writes_nothing(alice_client, product):
    response = alice_client.post(f"/products/{product.pk}/edit/", {**FORM, "name": ""})
    assert response.status_code == 400
    product.refresh_from_db()
    assert product.name == "Night serum"


def test_delete_asks_then_deletes(alice_client, product):
    assert "Delete for good" in alice_client.get(f"/products/{product.pk}/delete/").content.decode()
    response = alice_client.post(f"/products/{product.pk}/delete/")
    assert response.status_code == 302 and response["Location"] == "/products/"
    assert not Product.objects.exists()


def test_the_avoid_list_page_adds_and_removes(alice, alice_client, product):
    page = alice_client.get("/products/avoid/").content.decode()
    assert "Alpha hydroxy acids (AHA)" in page  # categories in plain words
    response = alice_client.post("/products/avoid/", {"what": "category", "cat-category": "aha"})
    assert response.status_code == 302
    response = alice_client.post(
        "/products/avoid/", {"what": "ingredient", "ing-ingredient": "retinol", "ing-note": "itch"}
    )
    assert response.status_code == 302
    page = alice_client.get("/products/avoid/").content.decode()
    assert "Retinol" in page and "added by you" in page and "itch" in page
    detail = alice_client.get(f"/products/{product.pk}/").content.decode()
    assert "On your avoid list: Retinol (added by you). Note: itch" in detail
    entry = AvoidEntry.objects.get(kind="ingredient")
    assert alice_client.post(f"/products/avoid/{entry.pk}/remove/").status_code == 302
    assert list(AvoidEntry.objects.values_list("value", flat=True)) == ["aha"]


@pytest.mark.parametrize(
    "data, message",
    [
        ({"what": "category", "cat-category": ""}, "Choose a kind of ingredient to avoid."),
        ({"what": "category", "cat-category": "vitamins"}, "Choose one of the options offered."),
        ({"what": "ingredient", "ing-ingredient": ""}, "Give an ingredient name, e.g. Retinol."),
        ({"what": "ingredient", "ing-ingredient": "Retinol, Parfum"}, "Give one ingredient"),
    ],
)
def test_the_avoid_list_refuses_bad_input_in_words(alice_client, data, message):
    response = alice_client.post("/products/avoid/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not AvoidEntry.objects.exists()


def test_the_same_entry_twice_is_a_400(alice, alice_client):
    services.add_avoid(alice, category="aha")
    response = alice_client.post("/products/avoid/", {"what": "category", "cat-category": "aha"})
    assert response.status_code == 400
    assert "Alpha hydroxy acids (AHA) is already on your avoid list." in response.content.decode()
    assert AvoidEntry.objects.count() == 1


@pytest.mark.parametrize(
    "method, url",
    [
        ("post", "/products/"),
        ("post", "/products/safe-now/"),
        ("put", "/products/add/"),
        ("post", "/products/{id}/"),
        ("delete", "/products/{id}/edit/"),
        ("put", "/products/{id}/delete/"),
        ("delete", "/products/avoid/"),
        ("get", "/products/avoid/{entry}/remove/"),
    ],
)
def test_wrong_methods_are_405(alice, alice_client, product, method, url):
    entry = services.add_avoid(alice, category="aha")
    response = getattr(alice_client, method)(url.format(id=product.pk, entry=entry.pk))
    assert response.status_code == 405
    assert Product.objects.count() == 1 and AvoidEntry.objects.count() == 1


OWNED_URLS = [
    ("get", "/products/{id}/"),
    ("get", "/products/{id}/edit/"),
    ("post", "/products/{id}/edit/"),
    ("get", "/products/{id}/delete/"),
    ("post", "/products/{id}/delete/"),
    ("post", "/products/avoid/{entry}/remove/"),
    ("get", "/api/products/{id}"),
    ("put", "/api/products/{id}"),
    ("delete", "/api/products/{id}"),
    ("delete", "/api/products/avoid/{entry}"),
]


@pytest.mark.parametrize("method, url", OWNED_URLS)
def test_another_persons_product_or_entry_is_a_404(alice, carol, product, method, url):
    entry = services.add_avoid(alice, category="aha")
    client = Client()
    client.force_login(carol)
    kwargs = {"content_type": "application/json", "data": {"name": "Mine now"}}
    response = getattr(client, method)(
        url.format(id=product.pk, entry=entry.pk), **(kwargs if method == "put" else {})
    )
    assert response.status_code == 404
    product.refresh_from_db()
    assert product.name == "Night serum" and AvoidEntry.objects.count() == 1


@pytest.mark.parametrize(
    "url",
    [
        "/products/",
        "/products/safe-now/",
        "/products/add/",
        "/products/1/",
        "/products/1/edit/",
        "/products/1/delete/",
        "/products/avoid/",
    ],
)
def test_pages_need_a_login(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_posting_anonymously_writes_nothing(client, db):
    response = client.post("/products/add/", FORM)
    assert response.status_code == 302
    assert not Product.objects.exists()
