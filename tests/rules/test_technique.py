from __future__ import annotations

import pytest

from needlewise.rules import technique
from needlewise.rules.knowledge import knowledge
from needlewise.rules.vocab import DEVICE_KINDS


def test_numbing_is_never_offered_with_an_anaesthetic_allergy() -> None:
    keys = [s.key for s in technique.preparation(first_session=True, anaesthetic_allergy=True)]
    assert "numbing" not in keys
    assert keys[:3] == ["cleanse", "sterilise", "skin_check"]


def test_the_patch_test_is_asked_only_before_a_first_session() -> None:
    first = [s.key for s in technique.preparation(first_session=True, anaesthetic_allergy=False)]
    later = [s.key for s in technique.preparation(first_session=False, anaesthetic_allergy=False)]
    assert "patch_test" in first
    assert "patch_test" not in later


@pytest.mark.parametrize("kind", DEVICE_KINDS)
def test_every_device_kind_starts_with_its_own_instructions(kind: str) -> None:
    steps = technique.technique(kind)
    assert steps[0].rule == "technique.device_instructions"
    assert any(step.rule.startswith(f"technique.{kind}.") for step in steps)


def test_every_step_cites_known_sources() -> None:
    sources = knowledge().sources
    steps = [
        *technique.technique("roller"),
        *technique.technique("pen"),
        *technique.technique("stamp"),
        *technique.preparation(first_session=True, anaesthetic_allergy=False),
    ]
    for step in steps:
        assert step.sources and all(s in sources for s in step.sources)
        assert step.to_dict()["grade"] == step.grade
