from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "mail_written_to": settings.EMAIL_FILE_PATH if settings.EMAIL_WRITES_FILES else None,
        # too-long.js stops a form past it before it is sent, so the text typed is kept.
        "upload_limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0,
    }
