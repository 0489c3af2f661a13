from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "mail_written_to": settings.EMAIL_FILE_PATH if settings.EMAIL_WRITES_FILES else None,
    }
