"""Small helpers shared by the apps' views."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, QueryDict
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
