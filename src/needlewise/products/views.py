"""Shelf pages. Views only orchestrate: owner-scoped lookup, form, service, redirect."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from needlewise.forms_util import add_service_error, posted
from needlewise.products import queries, services
from needlewise.products.forms import (
    AvoidCategoryForm,
    AvoidIngredientForm,
    ProductForm,
)
from needlewise.products.models import Product
from needlewise.products.status import status_for
from needlewise.rules.errors import InputError


def _product(request: HttpRequest, product_id: int) -> Product:
    return get_object_or_404(queries.products_for(request.user), pk=product_id)  # type: ignore[arg-type]


def _saved_message(request: HttpRequest, product: Product, verb: str) -> None:
    if product.parse_error:
        messages.warning(request, f"{product} is {verb}, but: {product.parse_error}")
    else:
        messages.success(request, f"{product} is {verb} and its ingredients were read.")


@login_required
@require_safe
def shelf(request: HttpRequest) -> HttpResponse:
    context = {"shelf": queries.shelf(request.user, timezone.now())}  # type: ignore[arg-type]
    return render(request, "products/shelf.html", context)


@login_required
@require_safe
def safe_now(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    context = {"shelf": queries.shelf(request.user, now), "now": now}  # type: ignore[arg-type]
    return render(request, "products/safe_now.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def add(request: HttpRequest) -> HttpResponse:
    form = ProductForm(posted(request))
    if form.is_valid():
        try:
            product = services.add_product(request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except InputError as error:
            add_service_error(form, error)
        else:
            _saved_message(request, product, "on your shelf")
            return redirect("products:detail", product_id=product.pk)
    status = 400 if form.is_bound else 200
    return render(request, "products/form.html", {"form": form}, status=status)


@login_required
@require_safe
def detail(request: HttpRequest, product_id: int) -> HttpResponse:
    product = _product(request, product_id)
    session = queries.last_session(request.user)  # type: ignore[arg-type]
    avoid = queries.avoid_list(request.user)  # type: ignore[arg-type]
    status = status_for(product, avoid, session.done_at if session else None, timezone.now())
    return render(request, "products/detail.html", {"product": product, "status": status})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, product_id: int) -> HttpResponse:
    product = _product(request, product_id)
    form = ProductForm.for_product(product, posted(request))
    if form.is_valid():
        try:
            services.update_product(product, **form.cleaned_data)
        except InputError as error:
            add_service_error(form, error)
        else:
            _saved_message(request, product, "saved")
            return redirect("products:detail", product_id=product.pk)
    status = 400 if form.is_bound else 200
    context = {"form": form, "product": product}
    return render(request, "products/form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, product_id: int) -> HttpResponse:
    product = _product(request, product_id)
    if request.method == "POST":
        name = str(product)
        services.delete_product(product)
        messages.success(request, f"{name} is deleted from your shelf.")
        return redirect("products:shelf")
    return render(request, "products/delete.html", {"product": product})


def _avoid_page(
    request: HttpRequest,
    category_form: AvoidCategoryForm | None = None,
    ingredient_form: AvoidIngredientForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "entries": queries.avoid_entries_for(request.user),  # type: ignore[arg-type]
        "category_form": category_form or AvoidCategoryForm(prefix="cat"),
        "ingredient_form": ingredient_form or AvoidIngredientForm(prefix="ing"),
    }
    return render(request, "products/avoid.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def avoid(request: HttpRequest) -> HttpResponse:
    """GET: the list and two small forms. POST: add a category (`cat-…`) or a name (`ing-…`)."""
    if request.method == "GET":
        return _avoid_page(request)
    is_category = request.POST.get("what") == "category"
    form: AvoidCategoryForm | AvoidIngredientForm = (
        AvoidCategoryForm(request.POST, prefix="cat")
        if is_category
        else AvoidIngredientForm(request.POST, prefix="ing")
    )
    if form.is_valid():
        try:
            entry = services.add_avoid(request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except InputError as error:
            add_service_error(form, error)
        else:
            messages.success(request, f"{entry.label} is on your avoid list.")
            return redirect("products:avoid")
    if is_category:
        return _avoid_page(request, category_form=form, status=400)  # type: ignore[arg-type]
    return _avoid_page(request, ingredient_form=form, status=400)  # type: ignore[arg-type]


@login_required
@require_POST
def avoid_remove(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = get_object_or_404(queries.avoid_entries_for(request.user), pk=entry_id)  # type: ignore[arg-type]
    services.remove_avoid(entry)
    messages.success(request, f"{entry.label} is off your avoid list.")
    return redirect("products:avoid")
