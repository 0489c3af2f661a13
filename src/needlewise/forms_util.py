"""Small helpers shared by the apps' views."""

from __future__ import annotations

from django.http import HttpRequest, QueryDict


def posted(request: HttpRequest) -> QueryDict | None:
    """The POST data to bind a form to, or None on GET.

    Not `request.POST or None`: a POST with nothing ticked is empty, hence falsy, and would leave
    the form unbound, so it could never validate."""
    return request.POST if request.method == "POST" else None
