"""The glide (POLICY.md section 8): what may go on the skin while needling."""

from __future__ import annotations

import pytest

from needlewise.rules import ingredients
from needlewise.rules.errors import InputError
from needlewise.rules.limits import Limits


def glide(text: str, **kw):
    return ingredients.check(text, as_glide=True, **kw)


def test_a_vitamin_c_serum_is_avoided_as_a_glide_with_the_granuloma_sources():
    result = glide("Aqua, Ascorbic Acid, Sodium Hyaluronate")
    assert result.verdict == "avoid"
    first = result.findings[0]
    assert (first.category, first.level, first.ingredient) == ("glide", "avoid", "Ascorbic Acid")
    assert "Granulomatous" in first.message
    assert {"soltani-arabshahi-2014", "friedmann-2024", "cfr-878-4430"} <= set(first.sources)


def test_a_plain_hyaluronic_serum_is_fine_as_a_glide():
    result = glide("Aqua, Sodium Hyaluronate, Glycerin, Panthenol")
    assert result.verdict == "ok"
    assert [f.rule for f in result.findings if f.category == "glide"] == ["glide.fine"]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Aqua, Retinol", "glide.active"),
        ("Aqua, Glycolic Acid", "glide.active"),
        ("Aqua, Parfum", "glide.active"),
        ("Aqua, Gluconolactone", "glide.not_plain"),  # PHA: caution after a session
        ("Aqua, Sodium Hyaluronate, Zorblax Extract", "glide.unrecognised"),
    ],
)
def test_actives_fragrance_and_unknown_names_rule_a_glide_out(text, rule):
    result = glide(text)
    assert result.verdict == "avoid"
    assert rule in {f.rule for f in result.findings if f.category == "glide"}


def test_a_category_the_professional_asked_to_avoid_is_avoided_as_a_glide_too():
    result = glide("Aqua, Panthenol", limits=Limits(avoid=frozenset({"soothing"})))
    assert result.verdict == "avoid"


def test_without_as_glide_the_verdict_and_findings_are_unchanged():
    result = ingredients.check("Aqua, Ascorbic Acid")
    assert "glide" not in {f.category for f in result.findings}


def test_hours_since_session_makes_no_sense_for_a_glide():
    with pytest.raises(InputError, match="hours_since_session"):
        glide("Aqua", hours_since_session=5)


def test_a_product_without_a_readable_list_is_avoided_as_not_recognised():
    from needlewise.rules import glide as glide_rules

    [finding] = glide_rules.unlisted()
    assert (finding.rule, finding.category, finding.level) == (
        "glide.unrecognised",
        "glide",
        "avoid",
    )
    assert "no ingredient list we can read" in finding.message
    assert glide_rules.verdict([finding]) == "avoid"


def test_the_reason_does_not_name_the_ingredient_twice():
    message = glide("Aqua, Ascorbic Acid").findings[0].message
    assert "it contains Ascorbic Acid (vitamin C)." in message
