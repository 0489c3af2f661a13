"""The rule core's aftercare windows, ready for templates (times as datetimes, topic in words)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from needlewise.rules import aftercare as rules_aftercare


def aftercare_windows(session_at: datetime, needle_mm: float) -> list[dict[str, Any]]:
    out = []
    for window in rules_aftercare.plan(session_at, needle_mm).to_dict()["windows"]:
        until = window["until"]
        out.append(
            {
                **window,
                "label": rules_aftercare.label(window["topic"]),
                "from": datetime.fromisoformat(window["from"]),
                "until": datetime.fromisoformat(until) if until else None,
            }
        )
    return out


def open_windows(session_at: datetime, needle_mm: float, now: datetime) -> list[dict[str, Any]]:
    """Windows that apply right now: started, and not yet over."""
    return [
        w
        for w in aftercare_windows(session_at, needle_mm)
        if w["from"] <= now and (w["until"] is None or now < w["until"])
    ]
