"""The sharing cast: bob is a professional; `make_grant` gives him a grant from a client."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client

from needlewise.sharing import services
from needlewise.sharing.models import Grant
from tests.treatments.conftest import NOW


def login(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def pro(bob):
    """Bob, with a self-declared professional profile."""
    services.save_professional(bob, "Dermatologist", "GMC 1234567")
    return bob


@pytest.fixture
def bob_client(pro) -> Client:
    return login(pro)


@pytest.fixture
def carol_client(carol) -> Client:
    return login(carol)


def make_grant(client_user, professional, scopes, days: int = 90) -> Grant:
    """The real path: an invite, then its link accepted by the professional."""
    invite = services.invite(client_user, professional.email, scopes, days)
    return services.accept(services.invite_token(invite), professional)


@pytest.fixture
def grant_of(alice, pro, clock):
    def _make(*scopes: str, days: int = 90) -> Grant:
        return make_grant(alice, pro, list(scopes), days)

    return _make


def expire(clock, days: int = 91) -> None:
    clock.move_to(NOW + timedelta(days=days))
