from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict[str, Any] | None, key: str) -> Any:
    """`{{ products|get_item:topic }}`: a mapping lookup by a variable key."""
    return (mapping or {}).get(key)


@register.filter
def bar_products(mapping: dict[str, list[Any]] | None, bar: Any) -> list[Any]:
    """`{{ products|bar_products:bar }}`: the person's products in any of an aftercare bar's
    topics (`products_in_windows`), each once, in shelf order."""
    seen: dict[Any, Any] = {}
    for topic in bar.topics:
        for product in (mapping or {}).get(topic, ()):
            seen.setdefault(product.pk, product)
    return list(seen.values())
