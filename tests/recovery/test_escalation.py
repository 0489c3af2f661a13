"""A red flag pauses every plan, blocks the guided session and e-mails once; "a professional has
seen me" closes it and lets sessions start again."""

from __future__ import annotations

from datetime import timedelta

import time_machine

from needlewise.devices import services as devices
from needlewise.notifications import services as notifications
from needlewise.recovery.models import Escalation
from needlewise.treatments.models import Plan
from tests.recovery.conftest import post_checkin
from tests.treatments.conftest import NOW


def _red_flag(client, capture, hours=24, **fields):
    with capture(execute=True):
        response = post_checkin(client, hours, **({"redness": 1, "symptoms": ["pus"]} | fields))
    assert response.status_code == 302
    return response


def test_a_red_flag_pauses_plans_blocks_sessions_and_emails_once(
    alice_client, alice, session, smtp, django_capture_on_commit_callbacks
):
    plan, _ = session
    _red_flag(alice_client, django_capture_on_commit_callbacks)

    plan.refresh_from_db()
    assert plan.status == Plan.Status.PAUSED
    assert "professional has seen you" in plan.paused_reason
    escalation = Escalation.objects.get()
    assert escalation.level == "see_dermatologist" and escalation.emailed_at is not None

    assert len(smtp.messages) == 1
    mail = smtp.messages[0]
    assert mail["To"] == "alice@example.com"
    assert "dermatologist" in mail["Subject"]
    parts = {
        p.get_content_type(): p.get_payload(decode=True).decode()
        for p in mail.walk()
        if not p.is_multipart()
    }
    assert "Pus is a sign of infection." in parts["text/plain"]
    assert "Pus is a sign of infection." in parts["text/html"]
    assert f"/recovery/{escalation.checkin_id}/" in parts["text/plain"]

    with time_machine.travel(NOW + timedelta(hours=25), tick=False):
        refused = alice_client.post(f"/plans/{plan.pk}/start/")
    assert refused.status_code == 409
    assert 'data-code="plan_paused"' in refused.content.decode()


def test_a_second_red_flag_at_the_same_level_sends_no_second_mail(
    alice_client, session, smtp, django_capture_on_commit_callbacks
):
    _red_flag(alice_client, django_capture_on_commit_callbacks, hours=24)
    _red_flag(alice_client, django_capture_on_commit_callbacks, hours=30)
    assert len(smtp.messages) == 1
    assert notifications.send_pending() == 0  # a retry sends nothing
    assert len(smtp.messages) == 1


def test_a_red_flag_raised_to_urgent_sends_the_urgent_mail(
    alice_client, session, smtp, django_capture_on_commit_callbacks
):
    _red_flag(alice_client, django_capture_on_commit_callbacks, hours=24)
    _red_flag(alice_client, django_capture_on_commit_callbacks, hours=30, fever="38.5")
    assert [m["Subject"].split(":")[0] for m in smtp.messages] == [
        "Please see a dermatologist about your skin (Needlewise)",
        "Urgent",
    ]
    escalation = Escalation.objects.get()
    assert escalation.level == "urgent"  # the banner says how it stands now
    text = next(p for p in smtp.messages[1].walk() if p.get_content_type() == "text/plain")
    assert "A temperature of 38.5 °C" in text.get_payload(decode=True).decode()


def test_an_urgent_mail_says_to_seek_care_today(
    alice_client, session, smtp, django_capture_on_commit_callbacks
):
    _red_flag(alice_client, django_capture_on_commit_callbacks, symptoms=["spreading_redness"])
    mail = smtp.messages[0]
    assert mail["Subject"].startswith("Urgent: seek medical care today")
    text = next(p for p in mail.walk() if p.get_content_type() == "text/plain")
    assert "quickly spreading redness" in text.get_payload(decode=True).decode()


def test_a_failed_send_is_released_for_a_retry(
    alice, alice_client, session, settings, django_capture_on_commit_callbacks, smtp
):
    settings.EMAIL_PORT = 1  # nothing listens there
    _red_flag(alice_client, django_capture_on_commit_callbacks)
    escalation = Escalation.objects.get()
    assert escalation.emailed_at is None
    settings.EMAIL_PORT = smtp.port
    assert notifications.send_pending() == 1
    assert notifications.send_pending() == 0
    assert len(smtp.messages) == 1


def test_seeing_a_professional_closes_it_and_sessions_may_start_again(
    alice_client, alice, session, smtp, django_capture_on_commit_callbacks
):
    plan, _ = session
    _red_flag(alice_client, django_capture_on_commit_callbacks)
    escalation = Escalation.objects.get()
    later = NOW + timedelta(days=7)  # a 0.25 mm session waits a week (POLICY §3)
    with time_machine.travel(later, tick=False):
        assert post_checkin(alice_client, 96, redness=0).status_code == 302
        devices.record_sterilisation(plan.device, at=later)
        assert alice_client.post(f"/plans/{plan.pk}/start/").status_code == 409
        banner = alice_client.get("/recovery/").content.decode()
        assert 'data-testid="escalation-banner"' in banner
        cleared = alice_client.post(
            f"/recovery/escalations/{escalation.pk}/clear/", {"note": "Dr Okafor: healing well"}
        )
        assert cleared.status_code == 302
        escalation.refresh_from_db()
        assert escalation.cleared_at is not None
        assert escalation.cleared_note == "Dr Okafor: healing well"
        plan.refresh_from_db()
        assert plan.status == Plan.Status.ACTIVE
        assert (
            'data-testid="escalation-banner"' not in alice_client.get("/recovery/").content.decode()
        )
    # The red check-ins lengthen the wait (POLICY §3 tolerance): a few days on, it may start.
    with time_machine.travel(later + timedelta(days=4), tick=False):
        devices.record_sterilisation(plan.device, at=later + timedelta(days=4))
        assert alice_client.post(f"/plans/{plan.pk}/start/").status_code == 302
    assert len(smtp.messages) == 1


def test_clearing_twice_changes_nothing(
    alice_client, session, django_capture_on_commit_callbacks, smtp
):
    _red_flag(alice_client, django_capture_on_commit_callbacks)
    escalation = Escalation.objects.get()
    url = f"/recovery/escalations/{escalation.pk}/clear/"
    assert alice_client.post(url, {"note": "first"}).status_code == 302
    assert alice_client.post(url, {"note": "second"}).status_code == 302
    escalation.refresh_from_db()
    assert escalation.cleared_note == "first"
