"""Pages in the one style for people (issue 17): a date of another year shows its year, one of
this year does not; counts agree with their number ("1 session", "2 sessions")."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from needlewise.sharing import services as sharing
from tests.conftest import make_user
from tests.treatments.conftest import NOW, do_session, ready


def _text(html: str) -> str:
    """What a person reads: the tags (and machine attributes such as a calendar day's ISO
    `data-date`) left out."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_a_session_of_another_year_shows_its_year_and_today_s_dates_do_not(
    alice, alice_client, clock
):
    clock.move_to(datetime(2020, 1, 1, 12, tzinfo=UTC))  # a Wednesday
    plan = ready(alice)
    do_session(alice_client, plan)
    clock.move_to(NOW)  # Monday 23 November 2026
    page = _text(alice_client.get(f"/plans/{plan.pk}/").content.decode())
    assert "Wed 1 Jan 2020, 12:00" in page
    assert "Monday 23 November 2026" not in page and "2026-11-23" not in page
    plans = _text(alice_client.get("/plans/").content.decode())
    assert "Wed 1 Jan 2020, 12:00" in plans


def test_the_cost_summary_counts_one_session_then_two(alice_client, alice, clock):
    plan = ready(alice)
    alice_client.post("/library/cost/", {"on": "2026-11-20", "kind": "serum", "amount": "10"})
    do_session(alice_client, plan)
    html = _text(alice_client.get("/library/cost/").content.decode())
    assert "After 1 session, home care has cost €10.00 in all" in html
    assert "1 sessions" not in html
    clock.shift(timedelta(days=7))
    from needlewise.devices.services import record_sterilisation

    record_sterilisation(plan.device)
    do_session(alice_client, plan)
    html = _text(alice_client.get("/library/cost/").content.decode())
    assert "After 2 sessions, home care has cost €10.00 in all" in html


def test_an_invitation_for_one_day_says_day(alice, alice_client, clock):
    pro = make_user("derm@example.com", "Dr Derm")
    sharing.save_professional(pro, "Dermatologist")
    sharing.invite(alice, pro.email, ["sessions_recovery"], days=1)
    sharing.invite(alice, "other@example.com", ["sessions_recovery"], days=2)
    html = _text(alice_client.get("/sharing/").content.decode())
    assert "for 1 day once they accept" in html and "for 2 days once they accept" in html
    assert "1 days" not in html
