"""A person's treatment history: plans one after another, sessions on schedule (some late),
each with its hygiene records, area records and recovery check-ins.

Needle lengths come from the rule core (`needles.recommend`, as `create_plan` uses it) and the
next session never comes before the interval rule allows (band minimum, the tolerance rule, the
day after a check-in that still showed redness or pain, a cleared escalation)."""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import cache

from needlewise.rules import intervals, needles
from needlewise.synthetic import devices, recovery
from needlewise.synthetic.checks import Checks
from needlewise.synthetic.people import AREAS_FOR, at_local
from needlewise.synthetic.tables import Batch, dumps
from needlewise.synthetic.world import DAY, HOUR, MINUTE, Person, World, between, pick

COURSES = (4, 6, 6, 6, 8, 10, 12)
LATE_SHARE = 0.15
LATE_NOTES = (
    "Later than planned: busy week.",
    "Travelling, so a bit late.",
    "Skipped last week, felt tired.",
)
NOTES = ("Went well.", "Stung a little on the forehead.", "Used the new cartridge, smoother.")
CHECKLIST = {"cleanse": True, "sterilise": True, "skin_check": True}
CHECKLIST_JSON = dumps(CHECKLIST)
FIRST_CHECKLIST_JSON = dumps({**CHECKLIST, "patch_test": True})
TOLERANCE_FREE_DAYS = 3


@cache
def _recommended(
    concern: str, area: str, lengths: tuple[float, ...], skin_type: int, first: bool
) -> float | None:
    advice = needles.recommend(concern, area, lengths, skin_type=skin_type, first_session=first)
    return advice.recommended_mm


@cache
def _decimal(mm: float) -> Decimal:
    return Decimal(str(mm))


@cache
def _band_days(mm: float) -> int:
    return int(intervals.band_for(mm)["min_days"])


@dataclass
class History:
    """What the schedule carries from one plan and session to the next."""

    person: Person
    checks: Checks
    kit: list[devices.Device] = field(default_factory=list)
    treated: set[str] = field(default_factory=set)
    sessions: int = 0
    earliest: date | None = None  # no session before this local day
    after: datetime | None = None  # nor before this moment (the last check-in)
    concern_starts: dict[str, date] = field(default_factory=dict)
    last_day: date | None = None
    open_flag: recovery.Recovery | None = None


def _local_day(at: datetime, person: Person) -> date:
    return at.astimezone(person.tz).date()


def _needles(h: History, concern: str, areas: list[str]) -> tuple[devices.Device, dict[str, float]]:
    """The newest device that can do at least one area, and the rule core's length per area."""
    p = h.person
    for device in reversed(h.kit):
        chosen = {}
        for area in areas:
            mm = _recommended(concern, area, device.lengths, p.skin_type, area not in h.treated)
            if mm is not None:
                chosen[area] = mm
        if chosen:
            return device, chosen
    raise AssertionError("every starter device offers 0.25 mm")


def _schedule_next(h: History, done: datetime, mm: float, rec: recovery.Recovery) -> None:
    """The first local day the interval rule allows the next session (see rules/intervals)."""
    days = _band_days(mm)
    if rec.first_clear_at is not None:
        settled = math.ceil((rec.first_clear_at - done).total_seconds() / 3600 / 24)
        days += max(0, settled - TOLERANCE_FREE_DAYS)
    earliest = done.date() + DAY * days
    if rec.last_at is not None and not rec.last_clear:
        earliest = max(earliest, rec.last_at.date() + DAY)
    h.earliest = earliest + DAY  # local days can run ahead of UTC ones
    h.after = rec.last_at or done


