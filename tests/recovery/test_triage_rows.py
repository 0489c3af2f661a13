"""One test per triage row of POLICY.md section 5, end to end through the check-in form."""

from __future__ import annotations

import pytest

from needlewise.recovery.models import CheckIn
from needlewise.rules import rules_version
from tests.recovery.conftest import post_checkin

# (row, earlier check-ins as (hours, fields), the check-in (hours, fields), level, reason codes)
ROWS = [
    ("fever_38", [], (24, {"redness": 1, "fever": "38.2"}), "urgent", {"fever"}),
    (
        "rapidly_spreading_redness",
        [],
        (30, {"redness": 2, "symptoms": ["spreading_redness"]}),
        "urgent",
        {"spreading_redness"},
    ),
    (
        "eye_area_infection",
        [],
        (30, {"redness": 1, "symptoms": ["eye_area_infection"]}),
        "urgent",
        {"eye_area_infection"},
    ),
    (
        "numbing_cream_toxicity",
        [],
        (2, {"redness": 1, "symptoms": ["metallic_taste", "numb_lips"]}),
        "urgent",
        {"metallic_taste", "numb_lips"},
    ),
    ("pus", [], (48, {"redness": 1, "symptoms": ["pus"]}), "see_dermatologist", {"pus"}),
    (
        "warmth_with_increasing_redness",
        [(6, {"redness": 1})],
        (24, {"redness": 2, "symptoms": ["warmth"]}),
        "see_dermatologist",
        {"warmth_increasing_redness"},
    ),
    (
        "swollen_lymph_nodes",
        [],
        (24, {"redness": 1, "symptoms": ["swollen_lymph_nodes"]}),
        "see_dermatologist",
        {"swollen_lymph_nodes"},
    ),
    (
        "cold_sore_flare",
        [],
        (48, {"redness": 0, "symptoms": ["cold_sore_flare"]}),
        "see_dermatologist",
        {"cold_sore_flare"},
    ),
    (
        "persistent_bleeding",
        [],
        (6, {"redness": 1, "bleeding": "persistent"}),
        "see_dermatologist",
        {"bleeding_persistent"},
    ),
    ("severe_pain", [], (6, {"redness": 1, "pain": 7}), "see_dermatologist", {"severe_pain"}),
    (
        "redness_at_170_hours",
        [],
        (170, {"redness": 1}),
        "see_dermatologist",
        {"redness_persisting"},
    ),
    (
        "redness_worse_after_48_hours",
        [(50, {"redness": 1})],
        (60, {"redness": 2}),
        "see_dermatologist",
        {"redness_worsening"},
    ),
    (
        "new_bumps_from_72_hours",
        [],
        (80, {"symptoms": ["new_bumps"]}),
        "see_dermatologist",
        {"new_bumps"},
    ),
    (
        "dark_patches",
        [],
        (100, {"symptoms": ["dark_patches"]}),
        "see_dermatologist",
        {"dark_patches"},
    ),
    ("redness_between_72_and_168_hours", [], (96, {"redness": 1}), "watch", {"redness_lingering"}),
    ("severe_redness_after_24_hours", [], (30, {"redness": 3}), "watch", {"severe_redness"}),
    (
        "expected_signs_in_the_window",
        [],
        (
            6,
            {
                "redness": 2,
                "pain": 3,
                "bleeding": "pinpoint",
                "symptoms": ["tightness", "swelling", "flaking"],
            },
        ),
        "normal",
        {"expected"},
    ),
]


@pytest.mark.parametrize(
    ("earlier", "now", "level", "codes"), [r[1:] for r in ROWS], ids=[r[0] for r in ROWS]
)
def test_each_triage_row_is_stored_with_its_level_and_reasons(
    alice_client, session, earlier, now, level, codes
):
    for hours, fields in earlier:
        assert post_checkin(alice_client, hours, **fields).status_code == 302
    response = post_checkin(alice_client, now[0], **now[1])
    assert response.status_code == 302, response.content.decode()[:2000]
    stored = CheckIn.objects.order_by("-at", "-id").first()
    assert stored.level == level
    assert codes <= set(stored.reason_codes)
    assert stored.hours_since_session == pytest.approx(now[0])
    assert stored.rules_version == rules_version()
    assert stored.session_id == session[1].pk
    page = alice_client.get(response["Location"])
    assert page.status_code == 200
    assert f'data-level="{level}"' in page.content.decode()


def test_redness_that_stays_the_same_after_48_hours_is_not_worsening(alice_client, session):
    post_checkin(alice_client, 50, redness=1)
    post_checkin(alice_client, 60, redness=1)
    latest = CheckIn.objects.order_by("-at").first()
    assert "redness_worsening" not in latest.reason_codes
    assert latest.level == "normal"


def test_new_bumps_before_72_hours_are_only_watched_for(alice_client, session):
    post_checkin(alice_client, 30, symptoms=["new_bumps"])
    assert CheckIn.objects.get().level == "normal"


def test_a_fahrenheit_reading_is_stored_in_celsius(alice_client, alice, session):
    alice.profile.units = "us"
    alice.profile.save()
    response = post_checkin(alice_client, 24, redness=1, fever="100.4")
    assert response.status_code == 302
    stored = CheckIn.objects.get()
    assert stored.fever_c == 38.0
    assert stored.level == "urgent"
