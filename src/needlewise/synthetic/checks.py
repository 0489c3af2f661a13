"""Suitability checks: one when a person starts, and a new one whenever the last has lapsed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from needlewise.rules import contract
from needlewise.suitability.models import CHECK_VALID_DAYS
from needlewise.synthetic.tables import Batch, dumps
from needlewise.synthetic.world import Person, World

REPLACED = "Replaced by a newer check."


@cache
def _screen(skin_type: int, conditions: tuple[str, ...], areas: tuple[str, ...]) -> tuple[str, str]:
    """(verdict, reasons as JSON text). Synthetic people are adults with no dated answers
    (procedures, isotretinoin), so the result does not depend on the day or the birth date."""
    answers = {
        "birth_date": "1980-01-01",
        "skin_type": skin_type,
        "conditions": list(conditions),
        "areas": list(areas),
        "isotretinoin_last_dose": None,
        "recent_procedures": [],
        "today": "2026-01-01",
    }
    result = contract.screen(answers)
    if result["recheck_on"] is not None or result["verdict"] not in ("go", "caution"):
        raise AssertionError(f"synthetic answers must allow home use: {result}")
    return str(result["verdict"]), dumps(result["reasons"])


@dataclass
class Checks:
    """The person's checks; the latest stays pending until we know whether it is replaced."""

    person: Person
    pending: list[Any] | None = None
    expires_on: date | None = None

    def ensure(self, world: World, batch: Batch, at: datetime, day: date) -> None:
        """A current check at `at` (local day `day`): keep the last one, or take a new one."""
        if self.expires_on is not None and day < self.expires_on:
            return
        self._flush(batch, at)
        p = self.person
        verdict, reasons = _screen(p.skin_type, tuple(p.conditions), tuple(p.areas))
        answers = {
            "birth_date": p.birth_date.isoformat(),
            "skin_type": p.skin_type,
            "conditions": p.conditions,
            "areas": p.areas,
            "isotretinoin_last_dose": None,
            "recent_procedures": [],
        }
        self.expires_on = day + timedelta(days=CHECK_VALID_DAYS)
        self.pending = [
            batch.new_id("check"),
            p.user_id,
            at,
            dumps(answers),
            dumps(p.areas),
            dumps(p.concerns),
            verdict,
            reasons,
            None,
            self.expires_on,
            world.rules_version,
            None,
            "",
        ]
        p.seen(at)

    def _flush(self, batch: Batch, replaced_at: datetime | None) -> None:
        if self.pending is None:
            return
        if replaced_at is not None:
            self.pending[-2:] = [replaced_at, REPLACED]
        batch.add("check", tuple(self.pending))
        self.pending = None

    def finish(self, batch: Batch) -> None:
        self._flush(batch, None)
