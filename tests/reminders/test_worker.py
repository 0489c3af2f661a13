"""`needlewise worker`: each reminder e-mailed once through a real SMTP server, whatever the
number of runs, claims, crashes and failures."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command

from needlewise.reminders import services, worker
from needlewise.reminders.models import Reminder
from tests.conftest import _free_port
from tests.reminders.conftest import NOW, PUBLIC_URL, finish


def run(capsys) -> str:
    call_command("worker")
    return capsys.readouterr().out


def parts(message) -> dict[str, str]:
    return {
        part.get_content_type(): part.get_payload(decode=True).decode()
        for part in message.walk()
        if not part.is_multipart()
    }


@pytest.fixture
def session(paris):
    """A session done at NOW, with its reminders scheduled."""
    with time_machine.travel(NOW, tick=False):
        done = finish(paris, NOW)
        services.schedule_after_session(done)
    return done


def test_running_twice_sends_each_due_reminder_once_with_text_and_html(session, smtp, capsys):
    with time_machine.travel(NOW + timedelta(hours=25), tick=False):  # 11:00 in Paris
        assert "Reminders: 3 sent." in run(capsys)  # the 6 h and 24 h check-ins, makeup/sun
        assert "Reminders: 0 sent." in run(capsys)
    assert len(smtp.messages) == 3
    subjects = sorted(m["Subject"] for m in smtp.messages)
    assert subjects == [
        "Aftercare: the pause on makeup and direct sun is over",
        "How is your skin, 24 hours after your session?",
        "How is your skin, 6 hours after your session?",
    ]
    for message in smtp.messages:
        body = parts(message)
        assert set(body) == {"text/plain", "text/html"}
        link = f"{PUBLIC_URL}/sessions/{session.key}/"
        assert link in body["text/plain"] and f'href="{link}"' in body["text/html"]
        assert f"{PUBLIC_URL}/reminders/" in body["text/plain"]
        assert message["To"] == "alice@example.com"
        assert "Tuesday 24 November, 11:00" not in body["text/plain"]  # times are Paris time
        assert "Monday 23 November, 11:00" in body["text/plain"]
    assert Reminder.objects.filter(sent_at__isnull=False).count() == 3


@pytest.mark.parametrize(
    "kind, setup, link",
    [
        ("session_day", "plan", "/plans/{id}/"),
        ("head_replacement", "device", "/devices/{id}/"),
        ("recheck", "check", "/check/"),
    ],
)
def test_every_kind_links_its_page(paris, smtp, capsys, catalogue_roller, kind, setup, link):
    from datetime import date

    from needlewise.suitability.models import SuitabilityCheck
    from tests.reminders.conftest import make_plan

    with time_machine.travel(NOW, tick=False):
        if setup == "plan":
            subject = make_plan(paris, date(2026, 11, 24))
            services.schedule_for_plan(paris, subject, date(2026, 11, 23))
        elif setup == "device":
            subject = catalogue_roller
            services.schedule_head_replacement(subject, date(2026, 11, 24))
        else:
            subject = SuitabilityCheck.objects.create(
                user=paris,
                answers={},
                verdict="not_now",
                recheck_on=date(2026, 11, 24),
                expires_on=date(2026, 11, 24),
                rules_version="test",
            )
            services.schedule_recheck(subject)
    with time_machine.travel(datetime(2026, 11, 24, 8, 30, tzinfo=UTC), tick=False):
        assert "1 sent" in run(capsys)
    (message,) = smtp.messages
    body = parts(message)
    assert PUBLIC_URL + link.format(id=subject.pk) in body["text/plain"]
    assert PUBLIC_URL + link.format(id=subject.pk) in body["text/html"]


def test_a_kind_turned_off_is_marked_sent_with_a_note_and_not_e_mailed(session, smtp, capsys):
    services.update_settings(session.user, email_checkin=False)
    with time_machine.travel(NOW + timedelta(hours=25), tick=False):
        out = run(capsys)
    assert "1 sent, 2 not e-mailed" in out
    assert [m["Subject"] for m in smtp.messages] == [
        "Aftercare: the pause on makeup and direct sun is over"
    ]
    checkin = Reminder.objects.get(kind="checkin", payload__hours=24)
    assert checkin.sent_at is not None and "turned off" in checkin.note


def _due_at_23_in_paris(user, *, urgent: bool = False) -> Reminder:
    with time_machine.travel(NOW, tick=False):
        session = finish(user, NOW)
        return services.schedule_reminder(
            user,
            "checkin",
            datetime(2026, 11, 23, 22, 0, tzinfo=UTC),
            f"test:{urgent}",
            subject_id=str(session.key),
            payload={"session": str(session.key), "hours": 24},
            urgent=urgent,
        )


def test_quiet_hours_hold_a_reminder_until_seven_local(paris, smtp, capsys):
    reminder = _due_at_23_in_paris(paris)
    with time_machine.travel(datetime(2026, 11, 23, 22, 30, tzinfo=UTC), tick=False):
        assert "0 sent, 1 waiting for the end of quiet hours" in run(capsys)
    reminder.refresh_from_db()
    assert (reminder.claimed_at, reminder.attempts, smtp.messages) == (None, 0, [])
    with time_machine.travel(datetime(2026, 11, 24, 5, 59, tzinfo=UTC), tick=False):
        assert "0 sent" in run(capsys)  # 06:59 in Paris
    with time_machine.travel(datetime(2026, 11, 24, 6, 0, tzinfo=UTC), tick=False):
        assert "1 sent" in run(capsys)  # 07:00 in Paris
    assert len(smtp.messages) == 1


def test_an_urgent_reminder_ignores_quiet_hours(paris, smtp, capsys):
    _due_at_23_in_paris(paris, urgent=True)
    with time_machine.travel(datetime(2026, 11, 23, 22, 30, tzinfo=UTC), tick=False):
        assert "1 sent" in run(capsys)
    assert len(smtp.messages) == 1


def test_quiet_hours_follow_the_settings_and_can_be_turned_off(paris, smtp, capsys):
    _due_at_23_in_paris(paris)
    from datetime import time

    services.update_settings(paris, quiet_start=time(0, 0), quiet_end=time(0, 0))
    with time_machine.travel(datetime(2026, 11, 23, 22, 30, tzinfo=UTC), tick=False):
        assert "1 sent" in run(capsys)


def test_a_stale_claim_is_retried_and_a_fresh_one_is_not(session, smtp, capsys):
    start = NOW + timedelta(hours=25)
    with time_machine.travel(start, tick=False):
        claimed = {r.pk: worker.claim(r.pk) for r in worker.candidates(start)}
    assert len(claimed) == 3 and all(claimed.values())  # then the worker "crashed"
    with time_machine.travel(start + timedelta(seconds=worker.CLAIM_TIMEOUT - 1), tick=False):
        assert "0 sent" in run(capsys)
    assert smtp.messages == []
    with time_machine.travel(start + timedelta(seconds=worker.CLAIM_TIMEOUT + 1), tick=False):
        assert "3 sent" in run(capsys)
        assert "0 sent" in run(capsys)
    assert len(smtp.messages) == 3
    assert set(Reminder.objects.filter(pk__in=claimed).values_list("attempts", flat=True)) == {2}


def test_a_claim_is_won_by_one_caller_only(session):
    with time_machine.travel(NOW + timedelta(hours=25), tick=False):
        reminder = worker.candidates(NOW + timedelta(hours=25))[0]
        first, second = worker.claim(reminder.pk), worker.claim(reminder.pk)
    assert first is not None and second is None


def test_a_worker_with_a_stale_list_of_candidates_sends_nothing_already_sent(session, smtp):
    """Two workers racing, run one after the other: B claims and sends while A still holds the
    rows it read; A's conditional UPDATEs then match nothing."""
    from django.core.mail import get_connection

    at = NOW + timedelta(hours=25)
    with time_machine.travel(at, tick=False):
        seen_by_a = worker.candidates(at)
        assert worker.run_once()["sent"] == 3
        outcomes = [worker.deliver(r, worker.CLAIM_TIMEOUT, get_connection()) for r in seen_by_a]
    assert outcomes == ["taken", "taken", "taken"]
    assert len(smtp.messages) == 3


