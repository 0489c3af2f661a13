from __future__ import annotations

from django.contrib import admin

from needlewise.notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["kind", "level", "recipient", "created_at", "sent_at", "cancelled_at"]
    list_filter = ["kind", "level"]
    raw_id_fields = ["recipient", "escalation", "checkin", "grant"]
