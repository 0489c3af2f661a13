from __future__ import annotations

import uuid

import pytest

from needlewise.devices import services as devices
from needlewise.treatments import services
from needlewise.treatments.models import Plan, TreatmentSession
from tests.treatments.conftest import NOW

AREAS = [
    {"area": "cheeks", "needle_mm": 0.25, "passes": 4, "pain": 2, "bleeding": "none"},
    {"area": "forehead", "needle_mm": 0.25, "passes": 4, "pain": 1, "bleeding": "pinpoint"},
]


def post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_plans_are_listed_with_their_schedule(alice_client, plan):
    [out] = alice_client.get("/api/plans").json()
    assert out["needle_mm"] == {"cheeks": 0.25, "forehead": 0.25}
    assert out["next_allowed"] == "2026-11-23"
    assert len(out["upcoming"]) == 6


def test_a_plan_is_created_through_the_api(alice_client, alice, clock):
    device = devices.add_device(alice, kind="roller", name="R", lengths_mm=[0.25])
    response = post(
        alice_client,
        "/api/plans",
        {
            "concern": "texture",
            "areas": ["nose"],
            "device_id": device.pk,
            "start_date": "2026-11-24",
        },
    )
    assert response.status_code == 201
    assert response.json()["needle_mm"] == {"nose": 0.25}


@pytest.mark.parametrize(
    "change, loc",
    [
        ({"concern": "wrinkles"}, ["body", "concern"]),
        ({"areas": ["scalp"]}, ["body", "areas", 0]),
        ({"areas": []}, ["body", "areas"]),
        ({"device_id": 999999}, ["body", "device_id"]),
        ({"start_date": "tomorrow"}, ["body", "start_date"]),
        ({"course_length": 0}, ["body", "course_length"]),
    ],
)
def test_bad_plans_are_422_and_not_written(alice_client, alice, clock, change, loc):
    device = devices.add_device(alice, kind="roller", name="R", lengths_mm=[0.25])
    body = {
        "concern": "texture",
        "areas": ["nose"],
        "device_id": device.pk,
        "start_date": "2026-11-24",
        **change,
    }
    response = post(alice_client, "/api/plans", body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == loc
    assert not Plan.objects.exists()


def test_a_session_recorded_twice_with_one_key_is_stored_once(alice_client, plan):
    key = str(uuid.uuid4())
    first = post(alice_client, f"/api/plans/{plan.pk}/sessions", {"key": key, "areas": AREAS})
    again = post(alice_client, f"/api/plans/{plan.pk}/sessions", {"key": key, "areas": AREAS})
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["key"] == again.json()["key"] == key
    assert TreatmentSession.objects.count() == 1
    assert [s["key"] for s in alice_client.get("/api/sessions").json()] == [key]


def test_a_malformed_key_is_422(alice_client, plan):
    response = post(alice_client, f"/api/plans/{plan.pk}/sessions", {"key": "k", "areas": AREAS})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "key"]


def test_the_gate_applies_to_the_api(alice_client, plan):
    post(alice_client, f"/api/plans/{plan.pk}/sessions", {"areas": AREAS})
    response = post(alice_client, f"/api/plans/{plan.pk}/sessions", {"areas": AREAS})
    assert response.status_code == 409
    assert "Not before" in response.json()["detail"]


def test_a_needle_above_the_plan_is_422(alice_client, plan):
    body = {"areas": [{**AREAS[0], "needle_mm": 0.5}]}
    response = post(alice_client, f"/api/plans/{plan.pk}/sessions", body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "needle_mm"]
    assert not TreatmentSession.objects.filter(status="done").exists()


def test_other_peoples_plans_and_sessions_are_404(alice_client, plan, carol, client):
    post(alice_client, f"/api/plans/{plan.pk}/sessions", {"areas": AREAS})
    key = TreatmentSession.objects.get().key
    client.force_login(carol, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(f"/api/plans/{plan.pk}").status_code == 404
    assert client.get(f"/api/sessions/{key}").status_code == 404
    assert post(client, f"/api/plans/{plan.pk}/sessions", {"areas": AREAS}).status_code == 404


def test_the_api_needs_authentication(client, db):
    assert client.get("/api/plans").status_code == 401
    assert client.get("/api/sessions").status_code == 401


def test_an_unknown_bleeding_code_is_422_and_nothing_is_written(alice_client, plan):
    """Found while fuzzing the API: the code went unchecked into a 12-character column (a 500
    on PostgreSQL, a stored typo on SQLite)."""
    areas = [AREAS[0], {**AREAS[1], "bleeding": "a lot, for a long while"}]
    response = post(alice_client, f"/api/plans/{plan.pk}/sessions", {"areas": areas})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "areas", 1, "bleeding"]
    assert "pinpoint" in response.json()["detail"][0]["msg"]
    assert not TreatmentSession.objects.exists()


def test_an_area_given_twice_is_422_and_nothing_is_written(alice_client, plan):
    """Found while fuzzing the API: the second record broke a unique constraint (a 500)."""
    areas = [AREAS[0], AREAS[1], {**AREAS[0], "passes": 2}]
    response = post(alice_client, f"/api/plans/{plan.pk}/sessions", {"areas": areas})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "areas", 2, "area"]
    assert "twice" in response.json()["detail"][0]["msg"]
    assert not TreatmentSession.objects.exists()


