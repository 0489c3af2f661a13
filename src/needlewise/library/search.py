"""Search across guides and published news, with snippets.

PostgreSQL: full-text search (django.contrib.postgres.search) with ts_headline snippets.
SQLite: the FTS5 table from migration 0002, kept in step with SearchEntry by triggers.
`sync()` brings SearchEntry in step with the guide files and the published news."""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from needlewise.library import guides, markup
from needlewise.library.models import NewsPost, SearchEntry

START, STOP = "\x02", "\x03"  # marks around a hit, escaped safely before they become <mark>
MAX_RESULTS = 20


@dataclass(frozen=True)
class Result:
    kind: str
    title: str
    url: str
    snippet: SafeString


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


def _wanted() -> dict[tuple[str, str], dict[str, str]]:
    rows = {}
    for guide in guides.in_order():
        text = f"{guide.summary} {guide.text}"
        rows[("guide", guide.slug)] = {"title": guide.title, "body": text,
                                       "url": guide.get_absolute_url()}  # fmt: skip
    for post in NewsPost.objects.published(timezone.now()):
        rows[("news", str(post.pk))] = {"title": post.title, "body": markup.plain(post.body),
                                        "url": post.get_absolute_url()}  # fmt: skip
    for row in rows.values():
        row["fingerprint"] = _digest(row["title"], row["body"], row["url"])
    return rows


@transaction.atomic
def sync() -> None:
    """Add, update and remove rows so the index matches what is published now."""
    wanted = _wanted()
    have = {(e.kind, e.key): e for e in SearchEntry.objects.select_for_update()}
    for key, entry in have.items():
        if key not in wanted:
            entry.delete()
        elif entry.fingerprint != wanted[key]["fingerprint"]:
            SearchEntry.objects.filter(pk=entry.pk).update(**wanted[key])
    SearchEntry.objects.bulk_create(
        [SearchEntry(kind=k, key=s, **row) for (k, s), row in wanted.items() if (k, s) not in have]
    )


def _snippet(marked: str) -> SafeString:
    safe = escape(html.unescape(marked))
    return mark_safe(safe.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308


def _postgres(query: str) -> list[Result]:
    from django.contrib.postgres.search import (
        SearchHeadline,
        SearchQuery,
        SearchRank,
        SearchVector,
    )

    q = SearchQuery(query, search_type="websearch", config="english")
    vector = SearchVector("title", weight="A", config="english") + SearchVector(
        "body", weight="B", config="english"
    )
    found = (
        SearchEntry.objects.annotate(rank=SearchRank(vector, q))
        .filter(rank__gt=0)
        .annotate(
            snippet=SearchHeadline(
                "body", q, config="english", start_sel=START, stop_sel=STOP, max_words=30
            )
        )
        .order_by("-rank", "title")[:MAX_RESULTS]
    )
    return [Result(e.kind, e.title, e.url, _snippet(e.snippet)) for e in found]


def fts5_query(query: str) -> str:
    """User words as FTS5 string literals, so operators and quotes in the input are just text."""
    words = re.findall(r"\w+", query)
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def _sqlite(query: str) -> list[Result]:
    match = fts5_query(query)
    if not match:
        return []
    sql = (
        "SELECT e.kind, e.title, e.url, snippet(library_search_fts, 1, %s, %s, '…', 24) "
        "FROM library_search_fts JOIN library_searchentry e ON e.id = library_search_fts.rowid "
        "WHERE library_search_fts MATCH %s ORDER BY bm25(library_search_fts, 5.0, 1.0) LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [START, STOP, match, MAX_RESULTS])
        rows = cursor.fetchall()
    return [Result(kind, title, url, _snippet(snip)) for kind, title, url, snip in rows]


def search(query: str) -> list[Result]:
    """Guides and news matching the words in `query`, best first, each with a snippet."""
    query = query.strip()
    if not query:
        return []
    sync()
    if connection.vendor == "postgresql":
        return _postgres(query)
    return _sqlite(query)
