"""Small helpers shared by the apps' views."""

from __future__ import annotations

import re
from datetime import date
from typing import ClassVar

from django import forms
from django.http import HttpRequest, QueryDict
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from needlewise.rules.errors import InputError


def posted(request: HttpRequest) -> QueryDict | None:
    """The POST data to bind a form to, or None on GET.

    Not `request.POST or None`: a POST with nothing ticked is empty, hence falsy, and would leave
    the form unbound, so it could never validate."""
    return request.POST if request.method == "POST" else None


def add_service_error(form: forms.Form, error: InputError) -> None:
    """Show a service's refusal on the field it names (or at the top of the form)."""
    name = error.field.rsplit(".", 1)[-1]
    field = error.field if error.field in form.fields else name if name in form.fields else None
    message = error.message[:1].upper() + error.message[1:]
    form.add_error(field, message if message.endswith(".") else f"{message}.")


def next_step(request: HttpRequest) -> str | None:
    """The posted `next` page (the guided first use's following step), when it is one of ours:
    a local path only, never another site."""
    wanted = request.POST.get("next", "")
    if wanted.startswith("/") and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts=None, require_https=False
    ):
        return wanted
    return None


class DateInput(forms.DateInput):
    """A date picker whose value is ISO (2026-12-02), the only form `type=date` accepts.

    A localised value ("02/12/2026") is dropped by the browser, leaving the field empty, so a
    form that looked filled in came back with "required". Every form's date field uses this."""

    input_type = "date"

    def __init__(self, attrs: dict[str, object] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


def not_after_today(value: date | None) -> None:
    """A validator: a day that has not come yet in the person's own time zone is refused."""
    if value is not None and value > timezone.localdate():
        raise forms.ValidationError(
            "This date is in the future: choose today or an earlier day.", code="future"
        )


#: Django's default messages ("Ensure this value is less than or equal to 0.25.") in the
#: product's own words. A field's own `error_messages` stay: only Django's defaults are replaced.
#: The `{unit}` is the form's `units` entry for the field (" mm"), or nothing.
VOICE: dict[str, str] = {
    "required": "Please fill this in.",
    "invalid_choice": "Choose one of the options offered.",
    "invalid_pk_value": "Choose one of the options offered.",
    "max_value": "Choose %(limit_value)s{unit} or less.",
    "min_value": "Choose %(limit_value)s{unit} or more.",
    "step_size": "Use steps of %(limit_value)s{unit}.",
    "max_length": "Use at most %(limit_value)d characters (this has %(show_value)d).",
    "min_length": "Use at least %(limit_value)d characters (this has %(show_value)d).",
    "max_digits": "Use at most %(max)s digits.",
    "max_decimal_places": "Use at most %(max)s decimal places.",
    "max_whole_digits": "Use at most %(max)s digits before the decimal point.",
}
#: "invalid" depends on what the field holds; the first kind the field is wins.
INVALID: tuple[tuple[type[forms.Field], str], ...] = (
    (forms.DateField, "That is not a date: pick one from the calendar, or type it as 2026-12-02."),
    (forms.TimeField, "That is not a time: type it as 21:30."),
    (forms.DecimalField, "Give a number, such as 0.5."),  # before IntegerField, their base
    (forms.FloatField, "Give a number, such as 0.5."),
    (forms.IntegerField, "Give a whole number, such as 4."),
    (forms.EmailField, "Give an e-mail address, such as name@example.com."),
    (forms.URLField, "Give a web address, such as https://example.com."),
)
#: Django's messages that come from a validator, not the field's own defaults.
_VALIDATOR_CODES = (
    "max_value",
    "min_value",
    "step_size",
    "max_length",
    "min_length",
    "max_digits",
    "max_decimal_places",
    "max_whole_digits",
    "invalid",  # an e-mail or web address is checked by its validator
)


def _django_defaults(field: forms.Field) -> dict[str, str]:
    defaults: dict[str, str] = {}
    for cls in reversed(type(field).__mro__):
        defaults.update({k: str(v) for k, v in getattr(cls, "default_error_messages", {}).items()})
    return defaults


def voice(field: forms.Field, unit: str = "") -> None:
    """Put the product's words in place of Django's defaults on one field (idempotent)."""
    if getattr(field, "_voiced", False):
        return
    defaults = _django_defaults(field)
    ours = dict(VOICE)
    for kind, words in INVALID:
        if isinstance(field, kind):
            ours["invalid"] = words
            break
    if isinstance(field, forms.FileField):
        ours["required"] = "Choose a file."
    elif isinstance(field, forms.BooleanField):
        ours["required"] = "Tick this to go on."
    elif isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        ours["required"] = "Please choose one."
    for code, words in ours.items():
        words = words.replace("{unit}", f" {unit}" if unit else "")
        current = field.error_messages.get(code)
        if (current is None and code in _VALIDATOR_CODES) or (
            current is not None and str(current) == defaults.get(code)
        ):
            field.error_messages[code] = words
    field._voiced = True  # type: ignore[attr-defined]


_LABEL_UNIT = re.compile(r"\((mm|cm|minutes|hours|days|months)\)$")


def _unit(field: forms.Field) -> str:
    """The unit a label ends with ("Needle length (mm)"), so a bound reads "0.25 mm"."""
    found = _LABEL_UNIT.search(str(field.label or ""))
    return found.group(1) if found else ""


class OurVoice:
    """A form mixin: every field's error messages in the product's voice, fields added in
    `__init__` too (they are voiced as the form is cleaned). `units` names a field's unit where
    its label does not end with it."""

    units: ClassVar[dict[str, str]] = {}

    fields: dict[str, forms.Field]

    def full_clean(self) -> None:
        for name, field in self.fields.items():
            voice(field, self.units.get(name) or _unit(field))
        super().full_clean()  # type: ignore[misc]
