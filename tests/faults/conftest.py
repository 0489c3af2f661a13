"""The real server for fault tests: `needlewise serve` as a process group of its own, on its own
data dir and free port, on SQLite or (when DATABASE_URL names PostgreSQL) a throwaway database,
with one person who has a finished session to check in on, an API token and a signed-in session."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from psycopg import sql

from tests.conftest import _free_port

#: Nothing a test starts outlives it, whatever happens (seconds).
WATCHDOG = 180
EMAIL = "faults@example.com"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "server: runs `needlewise serve` as a subprocess (part of the normal suite)"
    )


def _postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if urlsplit(url).scheme in ("postgres", "postgresql") else None


#: The engines the server tests run on: SQLite always, PostgreSQL when the suite runs on it.
ENGINES = [
    "sqlite",
    pytest.param(
        "postgres",
        marks=pytest.mark.skipif(not _postgres_url(), reason="DATABASE_URL is not PostgreSQL"),
    ),
]


def server_env(data_dir: Path, database_url: str | None = None) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "REDIS_URL", "DEBUG", "NEEDLEWISE_PUBLIC_URL")
    }
    env["NEEDLEWISE_DATA_DIR"] = str(data_dir)
    env["PYTHONUNBUFFERED"] = "1"
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


SETUP = f"""
import json
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.core.management import call_command
from django.utils import timezone
from needlewise.accounts import services as accounts
from needlewise.devices import services as devices
from needlewise.suitability import services as suitability
from needlewise.treatments import services as treatments

call_command("migrate", interactive=False, verbosity=0)
now = timezone.now()
user = accounts.sign_up({EMAIL!r}, "correct-horse-battery-9", display_name="Faults")
answers = {{"birth_date": "1990-04-02", "skin_type": 2, "conditions": [], "areas": ["cheeks"],
           "isotretinoin_last_dose": None, "recent_procedures": []}}
suitability.record_check(user, answers, ["texture"], today=timezone.localdate())
device = devices.add_device(user, kind="roller", name="Roller", lengths_mm=[0.25])
devices.record_sterilisation(device, at=now)
plan = treatments.create_plan(
    user, concern="texture", areas=["cheeks"], device=device, start_date=now.date()
)
draft = treatments.start_session(user, plan)
records = [{{"area": a, "needle_mm": mm, "passes": 4, "pain": 1, "bleeding": "none"}}
           for a, mm in plan.needle_mm.items()]
session = treatments.finish_session(user, draft.key, records)
_, token = accounts.create_token(user, "fault tests")
store = import_module(settings.SESSION_ENGINE).SessionStore()
store[SESSION_KEY] = str(user.pk)
store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
store[HASH_SESSION_KEY] = user.get_session_auth_hash()
store.create()
print("SETUP " + json.dumps({{"token": token, "session_key": str(session.key),
    "cookie": f"{{settings.SESSION_COOKIE_NAME}}={{store.session_key}}"}}))
"""


@dataclass
class Account:
    token: str
    session_key: str  # the finished treatment session's key
    cookie: str  # a signed-in browser session, as a Cookie header

    @property
    def bearer(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def set_up_account(env: dict[str, str]) -> Account:
    """Migrate the server's database and give it one person ready to check in."""
    result = subprocess.run(
        [sys.executable, "-m", "needlewise", "shell", "-v", "0", "-c", SETUP],
        env=env,
        capture_output=True,
        text=True,
        timeout=WATCHDOG,
    )
    for line in result.stdout.splitlines():
        if line.startswith("SETUP "):
            return Account(**json.loads(line.removeprefix("SETUP ")))
    raise AssertionError(f"setup failed:\n{result.stdout}\n{result.stderr}")


@dataclass
class Installation:
    """A data dir and database, migrated, with the person of `SETUP` in it; not yet served."""

    data: Path
    database_url: str | None
    account: Account

    @property
    def env(self) -> dict[str, str]:
        return server_env(self.data, self.database_url)


def _admin_url(base: str) -> str:
    return urlunsplit(urlsplit(base)._replace(path="/postgres"))


def _admin(base: str, statement: str, *names: str) -> None:
    with psycopg.connect(_admin_url(base), autocommit=True) as conn:
        conn.execute(sql.SQL(statement).format(*map(sql.Identifier, names)))


# Migrating and setting up takes a while, so it is done once per test process (xdist worker)
# into a template, and each test gets a copy: the data dir, and on PostgreSQL a database made
# from the template database.


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory) -> Installation:
    data = tmp_path_factory.mktemp("sqlite-template") / "data"
    return Installation(data, None, set_up_account(server_env(data)))


