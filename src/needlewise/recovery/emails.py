"""The escalation e-mail: one template triplet (subject, text, HTML) and one sender."""

from __future__ import annotations

from typing import Any

from django.core.mail import EmailMultiAlternatives
from django.urls import reverse

from needlewise import mail
from needlewise.recovery.models import Escalation

BASE = "recovery/email/escalation"


def context_for(escalation: Escalation) -> dict[str, Any]:
    profile = getattr(escalation.user, "profile", None)
    checkin = escalation.checkin
    return {
        "escalation": escalation,
        "checkin": checkin,
        "name": profile.name if profile else escalation.user.email.split("@", 1)[0],
        "urgent": escalation.level == "urgent",
        "concerns": [
            r for r in checkin.reasons if r.get("level") in ("urgent", "see_dermatologist")
        ],
        "result_link": mail.absolute(reverse("recovery:result", args=[checkin.pk])),
        "rules_link": mail.absolute(reverse("rulebook:index")),
    }


def message_for(escalation: Escalation) -> EmailMultiAlternatives:
    return mail.triplet(
        BASE,
        context_for(escalation),
        escalation.user.email,
        headers={"Message-ID": mail.message_id("escalation", escalation.pk)},
    )


def send_escalation(escalation: Escalation) -> None:
    """Send now (no quiet hours: it is about safety); raises when the server refuses it."""
    message_for(escalation).send(fail_silently=False)
