from __future__ import annotations

from datetime import timedelta
from itertools import pairwise

import time_machine

from needlewise.library import tips
from tests.treatments.conftest import NOW, do_session, ready


def _codes(user, at, n=4):
    with time_machine.travel(at, tick=False):
        return [tips.tip_for(user, at).code for _ in range(n)]


def test_before_a_first_session_the_tip_is_the_patch_test(alice, clock):
    ready(alice)
    first = tips.tip_for(alice, NOW)
    assert first.code == "patch_test"
    assert first.guide.slug == "preparing-your-skin"


def test_in_the_aftercare_window_the_tips_are_sunscreen_and_no_actives(alice, alice_client, plan):
    do_session(alice_client, plan)
    codes = _codes(alice, NOW + timedelta(hours=30))
    assert set(codes) == {"sunscreen", "no_actives"}


def test_the_tip_is_never_the_same_twice_in_a_row(alice, alice_client, plan):
    do_session(alice_client, plan)
    for at in (NOW + timedelta(hours=2), NOW + timedelta(days=20)):
        codes = _codes(alice, at, n=6)
        assert all(a != b for a, b in pairwise(codes)), codes


def test_after_the_window_the_tips_are_general(alice, alice_client, plan):
    do_session(alice_client, plan)
    codes = _codes(alice, NOW + timedelta(days=20))
    assert not {"sunscreen", "no_actives", "patch_test"} & set(codes)


def test_a_due_head_brings_the_replacement_tip(alice, alice_client, plan):
    do_session(alice_client, plan)
    later = NOW + timedelta(days=120)  # past the 90-day head rule
    assert "head_due" in _codes(alice, later, n=2)


def test_visitors_get_no_tip(db):
    from django.contrib.auth.models import AnonymousUser

    assert tips.tip_for(AnonymousUser(), NOW) is None


def test_the_tip_include_links_its_guide(alice, clock):
    from django.template.loader import render_to_string

    html = render_to_string("library/_tip.html", {"tip": tips.tip_for(alice, NOW)})
    assert "/library/guides/" in html


def test_today_reads_the_tips_situation_from_what_it_already_knows(alice, alice_client, plan):
    """Today passes its own state to the tip instead of querying it again: the two must agree
    at every stage (before, in and after the aftercare window, with a head due)."""
    from needlewise.treatments.today import today_for

    do_session(alice_client, plan)
    for at in (NOW + timedelta(hours=30), NOW + timedelta(days=20), NOW + timedelta(days=120)):
        with time_machine.travel(at, tick=False):
            state = today_for(alice, at, at.date())
            known = tips.Situation(
                in_aftercare=bool(state.windows),
                no_session_yet=state.last_session is None,
                head_due=state.head_due,
            )
            assert known == tips.situation(alice, at)
            assert alice_client.get("/").status_code == 200


def test_a_tip_is_remembered_with_one_row_per_person(alice, clock):
    from needlewise.library.models import TipShown

    ready(alice)
    first, second = tips.tip_for(alice, NOW), tips.tip_for(alice, NOW)
    assert first.code != second.code
    assert TipShown.objects.filter(user=alice).count() == 1
    assert TipShown.objects.get(user=alice).code == second.code
