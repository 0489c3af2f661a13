"""Helpers for the stateful invariant test (tests/test_invariants.py): an independent model of
the limits in force, the oracles built on the rule core from it, and readers of what the pages,
the calendar feed and the mailbox say.

The oracles never call the code under test to decide what is allowed: the limits come from the
test's own record of the grants (what the professional set, when each grant ends, whether it was
revoked), the numbers from the rule core (`needlewise.rules`), the history from the database
rows (sessions, check-ins)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from email.message import Message
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from needlewise.people_words import person_date
from needlewise.recovery.models import CheckIn
from needlewise.rules import intervals, needles
from needlewise.rules.limits import Limits
from needlewise.treatments.models import Plan, SessionArea, TreatmentSession
from tests import people_dates

# The model of the grants -------------------------------------------------------------------


@dataclass
class GrantModel:
    """What the test knows of one grant, without asking the sharing app."""

    pk: int
    expires_at: datetime
    revoked: bool = False
    caps: dict[str, float] = field(default_factory=dict)
    interval: int | None = None

    def active(self, now: datetime) -> bool:
        return not self.revoked and now < self.expires_at


def effective_limits(grants: list[GrantModel], now: datetime) -> Limits:
    """The strictest of every active grant's limits (POLICY: a professional only tightens, the
    strictest wins); no active grant, no limits."""
    caps: dict[str, float] = {}
    interval: int | None = None
    for grant in grants:
        if not grant.active(now):
            continue
        for area, mm in grant.caps.items():
            caps[area] = min(mm, caps.get(area, float("inf")))
        if grant.interval is not None:
            interval = max(interval or 0, grant.interval)
    return Limits(max_needle_mm_by_area=caps or None, min_interval_days=interval)


# Oracles on the rule core ------------------------------------------------------------------


def done_areas(user: Any) -> list[tuple[datetime, dict[str, float]]]:
    """Every done session of the person: (done_at, {area: mm}), oldest first."""
    out: dict[int, tuple[datetime, dict[str, float]]] = {}
    rows = SessionArea.objects.filter(
        session__user=user, session__status=TreatmentSession.Status.DONE
    ).values_list("session_id", "session__done_at", "area", "needle_mm")
    for session_id, done_at, area, mm in rows:
        out.setdefault(session_id, (done_at, {}))[1][area] = float(mm)
    return sorted(out.values(), key=lambda row: row[0])


def caps_now(plan: Plan, limits: Limits, skin_type: int | None) -> dict[str, float | None]:
    """The longest needle the rule core allows on each of the plan's areas now: concern, area
    cap or the professional's, skin type and first session; no device rounding."""
    history = done_areas(plan.user)
    out = {}
    for area in plan.areas:
        first = not any(area in areas for _, areas in history)
        advice = needles.recommend(
            plan.concern, area, limits=limits, skin_type=skin_type, first_session=first
        )
        out[area] = advice.recommended_mm
    return out


@dataclass(frozen=True)
class Allowed:
    """When the rule core allows the plan's next session, given the limits in force."""

    on: date
    blocked: bool
    why: str


def next_allowed_now(plan: Plan, limits: Limits) -> Allowed:
    sessions = [
        intervals.Session(at, max(areas.values()), tuple(areas))
        for at, areas in done_areas(plan.user)
        if set(areas) & set(plan.areas)
    ]
    if not sessions:
        return Allowed(plan.start_date, False, "the plan's start date")
    # How the skin was after a session: early check-ins only (a late one asks no redness).
    early = CheckIn.objects.filter(user=plan.user, kind=CheckIn.Kind.EARLY)
    checkins = [
        intervals.CheckIn(at, redness, pain)
        for at, redness, pain in early.values_list("at", "redness", "pain")
    ]
    result = intervals.next_allowed(sessions, checkins, limits)
    why = " / ".join(r.message for r in result.reasons)
    return Allowed(max(result.next_allowed, plan.start_date), result.blocked, why)


def min_gap_days(plan: Plan, limits: Limits) -> int:
    """The shortest wait the rule core allows between two of this plan's sessions: its needle
    band's, or the professional's minimum interval when that is longer."""
    band = int(intervals.band_for(max(plan.needle_mm.values()))["min_days"])
    return max(band, limits.min_interval_days or 0)


# Reading pages -----------------------------------------------------------------------------


def offers_start(html: str, plan_pk: int) -> bool:
    """Whether a page offers to start a session of the plan: a link or a form to its start
    address whose text says "Start a session" and that is not disabled."""
    target = f"/plans/{plan_pk}/start/"
    pattern = rf'<(a|form)\b([^>]*?)(href|action)="{re.escape(target)}"([^>]*)>(.*?)</\1>'
    for match in re.finditer(pattern, html, flags=re.S):
        attributes, inner = match.group(2) + match.group(4), match.group(5)
        if "Start a session" in inner and "disabled" not in attributes + inner:
            return True
    return False


