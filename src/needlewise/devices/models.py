"""Devices: the catalogue (FDA status), the devices a person owns, and their hygiene records."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from needlewise.rules.devices import ISOPROPYL_PERCENT, MIN_SOAK_MINUTES
from needlewise.rules.vocab import DEVICE_KINDS, FDA_STATUS

#: A sanity bound on what can be typed in, not a medical limit (the rule core decides depths).
MAX_LENGTH_MM = 3.0
KIND_CHOICES = [(kind, kind.capitalize()) for kind in DEVICE_KINDS]
FDA_WORDS = {"cleared": "FDA cleared", "not_cleared": "Not FDA cleared", "unknown": "Not known"}
FDA_CHOICES = [(status, FDA_WORDS.get(status, status)) for status in FDA_STATUS]
STERILISATION_METHOD = f"{ISOPROPYL_PERCENT} % isopropyl alcohol soak"


#: How a 510(k) or De Novo number is written: K or DEN and six digits.
FDA_NUMBER = re.compile(r"^(K|DEN)\d{6}$")


def normalise(text: str) -> str:
    """Letters and digits only, lower case: "MT.DERM GmbH" and "Mt. Derm GmbH" compare equal."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def readable_name(name: str, maker: str, number: str) -> str:
    """A catalogue entry's name as a person reads it: the listed name, else the firm's
    "microneedling device", else the kind of device with its FDA number. Never empty."""
    if name.strip():
        return name.strip()
    if maker.strip():
        return f"{maker.strip()} microneedling device"
    if number.startswith("DEN"):
        return f"Microneedling device, De Novo {number}"
    if number:
        return f"Microneedling device, 510(k) {number}"
    return "Microneedling device"


class Head(models.TextChoices):
    REUSABLE = "reusable_head", "Reusable head"
    CARTRIDGE = "single_use_cartridge", "Single-use cartridge"


def length_errors(values: Iterable[object]) -> list[str]:
    """Why a list of needle lengths is not acceptable, in words (empty when it is)."""
    errors = []
    for value in values:
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            errors.append(f"{value!r} is not a number of millimetres.")
        elif not 0 < value <= MAX_LENGTH_MM:
            errors.append(f"{value:g} mm is not a needle length: use more than 0 and at most 3 mm.")
    return errors


