"""The passkey ceremonies as small JSON endpoints for static/js/passkeys.js."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from needlewise.accounts import factors, passkeys
from needlewise.accounts.models import User
from needlewise.accounts.security_views import SHOW_CODES, confirmed

_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _json(text: str) -> HttpResponse:
    return HttpResponse(text, content_type="application/json")


def _refused(error: passkeys.PasskeyRefused, status: int = 400) -> JsonResponse:
    return JsonResponse({"detail": str(error)}, status=status)


@login_required
@require_POST
def register_options(request: HttpRequest) -> HttpResponse:
    return _json(passkeys.registration_options(request, request.user))  # type: ignore[arg-type]


@login_required
@require_POST
def register(request: HttpRequest) -> JsonResponse:
    try:
        data = passkeys.parse(request.body)
        codes = passkeys.register(
            request,
            request.user,
            data.get("credential"),
            str(data.get("name", "")),  # type: ignore[arg-type]
        )
    except passkeys.PasskeyRefused as error:
        return _refused(error)
    messages.success(request, "Passkey added. You can now log in with it.")
    if codes:
        request.session[SHOW_CODES] = codes
        return JsonResponse({"redirect": reverse("accounts:recovery_codes")})
    return JsonResponse({"redirect": reverse("accounts:security")})


def _pending_user(request: HttpRequest) -> User | None:
    state = factors.pending(request)
    return state[0] if state else None


@require_POST
def login_options(request: HttpRequest) -> HttpResponse:
    """After the password: that account's passkeys; on the log-in page: any passkey here."""
    return _json(passkeys.authentication_options(request, _pending_user(request)))


def _next(request: HttpRequest, wanted: object) -> str:
    state = factors.pending(request)
    if state is not None:
        return state[2]
    if isinstance(wanted, str) and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return resolve_url("home")


@require_POST
def log_in(request: HttpRequest) -> JsonResponse:
    """A passkey after the password, or alone: it needs the PIN or biometrics, so alone it is
    still two factors (the device, and who unlocks it)."""
    user = _pending_user(request)
    try:
        data = passkeys.parse(request.body)
        who = passkeys.authenticate(request, data.get("credential"), user)
    except passkeys.PasskeyRefused as error:
        if user is not None and factors.pending_failed(request):
            return JsonResponse({"detail": "Too many tries. Please log in again."}, status=400)
        return _refused(error)
    target = _next(request, data.get("next"))
    factors.end_pending(request)
    login(request, who, backend=_BACKEND)
    return JsonResponse({"redirect": target})


@login_required
@require_POST
def confirm_options(request: HttpRequest) -> HttpResponse:
    """For the confirm page: a fresh passkey instead of a code."""
    return _json(passkeys.authentication_options(request, request.user))  # type: ignore[arg-type]


@login_required
@require_http_methods(["GET", "POST"])
def remove(request: HttpRequest, passkey_id: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    passkey = user.passkeys.filter(pk=passkey_id).first()
    if passkey is None:
        return render(request, "404.html", status=404)

    def act(user: User) -> str:
        passkeys.remove(user, passkey_id)
        return f"Passkey “{passkey.name}” removed."

    return confirmed(request, f"Remove the passkey “{passkey.name}”", "Remove the passkey", act)
