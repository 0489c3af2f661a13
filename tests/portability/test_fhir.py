"""GET /api/export/fhir: a FHIR R4 Bundle that fhir.resources validates, for the owner only."""

from __future__ import annotations

from collections import Counter

import pytest
from django.test import Client
from fhir.resources.R4B.bundle import Bundle

from needlewise.accounts.services import create_token
from needlewise.portability import fhir
from tests.portability.conftest import client_for

URL = "/api/export/fhir"


def _by_type(data):
    return Counter(e["resource"]["resourceType"] for e in data["entry"])


def test_the_bundle_validates_and_holds_every_kind_of_resource(full_alice, alice_client):
    response = alice_client.get(URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json"
    assert response["Cache-Control"] == "private, no-store"
    data = response.json()
    bundle = Bundle.model_validate(data)
    assert bundle.type == "collection"
    assert _by_type(data) == {
        "Patient": 1,
        "Device": 1,
        "Procedure": 1,
        "Observation": 2,
        "AdverseEvent": 1,
    }


def test_resources_carry_local_codes_lengths_and_references(full_alice):
    data = fhir.bundle(full_alice)
    resources = {e["resource"]["resourceType"]: e["resource"] for e in data["entry"]}
    urls = {e["fullUrl"] for e in data["entry"]}

    patient = resources["Patient"]
    assert patient["birthDate"] == "1990-04-02" and patient["name"] == [{"text": "Alice"}]
    procedure = resources["Procedure"]
    sites = {s["coding"][0]["code"]: s for s in procedure["bodySite"]}
    assert set(sites) == {"cheeks", "forehead"}
    assert sites["cheeks"]["coding"][0]["system"] == f"{fhir.CODE_SYSTEM}/area"
    length = sites["cheeks"]["extension"][0]
    assert length["url"].endswith("/needle-length") and length["valueQuantity"]["value"] == 0.25
    assert procedure["usedReference"][0]["reference"] in urls
    assert procedure["subject"]["reference"] in urls
    event = resources["AdverseEvent"]
    assert event["event"]["coding"][0]["code"] == "see_dermatologist"
    assert event["suspectEntity"][0]["instance"]["reference"] == f"urn:uuid:{procedure['id']}"


def test_a_person_without_a_name_or_birth_date_gets_a_minimal_patient(carol):
    carol.profile.display_name = ""
    carol.profile.save()
    data = fhir.bundle(carol)
    assert [e["resource"]["resourceType"] for e in data["entry"]] == ["Patient"]
    assert set(data["entry"][0]["resource"]) == {"resourceType", "id"}


def test_a_personal_token_works_and_nobody_else_sees_alices_record(full_alice, carol):
    _, raw = create_token(full_alice, "clinic import")
    mine = Client().get(URL, headers={"authorization": f"Bearer {raw}"})
    assert mine.status_code == 200 and _by_type(mine.json())["Procedure"] == 1

    theirs = client_for(carol).get(URL).json()
    assert _by_type(theirs) == {"Patient": 1}
    alice_ids = {e["resource"]["id"] for e in mine.json()["entry"]}
    assert alice_ids.isdisjoint(e["resource"]["id"] for e in theirs["entry"])


@pytest.mark.django_db
def test_anonymous_gets_401():
    assert Client().get(URL).status_code == 401


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_other_methods_get_405(alice_client, method):
    assert getattr(alice_client, method)(URL).status_code == 405
