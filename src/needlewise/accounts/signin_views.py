"""The signed-in devices page, and the password change that signs the others out."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_GET, require_POST

from needlewise.accounts import services, signins
from needlewise.accounts.models import User
from needlewise.forms_util import OurVoice


@login_required
@require_GET
def devices(request: HttpRequest) -> HttpResponse:
    context = {
        "sign_ins": signins.listed(request.user),  # type: ignore[arg-type]
        "current": request.session.session_key,
    }
    return render(request, "accounts/devices.html", context)


@login_required
@require_POST
def sign_out(request: HttpRequest, sign_in_id: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    mine = user.sign_ins.filter(pk=sign_in_id, session_key=request.session.session_key)
    if mine.exists():
        logout(request)
        messages.success(request, "You are signed out on this device.")
        return redirect("home")
    if not signins.sign_out(user, sign_in_id):
        return render(request, "404.html", status=404)
    messages.success(request, "That device is signed out.")
    return redirect("accounts:devices")


@login_required
@require_POST
def sign_out_others(request: HttpRequest) -> HttpResponse:
    count = signins.sign_out_others(request.user, request.session.session_key)  # type: ignore[arg-type]
    messages.success(request, f"Signed out on {count} other device{'s' if count != 1 else ''}.")
    return redirect("accounts:devices")


class NewPasswordForm(OurVoice, PasswordChangeForm):
    revoke_tokens = forms.BooleanField(
        label="Also revoke my API tokens",
        required=False,
        help_text="Scripts using them stop working. Choose this if the password may have leaked.",
    )


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django keeps this session; every other one is signed out (and said so), and the person
    chooses whether their API tokens go too (before, they survived silently)."""

    template_name = "accounts/password_change.html"
    form_class = NewPasswordForm
    success_url = reverse_lazy("accounts:password_change_done")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["active_tokens"] = self.request.user.api_tokens.filter(  # type: ignore[union-attr]
            revoked_at__isnull=True
        ).count()
        return context

    def form_valid(self, form: NewPasswordForm) -> HttpResponse:  # type: ignore[override]
        before = self.request.session.session_key
        response = super().form_valid(form)  # gives this session a new key
        user: User = form.user  # type: ignore[assignment]
        signins.moved(before, self.request.session.session_key)
        others = signins.sign_out_others(user, self.request.session.session_key)
        said = [f"Signed out on {others} other device{'s' if others != 1 else ''}."]
        if form.cleaned_data["revoke_tokens"]:
            revoked = services.revoke_all_tokens(user)
            said.append(f"{revoked} API token{'s' if revoked != 1 else ''} revoked.")
        messages.success(self.request, " ".join(said))
        return response
