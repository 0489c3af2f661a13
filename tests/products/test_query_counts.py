"""The shelf and safe-now pages read in a fixed number of queries, whatever the shelf size."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from needlewise.products import services
from tests.products.conftest import SHELF, add, at
from tests.treatments.conftest import NOW, ready

LABELS = list(SHELF.values())


def fill(user, count: int) -> None:
    for i in range(count):
        kind, label = LABELS[i % len(LABELS)]
        add(user, f"product {i:02}", label, kind=kind)


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", ["/products/", "/products/safe-now/", "/api/products/safe-now"])
def test_the_query_count_does_not_grow_with_the_shelf(alice, alice_client, session, url):
    services.add_avoid(alice, category="aha")
    services.add_avoid(alice, ingredient="Parfum")
    fill(alice, 1)
    with at(24):
        one = queries_for(alice_client, url)
        fill(alice, 29)
        thirty = queries_for(alice_client, url)
    assert one == thirty


@pytest.mark.parametrize("url", ["/products/", "/products/safe-now/"])
def test_the_pages_stay_under_a_fixed_budget(
    alice, alice_client, session, url, django_assert_max_num_queries
):
    fill(alice, 30)
    with at(24), django_assert_max_num_queries(20):
        alice_client.get(url)


def _sessions(user, plan, start: int, count: int) -> None:
    """`count` finished sessions, ten days apart, oldest first, each with a check-in."""
    from needlewise.recovery import services as recovery
    from needlewise.treatments import services as treatments
    from needlewise.treatments.models import TreatmentSession

    records = [{"area": "cheeks", "needle_mm": 0.25, "passes": 4, "pain": 1, "bleeding": "none"}]
    for i in range(start, start + count):
        draft = treatments.start_session(user, plan)
        treatments.finish_session(user, draft.key, records)
        recovery.record_checkin(user, {"redness": 1, "pain": 1}, draft.key)
        done_at = NOW - timedelta(days=10 * (40 - i))
        TreatmentSession.objects.filter(pk=draft.pk).update(done_at=done_at)


@pytest.mark.parametrize("url", ["/products/", "/products/safe-now/"])
def test_the_query_count_does_not_grow_with_the_history(alice, alice_client, url):
    from needlewise.treatments.models import Plan

    with time_machine.travel(NOW, tick=False):
        plan = ready(alice)
        Plan.objects.filter(pk=plan.pk).update(course_length=100)  # sessions still to plan
        fill(alice, 5)
        _sessions(alice, plan, 0, 1)
        one = queries_for(alice_client, url)
        _sessions(alice, plan, 1, 29)
        thirty = queries_for(alice_client, url)
    assert one == thirty
    assert "Your next planned session" in alice_client.get("/products/").content.decode()
