from __future__ import annotations

from datetime import UTC, datetime, timedelta

import time_machine
from django.test import Client

from needlewise.accounts import services as accounts
from needlewise.suitability import queries
from needlewise.suitability.models import SuitabilityCheck
from tests.suitability.helpers import complete_check

START = datetime(2026, 11, 23, 12, tzinfo=UTC)


def _check_for(client: Client, user, conditions=frozenset()) -> SuitabilityCheck:
    with time_machine.travel(START, tick=False):
        complete_check(client, conditions)
    return SuitabilityCheck.objects.filter(user=user).first()


def test_another_users_check_is_404(alice_client, alice, carol):
    check = _check_for(alice_client, alice)
    intruder = Client()
    intruder.force_login(carol, backend="django.contrib.auth.backends.ModelBackend")
    assert intruder.get(f"/check/{check.pk}/").status_code == 404
    assert intruder.get(f"/api/checks/{check.pk}").status_code == 404


def test_a_check_lapses_after_90_days(alice_client, alice):
    _check_for(alice_client, alice)
    with time_machine.travel(START + timedelta(days=89), tick=False):
        assert queries.current_check(alice) is not None
    with time_machine.travel(START + timedelta(days=90), tick=False):
        assert queries.current_check(alice) is None
        alice_client.force_login(alice, backend="django.contrib.auth.backends.ModelBackend")
        assert "A suitability check is due" in alice_client.get("/").content.decode()


def test_a_check_lapses_at_its_recheck_date(alice_client, alice):
    _check_for(alice_client, alice, {"sunburn"})
    with time_machine.travel(START + timedelta(days=6), tick=False):
        assert queries.current_check(alice) is not None
    with time_machine.travel(START + timedelta(days=7), tick=False):
        assert queries.current_check(alice) is None


def test_changing_the_skin_type_makes_a_new_check_due(alice_client, alice):
    check = _check_for(alice_client, alice)
    with time_machine.travel(START + timedelta(hours=1), tick=False):
        accounts.update_profile(alice, skin_type=6)
        assert queries.current_check(alice) is None
        check.refresh_from_db()
        assert check.invalidated_reason == "You changed your skin type."
        page = alice_client.get(f"/check/{check.pk}/").content.decode()
    assert "no longer current" in page


def test_saving_the_profile_unchanged_keeps_the_check(alice_client, alice):
    _check_for(alice_client, alice)
    with time_machine.travel(START + timedelta(hours=1), tick=False):
        accounts.update_profile(alice, display_name="Ally")
        assert queries.current_check(alice) is not None


def test_home_shows_the_current_verdict(alice_client, alice):
    _check_for(alice_client, alice)
    with time_machine.travel(START + timedelta(days=1), tick=False):
        html = alice_client.get("/").content.decode()
    assert "current until Sun 21 Feb 2027" in html


def test_history_lists_every_check_with_its_state(alice_client, alice):
    _check_for(alice_client, alice, {"sunburn"})
    _check_for(alice_client, alice)
    with time_machine.travel(START + timedelta(hours=1), tick=False):
        html = alice_client.get("/check/").content.decode()
    assert html.count("<tr>") == 3  # header + two checks
    assert "replaced: Replaced by a newer check." in html
    assert html.count(">current<") == 1
