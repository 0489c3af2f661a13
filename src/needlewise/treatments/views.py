"""Plans and the guided session. Views orchestrate: scoped lookup, form, service, redirect."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from needlewise import glides, limits, person_cache
from needlewise.accounts.models import User
from needlewise.devices.forms import add_service_error
from needlewise.forms_util import next_step, posted
from needlewise.rules import technique
from needlewise.rules.errors import InputError
from needlewise.suitability.queries import latest_check
from needlewise.suitability.questions import AREA_WORDS, CONCERN_WORDS
from needlewise.treatments import gate, schedule, services
from needlewise.treatments.caps import lengths_now
from needlewise.treatments.forms import (
    ChecklistForm,
    FinishForm,
    GlideForm,
    LengthsForm,
    PlanForm,
)
from needlewise.treatments.models import GlideVerdict, Plan, TreatmentSession
from needlewise.treatments.month_calendar import plan_calendar
from needlewise.treatments.queries import done_sessions, plans_for, sessions_for
from needlewise.treatments.timeline import timeline


def _plan(request: HttpRequest, plan_id: int) -> Plan:
    return get_object_or_404(plans_for(request.user), pk=plan_id)  # type: ignore[arg-type]


def _recalled_plan(request: HttpRequest, plan_id: int) -> Plan:
    """`_plan` for a page that only shows it: recalled while the person's records are unchanged."""
    user = request.user
    plan = person_cache.remembered(
        user,  # type: ignore[arg-type]
        f"plan:{plan_id}",
        lambda: plans_for(user).filter(pk=plan_id).first(),  # type: ignore[arg-type]
    )
    if plan is None:
        raise Http404("No such plan")
    return plan


def _session(request: HttpRequest, key: Any) -> TreatmentSession:
    return get_object_or_404(sessions_for(request.user), key=key)  # type: ignore[arg-type]


