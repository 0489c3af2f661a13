"""Photos, readings and ratings over the API: owner-scoped, same services as the pages."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from needlewise.accounts.services import create_token
from needlewise.progress.models import Photo, Rating, Reading
from tests.progress.conftest import jpeg_bytes, nothing_written


def api(user) -> Client:
    _, raw = create_token(user, "phone")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def upload(client, data=None, **fields):
    image = SimpleUploadedFile("p.jpg", data if data is not None else jpeg_bytes(gps=True))
    body = {"image": image, "area": "cheeks", "taken_on": "2026-11-20", **fields}
    return client.post("/api/progress/photos", body)


def test_upload_list_read_measure_and_delete(alice, data_dir, django_capture_on_commit_callbacks):
    client = api(alice)
    response = upload(client)
    assert response.status_code == 201, response.content
    out = response.json()
    assert out["area"] == "cheeks" and out["reading"] is None and out["width"] == 64
    assert [p["id"] for p in client.get("/api/progress/photos").json()] == [out["id"]]
    assert client.get(f"/api/progress/photos/{out['id']}").json()["file_url"].endswith("/file")
    body = {"region": {"x": 20, "y": 20, "w": 40, "h": 20}}
    reading = client.post(
        f"/api/progress/photos/{out['id']}/readings", body, content_type="application/json"
    )
    assert reading.status_code == 201 and reading.json()["a_star"] > 0
    detail = client.get(f"/api/progress/photos/{out['id']}").json()
    assert detail["above_baseline"] == 0.0
    assert len(client.get(f"/api/progress/photos/{out['id']}/readings").json()) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert client.delete(f"/api/progress/photos/{out['id']}").status_code == 204
    assert nothing_written(data_dir) and not Reading.objects.exists()


@pytest.mark.parametrize(
    ("data", "fields", "message"),
    [
        (jpeg_bytes()[:200], {}, "damaged or incomplete"),
        (b"not an image", {}, "not a photo we can read"),
        (None, {"area": "elbow"}, "must be one of"),
        (None, {"session_key": "nope"}, "not one of your finished sessions"),
    ],
)
def test_bad_uploads_are_422_with_a_message(alice, data_dir, data, fields, message):
    response = upload(api(alice), data, **fields)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert nothing_written(data_dir)


def test_bad_regions_are_refused(alice, alice_photo):
    client = api(alice)
    url = f"/api/progress/photos/{alice_photo.pk}/readings"
    for body in (
        {"region": {"x": 0, "y": 0, "w": 999, "h": 5}},
        {"region": {"x": -1, "y": 0, "w": 5, "h": 5}},
        {"region": {"x": "0", "y": 0, "w": 5, "h": 5}},
        {"size": 3},
    ):
        response = client.post(url, body, content_type="application/json")
        assert response.status_code == 422, body
    assert not Reading.objects.exists()


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/api/progress/photos/{id}"),
        ("delete", "/api/progress/photos/{id}"),
        ("get", "/api/progress/photos/{id}/file"),
        ("get", "/api/progress/photos/{id}/thumb"),
        ("get", "/api/progress/photos/{id}/readings"),
        ("post", "/api/progress/photos/{id}/readings"),
    ],
)
def test_another_user_gets_404(carol, alice_photo, method, url):
    client = api(carol)
    kwargs = {"data": {}, "content_type": "application/json"} if method == "post" else {}
    response = getattr(client, method)(url.format(id=alice_photo.pk), **kwargs)
    assert response.status_code == 404
    assert Photo.objects.filter(pk=alice_photo.pk).exists() and not Reading.objects.exists()
    assert client.get("/api/progress/photos").json() == []


def test_ratings(alice, carol):
    client = api(alice)
    body = {"concern": "texture", "score": 7, "rated_on": "2026-11-20"}
    assert (
        client.post("/api/progress/ratings", body, content_type="application/json").status_code
        == 201
    )
    bad = {**body, "score": 12}
    response = client.post("/api/progress/ratings", bad, content_type="application/json")
    assert response.status_code == 422 and "1 to 10" in response.content.decode()
    assert [r["score"] for r in client.get("/api/progress/ratings").json()] == [7]
    assert api(carol).get("/api/progress/ratings").json() == []
    assert Rating.objects.count() == 1


def test_wrong_method_is_405(alice, alice_photo):
    assert api(alice).put(f"/api/progress/photos/{alice_photo.pk}").status_code == 405
