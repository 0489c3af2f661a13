"""Reads of plans and sessions, always scoped to the acting user."""

from __future__ import annotations

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
