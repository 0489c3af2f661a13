"""The aftercare timeline groups POLICY.md §4 windows by horizon, with countdowns."""

from __future__ import annotations

from datetime import timedelta

from tests.treatments.conftest import do_session


def _page(client, key):
    response = client.get(f"/sessions/{key}/aftercare/")
    assert response.status_code == 200
    return response


def test_at_30_hours_the_second_horizon_is_current_with_countdowns(alice_client, plan, clock):
    key = do_session(alice_client, plan)
    clock.shift(timedelta(hours=30))
    response = _page(alice_client, key)
    timeline = response.context["timeline"]
    first, second, third, week = timeline.horizons
    assert second.current and first.past and not third.current
    avoid_first = {w["topic"] for w in first.avoid}
    avoid_week = {w["topic"] for w in week.avoid}
    assert {"makeup", "sun", "retinoid", "sweaty_exercise"} <= avoid_first
    assert "makeup" not in avoid_week and "retinoid" in avoid_week
    assert "sunscreen" in {w["topic"] for w in second.do}
    assert "sunscreen" not in {w["topic"] for w in first.do}
    html = response.content.decode().replace("\xa0", " ")
    assert "OK again in 5 days, 18 hours" in html  # retinoids: 168 h - 30 h


def test_tips_and_sources_are_shown(alice_client, plan, clock):
    key = do_session(alice_client, plan)
    html = _page(alice_client, key).content.decode()
    assert "lukewarm water only" in html
    assert "technique.after.hands_off" in html
    assert "aftercare.actives" in html


def test_today_shows_open_windows_only_while_they_are_open(alice_client, plan, clock):
    key = do_session(alice_client, plan)
    clock.shift(timedelta(hours=2))
    html = alice_client.get("/").content.decode()
    assert "Aftercare now" in html and f"/sessions/{key}/aftercare/" in html
    clock.shift(timedelta(days=8))
    alice_client.force_login(plan.user, backend="django.contrib.auth.backends.ModelBackend")
    assert "Aftercare now" not in alice_client.get("/").content.decode()


def test_another_person_cannot_see_the_timeline(alice_client, plan, carol, client):
    key = do_session(alice_client, plan)
    client.force_login(carol, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(f"/sessions/{key}/aftercare/").status_code == 404


def test_the_persons_own_products_are_listed_in_their_windows(alice_client, alice, plan, clock):
    from needlewise.products import services as products

    products.add_product(
        alice, name="Night retinol serum", kind="serum", ingredients_text="Aqua, Retinol, Glycerin"
    )
    key = do_session(alice_client, plan)
    html = _page(alice_client, key).content.decode()
    assert html.count("Night retinol serum") >= 1
    timeline = alice_client.get(f"/sessions/{key}/aftercare/").context["products"]
    assert [p.name for p in timeline["retinoid"]] == ["Night retinol serum"]
