"""One row per message to one recipient: the unique `key` says what it tells whom, so the same
news is queued once however many times it is reported."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Notification(models.Model):
    class Kind(models.TextChoices):
        ESCALATION = "escalation", "Red-flag advice to the person"
        RED_FLAG = "red_flag", "Red-flag notice to a professional who follows their recovery"

    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    escalation = models.ForeignKey(
        "recovery.Escalation", on_delete=models.CASCADE, related_name="notifications"
    )
    checkin = models.ForeignKey(
        "recovery.CheckIn",
        on_delete=models.CASCADE,
        related_name="notifications",
        help_text="The check-in that raised the escalation to this level",
    )
    grant = models.ForeignKey(
        "sharing.Grant",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="For a professional: the grant they follow the person's recovery through",
    )
    level = models.CharField(max_length=20)
    created_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    note = models.CharField(max_length=300, blank=True, help_text="Why it failed or was cancelled")

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=Q(sent_at__isnull=True, cancelled_at__isnull=True),
                name="notification_pending",
            ),
        ]

    def __str__(self) -> str:
        state = "sent" if self.sent_at else "cancelled" if self.cancelled_at else "pending"
        return f"{self.kind} ({self.level}) to {self.recipient} ({state})"
