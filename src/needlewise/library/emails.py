"""Newsletter e-mails: template triplets (subject, text, HTML), each with an unsubscribe link
and RFC 8058 one-click List-Unsubscribe headers."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import Truncator

from needlewise.library import markup


def absolute(path: str) -> str:
    return f"{settings.PUBLIC_URL}{path}"


def teaser(body: str, words: int = 40) -> str:
    return Truncator(markup.plain(body)).words(words)


def _message(name: str, to: str, unsubscribe: str, context: dict[str, Any]):
    link = absolute(reverse("library:unsubscribe", args=[unsubscribe]))
    context = {**context, "unsubscribe_link": link, "site": absolute("/")}
    base = f"library/email/{name}"
    message = EmailMultiAlternatives(
        subject=" ".join(render_to_string(f"{base}_subject.txt", context).split()),
        body=render_to_string(f"{base}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(render_to_string(f"{base}.html", context), "text/html")
    return message


def confirmation(email: str, confirm: str, unsubscribe: str) -> EmailMultiAlternatives:
    link = absolute(reverse("library:confirm", args=[confirm]))
    return _message("confirm", email, unsubscribe, {"confirm_link": link})


def digest(delivery, unsubscribe: str) -> EmailMultiAlternatives:
    items = [{**item, "url": absolute(item["url"])} for item in delivery.issue.items]
    message = _message("digest", delivery.subscriber.email, unsubscribe,
                       {"issue": delivery.issue, "items": items})  # fmt: skip
    message.extra_headers["X-Needlewise-Newsletter"] = delivery.dedupe_key
    return message