@pytest.fixture(scope="session")
def _postgres_template(tmp_path_factory) -> Iterator[Installation]:
    base = _postgres_url()
    if base is None:
        pytest.skip("DATABASE_URL is not PostgreSQL")
    name = f"nw_faults_template_{uuid.uuid4().hex[:12]}"
    url = urlunsplit(urlsplit(base)._replace(path=f"/{name}"))
    _admin(base, "CREATE DATABASE {}", name)
    try:
        data = tmp_path_factory.mktemp("postgres-template") / "data"
        yield Installation(data, url, set_up_account(server_env(data, url)))
    finally:
        _admin(base, "DROP DATABASE IF EXISTS {} WITH (FORCE)", name)


@pytest.fixture
def sqlite_installation(_sqlite_template, tmp_path) -> Installation:
    data = tmp_path / "data"
    shutil.copytree(_sqlite_template.data, data)
    return Installation(data, None, _sqlite_template.account)


@pytest.fixture
def postgres_installation(_postgres_template, tmp_path) -> Iterator[Installation]:
    """A throwaway database beside the suite's own, dropped afterwards (even if still in use)."""
    base = _postgres_url()
    assert base is not None and _postgres_template.database_url is not None
    template = urlsplit(_postgres_template.database_url).path.lstrip("/")
    name = f"nw_faults_{uuid.uuid4().hex[:12]}"
    _admin(base, "CREATE DATABASE {} TEMPLATE {}", name, template)
    try:
        data = tmp_path / "data"
        shutil.copytree(_postgres_template.data, data)  # the secret key the session is signed with
        url = urlunsplit(urlsplit(base)._replace(path=f"/{name}"))
        yield Installation(data, url, _postgres_template.account)
    finally:
        _admin(base, "DROP DATABASE IF EXISTS {} WITH (FORCE)", name)


@pytest.fixture
def installation(request) -> Installation:
    """The installation for the test's `engine` parameter (one of ENGINES)."""
    return request.getfixturevalue(f"{request.getfixturevalue('engine')}_installation")


class Server:
    """`needlewise serve --no-worker` in its own process group, its output in a file."""

    def __init__(self, env: dict[str, str], log: Path, workers: int = 2) -> None:
        self.env = env
        self.log = log
        self.workers = workers
        self.port = _free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self._watchdog: threading.Timer | None = None

    def start(self) -> Server:
        for _attempt in range(3):
            self._spawn()
            if self.wait_until_ready():
                return self
            # Another test took the free port between our choice and gunicorn's bind: again.
            self.port = _free_port()
        raise AssertionError(f"serve could not bind a port:\n{self.output()}")

    def _spawn(self) -> None:
        argv = [sys.executable, "-m", "needlewise", "serve", "--no-worker"]
        argv += ["--port", str(self.port), "--workers", str(self.workers)]
        with open(self.log, "ab") as out:
            self.process = subprocess.Popen(
                argv, env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        self._stop_watchdog()
        self._watchdog = threading.Timer(WATCHDOG, self.kill)
        self._watchdog.daemon = True
        self._watchdog.start()

    def wait_until_ready(self) -> bool:
        """Until /healthz answers 200 (the database too), however long a loaded machine takes;
        False when the port was taken by someone else."""
        assert self.process is not None
        deadline = time.monotonic() + WATCHDOG
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                if "in use" in self.output():
                    return False
                raise AssertionError(f"serve exited early:\n{self.output()}")
            try:
                if self.request("GET", "/healthz", timeout=10)[0] == 200:
                    return True
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.2)
        raise AssertionError(f"serve never became ready:\n{self.output()}")

    def request(
        self,
        method: str,
        path: str,
        body: bytes | str | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = 30,
    ) -> tuple[int, http.client.HTTPMessage, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return response.status, response.headers, response.read()
        finally:
            conn.close()

    def kill(self) -> None:
        """SIGKILL the whole group: the supervisor, gunicorn's arbiter and its workers."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=60)
        self._stop_watchdog()

    def _stop_watchdog(self) -> None:
        if self._watchdog is not None:
            self._watchdog.cancel()

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


@pytest.fixture
def serve(tmp_path) -> Iterator[Callable[..., Server]]:
    """`serve(env)` starts a server; every one started is stopped at the end of the test."""
    started: list[Server] = []

    def start(env: dict[str, str], **kwargs: int) -> Server:
        server = Server(env, tmp_path / f"serve-{len(started)}.log", **kwargs)
        started.append(server)
        return server.start()

    yield start
    for server in started:
        server.kill()  # a graceful stop is not what these tests are about, and takes longer
