from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict[str, Any] | None, key: str) -> Any:
    """`{{ products|get_item:topic }}`: a mapping lookup by a variable key."""
    return (mapping or {}).get(key)
