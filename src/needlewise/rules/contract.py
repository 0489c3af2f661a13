"""JSON in, JSON out (POLICY.md section 7): the one layer the CLI and the REST API both call."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Protocol

from needlewise.rules import aftercare as _aftercare
from needlewise.rules import ingredients as _ingredients
from needlewise.rules import intervals as _intervals
from needlewise.rules import needles as _needles
from needlewise.rules import screening as _screening
from needlewise.rules import triage as _triage
from needlewise.rules.errors import InputError
from needlewise.rules.inputs import (
    MAX_NAME,
    boolean,
    code,
    codes,
    integer,
    iso_date,
    iso_datetime,
    lst,
    maybe,
    need,
    number,
    obj,
    text,
)
from needlewise.rules.limits import Limits
from needlewise.rules.vocab import AREAS, BLEEDING, CONCERNS, CONDITIONS, PROCEDURE_KINDS, SYMPTOMS

__all__ = [
    "InputError",
    "aftercare",
    "ingredients",
    "needles",
    "next_session",
    "screen",
    "to_dict",
    "triage",
]


class _HasDict(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


def to_dict(result: _HasDict) -> dict[str, Any]:
    """JSON-ready dict of any decision, for storing it as JSON."""
    return result.to_dict()


_SCREEN = (
    "birth_date",
    "skin_type",
    "conditions",
    "areas",
    "isotretinoin_last_dose",
    "recent_procedures",
    "today",
)


def _procedure(value: Any, path: str) -> _screening.Procedure:
    item = obj(value, path, ("kind", "date"))
    kind = code(need(item, "kind", path), f"{path}.kind", PROCEDURE_KINDS)
    return _screening.Procedure(kind, iso_date(need(item, "date", path), f"{path}.date"))


def screen(data: dict[str, Any]) -> dict[str, Any]:
    """Screen a profile: {birth_date, skin_type, conditions, ...} -> {verdict, reasons, ...}."""
    d = obj(data, "", _SCREEN)
    skin = maybe(d, "skin_type")
    last = maybe(d, "isotretinoin_last_dose")
    today = maybe(d, "today")
    procs = lst(maybe(d, "recent_procedures") or [], "recent_procedures")
    profile = _screening.Profile(
        birth_date=iso_date(need(d, "birth_date"), "birth_date"),
        skin_type=None if skin is None else integer(skin, "skin_type", 1, 6),
        conditions=frozenset(codes(need(d, "conditions"), "conditions", CONDITIONS)),
        areas=codes(maybe(d, "areas") or [], "areas", AREAS),
        isotretinoin_last_dose=None if last is None else iso_date(last, "isotretinoin_last_dose"),
        recent_procedures=tuple(
            _procedure(p, f"recent_procedures[{i}]") for i, p in enumerate(procs)
        ),
    )
    day = datetime.now(UTC).date() if today is None else iso_date(today, "today")
    return _screening.assess(profile, day).to_dict()


def needles(data: dict[str, Any]) -> dict[str, Any]:
    """Needle advice: {concern, area, device_lengths, max_mm, skin_type, first_session}."""
    d = obj(data, "", ("concern", "area", "device_lengths", "max_mm", "skin_type", "first_session"))
    raw_lengths = maybe(d, "device_lengths")
    lengths = (
        None
        if raw_lengths is None
        else [
            number(v, f"device_lengths[{i}]", 0, 3)
            for i, v in enumerate(lst(raw_lengths, "device_lengths"))
        ]
    )
    max_mm, skin = maybe(d, "max_mm"), maybe(d, "skin_type")
    advice = _needles.recommend(
        concern=code(need(d, "concern"), "concern", CONCERNS),
        area=code(need(d, "area"), "area", AREAS),
        device_lengths=lengths,
        limits=Limits(max_needle_mm=None if max_mm is None else number(max_mm, "max_mm", 0, 3)),
        skin_type=None if skin is None else integer(skin, "skin_type", 1, 6),
        first_session=boolean(d.get("first_session", False), "first_session"),
    )
    return advice.to_dict()


def _session(value: Any, path: str) -> _intervals.Session:
    s = obj(value, path, ("at", "needle_mm", "areas"))
    return _intervals.Session(
        at=iso_datetime(need(s, "at", path), f"{path}.at"),
        needle_mm=number(need(s, "needle_mm", path), f"{path}.needle_mm", 0, 3),
        areas=codes(s.get("areas") or [], f"{path}.areas", AREAS),
    )


def _checkin(value: Any, path: str) -> _intervals.CheckIn:
    c = obj(value, path, ("at", "redness", "pain"))
    return _intervals.CheckIn(
        at=iso_datetime(need(c, "at", path), f"{path}.at"),
        redness=integer(need(c, "redness", path), f"{path}.redness", 0, 3),
        pain=integer(c.get("pain", 0), f"{path}.pain", 0, 10),
    )


def next_session(data: dict[str, Any]) -> dict[str, Any]:
    """Next allowed date: {sessions, checkins, min_interval_days, area} -> {next_allowed, ...}."""
    d = obj(data, "", ("sessions", "checkins", "min_interval_days", "area"))
    sessions = [
        _session(s, f"sessions[{i}]") for i, s in enumerate(lst(need(d, "sessions"), "sessions"))
    ]
    checkins = [
        _checkin(c, f"checkins[{i}]")
        for i, c in enumerate(lst(maybe(d, "checkins") or [], "checkins"))
    ]
    days = maybe(d, "min_interval_days")
    area = maybe(d, "area")
    result = _intervals.next_allowed(
        sessions,
        checkins,
        Limits(min_interval_days=None if days is None else integer(days, "min_interval_days", 0)),
        area=None if area is None else code(area, "area", AREAS),
    )
    return result.to_dict()


def ingredients(data: dict[str, Any]) -> dict[str, Any]:
    """Check a label: {text, hours_since_session, product_name, as_glide} -> {verdict, ...}."""
    d = obj(data, "", ("text", "hours_since_session", "product_name", "as_glide"))
    label = text(need(d, "text"), "text")
    if not label.strip():
        raise InputError("text", "ingredient text is empty")
    hours = maybe(d, "hours_since_session")
    product = maybe(d, "product_name")
    result = _ingredients.check(
        label,
        None if hours is None else number(hours, "hours_since_session", 0),
        product_name=None if product is None else text(product, "product_name", MAX_NAME),
        as_glide=boolean(d.get("as_glide", False), "as_glide"),
    )
    return result.to_dict()


def aftercare(data: dict[str, Any]) -> dict[str, Any]:
    """Aftercare windows: {session_at, needle_mm} -> {windows: [...]}."""
    d = obj(data, "", ("session_at", "needle_mm"))
    at = iso_datetime(need(d, "session_at"), "session_at")
    mm = number(need(d, "needle_mm"), "needle_mm", 0, 3)
    return _aftercare.plan(at, mm).to_dict()


_TRIAGE = (
    "hours_since_session",
    "redness",
    "pain",
    "bleeding",
    "fever_c",
    "symptoms",
    "previous_redness",
)


def triage(data: dict[str, Any]) -> dict[str, Any]:
    """Triage a check-in: {hours_since_session, redness, ...} -> {level, reasons, advice}."""
    d = obj(data, "", _TRIAGE)
    fever, prev = maybe(d, "fever_c"), maybe(d, "previous_redness")
    checkin = _triage.CheckIn(
        hours_since_session=number(need(d, "hours_since_session"), "hours_since_session", 0),
        redness=integer(need(d, "redness"), "redness", 0, 3),
        pain=integer(d.get("pain", 0), "pain", 0, 10),
        bleeding=code(d.get("bleeding", "none"), "bleeding", BLEEDING),
        fever_c=None if fever is None else number(fever, "fever_c", 0),
        symptoms=frozenset(codes(d.get("symptoms") or [], "symptoms", SYMPTOMS)),
        previous_redness=None if prev is None else integer(prev, "previous_redness", 0, 3),
    )
    return _triage.assess(checkin).to_dict()
