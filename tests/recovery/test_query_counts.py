"""The recovery list and session pages cost the same queries with 1 or 30 sessions of history;
the list shows the latest sessions, and all of them on request."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from needlewise.recovery.models import CheckIn
from needlewise.rules import rules_version
from needlewise.treatments import services
from needlewise.treatments.models import Plan, TreatmentSession
from tests.treatments.conftest import NOW, ready


def _history(user, plan, count, start):
    """`count` sessions 10 days apart, each with four check-ins, oldest first."""
    keys = []
    for i in range(start, start + count):
        draft = services.start_session(user, plan)
        records = [
            {"area": "cheeks", "needle_mm": 0.25, "passes": 4, "pain": 1, "bleeding": "none"}
        ]
        services.finish_session(user, draft.key, records)
        done_at = NOW - timedelta(days=10 * (40 - i))
        TreatmentSession.objects.filter(pk=draft.pk).update(done_at=done_at)
        CheckIn.objects.bulk_create(
            CheckIn(
                user=user,
                session_id=draft.pk,
                at=done_at + timedelta(hours=h),
                hours_since_session=h,
                redness=r,
                pain=r,
                bleeding="none",
                level="normal",
                reasons=[],
                advice="",
                rules_version=rules_version(),
            )
            for h, r in [(6, 2), (24, 1), (48, 1), (72, 0)]
        )
        keys.append(draft.key)
    return keys


def _count(client, url):
    client.get(url)  # the first request after a change may refresh the session; not counted
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        "/recovery/",
        "/recovery/sessions/{key}/",
        "/recovery/sessions/{key}/chart.svg",
        "/recovery/checkin/",
    ],
)
def test_queries_do_not_grow_with_history(alice_client, alice, clock, url):
    plan = ready(alice)
    Plan.objects.filter(pk=plan.pk).update(course_length=100)
    [first] = _history(alice, plan, 1, 0)
    one = _count(alice_client, url.format(key=first))
    _history(alice, plan, 29, 1)
    thirty = _count(alice_client, url.format(key=first))
    assert one == thirty
    assert thirty <= 12


def test_the_list_shows_the_latest_sessions_and_links_to_all(alice_client, alice, clock):
    plan = ready(alice)
    Plan.objects.filter(pk=plan.pk).update(course_length=100)
    keys = _history(alice, plan, 12, 0)  # oldest first
    html = alice_client.get("/recovery/").content.decode()
    assert [str(k) in html for k in keys] == [False] * 2 + [True] * 10
    assert "4 check-ins" in html and 'href="?all=1"' in html
    everything = alice_client.get("/recovery/?all=1").content.decode()
    assert all(str(k) in everything for k in keys) and 'href="?all=1"' not in everything
