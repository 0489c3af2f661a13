"""Device endpoints: the public catalogue and the person's own devices (owner-scoped: another
person's device id is a 404). Bad input is a 422 naming the field, and nothing is written."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status
from pydantic import AfterValidator, ConfigDict, Field

from needlewise.devices import advice, services
from needlewise.devices.models import CatalogueDevice, HeadChange, OwnedDevice, SterilisationRecord
from needlewise.devices.queries import devices_for, search_catalogue
from needlewise.rules.errors import InputError
from needlewise.rules.vocab import DEVICE_KINDS, FDA_STATUS

router = Router(tags=["devices"])

Kind = Literal[DEVICE_KINDS]  # type: ignore[valid-type]
FdaStatus = Literal[FDA_STATUS]  # type: ignore[valid-type]


class CatalogueOut(Schema):
    id: int
    name: str
    maker: str
    kind: str | None
    needle_count: int | None
    material: str
    lengths_mm: list[float]
    adjustable: bool
    min_mm: Decimal | None
    max_mm: Decimal | None
    step_mm: Decimal | None
    head: str | None
    fda_status: str
    fda_number: str | None
    decision_date: date | None
    indication: str
    source_url: str
    is_generic: bool
    description: str


class DeviceIn(Schema):
    model_config = ConfigDict(extra="forbid")

    catalogue_id: int | None = Field(None, description="Pick from the catalogue, or describe:")
    kind: Kind | None = Field(None, description="Needed for a custom device or an unknown kind")
    name: str = Field("", max_length=200)
    lengths_mm: list[float] = Field(default_factory=list, max_length=40)
    fda_status: FdaStatus = Field(
        "unknown", description="`cleared` only with an `fda_number` that is in the catalogue"
    )
    fda_number: str = Field("", max_length=20, description="510(k) or De Novo number, if known")
    nickname: str = Field("", max_length=80)
    first_used_on: date | None = None


class DeviceChange(Schema):
    """Only the fields sent change. `name`, `fda_status` and `fda_number` are for devices not
    in the catalogue."""

    model_config = ConfigDict(extra="forbid")

    kind: Kind | None = None
    lengths_mm: list[float] | None = Field(None, min_length=1, max_length=40)
    name: str | None = Field(None, max_length=200)
    nickname: str | None = Field(None, max_length=80)
    fda_status: FdaStatus | None = None
    fda_number: str | None = Field(None, max_length=20)


class DeviceOut(Schema):
    id: int
    name: str
    nickname: str
    kind: str
    catalogue_id: int | None
    fda_status: str = Field(description="`cleared` only when the number is in the catalogue")
    fda_number: str | None
    fda_number_given: str | None = Field(description="The number given for a custom device")
    lengths_mm: list[float]
    added_at: datetime
    first_used_on: date | None
    uses: int
    uses_since_head_change: int
    last_sterilised_at: datetime | None
    last_head_change_at: datetime | None
    ready: bool = Field(description="Sterilised (pens: new cartridge) within the rule's window")
    head_replacement_due: bool
    warnings: list[str]
    otc_notice: str


def _storable(at: datetime | None) -> datetime | None:
    """A time before year 1 in UTC (0001-01-01 at +14:00) is one PostgreSQL would store as BC
    and then fail to read back, breaking the device for good; SQLite cannot store it at all."""
    if at is not None and at.tzinfo is not None:
        try:
            at.astimezone(UTC)
        except OverflowError:
            raise ValueError("is before the year 1 in UTC") from None
    return at


When = Annotated[
    datetime | None,
    AfterValidator(_storable),
    Field(description="Defaults to now; never in the future"),
]


class SterilisationIn(Schema):
    model_config = ConfigDict(extra="forbid")

    at: When = None
    minutes: int | None = Field(None, ge=0, le=600, description="Defaults to the rule's minimum")
    method: str = Field("", max_length=120)
    notes: str = Field("", max_length=2000)


class SterilisationOut(Schema):
    id: int
    at: datetime
    method: str
    minutes: int
    notes: str


class HeadChangeIn(Schema):
    model_config = ConfigDict(extra="forbid")

    at: When = None


class HeadChangeOut(Schema):
    id: int
    at: datetime
    kind: str
    uses_at_change: int


def _catalogue_out(entry: CatalogueDevice) -> CatalogueOut:
    return CatalogueOut(
        id=entry.pk,
        name=entry.display_name,
        maker=entry.maker,
        kind=entry.kind or None,
        needle_count=entry.needle_count,
        material=entry.material,
        lengths_mm=entry.available_lengths(),
        adjustable=entry.is_adjustable,
        min_mm=entry.min_mm,
        max_mm=entry.max_mm,
        step_mm=entry.step_mm,
        head=entry.head or None,
        fda_status=entry.shown_fda_status,
        fda_number=entry.fda_number or None,
        decision_date=entry.decision_date,
        indication=entry.indication,
        source_url=entry.source_url,
        is_generic=entry.is_generic,
        description=entry.description,
    )


def _device_out(device: OwnedDevice) -> DeviceOut:
    hygiene = advice.hygiene_for(device)
    return DeviceOut(
        id=device.pk,
        name=device.model_name,
        nickname=device.nickname,
        kind=device.kind,
        catalogue_id=device.catalogue_id,
        fda_status=device.effective_fda_status,
        fda_number=device.fda_number or None,
        fda_number_given=device.fda_number_given or None,
        lengths_mm=device.available_lengths(),
        added_at=device.added_at,
        first_used_on=device.first_used_on,
        uses=device.uses,
        uses_since_head_change=hygiene.uses,
        last_sterilised_at=device.last_sterilised_at,  # type: ignore[attr-defined]
        last_head_change_at=device.last_head_change_at,  # type: ignore[attr-defined]
        ready=hygiene.ready,
        head_replacement_due=hygiene.head_due,
        warnings=hygiene.warnings,
        otc_notice=hygiene.otc.message,
    )


def _mine(request: HttpRequest, device_id: int) -> OwnedDevice:
    return get_object_or_404(devices_for(request.auth), pk=device_id)  # type: ignore[attr-defined]


@router.get("/catalogue", response=list[CatalogueOut], summary="Search the device catalogue")
def catalogue(
    request: HttpRequest, q: Annotated[str, Query(max_length=100)] = ""
) -> list[CatalogueOut]:
    """Generic examples first, then FDA-cleared devices, then the rest; `q` matches the name or
    the maker (at most 100 characters, as on the page)."""
    return [_catalogue_out(entry) for entry in search_catalogue(q)]


@router.get("/", response=list[DeviceOut], summary="My devices")
def my_devices(request: HttpRequest) -> list[DeviceOut]:
    return [_device_out(device) for device in devices_for(request.auth)]  # type: ignore[attr-defined]


@router.post("/", response={201: DeviceOut}, summary="Add a device")
def add_device(request: HttpRequest, body: DeviceIn) -> Status[DeviceOut]:
    """From the catalogue (`catalogue_id`, plus `kind` when the catalogue does not know it) or
    custom (`name`, `kind` and at least one of `lengths_mm`)."""
    device = services.add_device(request.auth, **body.dict())  # type: ignore[attr-defined]
    return Status(201, _device_out(_mine(request, device.pk)))


@router.get("/{device_id}", response=DeviceOut, summary="One of my devices")
def device_detail(request: HttpRequest, device_id: int) -> DeviceOut:
    return _device_out(_mine(request, device_id))


@router.patch("/{device_id}", response=DeviceOut, summary="Change one of my devices")
def change_device(request: HttpRequest, device_id: int, body: DeviceChange) -> DeviceOut:
    """The kind, needle lengths and nickname of any device; the name and FDA details of a
    device not in the catalogue. A field sent as null is a 422 for `kind`, `name` and
    `lengths_mm`; for `nickname` and `fda_number` it clears them."""
    changes = body.dict(exclude_unset=True)
    for field in ("kind", "name", "lengths_mm", "fda_status"):
        if field in changes and changes[field] is None:
            raise InputError(field, "Give a value, or leave the field out.")
    services.update_device(_mine(request, device_id), **changes)
    return _device_out(_mine(request, device_id))


@router.delete("/{device_id}", response={204: None}, summary="Delete a device and its records")
def delete_device(request: HttpRequest, device_id: int) -> HttpResponse:
    services.delete_device(_mine(request, device_id))
    return HttpResponse(status=204)


@router.post(
    "/{device_id}/sterilisations",
    response={201: SterilisationOut},
    summary="Record a sterilisation",
)
def sterilise(
    request: HttpRequest, device_id: int, body: SterilisationIn
) -> Status[SterilisationRecord]:
    return Status(201, services.record_sterilisation(_mine(request, device_id), **body.dict()))


@router.post(
    "/{device_id}/head-changes",
    response={201: HeadChangeOut},
    summary="Record a new head (pens: a new cartridge)",
)
def head_change(request: HttpRequest, device_id: int, body: HeadChangeIn) -> Status[HeadChange]:
    return Status(201, services.record_head_change(_mine(request, device_id), **body.dict()))
