"""E-mails as template triplets (`<base>_subject.txt`, `<base>.txt`, `<base>.html`): one builder
for every app, so every message has both parts, the sender and the auto-generated header."""

from __future__ import annotations

from contextlib import nullcontext
from datetime import tzinfo
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import timezone


def absolute(path: str) -> str:
    """A full link for an e-mail, from the public URL."""
    return f"{settings.PUBLIC_URL}{path}"


def domain() -> str:
    host = settings.PUBLIC_URL.split("://", 1)[-1].split("/", 1)[0]
    return host.split(":", 1)[0] or "needlewise.invalid"


def message_id(kind: str, pk: object) -> str:
    """A stable Message-ID: a resend of the same thing folds into one in many mail stores."""
    return f"<{kind}-{pk}@{domain()}>"


def plain(name: str, context: dict[str, Any]) -> str:
    """A template rendered as plain text, without HTML autoescaping: a subject or a text part
    said "O&#x27;Brien &amp; Co" for O'Brien & Co. Only the HTML part is escaped."""
    return get_template(name).template.render(Context(context, autoescape=False))


def triplet(
    base: str,
    context: dict[str, Any],
    to: str,
    *,
    headers: dict[str, str] | None = None,
    time_zone: tzinfo | None = None,
) -> EmailMultiAlternatives:
    """The message from the three templates, dates rendered in `time_zone` when given."""
    with timezone.override(time_zone) if time_zone else nullcontext():
        subject = " ".join(plain(f"{base}_subject.txt", context).split())
        text = plain(f"{base}.txt", context)
        html = render_to_string(f"{base}.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={"Auto-Submitted": "auto-generated", **(headers or {})},
    )
    message.attach_alternative(html, "text/html")
    return message
