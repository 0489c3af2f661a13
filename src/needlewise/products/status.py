"""A product's level at one moment: the rule core's check, plus the person's own avoid-list.

No queries here: callers pass the products, the avoid-list and the last session's time."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils import timezone

from needlewise.glides import Glide
from needlewise.products.models import AvoidEntry, Product
from needlewise.rules import glide, ingredients
from needlewise.rules.errors import InputError
from needlewise.rules.inci import key
from needlewise.rules.limits import Limits
from needlewise.rules.model import worst
from needlewise.rules.vocab import INGREDIENT_VERDICTS

AVOID_LIST_RULE = "products.avoid_list"
UNREADABLE_RULE = "products.unreadable"
_LEFT = re.compile(r" \(\d+(?:\.\d+)? h left\)")
_ORDER = {"avoid": 0, "caution": 1, "ok": 2, "recommended": 3}


@dataclass(frozen=True)
class Reason:
    """Why a product has its level: one finding, in words, with its evidence and end time.

    `until` is when this reason stops applying (None: no session yet, or never, as for the
    avoid-list); `until_hours` is the window's length after a session (None: no window)."""

    level: str
    message: str
    ingredient: str = ""
    category: str = ""
    rule: str = ""
    grade: str = ""
    sources: tuple[str, ...] = ()
    until_hours: float | None = None
    until: datetime | None = None
    avoid_list: bool = False

    def to_dict(self) -> dict[str, object]:
        return {
            "level": self.level,
            "message": self.message,
            "ingredient": self.ingredient,
            "category": self.category,
            "rule": self.rule,
            "grade": self.grade,
            "sources": list(self.sources),
            "until_hours": self.until_hours,
            "until": self.until.isoformat() if self.until else None,
            "avoid_list": self.avoid_list,
        }


@dataclass(frozen=True)
class ProductStatus:
    """One product at one moment.

    `level` is avoid|caution|ok. `session_at` None means no session is recorded: the levels are
    then those right after the next session (every full window). `ok_again_at` is when the
    level becomes ok (None when it is ok now, when there is no session, or when the avoid-list
    keeps it at avoid). `reasons` are worst first; `past_use_by` is the product's own labelling
    (opened date + period after opening), not a medical rule. `unknown` are the label's names
    the checker does not know: the level judges only the others, so an ok with unknown names is
    "OK for what we recognised", never a plain OK (POLICY.md section 4)."""

    product: Product
    level: str
    reasons: tuple[Reason, ...]
    session_at: datetime | None
    hours_since_session: float | None
    ok_again_at: datetime | None
    avoid_listed: bool
    past_use_by: bool
    unreadable: bool = False
    concerns: tuple[Reason, ...] = field(default=())
    unknown: tuple[str, ...] = field(default=())
    glide: Glide | None = None

    @property
    def unknown_count(self) -> int:
        return len(self.unknown)

    @property
    def good(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.level == "recommended")


@dataclass(frozen=True)
class AvoidList:
    """The person's avoid-list, by category code and by ingredient matching key."""

    categories: dict[str, AvoidEntry]
    names: dict[str, AvoidEntry]
    viewer: object = None

    @classmethod
    def of(cls, entries: Iterable[AvoidEntry], viewer: object = None) -> AvoidList:
        cats: dict[str, AvoidEntry] = {}
        names: dict[str, AvoidEntry] = {}
        for entry in entries:
            target = cats if entry.kind == AvoidEntry.Kind.CATEGORY else names
            target[entry.value] = entry
        return cls(cats, names, viewer)

    def reason(self, entry: AvoidEntry, ingredient: str) -> Reason:
        who = entry.added_by_words(self.viewer)
        note = f" Note: {entry.note}" if entry.note else ""
        message = f"On your avoid list: {entry.label} ({who}).{note}"
        return Reason(
            "avoid",
            message,
            ingredient=ingredient,
            category=entry.value if entry.kind == AvoidEntry.Kind.CATEGORY else "",
            rule=AVOID_LIST_RULE,
            avoid_list=True,
        )


def hours_between(session_at: datetime | None, now: datetime) -> float | None:
    if session_at is None:
        return None
    return max(0.0, (now - session_at).total_seconds() / 3600)


