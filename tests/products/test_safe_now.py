"""products.queries.safe_now: each product's level for the hours since the last session."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine
from django.utils import timezone

from needlewise.products import queries, services
from needlewise.treatments.models import Plan
from tests.products.conftest import NOW, add, at, session_at_now

# POLICY.md section 4: retinoid and aha avoid 168 h, fragrance avoid 72 h, soothing recommended.
EXPECTED = {
    24: {
        "retinol serum": "avoid",
        "glycolic toner": "avoid",
        "fragranced moisturiser": "avoid",
        "hyaluronic serum": "ok",
        "mineral sunscreen": "ok",
    },
    80: {
        "retinol serum": "avoid",
        "glycolic toner": "avoid",
        "fragranced moisturiser": "ok",
        "hyaluronic serum": "ok",
        "mineral sunscreen": "ok",
    },
    200: {
        "retinol serum": "ok",
        "glycolic toner": "ok",
        "fragranced moisturiser": "ok",
        "hyaluronic serum": "ok",
        "mineral sunscreen": "ok",
    },
}


def levels(user):
    return {s.product.name: s.level for s in queries.safe_now(user, timezone.now())}


@pytest.mark.parametrize("hours", [24, 80, 200])
def test_the_shelf_gets_the_policy_levels_after_a_session(alice, shelf, session, hours):
    with at(hours):
        assert levels(alice) == EXPECTED[hours]


def test_each_avoid_says_why_and_when_it_is_ok_again(alice, shelf, session):
    with at(24):
        found = {s.product.name: s for s in queries.safe_now(alice, timezone.now())}
    retinol = found["retinol serum"]
    assert retinol.ok_again_at == NOW + timedelta(hours=168)
    assert found["fragranced moisturiser"].ok_again_at == NOW + timedelta(hours=72)
    assert found["hyaluronic serum"].ok_again_at is None
    [reason] = retinol.concerns
    assert reason.category == "retinoid" and reason.grade == "CLINIC" and reason.sources
    assert "Retinol" in reason.message
    assert [r.ingredient for r in found["hyaluronic serum"].good] == [
        "Sodium Hyaluronate",
        "Panthenol",
    ]
    assert retinol.hours_since_session == 24


def test_it_uses_the_last_session_only(alice, shelf, session):
    from needlewise.treatments import services as treatments

    with at(200):
        plan = Plan.objects.get(user=alice)
        draft = treatments.start_session(alice, plan)
        rec = {"needle_mm": 0.25, "passes": 4, "pain": 2, "bleeding": "none", "area": "cheeks"}
        treatments.finish_session(alice, draft.key, [rec])
    with at(210):
        assert levels(alice)["retinol serum"] == "avoid"


def test_without_a_session_it_shows_the_windows_after_the_next_one(alice, shelf):
    with at(0):
        found = {s.product.name: s for s in queries.safe_now(alice, timezone.now())}
    retinol = found["retinol serum"]
    assert retinol.session_at is None and retinol.hours_since_session is None
    assert retinol.level == "avoid" and retinol.ok_again_at is None
    assert retinol.concerns[0].until_hours == 168


def test_an_avoid_list_entry_is_flagged_on_every_product_that_has_it(alice, bob, shelf, session):
    services.add_avoid(alice, ingredient="  PHENOXYETHANOL ")
    services.add_avoid(alice, category="soothing", added_by=bob)
    with at(200):
        found = {s.product.name: s for s in queries.safe_now(alice, timezone.now())}
    with_it = {"retinol serum", "glycolic toner", "fragranced moisturiser", "hyaluronic serum"}
    for name, status in found.items():
        if name in with_it:
            assert status.level == "avoid" and status.avoid_listed, name
            assert status.ok_again_at is None
            messages = [r.message.casefold() for r in status.concerns]
            assert "on your avoid list: phenoxyethanol (added by you)." in messages
        else:
            assert status.level == "ok" and not status.avoid_listed
    soothing = [r.message for r in found["hyaluronic serum"].concerns if r.category]
    assert soothing and all("added by bob@example.com" in m for m in soothing)


def test_an_unreadable_label_is_caution_not_ok(alice, session):
    product = add(alice, "mystery cream", "Ingredients:")
    with at(24):
        [status] = queries.safe_now(alice, timezone.now())
    assert status.product == product and status.unreadable
    assert status.level == "caution"
    assert "could not read" in status.concerns[0].message


def test_a_product_past_its_period_after_opening_is_flagged(alice):
    with at(0):
        add(alice, "old cream", "Aqua, Glycerin", opened_on=date(2025, 10, 1), pao_months=12)
        add(alice, "new cream", "Aqua, Glycerin", opened_on=date(2026, 10, 1), pao_months=12)
        add(alice, "unopened", "Aqua, Glycerin")
        found = {s.product.name: s for s in queries.safe_now(alice, timezone.now())}
    assert found["old cream"].past_use_by and found["old cream"].product.use_by == date(2026, 10, 1)
    assert not found["new cream"].past_use_by and not found["unopened"].past_use_by


def test_before_the_next_planned_session_it_lists_products_to_stop(alice, shelf):
    with time_machine.travel(NOW, tick=False):
        from tests.treatments.conftest import ready

        plan = ready(alice)
        Plan.objects.filter(pk=plan.pk).update(start_date=NOW.date() + timedelta(days=10))
        before = queries.before_next_session(alice, timezone.now())
    assert before is not None and before.on == NOW.date() + timedelta(days=10)
    assert before.stop_from == before.session_at - timedelta(hours=72)
    names = {p.name: {w.topic for w in windows} for p, windows in before.products}
    assert names == {"retinol serum": {"retinoid"}, "glycolic toner": {"aha"}}
    [(_, [window])] = [row for row in before.products if row[0].name == "retinol serum"]
    assert window.rule == "aftercare.before_session_actives" and window.grade == "CLINIC"


def test_no_plan_means_no_before_session_row(alice, shelf):
    assert queries.before_next_session(alice, timezone.now()) is None


def test_products_in_windows_groups_the_shelf_by_topic(alice, shelf):
    makeup = add(alice, "tinted balm", "Cera Alba, Ricinus Communis Seed Oil", kind="makeup")
    windows = queries.products_in_windows(alice, NOW)
    names = {topic: [p.name for p in products] for topic, products in windows.items()}
    assert names["retinoid"] == ["retinol serum"]
    assert names["aha"] == ["glycolic toner"]
    assert names["fragrance"] == ["fragranced moisturiser"]
    assert names["sunscreen"] == ["mineral sunscreen"]
    assert names["makeup"] == [makeup.name]
    assert "hyaluronic serum" in names["soothing"]
    assert "bha" not in names


def test_ok_again_times_for_reminders(alice, shelf, session, bob):
    services.add_avoid(alice, category="aha", added_by=bob)
    times = services.ok_again_times(alice, session)
    assert [(p.name, t) for p, t in times] == [
        ("fragranced moisturiser", NOW + timedelta(hours=72)),
        ("retinol serum", NOW + timedelta(hours=168)),
    ]


def test_other_people_see_nothing_of_the_shelf(alice, carol, shelf, session):
    assert queries.safe_now(carol, timezone.now()) == []
    assert queries.products_in_windows(carol, NOW) == {}
    assert services.ok_again_times(carol, session) == []
    session_at_now(carol)
    assert len(queries.safe_now(alice, timezone.now())) == 5
