"""How much one client, one account or one e-mail address may ask for in a while.

Counters live in the cache when it is Redis (`REDIS_URL`: shared by every web worker, counted
atomically) and in the database otherwise (`accounts.Throttle`), never in one process's memory,
where each worker would count alone. Keys are digests, so no address is stored in a counter.

Why not a library: django-ratelimit keeps counts only in a cache (no database), ninja's throttles
too, and both read `X-Forwarded-For` on their own terms; the client address here comes from
`client_address`, which trusts that header only from `NEEDLEWISE_TRUSTED_PROXIES`.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache as memoise

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from needlewise import people_words
from needlewise.accounts.models import Throttle

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True)
class Rate:
    """At most `count` events per `seconds`, counted in windows that start at the first one."""

    count: int
    seconds: int


@dataclass(frozen=True)
class Tally:
    """What a counter holds: how many events since `since`, the last at `last_at`."""

    count: int
    since: datetime | None = None
    last_at: datetime | None = None


class Refused(Exception):
    """Over a rate: `message` says so in words, `retry_after` in whole seconds (at least 1)."""

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message)
        self.message = message
        self.retry_after = max(1, math.ceil(retry_after))

    def answer(self, response: HttpResponse) -> HttpResponse:
        """Make a page that shows the refusal a 429 saying when to come back."""
        response.status_code = 429
        response["Retry-After"] = str(self.retry_after)
        return response


def wait_words(seconds: int) -> str:
    """'about 3 minutes', for the messages that say how long to wait."""
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    if minutes < 90:
        return f"about {minutes} minute{'s' if minutes != 1 else ''}"
    return f"about {people_words.count(math.ceil(minutes / 60), 'hour')}"


# --- The client's address ------------------------------------------------------------------


@memoise
def _trusted(raw: tuple[str, ...]) -> tuple[Network, ...]:
    """The settings' networks (checked when the settings were read), parsed once."""
    return tuple(ipaddress.ip_network(entry) for entry in raw)


def _is_trusted(address: str, proxies: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in proxies)


def client_address(request: HttpRequest) -> str:
    """The address of whoever sent the request. `X-Forwarded-For` is read only when the request
    came from a trusted proxy, and then from the right: the first hop that is not a trusted
    proxy is the client (anything further left was written by the client and may be made up)."""
    remote = (request.META.get("REMOTE_ADDR") or "").strip()
    proxies = _trusted(tuple(settings.NEEDLEWISE_TRUSTED_PROXIES))
    if not proxies or not _is_trusted(remote, proxies):
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for hop in reversed([h for h in hops if h]):
        if not _is_trusted(hop, proxies):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote  # a garbled hop: count the proxy, not a made-up name
    return remote


def client_key(request: HttpRequest) -> str:
    """The client address as counted: an IPv6 client by its /64, the block one line or one
    machine usually holds (counting single IPv6 addresses would let one client be endless)."""
    address = client_address(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


# --- Counters ------------------------------------------------------------------------------


def _digest(key: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), key.encode(), hashlib.sha256).hexdigest()


def _use_cache() -> bool:
    return settings.NEEDLEWISE_THROTTLE_STORE == "cache"


def count(key: str, seconds: int, *, sliding: bool = False) -> Tally:
    """Count one event under `key`. The tally starts over `seconds` after its first event, or
    with `sliding`, after its last one (failures are forgotten after a quiet while)."""
    now = timezone.now()
    if _use_cache():
        return _count_cached(_digest(key), seconds, sliding, now)
    return _count_stored(_digest(key), seconds, sliding, now)


def read(key: str, seconds: int, *, sliding: bool = False) -> Tally:
    """The tally under `key` now, counting nothing."""
    now, digest = timezone.now(), _digest(key)
    if _use_cache():
        tally = _cached(digest)
    else:
        row = Throttle.objects.filter(key=digest).first()
        tally = Tally(0) if row is None else Tally(row.count, row.since, row.last_at)
    return Tally(0) if _expired(tally, seconds, sliding, now) else tally


