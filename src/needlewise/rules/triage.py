"""Recovery triage (POLICY.md section 5): is this healing as expected, or does it need care."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from needlewise.rules.errors import InputError
from needlewise.rules.knowledge import knowledge
from needlewise.rules.model import Reason, Rule, fmt_hours, worst
from needlewise.rules.vocab import BLEEDING, SYMPTOMS, TRIAGE_LEVELS


@dataclass(frozen=True)
class CheckIn:
    """How the skin is doing some hours after a session."""

    hours_since_session: float
    redness: int
    pain: int = 0
    bleeding: str = "none"
    fever_c: float | None = None
    symptoms: frozenset[str] = field(default_factory=frozenset)
    previous_redness: int | None = None

    def __post_init__(self) -> None:
        if not self.hours_since_session >= 0:
            raise InputError("hours_since_session", "must be 0 or more")
        if not 0 <= self.redness <= 3:
            raise InputError("redness", "must be 0-3")
        if not 0 <= self.pain <= 10:
            raise InputError("pain", "must be 0-10")
        if self.bleeding not in BLEEDING:
            raise InputError("bleeding", f"must be one of {', '.join(BLEEDING)}")
        for code in sorted(self.symptoms - SYMPTOMS):
            raise InputError("symptoms", f"unknown symptom {code!r}")
        if self.previous_redness is not None and not 0 <= self.previous_redness <= 3:
            raise InputError("previous_redness", "must be 0-3")


@dataclass(frozen=True)
class Triage:
    """Level (worst of the reasons), every reason, and what to do now."""

    level: str
    reasons: tuple[Reason, ...]
    advice: str

    def to_dict(self) -> dict[str, Any]:
        """JSON shape of POLICY.md section 7 (triage)."""
        return {
            "level": self.level,
            "reasons": [r.to_dict() for r in self.reasons],
            "advice": self.advice,
        }


@dataclass(frozen=True)
class _State:
    c: CheckIn
    prev: int | None
    codes: set[str] = field(default_factory=set)

    @property
    def worse(self) -> bool:
        return self.prev is not None and self.c.redness > self.prev

    @property
    def hours(self) -> float:
        return self.c.hours_since_session


Hits = list[tuple[str, dict[str, Any]]]
_REDNESS_FLAGS = frozenset({"redness_persisting", "redness_worsening", "redness_lingering"})
_REDNESS_FLAGS |= {"severe_redness"}


def _label(code: str) -> str:
    return str(knowledge()["triage"]["symptoms"][code])


def _one(code: str, hit: bool, **values: Any) -> Hits:
    return [(code, values)] if hit else []


def _fever(r: Rule, s: _State) -> Hits:
    hot = s.c.fever_c is not None and s.c.fever_c >= r["min_fever_c"]
    return _one("fever", hot, fever_c=f"{s.c.fever_c:g}" if hot else "")


def _symptom(r: Rule, s: _State) -> Hits:
    if s.hours < r.params.get("min_hours", 0) or s.hours >= r.params.get("max_hours", 1e12):
        return []
    return [
        (code, {"signs": _label(code).capitalize()})
        for code in r["symptoms"]
        if code in s.c.symptoms
    ]


def _warmth_increasing(r: Rule, s: _State) -> Hits:
    return _one("warmth_increasing_redness", "warmth" in s.c.symptoms and s.worse)


def _warmth_alone(r: Rule, s: _State) -> Hits:
    return _one("warmth", "warmth" in s.c.symptoms and not s.worse)


def _bleeding(r: Rule, s: _State) -> Hits:
    return _one(f"bleeding_{s.c.bleeding}", s.c.bleeding in r["values"])


def _pain(r: Rule, s: _State) -> Hits:
    return _one("severe_pain", s.c.pain >= r["min_pain"], pain=s.c.pain)


def _redness_after(r: Rule, s: _State) -> Hits:
    hit = s.c.redness > 0 and s.hours > r["after_hours"]
    return _one("redness_persisting", hit, hours=fmt_hours(s.hours))


def _redness_worse(r: Rule, s: _State) -> Hits:
    return _one("redness_worsening", s.worse and s.hours > r["after_hours"])


def _redness_between(r: Rule, s: _State) -> Hits:
    hit = s.c.redness > 0 and r["from_hours"] <= s.hours <= r["until_hours"]
    return _one("redness_lingering", hit, hours=fmt_hours(s.hours))


def _severe_redness(r: Rule, s: _State) -> Hits:
    return _one("severe_redness", s.c.redness >= r["min_redness"] and s.hours > r["after_hours"])


def _expected(r: Rule, s: _State) -> Hits:
    """Expected signs: listed symptoms, pinpoint bleeding, redness no other rule flagged."""
    signs = [
        _label(code) for code in knowledge()["triage"]["expected_symptoms"] if code in s.c.symptoms
    ]
    if s.c.redness and not s.codes & _REDNESS_FLAGS:
        signs.insert(0, "redness")
    if s.c.bleeding == "pinpoint":
        signs.append("pinpoint bleeding")
    return _one("expected", bool(signs), signs=", ".join(signs).capitalize())


_KINDS: dict[str, Callable[[Rule, _State], Hits]] = {
    "fever": _fever,
    "symptom": _symptom,
    "warmth_increasing": _warmth_increasing,
    "warmth_alone": _warmth_alone,
    "bleeding": _bleeding,
    "pain": _pain,
    "redness_after": _redness_after,
    "redness_worse": _redness_worse,
    "redness_between": _redness_between,
    "severe_redness": _severe_redness,
    "expected": _expected,
}


@lru_cache(maxsize=1)
def _rules() -> tuple[Rule, ...]:
    return tuple(Rule.from_raw(r) for r in knowledge()["triage"]["rules"])


def _signs(reasons: list[Reason], c: CheckIn) -> str:
    """Plain list of the urgent signs, for the advice line."""
    out = []
    for r in reasons:
        if r.level == "urgent":
            text = f"a temperature of {c.fever_c:g} °C" if r.code == "fever" else _label(r.code)
            out.append(text)
    return ", ".join(out)


def assess(checkin: CheckIn, previous: CheckIn | None = None) -> Triage:
    """Triage one check-in; `previous` supplies previous redness when the check-in lacks it."""
    prev = checkin.previous_redness
    if prev is None and previous is not None:
        prev = previous.redness
    state = _State(checkin, prev)
    reasons: list[Reason] = []
    clear_rule = None
    for rule in _rules():
        if rule["kind"] == "all_clear":
            clear_rule = rule
            continue
        for code, values in _KINDS[rule["kind"]](rule, state):
            state.codes.add(code)
            reasons.append(rule.reason(code, level=rule["level"], **values))
    if not reasons and clear_rule is not None:
        reasons.append(clear_rule.reason("all_clear", level=clear_rule["level"]))
    level = worst((r.level or "normal" for r in reasons), TRIAGE_LEVELS)
    advice = knowledge()["triage"]["advice"][level].format(signs=_signs(reasons, checkin))
    return Triage(level, tuple(reasons), " ".join(advice.split()))
