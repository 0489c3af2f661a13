"""A professional's limits, shared with the person: they can only make rules stricter."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from needlewise.rules.errors import InputError
from needlewise.rules.vocab import AREAS, INGREDIENT_CATEGORIES


@dataclass(frozen=True)
class Limits:
    """Needle caps (mm), a minimum interval (days) and ingredient categories to avoid."""

    max_needle_mm_by_area: Mapping[str, float] | None = None
    max_needle_mm: float | None = None
    min_interval_days: int | None = None
    avoid: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        for area, mm in (self.max_needle_mm_by_area or {}).items():
            if area not in AREAS:
                raise InputError("limits.max_needle_mm_by_area", f"unknown area {area!r}")
            _check_mm(f"limits.max_needle_mm_by_area.{area}", mm)
        if self.max_needle_mm is not None:
            _check_mm("limits.max_needle_mm", self.max_needle_mm)
        if self.min_interval_days is not None and self.min_interval_days < 0:
            raise InputError("limits.min_interval_days", "must be 0 or more")
        for cat in sorted(self.avoid - frozenset(INGREDIENT_CATEGORIES)):
            raise InputError("limits.avoid", f"unknown ingredient category {cat!r}")

    def needle_cap(self, area: str) -> float | None:
        """The strictest needle limit that applies to an area, if any."""
        caps = [self.max_needle_mm]
        if self.max_needle_mm_by_area:
            caps.append(self.max_needle_mm_by_area.get(area))
        present = [c for c in caps if c is not None]
        return min(present) if present else None


def _check_mm(field_name: str, mm: float) -> None:
    if isinstance(mm, bool) or not isinstance(mm, int | float) or not 0 <= mm <= 3:
        raise InputError(field_name, "must be a length from 0 to 3 mm")


NO_LIMITS = Limits()