def forget(key: str) -> None:
    """Start the tally under `key` over (a successful log-in)."""
    digest = _digest(key)
    if _use_cache():
        cache.delete_many(list(_cache_keys(digest)))
    else:
        Throttle.objects.filter(key=digest).delete()


def _expired(tally: Tally, seconds: int, sliding: bool, now: datetime) -> bool:
    """Judged by the clock here, not by Redis's own expiry (which only tidies up), so both
    stores count the same and tests can move the clock."""
    start = tally.last_at if sliding else tally.since
    return start is not None and now >= start + timedelta(seconds=seconds)


def _cache_keys(digest: str) -> tuple[str, str, str]:
    return tuple(f"throttle:{digest}:{part}" for part in ("n", "since", "last"))  # type: ignore[return-value]


def _cached(digest: str) -> Tally:
    n_key, since_key, last_key = _cache_keys(digest)
    values = cache.get_many([n_key, since_key, last_key])
    return Tally(values.get(n_key, 0), values.get(since_key), values.get(last_key))


def _count_cached(digest: str, seconds: int, sliding: bool, now: datetime) -> Tally:
    """Redis counts atomically (INCR); a window over by the clock starts again."""
    n_key, since_key, last_key = _cache_keys(digest)
    if _expired(_cached(digest), seconds, sliding, now):
        cache.delete_many([n_key, since_key])
    cache.add(n_key, 0, timeout=seconds)
    cache.add(since_key, now, timeout=seconds)
    try:
        n = cache.incr(n_key)
    except ValueError:  # expired between add and incr
        cache.set(n_key, 1, timeout=seconds)
        n = 1
    cache.set(last_key, now, timeout=seconds)
    if sliding:
        cache.touch(n_key, seconds)
        cache.touch(since_key, seconds)
    return Tally(n, cache.get(since_key, now), now)


def _count_stored(digest: str, seconds: int, sliding: bool, now: datetime) -> Tally:
    """One row per key, locked while it is counted; a stale window starts over in place."""
    for _ in range(2):  # a second try when another request created the row meanwhile
        try:
            with transaction.atomic():
                row = Throttle.objects.select_for_update().filter(key=digest).first()
                if row is None:
                    _sweep(now)
                    row = Throttle.objects.create(key=digest, since=now, last_at=now, count=1)
                    return Tally(1, now, now)
                if _expired(Tally(row.count, row.since, row.last_at), seconds, sliding, now):
                    row.since, row.count = now, 0
                row.count += 1
                row.last_at = now
                row.save(update_fields=["since", "count", "last_at"])
                return Tally(row.count, row.since, row.last_at)
        except IntegrityError:
            continue
    return Tally(1, now, now)


def _sweep(now: datetime) -> None:
    """Counters quiet for a day count nothing any more (no window here is longer)."""
    Throttle.objects.filter(last_at__lt=now - timedelta(days=1)).delete()


def limit(key: str, rate: Rate, message: str) -> None:
    """Count one event under `key`; Refused (with the wait) when it goes over `rate`."""
    tally = count(key, rate.seconds)
    if tally.count > rate.count:
        since = tally.since or timezone.now()
        wait = (since + timedelta(seconds=rate.seconds) - timezone.now()).total_seconds()
        raise Refused(message, wait)


def limit_client(request: HttpRequest, scope: str, rate: Rate) -> None:
    """`limit` per client address, with the message every such refusal shows."""
    try:
        limit(f"{scope}:ip:{client_key(request)}", rate, "")
    except Refused as refused:
        raise Refused(client_message(refused.retry_after), refused.retry_after) from None


def client_message(seconds: float) -> str:
    """What a client over its rate is told, with the wait in words."""
    wait = wait_words(max(1, math.ceil(seconds)))
    return f"Too many requests from your address in a short time. Please wait {wait} and try again."
