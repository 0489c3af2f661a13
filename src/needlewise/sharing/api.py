"""Sharing endpoints. A person manages their grants and reads their audit log; a professional
lists clients and reads one client's timeline, limits and notes through an active grant.

Another person's grant, and an expired or revoked one, is a 404; bad input is a 422 naming the
field, and nothing is written."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from pydantic import ConfigDict, Field

from needlewise.recovery.signs import late_line
from needlewise.rules import followup
from needlewise.rules.vocab import AREAS
from needlewise.sharing import emails, queries, services
from needlewise.sharing.limits import describe, set_by
from needlewise.sharing.models import MAX_DAYS, SCOPES, Grant, Scope
from needlewise.sharing.timeline import scoped_grant, timeline_for
from needlewise.treatments.glide_words import glide_words

router = Router(tags=["sharing"])

ScopeCode = Literal[SCOPES]  # type: ignore[valid-type]


class InviteIn(Schema):
    model_config = ConfigDict(extra="forbid")
    email: str = Field(max_length=254, json_schema_extra={"format": "email"})
    scopes: list[ScopeCode] = Field(min_length=1, max_length=len(SCOPES))  # type: ignore[valid-type]
    days: int = Field(default=90, ge=1, le=MAX_DAYS)


class InviteOut(Schema):
    id: int
    email: str
    scopes: list[str]
    days: int
    created_at: datetime
    emailed: bool


class GrantOut(Schema):
    id: int
    professional: str
    profession: str
    verified: bool
    scopes: list[str]
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    active: bool


class ClientOut(Schema):
    grant_id: int
    name: str
    scopes: list[str]
    expires_at: datetime
    open_escalation: bool
    last_session_at: datetime | None


class LimitsIn(Schema):
    model_config = ConfigDict(extra="forbid")
    # set_limits checks these; the extras only declare what it accepts.
    needle_mm_by_area: dict[str, float] = Field(
        default_factory=dict,
        json_schema_extra={
            "propertyNames": {"enum": sorted(AREAS)},
            "additionalProperties": {
                "type": "number",
                "minimum": float(services.MIN_PRO_MM),
                "maximum": float(services.MAX_PRO_MM),
            },
        },
    )
    min_interval_days: int | None = Field(
        None, json_schema_extra={"minimum": 1, "maximum": services.MAX_INTERVAL_DAYS}
    )


class LimitsOut(Schema):
    needle_mm_by_area: dict[str, float]
    min_interval_days: int | None
    set_at: datetime | None
    lines: list[str]


class NoteIn(Schema):
    model_config = ConfigDict(extra="forbid")
    body: str = Field(max_length=2000)


class NoteOut(Schema):
    id: int
    body: str
    created_at: datetime


class AuditOut(Schema):
    at: datetime
    professional: str
    what: str
    object_id: str


class SetByOut(Schema):
    name: str
    profession: str
    verified: bool
    set_at: datetime | None
    lines: list[str]


class SharedRednessOut(Schema):
    a_star: float
    l_star: float
    b_star: float
    corrected: bool = Field(description="colours balanced on a white or grey card")
    above_baseline: float | None = Field(
        description="a* minus the a* of the client's baseline photo of the area; no verdict"
    )


class SharedPhotoOut(Schema):
    id: int
    taken_on: date
    area: str
    redness: SharedRednessOut | None
    file_url: str = Field(description="the photo, only through this grant")
    thumb_url: str


class TimelineOut(Schema):
    grant_id: int
    name: str
    scopes: list[str]
    check: dict | None = None
    sessions: list[dict] | None = None
    checkins: list[dict] | None = None
    late_checkins: list[dict] | None = Field(
        default=None,
        description="the late check-ins the newest sessions have come to; checkin_id null: "
        "not answered yet",
    )
    open_escalation_id: int | None = None
    products: list[dict] | None = None
    photos: list[SharedPhotoOut] | None = None
    notes: list[NoteOut]


def _grant_out(grant: Grant, now: datetime) -> GrantOut:
    pro = getattr(grant.professional, "professional", None)
    return GrantOut(
        id=grant.pk,
        professional=queries.display_name(grant.professional),
        profession=pro.profession if pro else "",
        verified=bool(pro and pro.verified),
        scopes=grant.scopes,
        created_at=grant.created_at,
        expires_at=grant.expires_at,
        revoked_at=grant.revoked_at,
        active=grant.is_active(now),
    )


def _note_out(note) -> NoteOut:  # type: ignore[no-untyped-def]
    return NoteOut(id=note.pk, body=note.body, created_at=note.created_at)


# The person who shares --------------------------------------------------------------------


@router.get("/grants", response=list[GrantOut], summary="Who I share with")
def my_grants(request: HttpRequest) -> list[GrantOut]:
    now = timezone.now()
    return [_grant_out(g, now) for g in queries.grants_given(request.auth)]  # type: ignore[attr-defined]


@router.post(
    "/grants",
    response={201: InviteOut},
    summary="Invite a professional by e-mail",
    openapi_extra={"x-rate-limited": True},  # so many invites a day (429)
)
def create_invite(request: HttpRequest, body: InviteIn) -> Status[InviteOut]:
    """The grant starts when they accept the link in the e-mail, and lasts `days` from then."""
    invite = services.invite(request.auth, body.email, body.scopes, body.days)  # type: ignore[attr-defined]
    sent = emails.send_invite(invite)
    return Status(
        201,
        InviteOut(
            id=invite.pk,
            email=invite.email,
            scopes=invite.scopes,
            days=invite.days,
            created_at=invite.created_at,
            emailed=sent,
        ),
    )


@router.post("/grants/{grant_id}/revoke", response={204: None}, summary="End a grant now")
def revoke_grant(request: HttpRequest, grant_id: int) -> Status[None]:
    if not services.revoke(request.auth, grant_id):  # type: ignore[attr-defined]
        raise Http404
    return Status(204, None)


@router.get("/audit", response=list[AuditOut], summary="Who read my record")
def my_audit(request: HttpRequest) -> list[AuditOut]:
    return [
        AuditOut(at=e.at, professional=e.professional_name, what=e.what, object_id=e.object_id)
        for e in queries.audit_for(request.auth)[:1000]  # type: ignore[attr-defined]
    ]


@router.get("/limits", response=list[SetByOut], summary="Limits my professionals set")
def my_limits(request: HttpRequest) -> list[SetByOut]:
    return [
        SetByOut(
            name=s.name,
            profession=s.profession,
            verified=s.verified,
            set_at=s.set_at,
            lines=list(s.lines),
        )
        for s in set_by(request.auth)  # type: ignore[attr-defined]
    ]


# The professional -------------------------------------------------------------------------


@router.get("/clients", response=list[ClientOut], summary="My clients, most in need first")
def my_clients(request: HttpRequest) -> list[ClientOut]:
    rows = queries.clients_of(request.auth, timezone.now())  # type: ignore[attr-defined]
    services.record_reads_by(
        request.auth,  # type: ignore[attr-defined]
        (
            (r.client_id, "dashboard: red flag and last session", None)
            for r in rows
            if r.allows(Scope.SESSIONS_RECOVERY)
        ),
    )
    return [
        ClientOut(
            grant_id=r.grant_id,
            name=r.name,
            scopes=r.scopes,
            expires_at=r.expires_at,
            open_escalation=r.open_escalation,
            last_session_at=r.last_session_at,
        )
        for r in rows
    ]


def _glide_out(session: Any) -> dict[str, Any] | None:
    """What went on the skin while needling; None for a session recorded before it was asked."""
    words = glide_words(session)
    if not words:
        return None
    return {"verdict": session.glide_verdict, "name": session.glide_name, "words": words}


def _checkin_out(c: Any) -> dict[str, Any]:
    """A check-in; a late one carries its day and answers, and null for what it did not ask."""
    out: dict[str, Any] = {"id": c.pk, "at": c.at, "kind": c.kind, "level": c.level,
                           "redness": c.redness, "pain": c.pain}  # fmt: skip
    if c.is_late:
        out |= {
            "late_day": c.late_day,
            "answers": {code: code in c.symptoms for code in followup.questions()},
            "words": late_line(c),
        }
    return out


@router.get("/clients/{grant_id}", response=TimelineOut, summary="A client's timeline")
def client_timeline(request: HttpRequest, grant_id: int) -> TimelineOut:
    """Only the granted scopes are present; every read is written to the client's audit log."""
    t = timeline_for(request.auth, grant_id, timezone.now(), compare=False)  # type: ignore[attr-defined]
    if t is None:
        raise Http404
    out = TimelineOut(
        grant_id=t.grant.pk,
        name=queries.display_name(t.grant.client),
        scopes=t.grant.scopes,
        notes=[_note_out(n) for n in t.notes],
    )
    if t.has(Scope.PROFILE_CHECKS):
        c = t.check
        out.check = None if c is None else {
            "id": c.pk, "created_at": c.created_at, "verdict": c.verdict, "reasons": c.reasons,
        }  # fmt: skip
    if t.has(Scope.SESSIONS_RECOVERY):
        out.sessions = [
            {"id": s.pk, "done_at": s.done_at,
             "areas": [{"area": a.area, "needle_mm": float(a.needle_mm)}
                       for a in s.area_records.all()],
             "glide": _glide_out(s)}
            for s in t.sessions
        ]  # fmt: skip
        out.checkins = [_checkin_out(c) for c in t.checkins]
        out.late_checkins = [
            {"session_id": r.session.pk, "day": r.day,
             "checkin_id": r.checkin.pk if r.checkin else None,
             "level": r.checkin.level if r.checkin else None}
            for r in t.late
        ]  # fmt: skip
        out.open_escalation_id = t.escalation.pk if t.escalation else None
    if t.has(Scope.PRODUCTS):
        out.products = [
            {"id": s.product.pk, "name": s.product.name, "level": s.level,
             "avoid_listed": s.avoid_listed}
            for s in t.products
        ]  # fmt: skip
    if t.has(Scope.PHOTOS):
        out.photos = [_shared_photo(t.grant, m) for m in t.photos]
    return out


