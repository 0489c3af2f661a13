"""A person's shelf (products with parsed labels), avoid-list, and progress ratings."""

from __future__ import annotations

from datetime import date, timedelta

from needlewise.products.models import AvoidEntry, category_words
from needlewise.synthetic.labels import BY_KIND, LABELS, label
from needlewise.synthetic.people import at_local
from needlewise.synthetic.tables import Batch
from needlewise.synthetic.world import DAY, Person, World, between

#: Kinds most shelves have, and how often.
STAPLES = (("cleanser", 0.8), ("moisturiser", 0.7), ("sunscreen", 0.75))
PAO_MONTHS = (None, 6, 12, 12, 24)
SELF_AVOID = ("fragrance", "essential_oil", "drying_alcohol")
PRO_AVOID_NOTE = "Keep these off your face while it heals after sessions."


def _picks(person: Person) -> list[int]:
    rng = person.rng
    picks = [rng.choice(BY_KIND[kind]) for kind, share in STAPLES if rng.random() < share]
    extra = 3 if person.is_bench else rng.randint(0, 3)
    picks += rng.sample(range(len(LABELS)), extra)
    return list(dict.fromkeys(picks)) or [BY_KIND["serum"][0]]


def products(world: World, batch: Batch, person: Person) -> None:
    rng, end = person.rng, world.options.end
    last_day = (end - timedelta(days=1)).date()
    span = max(1, (end - person.joined).days)
    for index in _picks(person):
        item = label(index)
        # Most of the shelf comes in the first month; the rest along the way.
        days = rng.randrange(min(span, 30) if rng.random() < 0.7 else span)
        added = person.joined + timedelta(days=days, minutes=rng.randint(0, 600))
        if added >= end:
            added = person.joined
        opened = min(added.date() - timedelta(days=rng.randint(0, 90)), last_day)
        batch.add(
            "product",
            (
                batch.new_id("product"),
                person.user_id,
                item.name,
                item.brand,
                item.kind,
                opened if rng.random() < 0.8 else None,
                rng.choice(PAO_MONTHS),
                item.text,
                item.parsed,
                item.unrecognised,
                item.parse_error,
                world.rules_version,
                added,
                added,
            ),
        )
        person.seen(added)


def avoid_entries(world: World, batch: Batch, person: Person) -> None:
    rng = person.rng
    if rng.random() < 0.12:
        code = rng.choice(SELF_AVOID)
        at = person.joined + timedelta(hours=rng.randint(1, 200))
        if at < world.options.end:
            batch.add(
                "avoid",
                (
                    batch.new_id("avoid"),
                    person.user_id,
                    AvoidEntry.Kind.CATEGORY,
                    code,
                    category_words(code),
                    person.user_id,
                    "",
                    at,
                ),
            )
    if person.pro is not None and person.granted_at is not None and rng.random() < 0.2:
        at = person.granted_at + timedelta(minutes=rng.randint(5, 600))
        if at < world.options.end:
            batch.add(
                "avoid",
                (
                    batch.new_id("avoid"),
                    person.user_id,
                    AvoidEntry.Kind.CATEGORY,
                    "retinoid",
                    category_words("retinoid"),
                    person.pro.user_id,
                    PRO_AVOID_NOTE,
                    at,
                ),
            )


def ratings(
    world: World, batch: Batch, person: Person, starts: dict[str, date], stop: date
) -> None:
    """Every two to four weeks from the first plan for a concern: a score that improves slowly."""
    rng = person.rng
    stop = min(stop, (world.end - DAY).date())
    for concern, start in starts.items():
        base, gain = between(rng, 3, 5), 1.5 + 2.5 * rng.random()
        day = start
        while day <= stop:
            progress = min(1.0, (day - start).days / 180)
            score = max(1, min(10, round(base + gain * progress + rng.gauss(0, 0.7))))
            at = at_local(day, 21, between(rng, 0, 59), person.tz)
            if at < world.end:
                batch.add(
                    "rating", (batch.new_id("rating"), person.user_id, concern, score, day, at)
                )
                person.seen(at)
            day += DAY * between(rng, 14, 28)
