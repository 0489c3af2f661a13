"""Invites are throttled per account per day (issue 16: 20 invites to outside addresses sent
20 mails), refused in words on the page and in the API, with nothing recorded or sent."""

from __future__ import annotations

from datetime import timedelta

from needlewise.sharing.models import Invite
from needlewise.sharing.services import INVITES_PER_DAY

INVITE = {"scopes": ["sessions_recovery"], "days": "30"}


def _invite(client, n: int):  # type: ignore[no-untyped-def]
    return client.post("/sharing/", {**INVITE, "email": f"pro{n}@example.com"})


def test_the_page_refuses_invites_over_the_days_limit_in_words(
    alice_client, alice, clock, mailoutbox
):
    for n in range(INVITES_PER_DAY):
        assert _invite(alice_client, n).status_code == 302
    refused = _invite(alice_client, 99)
    assert refused.status_code == 429
    assert refused["Retry-After"]
    assert f"You have sent {INVITES_PER_DAY} invites in the last day" in refused.content.decode()
    assert Invite.objects.filter(client=alice).count() == INVITES_PER_DAY
    assert len(mailoutbox) == INVITES_PER_DAY
    # Withdrawn invites still count: withdrawing is no way round the limit.
    for invite in Invite.objects.filter(client=alice):
        alice_client.post(f"/sharing/invites/{invite.pk}/cancel/")
    assert _invite(alice_client, 98).status_code == 429
    clock.shift(timedelta(days=1))
    assert _invite(alice_client, 100).status_code == 302


def test_the_api_refuses_with_429_and_retry_after(alice_client, alice, clock, mailoutbox):
    for n in range(INVITES_PER_DAY):
        _invite(alice_client, n)
    clock.shift(timedelta(hours=6))
    body = {"email": "more@example.com", "scopes": ["sessions_recovery"], "days": 30}
    refused = alice_client.post("/api/sharing/grants", body, content_type="application/json")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) == 18 * 60 * 60
    assert "invites in the last day" in refused.json()["detail"]
    assert len(mailoutbox) == INVITES_PER_DAY
