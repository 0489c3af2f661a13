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
    length_errors,
)
from needlewise.rules.devices import MIN_SOAK_MINUTES
from needlewise.rules.errors import InputError
from needlewise.rules.vocab import DEVICE_KINDS, FDA_STATUS

#: Model field names as the forms and the API call them.
_FIELD_NAMES = {
    "catalogue": "catalogue_id",
    "fda_number_given": "fda_number",
    NON_FIELD_ERRORS: "device",
}


def _validated(obj: models.Model) -> None:
    try:
        obj.full_clean()
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise InputError(_FIELD_NAMES.get(field, field), " ".join(messages)) from exc


def _kind(kind: str | None, catalogue: CatalogueDevice | None) -> str:
    """The kind the person gives, else the catalogue's."""
    if not kind and catalogue is not None and catalogue.kind:
        return catalogue.kind
    if not kind:
        raise InputError("kind", "Say which kind of device it is: roller, stamp or pen.")
    if kind not in DEVICE_KINDS:
        raise InputError("kind", f"{kind!r} is not a kind of device: use roller, stamp or pen.")
    return kind


def _lengths(lengths_mm: list[float] | None, catalogue: CatalogueDevice | None) -> list[float]:
    """The lengths to keep on the device: none when they are just the catalogue's, so the
    device follows the catalogue (and an adjustable range stays a range)."""
    lengths = sorted(set(lengths_mm or []))
    if catalogue is not None and lengths == catalogue.available_lengths():
        return []
    return lengths


def _said_fda_status(fda_status: str, number: str) -> str:
    """What a person may say of a device not in the list: "cleared" is earned by a number that
    is in the catalogue, so it is refused without one."""
    if fda_status not in FDA_STATUS:
        raise InputError("fda_status", f"{fda_status!r} is not an FDA status.")
    if fda_status == "cleared":
        number = number.strip().upper()
        known = (
            number
            and CatalogueDevice.objects.filter(fda_number=number, fda_status="cleared").exists()
        )
        if not known:
            raise InputError(
                "fda_status",
                "A device is shown as FDA cleared only when its 510(k) or De Novo number is in "
                "the FDA list: pick it from the list, or give its number.",
            )
        return "unknown"  # the status then comes from the number
    return fda_status


@transaction.atomic
def add_device(
    user: User,
    *,
    catalogue_id: int | None = None,
    kind: str | None = None,
    name: str = "",
    lengths_mm: list[float] | None = None,
    fda_status: str = "unknown",
    fda_number: str = "",
    nickname: str = "",
    first_used_on: date | None = None,
) -> OwnedDevice:
    """Add a device from the catalogue (its FDA status comes from there; the kind and lengths
    the person gives win over the catalogue's, which are the default) or a custom one (a name,
    a kind and at least one length; FDA cleared only if its number is in the catalogue)."""
    catalogue = None
    if catalogue_id is not None:
        catalogue = CatalogueDevice.objects.filter(pk=catalogue_id).first()
        if catalogue is None:
            raise InputError("catalogue_id", "There is no device with this id in the catalogue.")
        if fda_number.strip():
            raise InputError("fda_number", "A device from the list has its number from the list.")
    said = "unknown" if catalogue else _said_fda_status(fda_status, fda_number)
    device = OwnedDevice(
        user=user,
        catalogue=catalogue,
        kind=_kind(kind, catalogue),
        name="" if catalogue else name.strip(),
        lengths_mm=_lengths(lengths_mm, catalogue),
        fda_status=said,
        fda_number_given="" if catalogue else fda_number,
        nickname=nickname.strip(),
        first_used_on=first_used_on,
    )
    _validated(device)
    device.save()
    schedule_head_reminder(device)
    return device


#: What `update_device` may change.
EDITABLE = ("kind", "lengths_mm", "name", "nickname", "fda_status", "fda_number")
_CUSTOM_ONLY = ("name", "fda_status", "fda_number")


@transaction.atomic
def update_device(device: OwnedDevice, **changes: object) -> OwnedDevice:
    """Change what the person says about a device they own: its kind, needle lengths,
    nickname and, for a device not in the list, its name and FDA details. Only the given
    fields change; on a refusal nothing is written."""
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise InputError(unknown[0], "This cannot be changed here.")
    catalogue = device.catalogue
    if catalogue is not None:
        for field in _CUSTOM_ONLY:
            if field in changes:
                raise InputError(
                    field, "This comes from the device list and cannot be changed here."
                )
    fresh = OwnedDevice.objects.select_for_update().get(pk=device.pk)
    old_kind, old_name = fresh.kind, fresh.display_name
    if "kind" in changes:
        fresh.kind = _kind(changes["kind"] or None, None)  # type: ignore[arg-type]
    if "lengths_mm" in changes:
        lengths = changes["lengths_mm"]
        if not isinstance(lengths, list):
            raise InputError("lengths_mm", "Give the lengths as a list of millimetres.")
        if length_errors(lengths):
            raise InputError("lengths_mm", " ".join(length_errors(lengths)))
        fresh.lengths_mm = _lengths(lengths, catalogue)
    if "name" in changes:
        fresh.name = str(changes["name"] or "").strip()
    if "nickname" in changes:
        fresh.nickname = str(changes["nickname"] or "").strip()
    if "fda_number" in changes:
        fresh.fda_number_given = str(changes["fda_number"] or "")
    if "fda_status" in changes or "fda_number" in changes:
        status = changes.get("fda_status", fresh.fda_status)
        fresh.fda_status = _said_fda_status(str(status), fresh.fda_number_given)
    _validated(fresh)
    fresh.save()
    if fresh.kind != old_kind or fresh.display_name != old_name:
        # The pending reminder carries the name it is shown under: keep it the current one.
        _reschedule_head_reminder(fresh)
    return fresh


def _reschedule_head_reminder(device: OwnedDevice) -> None:
    """A kind change moves the head reminder (rollers have one, pens and stamps none); a new
    name is written into it."""
    from needlewise.reminders.models import Kind
    from needlewise.reminders.services import cancel_for

    if device.kind == "roller":
        schedule_head_reminder(device)
    else:
        cancel_for(device.user, Kind.HEAD_REPLACEMENT, subject_id=str(device.pk))


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
