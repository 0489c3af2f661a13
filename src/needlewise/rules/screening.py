"""Screening (POLICY.md section 1): is at-home microneedling suitable today, and why."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from needlewise.rules.errors import InputError
from needlewise.rules.knowledge import knowledge
from needlewise.rules.model import Reason, Rule, fmt_date, worst
from needlewise.rules.vocab import CONDITIONS, PROCEDURE_KINDS, VERDICTS


@dataclass(frozen=True)
class Procedure:
    """A recent professional procedure: kind (peel, laser, filler, toxin) and its date."""

    kind: str
    on: date

    def __post_init__(self) -> None:
        if self.kind not in PROCEDURE_KINDS:
            raise InputError("recent_procedures.kind", f"unknown procedure {self.kind!r}")


@dataclass(frozen=True)
class Profile:
    """What the person told us; codes come from the public vocabulary."""

    birth_date: date | None = None
    skin_type: int | None = None
    conditions: frozenset[str] = frozenset()
    areas: tuple[str, ...] = ()
    isotretinoin_last_dose: date | None = None
    recent_procedures: tuple[Procedure, ...] = ()

    def __post_init__(self) -> None:
        for code in sorted(self.conditions - CONDITIONS):
            raise InputError("conditions", f"unknown condition {code!r}")
        if self.skin_type is not None and not 1 <= self.skin_type <= 6:
            raise InputError("skin_type", "must be 1-6")


@dataclass(frozen=True)
class Screening:
    """The verdict (worst of the reasons), every reason, and when to check again."""

    verdict: str
    reasons: tuple[Reason, ...]
    recheck_on: date | None

    @property
    def after_recheck(self) -> Remaining | None:
        """What still holds once the re-check date has passed (shown beside that date)."""
        return remaining_after(
            self.recheck_on, ((r.verdict or "go", r.recheck_on) for r in self.reasons)
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON shape of POLICY.md section 7 (screen)."""
        return {
            "verdict": self.verdict,
            "reasons": [r.to_dict(recheck=True) for r in self.reasons],
            "recheck_on": self.recheck_on.isoformat() if self.recheck_on else None,
        }


@lru_cache(maxsize=1)
def _rules() -> tuple[Rule, ...]:
    return tuple(Rule.from_raw(r) for r in knowledge()["screening"]["rules"])


def _label(code: str) -> str:
    return str(knowledge()["screening"]["conditions"][code])


def _birthday(born: date, years: int) -> date:
    """The date someone turns `years`; 29 Feb birthdays count from 1 March."""
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return date(born.year + years, 3, 1)


def _condition(rule: Rule, p: Profile, today: date) -> list[Reason]:
    out = []
    for code in rule["codes"]:
        if code in p.conditions:
            days = rule.params.get("recheck_days")
            recheck = today + timedelta(days=days) if days is not None else None
            out.append(
                rule.reason(code, verdict=rule["verdict"], recheck_on=recheck, label=_label(code))
            )
    return out


def _isotretinoin(rule: Rule, p: Profile, today: date) -> list[Reason]:
    if "isotretinoin_past" not in p.conditions and p.isotretinoin_last_dose is None:
        return []
    if p.isotretinoin_last_dose is None:
        return [
            rule.reason("isotretinoin_past", template="message_no_date", verdict=rule["verdict"])
        ]
    until = p.isotretinoin_last_dose + timedelta(days=rule["wait_days"])
    if today >= until:
        return []
    return [rule.reason("isotretinoin_past", verdict=rule["verdict"], recheck_on=until)]


def _procedures(rule: Rule, p: Profile, today: date) -> list[Reason]:
    out = []
    for proc in p.recent_procedures:
        until = proc.on + timedelta(days=rule["wait_days"])
        if today < until:
            out.append(
                rule.reason(
                    "recent_procedure",
                    verdict=rule["verdict"],
                    recheck_on=until,
                    procedure=proc.kind,
                    date=fmt_date(proc.on),
                )
            )
    if not p.recent_procedures and "recent_procedure" in p.conditions:
        out.append(
            rule.reason("recent_procedure", template="message_no_date", verdict=rule["verdict"])
        )
    return out


def _skin_type(rule: Rule, p: Profile, today: date) -> list[Reason]:
    if p.skin_type in rule["skin_types"]:
        return [
            rule.reason(f"skin_type_{p.skin_type}", verdict=rule["verdict"], skin_type=p.skin_type)
        ]
    return []


def _age(rule: Rule, p: Profile, today: date) -> list[Reason]:
    if p.birth_date is None:
        return []
    adult_on = _birthday(p.birth_date, rule["min_age_years"])
    if today < adult_on:
        return [rule.reason("under_18", verdict=rule["verdict"], recheck_on=adult_on)]
    return []


_KINDS = {
    "condition": _condition,
    "isotretinoin_past": _isotretinoin,
    "recent_procedure": _procedures,
    "skin_type": _skin_type,
    "age": _age,
}


def overall_recheck(verdict: str, reasons: Iterable[tuple[str, date | None]]) -> date | None:
    """POLICY.md section 1: the latest re-check date among the reasons (verdict, recheck_on)
    whose verdict is the overall one; None when any of those has none, as it does not lapse."""
    dates = [on for v, on in reasons if v == verdict]
    if not dates or any(on is None for on in dates):
        return None
    return max(on for on in dates if on is not None)


@dataclass(frozen=True)
class Remaining:
    """What still holds after the overall re-check date: a milder verdict, and until when
    (None: it does not lapse by itself)."""

    verdict: str
    until: date | None


def lasts_past(recheck_on: date, verdict: str, on: date | None) -> bool:
    """A reason (its verdict and own re-check date) still holds after `recheck_on`: it is
    above `go` and has no date (it does not lapse by itself) or a later one."""
    return verdict != "go" and (on is None or on > recheck_on)


def remaining_after(
    recheck_on: date | None, reasons: Iterable[tuple[str, date | None]]
) -> Remaining | None:
    """The verdict once `recheck_on` has passed and the reasons that lapse by then are gone:
    the worst of the others, with its own re-check date by the same rule. None when nothing
    above `go` remains (or there is no re-check date)."""
    if recheck_on is None:
        return None
    later = [(v, on) for v, on in reasons if lasts_past(recheck_on, v, on)]
    if not later:
        return None
    verdict = worst((v for v, _ in later), VERDICTS)
    return Remaining(verdict, overall_recheck(verdict, later))


def assess(profile: Profile, today: date) -> Screening:
    """Screen a profile on a given day: every matching rule is a reason; the worst one wins."""
    reasons: list[Reason] = []
    none_rule: Rule | None = None
    for rule in _rules():
        kind = rule["kind"]
        if kind == "none":
            none_rule = rule
        else:
            reasons.extend(_KINDS[kind](rule, profile, today))
    if not reasons:
        assert none_rule is not None
        reasons.append(none_rule.reason("none", verdict=none_rule["verdict"]))
    verdict = worst((r.verdict or "go" for r in reasons), VERDICTS)
    recheck = overall_recheck(verdict, ((r.verdict or "go", r.recheck_on) for r in reasons))
    return Screening(verdict, tuple(reasons), recheck)
