"""One form per questionnaire step. Errors say which field and why, in words."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils import timezone

from needlewise.accounts.forms import ProfileForm
from needlewise.forms_util import DateInput, OurVoice
from needlewise.rules.vocab import AREAS, CONCERNS, PROCEDURE_KINDS
from needlewise.suitability.questions import AREA_WORDS, CONCERN_WORDS, PROCEDURE_WORDS, Step

_DATE = DateInput()


def _not_future(value: date | None) -> date | None:
    if value is not None and value > timezone.localdate():
        raise forms.ValidationError("This date is in the future.")
    return value


class AboutYouForm(OurVoice, forms.Form):
    birth_date = forms.DateField(label="Birth date", widget=_DATE)
    skin_type = ProfileForm.base_fields["skin_type"]

    def clean_birth_date(self) -> date:
        value: date = self.cleaned_data["birth_date"]
        if value > timezone.localdate():
            raise forms.ValidationError("A birth date cannot be in the future.")
        if value.year < 1900:
            raise forms.ValidationError("Please check the year: it is before 1900.")
        return value


class ConditionsForm(OurVoice, forms.Form):
    """Checkboxes for one step's condition codes; none ticked means none applies."""

    def __init__(self, step: Step, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["conditions"] = forms.MultipleChoiceField(
            label=step.title,
            choices=step.questions,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        if step.slug == "medicines":
            self.fields["isotretinoin_last_dose"] = forms.DateField(
                label="Date of your last isotretinoin dose",
                required=False,
                widget=_DATE,
                help_text="Only if you took it in the past. An approximate date is fine.",
            )

    def clean_isotretinoin_last_dose(self) -> date | None:
        return _not_future(self.cleaned_data.get("isotretinoin_last_dose"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        ticked = set(data.get("conditions") or [])
        if data.get("isotretinoin_last_dose") and "isotretinoin_past" not in ticked:
            self.add_error(
                "isotretinoin_last_dose",
                "Tick “I took isotretinoin in the past” to give its last dose.",
            )
        if {"isotretinoin_current", "isotretinoin_past"} <= ticked and data.get(
            "isotretinoin_last_dose"
        ):
            self.add_error("conditions", "You ticked both now and in the past: which is it?")
        return data


class ProceduresForm(OurVoice, forms.Form):
    """One optional date per kind of procedure: the most recent one."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in PROCEDURE_KINDS:
            self.fields[kind] = forms.DateField(
                label=PROCEDURE_WORDS.get(kind, kind),
                required=False,
                widget=_DATE,
                help_text="Date of the last one, if in the past year.",
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        year_ago = timezone.localdate() - timedelta(days=366)
        for kind in PROCEDURE_KINDS:
            value = data.get(kind)
            if value is None:
                continue
            if value > timezone.localdate():
                self.add_error(kind, "This date is in the future.")
            elif value < year_ago:
                data[kind] = None  # older than a year: no longer recent, nothing to weigh
        return data


class AreasForm(OurVoice, forms.Form):
    areas = forms.MultipleChoiceField(
        label="Areas",
        choices=[(a, AREA_WORDS.get(a, a)) for a in AREAS],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Pick at least one area."},
    )
    concerns = forms.MultipleChoiceField(
        label="What you hope to improve",
        choices=[(c, CONCERN_WORDS.get(c, c)) for c in CONCERNS],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Pick at least one thing to improve."},
    )


def form_for(step: Step, data: Any = None, initial: dict[str, Any] | None = None) -> forms.Form:
    if step.slug == "about-you":
        return AboutYouForm(data, initial=initial)
    if step.slug == "procedures":
        return ProceduresForm(data, initial=initial)
    if step.slug == "areas":
        return AreasForm(data, initial=initial)
    return ConditionsForm(step, data, initial=initial)
