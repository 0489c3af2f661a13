"""Every text field of every page form says how much it takes, as the API and the models do.

A field's `max_length` also gives the browser its `maxlength`; the exceptions are listed with
their reason, so a new text field without a bound fails here."""

from __future__ import annotations

import importlib
import inspect

import pytest
from django import forms

from needlewise.products.models import Product
from needlewise.recovery.models import CheckIn
from needlewise.rules.inputs import MAX_TEXT
from needlewise.treatments.models import TreatmentSession
from tests.recovery.conftest import post_checkin
from tests.treatments.conftest import do_session, ready

APPS = [
    "accounts",
    "devices",
    "library",
    "portability",
    "products",
    "progress",
    "recovery",
    "reminders",
    "rulebook",
    "sharing",
    "suitability",
    "treatments",
]
UNBOUNDED = {
    # A password is hashed once and never stored; Django's own forms leave it unbounded too.
    "accounts.ConfirmForm.password",
    "accounts.LoginForm.password",
    "accounts.SignUpForm.password1",
    "accounts.SignUpForm.password2",
    "portability.DeleteAccountForm.password",
    # Bounded by the rule core's own validator (rules.inputs), with its words; no `maxlength`
    # so a pasted list is never cut short silently in the browser.
    "rulebook.IngredientCheckForm.text",
    "rulebook.IngredientCheckForm.product_name",
}


def _text_fields() -> list[str]:
    found = []
    for app in APPS:
        module = importlib.import_module(f"needlewise.{app}.forms")
        for name, form in inspect.getmembers(module, inspect.isclass):
            if issubclass(form, forms.BaseForm) and form.__module__ == module.__name__:
                for field_name, field in form.base_fields.items():
                    if isinstance(field, forms.CharField) and field.max_length is None:
                        found.append(f"{app}.{name}.{field_name}")
    return found


def test_every_text_field_of_a_form_is_bounded():
    """An exception whose field has gone, or got a bound, is taken off the list too."""
    assert sorted(_text_fields()) == sorted(UNBOUNDED)


@pytest.fixture
def glide_step(alice_client, alice, clock):
    """A draft session past its checklist, at the glide step."""
    key = alice_client.post(f"/plans/{ready(alice).pk}/start/")["Location"].split("/")[2]
    checklist = {"cleanse": "on", "sterilise": "on", "skin_check": "on", "patch_test": "on"}
    alice_client.post(f"/sessions/{key}/prepare/", checklist)
    return key


def test_a_new_glides_ingredients_are_as_long_as_a_products(alice_client, glide_step):
    page = alice_client.get(f"/sessions/{glide_step}/glide/").content.decode()
    assert f'maxlength="{MAX_TEXT}"' in page
    text = "Aqua, " * (MAX_TEXT // 6 + 1)
    response = alice_client.post(
        f"/sessions/{glide_step}/glide/", {"glide": "new", "name": "Serum", "ingredients": text}
    )
    assert response.status_code == 400
    assert f"at most {MAX_TEXT} characters" in response.content.decode()
    assert not Product.objects.exists()
    assert TreatmentSession.objects.get(key=glide_step).glide_verdict == ""


def test_a_check_in_note_on_the_page_is_at_most_1000_characters(alice_client, alice, clock):
    do_session(alice_client, ready(alice))
    response = post_checkin(alice_client, 24, notes="sore " * 201)
    assert "at most 1000 characters" in response.content.decode()
    assert not CheckIn.objects.exists()
