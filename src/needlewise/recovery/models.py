"""Recovery check-ins after a session, their triage, and the escalations they open."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property

from needlewise.rules.vocab import BLEEDING, TRIAGE_LEVELS

LEVEL_CHOICES = [(level, level) for level in TRIAGE_LEVELS]
#: Levels that pause plans and open an escalation (POLICY.md section 5).
RED_FLAG_LEVELS = frozenset({"urgent", "see_dermatologist"})


class CheckIn(models.Model):
    """How the skin was at one moment after a session, and the rule core's triage of it.

    An early check-in (POLICY.md section 5) asks redness, pain, bleeding and symptoms. A late one,
    21 or 56 days on (section 8), asks two questions only, kept in `symptoms`: its redness, pain
    and bleeding were not asked and stay empty rather than read as "none"."""

    class Kind(models.TextChoices):
        EARLY = "early", "Check-in"
        LATE = "late", "Late check-in"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkins"
    )
    session = models.ForeignKey(
        "treatments.TreatmentSession", on_delete=models.CASCADE, related_name="checkins"
    )
    kind = models.CharField(max_length=5, choices=Kind.choices, default=Kind.EARLY)
    late_day = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="A late check-in: days after the session (21 or 56)"
    )
    at = models.DateTimeField(default=timezone.now)
    hours_since_session = models.FloatField(validators=[MinValueValidator(0)])
    redness = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(3)]
    )
    pain = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(10)]
    )
    bleeding = models.CharField(
        max_length=12, blank=True, default="", choices=[(b, b) for b in BLEEDING]
    )
    fever_c = models.FloatField(null=True, blank=True, help_text="Measured temperature, in °C")
    symptoms = models.JSONField(default=list, blank=True, help_text="Symptom codes")
    notes = models.TextField(blank=True, max_length=1000)
    level = models.CharField(max_length=20, choices=LEVEL_CHOICES)
    reasons = models.JSONField(default=list)
    advice = models.TextField()
    rules_version = models.CharField(max_length=20)

    class Meta:
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["user", "at"], name="recovery_checkin_user_at"),
            models.Index(fields=["session", "at"], name="recovery_checkin_session_at"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(redness__lte=3), name="checkin_redness_0_3"),
            models.CheckConstraint(condition=Q(pain__lte=10), name="checkin_pain_0_10"),
            # Early check-ins always say how the skin is; late ones always say which day.
            models.CheckConstraint(
                condition=Q(
                    kind="early",
                    redness__isnull=False,
                    pain__isnull=False,
                    late_day__isnull=True,
                )
                | Q(kind="late", late_day__isnull=False),
                name="checkin_kind_fields",
            ),
            # One late check-in per session and day.
            models.UniqueConstraint(
                fields=["session", "late_day"],
                condition=Q(kind="late"),
                name="recovery_one_late_checkin_per_day",
            ),
        ]

    def __str__(self) -> str:
        return f"check-in of {self.user} at {self.at:%Y-%m-%d %H:%M} ({self.level})"

    @property
    def reports_anything(self) -> bool:
        """Redness, pain or any symptom: daily check-ins go on while this is true."""
        return self.kind == self.Kind.EARLY and bool(self.redness or self.pain or self.symptoms)

    @property
    def is_late(self) -> bool:
        return self.kind == self.Kind.LATE

    @property
    def reason_codes(self) -> list[str]:
        return [str(r["code"]) for r in self.reasons]


class Escalation(models.Model):
    """A red-flag check-in: plans paused and one e-mail sent until a professional has seen them."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="escalations"
    )
    checkin = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="escalations")
    level = models.CharField(max_length=20, choices=LEVEL_CHOICES)
    opened_at = models.DateTimeField(default=timezone.now)
    emailed_at = models.DateTimeField(null=True, blank=True)
    cleared_at = models.DateTimeField(null=True, blank=True)
    cleared_note = models.TextField(blank=True, max_length=1000)
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The professional who cleared it; empty when the person recorded it",
    )

    class Meta:
        ordering = ["-opened_at", "-id"]
        constraints = [
            # At most one open escalation per person: a second red flag joins the open one.
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(cleared_at__isnull=True),
                name="recovery_one_open_escalation",
            ),
        ]

    def __str__(self) -> str:
        state = "open" if self.is_open else "cleared"
        return f"{self.level} escalation of {self.user} ({state})"

    @property
    def is_open(self) -> bool:
        return self.cleared_at is None

    @cached_property
    def signs(self) -> str:
        """Why it is open, in plain words ("Fever 38.6 °C · numb lips"): the red-flag signs of
        every check-in since it opened (a later one may have raised it), most serious first."""
        from needlewise.recovery.signs import summary

        return summary(self.red_flag_checkins())

    def red_flag_checkins(self) -> list[CheckIn]:
        """The person's red-flag check-ins while this was open, newest first."""
        rows = CheckIn.objects.filter(
            user_id=self.user_id, at__gte=self.opened_at, level__in=RED_FLAG_LEVELS
        )
        if self.cleared_at is not None:
            rows = rows.filter(at__lte=self.cleared_at)
        return list(rows.order_by("-at", "-id"))
