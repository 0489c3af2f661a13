"""Template helpers for the shelf: ingredient categories in plain words."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django import template

from needlewise.products import queries
from needlewise.products.models import Product, category_words

register = template.Library()


@register.filter
def categories_words(codes: Iterable[str] | str) -> str:
    """["retinoid", "aha"] -> "retinoids, alpha hydroxy acids (AHA)"; one code works too."""
    if isinstance(codes, str):
        codes = [codes] if codes else []
    return ", ".join(category_words(code) for code in codes)


@register.filter
def hours_words(hours: float | None) -> str:
    """43.5 -> "1 day 19 hours"; under a day, hours only."""
    if hours is None:
        return ""
    if hours < 1:
        return "less than an hour"
    whole = int(hours)
    days, rest = divmod(whole, 24)
    parts = []
    if days:
        parts.append(f"{days} day{'s' if days != 1 else ''}")
    if rest or not days:
        parts.append(f"{rest} hour{'s' if rest != 1 else ''}")
    return " ".join(parts)


@register.filter
def by_level(shelf: object, level: str) -> list[object]:
    """The shelf's products at one level: `shelf|by_level:"avoid"`."""
    return shelf.by_level(level)  # type: ignore[attr-defined, no-any-return]


@register.filter
def added_by_for(entry: object, viewer: object) -> str:
    """ "added by you" or "added by <their professional>"."""
    return entry.added_by_words(viewer)  # type: ignore[attr-defined, no-any-return]


@register.simple_tag(takes_context=True)
def products_in_windows(context: dict[str, Any], session_at: datetime) -> dict[str, list[Product]]:
    """`{% products_in_windows session.done_at as products %}`: the signed-in person's products
    in each aftercare window, for the pages of apps below products (the aftercare timeline)."""
    return queries.products_in_windows(context["request"].user, session_at)
