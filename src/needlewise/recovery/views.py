"""Recovery pages. Views orchestrate: owner-scoped lookup, form, service, redirect."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from needlewise import person_cache
from needlewise.accounts.models import zone_of
from needlewise.accounts.services import profile_for
from needlewise.forms_util import posted
from needlewise.recovery import chart, late, queries, services
from needlewise.recovery.forms import CheckInForm, CheckinPhotoForm, ClearForm, LateCheckInForm
from needlewise.recovery.models import CheckIn
from needlewise.recovery.sessions import Session
from needlewise.rules import followup
from needlewise.rules.errors import InputError


def _checkin(request: HttpRequest, checkin_id: int) -> CheckIn:
    checkin = queries.checkins_for(request.user).filter(pk=checkin_id).first()  # type: ignore[arg-type]
    if checkin is None:
        raise Http404("No such check-in")
    return checkin


def _session(request: HttpRequest, key: Any) -> Session:
    session = queries.done_sessions(request.user).filter(key=key).first()  # type: ignore[arg-type]
    if session is None:
        raise Http404("No such session")
    return session


#: Sessions listed on the recovery page; "all" lists up to ALL_SESSIONS.
RECENT_SESSIONS = 10
ALL_SESSIONS = 100


@login_required
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    user = request.user
    now = timezone.now()
    show_all = request.GET.get("all") == "1"
    limit = ALL_SESSIONS if show_all else RECENT_SESSIONS
    records = person_cache.remembered(
        user,  # type: ignore[arg-type]
        f"recovery:{limit}",
        lambda: queries.index_records(user, limit, now),  # type: ignore[arg-type]
    )
    sessions = records.sessions
    zone = zone_of(user)  # type: ignore[arg-type]
    late_due, late_upcoming = late.split(late.unanswered(records.late, now, zone))
    context = {
        "late_due": late_due,
        "late_upcoming": late_upcoming,
        "sessions": sessions[:limit],
        "more": not show_all and len(sessions) > limit,
        "show_all": show_all,
        "due": queries.due_from(sessions[0], records.last_checkins, now) if sessions else [],
        "escalation": records.escalation,
    }
    return render(request, "recovery/index.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def checkin(request: HttpRequest) -> HttpResponse:
    session = queries.latest_session(request.user)  # type: ignore[arg-type]
    units = profile_for(request.user).units  # type: ignore[arg-type]
    form = CheckInForm(posted(request), units=units)
    files = request.FILES if request.method == "POST" else None
    photo_form = CheckinPhotoForm(posted(request), files, prefix="photo")
    if (
        request.method == "POST"
        and session is not None
        and form.is_valid()
        and photo_form.is_valid()
    ):
        try:
            saved = services.record_checkin_with_photo(
                request.user,
                form.service_data(),
                session.key,
                photo_form.cleaned_data,  # type: ignore[arg-type]
            )
        except InputError as error:
            target = photo_form if error.field == "image" else form
            target.add_error(error.field if error.field in target.fields else None, error.message)
        else:
            return redirect("recovery:result", checkin_id=saved.pk)
    hours = None
    if session is not None and session.done_at is not None:
        hours = (timezone.now() - session.done_at).total_seconds() / 3600
    context = {"form": form, "photo_form": photo_form, "session": session, "hours": hours}
    status = 400 if request.method == "POST" else 200
    return render(request, "recovery/checkin.html", context, status=status)


@login_required
@require_safe
def result(request: HttpRequest, checkin_id: int) -> HttpResponse:
    found = _checkin(request, checkin_id)
    escalation = queries.open_escalation(request.user)  # type: ignore[arg-type]
    context = {
        "checkin": found,
        "escalation": escalation,
        "clear_form": ClearForm(),
    }
    return render(request, "recovery/result.html", context)


@login_required
@require_safe
def session_detail(request: HttpRequest, key: Any) -> HttpResponse:
    session = _session(request, key)
    rows = list(session.checkins.order_by("at", "id"))
    checkins = [c for c in rows if not c.is_late]
    points = [chart.Point(c.hours_since_session, c.redness, c.pain) for c in checkins]
    now = timezone.now()
    zone = zone_of(request.user)  # type: ignore[arg-type]
    answered = frozenset(c.late_day for c in rows if c.is_late)
    context = {
        "session": session,
        "checkins": checkins,
        "late_checkins": sorted((c for c in rows if c.is_late), key=lambda c: c.late_day),
        "late_open": late.of_session(session.key, session.done_at, answered, now, zone),
        "description": chart.describe(points),
    }
    return render(request, "recovery/session.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def late_checkin(request: HttpRequest, key: Any, day: int) -> HttpResponse:
    """The two late questions about one session (POLICY.md section 8)."""
    try:
        session = services.late_session(request.user, key, day)  # type: ignore[arg-type]
    except InputError:
        raise Http404("No such late check-in") from None
    answered = queries.late_checkins_of(session)
    for done in answered:
        if done.late_day == day:
            return redirect("recovery:result", checkin_id=done.pk)
    form = LateCheckInForm(posted(request))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                saved = services.record_late_checkin(
                    request.user,  # type: ignore[arg-type]
                    session.key,
                    day,
                    form.answers(),
                )
            except services.AlreadyAnswered as error:
                form.add_error(None, error.message)
                status = 409
            except InputError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                return redirect("recovery:result", checkin_id=saved.pk)
    zone = zone_of(request.user)  # type: ignore[arg-type]
    opens = late.opens_at(session.done_at, day, zone)
    context = {
        "form": form,
        "session": session,
        "day": day,
        "opens": opens,
        "is_open": timezone.now() >= opens,
        "areas": late.areas_in_words([r.area for r in session.area_records.all()]),
        "why": followup.schedule_rule().reason("late_checkins"),
    }
    return render(request, "recovery/late.html", context, status=status)


@login_required
@require_safe
@cache_control(private=True, max_age=0, must_revalidate=True)
def session_chart(request: HttpRequest, key: Any) -> HttpResponse:
    session = _session(request, key)
    return HttpResponse(chart.svg(chart.points_for(session)), content_type="image/svg+xml")


@login_required
@require_POST
def escalation_clear(request: HttpRequest, escalation_id: int) -> HttpResponse:
    form = ClearForm(request.POST)
    if not form.is_valid():
        context = {"form": form, "escalation_id": escalation_id}
        return render(request, "recovery/clear.html", context, status=400)
    escalation = services.clear_escalation(
        request.user,  # type: ignore[arg-type]
        escalation_id,
        form.cleaned_data["note"],
    )
    if escalation is None:
        raise Http404("No such escalation")
    messages.success(request, "Recorded: a professional has seen you. Your plans are active again.")
    return redirect("recovery:index")
