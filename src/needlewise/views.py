"""Site-wide pages: the home page and error pages."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from needlewise.library.tips import Situation, tip_for
from needlewise.treatments.today import today_for


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """Visitors learn what Needlewise is; signed-in people see where to go next."""
    if not request.user.is_authenticated:
        return render(request, "home.html")
    now = timezone.now()
    state = today_for(request.user, now, timezone.localdate())  # type: ignore[arg-type]
    known = Situation(
        in_aftercare=bool(state.windows),
        no_session_yet=state.last_session is None,
        head_due=state.head_due,
    )
    tip = tip_for(request.user, now, known)
    return render(request, "today.html", {"today": state, "tip": tip})


@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers: answers 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's own refusals (a body past DATA_UPLOAD_MAX_MEMORY_SIZE, too many fields), in the
    layout and in words: a form whose text was too long says so, where Django says "Bad Request".

    The body is never read, so the form cannot be shown again with its input: the page says to
    go back, where the browser keeps what was typed. (The API answers these in JSON itself.)"""
    if isinstance(exception, RequestDataTooBig):
        context = {"too_long": True, "limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE}
        return render(request, "400.html", context, status=413)
    too_many = isinstance(exception, TooManyFieldsSent | TooManyFilesSent)
    return render(request, "400.html", {"too_many": too_many}, status=400)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
