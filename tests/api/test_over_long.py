"""One character or item past a field's bound is a 422 naming the field, and nothing is kept.

The bounds are the ones the pages take (tests/api/test_input_caps.py checks each is declared)."""

from __future__ import annotations

from datetime import timedelta

import time_machine

from needlewise.products.models import Product
from needlewise.recovery.models import CheckIn
from needlewise.rules.inputs import MAX_TEXT
from needlewise.rules.vocab import AREAS
from needlewise.suitability.models import SuitabilityCheck
from needlewise.treatments.models import Plan, TreatmentSession
from tests.treatments.conftest import ANSWERS, NOW, do_session, ready

AREA = {"area": "cheeks", "needle_mm": 0.25, "passes": 4, "pain": 2, "bleeding": "none"}


def post(client, url, body):
    return client.post(url, body, content_type="application/json")


def refused(response, loc: list[object], words: str) -> bool:
    """A 422 whose one error names `loc` and says what the bound is."""
    assert response.status_code == 422, response.content
    [error] = response.json()["detail"]
    return error["loc"] == loc and words in error["msg"]


def test_a_session_note_past_2000_characters(alice_client, alice, clock):
    plan = ready(alice)
    body = {"areas": [AREA], "notes": "n" * 2001}
    response = post(alice_client, f"/api/plans/{plan.pk}/sessions", body)
    assert refused(response, ["body", "notes"], "at most 2000 characters")
    assert not TreatmentSession.objects.exists()


def test_a_products_ingredients_past_the_rule_cores_limit(alice_client):
    body = {"name": "Serum", "ingredients_text": "Aqua, " * (MAX_TEXT // 6 + 1)}
    response = post(alice_client, "/api/products/", body)
    assert refused(response, ["body", "ingredients_text"], f"at most {MAX_TEXT} characters")
    assert not Product.objects.exists()


def test_a_check_in_note_past_1000_characters(alice_client, alice, clock):
    do_session(alice_client, ready(alice))
    with time_machine.travel(NOW + timedelta(hours=24), tick=False):
        body = {"redness": 1, "notes": "sore " * 201}
        response = post(alice_client, "/api/recovery/checkins", body)
    assert refused(response, ["body", "notes"], "at most 1000 characters")
    assert not CheckIn.objects.exists()


def test_more_areas_than_there_are(alice_client, alice, clock):
    """Each area once is the most a page sends; a list longer than that is refused whole."""
    too_many = [*sorted(AREAS), "cheeks"]
    body = {**ANSWERS, "areas": too_many, "concerns": ["texture"]}
    response = post(alice_client, "/api/checks/", body)
    assert refused(response, ["body", "areas"], f"at most {len(AREAS)} items")
    assert not SuitabilityCheck.objects.exists()
    body = {"concern": "texture", "areas": too_many, "device_id": 1, "start_date": "2026-11-24"}
    response = post(alice_client, "/api/plans", body)
    assert refused(response, ["body", "areas"], f"at most {len(AREAS)} items")
    assert not Plan.objects.exists()


def test_a_catalogue_search_past_the_pages_100_characters(alice_client):
    response = alice_client.get("/api/devices/catalogue", {"q": "d" * 101})
    assert refused(response, ["query", "q"], "at most 100 characters")


def test_quiet_hours_with_endless_digits(alice_client):
    toggles = dict.fromkeys(
        ("session_day", "checkin", "window_end", "head_replacement", "recheck"), True
    )
    body = {"email": toggles, "quiet_start": "21:30:00." + "1" * 50, "quiet_end": "07:00"}
    response = alice_client.put("/api/reminders/settings", body, content_type="application/json")
    assert refused(response, ["body", "quiet_start"], "at most 15 characters")
    assert alice_client.get("/api/reminders/settings").json()["quiet_start"] != "21:30"
