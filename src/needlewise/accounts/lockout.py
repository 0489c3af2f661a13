"""Growing delays after failed log-ins, counted per account and per client address apart.

django-axes still pauses one account from one address after 5 wrong passwords (15 minutes).
On top of it, and whatever the address:
- an account (the e-mail typed, whether or not it has an account, so nothing is revealed) that
  failed `ACCOUNT.free` times is slowed down: the next attempt is not even checked until a
  delay has passed since the last failure, 30 seconds, then twice as long after each further
  failure, never longer than 15 minutes. Refused attempts are not counted, so retrying does not
  lengthen the wait, and the owner always gets a turn: a stranger can slow an account down,
  never lock it.
- one client address that failed `ADDRESS.free` times (across any accounts) is slowed the same
  way, so guessing many accounts from one place is slow too.
Failures are forgotten a day after the last one; a successful log-in forgets the account's.

A browser that signed in to an account carries a signed cookie naming it by digest (`KNOWN`,
OWASP's "device cookies"): the account's delay does not apply there, so a stranger's guesses
never keep the owner out of their own browser. Its address's limits still apply.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core import signing
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from needlewise.accounts import throttle

MEMORY = 24 * 60 * 60  #: seconds after the last failure when the failures are forgotten


@dataclass(frozen=True)
class Slowdown:
    """`free` failures are allowed; then `first_delay` seconds, doubling, at most `longest`."""

    scope: str
    free: int
    first_delay: int
    longest_delay: int
    message: str

    def delay(self, failures: int) -> int:
        if failures < self.free:
            return 0
        return min(self.first_delay * 2 ** min(failures - self.free, 20), self.longest_delay)


ACCOUNT = Slowdown(
    "login:account",
    free=10,
    first_delay=30,
    longest_delay=15 * 60,
    message="Too many failed log-ins for this account",
)
ADDRESS = Slowdown(
    "login:address",
    free=30,
    first_delay=30,
    longest_delay=15 * 60,
    message="Too many failed log-ins from your address",
)


KNOWN = "nw_known"  #: the cookie
_KNOWN_SALT = "needlewise.accounts.known-device"
_KNOWN_MOST = 5  #: accounts one browser remembers (a shared family computer)
_KNOWN_DAYS = 365


def _account_digest(email: str) -> str:
    return signing.Signer(salt=_KNOWN_SALT).signature(email.strip().casefold())[:22]


def _known(request: HttpRequest | None) -> list[str]:
    if request is None:
        return []
    raw = request.get_signed_cookie(KNOWN, default="", salt=_KNOWN_SALT, max_age=None)
    return [d for d in raw.split(".") if d][:_KNOWN_MOST]


def remember_device(request: HttpRequest, response: HttpResponse, email: str) -> None:
    """After a successful log-in: this browser is now known for this account."""
    digest = _account_digest(email)
    known = [digest, *[d for d in _known(request) if d != digest]][:_KNOWN_MOST]
    response.set_signed_cookie(
        KNOWN,
        ".".join(known),
        salt=_KNOWN_SALT,
        max_age=_KNOWN_DAYS * 24 * 60 * 60,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def _keys(request: HttpRequest | None, email: str) -> list[tuple[Slowdown, str]]:
    keys = [(ACCOUNT, f"{ACCOUNT.scope}:{email.strip().casefold()}")]
    if request is not None:
        keys.append((ADDRESS, f"{ADDRESS.scope}:{throttle.client_key(request)}"))
    return keys


def check(request: HttpRequest | None, email: str) -> None:
    """Refused (with the wait) while the account or the address must still wait."""
    now, known = timezone.now(), _account_digest(email) in _known(request)
    for slowdown, key in _keys(request, email):
        if known and slowdown is ACCOUNT:
            continue  # the owner's own browser: a stranger's guesses do not hold it up
        tally = throttle.read(key, MEMORY, sliding=True)
        wait = slowdown.delay(tally.count)
        if wait and tally.last_at is not None:
            left = (tally.last_at + timedelta(seconds=wait) - now).total_seconds()
            if left > 0:
                words = throttle.wait_words(throttle.Refused("", left).retry_after)
                message = (
                    f"{slowdown.message}. To protect it, the next try is checked in {words}. "
                    "If you forgot the password, reset it instead."
                )
                raise throttle.Refused(message, left)


@receiver(user_login_failed, dispatch_uid="needlewise.lockout.failed")
def _failed(sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None,
            **kwargs: Any) -> None:  # fmt: skip
    """A password was checked and wrong: count it for the account and the address. An attempt
    axes refused unchecked is not counted."""
    email = credentials.get("username") or credentials.get("email") or ""
    if getattr(request, "axes_locked_out", False) or not email:
        return
    for _, key in _keys(request, email):
        throttle.count(key, MEMORY, sliding=True)


@receiver(user_logged_in, dispatch_uid="needlewise.lockout.succeeded")
def _succeeded(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """The owner got in: the account's failures are forgotten (the address's are not)."""
    throttle.forget(f"{ACCOUNT.scope}:{user.email.casefold()}")
