"""`needlewise devices import-openfda FILE`: QAI entries upserted, the rest skipped, bad files
refused with one line and nothing written."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from needlewise.devices.models import CatalogueDevice

pytestmark = pytest.mark.django_db

NEW = {
    "k_number": "K260001",
    "device_name": "NEWPEN MICRONEEDLING SYSTEM",
    "applicant": "Newpen Inc.",
    "decision_date": "20260315",
    "product_code": "QAI",
}
KNOWN_NUMBER_ONLY = {
    "k_number": "K202517",
    "device_name": "EXAMPLE PEN",
    "applicant": "Example Co",
    "decision_date": "2020-12-01",
    "product_code": "QAI",
}
KNOWN_NAMED = {
    "k_number": "K180778",
    "device_name": "EXCEED",
    "applicant": "MT.DERM GMBH",
    "decision_date": "20180907",
    "product_code": "QAI",
}
OTHER = {
    "k_number": "K199999",
    "device_name": "A LASER",
    "applicant": "X",
    "decision_date": "20190101",
    "product_code": "GEX",
}


def write(tmp_path, content) -> str:
    path = tmp_path / "510k.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return str(path)


def download(*results) -> dict:
    return {"meta": {"results": {"total": len(results)}}, "results": list(results)}


def snapshot() -> list[tuple]:
    return list(CatalogueDevice.objects.order_by("pk").values_list())


def test_it_upserts_qai_entries_and_skips_the_others(tmp_path, capsys):
    path = write(tmp_path, download(NEW, KNOWN_NUMBER_ONLY, KNOWN_NAMED, OTHER))
    call_command("devices", "import-openfda", path)
    out = capsys.readouterr().out
    assert "1 added, 1 updated, 1 unchanged, 1 skipped (not product code QAI)" in out

    new = CatalogueDevice.objects.get(fda_number="K260001")
    assert (new.name, new.maker, new.decision_date, new.fda_status) == (
        "NEWPEN MICRONEEDLING SYSTEM",
        "Newpen Inc.",
        date(2026, 3, 15),
        "cleared",
    )
    assert new.source_url.startswith("https://api.fda.gov/device/510k.json")
    filled = CatalogueDevice.objects.get(fda_number="K202517")
    assert (filled.name, filled.maker, filled.decision_date) == (
        "EXAMPLE PEN",
        "Example Co",
        date(2020, 12, 1),
    )
    # What the curated list already says is kept.
    assert CatalogueDevice.objects.get(fda_number="K180778").name == "Exceed Microneedling Device"
    assert not CatalogueDevice.objects.filter(fda_number="K199999").exists()


def test_importing_twice_is_idempotent(tmp_path, capsys):
    path = write(tmp_path, download(NEW, KNOWN_NUMBER_ONLY))
    call_command("devices", "import-openfda", path)
    before = snapshot()
    call_command("devices", "import-openfda", path)
    assert "0 added, 0 updated, 2 unchanged" in capsys.readouterr().out
    assert snapshot() == before


@pytest.mark.parametrize(
    "content, problem",
    [
        ("this is not json", "not JSON"),
        ([NEW], 'no "results" list'),
        ({"meta": {}}, 'no "results" list'),
        ({"results": {"k_number": "K1"}}, 'no "results" list'),
        (download(NEW, "K260002"), "results[1]: not an object"),
        (download(NEW, {**NEW, "k_number": None}), "results[1].k_number: missing"),
        (download(NEW, {k: v for k, v in NEW.items() if k != "k_number"}), "k_number: missing"),
        (
            download(NEW, {**KNOWN_NUMBER_ONLY, "decision_date": "01/12/2020"}),
            "results[1].decision_date: not a date",
        ),
        (download(NEW, {**OTHER, "decision_date": "2019-13-01"}), "decision_date: not a date"),
    ],
)
def test_a_malformed_file_is_refused_and_nothing_changes(tmp_path, content, problem):
    before = snapshot()
    with pytest.raises(CommandError) as caught:
        call_command("devices", "import-openfda", write(tmp_path, content))
    assert caught.value.returncode == 2
    message = str(caught.value)
    assert problem in message
    assert "nothing was imported" in message
    assert "\n" not in message
    assert snapshot() == before


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(CommandError, match="cannot read the file") as caught:
        call_command("devices", "import-openfda", str(tmp_path / "absent.json"))
    assert caught.value.returncode == 2


def test_the_command_needs_an_action():
    with pytest.raises(CommandError, match="ACTION"):
        call_command("devices")
