"""The checker page and `/api/rules/ingredients` (POLICY.md sections 4 and 7): names people use
are caught, common neutral names are known, and an unrecognised name is never a silent OK."""

from __future__ import annotations

import re

import pytest
from django.test import Client

NEUTRAL = "Niacinamide, Tocopherol, Dimethicone, Phenoxyethanol"


def words(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def check(text: str, hours: str = "30"):
    return Client().post("/rules/ingredients/", {"text": text, "hours_since_session": hours})


def api(path: str, body: dict):
    return Client().post(f"/api/rules/{path}", body, content_type="application/json")


def test_vitamin_c_is_avoided_on_the_checker_for_the_window_aftercare_gives(db):
    page = words(check("Aqua, Vitamin C, Glycerin"))
    assert "Result: Avoid" in page
    assert "vitamin C" in page and "avoid for 168 hours after a session" in page
    aftercare = api("aftercare", {"session_at": "2026-11-01T20:00:00Z", "needle_mm": 0.25})
    window = next(w for w in aftercare.json()["windows"] if w["topic"] == "vitamin_c")
    assert (window["level"], window["until"]) == ("avoid", "2026-11-08T20:00:00+00:00")


def test_common_neutral_names_are_known_and_read_as_a_plain_ok(db):
    response = check(NEUTRAL)
    page = words(response)
    assert response.status_code == 200
    assert "Nothing on this list needs a pause after microneedling." in page
    assert "not recognised" not in page
    assert 'data-testid="partial-ok"' not in response.content.decode()


def test_an_ok_with_an_unknown_name_says_how_many_were_not_recognised(db):
    response = check(f"{NEUTRAL}, Zorblax Extract, Quuxine")
    page = words(response)
    assert "Result: OK for what we recognised" in page
    assert "2 names not recognised : Zorblax Extract, Quuxine" in page
    assert "Nothing we recognised on this list needs a pause" in page
    assert "Nothing on this list needs a pause" not in page


def test_an_avoid_with_an_unknown_name_still_counts_it(db):
    page = words(check("Aqua, Vitamin C, Zorblax Extract"))
    assert "1 name not recognised : Zorblax Extract" in page


def test_the_json_says_known_per_ingredient_and_counts_the_unknown(db):
    body = {"text": f"Aqua, Vitamin C, {NEUTRAL}, Zorblax Extract", "hours_since_session": 30}
    out = api("ingredients", body).json()
    known = {i["input"]: i["known"] for i in out["ingredients"]}
    assert known == {
        "Aqua": True,
        "Vitamin C": True,
        "Niacinamide": True,
        "Tocopherol": True,
        "Dimethicone": True,
        "Phenoxyethanol": True,
        "Zorblax Extract": False,
    }
    assert out["unknown_count"] == 1
    assert out["verdict"] == "avoid"
    assert [(f["category"], f["until_hours"]) for f in out["findings"]] == [("vitamin_c", 168)]


@pytest.mark.parametrize(
    "name, category",
    [
        ("Vitamin C", "vitamin_c"),
        ("vitamin a", "retinoid"),
        ("Retinal", "retinoid"),
        ("Adapalene", "retinoid"),
        ("Tretinoin", "retinoid"),
        ("Salicylic Acid", "bha"),
        ("Glycolic Acid", "aha"),
    ],
)
def test_names_people_use_are_caught_on_the_checker(db, name, category):
    out = api("ingredients", {"text": f"Aqua, {name}", "hours_since_session": 30}).json()
    assert out["verdict"] == "avoid" and out["unknown_count"] == 0
    assert category in {f["category"] for f in out["findings"]}
