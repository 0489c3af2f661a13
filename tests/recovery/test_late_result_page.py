"""A late check-in's result page (POLICY.md section 8) says which day it was and what was
answered, never a redness or a number of hours it did not ask."""

from __future__ import annotations

from datetime import timedelta

from tests.section8 import late_checkin
from tests.treatments.conftest import NOW


def test_the_result_of_a_late_check_in_reads_by_its_day_and_answers(session, alice_client, clock):
    _, done = session
    checkin = late_checkin(done, 21, ("nonhealing_sore",), escalate=True)
    clock.move_to(NOW + timedelta(days=21, minutes=5))

    page = alice_client.get(f"/recovery/{checkin.pk}/").content.decode()

    assert "Late check-in, Mon 14 Dec: 21 days after your session of Mon 23 Nov." in page
    assert "New lumps or bumps: <strong>no</strong>" in page
    assert "A sore that does not heal: <strong>yes</strong>" in page
    assert "hours after your session" not in page and "None" not in page
    assert "Tell them:" in page  # the see-a-dermatologist advice, with the session's date
