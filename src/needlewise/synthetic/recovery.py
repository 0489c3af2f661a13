"""Check-ins after a session along a realistic recovery curve, a few red flags, escalations.

Redness and pain start from the needle length and fade over one to four days (slower for some
people); expected signs (swelling, tightness, flaking) come and go. Every check-in is triaged by
the rule core, exactly as `recovery.services.record_checkin` does; results are cached because
the inputs repeat."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from needlewise.recovery.models import RED_FLAG_LEVELS
from needlewise.rules import triage
from needlewise.rules.vocab import TRIAGE_LEVELS
from needlewise.synthetic.tables import Batch, dumps
from needlewise.synthetic.world import DAY, Person, World, pick

#: (hours after the session, share of people who check in then), as the app asks (issue #7).
FIXED_SLOTS = ((6, 0.7), (24, 0.85), (48, 0.7), (72, 0.5))
DAILY_SHARE = 0.65
LAST_DAILY_HOUR = 13 * 24
#: Share of sessions followed by a red flag, and which kind (weights).
FLAG_SHARE = 0.012
FLAGS = (
    ("pus", 4),
    ("bleeding", 2),
    ("pain", 2),
    ("worse", 3),
    ("dark_patches", 2),
    ("cold_sore", 2),
    ("fever", 1),
)
SLOW_CLEARANCE = 0.3
NOTES = (
    "A bit tight this morning.",
    "Looks calmer than yesterday.",
    "Slight flaking on the chin.",
    "Used the hydrating serum only.",
    "Forgot sunscreen yesterday.",
)


@cache
def assessed(
    hours: float,
    redness: int,
    pain: int,
    bleeding: str,
    fever: float | None,
    symptoms: tuple[str, ...],
    previous: int | None,
) -> tuple[str, str, str]:
    """(level, reasons as JSON text, advice) from the rule core's triage."""
    result = triage.assess(
        triage.CheckIn(hours, redness, pain, bleeding, fever, frozenset(symptoms), previous)
    )
    return result.level, dumps([r.to_dict() for r in result.reasons]), result.advice


@cache
def _codes(symptoms: tuple[str, ...]) -> str:
    return dumps(list(symptoms))


@dataclass(slots=True)
class Signs:
    hours: float
    redness: int
    pain: int
    bleeding: str = "none"
    fever: float | None = None
    symptoms: tuple[str, ...] = ()


@dataclass
class Recovery:
    """What the schedule needs to know about how a session settled."""

    last_at: datetime | None = None
    last_clear: bool = True
    first_clear_at: datetime | None = None
    flag_id: int | None = None
    flag_level: str = ""
    flag_at: datetime | None = None


def _expected(rng: random.Random, hours: float, redness: int) -> tuple[str, ...]:
    found = []
    if hours < 30 and redness and rng.random() < 0.35:
        found.append("swelling")
    if hours < 60 and rng.random() < 0.2:
        found.append("tightness")
    if 40 <= hours <= 120 and rng.random() < 0.25:
        found.append("flaking")
    if 20 <= hours <= 96 and rng.random() < 0.1:
        found.append("itching")
    return tuple(sorted(found))


def _curve(person: Person, mm: float) -> tuple[int, float, int, float]:
    """(starting redness, hours until clear, starting pain, hours until painless)."""
    rng = person.rng
    heal = person.heal * (0.8 + 0.45 * rng.random())
    red0 = pick(rng, (1, 1, 1, 2, 2) if mm <= 0.3 else (1, 2, 2, 2, 3))
    clear_h = (28 if mm <= 0.3 else 50) * heal * (0.8 + 0.5 * rng.random())
    pain0 = pick(rng, (0, 1, 1, 2, 2, 3))
    return red0, min(clear_h, 130.0), pain0, clear_h * 0.5


def _fade(start: int, until: float, hours: float) -> int:
    return 0 if hours >= until else math.ceil(start * (1 - hours / until))


def _slots(rng: random.Random) -> list[int]:
    return [slot for slot, share in FIXED_SLOTS if rng.random() < share]


def _jitter(rng: random.Random, slot: int) -> float:
    low, span = (-1.5, 4.5) if slot == 6 else (-4.0, 11.0)
    return max(1.0, round((slot + low + span * rng.random()) * 2) / 2)


def plan_signs(person: Person, mm: float, flag: str | None) -> list[Signs]:
    """The check-ins a person records after one session, oldest first."""
    rng = person.rng
    red0, clear_h, pain0, pain_h = _curve(person, mm)
    out: list[Signs] = []
    slots = _slots(rng)
    daily = 96
    while True:
        if slots:
            slot = slots.pop(0)
        elif out and (out[-1].redness or out[-1].pain) and daily <= LAST_DAILY_HOUR:
            slot, daily = daily, daily + 24
            if rng.random() > DAILY_SHARE:
                continue
        else:
            break
        hours = _jitter(rng, slot)
        red = _fade(red0, clear_h, hours)
        out.append(
            Signs(hours, red, _fade(pain0, pain_h, hours), "none", None, _expected(rng, hours, red))
        )
        if hours > 48 and not red and not out[-1].pain:
            break
    if mm > 0.3 and out and out[0].hours < 12 and rng.random() < 0.3:
        out[0].bleeding = "pinpoint"
    return _inject(person, flag, out) if flag else out


