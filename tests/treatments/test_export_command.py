from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.treatments.conftest import do_session


def _export(*args):
    out = io.StringIO()
    call_command("sessions", "export", *args, stdout=out)
    return out.getvalue()


def test_json_export_lists_sessions_with_their_areas(alice_client, plan):
    do_session(alice_client, plan)
    data = json.loads(_export("--user", "ALICE@example.com", "--format", "json"))
    assert data["user"] == "alice@example.com"
    [session] = data["sessions"]
    assert {a["area"] for a in session["areas"]} == {"cheeks", "forehead"}


def test_csv_export_has_one_row_per_area(alice_client, plan):
    do_session(alice_client, plan)
    rows = list(
        csv.DictReader(io.StringIO(_export("--user", "alice@example.com", "--format", "csv")))
    )
    assert [r["area"] for r in rows] == ["cheeks", "forehead"]
    assert rows[0]["needle_mm"] == "0.25"


def test_an_unknown_user_is_refused_with_exit_2(db):
    with pytest.raises(CommandError, match="--user: no account") as error:
        _export("--user", "nobody@example.com")
    assert error.value.returncode == 2


def test_an_unknown_format_is_refused(db):
    with pytest.raises(CommandError, match="format"):
        _export("--user", "alice@example.com", "--format", "xml")


@pytest.mark.parametrize("note", ["=HYPERLINK(\"http://x.example\")", "+1+1", "-2+3", "@SUM(A1)",
                                  "\tcmd", "\rcmd"])  # fmt: skip
def test_csv_cells_cannot_start_a_formula(alice_client, plan, note):
    """A note typed as `=HYPERLINK(...)` ran as a formula when the CSV was opened in a
    spreadsheet; it reads as the text it was."""
    from needlewise.treatments.models import TreatmentSession

    do_session(alice_client, plan)
    session = TreatmentSession.objects.get()
    session.area_records.filter(area="cheeks").update(notes=note)
    out = _export("--user", "alice@example.com", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    [cheeks] = [r for r in rows if r["area"] == "cheeks"]
    assert cheeks["notes"] == "'" + note
    assert cheeks["needle_mm"] == "0.25"  # numbers stay numbers
