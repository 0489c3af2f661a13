"""Answers that may hold personal data are never stored by a browser or a proxy.

Only the file views said so before; a page of a signed-in person (their plan, their check-ins),
an API answer to a token and a page reached by a link with a secret in it (unsubscribe, an
invitation, a password reset) stayed in the browser's cache and any shared cache on the way.
Public pages for anonymous visitors (home, /rules/, the library) and static files stay
cacheable; a view that chose its own Cache-Control (the calendar feed) keeps it."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

PRIVATE = "private, no-store"


def is_personal(request: HttpRequest, response: HttpResponse) -> bool:
    """True when the answer may be about one person: the request carries a session or a token
    (also a refused one: a 401 is nobody's business either), or the address holds a secret."""
    if "HTTP_AUTHORIZATION" in request.META:
        return True
    cookie = settings.SESSION_COOKIE_NAME
    if cookie in request.COOKIES or cookie in response.cookies:
        return True
    match = getattr(request, "resolver_match", None)
    return bool(match and "token" in match.kwargs)


class PrivateCacheMiddleware:
    """`Cache-Control: private, no-store` on personal answers that did not set their own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not response.has_header("Cache-Control") and is_personal(request, response):
            response["Cache-Control"] = PRIVATE
        return response
