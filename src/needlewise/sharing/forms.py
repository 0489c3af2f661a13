"""Forms for sharing. Each says which field is wrong and why, in words."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from needlewise.forms_util import OurVoice
from needlewise.products.models import CATEGORY_CHOICES
from needlewise.rules import labels
from needlewise.rules.vocab import AREAS
from needlewise.sharing.models import DEFAULT_DAYS, MAX_DAYS, Grant, Scope
from needlewise.sharing.services import MAX_INTERVAL_DAYS, MAX_PRO_MM, MIN_PRO_MM


def area_label(area: str) -> str:
    return labels.label(area, "area")


class InviteForm(OurVoice, forms.Form):
    email = forms.EmailField(
        label="Your professional's e-mail address",
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        help_text="We send them a link. They can create an account from it.",
    )
    scopes = forms.MultipleChoiceField(
        label="What they may see",
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Tick at least one thing to share."},
        help_text="Nothing is ticked for you: choose only what they need.",
    )
    days = forms.IntegerField(
        label="For how many days",
        min_value=1,
        max_value=MAX_DAYS,
        initial=DEFAULT_DAYS,
        help_text=f"From 1 to {MAX_DAYS} days, counted from when they accept. "
        "You can end it sooner at any time.",
        error_messages={
            "min_value": "Give at least 1 day.",
            "max_value": f"Give at most {MAX_DAYS} days.",
            "invalid": "Give a whole number of days.",
            "required": "Say for how many days.",
        },
    )


class ProfessionalForm(OurVoice, forms.Form):
    profession = forms.CharField(
        label="Your profession",
        max_length=100,
        help_text="Shown to the people who share with you, e.g. dermatologist, aesthetic nurse.",
        error_messages={"required": "Say what your profession is."},
    )
    registration_number = forms.CharField(
        label="Registration number",
        max_length=60,
        required=False,
        help_text="Your professional register number. A site admin may check it and mark you "
        "verified; until then clients see it as self-declared.",
    )


class NoteForm(OurVoice, forms.Form):
    body = forms.CharField(
        label="Note for your client",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Your client reads this on their sharing page.",
        error_messages={"required": "Write the note."},
    )


class LimitsForm(OurVoice, forms.Form):
    """A needle cap per area (optional each) and a minimum interval."""

    min_interval_days = forms.IntegerField(
        label="Minimum days between sessions",
        required=False,
        min_value=1,
        max_value=MAX_INTERVAL_DAYS,
        help_text="Leave empty for the usual interval. A longer interval only ever adds days.",
        error_messages={
            "min_value": "Give at least 1 day.",
            "max_value": f"Give at most {MAX_INTERVAL_DAYS} days.",
            "invalid": "Give a whole number of days.",
        },
    )

    def __init__(self, *args, grant: Grant | None = None, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        for area in AREAS:
            self.fields[f"mm_{area}"] = forms.DecimalField(
                label=f"{area_label(area)}: longest needle (mm)",
                required=False,
                min_value=MIN_PRO_MM,
                max_value=MAX_PRO_MM,
                decimal_places=2,
                error_messages={
                    "min_value": f"Give at least {MIN_PRO_MM} mm.",
                    "max_value": f"At home the most is {MAX_PRO_MM} mm, even with your limit.",
                    "invalid": "Give a length in mm, e.g. 0.5.",
                },
                widget=forms.NumberInput(attrs={"step": "0.05", "inputmode": "decimal"}),
            )
        if grant is not None and not self.is_bound:
            self.initial["min_interval_days"] = grant.min_interval_days
            for area, mm in grant.needle_mm_by_area.items():
                self.initial[f"mm_{area}"] = Decimal(str(mm))

    @property
    def area_fields(self) -> list[forms.BoundField]:
        return [self[f"mm_{area}"] for area in AREAS]

    def caps(self) -> dict[str, object]:
        return {a: self.cleaned_data.get(f"mm_{a}") for a in AREAS}


class AvoidForm(OurVoice, forms.Form):
    category = forms.ChoiceField(
        label="A category to avoid",
        required=False,
        choices=[("", "None")] + CATEGORY_CHOICES,
    )
    ingredient = forms.CharField(label="Or one ingredient to avoid", required=False, max_length=200)
    note = forms.CharField(label="Why (shown to your client)", required=False, max_length=300)

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean() or {}
        if bool(data.get("category")) == bool((data.get("ingredient") or "").strip()):
            raise forms.ValidationError("Choose a category or write one ingredient, not both.")
        return data


class ClearForm(OurVoice, forms.Form):
    note = forms.CharField(
        label="What you found (shown to your client)",
        required=False,
        max_length=800,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
