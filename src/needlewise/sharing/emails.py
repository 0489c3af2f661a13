"""The invite e-mail: a template triplet (subject, text, HTML) with one sender."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from needlewise.sharing.models import Invite, Scope
from needlewise.sharing.queries import display_name
from needlewise.sharing.services import INVITE_VALID_DAYS, invite_token


def invite_link(invite: Invite) -> str:
    return f"{settings.PUBLIC_URL}{reverse('sharing:accept', args=[invite_token(invite)])}"


def invite_message(invite: Invite) -> EmailMultiAlternatives:
    context = {
        "client_name": display_name(invite.client),
        "scopes": [Scope(s).label for s in invite.scopes],
        "days": invite.days,
        "link": invite_link(invite),
        "valid_days": INVITE_VALID_DAYS,
    }
    base = "sharing/email/invite"
    message = EmailMultiAlternatives(
        subject=" ".join(render_to_string(f"{base}_subject.txt", context).split()),
        body=render_to_string(f"{base}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[invite.email],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(render_to_string(f"{base}.html", context), "text/html")
    return message


def send_invite(invite: Invite) -> bool:
    """Send the invite; False when the mail server refused it (the invite stays, resendable)."""
    try:
        invite_message(invite).send()
    except OSError:  # smtplib errors are OSErrors too
        return False
    return True
