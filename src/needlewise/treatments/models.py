"""Treatment plans and the sessions done under them."""

from __future__ import annotations

import uuid
from datetime import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from needlewise.rules.vocab import AREAS, BLEEDING, CONCERNS

AREA_CHOICES = [(a, a) for a in AREAS]


class Plan(models.Model):
    """A course of sessions for one concern, with a needle length per area."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        PAUSED = "paused", "Paused"
        FINISHED = "finished", "Finished"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plans"
    )
    concern = models.CharField(max_length=30, choices=[(c, c) for c in CONCERNS])
    device = models.ForeignKey(
        "devices.OwnedDevice", on_delete=models.SET_NULL, null=True, related_name="plans"
    )
    needle_mm = models.JSONField(help_text="Needle length per area, e.g. {'cheeks': 0.25}")
    start_date = models.DateField()
    course_length = models.PositiveSmallIntegerField(
        default=6, validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    paused_reason = models.CharField(max_length=300, blank=True)
    limit_note = models.CharField(
        max_length=1000,
        blank=True,
        help_text="Why a professional's limit changed this plan, in words for the person",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "status"])]

    def __str__(self) -> str:
        return f"{self.concern} plan of {self.user}"

    @property
    def areas(self) -> list[str]:
        return list(self.needle_mm)


class GlideVerdict(models.TextChoices):
    """The glide the person named for a session, as the rule core judged it then."""

    NONE = "none", "Nothing on the skin"
    OK = "ok", "Fine as a glide"
    AVOID = "avoid", "Not advised as a glide"


class TreatmentSession(models.Model):
    """One session. A draft while the guided steps run; done once its areas are recorded."""

    class Status(models.TextChoices):
        DRAFT = "draft", "In progress"
        DONE = "done", "Done"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="treatment_sessions"
    )
    plan = models.ForeignKey(
        Plan, on_delete=models.SET_NULL, null=True, blank=True, related_name="sessions"
    )
    device = models.ForeignKey(
        "devices.OwnedDevice",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
    )
    key = models.UUIDField(
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text="Idempotency key: a retried finish never makes two sessions",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    started_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)
    checklist = models.JSONField(default=dict, blank=True)
    numbing_cream = models.BooleanField(default=False)
    glide_verdict = models.CharField(
        max_length=5,
        blank=True,
        choices=GlideVerdict.choices,
        help_text="What went on the skin while needling (POLICY.md section 8); empty: not asked",
    )
    glide_name = models.CharField(max_length=200, blank=True)
    glide_findings = models.JSONField(
        default=list, blank=True, help_text="The rule core's glide findings when it was recorded"
    )
    notes = models.TextField(blank=True, max_length=2000)
    rules_version = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [
            # Finished sessions newest first (done_sessions, done_rows, the latest session):
            # the whole order in the index, so "the latest" is one index entry, not a sort.
            models.Index(
                fields=["user", "status", "-done_at", "-id"], name="treatments_session_done_idx"
            )
        ]

    def __str__(self) -> str:
        return f"session {self.key} of {self.user} ({self.status})"

    @property
    def at(self) -> datetime:
        return self.done_at or self.started_at

    @property
    def deepest_mm(self) -> float:
        """The longest needle used: aftercare and intervals follow the deepest area.
        Uses prefetched `area_records` when there are any."""
        return max((float(r.needle_mm) for r in self.area_records.all()), default=0.25)


class SessionArea(models.Model):
    """What was done on one area in a session."""

    session = models.ForeignKey(
        TreatmentSession, on_delete=models.CASCADE, related_name="area_records"
    )
    area = models.CharField(max_length=20, choices=AREA_CHOICES)
    needle_mm = models.DecimalField(max_digits=3, decimal_places=2)
    passes = models.PositiveSmallIntegerField(validators=[MaxValueValidator(50)])
    pain = models.PositiveSmallIntegerField(validators=[MaxValueValidator(10)])
    bleeding = models.CharField(max_length=12, choices=[(b, b) for b in BLEEDING])
    notes = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "area"], name="one_record_per_area"),
        ]

    def __str__(self) -> str:
        return f"{self.area} {self.needle_mm} mm"
