"""State changes for accounts: the only place that writes users, profiles and tokens."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone

from needlewise import events
from needlewise.accounts.models import ApiToken, Profile, User

TOKEN_PREFIX = "nw_"  # noqa: S105  (a public marker, not a secret)


@transaction.atomic
def sign_up(email: str, password: str, display_name: str = "", time_zone: str = "UTC") -> User:
    """Create the login identity and its profile together, or neither."""
    user = User.objects.create_user(email=email, password=password)
    Profile.objects.create(user=user, display_name=display_name, time_zone=time_zone)
    return user


def profile_for(user: User) -> Profile:
    """The person's profile, created on first use for accounts made outside sign-up."""
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


#: Profile fields the suitability verdict depends on: changing one makes a new check due.
SCREENED_FIELDS = {"birth_date": "birth date", "skin_type": "skin type"}


@transaction.atomic
def update_profile(user: User, **fields: Any) -> Profile:
    profile = profile_for(user)
    changed = [
        words
        for name, words in SCREENED_FIELDS.items()
        if name in fields and getattr(profile, name) != fields[name]
    ]
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.full_clean()
    profile.save()
    if changed:
        events.screening_changed.send(
            sender=None, user=user, reason=f"You changed your {' and '.join(changed)}."
        )
    return profile


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def create_token(user: User, name: str) -> tuple[ApiToken, str]:
    """Make a token and return it with its secret, which is shown once and never stored."""
    secret = secrets.token_urlsafe(32)
    raw = f"{TOKEN_PREFIX}{secret}"
    token = ApiToken.objects.create(user=user, name=name, prefix=secret[:8], digest=_digest(raw))
    return token, raw


def revoke_token(user: User, token_id: int) -> bool:
    """Revoke one of the user's own tokens; False when there is no such active token."""
    updated = ApiToken.objects.filter(user=user, pk=token_id, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    return updated == 1


def revoke_all_tokens(user: User) -> int:
    """Revoke every active token of the user, e.g. after a password change; how many."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def user_for_token(raw: str) -> User | None:
    """The active user behind a token, recording when it was last used."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=_digest(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