def _shared_photo(grant: Grant, m) -> SharedPhotoOut:  # type: ignore[no-untyped-def]
    """A shared photo's details; its files only through the grant-checking endpoints."""
    base = f"/api/sharing/clients/{grant.pk}/photos/{m.photo.pk}"
    r = m.reading
    redness = None if r is None else SharedRednessOut(
        a_star=r.a_star, l_star=r.l_star, b_star=r.b_star, corrected=r.corrected,
        above_baseline=m.delta,
    )  # fmt: skip
    return SharedPhotoOut(
        id=m.photo.pk,
        taken_on=m.photo.taken_on,
        area=m.photo.area,
        redness=redness,
        file_url=f"{base}/file",
        thumb_url=f"{base}/thumb",
    )


def _shared_file(request: HttpRequest, grant_id: int, photo_id: int, which: int) -> Any:
    from needlewise.progress.queries import photo_for
    from needlewise.progress.views import photo_response

    grant = scoped_grant(request.auth, grant_id, Scope.PHOTOS, timezone.now())  # type: ignore[attr-defined]
    photo = photo_for(grant.client, photo_id) if grant is not None else None
    if grant is None or photo is None:
        raise Http404
    response = photo_response(photo, which)
    services.record_reads(grant, [("photo" if which == 0 else "photo thumbnail", photo.pk)])
    return response


