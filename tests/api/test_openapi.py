"""/api/openapi.json declares every answer an operation gives, errors and files included."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from ninja import Schema


@pytest.fixture(scope="module")
def spec() -> dict:
    return Client().get("/api/openapi.json").json()


def test_errors_share_one_declared_shape(spec):
    device = spec["paths"]["/api/devices/{device_id}"]["get"]["responses"]
    assert set(device) == {"200", "401", "404", "422"}
    assert device["404"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }
    assert {"Error", "FieldError"} <= set(spec["components"]["schemas"])


def test_a_body_may_be_unreadable_and_rules_need_no_login(spec):
    responses = set(spec["paths"]["/api/rules/triage"]["post"]["responses"])
    assert responses == {"200", "400", "413", "415", "422", "429"}  # 429: per-address rate


@pytest.mark.parametrize(
    ("path", "status"), [("/api/checks/current", "404"), ("/api/plans/{plan_id}/sessions", "409")]
)
def test_refusals_of_their_own_are_declared(spec, path, status):
    assert status in next(iter(spec["paths"][path].values()))["responses"]


@pytest.mark.parametrize(
    ("path", "media_type"),
    [
        ("/api/export/fhir", "application/fhir+json"),
        ("/api/export/all", "application/zip"),
        ("/api/progress/photos/{photo_id}/file", "image/jpeg"),
        ("/api/progress/photos/{photo_id}/thumb", "image/jpeg"),
    ],
)
def test_files_declare_their_media_type(spec, path, media_type):
    assert list(spec["paths"][path]["get"]["responses"]["200"]["content"]) == [media_type]


def test_the_rules_next_session_documents_past_sessions(spec):
    """Found by the API fuzzer: the plans' SessionIn had replaced the rule's in the schema."""
    body = spec["components"]["schemas"]["NextSessionIn"]["properties"]["sessions"]
    session = spec["components"]["schemas"][body["items"]["$ref"].rsplit("/", 1)[1]]
    assert {"at", "needle_mm", "areas"} == set(session["properties"])


def test_no_two_api_schemas_share_a_name(spec):
    """OpenAPI components are keyed by class name: a second class of the same name silently
    replaces the first one's description."""
    names: dict[str, set[str]] = {}
    pending = [Schema]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("needlewise."):
            names.setdefault(cls.__name__, set()).add(cls.__module__)
    assert {name: where for name, where in names.items() if len(where) > 1} == {}


def test_quiet_hours_are_declared_as_local_times(spec):
    """Found by the API fuzzer: `format: time` means RFC 3339's time with a zone offset, which
    the settings refuse, so every time a client built from the description was a 422."""
    settings = spec["components"]["schemas"]["SettingsIn"]["properties"]
    for name in ("quiet_start", "quiet_end"):
        assert "format" not in settings[name]
        assert re.fullmatch(settings[name]["pattern"], "22:00")
        assert not re.fullmatch(settings[name]["pattern"], "22:00Z")
