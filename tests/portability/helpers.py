"""Independent of the app's collector: what a person owns, found with plain queries."""

from __future__ import annotations

from django.apps import apps
from django.db import models

from needlewise.accounts.models import User


def _cascade_fks(model, target):
    return [
        f
        for f in model._meta.concrete_fields
        if f.is_relation
        and f.related_model is target
        and f.remote_field.on_delete is models.CASCADE
    ]


def owned_ids(user: User) -> dict[str, set]:
    """Every row reachable from the user through CASCADE foreign keys, by model label."""
    found: dict[str, set] = {"accounts.user": {user.pk}}
    changed = True
    while changed:
        changed = False
        for model in apps.get_models():
            label = model._meta.label_lower
            ids = set(found.get(label, set()))
            for parent in apps.get_models():
                parent_ids = found.get(parent._meta.label_lower)
                if not parent_ids:
                    continue
                for fk in _cascade_fks(model, parent):
                    lookup = {f"{fk.name}__in": parent_ids}
                    ids |= set(model.objects.filter(**lookup).values_list("pk", flat=True))
            if ids != found.get(label, set()):
                found[label] = ids
                changed = True
    from needlewise.library.models import NewsletterDelivery, Subscriber

    subscribers = set(
        Subscriber.objects.filter(email__iexact=user.email).values_list("pk", flat=True)
    )
    if subscribers:
        found["library.subscriber"] = subscribers
        found["library.newsletterdelivery"] = set(
            NewsletterDelivery.objects.filter(subscriber__in=subscribers).values_list(
                "pk", flat=True
            )
        )
    return {label: ids for label, ids in found.items() if ids}


def rows_pointing_at(user_id: int) -> list[str]:
    """Every row in any table whose foreign key to User holds `user_id`."""
    leftovers = []
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            if f.is_relation and f.related_model is User:
                count = model.objects.filter(**{f.attname: user_id}).count()
                if count:
                    leftovers.append(f"{model._meta.label}.{f.name}: {count}")
    if User.objects.filter(pk=user_id).exists():
        leftovers.append("accounts.User itself")
    return leftovers
