"""Sharing with a professional: their profile, invites, grants, the audit of reads, notes."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

USER = settings.AUTH_USER_MODEL


class Scope(models.TextChoices):
    PROFILE_CHECKS = "profile_checks", "Your profile and suitability checks"
    SESSIONS_RECOVERY = "sessions_recovery", "Your sessions and recovery check-ins"
    PRODUCTS = "products", "Your products and avoid list"
    PHOTOS = "photos", "Your progress photos"


SCOPES = tuple(Scope.values)
DEFAULT_DAYS = 90
MAX_DAYS = 365


class ProfessionalProfile(models.Model):
    """A self-declared professional; only a site admin marks one verified."""

    user = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="professional")
    profession = models.CharField(max_length=100)
    registration_number = models.CharField(max_length=60, blank=True)
    verified = models.BooleanField(
        default=False, help_text="Set by a site admin after checking the registration"
    )
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.user} ({self.profession})"


class Invite(models.Model):
    """An invitation sent by e-mail; the signed link in it binds a grant to whoever accepts."""

    client = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="sharing_invites")
    email = models.EmailField()
    scopes = models.JSONField(default=list)
    days = models.PositiveSmallIntegerField(default=DEFAULT_DAYS)
    created_at = models.DateTimeField(default=timezone.now)
    used_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"invite from {self.client} to {self.email}"

    @property
    def is_pending(self) -> bool:
        return self.used_at is None and self.cancelled_at is None


class Grant(models.Model):
    """What one client lets one professional see, until it expires or is revoked; with the
    limits that professional set for that client."""

    client = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="grants_given")
    professional = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="grants_held")
    invite = models.OneToOneField(
        Invite, on_delete=models.SET_NULL, null=True, blank=True, related_name="grant"
    )
    scopes = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    needle_mm_by_area = models.JSONField(
        default=dict, blank=True, help_text="The professional's needle cap per area, in mm"
    )
    min_interval_days = models.PositiveSmallIntegerField(null=True, blank=True)
    limits_set_at = models.DateTimeField(null=True, blank=True)
    last_viewed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the professional last opened the client's page"
    )
    changes_since = models.DateTimeField(
        null=True, blank=True, help_text="The end of their previous visit: what is new since"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["professional", "expires_at"]),
            models.Index(fields=["client", "expires_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.client} → {self.professional} ({', '.join(self.scopes)})"

    def is_active(self, now: datetime) -> bool:
        return self.revoked_at is None and now < self.expires_at

    def allows(self, scope: str) -> bool:
        return scope in self.scopes

    @property
    def scope_labels(self) -> list[str]:
        return [Scope(s).label for s in SCOPES if s in self.scopes]

    @property
    def has_limits(self) -> bool:
        return bool(self.needle_mm_by_area) or self.min_interval_days is not None


class AuditEntry(models.Model):
    """One read of a client's data by a professional: the client sees every one."""

    client = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="audit_entries")
    professional = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, related_name="audit_reads"
    )
    professional_name = models.CharField(max_length=200, help_text="Kept if the account goes")
    what = models.CharField(max_length=60)
    object_id = models.CharField(max_length=40, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["client", "-at"])]

    def __str__(self) -> str:
        return f"{self.professional_name} read {self.what} of {self.client} at {self.at:%c}"


class ProfessionalNote(models.Model):
    """A note a professional writes for a client; the client reads it on their sharing page."""

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="notes")
    client = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    professional = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"note by {self.professional} for {self.client}"
