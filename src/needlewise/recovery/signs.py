"""The red-flag signs of a check-in in plain words ("Fever 38.6 °C · numb lips"): what the
professional's red-flag card says, read from the check-in's own triage reasons. A late check-in
(POLICY.md section 8) asked two questions and no redness or pain: its words say which day and
what was answered, never a redness it was not asked."""

from __future__ import annotations

from collections.abc import Iterable

from needlewise.devices.advice import area_words
from needlewise.people_words import celsius, count, duration, person_date
from needlewise.recovery.models import RED_FLAG_LEVELS, CheckIn
from needlewise.rulebook.summaries import word
from needlewise.rules import followup
from needlewise.rules.knowledge import knowledge
from needlewise.rules.vocab import TRIAGE_LEVELS

#: Words for the red-flag findings that are not a symptom box (those take the box's words).
_FINDINGS = {
    "warmth_increasing_redness": "warmth with redness getting worse",
    "bleeding_persistent": "bleeding that goes on",
    "redness_worsening": "redness worse than at the last check-in",
}
#: A late check-in's questions in short words (the form asks them in full, followup.yaml).
LATE_WORDS = {
    "new_bumps": "new lumps or bumps",
    "nonhealing_sore": "a sore that does not heal",
}


def late_answers(checkin: CheckIn) -> list[tuple[str, bool]]:
    """Each late question in short words with its answer: [("new lumps or bumps", False), ...]."""
    return [
        (LATE_WORDS.get(code) or question.rstrip("?"), code in checkin.symptoms)
        for code, question in followup.questions().items()
    ]


def late_line(checkin: CheckIn) -> str:
    """ "Late check-in, day 21: new lumps or bumps — no; a sore that does not heal — yes. See a
    dermatologist." (No arrow: the report's PDF fonts have none.)"""
    answers = "; ".join(f"{q} — {'yes' if yes else 'no'}" for q, yes in late_answers(checkin))
    return f"Late check-in, day {checkin.late_day}: {answers}. {word(checkin.level)}."


def late_when(checkin: CheckIn) -> str:
    """ "late check-in 21 days after the session of 2 Mar 2026 (cheeks, forehead)"."""
    session = checkin.session
    areas = area_words([r.area for r in session.area_records.all()])
    done = person_date(session.done_at)
    where = f" ({areas})" if areas else ""
    return f"late check-in {count(checkin.late_day, 'day')} after the session of {done}{where}"


def late_flag(checkin: CheckIn) -> str:
    """A late red flag for the professional: "late check-in 21 days after the session of 2 Mar
    2026 (cheeks): a sore that does not heal"; "" for an early check-in."""
    if not checkin.is_late:
        return ""
    found = " and ".join(q for q, yes in late_answers(checkin) if yes) or "nothing new"
    return f"{late_when(checkin)}: {found}"


def _symptom(code: str) -> str | None:
    words = knowledge()["triage"]["symptoms"].get(code)
    if words is None:
        return None
    return str(words).removeprefix("a ")


def symptom_words(codes: Iterable[str]) -> str:
    """Symptom codes as a person reads them ("pus, mild swelling"), "none" when there are none."""
    return ", ".join(_symptom(code) or code.replace("_", " ") for code in codes) or "none"


def _words(checkin: CheckIn, reason: dict[str, object]) -> str:
    code = str(reason.get("code", ""))
    if checkin.is_late and code in LATE_WORDS:
        return f"{LATE_WORDS[code]}, {count(checkin.late_day, 'day')} after the session"
    if code == "fever" and checkin.fever_c is not None:
        return f"fever {celsius(checkin.fever_c)}"
    if code == "severe_pain":
        return f"pain {checkin.pain} of 10"
    if code == "redness_persisting":
        return f"redness still there after {duration(checkin.hours_since_session)}"
    # Never a code: a finding without words of its own is told by its rule's message.
    return _FINDINGS.get(code) or _symptom(code) or str(reason.get("message", "")).rstrip(".")


def signs(checkins: Iterable[CheckIn]) -> list[str]:
    """The red-flag signs of these check-ins, the most serious first, each named once."""
    found: list[tuple[int, str]] = []
    for checkin in checkins:
        for reason in checkin.reasons:
            level = reason.get("level")
            if level not in RED_FLAG_LEVELS:
                continue
            words = _words(checkin, reason)
            if words and all(words != w for _, w in found):
                found.append((TRIAGE_LEVELS.index(str(level)), words))
    return [w for _, w in sorted(found, key=lambda item: item[0])]


def summary(checkins: Iterable[CheckIn]) -> str:
    """`signs` as one line, first letter capital: "Fever 38.6 °C · numb lips"."""
    line = " · ".join(signs(checkins))
    return line[:1].upper() + line[1:]
