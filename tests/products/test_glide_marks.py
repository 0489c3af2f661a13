"""The shelf marks each product as a glide during needling (POLICY.md section 8), judged by the
rule core: on the list, the product page, the API and the `--shelf` command."""

from __future__ import annotations

import json
from io import StringIO

from django.core.management import call_command

from needlewise.products import services
from tests.products.conftest import add

GLIDES = {
    "retinol serum": "avoid",
    "glycolic toner": "avoid",
    "fragranced moisturiser": "avoid",
    "hyaluronic serum": "ok",
    "mineral sunscreen": "ok",
}


def test_the_shelf_page_marks_each_product_with_the_reason(alice_client, shelf):
    html = alice_client.get("/products/").content.decode()
    assert html.count('data-testid="glide" data-verdict="avoid"') == 3
    assert html.count('data-testid="glide" data-verdict="ok"') == 2
    assert "Not as a glide" in html and "Fine as a glide" in html
    assert "Not as a glide: it contains Retinol (retinoids)." in html


def test_the_product_page_gives_the_reason_its_grade_and_sources(alice_client, shelf):
    html = alice_client.get(f"/products/{shelf['retinol serum'].pk}/").content.decode()
    assert "As a glide while needling" in html
    assert "Granulomatous reactions that lasted months" in html
    assert "PEER" in html and "friedmann-2024" in html and "cfr-878-4430" in html
    plain = alice_client.get(f"/products/{shelf['hyaluronic serum'].pk}/").content.decode()
    assert 'data-verdict="ok"' in plain and "Fine as a glide" in plain


def test_a_label_we_cannot_read_is_not_a_glide(alice_client, alice):
    bare = add(alice, "Mystery gel", "")
    html = alice_client.get(f"/products/{bare.pk}/").content.decode()
    assert 'data-verdict="avoid"' in html
    assert "there is no ingredient list we can read" in html


def test_a_category_on_the_avoid_list_rules_a_product_out(alice_client, alice, shelf):
    services.add_avoid(alice, category="soothing")
    html = alice_client.get(f"/products/{shelf['hyaluronic serum'].pk}/").content.decode()
    assert 'data-testid="glide" data-verdict="avoid"' in html


def test_the_api_gives_each_product_its_glide_verdict(alice_client, shelf):
    listed = {p["name"]: p["glide"]["verdict"] for p in alice_client.get("/api/products/").json()}
    assert listed == GLIDES
    safe = alice_client.get("/api/products/safe-now").json()["products"]
    assert {p["name"]: p["glide"]["verdict"] for p in safe} == GLIDES
    one = alice_client.get(f"/api/products/{shelf['retinol serum'].pk}").json()["glide"]
    assert [f["category"] for f in one["findings"]] == ["glide"]
    assert one["findings"][0]["ingredient"] == "Retinol"


def test_the_shelf_command_gives_the_glide_verdict(alice, shelf):
    out = StringIO()
    call_command("ingredients", "--user", "alice@example.com", "--shelf", "--json", stdout=out)
    products = json.loads(out.getvalue())["products"]
    assert {p["name"]: p["glide"]["verdict"] for p in products} == GLIDES
    retinol = next(p for p in products if p["name"] == "retinol serum")
    assert retinol["glide"]["findings"][0]["sources"]
    text = StringIO()
    call_command("ingredients", "--user", "alice@example.com", "--shelf", stdout=text)
    assert "Not as a glide\n      Not as a glide: it contains Retinol" in text.getvalue()
