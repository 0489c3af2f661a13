"""Reminder e-mails: one template triplet per kind (subject, text, HTML), one generic sender.

Each kind's context says what the reminder is about and links the page to act on; every mail
also links the reminder settings. A reminder whose subject is gone (a deleted plan or device)
is not sent: `context_for` returns None."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils.text import get_text_list

from needlewise import mail
from needlewise.devices.models import OwnedDevice
from needlewise.recovery.late import areas_in_words
from needlewise.reminders import timing
from needlewise.reminders.models import Kind, Reminder
from needlewise.rules import devices as hygiene_rules
from needlewise.rules.knowledge import knowledge
from needlewise.suitability.models import SuitabilityCheck
from needlewise.treatments.models import Plan, TreatmentSession


def concern_label(code: str) -> str:
    found = knowledge()["needles"]["concerns"].get(code)
    return str(found["label"]) if found else code.replace("_", " ")


def _session(reminder: Reminder) -> dict[str, Any] | None:
    session = TreatmentSession.objects.filter(
        user=reminder.user, key=reminder.payload.get("session")
    ).first()
    if session is None:
        return None
    return {
        "session": session,
        "labels": get_text_list(reminder.payload.get("labels", []), "and"),
        "link": mail.absolute(reverse("treatments:session", args=[session.key])),
    }


def _late(reminder: Reminder) -> dict[str, Any] | None:
    """The session, its areas in words and the form to answer the two questions."""
    context = _session(reminder)
    if context is None:
        return None
    session, day = context["session"], reminder.payload.get("day")
    context.update(
        day=day,
        areas=areas_in_words([r.area for r in session.area_records.all()]),
        link=mail.absolute(reverse("recovery:late", args=[session.key, day])),
    )
    return context


def _window_end(reminder: Reminder) -> dict[str, Any] | None:
    """The window's end, and the person's own products that are OK again from then on."""
    context = _session(reminder)
    if context is None:
        return None
    from needlewise.products.services import ok_again_times  # products sits beside us

    ends = context["session"].done_at + timedelta(hours=reminder.payload.get("hours", 0))
    context["products"] = [
        p.name
        for p, at in ok_again_times(reminder.user, context["session"])
        if abs((at - ends).total_seconds()) < 60
    ]
    return context


def _plan(reminder: Reminder) -> dict[str, Any] | None:
    plan = Plan.objects.filter(user=reminder.user, pk=reminder.payload.get("plan")).first()
    if plan is None or plan.status != Plan.Status.ACTIVE:
        return None
    from needlewise.reminders.services import same_day

    others = Plan.objects.filter(
        user=reminder.user,
        status=Plan.Status.ACTIVE,
        pk__in=[r.payload.get("plan") for r in same_day(reminder).filter(sent_at__isnull=True)],
    ).exclude(pk=plan.pk)
    return {
        "plan": plan,
        "concern": concern_label(plan.concern),
        "others": get_text_list([concern_label(p.concern) for p in others], "and"),
        "others_count": len(others),
        "link": mail.absolute(reverse("treatments:plan", args=[plan.pk])),
    }


def _device(reminder: Reminder) -> dict[str, Any] | None:
    device = OwnedDevice.objects.filter(user=reminder.user, pk=reminder.payload.get("device"))
    found = device.first()
    if found is None:
        return None
    head = [r for r in hygiene_rules.hygiene_reasons("roller") if r.code == "replace_roller_head"]
    return {
        "device": found,
        "head_rule": head[0].message if head else "",
        "link": mail.absolute(reverse("devices:detail", args=[found.pk])),
    }


def _check(reminder: Reminder) -> dict[str, Any] | None:
    check = SuitabilityCheck.objects.filter(
        user=reminder.user, pk=reminder.payload.get("check"), invalidated_at__isnull=True
    ).first()
    if check is None:
        return None
    return {"check": check, "link": mail.absolute(reverse("suitability:start"))}


_SUBJECTS: dict[str, Callable[[Reminder], dict[str, Any] | None]] = {
    Kind.SESSION_DAY: _plan,
    Kind.CHECKIN: _session,
    Kind.LATE_CHECKIN: _late,
    Kind.WINDOW_END: _window_end,
    Kind.HEAD_REPLACEMENT: _device,
    Kind.RECHECK: _check,
}


def context_for(reminder: Reminder) -> dict[str, Any] | None:
    """What the templates need, or None when the reminder's subject no longer exists."""
    subject = _SUBJECTS[reminder.kind](reminder)
    if subject is None:
        return None
    profile = getattr(reminder.user, "profile", None)
    tz = timing.zone(profile.time_zone if profile else None)
    return {
        **subject,
        "tz": tz,
        "reminder": reminder,
        "payload": reminder.payload,
        "name": profile.name if profile else reminder.user.email.split("@", 1)[0],
        "due_local": reminder.due_at.astimezone(tz),
        "settings_link": mail.absolute(reverse("reminders:settings")),
    }


def message_for(reminder: Reminder, context: dict[str, Any]) -> EmailMultiAlternatives:
    # A resend after a crash carries the same Message-ID; many mail stores fold it.
    headers = {
        "Message-ID": mail.message_id("reminder", reminder.pk),
        "X-Needlewise-Reminder": str(reminder.pk),
    }
    return mail.triplet(
        f"reminders/email/{reminder.kind}",
        context,
        reminder.user.email,
        headers=headers,
        time_zone=context["tz"],
    )
