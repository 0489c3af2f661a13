"""`needlewise ingredients --user EMAIL --shelf [--json]`: a person's whole shelf, checked now."""

from __future__ import annotations

import json
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command

from tests.products.conftest import at


def run(*args: str) -> str:
    out = StringIO()
    call_command("ingredients", *args, stdout=out)
    return out.getvalue()


def test_shelf_json_gives_each_product_its_verdict_now(alice, shelf, session):
    with at(80):
        out = json.loads(run("--user", "Alice@Example.com", "--shelf", "--json"))
    assert out["user"] == "alice@example.com"
    assert out["hours_since_session"] == 80
    verdicts = {p["name"]: p["verdict"] for p in out["products"]}
    assert verdicts == {
        "fragranced moisturiser": "ok",
        "glycolic toner": "avoid",
        "hyaluronic serum": "ok",
        "mineral sunscreen": "ok",
        "retinol serum": "avoid",
    }
    retinol = next(p for p in out["products"] if p["name"] == "retinol serum")
    assert set(retinol) >= {"id", "name", "brand", "verdict", "findings", "ok_again_at"}
    assert retinol["ok_again_at"] == "2026-11-30T19:00:00+00:00"
    [finding] = [f for f in retinol["findings"] if f["level"] == "avoid"]
    assert finding["category"] == "retinoid" and finding["sources"]


def test_shelf_summary_is_readable(alice, shelf, session):
    with at(24):
        text = run("--user", "alice@example.com", "--shelf")
    assert text.startswith("Shelf of alice@example.com (24 hours since the last session)")
    assert "- retinol serum: Avoid, OK again on Mon 30 Nov, 19:00" in text
    assert "- mineral sunscreen: OK" in text


def test_an_empty_shelf_without_a_session(alice):
    out = json.loads(run("--user", "alice@example.com", "--shelf", "--json"))
    assert out == {
        "user": "alice@example.com",
        "session_at": None,
        "hours_since_session": None,
        "products": [],
    }


@pytest.mark.parametrize(
    "args, field",
    [
        (["--user", "nobody@example.com", "--shelf"], "--user"),
        (["--shelf"], "--shelf"),
        (["--user", "alice@example.com"], "--user"),
        (["--user", "alice@example.com", "--shelf", "Aqua"], "TEXT"),
        (["--user", "alice@example.com", "--shelf", "--hours-since-session", "3"], "--hours"),
    ],
)
def test_bad_shelf_arguments_exit_2_naming_the_flag(alice, capsys, args, field):
    with pytest.raises(SystemExit) as exit_info:
        run(*args, "--json")
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert captured.err.startswith(f"needlewise ingredients: {field}")


def test_shelf_without_user_exits_2_as_a_real_command():
    result = subprocess.run(
        [sys.executable, "-m", "needlewise", "ingredients", "--shelf", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("needlewise ingredients: --shelf: needs --user EMAIL")
