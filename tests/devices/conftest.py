"""Devices for the cast: alice owns a generic roller and a pen; targets come from a check."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from needlewise.devices import services
from needlewise.devices.catalogue import load_catalogue
from needlewise.devices.models import CatalogueDevice, OwnedDevice
from needlewise.suitability.models import SuitabilityCheck

ROLLER = "Generic 0.25 mm roller"
PEN = "Generic adjustable pen 0–2.5 mm"


@pytest.fixture
def catalogue(db) -> dict[str, CatalogueDevice]:
    """The shipped catalogue (the migration loads it; loading again is a no-op)."""
    load_catalogue()
    return {entry.name: entry for entry in CatalogueDevice.objects.filter(is_generic=True)}


@pytest.fixture
def roller(alice, catalogue) -> OwnedDevice:
    return services.add_device(alice, catalogue_id=catalogue[ROLLER].pk)


@pytest.fixture
def pen(alice, catalogue) -> OwnedDevice:
    return services.add_device(alice, catalogue_id=catalogue[PEN].pk, nickname="My pen")


def custom(user, lengths: list[float], kind: str = "roller", name: str = "Long roller"):
    return services.add_device(user, kind=kind, name=name, lengths_mm=lengths)


def give_targets(user, concerns: list[str], areas: list[str]) -> SuitabilityCheck:
    """A finished suitability check, as the suitability app stores one."""
    return SuitabilityCheck.objects.create(
        user=user,
        answers={},
        areas=areas,
        concerns=concerns,
        verdict="go",
        expires_on=timezone.localdate() + timedelta(days=90),
        rules_version="test",
    )


@pytest.fixture
def carol_client(carol) -> Client:
    client = Client()
    client.force_login(carol, backend="django.contrib.auth.backends.ModelBackend")
    return client
