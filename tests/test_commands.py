"""`needlewise serve` and `needlewise demo` on a fresh data dir, as `make run` uses them."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.request
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from PIL import Image

from needlewise.accounts.models import User
from tests.conftest import _free_port


def test_demo_creates_the_account_once_and_prints_a_working_password(
    db, capsys, settings, tmp_path
):
    settings.DATA_DIR = tmp_path
    call_command("demo")
    first = capsys.readouterr().out
    call_command("demo")
    second = capsys.readouterr().out
    assert "Filled the demo account" in first and "Filled" not in second
    password = first.split("password: ")[1].strip()
    assert second.split("password: ")[1].strip() == password
    assert User.objects.filter(email="demo@example.com").count() == 1
    assert User.objects.get(email="demo@example.com").check_password(password)


def test_the_demo_account_is_lived_in_and_calm(db, settings, tmp_path):
    from needlewise.devices.catalogue import load_catalogue
    from needlewise.devices.models import CatalogueDevice
    from needlewise.recovery.queries import open_escalation
    from needlewise.treatments.models import Plan, TreatmentSession

    settings.DATA_DIR = tmp_path
    load_catalogue(CatalogueDevice)
    call_command("demo")
    user = User.objects.get(email="demo@example.com")
    assert Plan.objects.get(user=user).status == "active"
    assert TreatmentSession.objects.filter(user=user, status="done").count() == 2
    assert user.products.count() == 4
    assert open_escalation(user) is None


def test_the_demo_reminders_are_each_there_once(db, settings, tmp_path):
    """Its sessions were recorded "now" and moved back after: their reminders were planned from
    "now" too, one set per session at the same moments, and every reminder showed twice."""
    from needlewise.reminders.models import Reminder
    from needlewise.treatments.models import TreatmentSession

    settings.DATA_DIR = tmp_path
    call_command("demo")
    user = User.objects.get(email="demo@example.com")
    pending = Reminder.objects.filter(user=user, sent_at=None, cancelled_at=None)
    moments = [(r.kind, r.due_at.replace(second=0, microsecond=0)) for r in pending]
    assert moments and len(moments) == len(set(moments))
    sessions = {str(s.key): s.done_at for s in TreatmentSession.objects.filter(user=user)}
    for reminder in pending.filter(kind__in=["checkin", "window_end"]):
        hours = reminder.payload["hours"]
        assert reminder.due_at == sessions[reminder.subject_id] + timedelta(hours=hours)


def test_the_demo_has_photos_and_a_professional_who_follows_it(db, settings, tmp_path, capsys):
    from needlewise.progress.models import Photo, Rating, Reading
    from needlewise.sharing.models import Grant

    settings.DATA_DIR = tmp_path
    call_command("demo")
    out = capsys.readouterr().out
    user = User.objects.get(email="demo@example.com")
    assert Photo.objects.filter(user=user).count() == Reading.objects.filter(user=user).count() == 3
    assert Rating.objects.filter(user=user).count() == 3
    grant = Grant.objects.get(client=user)
    assert grant.professional.email == "demo-pro@example.com"
    assert grant.is_active(timezone.now())
    assert "demo-pro@example.com" in out
    password = out.split("password: ")[1].strip()
    assert grant.professional.check_password(password)
    for photo in Photo.objects.filter(user=user):
        stored = list((tmp_path / "private" / "photos").rglob(f"{photo.token}*"))
        assert stored, photo.token
        with Image.open(stored[0]) as image:
            assert not image.getexif() and "exif" not in image.info


def test_serve_refuses_a_bad_port(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--port"):
        call_command("serve", port=70000)


def _get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback only)
        return response.status, response.read()


def test_serve_migrates_and_serves_pages_and_static_files_on_a_fresh_data_dir(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["NEEDLEWISE_DATA_DIR"] = str(tmp_path / "data")
    server = subprocess.Popen(
        [sys.executable, "-m", "needlewise", "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(150):
            try:
                status, _ = _get(f"{base}/healthz")
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("needlewise serve did not answer within 30 s")
        assert status == 200
        status, page = _get(f"{base}/")
        assert b"Microneedling at home" in page
        css = page.decode().split('href="/static/css/')[1].split('"')[0]
        assert _get(f"{base}/static/css/{css}")[0] == 200
        assert (tmp_path / "data" / "needlewise.sqlite3").exists()
        with sqlite3.connect(tmp_path / "data" / "needlewise.sqlite3") as db:
            assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        output = server.communicate(timeout=30)[0]
    assert f"running at http://127.0.0.1:{port}/" in output
