"""Removing a previous synthetic population: Django's cascade, but one DELETE per table.

`QuerySet.delete()` loads every session and check-in to find their children, which takes
minutes for a few thousand people. The same cascade (the rules Django's collector follows:
CASCADE deletes, SET_NULL clears, PROTECT refuses) done with one subquery per relation takes
seconds. Nothing here sends signals; no model of the app listens to deletes."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models.deletion import get_candidate_relations_to_delete

MAX_DEPTH = 8


class Refused(Exception):
    """Something protects a row we would delete."""


def wipe(queryset: models.QuerySet[Any], depth: int = 0) -> int:
    """Delete the rows of `queryset` and everything that cascades from them; the row count."""
    if depth > MAX_DEPTH:
        raise Refused(f"the delete of {queryset.model.__name__} cascades too deep")
    deleted = 0
    for relation in get_candidate_relations_to_delete(queryset.model._meta):
        field = relation.field
        related = relation.related_model._base_manager.filter(**{f"{field.name}__in": queryset})
        on_delete = relation.on_delete
        if on_delete is models.CASCADE:
            deleted += wipe(related, depth + 1)
        elif on_delete is models.SET_NULL:
            related.update(**{field.name: None})
        elif on_delete is not models.DO_NOTHING and related.exists():
            raise Refused(f"{relation.related_model.__name__} rows protect what we would delete")
    return deleted + queryset._raw_delete(queryset.db)
