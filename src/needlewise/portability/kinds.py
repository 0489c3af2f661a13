"""What deletion removes, in people's words: "1 check-in", "3 cost entries", never the models'
default plurals ("check ins", "cost entrys", "tip showns")."""

from __future__ import annotations

from collections.abc import Callable

from django.apps import apps
from django.utils.translation import ngettext

_WORDS: dict[str, Callable[[int], str]] = {
    "accounts.User": lambda n: ngettext("%(n)s account", "%(n)s accounts", n),
    "accounts.Profile": lambda n: ngettext("%(n)s profile", "%(n)s profiles", n),
    "accounts.ApiToken": lambda n: ngettext("%(n)s API token", "%(n)s API tokens", n),
    "accounts.TotpDevice": lambda n: ngettext(
        "%(n)s authenticator app", "%(n)s authenticator apps", n
    ),
    "accounts.RecoveryCode": lambda n: ngettext("%(n)s recovery code", "%(n)s recovery codes", n),
    "accounts.Passkey": lambda n: ngettext("%(n)s passkey", "%(n)s passkeys", n),
    "accounts.SignIn": lambda n: ngettext("%(n)s record of a sign-in", "%(n)s sign-in records", n),
    "suitability.SuitabilityCheck": lambda n: ngettext(
        "%(n)s suitability check", "%(n)s suitability checks", n
    ),
    "devices.OwnedDevice": lambda n: ngettext("%(n)s device", "%(n)s devices", n),
    "devices.SterilisationRecord": lambda n: ngettext(
        "%(n)s sterilisation record", "%(n)s sterilisation records", n
    ),
    "devices.HeadChange": lambda n: ngettext("%(n)s head change", "%(n)s head changes", n),
    "treatments.Plan": lambda n: ngettext("%(n)s plan", "%(n)s plans", n),
    "treatments.TreatmentSession": lambda n: ngettext("%(n)s session", "%(n)s sessions", n),
    "treatments.SessionArea": lambda n: ngettext(
        "%(n)s treated area of a session", "%(n)s treated areas of sessions", n
    ),
    "reminders.Reminder": lambda n: ngettext("%(n)s reminder", "%(n)s reminders", n),
    "reminders.ReminderSettings": lambda n: ngettext(
        "%(n)s set of reminder settings", "%(n)s sets of reminder settings", n
    ),
    "products.Product": lambda n: ngettext("%(n)s product", "%(n)s products", n),
    "products.AvoidEntry": lambda n: ngettext(
        "%(n)s entry on your avoid-list", "%(n)s entries on your avoid-list", n
    ),
    "recovery.CheckIn": lambda n: ngettext("%(n)s check-in", "%(n)s check-ins", n),
    "recovery.Escalation": lambda n: ngettext("%(n)s red flag", "%(n)s red flags", n),
    "progress.Photo": lambda n: ngettext("%(n)s photo", "%(n)s photos", n),
    "progress.Reading": lambda n: ngettext("%(n)s redness reading", "%(n)s redness readings", n),
    "progress.Rating": lambda n: ngettext("%(n)s rating", "%(n)s ratings", n),
    "library.Subscriber": lambda n: ngettext(
        "%(n)s newsletter subscription", "%(n)s newsletter subscriptions", n
    ),
    "library.NewsletterDelivery": lambda n: ngettext(
        "%(n)s newsletter sent", "%(n)s newsletters sent", n
    ),
    "library.TipShown": lambda n: ngettext("%(n)s tip shown", "%(n)s tips shown", n),
    "library.SearchEntry": lambda n: ngettext("%(n)s search", "%(n)s searches", n),
    "library.CostEntry": lambda n: ngettext("%(n)s cost entry", "%(n)s cost entries", n),
    "library.ClinicPrice": lambda n: ngettext("%(n)s clinic price", "%(n)s clinic prices", n),
    "sharing.ProfessionalProfile": lambda n: ngettext(
        "%(n)s professional profile", "%(n)s professional profiles", n
    ),
    "sharing.Invite": lambda n: ngettext("%(n)s invitation", "%(n)s invitations", n),
    "sharing.Grant": lambda n: ngettext("%(n)s share", "%(n)s shares", n),
    "sharing.AuditEntry": lambda n: ngettext(
        "%(n)s entry of the access log", "%(n)s entries of the access log", n
    ),
    "sharing.ProfessionalNote": lambda n: ngettext(
        "%(n)s professional's note", "%(n)s professionals' notes", n
    ),
    "notifications.Notification": lambda n: ngettext(
        "%(n)s notification", "%(n)s notifications", n
    ),
}

_LOWER = {label.lower(): words for label, words in _WORDS.items()}


def kind(label: str, n: int) -> str:
    """ "2 check-ins" for the model `label`; a model not named here yet reads by its verbose
    names (the test of this module lists every model, so that stays a stopgap)."""
    words = _LOWER.get(label.lower())
    if words is not None:
        return words(n) % {"n": n}
    meta = apps.get_model(label)._meta
    return f"{n} {meta.verbose_name if n == 1 else meta.verbose_name_plural}"


def named() -> set[str]:
    return set(_WORDS)
