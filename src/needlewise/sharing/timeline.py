"""What a professional sees of one client: only the granted scopes, each read audited first.

The other apps' query functions are called with the CLIENT as the user, and only after the
grant and its scope are checked and the read is written to the audit log."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from needlewise.accounts.models import User
from needlewise.sharing import services
from needlewise.sharing.models import Grant, Scope
from needlewise.sharing.queries import display_name, held_grant, notes_on

#: Thumbnails on a client's page (and photos in the API answer), newest first.
SHARED_PHOTOS = 12
#: Photos offered in the comparison's choices.
PHOTO_CHOICES = 100
#: The newest sessions whose late check-ins (POLICY.md section 8) the client page lists.
LATE_SESSIONS = 10


#: What the client page says of each part the grant leaves out (lower case: no heading of it).
NOT_SHARED = {
    Scope.PROFILE_CHECKS: "suitability checks and profile",
    Scope.SESSIONS_RECOVERY: "sessions, recovery check-ins and warning signs",
    Scope.PRODUCTS: "products and avoid list",
    Scope.PHOTOS: "progress photos",
}


@dataclass(frozen=True)
class LateRow:
    """One late check-in a session has come to: answered (its check-in) or not yet (None)."""

    session: Any
    day: int
    checkin: Any = None


@dataclass
class Timeline:
    grant: Grant
    check: Any = None
    profile: Any = None
    sessions: list[Any] = field(default_factory=list)
    checkins: list[Any] = field(default_factory=list)
    escalation: Any = None
    late: list[LateRow] = field(default_factory=list)
    products: list[Any] = field(default_factory=list)
    avoid: list[Any] = field(default_factory=list)
    photos: list[Any] = field(default_factory=list)
    photo_choices: list[Any] = field(default_factory=list)
    pair: dict[str, Any] | None = None
    pair_error: str = ""
    notes: list[Any] = field(default_factory=list)
    flags: list[Any] = field(default_factory=list)
    chart: Any = None
    since: datetime | None = None
    changes: list[Any] = field(default_factory=list)

    def has(self, scope: str) -> bool:
        return self.grant.allows(scope)

    @property
    def unshared(self) -> list[str]:
        """The parts of the record this grant leaves out, in words."""
        return [words for scope, words in NOT_SHARED.items() if not self.has(scope)]


def _profile_checks(t: Timeline, reads: list[tuple[str, object]]) -> None:
    from needlewise.accounts.services import profile_for
    from needlewise.suitability.queries import latest_check

    t.profile = profile_for(t.grant.client)
    t.check = latest_check(t.grant.client)
    reads.append(("profile", t.profile.pk))
    reads.append(("suitability check", t.check.pk if t.check else None))


def _sessions_recovery(t: Timeline, now: datetime, reads: list[tuple[str, object]]) -> None:
    from needlewise.recovery.queries import checkins_for
    from needlewise.sharing.summary import recovery_chart, red_flags
    from needlewise.treatments.queries import done_sessions

    t.sessions = list(done_sessions(t.grant.client)[:50])
    t.checkins = list(checkins_for(t.grant.client).order_by("-at", "-id")[:100])
    t.flags = red_flags(t.grant.client)
    t.escalation = next((f.escalation for f in t.flags if f.is_open), None)
    t.chart = recovery_chart(t.checkins)
    t.late = _late_rows(t, now)
    reads.append(("sessions", len(t.sessions)))
    late = {row.checkin.pk for row in t.late if row.checkin is not None}
    reads.append(("check-ins", len({c.pk for c in t.checkins} | late)))


def _late_rows(t: Timeline, now: datetime) -> list[LateRow]:
    """The late check-ins of the newest sessions, newest session first: each day the session
    has come to (answered or not) and any answered one."""
    from needlewise.recovery.models import CheckIn
    from needlewise.recovery.queries import checkins_for
    from needlewise.rules.followup import late_days

    recent = t.sessions[:LATE_SESSIONS]
    late = checkins_for(t.grant.client).filter(kind=CheckIn.Kind.LATE, session__in=recent)
    answered = {(c.session_id, c.late_day): c for c in late}
    return [
        LateRow(s, day, answered.get((s.pk, day)))
        for s in recent
        for day in late_days()
        if (s.pk, day) in answered or s.done_at + timedelta(days=day) <= now
    ]


def _products(t: Timeline, now: datetime, reads: list[tuple[str, object]]) -> None:
    from needlewise.products.queries import avoid_entries_for, shelf

    t.products = shelf(t.grant.client, now).statuses
    t.avoid = list(avoid_entries_for(t.grant.client).select_related("added_by"))
    reads.append(("products", len(t.products)))


def _photos(
    t: Timeline, reads: list[tuple[str, object]], pair: tuple[str, str] | None, compare: bool
) -> None:
    """The newest photos with their redness against the client's baseline, and two photos of
    one area compared: the `pair` asked for (before, after ids), else the area's first and
    latest. Sessions between them only when the grant shares sessions too."""
    from needlewise.progress.queries import photo_for, photos_for
    from needlewise.progress.summary import compared, measured_all

    client = t.grant.client
    whose = f"{display_name(client)}'s"
    shown = list(photos_for(client)[:SHARED_PHOTOS])
    if not shown:
        return
    t.photos = measured_all(client, shown, whose)
    if not compare:
        reads.append(("photos and redness readings", len(shown)))
        return
    t.photo_choices = list(photos_for(client)[:PHOTO_CHOICES])
    before = after = None
    if pair is not None:
        found = [photo_for(client, int(i)) if i.isdigit() and len(i) < 12 else None for i in pair]
        before, after = found
        if before is None or after is None or before.area != after.area:
            t.pair_error = f"Choose two of {display_name(client)}'s photos of the same area."
            before = after = None
    if before is None:
        after = shown[0]
        before = photos_for(client).filter(area=after.area).last()
    if before is not None and after is not None and before.pk != after.pk:
        if (after.taken_on, after.pk) < (before.taken_on, before.pk):
            before, after = after, before
        with_sessions = t.grant.allows(Scope.SESSIONS_RECOVERY)
        t.pair = compared(client, before, after, whose, with_sessions)
    read = {p.pk for p in shown} | ({before.pk, after.pk} if t.pair else set())  # type: ignore[union-attr]
    reads.append(("photos and redness readings", len(read)))


def timeline_for(
    professional: User,
    grant_id: int,
    now: datetime,
    pair: tuple[str, str] | None = None,
    compare: bool = True,
    visit: bool = False,
) -> Timeline | None:
    """None unless `professional` holds this grant and it is active (the caller answers 404).
    `pair` chooses the two photos compared (ids as given; a bad pair sets `pair_error`), and
    `compare=False` leaves the comparison out. `visit` records the page's opening and lists
    what changed since the professional's previous visit."""
    grant = held_grant(professional, grant_id, now)
    if grant is None:
        return None
    t = Timeline(grant=grant)
    reads: list[tuple[str, object]] = []
    if grant.allows(Scope.PROFILE_CHECKS):
        _profile_checks(t, reads)
    if grant.allows(Scope.SESSIONS_RECOVERY):
        _sessions_recovery(t, now, reads)
    if grant.allows(Scope.PRODUCTS):
        _products(t, now, reads)
    if grant.allows(Scope.PHOTOS):
        _photos(t, reads, pair, compare)
    t.notes = list(notes_on(grant))
    if visit:
        from needlewise.sharing.summary import changes

        t.since = services.mark_visit(grant, now)
        t.changes = changes(t, t.since)
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
