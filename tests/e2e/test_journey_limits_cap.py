"""Journey (issue 15, item 1): a professional's needle cap holds for a plan made before it.

Alice has a 0.25 mm cheeks plan. Dr Dee, with a grant to her sessions and recovery, sets a
0.2 mm cheeks cap on the client's limits page. Alice signs in: her plan now uses 0.2 mm and says
who set the limit and when; the guided session's technique page says 0.2 mm; recording 0.25 mm
is refused with the limit named, and no session is saved."""

from __future__ import annotations

import pytest

from needlewise.sharing import services as sharing
from needlewise.treatments.models import Plan, TreatmentSession
from tests.conftest import make_user
from tests.e2e.conftest import log_in, log_out, screenshot
from tests.e2e.steps import prepare_and_glide
from tests.sharing.conftest import make_grant
from tests.treatments.conftest import ready

pytestmark = pytest.mark.django_db(transaction=True)

LIMIT = "Dr Dee set a limit of 0.2 mm for your cheeks on"


def test_a_cap_set_by_the_professional_holds_for_the_existing_plan(page, console):
    alice = make_user("alice@example.com", "Alice")
    plan = ready(alice, lengths=(0.2, 0.25, 0.5))
    assert plan.needle_mm["cheeks"] == 0.25
    dee = make_user("dee@example.com", "Dr Dee")
    sharing.save_professional(dee, "Dermatologist")
    grant = make_grant(alice, dee, ["sessions_recovery"])

    log_in(page, "dee@example.com")
    page.goto(f"/sharing/clients/{grant.pk}/limits/")
    page.get_by_label("Cheeks: longest needle (mm)").fill("0.2")
    page.get_by_role("button", name="Save limits").click()
    page.get_by_text("Limits saved.").wait_for()
    screenshot(page, "journey-cap-set")
    log_out(page)

    log_in(page, "alice@example.com")
    page.goto(f"/plans/{plan.pk}/")
    note = page.get_by_test_id("limit-note")
    note.wait_for()
    assert LIMIT in note.inner_text()
    assert "your plan now uses 0.2 mm" in note.inner_text()
    screenshot(page, "journey-cap-plan-changed")

    page.get_by_role("link", name="Start a session").click()
    prepare_and_glide(page)
    page.get_by_role("heading", name="Technique: roller").wait_for()
    assert page.get_by_role("heading", name="Cheeks: 0.2 mm").is_visible()
    screenshot(page, "journey-cap-technique")

    page.get_by_role("link", name="Next: record what you did").click()
    length = page.get_by_label("Cheeks: needle length (mm)")
    assert length.get_attribute("max") == "0.2"
    length.fill("0.25")
    page.get_by_role("button", name="Save the session").click()
    page.get_by_text("Cheeks: at most 0.2 mm. " + LIMIT).first.wait_for()
    screenshot(page, "journey-cap-refused")
    assert not TreatmentSession.objects.filter(status="done").exists()
    assert Plan.objects.get(pk=plan.pk).needle_mm["cheeks"] == 0.2
    console.assert_clean(expected_status=400)
