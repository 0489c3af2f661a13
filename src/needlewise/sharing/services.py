"""State changes for sharing: the only place that writes profiles, invites, grants, the audit
log and notes. Every professional action loads the grant first, through the scoped query."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import nullcontext
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core import signing
from django.db import connection, transaction
from django.utils import timezone

from needlewise.accounts.models import User
from needlewise.accounts.revisions import bump
from needlewise.accounts.throttle import Refused, wait_words
from needlewise.events import schedule_changed
from needlewise.rules.errors import InputError
from needlewise.rules.vocab import AREAS
from needlewise.sharing.models import (
    DEFAULT_DAYS,
    MAX_DAYS,
    SCOPES,
    AuditEntry,
    Grant,
    Invite,
    ProfessionalNote,
    ProfessionalProfile,
)
from needlewise.sharing.queries import display_name

INVITE_SALT = "needlewise.sharing.invite"
#: An invite link works for this long, and once.
INVITE_VALID_DAYS = 14
#: Invites one account may send in 24 hours (withdrawn ones count): each is a mail to an
#: address the sender chose, so the site must not become a relay.
INVITES_PER_DAY = 10
#: A professional may raise the home cap up to this (POLICY.md §2); the rule core enforces it too.
MAX_PRO_MM = Decimal("1.0")
MIN_PRO_MM = Decimal("0.1")
MAX_INTERVAL_DAYS = 365


class InviteRefused(Exception):
    """An invite link that is forged, used, cancelled or too old."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InviteForAnother(InviteRefused):
    """A valid invite link opened by an account whose e-mail is not the invited address."""

    def __init__(self, invite: Invite) -> None:
        self.masked = masked_email(invite.email)
        super().__init__(
            f"This invite was sent to another e-mail address ({self.masked}). Only the account "
            "with that address can accept it."
        )


def masked_email(email: str) -> str:
    """Enough of an address for its owner to recognise it, not enough to learn it:
    "d…@example.com"."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}…@{domain}"


def is_invitee(invite: Invite, user: User) -> bool:
    """Whether `user`'s account has the address the invite was sent to (case aside)."""
    return user.email.strip().lower() == invite.email.strip().lower()


# Professional profile ---------------------------------------------------------------------


@transaction.atomic
def save_professional(user: User, profession: str, registration_number: str = "") -> Any:
    profession = profession.strip()
    if not profession:
        raise InputError("profession", "say what your profession is, e.g. dermatologist")
    if len(profession) > 100:
        raise InputError("profession", "use at most 100 characters")
    registration_number = registration_number.strip()
    if len(registration_number) > 60:
        raise InputError("registration_number", "use at most 60 characters")
    profile, created = ProfessionalProfile.objects.get_or_create(
        user=user, defaults={"profession": profession, "registration_number": registration_number}
    )
    if not created:
        changed = (profile.profession, profile.registration_number) != (
            profession,
            registration_number,
        )
        profile.profession, profile.registration_number = profession, registration_number
        if changed:
            profile.verified = False  # a site admin checks the new details again
        profile.save()
    return profile


# Invites and grants -----------------------------------------------------------------------


def clean_scopes(scopes: Iterable[str]) -> list[str]:
    chosen = list(dict.fromkeys(scopes))
    for scope in chosen:
        if scope not in SCOPES:
            raise InputError("scopes", f"unknown scope {scope!r}: choose from {', '.join(SCOPES)}")
    if not chosen:
        raise InputError("scopes", "choose at least one thing to share")
    return [s for s in SCOPES if s in chosen]


def clean_days(days: int | None) -> int:
    if days is None:
        return DEFAULT_DAYS
    if isinstance(days, bool) or not 1 <= days <= MAX_DAYS:
        raise InputError("days", f"give a number of days from 1 to {MAX_DAYS}")
    return days


@transaction.atomic
def invite(client: User, email: str, scopes: Iterable[str], days: int | None = None) -> Invite:
    """Record an invite; the caller sends the e-mail with `invite_token(invite)` in its link."""
    email = email.strip().lower()
    if not email or "@" not in email or len(email) > 254:
        raise InputError("email", "give the professional's e-mail address")
    if email == client.email.lower():
        raise InputError("email", "this is your own address: invite the professional's")
    _within_invites_per_day(client)
    return Invite.objects.create(
        client=client, email=email, scopes=clean_scopes(scopes), days=clean_days(days)
    )


