"""Reads for sharing. A professional only ever reaches a client through an active grant."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

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


def avoid_shown(grant: Grant) -> tuple[bool, QuerySet[Any]]:
    """(whole list?, entries) of the client's avoid list as this grant shows it: all of it with
    the products scope; without it only the entries this professional added, which are limits
    they set themselves."""
    from needlewise.products.queries import avoid_entries_for

    entries = avoid_entries_for(grant.client)
    if grant.allows(Scope.PRODUCTS):
        return True, entries
    return False, entries.filter(added_by_id=grant.professional_id)


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
    """One client on the dashboard: plain values, so a recalled list is cheap to load. Need is
    read only where the grant covers recovery."""

    grant_id: int
    client_id: int
    name: str
    scopes: list[str]
    expires_at: datetime
    open_escalation: bool
    last_session_at: datetime | None

    @classmethod
    def of(cls, grant: Grant, open_escalation: bool, last_session_at: datetime | None) -> ClientRow:
        name = display_name(grant.client)
        return cls(grant.pk, grant.client_id, name, grant.scopes, grant.expires_at,
                   open_escalation, last_session_at)  # fmt: skip

    def allows(self, scope: str) -> bool:
        return scope in self.scopes


def display_name(user: User) -> str:
    profile = getattr(user, "profile", None)
    return profile.name if profile is not None else user.email.split("@", 1)[0]


def _needs(clients: list[int]) -> dict[int, tuple[bool, datetime | None]]:
    """Open red flag and last session time of each client, in one query."""
    from needlewise.recovery.models import Escalation
    from needlewise.treatments.models import TreatmentSession

    if not clients:
        return {}
    last = TreatmentSession.objects.filter(
        user=OuterRef("pk"), status=TreatmentSession.Status.DONE
    ).order_by("-done_at", "-id")
    red_flag = Escalation.objects.filter(user=OuterRef("pk"), cleared_at__isnull=True)
    rows = (
        User.objects.filter(pk__in=clients)
        .annotate(
            red_flag=Exists(red_flag),
            last_session_at=Subquery(last.values("done_at")[:1]),
        )
        .values_list("pk", "red_flag", "last_session_at")
    )
    return {pk: (flag, at) for pk, flag, at in rows}


def clients_of(professional: User, now: datetime) -> list[ClientRow]:
    """Clients who granted access: open red flags first, then the most recent session."""
    return client_list(professional, now)[1]


def client_list(professional: User, now: datetime) -> tuple[str, list[ClientRow]]:
    """(`clients_stamp`, `clients_of`), the list recalled (`needlewise.person_cache`) while the
    stamp is the same."""
    from needlewise import person_cache

    stamp = clients_stamp(professional, now)
    rows = person_cache.remembered(
        professional, f"clients:{stamp}", lambda: read_clients(professional, now)
    )
    return stamp, rows


def clients_stamp(professional: User, now: datetime) -> str:
    """Which grants are active and at which revision their clients' records are, in one light
    query: while it is the same, so is everything the dashboard shows of them."""
    held = (
        Grant.objects.filter(active(now), professional=professional)
        .order_by("pk")
        .values_list("pk", "client_id", "client__date_joined", "client__data_revision")
    )
    return hashlib.sha256(repr(list(held)).encode()).hexdigest()[:32]


def read_clients(professional: User, now: datetime) -> list[ClientRow]:
    """`clients_of`, read afresh. Red flags and sessions are read only for clients whose grant
    covers recovery."""
    grants = list(active_grants_held(professional, now))
    shared = [g for g in grants if g.allows(Scope.SESSIONS_RECOVERY)]
    needs = _needs([g.client_id for g in shared])
    rows = [
        ClientRow.of(g, *needs[g.client_id]) if g in shared else ClientRow.of(g, False, None)
        for g in grants
    ]
    return sorted(
        rows,
        key=lambda r: (
            not r.open_escalation,
            -(r.last_session_at.timestamp() if r.last_session_at else float("-inf")),
            r.name.lower(),
        ),
    )
