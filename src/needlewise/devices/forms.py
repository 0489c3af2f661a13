"""Forms for devices. Each says which field is wrong and why, in words."""

from __future__ import annotations

from django import forms

from needlewise.devices.models import FDA_WORDS, KIND_CHOICES, CatalogueDevice, OwnedDevice
from needlewise.forms_util import DateInput, OurVoice
from needlewise.rules.devices import MIN_SOAK_MINUTES
from needlewise.rules.errors import InputError

KIND_HELP = "A roller has a rolling drum, a stamp presses straight down, a pen is motorised."
LENGTHS_HELP = "Every length it offers, separated by commas, e.g. 0.25 or 0.25, 0.5, 0.75."
NO_LENGTH = "Give at least one needle length in mm, e.g. 0.25."
#: A person can say a device is not cleared, or that they do not know; "FDA cleared" is shown
#: only when its number is in the catalogue.
SAID_FDA_CHOICES = [(status, FDA_WORDS[status]) for status in ("unknown", "not_cleared")]
NUMBER_HELP = (
    "If the box or the maker gives a 510(k) or De Novo number (like K180778 or DEN160029), type "
    "it here. We show a device as FDA cleared only when its number is in the FDA list."
)


def parse_lengths(raw: str) -> list[float]:
    """ "0.25, 0.5 mm" -> [0.25, 0.5]; a word that is not a number is named."""
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
    return values


def lengths_text(values: list[float]) -> str:
    return ", ".join(f"{mm:g}" for mm in values)


def kind_field(**kwargs: object) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=kwargs.pop("label", "Kind of device"),  # type: ignore[arg-type]
        choices=KIND_CHOICES,
        widget=forms.RadioSelect,
        help_text=KIND_HELP,
        error_messages={"required": "Choose roller, stamp or pen."},
        **kwargs,  # type: ignore[arg-type]
    )


class LengthsField(forms.CharField):
    """Needle lengths typed as "0.25, 0.5"; cleaned to a list of floats."""

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("label", "Needle lengths (mm)")
        kwargs.setdefault("help_text", LENGTHS_HELP)
        kwargs.setdefault("error_messages", {"required": NO_LENGTH})
        super().__init__(max_length=200, **kwargs)  # type: ignore[arg-type]

    def clean(self, value: object) -> list[float]:  # type: ignore[override]
        values = parse_lengths(super().clean(value) or "")
        if self.required and not values:
            raise forms.ValidationError(NO_LENGTH)
        return values


def add_service_error(
    form: forms.Form, error: InputError, aliases: dict[str, str] | None = None
) -> None:
    """Show a service's refusal on the field it names (or at the top of the form)."""
    field = (aliases or {}).get(error.field, error.field)
    field = field if field in form.fields else None
    form.add_error(field, error.message)


class CatalogueSearchForm(OurVoice, forms.Form):
    q = forms.CharField(
        label="Search by name, maker or 510(k) number", required=False, max_length=100
    )


class CatalogueAddForm(OurVoice, forms.Form):
    catalogue_id = forms.ModelChoiceField(
        queryset=CatalogueDevice.objects.all(),
        widget=forms.HiddenInput,
        error_messages={
            "required": "Choose a device from the list.",
            "invalid_choice": "That device is not in the list any more: choose another.",
        },
    )
    kind = kind_field(label="Which kind is it?", required=False)
    lengths = LengthsField(
        required=False,
        help_text=f"{LENGTHS_HELP} Leave it empty if you do not know them yet: you can add "
        "them later on the device page, and a plan needs them.",
    )
    nickname = forms.CharField(label="Nickname", max_length=80, required=False)

    @classmethod
    def for_entry(cls, entry: CatalogueDevice, data: object = None) -> CatalogueAddForm:
        """The form prefilled with what the catalogue knows of this entry."""
        initial = {"catalogue_id": entry.pk, "kind": entry.kind or None}
        if lengths := entry.available_lengths():
            initial["lengths"] = lengths_text(lengths)
        return cls(data, initial=initial)  # type: ignore[arg-type]


class CustomDeviceForm(OurVoice, forms.Form):
    name = forms.CharField(
        label="Device name",
        max_length=200,
        help_text="As printed on the box, e.g. “0.25 mm roller”.",
    )
    kind = kind_field()
    lengths = LengthsField()
    fda_status = forms.ChoiceField(
        label="FDA status",
        choices=SAID_FDA_CHOICES,
        initial="unknown",
        widget=forms.RadioSelect,
        help_text="FDA-cleared devices are in the list: pick yours there if you can.",
    )
    fda_number = forms.CharField(
        label="510(k) or De Novo number", max_length=20, required=False, help_text=NUMBER_HELP
    )
    nickname = forms.CharField(label="Nickname", max_length=80, required=False)
    first_used_on = forms.DateField(
        label="First used on",
        required=False,
        widget=DateInput(),
        help_text="Leave empty if you have not used it yet.",
    )


class DeviceEditForm(OurVoice, forms.Form):
    """What a person can change about a device they own. A device from the list keeps the
    list's name and FDA details; a described one can change those too."""

    name = forms.CharField(
        label="Device name",
        max_length=200,
        help_text="As printed on the box.",
        error_messages={"required": "Give the device a name, e.g. the one on its box."},
    )
    kind = kind_field()
    lengths = LengthsField()
    nickname = forms.CharField(label="Nickname", max_length=80, required=False)
    fda_status = forms.ChoiceField(
        label="FDA status",
        choices=SAID_FDA_CHOICES,
        widget=forms.RadioSelect,
        help_text="FDA-cleared devices are in the list: pick yours there if you can.",
    )
    fda_number = forms.CharField(
        label="510(k) or De Novo number", max_length=20, required=False, help_text=NUMBER_HELP
    )

    def __init__(self, device: OwnedDevice, data: object = None) -> None:
        initial = {
            "name": device.name,
            "kind": device.kind,
            "lengths": lengths_text(device.available_lengths()),
            "nickname": device.nickname,
            "fda_status": "not_cleared" if device.fda_status == "not_cleared" else "unknown",
            "fda_number": device.fda_number_given,
        }
        super().__init__(data, initial=initial)  # type: ignore[arg-type]
        if device.catalogue_id is not None:
            for name in ("name", "fda_status", "fda_number"):
                del self.fields[name]
            self.fields["lengths"].required = False
            self.fields[
                "lengths"
            ].help_text = (
                f"{LENGTHS_HELP} Leave it empty to use the list's lengths, if it has them."
            )


class SterilisationForm(OurVoice, forms.Form):
    minutes = forms.IntegerField(
        label="Minutes in the alcohol",
        min_value=0,
        max_value=600,
        initial=MIN_SOAK_MINUTES,
        help_text=f"At least {MIN_SOAK_MINUTES} minutes.",
        error_messages={"required": "Say how many minutes it soaked."},
    )
