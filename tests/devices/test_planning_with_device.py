"""Planning with a device: one without needle lengths is refused for that reason, with a link
to where they are added; once they are, the plan is made."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from needlewise.devices import services as devices
from needlewise.devices.models import CatalogueDevice
from needlewise.treatments import services as treatments
from needlewise.treatments.models import Plan
from tests.treatments.conftest import NOW

PLAN = {"concern": "texture", "areas": ["cheeks"], "course_length": "6"}


@pytest.fixture
def bare_pen(alice, catalogue):
    entry = CatalogueDevice.objects.get(fda_number="DEN160029")
    return devices.add_device(alice, catalogue_id=entry.pk, kind="pen")


def test_a_device_without_lengths_is_refused_for_that_reason(alice_client, bare_pen, clock):
    data = {**PLAN, "device": bare_pen.pk, "start_date": "2026-11-23"}
    response = alice_client.post("/plans/new/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "This device has no needle lengths recorded: add them on the device page." in html
    assert "For a first session" not in html
    assert f'href="/devices/{bare_pen.pk}/edit/"' in html
    assert not Plan.objects.exists()

    alice_client.post(f"/devices/{bare_pen.pk}/edit/", {"kind": "pen", "lengths": "0.25, 0.5"})
    response = alice_client.post("/plans/new/", data)
    assert response.status_code == 302
    assert Plan.objects.get().needle_mm == {"cheeks": 0.25}


def test_the_service_and_api_name_the_reason(alice, alice_client, bare_pen, clock):
    with pytest.raises(ValidationError) as caught:
        treatments.create_plan(
            alice, concern="texture", areas=["cheeks"], device=bare_pen, start_date=NOW.date()
        )
    assert "no needle lengths recorded" in str(caught.value)
    body = {**PLAN, "areas": ["cheeks"], "device_id": bare_pen.pk, "start_date": "2026-11-23"}
    body["course_length"] = 6
    response = alice_client.post("/api/plans", body, content_type="application/json")
    assert response.status_code == 422, response.content
    assert "no needle lengths recorded" in response.content.decode()
    assert not Plan.objects.exists()