def test_a_send_failure_keeps_the_row_with_its_error_and_retries_later(
    session, smtp, settings, capsys
):
    settings.EMAIL_PORT = _free_port()  # nothing listens: connection refused
    at = NOW + timedelta(hours=25)
    with time_machine.travel(at, tick=False):
        assert "0 sent, 3 failed (will retry)" in run(capsys)
    failed = list(Reminder.objects.filter(last_error__contains="ConnectionRefused"))
    assert len(failed) == 3
    assert {(r.sent_at, r.claimed_at, r.attempts) for r in failed} == {(None, None, 1)}
    settings.EMAIL_PORT = smtp.port  # the server is back
    with time_machine.travel(at + timedelta(seconds=30), tick=False):
        assert "0 sent" in run(capsys)  # waits for the retry time
    with time_machine.travel(at + timedelta(seconds=61), tick=False):
        assert "3 sent" in run(capsys)
        assert "0 sent" in run(capsys)
    assert len(smtp.messages) == 3
    assert set(Reminder.objects.values_list("last_error", flat=True)) == {""}


def test_a_reminder_whose_subject_is_gone_is_cancelled_not_sent(session, smtp, capsys):
    session.delete()
    with time_machine.travel(NOW + timedelta(hours=25), tick=False):
        assert "0 sent, 3 cancelled" in run(capsys)
    assert smtp.messages == []
    assert Reminder.objects.filter(cancelled_at__isnull=False).count() == 3  # the due ones


def test_the_command_refuses_bad_options(db):
    from django.core.management.base import CommandError

    for options in ({"interval": 0}, {"batch": 0}, {"claim_timeout": 5}):
        with pytest.raises(CommandError):
            call_command("worker", **options)
