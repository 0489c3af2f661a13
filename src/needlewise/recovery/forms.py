"""The check-in form: under 30 seconds on a phone. Errors say which field and why, in words."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from needlewise.forms_util import OurVoice
from needlewise.rules import followup, labels
from needlewise.rules.knowledge import knowledge
from needlewise.rules.vocab import AREAS, BLEEDING

#: Each redness grade described as it looks, never as a diagnosis.
REDNESS = [
    (0, "None", "Your skin looks its usual colour."),
    (1, "Mild", "Light pink, like a mild blush."),
    (2, "Clear redness", "Clearly red, like a sunburn that stings a little."),
    (3, "Strong", "Deep red, and the skin feels hot or sore."),
]
BLEEDING_WORDS = {
    "none": "None",
    "pinpoint": "Tiny pinpoint dots that stopped by themselves",
    "persistent": "More than pinpoint dots, or bleeding that keeps going",
}
PAIN_HINT = "0 none · 1–3 mild · 4–6 moderate · 7–10 severe, the worst you can imagine at 10."
#: Plausible body temperatures: anything outside is a typing slip, not a reading.
FEVER_RANGE = {"c": (Decimal(34), Decimal(43)), "f": (Decimal(93), Decimal(110))}


def symptom_choices() -> list[tuple[str, str]]:
    words = knowledge()["triage"]["symptoms"]
    return [(code, str(text)[0].upper() + str(text)[1:]) for code, text in words.items()]


class CheckInForm(OurVoice, forms.Form):
    redness = forms.TypedChoiceField(
        label="How red is the treated skin?",
        coerce=int,
        choices=[(grade, name) for grade, name, _ in REDNESS],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose how red your skin is, from 0 (none) to 3.",
            "invalid_choice": "Redness goes from 0 (none) to 3 (strong): choose one of them.",
        },
    )
    pain = forms.IntegerField(
        label="Pain or soreness, 0 to 10",
        min_value=0,
        max_value=10,
        help_text=PAIN_HINT,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": 10}),
        error_messages={
            "required": "Enter your pain from 0 (none) to 10 (worst).",
            "invalid": "Enter pain as a whole number from 0 to 10.",
            "min_value": "Pain goes from 0 (none) to 10 (worst): enter 0 or more.",
            "max_value": "Pain goes from 0 (none) to 10 (worst): enter 10 or less.",
        },
    )
    bleeding = forms.ChoiceField(
        label="Bleeding since the session",
        choices=[(b, BLEEDING_WORDS.get(b, b)) for b in BLEEDING],
        initial="none",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether there was any bleeding."},
    )
    fever = forms.DecimalField(
        label="Temperature",
        required=False,
        max_digits=5,
        decimal_places=1,
        help_text="Only if you measured it.",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={
            "invalid": "Enter the temperature as a number, e.g. 37.2.",
            "max_decimal_places": "Enter the temperature with one decimal at most, e.g. 37.2.",
            "max_digits": "Enter the temperature as a number, e.g. 37.2.",
        },
    )
    symptoms = forms.MultipleChoiceField(
        label="Anything else you notice?",
        required=False,
        choices=symptom_choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick all that apply. Leave empty if none.",
        error_messages={"invalid_choice": "“%(value)s” is not one of the signs listed here."},
    )
    notes = forms.CharField(
        label="Notes",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Anything you want to remember or show a professional.",
    )

    def __init__(self, *args: Any, units: str = "metric", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scale = "f" if units == "us" else "c"
        low, high = FEVER_RANGE[self.scale]
        field = self.fields["fever"]
        field.label = f"Temperature (°{self.scale.upper()})"
        field.help_text = (
            f"Only if you measured it, in °{self.scale.upper()} "
            f"(your profile’s units), e.g. {'99.1' if self.scale == 'f' else '37.3'}."
        )
        field.widget.attrs["placeholder"] = f"e.g. {'98.6' if self.scale == 'f' else '37.0'}"
        self.fever_range = (low, high)

    def clean_fever(self) -> float | None:
        value: Decimal | None = self.cleaned_data.get("fever")
        if value is None:
            return None
        low, high = self.fever_range
        unit = f"°{self.scale.upper()}"
        if not low <= value <= high:
            raise forms.ValidationError(
                f"{value} {unit} is not a body temperature: enter one between {low} and "
                f"{high} {unit}, or leave it empty."
            )
        celsius = (value - 32) * 5 / 9 if self.scale == "f" else value
        return round(float(celsius), 1)

    def service_data(self) -> dict[str, Any]:
        """What `services.record_checkin` takes: fever always in °C."""
        data = self.cleaned_data
        return {
            "redness": data["redness"],
            "pain": data["pain"],
            "bleeding": data["bleeding"],
            "fever_c": data["fever"],
            "symptoms": list(data["symptoms"]),
            "notes": data["notes"],
        }

    def symptom_groups(self) -> list[tuple[str, list[Any]]]:
        """The symptom boxes in two groups: the usual signs of healing first, then the others."""
        usual = set(knowledge()["triage"]["expected_symptoms"])
        boxes = list(self["symptoms"])
        return [
            ("Usual while healing", [b for b in boxes if b.data["value"] in usual]),
            ("Less usual", [b for b in boxes if b.data["value"] not in usual]),
        ]

    def redness_cards(self) -> list[dict[str, Any]]:
        """The redness radios with their plain descriptions, for the big cards."""
        described = {grade: (name, text) for grade, name, text in REDNESS}
        cards = []
        for radio in self["redness"]:
            grade = int(radio.data["value"])
            name, text = described[grade]
            cards.append({"radio": radio, "grade": grade, "name": name, "text": text})
        return cards


class ClearForm(OurVoice, forms.Form):
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Optional: who you saw and what they said.",
    )


class CheckinPhotoForm(OurVoice, forms.Form):
    """The optional photo of a check-in (prefix="photo"; the template is progress's
    `_checkin_photo.html`): progress stores it through `events.checkin_recorded`."""

    image = forms.FileField(
        label="Photo of the area",
        required=False,
        help_text="Optional. Measured redness is shown beside your own grade.",
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )
    area = forms.ChoiceField(
        label="Area in the photo",
        choices=[(a, labels.label(a, "area")) for a in AREAS],
        required=False,
    )


class LateCheckInForm(OurVoice, forms.Form):
    """The two late questions (POLICY.md section 8), each a required yes or no."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, question in followup.questions().items():
            self.fields[code] = forms.TypedChoiceField(
                label=question,
                coerce=lambda v: v == "yes",
                choices=[("no", "No"), ("yes", "Yes")],
                widget=forms.RadioSelect,
                error_messages={
                    "required": f"Answer yes or no: {question}",
                    "invalid_choice": f"Answer yes or no: {question}",
                },
            )

    def answers(self) -> dict[str, bool]:
        """The answers as the service takes them."""
        return {code: bool(self.cleaned_data[code]) for code in followup.questions()}
