"""`{{ code|label }}` on every page (a builtin, see settings.TEMPLATES): a code's words, never
the code. `{{ code|label:"triage_level" }}` names the vocabulary when a code is in several
("caution" is a screening verdict and an ingredient level); `label_lower` is for mid-sentence;
`labels` maps a list of codes; `rule_ids` lists the rules behind reasons for "Details"."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from needlewise.rules import labels as registry

register = template.Library()


@register.filter
def label(code: object, vocabulary: str | None = None) -> str:
    if code in (None, ""):
        return ""
    return registry.label_or_words(str(code), vocabulary or None)


@register.filter
def label_lower(code: object, vocabulary: str | None = None) -> str:
    if code in (None, ""):
        return ""
    return registry.lower(str(code), vocabulary or None)


@register.filter
def labels(codes: Iterable[object] | None, vocabulary: str | None = None) -> list[str]:
    return [registry.label_or_words(str(c), vocabulary or None) for c in codes or () if c]


@register.filter
def rule_ids(reasons: Iterable[object] | None) -> list[str]:
    """The rule ids behind some reasons, once each, for the "Details" under a result."""
    out: list[str] = []
    for reason in reasons or ():
        rule = reason.get("rule") if isinstance(reason, dict) else getattr(reason, "rule", None)
        if rule and str(rule) not in out:
            out.append(str(rule))
    return out
