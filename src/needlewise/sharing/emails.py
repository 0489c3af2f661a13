"""Sharing e-mails (template triplets): the invite, and the red-flag notice to professionals."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import timezone

from needlewise import mail
from needlewise.sharing.models import Invite, Scope
from needlewise.sharing.queries import display_name
from needlewise.sharing.services import INVITE_VALID_DAYS, invite_token

log = logging.getLogger(__name__)


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


def send_red_flag(escalation: Any) -> int:
    """Tell each professional who follows the person's recovery that a check-in needs them.
    Best effort: one failed address is logged and does not stop the others."""
    from needlewise.sharing.queries import active_grants_given

    given = active_grants_given(escalation.user, timezone.now()).select_related("professional")
    grants = [g for g in given if Scope.SESSIONS_RECOVERY in g.scopes]
    sent = 0
    for grant in grants:
        context = {
            "client_name": display_name(escalation.user),
            "level": escalation.level,
            "link": mail.absolute(reverse("sharing:client", args=[grant.pk])),
        }
        try:
            mail.triplet("sharing/email/red_flag", context, grant.professional.email).send()
        except Exception:
            log.exception("red-flag notice to professional of grant %s failed", grant.pk)
        else:
            sent += 1
    return sent
