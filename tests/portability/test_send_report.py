"""The person can send the PDF report to a professional they share with, and only to one."""

from __future__ import annotations

import pytest

from needlewise.sharing import services as sharing
from tests.sharing.conftest import make_grant
from tests.treatments.conftest import do_session, ready

RANGE = {"start": "2026-09-01", "end": "2026-11-23"}


@pytest.fixture
def pro(bob):
    """Bob, with a professional profile."""
    sharing.save_professional(bob, "Dermatologist", "GMC 1234567")
    return bob


def _setup(alice, alice_client, pro):
    do_session(alice_client, ready(alice))
    return make_grant(alice, pro, ["sessions_recovery"])


def test_the_report_goes_to_the_professional_as_a_pdf(alice, alice_client, pro, smtp, clock):
    grant = _setup(alice, alice_client, pro)
    smtp.messages.clear()
    response = alice_client.post("/my-data/report/send/", {**RANGE, "grant": grant.pk})
    assert response.status_code == 302
    [message] = smtp.messages
    assert message["To"] == pro.email
    [pdf] = [p for p in message.walk() if p.get_content_type() == "application/pdf"]
    assert pdf.get_payload(decode=True).startswith(b"%PDF")
    assert "sent to" in alice_client.get("/my-data/").content.decode()


def test_only_an_active_share_of_ones_own_is_accepted(alice, alice_client, pro, carol, smtp, clock):
    grant = _setup(alice, alice_client, pro)
    other = make_grant(carol, pro, ["sessions_recovery"])
    smtp.messages.clear()
    assert (
        alice_client.post("/my-data/report/send/", {**RANGE, "grant": other.pk}).status_code == 400
    )
    sharing.revoke(alice, grant.pk)
    assert (
        alice_client.post("/my-data/report/send/", {**RANGE, "grant": grant.pk}).status_code == 400
    )
    assert alice_client.post("/my-data/report/send/", {**RANGE, "grant": "x"}).status_code == 400
    assert (
        alice_client.post(
            "/my-data/report/send/", {"start": "soon", "end": "x", "grant": grant.pk}
        ).status_code
        == 400
    )
    assert smtp.messages == []


def test_sending_needs_post_and_a_login(alice_client, client, db):
    assert alice_client.get("/my-data/report/send/").status_code == 405
    assert client.post("/my-data/report/send/", RANGE)["Location"].startswith("/accounts/login/")


def test_the_data_page_says_what_each_professional_gets(alice, alice_client, pro, clock):
    make_grant(alice, pro, ["sessions_recovery", "photos"])
    html = alice_client.get("/my-data/").content.decode()
    assert "Each professional gets only what you share with them" in html
    assert "bob@example.com: your sessions and recovery check-ins; your progress photos" in html