def test_a_key_already_naming_another_session_is_422(alice_client, alice, plan):
    """Found while fuzzing the API: a key left on one plan's draft and reused for another plan
    broke the keys' unique constraint (a 500). (A refused recording no longer leaves a draft:
    the draft here is a guided session's, started on the page.)"""
    other = services.create_plan(
        alice, concern="texture", areas=["neck"], device=plan.device, start_date=NOW.date()
    )
    key = uuid.uuid4()
    services.start_session(alice, plan, key)
    neck = {**AREAS[0], "area": "neck"}
    response = post(
        alice_client, f"/api/plans/{other.pk}/sessions", {"key": str(key), "areas": [neck]}
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "key"]
    assert not TreatmentSession.objects.filter(status="done").exists()


def test_a_start_date_past_what_can_be_scheduled_is_422_and_nothing_is_written(
    alice_client, alice, clock
):
    """Found while fuzzing the API: scheduling from 9999-12-31 overflowed (a 500)."""
    device = devices.add_device(alice, kind="roller", name="R", lengths_mm=[0.25])
    body = {"concern": "texture", "areas": ["cheeks"], "device_id": device.pk}
    response = post(alice_client, "/api/plans", {**body, "start_date": "9999-12-31"})
    assert response.status_code == 422
    assert "too far" in response.json()["detail"][0]["msg"]
    assert not Plan.objects.exists()


class TestTheGlide:
    """A session's glide over the API (POLICY.md section 8): the same service as the page."""

    def _record(self, client, plan, glide):
        return post(client, f"/api/plans/{plan.pk}/sessions", {"areas": AREAS, "glide": glide})

    def test_a_shelf_product_is_judged_and_read_back(self, alice_client, alice, plan):
        from tests.products.conftest import add

        serum = add(alice, "Bright C", "Aqua, Ascorbic Acid, Sodium Hyaluronate")
        response = self._record(alice_client, plan, {"product_id": serum.pk})
        assert response.status_code == 201
        glide = response.json()["glide"]
        assert (glide["verdict"], glide["name"]) == ("avoid", "Bright C")
        assert [f["category"] for f in glide["findings"]] == ["glide"]
        assert glide["findings"][0]["grade"] == "PEER"
        key = response.json()["key"]
        assert alice_client.get(f"/api/sessions/{key}").json()["glide"] == glide

    def test_nothing_on_the_skin(self, alice_client, plan):
        response = self._record(alice_client, plan, {"none": True})
        assert response.json()["glide"] == {"verdict": "none", "name": "", "findings": []}

    def test_a_glide_not_asked_is_null(self, alice_client, plan):
        response = post(alice_client, f"/api/plans/{plan.pk}/sessions", {"areas": AREAS})
        assert response.json()["glide"] is None

    def test_a_new_product_goes_on_the_shelf(self, alice_client, alice, plan):
        from needlewise.products.models import Product

        glide = {"name": "Plain HA", "ingredients": "Aqua, Sodium Hyaluronate, Glycerin"}
        response = self._record(alice_client, plan, glide)
        assert response.status_code == 201
        assert response.json()["glide"]["verdict"] == "ok"
        assert Product.objects.get(user=alice).name == "Plain HA"

    @pytest.mark.parametrize(
        ("glide", "loc"),
        [
            ({"product_id": "other"}, ["body", "glide", "product_id"]),
            ({"product_id": 999999}, ["body", "glide", "product_id"]),
            ({"name": " "}, ["body", "glide", "name"]),
            ({}, ["body", "glide"]),
            ({"none": True, "product_id": 1}, ["body", "glide"]),
            ({"none": False}, ["body", "glide"]),
            ({"ingredients": "Aqua"}, ["body", "glide"]),
            ({"product_id": 1, "ingredients": "Aqua"}, ["body", "glide", "ingredients"]),
            ({"colour": "red"}, ["body", "glide", "colour"]),
        ],
    )
    def test_bad_glides_are_422_naming_the_field_and_write_nothing(
        self, alice_client, alice, carol, plan, glide, loc
    ):
        from needlewise.products.models import Product
        from tests.products.conftest import add

        theirs = add(carol, "Carol's serum", "Aqua, Sodium Hyaluronate")
        if glide.get("product_id") == "other":
            glide = {"product_id": theirs.pk}
        elif glide.get("product_id") == 1:
            glide = {**glide, "product_id": add(alice, "Mine", "Aqua").pk}
        before = Product.objects.count()
        response = self._record(alice_client, plan, glide)
        assert response.status_code == 422, response.json()
        assert response.json()["detail"][0]["loc"] == loc
        assert not TreatmentSession.objects.exists()
        assert Product.objects.count() == before

    def test_a_refused_record_adds_no_product(self, alice_client, alice, plan):
        """One transaction: the new product goes with the session, or not at all."""
        from needlewise.products.models import Product

        body = {
            "areas": [{**AREAS[0], "needle_mm": 0.5}],
            "glide": {"name": "Plain HA", "ingredients": "Aqua, Sodium Hyaluronate"},
        }
        response = post(alice_client, f"/api/plans/{plan.pk}/sessions", body)
        assert response.status_code == 422
        assert not Product.objects.exists()
        assert not TreatmentSession.objects.exists()
