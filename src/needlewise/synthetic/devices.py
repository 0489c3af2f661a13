"""A person's devices (generic catalogue entries) and their hygiene records before sessions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from needlewise.devices.catalogue import GENERICS
from needlewise.devices.models import STERILISATION_METHOD, CatalogueDevice, HeadChange
from needlewise.rules import devices as hygiene_rules
from needlewise.synthetic.tables import Batch, dumps
from needlewise.synthetic.world import MINUTE, Person, World, between, pick

#: Our keys for the generic catalogue entries (by their names in `devices.catalogue`).
GENERIC_NAMES = {
    "roller25": "Generic 0.25 mm roller",
    "roller50": "Generic 0.5 mm roller",
    "pen": "Generic adjustable pen 0–2.5 mm",
    "stamp25": "Generic stamp 0.25 mm",
}
STARTERS = (("roller25", 45), ("pen", 35), ("stamp25", 20))
NICKNAMES = ("", "", "", "Bathroom roller", "My pen", "Travel kit", "The new one")


def _generic(key: str) -> dict[str, Any]:
    return next(g for g in GENERICS if g["name"] == GENERIC_NAMES[key])


def lengths_of(key: str) -> tuple[float, ...]:
    """Every length the generic device offers, as the model computes it."""
    fields = {k: v for k, v in _generic(key).items() if k != "head"}
    return tuple(CatalogueDevice(**fields).available_lengths())


def catalogue_ids() -> dict[str, int | None]:
    """Ids of the generic entries loaded by `migrate` (None: not loaded, a custom device then)."""
    found = dict(
        CatalogueDevice.objects.filter(
            is_generic=True, name__in=GENERIC_NAMES.values()
        ).values_list("name", "id")
    )
    return {key: found.get(name) for key, name in GENERIC_NAMES.items()}


@dataclass
class Device:
    id: int
    key: str
    kind: str
    lengths: tuple[float, ...]
    added_at: datetime
    nickname: str
    uses: int = 0
    first_used_on: date | None = None
    head_uses: int = 0  # the use count at the last head change
    head_since: date | None = None

    def row(self, world: World, person: Person) -> tuple[Any, ...]:
        catalogue = world.catalogue.get(self.key)
        generic = _generic(self.key)
        custom = catalogue is None
        return (
            self.id,
            person.user_id,
            catalogue,
            generic["name"] if custom else "",
            self.kind,
            dumps(list(self.lengths) if custom else []),
            generic["fda_status"] if custom else "unknown",
            "",  # fda_number_given: generic devices have no FDA number
            self.nickname,
            self.added_at,
            self.first_used_on,
            self.uses,
        )


def new_device(batch: Batch, person: Person, key: str, at: datetime) -> Device:
    kind = str(_generic(key)["kind"])
    return Device(
        batch.new_id("device"), key, kind, lengths_of(key), at, person.rng.choice(NICKNAMES)
    )


def prepare(batch: Batch, person: Person, device: Device, start: datetime, day: date) -> None:
    """What the gate needs before a session: a soak (rollers, stamps) or a new cartridge (pens);
    a new roller head when the rule core says it is due (the gate refuses a due head)."""
    rng = person.rng
    if device.kind == "pen":
        at = start - MINUTE * between(rng, 3, 15)
        batch.add(
            "head_change",
            (batch.new_id("head_change"), device.id, at, HeadChange.Kind.CARTRIDGE, device.uses),
        )
        return
    since = device.head_since or day
    due = hygiene_rules.head_replacement_due(device.uses - device.head_uses, since, day)
    soak = start - MINUTE * between(rng, 20, 120)
    if device.kind == "roller" and device.uses and due:
        rng.random()  # drawn as before, so the rest of each generated history is unchanged
        at = soak - MINUTE * 5
        row = (batch.new_id("head_change"), device.id, at, HeadChange.Kind.HEAD, device.uses)
        batch.add("head_change", row)
        device.head_uses, device.head_since = device.uses, day
    batch.add(
        "sterilisation",
        (
            batch.new_id("sterilisation"),
            device.id,
            soak,
            STERILISATION_METHOD,
            pick(rng, (10, 10, 15, 20)),
            "",
        ),
    )


def used(device: Device, day: date) -> None:
    device.uses += 1
    if device.first_used_on is None:
        device.first_used_on = day
        device.head_since = day
