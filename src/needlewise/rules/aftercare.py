"""Aftercare windows (POLICY.md section 4): what to avoid, and until when, around a session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from needlewise.rules.errors import InputError
from needlewise.rules.intervals import aware
from needlewise.rules.knowledge import knowledge
from needlewise.rules.model import Rule


@dataclass(frozen=True)
class Window:
    """One topic's window: level avoid|caution|recommended from `start` until `until` (or open)."""

    rule: str
    topic: str
    level: str
    start: datetime
    until: datetime | None
    message: str
    grade: str
    sources: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON shape of one POLICY.md section 7 aftercare window."""
        return {
            "rule": self.rule,
            "topic": self.topic,
            "level": self.level,
            "from": self.start.isoformat(),
            "until": self.until.isoformat() if self.until else None,
            "message": self.message,
            "grade": self.grade,
            "sources": list(self.sources),
        }


@dataclass(frozen=True)
class AftercarePlan:
    """Every aftercare window for one session."""

    session_at: datetime
    needle_mm: float
    windows: tuple[Window, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON shape of POLICY.md section 7 (aftercare)."""
        return {"windows": [w.to_dict() for w in self.windows]}


@lru_cache(maxsize=1)
def _windows() -> tuple[Rule, ...]:
    return tuple(Rule.from_raw(w) for w in knowledge()["aftercare"]["windows"])


def label(topic: str) -> str:
    """Plain words for a topic: an ingredient category's label or an aftercare topic's."""
    cats = knowledge()["ingredients"]["categories"]
    return str(cats[topic]["label"] if topic in cats else knowledge()["aftercare"]["topics"][topic])


@lru_cache(maxsize=64)
def window_for(category: str) -> Rule:
    """The aftercare rule that covers an ingredient category."""
    for rule in _windows():
        if category in rule["topics"]:
            return rule
    raise KeyError(category)


def _stamp(at: datetime) -> str:
    return at.strftime("%Y-%m-%d %H:%M")


def plan(session_at: datetime, needle_mm: float) -> AftercarePlan:
    """All windows after a session; the policy's windows do not vary with needle length."""
    if not 0 <= needle_mm <= 3:
        raise InputError("needle_mm", "must be 0-3 mm")
    at = aware(session_at)
    windows = []
    for rule in _windows():
        start = at + timedelta(hours=rule["from_hours"])
        hours = rule["until_hours"]
        until = at + timedelta(hours=hours) if hours is not None else None
        for topic in rule["topics"]:
            text = rule.text(
                label=label(topic), until=_stamp(until) if until else "", **{"from": _stamp(start)}
            )
            windows.append(
                Window(rule.id, topic, rule["level"], start, until, text, rule.grade, rule.sources)
            )
    return AftercarePlan(at, needle_mm, tuple(windows))


def before_session(session_at: datetime) -> tuple[Window, ...]:
    """Windows before a planned session (stop strong actives 72 h ahead)."""
    at = aware(session_at)
    out = []
    for raw in knowledge()["aftercare"]["before_session"]:
        rule = Rule.from_raw(raw)
        start = at - timedelta(hours=rule["hours_before"])
        for topic in rule["topics"]:
            text = rule.text(label=label(topic), until=_stamp(at), **{"from": _stamp(start)})
            out.append(
                Window(rule.id, topic, rule["level"], start, at, text, rule.grade, rule.sources)
            )
    return tuple(out)