class CatalogueDevice(models.Model):
    """A device model people can pick: an FDA-listed one, or an illustrative generic one."""

    name = models.CharField(max_length=200, blank=True, help_text="Blank when the list gives none")
    maker = models.CharField(max_length=200, blank=True)
    kind = models.CharField(
        max_length=10, choices=KIND_CHOICES, blank=True, help_text="Blank when not known"
    )
    needle_count = models.PositiveSmallIntegerField(null=True, blank=True)
    material = models.CharField(max_length=100, blank=True)
    lengths_mm = models.JSONField(
        "fixed lengths (mm)", default=list, blank=True, help_text="e.g. [0.25, 0.5]"
    )
    min_mm = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    max_mm = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    step_mm = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    head = models.CharField(max_length=24, choices=Head.choices, blank=True)
    fda_status = models.CharField(max_length=12, choices=FDA_CHOICES, default="unknown")
    fda_number = models.CharField(
        "510(k) or De Novo number", max_length=20, blank=True, help_text="e.g. K180778, DEN160029"
    )
    decision_date = models.DateField(null=True, blank=True)
    indication = models.TextField(blank=True)
    source_url = models.URLField(max_length=500, blank=True)
    is_generic = models.BooleanField(default=False)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["-is_generic", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["fda_number"],
                condition=~Q(fda_number=""),
                name="devices_catalogue_unique_fda_number",
            )
        ]

    def __str__(self) -> str:
        name = self.display_name
        return f"{name} ({self.fda_number})" if self.fda_number and self.name else name

    @property
    def display_name(self) -> str:
        return readable_name(self.name, self.maker, self.fda_number)

    @property
    def is_cleared(self) -> bool:
        """FDA cleared: listed as cleared and with the number that says so."""
        return self.fda_status == "cleared" and bool(self.fda_number)

    @property
    def shown_fda_status(self) -> str:
        if self.fda_status == "cleared" and not self.fda_number:
            return "unknown"
        return self.fda_status

    @property
    def duplicate_key(self) -> tuple[str, str]:
        """Same firm and name once case, punctuation and spaces are set aside."""
        return normalise(self.maker), normalise(self.display_name)

    @property
    def is_adjustable(self) -> bool:
        return self.step_mm is not None

    def available_lengths(self) -> list[float]:
        """Every length the device offers, shortest first; a range is expanded by its step."""
        if self.min_mm is None or self.max_mm is None or not self.step_mm or self.step_mm <= 0:
            return sorted({float(mm) for mm in self.lengths_mm or []})
        out, mm = [], Decimal(self.min_mm)
        while mm <= self.max_mm:
            out.append(float(mm))
            mm += Decimal(self.step_mm)
        return out

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if not isinstance(self.lengths_mm, list):
            errors["lengths_mm"] = ["Give the fixed lengths as a list, e.g. [0.25, 0.5]."]
        elif found := length_errors(self.lengths_mm):
            errors["lengths_mm"] = found
        errors.update(self._range_errors())
        if self.lengths_mm and self.step_mm is not None:
            errors.setdefault("step_mm", []).append(
                "Give either fixed lengths or an adjustable range, not both."
            )
        self.fda_number = self.fda_number.strip().upper()
        if self.fda_status == "cleared" and not self.fda_number:
            errors["fda_number"] = ["A cleared device needs its 510(k) or De Novo number."]
        if errors:
            raise ValidationError(errors)

    def _range_errors(self) -> dict[str, list[str]]:
        parts = {"min_mm": self.min_mm, "max_mm": self.max_mm, "step_mm": self.step_mm}
        if all(value is None for value in parts.values()):
            return {}
        missing = "An adjustable range needs a minimum, a maximum and a step."
        errors = {name: [missing] for name, value in parts.items() if value is None}
        if errors:
            return errors
        for name in ("min_mm", "max_mm"):
            if found := length_errors([parts[name]]):
                errors[name] = found
        if self.step_mm is not None and self.step_mm <= 0:
            errors["step_mm"] = ["The step must be more than 0 mm."]
        if not errors and self.min_mm > self.max_mm:  # type: ignore[operator]
            errors["max_mm"] = ["The maximum must not be below the minimum."]
        return errors


