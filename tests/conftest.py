"""Shared fixtures: a tiny named cast and a real SMTP server on loopback."""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.test import Client

from needlewise.accounts import services
from needlewise.accounts.models import User

PASSWORD = "correct-horse-battery-9"


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix) -> None:
    """No persistent connections in tests: the live server's threads would otherwise keep the
    PostgreSQL test database open and block dropping it."""
    from django.db import connections

    for alias in connections:
        connections[alias].settings_dict["CONN_MAX_AGE"] = 0


def pytest_configure(config) -> None:
    """With REDIS_URL set, each xdist worker gets its own Redis database, so clearing the cache
    in one worker's test never touches another's keys."""
    from django.conf import settings

    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    if settings.REDIS_URL:
        database = f"/{1 + int(worker[2:]) % 15}"
        settings.CACHES["default"]["LOCATION"] = (
            urlsplit(settings.REDIS_URL)._replace(path=database).geturl()
        )


@pytest.fixture
def clock() -> Iterator[time_machine.Traveller]:
    """Time stands still at the suite's NOW (a Monday evening in November 2026) until moved."""
    from tests.treatments.conftest import NOW

    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Rate-limit counters and cached sessions live in the cache: each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _plain_static_storage(settings) -> None:
    """Tests run without collectstatic, so no manifest of hashed file names."""
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _pros_without_second_factor(settings) -> None:
    """Professionals across the suite open client records with a password alone, as they did
    before the rule: tests/sharing/test_second_factor_gate.py turns the rule on and proves it.
    This is the one place the suite relaxes it (production and the default keep it on)."""
    settings.NEEDLEWISE_REQUIRE_PRO_SECOND_FACTOR = False


def make_user(email: str, name: str = "") -> User:
    return services.sign_up(email, PASSWORD, display_name=name)


@pytest.fixture
def alice(db) -> User:
    """The owner of a record."""
    return make_user("alice@example.com", "Alice")


@pytest.fixture
def bob(db) -> User:
    """A professional (grants come with the sharing app)."""
    return make_user("bob@example.com", "Bob")


@pytest.fixture
def carol(db) -> User:
    """An outsider who must never see anyone else's data."""
    return make_user("carol@example.com", "Carol")


@pytest.fixture
def alice_client(alice) -> Client:
    client = Client()
    client.force_login(alice, backend="django.contrib.auth.backends.ModelBackend")
    return client


@dataclass
class SmtpSink:
    host: str
    port: int
    messages: list[Message] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope) -> str:
        self.messages.append(message_from_bytes(envelope.original_content))
        return "250 Message accepted"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def smtp(settings) -> Iterator[SmtpSink]:
    """A real SMTP server on 127.0.0.1; Django's SMTP backend delivers to it."""
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # a line per SMTP command otherwise
    sink = SmtpSink("127.0.0.1", _free_port())
    controller = Controller(sink, hostname=sink.host, port=sink.port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = sink.host, sink.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield sink
    finally:
        controller.stop()
