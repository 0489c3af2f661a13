"""Today and the plan page cost the same number of queries with 1 or 50 sessions of history."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from needlewise.treatments import services
from tests.treatments.conftest import NOW


def _history(user, plan, count):
    for i in range(count):
        draft = services.start_session(user, plan)
        records = [
            {"area": "cheeks", "needle_mm": 0.25, "passes": 4, "pain": 1, "bleeding": "none"}
        ]
        services.finish_session(user, draft.key, records)
        from needlewise.treatments.models import TreatmentSession

        TreatmentSession.objects.filter(pk=draft.pk).update(
            done_at=NOW - timedelta(days=4 * (count - i))
        )


def _count(client, url):
    client.get(url)  # the first request after a change may refresh the session; not counted
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/", "/plans/{plan}/"])
def test_queries_do_not_grow_with_history(alice_client, alice, plan, url):
    from needlewise.treatments.models import Plan

    Plan.objects.filter(pk=plan.pk).update(course_length=100)  # still active after 50
    _history(alice, plan, 1)
    one = _count(alice_client, url.format(plan=plan.pk))
    _history(alice, plan, 49)
    fifty = _count(alice_client, url.format(plan=plan.pk))
    assert one == fifty
    assert fifty <= 30


def test_the_plan_page_lists_the_ten_latest_sessions_and_all_on_request(alice_client, alice, plan):
    from needlewise.treatments.models import Plan, TreatmentSession

    Plan.objects.filter(pk=plan.pk).update(course_length=100)
    _history(alice, plan, 12)
    newest_first = list(
        TreatmentSession.objects.filter(plan=plan, status="done").order_by("-done_at")
    )
    page = alice_client.get(f"/plans/{plan.pk}/").content.decode()
    assert [f"/sessions/{s.key}/" in page for s in newest_first] == [True] * 10 + [False] * 2
    assert 'href="?all=1#done-heading"' in page
    everything = alice_client.get(f"/plans/{plan.pk}/?all=1").content.decode()
    assert all(f"/sessions/{s.key}/" in everything for s in newest_first)
    assert "?all=1" not in everything