@login_required
@require_safe
def plan_list(request: HttpRequest) -> HttpResponse:
    context = {
        "plans": plans_for(request.user),  # type: ignore[arg-type]
        "sessions": done_sessions(request.user)[:20],
    }  # type: ignore[arg-type]
    return render(request, "treatments/plans.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def plan_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    check = latest_check(user)  # type: ignore[arg-type]
    targets: tuple[list[str], list[str]] = ([], [])
    if check is not None:  # what the check asked, less the areas another plan has
        taken = {
            area
            for lengths in plans_for(user)  # type: ignore[arg-type]
            .filter(status__in=[Plan.Status.ACTIVE, Plan.Status.PAUSED])
            .values_list("needle_mm", flat=True)
            for area in lengths
        }
        targets = (list(check.concerns), [a for a in check.areas if a not in taken])
    form = PlanForm(user, posted(request), targets=targets)
    fix = None  # a device without needle lengths: the page links to where they are added
    if request.method == "POST" and form.is_valid():
        device = form.cleaned_data["device"]
        try:
            plan = services.create_plan(user, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as error:
            fix = None if device.available_lengths() else device
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            messages.success(request, "Plan saved. Needle lengths follow the safe defaults.")
            return redirect(next_step(request) or reverse("treatments:plan", args=[plan.pk]))
    status = 400 if request.method == "POST" else 200
    context = {
        "form": form,
        "device_without_lengths": fix,
        "suggested": _suggested_lengths(user, form) if request.method == "GET" else [],  # type: ignore[arg-type]
        "targets_words": _target_words(form),
    }
    return render(request, "treatments/plan_form.html", context, status=status)


def _target_words(form: PlanForm) -> dict[str, object]:
    """The concern and areas taken from the check, in words, for the summary above them."""
    if not form.from_check:
        return {}
    concern = form.fields["concern"].initial
    return {
        "concern": CONCERN_WORDS.get(concern, concern),
        "areas": [AREA_WORDS.get(a, a) for a in form.fields["areas"].initial],
    }


def _suggested_lengths(user: User, form: PlanForm) -> list[tuple[str, float | None, str]]:
    """(area, the rules' length on the first device, why not) for the prefilled plan: what
    saving it will set, shown before it is saved."""
    device = form.fields["device"].queryset.first()
    if device is None or not form.from_check:
        return []
    history = schedule.History(user)
    out = []
    for area in form.fields["areas"].initial:
        lengths, advice = services.allowed_lengths(
            user, form.fields["concern"].initial, area, device, history
        )
        why = "" if lengths else advice.reasons[-1].message
        out.append((AREA_WORDS.get(area, area), lengths[-1] if lengths else None, why))
    return out


def _lengths_form(
    request: HttpRequest, plan: Plan, history: schedule.History, data: Any = None
) -> LengthsForm | None:
    if plan.device is None:
        return None
    allowed = {
        area: services.allowed_lengths(
            request.user,  # type: ignore[arg-type]
            plan.concern,
            area,
            plan.device,
            history,
        )[0]
        for area in plan.areas
    }
    return LengthsForm(allowed, plan.needle_mm, data)


#: The plan page lists this many of the plan's latest sessions; `?all=1` lists all.
RECENT_SESSIONS = 10


@login_required
@require_http_methods(["GET", "POST"])
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    # A change is checked against fresh records; a view may use the cached ones.
    reading = request.method in ("GET", "HEAD")
    plan = (_recalled_plan if reading else _plan)(request, plan_id)
    user = request.user
    profile = getattr(user, "profile", None)
    history = (schedule.recalled if reading else schedule.History)(user, profile)  # type: ignore[arg-type, operator]
    form = _lengths_form(request, plan, history, posted(request))
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.set_needle_lengths(user, plan, form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, "Needle lengths saved.")
            return redirect("treatments:plan", plan_id=plan.pk)
    now = timezone.now()
    today = timezone.localdate(now)
    planned = schedule.plan_schedule(user, plan, today, history)  # type: ignore[arg-type]
    done = [s for s in history.sessions if s.plan_id == plan.pk]
    shown = len(done) if request.GET.get("all") == "1" else RECENT_SESSIONS
    facts = (gate.recalled_facts if reading else gate.facts_for)(user, history=history)  # type: ignore[arg-type]
    context = {
        "plan": plan,
        "lengths_form": form,
        # Only a paused plan says what the open escalation asks for.
        "escalation": facts.escalation if plan.status == Plan.Status.PAUSED else None,
        "limits_set_by": history.limit_sources.set_by(),
        "next": planned.next,
        # The gate's answer: "Start a session" only when the session start will accept it.
        "blocks": gate.readiness(plan, planned.next, facts, now, today),
        "upcoming": planned.dates,
        "months": plan_calendar(plan, planned, done, today, facts.escalation is not None),
        "sessions": done[:shown],
        "more": len(done) > shown,
    }
    return render(
        request,
        "treatments/plan_detail.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def plan_resume(request: HttpRequest, plan_id: int) -> HttpResponse:
    services.resume_plan(_plan(request, plan_id))
    return redirect("treatments:plan", plan_id=plan_id)


@login_required
@require_POST
def plan_end(request: HttpRequest, plan_id: int) -> HttpResponse:
    services.end_plan(_plan(request, plan_id))
    messages.success(request, "Plan ended. Its areas are free for a new plan.")
    return redirect("treatments:plan", plan_id=plan_id)


@login_required
@require_http_methods(["GET", "POST"])
def session_start(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The safety gate: refuses with every reason and what to do, or starts (resumes) a draft."""
    plan = _plan(request, plan_id)
    blocks = gate.blocks(request.user, plan, timezone.now(), timezone.localdate())  # type: ignore[arg-type]
    if request.method == "POST" and not blocks:
        session = services.start_session(request.user, plan)  # type: ignore[arg-type]
        return redirect("treatments:prepare", key=session.key)
    status = 409 if request.method == "POST" else 200
    return render(request, "treatments/gate.html", {"plan": plan, "blocks": blocks}, status=status)


def _checklist(request: HttpRequest, session: TreatmentSession, data: Any = None) -> ChecklistForm:
    check = latest_check(request.user)  # type: ignore[arg-type]
    allergic = bool(check and "anaesthetic_allergy" in check.answers.get("conditions", []))
    first = not done_sessions(request.user).exists()  # type: ignore[arg-type]
    steps = technique.preparation(first_session=first, anaesthetic_allergy=allergic)
    kind = session.device.kind if session.device else "roller"
    return ChecklistForm(steps, kind, data, initial=session.checklist)


def _lengths(request: HttpRequest, session: TreatmentSession) -> dict[str, float]:
    if session.plan is None:
        return {}
    return {n.area: n.mm for n in lengths_now(session.plan, limits.sources(request.user))}  # type: ignore[arg-type]


def _draft(request: HttpRequest, key: Any) -> TreatmentSession | HttpResponse:
    session = _session(request, key)
    if session.status == TreatmentSession.Status.DONE:
        return redirect("treatments:session", key=session.key)
    return session


@login_required
@require_http_methods(["GET", "POST"])
def session_prepare(request: HttpRequest, key: Any) -> HttpResponse:
    session = _draft(request, key)
    if isinstance(session, HttpResponse):
        return session
    form = _checklist(request, session, posted(request))
    if request.method == "POST" and form.is_valid():
        numbing = bool(form.cleaned_data.pop("numbing", False))
        services.save_checklist(session, form.cleaned_data, numbing)
        return redirect("treatments:glide", key=session.key)
    return render(
        request,
        "treatments/prepare.html",
        {"session": session, "form": form},
        status=400 if request.method == "POST" else 200,
    )


#: The service's names for the glide form's fields.
GLIDE_FIELDS = {
    "glide.product_id": "glide",
    "glide.name": "name",
    "glide.ingredients": "ingredients",
}


@login_required
@require_http_methods(["GET", "POST"])
def session_glide(request: HttpRequest, key: Any) -> HttpResponse:
    """Which product goes on the skin while needling. A product not advised as a glide is
    recorded and explained; she may choose another or go on anyway (advice, not a block)."""
    session = _draft(request, key)
    if isinstance(session, HttpResponse):
        return session
    if not session.checklist:
        return redirect("treatments:prepare", key=session.key)
    form = GlideForm(glides.glides(request.user), posted(request))  # type: ignore[arg-type]
    if request.method == "POST" and form.is_valid():
        try:
            services.set_glide(request.user, session, form.choice())  # type: ignore[arg-type]
        except InputError as error:
            add_service_error(form, error, aliases=GLIDE_FIELDS)
        else:
            if session.glide_verdict == GlideVerdict.AVOID:  # the warning, with both ways on
                return redirect("treatments:glide", key=session.key)
            return redirect("treatments:technique", key=session.key)
    return render(
        request,
        "treatments/glide.html",
        {"session": session, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_safe
def session_technique(request: HttpRequest, key: Any) -> HttpResponse:
    session = _draft(request, key)
    if isinstance(session, HttpResponse):
        return session
    if not session.checklist:
        return redirect("treatments:prepare", key=session.key)
    kind = session.device.kind if session.device else "roller"
    context = {
        "session": session,
        "steps": technique.technique(kind),
        "kind": kind,
        # Never above the limits that hold now, whatever the plan says.
        "needle_mm": _lengths(request, session),
    }
    return render(request, "treatments/technique.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def session_finish(request: HttpRequest, key: Any) -> HttpResponse:
    session = _session(request, key)
    if session.status == TreatmentSession.Status.DONE:  # a retried finish: same session
        return redirect("treatments:session", key=session.key)
    now = lengths_now(session.plan, limits.sources(request.user)) if session.plan else []  # type: ignore[arg-type]
    form = FinishForm(
        {n.area: n.mm for n in now}, posted(request), why={n.area: n.why for n in now}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.finish_session(
                request.user,
                session.key,
                form.records(),  # type: ignore[arg-type]
                form.cleaned_data["notes"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            return redirect("treatments:session", key=session.key)
    return render(
        request,
        "treatments/finish.html",
        {"session": session, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def session_discard(request: HttpRequest, key: Any) -> HttpResponse:
    session = _session(request, key)
    plan_id = session.plan_id
    services.discard_draft(session)
    messages.success(request, "The unfinished session was discarded.")
    return redirect("treatments:plan", plan_id=plan_id) if plan_id else redirect("home")


@login_required
@require_safe
def session_aftercare(request: HttpRequest, key: Any) -> HttpResponse:
    """The aftercare timeline, hour by hour, with live countdowns and the person's products."""
    session = _session(request, key)
    if session.status != TreatmentSession.Status.DONE:
        return redirect("treatments:prepare", key=session.key)
    now = timezone.now()
    context = {  # the template reads the person's products itself (products sits above us)
        "session": session,
        "now": now,
        "timeline": timeline(session.done_at, session.deepest_mm, now),  # type: ignore[arg-type]
    }
    return render(request, "treatments/timeline.html", context)


@login_required
@require_safe
def session_detail(request: HttpRequest, key: Any) -> HttpResponse:
    session = _session(request, key)
    if session.status != TreatmentSession.Status.DONE:
        return redirect("treatments:prepare", key=session.key)
    records = list(session.area_records.all())
    now = timezone.now()
    chart = timeline(session.done_at, session.deepest_mm, now)  # type: ignore[arg-type]
    return render(
        request,
        "treatments/session.html",
        {"session": session, "records": records, "timeline": chart, "now": now},
    )
