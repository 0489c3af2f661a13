"""Text too long for a form: past the request's memory limit, a page in the layout says so (never
Django's bare "Bad Request (400)"); past a field's bound, the form comes back with its input and
names the field."""

from __future__ import annotations

import pytest

from needlewise.products.models import Product
from needlewise.rules.inputs import MAX_TEXT

FIVE_MB = "Aqua, " * (5 * 1024 * 1024 // 6)


def _in_the_layout(html: str) -> bool:
    return "Skip to content" in html and 'aria-label="Main"' in html and "site-footer" in html


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/rules/ingredients/", {"text": FIVE_MB}),
        ("/products/add/", {"name": "Serum", "kind": "serum", "ingredients_text": FIVE_MB}),
    ],
)
def test_five_mb_of_text_is_a_413_page_in_the_layout(alice_client, url, data):
    response = alice_client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 413
    assert _in_the_layout(html)
    assert "That was too long to send" in html and "2.5\xa0MB" in html
    assert "Back button" in html and "Bad Request" not in html
    assert not Product.objects.exists()


def test_the_page_names_the_limit_as_set(alice_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2048
    response = alice_client.post("/rules/ingredients/", {"text": "Aqua, " * 400})
    html = response.content.decode()
    assert response.status_code == 413 and "more than 2.0\xa0KB of text" in html


def test_too_many_fields_is_a_page_in_the_layout_too(alice_client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    response = alice_client.post("/rules/ingredients/", {f"f{n}": "x" for n in range(10)})
    html = response.content.decode()
    assert response.status_code == 400 and _in_the_layout(html) and "too many parts" in html


def test_ingredients_past_their_bound_come_back_with_what_was_typed(alice_client):
    text = "Aqua, Glycerin, " * (MAX_TEXT // 16 + 1)
    data = {"name": "Serum", "kind": "serum", "ingredients_text": text}
    response = alice_client.post("/products/add/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert text in html  # kept whole: the person chooses what to cut
    summary = html.split('class="error-summary"')[1].split("</div>")[0]
    assert 'href="#id_ingredients_text"' in summary  # names the field and links to it
    assert f"Ingredients, as printed: Use at most {MAX_TEXT:,} characters." in summary
    assert not Product.objects.exists()
