"""One plan per area: a second plan on an area already in an active or paused plan is refused,
on the page and over the API, with the area and what to do; ending the plan frees it."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from needlewise.treatments import services
from needlewise.treatments.models import Plan
from tests.treatments.conftest import NOW

TAKEN = "Cheeks: already in your active plan for smoother texture (from Mon 23 Nov)."


def _form(plan, areas):
    return {
        "concern": "fine_lines",
        "areas": areas,
        "device": plan.device.pk,
        "start_date": NOW.date().isoformat(),
        "course_length": "6",
    }


def test_the_page_refuses_a_second_plan_on_an_area(alice_client, plan):
    response = alice_client.post("/plans/new/", _form(plan, ["cheeks", "neck"]))
    assert response.status_code == 400
    page = response.content.decode()
    assert TAKEN in page and "end that plan on its page, or leave this area out" in page
    assert Plan.objects.count() == 1


def test_the_api_refuses_a_second_plan_on_an_area(alice_client, plan):
    body = {
        "concern": "texture",
        "areas": ["neck", "cheeks"],
        "device_id": plan.device.pk,
        "start_date": NOW.date().isoformat(),
    }
    response = alice_client.post("/api/plans", body, content_type="application/json")
    assert response.status_code == 422
    [detail] = response.json()["detail"]
    assert detail["loc"] == ["body", "areas"] and detail["msg"].startswith(TAKEN)
    assert Plan.objects.count() == 1


def test_a_paused_plan_holds_its_areas_and_an_ended_one_frees_them(alice, alice_client, plan):
    services.pause_plans(alice, "a check-in needs a professional")
    with pytest.raises(ValidationError, match="already in your paused plan"):
        services.create_plan(
            alice, concern="texture", areas=["forehead"], device=plan.device, start_date=NOW.date()
        )
    assert alice_client.post(f"/plans/{plan.pk}/end/").status_code == 302
    plan.refresh_from_db()
    assert plan.status == Plan.Status.FINISHED
    response = alice_client.post("/plans/new/", _form(plan, ["cheeks"]))
    assert response.status_code == 302


def test_other_areas_are_free(alice, plan):
    other = services.create_plan(
        alice, concern="texture", areas=["neck"], device=plan.device, start_date=NOW.date()
    )
    assert other.areas == ["neck"]


def test_changing_lengths_never_adds_an_area(alice, plan):
    with pytest.raises(ValidationError, match="neck is not in this plan"):
        services.set_needle_lengths(alice, plan, {"neck": 0.25})
    plan.refresh_from_db()
    assert plan.areas == ["cheeks", "forehead"]


def test_only_the_owner_ends_a_plan_and_only_by_post(alice, bob, alice_client, plan):
    """Another person's plan is not found; a GET ends nothing."""
    from django.test import Client

    other = Client()
    other.force_login(bob, backend="django.contrib.auth.backends.ModelBackend")
    assert other.post(f"/plans/{plan.pk}/end/").status_code == 404
    assert alice_client.get(f"/plans/{plan.pk}/end/").status_code == 405
    plan.refresh_from_db()
    assert plan.status == Plan.Status.ACTIVE
