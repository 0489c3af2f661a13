"""Template helpers for pages of the apps below notifications that say whether a mail went."""

from __future__ import annotations

from django import template

from needlewise.notifications.queries import AdviceMail, advice_mail
from needlewise.recovery.models import CheckIn, Escalation

register = template.Library()


@register.simple_tag(name="advice_mail")
def advice_mail_tag(checkin: CheckIn, escalation: Escalation | None) -> AdviceMail | None:
    """`{% advice_mail checkin escalation as mail %}`: the advice mail the check-in result may
    mention (`queries.advice_mail`); None, and the page claims no mail."""
    return advice_mail(checkin, escalation)
