"""A NUL character anywhere in the input is a 422 naming where, on every database."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from needlewise.accounts.services import create_token
from needlewise.products.models import Product
from needlewise.progress.models import Photo
from tests.progress.conftest import jpeg_bytes


@pytest.fixture
def api(alice, settings, tmp_path) -> Client:
    settings.DATA_DIR = tmp_path
    _, raw = create_token(alice, "script")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_in_a_json_body(api):
    """Found while fuzzing the API on PostgreSQL, which cannot store a NUL in text: every
    free-text field (a product's name, a note, an e-mail address...) was a 500."""
    body = {"name": "Serum", "ingredients_text": "Aqua,\u0000 Retinol"}
    response = api.post("/api/products/", body, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "ingredients_text"]
    assert "NUL" in response.json()["detail"][0]["msg"]
    assert not Product.objects.exists()


def test_nested_in_a_json_body(api):
    body = {"areas": [{"area": "cheeks", "needle_mm": 0.25, "passes": 1, "pain": 0, "notes": "\0"}]}
    response = api.post("/api/plans/1/sessions", body, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "areas", 0, "notes"]


def test_in_a_query(api):
    response = api.get("/api/devices/catalogue", {"q": "derma\u0000"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "q"]


def test_in_a_form(api):
    image = SimpleUploadedFile("p.jpg", jpeg_bytes())
    form = {"image": image, "area": "cheeks\u0000", "taken_on": "2026-11-20"}
    response = api.post("/api/progress/photos", form)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["form", "area"]
    assert not Photo.objects.exists()


def test_a_body_that_is_not_json_is_still_a_400(api):
    response = api.post("/api/products/", "{not json", content_type="application/json")
    assert (response.status_code, response.json()) == (400, {"detail": "Cannot parse request body"})
