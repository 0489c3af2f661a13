"""Passkeys (WebAuthn, the `webauthn` package): register one, and check one at log-in, either
after the password or alone. The challenge of each ceremony waits in the session.

The relying party is the host the page was served from (already checked by ALLOWED_HOSTS),
so one setting-free instance works on its public name and on http://localhost alike.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac
from webauthn import (
    base64url_to_bytes,
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import bytes_to_base64url
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from needlewise.accounts import factors
from needlewise.accounts.models import Passkey, User

RP_NAME = "Needlewise"
_CHALLENGE = "nw_passkey_challenge"


class PasskeyRefused(Exception):
    """The browser's answer did not prove the passkey, with the reason in words."""


def _rp_id(request: HttpRequest) -> str:
    """The host name without the port (browsers refuse an IP address here: use localhost)."""
    return urlsplit(f"//{request.get_host()}").hostname or ""


def _origin(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


def _user_handle(user: User) -> bytes:
    """Stable per account, so an authenticator replaces its old passkey for the same account;
    carries no e-mail address."""
    return salted_hmac("needlewise.passkey-user", str(user.pk)).digest()


def _challenge(request: HttpRequest, purpose: str) -> bytes:
    """The waiting challenge, used once whatever the outcome."""
    stored = request.session.pop(_CHALLENGE, None)
    if not stored or stored["purpose"] != purpose:
        raise PasskeyRefused("That passkey request has expired. Please try again.")
    return base64url_to_bytes(stored["challenge"])


def _remember(request: HttpRequest, purpose: str, challenge: bytes) -> None:
    request.session[_CHALLENGE] = {
        "purpose": purpose,
        "challenge": bytes_to_base64url(challenge),
    }


def registration_options(request: HttpRequest, user: User) -> str:
    options = generate_registration_options(
        rp_id=_rp_id(request),
        rp_name=RP_NAME,
        user_name=user.email,
        user_id=_user_handle(user),
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED,
            user_verification=UserVerificationRequirement.REQUIRED,
        ),
        exclude_credentials=[
            PublicKeyCredentialDescriptor(id=base64url_to_bytes(p.credential_id))
            for p in user.passkeys.all()
        ],
    )
    _remember(request, "register", options.challenge)
    return str(options_to_json(options))


@transaction.atomic
def register(request: HttpRequest, user: User, credential: Any, name: str) -> list[str]:
    """Keep a new passkey; returns new recovery codes when the account had no unused ones."""
    challenge = _challenge(request, "register")
    try:
        verified = verify_registration_response(
            credential=credential,
            expected_challenge=challenge,
            expected_rp_id=_rp_id(request),
            expected_origin=_origin(request),
            require_user_verification=True,
        )
    except (WebAuthnException, ValueError, TypeError, KeyError) as error:
        raise PasskeyRefused("The passkey could not be checked. Please try again.") from error
    credential_id = bytes_to_base64url(verified.credential_id)
    if Passkey.objects.filter(credential_id=credential_id).exists():
        raise PasskeyRefused("This passkey is already registered.")
    Passkey.objects.create(
        user=user,
        name=name.strip()[:60] or "Passkey",
        credential_id=credential_id,
        public_key=verified.credential_public_key,
        sign_count=verified.sign_count,
    )
    return factors.ensure_recovery_codes(user)


def authentication_options(request: HttpRequest, user: User | None) -> str:
    """For `user` after their password, or for anyone (a discoverable passkey) when None."""
    allow = (
        [
            PublicKeyCredentialDescriptor(id=base64url_to_bytes(p.credential_id))
            for p in user.passkeys.all()
        ]
        if user is not None
        else []
    )
    options = generate_authentication_options(
        rp_id=_rp_id(request),
        allow_credentials=allow,
        user_verification=UserVerificationRequirement.REQUIRED,
    )
    _remember(request, "login", options.challenge)
    return str(options_to_json(options))


@transaction.atomic
def authenticate(request: HttpRequest, credential: Any, user: User | None) -> User:
    """The account whose passkey signed the challenge (which must be `user`'s when given).
    User verification (PIN or biometrics) is required, so a passkey alone is two factors."""
    challenge = _challenge(request, "login")
    raw_id = credential.get("id") if isinstance(credential, dict) else None
    passkey = (
        Passkey.objects.select_for_update()
        .select_related("user")
        .filter(credential_id=str(raw_id), user__is_active=True)
        .first()
    )
    if passkey is None or (user is not None and passkey.user_id != user.pk):
        raise PasskeyRefused("This passkey is not registered for a Needlewise account here.")
    try:
        verified = verify_authentication_response(
            credential=credential,
            expected_challenge=challenge,
            expected_rp_id=_rp_id(request),
            expected_origin=_origin(request),
            credential_public_key=bytes(passkey.public_key),
            credential_current_sign_count=passkey.sign_count,
            require_user_verification=True,
        )
    except (WebAuthnException, ValueError, TypeError, KeyError) as error:
        raise PasskeyRefused("The passkey could not be checked. Please try again.") from error
    passkey.sign_count = verified.new_sign_count
    passkey.last_used_at = timezone.now()
    passkey.save(update_fields=["sign_count", "last_used_at"])
    return passkey.user


@transaction.atomic
def remove(user: User, passkey_id: int) -> bool:
    passkey = Passkey.objects.filter(user=user, pk=passkey_id).first()
    if passkey is None:
        return False
    factors.ensure_can_remove_one(user)
    passkey.delete()
    factors.drop_codes_without_factor(user)
    return True


def parse(body: bytes, whole: bool = False) -> dict[str, Any]:
    """The browser's JSON body (`{"credential": {...}, ...}`, or the credential itself when
    `whole`), or a refusal in words."""
    try:
        data = json.loads(body or b"{}")
    except (ValueError, UnicodeDecodeError) as error:
        raise PasskeyRefused("The browser sent something that is not JSON.") from error
    credential = data if whole else data.get("credential") if isinstance(data, dict) else None
    if not isinstance(data, dict) or not isinstance(credential, dict):
        raise PasskeyRefused("The browser sent an answer in an unknown shape.")
    return data