def _within_invites_per_day(client: User) -> None:
    """Refused, saying when the next invite may go, once the day's invites are sent."""
    now = timezone.now()
    recent = Invite.objects.filter(client=client, created_at__gt=now - timedelta(days=1))
    times = sorted(recent.values_list("created_at", flat=True))
    if len(times) < INVITES_PER_DAY:
        return
    wait = (times[-INVITES_PER_DAY] + timedelta(days=1) - now).total_seconds()
    raise Refused(
        f"You have sent {INVITES_PER_DAY} invites in the last day, the most we send for one "
        f"account. The next one can go in {wait_words(max(1, int(wait)))}.",
        wait,
    )


def invite_token(invite: Invite) -> str:
    return signing.dumps({"invite": invite.pk}, salt=INVITE_SALT, compress=True)


def invite_from_token(token: str) -> Invite:
    """The pending invite behind a link, or InviteRefused saying why not."""
    try:
        data = signing.loads(token, salt=INVITE_SALT, max_age=timedelta(days=INVITE_VALID_DAYS))
    except signing.SignatureExpired:
        raise InviteRefused("This invite link is too old. Ask for a new one.") from None
    except signing.BadSignature:
        raise InviteRefused("This invite link is not valid.") from None
    found = Invite.objects.select_related("client", "client__profile").filter(pk=data["invite"])
    invite = found.first()
    if invite is None or invite.cancelled_at is not None:
        raise InviteRefused("This invite was withdrawn.")
    if invite.used_at is not None:
        raise InviteRefused("This invite link has already been used.")
    return invite


@transaction.atomic
def accept(token: str, professional: User, now: datetime | None = None) -> Grant:
    """Bind the invite to the professional's account, which must have the invited address: a
    grant from now for the chosen days."""
    now = now or timezone.now()
    invite = invite_from_token(token)
    invite = Invite.objects.select_for_update().get(pk=invite.pk)
    if invite.used_at is not None:  # accepted twice at once
        raise InviteRefused("This invite link has already been used.")
    if invite.client_id == professional.pk:
        raise InviteRefused("You cannot accept your own invite.")
    if not is_invitee(invite, professional):
        raise InviteForAnother(invite)
    if not ProfessionalProfile.objects.filter(user=professional).exists():
        raise InputError("profession", "say what your profession is before you accept")
    invite.used_at = now
    invite.save(update_fields=["used_at"])
    grant = Grant.objects.create(
        client=invite.client,
        professional=professional,
        invite=invite,
        scopes=invite.scopes,
        created_at=now,
        expires_at=now + timedelta(days=invite.days),
    )
    schedule_changed.send(sender=None, user=invite.client)  # its limits, if any, hold from now
    return grant


def cancel_invite(client: User, invite_id: int) -> bool:
    updated = Invite.objects.filter(
        client=client, pk=invite_id, used_at__isnull=True, cancelled_at__isnull=True
    ).update(cancelled_at=timezone.now())
    return updated == 1


@transaction.atomic
def revoke(client: User, grant_id: int) -> bool:
    """End a grant at once; False when the person has no such active grant. Its limits end
    with it: a needle cap it raised no longer holds (the plans come back within the home cap)
    and the person's dates are re-planned."""
    from needlewise.treatments import services as treatments  # treatments sits below us

    now = timezone.now()
    updated = Grant.objects.filter(
        client=client, pk=grant_id, revoked_at__isnull=True, expires_at__gt=now
    ).update(revoked_at=now)
    if updated:
        bump(client.pk)  # an update() saves no row: move the cached pages' revision here
        treatments.apply_limits(client)
        schedule_changed.send(sender=None, user=client)
    return updated == 1


# Audit ------------------------------------------------------------------------------------


#: Opening a client's page again within this time is the same visit: what is new stays listed.
VISIT_GAP = timedelta(hours=1)


def mark_visit(grant: Grant, now: datetime) -> datetime | None:
    """Record that the professional opened the client's page; return since when its "what
    changed" counts (their previous visit), None on a first visit. One UPDATE."""
    last = grant.last_viewed_at
    if last is None:
        since = None
    elif now - last >= VISIT_GAP:
        since = last
    else:
        since = grant.changes_since
    Grant.objects.filter(pk=grant.pk).update(last_viewed_at=now, changes_since=since)
    grant.last_viewed_at, grant.changes_since = now, since
    return since


