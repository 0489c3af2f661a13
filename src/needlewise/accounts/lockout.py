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
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest
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


def _keys(request: HttpRequest | None, email: str) -> list[tuple[Slowdown, str]]:
    keys = [(ACCOUNT, f"{ACCOUNT.scope}:{email.strip().casefold()}")]
    if request is not None:
        keys.append((ADDRESS, f"{ADDRESS.scope}:{throttle.client_address(request)}"))
    return keys


def check(request: HttpRequest | None, email: str) -> None:
    """Refused (with the wait) while the account or the address must still wait."""
    now = timezone.now()
    for slowdown, key in _keys(request, email):
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
