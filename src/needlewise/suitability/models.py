"""A completed suitability check: the answers, the verdict with its reasons, and when it lapses."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone

from needlewise.rules.vocab import VERDICTS

#: A stored check lapses after this many days even when nothing changed (issue #4).
CHECK_VALID_DAYS = 90


class SuitabilityCheck(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="suitability_checks"
    )
    created_at = models.DateTimeField(default=timezone.now)
    answers = models.JSONField(help_text="The screening input, as sent to the rule core")
    areas = models.JSONField(default=list)
    concerns = models.JSONField(default=list)
    verdict = models.CharField(max_length=20, choices=[(v, v) for v in VERDICTS])
    reasons = models.JSONField(default=list)
    recheck_on = models.DateField(null=True, blank=True)
    expires_on = models.DateField()
    rules_version = models.CharField(max_length=20)
    invalidated_at = models.DateTimeField(null=True, blank=True)
    invalidated_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.user} {self.verdict} {self.created_at:%Y-%m-%d}"

    def is_current(self, today: date | None = None) -> bool:
        """Current until invalidated, its re-check date, or 90 days, whichever comes first."""
        today = today or timezone.localdate()
        return self.invalidated_at is None and today < self.expires_on

    @property
    def allows_home_use(self) -> bool:
        return self.verdict in ("go", "caution")
