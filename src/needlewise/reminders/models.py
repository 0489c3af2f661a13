"""Reminders: rows with a `due_at` that the worker e-mails exactly once, and each person's
settings for them (which kinds to e-mail, quiet hours, the private calendar feed's token)."""

from __future__ import annotations

import secrets
from datetime import time

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Kind(models.TextChoices):
    SESSION_DAY = "session_day", "Session day"
    CHECKIN = "checkin", "Skin check-in after a session"
    LATE_CHECKIN = "late_checkin", "Late check-in, weeks after a session"
    WINDOW_END = "window_end", "End of an aftercare pause"
    HEAD_REPLACEMENT = "head_replacement", "New roller head"
    RECHECK = "recheck", "Suitability re-check"


#: Kinds e-mailed under another kind's setting.
SETTING_OF = {Kind.LATE_CHECKIN: Kind.CHECKIN}


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class Reminder(models.Model):
    """One message to send at `due_at`. Scheduling is idempotent through `dedupe_key`; the worker
    claims a row (claimed_at, claim_token) before sending and records `sent_at` after."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    due_at = models.DateTimeField()
    urgent = models.BooleanField(default=False, help_text="Delivered even during quiet hours")
    subject_id = models.CharField(
        max_length=64, blank=True, help_text="What it is about: a session key, plan id, device id"
    )
    payload = models.JSONField(default=dict, blank=True)
    dedupe_key = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim_token = models.CharField(max_length=32, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    retry_at = models.DateTimeField(null=True, blank=True, help_text="After a failed send")
    cancelled_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True, help_text="Why it was not e-mailed")

    class Meta:
        ordering = ["due_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "dedupe_key"], name="reminders_unique_dedupe"),
        ]
        indexes = [
            # The worker's scan: pending rows by due time; a partial index stays small.
            models.Index(
                fields=["due_at", "id"],
                condition=Q(sent_at__isnull=True, cancelled_at__isnull=True),
                name="reminders_pending_due",
            ),
            models.Index(fields=["user", "due_at"], name="reminders_user_due"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.user} at {self.due_at:%Y-%m-%d %H:%M}"

    @property
    def is_pending(self) -> bool:
        return self.sent_at is None and self.cancelled_at is None


class ReminderSettings(models.Model):
    """What a person wants e-mailed, and when not (quiet hours, in their own time zone)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_settings"
    )
    email_session_day = models.BooleanField("Session days", default=True)
    email_checkin = models.BooleanField("Skin check-ins after a session", default=True)
    email_window_end = models.BooleanField("When an aftercare pause ends", default=True)
    email_head_replacement = models.BooleanField("Time for a new roller head", default=True)
    email_recheck = models.BooleanField("Suitability re-check", default=True)
    quiet_start = models.TimeField("Quiet from", default=time(22, 0))
    quiet_end = models.TimeField("Quiet until", default=time(7, 0))
    calendar_token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    calendar_token_rotated_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "reminder settings"

    def __str__(self) -> str:
        return f"reminder settings of {self.user}"

    def emails(self, kind: str) -> bool:
        """Whether reminders of this kind are e-mailed (unknown kinds are). Late check-ins
        follow the check-ins setting: to the person they are check-ins after a session."""
        kind = SETTING_OF.get(kind, kind)
        return bool(getattr(self, f"email_{kind}", True))

    @property
    def has_quiet_hours(self) -> bool:
        return self.quiet_start != self.quiet_end
