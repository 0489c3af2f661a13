"""What goes into a report for a date range, read through the owner-scoped queries.

The person's own report holds every part; a report made for a professional holds only the parts
of that grant's scopes, and the other parts are not even read."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import ngettext

from needlewise.accounts.models import User
from needlewise.accounts.services import profile_for
from needlewise.people_words import count, person_date
from needlewise.products.queries import avoid_entries_for, safe_now
from needlewise.recovery.queries import checkins_for, escalations_for
from needlewise.reminders.services import zone_for
from needlewise.sharing.models import SCOPES, Scope
from needlewise.suitability.queries import current_check, latest_check
from needlewise.treatments.queries import done_sessions, plans_for

LEVEL_WORDS = {
    "urgent": "URGENT: seek care today",
    "see_dermatologist": "See a dermatologist",
    "watch": "Watch",
    "normal": "Normal",
}
#: Photos a report shows at most (newest first); it says how many more the period holds.
REPORT_PHOTOS = 48


def scope_words(scope: str) -> str:
    """A scope as a third person reads it: "sessions and recovery check-ins"."""
    return Scope(scope).label.removeprefix("Your ")


@dataclass(frozen=True)
class ReportData:
    user: User
    name: str
    start: date
    end: date
    scopes: frozenset[str]
    generated_at: datetime
    #: The professional it is made for; None for the person's own report.
    shared_with: str | None = None
    profile: Any = None
    check: Any = None
    check_is_current: bool = False
    plans: list[Any] = field(default_factory=list)
    sessions: list[Any] = field(default_factory=list)
    checkins: list[Any] = field(default_factory=list)
    escalations: list[Any] = field(default_factory=list)
    flagged: list[Any] = field(default_factory=list)
    avoid: list[Any] = field(default_factory=list)
    photos: list[Any] = field(default_factory=list)
    more_photos: int = 0

    def has(self, scope: str) -> bool:
        return scope in self.scopes

    @property
    def early_checkins(self) -> list[Any]:
        """The check-ins that graded redness and pain (the table and the chart)."""
        return [c for c in self.checkins if not c.is_late]

    @property
    def late_checkins(self) -> list[Any]:
        """The late check-ins (POLICY.md section 8): two questions, no redness or pain."""
        return [c for c in self.checkins if c.is_late]

    @property
    def shared(self) -> list[str]:
        return [scope_words(s) for s in SCOPES if s in self.scopes]

    @property
    def not_shared(self) -> list[str]:
        return [scope_words(s) for s in SCOPES if s not in self.scopes]


def _bounds(user: User, start: date, end: date) -> tuple[datetime, datetime]:
    """The range in the person's own time zone: from the start day's midnight to the day after
    the end day."""
    zone = zone_for(user)
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone),
    )


def _profile_checks(user: User) -> dict[str, Any]:
    current = current_check(user)
    return {
        "profile": profile_for(user),
        "check": current or latest_check(user),
        "check_is_current": current is not None,
    }


def _sessions_recovery(user: User, since: datetime, until: datetime) -> dict[str, Any]:
    sessions = done_sessions(user).filter(done_at__gte=since, done_at__lt=until)
    checkins = checkins_for(user).filter(at__gte=since, at__lt=until).select_related("session")
    escalations = escalations_for(user).filter(opened_at__gte=since, opened_at__lt=until)
    return {
        "plans": list(plans_for(user)),
        "sessions": list(sessions.order_by("done_at", "id")),
        "checkins": list(checkins),
        "escalations": list(escalations),
    }


def _products(user: User) -> dict[str, Any]:
    flagged = [s for s in safe_now(user, timezone.now()) if s.level in ("avoid", "caution")]
    return {"flagged": flagged, "avoid": list(avoid_entries_for(user))}


def _photos(user: User, start: date, end: date, whose: str) -> dict[str, Any]:
    from needlewise.progress.queries import photos_for
    from needlewise.progress.summary import measured_all

    photos = photos_for(user).filter(taken_on__gte=start, taken_on__lte=end)
    shown = list(photos[:REPORT_PHOTOS])
    more = photos.count() - len(shown) if len(shown) == REPORT_PHOTOS else 0
    return {"photos": measured_all(user, shown, whose), "more_photos": more}


def gather(
    user: User,
    start: date,
    end: date,
    scopes: Iterable[str] = SCOPES,
    shared_with: str | None = None,
) -> ReportData:
    """The report's data: every part for the person, only the parts of `scopes` (read alone)
    when it is made for `shared_with`, a professional."""
    from needlewise.sharing.queries import display_name

    chosen = frozenset(scopes) & frozenset(SCOPES)
    name = display_name(user)
    since, until = _bounds(user, start, end)
    parts: dict[str, Any] = {}
    if Scope.PROFILE_CHECKS in chosen:
        parts |= _profile_checks(user)
    if Scope.SESSIONS_RECOVERY in chosen:
        parts |= _sessions_recovery(user, since, until)
    if Scope.PRODUCTS in chosen:
        parts |= _products(user)
    if Scope.PHOTOS in chosen:
        parts |= _photos(user, start, end, "your" if shared_with is None else f"{name}'s")
    return ReportData(
        user=user,
        name=name,
        start=start,
        end=end,
        scopes=chosen,
        generated_at=timezone.localtime(timezone.now(), zone_for(user)),
        shared_with=shared_with,
        **parts,
    )


def describe_chart(data: ReportData) -> str:
    """The chart in words, for everyone who cannot see it. Late check-ins graded no redness or
    pain, so the chart leaves them out and says how many there were."""
    early, late = data.early_checkins, data.late_checkins
    late_note = (
        " "
        + ngettext(
            "%(n)s late check-in, listed above, is not charted.",
            "%(n)s late check-ins, listed above, are not charted.",
            len(late),
        )
        % {"n": len(late)}
        if late
        else ""
    )
    if not early:
        return "No check-ins in this period, so there is nothing to chart." + late_note
    redness = [c.redness for c in early]
    pain = [c.pain for c in early]
    red_flags = sum(c.level in ("urgent", "see_dermatologist") for c in early)
    text = (
        f"{count(len(early), 'check-in')} from {person_date(early[0].at, year=True)} to "
        f"{person_date(early[-1].at, year=True)}. Redness (0 to 3) ranged from {min(redness)} to "
        f"{max(redness)}, last {redness[-1]}; pain (0 to 10) from {min(pain)} to {max(pain)}, "
        f"last {pain[-1]}."
    )
    if red_flags:
        text += " " + ngettext(
            "%(n)s check-in needed a professional's view.",
            "%(n)s check-ins needed a professional's view.",
            red_flags,
        ) % {"n": red_flags}
    return text + late_note
