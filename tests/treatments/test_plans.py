from __future__ import annotations

import pytest

from needlewise.devices import services as devices
from needlewise.treatments.models import Plan
from tests.treatments.conftest import do_session, ready


def test_a_plan_gets_the_safe_default_length_per_area(plan):
    # first session and skin type 2: the rule core caps at 0.25 mm even where 0.5 is allowed
    assert plan.needle_mm == {"cheeks": 0.25, "forehead": 0.25}
    assert plan.course_length == 6


def test_the_plan_page_shows_the_next_date_and_the_schedule(alice_client, plan):
    html = alice_client.get(f"/plans/{plan.pk}/").content.decode()
    assert "Monday 23 November" in html
    assert html.count("<li>") >= 6  # six upcoming dates


def test_after_a_short_needle_the_plan_page_waits_a_week_and_explains_why(
    alice_client, plan, clock
):
    do_session(alice_client, plan)  # 0.25 mm on Monday 23 November
    html = alice_client.get(f"/plans/{plan.pk}/").content.decode()
    assert 'data-testid="next-date">From <strong>Monday 30 November</strong>' in html
    assert "wait at least 7 days (a week)" in html
    assert "Some web guides allow two or three days" in html
    assert 'Sources disagree on this wait: <a href="/rules/#disagree.home_intervals">' in html
    assert html.count('data-testid="disagreement"') == 1  # once, though two areas were needled
    upcoming = html.split('id="schedule-heading"')[1]
    assert "Mon 30 Nov</li><li>Mon 7 Dec" in upcoming.replace("\n", "")


def test_lengths_can_be_lowered_but_never_raised_above_the_advice(alice_client, alice, plan):
    response = alice_client.post(f"/plans/{plan.pk}/", {"cheeks": "0.5", "forehead": "0.25"})
    assert response.status_code == 400
    assert "options offered" in response.content.decode()
    plan.refresh_from_db()
    assert plan.needle_mm["cheeks"] == 0.25


def test_a_device_with_only_longer_needles_is_refused_with_the_reason(alice_client, alice, clock):
    device = devices.add_device(alice, kind="roller", name="Long", lengths_mm=[1.0])
    response = alice_client.post(
        "/plans/new/",
        {
            "concern": "texture",
            "areas": ["cheeks"],
            "device": device.pk,
            "start_date": "2026-11-23",
            "course_length": "6",
        },
    )
    assert response.status_code == 400
    assert "shorter head or a different device" in response.content.decode()
    assert not Plan.objects.exists()


@pytest.mark.parametrize(
    "change, field",
    [
        ({"areas": []}, "areas"),
        ({"concern": "wrinkles"}, "concern"),
        ({"course_length": "0"}, "course_length"),
        ({"start_date": "soon"}, "start_date"),
    ],
)
def test_bad_plan_input_is_explained_and_nothing_is_written(
    alice_client, alice, clock, change, field
):
    device = devices.add_device(alice, kind="roller", name="R", lengths_mm=[0.25])
    data = {
        "concern": "texture",
        "areas": ["cheeks"],
        "device": device.pk,
        "start_date": "2026-11-23",
        "course_length": "6",
        **change,
    }
    response = alice_client.post("/plans/new/", data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Plan.objects.exists()


def test_someone_elses_device_cannot_be_used(alice_client, carol, clock):
    device = devices.add_device(carol, kind="roller", name="R", lengths_mm=[0.25])
    response = alice_client.post(
        "/plans/new/",
        {
            "concern": "texture",
            "areas": ["cheeks"],
            "device": device.pk,
            "start_date": "2026-11-23",
            "course_length": "6",
        },
    )
    assert response.status_code == 400
    assert "device" in response.context["form"].errors


def test_a_paused_plan_can_be_resumed_by_its_owner(alice_client, plan):
    Plan.objects.filter(pk=plan.pk).update(status="paused", paused_reason="A red flag.")
    assert alice_client.post(f"/plans/{plan.pk}/resume/").status_code == 302
    plan.refresh_from_db()
    assert plan.status == "active"


def test_ready_helper_sets_pens_up_with_a_cartridge(bob, clock):
    pen_plan = ready(bob, kind="pen", lengths=(0.25,))
    assert pen_plan.device.kind == "pen"
