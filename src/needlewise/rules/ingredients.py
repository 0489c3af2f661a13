"""Ingredient check (POLICY.md section 4): which listed ingredients to avoid after a session."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from needlewise.rules import aftercare, glide
from needlewise.rules.errors import InputError
from needlewise.rules.inci import ParsedIngredient, parse
from needlewise.rules.inputs import MAX_INGREDIENTS
from needlewise.rules.knowledge import knowledge
from needlewise.rules.limits import NO_LIMITS, Limits
from needlewise.rules.model import Rule, worst
from needlewise.rules.vocab import INGREDIENT_VERDICTS

__all__ = ["Finding", "IngredientCheck", "ParsedIngredient", "check", "parse"]


@dataclass(frozen=True)
class Finding:
    """One ingredient in one category: level, window length in hours, message and evidence."""

    rule: str
    ingredient: str
    category: str
    level: str
    until_hours: float | None
    message: str
    grade: str
    sources: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON shape of one POLICY.md section 7 finding."""
        return {
            "rule": self.rule,
            "ingredient": self.ingredient,
            "category": self.category,
            "level": self.level,
            "until_hours": self.until_hours,
            "message": self.message,
            "grade": self.grade,
            "sources": list(self.sources),
        }


@dataclass(frozen=True)
class IngredientCheck:
    """Verdict avoid|caution|ok, the parsed ingredients, findings and names not recognised.

    The verdict judges only the names the dictionary knows: an `ok` with names not recognised
    is "OK for what we recognised", never a plain OK (POLICY.md section 4)."""

    verdict: str
    ingredients: tuple[ParsedIngredient, ...]
    findings: tuple[Finding, ...]
    unrecognised: tuple[str, ...]

    @property
    def unknown_count(self) -> int:
        """How many listed names the dictionary does not hold."""
        return len(self.unrecognised)

    def to_dict(self) -> dict[str, Any]:
        """JSON shape of POLICY.md section 7 (ingredients)."""
        return {
            "verdict": self.verdict,
            "ingredients": [
                {
                    "input": i.input,
                    "name": i.name,
                    "known": i.known,
                    "categories": list(i.categories),
                }
                for i in self.ingredients
            ],
            "unknown_count": self.unknown_count,
            "findings": [f.to_dict() for f in self.findings],
        }


def _cfg(key: str) -> Any:
    return knowledge()["ingredients"][key]


def _base_level(item: ParsedIngredient, cat: str, window: Rule, scrub: bool) -> tuple[str, Rule]:
    """The window's level, softened by a per-name override or a product not named a scrub."""
    if cat == "physical_exfoliant" and not scrub:
        return "caution", Rule.from_raw(_cfg("scrub_context"))
    overrides = [e.level for e in item.entries if e.category == cat and e.level]
    return (overrides[0] if overrides else window["level"]), window


def _finding(item: ParsedIngredient, cat: str, hours: float | None, scrub: bool) -> Finding:
    window = aftercare.window_for(cat)
    label = aftercare.label(cat)
    until = window["until_hours"]
    if window["level"] == "recommended":
        text = _cfg("messages")["recommended"].format(ingredient=item.name, label=label)
        return Finding(
            window.id, item.name, cat, "recommended", None, text, window.grade, window.sources
        )
    level, rule = _base_level(item, cat, window, scrub)
    if hours is not None and until is not None and hours >= until:
        level = "ok"
    remaining = until if hours is None else max(0.0, until - hours)
    if rule is window or level == "ok":
        text = _cfg("messages")[level].format(
            ingredient=item.name, label=label, hours=until, remaining=f"{remaining:g}"
        )
    else:
        text = rule.text(ingredient=item.name)
    if window.params.get("inference"):
        text = f"{text} {_cfg('inference_note')}"
    sources = rule.sources
    citric = Rule.from_raw(_cfg("citric_acid"))
    if cat == citric["category"] and item.name == citric["name"]:
        text = f"{text} {citric.text()}"
        sources = tuple(dict.fromkeys(sources + citric.sources))
    return Finding(rule.id, item.name, cat, level, until, text, rule.grade, sources)


def _professional(item: ParsedIngredient, cat: str) -> Finding:
    rule = Rule.from_raw(_cfg("professional_avoid"))
    text = rule.text(label=aftercare.label(cat))
    return Finding(rule.id, item.name, cat, "avoid", None, text, rule.grade, rule.sources)


def check(
    text: str,
    hours_since_session: float | None = None,
    product_name: str | None = None,
    limits: Limits | None = None,
    as_glide: bool = False,
) -> IngredientCheck:
    """Check a label; hours None means 'just after a session' (every full window applies).

    `as_glide` judges it as the product on the skin during needling (POLICY.md section 8): the
    verdict is `avoid` or `ok`, and `glide` findings, first, carry the reason."""
    if hours_since_session is not None and not hours_since_session >= 0:
        raise InputError("hours_since_session", "must be 0 or more")
    if as_glide and hours_since_session is not None:
        raise InputError(
            "hours_since_session",
            "is not used with as_glide (the glide is judged for use during the session)",
        )
    items = parse(text, product_name)
    if not items:
        raise InputError("text", "no ingredient names found")
    if len(items) > MAX_INGREDIENTS:
        raise InputError(
            "text",
            f"names {len(items):,} ingredients, more than {MAX_INGREDIENTS} ingredients at once: "
            "one product's label names far fewer, so check one product at a time",
        )
    words = set(re.findall(r"\w+", (product_name or "").casefold()))
    scrub = any(w in words for w in _cfg("scrub_context")["scrub_words"])
    avoid = (limits or NO_LIMITS).avoid
    findings = []
    for item in items:
        for cat in item.categories:
            pro = cat in avoid
            findings.append(
                _professional(item, cat) if pro else _finding(item, cat, hours_since_session, scrub)
            )
    unrecognised = tuple(i.name for i in items if not i.known)
    if as_glide:
        glides = glide.findings(items, avoid)
        return IngredientCheck(
            glide.verdict(glides), tuple(items), tuple(glides + findings), unrecognised
        )
    levels = [f.level for f in findings if f.level in INGREDIENT_VERDICTS] or ["ok"]
    return IngredientCheck(
        worst(levels, INGREDIENT_VERDICTS), tuple(items), tuple(findings), unrecognised
    )
