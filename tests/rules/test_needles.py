"""Needle advice follows POLICY.md section 2: min(concern, cap, device), rounded down."""

from __future__ import annotations

import pytest

from needlewise.rules import needles
from needlewise.rules.errors import InputError
from needlewise.rules.limits import Limits
from needlewise.rules.needles import recommend
from needlewise.rules.vocab import AREAS

AREA_CAPS = [
    ("under_eye", 0.25), ("nose", 0.25), ("upper_lip", 0.25), ("forehead", 0.5),
    ("cheeks", 0.5), ("chin_jawline", 0.5), ("neck", 0.5), ("decolletage", 0.5), ("body", 0.5),
]  # fmt: skip
CONCERNS = [
    ("product_absorption", 0.25, None), ("texture", 0.25, None),
    ("fine_lines", 0.5, (0.5, 1.5)), ("enlarged_pores", 0.5, (0.5, 1.5)),
    ("hyperpigmentation", 0.25, (0.5, 1.5)), ("acne_scars", 0.5, (1.0, 2.0)),
    ("stretch_marks", 0.5, (1.5, 2.5)),
]  # fmt: skip


def _codes(advice: object) -> list[str]:
    return [r.code for r in advice.reasons]  # type: ignore[attr-defined]


@pytest.mark.parametrize(("area", "cap"), AREA_CAPS)
def test_each_area_has_its_home_cap(area: str, cap: float) -> None:
    advice = recommend("acne_scars", area)
    assert advice.home_cap_mm == cap
    assert advice.recommended_mm == min(0.5, cap)
    assert f"area_{area}" in _codes(advice)


@pytest.mark.parametrize(("concern", "mm", "pro_range"), CONCERNS)
def test_each_concern_suggests_its_home_length_and_shows_the_clinic_range(
    concern: str, mm: float, pro_range: tuple[float, float] | None
) -> None:
    advice = recommend(concern, "cheeks")
    assert advice.recommended_mm == mm
    assert advice.professional_range_mm == pro_range
    assert _codes(advice)[0] == f"concern_{concern}"
    assert (f"professional_range_{concern}" in _codes(advice)) == (pro_range is not None)


def test_under_eye_warns_off_eyelids_and_the_orbital_rim() -> None:
    reason = next(
        r for r in recommend("texture", "under_eye").reasons if r.code == "area_under_eye"
    )
    assert "eyelids" in reason.message and "rim" in reason.message
    assert "skinpen-labelling" in reason.sources


def test_recommendation_rounds_down_to_a_length_the_device_offers() -> None:
    advice = recommend("fine_lines", "forehead", device_lengths=[0.2, 0.3, 0.75, 1.0])
    assert advice.recommended_mm == 0.3
    assert "device_rounding" in _codes(advice)


def test_an_exact_device_length_needs_no_rounding() -> None:
    advice = recommend("fine_lines", "forehead", device_lengths=[0.25, 0.5, 1.0])
    assert advice.recommended_mm == 0.5
    assert "device_rounding" not in _codes(advice)


@pytest.mark.parametrize("lengths", [None, []])
def test_no_device_lengths_means_any_length(lengths: list[float] | None) -> None:
    assert recommend("fine_lines", "cheeks", device_lengths=lengths).recommended_mm == 0.5


def test_nothing_short_enough_on_the_device_says_so_and_recommends_another_head() -> None:
    advice = recommend("texture", "nose", device_lengths=[0.5, 1.0, 1.5])
    assert advice.recommended_mm is None
    reason = next(r for r in advice.reasons if r.code == "device_too_long")
    assert "different device" in reason.message or "shorter head" in reason.message


@pytest.mark.parametrize("skin_type", [4, 5, 6])
def test_fitzpatrick_4_to_6_caps_at_0_25(skin_type: int) -> None:
    advice = recommend("acne_scars", "cheeks", skin_type=skin_type)
    assert advice.recommended_mm == 0.25
    assert "skin_type_cap" in _codes(advice)


@pytest.mark.parametrize("skin_type", [1, 2, 3])
def test_fitzpatrick_1_to_3_has_no_extra_cap(skin_type: int) -> None:
    assert recommend("acne_scars", "cheeks", skin_type=skin_type).recommended_mm == 0.5


def test_a_first_ever_session_caps_at_0_25() -> None:
    advice = recommend("acne_scars", "cheeks", first_session=True)
    assert advice.recommended_mm == 0.25
    assert "first_session_cap" in _codes(advice)


def test_a_professional_may_raise_the_home_cap_up_to_1_0() -> None:
    advice = recommend("acne_scars", "cheeks", limits=Limits(max_needle_mm=0.75))
    assert advice.home_cap_mm == 0.75
    assert "professional_limit" in _codes(advice)
    assert advice.recommended_mm == 0.5  # still capped by the concern suggestion


def test_a_professional_raise_never_goes_beyond_1_0() -> None:
    advice = recommend("acne_scars", "cheeks", limits=Limits(max_needle_mm=2.0))
    assert advice.home_cap_mm == 1.0
    assert "professional_limit_clamped" in _codes(advice)
    assert advice.recommended_mm is not None and advice.recommended_mm <= 1.0


def test_a_professional_limit_can_make_it_stricter() -> None:
    limits = Limits(max_needle_mm_by_area={"cheeks": 0.2})
    advice = recommend("acne_scars", "cheeks", limits=limits)
    assert advice.home_cap_mm == 0.2 and advice.recommended_mm == 0.2


def test_the_strictest_of_general_and_per_area_professional_limits_applies() -> None:
    limits = Limits(max_needle_mm_by_area={"forehead": 1.0}, max_needle_mm=0.3)
    assert recommend("fine_lines", "forehead", limits=limits).home_cap_mm == 0.3


def test_a_professional_raise_does_not_lift_the_skin_type_cap() -> None:
    advice = recommend("acne_scars", "cheeks", limits=Limits(max_needle_mm=1.0), skin_type=5)
    assert advice.recommended_mm == 0.25


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"concern": "wrinkles", "area": "cheeks"}, "concern"),
        ({"concern": "texture", "area": "eyelid"}, "area"),
        ({"concern": "texture", "area": "cheeks", "device_lengths": [0.25, 4.0]},
         "device_lengths[1]"),
        ({"concern": "texture", "area": "cheeks", "skin_type": 7}, "skin_type"),
    ],
)  # fmt: skip
def test_bad_needle_input_names_the_field(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(InputError) as err:
        recommend(**kwargs)  # type: ignore[arg-type]
    assert err.value.field == field


@pytest.mark.parametrize("area", sorted(AREAS))
@pytest.mark.parametrize("pro", [None, 0.2, 0.75, 2.0])
def test_the_area_cap_every_action_checks_is_the_one_recommend_applies(area, pro):
    limits = Limits(max_needle_mm_by_area={area: pro}) if pro is not None else None
    advice = needles.recommend("fine_lines", area, limits=limits)
    assert needles.area_cap(area, limits) == advice.home_cap_mm


def test_the_area_cap_of_an_unknown_area_is_an_input_error():
    with pytest.raises(InputError):
        needles.area_cap("eyelids")
