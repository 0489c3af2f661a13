"""FDA status and readiness badges: a word and an icon with the colour, never colour alone."""

from __future__ import annotations

from django import template

from needlewise.devices.models import FDA_WORDS
from needlewise.rules.model import fmt_mm

register = template.Library()

#: FDA status -> the level class it borrows from app.css, and its icon.
_FDA_LOOK = {
    "cleared": ("ok", "check"),
    "not_cleared": ("caution", "bang"),
    "unknown": ("caution", "question"),
}


@register.inclusion_tag("devices/_fda_badge.html")
def fda_badge(status: str, number: str = "") -> dict[str, str]:
    level, icon = _FDA_LOOK.get(status, ("caution", "question"))
    word = FDA_WORDS.get(status, status)
    if status == "unknown":
        word = "FDA status not known"
    return {"level": level, "icon": icon, "word": word, "number": number}


@register.filter
def mm(value: float | None) -> str:
    """0.25 -> '0.25 mm', 1.0 -> '1.0 mm'."""
    return "—" if value is None else f"{fmt_mm(value)} mm"
