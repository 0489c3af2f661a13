"""A report made for a professional holds only the parts of that grant's scopes and says which,
whether they download it (page or API) or the person e-mails it; each part is audited."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from pypdf import PdfReader

from needlewise.sharing import services as sharing
from needlewise.sharing.models import AuditEntry
from tests.portability.conftest import client_for, fill
from tests.sharing.conftest import make_grant
from tests.treatments.conftest import NOW

RANGE = {"start": "2026-11-01", "end": "2026-11-30"}
#: What only each scope's part of Alice's report says (her `fill` record).
MARKERS = {
    "profile_checks": ["Birth date: 1990-04-02", "Suitability check of"],
    "sessions_recovery": ["cheeks 0.25 mm, 4 passes", "See a dermatologist", "2 check-ins from"],
    "products": ["Products flagged", "Night serum", "Avoid list: retinoids", "itches"],
    "photos": ["Progress photos", "Against the baseline"],
}
SCOPE_SETS = [
    ("sessions_recovery",),
    ("sessions_recovery", "photos"),
    ("products",),
    ("profile_checks", "sessions_recovery", "products", "photos"),
]


def pdf_text(pdf: bytes) -> str:
    assert pdf.startswith(b"%PDF")
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def assert_only(text: str, scopes) -> None:
    for scope, markers in MARKERS.items():
        for marker in markers:
            assert (marker in text) == (scope in scopes), (scope, marker)


@pytest.fixture
def pro(bob):
    sharing.save_professional(bob, "Dermatologist", "GMC 1234567")
    return bob


@pytest.fixture
def world(alice, pro, clock):
    """Alice's full record, and the clock two days after her session."""
    fill(alice)
    clock.move_to(NOW + timedelta(days=2))
    return alice


def _download(grant, pro, alice, smtp) -> bytes:
    response = client_for(pro).get(f"/sharing/clients/{grant.pk}/report/", RANGE)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    return response.content


def _api(grant, pro, alice, smtp) -> bytes:
    response = client_for(pro).get(f"/api/sharing/clients/{grant.pk}/report", RANGE)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response.content


def _mail(grant, pro, alice, smtp) -> bytes:
    smtp.messages.clear()
    response = client_for(alice).post("/my-data/report/send/", {**RANGE, "grant": grant.pk})
    assert response.status_code == 302
    [message] = smtp.messages
    assert message["To"] == pro.email
    [pdf] = [p for p in message.walk() if p.get_content_type() == "application/pdf"]
    return pdf.get_payload(decode=True)


CHANNELS = {"download": _download, "api": _api, "mail": _mail}


@pytest.mark.parametrize("scopes", SCOPE_SETS, ids="+".join)
@pytest.mark.parametrize("channel", CHANNELS)
def test_the_professionals_copy_holds_only_the_shared_parts(world, pro, smtp, channel, scopes):
    grant = make_grant(world, pro, list(scopes))
    text = pdf_text(CHANNELS[channel](grant, pro, world, smtp))
    assert_only(text, scopes)
    assert "Alice's Needlewise report" in text
    assert "Made for Bob. It holds only what Alice shares with them:" in text
    if len(scopes) < 4:
        assert "Not shared, so not in this report:" in text
    else:
        assert "Not shared" not in text
    assert "Needlewise gives general guidance, not a diagnosis" in text


def test_the_persons_own_report_stays_whole(world, pro, clock):
    make_grant(world, pro, ["sessions_recovery"])
    text = pdf_text(client_for(world).get("/my-data/report/", RANGE).content)
    assert_only(text, MARKERS)
    assert "Made for" not in text and "Not shared" not in text
    assert not AuditEntry.objects.exists()


def test_the_mail_says_which_parts_were_shared(world, pro, smtp):
    grant = make_grant(world, pro, ["sessions_recovery", "photos"])
    _mail(grant, pro, world, smtp)
    [message] = smtp.messages
    for kind in ("text/plain", "text/html"):
        [part] = [p for p in message.walk() if p.get_content_type() == kind]
        body = " ".join(part.get_payload(decode=True).decode().split())
        assert "It holds only what Alice shares with you: sessions and recovery check-ins; " \
               "progress photos." in body  # fmt: skip
        assert "Not shared, so not in it: profile and suitability checks; products and " \
               "avoid list." in body  # fmt: skip


