"""Levels always carry a word and an icon with their colour, never colour alone."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from needlewise.icons import level_svg
from needlewise.rulebook.catalogue import disagreements_for
from needlewise.rulebook.summaries import not_recognised as _not_recognised
from needlewise.rulebook.summaries import unknown_words as _unknown_words
from needlewise.rulebook.summaries import verdict_words, word

register = template.Library()


@register.filter
def level_word(level: str) -> str:
    return word(level)


@register.filter
def level_icon(level: str) -> SafeString:
    """The level's inline SVG icon (needlewise/icons.py), hidden from screen readers."""
    return level_svg(level)


@register.filter
def verdict_word(level: str, unknown_count: int | None = 0) -> str:
    """`level|verdict_word:n`: "OK for what we recognised" when n names are not known."""
    return verdict_words(level, unknown_count or 0)


@register.filter
def unknown_words(count: int | None) -> str:
    """`n|unknown_words`: "2 names not recognised" ("" for none)."""
    return _unknown_words(count or 0)


@register.filter
def not_recognised(ingredients: list[dict[str, object]]) -> list[str]:
    """The names in a checker result that the dictionary does not hold."""
    return _not_recognised(ingredients)  # type: ignore[arg-type]


@register.filter
def disagreements(reasons: list[dict[str, object]]) -> list[object]:
    """`reasons|disagreements`: where sources disagree on the rules behind these reasons."""
    return disagreements_for([str(r.get("rule", "")) for r in reasons or ()])
