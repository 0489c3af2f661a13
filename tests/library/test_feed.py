from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import pytest

from needlewise.library.models import NewsPost

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.django_db
def test_the_feed_is_atom_with_the_required_elements(client):
    now = datetime.now(UTC)
    NewsPost.objects.create(title="Published", body="Hello <b>there</b>", published_at=now)
    NewsPost.objects.create(title="Draft", body="x")
    NewsPost.objects.create(title="Later", body="x", published_at=now + timedelta(days=2))
    response = client.get("/library/feed.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{name}").text, name
    entries = root.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{name}").text, name
        assert entry.find(f"{ATOM}link").get("href", "").startswith("http")
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert "Published" in titles and "Draft" not in titles and "Later" not in titles
    assert "Normal reactions and red flags" in titles


def test_the_feed_refuses_post(client):
    assert client.post("/library/feed.atom").status_code == 405
