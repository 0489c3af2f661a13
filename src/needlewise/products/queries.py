"""Reads of the shelf, always scoped to the acting user, and what each product means now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import QuerySet
from django.utils import timezone

from needlewise import person_cache
from needlewise.accounts.models import User
from needlewise.products.models import AvoidEntry, Kind, Product
from needlewise.products.status import AvoidList, ProductStatus, hours_between, status_for
from needlewise.rules import aftercare
from needlewise.rules.aftercare import Window
from needlewise.treatments.models import Plan, TreatmentSession
from needlewise.treatments.queries import DoneRow, done_sessions
from needlewise.treatments.schedule import History, recalled, upcoming

#: Aftercare topics that are a kind of product rather than an ingredient category.
KIND_TOPICS = {Kind.MAKEUP: "makeup", Kind.SUNSCREEN: "sunscreen"}


def products_for(user: User) -> QuerySet[Product]:
    return Product.objects.filter(user=user)


def avoid_entries_for(user: User) -> QuerySet[AvoidEntry]:
    return AvoidEntry.objects.filter(user=user).select_related("added_by")


def last_session(user: User) -> TreatmentSession | None:
    return done_sessions(user).first()


def avoid_list(user: User) -> AvoidList:
    return AvoidList.of(avoid_entries_for(user), user)


def safe_now(user: User, now: datetime) -> list[ProductStatus]:
    """Every product on the shelf at `now`, by name, each a `products.status.ProductStatus`:
    `level` avoid|caution|ok for the hours since the LAST done session, `reasons` (message,
    grade, sources, `until`), `ok_again_at` (aware datetime or None) and `past_use_by`. With no
    session yet `session_at` is None and the levels are those right after the next session."""
    session = last_session(user)
    return statuses(user, now, session.done_at if session else None)


def statuses(user: User, now: datetime, session_at: datetime | None) -> list[ProductStatus]:
    avoid = avoid_list(user)
    return [status_for(p, avoid, session_at, now) for p in products_for(user)]


@dataclass(frozen=True)
class BeforeSession:
    """The next planned session (its day, from the start of the day) and the products to stop
    from `stop_from` (72 h before), each with the windows that name its categories."""

    on: date
    session_at: datetime
    stop_from: datetime
    products: tuple[tuple[Product, tuple[Window, ...]], ...]


def active_plans(user: User) -> list[Plan]:
    return list(Plan.objects.filter(user=user, status=Plan.Status.ACTIVE))  # no device needed


def next_planned_date(
    user: User, today: date, history: History | None = None, plans: list[Plan] | None = None
) -> date | None:
    history = History(user) if history is None else history
    plans = active_plans(user) if plans is None else plans
    dates = [d for plan in plans for d in upcoming(user, plan, today, history)[:1]]
    return min(dates) if dates else None


def before_next_session(
    user: User,
    now: datetime,
    products: list[Product] | None = None,
    history: History | None = None,
    plans: list[Plan] | None = None,
) -> BeforeSession | None:
    """Products to stop before the next planned session (POLICY.md section 4, "before a
    session"); None when no session is planned."""
    on = next_planned_date(user, timezone.localdate(now), history, plans)
    if on is None:
        return None
    session_at = timezone.make_aware(datetime.combine(on, time.min))
    windows = aftercare.before_session(session_at)
    rows = []
    for product in products_for(user) if products is None else products:
        cats = set(product.categories)
        hits = tuple(w for w in windows if w.topic in cats)
        if hits:
            rows.append((product, hits))
    start = min((w.start for w in windows), default=session_at)
    return BeforeSession(on, session_at, start, tuple(rows))


def products_in_windows(user: User, session_at: datetime) -> dict[str, list[Product]]:
    """The person's products in each aftercare window of a session at `session_at`.

    Keys are the rule core's window topics (`rules.aftercare.plan(session_at, ...)`): an
    ingredient category such as `retinoid` or `soothing`, or `makeup` / `sunscreen` for products
    of that kind. Values are the products (by name) with that category or kind; topics with no
    product are left out. Unreadable labels are in none of the ingredient topics."""
    topics = {w.topic for w in aftercare.plan(session_at, 0).windows}
    out: dict[str, list[Product]] = {}
    for product in products_for(user):
        found = set(product.categories)
        if product.kind in KIND_TOPICS:
            found.add(KIND_TOPICS[product.kind])
        for topic in sorted(found & topics):
            out.setdefault(topic, []).append(product)
    return out


@dataclass(frozen=True)
class Shelf:
    """Everything the shelf and safe-now pages show, read in a fixed number of queries."""

    session: DoneRow | None
    hours_since_session: float | None
    statuses: list[ProductStatus]
    before: BeforeSession | None

    def by_level(self, level: str) -> list[ProductStatus]:
        """Products at one level; "ok" holds only labels read in full, "ok_unknown" those ok
        for what we recognised, with names we do not know."""
        if level == "ok":
            return [s for s in self.statuses if s.level == "ok" and not s.unknown]
        if level == "ok_unknown":
            return [s for s in self.statuses if s.level == "ok" and s.unknown]
        return [s for s in self.statuses if s.level == level]


@dataclass(frozen=True)
class ShelfRecords:
    """What the shelf reads besides the History, cached per person and data revision."""

    products: list[Product]
    avoid: AvoidList
    plans: list[Plan]


def shelf_records(user: User) -> ShelfRecords:
    return ShelfRecords(list(products_for(user)), avoid_list(user), active_plans(user))


def shelf(user: User, now: datetime) -> Shelf:
    """Read (or recall) the records, then work out what each product means at `now`."""
    history = recalled(user)
    records = person_cache.remembered(user, "shelf", lambda: shelf_records(user))
    session = history.sessions[0] if history.sessions else None
    session_at = session.done_at if session else None
    found = [status_for(p, records.avoid, session_at, now) for p in records.products]
    before = before_next_session(user, now, records.products, history, records.plans)
    return Shelf(session, hours_between(session_at, now), found, before)
