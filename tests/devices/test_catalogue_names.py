"""Catalogue entries as people read them: never an empty name or an internal code, and
near-duplicates (same firm and name but for case, punctuation and spaces) shown once."""

from __future__ import annotations

import pytest

from needlewise.devices.catalogue import import_openfda
from needlewise.devices.models import CatalogueDevice, readable_name
from needlewise.devices.queries import catalogue_cards

ADD = "/devices/add/"


@pytest.mark.parametrize(
    "name, maker, number, shown",
    [
        ("SkinPen", "Bellus", "DEN160029", "SkinPen"),
        ("", "Acme Ltd", "K111111", "Acme Ltd microneedling device"),
        ("  ", " Acme ", "", "Acme microneedling device"),
        ("", "", "K111111", "Microneedling device, 510(k) K111111"),
        ("", "", "DEN111111", "Microneedling device, De Novo DEN111111"),
        ("", "", "", "Microneedling device"),
    ],
)
def test_a_readable_name_is_never_empty(name, maker, number, shown):
    assert readable_name(name, maker, number) == shown


def test_no_entry_on_the_add_page_shows_a_code_or_an_empty_name(alice_client, catalogue):
    html = alice_client.get(ADD, {"q": "K253153"}).content.decode()
    assert "QAI 510(k)" not in html
    assert "<h2></h2>" not in html
    assert "<h2>Microneedling device, 510(k) K253153</h2>" in html


def test_the_openfda_name_replaces_the_fallback(catalogue):
    import_openfda(
        '{"results": [{"k_number": "K253153", "device_name": "Glow Pen", "applicant": "Acme",'
        ' "product_code": "QAI"}]}'
    )
    entry = CatalogueDevice.objects.get(fda_number="K253153")
    assert (entry.name, entry.display_name) == ("Glow Pen", "Glow Pen")


def test_a_firm_without_a_device_name_reads_as_its_microneedling_device(catalogue):
    import_openfda('{"results": [{"k_number": "K999002", "applicant": "Acme",'
                   ' "product_code": "QAI"}]}')  # fmt: skip
    entry = CatalogueDevice.objects.get(fda_number="K999002")
    assert entry.display_name == "Acme microneedling device"
    assert str(entry) == "Acme microneedling device"


def test_near_duplicates_are_shown_once_with_both_numbers(alice_client, catalogue):
    # "Exceed Microneedling Device" by MT.DERM GmbH and "… device" by Mt. Derm GmbH
    cards = catalogue_cards("exceed")
    leads = [card.entry.fda_number for card in cards]
    assert sorted(leads) == ["K180778", "K233709"]
    merged = next(card for card in cards if card.entry.fda_number == "K180778")
    assert merged.numbers == ["K180778", "K182407"]
    assert len(merged.indications) == 2
    html = alice_client.get(ADD, {"q": "exceed"}).content.decode()
    assert html.count("<h2>Exceed Microneedling") == 1
    assert "Also listed under K182407" in html
    assert "2 found for “exceed”" in html


def test_different_firms_are_not_merged(catalogue):
    # the SkinPen entries: one by Bellus Medical, one with no firm given
    assert len(catalogue_cards("skinpen")) == 2
