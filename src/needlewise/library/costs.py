"""The cost of home care: what the person paid, per session so far, against clinic sessions."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import matplotlib

matplotlib.use("Agg")

from django.db import transaction
from django.db.models import QuerySet
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure

from needlewise.accounts.models import User
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

    @property
    def description(self) -> str:
        if not self.points:
            return "No sessions yet: the comparison starts with your first session."
        last = self.points[-1]
        text = (
            f"After {count(last.session, 'session')}, home care has cost {last.home:.2f} in all, "
            f"{self.per_session:.2f} per session."
        )
        if last.clinic is not None:
            text += f" The same number of clinic sessions would cost {last.clinic:.2f}."
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
    return Summary(total, len(points), per_session, price, points)


def svg(points: list[Point]) -> bytes:
    """Cumulative home cost against clinic sessions; different markers, not colour alone."""
    matplotlib.rcParams["svg.hashsalt"] = "needlewise"
    figure = Figure(figsize=(4.4, 2.8), dpi=100, layout="constrained")
    FigureCanvasSVG(figure)
    axes = figure.subplots()
    sessions = [p.session for p in points]
    axes.plot(sessions, [float(p.home) for p in points], marker="o", label="Home care so far")
    if points and points[0].clinic is not None:
        axes.plot(
            sessions,
            [float(p.clinic or 0) for p in points],
            marker="s",
            linestyle="--",
            label="Same number of clinic sessions",
        )
    axes.set_xlabel("Sessions")
    axes.set_ylabel("Cost")
    axes.legend(loc="upper left", fontsize="small")
    out = io.BytesIO()
    figure.savefig(out, format="svg")
    return out.getvalue()
