"""The shelf and its API with the names people use (POLICY.md section 4): "Vitamin C" on a label
is avoided for the window aftercare gives, common neutral names are known, and a label with a
name we do not know is never a plain "Fine to use"."""

from __future__ import annotations

import re

from tests.products.conftest import add, at

VITAMIN_C = "Aqua, Vitamin C, Glycerin"
NEUTRAL = "Aqua, Niacinamide, Tocopherol, Dimethicone, Phenoxyethanol"


def text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def card(page: str, name: str) -> str:
    """The words from a product's name up to the next card's heading (or the page's end)."""
    return page.split(name, 1)[1][:300]


def test_a_vitamin_c_serum_is_avoided_until_the_aftercare_window_ends(alice, alice_client, session):
    add(alice, "Vitamin C serum", VITAMIN_C, kind="serum")
    with at(30):
        shelf = text(alice_client.get("/products/safe-now/"))
        aftercare = text(alice_client.get(f"/sessions/{session.key}/aftercare/"))
    assert "Avoid for now (1)" in shelf
    assert "OK again on Mon 30 Nov, 19:00" in card(shelf, "Vitamin C serum")
    # 30 h after the session, 138 h of the 168 h window are left: the same Mon 30 Nov, 19:00.
    # What is still to wait for comes first, grouped by when it ends, the product under its topic.
    assert re.search(
        r"OK again in 5 days, 18 hours Avoid [^·]*vitamin C \(ascorbic acid\)[^·]*(· [^·]*)?"
        r"Your products: Vitamin C serum",
        aftercare,
    )


def test_common_neutral_names_are_fine_to_use_with_nothing_unrecognised(
    alice, alice_client, session
):
    add(alice, "Plain moisturiser", NEUTRAL, kind="moisturiser")
    with at(30):
        shelf = text(alice_client.get("/products/safe-now/"))
    assert "Fine to use (1)" in shelf
    assert "not recognised" not in shelf


def test_an_unknown_name_is_counted_on_the_shelf_never_a_plain_ok(alice, alice_client, session):
    product = add(alice, "Mystery balm", f"{NEUTRAL}, Zorblax Extract, Quuxine", kind="moisturiser")
    with at(30):
        shelf = text(alice_client.get("/products/safe-now/"))
        listing = text(alice_client.get("/products/"))
        detail = text(alice_client.get(f"/products/{product.pk}/"))
    assert "OK for what we recognised (1)" in shelf
    assert "Fine to use" not in shelf
    assert "2 names not recognised" in card(shelf, "Mystery balm")
    assert "2 names not recognised" in card(listing, "Mystery balm")
    assert "We did not recognise: Zorblax Extract, Quuxine." in detail


def test_an_avoided_product_still_counts_its_unknown_names(alice, alice_client, session):
    add(alice, "Odd serum", f"{VITAMIN_C}, Zorblax Extract", kind="serum")
    with at(30):
        shelf = text(alice_client.get("/products/safe-now/"))
    assert "Avoid for now (1)" in shelf
    assert "1 name not recognised" in card(shelf, "Odd serum")


def test_the_api_says_known_per_ingredient_and_counts_the_unknown(alice, alice_client, session):
    add(alice, "Odd serum", f"{VITAMIN_C}, Niacinamide, Zorblax Extract", kind="serum")
    with at(30):
        out = alice_client.get("/api/products/safe-now").json()
    (status,) = out["products"]
    assert (status["verdict"], status["unknown_count"]) == ("avoid", 1)
    assert status["unrecognised"] == ["Zorblax Extract"]
    assert [f["category"] for f in status["findings"]] == ["vitamin_c", "soothing"]
    product = alice_client.get(f"/api/products/{status['id']}").json()
    known = {i["input"]: i["known"] for i in product["ingredients"]}
    assert known == {
        "Aqua": True,
        "Vitamin C": True,
        "Glycerin": True,
        "Niacinamide": True,
        "Zorblax Extract": False,
    }
