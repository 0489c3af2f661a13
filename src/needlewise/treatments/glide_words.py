"""A session's glide in words (POLICY.md section 8), as the report, the FHIR export, the
professional's pages and mails show it: "Glide: Night serum — not advised as a glide: it
contains retinol (retinoids)". Sessions recorded before the question existed say nothing."""

from __future__ import annotations

from typing import Any

from needlewise.treatments.models import GlideVerdict

#: The rule core's glide messages start with this; the words after it are the reason.
_NOT_AS_GLIDE = "Not as a glide: "


def _first_sentence(text: str) -> str:
    head, dot, _ = text.partition(". ")
    return head if dot else text.rstrip(".")


def glide_reason(session: Any) -> str:
    """Why the glide was not advised, short ("it contains retinol (retinoids)"); "" otherwise."""
    if session.glide_verdict != GlideVerdict.AVOID:
        return ""
    reasons = [
        _first_sentence(str(f.get("message", "")).removeprefix(_NOT_AS_GLIDE))
        for f in session.glide_findings or []
        if isinstance(f, dict) and f.get("level") == "avoid"
    ]
    return "; ".join(r for r in reasons if r)


def glide_avoided(session: Any) -> bool:
    """True when the product put on the skin while needling was not advised as a glide."""
    return session.glide_verdict == GlideVerdict.AVOID


def glide_phrase(session: Any) -> str:
    """ "Night serum — not advised as a glide: …", "nothing on the skin"; "" when never asked."""
    verdict = session.glide_verdict
    if verdict == GlideVerdict.NONE:
        return "nothing on the skin"
    if verdict not in (GlideVerdict.OK, GlideVerdict.AVOID):
        return ""
    name = session.glide_name or "a product not named"
    if verdict == GlideVerdict.OK:
        return f"{name} — fine as a glide"
    reason = glide_reason(session)
    return f"{name} — not advised as a glide" + (f": {reason}" if reason else "")


def glide_words(session: Any) -> str:
    """The glide line, "Glide: …"; "" for a session recorded before the glide was asked."""
    phrase = glide_phrase(session)
    return f"Glide: {phrase}" if phrase else ""
