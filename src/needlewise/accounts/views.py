"""Account pages. Views only orchestrate: form, service, redirect."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_http_methods, require_POST

from needlewise.accounts import services, throttle
from needlewise.accounts.forms import ProfileForm, SignUpForm, TokenForm
from needlewise.accounts.queries import tokens_for
from needlewise.forms_util import posted

#: Reset mails one address may be sent, and one client may ask for (any addresses), an hour.
RESETS_PER_ADDRESS = throttle.Rate(count=3, seconds=60 * 60)
RESETS_PER_CLIENT = throttle.Rate(count=10, seconds=60 * 60)
#: Accounts one client address may open an hour: a household or a clinic's front desk, not a
#: script (each costs a password hash and rows).
SIGN_UPS_PER_CLIENT = throttle.Rate(count=10, seconds=60 * 60)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset page, sending no more than a few mails per address and per client. The
    count and the words are the same whether or not the address has an account."""

    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    html_email_template_name = "accounts/email/password_reset.html"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        email = form.cleaned_data["email"].strip().casefold()
        try:
            throttle.limit_client(self.request, "reset", RESETS_PER_CLIENT)
            throttle.limit(f"reset:address:{email}", RESETS_PER_ADDRESS, "")
        except throttle.Refused as refused:
            if not refused.message:
                refused = throttle.Refused(
                    "Too many reset e-mails were asked for this address in the last hour. If "
                    "one arrived, use its link; otherwise please wait "
                    f"{throttle.wait_words(refused.retry_after)} and ask again.",
                    refused.retry_after,
                )
            form.add_error(None, refused.message)
            return refused.answer(self.form_invalid(form))
        return super().form_valid(form)


@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    form = SignUpForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            throttle.limit_client(request, "signup", SIGN_UPS_PER_CLIENT)
        except throttle.Refused as refused:
            form.add_error(None, refused.message)
            return refused.answer(render(request, "accounts/sign_up.html", {"form": form}))
        user = services.sign_up(
            form.cleaned_data["email"],
            form.cleaned_data["password1"],
            form.cleaned_data["display_name"],
            time_zone=form.cleaned_data["time_zone"],
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Welcome to Needlewise. Your account is ready.")
        return redirect("treatments:setup")
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/sign_up.html", {"form": form}, status=status)


def _profile_page(
    request: HttpRequest,
    form: ProfileForm,
    token_form: TokenForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "form": form,
        "token_form": token_form or TokenForm(),
        "tokens": tokens_for(request.user),  # type: ignore[arg-type]
        "new_token": request.session.pop("new_token", None),
    }
    return render(request, "accounts/profile.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    current = services.profile_for(request.user)  # type: ignore[arg-type]
    form = ProfileForm(posted(request), instance=current)
    if request.method == "POST":
        if form.is_valid():
            services.update_profile(request.user, **form.cleaned_data)  # type: ignore[arg-type]
            messages.success(request, "Profile saved.")
            return redirect("accounts:profile")
        return _profile_page(request, form, status=400)
    return _profile_page(request, form)


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if not form.is_valid():
        current = services.profile_for(request.user)  # type: ignore[arg-type]
        return _profile_page(request, ProfileForm(instance=current), form, status=400)
    _, raw = services.create_token(request.user, form.cleaned_data["name"])  # type: ignore[arg-type]
    # Shown once on the next page, then gone: only the digest is stored.
    request.session["new_token"] = raw
    messages.success(request, "Token created. Copy it now: it will not be shown again.")
    return redirect("accounts:profile")


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    if not services.revoke_token(request.user, token_id):  # type: ignore[arg-type]
        return render(request, "404.html", status=404)
    messages.success(request, "Token revoked. Scripts using it can no longer sign in.")
    return redirect("accounts:profile")
