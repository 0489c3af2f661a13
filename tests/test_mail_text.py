"""E-mail subjects and plain-text parts are plain text: no HTML entities; the HTML part stays
escaped. Before, every template of a mail was rendered with HTML autoescaping."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core.management import call_command

from needlewise.accounts.services import update_profile
from needlewise.library.models import NewsPost, Subscriber
from tests.sharing.test_invites import INVITE, _parts

NAME = "O'Brien & Co <Skin>"
ESCAPED = "O&#x27;Brien &amp; Co &lt;Skin&gt;"


def _no_entities(text: str) -> None:
    for entity in ("&#x27;", "&amp;", "&lt;", "&gt;", "&quot;"):
        assert entity not in text


def test_the_invite_subject_and_text_name_the_sender_as_typed(alice, alice_client, smtp, clock):
    update_profile(alice, display_name=NAME)
    assert alice_client.post("/sharing/", INVITE).status_code == 302
    [message] = smtp.messages
    assert (
        " ".join(message["Subject"].split())
        == f"{NAME} would like to share their Needlewise record with you"
    )
    parts = _parts(message)
    assert NAME in parts["text/plain"]
    _no_entities(parts["text/plain"])
    assert ESCAPED in parts["text/html"] and NAME not in parts["text/html"]


@pytest.mark.django_db(transaction=True)  # the newsletter sender runs in autocommit
def test_the_plain_text_newsletter_has_no_html_entities(smtp):
    Subscriber.objects.create(email="dana@example.com", confirmed_at=datetime.now(UTC))
    NewsPost.objects.create(
        title="Tom & Jerry's <serum>", body="Calm & cool.", published_at=datetime.now(UTC)
    )
    call_command("newsletter", "send")
    [digest] = smtp.messages
    parts = _parts(digest)
    assert "Tom & Jerry's <serum>" in parts["text/plain"]
    _no_entities(parts["text/plain"])
    assert "Tom &amp; Jerry&#x27;s &lt;serum&gt;" in parts["text/html"]


def test_the_password_reset_text_shows_the_address_as_typed(client, smtp, db):
    from tests.conftest import make_user

    make_user("o'brien@example.com")
    client.post("/accounts/password-reset/", {"email": "o'brien@example.com"})
    [message] = smtp.messages
    text = _parts(message)["text/plain"]
    assert "o'brien@example.com" in text
    _no_entities(text)
