"""How often one client address may ask the rule core to work, by the API or the page checker:
both share one count, as they do the same work."""

from __future__ import annotations

import threading

from django.http import HttpRequest
from ninja.throttling import BaseThrottle

from needlewise.accounts.throttle import Rate, Refused, limit_client

#: Checks per client address per minute: a person at the page or a script checking its
#: products never needs more; a flood from one address is held off for the rest of the minute.
RULES_RATE = Rate(count=60, seconds=60)

#: `openapi_extra` for every rate-limited operation: `api.document_errors` declares its 429.
RATE_LIMITED = {"x-rate-limited": True}


def count_check(request: HttpRequest) -> None:
    """Count one check from this client; `throttle.Refused` when over the rate."""
    limit_client(request, "rules", RULES_RATE)


class RulesThrottle(BaseThrottle):
    """Ninja asks this before it parses the body, so a flood of huge or broken bodies counts
    too; ninja then answers 429 with Retry-After (the API's handler words the message)."""

    def __init__(self) -> None:
        self._wait = threading.local()  # one object serves every thread's requests

    def allow_request(self, request: HttpRequest) -> bool:
        try:
            count_check(request)
        except Refused as refused:
            self._wait.seconds = refused.retry_after
            return False
        return True

    def wait(self) -> float | None:
        return getattr(self._wait, "seconds", None)
