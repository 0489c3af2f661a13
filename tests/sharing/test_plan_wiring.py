"""A professional's limits reach the client's plan: the next date moves, and it says who set it."""

from __future__ import annotations

from needlewise.sharing import services
from tests.sharing.conftest import make_grant
from tests.treatments.conftest import do_session, ready


def test_a_minimum_interval_delays_the_next_session_on_the_plan_page(
    alice, alice_client, pro, clock
):
    plan = ready(alice)
    do_session(alice_client, plan)
    before = alice_client.get(f"/plans/{plan.pk}/").context["next"].on
    grant = make_grant(alice, pro, ["sessions_recovery"])
    services.set_limits(grant, {"cheeks": "0.25"}, 14)
    page = alice_client.get(f"/plans/{plan.pk}/")
    assert (page.context["next"].on - before).days == 14 - 7  # 0.25 mm alone waits 7 days
    html = page.content.decode()
    assert "Limits from your professional" in html and "Dermatologist" in html


def test_a_revoked_grant_stops_its_limits(alice, alice_client, pro, clock):
    plan = ready(alice)
    do_session(alice_client, plan)
    grant = make_grant(alice, pro, ["sessions_recovery"])
    services.set_limits(grant, {}, 14)
    services.revoke(alice, grant.pk)
    page = alice_client.get(f"/plans/{plan.pk}/")
    assert "Limits from your professional" not in page.content.decode()
