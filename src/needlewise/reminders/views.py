"""Reminder settings and the calendar feed. Views only orchestrate: form, service, redirect."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from needlewise.forms_util import posted
from needlewise.reminders import services
from needlewise.reminders.feed import feed_for
from needlewise.reminders.forms import SettingsForm
from needlewise.reminders.queries import calendar_url, upcoming_for


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest) -> HttpResponse:
    current = services.settings_for(request.user)  # type: ignore[arg-type]
    form = SettingsForm(posted(request), instance=current)
    if request.method == "POST" and form.is_valid():
        services.update_settings(request.user, **form.cleaned_data)  # type: ignore[arg-type]
        messages.success(request, "Reminder settings saved.")
        return redirect("reminders:settings")
    if request.method == "POST":
        current.refresh_from_db()  # the invalid form touched it; list what is stored
    url = calendar_url(current)
    context = {
        "form": form,
        "calendar_url": url,
        "webcal_url": "webcal://" + url.split("://", 1)[1],
        "time_zone": services.zone_for(request.user).key,  # type: ignore[arg-type]
        "upcoming": upcoming_for(request.user, current),  # type: ignore[arg-type]
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "reminders/settings.html", context, status=status)


@login_required
@require_POST
def rotate_calendar(request: HttpRequest) -> HttpResponse:
    services.rotate_calendar_token(request.user)  # type: ignore[arg-type]
    messages.success(request, "New calendar address made. The old one no longer works.")
    return redirect("reminders:settings")


@require_safe
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """No login: the token in the address is the secret (rotating it ends the old address)."""
    user = services.user_for_calendar_token(token)
    if user is None:
        raise Http404("No such calendar")
    response = HttpResponse(
        feed_for(user, timezone.now()), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, max-age=300"
    response["Content-Disposition"] = 'inline; filename="needlewise.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response