JPEG = {
    "responses": {
        200: {
            "description": "OK",
            "content": {"image/jpeg": {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


@router.get(
    "/clients/{grant_id}/photos/{photo_id}/file",
    summary="A shared photo (JPEG), never cached; needs the photos scope",
    openapi_extra=JPEG,
)
def shared_photo_file(request: HttpRequest, grant_id: int, photo_id: int) -> Any:
    return _shared_file(request, grant_id, photo_id, 0)


@router.get(
    "/clients/{grant_id}/photos/{photo_id}/thumb",
    summary="A shared photo's thumbnail (JPEG), never cached; needs the photos scope",
    openapi_extra=JPEG,
)
def shared_photo_thumb(request: HttpRequest, grant_id: int, photo_id: int) -> Any:
    return _shared_file(request, grant_id, photo_id, 1)


def _limits_grant(request: HttpRequest, grant_id: int, what: str = "") -> Grant:
    grant = scoped_grant(request.auth, grant_id, Scope.SESSIONS_RECOVERY, timezone.now(), what)  # type: ignore[attr-defined]
    if grant is None:
        raise Http404
    return grant


def _limits_out(grant: Grant) -> LimitsOut:
    return LimitsOut(
        needle_mm_by_area={a: float(mm) for a, mm in grant.needle_mm_by_area.items()},
        min_interval_days=grant.min_interval_days,
        set_at=grant.limits_set_at,
        lines=list(describe(grant)),
    )


@router.get("/clients/{grant_id}/limits", response=LimitsOut, summary="My limits for a client")
def get_limits(request: HttpRequest, grant_id: int) -> LimitsOut:
    return _limits_out(_limits_grant(request, grant_id, "limits"))


@router.put("/clients/{grant_id}/limits", response=LimitsOut, summary="Set limits for a client")
def put_limits(request: HttpRequest, grant_id: int, body: LimitsIn) -> LimitsOut:
    """Needle caps from 0.1 to 1.0 mm per area (a cap may raise the home cap, never past 1.0)."""
    grant = _limits_grant(request, grant_id)
    services.set_limits(grant, dict(body.needle_mm_by_area), body.min_interval_days)
    return _limits_out(grant)


def _any_grant(request: HttpRequest, grant_id: int) -> Grant:
    grant = queries.held_grant(request.auth, grant_id, timezone.now())  # type: ignore[attr-defined]
    if grant is None:
        raise Http404
    return grant


@router.get("/clients/{grant_id}/notes", response=list[NoteOut], summary="My notes")
def list_notes(request: HttpRequest, grant_id: int) -> list[NoteOut]:
    return [_note_out(n) for n in queries.notes_on(_any_grant(request, grant_id))]


@router.post("/clients/{grant_id}/notes", response={201: NoteOut}, summary="Write a note")
def add_note(request: HttpRequest, grant_id: int, body: NoteIn) -> Status[NoteOut]:
    note = services.add_note(_any_grant(request, grant_id), body.body)
    return Status(201, _note_out(note))
