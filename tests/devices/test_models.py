"""Catalogue entries and owned devices: lengths offered and what is refused."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from needlewise.devices.models import CatalogueDevice, OwnedDevice


def entry(**fields) -> CatalogueDevice:
    return CatalogueDevice(**{"name": "Test", "kind": "roller", **fields})


def test_a_fixed_length_device_offers_its_lengths_sorted():
    assert entry(lengths_mm=[0.5, 0.25, 0.5]).available_lengths() == [0.25, 0.5]


def test_an_adjustable_device_offers_every_step_of_its_range():
    pen = entry(kind="pen", min_mm=Decimal("0.25"), max_mm=Decimal("1.0"), step_mm=Decimal("0.25"))
    assert pen.available_lengths() == [0.25, 0.5, 0.75, 1.0]
    assert pen.is_adjustable


def test_a_range_that_does_not_land_on_its_maximum_stops_below_it():
    pen = entry(kind="pen", min_mm=Decimal("0.2"), max_mm=Decimal("0.9"), step_mm=Decimal("0.3"))
    assert pen.available_lengths() == [0.2, 0.5, 0.8]


def test_a_device_without_lengths_offers_none():
    assert entry().available_lengths() == []


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"lengths_mm": [0]}, "lengths_mm", "more than 0 and at most 3 mm"),
        ({"lengths_mm": [3.5]}, "lengths_mm", "more than 0 and at most 3 mm"),
        ({"lengths_mm": ["long"]}, "lengths_mm", "not a number"),
        ({"lengths_mm": 0.5}, "lengths_mm", "as a list"),
        ({"min_mm": Decimal("0.25"), "max_mm": Decimal("1")}, "step_mm", "needs a minimum"),
        (
            {"min_mm": Decimal("0.25"), "max_mm": Decimal("1"), "step_mm": Decimal("0")},
            "step_mm",
            "more than 0",
        ),
        (
            {"min_mm": Decimal("1"), "max_mm": Decimal("0.5"), "step_mm": Decimal("0.25")},
            "max_mm",
            "not be below the minimum",
        ),
        (
            {"min_mm": Decimal("0.5"), "max_mm": Decimal("4"), "step_mm": Decimal("0.5")},
            "max_mm",
            "at most 3 mm",
        ),
        (
            {
                "lengths_mm": [0.5],
                "min_mm": Decimal("0.25"),
                "max_mm": Decimal("1"),
                "step_mm": Decimal("0.25"),
            },
            "step_mm",
            "not both",
        ),
        ({"fda_status": "cleared"}, "fda_number", "needs its 510(k)"),
    ],
)
def test_bad_catalogue_entries_are_refused_in_words(fields, field, message):
    with pytest.raises(ValidationError) as caught:
        entry(**fields).clean()
    assert message in " ".join(caught.value.message_dict[field])


@pytest.mark.django_db
def test_fda_numbers_are_unique_when_set_but_many_entries_may_have_none():
    CatalogueDevice.objects.create(name="A")
    CatalogueDevice.objects.create(name="B")
    CatalogueDevice.objects.create(name="C", fda_number="K999001", fda_status="cleared")
    with pytest.raises(ValidationError):
        CatalogueDevice(name="D", fda_number="k999001", fda_status="cleared").full_clean()


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"kind": "roller", "lengths_mm": [0.25]}, "name"),
        ({"kind": "roller", "name": "Mine"}, "lengths_mm"),
        ({"kind": "roller", "name": "Mine", "lengths_mm": [5]}, "lengths_mm"),
    ],
)
def test_a_custom_device_needs_a_name_and_a_length(fields, field):
    with pytest.raises(ValidationError) as caught:
        OwnedDevice(**fields).clean()
    assert field in caught.value.message_dict


def test_an_owned_device_uses_the_catalogues_lengths_and_status():
    catalogue = entry(lengths_mm=[0.5], fda_status="not_cleared")
    device = OwnedDevice(catalogue=catalogue, kind="roller", nickname="Bathroom roller")
    assert device.available_lengths() == [0.5]
    assert device.is_fixed_length
    assert device.effective_fda_status == "not_cleared"
    assert str(device) == "Bathroom roller"
    assert device.model_name == "Test"
