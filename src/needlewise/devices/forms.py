"""Forms for devices. Each says which field is wrong and why, in words."""

from __future__ import annotations

from django import forms

from needlewise.devices.models import FDA_CHOICES, KIND_CHOICES, CatalogueDevice
from needlewise.rules.devices import MIN_SOAK_MINUTES
from needlewise.rules.errors import InputError

KIND_HELP = "A roller has a rolling drum, a stamp presses straight down, a pen is motorised."


def add_service_error(
    form: forms.Form, error: InputError, aliases: dict[str, str] | None = None
) -> None:
    """Show a service's refusal on the field it names (or at the top of the form)."""
    field = (aliases or {}).get(error.field, error.field)
    field = field if field in form.fields else None
    form.add_error(field, error.message)


class CatalogueSearchForm(forms.Form):
    q = forms.CharField(
        label="Search by name, maker or 510(k) number", required=False, max_length=100
    )


class CatalogueAddForm(forms.Form):
    catalogue_id = forms.ModelChoiceField(
        queryset=CatalogueDevice.objects.all(),
        widget=forms.HiddenInput,
        error_messages={
            "required": "Choose a device from the list.",
            "invalid_choice": "That device is not in the list any more: choose another.",
        },
    )
    kind = forms.ChoiceField(
        label="Which kind is it?",
        choices=KIND_CHOICES,
        required=False,
        widget=forms.RadioSelect,
        help_text=f"The list does not say, so please tell us. {KIND_HELP}",
    )


class CustomDeviceForm(forms.Form):
    name = forms.CharField(
        label="Device name",
        max_length=200,
        help_text="As printed on the box, e.g. “0.25 mm roller”.",
    )
    kind = forms.ChoiceField(
        label="Kind of device",
        choices=KIND_CHOICES,
        widget=forms.RadioSelect,
        help_text=KIND_HELP,
        error_messages={"required": "Choose roller, stamp or pen."},
    )
    lengths = forms.CharField(
        label="Needle lengths (mm)",
        max_length=200,
        help_text="Every length it offers, separated by commas, e.g. 0.25 or 0.25, 0.5, 0.75.",
        error_messages={"required": "Give at least one needle length in mm, e.g. 0.25."},
    )
    fda_status = forms.ChoiceField(
        label="FDA status",
        choices=FDA_CHOICES,
        initial="unknown",
        widget=forms.RadioSelect,
        help_text="Cleared devices have a 510(k) or De Novo number: pick those from the list.",
    )
    nickname = forms.CharField(label="Nickname", max_length=80, required=False)
    first_used_on = forms.DateField(
        label="First used on",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Leave empty if you have not used it yet.",
    )

    def clean_lengths(self) -> list[float]:
        raw = self.cleaned_data["lengths"]
        values = []
        for part in raw.replace(";", ",").split(","):
            part = part.strip().removesuffix("mm").strip()
            if not part:
                continue
            try:
                values.append(float(part))
            except ValueError:
                raise forms.ValidationError(
                    f"“{part}” is not a number: write lengths like 0.25, 0.5."
                ) from None
        if not values:
            raise forms.ValidationError("Give at least one needle length in mm, e.g. 0.25.")
        return values


class SterilisationForm(forms.Form):
    minutes = forms.IntegerField(
        label="Minutes in the alcohol",
        min_value=0,
        max_value=600,
        initial=MIN_SOAK_MINUTES,
        help_text=f"At least {MIN_SOAK_MINUTES} minutes.",
        error_messages={"required": "Say how many minutes it soaked."},
    )
