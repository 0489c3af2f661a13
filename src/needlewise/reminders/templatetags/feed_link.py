"""`{% calendar_feed_link as feed %}`: the signed-in person's calendar-feed address, for pages of
apps below reminders (the plan's calendar)."""

from __future__ import annotations

from typing import Any

from django import template

from needlewise.reminders.models import ReminderSettings
from needlewise.reminders.queries import calendar_url

register = template.Library()


@register.simple_tag(takes_context=True)
def calendar_feed_link(context: dict[str, Any]) -> dict[str, str] | None:
    """{"url": https address, "webcal": the same as webcal://} or None before the person has
    reminder settings (the reminders page makes them; a read never writes)."""
    user = context["request"].user
    prefs = ReminderSettings.objects.filter(user=user).first() if user.is_authenticated else None
    if prefs is None:
        return None
    url = calendar_url(prefs)
    return {"url": url, "webcal": "webcal://" + url.split("://", 1)[1]}