def _unreadable(product: Product) -> Reason:
    return Reason(
        "caution",
        f"We could not read its ingredient list, so we cannot check it: {product.parse_error}",
        rule=UNREADABLE_RULE,
    )


def _window_reason(f: ingredients.Finding, session_at: datetime | None) -> Reason:
    until = None
    if session_at is not None and f.until_hours is not None:
        until = session_at + timedelta(hours=f.until_hours)
    # With no session yet, "(168 h left)" counts down a window that has not started.
    message = f.message if session_at else _LEFT.sub("", f.message)
    return Reason(
        f.level,
        message,
        ingredient=f.ingredient,
        category=f.category,
        rule=f.rule,
        grade=f.grade,
        sources=f.sources,
        until_hours=f.until_hours,
        until=until,
    )


def reasons_for(
    product: Product, avoid: AvoidList, session_at: datetime | None, hours: float | None
) -> list[Reason]:
    """Every reason, worst first: the rule core's findings and the avoid-list's matches."""
    return _read(product, avoid, session_at, hours)[0]


def _read(
    product: Product, avoid: AvoidList, session_at: datetime | None, hours: float | None
) -> tuple[list[Reason], tuple[str, ...]]:
    """(every reason worst first, the names not recognised), from one check of the label."""
    if product.parse_error:
        return [_unreadable(product)], ()
    limits = Limits(avoid=frozenset(avoid.categories))
    # Whole hours: "(72 h left)", not "(71.9999 h left)"; a window ends no earlier for it.
    whole = None if hours is None else float(math.floor(hours))
    try:
        result = ingredients.check(product.ingredients_text, whole, product.name, limits)
    except InputError as error:  # rules changed since the product was saved
        return [Reason("caution", f"We could not read its ingredient list: {error.message}")], ()
    out: list[Reason] = []
    for f in result.findings:
        entry = avoid.categories.get(f.category)
        out.append(avoid.reason(entry, f.ingredient) if entry else _window_reason(f, session_at))
    for item in result.ingredients:
        entry = avoid.names.get(key(item.name))
        if entry is not None:
            out.append(avoid.reason(entry, item.name))
    return sorted(out, key=lambda r: _ORDER.get(r.level, 9)), result.unrecognised


def glide_for(product: Product, avoid: frozenset[str] = frozenset()) -> Glide:
    """The product judged as the glide during needling (POLICY.md section 8) by the rule core;
    `avoid`: categories the person avoids, which count as actives. A label missing or not read
    is not recognised, so it is avoided too."""
    found = None
    if not product.parse_error:
        try:
            result = ingredients.check(
                product.ingredients_text,
                product_name=product.name,
                limits=Limits(avoid=avoid),
                as_glide=True,
            )
        except InputError:  # rules changed since the product was saved
            pass
        else:
            found = [f for f in result.findings if f.category == glide.CATEGORY]
    if found is None:
        found = glide.unlisted()
    return Glide(product.pk, str(product), glide.verdict(found), tuple(f.to_dict() for f in found))


def status_for(
    product: Product, avoid: AvoidList, session_at: datetime | None, now: datetime
) -> ProductStatus:
    hours = hours_between(session_at, now)
    reasons, unknown = _read(product, avoid, session_at, hours)
    concerns = tuple(r for r in reasons if r.level in ("avoid", "caution"))
    level = worst([r.level for r in concerns] or ["ok"], INGREDIENT_VERDICTS)
    ends = [r.until for r in concerns]
    ok_again = None
    if concerns and all(end is not None for end in ends):
        ok_again = max(end for end in ends if end is not None)
    return ProductStatus(
        product=product,
        level=level,
        reasons=tuple(reasons),
        session_at=session_at,
        hours_since_session=hours,
        ok_again_at=ok_again,
        avoid_listed=any(r.avoid_list for r in reasons),
        past_use_by=product.past_use_by(timezone.localdate(now)),
        unreadable=bool(product.parse_error),
        concerns=concerns,
        unknown=unknown,
        glide=glide_for(product, frozenset(avoid.categories)),
    )
