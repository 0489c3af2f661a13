"""/my-data/report/: a PDF for a date range that the person downloads, with the disclaimer."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from needlewise.portability.report import report_pdf

URL = "/my-data/report/"
RANGE = {"start": "2026-11-01", "end": "2026-11-30"}


def _text(pdf: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages
    )


def test_the_report_downloads_as_a_private_pdf_with_her_sessions(full_alice, alice_client):
    response = alice_client.get(URL, RANGE)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"] == (
        'attachment; filename="needlewise-report-20261101-20261130.pdf"'
    )
    assert response.content.startswith(b"%PDF")
    text = _text(response.content)
    assert "Needlewise gives general guidance, not a diagnosis" in text
    assert "23 Nov 2026" in text and "cheeks 0.25 mm, 4 passes" in text
    assert "forehead 0.25 mm" in text
    assert "See a dermatologist" in text  # recovery with its triage
    assert "Night serum" in text  # a retinoid, flagged
    assert "2 check-ins from" in text  # the chart in words
    assert "Avoid list: retinoids." in text and "Progress photos" in text  # hers, whole
    assert "Not shared" not in text
    assert (
        "Skin type: Type 2" in text and "check of Mon 23 Nov 2026: Go (" in text
    )  # verdict in words


def test_a_range_before_any_session_says_so(full_alice, alice_client):
    response = alice_client.get(URL, {"start": "2026-01-01", "end": "2026-01-31"})
    text = _text(response.content)
    assert "No sessions in this period." in text and "No check-ins in this period" in text


def test_an_uncompressed_report_shows_its_text_in_the_bytes(full_alice):
    from datetime import date

    pdf = report_pdf(full_alice, date(2026, 11, 1), date(2026, 11, 30), compress=False)
    assert pdf.startswith(b"%PDF") and b"Needlewise report" in pdf


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"start": "yesterday", "end": "2026-11-30"}, "Give the first day as a date"),
        ({"start": "2026-11-30", "end": "2026-11-01"}, "The last day is before the first day"),
        ({"start": "2020-01-01", "end": "2026-11-01"}, "at most three years"),
        ({}, "Please fill this in"),
    ],
)
def test_bad_dates_get_400_with_the_reason(alice_client, query, message):
    response = alice_client.get(URL, query)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert response["Content-Type"].startswith("text/html")


def test_anonymous_is_sent_to_log_in(client, db):
    response = client.get(URL, RANGE)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_post_gets_405(alice_client):
    assert alice_client.post(URL, RANGE).status_code == 405


def test_the_data_page_offers_report_exports_and_deletion(alice_client):
    html = alice_client.get("/my-data/").content.decode()
    assert 'action="/my-data/report/"' in html
    assert re.search(r'type="date" name="start" value="\d{4}-\d\d-\d\d"', html)  # ISO
    assert 'href="/api/export/all"' in html and 'href="/api/export/fhir"' in html
    assert 'href="/my-data/delete/"' in html
