"""The deletion confirmation: one template triplet (subject, text, HTML) and one sender."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

BASE = "portability/email/account_deleted"


def message_for(done: Any) -> EmailMultiAlternatives:
    context = {"name": done.name, "email": done.email, "rows": done.rows, "files": done.files}
    subject = " ".join(render_to_string(f"{BASE}_subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{BASE}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[done.email],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(render_to_string(f"{BASE}.html", context), "text/html")
    return message


def send_deleted(done: Any) -> None:
    message_for(done).send(fail_silently=False)
