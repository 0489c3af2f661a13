"""The messages a notification row becomes (template triplets, `needlewise.mail`)."""

from __future__ import annotations

import zoneinfo
from typing import Any

from django.core.mail import EmailMultiAlternatives
from django.urls import reverse

from needlewise import mail
from needlewise.notifications.models import Notification
from needlewise.recovery.models import RED_FLAG_LEVELS
from needlewise.recovery.signs import late_flag
from needlewise.treatments.glide_words import glide_avoided, glide_phrase

BASE = "notifications/email/"


def _name(user: Any) -> str:
    profile = getattr(user, "profile", None)
    return profile.name if profile is not None and profile.name else user.email.split("@", 1)[0]


def _zone(user: Any) -> zoneinfo.ZoneInfo:
    profile = getattr(user, "profile", None)
    try:
        return zoneinfo.ZoneInfo(getattr(profile, "time_zone", None) or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def escalation_context(row: Notification) -> dict[str, Any]:
    """The person's advice: what the check-in that raised it to this level showed."""
    checkin = row.checkin
    return {
        "checkin": checkin,
        "name": _name(row.recipient),
        "urgent": row.level == "urgent",
        "concerns": [r for r in checkin.reasons if r.get("level") in RED_FLAG_LEVELS],
        "result_link": mail.absolute(reverse("recovery:result", args=[checkin.pk])),
        "rules_link": mail.absolute(reverse("rulebook:index")),
    }


def red_flag_context(row: Notification) -> dict[str, Any]:
    """The professional's notice: who and how serious; the signs are behind the link, but for
    a late check-in, which says when and what, and a glide the session should not have used."""
    session = row.checkin.session
    return {
        "client_name": _name(row.escalation.user),
        "level": row.level,
        "late": late_flag(row.checkin),
        "glide": glide_phrase(session) if glide_avoided(session) else "",
        "link": mail.absolute(reverse("sharing:client", args=[row.grant_id])),
    }


def message_for(row: Notification) -> EmailMultiAlternatives:
    if row.kind == Notification.Kind.ESCALATION:
        context, zone = escalation_context(row), _zone(row.recipient)
    else:
        context, zone = red_flag_context(row), None
    return mail.triplet(
        BASE + row.kind,
        context,
        row.recipient.email,
        headers={"Message-ID": mail.message_id("notification", row.pk)},
        time_zone=zone,
    )
