"""The rule commands, run as a person runs them: `needlewise <command>` in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

PROFILE = {
    "birth_date": "1990-05-01",
    "skin_type": 2,
    "conditions": ["sunburn"],
    "areas": ["cheeks"],
    "today": "2026-11-23",
}
HISTORY = {
    "sessions": [{"at": "2026-11-01T09:00:00Z", "needle_mm": 0.5, "areas": ["cheeks"]}],
    "checkins": [
        {"at": "2026-11-03T09:00:00Z", "redness": 1},
        {"at": "2026-11-05T09:00:00Z", "redness": 1},
        {"at": "2026-11-06T09:00:00Z", "redness": 0},
    ],
    "min_interval_days": None,
}
CHECKIN = {
    "hours_since_session": 30,
    "redness": 1,
    "pain": 2,
    "bleeding": "pinpoint",
    "fever_c": None,
    "symptoms": ["tightness"],
    "previous_redness": 2,
}


def needlewise(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "needlewise", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def json_of(*args: str, stdin: str = "") -> dict:
    result = needlewise(*args, "--json", stdin=stdin)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


def test_screen_says_not_now_for_sunburn_with_a_recheck_date():
    out = json_of("screen", stdin=json.dumps(PROFILE))
    assert out["verdict"] == "not_now"
    assert out["recheck_on"] == "2026-11-30"
    [reason] = [r for r in out["reasons"] if r["code"] == "sunburn"]
    assert set(reason) >= {"code", "verdict", "message", "grade", "sources", "recheck_on"}


def test_needles_rounds_down_to_a_length_the_device_offers():
    out = json_of(
        "needles",
        "--concern",
        "fine_lines",
        "--area",
        "forehead",
        "--device-lengths",
        "0.2,0.3,1.0",
    )
    assert out["recommended_mm"] == 0.3
    assert out["home_cap_mm"] == 0.5
    assert out["professional_range_mm"] == [0.5, 1.5]


def test_next_session_follows_the_policy_example():
    out = json_of("next-session", stdin=json.dumps(HISTORY))
    assert out["next_allowed"] == "2026-11-10"
    assert {r["code"] for r in out["reasons"]} >= {"tolerance"}


def test_ingredients_reads_text_from_an_argument_or_stdin():
    by_arg = json_of("ingredients", "--hours-since-session", "24", "Aqua, Retinol")
    by_stdin = json_of("ingredients", "--hours-since-session", "24", stdin="Aqua, Retinol")
    assert by_arg == by_stdin
    assert by_arg["verdict"] == "avoid"
    assert by_arg["findings"][0]["until_hours"] == 168


def test_aftercare_lists_windows_with_iso_times():
    out = json_of("aftercare", "--session-at", "2026-11-01T20:00:00+00:00", "--needle-mm", "0.5")
    sun = [w for w in out["windows"] if w["topic"] == "sun"]
    assert sun and sun[0]["level"] == "avoid"
    assert sun[0]["until"].startswith("2026-11-02T20:00")


def test_triage_calls_expected_redness_normal():
    out = json_of("triage", stdin=json.dumps(CHECKIN))
    assert out["level"] == "normal"
    assert out["advice"]


def test_without_json_a_readable_summary_names_rules_and_sources():
    result = needlewise("screen", stdin=json.dumps(PROFILE))
    assert result.returncode == 0
    assert result.stdout.startswith("Not now")
    assert "sources:" in result.stdout and "[CLINIC]" in result.stdout


@pytest.mark.parametrize(
    "args, stdin, field",
    [
        (["screen"], json.dumps({**PROFILE, "conditions": ["sunburnt"]}), "conditions[0]"),
        (["screen"], json.dumps({**PROFILE, "skin_type": "two"}), "skin_type"),
        (["screen"], "{not json", "stdin"),
        (["screen"], "", "stdin"),
        (["triage"], json.dumps({**CHECKIN, "redness": 4}), "redness"),
        (["triage"], json.dumps({**CHECKIN, "symptoms": ["sneezing"]}), "symptoms[0]"),
        (["ingredients"], "   \n ", "text"),
        (["needles", "--concern", "wrinkles", "--area", "cheeks"], "", "concern"),
        (
            ["needles", "--concern", "texture", "--area", "cheeks", "--device-lengths", "a,b"],
            "",
            "device_lengths",
        ),
        (["needles", "--concern", "texture"], "", "arguments"),
        (["aftercare", "--session-at", "yesterday", "--needle-mm", "0.5"], "", "session_at"),
        (
            ["next-session"],
            json.dumps({"sessions": [{"at": "2026-11-01", "needle_mm": 9}]}),
            "sessions[0].needle_mm",
        ),
    ],
)
def test_bad_input_exits_2_with_one_line_naming_the_field(args, stdin, field):
    result = needlewise(*args, "--json", stdin=stdin)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f": {field}: " in lines[0]


def test_ingredients_as_glide_keeps_the_section_7_shape_with_a_glide_finding():
    out = needlewise("ingredients", "--as-glide", "--json", "Aqua, Ascorbic Acid")
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["verdict"] == "avoid"
    assert set(result) == {"verdict", "ingredients", "unknown_count", "findings"}
    assert result["findings"][0]["category"] == "glide"
    text = needlewise("ingredients", "--as-glide", "Aqua, Sodium Hyaluronate")
    assert text.stdout.startswith("Fine as a glide")


def test_ingredients_as_glide_refuses_hours_since_session():
    out = needlewise("ingredients", "--as-glide", "--hours-since-session", "4", "--json", "Aqua")
    assert out.returncode == 2
    assert out.stdout == ""
    assert "hours_since_session" in out.stderr


def test_as_glide_is_not_used_with_shelf():
    out = needlewise("ingredients", "--shelf", "--user", "a@example.com", "--as-glide", "--json")
    assert out.returncode == 2
    assert out.stdout == ""
    assert "--as-glide" in out.stderr
