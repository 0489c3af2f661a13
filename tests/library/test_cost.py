"""The cost of home care: per session so far, and against the same number of clinic sessions."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from needlewise.library import costs
from needlewise.library.models import ClinicPrice, CostEntry
from tests.treatments.conftest import do_session


def test_cost_per_session_and_the_clinic_comparison(alice_client, alice, plan, clock):
    alice_client.post(
        "/library/cost/",
        {"on": "2026-11-20", "kind": "device", "description": "Roller", "amount": "30.00"},
    )
    alice_client.post("/library/cost/", {"on": "2026-11-21", "kind": "serum", "amount": "12.50"})
    alice_client.post("/library/cost/clinic-price/", {"per_session": "150"})
    do_session(alice_client, plan)
    clock.shift(timedelta(days=7))  # 0.25 mm: a week before the same area again
    alice_client.post("/library/cost/", {"on": "2026-11-25", "kind": "heads", "amount": "7.50"})
    from needlewise.devices.services import record_sterilisation

    record_sterilisation(plan.device)
    do_session(alice_client, plan)
    summary = costs.summary(alice)
    assert [p.home for p in summary.points] == [Decimal("42.50"), Decimal("50.00")]
    assert [p.clinic for p in summary.points] == [Decimal("150"), Decimal("300")]
    assert summary.per_session == Decimal("25")
    html = alice_client.get("/library/cost/").content.decode()
    assert "After 2 sessions, home care has cost €50.00 in all, €25.00 per session." in html
    assert "The same number of clinic sessions would cost €300.00." in html
    chart = alice_client.get("/library/cost/chart.svg")
    assert chart["Content-Type"] == "image/svg+xml"
    assert chart["Cache-Control"] == "private, no-store"
    assert b"<svg" in chart.content


def test_without_sessions_the_page_says_so(alice_client):
    html = alice_client.get("/library/cost/").content.decode()
    assert "No sessions yet" in html


@pytest.mark.parametrize(
    "data, message",
    [
        ({"on": "2026-11-20", "kind": "device", "amount": "-5"}, "above zero"),
        ({"on": "2999-01-01", "kind": "device", "amount": "5"}, "future"),
        ({"on": "soon", "kind": "device", "amount": "5"}, "not a date"),
        ({"on": "2026-11-20", "kind": "yacht", "amount": "5"}, "options offered"),
        ({"on": "2026-11-20", "kind": "device", "amount": "lots"}, "number"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_written(alice_client, clock, data, message):
    response = alice_client.post("/library/cost/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CostEntry.objects.exists()


def test_a_bad_clinic_price_is_refused(alice_client):
    response = alice_client.post("/library/cost/clinic-price/", {"per_session": "0"})
    assert response.status_code == 400
    assert not ClinicPrice.objects.exists()


def test_another_person_cannot_remove_an_entry(alice, client, carol, clock):
    entry = costs.add_entry(alice, on=date(2026, 11, 20), kind="device", amount=Decimal("30"))
    client.force_login(carol, backend="django.contrib.auth.backends.ModelBackend")
    assert client.post(f"/library/cost/{entry.pk}/delete/").status_code == 404
    assert CostEntry.objects.filter(pk=entry.pk).exists()


def test_methods_and_login(client, alice_client, db):
    assert alice_client.get("/library/cost/clinic-price/").status_code == 405
    assert alice_client.get("/library/cost/1/delete/").status_code == 405
    assert client.get("/library/cost/")["Location"].startswith("/accounts/login/")