def _session(
    world: World,
    batch: Batch,
    h: History,
    plan_id: int,
    device: devices.Device,
    needle_mm: dict[str, float],
    day: date,
    late: bool,
) -> datetime | None:
    """One done session on local `day` (or the next day after the last check-in) with
    everything around it; None when it would be in the future, so it does not happen."""
    p, rng = h.person, h.person.rng
    done = at_local(day, between(rng, 19, 22), between(rng, 0, 59), p.tz)
    while h.after is not None and done <= h.after + HOUR:
        day += DAY
        done = at_local(day, between(rng, 19, 22), between(rng, 0, 59), p.tz)
    if done >= world.end:
        return None
    start = done - MINUTE * between(rng, 20, 45)
    h.checks.ensure(world, batch, start - MINUTE * between(rng, 10, 50), day)
    devices.prepare(batch, p, device, start, day)
    session_id = batch.new_id("session")
    key = uuid.UUID(int=rng.getrandbits(128), version=4)
    numbing = "anaesthetic_allergy" not in p.conditions and rng.random() < 0.2
    note = pick(rng, LATE_NOTES) if late and rng.random() < 0.5 else ""
    if not note and rng.random() < 0.04:
        note = pick(rng, NOTES)
    checklist = FIRST_CHECKLIST_JSON if h.sessions == 0 else CHECKLIST_JSON
    batch.add(
        "session",
        (
            session_id,
            p.user_id,
            plan_id,
            device.id,
            key,
            "done",
            start,
            done,
            checklist,
            numbing,
            note,
            world.rules_version,
            "",  # the glide was not asked before issue 26: the generated past predates it
            "",
            "[]",
        ),
    )
    for area, mm in needle_mm.items():
        deep = mm > 0.3
        bleeding = "pinpoint" if rng.random() < (0.6 if deep else 0.2) else "none"
        passes, pain = between(rng, 2, 6), between(rng, 1, 4) + deep
        row = (batch.new_id("area"), session_id, area, _decimal(mm), passes, pain, bleeding, "")
        batch.add("area", row)
    devices.used(device, day)
    h.treated.update(needle_mm)
    h.sessions += 1
    h.last_day = day
    p.seen(done)
    deepest = max(needle_mm.values())
    rec = recovery.record(world, batch, p, session_id, done, deepest)
    _schedule_next(h, done, deepest, rec)
    if rec.flag_id is not None:
        cleared = recovery.escalate(world, batch, p, rec)
        if cleared is None:
            h.open_flag = rec
        else:
            h.earliest = max(h.earliest or day, _local_day(cleared, p) + DAY)
    return done


def run_plan(world: World, batch: Batch, h: History, start_day: date, concern: str) -> str:
    """A plan and its sessions until the course is done, the end is reached, or a red flag is
    still open. Returns the plan's status ("" when it would be made in the future)."""
    p, rng = h.person, h.person.rng
    made_on = start_day - timedelta(days=rng.randint(0, 3))
    created = at_local(made_on, rng.randint(8, 18), rng.randint(0, 59), p.tz)
    created = max(created, p.joined + timedelta(minutes=30))
    if created >= world.options.end:
        return ""
    areas = [a for a in p.areas if a in AREAS_FOR[concern]] or p.areas[:1]
    device, needle_mm = _needles(h, concern, areas)
    deepest = max(needle_mm.values())
    course = rng.choice(COURSES)
    cadence = rng.choice((7, 7, 7, 10, 14)) if deepest <= 0.3 else rng.choice((14, 14, 21, 28))
    plan_id = batch.new_id("plan")
    h.checks.ensure(world, batch, created - timedelta(minutes=5), _local_day(created, p))
    h.concern_starts.setdefault(concern, start_day)
    h.after = max(h.after or created, created)  # the first session comes after the plan
    done, day = 0, start_day
    while done < course and h.open_flag is None:
        late = False
        if done:
            assert h.last_day is not None  # set by the session before
            day = h.last_day + DAY * cadence
            if rng.random() < LATE_SHARE:
                day, late = day + DAY * between(rng, 3, 14), True
        day = max(day, h.earliest or day)
        if _session(world, batch, h, plan_id, device, needle_mm, day, late) is None:
            break
        done += 1
    status, reason = ("finished" if done >= course else "active"), ""
    if h.open_flag is not None and status == "active":
        flag = h.open_flag
        status = "paused"
        assert flag.flag_at is not None
        reason = recovery.pause_reason(flag.flag_at, flag.flag_level, p)
    batch.add(
        "plan",
        (
            plan_id,
            p.user_id,
            concern,
            device.id,
            dumps(needle_mm),
            start_day,
            course,
            status,
            reason,
            "",  # limit_note: no professional's limit changed it
            created,
        ),
    )
    p.seen(created)
    return status
