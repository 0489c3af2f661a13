"""Second factors: an authenticator app (TOTP) and one-time recovery codes; and the half-way
state of a log-in that has passed the password and waits for the second factor.

pyotp rather than django-otp: the codes are the only thing needed from a library (passkeys and
recovery codes live in our own models either way), and django-otp's device registry and
`OTPMiddleware` verification state would run beside our own log-in step, not replace it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass

import pyotp
import segno
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from needlewise.accounts.models import Passkey, Profile, RecoveryCode, TotpDevice, User

RECOVERY_CODES = 10
ISSUER = "Needlewise"
#: How long the password step stays good for while the second factor is asked.
PENDING_SECONDS = 300
#: Wrong second factors in one log-in before the password must be typed again.
PENDING_TRIES = 5
_PENDING = "nw_pending_login"
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


class FactorRefused(Exception):
    """A change to the second factors that is not allowed, with the reason in words."""


def has_second_factor(user: User) -> bool:
    """True when the account has an authenticator app or a passkey."""
    if not user.is_authenticated:
        return False
    return (
        TotpDevice.objects.filter(user=user).exists() or Passkey.objects.filter(user=user).exists()
    )


# --- TOTP


def new_totp_secret() -> str:
    return pyotp.random_base32()


def totp_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """The provisioning URI as an inline SVG QR code: no image request, no outside service."""
    return str(segno.make(uri, error="m").svg_inline(scale=5, border=2, omitsize=False))


def _matching_step(secret: str, code: str, after: int) -> int | None:
    """The time step (one back, now, one ahead) whose code this is, if later than `after`."""
    code = code.strip().replace(" ", "")
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    now = totp.timecode(timezone.now())
    for step in (now - 1, now, now + 1):
        if step > after and hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def code_matches_secret(secret: str, code: str) -> bool:
    """For the set-up page: the person's app shows the same code as the new secret."""
    return _matching_step(secret, code, 0) is not None


@transaction.atomic
def add_totp(user: User, secret: str) -> list[str]:
    """Keep a confirmed authenticator app; returns new recovery codes when the account had no
    unused ones (they are shown once)."""
    if TotpDevice.objects.filter(user=user).exists():
        raise FactorRefused("This account already has an authenticator app.")
    TotpDevice.objects.create(user=user, secret=secret, last_step=0)
    return ensure_recovery_codes(user)


def _use_totp(user: User, code: str) -> bool:
    device = TotpDevice.objects.select_for_update().filter(user=user).first()
    if device is None:
        return False
    step = _matching_step(device.secret, code, device.last_step)
    if step is None:
        return False
    device.last_step = step
    device.save(update_fields=["last_step"])
    return True


# --- Recovery codes


def _normalise(code: str) -> str:
    return "".join(ch for ch in code.lower() if ch.isalnum())


def _digest(code: str) -> str:
    return hashlib.sha256(_normalise(code).encode()).hexdigest()


def _new_code() -> str:
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


@transaction.atomic
def new_recovery_codes(user: User) -> list[str]:
    """Ten fresh codes replacing any earlier ones; only their digests are stored."""
    RecoveryCode.objects.filter(user=user).delete()
    codes = [_new_code() for _ in range(RECOVERY_CODES)]
    RecoveryCode.objects.bulk_create(RecoveryCode(user=user, digest=_digest(c)) for c in codes)
    return codes


def ensure_recovery_codes(user: User) -> list[str]:
    """New codes only when none is left unused, so adding a second factor keeps the old ones."""
    if recovery_codes_left(user):
        return []
    return new_recovery_codes(user)


def recovery_codes_left(user: User) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


def _use_recovery_code(user: User, code: str) -> bool:
    if len(_normalise(code)) != 16:
        return False
    used = RecoveryCode.objects.filter(
        user=user, digest=_digest(code), used_at__isnull=True
    ).update(used_at=timezone.now())
    return used == 1


# --- Checking a second factor


@dataclass(frozen=True)
class Checked:
    """Which kind of factor passed: "totp" or "recovery"."""

    kind: str


@transaction.atomic
def check_code(user: User, code: str) -> Checked | None:
    """An app code or a recovery code; either is used up by passing."""
    if _use_totp(user, code):
        return Checked("totp")
    if _use_recovery_code(user, code):
        return Checked("recovery")
    return None


# --- Turning factors off and the person's own requirement


def _factor_count(user: User) -> int:
    return TotpDevice.objects.filter(user=user).count() + Passkey.objects.filter(user=user).count()


def requires_second_factor(user: User) -> bool:
    return Profile.objects.filter(user=user, require_second_factor=True).exists()


def ensure_can_remove_one(user: User) -> None:
    """The last factor stays while the person requires one for their account."""
    if _factor_count(user) <= 1 and requires_second_factor(user):
        raise FactorRefused(
            "Your account requires a second factor. Turn that off first, or add another "
            "factor before removing this one."
        )


@transaction.atomic
def remove_totp(user: User) -> None:
    ensure_can_remove_one(user)
    TotpDevice.objects.filter(user=user).delete()
    drop_codes_without_factor(user)


def drop_codes_without_factor(user: User) -> None:
    """Recovery codes stand in for a factor: with none left they would only be a weakness."""
    if not has_second_factor(user):
        RecoveryCode.objects.filter(user=user).delete()


def set_requirement(user: User, required: bool) -> None:
    if required and not has_second_factor(user):
        raise FactorRefused("Add an authenticator app or a passkey first.")
    Profile.objects.update_or_create(user=user, defaults={"require_second_factor": required})


# --- The log-in between the password and the second factor


def start_pending(request: HttpRequest, user: User, next_url: str) -> None:
    """Remember who passed the password, for a few minutes, without signing them in."""
    request.session.cycle_key()
    request.session[_PENDING] = {
        "user": user.pk,
        "backend": getattr(user, "backend", settings.AUTHENTICATION_BACKENDS[-1]),
        "next": next_url,
        "at": time.time(),
        "tries": 0,
    }


def pending(request: HttpRequest) -> tuple[User, str, str] | None:
    """(user, backend, next URL) of the log-in waiting for its second factor, if still fresh."""
    state = request.session.get(_PENDING)
    if not state or time.time() - state["at"] > PENDING_SECONDS:
        request.session.pop(_PENDING, None)
        return None
    user = get_user_model().objects.filter(pk=state["user"], is_active=True).first()
    if user is None:
        request.session.pop(_PENDING, None)
        return None
    return user, state["backend"], state["next"]


def pending_failed(request: HttpRequest) -> bool:
    """Count a wrong second factor; True when the log-in must start again from the password."""
    state = request.session.get(_PENDING)
    if not state:
        return True
    state["tries"] += 1
    if state["tries"] >= PENDING_TRIES:
        request.session.pop(_PENDING, None)
        return True
    request.session[_PENDING] = state
    return False


def end_pending(request: HttpRequest) -> None:
    request.session.pop(_PENDING, None)
