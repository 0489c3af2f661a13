"""Plans and sessions keep their reminders in step (the worker then sends them)."""

from __future__ import annotations

from needlewise.reminders.models import Reminder
from needlewise.treatments import services
from tests.treatments.conftest import do_session


def _pending(kind):
    return Reminder.objects.filter(kind=kind, sent_at__isnull=True, cancelled_at__isnull=True)


def test_a_new_plan_gets_a_reminder_for_each_future_session_day(plan):
    # the first session day is today and its 09:00 has passed (NOW is 19:00): five remain
    assert _pending("session_day").count() == 5


def test_a_finished_session_schedules_check_ins_and_window_ends(alice_client, plan):
    do_session(alice_client, plan)
    assert _pending("checkin").count() == 4  # about 6 h, 24 h, 48 h and 72 h after
    assert _pending("window_end").count() == 4  # grouped by end time: 24 h, 48 h, 72 h, 7 days


def test_pausing_cancels_session_day_reminders_and_resuming_restores_them(alice, plan):
    services.pause_plans(alice, "A red flag after your last session.")
    assert _pending("session_day").count() == 0
    services.resume_paused_plans(alice)
    assert _pending("session_day").count() == 5


def test_a_roller_gets_a_head_reminder_90_days_on_and_at_its_tenth_use(alice, plan):
    from datetime import timedelta

    from needlewise.devices.models import OwnedDevice
    from needlewise.devices.services import schedule_head_reminder

    [reminder] = _pending("head_replacement")
    assert reminder.due_at.date() - plan.device.added_at.date() == timedelta(days=90)
    OwnedDevice.objects.filter(pk=plan.device_id).update(uses=10)
    schedule_head_reminder(plan.device)
    [reminder] = _pending("head_replacement")
    assert reminder.due_at.date() <= plan.device.added_at.date() + timedelta(days=1)
