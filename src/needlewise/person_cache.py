"""Reads derived from one person's records, cached under their data revision.

Any change to those records moves the revision (`accounts.revisions`), so an entry is never
served after the records it came from changed. Entries also lapse after
`settings.PERSON_CACHE_SECONDS` (0: no caching), or sooner when the read says until when it
holds (a grant that expires, say): the bound for a change the revision could not see, such as
the device catalogue being reloaded.

With Redis (REDIS_URL) every web worker shares the entries; without it each process keeps its
own, which is still correct because the revision lives in the database."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from needlewise.accounts.models import User

T = TypeVar("T")


def stamp(user: User) -> str:
    """Who, and at which revision. The moment the account was made is part of it, so a database
    that is wiped and refilled (ids and revisions start again) never meets entries left in
    Redis by the old one."""
    joined = round(user.date_joined.timestamp() * 1_000_000)
    return f"{user.pk}.{joined}.{user.data_revision}"


def key_for(user: User, name: str) -> str:
    return f"person:{stamp(user)}:{name}"


def remembered(
    user: User,
    name: str,
    load: Callable[[], T],
    until: Callable[[T], datetime | None] | None = None,
) -> T:
    """`load()`, or what it gave for this person at this revision. `until(value)` may say when
    the value stops holding (None: no earlier than the setting's bound)."""
    if not settings.PERSON_CACHE_SECONDS:
        return load()
    key = key_for(user, name)
    found = cache.get(key)
    now = timezone.now()
    if found is not None and now < found[0]:  # checked here: the cache's clock is not ours
        return found[1]  # type: ignore[no-any-return]
    value = load()
    ends = now + timedelta(seconds=settings.PERSON_CACHE_SECONDS)
    if until is not None and (holds_until := until(value)) is not None:
        ends = min(ends, holds_until)
    if ends > now:
        cache.set(key, (ends, value), math.ceil((ends - now).total_seconds()))
    return value
