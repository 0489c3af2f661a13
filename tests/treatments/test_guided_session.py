from __future__ import annotations

from datetime import timedelta

import pytest

from needlewise.devices.models import OwnedDevice
from needlewise.suitability.models import SuitabilityCheck
from needlewise.treatments.models import Plan, SessionArea, TreatmentSession
from tests.treatments.conftest import NOW, do_session, finish, ready


def test_a_guided_session_is_saved_with_its_areas_and_shows_the_aftercare(alice_client, plan):
    key = do_session(alice_client, plan)
    session = TreatmentSession.objects.get(key=key)
    assert session.status == "done"
    assert SessionArea.objects.filter(session=session).count() == 2
    assert OwnedDevice.objects.get(pk=plan.device_id).uses == 1
    html = alice_client.get(f"/sessions/{key}/").content.decode()
    assert "Aftercare" in html and "Direct sun" in html
    assert "Avoid" in html and "Recommended" in html


def test_the_same_finish_posted_twice_makes_one_session(alice_client, plan):
    key = do_session(alice_client, plan)
    again = finish(alice_client, key)
    assert again.status_code == 302
    assert TreatmentSession.objects.filter(status="done").count() == 1
    assert SessionArea.objects.count() == 2
    assert OwnedDevice.objects.get(pk=plan.device_id).uses == 1


def test_leaving_midway_keeps_a_draft_that_resumes(alice_client, plan):
    first = alice_client.post(f"/plans/{plan.pk}/start/")["Location"]
    second = alice_client.post(f"/plans/{plan.pk}/start/")["Location"]
    assert first == second
    assert TreatmentSession.objects.filter(status="draft").count() == 1
    assert "Resume it" in alice_client.get("/").content.decode()


def test_a_draft_can_be_discarded(alice_client, plan):
    key = alice_client.post(f"/plans/{plan.pk}/start/")["Location"].split("/")[2]
    assert alice_client.post(f"/sessions/{key}/discard/").status_code == 302
    assert not TreatmentSession.objects.exists()


def test_the_checklist_must_be_confirmed(alice_client, plan):
    key = alice_client.post(f"/plans/{plan.pk}/start/")["Location"].split("/")[2]
    response = alice_client.post(f"/sessions/{key}/prepare/", {"cleanse": "on"})
    assert response.status_code == 400
    assert "Please confirm this step" in response.content.decode()
    assert alice_client.get(f"/sessions/{key}/technique/").status_code == 302


def test_numbing_is_not_offered_with_an_anaesthetic_allergy(alice_client, alice, clock):
    plan = ready(alice, conditions=["anaesthetic_allergy"])
    assert SuitabilityCheck.objects.get(user=alice).verdict == "caution"
    key = alice_client.post(f"/plans/{plan.pk}/start/")["Location"].split("/")[2]
    assert "numbing" not in alice_client.get(f"/sessions/{key}/prepare/").content.decode()


def test_a_needle_longer_than_the_plan_is_refused(alice_client, plan):
    key = alice_client.post(f"/plans/{plan.pk}/start/")["Location"].split("/")[2]
    response = finish(alice_client, key, mm="0.5")
    assert response.status_code == 400
    assert (
        "Cheeks: at most 0.25 mm. Your plan allows up to 0.25 mm here." in response.content.decode()
    )
    assert TreatmentSession.objects.get(key=key).status == "draft"


class TestTheGate:
    """One test per blocking reason: the page says why and what to do, and nothing starts."""

    def _refused(self, client, plan, code):
        response = client.post(f"/plans/{plan.pk}/start/")
        assert response.status_code == 409
        assert f'data-code="{code}"' in response.content.decode()
        assert not TreatmentSession.objects.filter(status="draft").exists()
        return response.content.decode()

    def test_no_current_check(self, alice_client, plan, clock):
        SuitabilityCheck.objects.update(expires_on=NOW.date())
        self._refused(alice_client, plan, "check_due")

    def test_a_verdict_that_does_not_allow_home_use(self, alice_client, alice, clock):
        plan = ready(alice, conditions=["sunburn"])
        self._refused(alice_client, plan, "check_verdict")

    def test_the_interval_the_next_day_names_the_date(self, alice_client, plan, clock):
        do_session(alice_client, plan)
        clock.shift(timedelta(days=1))
        html = self._refused(alice_client, plan, "interval")
        assert "Not before Mon 30 Nov" in html  # 0.25 mm: at least a week (POLICY.md section 3)
        assert "Some web guides allow two or three days" in html  # the disagreement, explained

    def test_a_paused_plan(self, alice_client, plan):
        Plan.objects.filter(pk=plan.pk).update(status="paused", paused_reason="Red flag")
        self._refused(alice_client, plan, "plan_paused")

    def test_a_device_not_sterilised_in_24_hours(self, alice_client, plan, clock):
        clock.shift(timedelta(hours=25))
        self._refused(alice_client, plan, "not_sterilised")

    def test_a_pen_without_a_new_cartridge(self, alice_client, alice, clock):
        plan = ready(alice, kind="pen", lengths=(0.25,))
        clock.shift(timedelta(hours=25))
        self._refused(alice_client, plan, "not_sterilised")

    def test_a_plan_without_a_device(self, alice_client, plan):
        Plan.objects.filter(pk=plan.pk).update(device=None)
        self._refused(alice_client, plan, "no_device")

    def test_the_gate_page_itself_explains_on_get(self, alice_client, plan):
        Plan.objects.filter(pk=plan.pk).update(status="paused", paused_reason="Red flag")
        response = alice_client.get(f"/plans/{plan.pk}/start/")
        assert response.status_code == 200
        assert "Red flag" in response.content.decode()


def test_the_course_finishes_after_its_last_session(alice_client, plan, clock):
    Plan.objects.filter(pk=plan.pk).update(course_length=1)
    do_session(alice_client, plan)
    plan.refresh_from_db()
    assert plan.status == "finished"


@pytest.mark.parametrize(
    "path",
    [
        "/plans/{plan}/",
        "/plans/{plan}/start/",
        "/sessions/{key}/",
        "/sessions/{key}/prepare/",
        "/sessions/{key}/technique/",
        "/sessions/{key}/finish/",
    ],
)
def test_another_person_gets_404_everywhere(alice_client, plan, carol, path, client):
    key = do_session(alice_client, plan)
    client.force_login(carol, backend="django.contrib.auth.backends.ModelBackend")
    url = path.format(plan=plan.pk, key=key)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code in (404, 405)


@pytest.mark.parametrize("path", ["/plans/", "/plans/new/", "/plans/1/"])
def test_anonymous_visitors_are_sent_to_log_in(client, db, path):
    assert client.get(path)["Location"].startswith("/accounts/login/")


def test_wrong_methods_are_405(alice_client, plan):
    assert alice_client.post("/plans/").status_code == 405
    assert alice_client.get(f"/plans/{plan.pk}/resume/").status_code == 405
