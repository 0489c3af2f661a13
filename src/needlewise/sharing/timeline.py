"""What a professional sees of one client: only the granted scopes, each read audited first.

The other apps' query functions are called with the CLIENT as the user, and only after the
grant and its scope are checked and the read is written to the audit log."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from needlewise.accounts.models import User
from needlewise.sharing import services
from needlewise.sharing.models import Grant, Scope
from needlewise.sharing.queries import held_grant, notes_on


@dataclass
class Timeline:
    grant: Grant
    check: Any = None
    profile: Any = None
    sessions: list[Any] = field(default_factory=list)
    checkins: list[Any] = field(default_factory=list)
    escalation: Any = None
    products: list[Any] = field(default_factory=list)
    avoid: list[Any] = field(default_factory=list)
    photos: list[Any] = field(default_factory=list)
    notes: list[Any] = field(default_factory=list)

    def has(self, scope: str) -> bool:
        return self.grant.allows(scope)


def _profile_checks(t: Timeline, reads: list[tuple[str, object]]) -> None:
    from needlewise.accounts.services import profile_for
    from needlewise.suitability.queries import latest_check

    t.profile = profile_for(t.grant.client)
    t.check = latest_check(t.grant.client)
    reads.append(("profile", t.profile.pk))
    reads.append(("suitability check", t.check.pk if t.check else None))


def _sessions_recovery(t: Timeline, reads: list[tuple[str, object]]) -> None:
    from needlewise.recovery.queries import checkins_for, open_escalation
    from needlewise.treatments.queries import done_sessions

    t.sessions = list(done_sessions(t.grant.client)[:50])
    t.checkins = list(checkins_for(t.grant.client).order_by("-at", "-id")[:100])
    t.escalation = open_escalation(t.grant.client)
    reads.append(("sessions", len(t.sessions)))
    reads.append(("check-ins", len(t.checkins)))


def _products(t: Timeline, now: datetime, reads: list[tuple[str, object]]) -> None:
    from needlewise.products.queries import avoid_entries_for, shelf

    t.products = shelf(t.grant.client, now).statuses
    t.avoid = list(avoid_entries_for(t.grant.client).select_related("added_by"))
    reads.append(("products", len(t.products)))


def timeline_for(professional: User, grant_id: int, now: datetime) -> Timeline | None:
    """None unless `professional` holds this grant and it is active (the caller answers 404)."""
    grant = held_grant(professional, grant_id, now)
    if grant is None:
        return None
    t = Timeline(grant=grant)
    reads: list[tuple[str, object]] = []
    if grant.allows(Scope.PROFILE_CHECKS):
        _profile_checks(t, reads)
    if grant.allows(Scope.SESSIONS_RECOVERY):
        _sessions_recovery(t, reads)
    if grant.allows(Scope.PRODUCTS):
        _products(t, now, reads)
    if grant.allows(Scope.PHOTOS):
        reads.append(("photos", 0))  # the photos app lists them here once it exists
    t.notes = list(notes_on(grant))
    services.record_reads(grant, reads)
    return t


def scoped_grant(
    professional: User, grant_id: int, scope: str, now: datetime, what: str = ""
) -> Grant | None:
    """The professional's active grant if it covers `scope`; audits the read when `what`."""
    grant = held_grant(professional, grant_id, now)
    if grant is None or not grant.allows(scope):
        return None
    if what:
        services.record_reads(grant, [(what, grant.pk)])
    return grant
