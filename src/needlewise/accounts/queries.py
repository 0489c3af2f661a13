"""Reads of account data, always scoped to the acting user."""

from __future__ import annotations

from django.db.models import QuerySet

from needlewise.accounts.models import ApiToken, User


def tokens_for(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)
