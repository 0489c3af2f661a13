"""Newsletter sign-ups send a mail to any address typed: they share the site's limiter, so they
count per client address behind a trusted proxy, in Redis or the database (not in one worker's
memory), and the refusal says how long to wait, with Retry-After."""

from __future__ import annotations

from datetime import timedelta

URL = "/library/newsletter/"


def _subscribe(client, email: str, forwarded: str):  # type: ignore[no-untyped-def]
    return client.post(
        URL, {"email": email}, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded
    )


def test_clients_behind_a_trusted_proxy_are_counted_apart(client, db, settings, clock, mailoutbox):
    settings.NEEDLEWISE_TRUSTED_PROXIES = ["10.0.0.2"]
    for n in range(5):
        assert _subscribe(client, f"p{n}@example.com", "203.0.113.1").status_code == 302
    refused = _subscribe(client, "p9@example.com", "203.0.113.1")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) == 3600
    assert "Please wait about 60 minutes" in refused.content.decode()
    assert _subscribe(client, "q@example.com", "198.51.100.2").status_code == 302
    clock.shift(timedelta(hours=1))
    assert _subscribe(client, "p9@example.com", "203.0.113.1").status_code == 302
