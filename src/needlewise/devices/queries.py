"""Reads of devices. Owned devices are always scoped to the acting user."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import (
    Case,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

from needlewise.accounts.models import User
from needlewise.devices.catalogue import PLACEHOLDER
from needlewise.devices.models import CatalogueDevice, HeadChange, OwnedDevice, SterilisationRecord


def devices_for(user: User) -> QuerySet[OwnedDevice]:
    """The person's devices, with their latest hygiene records in the same query."""
    sterilised = SterilisationRecord.objects.filter(device=OuterRef("pk")).order_by("-at", "-id")
    changed = HeadChange.objects.filter(device=OuterRef("pk")).order_by("-at", "-id")
    cleared = CatalogueDevice.objects.filter(
        fda_number=OuterRef("fda_number_given"), fda_status="cleared"
    ).exclude(fda_number="")
    return (
        OwnedDevice.objects.filter(user=user)
        .select_related("catalogue")
        .annotate(
            last_sterilised_at=Subquery(sterilised.values("at")[:1]),
            last_head_change_at=Subquery(changed.values("at")[:1]),
            uses_at_head_change=Subquery(changed.values("uses_at_change")[:1]),
            given_number_cleared=Exists(cleared),
        )
    )


def sterilisations_for(device: OwnedDevice, limit: int = 5) -> list[SterilisationRecord]:
    """The latest records of a device already fetched through `devices_for`."""
    return list(device.sterilisations.all()[:limit])


@dataclass(frozen=True)
class DeviceSession:
    """A finished session done with a device, as its page lists it."""

    key: str
    done_at: datetime
    areas: tuple[str, ...]


@dataclass(frozen=True)
class DeviceHistory:
    """What a device page reads of the person's finished sessions."""

    sessions: list[DeviceSession]  # with this device, newest first
    areas_treated: frozenset[str]  # with any device: advice is a first session's until then


def history_with(user: User, device: OwnedDevice) -> DeviceHistory:
    """The person's finished sessions, in one query. Sessions belong to treatments, above this
    app, so they are read through the user's reverse relation; a finished one has `done_at`."""
    rows = (
        user.treatment_sessions.filter(done_at__isnull=False)  # type: ignore[attr-defined]
        .order_by("-done_at", "-id", "area_records__area")
        .values_list("pk", "key", "done_at", "device_id", "area_records__area")
    )
    found: dict[int, tuple[str, datetime, list[str]]] = {}
    treated = set()
    for pk, key, done_at, device_id, area in rows:
        if area is not None:
            treated.add(area)
        if device_id == device.pk:
            _, _, areas = found.setdefault(pk, (str(key), done_at, []))
            if area is not None:
                areas.append(area)
    sessions = [DeviceSession(key, at, tuple(areas)) for key, at, areas in found.values()]
    return DeviceHistory(sessions, frozenset(treated))


def search_catalogue(query: str = "") -> QuerySet[CatalogueDevice]:
    """Entries whose name, maker or FDA number contains the query: generics, then cleared
    devices (those known only by their number last), then the rest, each by name."""
    entries = CatalogueDevice.objects.all()
    if query := query.strip():
        entries = entries.filter(
            Q(name__icontains=query) | Q(maker__icontains=query) | Q(fda_number__iexact=query)
        )
    cleared_first = Case(
        When(fda_status="cleared", then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    number_only_last = Case(
        When(name="", then=Value(1)),
        When(name__startswith=PLACEHOLDER.format(number=""), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return entries.order_by("-is_generic", cleared_first, number_only_last, "name", "id")


@dataclass
class CatalogueCard:
    """One entry as the list shows it, with the near-duplicates folded into it (same firm and
    name after setting aside case, punctuation and spaces)."""

    entry: CatalogueDevice
    also: list[CatalogueDevice] = field(default_factory=list)

    @property
    def numbers(self) -> list[str]:
        return [e.fda_number for e in [self.entry, *self.also] if e.fda_number]

    @property
    def indications(self) -> list[str]:
        found = [e.indication for e in [self.entry, *self.also] if e.indication]
        return list(dict.fromkeys(found))


def catalogue_cards(query: str = "") -> list[CatalogueCard]:
    """`search_catalogue`, near-duplicates shown once (the first in its order leads)."""
    cards: dict[tuple[str, str], CatalogueCard] = {}
    for entry in search_catalogue(query):
        key = entry.duplicate_key
        if key in cards:
            cards[key].also.append(entry)
        else:
            cards[key] = CatalogueCard(entry)
    return list(cards.values())
