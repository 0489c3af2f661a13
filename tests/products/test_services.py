"""products.services: parse on save, unreadable labels kept, the avoid-list normalised."""

from __future__ import annotations

from datetime import date

import pytest

from needlewise.products import services
from needlewise.products.models import AvoidEntry, Product
from needlewise.rules.errors import InputError
from tests.products.conftest import add

LABEL = """INGREDIENTS: Aqua/Water/Eau, Glycerin, Niacinamide, Retinol 0.3%, Zorblax Extract*,
Linalool, Parfum. May contain (+/-): CI 77491, CI 77891.
*Certified organic"""


def test_a_label_is_parsed_on_save(alice):
    product = add(alice, "Night serum", LABEL, kind="serum")
    product.refresh_from_db()
    names = [item["name"] for item in product.parsed]
    assert names[0] == "Water" and "Retinol" in names
    assert product.categories == ["retinoid", "fragrance", "fragrance_allergen", "soothing"]
    assert product.unrecognised == ["Zorblax Extract"]
    assert product.parse_error == "" and product.rules_version
    assert "CI 77491" in names  # the "may contain" colours are read as ingredients too


@pytest.mark.parametrize("text", ["", "   \n", "Ingredients:", "*** ."])
def test_an_unreadable_label_is_kept_with_a_message(alice, text):
    product = add(alice, "Mystery", text)
    product.refresh_from_db()
    assert product.ingredients_text == text
    assert product.parsed == [] and product.unrecognised == []
    assert product.parse_error.startswith(("There is no ingredient list", "We found no"))


def test_editing_reads_the_label_again(alice):
    product = add(alice, "Toner", "Ingredients:")
    services.update_product(product, ingredients_text="Aqua, Glycolic Acid")
    product.refresh_from_db()
    assert product.parse_error == "" and product.categories == ["aha"]


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"name": "  "}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"name": "A", "kind": "potion"}, "kind"),
        ({"name": "A", "pao_months": 0}, "pao_months"),
        ({"name": "A", "pao_months": 61}, "pao_months"),
        ({"name": "A", "opened_on": date(2999, 1, 1)}, "opened_on"),
        ({"name": "A", "ingredients_text": "a" * 20_001}, "ingredients_text"),
        ({"name": "A", "colour": "red"}, "colour"),
    ],
)
def test_bad_fields_are_refused_and_nothing_is_written(alice, fields, field):
    with pytest.raises(InputError) as error:
        services.add_product(alice, **fields)
    assert error.value.field == field
    assert not Product.objects.exists()


def test_the_use_by_date_counts_calendar_months(alice):
    product = add(alice, "Cream", "Aqua", opened_on=date(2026, 1, 31), pao_months=1)
    assert product.use_by == date(2026, 2, 28)
    assert product.past_use_by(date(2026, 3, 1)) and not product.past_use_by(date(2026, 2, 28))


def test_an_ingredient_name_is_read_like_a_label(alice):
    entry = services.add_avoid(alice, ingredient="retinol")
    assert (entry.kind, entry.label, entry.added_by) == ("ingredient", "Retinol", alice)
    with pytest.raises(InputError, match="already on your avoid list"):
        services.add_avoid(alice, ingredient="RETINOL ")
    synonym = services.add_avoid(alice, ingredient="Retinaldehyde")
    assert synonym.label == "Retinal"


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({}, "category"),
        ({"category": "retinoid", "ingredient": "Retinol"}, "category"),
        ({"category": "vitamins"}, "category"),
        ({"ingredient": "Retinol, Parfum"}, "ingredient"),
        ({"ingredient": "Ingredients:"}, "ingredient"),
        ({"category": "aha", "note": "n" * 301}, "note"),
    ],
)
def test_bad_avoid_entries_are_refused(alice, kwargs, field):
    with pytest.raises(InputError) as error:
        services.add_avoid(alice, **kwargs)
    assert error.value.field == field
    assert not AvoidEntry.objects.exists()


def test_a_category_twice_is_refused(alice, bob):
    services.add_avoid(alice, category="aha")
    with pytest.raises(InputError, match="alpha hydroxy acids"):
        services.add_avoid(alice, category="aha", added_by=bob)
    services.add_avoid(bob, category="aha")  # per person
    assert AvoidEntry.objects.count() == 2


def test_deleting_a_product(alice):
    product = add(alice, "Cream", "Aqua")
    services.delete_product(product)
    assert not Product.objects.exists()
