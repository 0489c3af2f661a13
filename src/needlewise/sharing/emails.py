"""Sharing e-mails (template triplets): the invite. The red-flag notice to professionals is
`needlewise.notifications`' (who is told what, once)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse

from needlewise import mail
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
    return mail.triplet("sharing/email/invite", context, invite.email)


def send_invite(invite: Invite) -> bool:
    """Send the invite; False when the mail server refused it (the invite stays, resendable)."""
    try:
        invite_message(invite).send()
    except OSError:  # smtplib errors are OSErrors too
        return False
    return True
