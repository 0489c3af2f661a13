"""System checks for deployment problems, with stable ids."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def email_configured(app_configs: Any, **kwargs: Any) -> list[Warning]:
    """Password-reset mail written to files reaches nobody on a real server."""
    if settings.DEBUG or getattr(settings, "EMAIL_URL", None):
        return []
    return [
        Warning(
            "EMAIL_URL is not set: e-mail is written as files under "
            f"{settings.EMAIL_FILE_PATH} and is not delivered.",
            hint="Set EMAIL_URL, e.g. smtp+tls://user:password@mail.example.com:587",
            id="needlewise.W001",
        )
    ]


@register(Tags.security, deploy=True)
def professionals_need_second_factor(app_configs: Any, **kwargs: Any) -> list[Warning]:
    """With the rule off, a stolen password alone opens every record a professional holds."""
    if settings.NEEDLEWISE_REQUIRE_PRO_SECOND_FACTOR:
        return []
    return [
        Warning(
            "NEEDLEWISE_REQUIRE_PRO_SECOND_FACTOR is off: professionals may sign in and open "
            "client records without a second factor.",
            hint="Unset it (it is on by default) or set NEEDLEWISE_REQUIRE_PRO_SECOND_FACTOR=true",
            id="needlewise.W020",
        )
    ]


@register(Tags.security, deploy=True)
def trusted_proxies_named(app_configs: Any, **kwargs: Any) -> list[Warning]:
    """An https public URL means a TLS-terminating proxy in front. Unnamed, it is every
    client's address for the rate limits and log-in delays (accounts.throttle), so one person's
    failures would slow everyone down."""
    if not settings.HTTPS or settings.NEEDLEWISE_TRUSTED_PROXIES:
        return []
    return [
        Warning(
            "NEEDLEWISE_TRUSTED_PROXIES is not set, but the public URL is https (behind a "
            "proxy): every client counts as the proxy's address for rate limits and log-in "
            "delays.",
            hint="Set NEEDLEWISE_TRUSTED_PROXIES to your proxy's address, e.g. 127.0.0.1",
            id="needlewise.W021",
        )
    ]
