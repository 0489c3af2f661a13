"""The needle length a plan may use now: its own length, never above the effective cap
(`needlewise.limits`). Every page and every action of a session reads it here."""

from __future__ import annotations

from dataclasses import dataclass

from needlewise import limits
from needlewise.treatments.models import Plan

EPS = 1e-9


@dataclass(frozen=True)
class Length:
    """One area of a plan now: the longest needle allowed, and why in words."""

    area: str
    mm: float
    plan_mm: float
    cap: limits.Cap

    @property
    def over_cap(self) -> bool:
        """The plan itself asks for more than the cap allows (the gate refuses it)."""
        return self.plan_mm > self.cap.mm + EPS

    @property
    def why(self) -> str:
        if self.cap.mm < self.plan_mm + EPS and (self.cap.by is not None or self.over_cap):
            return f"{self.cap.words()}."
        return f"Your plan allows up to {self.mm:g} mm here."


def lengths_now(plan: Plan, sources: limits.Sources | None = None) -> list[Length]:
    """Each area of the plan with its effective length: min(plan, cap) at this moment."""
    sources = limits.sources(plan.user) if sources is None else sources
    out = []
    for area, mm in plan.needle_mm.items():
        cap = sources.cap(area)
        out.append(Length(area, min(float(mm), cap.mm), float(mm), cap))
    return out


def effective_mm(plan: Plan, sources: limits.Sources | None = None) -> dict[str, float]:
    return {length.area: length.mm for length in lengths_now(plan, sources)}
