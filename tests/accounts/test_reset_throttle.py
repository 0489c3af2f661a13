"""Password-reset mail is throttled per address and per client address (issue 16: 20 resets
sent 20 mails), says so in words, and never tells whether an address has an account."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client

from needlewise.accounts.views import RESETS_PER_ADDRESS, RESETS_PER_CLIENT

URL = "/accounts/password-reset/"


def _reset(email: str, address: str = "10.0.0.1"):
    return Client().post(URL, {"email": email}, REMOTE_ADDR=address)


def test_one_address_gets_a_few_mails_then_a_clear_refusal(clock, alice, mailoutbox):
    for i in range(RESETS_PER_ADDRESS.count):
        assert _reset("alice@example.com", f"10.0.1.{i}").status_code == 302
    refused = _reset("Alice@example.com", "10.0.2.1")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) == RESETS_PER_ADDRESS.seconds
    page = refused.content.decode()
    assert "Too many reset e-mails were asked for this address" in page
    assert "about 60 minutes" in page
    assert len(mailoutbox) == RESETS_PER_ADDRESS.count
    clock.shift(timedelta(seconds=RESETS_PER_ADDRESS.seconds))
    assert _reset("alice@example.com", "10.0.2.1").status_code == 302
    assert len(mailoutbox) == RESETS_PER_ADDRESS.count + 1


def test_an_unknown_address_is_refused_alike(clock, alice, mailoutbox):
    """The same count, the same words, for an address with no account: nothing is revealed."""
    answers = {}
    for email in ("alice@example.com", "nobody@example.com"):
        for i in range(RESETS_PER_ADDRESS.count):
            _reset(email, f"10.1.{len(answers)}.{i}")
        answers[email] = _reset(email, "10.1.9.9")
    known, unknown = answers.values()
    assert known.status_code == unknown.status_code == 429
    assert known["Retry-After"] == unknown["Retry-After"]
    assert _alert(known) == _alert(unknown)
    assert "Too many reset e-mails" in _alert(known)


def _alert(response) -> str:  # type: ignore[no-untyped-def]
    page = response.content.decode()
    start = page.index('role="alert"')
    return page[start : page.index("</div>", start)]


def test_one_client_asking_for_many_addresses_is_refused(clock, db, mailoutbox):
    for i in range(RESETS_PER_CLIENT.count):
        assert _reset(f"person{i}@example.com", "10.2.0.1").status_code == 302
    refused = _reset("another@example.com", "10.2.0.1")
    assert refused.status_code == 429
    assert "Too many requests from your address" in refused.content.decode()
    assert _reset("another@example.com", "10.2.0.2").status_code == 302
