"""Suitability checks over the API (owner-scoped): list, read, the current one, and a new one."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import ConfigDict, Field

from needlewise.rules.errors import InputError
from needlewise.rules.vocab import AREAS, CONCERNS, CONDITIONS, PROCEDURE_KINDS
from needlewise.suitability import queries, services
from needlewise.suitability.models import SuitabilityCheck

router = Router(tags=["suitability"])


# The screening rule checks the answers; the extras only declare what it accepts.
DATE = {"format": "date"}


def codes(values: Collection[str]) -> dict[str, Any]:
    return {"items": {"type": "string", "enum": sorted(values)}}


class ProcedureIn(Schema):
    model_config = ConfigDict(extra="forbid", strict=True)
    kind: str = Field(json_schema_extra={"enum": sorted(PROCEDURE_KINDS)})
    date: str = Field(json_schema_extra=DATE)


class CheckIn(Schema):
    model_config = ConfigDict(extra="forbid", strict=True)
    birth_date: str = Field(json_schema_extra=DATE)
    skin_type: int | None = Field(None, json_schema_extra={"minimum": 1, "maximum": 6})
    conditions: list[str] = Field(max_length=len(CONDITIONS), json_schema_extra=codes(CONDITIONS))
    areas: list[str] = Field(max_length=len(AREAS), json_schema_extra=codes(AREAS))
    concerns: list[str] = Field(max_length=len(CONCERNS), json_schema_extra=codes(CONCERNS))
    isotretinoin_last_dose: str | None = Field(None, json_schema_extra=DATE)
    # The page asks for the latest date of each kind: one entry per kind.
    recent_procedures: list[ProcedureIn] = Field([], max_length=len(PROCEDURE_KINDS))


class CheckOut(Schema):
    id: int
    created_at: datetime
    verdict: str
    reasons: list[dict[str, Any]]
    recheck_on: date | None
    expires_on: date
    is_current: bool
    areas: list[str]
    concerns: list[str]
    rules_version: str


def _out(check: SuitabilityCheck) -> CheckOut:
    return CheckOut(
        id=check.pk,
        created_at=check.created_at,
        verdict=check.verdict,
        reasons=check.reasons,
        recheck_on=check.recheck_on,
        expires_on=check.expires_on,
        is_current=check.is_current(timezone.localdate()),
        areas=check.areas,
        concerns=check.concerns,
        rules_version=check.rules_version,
    )


@router.get("/", response=list[CheckOut], summary="My suitability checks, newest first")
def list_checks(request: HttpRequest) -> list[CheckOut]:
    return [_out(check) for check in queries.checks_for(request.auth)[:100]]  # type: ignore[attr-defined]


@router.get(
    "/current",
    response={200: CheckOut, 404: dict[str, str]},
    summary="My current check (404 when one is due)",
)
def current(request: HttpRequest) -> CheckOut:
    check = queries.current_check(request.auth)  # type: ignore[attr-defined]
    if check is None:
        raise HttpError(404, "No current check: a new one is due.")
    return _out(check)


@router.get("/{check_id}", response=CheckOut)
def read(request: HttpRequest, check_id: int) -> CheckOut:
    return _out(get_object_or_404(queries.checks_for(request.auth), pk=check_id))  # type: ignore[attr-defined]


@router.post("/", response={201: CheckOut}, summary="Complete a check and store its result")
def create(request: HttpRequest, body: CheckIn) -> Status:
    data = body.model_dump()
    concerns = data.pop("concerns")
    if not concerns:
        raise InputError("concerns", "pick at least one concern")
    if not data["areas"]:
        raise InputError("areas", "pick at least one area")
    for i, concern in enumerate(concerns):
        if concern not in CONCERNS:
            raise InputError(f"concerns[{i}]", f"unknown code {concern!r}")
    if data["recent_procedures"] and "recent_procedure" not in data["conditions"]:
        data["conditions"] = [*data["conditions"], "recent_procedure"]
    try:
        check = services.record_check(request.auth, data, concerns)  # type: ignore[attr-defined]
    except InputError:
        raise
    except ValueError as exc:  # the 18th birthday of someone born near 9999 has no date
        raise InputError("birth_date", "is too far in the future") from exc
    return Status(201, _out(check))
