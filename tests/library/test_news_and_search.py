from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from needlewise.library import search
from needlewise.library.models import NewsPost, SearchEntry

pytestmark = pytest.mark.django_db


def test_news_list_and_detail_show_only_published_posts(client):
    now = datetime.now(UTC)
    post = NewsPost.objects.create(title="Cold weather care", body="Use **SPF**.", published_at=now)
    draft = NewsPost.objects.create(title="Secret draft", body="x")
    page = client.get("/library/news/").content.decode()
    assert "Cold weather care" in page and "Secret draft" not in page
    detail = client.get(post.get_absolute_url())
    assert detail.status_code == 200 and "<strong>SPF</strong>" in detail.content.decode()
    assert client.get(f"/library/news/{draft.pk}/secret-draft/").status_code == 404
    assert client.get(f"/library/news/{post.pk}/wrong/").status_code == 302


def test_news_bodies_are_sanitised(client):
    post = NewsPost.objects.create(
        title="Hostile", body='<script>alert(1)</script>[x](javascript:alert(2))',
        published_at=datetime.now(UTC) - timedelta(minutes=1),
    )  # fmt: skip
    page = client.get(post.get_absolute_url()).content.decode()
    assert "alert(1)" not in page and "javascript:" not in page


def test_search_finds_guides_and_news_with_snippets(client):
    NewsPost.objects.create(title="Winter", body="Sunscreen matters in winter too.",
                            published_at=datetime.now(UTC))  # fmt: skip
    response = client.get("/library/search/", {"q": "sunscreen"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Aftercare, day by day" in page and "Winter" in page
    assert "<mark>" in page.lower()


def test_search_keeps_in_step_with_news(client):
    post = NewsPost.objects.create(
        title="Zebra", body="zebra stripes", published_at=datetime.now(UTC)
    )
    assert [r.title for r in search.search("zebra")] == ["Zebra"]
    post.body = "horses only"
    post.title = "Horse"
    post.save()
    assert search.search("zebra") == []
    post.delete()
    assert search.search("horse") == []
    assert not SearchEntry.objects.filter(kind="news").exists()


@pytest.mark.parametrize("query", ['"unbalanced', "NEAR(a b", "*", "title:x", "a OR AND"])
def test_search_operators_are_just_words(client, query):
    assert client.get("/library/search/", {"q": query}).status_code == 200


def test_a_too_long_query_is_400_with_a_message(client):
    response = client.get("/library/search/", {"q": "x" * 201})
    assert response.status_code == 400
    assert "at most 200" in response.content.decode()


def test_the_index_lists_guides_news_and_the_subscribe_form(client):
    page = client.get("/library/").content.decode()
    assert "Is at-home microneedling for me?" in page and 'name="email"' in page
