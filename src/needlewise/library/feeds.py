"""The Atom feed: published news and new or revised guides, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from needlewise.library import guides
from needlewise.library.emails import teaser
from needlewise.library.models import NewsPost

LIMIT = 30


@dataclass(frozen=True)
class Entry:
    guid: str
    title: str
    link: str
    description: str
    published: datetime
    updated: datetime


_day = guides.day_start


def entries(now: datetime) -> list[Entry]:
    found = [
        Entry(
            f"news-{p.pk}",
            p.title,
            p.get_absolute_url(),
            teaser(p.body),
            p.published_at,
            max(p.published_at, p.updated_at),
        )
        for p in NewsPost.objects.published(now)[:LIMIT]
    ]
    for g in guides.in_order():
        revised = g.last_reviewed > g.published
        title = f"Revised: {g.title}" if revised else g.title
        found.append(
            Entry(
                f"guide-{g.slug}-{g.last_reviewed}",
                title,
                g.get_absolute_url(),
                g.summary,
                _day(g.published),
                _day(g.last_reviewed),
            )
        )
    found = [e for e in found if e.published <= now]
    return sorted(found, key=lambda e: e.updated, reverse=True)[:LIMIT]


class LibraryFeed(Feed):
    feed_type = Atom1Feed
    title = "Needlewise: guides and news"
    subtitle = "New and revised guides to safe at-home microneedling, and Needlewise news."

    def link(self) -> str:
        return reverse("library:index")

    def items(self) -> list[Entry]:
        return entries(timezone.now())

    def item_title(self, item: Entry) -> str:
        return item.title

    def item_description(self, item: Entry) -> str:
        return item.description

    def item_link(self, item: Entry) -> str:
        return item.link

    def item_guid(self, item: Entry) -> str:
        return f"tag:needlewise,2026:{item.guid}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Entry) -> datetime:
        return item.published

    def item_updateddate(self, item: Entry) -> datetime:
        return item.updated
