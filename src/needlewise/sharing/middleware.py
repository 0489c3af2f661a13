"""Client records open only to professionals with a second factor (OWASP ASVS level 2 for
health data: multi-factor for privileged users)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from needlewise.accounts.factors import has_second_factor
from needlewise.accounts.services import user_for_token

#: Every page and API route that shows a client's record to a professional starts so, the
#: ones added later included.
CLIENT_RECORDS = ("/sharing/clients/", "/api/sharing/clients")
API_MESSAGE = (
    "Add a second factor (an authenticator app or a passkey) on your account's sign-in and "
    "security page before opening client records."
)


def _asking(request: HttpRequest) -> object:
    """The account behind the request: a personal API token, else the session."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() == "bearer" and token:
        return user_for_token(token.strip())
    return request.user


class ClientRecordsNeedSecondFactor:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.NEEDLEWISE_REQUIRE_PRO_SECOND_FACTOR and request.path.startswith(
            CLIENT_RECORDS
        ):
            user = _asking(request)
            if user is not None and user.is_authenticated and not has_second_factor(user):  # type: ignore[attr-defined]
                return self._refuse(request)
        return self.get_response(request)

    def _refuse(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": API_MESSAGE}, status=403)
        return render(request, "sharing/second_factor_needed.html", status=403)