def _inject(person: Person, flag: str, out: list[Signs]) -> list[Signs]:
    """Make one check-in a red flag, then let the skin settle over the following days."""
    rng = person.rng
    kind = "pus" if flag == "cold_sore" and "cold_sore_history" not in person.conditions else flag
    at = {"bleeding": 6.0, "pain": 6.5, "fever": 30.0, "dark_patches": 190.0}.get(kind, 50.0)
    before = [s for s in out if s.hours < at - 1]
    prev = before[-1].redness if before else 1
    signs = Signs(at + rng.choice((0, 0.5, 1.25)), max(prev, 1), 2)
    if kind == "pus":
        signs.redness, signs.symptoms = 2, ("pus",)
    elif kind == "bleeding":
        signs.bleeding = "persistent"
    elif kind == "pain":
        signs.pain = rng.choice((7, 8))
    elif kind == "worse":
        if before:
            before[-1].redness = max(before[-1].redness, 1)
        else:
            before.append(Signs(at - 24, 1, 1))
        signs.redness, signs.symptoms = min(3, before[-1].redness + 1), ("warmth",)
    elif kind == "dark_patches":
        signs.redness, signs.pain, signs.symptoms = 0, 0, ("dark_patches",)
    elif kind == "cold_sore":
        signs.symptoms = ("cold_sore_flare",)
    else:
        signs.fever = rng.choice((38.2, 38.5, 38.9))
        signs.symptoms = ("spreading_redness", "warmth")
    after, red = [], signs.redness
    hours = signs.hours
    while red and hours + 24 < 165:
        hours, red = hours + 24, red - 1
        after.append(Signs(hours, red, 0))
    return [*before, signs, *after]


def record(
    world: World, batch: Batch, person: Person, session_id: int, done: datetime, mm: float
) -> Recovery:
    """Write the check-ins after one session (none in the future) and say how it went."""
    rng = person.rng
    flag = None
    late_for_bench = person.is_bench and done > world.end - DAY * 21
    if rng.random() < FLAG_SHARE and not late_for_bench:
        flag = rng.choices([f for f, _ in FLAGS], [w for _, w in FLAGS])[0]
    out, previous = Recovery(), None
    for s in plan_signs(person, mm, flag):
        at = done + timedelta(0, s.hours * 3600)
        if at >= world.end:
            break
        level, reasons, advice = assessed(
            s.hours, s.redness, s.pain, s.bleeding, s.fever, s.symptoms, previous
        )
        checkin_id = batch.new_id("checkin")
        note = pick(rng, NOTES) if rng.random() < 0.06 else ""
        batch.add(
            "checkin",
            (
                checkin_id,
                person.user_id,
                session_id,
                at,
                s.hours,
                s.redness,
                s.pain,
                s.bleeding,
                s.fever,
                _codes(s.symptoms),
                note,
                level,
                reasons,
                advice,
                world.rules_version,
                "early",
                None,
            ),
        )
        previous, clear = s.redness, not s.redness and not s.pain
        out.last_at, out.last_clear = at, clear
        if clear and out.first_clear_at is None:
            out.first_clear_at = at
        if level in RED_FLAG_LEVELS and out.flag_id is None:
            out.flag_id, out.flag_level, out.flag_at = checkin_id, level, at
        elif level in RED_FLAG_LEVELS and TRIAGE_LEVELS.index(level) < TRIAGE_LEVELS.index(
            out.flag_level
        ):
            out.flag_level = level
        person.seen(at)
    return out


def escalate(world: World, batch: Batch, person: Person, recovery: Recovery) -> datetime | None:
    """The escalation a red flag opens; cleared a few days later by the person's professional
    (or the person), or still open when that would be after the end. Returns the clearance."""
    rng, end, opened = person.rng, world.end, recovery.flag_at
    assert opened is not None
    # Most people see someone within days; some take weeks, so a few are still open at the end
    # (the bench user never: their plan stays active).
    slow = not person.is_bench and rng.random() < SLOW_CLEARANCE
    hours = rng.randint(7 * 24, 45 * 24) if slow else rng.randint(20, 140)
    cleared: datetime | None = opened + timedelta(hours=hours)
    if cleared is not None and cleared >= end:
        cleared = None
    by, note = None, ""
    if cleared is not None:
        pro, granted = person.pro, person.granted_at
        if pro is not None and granted is not None and granted < cleared:
            by = pro.user_id
            note = f"Cleared by {pro.name} ({pro.profession}). Healing well; carry on gently."
        else:
            note = "Seen by my GP: nothing to treat, fine to carry on."
        person.seen(cleared)
    emailed = min(opened + timedelta(minutes=1), end - timedelta(seconds=1))
    batch.add(
        "escalation",
        (
            batch.new_id("escalation"),
            person.user_id,
            recovery.flag_id,
            recovery.flag_level,
            opened,
            emailed,
            cleared,
            note,
            by,
        ),
    )
    return cleared


def pause_reason(at: datetime, level: str, person: Person) -> str:
    """The words `recovery.services` puts on a paused plan."""
    words = "urgent signs" if level == "urgent" else "signs a dermatologist should see"
    local = at.astimezone(person.tz)
    return (
        f"your check-in of {local.day} {local:%b} showed {words}. "
        "It stays paused until you record that a professional has seen you."
    )
