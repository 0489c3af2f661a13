"""Scheduling is idempotent: the same call twice gives the same rows, and moved dates cancel."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
import time_machine

from needlewise.reminders import services
from needlewise.reminders.models import Reminder
from needlewise.suitability.models import SuitabilityCheck
from needlewise.treatments.models import Plan
from tests.reminders.conftest import NOW, PARIS, finish, make_plan


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def rows(user, kind: str | None = None) -> list[tuple[str, datetime]]:
    found = Reminder.objects.filter(user=user).order_by("due_at", "dedupe_key")
    if kind:
        found = found.filter(kind=kind)
    return [(r.dedupe_key, r.due_at) for r in found]


def pending(user, kind: str) -> list[Reminder]:
    return list(
        Reminder.objects.filter(user=user, kind=kind, cancelled_at__isnull=True).order_by("due_at")
    )


def test_a_session_gets_four_check_ins_and_the_ends_of_its_avoid_windows_once(paris):
    session = finish(paris, NOW)
    first = services.schedule_after_session(session)
    second = services.schedule_after_session(session)
    assert [r.pk for r in first] == [r.pk for r in second]
    checkins = pending(paris, "checkin")
    assert [r.due_at - NOW for r in checkins] == [timedelta(hours=h) for h in (6, 24, 48, 72)]
    assert {r.payload["session"] for r in checkins} == {str(session.key)}
    ends = {r.payload["hours"]: r.payload["topics"] for r in pending(paris, "window_end")}
    # From the rule core (POLICY.md section 4): only `avoid` windows with an end.
    assert ends == {
        24: ["makeup", "sun"],
        48: ["sweaty_exercise"],
        72: ["fragrance", "essential_oil", "drying_alcohol", "sauna_pool"],
        168: [
            "retinoid",
            "aha",
            "bha",
            "benzoyl_peroxide",
            "vitamin_c",
            "physical_exfoliant",
            "enzyme_exfoliant",
        ],
    }
    assert Reminder.objects.filter(user=paris).count() == 10  # and the late ones, days 21 and 56


def test_moments_already_past_are_not_scheduled_and_drafts_get_nothing(paris):
    old = finish(paris, NOW - timedelta(days=5))
    due = [(r.kind, r.payload.get("hours")) for r in services.schedule_after_session(old)]
    assert due == [("window_end", 168), ("late_checkin", None), ("late_checkin", None)]
    draft = finish(paris, NOW)
    draft.status, draft.done_at = "draft", None
    assert services.schedule_after_session(draft) == []


def test_session_days_are_at_nine_local_and_rescheduling_changes_nothing(paris):
    plan = make_plan(paris, date(2026, 11, 24))
    services.schedule_for_plan(paris, plan, date(2026, 11, 23))
    before = rows(paris)
    services.schedule_for_plan(paris, plan, date(2026, 11, 23))
    assert rows(paris) == before
    assert len(before) == 6
    first = pending(paris, "session_day")[0]
    assert first.due_at.astimezone(PARIS) == datetime(2026, 11, 24, 9, 0, tzinfo=PARIS)
    assert first.payload == {"plan": plan.pk, "date": "2026-11-24", "concern": "texture"}


def test_moved_plan_dates_cancel_the_stale_session_days_and_moving_back_restores_them(paris):
    plan = make_plan(paris, date(2026, 11, 24))
    services.schedule_for_plan(paris, plan, date(2026, 11, 23))
    old_days = {r.payload["date"] for r in pending(paris, "session_day")}
    plan.start_date = date(2026, 11, 26)
    plan.save()
    services.schedule_for_plan(paris, plan, date(2026, 11, 23))
    now_days = [r.payload["date"] for r in pending(paris, "session_day")]
    assert now_days[0] == "2026-11-26"
    assert len(now_days) == 6
    cancelled = Reminder.objects.filter(user=paris, cancelled_at__isnull=False)
    assert {r.payload["date"] for r in cancelled} == old_days - set(now_days)
    plan.start_date = date(2026, 11, 24)
    plan.save()
    services.schedule_for_plan(paris, plan, date(2026, 11, 23))
    assert {r.payload["date"] for r in pending(paris, "session_day")} == old_days
    assert Reminder.objects.filter(user=paris, payload__date="2026-11-24").count() == 1


def test_a_paused_plan_has_no_session_day_reminders(paris):
    plan = make_plan(paris, date(2026, 11, 24))
    services.schedule_for_plan(paris, plan, date(2026, 11, 23))
    plan.status = Plan.Status.PAUSED
    plan.save()
    assert services.schedule_for_plan(paris, plan, date(2026, 11, 23)) == []
    assert pending(paris, "session_day") == []


def _check(user, recheck_on: date | None) -> SuitabilityCheck:
    return SuitabilityCheck.objects.create(
        user=user,
        answers={},
        verdict="not_now",
        recheck_on=recheck_on,
        expires_on=recheck_on or date(2027, 2, 1),
        rules_version="test",
    )


def test_a_recheck_is_at_nine_local_and_a_newer_check_replaces_it(paris):
    older = _check(paris, date(2026, 12, 1))
    reminder = services.schedule_recheck(older)
    assert services.schedule_recheck(older).pk == reminder.pk
    assert reminder.due_at.astimezone(PARIS) == datetime(2026, 12, 1, 9, 0, tzinfo=PARIS)
    newer = _check(paris, None)
    assert services.schedule_recheck(newer) is None
    assert pending(paris, "recheck") == []


def test_a_head_replacement_moves_when_the_head_is_changed(paris, catalogue_roller):
    services.schedule_head_replacement(catalogue_roller, date(2027, 2, 21))
    services.schedule_head_replacement(catalogue_roller, date(2027, 2, 21))
    services.schedule_head_replacement(catalogue_roller, date(2027, 3, 1))
    due = [r.due_at.astimezone(PARIS).date() for r in pending(paris, "head_replacement")]
    assert due == [date(2027, 3, 1)]
    assert Reminder.objects.filter(user=paris, kind="head_replacement").count() == 2


def test_cancel_for_matches_kind_subject_and_payload_and_urgent_is_kept(paris, bob):
    session = finish(paris, NOW)
    services.schedule_after_session(session)
    services.schedule_after_session(finish(bob, NOW))
    assert services.cancel_for(paris, "checkin", session=str(session.key)) == 4
    assert services.cancel_for(paris, "window_end", subject_id=str(session.key), hours=168) == 1
    assert len(pending(bob, "checkin")) == 4
    urgent = services.schedule_reminder(
        paris,
        "checkin",
        NOW + timedelta(hours=1),
        "urgent:test",
        urgent=True,
        payload={"session": str(session.key), "hours": 1},
    )
    assert urgent is not None and urgent.urgent
