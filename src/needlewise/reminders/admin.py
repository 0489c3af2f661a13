from __future__ import annotations

from django.contrib import admin

from needlewise.reminders.models import Reminder, ReminderSettings


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["id", "user", "kind", "due_at", "sent_at", "cancelled_at", "attempts", "note"]
    list_filter = ["kind", "urgent"]
    search_fields = ["user__email", "dedupe_key", "subject_id"]
    readonly_fields = ["claimed_at", "claim_token", "sent_at", "attempts", "last_error"]
    raw_id_fields = ["user"]


@admin.register(ReminderSettings)
class ReminderSettingsAdmin(admin.ModelAdmin):
    list_display = ["user", "quiet_start", "quiet_end", "updated_at"]
    exclude = ["calendar_token"]  # a secret address; people rotate it themselves
    raw_id_fields = ["user"]
