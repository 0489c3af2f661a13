"""The escalation e-mail: one template triplet (subject, text, HTML) and one sender."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from needlewise.recovery.models import Escalation

BASE = "recovery/email/escalation"


def _absolute(path: str) -> str:
    return f"{settings.PUBLIC_URL}{path}"


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
        "result_link": _absolute(reverse("recovery:result", args=[checkin.pk])),
        "rules_link": _absolute(reverse("rulebook:index")),
    }


def message_for(escalation: Escalation) -> EmailMultiAlternatives:
    context = context_for(escalation)
    subject = " ".join(render_to_string(f"{BASE}_subject.txt", context).split())
    host = settings.PUBLIC_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{BASE}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[escalation.user.email],
        headers={
            "Message-ID": f"<escalation-{escalation.pk}@{host or 'needlewise.invalid'}>",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(render_to_string(f"{BASE}.html", context), "text/html")
    return message


def send_escalation(escalation: Escalation) -> None:
    """Send now (no quiet hours: it is about safety); raises when the server refuses it."""
    message_for(escalation).send(fail_silently=False)
