"""Scopes are exact everywhere a professional reads: every page, API answer, PDF and mail that
reaches them holds the parts of the grant's scopes and nothing of the others, and the audit
log records reads of shared parts only."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from needlewise.products import services as products
from needlewise.progress import services as progress
from needlewise.progress.models import Photo
from needlewise.recovery import services as recovery
from needlewise.sharing.models import SCOPES, AuditEntry
from tests.portability.conftest import fill
from tests.portability.test_shared_report import MARKERS as PDF_MARKERS
from tests.portability.test_shared_report import pdf_text
from tests.section8 import set_glide
from tests.sharing.conftest import login, make_grant
from tests.treatments.conftest import NOW

RANGE = {"start": "2026-11-01", "end": "2026-11-30"}
SCOPE_SETS = [
    ("sessions_recovery",),
    ("sessions_recovery", "photos"),
    ("products",),
    ("photos",),
    ("profile_checks",),
    tuple(SCOPES),
]


def markers(photo: Photo) -> dict[str, list[str]]:
    """What only each scope's part says on a page, in JSON or in a mail."""
    return {
        "profile_checks": ["Nothing in your answers rules out", "Type 2", "1990"],
        "sessions_recovery": ["See a dermatologist", "see_dermatologist", "needle_mm",
                              "Red flag", "Check-ins", "4 passes", "last_session_at\": \"2026",
                              "Vitamin C booster"],
        "products": ["Night serum", "Witch hazel", "itches", "avoid_listed"],
        "photos": [f"photos/{photo.pk}/", "baseline", "a_star", "Redness (a*)"],
    }  # fmt: skip


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


@pytest.fixture
def record(alice, clock) -> Photo:
    """Alice's whole record (check, plan, session with a glide not advised, a red flag,
    products, her own avoid entry, a measured photo); the clock two days after her session."""
    set_glide(fill(alice), "Vitamin C booster", "Aqua, Ascorbic Acid")
    products.add_avoid(alice, ingredient="Witch hazel", note="stings")
    photo = Photo.objects.get(user=alice)
    progress.measure_photo(photo)
    clock.move_to(NOW + timedelta(days=2))
    return photo


def _html(client, url: str) -> tuple[int, str]:
    response = client.get(url)
    return response.status_code, response.content.decode()


def _json(client, url: str) -> tuple[int, str]:
    response = client.get(url)
    return response.status_code, json.dumps(response.json())


def _file(client, url: str) -> tuple[int, str]:
    """A photo's JPEG: its status, and no words to search."""
    response = client.get(url)
    if response.status_code == 200:
        assert b"".join(response.streaming_content).startswith(b"\xff\xd8")
    return response.status_code, ""


def _pdf(client, url: str) -> tuple[int, str]:
    response = client.get(url, RANGE)
    return response.status_code, pdf_text(response.content) if response.status_code == 200 else ""


def surfaces(grant, photo) -> dict[str, tuple]:
    """(reader, url, needs) of every professional surface; `needs` a scope or None (any)."""
    g, p = grant.pk, photo.pk
    return {
        "dashboard": (_html, "/sharing/clients/", None),
        "client page": (_html, f"/sharing/clients/{g}/", None),
        "limits page": (_html, f"/sharing/clients/{g}/limits/", "sessions_recovery"),
        "report page": (_html, f"/sharing/clients/{g}/report/", None),
        "report PDF": (_pdf, f"/sharing/clients/{g}/report/", None),
        "API clients": (_json, "/api/sharing/clients", None),
        "API timeline": (_json, f"/api/sharing/clients/{g}", None),
        "API limits": (_json, f"/api/sharing/clients/{g}/limits", "sessions_recovery"),
        "API notes": (_json, f"/api/sharing/clients/{g}/notes", None),
        "API report PDF": (_pdf, f"/api/sharing/clients/{g}/report", None),
        "photo": (_file, f"/sharing/clients/{g}/photos/{p}/photo.jpg", "photos"),
        "thumbnail": (_file, f"/sharing/clients/{g}/photos/{p}/thumb.jpg", "photos"),
        "API photo": (_file, f"/api/sharing/clients/{g}/photos/{p}/file", "photos"),
        "API thumbnail": (_file, f"/api/sharing/clients/{g}/photos/{p}/thumb", "photos"),
    }


def _mails(smtp, alice, grant) -> str:
    """Everything mailed to the professional: a red-flag notice after a new check-in (only to a
    follower of her recovery) and the report she sends, with its PDF."""
    smtp.messages.clear()
    recovery.record_checkin(alice, {"redness": 3, "pain": 6, "symptoms": ["pus"]})
    login(alice).post("/my-data/report/send/", {**RANGE, "grant": grant.pk})
    out = []
    for message in smtp.messages:
        assert message["To"] == grant.professional.email
        for part in message.walk():
            kind = part.get_content_type()
            if kind.startswith("text/"):
                out.append(part.get_payload(decode=True).decode())
            elif kind == "application/pdf":
                out.append(pdf_text(part.get_payload(decode=True)))
    return "\n".join(out)


@pytest.mark.parametrize("scopes", SCOPE_SETS, ids="+".join)
def test_nothing_of_an_unshared_scope_reaches_the_professional(record, alice, pro, smtp, scopes):
    grant = make_grant(alice, pro, list(scopes))
    bob = login(pro)
    words = markers(record)
    for name, (read, url, needs) in surfaces(grant, record).items():
        status, text = read(bob, url)
        if needs is not None and needs not in scopes:
            assert status == 404, name
            continue
        assert status == 200, name
        for scope, found in words.items():
            if scope not in scopes:
                found = found + (PDF_MARKERS[scope] if read is _pdf else [])
                leaked = [w for w in found if w in text]
                assert leaked == [], f"{name} shows {scope}: {leaked}"
    mails = _mails(smtp, alice, grant)
    for scope, found in words.items():
        if scope not in scopes:
            assert [w for w in found if w in mails] == [], f"a mail shows {scope}"
    assert ("Red flag" in mails or "see a dermatologist" in mails) == (
        "sessions_recovery" in scopes
    )
    read = " ".join(AuditEntry.objects.values_list("what", flat=True))
    assert ("product" in read) == ("products" in scopes)
    assert ("photo" in read) == ("photos" in scopes)
    assert ("session" in read) == ("sessions_recovery" in scopes)
    assert ("profile" in read) == ("profile_checks" in scopes)


@pytest.mark.parametrize("scopes", SCOPE_SETS, ids="+".join)
def test_each_shared_scope_is_on_the_client_page_the_api_and_the_pdf(record, alice, pro, scopes):
    grant = make_grant(alice, pro, list(scopes))
    bob = login(pro)
    words = markers(record)
    page = _html(bob, f"/sharing/clients/{grant.pk}/")[1]
    api = _json(bob, f"/api/sharing/clients/{grant.pk}")[1]
    pdf = _pdf(bob, f"/sharing/clients/{grant.pk}/report/")[1]
    for scope in scopes:
        assert any(w in page for w in words[scope]), f"client page lacks {scope}"
        assert any(w in api for w in words[scope]), f"API lacks {scope}"
        assert all(w in pdf for w in PDF_MARKERS[scope]), f"PDF lacks {scope}"
