"""Public pages that explain the rules and let anyone try the ingredient checker."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_safe

from needlewise.forms_util import posted
from needlewise.rulebook import catalogue
from needlewise.rulebook.forms import IngredientCheckForm
from needlewise.rules import contract, rules_version


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    context = {
        "topics": catalogue.topics(),
        "grades": catalogue.GRADE_WORDS,
        "sources": catalogue.sources(),
        "categories": catalogue.ingredient_categories(),
        "rules_version": rules_version(),
        **catalogue.disagreements(),
    }
    return render(request, "rulebook/index.html", context)


@require_http_methods(["GET", "POST"])
def ingredients(request: HttpRequest) -> HttpResponse:
    """Without JavaScript the whole page comes back; with htmx only the result is swapped in."""
    form = IngredientCheckForm(posted(request))
    result, status = None, 200
    if request.method == "POST":
        if form.is_valid():
            result = contract.ingredients(form.cleaned_data)
        else:
            status = 400
    partial = request.headers.get("HX-Request") == "true"
    template = "rulebook/_ingredient_result.html" if partial else "rulebook/ingredients.html"
    return render(request, template, {"form": form, "result": result}, status=status)
