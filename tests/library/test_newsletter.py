from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command

from needlewise.library import newsletter
from needlewise.library.models import NewsletterDelivery, NewsPost, Subscriber

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
pytestmark = pytest.mark.django_db(transaction=True)  # the sender must run in autocommit


def _body(message, kind="text/plain") -> str:
    for part in message.walk():
        if part.get_content_type() == kind:
            return part.get_payload(decode=True).decode()
    raise AssertionError(f"no {kind} part")


def _link(message, name: str) -> str:
    found = re.search(rf"https?://\S+/library/newsletter/{name}/[^/\s]+/", _body(message))
    assert found, _body(message)
    return found.group(0)


def _path(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def _subscribe(client, email: str):
    return client.post("/library/newsletter/", {"email": email})


def _confirmed(client, smtp, email: str) -> None:
    _subscribe(client, email)
    confirm = _path(_link(smtp.messages[-1], "confirm"))
    assert client.post(confirm).status_code == 200


def _send() -> str:
    from io import StringIO

    out = StringIO()
    call_command("newsletter", "send", stdout=out)
    return out.getvalue()


def test_double_opt_in_end_to_end(client, smtp):
    NewsPost.objects.create(title="Winter skin", body="Keep it **calm**.", published_at=NOW)
    response = _subscribe(client, "Dana@Example.com")
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    [mail] = smtp.messages
    assert mail["To"] == "dana@example.com"
    assert "Confirm" in mail["Subject"]
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/library/newsletter/unsubscribe/" in mail["List-Unsubscribe"]
    assert "/library/newsletter/confirm/" in _body(mail, "text/html")

    # unconfirmed: no digest
    assert "0 sent" in _send()
    assert len(smtp.messages) == 1

    confirm = _path(_link(mail, "confirm"))
    assert client.get(confirm).status_code == 200  # asks first: link scanners only GET
    assert not Subscriber.objects.get().is_active
    assert client.post(confirm).status_code == 200
    assert Subscriber.objects.get().is_active

    NewsPost.objects.create(title="Sunscreen news", body="SPF.", published_at=datetime.now(UTC))
    assert "1 sent" in _send()
    digest = smtp.messages[-1]
    assert "New from Needlewise" in digest["Subject"]
    assert "Sunscreen news" in _body(digest) and "Sunscreen news" in _body(digest, "text/html")
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Unsubscribe" in _body(digest, "text/html")

    # a second run sends nothing new
    assert "nothing new; 0 sent" in _send()
    assert len(smtp.messages) == 2
    assert NewsletterDelivery.objects.filter(sent_at__isnull=False).count() == 1


def test_one_click_unsubscribe_by_post_without_login_or_csrf(smtp):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    _confirmed(Client(), smtp, "erin@example.com")
    url = _path(smtp.messages[-1]["List-Unsubscribe"].strip("<>"))
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Subscriber.objects.get().unsubscribed_at is not None
    NewsPost.objects.create(title="After", body="x", published_at=datetime.now(UTC))
    assert "0 sent" in _send()
    # the old confirmation link cannot bring the address back
    assert client.post(_path(_link(smtp.messages[0], "confirm"))).status_code in (400, 403)


def test_the_confirmation_link_expires(client, smtp):
    with time_machine.travel(NOW, tick=False):
        _subscribe(client, "fay@example.com")
    link = _path(_link(smtp.messages[-1], "confirm"))
    with time_machine.travel(NOW + timedelta(days=3, minutes=1), tick=False):
        response = client.post(link)
    assert response.status_code == 400
    assert "expired" in response.content.decode()
    assert not Subscriber.objects.get().is_active


@pytest.mark.parametrize("url", ["confirm/forged/", "unsubscribe/forged/"])
def test_forged_links_are_refused(client, url):
    response = client.post(f"/library/newsletter/{url}")
    assert response.status_code == 400
    assert "not valid" in response.content.decode()


def test_same_answer_for_known_and_unknown_addresses(client, smtp):
    _confirmed(client, smtp, "known@example.com")
    known = _subscribe(client, "known@example.com")
    unknown = _subscribe(client, "unknown@example.com")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    pages = [client.get(r["Location"]).content.decode() for r in (known, unknown)]
    assert _without_tokens(pages[0]) == _without_tokens(pages[1])


def _without_tokens(page: str) -> str:
    return re.sub(r'"X-CSRFToken": "[^"]+"', "", page)


def test_a_signed_in_person_can_subscribe_their_own_address(alice_client, smtp, alice):
    assert _subscribe(alice_client, "alice@example.com").status_code == 302
    assert Subscriber.objects.get().user == alice


def test_the_rate_limit_answers_429_with_a_message(client, smtp):
    for n in range(5):
        assert _subscribe(client, f"p{n}@example.com").status_code == 302
    response = _subscribe(client, "p9@example.com")
    assert response.status_code == 429
    assert "Too many tries" in response.content.decode()
    assert not Subscriber.objects.filter(email="p9@example.com").exists()
    other = client.post("/library/newsletter/", {"email": "q@example.com"}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


@pytest.mark.parametrize("email", ["", "not-an-address", "a@" + "b" * 260 + ".com"])
def test_bad_addresses_are_refused_with_a_message(client, smtp, email):
    response = _subscribe(client, email)
    assert response.status_code == 400
    assert 'class="error"' in response.content.decode()
    assert not Subscriber.objects.exists()
    assert smtp.messages == []


@pytest.mark.parametrize(
    ("method", "url"),
    [("put", "/library/newsletter/"), ("delete", "/library/newsletter/confirm/x/"),
     ("put", "/library/newsletter/unsubscribe/x/"), ("post", "/library/newsletter/sent/")],
)  # fmt: skip
def test_wrong_methods_are_405(client, method, url):
    assert getattr(client, method)(url).status_code == 405


def test_claim_is_won_once(smtp):
    sub = Subscriber.objects.create(email="g@example.com", confirmed_at=NOW)
    NewsPost.objects.create(title="N", body="x", published_at=NOW)
    issue = newsletter.issue_digest(NOW + timedelta(minutes=1))
    delivery = NewsletterDelivery.objects.get(issue=issue, subscriber=sub)
    assert newsletter.claim(delivery.pk) is not None
    assert newsletter.claim(delivery.pk) is None
    assert newsletter.send_pending()["sent"] == 0  # claimed by "another worker"
    assert smtp.messages == []


def test_no_link_or_header_carries_the_address(client, smtp):
    """The unsubscribe link was `<address>:<signature>`: the address in every mail client's
    history, proxy log and Referer. It is a signed subscriber number now."""
    from urllib.parse import quote

    _confirmed(client, smtp, "gil.o'neil+skin@example.com")
    NewsPost.objects.create(title="News", body="x", published_at=datetime.now(UTC))
    _send()
    assert len(smtp.messages) == 2
    for message in smtp.messages:
        links = [message["List-Unsubscribe"], *re.findall(r"https?://\S+", _body(message))]
        for link in links:
            for form in ("gil.o", "example.com", quote("gil.o'neil+skin@example.com")):
                assert form not in link, link
    assert client.post(_path(_link(smtp.messages[-1], "unsubscribe"))).status_code == 200
    assert Subscriber.objects.get().unsubscribed_at is not None


def test_an_unsubscribe_link_in_an_old_mail_still_works(smtp):
    """Links sent before carried the address; a mail is kept for years."""
    from django.core import signing
    from django.test import Client

    _confirmed(Client(), smtp, "hal@example.com")
    old = signing.Signer(salt=newsletter.UNSUBSCRIBE_SALT).sign("hal@example.com")
    assert Client().post(f"/library/newsletter/unsubscribe/{old}/").status_code == 200
    assert Subscriber.objects.get().unsubscribed_at is not None


def test_a_confirmation_link_sent_before_still_confirms(client, smtp):
    """Confirmation links sent before carried the (base64-encoded) address; they last 3 days."""
    from django.core import signing

    _subscribe(client, "ivy@example.com")
    old = signing.dumps("ivy@example.com", salt=newsletter.CONFIRM_SALT)
    assert client.post(f"/library/newsletter/confirm/{old}/").status_code == 200
    assert Subscriber.objects.get().is_active
