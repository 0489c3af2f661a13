"""The product shelf: what a person puts on their skin, and what they always avoid."""

from __future__ import annotations

import calendar
from datetime import date

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from needlewise.rules import aftercare, labels
from needlewise.rules.vocab import INGREDIENT_CATEGORIES

MAX_TEXT = 20_000
MAX_PAO_MONTHS = 60


class Kind(models.TextChoices):
    CLEANSER = "cleanser", "Cleanser"
    SERUM = "serum", "Serum"
    MOISTURISER = "moisturiser", "Moisturiser"
    SUNSCREEN = "sunscreen", "Sunscreen"
    TREATMENT = "treatment", "Treatment"
    MAKEUP = "makeup", "Makeup"
    OTHER = "other", "Other"


def category_words(code: str) -> str:
    """A category in plain words, as the rule core labels it."""
    return aftercare.label(code)


#: Choices stand alone, so they read as labels ("Fragrance"), not as words inside a sentence.
CATEGORY_CHOICES = [
    (code, labels.label(code, "ingredient_category")) for code in INGREDIENT_CATEGORIES
]


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class Product(models.Model):
    """One product on the shelf, its label as printed and what the rule core read from it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="products"
    )
    name = models.CharField(max_length=200)
    brand = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.OTHER)
    opened_on = models.DateField(null=True, blank=True)
    pao_months = models.PositiveSmallIntegerField(
        "period after opening (months)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PAO_MONTHS)],
    )
    ingredients_text = models.TextField(
        "ingredients as printed", blank=True, validators=[MaxLengthValidator(MAX_TEXT)]
    )
    parsed = models.JSONField(
        default=list,
        blank=True,
        help_text="[{input, name, known, categories}] as the rule core read it",
    )
    unrecognised = models.JSONField(default=list, blank=True)
    parse_error = models.CharField(max_length=300, blank=True)
    rules_version = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["user", "name"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(pao_months__isnull=True)
                | Q(pao_months__gte=1, pao_months__lte=MAX_PAO_MONTHS),
                name="products_pao_months_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.brand} {self.name}".strip()

    @property
    def categories(self) -> list[str]:
        """Every category found, in the rule core's order."""
        found = {cat for item in self.parsed for cat in item.get("categories", ())}
        return [cat for cat in INGREDIENT_CATEGORIES if cat in found]

    @property
    def use_by(self) -> date | None:
        """Opened date plus the period after opening printed on the pot, when both are known."""
        if self.opened_on is None or self.pao_months is None:
            return None
        return add_months(self.opened_on, self.pao_months)

    def past_use_by(self, today: date) -> bool:
        use_by = self.use_by
        return use_by is not None and today > use_by


class AvoidEntry(models.Model):
    """Something the person always avoids: an ingredient category or one ingredient name."""

    class Kind(models.TextChoices):
        CATEGORY = "category", "Category"
        INGREDIENT = "ingredient", "Ingredient"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="avoid_entries"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    value = models.CharField(
        max_length=200, help_text="A category code, or an ingredient's matching key"
    )
    label = models.CharField(max_length=200, help_text="What the person sees")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The person themselves, or (later) their professional",
    )
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "label", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "value"], name="products_avoid_unique_per_user"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} avoids {self.label}"

    def added_by_words(self, viewer: object) -> str:
        if self.added_by_id is None:
            return "added by someone no longer on Needlewise"
        if self.added_by_id == getattr(viewer, "pk", None):
            return "added by you"
        return f"added by {self.added_by}"
