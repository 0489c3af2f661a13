"""The professional's view of a client's glide and late check-ins (POLICY.md section 8): on the
client page and in the API with the sessions scope, in words, and nowhere without it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from needlewise.sharing.models import AuditEntry
from needlewise.treatments.models import TreatmentSession
from tests.section8 import RETINOL_SERUM, late_checkin, set_glide
from tests.sharing.conftest import make_grant
from tests.treatments.conftest import NOW, do_session, ready


@pytest.fixture
def late_record(alice, alice_client, clock):
    """Alice's session at NOW with a retinol serum as the glide, her day-21 check-in a sore
    that does not heal (a red flag), and the clock on day 57: day 56 not answered."""
    session = TreatmentSession.objects.get(key=do_session(alice_client, ready(alice)))
    set_glide(session, "Night serum", RETINOL_SERUM)
    checkin = late_checkin(session, 21, ("nonhealing_sore",), escalate=True)
    clock.move_to(NOW + timedelta(days=57))
    return checkin


def test_the_client_page_shows_the_glide_not_advised_and_the_late_check_ins(
    late_record, alice, pro, bob_client
):
    grant = make_grant(alice, pro, ["sessions_recovery"])
    page = bob_client.get(f"/sharing/clients/{grant.pk}/").content.decode()

    assert 'data-testid="glide-avoided"' in page
    assert "Glide: Night serum — not advised as a glide: it contains Retinol (retinoids)" in page
    assert "Late check-ins" in page
    assert "New lumps or bumps: no; a sore that does not heal: yes" in page
    assert "Not answered yet" in page  # day 56
    # The check-ins table says what the late one asked, never a redness it did not.
    assert "Late check-in, day 21: new lumps or bumps — no; a sore that does not heal — yes" in page
    assert "None/3" not in page and "None/10" not in page
    # The red-flag card names the late sign in words, no redness or pain.
    assert "A sore that does not heal, 21 days after the session" in page
    assert AuditEntry.objects.filter(what="check-ins", object_id="1").exists()


def test_a_professional_without_the_sessions_scope_sees_neither(
    late_record, alice, pro, bob_client
):
    grant = make_grant(alice, pro, ["photos", "profile_checks"])
    page = bob_client.get(f"/sharing/clients/{grant.pk}/").content.decode()
    api = bob_client.get(f"/api/sharing/clients/{grant.pk}").json()

    for words in ("Glide", "Night serum", "Late check-in", "does not heal", "Not answered"):
        assert words not in page
    assert api["sessions"] is None and api["checkins"] is None and api["late_checkins"] is None
    assert not AuditEntry.objects.filter(what="check-ins").exists()


def test_the_api_gives_the_glide_and_a_late_check_in_without_redness_or_pain(
    late_record, alice, pro, bob_client
):
    grant = make_grant(alice, pro, ["sessions_recovery"])
    data = bob_client.get(f"/api/sharing/clients/{grant.pk}").json()

    [session] = data["sessions"]
    assert session["glide"]["verdict"] == "avoid" and session["glide"]["name"] == "Night serum"
    assert session["glide"]["words"].startswith("Glide: Night serum — not advised as a glide")
    late = next(c for c in data["checkins"] if c["kind"] == "late")
    assert late["late_day"] == 21 and late["level"] == "see_dermatologist"
    assert late["redness"] is None and late["pain"] is None
    assert late["answers"] == {"new_bumps": False, "nonhealing_sore": True}
    assert data["late_checkins"] == [
        {"session_id": session["id"], "day": 21, "checkin_id": late["id"],
         "level": "see_dermatologist"},
        {"session_id": session["id"], "day": 56, "checkin_id": None, "level": None},
    ]  # fmt: skip


def test_an_older_session_shows_no_glide_and_no_late_check_in_before_its_day(
    alice, alice_client, pro, bob_client, clock
):
    do_session(alice_client, ready(alice))
    grant = make_grant(alice, pro, ["sessions_recovery"])
    clock.move_to(NOW + timedelta(days=20))
    page = bob_client.get(f"/sharing/clients/{grant.pk}/").content.decode()
    data = bob_client.get(f"/api/sharing/clients/{grant.pk}").json()

    assert "Glide" not in page and "Late check-ins" not in page
    assert data["sessions"][0]["glide"] is None and data["late_checkins"] == []
