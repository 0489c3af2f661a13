"""GET /api/export/all: a zip whose data.json holds every row the person owns, and no one else's."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.test import Client

from needlewise.portability.owned import StoredFile, _files_of
from tests.portability.conftest import client_for
from tests.portability.helpers import owned_ids

URL = "/api/export/all"


def _export(client) -> tuple[zipfile.ZipFile, dict]:
    response = client.get(URL)
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    return archive, json.loads(archive.read("data.json"))


def test_the_zip_round_trips_every_owned_row_with_its_id(full_alice, full_bob, alice_client):
    _, data = _export(alice_client)

    expected = owned_ids(full_alice)
    exported = {label: {row["id"] for row in rows} for label, rows in data["rows"].items()}
    assert exported == expected
    assert data["counts"] == {label: len(ids) for label, ids in expected.items()}
    # Some of everything, children included, so the comparison above means something.
    for label in (
        "accounts.profile",
        "accounts.apitoken",
        "suitability.suitabilitycheck",
        "devices.owneddevice",
        "devices.sterilisationrecord",
        "treatments.plan",
        "treatments.treatmentsession",
        "treatments.sessionarea",
        "recovery.checkin",
        "recovery.escalation",
        "products.product",
        "products.avoidentry",
        "reminders.remindersettings",
        "library.subscriber",
    ):
        assert expected.get(label), label


def test_rows_keep_their_fields_and_secrets_stay_out(full_alice, alice_client):
    archive, data = _export(alice_client)
    text = archive.read("data.json").decode()

    session = data["rows"]["treatments.treatmentsession"][0]
    assert session["user"] == full_alice.pk and session["status"] == "done"
    areas = data["rows"]["treatments.sessionarea"]
    assert {a["area"] for a in areas} == {"cheeks", "forehead"}
    assert data["rows"]["accounts.user"][0]["password"] == "[redacted]"
    assert full_alice.password not in text
    assert data["rows"]["accounts.apitoken"][0]["digest"] == "[redacted]"
    assert "README.txt" in archive.namelist()
    photos = [f for f in data["files"] if f["model"] == "progress.photo"]
    assert len(photos) == 2  # the photo and its thumbnail
    for entry in photos:
        assert entry["path"].startswith("photos/")
        assert archive.read(entry["path"]).startswith(b"\xff\xd8")  # JPEG


def test_the_download_is_private(alice_client):
    response = alice_client.get(URL)
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment;")


def test_another_person_never_gets_alices_rows(full_alice, carol):
    _, data = _export(client_for(carol))
    assert data["user_id"] == carol.pk
    assert full_alice.email not in json.dumps(data)
    for label, ids in owned_ids(full_alice).items():
        assert ids.isdisjoint(row["id"] for row in data["rows"].get(label, [])), label


@pytest.mark.django_db
def test_anonymous_gets_401():
    assert Client().get(URL).status_code == 401


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_other_methods_get_405(alice_client, method):
    assert getattr(alice_client, method)(URL).status_code == 405


def test_file_fields_become_files_in_the_zip(tmp_path):
    """Any FileField on an owned row (photos) is found, and named safely inside the zip."""
    from django.core.files.storage import FileSystemStorage
    from django.db import models
    from django.test.utils import isolate_apps

    storage = FileSystemStorage(location=tmp_path / "private" / "photos")
    with isolate_apps("needlewise.portability"):

        class Snap(models.Model):
            image = models.FileField(storage=storage)

            class Meta:
                app_label = "portability"

            def __str__(self) -> str:
                return self.image.name

        found = list(_files_of(Snap(pk=7, image="7/../../a.jpg")))
    assert found == [StoredFile(storage, "7/../../a.jpg", "portability.snap", 7)]
    assert found[0].archive_name == "files/7/a.jpg"
