"""Uploading a photo: only clean pixels are kept; anything doubtful is refused, leaving nothing."""

from __future__ import annotations

import io
import struct
import zlib
from datetime import date

import pytest
from PIL import Image

from needlewise.progress import images, services
from needlewise.progress.models import Photo
from tests.progress.conftest import form, jpeg_bytes, nothing_written, photo_files, png_bytes, skin


def test_a_photo_is_stored_privately_without_any_metadata(alice_client, data_dir):
    response = alice_client.post("/progress/add/", form(jpeg_bytes(gps=True)))
    assert response.status_code == 302, response.content.decode()[:2000]
    photo = Photo.objects.get()
    full, thumb = images.paths(photo.token)
    assert photo_files(data_dir) == sorted([full, thumb])
    assert str(full).startswith(str(data_dir / "private" / "photos"))
    with Image.open(full) as stored:
        assert stored.format == "JPEG"
        assert len(stored.getexif()) == 0
        assert stored.getexif().get_ifd(0x8825) == {}
        assert "exif" not in stored.info and "icc_profile" not in stored.info
        assert "comment" not in stored.info
    raw = full.read_bytes()
    assert b"PhoneMaker" not in raw and b"secret comment" not in raw and b"Exif" not in raw
    with Image.open(thumb) as small:
        assert max(small.size) <= 480
    assert len(photo.token) >= 32 and photo.token not in str(photo)


def test_exif_orientation_is_applied_before_it_is_stripped(alice_client):
    # Orientation 6: the camera held sideways; the stored photo is upright (rotated 90°).
    assert alice_client.post("/progress/add/", form(jpeg_bytes(orientation=6))).status_code == 302
    photo = Photo.objects.get()
    assert (photo.width, photo.height) == (48, 64)
    with Image.open(images.paths(photo.token)[0]) as stored:
        corner = stored.convert("RGB").getpixel((stored.width - 2, 1))
    assert min(corner) > 230  # the white marker moved from top-left to top-right


def test_a_png_named_jpg_is_refused_and_leaves_nothing(alice_client, settings):
    """The name contradicts the content: refused with a message, no row and no file."""
    response = alice_client.post("/progress/add/", form(png_bytes(), name="holiday.jpg"))
    assert response.status_code == 400
    assert "is named .jpg but holds a PNG image" in response.content.decode()
    assert not Photo.objects.exists()
    assert not any(p.is_file() for p in settings.DATA_DIR.rglob("*"))


def test_a_png_named_png_or_unnamed_is_read_by_its_content(alice_client):
    assert alice_client.post("/progress/add/", form(png_bytes(), name="a.png")).status_code == 302
    assert alice_client.post("/progress/add/", form(png_bytes(), name="image")).status_code == 302
    assert {p.source_format for p in Photo.objects.all()} == {"PNG"}


def test_a_heic_photo_is_accepted():
    pillow_heif = pytest.importorskip("pillow_heif")
    out = io.BytesIO()
    try:
        pillow_heif.from_pillow(skin()).save(out, quality=90)
    except Exception as error:  # a wheel without an encoder
        pytest.skip(f"no HEIF encoder: {error}")
    clean = images.clean(io.BytesIO(out.getvalue()), len(out.getvalue()))
    assert clean.source_format == "HEIF" and clean.full[:2] == b"\xff\xd8"


def _bomb_png(width: int, height: int) -> bytes:
    """A tiny PNG whose header declares a huge image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (jpeg_bytes()[:300], "damaged or incomplete"),
        (jpeg_bytes()[: len(jpeg_bytes()) // 2], "damaged or incomplete"),
        (_bomb_png(20_000, 20_000), "megapixels"),
        (_bomb_png(7_000, 6_000), "more than 40 megapixels"),
        (b"%PDF-1.4 not a photo at all", "not a photo we can read"),
        (b"", "empty"),
    ],
    ids=["truncated-header", "truncated-half", "bomb-400mp", "over-40mp", "pdf", "empty"],
)
def test_bad_files_are_refused_with_a_message_and_leave_nothing(
    alice_client, data_dir, data, message
):
    response = alice_client.post("/progress/add/", form(data))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert nothing_written(data_dir)


def test_a_gif_is_refused_by_its_content(alice_client, data_dir):
    out = io.BytesIO()
    skin().save(out, "GIF")
    response = alice_client.post("/progress/add/", form(out.getvalue(), name="a.jpg"))
    assert response.status_code == 400
    assert "send a JPEG, PNG or HEIC photo" in response.content.decode()
    assert nothing_written(data_dir)


def test_a_file_over_20_mb_is_refused_before_it_is_decoded(alice_client, data_dir, monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("decoded an over-size file")

    monkeypatch.setattr(images, "_open", never)
    data = jpeg_bytes() + b"\0" * (20 * 1024 * 1024)
    response = alice_client.post("/progress/add/", form(data))
    assert response.status_code == 400
    assert "the limit is 20 MB" in response.content.decode()
    assert nothing_written(data_dir)
    with pytest.raises(Exception, match="the limit is 20 MB"):
        services.add_photo(
            None, io.BytesIO(b""), size=21 * 1024 * 1024, area="cheeks", taken_on=date(2026, 11, 1)
        )  # type: ignore[arg-type]


def test_a_failed_write_leaves_no_file_and_no_row(alice, data_dir, monkeypatch):
    from datetime import date

    real_replace = images.os.replace
    calls = []

    def flaky(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError("disk full")
        return real_replace(src, dst)

    monkeypatch.setattr(images.os, "replace", flaky)
    data = jpeg_bytes()
    with pytest.raises(OSError, match="disk full"):
        services.add_photo(
            alice, io.BytesIO(data), size=len(data), area="cheeks", taken_on=date(2026, 11, 1)
        )
    assert nothing_written(data_dir)


@pytest.mark.parametrize(
    ("change", "field_message"),
    [
        ({"area": "elbow"}, "Choose one of the options offered."),
        ({"taken_on": "yesterday-ish"}, "That is not a date"),
        ({"session": "not-a-session"}, "Choose one of the options offered."),
        ({"image": ""}, "Choose a photo or take one with the camera"),
    ],
)
def test_bad_fields_re_render_with_the_message(alice_client, data_dir, change, field_message):
    data = {**form(jpeg_bytes()), **change}
    if change.get("image") == "":
        del data["image"]
    response = alice_client.post("/progress/add/", data)
    assert response.status_code == 400
    assert field_message in response.content.decode()
    assert nothing_written(data_dir)


def test_the_upload_form_offers_the_camera(alice_client):
    html = alice_client.get("/progress/add/").content.decode()
    assert 'capture="environment"' in html and 'accept="image/*"' in html
    assert 'enctype="multipart/form-data"' in html


def test_deleting_a_photo_deletes_its_files(
    alice_client, alice_photo, data_dir, django_capture_on_commit_callbacks
):
    assert len(photo_files(data_dir)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(f"/progress/photos/{alice_photo.pk}/delete/")
    assert response.status_code == 302
    assert nothing_written(data_dir)
