"""Small helpers shared by the apps' views."""

from __future__ import annotations

from datetime import date

from django import forms
from django.http import HttpRequest, QueryDict
from django.utils import timezone

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
