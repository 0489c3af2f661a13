"""A session's glide and a late check-in in words, for the pages that show a record (the
professional's client page, the check-in result): `{{ session|glide_words }}`."""

from __future__ import annotations

from typing import Any

from django import template

from needlewise.recovery import signs
from needlewise.treatments import glide_words as glide

register = template.Library()


@register.filter
def glide_words(session: Any) -> str:
    """ "Glide: Night serum — not advised as a glide: …"; "" for a session never asked."""
    return glide.glide_words(session)


@register.filter
def glide_avoided(session: Any) -> bool:
    return glide.glide_avoided(session)


@register.filter
def late_line(checkin: Any) -> str:
    """ "Late check-in, day 21: new lumps or bumps — no; a sore that does not heal — yes. …"."""
    return signs.late_line(checkin)


@register.filter
def late_answers(checkin: Any) -> list[tuple[str, bool]]:
    """[("new lumps or bumps", False), ("a sore that does not heal", True)]."""
    return signs.late_answers(checkin)