def upcoming_on_page(html: str) -> list[date]:
    """The dates the plan page lists under "Upcoming dates" ("Mon 7 Dec", "Thu 7 Jan 2027")."""
    section = re.search(r'id="schedule-heading".*?</section>', html, flags=re.S)
    if section is None:
        return []
    items = re.findall(r"<li>\s*([^<]+?)\s*</li>", section.group(0))
    return [people_dates.read(item, timezone.localdate()) for item in items]


def session_days_in_feed(ics: bytes, plan_pk: int) -> list[date]:
    """The all-day session events of one plan in the calendar feed."""
    out = []
    for event in Calendar.from_ical(ics).walk("VEVENT"):
        start = event.decoded("dtstart")
        url = str(event.get("url", ""))
        if not isinstance(start, datetime) and url.rstrip("/").endswith(f"/plans/{plan_pk}"):
            out.append(start)
    return sorted(out)


def long_date(day: date) -> str:
    """A date as Today writes it ("Monday 7 December", with the year out of this year)."""
    return person_date(day, long=True)


# Probing the service without keeping what it did ------------------------------------------

CHECKLIST = {"cleanse": "on", "sterilise": "on", "skin_check": "on", "patch_test": "on"}


def finish_data(lengths: dict[str, float]) -> dict[str, str]:
    """The finish form as a person fills it: a length, 4 passes, mild pain, no bleeding."""
    data = {"notes": ""}
    for area, mm in lengths.items():
        data |= {
            f"{area}-needle_mm": f"{mm:g}",
            f"{area}-passes": "4",
            f"{area}-pain": "2",
            f"{area}-bleeding": "none",
        }
    return data


@dataclass(frozen=True)
class Attempt:
    """What the guided session answered: done, or where and why it refused."""

    done: bool
    key: str = ""
    refused_at: str = ""
    detail: str = ""


def guided_session(client: Client, plan: Plan, lengths: dict[str, float]) -> Attempt:
    """The path a person takes: the gate (POST start), the checklist, the finish form."""
    response = client.post(f"/plans/{plan.pk}/start/")
    if response.status_code != 302:
        return Attempt(False, refused_at=f"gate ({response.status_code})", detail=_text(response))
    key = response["Location"].split("/")[2]
    response = client.post(f"/sessions/{key}/prepare/", CHECKLIST)
    if response.status_code != 302:
        return Attempt(False, key, f"checklist ({response.status_code})", _text(response))
    response = client.post(f"/sessions/{key}/finish/", finish_data(lengths))
    done = TreatmentSession.objects.filter(key=key, status=TreatmentSession.Status.DONE).exists()
    if response.status_code != 302 or not done:
        return Attempt(False, key, f"finish form ({response.status_code})", _text(response))
    return Attempt(True, key)


def probe(client: Client, plan: Plan) -> Attempt:
    """Would the service take a session at the plan's own lengths now? Tried for real inside a
    savepoint that is rolled back, so nothing of it stays (cache entries made meanwhile are
    dropped too, as they may describe rolled-back rows)."""
    before, cookies = _cache_keys(), client.cookies
    client.cookies = type(cookies)(cookies)  # a new session row would be rolled back too
    savepoint = transaction.savepoint()
    try:
        return guided_session(client, plan, dict(plan.needle_mm))
    finally:
        transaction.savepoint_rollback(savepoint)
        client.cookies = cookies
        _drop_cache_keys_since(before)


def _local_store() -> dict | None:  # type: ignore[type-arg]
    """The local-memory cache's own dict; None for another backend (Redis), which is cleared."""
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    backend = caches["default"]
    return backend._cache if isinstance(backend, LocMemCache) else None


def _cache_keys() -> set[str] | None:
    store = _local_store()
    return set(store) if store is not None else None


def _drop_cache_keys_since(before: set[str] | None) -> None:
    store = _local_store()
    if store is None or before is None:
        cache.clear()
        return
    for key in set(store) - before:
        store.pop(key, None)
        getattr(cache, "_expire_info", {}).pop(key, None)


def _text(response: Any) -> str:
    """The visible words of an error page, short: for assertion messages."""
    body = response.content.decode(errors="replace")
    main = re.search(r"<main\b.*?</main>", body, flags=re.S)
    words = re.sub(r"<[^>]+>", " ", main.group(0) if main else body)
    return re.sub(r"\s+", " ", words).strip()[:400]


# Reading the mailbox -----------------------------------------------------------------------


def notification_pk(message: Message) -> int | None:
    """The notification row a message was made from (its Message-ID says so), else None."""
    found = re.match(r"<notification-(\d+)@", str(message.get("Message-ID", "")))
    return int(found.group(1)) if found else None
