from __future__ import annotations

from django.contrib import admin

from needlewise.recovery.models import CheckIn, Escalation


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    list_display = ["user", "at", "hours_since_session", "redness", "pain", "level"]
    list_filter = ["level"]
    raw_id_fields = ["user", "session"]


@admin.register(Escalation)
class EscalationAdmin(admin.ModelAdmin):
    list_display = ["user", "level", "opened_at", "emailed_at", "cleared_at"]
    list_filter = ["level"]
    raw_id_fields = ["user", "checkin", "cleared_by"]
