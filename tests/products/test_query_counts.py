"""The shelf and safe-now pages read in a fixed number of queries, whatever the shelf size."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from needlewise.products import services
from tests.products.conftest import SHELF, add, at

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
