"""Late check-ins (POLICY.md section 8): two questions 21 and 56 days after each session.

Infections after skin procedures and granulomatous reactions can show weeks after the session,
long after the early check-ins of section 5 have stopped. A yes to either question is
`see_dermatologist`, with the advice to say which area was microneedled and when."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date
from functools import lru_cache
from typing import Any

from needlewise.rules.errors import InputError
from needlewise.rules.knowledge import knowledge
from needlewise.rules.model import Rule, fmt_date, worst
from needlewise.rules.triage import Triage
from needlewise.rules.vocab import TRIAGE_LEVELS


def _cfg() -> Mapping[str, Any]:
    cfg: Mapping[str, Any] = knowledge()["followup"]["late_checkins"]
    return cfg


def late_days() -> tuple[int, ...]:
    """Days after a session on which a late check-in is due (21 and 56)."""
    return tuple(int(d) for d in _cfg()["days"])


def questions() -> dict[str, str]:
    """The two questions, by symptom code, as the person reads them."""
    return {str(k): str(v) for k, v in _cfg()["questions"].items()}


def schedule_rule() -> Rule:
    """Why late check-ins exist, with grade and sources (the rules page and the form show it)."""
    raw = dict(_cfg())
    return Rule.from_raw({k: raw[k] for k in ("id", "grade", "sources", "message")})


@lru_cache(maxsize=1)
def _findings() -> dict[str, Rule]:
    return {str(f["code"]): Rule.from_raw(f) for f in _cfg()["findings"]}


def assess_late(day: int, answers: Collection[str], areas: str, done_on: date) -> Triage:
    """Triage a late check-in: `answers` are the codes answered yes; `areas` the treated areas in
    words ("cheeks and forehead"); `done_on` the session's date."""
    if day not in late_days():
        days = " or ".join(str(d) for d in late_days())
        raise InputError("day", f"a late check-in is {days} days after a session")
    asked = questions()
    for code in sorted(set(answers) - set(asked)):
        raise InputError("answers", f"unknown question {code!r}")
    rules = _findings()
    reasons = [
        rules[code].reason(code, level=rules[code]["level"], day=day)
        for code in asked
        if code in answers
    ]
    if not reasons:
        clear = rules["all_clear"]
        reasons.append(clear.reason("all_clear", level=clear["level"], day=day))
    level = worst((r.level or "normal" for r in reasons), TRIAGE_LEVELS)
    if level == "normal":
        advice = str(_cfg()["clear_advice"])
    else:
        tell = Rule.from_raw(_cfg()["advice"]).text(areas=areas, date=fmt_date(done_on))
        advice = f"{knowledge()['triage']['advice'][level]} {tell}"
    return Triage(level, tuple(reasons), " ".join(advice.split()))
