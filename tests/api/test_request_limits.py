"""Too much input, or input that is not what the operation declares, is refused in the API's
own JSON error shape (`{"detail": ...}`), not with Django's HTML "Bad Request (400)" page, and
nothing is written."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from needlewise.accounts.services import create_token
from needlewise.products.models import Product
from needlewise.progress.models import Photo
from tests.progress.conftest import jpeg_bytes

SERUM = {"name": "Serum", "ingredients_text": "Aqua"}


@pytest.fixture
def api(alice, settings, tmp_path) -> Client:
    settings.DATA_DIR = tmp_path
    _, raw = create_token(alice, "script")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def _detail(response) -> str:
    assert response["Content-Type"].startswith("application/json")
    return response.json()["detail"]


def test_an_oversized_json_body_is_a_413_in_json(api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2048
    body = json.dumps({**SERUM, "ingredients_text": "Aqua, " * 400})
    response = api.post("/api/products/", body, content_type="application/json")
    assert response.status_code == 413
    assert "larger than" in _detail(response) and "2 KB" in _detail(response)
    assert not Product.objects.exists()


def test_an_oversized_body_to_a_login_free_endpoint_is_a_413_in_json(client, settings, db):
    # `db`: the rate limit counts in the database when there is no Redis (issue 16).
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"text": "Aqua, " * 200})
    response = client.post("/api/rules/ingredients", body, content_type="application/json")
    assert response.status_code == 413
    assert "larger than" in _detail(response)


def test_too_many_files_is_a_413_in_json(api, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 2
    files = {f"image{i}": SimpleUploadedFile(f"{i}.jpg", jpeg_bytes()) for i in range(3)}
    response = api.post("/api/progress/photos", {**files, "taken_on": "2026-11-23"})
    assert response.status_code == 413
    assert "at most 2 files" in _detail(response)
    assert not Photo.objects.exists()


def test_too_many_form_fields_is_a_413_in_json(api, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 3
    fields = {f"field{i}": "x" for i in range(5)}
    image = SimpleUploadedFile("a.jpg", jpeg_bytes())
    response = api.post("/api/progress/photos", {**fields, "image": image})
    assert response.status_code == 413
    assert "at most 3 form fields" in _detail(response)


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "text/html"]
)
def test_a_json_body_sent_as_another_type_is_a_415(api, content_type):
    """A text/plain body is what a cross-site HTML form can send without a CORS preflight;
    it was parsed as JSON and stored."""
    response = api.post("/api/products/", json.dumps(SERUM), content_type=content_type)
    assert response.status_code == 415
    assert "application/json" in _detail(response)
    assert not Product.objects.exists()


@pytest.mark.parametrize("content_type", ["application/json", "application/json; charset=utf-8"])
def test_json_is_still_json(api, content_type):
    response = api.post("/api/products/", json.dumps(SERUM), content_type=content_type)
    assert response.status_code == 201


def test_the_refusals_are_declared(client):
    spec = client.get("/api/openapi.json").json()
    responses = spec["paths"]["/api/products/"]["post"]["responses"]
    assert {"413", "415"} <= set(responses)
    upload = spec["paths"]["/api/progress/photos"]["post"]["responses"]
    assert "413" in upload and "415" not in upload  # a form, not JSON
    assert "413" not in spec["paths"]["/api/me"]["get"]["responses"]


def test_a_browser_session_gets_the_same_json_answer(alice_client, settings, tmp_path):
    """With a session the CSRF check reads the form first, inside the API's own handling."""
    settings.DATA_DIR = tmp_path
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 1
    files = {f"image{i}": SimpleUploadedFile(f"{i}.jpg", jpeg_bytes()) for i in range(2)}
    response = alice_client.post("/api/progress/photos", files)
    assert response.status_code == 413
    assert "at most 1 file" in _detail(response)
