"""Writes to the device catalogue: the shipped FDA QAI list, generic examples, openFDA imports.

The loaders take the model class so the data migration can pass its historical model and run
exactly the code the `needlewise devices load-fda` command runs.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction

from needlewise.rules.devices import FDA_PRODUCT_CODE

FDA_CSV = Path(__file__).parent / "data" / "fda-qai-devices.csv"
#: The name earlier versions stored for an entry the list gives no name; now the name stays
#: blank and `CatalogueDevice.display_name` reads well. Migration 0003 blanks old ones.
PLACEHOLDER = "QAI 510(k) {number}"
OPENFDA_URL = "https://api.fda.gov/device/510k.json?search=k_number:{number}"
_ILLUSTRATIVE = (
    "An illustrative generic entry, not a specific product or brand: pick it when your device is "
    "like this and is not in the list."
)

#: Generic home devices (no FDA number: none of these is a cleared product).
GENERICS: tuple[dict[str, Any], ...] = (
    {"name": "Generic 0.25 mm roller", "kind": "roller", "lengths_mm": [0.25],
     "head": "reusable_head", "fda_status": "not_cleared"},
    {"name": "Generic 0.5 mm roller", "kind": "roller", "lengths_mm": [0.5],
     "head": "reusable_head", "fda_status": "not_cleared"},
    {"name": "Generic adjustable pen 0–2.5 mm", "kind": "pen", "min_mm": Decimal("0.25"),
     "max_mm": Decimal("2.5"), "step_mm": Decimal("0.25"), "head": "single_use_cartridge",
     "fda_status": "unknown"},
    {"name": "Generic stamp 0.25 mm", "kind": "stamp", "lengths_mm": [0.25],
     "head": "reusable_head", "fda_status": "unknown"},
)  # fmt: skip


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0


class ImportRefused(ValueError):
    """The file is not an openFDA 510(k) download we can trust; nothing was written."""


def _default_model() -> Any:
    from needlewise.devices.models import CatalogueDevice

    return CatalogueDevice


def _is_placeholder(name: str, number: str) -> bool:
    return not name or name == PLACEHOLDER.format(number=number)


def _upsert(model: Any, number: str, fields: dict[str, Any], *, overwrite: bool) -> str:
    """Create or update by FDA number. An empty value never erases one already known, and
    without `overwrite` only empty fields (or a placeholder name) are filled."""
    entry = model.objects.filter(fda_number=number).first()
    if entry is None:
        model.objects.create(fda_number=number, **fields)
        return "created"
    changed = False
    for field, value in fields.items():
        current = getattr(entry, field)
        if value in ("", None) or current == value:
            continue
        empty = current in ("", None) or (field == "name" and _is_placeholder(current, number))
        if overwrite or empty or field == "fda_status":
            setattr(entry, field, value)
            changed = True
    if changed:
        entry.save()
    return "updated" if changed else "unchanged"


def _csv_date(raw: str) -> date | None:
    return date.fromisoformat(raw) if raw.strip() else None


@transaction.atomic
def load_catalogue(model: Any = None, path: Path = FDA_CSV) -> Counts:
    """Upsert the shipped QAI list by number and the generic examples by name (idempotent)."""
    model = model or _default_model()
    counts = Counts()
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            number = row["number"].strip().upper()
            fields = {
                "name": row["device_name"].strip(),
                "maker": row["applicant"].strip(),
                "decision_date": _csv_date(row["decision_date"]),
                "indication": row["indication"].strip(),
                "source_url": row["source"].strip(),
                "fda_status": "cleared",
            }
            outcome = _upsert(model, number, fields, overwrite=True)
            setattr(counts, outcome, getattr(counts, outcome) + 1)
    for generic in GENERICS:
        outcome = _upsert_generic(model, {**generic, "description": _ILLUSTRATIVE})
        setattr(counts, outcome, getattr(counts, outcome) + 1)
    return counts


def _upsert_generic(model: Any, fields: dict[str, Any]) -> str:
    entry = model.objects.filter(name=fields["name"], is_generic=True).first()
    if entry is None:
        model.objects.create(is_generic=True, **fields)
        return "created"
    if all(getattr(entry, field) == value for field, value in fields.items()):
        return "unchanged"
    for field, value in fields.items():
        setattr(entry, field, value)
    entry.save()
    return "updated"


def _openfda_date(raw: object, where: str) -> date | None:
    if raw in (None, ""):
        return None
    text = str(raw)
    for pattern in ("%Y%m%d", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).date()  # noqa: DTZ007 (a date, no time)
        except ValueError:
            continue
    raise ImportRefused(f"{where}.decision_date: not a date in YYYYMMDD or YYYY-MM-DD ({text!r})")


def _openfda_results(text: str) -> list[dict[str, Any]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportRefused(f"not JSON ({exc.msg} at line {exc.lineno})") from exc
    results = data.get("results") if isinstance(data, dict) else None
    if not isinstance(results, list):
        raise ImportRefused('no "results" list: is this an openFDA 510(k) download?')
    parsed = []
    for i, result in enumerate(results):
        where = f"results[{i}]"
        if not isinstance(result, dict):
            raise ImportRefused(f"{where}: not an object")
        number = result.get("k_number")
        if not isinstance(number, str) or not number.strip():
            raise ImportRefused(f"{where}.k_number: missing")
        if len(number.strip()) > 20:
            raise ImportRefused(f"{where}.k_number: too long ({number[:30]!r})")
        parsed.append(
            {
                "number": number.strip().upper(),
                "name": str(result.get("device_name") or "").strip()[:200],
                "maker": str(result.get("applicant") or "").strip()[:200],
                "decision_date": _openfda_date(result.get("decision_date"), where),
                "qai": result.get("product_code") == FDA_PRODUCT_CODE,
            }
        )
    return parsed


@transaction.atomic
def import_openfda(text: str) -> Counts:
    """Upsert the product-code QAI entries of an openFDA 510(k) download; skip the others.
    The whole file is checked before anything is written."""
    model = _default_model()
    counts = Counts()
    for entry in _openfda_results(text):
        if not entry["qai"]:
            counts.skipped += 1
            continue
        number = entry["number"]
        fields = {
            "name": entry["name"],
            "maker": entry["maker"],
            "decision_date": entry["decision_date"],
            "source_url": OPENFDA_URL.format(number=number),
            "fda_status": "cleared",
        }
        outcome = _upsert(model, number, fields, overwrite=False)
        setattr(counts, outcome, getattr(counts, outcome) + 1)
    return counts
