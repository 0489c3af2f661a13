"""Progress photos (private files), the redness readings taken on them, and self-ratings."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from needlewise.rules.vocab import AREAS, CONCERNS


class Photo(models.Model):
    """One photo of one area. The pixels live in two private files named by `token`."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="progress_photos"
    )
    area = models.CharField(max_length=20, choices=[(a, a) for a in AREAS])
    taken_on = models.DateField()
    session = models.ForeignKey(
        "treatments.TreatmentSession",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="photos",
    )
    checkin = models.ForeignKey(
        "recovery.CheckIn",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="photos",
    )
    token = models.CharField(max_length=64, unique=True, editable=False)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    source_format = models.CharField(max_length=10, help_text="What was uploaded: JPEG, PNG, HEIF")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-taken_on", "-id"]
        indexes = [models.Index(fields=["user", "area", "taken_on"], name="progress_photo_area")]

    def __str__(self) -> str:
        return f"{self.area} photo of {self.user} on {self.taken_on}"


class Reading(models.Model):
    """Mean CIELAB of a region of a photo (rules.redness), with the card used to balance it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="redness_readings"
    )
    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="readings")
    a_star = models.FloatField()
    l_star = models.FloatField()
    b_star = models.FloatField()
    x = models.PositiveIntegerField()
    y = models.PositiveIntegerField()
    w = models.PositiveIntegerField()
    h = models.PositiveIntegerField()
    card = models.JSONField(
        null=True, blank=True, help_text="The white/grey card region {x, y, w, h}, if marked"
    )
    corrected = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"a* {self.a_star:.1f} on {self.photo}"

    @property
    def region(self) -> dict[str, int]:
        return {"x": self.x, "y": self.y, "w": self.w, "h": self.h}


class Rating(models.Model):
    """How the person rates one concern on one day, 1 (worst) to 10 (best)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="progress_ratings"
    )
    concern = models.CharField(max_length=30, choices=[(c, c) for c in CONCERNS])
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    rated_on = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["rated_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "concern", "rated_on"], name="progress_one_rating_a_day"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=10), name="progress_rating_1_10"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.concern} {self.score}/10 on {self.rated_on}"
