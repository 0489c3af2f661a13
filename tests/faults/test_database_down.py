"""The database stops and starts again: pages answer 503 with a calm message and Retry-After
(the API 503 JSON), then, once it is back, 200 again from the same running server.

PostgreSQL is reached through a TCP proxy the test stops and starts (the machine's own server
is shared with other tests and must stay up). On SQLite the database file is put aside."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from importlib import import_module
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client

from needlewise.accounts.services import create_token
from needlewise.recovery import queries as recovery_queries
from needlewise.unavailable import API_DETAIL
from tests.faults.conftest import Account, Installation, Server, server_env
from tests.faults.proxy import TcpProxy

FRIENDLY = "We can’t reach our database right now"


def _page(server: Server, path: str, account: Account | None = None):
    headers = {"Accept": "text/html"}
    if account is not None:
        headers["Cookie"] = account.cookie
    return server.request("GET", path, headers=headers)


def assert_up(server: Server, account: Account) -> None:
    for path in ("/", "/recovery/"):
        status, _, body = _page(server, path, account)
        assert status == 200, (path, body[:500])
        assert b"Log out" in body, f"{path}: the person is still signed in"
    status, _, body = server.request("GET", "/api/recovery/checkins", headers=account.bearer)
    assert status == 200 and isinstance(json.loads(body), list)


def assert_down(server: Server, account: Account) -> None:
    for path in ("/", "/recovery/", "/progress/"):
        status, headers, body = _page(server, path, account)
        html = body.decode()
        assert status == 503, (path, html[:500])
        assert FRIENDLY in html and "try again in a minute" in html
        assert headers["Retry-After"] == "60"
        assert headers["Content-Type"].startswith("text/html")
        assert "Traceback" not in html and "OperationalError" not in html
        assert "css/app" in html  # the product's own stylesheet
        # The middleware's headers survive the swap from 500 to 503.
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert headers["X-Frame-Options"] == "DENY"
    for method, body in (("GET", None), ("POST", json.dumps({"redness": 0}))):
        headers = {**account.bearer, "Content-Type": "application/json"}
        status, response_headers, raw = server.request(
            method, "/api/recovery/checkins", body, headers
        )
        assert status == 503, raw[:500]
        assert response_headers["Content-Type"] == "application/json"
        assert response_headers["Retry-After"] == "60"
        assert "database" in json.loads(raw)["detail"]
    status, _, raw = server.request("GET", "/healthz")
    assert status == 503 and "detail" in json.loads(raw)
    # A visitor's home page reads nothing from the database, so it stays up.
    status, _, body = _page(server, "/")
    assert status == 200 and b"Sign up" in body


def parallel_api_calls(server: Server, account: Account, n: int = 16) -> list[int]:
    """Enough calls at once to reach most of gunicorn's threads (2 workers x 4)."""

    def call(_: int) -> int:
        return server.request("GET", "/api/recovery/checkins", headers=account.bearer)[0]

    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(call, range(n)))


def assert_same_server(server: Server, pid: int) -> None:
    assert server.process is not None and server.process.poll() is None
    assert server.process.pid == pid


@pytest.mark.server
def test_postgres_down_gives_503_then_recovers_without_a_restart(
    postgres_installation: Installation, serve
):
    account = postgres_installation.account
    target = urlsplit(postgres_installation.database_url)
    with TcpProxy((target.hostname or "127.0.0.1", target.port or 5432)) as proxy:
        credentials = target.netloc.rpartition("@")[0]
        via_proxy = urlunsplit(target._replace(netloc=f"{credentials}@127.0.0.1:{proxy.port}"))
        server = serve(server_env(postgres_installation.data, via_proxy))
        pid = server.process.pid
        assert_up(server, account)  # every worker now holds a persistent connection

        proxy.stop()  # the database "stops": open connections cut, new ones refused
        assert_down(server, account)

        proxy.start()  # ...and starts again
        assert_up(server, account)

        # Restarted between requests: idle connections died unseen, and are replaced unseen.
        assert parallel_api_calls(server, account) == [200] * 16
        proxy.stop()
        proxy.start()
        assert parallel_api_calls(server, account) == [200] * 16
        assert_same_server(server, pid)


@pytest.mark.server
def test_sqlite_unreachable_gives_503_then_recovers_without_a_restart(
    sqlite_installation: Installation, tmp_path, serve
):
    data, account = sqlite_installation.data, sqlite_installation.account
    server = serve(sqlite_installation.env)
    pid = server.process.pid
    assert_up(server, account)

    # SQLite connections last one request, so between requests none is open: set the files
    # aside and leave a directory in the database's place, which SQLite cannot open.
    database, aside = data / "needlewise.sqlite3", tmp_path / "aside"
    aside.mkdir()
    files = set_aside(data.glob("needlewise.sqlite3*"), aside)
    database.mkdir()
    assert_down(server, account)

    database.rmdir()
    for path in files:
        (aside / path.name).rename(path)
    assert_up(server, account)
    assert_same_server(server, pid)


def set_aside(paths, aside) -> list:
    """Move the database's files aside, returning those moved. The last connection to close
    checkpoints and deletes the -wal and -shm files, which can happen after the response has
    reached us: a file that vanishes on the way was already folded into the database."""
    moved = []
    for path in sorted(paths):  # the database file itself first
        try:
            path.rename(aside / path.name)
        except FileNotFoundError:
            assert path.name != "needlewise.sqlite3", "the database file itself went missing"
            continue
        moved.append(path)
    return moved


# The same middleware in-process, fast: the fault injected where the database is first needed.


@pytest.fixture
def signed_in(alice):
    client = Client(raise_request_exception=False)  # answer as the server would
    client.force_login(alice, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_a_session_that_cannot_load_gives_the_503_page(signed_in, monkeypatch, settings):
    """Raised in the middleware, before any view: Django makes a 500 there, which becomes 503."""

    def unreachable(self):
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")

    store = import_module(settings.SESSION_ENGINE).SessionStore  # db, or cached_db with Redis
    monkeypatch.setattr(store, "load", unreachable)
    response = signed_in.get("/recovery/")
    html = response.content.decode()
    assert response.status_code == 503 and FRIENDLY in html
    assert response["Retry-After"] == "60" and "Connection refused" not in html
    assert response["X-Frame-Options"] == "DENY"
    assert 'href="/recovery/"' in html  # "Try again" comes back here


def test_a_view_that_loses_the_database_gives_503_json_in_the_api(alice, monkeypatch):
    def lost(user):
        raise InterfaceError("connection already closed")

    monkeypatch.setattr(recovery_queries, "checkins_for", lost)
    _, token = create_token(alice, "test")
    response = Client().get("/api/recovery/checkins", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": API_DETAIL}
