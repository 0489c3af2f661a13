"""The glide (POLICY.md section 8): may this product go on the skin while needling?

The answer is `avoid` or `ok`, never `caution`: a channel open to the dermis is the one moment a
product's actives, fragrance or unknown names are carried in, so anything but a plain serum is
avoided. Advice only: the guided session records the product and warns, it does not block."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from needlewise.rules import aftercare
from needlewise.rules.inci import ParsedIngredient
from needlewise.rules.knowledge import knowledge
from needlewise.rules.model import Rule

if TYPE_CHECKING:
    from needlewise.rules.ingredients import Finding

#: The finding's category in the section 7 JSON shape.
CATEGORY = "glide"


def _rule(key: str) -> Rule:
    return Rule.from_raw(knowledge()["followup"]["glide"][key])


def _offence(item: ParsedIngredient, avoid: frozenset[str]) -> tuple[Rule, str, bool] | None:
    """Why this ingredient rules the product out as a glide: (rule, category, inference)."""
    if not item.known:
        return _rule("unrecognised"), "", False
    not_plain = _rule("not_plain")
    for cat in item.categories:
        if cat in avoid or aftercare.window_for(cat)["level"] == "avoid":
            return _rule("active"), cat, False
    for cat in item.categories:
        if cat in not_plain["categories"]:
            return not_plain, cat, True
    return None


def _short_label(label: str, name: str) -> str:
    """ "vitamin C (ascorbic acid)" reads "vitamin C" after Ascorbic Acid: it is named already."""
    head, _, rest = label.partition(" (")
    return head if rest and name.casefold() in rest.casefold() else label


def findings(
    items: Iterable[ParsedIngredient], avoid: frozenset[str] = frozenset()
) -> list[Finding]:
    """One `glide` finding per ingredient that rules the product out, else one saying it is fine.

    `avoid`: categories a professional asked the person to avoid count as actives here too."""
    from needlewise.rules.ingredients import Finding  # the section 7 shape

    out = []
    for item in items:
        why = _offence(item, avoid)
        if why is None:
            continue
        rule, cat, inference = why
        label = _short_label(aftercare.label(cat), item.name) if cat else ""
        text = rule.text(ingredient=item.name, label=label)
        if inference:
            text = f"{text} {knowledge()['followup']['glide']['inference_note']}"
        out.append(
            Finding(rule.id, item.name, CATEGORY, "avoid", None, text, rule.grade, rule.sources)
        )
    if not out:
        fine = _rule("fine")
        text = fine.text()
        out.append(Finding(fine.id, "", CATEGORY, "ok", None, text, fine.grade, fine.sources))
    return out


def verdict(glide_findings: Iterable[Finding]) -> str:
    """`avoid` when any finding rules the product out, else `ok`."""
    return "avoid" if any(f.level == "avoid" for f in glide_findings) else "ok"


def unlisted() -> list[Finding]:
    """The finding for a product whose ingredient list is missing or cannot be read: nothing in
    it is recognised, so it is avoided as a glide, like any name not recognised."""
    from needlewise.rules.ingredients import Finding  # the section 7 shape

    rule = _rule("unrecognised")
    text = rule.text(ingredient="what is in it (there is no ingredient list we can read)")
    return [Finding(rule.id, "", CATEGORY, "avoid", None, text, rule.grade, rule.sources)]
