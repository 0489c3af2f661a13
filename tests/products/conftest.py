"""A shelf of five products, and a finished session at NOW (tests/treatments/conftest.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine

from needlewise.products import services
from needlewise.treatments import services as treatments
from tests.treatments.conftest import NOW, ready

SHELF = {
    "retinol serum": ("serum", "Aqua, Glycerin, Retinol, Squalane, Phenoxyethanol"),
    "glycolic toner": ("treatment", "Aqua, Glycolic Acid, Sodium Hydroxide, Phenoxyethanol"),
    "fragranced moisturiser": (
        "moisturiser",
        "Aqua, Cetearyl Alcohol, Caprylic/Capric Triglyceride, Parfum, Phenoxyethanol",
    ),
    "hyaluronic serum": ("serum", "Aqua, Sodium Hyaluronate, Panthenol, Phenoxyethanol"),
    "mineral sunscreen": (
        "sunscreen",
        "Zinc Oxide 20% (Non-Nano), Caprylic/Capric Triglyceride, Tocopherol",
    ),
}


def add(user, name, text, kind="other", **fields):
    return services.add_product(user, name=name, kind=kind, ingredients_text=text, **fields)


def fill_shelf(user):
    return {name: add(user, name, text, kind) for name, (kind, text) in SHELF.items()}


def session_at_now(user):
    """A plan and one finished session, done at NOW; returns the session."""
    with time_machine.travel(NOW, tick=False):
        plan = ready(user)
        draft = treatments.start_session(user, plan)
        record = {"needle_mm": 0.25, "passes": 4, "pain": 2, "bleeding": "none"}
        records = [{"area": area, **record} for area in ("cheeks", "forehead")]
        return treatments.finish_session(user, draft.key, records)


@pytest.fixture
def shelf(alice):
    with time_machine.travel(NOW, tick=False):
        return fill_shelf(alice)


@pytest.fixture
def session(alice):
    return session_at_now(alice)


def at(hours: float):
    """Travel to `hours` after NOW (the session's time)."""
    return time_machine.travel(NOW + timedelta(hours=hours), tick=False)
