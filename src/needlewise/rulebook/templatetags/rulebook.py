"""Levels always carry a word and an icon with their colour, never colour alone."""

from __future__ import annotations

from django import template

from needlewise.rulebook.summaries import word

register = template.Library()

ICONS = {
    "go": "✓",
    "ok": "✓",
    "normal": "✓",
    "recommended": "✓",
    "caution": "!",
    "watch": "!",
    "see_professional": "➜",
    "see_dermatologist": "➜",
    "not_now": "⏸",
    "not_at_home": "✕",
    "urgent": "✕",
    "avoid": "✕",
}


@register.filter
def level_word(level: str) -> str:
    return word(level)


@register.filter
def level_icon(level: str) -> str:
    return ICONS.get(level, "•")
