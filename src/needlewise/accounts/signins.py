"""Signed-in devices: one row per signed-in session, listed on the account's devices page and
signed out one by one or all at once. Rough whereabouts come from the address's own network
(no outside lookup, no whole address kept)."""

from __future__ import annotations

import ipaddress
import re
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.http import HttpRequest

from needlewise.accounts.models import SignIn, User

_BROWSERS = (
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("Chrome/", "Chrome"),
    ("Chromium/", "Chromium"),
    ("Safari/", "Safari"),
)
_SYSTEMS = (
    ("Android", "Android"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
)


def browser_of(user_agent: str) -> str:
    """ "Firefox on Android" from a User-Agent header, in words; unknown parts say so."""
    browser = next((name for mark, name in _BROWSERS if mark in user_agent), None)
    system = next((name for mark, name in _SYSTEMS if mark in user_agent), None)
    if browser is None and re.match(r"^(curl|python|Wget)", user_agent, re.I):
        browser = "A script"
    return f"{browser or 'Unknown browser'} on {system or 'an unknown system'}"


def network_of(address: str) -> str:
    """The /24 (IPv4) or /48 (IPv6) network an address belongs to: near enough to recognise
    one's home or office, too coarse to point at a house."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return ""
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def _store() -> Any:
    return import_module(settings.SESSION_ENGINE).SessionStore


def record(request: HttpRequest, user: User) -> None:
    key = request.session.session_key
    if not key:
        request.session.save()
        key = request.session.session_key
    SignIn.objects.update_or_create(
        session_key=key,
        defaults={
            "user": user,
            "browser": browser_of(request.headers.get("User-Agent", ""))[:80],
            "network": network_of(request.META.get("REMOTE_ADDR", "")),
        },
    )


def listed(user: User) -> list[SignIn]:
    """The account's sign-ins whose session still lives; rows of ended ones are dropped."""
    store = _store()
    alive = []
    for sign_in in SignIn.objects.filter(user=user):
        if store().exists(sign_in.session_key):
            alive.append(sign_in)
        else:
            sign_in.delete()
    return alive


def moved(old_key: str | None, new_key: str | None) -> None:
    """Follow a session that got a new key (Django gives one on a password change)."""
    if old_key and new_key and old_key != new_key:
        SignIn.objects.filter(session_key=old_key).update(session_key=new_key)


def _end(sign_ins: Any) -> int:
    store = _store()
    count = 0
    for sign_in in sign_ins:
        store(session_key=sign_in.session_key).delete()
        sign_in.delete()
        count += 1
    return count


def sign_out(user: User, sign_in_id: int) -> bool:
    """End one of the user's own sessions; False when there is no such sign-in."""
    return _end(SignIn.objects.filter(user=user, pk=sign_in_id)) == 1


def sign_out_others(user: User, current_key: str | None) -> int:
    """End every session of the user but this one (which may be None: all of them)."""
    return _end(SignIn.objects.filter(user=user).exclude(session_key=current_key or ""))


def _on_log_in(sender: object, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        record(request, user)


def _on_log_out(sender: object, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    if request is not None and request.session.session_key:
        SignIn.objects.filter(session_key=request.session.session_key).delete()


def connect() -> None:
    user_logged_in.connect(_on_log_in, dispatch_uid="needlewise.signins.log_in")
    user_logged_out.connect(_on_log_out, dispatch_uid="needlewise.signins.log_out")
