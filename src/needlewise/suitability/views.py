"""The suitability check: one step per screen, the draft kept in the session, saved at the end."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from needlewise.accounts.services import profile_for
from needlewise.forms_util import posted
from needlewise.suitability import queries, services
from needlewise.suitability.forms import form_for
from needlewise.suitability.questions import STEPS

DRAFT = "suitability_draft"
_BY_SLUG = {step.slug: (index, step) for index, step in enumerate(STEPS)}


def _jsonable(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in data.items()}


def _initial(request: HttpRequest, slug: str, draft: dict[str, Any]) -> dict[str, Any]:
    if slug in draft:
        return draft[slug]
    if slug == "about-you":
        profile = profile_for(request.user)  # type: ignore[arg-type]
        return {"birth_date": profile.birth_date, "skin_type": profile.skin_type}
    return {}


@login_required
@require_safe
def start(request: HttpRequest) -> HttpResponse:
    context = {
        "current": queries.current_check(request.user),  # type: ignore[arg-type]
        "history": queries.checks_for(request.user)[:20],  # type: ignore[arg-type]
        "first_step": STEPS[0].slug,
        "in_progress": bool(request.session.get(DRAFT)),
        "today": timezone.localdate(),
    }
    return render(request, "suitability/start.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, slug: str) -> HttpResponse:
    if slug not in _BY_SLUG:
        raise Http404("No such step")
    index, current = _BY_SLUG[slug]
    draft: dict[str, Any] = request.session.get(DRAFT, {})
    form = form_for(current, posted(request), initial=_initial(request, slug, draft))
    if request.method == "POST" and form.is_valid():
        draft[slug] = _jsonable(form.cleaned_data)
        request.session[DRAFT] = draft
        if index + 1 < len(STEPS):
            return redirect("suitability:step", slug=STEPS[index + 1].slug)
        return _finish(request, draft)
    context = {
        "form": form,
        "step": current,
        "number": index + 1,
        "total": len(STEPS),
        "previous": STEPS[index - 1].slug if index else None,
    }
    return render(
        request, "suitability/step.html", context, status=400 if request.method == "POST" else 200
    )


def _finish(request: HttpRequest, draft: dict[str, Any]) -> HttpResponse:
    missing = services.missing_steps(draft)
    if missing:  # e.g. the session expired midway: ask the skipped step again
        return redirect("suitability:step", slug=missing[0])
    check = services.record_check(
        request.user,  # type: ignore[arg-type]
        services.answers_from_draft(draft),
        concerns=draft["areas"]["concerns"],
    )
    del request.session[DRAFT]
    return redirect("suitability:result", check_id=check.pk)


@login_required
@require_safe
def result(request: HttpRequest, check_id: int) -> HttpResponse:
    check = get_object_or_404(queries.checks_for(request.user), pk=check_id)  # type: ignore[arg-type]
    context = {
        "check": check,
        "is_current": check.is_current(timezone.localdate()),
        "reasons": queries.shown_reasons(check),
        "after": queries.after_recheck(check),
    }
    return render(request, "suitability/result.html", context)
