"""A red flag from a late check-in (POLICY.md section 8) is told in words: to the person, which
check-in and what to tell the dermatologist; to the professional who follows their recovery,
the day, the session and the sign, and a glide the session should not have used."""

from __future__ import annotations

import pytest

from needlewise.people_words import person_date
from needlewise.sharing import services as sharing
from needlewise.treatments.models import TreatmentSession
from tests.reminders.test_worker import parts
from tests.section8 import PLAIN_SERUM, RETINOL_SERUM, late_checkin, set_glide
from tests.sharing.conftest import make_grant
from tests.treatments.conftest import do_session, ready


@pytest.fixture
def following(alice, alice_client, bob, smtp, clock):
    """Alice's session at NOW, followed by Bob (the invite mail set aside)."""
    sharing.save_professional(bob, "Dermatologist", "GMC 1234567")
    session = TreatmentSession.objects.get(key=do_session(alice_client, ready(alice)))
    make_grant(alice, bob, ["sessions_recovery"])
    smtp.messages.clear()
    return session


def _mails(smtp, session, capture, answers=("nonhealing_sore",)):
    with capture(execute=True):
        late_checkin(session, 21, answers, escalate=True)
    return {m["To"]: parts(m) for m in smtp.messages}


def test_the_professional_is_told_the_late_check_in_and_the_glide_not_advised(
    following, alice, bob, smtp, django_capture_on_commit_callbacks
):
    set_glide(following, "Night serum", RETINOL_SERUM)
    to_bob = _mails(smtp, following, django_capture_on_commit_callbacks)[bob.email]

    late = (
        f"It was their late check-in 21 days after the session of {person_date(following.done_at)} "
        "(cheeks, forehead): a sore that does not heal."
    )
    glide = (
        "The glide used in that session: Night serum — not advised as a glide: it contains "
        "Retinol (retinoids)."
    )
    for text in to_bob.values():
        assert late in text and glide in text
        assert "redness" not in text.lower()


def test_a_glide_that_was_fine_is_not_named(
    following, bob, smtp, django_capture_on_commit_callbacks
):
    set_glide(following, "HA serum", PLAIN_SERUM)
    to_bob = _mails(smtp, following, django_capture_on_commit_callbacks, ("new_bumps",))[bob.email]
    text = to_bob["text/plain"]
    assert "(cheeks, forehead): new lumps or bumps." in text
    assert "glide" not in text and "HA serum" not in text


def test_the_person_is_told_which_check_in_and_what_to_tell_the_dermatologist(
    following, alice, smtp, django_capture_on_commit_callbacks
):
    to_alice = _mails(smtp, following, django_capture_on_commit_callbacks)[alice.email]
    for text in to_alice.values():
        assert "Your late check-in of Mon 14 Dec (21 days after your session of Mon 23 Nov)" in text
        assert "Tell the dermatologist that you microneedled" in text
        assert "A sore that does not heal 21 days after a session" in text
        assert "hours after your session" not in text
