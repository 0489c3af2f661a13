"""Photos under a temporary private data dir, and images made in code."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from needlewise.progress.models import Photo
from tests.conftest import make_user


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path) -> Path:
    settings.DATA_DIR = tmp_path
    return tmp_path


def photo_files(data_dir: Path) -> list[Path]:
    base = data_dir / "private" / "photos"
    return sorted(base.iterdir()) if base.exists() else []


def nothing_written(data_dir: Path) -> bool:
    return not Photo.objects.exists() and photo_files(data_dir) == []


def skin(width: int = 64, height: int = 48, rgb=(200, 140, 120)) -> Image.Image:
    pixels = np.zeros((height, width, 3), dtype=np.uint8)
    pixels[:] = rgb
    pixels[: height // 4, : width // 4] = (255, 255, 255)  # a marker in the top-left corner
    return Image.fromarray(pixels, "RGB")


def jpeg_bytes(
    image: Image.Image | None = None, *, gps: bool = False, orientation: int = 1
) -> bytes:
    image = image or skin()
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "PhoneMaker"
    if gps:
        exif[0x8825] = {1: "N", 2: (48.0, 51.0, 29.0), 3: "E", 4: (2.0, 17.0, 40.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=95, comment=b"secret comment")
    return out.getvalue()


def png_bytes(image: Image.Image | None = None) -> bytes:
    out = io.BytesIO()
    (image or skin()).save(out, "PNG")
    return out.getvalue()


def upload(data: bytes, name: str = "photo.jpg", content_type: str = "image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def form(data: bytes, name: str = "photo.jpg", **extra) -> dict:
    return {"image": upload(data, name), "area": "cheeks", "taken_on": "2026-11-20", **extra}


@pytest.fixture
def carol_client(carol) -> Client:
    client = Client()
    client.force_login(carol, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def alice_photo(alice):
    from datetime import date

    from needlewise.progress import services

    data = jpeg_bytes()
    return services.add_photo(
        alice, io.BytesIO(data), size=len(data), area="cheeks", taken_on=date(2026, 11, 1)
    )


__all__ = ["make_user"]
