"""Plans and sessions over the API, owner-scoped. Writes go through the same services as pages."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import ConfigDict, Field

from needlewise.devices.queries import devices_for
from needlewise.glides import GlideChoice
from needlewise.rules.errors import InputError
from needlewise.rules.vocab import AREAS, BLEEDING, CONCERNS
from needlewise.treatments import gate, schedule, services
from needlewise.treatments.export import session_rows
from needlewise.treatments.models import Plan
from needlewise.treatments.queries import done_sessions, plans_for, sessions_for

router = Router(tags=["plans and sessions"])


class PlanIn(Schema):
    model_config = ConfigDict(extra="forbid", strict=True)
    concern: str = Field(json_schema_extra={"enum": sorted(CONCERNS)})
    areas: list[str] = Field(
        min_length=1,
        max_length=len(AREAS),
        json_schema_extra={"items": {"type": "string", "enum": sorted(AREAS)}},
    )
    device_id: int
    start_date: str = Field(json_schema_extra={"format": "date"})
    course_length: int = Field(6, ge=1, le=20)


class PlanOut(Schema):
    id: int
    concern: str
    status: str
    paused_reason: str
    limit_note: str = Field(description="why a professional's limit changed this plan, if it did")
    needle_mm: dict[str, float]
    start_date: date
    course_length: int
    device_id: int | None
    next_allowed: date
    upcoming: list[date]


class AreaIn(Schema):
    model_config = ConfigDict(extra="forbid", strict=True)
    area: str = Field(
        description="one of the plan's areas", json_schema_extra={"enum": sorted(AREAS)}
    )
    needle_mm: float = Field(gt=0, le=3)
    passes: int = Field(ge=0, le=50)
    pain: int = Field(ge=0, le=10)
    bleeding: str = Field("none", json_schema_extra={"enum": list(BLEEDING)})
    notes: str = Field("", max_length=500)


class GlideIn(Schema):
    """What went on the skin while needling (POLICY.md section 8): exactly one of
    `{"product_id": N}` (a product on your shelf), `{"none": true}`, or
    `{"name": ..., "ingredients": ...}` (a new product, added to your shelf)."""

    model_config = ConfigDict(extra="forbid", strict=True)
    product_id: int | None = Field(None, description="one of your products")
    none: bool = Field(False, description="true: nothing on the skin")
    name: str | None = Field(None, max_length=200, description="a new product's name")
    ingredients: str = Field(
        "", max_length=20_000, description="the new product's ingredients, as printed"
    )

    def choice(self) -> GlideChoice:
        """The one answer given, or a 422 naming what is wrong."""
        given = [self.product_id is not None, self.none, self.name is not None]
        if sum(given) != 1:
            raise InputError(
                "glide", 'give exactly one of product_id, "none": true, or name (a new product)'
            )
        if self.ingredients and self.name is None:
            raise InputError("glide.ingredients", "goes with name, for a new product")
        return GlideChoice(self.product_id, self.none, self.name or "", self.ingredients)


class SessionIn(Schema):
    model_config = ConfigDict(extra="forbid", strict=True)
    key: str | None = Field(
        None,
        description="a UUID idempotency key: retrying with it never creates a second session",
        json_schema_extra={"format": "uuid"},
    )
    areas: list[AreaIn] = Field(min_length=1, max_length=len(AREAS))  # one record per area
    notes: str = Field("", max_length=2000)
    glide: GlideIn | None = Field(
        None, description="what went on the skin while needling; judged by the rule core"
    )


def _uuid(raw: str | None) -> UUID | None:
    if raw is None:
        return None
    try:
        return UUID(raw)
    except ValueError:
        raise InputError("key", "expected a UUID") from None


def _plan_out(request: HttpRequest, plan: Plan) -> PlanOut:
    planned = schedule.plan_schedule(request.auth, plan, timezone.localdate())  # type: ignore[arg-type]
    return PlanOut(
        id=plan.pk,
        concern=plan.concern,
        status=plan.status,
        paused_reason=plan.paused_reason,
        limit_note=plan.limit_note,
        needle_mm=plan.needle_mm,
        start_date=plan.start_date,
        course_length=plan.course_length,
        device_id=plan.device_id,
        next_allowed=planned.next.on,
        upcoming=list(planned.dates),
    )


def _plan(request: HttpRequest, plan_id: int) -> Plan:
    return get_object_or_404(plans_for(request.auth), pk=plan_id)


def _check_areas(areas: list[AreaIn]) -> None:
    """What the service takes on trust from the guided session's form, checked here."""
    seen: set[str] = set()
    for i, record in enumerate(areas):
        if record.area in seen:
            raise InputError(
                f"areas[{i}].area", f"{record.area} is given twice: one record per area"
            )
        seen.add(record.area)
        if record.bleeding not in BLEEDING:
            raise InputError(
                f"areas[{i}].bleeding",
                f"unknown code {record.bleeding!r}: give one of {', '.join(BLEEDING)}",
            )


