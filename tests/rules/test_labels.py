"""Every code of every public vocabulary has words a person reads (`needlewise.rules.labels`)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.template import Context, Template

from needlewise.rules import labels, vocab

#: The steering repo's shared/ sits beside the checkout (CI lays a copy there too).
POLICY = next(
    (p / "shared/domain/POLICY.md" for p in Path(__file__).resolve().parents
     if (p / "shared/domain/POLICY.md").exists()),
    Path("POLICY.md-not-found"),
)  # fmt: skip


@pytest.mark.parametrize("vocabulary", sorted(labels.CODES))
def test_every_code_of_the_rule_core_has_a_label(vocabulary):
    missing = [c for c in labels.CODES[vocabulary] if c not in labels.VOCABULARIES[vocabulary]]
    assert not missing, f"{vocabulary}: no label for {missing} (add it in rules/labels.py)"


def test_every_vocabulary_of_the_rule_core_is_in_the_registry():
    core = {
        "VERDICTS", "CONDITIONS", "PROCEDURE_KINDS", "AREAS", "CONCERNS", "TRIAGE_LEVELS",
        "SYMPTOMS", "BLEEDING", "INGREDIENT_CATEGORIES", "INGREDIENT_VERDICTS", "FINDING_LEVELS",
        "WINDOW_LEVELS", "AFTERCARE_TOPICS", "DEVICE_KINDS", "FDA_STATUS", "GRADES",
    }  # fmt: skip
    public = {n for n in dir(vocab) if n.isupper() and n[0] != "_"}
    assert core == public, "a new vocabulary in rules/vocab.py: label its codes"
    for name in core:
        codes = set(getattr(vocab, name))
        assert codes <= labels.every_code(), f"{name}: {sorted(codes - labels.every_code())}"


def test_every_backquoted_code_of_policy_has_a_label():
    """POLICY.md names its codes in backquotes; those that are codes of a vocabulary have words.
    (The others are fields and JSON keys: `recheck_on`, `fda_status`.)"""
    if not POLICY.exists():
        pytest.skip("POLICY.md is not beside this checkout")
    named = set(re.findall(r"`([a-z][a-z0-9_]*)`", POLICY.read_text()))
    not_codes = {
        "recheck_on", "fda_status", "blocked", "known", "unknown_count", "isotretinoin_last_dose",
        "true", "null", "category", "topic", "level", "glide", "bleeding",
    }  # fmt: skip
    missing = sorted(c for c in named - not_codes if c not in labels.every_code())
    assert not missing, f"codes in POLICY.md without a label: {missing}"


def test_labels_stand_alone_and_never_are_the_code():
    for vocabulary, words in labels.VOCABULARIES.items():
        for code, label in words.items():
            assert label and label[0].isupper(), (vocabulary, code, label)
            assert "_" not in label and label != code, (vocabulary, code, label)


def test_a_shared_code_is_read_in_the_named_vocabulary():
    assert labels.label("caution") == "Go carefully"
    assert labels.label("caution", "level") == "Take care"
    assert labels.label("under_eye") == "Under the eyes"
    assert labels.lower("fine_lines", "concern") == "fine lines"
    assert labels.lower("cleared", "fda_status") == "FDA cleared"
    with pytest.raises(KeyError):
        labels.label("no_such_code")
    assert labels.label_or_words("no_such_code") == "No such code"


def test_the_template_filters_are_builtins():
    html = Template(
        '{{ a|label:"area" }} · {{ c|label_lower:"concern" }} · {{ s|labels:"symptom"|join:", " }}'
        " · {{ r|rule_ids|join:' ' }} · [{{ empty|label }}]"
    ).render(
        Context(
            {
                "a": "under_eye",
                "c": "product_absorption",
                "s": ["pus", "dark_patches"],
                "r": [{"rule": "x.a"}, {"rule": "x.a"}, {"rule": "x.b"}],
                "empty": "",
            }
        )
    )
    assert html == "Under the eyes · product absorption · Pus, New dark patches · x.a x.b · []"
