"""Small helpers shared by the apps' views."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, QueryDict

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
