"""Reads for sharing. A professional only ever reaches a client through an active grant."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet

from needlewise.accounts.models import User
from needlewise.sharing.models import AuditEntry, Grant, Invite, ProfessionalNote, Scope


def active(now: datetime) -> Q:
    return Q(revoked_at__isnull=True, expires_at__gt=now)


def active_grants_held(professional: User, now: datetime) -> QuerySet[Grant]:
    if not professional.is_authenticated:
        return Grant.objects.none()
    return (
        Grant.objects.filter(active(now), professional=professional)
        .select_related("client", "client__profile")
        .order_by("-created_at", "-id")
    )


def held_grant(professional: User, grant_id: int, now: datetime) -> Grant | None:
    """The professional's own active grant, else None (expired, revoked or not theirs: 404)."""
    return active_grants_held(professional, now).filter(pk=grant_id).first()


def grant_for(professional: User, client: User, scope: str, now: datetime) -> Grant | None:
    """An active grant from `client` to `professional` that covers `scope`, if any."""
    for grant in active_grants_held(professional, now).filter(client=client):
        if grant.allows(scope):
            return grant
    return None


def grants_given(client: User) -> QuerySet[Grant]:
    """Every grant the person gave, active or not, with who holds it."""
    return Grant.objects.filter(client=client).select_related(
        "professional", "professional__profile", "professional__professional"
    )


def active_grants_given(client: User, now: datetime) -> QuerySet[Grant]:
    return grants_given(client).filter(active(now))


def pending_invites(client: User) -> QuerySet[Invite]:
    return Invite.objects.filter(client=client, used_at__isnull=True, cancelled_at__isnull=True)


def audit_for(client: User) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(client=client)


def notes_for_client(client: User) -> QuerySet[ProfessionalNote]:
    return ProfessionalNote.objects.filter(client=client).select_related(
        "professional", "professional__profile"
    )


def notes_on(grant: Grant) -> QuerySet[ProfessionalNote]:
    return ProfessionalNote.objects.filter(grant=grant)


@dataclass(frozen=True)
class ClientRow:
    """One client on the dashboard. Need is read only where the grant covers recovery."""

    grant: Grant
    open_escalation: bool
    last_session_at: datetime | None

    @property
    def name(self) -> str:
        return display_name(self.grant.client)


def display_name(user: User) -> str:
    profile = getattr(user, "profile", None)
    return profile.name if profile is not None else user.email.split("@", 1)[0]


def _need(grant: Grant) -> tuple[bool, datetime | None]:
    from needlewise.recovery.queries import latest_session, open_escalation

    if not grant.allows(Scope.SESSIONS_RECOVERY):
        return False, None
    session = latest_session(grant.client)
    return open_escalation(grant.client) is not None, session.done_at if session else None


def clients_of(professional: User, now: datetime) -> list[ClientRow]:
    """Clients who granted access: open red flags first, then the most recent session."""
    rows = [ClientRow(g, *_need(g)) for g in active_grants_held(professional, now)]
    return sorted(
        rows,
        key=lambda r: (
            not r.open_escalation,
            -(r.last_session_at.timestamp() if r.last_session_at else float("-inf")),
            r.name.lower(),
        ),
    )
