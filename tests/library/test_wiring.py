"""Guides are linked where they explain something, and Today offers a tip."""

from __future__ import annotations

from needlewise.recovery import services as recovery
from tests.suitability.helpers import complete_check
from tests.treatments.conftest import do_session


def test_a_red_flag_triage_links_the_red_flags_guide(alice_client, alice, plan, clock):
    do_session(alice_client, plan)
    checkin = recovery.record_checkin(alice, {"redness": 2, "pain": 2, "symptoms": ["pus"]})
    html = alice_client.get(f"/recovery/{checkin.pk}/").content.decode()
    assert "Read the guide: Normal reactions and red flags" in html


def test_a_verdict_links_the_suitability_guide(alice_client, alice, clock):
    response = complete_check(alice_client, {"sunburn"})
    html = alice_client.get(response["Location"]).content.decode()
    assert "Read the guide: Is at-home microneedling for me?" in html


def test_today_offers_a_tip_that_fits(alice_client, plan, clock):
    html = alice_client.get("/").content.decode()
    assert 'aria-label="Tip"' in html
    assert "patch" in html.lower()  # before a first session: the patch test
