"""Late check-ins (POLICY.md section 8): two questions, 21 and 56 days after each session."""

from __future__ import annotations

from datetime import date

import pytest

from needlewise.rules import triage
from needlewise.rules.errors import InputError
from needlewise.rules.followup import assess_late, late_days, questions

DONE = date(2026, 3, 2)


def test_the_days_and_the_two_questions_come_from_the_policy():
    assert late_days() == (21, 56)
    assert set(questions()) == {"new_bumps", "nonhealing_sore"}


@pytest.mark.parametrize("code", ["new_bumps", "nonhealing_sore"])
@pytest.mark.parametrize("day", [21, 56])
def test_a_yes_is_see_a_dermatologist_naming_the_area_and_the_date(code, day):
    result = assess_late(day, {code}, "your cheeks", DONE)
    assert result.level == "see_dermatologist"
    assert [r.code for r in result.reasons] == [code]
    assert "microneedled your cheeks on 2 March 2026" in result.advice
    assert result.reasons[0].grade == "PEER"


def test_two_noes_are_normal_with_what_to_do_if_one_shows_later():
    result = assess_late(21, set(), "your cheeks", DONE)
    assert result.level == "normal"
    assert "later" in result.advice


def test_other_days_and_unknown_questions_are_refused():
    with pytest.raises(InputError, match="day"):
        assess_late(14, set(), "x", DONE)
    with pytest.raises(InputError, match="answers"):
        assess_late(21, {"pus"}, "x", DONE)


def test_an_early_check_in_with_a_sore_that_does_not_heal_is_see_a_dermatologist():
    result = triage.assess(triage.CheckIn(30, 0, symptoms=frozenset({"nonhealing_sore"})))
    assert result.level == "see_dermatologist"
    assert "zeng-2025" in result.reasons[0].sources
