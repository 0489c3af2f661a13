"""Check-ins and escalations over the API, owner-scoped; writes go through the same services."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import ConfigDict, Field

from needlewise.recovery import queries, services
from needlewise.recovery.models import CheckIn, Escalation
from needlewise.rules.errors import InputError
from needlewise.rules.vocab import BLEEDING, SYMPTOMS

router = Router(tags=["recovery"])


class CheckInIn(Schema):
    model_config = ConfigDict(extra="forbid", strict=True)
    # The triage rule checks these; the extras only declare what it accepts.
    session_key: str | None = Field(
        None,
        description="the session's key; the latest finished session when left out",
        json_schema_extra={"format": "uuid"},
    )
    redness: int = Field(
        description="0 none, 1 mild, 2 moderate, 3 severe",
        json_schema_extra={"minimum": 0, "maximum": 3},
    )
    pain: int = Field(
        0, description="0 none to 10 worst", json_schema_extra={"minimum": 0, "maximum": 10}
    )
    bleeding: str = Field(
        "none",
        description="none, pinpoint or persistent",
        json_schema_extra={"enum": list(BLEEDING)},
    )
    fever_c: float | None = Field(
        None,
        description="measured temperature in °C, if any",
        json_schema_extra={"minimum": 30, "maximum": 45},
    )
    symptoms: list[str] = Field(
        default_factory=list,
        max_length=len(SYMPTOMS),
        description="symptom codes",
        json_schema_extra={"items": {"type": "string", "enum": sorted(SYMPTOMS)}},
    )
    notes: str = Field("", max_length=1000)


class LateAnswers(Schema):
    model_config = ConfigDict(extra="forbid", strict=True)
    new_bumps: bool = Field(description="new lumps, bumps or nodules on the treated area")
    nonhealing_sore: bool = Field(description="a sore on the treated area that does not heal")


class LateCheckInIn(Schema):
    model_config = ConfigDict(extra="forbid", strict=True)
    session: str = Field(
        description="the finished session's key", json_schema_extra={"format": "uuid"}
    )
    day: int = Field(description="days after the session: 21 or 56")
    answers: LateAnswers


class CheckInOut(Schema):
    id: int
    session_key: UUID
    kind: str = Field(description="early (how the skin is) or late (21 or 56 days on)")
    late_day: int | None
    at: datetime
    hours_since_session: float
    redness: int | None = Field(description="null for a late check-in: not asked")
    pain: int | None = Field(description="null for a late check-in: not asked")
    bleeding: str
    fever_c: float | None
    symptoms: list[str]
    notes: str
    level: str
    reasons: list[dict[str, Any]]
    advice: str
    rules_version: str


class EscalationOut(Schema):
    id: int
    checkin_id: int
    level: str
    opened_at: datetime
    emailed_at: datetime | None
    cleared_at: datetime | None
    cleared_note: str
    is_open: bool


class ClearIn(Schema):
    model_config = ConfigDict(extra="forbid", strict=True)
    note: str = Field("", max_length=1000)


def _checkin_out(checkin: CheckIn) -> CheckInOut:
    return CheckInOut(
        id=checkin.pk,
        session_key=checkin.session.key,
        kind=checkin.kind,
        late_day=checkin.late_day,
        at=checkin.at,
        hours_since_session=checkin.hours_since_session,
        redness=checkin.redness,
        pain=checkin.pain,
        bleeding=checkin.bleeding,
        fever_c=checkin.fever_c,
        symptoms=list(checkin.symptoms),
        notes=checkin.notes,
        level=checkin.level,
        reasons=list(checkin.reasons),
        advice=checkin.advice,
        rules_version=checkin.rules_version,
    )


def _escalation_out(escalation: Escalation) -> EscalationOut:
    return EscalationOut(
        id=escalation.pk,
        checkin_id=escalation.checkin_id,
        level=escalation.level,
        opened_at=escalation.opened_at,
        emailed_at=escalation.emailed_at,
        cleared_at=escalation.cleared_at,
        cleared_note=escalation.cleared_note,
        is_open=escalation.is_open,
    )


def _uuid(raw: str | None, field: str = "session_key") -> UUID | None:
    if raw is None:
        return None
    try:
        return UUID(raw)
    except ValueError:
        raise InputError(field, "expected a UUID") from None


@router.get("/checkins", response=list[CheckInOut], summary="Your check-ins, newest first")
def list_checkins(request: HttpRequest) -> list[CheckInOut]:
    rows = queries.checkins_for(request.auth).order_by("-at", "-id")[:500]
    return [_checkin_out(c) for c in rows]


@router.post(
    "/checkins",
    response={201: CheckInOut},
    summary="Record a check-in: triaged on save; a red flag pauses plans and e-mails once",
)
def create_checkin(request: HttpRequest, body: CheckInIn) -> Status:
    data = body.model_dump(exclude={"session_key"})
    checkin = services.record_checkin(request.auth, data, _uuid(body.session_key))
    return Status(201, _checkin_out(checkin))


@router.post(
    "/late-checkins",
    response={201: CheckInOut, 409: dict[str, str]},
    summary="Answer a late check-in (21 or 56 days after a session): a yes pauses plans",
)
def create_late_checkin(request: HttpRequest, body: LateCheckInIn) -> Status:
    key = _uuid(body.session, "session")
    try:
        checkin = services.record_late_checkin(
            request.auth, key, body.day, body.answers.model_dump()
        )
    except services.AlreadyAnswered as error:
        return Status(409, {"detail": error.message})
    return Status(201, _checkin_out(checkin))


@router.get("/checkins/{checkin_id}", response=CheckInOut)
def read_checkin(request: HttpRequest, checkin_id: int) -> CheckInOut:
    checkin = get_object_or_404(queries.checkins_for(request.auth), pk=checkin_id)
    return _checkin_out(checkin)


@router.get("/escalations", response=list[EscalationOut], summary="Your escalations, newest first")
def list_escalations(request: HttpRequest) -> list[EscalationOut]:
    return [_escalation_out(e) for e in queries.escalations_for(request.auth)[:200]]


@router.post(
    "/escalations/{escalation_id}/clear",
    response=EscalationOut,
    summary="Record that a professional has seen you: closes it and resumes paused plans",
)
def clear_escalation(
    request: HttpRequest, escalation_id: int, body: ClearIn | None = None
) -> EscalationOut:
    note = body.note if body is not None else ""
    escalation = services.clear_escalation(request.auth, escalation_id, note)
    if escalation is None:
        raise HttpError(404, "Not found")
    return _escalation_out(escalation)
