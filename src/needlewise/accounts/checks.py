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
