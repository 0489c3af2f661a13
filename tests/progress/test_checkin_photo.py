"""A check-in may carry a photo: saved together, or not at all."""

from __future__ import annotations

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from needlewise.progress.models import Photo
from needlewise.recovery.models import CheckIn
from tests.progress.conftest import jpeg_bytes
from tests.treatments.conftest import NOW, do_session, ready

CHECKIN = {"redness": "1", "pain": "1", "bleeding": "none"}


@pytest.fixture
def plan(alice):
    """A plan ready for a session, with the clock held at NOW for the whole test."""
    with time_machine.travel(NOW, tick=False):
        yield ready(alice)


def test_a_check_in_with_a_photo_shows_its_measured_redness(alice_client, plan, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    do_session(alice_client, plan)
    upload = SimpleUploadedFile("skin.jpg", jpeg_bytes(), content_type="image/jpeg")
    response = alice_client.post(
        "/recovery/checkin/", {**CHECKIN, "photo-image": upload, "photo-area": "cheeks"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    checkin = CheckIn.objects.get()
    assert Photo.objects.get().checkin_id == checkin.pk
    html = alice_client.get(response["Location"]).content.decode()
    assert "a*" in html


def test_a_broken_photo_saves_neither(alice_client, plan, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    do_session(alice_client, plan)
    upload = SimpleUploadedFile("skin.jpg", b"not an image at all", content_type="image/jpeg")
    response = alice_client.post("/recovery/checkin/", {**CHECKIN, "photo-image": upload})
    assert response.status_code == 400
    assert not CheckIn.objects.exists() and not Photo.objects.exists()
    assert not any(p.is_file() for p in tmp_path.rglob("*"))