def record_reads(grant: Grant, reads: Iterable[tuple[str, object]]) -> int:
    """Write one audit entry per read of the client's data, before the data is shown."""
    return record_reads_by(
        grant.professional, ((grant.client_id, what, object_id) for what, object_id in reads)
    )


def record_reads_by(professional: User, reads: Iterable[tuple[int, str, object]]) -> int:
    """`record_reads` for reads of several clients' data (client id, what, object id) by one
    professional (the dashboard), as one INSERT statement on its own: `bulk_create` would add a
    transaction around it, two more round trips on every view of a professional's pages.
    Returns how many entries were written."""
    name = display_name(professional)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    rows = [
        (client_id, professional.pk, name, what, "" if object_id is None else str(object_id), now)
        for client_id, what, object_id in reads
    ]
    # SQLite may take as few as 999 parameters a statement: several batches share a transaction.
    batches = [rows[i : i + AUDIT_BATCH] for i in range(0, len(rows), AUDIT_BATCH)]
    with transaction.atomic() if len(batches) > 1 else nullcontext():
        for batch in batches:
            _insert_audit(batch)
    return len(rows)


AUDIT_BATCH = 150  # rows of 6 values


def _insert_audit(rows: list[tuple[object, ...]]) -> None:
    table = connection.ops.quote_name(AuditEntry._meta.db_table)
    values = ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(rows))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (client_id, professional_id, professional_name, what, "  # noqa: S608
            f"object_id, at) VALUES {values}",
            [value for row in rows for value in row],
        )


# Notes and limits -------------------------------------------------------------------------


@transaction.atomic
def add_note(grant: Grant, body: str) -> ProfessionalNote:
    body = body.strip()
    if not body:
        raise InputError("body", "write the note")
    if len(body) > 2000:
        raise InputError("body", "use at most 2,000 characters")
    return ProfessionalNote.objects.create(
        grant=grant, client_id=grant.client_id, professional_id=grant.professional_id, body=body
    )


def _mm(area: str, value: object) -> float:
    field = f"needle_mm_by_area.{area}"
    try:
        mm = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise InputError(field, "give a length in mm, e.g. 0.5") from None
    if isinstance(value, bool) or not mm.is_finite() or not MIN_PRO_MM <= mm <= MAX_PRO_MM:
        raise InputError(field, f"give a length from {MIN_PRO_MM} to {MAX_PRO_MM} mm")
    return float(mm.quantize(Decimal("0.01")))


@transaction.atomic
def set_limits(
    grant: Grant, needle_mm_by_area: dict[str, object], min_interval_days: int | None
) -> Grant:
    """Replace the professional's limits on this grant. Checked in full before any write."""
    from needlewise.treatments import services as treatments  # treatments sits below us

    caps = {}
    for area, value in needle_mm_by_area.items():
        if area not in AREAS:
            raise InputError(f"needle_mm_by_area.{area}", f"unknown area {area!r}")
        if value is not None and value != "":
            caps[area] = _mm(area, value)
    if min_interval_days is not None and (
        isinstance(min_interval_days, bool) or not 1 <= min_interval_days <= MAX_INTERVAL_DAYS
    ):
        raise InputError(
            "min_interval_days", f"give a number of days from 1 to {MAX_INTERVAL_DAYS}"
        )
    grant.needle_mm_by_area = caps
    grant.min_interval_days = min_interval_days
    grant.limits_set_at = timezone.now()
    grant.save(update_fields=["needle_mm_by_area", "min_interval_days", "limits_set_at"])
    # The client's plans follow the new limits at once, each saying why it changed.
    treatments.apply_limits(grant.client)
    schedule_changed.send(sender=None, user=grant.client)
    return grant


def add_avoid(grant: Grant, *, category: str = "", ingredient: str = "", note: str = "") -> Any:
    """An avoid-list entry on the client's shelf, marked as added by this professional."""
    from needlewise.products import services as products

    return products.add_avoid(
        grant.client,
        category=category,
        ingredient=ingredient,
        note=note,
        added_by=grant.professional,
    )


def clear(grant: Grant, escalation_id: int, note: str = "") -> Any:
    """Record the professional's clearance after a red flag: the client's paused plans resume."""
    from needlewise.recovery import services as recovery

    pro = getattr(grant.professional, "professional", None)
    who = display_name(grant.professional) + (f" ({pro.profession})" if pro else "")
    text = f"Cleared by {who}. {note.strip()}".strip()
    return recovery.clear_escalation(
        grant.client, escalation_id, text, cleared_by=grant.professional
    )
