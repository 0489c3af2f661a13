"""The red-flag signs of a check-in in plain words ("Fever 38.6 °C · numb lips"): what the
professional's red-flag card says, read from the check-in's own triage reasons."""

from __future__ import annotations

from collections.abc import Iterable

from needlewise.recovery.models import RED_FLAG_LEVELS, CheckIn
from needlewise.rules.knowledge import knowledge
from needlewise.rules.vocab import TRIAGE_LEVELS

#: Words for the red-flag findings that are not a symptom box (those take the box's words).
_FINDINGS = {
    "warmth_increasing_redness": "warmth with redness getting worse",
    "bleeding_persistent": "bleeding that goes on",
    "redness_worsening": "redness worse than at the last check-in",
}


def _symptom(code: str) -> str | None:
    words = knowledge()["triage"]["symptoms"].get(code)
    if words is None:
        return None
    return str(words).removeprefix("a ")


def _words(checkin: CheckIn, reason: dict[str, object]) -> str:
    code = str(reason.get("code", ""))
    if code == "fever" and checkin.fever_c is not None:
        return f"fever {checkin.fever_c:g} °C"
    if code == "severe_pain":
        return f"pain {checkin.pain} of 10"
    if code == "redness_persisting":
        return f"redness still there after {checkin.hours_since_session:.0f} hours"
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
