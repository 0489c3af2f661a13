"""Reads of devices. Owned devices are always scoped to the acting user."""

from __future__ import annotations

from django.db.models import Case, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When

from needlewise.accounts.models import User
from needlewise.devices.catalogue import PLACEHOLDER
from needlewise.devices.models import CatalogueDevice, HeadChange, OwnedDevice, SterilisationRecord


def devices_for(user: User) -> QuerySet[OwnedDevice]:
    """The person's devices, with their latest hygiene records in the same query."""
    sterilised = SterilisationRecord.objects.filter(device=OuterRef("pk")).order_by("-at", "-id")
    changed = HeadChange.objects.filter(device=OuterRef("pk")).order_by("-at", "-id")
    return (
        OwnedDevice.objects.filter(user=user)
        .select_related("catalogue")
        .annotate(
            last_sterilised_at=Subquery(sterilised.values("at")[:1]),
            last_head_change_at=Subquery(changed.values("at")[:1]),
            uses_at_head_change=Subquery(changed.values("uses_at_change")[:1]),
        )
    )


def sterilisations_for(device: OwnedDevice, limit: int = 5) -> list[SterilisationRecord]:
    """The latest records of a device already fetched through `devices_for`."""
    return list(device.sterilisations.all()[:limit])


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
        When(name__startswith=PLACEHOLDER.format(number=""), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return entries.order_by("-is_generic", cleared_first, number_only_last, "name", "id")
