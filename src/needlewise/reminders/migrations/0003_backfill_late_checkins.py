"""Sessions finished before late check-ins existed (issue 26) get their reminders too: 09:00
local on day 21 and day 56, for those still to come. Done here rather than by the worker, once,
with the rule as it stood when it was written (historical models, no app services)."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, time, timedelta

from django.db import migrations
from django.utils import timezone

LATE_DAYS = (21, 56)  # POLICY.md section 8, as in rules/knowledge/followup.yaml then
MORNING = time(9, 0)


def _zone(name: str | None) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def backfill(apps, schema_editor) -> None:  # type: ignore[no-untyped-def]
    session_model = apps.get_model("treatments", "TreatmentSession")
    reminder_model = apps.get_model("reminders", "Reminder")
    profile_model = apps.get_model("accounts", "Profile")
    now = timezone.now()
    sessions = session_model.objects.filter(
        status="done", done_at__gte=now - timedelta(days=max(LATE_DAYS) + 1)
    ).only("user_id", "key", "done_at")
    zones = dict(profile_model.objects.values_list("user_id", "time_zone"))
    for session in sessions.iterator():
        tz = _zone(zones.get(session.user_id))
        key = str(session.key)
        for day in LATE_DAYS:
            on = session.done_at.astimezone(tz).date() + timedelta(days=day)
            due = datetime.combine(on, MORNING, tzinfo=tz)
            if due <= now:
                continue
            reminder_model.objects.get_or_create(
                user_id=session.user_id,
                dedupe_key=f"late_checkin:{key}:{day}d",
                defaults={
                    "kind": "late_checkin",
                    "due_at": due,
                    "subject_id": key,
                    "payload": {"session": key, "day": day},
                },
            )


class Migration(migrations.Migration):
    dependencies = [
        ("reminders", "0002_reminder_kind_late_checkin"),
        ("treatments", "0004_session_glide"),
        ("accounts", "0006_throttle"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
