"""Password change, and reset by e-mail through a real SMTP server on loopback."""

from __future__ import annotations

import re

from django.test import Client

from needlewise.accounts.models import User
from tests.conftest import PASSWORD

NEW = "a-brand-new-passphrase"


def test_password_change_needs_the_old_password(alice_client, alice):
    response = alice_client.post(
        "/accounts/password/",
        {"old_password": "wrong", "new_password1": NEW, "new_password2": NEW},
    )
    assert response.status_code == 200
    assert "old password was entered incorrectly" in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_password_change_works(alice_client, alice):
    response = alice_client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(NEW)


def test_password_reset_mail_arrives_with_text_and_html_and_its_link_works(smtp, alice):
    client = Client()
    response = client.post("/accounts/password-reset/", {"email": "alice@example.com"})
    assert response.status_code == 302
    [message] = smtp.messages
    assert message["To"] == "alice@example.com"
    assert message["Subject"] == "Reset your Needlewise password"
    parts = {
        part.get_content_type(): part.get_payload(decode=True).decode()
        for part in message.walk()
        if not part.is_multipart()
    }
    assert set(parts) == {"text/plain", "text/html"}
    link = re.search(r"http://testserver(/accounts/password-reset/\S+/)", parts["text/plain"])
    assert link and link.group(1) in parts["text/html"]

    form = client.get(link.group(1), follow=True)
    assert form.status_code == 200
    done = client.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302
    assert User.objects.get(pk=alice.pk).check_password(NEW)


def test_reset_for_an_unknown_address_sends_nothing_and_says_the_same(smtp, db):
    response = Client().post(
        "/accounts/password-reset/", {"email": "nobody@example.com"}, follow=True
    )
    assert "If an account uses that address" in response.content.decode()
    assert smtp.messages == []


def test_reset_page_says_where_mail_went_when_no_mail_server_is_set(client, alice, settings):
    settings.EMAIL_WRITES_FILES = True
    settings.EMAIL_FILE_PATH = "/srv/needlewise/mail"
    response = client.post("/accounts/password-reset/", {"email": "alice@example.com"}, follow=True)
    assert "/srv/needlewise/mail" in response.content.decode()
