"""Every form speaks in the product's voice: Django's defaults ("Ensure this value is less than
or equal to 0.25.") are replaced (forms_util.OurVoice), and a form sent back lists each error at
the top as a link to its field."""

from __future__ import annotations

import importlib
import inspect

from django import forms

from needlewise.forms_util import OurVoice
from tests.test_form_caps import APPS


def _forms() -> list[tuple[str, type]]:
    found = []
    for app in APPS:
        module = importlib.import_module(f"needlewise.{app}.forms")
        for name, form in inspect.getmembers(module, inspect.isclass):
            if issubclass(form, forms.BaseForm) and form.__module__ == module.__name__:
                found.append((f"{app}.{name}", form))
    return found


def test_every_form_uses_our_voice():
    assert len(_forms()) > 30
    assert [name for name, form in _forms() if not issubclass(form, OurVoice)] == []


class Sample(OurVoice, forms.Form):
    units = {"needle_mm": "mm"}
    needle_mm = forms.FloatField(label="Needle", max_value=0.25, min_value=0.1)
    count = forms.IntegerField(label="Count")
    price = forms.DecimalField(label="Price", required=False)
    note = forms.CharField(label="Note", max_length=5, required=False)
    on = forms.DateField(label="On")
    area = forms.ChoiceField(label="Area", choices=[("cheeks", "Cheeks")])
    email = forms.EmailField(label="E-mail", required=False)
    own = forms.CharField(label="Own", error_messages={"required": "Name it."})


def test_django_defaults_become_our_words_and_a_forms_own_stay():
    form = Sample(
        {"needle_mm": "0.5", "count": "four", "note": "a longer note", "on": "soon", "area": "x"}
        | {"email": "not-an-address", "price": "cheap"}
    )
    assert form.errors == {
        "needle_mm": ["Choose 0.25 mm or less."],
        "count": ["Give a whole number, such as 4."],
        "note": ["Use at most 5 characters (this has 13)."],
        "on": ["That is not a date: pick one from the calendar, or type it as 2026-12-02."],
        "area": ["Choose one of the options offered."],
        "email": ["Give an e-mail address, such as name@example.com."],
        "own": ["Name it."],
        "price": ["Give a number, such as 0.5."],
    }
    empty = Sample({})
    assert empty.errors["needle_mm"] == ["Please fill this in."]
    assert empty.errors["area"] == ["Please choose one."]
    assert Sample({"needle_mm": "0.05"}).errors["needle_mm"] == ["Choose 0.1 mm or more."]


def test_a_unit_at_the_end_of_a_label_is_read_too():
    class Soak(OurVoice, forms.Form):
        minutes = forms.IntegerField(label="Time in the alcohol (minutes)", max_value=600)

    assert Soak({"minutes": "601"}).errors["minutes"] == ["Choose 600 minutes or less."]


def test_no_django_default_reaches_a_page(alice_client):
    """The ingredient check, sent empty with a negative number of hours."""
    html = alice_client.post("/rules/ingredients/", {"text": "", "hours_since_session": "-1"})
    page = html.content.decode()
    assert "Ensure this value" not in page and "This field is required" not in page
    assert "Choose 0 or more." in page and "Please fill this in." in page


def test_the_summary_links_each_error_to_its_field_and_takes_the_focus(alice_client):
    page = alice_client.post("/products/add/", {"name": "", "kind": "potion"})
    html = page.content.decode()
    summary = html.split('class="error-summary"')[1].split("</div>")[0]
    assert 'tabindex="-1"' in summary and "autofocus" in summary
    assert "2 things to fix before this can be saved" in summary
    assert 'href="#id_name" data-error-link>Product name: Give the product' in summary
    link = '<a href="#id_kind" data-error-link>What kind of product is it?: Choose one of the'
    assert link in summary
    assert "js/form-errors.js" in html
