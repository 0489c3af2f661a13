from __future__ import annotations

import pytest
import time_machine

from needlewise.accounts.models import Profile
from needlewise.rules.vocab import CONDITIONS
from needlewise.suitability.models import SuitabilityCheck
from needlewise.suitability.questions import ASKED_CODES, STEPS
from tests.suitability.helpers import complete_check, step_data

TODAY = "2026-11-23 12:00Z"


def test_every_screening_code_is_asked():
    assert ASKED_CODES == CONDITIONS


def test_nothing_is_pre_ticked(alice_client):
    for step in STEPS[1:]:  # step 1 only offers "I don't know yet" for an unknown skin type
        html = alice_client.get(f"/check/step/{step.slug}/").content.decode()
        assert "checked" not in html, step.slug


@time_machine.travel(TODAY, tick=False)
def test_a_clear_check_is_go_and_stored_with_answers_and_rules_version(alice_client, alice):
    response = complete_check(alice_client)
    check = SuitabilityCheck.objects.get(user=alice)
    assert response["Location"] == f"/check/{check.pk}/"
    assert check.verdict == "go"
    assert check.answers["areas"] == ["cheeks", "forehead"]
    assert check.concerns == ["texture"]
    assert len(check.rules_version) == 12
    assert str(check.expires_on) == "2027-02-21"  # 90 days
    page = alice_client.get(response["Location"]).content.decode()
    assert "Nothing in your answers rules out microneedling at home" in page


@time_machine.travel(TODAY, tick=False)
def test_sunburn_means_not_now_with_a_recheck_date(alice_client, alice):
    complete_check(alice_client, {"sunburn"})
    check = SuitabilityCheck.objects.get(user=alice)
    assert (check.verdict, str(check.recheck_on), str(check.expires_on)) == (
        "not_now",
        "2026-11-30",
        "2026-11-30",
    )
    page = alice_client.get(f"/check/{check.pk}/").content.decode()
    assert "30 November 2026" in page
    assert "How to consult a professional" in page


@time_machine.travel(TODAY, tick=False)
def test_recent_peel_asks_for_a_professional_until_two_weeks_after(alice_client, alice):
    complete_check(alice_client, procedures={"peel": "2026-11-20"})
    check = SuitabilityCheck.objects.get(user=alice)
    assert check.verdict == "see_professional"
    assert str(check.recheck_on) == "2026-12-04"
    assert check.answers["recent_procedures"] == [{"kind": "peel", "date": "2026-11-20"}]


@time_machine.travel(TODAY, tick=False)
def test_past_isotretinoin_with_a_last_dose_sets_a_recheck(alice_client, alice):
    complete_check(
        alice_client, {"isotretinoin_past"}, medicines={"isotretinoin_last_dose": "2026-10-01"}
    )
    check = SuitabilityCheck.objects.get(user=alice)
    assert check.verdict == "see_professional"
    assert str(check.recheck_on) == "2027-04-01"


def test_the_check_updates_birth_date_and_skin_type_in_the_profile(alice_client, alice):
    complete_check(alice_client, **{"about-you": {"skin_type": "5"}})
    profile = Profile.objects.get(user=alice)
    assert (str(profile.birth_date), profile.skin_type) == ("1990-04-02", 5)
    assert SuitabilityCheck.objects.get(user=alice).verdict == "caution"


@pytest.mark.parametrize(
    "slug, data, field, message",
    [
        ("about-you", {"birth_date": "", "skin_type": "2"}, "birth_date", "fill this in"),
        ("about-you", {"birth_date": "2999-01-01"}, "birth_date", "future"),
        (
            "about-you",
            {"birth_date": "1990-01-01", "skin_type": "9"},
            "skin_type",
            "options offered",
        ),
        ("health", {"conditions": ["sunburn"]}, "conditions", "options offered"),
        (
            "medicines",
            {"conditions": [], "isotretinoin_last_dose": "2026-01-01"},
            "isotretinoin_last_dose",
            "Tick",
        ),
        (
            "medicines",
            {"conditions": ["isotretinoin_past"], "isotretinoin_last_dose": "2999-01-01"},
            "isotretinoin_last_dose",
            "future",
        ),
        ("procedures", {"laser": "2999-01-01"}, "laser", "future"),
        ("procedures", {"laser": "last week"}, "laser", "not a date"),
        ("areas", {"areas": [], "concerns": ["texture"]}, "areas", "at least one area"),
        ("areas", {"areas": ["scalp"], "concerns": ["texture"]}, "areas", "options offered"),
        ("areas", {"areas": ["cheeks"]}, "concerns", "at least one thing"),
    ],
)
def test_bad_answers_are_explained_and_nothing_is_saved(
    alice_client, alice, slug, data, field, message
):
    response = alice_client.post(f"/check/step/{slug}/", data)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert not SuitabilityCheck.objects.exists()


def test_finishing_with_a_skipped_step_goes_back_to_it(alice_client, alice):
    response = alice_client.post("/check/step/areas/", step_data("areas", set()))
    assert response["Location"] == "/check/step/about-you/"
    assert not SuitabilityCheck.objects.exists()


def test_answers_are_kept_when_going_back(alice_client):
    alice_client.post("/check/step/about-you/", step_data("about-you", set()))
    alice_client.post("/check/step/health/", {"conditions": ["breastfeeding"]})
    html = alice_client.get("/check/step/health/").content.decode()
    assert 'value="breastfeeding"' in html and "checked" in html


def test_unknown_step_is_404(alice_client):
    assert alice_client.get("/check/step/nope/").status_code == 404


@pytest.mark.parametrize("url", ["/check/", "/check/step/about-you/", "/check/1/"])
def test_anonymous_visitors_are_sent_to_log_in(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_wrong_methods_are_405(alice_client):
    assert alice_client.post("/check/").status_code == 405
    assert alice_client.delete("/check/step/about-you/").status_code == 405
    assert alice_client.post("/check/1/").status_code == 405
