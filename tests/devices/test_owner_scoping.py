"""Every URL that takes a device id answers 404 to anyone but the owner, and changes nothing."""

from __future__ import annotations

import pytest

from needlewise.devices.models import HeadChange, OwnedDevice, SterilisationRecord

URLS = [
    ("get", "/devices/{id}/"),
    ("post", "/devices/{id}/sterilise/"),
    ("post", "/devices/{id}/head-change/"),
    ("get", "/devices/{id}/delete/"),
    ("post", "/devices/{id}/delete/"),
    ("get", "/api/devices/{id}"),
    ("delete", "/api/devices/{id}"),
    ("post", "/api/devices/{id}/sterilisations"),
    ("post", "/api/devices/{id}/head-changes"),
]


@pytest.mark.parametrize("method, url", URLS)
def test_another_persons_device_is_not_found(carol_client, roller, method, url):
    body = {} if url.startswith("/api/") else {"minutes": "10"}
    kwargs = {"content_type": "application/json"} if url.startswith("/api/") else {}
    response = getattr(carol_client, method)(url.format(id=roller.pk), body, **kwargs)
    assert response.status_code == 404
    assert roller.display_name not in response.content.decode()
    assert OwnedDevice.objects.filter(pk=roller.pk).exists()
    assert not SterilisationRecord.objects.exists()
    assert not HeadChange.objects.exists()


@pytest.mark.parametrize("method, url", URLS)
def test_a_device_that_does_not_exist_is_not_found(alice_client, db, method, url):
    kwargs = {"content_type": "application/json"} if url.startswith("/api/") else {}
    assert getattr(alice_client, method)(url.format(id=999999), {}, **kwargs).status_code == 404
