"""`/api/devices/`: the catalogue and my devices. 422 names the field and writes nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client

from needlewise.accounts.services import create_token
from needlewise.devices.models import CatalogueDevice, HeadChange, OwnedDevice, SterilisationRecord
from tests.devices.conftest import PEN, ROLLER, custom

NOW = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)


def post(client, path: str, body: object):
    return client.post(f"/api/devices/{path}", body, content_type="application/json")


def test_the_catalogue_lists_generics_first_and_can_be_searched(alice_client, catalogue):
    entries = alice_client.get("/api/devices/catalogue").json()
    assert [e["is_generic"] for e in entries[:5]] == [True] * 4 + [False]
    assert entries[4]["fda_status"] == "cleared"
    pen = next(e for e in entries if e["name"] == PEN)
    assert (pen["adjustable"], pen["lengths_mm"][0], pen["lengths_mm"][-1]) == (True, 0.25, 2.5)
    found = alice_client.get("/api/devices/catalogue", {"q": "exceed"}).json()
    assert {e["fda_number"] for e in found} == {"K180778", "K182407", "K233709"}


def test_a_catalogue_device_is_added_and_listed(alice_client, alice, catalogue):
    response = post(alice_client, "", {"catalogue_id": catalogue[ROLLER].pk, "nickname": "Mine"})
    assert response.status_code == 201
    body = response.json()
    assert (body["name"], body["nickname"], body["kind"], body["lengths_mm"]) == (
        ROLLER,
        "Mine",
        "roller",
        [0.25],
    )
    assert body["fda_status"] == "not_cleared"
    assert "over-the-counter" in body["otc_notice"]
    assert body["ready"] is False
    listed = alice_client.get("/api/devices/").json()
    assert [d["id"] for d in listed] == [body["id"]]
    assert alice_client.get(f"/api/devices/{body['id']}").json() == body


def test_a_custom_device_is_added(alice_client, alice):
    body = {"kind": "stamp", "name": "Stamp", "lengths_mm": [0.5, 0.25], "fda_status": "unknown"}
    response = post(alice_client, "", body)
    assert response.status_code == 201
    assert response.json()["lengths_mm"] == [0.25, 0.5]


@pytest.mark.parametrize(
    "body, loc",
    [
        ({"kind": "roller", "lengths_mm": [0.25]}, ["body", "name"]),
        ({"kind": "roller", "name": "X"}, ["body", "lengths_mm"]),
        ({"kind": "roller", "name": "X", "lengths_mm": [3.5]}, ["body", "lengths_mm"]),
        ({"kind": "roller", "name": "X", "lengths_mm": ["long"]}, ["body", "lengths_mm", 0]),
        ({"name": "X", "lengths_mm": [0.25]}, ["body", "kind"]),
        ({"kind": "laser", "name": "X", "lengths_mm": [0.25]}, ["body", "kind"]),
        (
            {"kind": "roller", "name": "X", "lengths_mm": [0.25], "fda_status": "approved"},
            ["body", "fda_status"],
        ),
        ({"catalogue_id": 999999}, ["body", "catalogue_id"]),
        ({"catalogue_id": "abc"}, ["body", "catalogue_id"]),
        (
            {"kind": "roller", "name": "X", "lengths_mm": [0.25], "first_used_on": "2999-01-01"},
            ["body", "first_used_on"],
        ),
        (
            {"kind": "roller", "name": "X", "lengths_mm": [0.25], "colour": "red"},
            ["body", "colour"],
        ),
    ],
)
def test_bad_devices_are_422_naming_the_field_and_nothing_is_written(alice_client, body, loc):
    response = post(alice_client, "", body)
    assert response.status_code == 422, response.content
    assert response.json()["detail"][0]["loc"] == loc
    assert response.json()["detail"][0]["msg"]
    assert not OwnedDevice.objects.exists()


def test_a_catalogue_device_of_unknown_kind_needs_the_kind(alice_client, catalogue):
    bare = CatalogueDevice.objects.get(fda_number="K253153")
    response = post(alice_client, "", {"catalogue_id": bare.pk})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "kind"]
    assert post(alice_client, "", {"catalogue_id": bare.pk, "kind": "pen"}).status_code == 201


def test_a_sterilisation_is_recorded(alice_client, roller):
    with time_machine.travel(NOW, tick=False):
        response = post(alice_client, f"{roller.pk}/sterilisations", {})
        assert response.status_code == 201
        assert response.json()["minutes"] == 10
        earlier = {"at": "2026-11-23T08:00:00Z", "minutes": 15, "notes": "fresh alcohol"}
        assert post(alice_client, f"{roller.pk}/sterilisations", earlier).status_code == 201
        device = alice_client.get(f"/api/devices/{roller.pk}").json()
    assert device["ready"] is True
    assert device["last_sterilised_at"].startswith("2026-11-23T20:00:00")
    assert SterilisationRecord.objects.filter(device=roller).count() == 2


@pytest.mark.parametrize(
    "body, loc",
    [
        ({"minutes": 5}, ["body", "minutes"]),
        ({"minutes": -1}, ["body", "minutes"]),
        ({"minutes": "ten"}, ["body", "minutes"]),
        ({"at": "2999-01-01T00:00:00Z"}, ["body", "at"]),
        ({"at": "2026-11-23T08:00:00"}, ["body", "at"]),
        ({"at": "yesterday"}, ["body", "at"]),
        ({"method": "x" * 121}, ["body", "method"]),
        ({"surprise": 1}, ["body", "surprise"]),
    ],
)
def test_a_bad_sterilisation_is_422_and_nothing_is_written(alice_client, roller, body, loc):
    response = post(alice_client, f"{roller.pk}/sterilisations", body)
    assert response.status_code == 422, response.content
    assert response.json()["detail"][0]["loc"] == loc
    assert not SterilisationRecord.objects.exists()


def test_a_pen_is_not_soaked(alice_client, pen):
    response = post(alice_client, f"{pen.pk}/sterilisations", {})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "device"]
    assert not SterilisationRecord.objects.exists()


def test_a_head_change_is_recorded_and_resets_the_count(alice_client, roller):
    OwnedDevice.objects.filter(pk=roller.pk).update(uses=10)
    assert alice_client.get(f"/api/devices/{roller.pk}").json()["head_replacement_due"] is True
    response = post(alice_client, f"{roller.pk}/head-changes", {})
    assert response.status_code == 201
    assert (response.json()["kind"], response.json()["uses_at_change"]) == ("head", 10)
    device = alice_client.get(f"/api/devices/{roller.pk}").json()
    assert (device["uses"], device["uses_since_head_change"]) == (10, 0)
    assert device["head_replacement_due"] is False


@pytest.mark.parametrize(
    "body, loc",
    [
        ({"at": (NOW + timedelta(days=1)).isoformat()}, ["body", "at"]),
        ({"at": "soon"}, ["body", "at"]),
        ({"kind": "head"}, ["body", "kind"]),
    ],
)
def test_a_bad_head_change_is_422_and_nothing_is_written(alice_client, roller, body, loc):
    with time_machine.travel(NOW, tick=False):
        response = post(alice_client, f"{roller.pk}/head-changes", body)
    assert response.status_code == 422, response.content
    assert response.json()["detail"][0]["loc"] == loc
    assert not HeadChange.objects.exists()


def test_a_device_is_deleted_with_its_records(alice_client, roller):
    post(alice_client, f"{roller.pk}/sterilisations", {})
    response = alice_client.delete(f"/api/devices/{roller.pk}")
    assert response.status_code == 204
    assert not OwnedDevice.objects.exists()
    assert not SterilisationRecord.objects.exists()
    assert alice_client.get(f"/api/devices/{roller.pk}").status_code == 404


def test_a_token_works_like_a_session(alice, roller):
    _, raw = create_token(alice, "script")
    response = Client().get("/api/devices/", headers={"Authorization": f"Bearer {raw}"})
    assert [d["id"] for d in response.json()] == [roller.pk]


def test_only_my_own_devices_are_listed(alice_client, roller, bob):
    custom(bob, [0.5])
    assert [d["id"] for d in alice_client.get("/api/devices/").json()] == [roller.pk]


@pytest.mark.parametrize(
    "method, path",
    [
        ("get", "catalogue"),
        ("get", ""),
        ("post", ""),
        ("get", "{id}"),
        ("patch", "{id}"),
        ("delete", "{id}"),
        ("post", "{id}/sterilisations"),
        ("post", "{id}/head-changes"),
    ],
)
def test_anonymous_calls_are_401_and_nothing_changes(client, roller, method, path):
    url = "/api/devices/" + path.format(id=roller.pk)
    response = getattr(client, method)(url, {}, content_type="application/json")
    assert response.status_code == 401
    assert OwnedDevice.objects.count() == 1
    assert not SterilisationRecord.objects.exists()


@pytest.mark.parametrize(
    "method, path",
    [
        ("put", "{id}"),
        ("get", "{id}/sterilisations"),
        ("delete", "{id}/head-changes"),
        ("delete", ""),
        ("post", "catalogue"),
    ],
)
def test_wrong_methods_are_405(alice_client, roller, method, path):
    url = "/api/devices/" + path.format(id=roller.pk)
    response = getattr(alice_client, method)(url, {}, content_type="application/json")
    assert response.status_code == 405
    assert OwnedDevice.objects.count() == 1


def test_the_device_list_makes_a_fixed_number_of_queries(
    alice_client, alice, django_assert_max_num_queries
):
    for i in range(5):
        post(alice_client, f"{custom(alice, [0.25], name=f'R{i}').pk}/sterilisations", {})
    with django_assert_max_num_queries(4):
        assert len(alice_client.get("/api/devices/").json()) == 5


@pytest.mark.parametrize(
    ("path", "status"),
    [("abc", 422), ("1.5/sterilisations", 422), ("abc/head-changes", 422), ("-1", 404)],
)
def test_an_id_that_is_not_mine_or_not_a_number_is_answered_in_json(
    alice_client, roller, path, status
):
    """Found by the API fuzzer: a non-numeric id used to get the site's HTML 404 page."""
    response = (
        post(alice_client, path, {}) if "/" in path else alice_client.get(f"/api/devices/{path}")
    )
    assert response.status_code == status
    assert response["Content-Type"] == "application/json; charset=utf-8"
    if status == 422:
        assert response.json()["detail"][0]["loc"] == ["path", "device_id"]


@pytest.mark.parametrize("what", ["sterilisations", "head-changes"])
def test_a_time_before_the_first_day_in_utc_is_422_and_nothing_is_written(
    alice_client, roller, what
):
    """Found while fuzzing the API: 0001-01-01 at +14:00 is before year 1 in UTC, a 500 on
    SQLite; PostgreSQL stored it as BC and every later read of the device was a 500."""
    response = post(alice_client, f"{roller.pk}/{what}", {"at": "0001-01-01T00:00:00+14:00"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "at"]
    assert alice_client.get(f"/api/devices/{roller.pk}").status_code == 200
    assert not SterilisationRecord.objects.exists() and not HeadChange.objects.exists()
