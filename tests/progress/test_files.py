"""Photo files: only their owner ever gets them, never cached, never by a guessed name."""

from __future__ import annotations

import pytest
from django.test import Client

from needlewise.accounts.services import create_token


@pytest.mark.parametrize("kind", ["photo.jpg", "thumb.jpg"])
def test_the_owner_gets_the_file_uncached(alice_client, alice_photo, kind):
    response = alice_client.get(f"/progress/photos/{alice_photo.pk}/{kind}")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"


@pytest.mark.parametrize("kind", ["photo.jpg", "thumb.jpg"])
def test_another_user_and_an_anonymous_visitor_get_404(carol_client, alice_photo, kind):
    url = f"/progress/photos/{alice_photo.pk}/{kind}"
    assert carol_client.get(url).status_code == 404
    assert Client().get(url).status_code == 404


def test_a_guessed_file_name_gets_404(alice_client, alice_photo, settings):
    for url in (
        f"/progress/{alice_photo.token}.jpg",
        f"/progress/photos/{alice_photo.token}.jpg",
        f"/progress/photos/{alice_photo.token}/photo.jpg",
        f"{settings.MEDIA_URL}{alice_photo.token}.jpg",
        f"/private/photos/{alice_photo.token}.jpg",
        f"/static/{alice_photo.token}.jpg",
        f"/progress/photos/{alice_photo.pk + 1}/photo.jpg",
    ):
        assert alice_client.get(url).status_code == 404, url


def test_the_api_streams_with_the_same_checks(alice, carol, alice_photo):
    _, alices = create_token(alice, "phone")
    _, carols = create_token(carol, "phone")
    url = f"/api/progress/photos/{alice_photo.pk}/file"
    ok = Client().get(url, HTTP_AUTHORIZATION=f"Bearer {alices}")
    assert ok.status_code == 200 and ok["Cache-Control"] == "private, no-store"
    assert ok["Content-Type"] == "image/jpeg"
    assert Client().get(url, HTTP_AUTHORIZATION=f"Bearer {carols}").status_code == 404
    assert Client().get(url).status_code == 401
    assert Client().get(url + "/../thumb").status_code in (401, 404)


def test_file_views_refuse_post(alice_client, alice_photo):
    assert alice_client.post(f"/progress/photos/{alice_photo.pk}/photo.jpg").status_code == 405
