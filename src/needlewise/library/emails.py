"""Newsletter e-mails: template triplets (subject, text, HTML), each with an unsubscribe link
and RFC 8058 one-click List-Unsubscribe headers."""

from __future__ import annotations

from typing import Any

from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils.text import Truncator

from needlewise import mail
from needlewise.library import markup


def teaser(body: str, words: int = 40) -> str:
    return Truncator(markup.plain(body)).words(words)


def _message(name: str, to: str, unsubscribe: str, context: dict[str, Any]):
    link = mail.absolute(reverse("library:unsubscribe", args=[unsubscribe]))
    context = {**context, "unsubscribe_link": link, "site": mail.absolute("/")}
    headers = {
        "List-Unsubscribe": f"<{link}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return mail.triplet(f"library/email/{name}", context, to, headers=headers)


def confirmation(email: str, confirm: str, unsubscribe: str) -> EmailMultiAlternatives:
    link = mail.absolute(reverse("library:confirm", args=[confirm]))
    return _message("confirm", email, unsubscribe, {"confirm_link": link})


def digest(delivery, unsubscribe: str) -> EmailMultiAlternatives:
    items = [{**item, "url": mail.absolute(item["url"])} for item in delivery.issue.items]
    message = _message("digest", delivery.subscriber.email, unsubscribe,
                       {"issue": delivery.issue, "items": items})  # fmt: skip
    message.extra_headers["X-Needlewise-Newsletter"] = delivery.dedupe_key
    return message
