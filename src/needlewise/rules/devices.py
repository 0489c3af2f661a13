"""Device hygiene (POLICY.md section 6): sterilisation and replacement, as small pure checks."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from needlewise.rules.errors import InputError
from needlewise.rules.intervals import aware
from needlewise.rules.knowledge import knowledge
from needlewise.rules.model import Reason, Rule
from needlewise.rules.vocab import DEVICE_KINDS, FDA_STATUS

_d = knowledge()["devices"]
ISOPROPYL_PERCENT: int = _d["sterilisation"]["isopropyl_percent"]
MIN_SOAK_MINUTES: int = _d["sterilisation"]["min_soak_minutes"]
STERILISED_WITHIN_HOURS: float = _d["sterilisation"]["valid_hours"]
ROLLER_HEAD_MAX_USES: int = _d["roller_head"]["max_uses"]
ROLLER_HEAD_MAX_DAYS: int = _d["roller_head"]["max_days"]
PEN_CARTRIDGE_SINGLE_USE: bool = _d["pen_cartridge"]["single_use"]
FDA_PRODUCT_CODE: str = _d["fda_cleared"]["product_code"]
FDA_REGULATION: str = _d["fda_cleared"]["regulation"]


def _rule(key: str) -> Rule:
    return Rule.from_raw(knowledge()["devices"][key])


def sterilisation_ok(last_sterilised_at: datetime | None, now: datetime) -> bool:
    """A session may start only with a sterilisation record from the last 24 hours."""
    if last_sterilised_at is None:
        return False
    age = aware(now) - aware(last_sterilised_at)
    return timedelta(0) <= age <= timedelta(hours=STERILISED_WITHIN_HOURS)


def head_replacement_due(uses: int, first_used_on: date, today: date) -> bool:
    """A roller head is due after its maximum uses or days, whichever comes first."""
    if uses < 0:
        raise InputError("uses", "must be 0 or more")
    return uses >= ROLLER_HEAD_MAX_USES or (today - first_used_on).days >= ROLLER_HEAD_MAX_DAYS


def hygiene_reasons(kind: str) -> tuple[Reason, ...]:
    """The hygiene advice for a device kind, with grades and sources."""
    if kind not in DEVICE_KINDS:
        raise InputError("kind", f"unknown device kind {kind!r}")
    out = [_rule("no_otc").reason("no_otc_authorisation")]
    if kind == "pen":
        out.append(_rule("pen_cartridge").reason("pen_cartridge_single_use"))
    else:
        out.append(
            _rule("sterilisation").reason(
                "sterilise_before_use",
                percent=ISOPROPYL_PERCENT,
                minutes=MIN_SOAK_MINUTES,
                hours=f"{STERILISED_WITHIN_HOURS:g}",
            )
        )
    if kind == "roller":
        out.append(
            _rule("roller_head").reason(
                "replace_roller_head", uses=ROLLER_HEAD_MAX_USES, days=ROLLER_HEAD_MAX_DAYS
            )
        )
    return tuple(out)


def fda_status_reason(status: str) -> Reason:
    """The FDA status line shown next to a catalogue device."""
    if status not in FDA_STATUS:
        raise InputError("fda_status", f"unknown status {status!r}")
    label = knowledge()["devices"]["fda_status"][status]
    return _rule("fda_cleared").reason(f"fda_{status}", status=label)


def constants() -> dict[str, Any]:
    """The hygiene numbers, for display and for the app's own checks."""
    return {
        "isopropyl_percent": ISOPROPYL_PERCENT,
        "min_soak_minutes": MIN_SOAK_MINUTES,
        "sterilised_within_hours": STERILISED_WITHIN_HOURS,
        "roller_head_max_uses": ROLLER_HEAD_MAX_USES,
        "roller_head_max_days": ROLLER_HEAD_MAX_DAYS,
        "pen_cartridge_single_use": PEN_CARTRIDGE_SINGLE_USE,
    }
