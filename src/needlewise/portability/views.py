"""The "Your data" pages: report, exports, deletion. Views only orchestrate."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from needlewise.forms_util import posted
from needlewise.portability import kinds, services
from needlewise.portability.forms import DeleteAccountForm, ReportForm
from needlewise.portability.owned import collect
from needlewise.portability.report import report_pdf
from needlewise.rules.errors import InputError

PRIVATE = "private, no-store"


def _index(request: HttpRequest, report_form: ReportForm, status: int = 200) -> HttpResponse:
    from needlewise.sharing.queries import active_grants_given

    grants = active_grants_given(request.user, timezone.now()).select_related(  # type: ignore[arg-type]
        "professional", "professional__profile"
    )
    context = {"report_form": report_form, "grants": grants}
    return render(request, "portability/index.html", context, status=status)


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return _index(request, ReportForm.initial_range())


@login_required
@require_GET
def report(request: HttpRequest) -> HttpResponse:
    form = ReportForm(request.GET)
    if not form.is_valid():
        return _index(request, form, status=400)
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    pdf = report_pdf(request.user, start, end)  # type: ignore[arg-type]
    return _pdf_response(pdf, f"needlewise-report-{start:%Y%m%d}-{end:%Y%m%d}.pdf")


@login_required
@require_POST
def send_report(request: HttpRequest) -> HttpResponse:
    """E-mail the report to one of the professionals the person shares with."""
    form = ReportForm(request.POST)
    if not form.is_valid():
        return _index(request, form, status=400)
    try:
        sent_to = services.send_report(
            request.user,
            int(request.POST.get("grant") or 0),  # type: ignore[arg-type]
            form.cleaned_data["start"],
            form.cleaned_data["end"],
        )
    except (InputError, ValueError):
        form.add_error(None, "Choose one of the professionals you share with.")
        return _index(request, form, status=400)
    messages.success(request, f"The report was sent to {sent_to}.")
    return redirect("portability:index")


def _kinds(request: HttpRequest) -> list[str]:
    """What deletion removes, in people's words ("2 check-ins", `portability.kinds`)."""
    counts = collect(request.user).counts()  # type: ignore[arg-type]
    return [kinds.kind(label, n) for label, n in counts.items()]


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.user, posted(request))
    if request.method == "POST" and form.is_valid():
        done = services.delete_account(request.user)  # type: ignore[arg-type]
        logout(request)
        request.session["deleted_email"] = done.email
        return redirect("portability:deleted")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "kinds": _kinds(request)}
    return render(request, "portability/delete.html", context, status=status)


@require_GET
def deleted(request: HttpRequest) -> HttpResponse:
    email = request.session.pop("deleted_email", None)
    return render(request, "portability/deleted.html", {"email": email})


# The professional's copy --------------------------------------------------------------------


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = PRIVATE
    return response


@login_required
@require_GET
def client_report(request: HttpRequest, grant_id: int) -> HttpResponse:
    """A client's report as their grant shares it: the form first, the PDF once dates are
    given. Any grant the professional holds, active; anything else is a 404."""
    from needlewise.portability.shared import shared_report
    from needlewise.sharing.queries import display_name, held_grant

    grant = held_grant(request.user, grant_id, timezone.now())  # type: ignore[arg-type]
    if grant is None:
        raise Http404
    asked = "start" in request.GET or "end" in request.GET
    form = ReportForm(request.GET) if asked else ReportForm.initial_range()
    if asked and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        pdf = shared_report(grant, start, end)
        return _pdf_response(pdf, f"needlewise-report-{grant.pk}-{start:%Y%m%d}-{end:%Y%m%d}.pdf")
    from needlewise.portability.report_data import scope_words
    from needlewise.sharing.models import SCOPES

    context = {"grant": grant, "name": display_name(grant.client), "report_form": form,
               "shared": [scope_words(s) for s in SCOPES if s in grant.scopes],
               "not_shared": [scope_words(s) for s in SCOPES if s not in grant.scopes]}  # fmt: skip
    return render(request, "portability/client_report.html", context, status=400 if asked else 200)
