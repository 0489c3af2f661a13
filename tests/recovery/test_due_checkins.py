"""When check-ins are due: about 6, 24, 48 and 72 h, then daily while anything is reported."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine

from needlewise.recovery.queries import due_checkins, rule_checkins
from tests.recovery.conftest import post_checkin
from tests.treatments.conftest import NOW


def _due(user, hours):
    return [(d.hours, d.is_due) for d in due_checkins(user, NOW + timedelta(hours=hours))]


def test_nothing_is_due_without_a_session(alice, clock):
    assert due_checkins(alice, NOW) == []


@pytest.mark.parametrize(
    ("hours", "expected"),
    [
        (1, [(6, False)]),
        (5, [(6, True), (24, False)]),
        (20, [(24, True), (48, False)]),
        (30, [(24, True), (48, False)]),
        (80, [(72, True)]),
        (400, []),
    ],
)
def test_the_fixed_check_ins_without_answers(alice, session, hours, expected):
    assert _due(alice, hours) == expected


def test_an_answered_check_in_is_no_longer_due(alice, alice_client, session):
    post_checkin(alice_client, 6, redness=1)
    assert _due(alice, 7) == [(24, False)]


def test_daily_check_ins_follow_while_anything_is_reported_up_to_14_days(
    alice, alice_client, session
):
    post_checkin(alice_client, 72, redness=1)
    assert _due(alice, 73) == [(96, False)]
    assert _due(alice, 100) == [(96, True), (120, False)]
    post_checkin(alice_client, 100, redness=0)
    assert _due(alice, 101) == []  # clear: the fixed check-ins are done, no daily ones
    post_checkin(alice_client, 310, pain=1)  # counts for day 13 (312 h)
    assert _due(alice, 311) == [(336, False)]
    assert _due(alice, 331) == [(336, True)]
    assert _due(alice, 340) == []


def test_the_interval_rule_gets_the_check_ins_oldest_first(alice, alice_client, session):
    post_checkin(alice_client, 24, redness=2, pain=1)
    post_checkin(alice_client, 6, redness=1)  # time-travelled back: ordered by time, not by id
    with time_machine.travel(NOW, tick=False):
        got = rule_checkins(alice)
    assert [(c.redness, c.pain) for c in got] == [(1, 0), (2, 1)]
    assert got[0].at == NOW + timedelta(hours=6)
