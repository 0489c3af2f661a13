"""Public pages that explain the rules and let anyone try the ingredient checker."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_safe

from needlewise.accounts.throttle import Refused
from needlewise.forms_util import add_service_error, posted
from needlewise.rulebook import catalogue
from needlewise.rulebook.forms import IngredientCheckForm
from needlewise.rulebook.throttling import count_check
from needlewise.rules import contract, rules_version
from needlewise.rules.errors import InputError


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """Every rule, folded by topic; `?q=` keeps only the rules holding its words."""
    query = " ".join(request.GET.get("q", "")[: catalogue.MAX_QUERY].split())
    everything = catalogue.topics()
    found = catalogue.search(everything, query)
    notes = catalogue.disagreements()
    context = {
        "query": query,
        "all_topics": everything,
        "topics": found,
        "found": sum(len(t.rules) for t in found),
        "grades": catalogue.GRADE_WORDS,
        "sources": catalogue.sources(),
        "categories": catalogue.ingredient_categories(),
        "rules_version": rules_version(),
        "disagreements": catalogue.search_items(notes["disagreements"], query),
        "gaps": catalogue.search_items(notes["gaps"], query),
    }
    return render(request, "rulebook/index.html", context)


@require_http_methods(["GET", "POST"])
def ingredients(request: HttpRequest) -> HttpResponse:
    """Without JavaScript the whole page comes back; with htmx only the result is swapped in."""
    form = IngredientCheckForm(posted(request))
    result, refused, status = None, None, 200
    if request.method == "POST":
        try:
            count_check(request)  # with the API's checks: the same work
            result = _check(form)
            status = 200 if result else 400
        except Refused as error:
            refused, status = error, 429
    partial = request.headers.get("HX-Request") == "true"
    template = "rulebook/_ingredient_result.html" if partial else "rulebook/ingredients.html"
    context = {"form": form, "result": result, "refused": refused}
    response = render(request, template, context, status=status)
    return refused.answer(response) if refused else response


def _check(form: IngredientCheckForm) -> dict | None:
    """The rule core's answer, or None with the reason on the form (e.g. too many names)."""
    if not form.is_valid():
        return None
    try:
        return contract.ingredients(form.cleaned_data)
    except InputError as error:
        add_service_error(form, error)
        return None
