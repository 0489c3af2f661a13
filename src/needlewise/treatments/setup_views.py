"""The pages of the guided first use that no app has on its own: the welcome, how to keep the
device sterile, and the first session's date. The other steps are the apps' own pages, which
show the step indicator through `{% setup_steps %}`."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from needlewise.devices.advice import hygiene_for
from needlewise.devices.queries import devices_for
from needlewise.rules.devices import STERILISED_WITHIN_HOURS
from needlewise.treatments import schedule, setup
from needlewise.treatments.models import Plan


@login_required
@require_safe
def welcome(request: HttpRequest) -> HttpResponse:
    """Step 1: what the next few minutes hold. A person who has a plan has done this."""
    progress = setup.progress_for(request.user)  # type: ignore[arg-type]
    if progress.complete:
        return redirect("home")
    request.session[setup.IN_FLOW] = True
    return render(
        request, "treatments/setup_welcome.html", {"steps": setup.STEPS, "progress": progress}
    )


@login_required
@require_safe
def resume(request: HttpRequest) -> HttpResponse:
    """Today's "Continue setting up": back into the steps, at the first one not done."""
    progress = setup.progress_for(request.user)  # type: ignore[arg-type]
    if progress.complete:
        return redirect("home")
    request.session[setup.IN_FLOW] = True
    return redirect(progress.reached.url)


@login_required
@require_safe
def sterilise(request: HttpRequest) -> HttpResponse:
    """Step 4: the rule core's hygiene advice for the device just added (or for rollers)."""
    device = devices_for(request.user).order_by("-pk").first()  # type: ignore[arg-type]
    context = {
        "device": device,
        "hygiene": hygiene_for(device) if device is not None else None,
        "valid_hours": f"{STERILISED_WITHIN_HOURS:g}",
    }
    return render(request, "treatments/setup_sterilise.html", context)


@login_required
@require_safe
def first_date(request: HttpRequest) -> HttpResponse:
    """Step 6: the date the first plan's first session may be, from the schedule."""
    plan = Plan.objects.filter(user=request.user).select_related("device").order_by("pk").first()
    if plan is None:
        return redirect("treatments:plan_new")
    context = {"plan": plan, "next": schedule.next_date(request.user, plan)}  # type: ignore[arg-type]
    return render(request, "treatments/setup_first_date.html", context)