def _audit():
    return sorted(AuditEntry.objects.values_list("what", "object_id"))


def test_a_download_audits_each_part_it_holds_and_nothing_else(world, pro):
    grant = make_grant(world, pro, ["sessions_recovery"])
    _download(grant, pro, world, None)
    assert _audit() == [("report: check-ins", "2"), ("report: plans", "1"),
                        ("report: sessions", "1")]  # fmt: skip
    assert set(AuditEntry.objects.values_list("professional_name", flat=True)) == {"Bob"}


def test_the_mailed_report_is_audited_as_sent(world, pro, smtp):
    grant = make_grant(world, pro, ["products", "photos"])
    _mail(grant, pro, world, smtp)
    assert _audit() == [("report by e-mail: photos and redness readings", "1"),
                        ("report by e-mail: products and avoid list", "2")]  # fmt: skip


def test_a_report_without_photos_in_the_range_audits_no_photo_read(world, pro):
    grant = make_grant(world, pro, ["photos"])
    response = client_for(pro).get(
        f"/sharing/clients/{grant.pk}/report/", {"start": "2026-01-01", "end": "2026-01-31"}
    )
    assert "No progress photos in this period." in pdf_text(response.content)
    assert _audit() == []


def test_the_page_before_the_download_says_what_it_holds(world, pro):
    grant = make_grant(world, pro, ["sessions_recovery"])
    html = client_for(pro).get(f"/sharing/clients/{grant.pk}/report/").content.decode()
    assert "The PDF holds only what Alice shares with you: sessions and recovery check-ins." in html
    assert "Not shared, so not in it: profile and suitability checks; products and avoid list; " \
           "progress photos." in html  # fmt: skip
    assert 'type="date" name="start" value="2026-08-27"' in html  # ISO, as a date input needs
    assert _audit() == []  # no record is read for the form
    client_page = client_for(pro).get(f"/sharing/clients/{grant.pk}/").content.decode()
    assert f'href="/sharing/clients/{grant.pk}/report/"' in client_page


@pytest.mark.parametrize("url", ["/sharing/clients/{}/report/", "/api/sharing/clients/{}/report"])
def test_another_professional_or_an_ended_grant_gets_404(world, pro, carol, url):
    grant = make_grant(world, pro, ["sessions_recovery"])
    sharing.save_professional(carol, "Nurse")
    assert client_for(carol).get(url.format(grant.pk), RANGE).status_code == 404
    assert client_for(world).get(url.format(grant.pk), RANGE).status_code == 404
    sharing.revoke(world, grant.pk)
    assert client_for(pro).get(url.format(grant.pk), RANGE).status_code == 404
    assert _audit() == []


def test_bad_dates_are_a_400_page_or_a_422_naming_the_field(world, pro):
    grant = make_grant(world, pro, ["sessions_recovery"])
    bad = {"start": "2026-11-30", "end": "2026-11-01"}
    page = client_for(pro).get(f"/sharing/clients/{grant.pk}/report/", bad)
    assert page.status_code == 400
    assert "The last day is before the first day" in page.content.decode()
    answer = client_for(pro).get(f"/api/sharing/clients/{grant.pk}/report", bad)
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"] == ["query", "end"]
    nonsense = client_for(pro).get(f"/api/sharing/clients/{grant.pk}/report", {"start": "x"})
    assert nonsense.status_code == 422
    assert _audit() == []


def test_the_api_gives_the_last_90_days_without_dates(world, pro):
    grant = make_grant(world, pro, ["sessions_recovery"])
    response = client_for(pro).get(f"/api/sharing/clients/{grant.pk}/report")
    text = pdf_text(response.content)
    assert "Thu 27 Aug 2026 to Wed 25 Nov 2026" in text and "cheeks 0.25 mm, 4 passes" in text
