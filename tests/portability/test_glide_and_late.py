"""The glide of a session and the late check-ins (POLICY.md section 8) in the PDF report, the
professional's scoped copy and the FHIR export: in words, and never a redness they did not ask."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from fhir.resources.R4B.bundle import Bundle

from needlewise.portability import fhir
from needlewise.portability.report import render, report_pdf
from needlewise.portability.shared import shared_data
from needlewise.sharing import services as sharing
from tests.portability.conftest import fill
from tests.portability.test_shared_report import pdf_text
from tests.section8 import PLAIN_SERUM, RETINOL_SERUM, late_checkin, set_glide
from tests.sharing.conftest import make_grant
from tests.treatments.conftest import NOW

START, END = date(2026, 11, 1), date(2026, 12, 31)
LATE_WORDS = (
    "Late check-in, day 21: new lumps or bumps — no; a sore that does not heal — yes. "
    "See a dermatologist."
)


@pytest.fixture
def late_alice(alice, clock):
    """Alice's full record; her session's glide a retinol serum; her day-21 check-in a sore
    that does not heal; the clock on day 22."""
    session = set_glide(fill(alice), "Night serum", RETINOL_SERUM)
    late_checkin(session, 21, ("nonhealing_sore",))
    clock.move_to(NOW + timedelta(days=22))
    return alice


def test_the_report_names_the_glide_and_the_late_check_in_in_words(late_alice):
    text = pdf_text(report_pdf(late_alice, START, END))

    assert "Glide: Night serum — not advised as a glide: it contains Retinol" in text
    assert LATE_WORDS in text and "Mon 14 Dec 2026: Late check-in" in text
    assert "None" not in text  # no redness or pain it did not ask
    assert "2 check-ins from" in text and "1 late check-in, listed above, is not charted" in text


def test_a_plain_serum_and_nothing_on_the_skin_read_as_such(alice, clock):
    session = set_glide(fill(alice), "HA serum", PLAIN_SERUM)
    assert "Glide: HA serum — fine as a glide" in pdf_text(report_pdf(alice, START, END))
    set_glide(session)
    assert "Glide: nothing on the skin" in pdf_text(report_pdf(alice, START, END))


def test_a_session_from_before_the_question_says_nothing_of_a_glide(alice, clock):
    fill(alice)
    text = pdf_text(report_pdf(alice, START, END))
    assert "Glide:" not in text and "late check-in" not in text


@pytest.mark.parametrize(
    ("scopes", "shown"), [(["sessions_recovery"], True), (["products"], False)]
)
def test_the_professionals_copy_has_them_only_with_the_sessions_scope(
    late_alice, bob, scopes, shown
):
    sharing.save_professional(bob, "Dermatologist", "GMC 1234567")
    grant = make_grant(late_alice, bob, scopes)
    text = pdf_text(render(shared_data(grant, START, END)))
    assert ("Glide: Night serum" in text) == shown
    assert (LATE_WORDS in text) == shown


def test_fhir_carries_the_glide_on_the_procedure_and_a_late_observation_without_redness(
    late_alice,
):
    data = fhir.bundle(late_alice)
    Bundle.model_validate(data)
    resources = [e["resource"] for e in data["entry"]]
    procedure = next(r for r in resources if r["resourceType"] == "Procedure")
    assert procedure["usedCode"] == [{"text": "Night serum"}]
    verdict = procedure["extension"][0]
    assert verdict["url"].endswith("/glide-verdict")
    assert verdict["valueCodeableConcept"]["coding"][0]["code"] == "avoid"
    assert "not advised as a glide" in procedure["note"][-1]["text"]

    observations = [r for r in resources if r["resourceType"] == "Observation"]
    late = next(r for r in observations if r["code"]["coding"][0]["code"] == "late-checkin")
    parts = {c["code"]["coding"][0]["code"]: c for c in late["component"]}
    assert set(parts) == {"late-day", "new_bumps", "nonhealing_sore"}  # no redness, pain
    assert parts["late-day"]["valueQuantity"]["value"] == 21
    assert parts["nonhealing_sore"]["valueBoolean"] is True
    assert parts["new_bumps"]["valueBoolean"] is False
    assert late["interpretation"][0]["coding"][0]["code"] == "see_dermatologist"
    assert "Tell the dermatologist that you microneedled" in late["note"][0]["text"]
    events = [r for r in resources if r["resourceType"] == "AdverseEvent"]
    assert f"urn:uuid:{late['id']}" in {e["referenceDocument"][0]["reference"] for e in events}


def test_fhir_of_an_older_session_has_no_glide(full_alice):
    procedure = next(
        e["resource"] for e in fhir.bundle(full_alice)["entry"]
        if e["resource"]["resourceType"] == "Procedure"
    )  # fmt: skip
    assert "usedCode" not in procedure and "extension" not in procedure


def test_the_symptoms_column_reads_in_words_not_codes(alice, clock):
    from needlewise.recovery import services as recovery

    fill(alice)
    recovery.record_checkin(alice, {"redness": 1, "symptoms": ["tightness", "swelling"]})
    text = " ".join(pdf_text(report_pdf(alice, START, END)).split())
    assert "Mild swelling" in text  # the cell starts with a capital
    assert "tightness" in text
