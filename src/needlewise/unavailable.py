"""When the database cannot be reached: a calm 503 (a page, or JSON for the API) with
Retry-After, never a stack trace; the next request after it is back is served as usual.

Django turns an exception into a 500 response inside every middleware layer, so one raised
while the session or the user is loaded (before any view runs) never reaches an outer
middleware as an exception. The `got_request_exception` signal, sent for each of them while the
exception is being handled, marks the request; this middleware, placed outside the session and
authentication middleware, then turns that 500 into a 503. Exceptions raised in views arrive
directly, through `process_exception`.

Connections recover by themselves: Django closes a connection that failed at the end of the
request, and with persistent connections (CONN_MAX_AGE > 0) CONN_HEALTH_CHECKS replaces one
that died while idle, so nothing needs a restart."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from typing import Any

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import escape_leading_slashes

log = logging.getLogger(__name__)

#: Seconds a client is asked to wait before trying again ("try again in a minute").
RETRY_AFTER = 60
#: The database is down, unreachable, or dropped the connection (psycopg and sqlite3 alike).
UNAVAILABLE = (OperationalError, InterfaceError)
API_DETAIL = "We can't reach our database right now. Please try again in a minute."
_MARK = "_needlewise_database_unavailable"


def _mark_request(sender: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, UNAVAILABLE):
        setattr(request, _MARK, error)


def _wants_json(request: HttpRequest) -> bool:
    return request.path.startswith(reverse("api:api-root")) or request.path == reverse("healthz")


def _content(request: HttpRequest) -> tuple[bytes, str]:
    if _wants_json(request):
        return json.dumps({"detail": API_DETAIL}).encode(), "application/json"
    # Rendered without the request: context processors (the user, messages) read the database.
    # "Try again" reloads the page; escaped so that a path like //elsewhere stays on this site.
    again = escape_leading_slashes(request.get_full_path()) if request.method == "GET" else "/"
    html = render_to_string("503.html", {"again": again})
    return html.encode(), "text/html; charset=utf-8"


def _make_unavailable(request: HttpRequest, response: HttpResponse, error: Exception) -> None:
    log.warning("database unavailable (%s %s): %s", request.method, request.path, error)
    response.content, response["Content-Type"] = _content(request)
    response.status_code = 503
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(response.content))


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        got_request_exception.connect(_mark_request, dispatch_uid=__name__)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        error = getattr(request, _MARK, None)
        if error is not None and response.status_code >= 500 and not response.streaming:
            # The 500 made inside keeps every header the middleware gave it (CSP, framing).
            _make_unavailable(request, response, error)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, UNAVAILABLE):
            return None
        response = HttpResponse()
        _make_unavailable(request, response, exception)
        return response