class OwnedDevice(models.Model):
    """A device a person has: picked from the catalogue, or described by them."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="devices"
    )
    catalogue = models.ForeignKey(
        CatalogueDevice, on_delete=models.PROTECT, null=True, blank=True, related_name="owned"
    )
    name = models.CharField(max_length=200, blank=True, help_text="For a device not in the list")
    kind = models.CharField(max_length=10, choices=KIND_CHOICES)
    lengths_mm = models.JSONField(default=list, blank=True)
    #: What the person says (custom devices): only `not_cleared` or `unknown` is ever shown;
    #: "FDA cleared" comes from a number found in the catalogue.
    fda_status = models.CharField(max_length=12, choices=FDA_CHOICES, default="unknown")
    fda_number_given = models.CharField(
        "510(k) or De Novo number",
        max_length=20,
        blank=True,
        help_text="For a device not in the list: shown as cleared only if the catalogue has it",
    )
    nickname = models.CharField(max_length=80, blank=True)
    added_at = models.DateTimeField(default=timezone.now)
    first_used_on = models.DateField(null=True, blank=True)
    #: Sessions (a later issue) count up; head changes remember the count at the change.
    uses = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-added_at", "-id"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def model_name(self) -> str:
        return self.catalogue.display_name if self.catalogue else self.name

    @property
    def display_name(self) -> str:
        return self.nickname or self.model_name

    @property
    def number_in_catalogue(self) -> bool:
        """The number the person gave belongs to a cleared catalogue entry. `devices_for`
        annotates it; otherwise it is looked up."""
        if not self.fda_number_given:
            return False
        found = getattr(self, "given_number_cleared", None)
        if found is None:
            found = (
                CatalogueDevice.objects.filter(
                    fda_number=self.fda_number_given, fda_status="cleared"
                )
                .exclude(fda_number="")
                .exists()
            )
        return bool(found)

    @property
    def effective_fda_status(self) -> str:
        """FDA cleared only when the device's number is in the catalogue as cleared."""
        if self.catalogue:
            return self.catalogue.shown_fda_status
        if self.number_in_catalogue:
            return "cleared"
        return "not_cleared" if self.fda_status == "not_cleared" else "unknown"

    @property
    def fda_number(self) -> str:
        """The number shown next to the status: the catalogue's, or the one given when the
        catalogue confirms it."""
        if self.catalogue:
            return self.catalogue.fda_number
        return self.fda_number_given if self.number_in_catalogue else ""

    def available_lengths(self) -> list[float]:
        """The lengths the person gave, else the catalogue's (empty when not known)."""
        if self.lengths_mm:
            return sorted({float(mm) for mm in self.lengths_mm})
        return self.catalogue.available_lengths() if self.catalogue else []

    @property
    def lengths_are_a_range(self) -> bool:
        """The lengths are the catalogue's adjustable range (shown as "adjustable a–b")."""
        return not self.lengths_mm and self.catalogue is not None and self.catalogue.is_adjustable

    @property
    def is_fixed_length(self) -> bool:
        return len(self.available_lengths()) == 1

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.catalogue_id is None:
            if not self.name.strip():
                errors["name"] = "Give the device a name, e.g. the one on its box."
            if not self.lengths_mm:
                errors["lengths_mm"] = "Give at least one needle length in mm, e.g. 0.25."
        if isinstance(self.lengths_mm, list) and (found := length_errors(self.lengths_mm)):
            errors["lengths_mm"] = " ".join(found)
        elif not isinstance(self.lengths_mm, list):
            errors["lengths_mm"] = "Give the lengths as a list of millimetres."
        if self.first_used_on and self.first_used_on > timezone.localdate():
            errors["first_used_on"] = "The first use cannot be in the future."
        self.fda_number_given = self.fda_number_given.strip().upper().replace(" ", "")
        if self.fda_number_given and not FDA_NUMBER.match(self.fda_number_given):
            errors["fda_number_given"] = (
                f"“{self.fda_number_given}” is not a 510(k) or De Novo number: they look like "
                "K180778 or DEN160029."
            )
        if self.catalogue_id is not None and self.fda_number_given:
            errors["fda_number_given"] = "A device from the list has its number from the list."
        if errors:
            raise ValidationError(errors)


class SterilisationRecord(models.Model):
    device = models.ForeignKey(OwnedDevice, on_delete=models.CASCADE, related_name="sterilisations")
    at = models.DateTimeField(default=timezone.now)
    method = models.CharField(max_length=120, default=STERILISATION_METHOD)
    minutes = models.PositiveSmallIntegerField(default=MIN_SOAK_MINUTES)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["device", "-at"])]

    def __str__(self) -> str:
        return f"{self.device} sterilised {self.at:%Y-%m-%d %H:%M}"


class HeadChange(models.Model):
    class Kind(models.TextChoices):
        HEAD = "head", "New head"
        CARTRIDGE = "cartridge", "New cartridge"

    device = models.ForeignKey(OwnedDevice, on_delete=models.CASCADE, related_name="head_changes")
    at = models.DateTimeField(default=timezone.now)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    uses_at_change = models.PositiveIntegerField(
        default=0, help_text="The device's use count when the head was changed"
    )

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["device", "-at"])]

    def __str__(self) -> str:
        return f"{self.device}: {self.get_kind_display()} {self.at:%Y-%m-%d}"
