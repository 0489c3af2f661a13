"""The cost of home care page: record what you paid, compare with clinic sessions."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from needlewise.accounts.models import Currency
from needlewise.forms_util import posted
from needlewise.library import costs
from needlewise.library.forms import ClinicPriceForm, CostEntryForm


def _page(
    request: HttpRequest, form: CostEntryForm, price_form: ClinicPriceForm, status: int = 200
) -> HttpResponse:
    summary = costs.summary(request.user)  # type: ignore[arg-type]
    code = summary.currency
    form.fields["amount"].label = f"Amount ({code})"  # the person's own currency, named
    price_form.fields["per_session"].label = f"A clinic session would cost ({code})"
    context = {
        "form": form,
        "price_form": price_form,
        "summary": summary,
        "currency_name": Currency(code).label,
        "entries": costs.entries_for(request.user),
    }  # type: ignore[arg-type]
    return render(request, "library/cost.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def cost(request: HttpRequest) -> HttpResponse:
    form = CostEntryForm(posted(request))
    price = costs.summary(request.user).clinic_price  # type: ignore[arg-type]
    price_form = ClinicPriceForm(initial={"per_session": price})
    if request.method == "POST":
        if form.is_valid():
            costs.add_entry(request.user, **form.cleaned_data)  # type: ignore[arg-type]
            return redirect("library:cost")
        return _page(request, form, price_form, status=400)
    return _page(request, form, price_form)


@login_required
@require_POST
def clinic_price(request: HttpRequest) -> HttpResponse:
    form = ClinicPriceForm(request.POST)
    if not form.is_valid():
        return _page(request, CostEntryForm(), form, status=400)
    costs.set_clinic_price(request.user, form.cleaned_data["per_session"])  # type: ignore[arg-type]
    return redirect("library:cost")


@login_required
@require_POST
def cost_delete(request: HttpRequest, entry_id: int) -> HttpResponse:
    get_object_or_404(costs.entries_for(request.user), pk=entry_id).delete()  # type: ignore[arg-type]
    return redirect("library:cost")


@login_required
@require_safe
def cost_chart(request: HttpRequest) -> HttpResponse:
    summary = costs.summary(request.user)  # type: ignore[arg-type]
    response = HttpResponse(
        costs.svg(summary.points, summary.currency), content_type="image/svg+xml"
    )
    response["Cache-Control"] = "private, no-store"
    return response
