"""The person's data revision: a number that moves whenever something their pages show changes.

Reads derived from a person's records are cached under (person, revision) by
`needlewise.person_cache`; moving the revision in the same transaction as the change makes every
older entry unreachable, so nothing stale is ever served. Three things move it:

- every successful unsafe request (POST, PUT, PATCH, DELETE) moves the acting person's revision
  (`RevisionMiddleware`), whatever the view wrote;
- saving a tracked row moves its owner's revision (`track`), which covers the writes one person
  makes to another's record (a professional's limits, a cleared red flag, a new grant) and the
  console commands;
- a write made with `QuerySet.update` or `bulk_create` outside a request must call `bump`
  itself (none does today: the worker's updates touch nothing a cached page shows).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import models
from django.db.models import F
from django.db.models.signals import post_save
from django.http import HttpRequest, HttpResponse

from needlewise.accounts.models import User

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def bump(*user_ids: int | None) -> None:
    """Move the revisions of these people: their cached reads are no longer used."""
    ids = {pk for pk in user_ids if pk is not None}
    if ids:
        User.objects.filter(pk__in=ids).update(data_revision=F("data_revision") + 1)


def track(model: type[models.Model], owner: Callable[[models.Model], int | None]) -> None:
    """Move the owner's revision whenever a row of `model` is saved.

    Deletes are not tracked: people delete through requests (the middleware), and a receiver
    on post_delete would make Django load every row of an account it deletes."""

    def moved(sender: type[models.Model], instance: models.Model, raw: bool, **_: object) -> None:
        if not raw:  # fixtures and restores load rows as they were
            bump(owner(instance))

    post_save.connect(moved, sender=model, weak=False, dispatch_uid=f"revision:{model._meta.label}")


def owner_through(parent: type[models.Model], field: str) -> Callable[[models.Model], int | None]:
    """For a row without a user of its own: the owner of its parent row, read by id."""

    def owner(instance: models.Model) -> int | None:
        parent_id = getattr(instance, f"{field}_id")
        cached = instance._state.fields_cache.get(field)
        if cached is not None:
            return cached.user_id
        return parent.objects.filter(pk=parent_id).values_list("user_id", flat=True).first()

    return owner


def track_all(models_by_owner: Iterable[tuple[type[models.Model], str]]) -> None:
    """Track models whose owner is a field on the row itself (`user` or `client`)."""
    for model, field in models_by_owner:
        track(model, lambda row, attname=f"{field}_id": getattr(row, attname))


class RevisionMiddleware:
    """After a successful unsafe request, move the revision of the person who made it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method not in SAFE_METHODS and response.status_code < 500:
            user = getattr(request, "user", None)  # API token auth sets it inside the view
            if user is not None and user.is_authenticated:
                bump(user.pk)
        return response
