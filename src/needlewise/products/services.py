"""State changes for the shelf: the only place that writes products and avoid-list entries.

Every label is parsed on save; a label the rule core cannot read is still kept, with a message."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from needlewise.accounts.models import User
from needlewise.products.models import (
    MAX_PAO_MONTHS,
    MAX_TEXT,
    AvoidEntry,
    Kind,
    Product,
    category_words,
)
from needlewise.products.status import AvoidList, status_for
from needlewise.rules import ingredients, rules_version
from needlewise.rules.errors import InputError
from needlewise.rules.inci import key, parse
from needlewise.rules.vocab import INGREDIENT_CATEGORIES
from needlewise.treatments.models import TreatmentSession

FIELDS = ("name", "brand", "kind", "opened_on", "pao_months", "ingredients_text")
PARSE_WORDS = {
    "ingredient text is empty": (
        "There is no ingredient list yet. Paste it as printed on the label to have it checked."
    ),
    "no ingredient names found": (
        "We found no ingredient names in this text. Check that it is the ingredient list, "
        "as printed on the label."
    ),
}


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    """Check every field before anything is written; InputError names the first bad one."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise InputError(sorted(unknown)[0], "is not a product field")
    out = dict(fields)
    if "name" in out:
        out["name"] = str(out["name"] or "").strip()
        if not out["name"]:
            raise InputError("name", "give the product's name, as on the label")
        if len(out["name"]) > 200:
            raise InputError("name", "use at most 200 characters")
    if "brand" in out:
        out["brand"] = str(out["brand"] or "").strip()
        if len(out["brand"]) > 200:
            raise InputError("brand", "use at most 200 characters")
    if "kind" in out and out["kind"] not in Kind.values:
        raise InputError("kind", f"choose one of {', '.join(Kind.values)}")
    if out.get("opened_on") is not None:
        if not isinstance(out["opened_on"], date) or isinstance(out["opened_on"], datetime):
            raise InputError("opened_on", "give a date like 2026-11-01")
        if out["opened_on"] > timezone.localdate():
            raise InputError("opened_on", "is in the future: give the day you opened it")
    pao = out.get("pao_months")
    if pao is not None and (isinstance(pao, bool) or not 1 <= pao <= MAX_PAO_MONTHS):
        raise InputError("pao_months", f"give a number of months from 1 to {MAX_PAO_MONTHS}")
    if "ingredients_text" in out:
        out["ingredients_text"] = str(out["ingredients_text"] or "")
        if len(out["ingredients_text"]) > MAX_TEXT:
            raise InputError("ingredients_text", f"use at most {MAX_TEXT:,} characters")
    return out


def _parse_into(product: Product) -> None:
    """Store what the rule core read; an unreadable label keeps its text and gets a message."""
    product.rules_version = rules_version()
    try:
        result = ingredients.check(product.ingredients_text, None, product.name)
    except InputError as error:
        product.parsed, product.unrecognised = [], []
        product.parse_error = PARSE_WORDS.get(error.message, error.message)
        return
    product.parsed = result.to_dict()["ingredients"]
    product.unrecognised = list(result.unrecognised)
    product.parse_error = ""


@transaction.atomic
def add_product(user: User, **fields: Any) -> Product:
    """Add a product (name required; kind defaults to other) and parse its label."""
    data = _clean(fields)
    if "name" not in data:
        raise InputError("name", "give the product's name, as on the label")
    product = Product(user=user, **data)
    _parse_into(product)
    product.save()
    return product


@transaction.atomic
def update_product(product: Product, **fields: Any) -> Product:
    """Change some fields and parse the label again (its name can change how it is read)."""
    data = _clean(fields)
    for name, value in data.items():
        setattr(product, name, value)
    _parse_into(product)
    product.save()
    return product


@transaction.atomic
def delete_product(product: Product) -> None:
    product.delete()


def ingredient_key(name: str) -> tuple[str, str]:
    """(matching key, canonical name) of one ingredient, read the way labels are read."""
    try:
        items = parse(name)
    except InputError:
        raise InputError("ingredient", "give an ingredient name, e.g. Retinol") from None
    if len(items) != 1:
        raise InputError("ingredient", "give one ingredient name at a time")
    return key(items[0].name), items[0].name


@transaction.atomic
def add_avoid(
    user: User,
    *,
    category: str = "",
    ingredient: str = "",
    note: str = "",
    added_by: User | None = None,
) -> AvoidEntry:
    """Add a category code or an ingredient name to the person's avoid-list."""
    if bool(category) == bool(ingredient.strip()):
        raise InputError("category", "give either a category or an ingredient name")
    if len(note) > 300:
        raise InputError("note", "use at most 300 characters")
    if category:
        if category not in INGREDIENT_CATEGORIES:
            raise InputError("category", f"unknown ingredient category {category!r}")
        kind, value, label, field = (
            AvoidEntry.Kind.CATEGORY,
            category,
            category_words(category),
            "category",
        )
    else:
        if len(ingredient) > 200:
            raise InputError("ingredient", "use at most 200 characters")
        value, label = ingredient_key(ingredient)
        kind, field = AvoidEntry.Kind.INGREDIENT, "ingredient"
    if AvoidEntry.objects.filter(user=user, kind=kind, value=value).exists():
        raise InputError(field, f"{label} is already on your avoid list")
    try:
        with transaction.atomic():
            return AvoidEntry.objects.create(
                user=user,
                kind=kind,
                value=value,
                label=label,
                note=note.strip(),
                added_by=added_by or user,
            )
    except IntegrityError:  # the same entry added twice at once
        raise InputError(field, f"{label} is already on your avoid list") from None


@transaction.atomic
def remove_avoid(entry: AvoidEntry) -> None:
    entry.delete()


def ok_again_times(user: User, session: TreatmentSession) -> list[tuple[Product, datetime]]:
    """When each of the person's avoid/caution products becomes ok after `session`, soonest
    first. Products kept at avoid by the avoid-list, and unreadable labels, have no such time
    and are left out; so are products that are fine straight after a session."""
    from needlewise.products.queries import avoid_entries_for, products_for

    session_at = session.done_at or session.started_at
    avoid = AvoidList.of(avoid_entries_for(user), user)
    out = []
    for product in products_for(user):
        status = status_for(product, avoid, session_at, session_at)
        if status.ok_again_at is not None:
            out.append((product, status.ok_again_at))
    return sorted(out, key=lambda pair: (pair[1], pair[0].name))
