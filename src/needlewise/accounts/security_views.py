"""Log-in with a second factor, and the page where a person manages their factors."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from needlewise.accounts import factors, lockout
from needlewise.accounts.forms import AppCodeForm, ConfirmForm, LoginForm, SecondFactorForm
from needlewise.accounts.models import TotpDevice, User
from needlewise.forms_util import posted

_NEW_SECRET = "nw_totp_secret"  # noqa: S105  (a session key, not a secret)
SHOW_CODES = "nw_show_recovery_codes"


class LoginView(auth_views.LoginView):
    """The password first; an account with a second factor is asked for it before it is in."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        user = form.get_user()
        if not factors.has_second_factor(user):
            response = super().form_valid(form)
            lockout.remember_device(self.request, response, user.email)
            return response
        factors.start_pending(self.request, user, self.get_success_url())
        return redirect("accounts:login_factor")

    def form_invalid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        """429 with Retry-After while the account or the address must wait (accounts.lockout)."""
        response = super().form_invalid(form)
        return response if form.refused is None else form.refused.answer(response)


def _pending_or_restart(request: HttpRequest) -> tuple[User, str, str] | HttpResponse:
    state = factors.pending(request)
    if state is None:
        messages.info(request, "Please log in again: that sign-in took too long or was ended.")
        return redirect("accounts:login")
    return state


@require_http_methods(["GET", "POST"])
def login_factor(request: HttpRequest) -> HttpResponse:
    """Second step of the log-in: an app code or a recovery code (used up by passing)."""
    state = _pending_or_restart(request)
    if isinstance(state, HttpResponse):
        return state
    user, backend, next_url = state
    form = SecondFactorForm(posted(request))
    if request.method == "POST" and form.is_valid():
        checked = factors.check_code(user, form.cleaned_data["code"])
        if checked is not None:
            factors.end_pending(request)
            login(request, user, backend=backend)
            if checked.kind == "recovery":
                _say_codes_left(request, user)
            response = redirect(next_url)
            lockout.remember_device(request, response, user.email)
            return response
        if factors.pending_failed(request):
            messages.error(request, "Too many wrong codes. Please log in again.")
            return redirect("accounts:login")
        form.add_error("code", "That code is not right, or was used already.")
    status = 400 if request.method == "POST" else 200
    context = {
        "form": form,
        "has_app": TotpDevice.objects.filter(user=user).exists(),
        "has_passkey": user.passkeys.exists(),
    }
    return render(request, "accounts/login_factor.html", context, status=status)


def _say_codes_left(request: HttpRequest, user: User) -> None:
    left = factors.recovery_codes_left(user)
    messages.warning(
        request,
        f"You used a recovery code; {left} left. If you lost your authenticator, remove it "
        "and add a new one on the sign-in and security page.",
    )


@login_required
@require_GET
def security(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    context = {
        "has_app": TotpDevice.objects.filter(user=user).exists(),
        "passkeys": user.passkeys.all(),
        "has_factor": factors.has_second_factor(user),
        "codes_left": factors.recovery_codes_left(user),
        "required": factors.requires_second_factor(user),
    }
    return render(request, "accounts/security.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def totp_setup(request: HttpRequest) -> HttpResponse:
    """Show a new secret as a QR code; keep it only once the app's code matches."""
    user: User = request.user  # type: ignore[assignment]
    if TotpDevice.objects.filter(user=user).exists():
        messages.info(request, "You already have an authenticator app. Remove it to add another.")
        return redirect("accounts:security")
    secret = request.session.get(_NEW_SECRET) or factors.new_totp_secret()
    request.session[_NEW_SECRET] = secret
    form = AppCodeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        if factors.code_matches_secret(secret, form.cleaned_data["code"]):
            request.session[SHOW_CODES] = factors.add_totp(user, secret)
            request.session.pop(_NEW_SECRET, None)
            messages.success(request, "Authenticator app added. Log-ins now ask for its code.")
            return redirect("accounts:recovery_codes")
        form.add_error("code", "That code does not match. Check the app's clock and try again.")
    uri = factors.totp_uri(user, secret)
    context = {"form": form, "secret": secret, "qr": factors.qr_svg(uri)}
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/totp_setup.html", context, status=status)


@login_required
@require_GET
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """New recovery codes, shown this once: only their digests are stored."""
    codes = request.session.pop(SHOW_CODES, None)
    if not codes:
        return redirect("accounts:security")
    return render(request, "accounts/recovery_codes.html", {"codes": codes})


def confirmed(
    request: HttpRequest, title: str, button: str, act: Callable[[User], str]
) -> HttpResponse:
    """Ask for the password and a fresh second factor, then do `act` (which says what it did,
    or raises FactorRefused)."""
    user: User = request.user  # type: ignore[assignment]
    form = ConfirmForm(request, posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            done = act(user)
        except factors.FactorRefused as refused:
            messages.error(request, str(refused))
            return redirect("accounts:security")
        messages.success(request, done)
        if SHOW_CODES in request.session:
            return redirect("accounts:recovery_codes")
        return redirect("accounts:security")
    if request.method == "POST" and _too_many_misses(request):
        logout(request)
        messages.error(request, "Too many wrong tries: you are signed out. Log in again.")
        return redirect("accounts:login")
    status = 400 if request.method == "POST" else 200
    context = {
        "form": form,
        "title": title,
        "button": button,
        "has_passkey": user.passkeys.exists(),
    }
    return render(request, "accounts/confirm_factor.html", context, status=status)


#: Wrong passwords or codes on the confirm page before the session is ended: someone holding
#: a signed-in browser must not be able to guess the password there without limit.
CONFIRM_TRIES = 5


def _too_many_misses(request: HttpRequest) -> bool:
    misses = request.session.get("nw_confirm_misses", 0) + 1
    request.session["nw_confirm_misses"] = misses
    return misses >= CONFIRM_TRIES


def _needs_factor(request: HttpRequest) -> HttpResponse | None:
    if factors.has_second_factor(request.user):  # type: ignore[arg-type]
        return None
    messages.info(request, "Your account has no second factor to change.")
    return redirect("accounts:security")


@login_required
@require_http_methods(["GET", "POST"])
def totp_remove(request: HttpRequest) -> HttpResponse:
    if not TotpDevice.objects.filter(user=request.user).exists():  # type: ignore[misc]
        return redirect("accounts:security")

    def act(user: User) -> str:
        factors.remove_totp(user)
        return "Authenticator app removed."

    return confirmed(request, "Remove the authenticator app", "Remove the app", act)


@login_required
@require_http_methods(["GET", "POST"])
def codes_renew(request: HttpRequest) -> HttpResponse:
    if (refused := _needs_factor(request)) is not None:
        return refused

    def act(user: User) -> str:
        request.session[SHOW_CODES] = factors.new_recovery_codes(user)
        return "New recovery codes made; the old ones no longer work."

    return confirmed(request, "Make new recovery codes", "Make new codes", act)


@login_required
@require_http_methods(["GET", "POST"])
def requirement_off(request: HttpRequest) -> HttpResponse:
    if (refused := _needs_factor(request)) is not None:
        return refused

    def act(user: User) -> str:
        factors.set_requirement(user, False)
        return "Your account no longer requires a second factor."

    return confirmed(request, "Stop requiring a second factor", "Stop requiring it", act)


@login_required
@require_POST
def requirement_on(request: HttpRequest) -> HttpResponse:
    try:
        factors.set_requirement(request.user, True)  # type: ignore[arg-type]
    except factors.FactorRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, "Your account now requires a second factor.")
    return redirect("accounts:security")
