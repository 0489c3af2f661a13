"""A photo upload that fails half-way leaves no file: neither in the private photo dir nor as a
row. Faults: a failure after the files are written (a constraint broken at commit, a later step
of the check-in raising), and a client that stops sending mid-upload."""

from __future__ import annotations

import io
import json
import socket
import time
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

import numpy as np
import pytest
import time_machine
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from PIL import Image

from needlewise.progress import images, services
from needlewise.progress.models import Photo, Reading
from needlewise.recovery.models import CheckIn
from needlewise.treatments.models import TreatmentSession
from tests.faults.conftest import Installation, Server
from tests.progress.conftest import jpeg_bytes, photo_files
from tests.treatments.conftest import NOW, do_session, ready


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


@pytest.mark.django_db(transaction=True)
def test_a_constraint_broken_at_commit_after_the_write_leaves_no_file(alice, data_dir, monkeypatch):
    """The session's foreign key is checked at COMMIT (deferred): the files exist by then."""
    written = []
    real_write = images.write
    monkeypatch.setattr(images, "write", lambda t, c: (real_write(t, c), written.append(t)))
    ghost = TreatmentSession(pk=987_654, user=alice)  # no such row: the commit must fail
    monkeypatch.setattr(services, "_session", lambda user, key: ghost)
    data = jpeg_bytes()
    with pytest.raises(IntegrityError):
        services.add_photo(
            alice, io.BytesIO(data), size=len(data), area="cheeks", taken_on=date(2026, 11, 1)
        )
    assert written, "the fault must strike after the files were written"
    assert not Photo.objects.exists()
    assert photo_files(data_dir) == []


@pytest.mark.django_db(transaction=True)
def test_a_check_in_whose_photo_step_fails_after_the_write_leaves_no_file(
    alice, alice_client, data_dir, monkeypatch
):
    """The photo is stored inside the check-in's transaction; measuring it then fails, so the
    whole check-in rolls back, and the photo's files must go with it."""
    with time_machine.travel(NOW, tick=False):
        do_session(alice_client, ready(alice))

        def broken_measure(photo, *args, **kwargs):
            assert images.paths(photo.token)[0].exists()  # written, not yet committed
            raise OSError("the disk went away while reading the photo back")

        monkeypatch.setattr(services, "measure_photo", broken_measure)
        upload = SimpleUploadedFile("skin.jpg", jpeg_bytes(), content_type="image/jpeg")
        form = {"redness": "1", "pain": "1", "bleeding": "none", "photo-image": upload}
        with pytest.raises(OSError, match="disk went away"):
            alice_client.post("/recovery/checkin/", form)
    assert not CheckIn.objects.exists()
    assert not Photo.objects.exists() and not Reading.objects.exists()
    assert photo_files(data_dir) == []


@pytest.mark.django_db(transaction=True)
def test_a_committed_check_in_keeps_its_photo_files(alice, alice_client, data_dir):
    """The other side of the clean-up: a photo whose check-in commits is never swept away."""
    with time_machine.travel(NOW, tick=False):
        do_session(alice_client, ready(alice))
        upload = SimpleUploadedFile("skin.jpg", jpeg_bytes(), content_type="image/jpeg")
        form = {"redness": "1", "pain": "1", "bleeding": "none", "photo-image": upload}
        assert alice_client.post("/recovery/checkin/", form).status_code == 302
    photo = Photo.objects.get()
    assert photo.checkin_id == CheckIn.objects.get().pk and Reading.objects.filter(photo=photo)
    assert photo_files(data_dir) == sorted(images.paths(photo.token))


def _multipart(image: bytes) -> tuple[bytes, str]:
    boundary = f"nw-{uuid.uuid4().hex}"
    # The fields first, so the cut falls in the image itself, after everything else arrived.
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="area"\r\n\r\ncheeks\r\n'.encode(),
        f'--{boundary}\r\nContent-Disposition: form-data; name="taken_on"\r\n\r\n'
        "2026-11-20\r\n".encode(),
        f'--{boundary}\r\nContent-Disposition: form-data; name="image"; filename="skin.jpg"\r\n'
        "Content-Type: image/jpeg\r\n\r\n".encode()
        + image
        + b"\r\n",
        f"--{boundary}--\r\n".encode(),
    ]
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def _upload(
    server: Server,
    token: str,
    body: bytes,
    content_type: str,
    send: int,
    before_hanging_up: Callable[[], object] = lambda: None,
) -> bytes:
    """POST the upload, but send only `send` bytes of its body, then stop sending."""
    head = (
        f"POST /api/progress/photos HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
        f"Authorization: Bearer {token}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", server.port), timeout=60) as sock:
        sock.sendall(head.encode() + body[:send])
        before_hanging_up()
        sock.shutdown(socket.SHUT_WR)  # the server now reads end-of-stream, as on a hang-up
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer


def _files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*") if p.is_file()) if directory.exists() else []


@pytest.mark.server
def test_a_client_that_stops_sending_mid_upload_leaves_no_file_and_no_row(
    sqlite_installation: Installation, tmp_path, serve
):
    data, account = sqlite_installation.data, sqlite_installation.account
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**sqlite_installation.env, "TMPDIR": str(temp)}  # where Django spools big uploads
    server = serve(env, workers=1)
    noise = np.random.default_rng(11).integers(0, 256, (1600, 2200, 3), dtype=np.uint8)
    image = io.BytesIO()
    Image.fromarray(noise, "RGB").save(image, "JPEG", quality=95)
    body, content_type = _multipart(image.getvalue())
    assert len(body) > settings.FILE_UPLOAD_MAX_MEMORY_SIZE  # so Django spools it to a file

    def spooling() -> None:
        """Wait until the server has written part of the upload to a temporary file."""
        deadline = time.monotonic() + 60
        while not list(temp.glob("*.upload*")) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert list(temp.glob("*.upload*")), "the upload was never spooled to a file"

    # Django drops a file part that never ended: the photo is "missing", nothing is stored.
    half = len(body) // 2
    answer = _upload(server, account.token, body, content_type, half, spooling)
    assert answer.startswith(b"HTTP/1.1 422"), answer[:1000]
    assert b'"loc": ["file", "image"]' in answer
    assert _files(data / "private") == []
    assert _files(temp) == [], "the half-received upload was left in the temporary dir"
    listed = server.request("GET", "/api/progress/photos", headers=account.bearer)
    assert listed[0] == 200 and json.loads(listed[2]) == []

    # The same upload sent whole is stored: the cut, not the request, was the fault.
    answer = _upload(server, account.token, body, content_type, send=len(body))
    assert answer.startswith(b"HTTP/1.1 201"), answer[:1000]
    assert len(_files(data / "private" / "photos")) == 2
