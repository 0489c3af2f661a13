"""Reads of plans and sessions, always scoped to the acting user."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from uuid import UUID

from django.db.models import Prefetch, QuerySet

from needlewise.accounts.models import User
from needlewise.treatments.models import Plan, SessionArea, TreatmentSession


def plans_for(user: User) -> QuerySet[Plan]:
    return Plan.objects.filter(user=user).select_related("device", "device__catalogue")


def sessions_for(user: User) -> QuerySet[TreatmentSession]:
    return TreatmentSession.objects.filter(user=user).select_related("plan", "device")


def done_sessions(user: User) -> QuerySet[TreatmentSession]:
    """Finished sessions with their area records, newest first, in two queries."""
    areas = Prefetch("area_records", queryset=SessionArea.objects.order_by("area"))
    return (
        sessions_for(user)
        .filter(status=TreatmentSession.Status.DONE)
        .order_by("-done_at", "-id")
        .prefetch_related(areas)
    )


def draft_for(user: User, plan: Plan) -> TreatmentSession | None:
    return sessions_for(user).filter(plan=plan, status=TreatmentSession.Status.DRAFT).first()


@dataclass(frozen=True)
class DoneRow:
    """A finished session as lists and the interval rule need it, without a model instance."""

    pk: int
    key: UUID
    done_at: datetime
    plan_id: int | None
    areas: tuple[tuple[str, Decimal], ...]  # (area, needle mm), by area

    @property
    def deepest_mm(self) -> float:
        """As `TreatmentSession.deepest_mm`: the longest needle used, 0.25 with no records."""
        return max((float(mm) for _, mm in self.areas), default=0.25)


def done_rows(user: User) -> list[DoneRow]:
    """Every finished session with its areas, newest first (as `done_sessions`), in one query."""
    rows = (
        TreatmentSession.objects.filter(user=user, status=TreatmentSession.Status.DONE)
        .order_by("-done_at", "-id", "area_records__area")
        .values_list(
            "pk", "key", "done_at", "plan_id", "area_records__area", "area_records__needle_mm"
        )
    )
    grouped: dict[int, tuple[tuple[UUID, datetime, int | None], list[tuple[str, Decimal]]]] = {}
    for pk, key, done_at, plan_id, area, mm in rows:
        _, areas = grouped.setdefault(pk, ((key, done_at, plan_id), []))
        if area is not None:
            areas.append((area, mm))
    return [DoneRow(pk, *head, tuple(areas)) for pk, (head, areas) in grouped.items()]
