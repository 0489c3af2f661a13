"""State changes for a person's devices: the only place that writes them and their records.

Callers look the device up through `queries.devices_for(user)` first, so every write here is on
a device the acting user owns. Bad input raises `InputError(field, message)`; nothing is written.
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.utils import timezone

from needlewise.accounts.models import User
from needlewise.devices.models import (
    CatalogueDevice,
    HeadChange,
    OwnedDevice,
    SterilisationRecord,
)
from needlewise.rules.devices import MIN_SOAK_MINUTES
from needlewise.rules.errors import InputError
from needlewise.rules.vocab import DEVICE_KINDS, FDA_STATUS

#: Model field names as the forms and the API call them.
_FIELD_NAMES = {"catalogue": "catalogue_id", NON_FIELD_ERRORS: "device"}


def _validated(obj: models.Model) -> None:
    try:
        obj.full_clean()
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise InputError(_FIELD_NAMES.get(field, field), " ".join(messages)) from exc


def _kind(kind: str | None, catalogue: CatalogueDevice | None) -> str:
    if catalogue is not None and catalogue.kind:
        return catalogue.kind
    if not kind:
        raise InputError("kind", "Say which kind of device it is: roller, stamp or pen.")
    if kind not in DEVICE_KINDS:
        raise InputError("kind", f"{kind!r} is not a kind of device: use roller, stamp or pen.")
    return kind


@transaction.atomic
def add_device(
    user: User,
    *,
    catalogue_id: int | None = None,
    kind: str | None = None,
    name: str = "",
    lengths_mm: list[float] | None = None,
    fda_status: str = "unknown",
    nickname: str = "",
    first_used_on: date | None = None,
) -> OwnedDevice:
    """Add a device from the catalogue (its kind, lengths and FDA status come from there) or a
    custom one (a name, a kind and at least one length)."""
    catalogue = None
    if catalogue_id is not None:
        catalogue = CatalogueDevice.objects.filter(pk=catalogue_id).first()
        if catalogue is None:
            raise InputError("catalogue_id", "There is no device with this id in the catalogue.")
    if catalogue is None and fda_status not in FDA_STATUS:
        raise InputError("fda_status", f"{fda_status!r} is not an FDA status.")
    device = OwnedDevice(
        user=user,
        catalogue=catalogue,
        kind=_kind(kind, catalogue),
        name="" if catalogue else name.strip(),
        lengths_mm=[] if catalogue else sorted(set(lengths_mm or [])),
        fda_status="unknown" if catalogue else fda_status,
        nickname=nickname.strip(),
        first_used_on=first_used_on,
    )
    _validated(device)
    device.save()
    schedule_head_reminder(device)
    return device


def _when(at: datetime | None) -> datetime:
    now = timezone.now()
    at = at or now
    if timezone.is_naive(at):
        raise InputError("at", "Give the time with its time zone, e.g. 2026-11-23T20:00:00Z.")
    if at > now:
        raise InputError("at", "This cannot be in the future.")
    return at


@transaction.atomic
def record_sterilisation(
    device: OwnedDevice,
    *,
    at: datetime | None = None,
    minutes: int | None = None,
    method: str = "",
    notes: str = "",
) -> SterilisationRecord:
    """Record that the person sterilised a roller or stamp head (pens take a new cartridge)."""
    if device.kind == "pen":
        raise InputError(
            "device", "Pens are not soaked: fit a new sterile cartridge and record that instead."
        )
    minutes = MIN_SOAK_MINUTES if minutes is None else minutes
    if minutes < MIN_SOAK_MINUTES:
        raise InputError(
            "minutes",
            f"A soak of {minutes} minutes is too short: soak for at least {MIN_SOAK_MINUTES} "
            "minutes, then record it.",
        )
    record = SterilisationRecord(device=device, at=_when(at), minutes=minutes, notes=notes)
    if method.strip():
        record.method = method.strip()
    _validated(record)
    record.save()
    return record


@transaction.atomic
def record_head_change(device: OwnedDevice, *, at: datetime | None = None) -> HeadChange:
    """A new head (rollers, stamps) or a new sterile cartridge (pens) starts a fresh count."""
    kind = HeadChange.Kind.CARTRIDGE if device.kind == "pen" else HeadChange.Kind.HEAD
    change = HeadChange(device=device, at=_when(at), kind=kind, uses_at_change=device.uses)
    change.save()
    schedule_head_reminder(device)
    return change


def schedule_head_reminder(device: OwnedDevice) -> None:
    """Keep the head-replacement reminder on the day the rule core says (rollers only)."""
    from needlewise.devices.advice import head_replacement_on
    from needlewise.devices.queries import devices_for
    from needlewise.reminders.services import schedule_head_replacement

    fresh = devices_for(device.user).get(pk=device.pk)
    when = head_replacement_on(fresh)
    if when is not None:
        schedule_head_replacement(fresh, when)


@transaction.atomic
def delete_device(device: OwnedDevice) -> None:
    """Delete the device and every record of it, for real."""
    device.delete()
