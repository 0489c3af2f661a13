"""Give a test account an authenticator app, and read its codes as the app would."""

from __future__ import annotations

from datetime import timedelta

import pyotp

from needlewise.accounts import factors
from needlewise.accounts.models import User

#: Authenticator apps show a new code every 30 seconds.
STEP = timedelta(seconds=30)


def give_app(user: User) -> tuple[str, list[str]]:
    """A confirmed authenticator app, and the recovery codes it came with."""
    secret = factors.new_totp_secret()
    return secret, factors.add_totp(user, secret)


def app_code(secret: str) -> str:
    """What the app shows now (time_machine moves `now`)."""
    return pyotp.TOTP(secret).now()
