"""The guided session's preparation and technique steps, each with its grade and sources."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from needlewise.rules.knowledge import knowledge


@dataclass(frozen=True)
class Step:
    rule: str
    message: str
    grade: str
    sources: tuple[str, ...]
    key: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "step": self.key,
            "message": self.message,
            "grade": self.grade,
            "sources": list(self.sources),
        }


def _step(raw: Any) -> Step:
    return Step(
        raw["id"],
        " ".join(raw["message"].split()),
        raw["grade"],
        tuple(raw["sources"]),
        raw.get("step", ""),
    )


def preparation(*, first_session: bool, anaesthetic_allergy: bool) -> list[Step]:
    """The checklist before a session: numbing is never offered with an anaesthetic allergy,
    and the patch test is asked only before a first session."""
    steps = [_step(raw) for raw in knowledge()["technique"]["preparation"]]
    return [
        step
        for step in steps
        if not (step.key == "numbing" and anaesthetic_allergy)
        and not (step.key == "patch_test" and not first_session)
    ]


def technique(kind: str) -> list[Step]:
    """General advice first (the device's own instructions), then the steps for its kind."""
    data = knowledge()["technique"]
    return [_step(raw) for raw in (*data["general"], *data["kinds"][kind])]


def after_session() -> list[Step]:
    """Care tips for the days after a session that are not aftercare windows."""
    return [_step(raw) for raw in knowledge()["technique"]["after"]]
