"""Synthetic people: persons with a profile, professionals, and the grants between them."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from needlewise.sharing.models import MAX_DAYS, SCOPES
from needlewise.synthetic.tables import Batch, dumps
from needlewise.synthetic.world import (
    Person,
    Pro,
    T,
    World,
    block_of,
    person_email,
    pro_email,
    rng_for,
)

FIRST_NAMES = (
    "Amara", "Ben", "Chloé", "Dev", "Elif", "Farah", "Grace", "Hiro", "Ines", "Jonas", "Kemi",
    "Lena", "Mateo", "Nadia", "Oskar", "Priya", "Qing", "Rosa", "Sami", "Tara", "Uma", "Viktor",
    "Wen", "Ximena", "Yusuf", "Zoe", "Aoife", "Bilal", "Carmen", "Dara", "Emeka", "Freya",
    "Gabriel", "Hana", "Ivan", "Jia", "Kai", "Leila", "Mina", "Noor", "Olu", "Paula", "Rafael",
    "Saoirse", "Tomás", "Valentina", "Wiremu", "Yara", "Zainab", "Anouk",
)  # fmt: skip
LAST_INITIALS = "ABCDEFGHIJKLMNOPRSTVWYZ"
#: (zone, weight, US units share)
ZONES = (
    ("Europe/London", 18, 0), ("Europe/Berlin", 10, 0), ("Europe/Paris", 8, 0),
    ("Europe/Madrid", 5, 0), ("America/New_York", 14, 8), ("America/Chicago", 7, 8),
    ("America/Los_Angeles", 10, 8), ("America/Toronto", 4, 3), ("America/Sao_Paulo", 4, 0),
    ("Australia/Sydney", 5, 0), ("Asia/Tokyo", 3, 0), ("Asia/Kolkata", 3, 0),
    ("Africa/Lagos", 2, 0), ("Asia/Singapore", 3, 0), ("UTC", 4, 0),
)  # fmt: skip
SKIN_TYPES = ((1, 6), (2, 22), (3, 30), (4, 20), (5, 13), (6, 9))
#: Conditions that still allow home use (go or caution), and how common they are here.
CONDITIONS = (
    ("cold_sore_history", 8),
    ("eczema_history", 6),
    ("psoriasis_history", 2),
    ("anaesthetic_allergy", 3),
)
CONCERNS = (
    ("texture", 25), ("fine_lines", 20), ("acne_scars", 15), ("enlarged_pores", 12),
    ("hyperpigmentation", 12), ("product_absorption", 8), ("stretch_marks", 8),
)  # fmt: skip
AREAS_FOR = {
    "texture": ("cheeks", "forehead", "chin_jawline", "nose"),
    "fine_lines": ("forehead", "under_eye", "upper_lip", "neck"),
    "acne_scars": ("cheeks", "chin_jawline", "forehead"),
    "enlarged_pores": ("nose", "cheeks", "chin_jawline"),
    "hyperpigmentation": ("cheeks", "forehead", "decolletage"),
    "product_absorption": ("cheeks", "forehead", "neck"),
    "stretch_marks": ("body", "decolletage"),
}
PROFESSIONS = (
    "Dermatologist", "Aesthetic nurse", "Skincare therapist", "Dermatology nurse", "Aesthetician",
)  # fmt: skip
SCOPE_SETS = (
    (tuple(SCOPES), 6),
    (("profile_checks", "sessions_recovery", "products"), 3),
    (("profile_checks", "sessions_recovery"), 1),
)
GRANT_SHARE = 0.7  # of the persons in a professional's block of 50: about 35 clients each
NOTES = (
    "Lovely progress. Keep to your plan's lengths and wear sunscreen every day.",
    "Your skin settled quickly after the last session: no change needed.",
    "Please patch test the new serum before using it after a session.",
    "Keep retinol off your face for a week after each session.",
    "Let's review your photos at your next appointment.",
)
VISIT_READS = ("profile", "suitability check", "sessions", "check-ins", "products")


def weighted(rng: random.Random, pairs: Sequence[tuple[T, int]]) -> T:
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights)[0]


_OFFSETS: dict[tuple[ZoneInfo, date], timedelta] = {}


def at_local(day: date, hour: int, minute: int, tz: ZoneInfo) -> datetime:
    """That local time as UTC, for hours from 7 to 23 (clocks change at night: the offset is
    the day's offset at noon, looked up once per zone and day)."""
    offset = _OFFSETS.get((tz, day))
    if offset is None:
        noon = datetime(day.year, day.month, day.day, 12, tzinfo=tz)
        offset = _OFFSETS[(tz, day)] = noon.utcoffset() or timedelta(0)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC) - offset


def _zone(rng: random.Random) -> tuple[ZoneInfo, str]:
    name, _, us = weighted(rng, [((z, w, u), w) for z, w, u in ZONES])
    return ZoneInfo(name), "us" if rng.random() * 10 < us else "metric"


def _targets(rng: random.Random) -> tuple[list[str], list[str]]:
    concerns = [weighted(rng, CONCERNS)]
    if rng.random() < 0.3:
        other = weighted(rng, CONCERNS)
        if other not in concerns:
            concerns.append(other)
    areas: list[str] = []
    for concern in concerns:
        options = AREAS_FOR[concern]
        areas += rng.sample(options, rng.randint(1, min(3, len(options))))
    return concerns, list(dict.fromkeys(areas))


