"""The shipped FDA QAI list and the generic examples: loaded by migrate, reloadable safely."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from django.core.management import call_command

from needlewise.devices.catalogue import FDA_CSV, load_catalogue
from needlewise.devices.models import CatalogueDevice

pytestmark = pytest.mark.django_db


def csv_numbers() -> set[str]:
    with FDA_CSV.open(newline="", encoding="utf-8") as handle:
        return {row["number"] for row in csv.DictReader(handle)}


def snapshot() -> list[tuple]:
    return list(CatalogueDevice.objects.order_by("pk").values_list())


def test_the_shipped_list_holds_26_qai_numbers():
    numbers = csv_numbers()
    assert len(numbers) == 26
    assert all(number.startswith(("K", "DEN")) for number in numbers)


def test_the_26_numbers_are_present_after_migrate():
    cleared = CatalogueDevice.objects.filter(fda_status="cleared")
    assert set(cleared.values_list("fda_number", flat=True)) == csv_numbers()


def test_loading_again_changes_nothing():
    before = snapshot()
    counts = load_catalogue()
    assert (counts.created, counts.updated, counts.unchanged) == (0, 0, 30)
    assert snapshot() == before


def test_the_command_loads_into_an_empty_catalogue(capsys):
    CatalogueDevice.objects.all().delete()
    call_command("devices", "load-fda")
    assert "30 added" in capsys.readouterr().out
    assert CatalogueDevice.objects.count() == 30
    call_command("devices", "load-fda")
    assert "30 unchanged" in capsys.readouterr().out
    assert CatalogueDevice.objects.count() == 30


def test_named_rows_keep_their_details_and_number_only_rows_get_a_readable_name():
    skinpen = CatalogueDevice.objects.get(fda_number="DEN160029")
    assert (skinpen.name, skinpen.maker, skinpen.decision_date) == (
        "SkinPen Precision System",
        "Bellus Medical",
        date(2018, 3, 1),
    )
    bare = CatalogueDevice.objects.get(fda_number="K253153")
    assert bare.name == ""  # nothing made up is stored: the display name reads well
    assert bare.display_name == "Microneedling device, 510(k) K253153"
    assert (bare.maker, bare.kind, bare.decision_date, bare.lengths_mm) == ("", "", None, [])


def test_generic_entries_say_they_are_illustrative_and_have_no_fda_number():
    generics = CatalogueDevice.objects.filter(is_generic=True)
    assert generics.count() == 4
    for entry in generics:
        assert entry.fda_number == ""
        assert entry.fda_status != "cleared"
        assert "illustrative" in entry.description
        entry.full_clean()
    pen = generics.get(kind="pen")
    assert pen.available_lengths()[0] == 0.25
    assert pen.available_lengths()[-1] == 2.5
    assert len(pen.available_lengths()) == 10
