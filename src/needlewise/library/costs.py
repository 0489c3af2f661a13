"""The cost of home care: what the person paid, per session so far, against clinic sessions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import QuerySet
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from needlewise import charts
from needlewise.accounts.models import User
from needlewise.accounts.money import currency_of, money
from needlewise.library.models import ClinicPrice, CostEntry
from needlewise.people_words import count
from needlewise.treatments.queries import done_sessions


@dataclass(frozen=True)
class Point:
    """After the n-th session: what home care cost so far, and n clinic sessions."""

    session: int
    on: date
    home: Decimal
    clinic: Decimal | None


@dataclass(frozen=True)
class Summary:
    total: Decimal
    sessions: int
    per_session: Decimal | None
    clinic_price: Decimal | None
    points: list[Point]
    currency: str = "EUR"

    @property
    def description(self) -> str:
        if not self.points:
            return "No sessions yet: the comparison starts with your first session."
        last, code = self.points[-1], self.currency
        sessions = count(last.session, "session")
        text = (
            f"After {sessions}, home care has cost {money(last.home, code)} in all, "
            f"{money(self.per_session, code)} per session."
        )
        if last.clinic is not None:
            text += f" The same number of clinic sessions would cost {money(last.clinic, code)}."
        return text


def entries_for(user: User) -> QuerySet[CostEntry]:
    return CostEntry.objects.filter(user=user)


@transaction.atomic
def add_entry(user: User, **fields: object) -> CostEntry:
    entry = CostEntry(user=user, **fields)
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def set_clinic_price(user: User, per_session: Decimal | None) -> None:
    if per_session is None:
        ClinicPrice.objects.filter(user=user).delete()
        return
    ClinicPrice.objects.update_or_create(user=user, defaults={"per_session": per_session})


def summary(user: User) -> Summary:
    """Cumulative home cost at each session date (costs paid up to that day), three queries."""
    entries = list(entries_for(user))
    days = sorted(s.done_at.date() for s in done_sessions(user) if s.done_at)
    price = ClinicPrice.objects.filter(user=user).values_list("per_session", flat=True).first()
    points = []
    for n, day in enumerate(days, start=1):
        home = sum((e.amount for e in entries if e.on <= day), Decimal("0"))
        points.append(Point(n, day, home, price * n if price is not None else None))
    total = sum((e.amount for e in entries), Decimal("0"))
    per_session = (points[-1].home / len(points)) if points else None
    return Summary(total, len(points), per_session, price, points, currency_of(user))


def svg(points: list[Point], currency: str = "EUR") -> bytes:
    """Cumulative home cost against clinic sessions, in the person's currency; whole sessions
    on the x axis; different markers, not colour alone."""
    return charts.render(lambda figure: _draw(figure, points, currency), height=3.0)


def _draw(figure: Figure, points: list[Point], currency: str) -> None:
    axes = figure.subplots()
    sessions = [p.session for p in points]
    axes.plot(
        sessions,
        [float(p.home) for p in points],
        label="Home care so far",
        **charts.series_style(0),
    )
    if points and points[0].clinic is not None:
        axes.plot(
            sessions,
            [float(p.clinic or 0) for p in points],
            label="Same number of clinic sessions",
            **charts.series_style(1),
        )
    axes.set_xlabel("Sessions")
    axes.set_ylabel(f"Cost in {currency}")
    axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _: money(v, currency, places=0)))
    axes.set_xlim(0.5, max([*sessions, 1]) + 0.5)
    charts.style(axes, integer_x=True)
