"""Late check-ins (POLICY.md section 8): two questions 21 and 56 days after every session, due
from the start of that local day, kept due across later sessions, a yes escalated like an early
red flag, one answer per session and day."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest
import time_machine
from django.test import Client

from needlewise.notifications.models import Notification
from needlewise.recovery import late, queries, services
from needlewise.recovery.models import CheckIn, Escalation
from needlewise.rules.errors import InputError
from needlewise.sharing import services as sharing
from needlewise.treatments.models import Plan
from tests.recovery.conftest import nothing_written
from tests.reminders.conftest import finish
from tests.sharing.conftest import make_grant
from tests.treatments.conftest import NOW

#: The session is done at NOW (19:00 UTC, 23 Nov): day 21 opens at 00:00 UTC on 14 Dec.
DAY_21 = NOW.replace(hour=0) + timedelta(days=21)
NO = {"new_bumps": False, "nonhealing_sore": False}
SORE = {"new_bumps": False, "nonhealing_sore": True}


def at(moment):
    return time_machine.travel(moment, tick=False)


def post_json(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_no_to_both_is_normal_and_asks_nothing_it_did_not_ask(alice, session):
    _, done = session
    with at(DAY_21 + timedelta(hours=9)):
        checkin = services.record_late_checkin(alice, done.key, 21, NO)
    assert (checkin.kind, checkin.late_day, checkin.level) == ("late", 21, "normal")
    assert (checkin.redness, checkin.pain, checkin.bleeding, checkin.symptoms) == (
        None,
        None,
        "",
        [],
    )
    assert checkin.advice.startswith("Nothing to do now.")
    assert not Escalation.objects.exists()
    assert queries.previous_checkin(done) is None  # no redness to compare the next one with
    assert queries.rule_checkins(alice) == []  # nor for the interval rule


def test_a_yes_pauses_plans_and_mails_the_person_and_the_professional(
    alice, bob, session, smtp, django_capture_on_commit_callbacks
):
    plan, done = session
    sharing.save_professional(bob, "Dermatologist", "GMC 1234567")
    make_grant(alice, bob, ["sessions_recovery"])
    smtp.messages.clear()
    with at(DAY_21 + timedelta(hours=9)), django_capture_on_commit_callbacks(execute=True):
        checkin = services.record_late_checkin(alice, done.key, 21, SORE)
    assert checkin.level == "see_dermatologist"
    assert checkin.symptoms == ["nonhealing_sore"]
    assert "microneedled your cheeks and forehead on 23 November 2026" in checkin.advice
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.PAUSED
    escalation = Escalation.objects.get(user=alice)
    assert escalation.is_open and escalation.checkin_id == checkin.pk
    assert sorted(m["To"] for m in smtp.messages) == sorted([alice.email, bob.email])
    assert Notification.objects.filter(escalation=escalation).count() == 2


@pytest.mark.parametrize(
    "moment, day, field",
    [
        (DAY_21 - timedelta(hours=1), 21, "day"),  # 23:00 the evening before: not yet
        (DAY_21 + timedelta(hours=9), 30, "day"),
        (DAY_21 + timedelta(hours=9), True, "day"),
    ],
)
def test_a_day_not_reached_or_not_a_late_day_is_refused(alice, session, moment, day, field):
    _, done = session
    with at(moment), pytest.raises(InputError) as error:
        services.record_late_checkin(alice, done.key, day, NO)
    assert error.value.field == field
    assert nothing_written()


def test_someone_elses_session_and_bad_answers_are_refused(alice, carol, session):
    _, done = session
    with at(DAY_21 + timedelta(hours=9)):
        with pytest.raises(InputError) as error:
            services.record_late_checkin(carol, done.key, 21, NO)
        assert error.value.field == "session"
        with pytest.raises(InputError) as error:
            services.record_late_checkin(alice, done.key, 21, {"new_bumps": True})
        assert error.value.field == "answers.nonhealing_sore"
        with pytest.raises(InputError) as error:
            services.record_late_checkin(alice, done.key, 21, {**NO, "pus": True})
        assert error.value.field == "answers.pus"
    assert nothing_written()


def test_a_second_answer_for_the_same_day_is_refused_and_the_first_stands(alice, session):
    _, done = session
    with at(DAY_21 + timedelta(hours=9)):
        first = services.record_late_checkin(alice, done.key, 21, NO)
        with pytest.raises(services.AlreadyAnswered):
            services.record_late_checkin(alice, done.key, 21, SORE)
    assert list(CheckIn.objects.values_list("pk", "level")) == [(first.pk, "normal")]


def test_a_later_session_on_the_same_area_keeps_the_earlier_ones_late_check_ins(alice, session):
    _, first = session
    second = finish(alice, NOW + timedelta(days=10))  # cheeks again
    with at(DAY_21 + timedelta(hours=9)):
        items = queries.late_checkins(alice, DAY_21 + timedelta(hours=9))
    assert [(i.session_key, i.day, i.is_due) for i in items] == [
        (first.key, 21, True),
        (second.key, 21, False),
        (first.key, 56, False),
        (second.key, 56, False),
    ]
    with at(DAY_21 + timedelta(hours=9)):
        services.record_late_checkin(alice, first.key, 21, NO)
        after = queries.late_checkins(alice, DAY_21 + timedelta(hours=9))
    assert (after[0].session_key, after[0].day) == (second.key, 21)
    # Unanswered, a late check-in stays due for DUE_DAYS, then is no longer asked for.
    closes = NOW.replace(hour=0) + timedelta(days=31 + late.DUE_DAYS)
    assert (second.key, 21) in [
        (i.session_key, i.day)
        for i in queries.late_checkins(alice, closes - timedelta(minutes=1))
        if i.is_due
    ]
    assert (second.key, 21) not in [
        (i.session_key, i.day) for i in queries.late_checkins(alice, closes)
    ]


def test_the_session_page_still_links_one_no_longer_asked_for(alice, session):
    _, done = session
    with at(NOW + timedelta(days=60)):
        client = Client()  # signed in afresh: a sign-in does not last two months
        client.force_login(alice, backend="django.contrib.auth.backends.ModelBackend")
        page = client.get(f"/recovery/sessions/{done.key}/").content.decode()
    assert f"/recovery/late/{done.key}/21/" in page
    assert f"/recovery/late/{done.key}/56/" in page


def test_the_due_list_is_one_query_however_many_sessions(alice, session, django_assert_num_queries):
    for n in range(1, 6):
        finish(alice, NOW + timedelta(days=n))
    with django_assert_num_queries(1):
        items = queries.late_checkins(alice, DAY_21, tz=UTC)
    assert len(items) == 12


def test_today_and_the_recovery_page_link_the_due_late_check_in(alice_client, session):
    _, done = session
    with at(DAY_21 + timedelta(hours=9)):
        today = alice_client.get("/").content.decode()
        recovery = alice_client.get("/recovery/").content.decode()
    link = f"/recovery/late/{done.key}/21/"
    for page in (today, recovery):
        assert link in page
        assert "Late check-in, day 21</strong> after your session of Mon 23 Nov" in page
        assert "your cheeks and forehead" in page
    with at(NOW + timedelta(days=2)):
        soon = alice_client.get("/").content.decode()
    assert link not in soon
    assert "Next late check-in: day 21 after your session of Mon 23 Nov, from Mon 14 Dec" in soon


def test_the_form_asks_both_questions_and_names_a_missing_answer(alice_client, session):
    _, done = session
    url = f"/recovery/late/{done.key}/21/"
    with at(DAY_21 + timedelta(hours=9)):
        page = alice_client.get(url)
        missing = alice_client.post(url, {"new_bumps": "no"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "New lumps, bumps or nodules on the treated area?" in text
    assert "A sore on the treated area that does not heal?" in text
    assert 'name="csrfmiddlewaretoken"' in text
    assert missing.status_code == 400
    assert "Answer yes or no: A sore on the treated area that does not heal?" in (
        missing.content.decode()
    )
    assert nothing_written()


def test_the_form_before_the_day_says_when_it_opens_and_404s_for_others(
    alice_client, session, carol
):
    _, done = session
    with at(NOW + timedelta(days=3)):
        early = alice_client.get(f"/recovery/late/{done.key}/21/").content.decode()
        assert "This check-in opens on Monday 14 December." in early
        assert alice_client.get(f"/recovery/late/{done.key}/30/").status_code == 404
        other = Client()
        other.force_login(carol, backend="django.contrib.auth.backends.ModelBackend")
        assert other.get(f"/recovery/late/{done.key}/21/").status_code == 404


def test_a_yes_on_the_form_shows_the_level_reasons_and_advice_in_words(alice_client, session):
    _, done = session
    url = f"/recovery/late/{done.key}/21/"
    with at(DAY_21 + timedelta(hours=9)):
        response = alice_client.post(url, {"new_bumps": "yes", "nonhealing_sore": "no"})
        assert response.status_code == 302
        result = alice_client.get(response["Location"]).content.decode()
        again = alice_client.post(url, {"new_bumps": "no", "nonhealing_sore": "no"})
        history = alice_client.get(f"/recovery/sessions/{done.key}/").content.decode()
    assert 'data-level="see_dermatologist"' in result
    assert "21 days after your session of Mon 23 Nov" in result
    assert "New lumps or bumps: <strong>yes</strong>" in result
    assert "A sore that does not heal: <strong>no</strong>" in result
    told = "Tell the dermatologist that you microneedled your cheeks and forehead on 23 November"
    assert told in result
    assert "PEER" in result and "soltani-arabshahi-2014" in result
    assert "None" not in result  # redness, pain and bleeding were not asked
    assert again.status_code == 302 and again["Location"] == response["Location"]
    assert CheckIn.objects.count() == 1
    assert "Late check-in, day 21: new lumps or bumps — yes; a sore that does not heal — no" in (
        history
    )
    assert "None" not in history


def test_the_api_round_trip_and_its_refusals(alice_client, session):
    _, done = session
    url = "/api/recovery/late-checkins"
    body = {"session": str(done.key), "day": 21, "answers": SORE}
    with at(DAY_21 + timedelta(hours=9)):
        created = post_json(alice_client, url, body)
        assert created.status_code == 201, created.content
        out = created.json()
        assert (out["kind"], out["late_day"], out["redness"], out["pain"]) == (
            "late",
            21,
            None,
            None,
        )
        assert out["level"] == "see_dermatologist" and out["symptoms"] == ["nonhealing_sore"]
        assert alice_client.get(f"/api/recovery/checkins/{out['id']}").json() == out
        assert post_json(alice_client, url, body).status_code == 409
        for bad, loc in [
            ({**body, "day": 22}, ["body", "day"]),
            ({**body, "session": "nope"}, ["body", "session"]),
            ({**body, "answers": {"new_bumps": True}}, ["body", "answers", "nonhealing_sore"]),
            ({**body, "answers": {**NO, "new_bumps": "yes"}}, ["body", "answers", "new_bumps"]),
        ]:
            refused = post_json(alice_client, url, bad)
            assert refused.status_code == 422, bad
            assert refused.json()["detail"][0]["loc"] == loc
    assert CheckIn.objects.count() == 1
