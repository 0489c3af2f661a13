"""A professional's needle cap holds at every action, not only for new plans: setting it clamps
the client's plans (or pauses one no device length fits) and says why; a record above the cap
is refused on the page and over the API, and nothing is written."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from needlewise import limits
from needlewise.rules.limits import Limits
from needlewise.sharing import services as sharing
from needlewise.sharing.limits import limits_for
from needlewise.sharing.models import Grant
from needlewise.treatments import gate, services
from needlewise.treatments.models import Plan, SessionArea, TreatmentSession
from tests.sharing.conftest import login
from tests.treatments.conftest import NOW, finish, ready

SET = "Bob set a limit of 0.2 mm for your cheeks on"


def _record(area, mm):
    return {"area": area, "needle_mm": mm, "passes": 4, "pain": 1, "bleeding": "none"}


@pytest.fixture
def capped(alice, grant_of):
    """Alice's 0.25 mm plan, a device that also has 0.2 mm, and Bob's 0.2 mm cheeks cap."""
    plan = ready(alice, lengths=(0.2, 0.25, 0.5))
    assert plan.needle_mm == {"cheeks": 0.25, "forehead": 0.25}
    sharing.set_limits(grant_of("sessions_recovery"), {"cheeks": "0.2"}, None)
    plan.refresh_from_db()
    return plan


def test_setting_a_cap_clamps_the_plan_to_the_longest_length_that_fits_and_says_why(capped):
    assert capped.needle_mm == {"cheeks": 0.2, "forehead": 0.25}
    assert capped.status == Plan.Status.ACTIVE
    assert capped.limit_note.startswith(SET)
    assert capped.limit_note.endswith(": your plan now uses 0.2 mm.")


def test_a_plan_no_device_length_fits_is_paused_with_the_reason(alice, grant_of):
    plan = ready(alice)  # 0.25 and 0.5 mm only
    sharing.set_limits(grant_of("sessions_recovery"), {"cheeks": "0.2"}, None)
    plan.refresh_from_db()
    assert plan.status == Plan.Status.PAUSED
    assert plan.needle_mm["cheeks"] == 0.25  # unchanged: nothing shorter to choose
    assert "your device has no needle that short" in plan.limit_note
    codes = {b.code for b in gate.blocks(alice, plan, NOW, NOW.date())}
    assert {"plan_paused", "over_cap"} <= codes


def test_the_plan_page_tells_the_person_what_changed_and_why(alice_client, capped):
    page = alice_client.get(f"/plans/{capped.pk}/").content.decode()
    assert "Changed to follow your limits." in page
    assert SET in page and "your plan now uses 0.2 mm" in page


def test_technique_and_finish_offer_nothing_above_the_cap(alice_client, capped):
    key = alice_client.post(f"/plans/{capped.pk}/start/")["Location"].split("/")[2]
    alice_client.post(
        f"/sessions/{key}/prepare/",
        {"cleanse": "on", "sterilise": "on", "skin_check": "on", "patch_test": "on"},
    )
    assert "Cheeks: 0.2 mm" in alice_client.get(f"/sessions/{key}/technique/").content.decode()
    form = alice_client.get(f"/sessions/{key}/finish/").content.decode()
    assert 'max="0.2"' in form and SET in form


def test_a_draft_started_before_the_cap_cannot_be_finished_above_it(alice, alice_client, grant_of):
    plan = ready(alice, lengths=(0.2, 0.25, 0.5))
    key = alice_client.post(f"/plans/{plan.pk}/start/")["Location"].split("/")[2]
    sharing.set_limits(grant_of("sessions_recovery"), {"cheeks": "0.2"}, None)
    response = finish(alice_client, key, mm="0.25")
    assert response.status_code == 400
    assert "Cheeks: at most 0.2 mm. " + SET in response.content.decode()
    assert TreatmentSession.objects.get(key=key).status == "draft"
    assert not SessionArea.objects.exists()


def test_the_service_refuses_a_record_above_a_cap_the_plan_was_not_clamped_to(alice, grant_of):
    """Grants can change without a clamp (one written directly, say): the cap still holds."""
    plan = ready(alice)
    grant = grant_of("sessions_recovery")
    Grant.objects.filter(pk=grant.pk).update(needle_mm_by_area={"cheeks": 0.2})
    draft = services.start_session(alice, plan)
    with pytest.raises(ValidationError) as refused:
        services.finish_session(alice, draft.key, [_record("cheeks", 0.25)])
    [message] = refused.value.message_dict["needle_mm"]
    assert message.startswith("0.25 mm is above the limit. Bob set a limit of 0.2 mm")
    assert not SessionArea.objects.exists()
    blocks = gate.blocks(alice, plan, NOW, NOW.date())
    [over] = [b for b in blocks if b.code == "over_cap"]
    assert over.message.startswith("This plan uses 0.25 mm on your cheeks. Bob set a limit")


def test_the_api_refuses_a_record_above_the_cap_and_writes_nothing(alice, capped):
    client = login(alice)
    body = {"areas": [_record("cheeks", 0.25)]}
    response = client.post(
        f"/api/plans/{capped.pk}/sessions", body, content_type="application/json"
    )
    assert response.status_code == 422
    [detail] = response.json()["detail"]
    assert detail["msg"].startswith("0.25 mm is above the limit. " + SET)
    assert not TreatmentSession.objects.exists()  # not even a draft


def test_the_api_gate_refuses_a_plan_above_the_cap(alice, grant_of):
    plan = ready(alice)
    grant = grant_of("sessions_recovery")
    Grant.objects.filter(pk=grant.pk).update(needle_mm_by_area={"cheeks": 0.2})
    response = login(alice).post(
        f"/api/plans/{plan.pk}/sessions",
        {"areas": [_record("cheeks", 0.2)]},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert "This plan uses 0.25 mm on your cheeks" in response.json()["detail"]
    assert not TreatmentSession.objects.exists()


def test_revoking_a_raised_cap_brings_the_plan_back_within_the_home_cap(alice, grant_of):
    plan = ready(alice, lengths=(0.25, 0.5, 0.75))
    grant = grant_of("sessions_recovery")
    sharing.set_limits(grant, {"cheeks": "0.75"}, None)
    Plan.objects.filter(pk=plan.pk).update(needle_mm={"cheeks": 0.75, "forehead": 0.25})
    assert sharing.revoke(alice, grant.pk)
    plan.refresh_from_db()
    # The longest length the plan may choose now: texture at a first session is 0.25 mm.
    assert plan.needle_mm["cheeks"] == 0.25
    assert plan.limit_note == (
        "The home limit for your cheeks is 0.5 mm: your plan now uses 0.25 mm."
    )


def test_the_effective_limits_are_sharings_through_the_registry(alice, grant_of):
    assert limits.effective_limits(alice) == Limits()
    sharing.set_limits(grant_of("sessions_recovery"), {"cheeks": "0.3"}, 21)
    assert limits.effective_limits(alice) == limits_for(alice)
    cap = limits.cap_for(alice, "cheeks")
    assert cap.mm == 0.3 and cap.by is not None and cap.by.name == "Bob"
    home = limits.cap_for(alice, "forehead")
    assert home.mm == 0.5 and home.by is None


def test_no_source_means_no_limits():
    assert limits.Sources([]).limits == Limits()
    assert limits.Sources([]).cap("nose").mm == 0.25


def test_treatments_and_products_do_not_import_sharing():
    from pathlib import Path

    import needlewise

    root = Path(needlewise.__file__).parent
    for app in ("treatments", "products"):
        for path in (root / app).rglob("*.py"):
            assert "needlewise.sharing" not in path.read_text(), path
