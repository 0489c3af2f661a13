"""Triage follows POLICY.md section 5 row by row; the level is the worst reason."""

from __future__ import annotations

import pytest

from needlewise.rules.errors import InputError
from needlewise.rules.triage import CheckIn, assess

ROWS = [
    # (description, check-in, level, reason code that must be present)
    ("fever 38", CheckIn(20, 1, fever_c=38.0), "urgent", "fever"),
    ("fever 37.9 is not", CheckIn(20, 1, fever_c=37.9), "normal", "expected"),
    ("spreading redness", CheckIn(20, 2, symptoms=frozenset({"spreading_redness"})), "urgent",
     "spreading_redness"),
    ("eye area infection", CheckIn(20, 1, symptoms=frozenset({"eye_area_infection"})), "urgent",
     "eye_area_infection"),
    ("metallic taste", CheckIn(1, 1, symptoms=frozenset({"metallic_taste"})), "urgent",
     "metallic_taste"),
    ("numb lips", CheckIn(1, 1, symptoms=frozenset({"numb_lips"})), "urgent", "numb_lips"),
    ("dizziness", CheckIn(1, 1, symptoms=frozenset({"dizziness"})), "urgent", "dizziness"),
    ("blurred vision", CheckIn(1, 1, symptoms=frozenset({"blurred_vision"})), "urgent",
     "blurred_vision"),
    ("ringing ears", CheckIn(1, 1, symptoms=frozenset({"ringing_ears"})), "urgent", "ringing_ears"),
    ("pus", CheckIn(30, 1, symptoms=frozenset({"pus"})), "see_dermatologist", "pus"),
    ("warmth with increasing redness", CheckIn(30, 2, symptoms=frozenset({"warmth"}),
     previous_redness=1), "see_dermatologist", "warmth_increasing_redness"),
    ("swollen lymph nodes", CheckIn(30, 1, symptoms=frozenset({"swollen_lymph_nodes"})),
     "see_dermatologist", "swollen_lymph_nodes"),
    ("cold sore flare", CheckIn(30, 1, symptoms=frozenset({"cold_sore_flare"})),
     "see_dermatologist", "cold_sore_flare"),
    ("persistent bleeding", CheckIn(2, 1, bleeding="persistent"), "see_dermatologist",
     "bleeding_persistent"),
    ("pain 7", CheckIn(2, 1, pain=7), "see_dermatologist", "severe_pain"),
    ("pain 6 is not", CheckIn(2, 1, pain=6), "normal", "expected"),
    ("redness after 168 h", CheckIn(169, 1), "see_dermatologist", "redness_persisting"),
    ("redness worse after 48 h", CheckIn(49, 2, previous_redness=1), "see_dermatologist",
     "redness_worsening"),
    ("new bumps at 72 h", CheckIn(72, 0, symptoms=frozenset({"new_bumps"})), "see_dermatologist",
     "new_bumps"),
    ("dark patches", CheckIn(100, 0, symptoms=frozenset({"dark_patches"})), "see_dermatologist",
     "dark_patches"),
    ("redness at 72 h", CheckIn(72, 1), "watch", "redness_lingering"),
    ("redness at 168 h", CheckIn(168, 1), "watch", "redness_lingering"),
    ("severe redness after 24 h", CheckIn(25, 3), "watch", "severe_redness"),
    ("severe redness at 24 h", CheckIn(24, 3), "normal", "expected"),
    ("expected signs", CheckIn(10, 2, bleeding="pinpoint",
     symptoms=frozenset({"swelling", "tightness", "flaking", "itching"})), "normal", "expected"),
    ("nothing at all", CheckIn(10, 0), "normal", "all_clear"),
]  # fmt: skip


@pytest.mark.parametrize(("checkin", "level", "code"), [r[1:] for r in ROWS],
                         ids=[r[0] for r in ROWS])  # fmt: skip
def test_each_policy_row_gives_its_level(checkin: CheckIn, level: str, code: str) -> None:
    result = assess(checkin)
    assert result.level == level
    assert code in [r.code for r in result.reasons]
    for reason in result.reasons:
        assert reason.sources and reason.grade


def test_redness_worse_within_48_hours_is_not_flagged() -> None:
    result = assess(CheckIn(40, 2, previous_redness=1))
    assert "redness_worsening" not in [r.code for r in result.reasons]


def test_new_bumps_before_72_hours_are_watched_not_escalated() -> None:
    result = assess(CheckIn(71, 0, symptoms=frozenset({"new_bumps"})))
    assert result.level == "normal"
    assert "new_bumps" in [r.code for r in result.reasons]


def test_warmth_without_worse_redness_is_not_an_infection_sign() -> None:
    result = assess(CheckIn(30, 1, symptoms=frozenset({"warmth"}), previous_redness=1))
    assert result.level == "normal"
    assert "warmth" in [r.code for r in result.reasons]


def test_previous_check_in_supplies_previous_redness() -> None:
    now = CheckIn(60, 2, symptoms=frozenset({"warmth"}))
    result = assess(now, previous=CheckIn(30, 1))
    assert result.level == "see_dermatologist"
    assert {"warmth_increasing_redness", "redness_worsening"} <= {r.code for r in result.reasons}


def test_urgent_advice_names_the_signs_and_says_seek_care_today() -> None:
    result = assess(CheckIn(20, 2, fever_c=38.6, symptoms=frozenset({"spreading_redness"})))
    assert result.level == "urgent"
    assert "today" in result.advice
    assert "38.6" in result.advice and "spreading redness" in result.advice


def test_level_is_the_worst_of_several_reasons() -> None:
    result = assess(CheckIn(100, 3, pain=8, symptoms=frozenset({"numb_lips", "flaking"})))
    assert result.level == "urgent"
    assert {r.level for r in result.reasons} >= {"urgent", "see_dermatologist", "watch"}


def test_see_dermatologist_advice_pauses_the_plan() -> None:
    assert "paused" in assess(CheckIn(2, 1, pain=9)).advice


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [({"redness": 4}, "redness"), ({"pain": 11}, "pain"), ({"bleeding": "lots"}, "bleeding"),
     ({"symptoms": frozenset({"sneezing"})}, "symptoms"),
     ({"hours_since_session": -1}, "hours_since_session")],
)  # fmt: skip
def test_bad_check_in_values_name_the_field(kwargs: dict[str, object], field: str) -> None:
    base: dict[str, object] = {"hours_since_session": 1, "redness": 1}
    with pytest.raises(InputError) as err:
        CheckIn(**{**base, **kwargs})  # type: ignore[arg-type]
    assert err.value.field == field
