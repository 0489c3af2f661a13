"""The sessions check-ins answer, read through recovery's own foreign key.

A check-in is about a treatment session, but recovery sits below treatments: the gate and the
schedule there read open escalations and check-ins (docs/architecture.md). So recovery never
imports treatments' code; it reaches the session model only through `CheckIn.session`, the way
every Django foreign key names another app's model, and reads the few fields a check-in needs
(user, status, key, done_at)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from needlewise.recovery.models import CheckIn

#: A finished session: `treatments.TreatmentSession`, or a row with its pk and done_at.
Session = Any


def session_model() -> Any:
    """`treatments.TreatmentSession`, as our foreign key names it."""
    return CheckIn._meta.get_field("session").related_model


def done_for(user: Any) -> QuerySet[Any]:
    """The person's finished sessions (any order), with what the pages show of each."""
    model = session_model()
    return model.objects.filter(user=user, status=model.Status.DONE).select_related(
        "plan", "device"
    )
