"""The JSON contract (POLICY.md section 7): output shapes and field-named input errors."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from needlewise.rules import contract
from needlewise.rules.errors import InputError

REASON_KEYS = {"rule", "code", "message", "grade", "sources"}

SCREEN_IN = {
    "birth_date": "1990-01-01",
    "skin_type": 2,
    "conditions": ["sunburn"],
    "areas": ["cheeks"],
    "isotretinoin_last_dose": None,
    "recent_procedures": [{"kind": "peel", "date": "2026-11-20"}],
    "today": "2026-11-23",
}


def _roundtrips(out: dict[str, Any]) -> None:
    assert json.loads(json.dumps(out)) == out


def test_screen_output_shape() -> None:
    out = contract.screen(SCREEN_IN)
    _roundtrips(out)
    assert set(out) == {"verdict", "reasons", "recheck_on"}
    assert out["verdict"] == "not_now" and out["recheck_on"] == "2026-11-30"
    for reason in out["reasons"]:
        assert set(reason) == REASON_KEYS | {"verdict", "recheck_on"}


def test_screen_today_defaults_to_the_current_utc_date() -> None:
    out = contract.screen({"birth_date": "1990-01-01", "conditions": ["sunburn"]})
    recheck = datetime.fromisoformat(out["recheck_on"]).date()
    assert (recheck - datetime.now(UTC).date()).days == 7


def test_needles_output_shape() -> None:
    out = contract.needles({"concern": "acne_scars", "area": "cheeks",
                            "device_lengths": [0.25, 0.5, 1.0], "max_mm": None,
                            "skin_type": 2, "first_session": False})  # fmt: skip
    _roundtrips(out)
    assert set(out) == {"recommended_mm", "home_cap_mm", "professional_range_mm", "reasons"}
    assert out["recommended_mm"] == 0.5 and out["professional_range_mm"] == [1.0, 2.0]
    assert all(set(r) == REASON_KEYS for r in out["reasons"])


def test_next_session_output_shape_and_the_policy_example() -> None:
    out = contract.next_session({
        "sessions": [{"at": "2025-11-01T20:00:00Z", "needle_mm": 0.5, "areas": ["cheeks"]}],
        "checkins": [{"at": "2025-11-03T20:00:00Z", "redness": 1},
                     {"at": "2025-11-05T20:00:00Z", "redness": 1, "pain": 1},
                     {"at": "2025-11-06T20:00:00", "redness": 0}],
        "min_interval_days": None,
    })  # fmt: skip
    _roundtrips(out)
    assert set(out) == {"next_allowed", "blocked", "reasons"}
    assert out["next_allowed"] == "2025-11-10" and out["blocked"] is False


def test_ingredients_output_shape() -> None:
    out = contract.ingredients({"text": "Aqua, Retinol, Linalool", "hours_since_session": 10,
                                "product_name": "Night Serum"})  # fmt: skip
    _roundtrips(out)
    assert set(out) == {"verdict", "ingredients", "unknown_count", "findings"}
    assert out["verdict"] == "avoid"
    assert out["ingredients"][0] == {
        "input": "Aqua", "name": "Water", "known": True, "categories": [],
    }  # fmt: skip
    assert out["unknown_count"] == 0
    assert {f["category"] for f in out["findings"]} == {"retinoid", "fragrance_allergen"}
    for finding in out["findings"]:
        assert set(finding) == {"rule", "ingredient", "category", "level", "until_hours",
                                "message", "grade", "sources"}  # fmt: skip


def test_ingredients_output_counts_the_names_not_recognised() -> None:
    out = contract.ingredients({"text": "Vitamin C, Moonflower Essence, Niacinamide, Zyx-9"})
    _roundtrips(out)
    assert [(i["input"], i["known"]) for i in out["ingredients"]] == [
        ("Vitamin C", True), ("Moonflower Essence", False), ("Niacinamide", True), ("Zyx-9", False),
    ]  # fmt: skip
    assert out["ingredients"][0]["categories"] == ["vitamin_c"]
    assert out["unknown_count"] == 2
    assert out["verdict"] == "avoid"


def test_aftercare_output_shape() -> None:
    out = contract.aftercare({"session_at": "2026-03-02T19:30:00+01:00", "needle_mm": 0.5})
    _roundtrips(out)
    assert set(out) == {"windows"}
    first = out["windows"][0]
    assert set(first) == {"rule", "topic", "level", "from", "until", "message", "grade", "sources"}
    assert first["from"] == "2026-03-02T19:30:00+01:00"


def test_triage_output_shape() -> None:
    out = contract.triage({"hours_since_session": 30, "redness": 2, "pain": 3,
                           "bleeding": "none", "fever_c": None, "symptoms": ["flaking"],
                           "previous_redness": 2})  # fmt: skip
    _roundtrips(out)
    assert set(out) == {"level", "reasons", "advice"}
    assert all(set(r) == REASON_KEYS | {"level"} for r in out["reasons"])


@pytest.mark.parametrize(
    ("func", "data", "field"),
    [
        (contract.screen, {**SCREEN_IN, "conditions": ["sunburn", "pregnant", "martian"]},
         "conditions[2]"),
        (contract.screen, {**SCREEN_IN, "skin_type": "4"}, "skin_type"),
        (contract.screen, {**SCREEN_IN, "skin_type": 7}, "skin_type"),
        (contract.screen, {**SCREEN_IN, "today": "23/11/2026"}, "today"),
        (contract.screen, {k: v for k, v in SCREEN_IN.items() if k != "birth_date"},
         "birth_date"),
        (contract.screen, {**SCREEN_IN, "recent_procedures": [{"kind": "facelift",
                                                              "date": "2026-11-01"}]},
         "recent_procedures[0].kind"),
        (contract.screen, {**SCREEN_IN, "shoe_size": 42}, "shoe_size"),
        (contract.needles, {"concern": "wrinkles", "area": "cheeks"}, "concern"),
        (contract.needles, {"concern": "texture", "area": "cheeks", "max_mm": 4}, "max_mm"),
        (contract.needles, {"concern": "texture", "area": "cheeks", "first_session": "yes"},
         "first_session"),
        (contract.next_session, {"sessions": [{"at": "yesterday", "needle_mm": 0.5}]},
         "sessions[0].at"),
        (contract.next_session, {"sessions": [{"at": "2025-11-01T20:00:00Z", "needle_mm": 3.5}]},
         "sessions[0].needle_mm"),
        (contract.next_session, {"sessions": [{"at": "2025-11-01T20:00:00Z", "needle_mm": 0.5}],
                                 "checkins": [{"at": "2025-11-02T20:00:00Z", "redness": 5}]},
         "checkins[0].redness"),
        (contract.ingredients, {"text": "   "}, "text"),
        (contract.ingredients, {"text": 42}, "text"),
        (contract.ingredients, {"text": "Water", "hours_since_session": -2},
         "hours_since_session"),
        (contract.aftercare, {"session_at": "2026-03-02", "needle_mm": "0.5"}, "needle_mm"),
        (contract.triage, {"hours_since_session": 30, "redness": 4}, "redness"),
        (contract.triage, {"hours_since_session": 30, "redness": True}, "redness"),
        (contract.triage, {"hours_since_session": 30, "redness": 1, "pain": 11}, "pain"),
        (contract.triage, {"hours_since_session": 30, "redness": 1, "symptoms": ["sneezing"]},
         "symptoms[0]"),
        (contract.triage, {"redness": 1}, "hours_since_session"),
    ],
)  # fmt: skip
def test_bad_input_raises_input_error_naming_the_field(func: Any, data: Any, field: str) -> None:
    with pytest.raises(InputError) as err:
        func(data)
    assert err.value.field == field
    assert str(err.value).startswith(f"{field}: ")


def test_a_non_object_body_is_an_input_error() -> None:
    with pytest.raises(InputError):
        contract.triage([1, 2])  # type: ignore[arg-type]


def test_to_dict_helper_serialises_any_decision() -> None:
    from needlewise.rules.triage import CheckIn, assess

    data = contract.to_dict(assess(CheckIn(5, 1)))
    _roundtrips(data)
    assert data["level"] == "normal"
