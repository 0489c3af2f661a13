"""A whole synthetic population: professionals first, then persons in chunks, each chunk one
transaction, with a progress bar on stderr and a count of every row written."""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TextIO

from django.contrib.auth.hashers import check_password, make_password
from django.db import connection, transaction
from tqdm import tqdm

from needlewise.accounts.models import User
from needlewise.rules import rules_version
from needlewise.sharing.models import ProfessionalProfile
from needlewise.synthetic import devices, history, people
from needlewise.synthetic.options import (
    DOMAIN,
    MAX_USERS,
    Options,
    SyntheticError,
    password_for,
    salt_for,
)
from needlewise.synthetic.tables import SPECS, Batch, IdPool
from needlewise.synthetic.wipe import Refused, wipe
from needlewise.synthetic.world import Pro, World, block_of, person_email, pro_email
from needlewise.synthetic.writer import Writer, sink

CHUNK = 250  # persons per transaction


@dataclass
class Summary:
    first: int
    last: int
    professionals: int
    removed: int
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SPECS, 0))

    def add(self, counts: dict[str, int]) -> None:
        for name, n in counts.items():
            self.counts[name] += n

    def line(self) -> str:
        rows = " ".join(f"{name}={n}" for name, n in self.counts.items())
        return f"Wrote {sum(self.counts.values())} rows ({rows}) in {self.seconds:.1f} s"


def _existing_persons() -> int:
    """The highest person number already made (0 when there is none)."""
    last = (
        User.objects.filter(email__startswith="person-", email__endswith=f"@{DOMAIN}")
        .order_by("-email")
        .values_list("email", flat=True)
        .first()
    )
    return int(last[len("person-") : len("person-") + 6]) if last else 0


def _existing_pros() -> dict[int, Pro]:
    found = ProfessionalProfile.objects.filter(
        user__email__startswith="pro-", user__email__endswith=f"@{DOMAIN}"
    ).values_list("user__email", "user_id", "user__profile__display_name", "profession")
    pros = {}
    for email, user_id, name, profession in found:
        k = int(email.split("@", 1)[0][len("pro-") :])
        pros[k] = Pro(k, user_id, name or email, profession)
    return pros


def _password_hash(options: Options, appending: bool) -> str:
    """Hashed once (argon2 is slow on purpose) and shared by every row."""
    password = password_for(options.seed)
    if appending:
        stored = User.objects.filter(email=person_email(1)).values_list("password", flat=True)
        current = stored.first()
        if current is not None:
            if not check_password(password, current):
                raise SyntheticError(
                    "The existing synthetic people were made with another --seed, so they have "
                    "another password: --append with the seed they were made with."
                )
            return current
    return make_password(password, salt_for(options.seed))


def _start(options: Options) -> tuple[int, int]:
    """(first new person number, persons removed) after checking the total fits."""
    existing = _existing_persons()
    if options.append:
        if existing + options.users > MAX_USERS:
            raise SyntheticError(
                f"There are already {existing:,} synthetic people; adding {options.users:,} "
                f"would pass {MAX_USERS:,}."
            )
        return existing + 1, 0
    if not existing:
        return 1, 0
    try:
        return 1, wipe(User.objects.filter(email__endswith=f"@{DOMAIN}"))
    except Refused as error:
        raise SyntheticError(f"The previous population cannot be removed: {error}.") from None


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Millions of fresh tuples make the cyclic collector run again and again for nothing (rows
    hold no cycles): a third of the time. Paused for the run, as it was before afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def generate(options: Options, progress: TextIO | None = sys.stderr) -> Summary:
    """Write the population `options` asks for; raises SyntheticError before writing anything
    when it cannot."""
    began = time.perf_counter()
    appending = options.append and _existing_persons() > 0
    password_hash = _password_hash(options, appending)
    with transaction.atomic():
        first, removed = _start(options)
    last = first + options.users - 1
    world = World(options, rules_version(), password_hash, devices.catalogue_ids())
    world.pros = _existing_pros() if appending else {}
    writer = Writer()
    batch = Batch(IdPool(writer.reserve))
    summary = Summary(first, last, 0, removed)
    for k in range(1, block_of(last) + 1):
        if k not in world.pros:
            world.pros[k] = people.make_pro(world, batch, k)
            summary.professionals += 1
    bar = tqdm(total=options.users, unit="person", file=progress, disable=progress is None)
    with bar, _gc_paused(), sink(writer) as out:
        for start in range(first, last + 1, CHUNK):
            stop = min(start + CHUNK, last + 1)
            for n in range(start, stop):
                history.person(world, batch, n)
            rows = batch.take()
            summary.add({name: len(table) for name, table in rows.items()})
            out.put(rows)
            bar.update(stop - start)
    _analyze()
    summary.seconds = time.perf_counter() - began
    return summary


def _analyze() -> None:
    """Refresh the planner's statistics after a bulk load, as one does after COPY: until
    autovacuum gets round to it, PostgreSQL plans for empty tables (a 0.2 ms check-in read took
    600 ms at 20,000 people, a sequential scan)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def describe(summary: Summary, options: Options) -> list[str]:
    """What the command prints: who was made, the password line, the counts."""
    people = summary.last - summary.first + 1
    pros = block_of(summary.last)
    removed = f"; removed {summary.removed:,} old rows first" if summary.removed else ""
    return [
        f"Synthetic people {person_email(summary.first)} … {person_email(summary.last)} "
        f"({people:,}); professionals {pro_email(1)} … {pro_email(pros)} "
        f"({summary.professionals} new); {options.years:g} year(s) of history up to "
        f"{options.today}{removed}",
        f"password: {password_for(options.seed)}",
        summary.line(),
    ]
