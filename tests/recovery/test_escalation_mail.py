"""Every escalation level is e-mailed exactly once to the person and to each professional who
follows their recovery; the result page claims only a mail that was queued; the professional's
red-flag card says why in plain words."""

from __future__ import annotations

from datetime import timedelta

import pytest

from needlewise.notifications import services as notifications
from needlewise.notifications.models import Notification
from needlewise.people_words import person_date
from needlewise.recovery.models import CheckIn
from needlewise.sharing import services as sharing
from needlewise.sharing.models import Grant
from tests.recovery.conftest import post_checkin
from tests.sharing.conftest import login, make_grant
from tests.treatments.conftest import NOW

URGENT = {
    "fever": {"fever": "38.6"},
    "numbing cream": {"symptoms": ["numb_lips"]},
    "spreading redness": {"symptoms": ["spreading_redness"]},
}


@pytest.fixture
def pro(bob):
    sharing.save_professional(bob, "Dermatologist", "GMC 1234567")
    return bob


@pytest.fixture
def following(alice, pro, smtp, session):
    """Bob follows Alice's recovery (the invite mail is set aside)."""
    grant = make_grant(alice, pro, ["sessions_recovery"])
    smtp.messages.clear()
    return grant


def _check_in(client, capture, hours, **fields):
    with capture(execute=True):
        response = post_checkin(client, hours, **({"redness": 1} | fields))
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


def _to(smtp, email):
    return [m for m in smtp.messages if m["To"] == email]


def _text(message) -> str:
    part = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    return part.get_payload(decode=True).decode()


@pytest.mark.parametrize("fields", URGENT.values(), ids=URGENT.keys())
def test_each_urgent_sign_mails_the_person_and_the_professional_once(
    alice_client, alice, pro, following, smtp, django_capture_on_commit_callbacks, fields
):
    result = _check_in(alice_client, django_capture_on_commit_callbacks, 6, **fields)

    [to_alice] = _to(smtp, alice.email)
    [to_pro] = _to(smtp, pro.email)
    assert len(smtp.messages) == 2
    assert to_alice["Subject"].startswith("Urgent: seek medical care today")
    assert "urgent: seek care today" in _text(to_pro)
    assert f"/sharing/clients/{following.pk}/" in _text(to_pro)
    page = alice_client.get(result).content.decode()
    assert "We sent you an e-mail with this advice." in page


def test_the_same_level_again_sends_nothing_and_the_page_says_when_it_went(
    alice_client, alice, pro, following, smtp, django_capture_on_commit_callbacks
):
    _check_in(alice_client, django_capture_on_commit_callbacks, 6, fever="38.5")
    again = _check_in(alice_client, django_capture_on_commit_callbacks, 8, fever="38.9")

    assert len(smtp.messages) == 2  # one each, from the first check-in
    assert notifications.send_pending() == 0
    page = alice_client.get(again).content.decode()
    assert "We sent you an e-mail" not in page
    assert f"We e-mailed you our advice on {person_date(NOW)}." in page


def test_see_a_dermatologist_then_urgent_sends_the_urgent_mails(
    alice_client, alice, pro, following, smtp, django_capture_on_commit_callbacks
):
    _check_in(alice_client, django_capture_on_commit_callbacks, 24, symptoms=["pus"])
    assert len(_to(smtp, alice.email)) == 1 and len(_to(smtp, pro.email)) == 1

    result = _check_in(alice_client, django_capture_on_commit_callbacks, 30, fever="38.5")

    first, urgent = _to(smtp, alice.email)
    assert "dermatologist" in first["Subject"]
    assert urgent["Subject"].startswith("Urgent: seek medical care today")
    assert "A temperature of 38.5 °C" in _text(urgent)
    assert "urgent: seek care today" in _text(_to(smtp, pro.email)[1])
    assert len(smtp.messages) == 4
    assert "We sent you an e-mail with this advice." in alice_client.get(result).content.decode()

    # Back down to "see a dermatologist": the escalation stays urgent, nobody is told again.
    _check_in(alice_client, django_capture_on_commit_callbacks, 36, symptoms=["pus"])
    assert len(smtp.messages) == 4


def test_a_check_in_that_queued_nothing_claims_no_mail(
    alice_client, alice, session, smtp, django_capture_on_commit_callbacks
):
    """A calm check-in while plans are paused: the page does not say it sent anything."""
    _check_in(alice_client, django_capture_on_commit_callbacks, 24, symptoms=["pus"])
    later = _check_in(alice_client, django_capture_on_commit_callbacks, 30, redness=0)
    page = alice_client.get(later).content.decode()
    assert "Your plans are paused" in page
    assert "We sent you an e-mail" not in page
    assert "We e-mailed you our advice on" in page
    assert len(smtp.messages) == 1


def _other_scope(alice, pro):
    return make_grant(alice, pro, ["products"])


def _revoked(alice, pro):
    grant = make_grant(alice, pro, ["sessions_recovery"])
    assert sharing.revoke(alice, grant.pk)
    return grant


def _expired(alice, pro):
    grant = make_grant(alice, pro, ["sessions_recovery"])
    Grant.objects.filter(pk=grant.pk).update(expires_at=NOW - timedelta(days=1))
    return grant


@pytest.mark.parametrize("grant", [_other_scope, _revoked, _expired], ids=lambda f: f.__name__)
def test_a_professional_who_does_not_follow_recovery_gets_nothing(
    alice_client, alice, pro, session, smtp, django_capture_on_commit_callbacks, grant
):
    grant(alice, pro)
    smtp.messages.clear()
    _check_in(alice_client, django_capture_on_commit_callbacks, 6, fever="38.5")
    assert _to(smtp, pro.email) == []
    assert len(_to(smtp, alice.email)) == 1


def test_a_grant_revoked_before_a_retry_is_not_mailed(
    alice_client, alice, pro, following, smtp, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_PORT = 1  # nothing listens there: both mails wait for a retry
    _check_in(alice_client, django_capture_on_commit_callbacks, 6, fever="38.5")
    assert smtp.messages == []
    assert sharing.revoke(alice, following.pk)
    settings.EMAIL_PORT = smtp.port

    assert notifications.send_pending() == 1
    assert [m["To"] for m in smtp.messages] == [alice.email]
    cancelled = Notification.objects.get(recipient=pro)
    assert cancelled.sent_at is None and cancelled.cancelled_at is not None


def test_a_mail_not_sent_yet_is_not_claimed_as_sent(
    alice_client, session, smtp, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_PORT = 1
    result = _check_in(alice_client, django_capture_on_commit_callbacks, 6, fever="38.5")
    page = alice_client.get(result).content.decode()
    assert "We sent you an e-mail" not in page
    assert "We are sending you an e-mail with this advice." in page


def test_the_professionals_red_flag_card_names_the_signs(
    alice_client, pro, following, smtp, django_capture_on_commit_callbacks
):
    _check_in(alice_client, django_capture_on_commit_callbacks, 24, symptoms=["pus"])
    _check_in(
        alice_client, django_capture_on_commit_callbacks, 30, fever="38.6", symptoms=["numb_lips"]
    )
    assert CheckIn.objects.filter(level="urgent").exists()

    page = login(pro).get(f"/sharing/clients/{following.pk}/").content.decode()
    card = page[page.index('aria-labelledby="flag"') :].split("</section>", 1)[0]
    assert "Urgent: seek care today." in card
    assert "Fever 38.6 °C · numb lips · pus" in card
    assert "Level:" not in card and "numb_lips" not in card
