"""Screening follows POLICY.md section 1 row by row; the verdict is the worst reason."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from needlewise.rules.errors import InputError
from needlewise.rules.screening import Procedure, Profile, assess
from needlewise.rules.vocab import CONDITIONS, VERDICTS

TODAY = date(2026, 11, 23)
ADULT = date(1990, 5, 17)
WEEK = TODAY + timedelta(days=7)

CONDITION_ROWS = [
    ("pregnant", "not_at_home", "REG", None),
    ("breastfeeding", "not_at_home", "REG", None),
    ("bleeding_disorder", "not_at_home", "REG", None),
    ("isotretinoin_current", "not_at_home", "REG", None),
    ("skin_cancer_in_area", "not_at_home", "REG", None),
    ("suspicious_mole_in_area", "not_at_home", "CLINIC", None),
    ("eczema_active", "not_at_home", "SEED", None),
    ("psoriasis_active", "not_at_home", "SEED", None),
    ("acne_active", "not_at_home", "SEED", None),
    ("rosacea_active", "not_at_home", "CLINIC", None),
    ("open_wound", "not_now", "REG", WEEK),
    ("broken_or_irritated_skin", "not_now", "REG", WEEK),
    ("active_infection", "not_now", "CLINIC", WEEK),
    ("cold_sore_active", "not_now", "CLINIC", WEEK),
    ("sunburn", "not_now", "CLINIC", WEEK),
    ("stainless_steel_allergy", "not_at_home", "REG", None),
    ("metal_allergy", "not_at_home", "REG", None),
    ("anaesthetic_allergy", "caution", "REG", None),
    ("anticoagulants", "see_professional", "CLINIC", None),
    ("diabetes", "see_professional", "CLINIC", None),
    ("immunosuppressed", "see_professional", "CLINIC", None),
    ("keloid_tendency", "see_professional", "CLINIC", None),
    ("radiotherapy_last_12_months", "see_professional", "CLINIC", None),
    ("cold_sore_history", "caution", "CLINIC", None),
    ("eczema_history", "caution", "CLINIC", None),
    ("psoriasis_history", "caution", "CLINIC", None),
    ("isotretinoin_past", "see_professional", "CLINIC", None),  # no last-dose date known
    ("recent_procedure", "see_professional", "CLINIC", None),  # no procedure date known
]


def _profile(*conditions: str, **kw: object) -> Profile:
    return Profile(birth_date=ADULT, conditions=frozenset(conditions), **kw)  # type: ignore[arg-type]


def test_every_condition_code_has_a_table_row() -> None:
    assert {row[0] for row in CONDITION_ROWS} == CONDITIONS


@pytest.mark.parametrize(("code", "verdict", "grade", "recheck"), CONDITION_ROWS)
def test_each_condition_gives_its_policy_verdict(
    code: str, verdict: str, grade: str, recheck: date | None
) -> None:
    result = assess(_profile(code), TODAY)
    assert result.verdict == verdict
    [reason] = result.reasons
    assert (reason.code, reason.verdict, reason.grade, reason.recheck_on) == (
        code, verdict, grade, recheck,
    )  # fmt: skip
    assert result.recheck_on == recheck
    assert reason.sources


def test_sunburn_means_not_now_with_recheck_in_7_days() -> None:
    result = assess(_profile("sunburn"), TODAY)
    assert result.verdict == "not_now"
    assert result.recheck_on == date(2026, 11, 30)
    assert "Check again on 30 November 2026." in result.reasons[0].message


def test_every_verdict_above_go_advises_a_professional() -> None:
    for code in CONDITIONS:
        for reason in assess(_profile(code), TODAY).reasons:
            text = reason.message.lower()
            assert "skincare professional" in text or "dermatologist" in text, code


def test_no_conditions_means_go_with_advice_to_see_a_professional_once() -> None:
    result = assess(_profile(), TODAY)
    assert result.verdict == "go"
    [reason] = result.reasons
    assert reason.code == "none" and reason.grade == "SEED"
    assert "professional once before your first session" in reason.message
    assert result.recheck_on is None


def test_isotretinoin_past_is_see_professional_until_182_days_after_last_dose() -> None:
    last = date(2026, 8, 1)
    until = last + timedelta(days=182)
    result = assess(_profile("isotretinoin_past", isotretinoin_last_dose=last), TODAY)
    assert result.verdict == "see_professional"
    assert result.reasons[0].recheck_on == until == result.recheck_on
    later = assess(_profile("isotretinoin_past", isotretinoin_last_dose=last), until)
    assert later.verdict == "go"
    day_before = assess(_profile(isotretinoin_last_dose=last), until - timedelta(days=1))
    assert day_before.verdict == "see_professional"


@pytest.mark.parametrize("kind", ["peel", "laser", "filler", "toxin"])
def test_recent_procedure_is_see_professional_for_14_days(kind: str) -> None:
    done = TODAY - timedelta(days=3)
    proc = (Procedure(kind, done),)
    result = assess(_profile(recent_procedures=proc), TODAY)
    assert result.verdict == "see_professional"
    assert result.recheck_on == done + timedelta(days=14)
    assert kind in result.reasons[0].message
    assert assess(_profile(recent_procedures=proc), done + timedelta(days=14)).verdict == "go"


@pytest.mark.parametrize(("skin_type", "verdict"), [(1, "go"), (3, "go"), (4, "caution"),
                                                    (5, "caution"), (6, "caution")])  # fmt: skip
def test_fitzpatrick_4_to_6_is_caution(skin_type: int, verdict: str) -> None:
    result = assess(_profile(skin_type=skin_type), TODAY)
    assert result.verdict == verdict
    if verdict == "caution":
        assert result.reasons[0].code == f"skin_type_{skin_type}"
        assert result.reasons[0].grade == "PEER"


def test_under_18_is_see_professional_until_the_18th_birthday() -> None:
    born = date(2009, 2, 1)
    result = assess(Profile(birth_date=born), TODAY)
    assert result.verdict == "see_professional"
    assert result.reasons[0].code == "under_18"
    assert result.recheck_on == date(2027, 2, 1)
    assert assess(Profile(birth_date=born), date(2027, 2, 1)).verdict == "go"


def test_a_29_february_birthday_turns_18_on_1_march() -> None:
    born = date(2008, 2, 29)
    assert assess(Profile(birth_date=born), date(2026, 2, 28)).verdict == "see_professional"
    assert assess(Profile(birth_date=born), date(2026, 3, 1)).verdict == "go"


def test_recheck_comes_only_from_reasons_of_the_overall_verdict() -> None:
    proc = (Procedure("laser", TODAY),)  # see_professional until TODAY + 14
    result = assess(_profile("sunburn", recent_procedures=proc), TODAY)
    assert result.verdict == "not_now"
    assert result.recheck_on == WEEK


def test_a_milder_reason_with_an_earlier_date_does_not_bring_the_recheck_forward() -> None:
    proc = (Procedure("peel", TODAY - timedelta(days=12)),)  # see_professional until TODAY + 2
    result = assess(_profile("open_wound", recent_procedures=proc), TODAY)
    assert result.verdict == "not_now"
    assert result.recheck_on == WEEK
    assert result.after_recheck is None  # the peel's wait is over by then


def test_policy_example_open_wound_and_isotretinoin_stopped_five_weeks_ago() -> None:
    """POLICY.md section 1: not_now until today + 7, then see a professional until its date."""
    last_dose = TODAY - timedelta(weeks=5)
    result = assess(_profile("open_wound", isotretinoin_last_dose=last_dose), TODAY)
    assert result.verdict == "not_now"
    assert result.recheck_on == TODAY + timedelta(days=7)
    after = result.after_recheck
    assert after is not None
    assert (after.verdict, after.until) == ("see_professional", last_dose + timedelta(days=182))


def test_two_dated_see_professional_reasons_give_the_later_date() -> None:
    last_dose = TODAY - timedelta(days=100)  # until TODAY + 82
    proc = (Procedure("toxin", TODAY - timedelta(days=4)),)  # until TODAY + 10
    result = assess(_profile(isotretinoin_last_dose=last_dose, recent_procedures=proc), TODAY)
    assert result.verdict == "see_professional"
    assert result.recheck_on == TODAY + timedelta(days=82)
    assert result.after_recheck is None


def test_under_18_and_isotretinoin_wait_for_the_later_of_the_two() -> None:
    born = date(2009, 2, 1)  # 18 on 2027-02-01, after the isotretinoin wait (2026-12-25)
    last_dose = TODAY - timedelta(days=150)
    result = assess(Profile(birth_date=born, isotretinoin_last_dose=last_dose), TODAY)
    assert result.verdict == "see_professional"
    assert result.recheck_on == date(2027, 2, 1)


def test_no_recheck_when_any_reason_of_the_overall_verdict_has_none() -> None:
    proc = (Procedure("laser", TODAY - timedelta(days=3)),)
    result = assess(_profile("diabetes", recent_procedures=proc), TODAY)
    assert result.verdict == "see_professional"
    assert result.recheck_on is None
    assert result.after_recheck is None


def test_after_the_recheck_a_lasting_milder_reason_remains_without_a_date() -> None:
    result = assess(_profile("sunburn", "anticoagulants", skin_type=5), TODAY)
    assert (result.verdict, result.recheck_on) == ("not_now", WEEK)
    after = result.after_recheck
    assert after is not None and (after.verdict, after.until) == ("see_professional", None)


def test_after_the_recheck_only_a_caution_may_remain() -> None:
    result = assess(_profile("cold_sore_active", "cold_sore_history"), TODAY)
    assert (result.verdict, result.recheck_on) == ("not_now", WEEK)
    after = result.after_recheck
    assert after is not None and (after.verdict, after.until) == ("caution", None)


def test_a_lasting_reason_at_the_worst_verdict_means_no_recheck_date() -> None:
    result = assess(_profile("sunburn", "anticoagulants", "pregnant"), TODAY)
    assert result.verdict == "not_at_home"
    assert result.recheck_on is None
    assert [r.code for r in result.reasons] == ["pregnant", "sunburn", "anticoagulants"]


def test_unknown_condition_code_is_an_input_error() -> None:
    with pytest.raises(InputError) as err:
        _profile("martian")
    assert err.value.field == "conditions"


def test_unknown_procedure_kind_is_an_input_error() -> None:
    with pytest.raises(InputError):
        Procedure("facelift", TODAY)


_profiles = st.builds(
    Profile,
    birth_date=st.dates(date(1930, 1, 1), date(2025, 1, 1)),
    skin_type=st.one_of(st.none(), st.integers(1, 6)),
    conditions=st.frozensets(st.sampled_from(sorted(CONDITIONS))),
    isotretinoin_last_dose=st.one_of(st.none(), st.dates(date(2025, 1, 1), date(2027, 1, 1))),
    recent_procedures=st.lists(
        st.builds(
            Procedure,
            st.sampled_from(["peel", "laser", "filler", "toxin"]),
            st.dates(date(2026, 10, 1), date(2026, 12, 31)),
        ),
        max_size=3,
    ).map(tuple),
)


@given(_profiles)
def test_property_verdict_is_the_worst_of_its_reasons(profile: Profile) -> None:
    result = assess(profile, TODAY)
    assert result.reasons
    assert result.verdict == min((r.verdict for r in result.reasons), key=VERDICTS.index)


@given(_profiles)
def test_property_recheck_is_the_latest_date_of_the_overall_verdict(profile: Profile) -> None:
    result = assess(profile, TODAY)
    mine = [r.recheck_on for r in result.reasons if r.verdict == result.verdict]
    if None in mine:
        assert result.recheck_on is None
    else:
        assert result.recheck_on == max(d for d in mine if d is not None)
    after = result.after_recheck
    if after is not None:
        assert VERDICTS.index(after.verdict) > VERDICTS.index(result.verdict)


@given(_profiles, st.sampled_from(sorted(CONDITIONS)))
def test_property_adding_a_condition_never_improves_the_verdict(
    profile: Profile, extra: str
) -> None:
    before = assess(profile, TODAY).verdict
    more = Profile(
        birth_date=profile.birth_date, skin_type=profile.skin_type,
        conditions=profile.conditions | {extra},
        isotretinoin_last_dose=profile.isotretinoin_last_dose,
        recent_procedures=profile.recent_procedures,
    )  # fmt: skip
    assert VERDICTS.index(assess(more, TODAY).verdict) <= VERDICTS.index(before)
