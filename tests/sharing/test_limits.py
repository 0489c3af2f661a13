"""A professional's limits: the rule core recommends shorter needles and later sessions, the
strictest active grant wins, a raise only comes from a grant that sets it, and who set what."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from needlewise.products.models import AvoidEntry
from needlewise.rules import intervals, needles
from needlewise.rules.limits import Limits
from needlewise.sharing import services
from needlewise.sharing.limits import limits_for, set_by
from needlewise.sharing.models import Grant
from tests.conftest import make_user
from tests.sharing.conftest import expire, make_grant
from tests.treatments.conftest import NOW

SESSION = intervals.Session(NOW - timedelta(days=1), 0.25, ("cheeks",))


def _next(limits: Limits) -> date:
    return intervals.next_allowed([SESSION], [], limits).next_allowed


def test_no_grant_means_no_limits(alice):
    assert limits_for(alice) == Limits()


def test_a_professional_limit_lowers_the_recommended_length(alice, grant_of):
    before = needles.recommend("fine_lines", "cheeks", [0.25, 0.5], limits=limits_for(alice))
    services.set_limits(grant_of("sessions_recovery"), {"cheeks": "0.25"}, None)
    after = needles.recommend("fine_lines", "cheeks", [0.25, 0.5], limits=limits_for(alice))
    assert (before.recommended_mm, after.recommended_mm) == (0.5, 0.25)


def test_a_professional_may_raise_the_cap_to_1_mm_but_not_past_it(alice, grant_of):
    grant = grant_of("sessions_recovery")
    services.set_limits(grant, {"cheeks": "1.0"}, None)
    advice = needles.recommend("acne_scars", "cheeks", [0.5, 1.0], limits=limits_for(alice))
    assert advice.home_cap_mm == 1.0
    with pytest.raises(services.InputError) as error:
        services.set_limits(grant, {"cheeks": "1.5"}, None)
    assert error.value.field == "needle_mm_by_area.cheeks"
    assert Grant.objects.get().needle_mm_by_area == {"cheeks": 1.0}


def test_a_professional_interval_delays_the_next_session(alice, grant_of):
    usual = _next(limits_for(alice))
    services.set_limits(grant_of("sessions_recovery"), {}, 28)
    delayed = _next(limits_for(alice))
    assert delayed == (NOW - timedelta(days=1)).date() + timedelta(days=28)
    assert delayed > usual


def test_the_strictest_active_grant_wins_and_a_raise_needs_a_grant_that_sets_it(alice, pro, clock):
    dee = make_user("dee@example.com", "Dee")
    services.save_professional(dee, "Nurse")
    first = make_grant(alice, pro, ["sessions_recovery"])
    second = make_grant(alice, dee, ["sessions_recovery"])
    services.set_limits(first, {"cheeks": "1.0", "forehead": "0.75"}, 14)
    services.set_limits(second, {"cheeks": "0.25"}, 30)
    limits = limits_for(alice)
    assert limits.max_needle_mm_by_area == {"cheeks": 0.25, "forehead": 0.75}
    assert limits.min_interval_days == 30
    assert limits.needle_cap("neck") is None  # nobody set it: the home cap applies


def test_revoked_expired_and_other_scope_grants_set_no_limits(alice, pro, grant_of, clock):
    services.set_limits(grant_of("sessions_recovery"), {"cheeks": "0.25"}, 40)
    other = grant_of("products")
    services.set_limits(other, {"forehead": "0.25"}, 50)  # stored, but the scope does not count
    assert limits_for(alice).min_interval_days == 40
    expire(clock)
    assert limits_for(alice) == Limits()


def test_avoid_entries_from_the_professional_count_while_the_grant_is_active(alice, grant_of):
    grant = grant_of("sessions_recovery")
    entry = services.add_avoid(grant, category="retinoid", note="Not during treatment")
    assert entry.added_by == grant.professional
    assert limits_for(alice).avoid == frozenset({"retinoid"})
    assert services.revoke(alice, grant.pk)
    assert limits_for(alice).avoid == frozenset()
    assert AvoidEntry.objects.filter(user=alice).count() == 1  # the person's own list keeps it


def test_set_by_names_who_set_what(alice, grant_of):
    grant = grant_of("sessions_recovery")
    services.set_limits(grant, {"under_eye": "0.25"}, 21)
    services.add_avoid(grant, category="retinoid")
    [source] = set_by(alice)
    assert (source.name, source.profession, source.verified) == ("Bob", "Dermatologist", False)
    assert source.lines == (
        "Under the eyes: needles up to 0.25 mm",
        "At least 21 days between sessions",
        "Avoid retinoids",
    )
    assert isinstance(source.set_at, datetime)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"mm_cheeks": "1.5"}, "At home the most is 1.0 mm, even with your limit."),
        ({"mm_cheeks": "0"}, "Give at least 0.1 mm."),
        ({"mm_cheeks": "lots"}, "Give a length in mm, e.g. 0.5."),
        ({"min_interval_days": "0"}, "Give at least 1 day."),
        ({"min_interval_days": "400"}, "Give at most 365 days."),
    ],
)
def test_bad_limits_are_a_400_with_the_message_and_nothing_written(
    data, message, bob_client, grant_of
):
    grant = grant_of("sessions_recovery")
    response = bob_client.post(f"/sharing/clients/{grant.pk}/limits/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    grant.refresh_from_db()
    assert grant.needle_mm_by_area == {}
    assert grant.min_interval_days is None and grant.limits_set_at is None


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"needle_mm_by_area": {"cheeks": 1.2}}, ["body", "needle_mm_by_area", "cheeks"]),
        ({"needle_mm_by_area": {"elbow": 0.5}}, ["body", "needle_mm_by_area", "elbow"]),
        ({"min_interval_days": 0}, ["body", "min_interval_days"]),
        ({"surprise": 1}, ["body", "surprise"]),
    ],
)
def test_bad_limits_by_api_are_a_422_naming_the_field(body, loc, bob_client, grant_of):
    grant = grant_of("sessions_recovery")
    response = bob_client.put(f"/api/sharing/clients/{grant.pk}/limits", body,
                              content_type="application/json")  # fmt: skip
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == loc
    grant.refresh_from_db()
    assert grant.limits_set_at is None


def test_the_client_sees_set_by_on_the_sharing_page(alice_client, bob_client, grant_of):
    grant = grant_of("sessions_recovery")
    bob_client.post(f"/sharing/clients/{grant.pk}/limits/", {"mm_cheeks": "0.25"})
    html = alice_client.get("/sharing/").content.decode()
    assert "Set by Bob" in html
    assert "Cheeks: needles up to 0.25 mm" in html
