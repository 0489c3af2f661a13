"""The deletion confirmation: one template triplet (subject, text, HTML) and one sender."""

from __future__ import annotations

from typing import Any

from django.core.mail import EmailMultiAlternatives

from needlewise import mail

BASE = "portability/email/account_deleted"


def message_for(done: Any) -> EmailMultiAlternatives:
    context = {"name": done.name, "email": done.email, "rows": done.rows, "files": done.files}
    return mail.triplet(BASE, context, done.email)


def send_deleted(done: Any) -> None:
    message_for(done).send(fail_silently=False)
