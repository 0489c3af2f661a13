"""One synthetic person from start to end: devices, checks, plans one after another, shelf,
avoid-list, ratings, sharing. Everything is drawn from the person's own generator, in a fixed
order, so a person is the same whatever else is generated around them."""

from __future__ import annotations

from datetime import timedelta

from needlewise.synthetic import devices, people, shelf
from needlewise.synthetic.checks import Checks
from needlewise.synthetic.people import at_local, weighted
from needlewise.synthetic.plans import History, run_plan
from needlewise.synthetic.tables import Batch
from needlewise.synthetic.world import Person, World

CHURN = 0.15  # after a finished course, some people stop
UPGRADE = 0.4  # starters with a 0.25 mm roller or stamp who buy a 0.5 mm roller later


def _maybe_upgrade(world: World, batch: Batch, h: History) -> None:
    p, last = h.person, h.last_day
    keys = {d.key for d in h.kit}
    if p.skin_type > 3 or "pen" in keys or "roller50" in keys or p.rng.random() >= UPGRADE:
        return
    assert last is not None  # after a finished course
    at = at_local(last + timedelta(days=p.rng.randint(2, 10)), 12, 0, p.tz)
    if at < world.options.end:
        h.kit.append(devices.new_device(batch, p, "roller50", at))


def treatments(world: World, batch: Batch, p: Person) -> History:
    rng, end = p.rng, world.options.end
    h = History(p, Checks(p))
    h.kit.append(
        devices.new_device(
            batch, p, weighted(rng, devices.STARTERS), p.joined + timedelta(minutes=10)
        )
    )
    h.checks.ensure(world, batch, p.joined + timedelta(minutes=5), p.joined.astimezone(p.tz).date())
    day = p.joined.astimezone(p.tz).date() + timedelta(days=rng.randint(0, 10))
    status, plans = "", 0
    while True:
        status = run_plan(world, batch, h, day, p.concerns[plans % len(p.concerns)])
        plans += 1
        if status != "finished" or (not p.is_bench and rng.random() < CHURN):
            break
        _maybe_upgrade(world, batch, h)
        assert h.last_day is not None  # a finished course has sessions
        day = h.last_day + timedelta(days=rng.randint(14, 75))
    if p.is_bench and status not in ("active", "paused"):
        # The bench user always has a plan to open: a new one, made yesterday.
        tail = (end - timedelta(days=1)).astimezone(p.tz).date()
        run_plan(world, batch, h, tail, p.concerns[plans % len(p.concerns)])
    h.checks.finish(batch)
    for device in h.kit:
        batch.add("device", device.row(world, p))
    return h


def person(world: World, batch: Batch, n: int) -> Person:
    """Every row of person n."""
    p = people.make_person(world, batch, n)
    people.choose_grant(world, p)
    h = treatments(world, batch, p)
    shelf.products(world, batch, p)
    shelf.avoid_entries(world, batch, p)
    stop = (h.last_day + timedelta(days=30)) if h.last_day else p.joined.date()
    shelf.ratings(world, batch, p, h.concern_starts, stop)
    people.grant_rows(world, batch, p)
    people.finish_person(world, batch, p)
    return p
