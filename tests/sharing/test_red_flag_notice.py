"""A red flag reaches the professional who follows the person's recovery, once."""

from __future__ import annotations

from needlewise.notifications import services as notifications
from needlewise.recovery import services as recovery
from tests.sharing.conftest import make_grant
from tests.treatments.conftest import do_session, ready


def _red_flag(alice, alice_client):
    do_session(alice_client, ready(alice))
    recovery.record_checkin(alice, {"redness": 2, "pain": 3, "symptoms": ["pus"]})


def test_the_professional_with_recovery_scope_is_told_once(
    alice, alice_client, pro, smtp, django_capture_on_commit_callbacks, clock
):
    grant = make_grant(alice, pro, ["sessions_recovery"])
    smtp.messages.clear()  # the invite
    with django_capture_on_commit_callbacks(execute=True):
        _red_flag(alice, alice_client)
    to_pro = [m for m in smtp.messages if m["To"] == pro.email]
    assert len(to_pro) == 1
    assert "a check-in that needs a professional" in to_pro[0]["Subject"]
    assert (
        f"/sharing/clients/{grant.pk}/"
        in to_pro[0].get_payload()[0].get_payload(decode=True).decode()
    )
    assert notifications.send_pending() == 0  # nothing sent twice


def test_a_professional_with_another_scope_is_not_told(
    alice, alice_client, pro, smtp, django_capture_on_commit_callbacks, clock
):
    make_grant(alice, pro, ["products"])
    smtp.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _red_flag(alice, alice_client)
    assert [m for m in smtp.messages if m["To"] == pro.email] == []
    assert [m for m in smtp.messages if m["To"] == alice.email]  # the person still is