def _invalid(error: ValidationError) -> InputError:
    """A service's ValidationError as the API's 422 naming the field."""
    field, problems = next(iter(error.message_dict.items()))
    return InputError(field, " ".join(problems))


@router.get("/plans", response=list[PlanOut])
def list_plans(request: HttpRequest) -> list[PlanOut]:
    return [_plan_out(request, plan) for plan in plans_for(request.auth)[:50]]


@router.get("/plans/{plan_id}", response=PlanOut)
def read_plan(request: HttpRequest, plan_id: int) -> PlanOut:
    return _plan_out(request, _plan(request, plan_id))


@router.post("/plans", response={201: PlanOut})
def create_plan(request: HttpRequest, body: PlanIn) -> Status:
    device = devices_for(request.auth).filter(pk=body.device_id).first()
    if device is None:
        raise InputError("device_id", "no such device of yours")
    try:
        start = date.fromisoformat(body.start_date)
    except ValueError:
        raise InputError("start_date", "expected an ISO date (YYYY-MM-DD)") from None
    if body.concern not in CONCERNS:
        raise InputError("concern", f"unknown code {body.concern!r}")
    for i, area in enumerate(body.areas):
        if area not in AREAS:
            raise InputError(f"areas[{i}]", f"unknown code {area!r}")
    try:
        plan = services.create_plan(
            request.auth,
            concern=body.concern,
            areas=body.areas,
            device=device,
            start_date=start,
            course_length=body.course_length,
        )
    except ValidationError as error:
        raise _invalid(error) from None
    return Status(201, _plan_out(request, plan))


@router.post(
    "/plans/{plan_id}/sessions",
    response={201: dict[str, Any], 200: dict[str, Any], 409: dict[str, str]},
    summary="Record a session (the same safety gate as the guided session applies)",
)
def record_session(request: HttpRequest, plan_id: int, body: SessionIn) -> Status:
    plan = _plan(request, plan_id)
    key = _uuid(body.key)
    _check_areas(body.areas)
    glide = body.glide.choice() if body.glide is not None else None
    if key is not None:
        existing = sessions_for(request.auth).filter(key=key, status="done").first()
        if existing is not None:
            return Status(200, session_rows([existing])[0])
    blocks = gate.blocks(request.auth, plan, timezone.now(), timezone.localdate())
    if blocks:
        raise HttpError(409, " ".join(block.message for block in blocks))
    records = [a.model_dump() for a in body.areas]
    try:  # one transaction: a refused record (above a limit, say) leaves nothing behind
        session = services.record_session(request.auth, plan, records, body.notes, key, glide)
    except IntegrityError:  # the key names another session, e.g. a draft of another plan
        raise InputError("key", "already names another session: use a new key for each") from None
    except ValidationError as error:
        raise _invalid(error) from None
    return Status(201, session_rows([session])[0])


@router.get("/sessions", response=list[dict[str, Any]])
def list_sessions(request: HttpRequest) -> list[dict[str, Any]]:
    return session_rows(done_sessions(request.auth)[:200])


@router.get("/sessions/{key}", response=dict[str, Any])
def read_session(request: HttpRequest, key: UUID) -> dict[str, Any]:
    return session_rows([get_object_or_404(done_sessions(request.auth), key=key)])[0]
