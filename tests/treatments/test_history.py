"""`schedule.History` reads each part once and lean, and decides exactly as the rule core does
over the whole history: every session and every check-in, as the full models read them."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from needlewise.recovery.models import CheckIn
from needlewise.rules import intervals, rules_version
from needlewise.sharing import services as sharing
from needlewise.sharing.limits import limits_for, set_by
from needlewise.treatments import schedule, services
from needlewise.treatments.models import Plan, SessionArea, TreatmentSession
from needlewise.treatments.queries import done_rows, done_sessions
from tests.conftest import make_user
from tests.sharing.conftest import make_grant
from tests.treatments.conftest import NOW


def _session(user, plan, days_ago, records):
    draft = services.start_session(user, plan)
    services.finish_session(user, draft.key, records)
    done_at = NOW - timedelta(days=days_ago)
    TreatmentSession.objects.filter(pk=draft.pk).update(done_at=done_at)
    return TreatmentSession.objects.get(pk=draft.pk)


def _checkin(user, session, at, redness, pain=0):
    CheckIn.objects.create(
        user=user,
        session=session,
        at=at,
        hours_since_session=max((at - session.done_at).total_seconds() / 3600, 0),
        redness=redness,
        pain=pain,
        bleeding="none",
        level="normal",
        reasons=[],
        advice="",
        rules_version=rules_version(),
    )


def _record(area, mm):
    return {"area": area, "needle_mm": mm, "passes": 4, "pain": 1, "bleeding": "none"}


def _reference(user, plan):
    """next_date as it was: every done session as a model, every check-in of the person."""
    sessions = []
    for s in done_sessions(user):
        records = [r for r in s.area_records.all() if r.area in plan.areas]
        if records:
            deepest = max(float(r.needle_mm) for r in records)
            sessions.append(intervals.Session(s.done_at, deepest, tuple(r.area for r in records)))
    if not sessions:
        return schedule.NextDate(plan.start_date, "your plan starts then")
    rows = CheckIn.objects.filter(user=user).order_by("at", "id")
    checkins = [intervals.CheckIn(c.at, c.redness, c.pain) for c in rows]
    result = intervals.next_allowed(sessions, checkins, limits_for(user))
    reasons = tuple(r.to_dict() for r in result.reasons)
    return schedule.NextDate(
        max(result.next_allowed, plan.start_date),
        " ".join(str(r["message"]) for r in reasons),
        result.blocked,
        reasons,
        result.binding.to_dict() if result.next_allowed >= plan.start_date else None,
    )


@pytest.fixture
def history(alice, plan):
    """A deeper session long ago, a recent shallow one on another area only, the latest on
    cheeks; red check-ins before the latest session, one at its very moment, some after."""
    Plan.objects.filter(pk=plan.pk).update(
        course_length=20, needle_mm={"cheeks": 1.0, "forehead": 0.5}
    )
    plan.refresh_from_db()
    # 1.0 mm on cheeks was allowed then by a professional's limit, since ended: recorded at the
    # home cap (finish_session refuses more today), then set to what was done.
    old = _session(alice, plan, 60, [_record("cheeks", 0.5), _record("forehead", 0.5)])
    SessionArea.objects.filter(session=old, area="cheeks").update(needle_mm=1.0)
    _checkin(alice, old, old.done_at + timedelta(hours=30), 3, 6)
    forehead = _session(alice, plan, 20, [_record("forehead", 0.5)])
    _checkin(alice, forehead, forehead.done_at + timedelta(days=2), 2)
    latest = _session(alice, plan, 6, [_record("cheeks", 0.25)])
    _checkin(alice, latest, latest.done_at, 3, 8)  # at the very moment of the session
    _checkin(alice, latest, latest.done_at + timedelta(hours=30), 1)
    _checkin(alice, forehead, latest.done_at + timedelta(days=2), 2)  # late, for an older one
    return latest


@pytest.mark.parametrize(
    "areas", [["cheeks", "forehead"], ["cheeks"], ["forehead"], ["chin"], ["forehead", "chin"]]
)
def test_next_date_is_the_rule_cores_answer_over_the_whole_history(alice, plan, history, areas):
    plan.needle_mm = {area: 0.25 for area in areas}
    assert schedule.next_date(alice, plan) == _reference(alice, plan)
    shared = schedule.History(alice)
    assert schedule.next_date(alice, plan, history=shared) == _reference(alice, plan)


def test_a_clear_check_in_after_the_latest_session_is_seen(alice, plan, history):
    blocked = schedule.next_date(alice, plan)
    _checkin(alice, history, history.done_at + timedelta(days=3), 0)
    clear = schedule.next_date(alice, plan)
    assert blocked.blocked and not clear.blocked
    assert clear == _reference(alice, plan)


def test_professional_limits_count_as_before(alice, plan, history, clock):
    pro = make_user("pro@example.com", "Pro")
    sharing.save_professional(pro, "Dermatologist")
    grant = make_grant(alice, pro, ["sessions_recovery"])
    sharing.set_limits(grant, {"cheeks": "0.5"}, 40)
    sharing.add_avoid(grant, category="retinoid")
    shared = schedule.History(alice)
    assert shared.limit_sources.limits == limits_for(alice)
    assert limits_for(alice).min_interval_days == 40 and limits_for(alice).avoid == {"retinoid"}
    # The session rules read no avoid-list: History gives them the rest, read without it.
    assert shared.limits == replace(limits_for(alice), avoid=frozenset())
    assert schedule.next_date(alice, plan, history=shared) == _reference(alice, plan)
    assert set_by(alice, sources=shared.limit_sources) == set_by(alice)
    [source] = set_by(alice)
    assert source.name == "Pro" and source.profession == "Dermatologist"
    assert source.lines == (
        "Cheeks: needles up to 0.5 mm",
        "At least 40 days between sessions",
        "Avoid retinoids",
    )


def test_done_rows_are_done_sessions_lean(alice, plan, history):
    rows = done_rows(alice)
    sessions = list(done_sessions(alice))
    assert [r.pk for r in rows] == [s.pk for s in sessions]
    assert [r.key for r in rows] == [s.key for s in sessions]
    assert [r.done_at for r in rows] == [s.done_at for s in sessions]
    assert [r.deepest_mm for r in rows] == [s.deepest_mm for s in sessions]
    assert [[a for a, _ in r.areas] for r in rows] == [
        [a.area for a in s.area_records.all()] for s in sessions
    ]


def test_each_part_is_read_once(alice, plan, history, django_assert_num_queries):
    shared = schedule.History(alice)
    with django_assert_num_queries(4):  # sessions, check-ins since the last, grants, profile
        for _ in range(3):
            schedule.next_date(alice, plan, history=shared)
            schedule.upcoming(alice, plan, NOW.date(), shared)
            services.allowed_lengths(alice, plan.concern, "cheeks", plan.device, shared)