def make_person(world: World, batch: Batch, n: int) -> Person:
    """Decide who person n is and write their profile (the user row waits for `finish`)."""
    opts, rng = world.options, rng_for(world.options.seed, "person", n)
    # A third of the people were here from the start; the others joined along the way.
    full = n == 1 or rng.random() < 0.35
    joined_day = 0 if full else rng.randrange(max(1, int(opts.days * 0.9)))
    joined = opts.start + timedelta(days=joined_day, hours=rng.randint(7, 22))
    tz, units = _zone(rng)
    conditions = [code for code, pct in CONDITIONS if rng.random() * 100 < pct]
    concerns, areas = _targets(rng)
    age = rng.randint(22, 62)
    birth = date(opts.start.year - age, rng.randint(1, 12), rng.randint(1, 28))
    name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_INITIALS)}."
    person = Person(
        n,
        batch.new_id("user"),
        rng,
        name,
        tz,
        weighted(rng, SKIN_TYPES),
        birth,
        conditions,
        concerns,
        areas,
        joined,
        heal=rng.uniform(0.7, 1.4),
    )
    batch.add(
        "profile",
        (
            batch.new_id("profile"),
            person.user_id,
            name,
            tz.key,
            birth,
            person.skin_type,
            units,
            joined,
            False,  # nobody generated asks for a second factor
            "USD" if units == "us" else "EUR",
        ),
    )
    return person


def finish_person(world: World, batch: Batch, person: Person) -> None:
    """The user row, last, so its last login is the person's last activity."""
    batch.add(
        "user",
        (
            person.user_id,
            world.password_hash,
            person.last_seen,
            False,
            False,
            True,
            person.joined,
            person_email(person.n),
            0,  # data revision: nothing cached for a new person yet
        ),
    )


def make_pro(world: World, batch: Batch, k: int) -> Pro:
    opts, rng = world.options, rng_for(world.options.seed, "pro", k)
    user_id = batch.new_id("user")
    name = f"{rng.choice(('Dr', 'Dr', ''))} {rng.choice(FIRST_NAMES)} {rng.choice(LAST_INITIALS)}."
    pro = Pro(k, user_id, name.strip(), rng.choice(PROFESSIONS))
    joined = opts.start - timedelta(days=rng.randint(1, 60))
    batch.add(
        "user",
        (
            user_id,
            world.password_hash,
            opts.end - timedelta(hours=rng.randint(2, 72)),
            False,
            False,
            True,
            joined,
            pro_email(k),
            0,
        ),
    )
    batch.add(
        "profile",
        (
            batch.new_id("profile"),
            user_id,
            pro.name,
            "Europe/London",
            None,
            None,
            "metric",
            joined,
            False,
            "GBP",
        ),
    )
    registration = f"REG-{rng.randint(100000, 999999)}"
    batch.add(
        "professional",
        (
            batch.new_id("professional"),
            user_id,
            pro.profession,
            registration,
            rng.random() < 0.8,
            joined,
        ),
    )
    return pro


def choose_grant(world: World, person: Person) -> None:
    """About 70% of persons share with their block's professional; person 1 always does. The
    grant is given within the last 300 days (or at joining) and runs a year, so it is active."""
    pro = world.pros.get(block_of(person.n))
    if pro is None or not (person.is_bench or person.rng.random() < GRANT_SHARE):
        return
    end = world.options.end
    earliest = max(person.joined, end - timedelta(days=300))
    span = max(1, int((end - earliest).total_seconds() // 3600) - 1)
    person.pro = pro
    person.granted_at = earliest + timedelta(hours=person.rng.randrange(span))


def grant_rows(world: World, batch: Batch, person: Person) -> None:
    """The grant, a note or two, and the reads the professional made (the audit log)."""
    pro, at, rng = person.pro, person.granted_at, person.rng
    if pro is None or at is None:
        return
    scopes = tuple(SCOPES) if person.is_bench else weighted(rng, SCOPE_SETS)
    grant_id = batch.new_id("grant")
    batch.add(
        "grant",
        (
            grant_id,
            person.user_id,
            pro.user_id,
            None,
            dumps(list(scopes)),
            at,
            at + timedelta(days=MAX_DAYS),
            None,
            "{}",
            None,
            None,
            None,  # last_viewed_at: the professional's visits are not made up
            None,
        ),
    )
    span = max(1, int((world.options.end - at).total_seconds() // 60) - 1)
    visits = sorted(at + timedelta(minutes=rng.randrange(span)) for _ in range(rng.randint(1, 3)))
    for visit in visits:
        for what in VISIT_READS:
            if what != "products" or "products" in scopes:
                batch.add(
                    "audit",
                    (
                        batch.new_id("audit"),
                        person.user_id,
                        pro.user_id,
                        pro.name,
                        what,
                        str(grant_id),
                        visit,
                    ),
                )
    if person.is_bench or rng.random() < 0.35:
        batch.add(
            "note",
            (
                batch.new_id("note"),
                grant_id,
                person.user_id,
                pro.user_id,
                rng.choice(NOTES),
                visits[-1],
            ),
        )
