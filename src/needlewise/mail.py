"""E-mails as template triplets (`<base>_subject.txt`, `<base>.txt`, `<base>.html`): one builder
for every app, so every message has both parts, the sender and the auto-generated header."""

from __future__ import annotations

import html
import logging
import re
from contextlib import nullcontext
from datetime import tzinfo
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import timezone

log = logging.getLogger(__name__)


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


#: How Django's file backend ends each message in a file (one file per connection).
_FILE_SEPARATOR = b"\n" + b"-" * 79 + b"\n"


def _readable(raw: bytes) -> str:
    """A written message as a person reads it: decoded headers, every text part decoded, and
    HTML entities undone (the HTML part says O&#x27;Brien)."""
    message = message_from_bytes(raw, policy=policy.default)
    words = [f"{key}: {value}" for key, value in message.items()]
    for part in message.walk():
        if part.get_content_maintype() == "text":
            words.append(html.unescape(part.get_content()))
    return "\n".join(words)


def forget_in_files(address: str, name: str = "") -> int:
    """Remove every written mail that names the person (their address, or their display name
    as a whole word), when mail goes to files under the data dir rather than to a server.
    A file holds each mail one connection wrote, maybe to several people: the others' mails
    stay (the file is rewritten in place, so a writer appending to it keeps appending).
    Returns how many mails went."""
    if not settings.EMAIL_BACKEND.endswith("filebased.EmailBackend"):
        return 0
    patterns = [re.compile(re.escape(address), re.IGNORECASE)]
    if name.strip():
        patterns.append(re.compile(rf"(?<!\w){re.escape(name.strip())}(?!\w)", re.IGNORECASE))
    removed = 0
    for path in sorted(Path(settings.EMAIL_FILE_PATH).glob("*.log")):
        messages = [m for m in path.read_bytes().split(_FILE_SEPARATOR) if m.strip()]
        kept = [m for m in messages if not any(p.search(_readable(m)) for p in patterns)]
        if len(kept) == len(messages):
            continue
        removed += len(messages) - len(kept)
        if kept:
            path.write_bytes(b"".join(m + _FILE_SEPARATOR for m in kept))
        else:
            path.unlink(missing_ok=True)
    return removed
