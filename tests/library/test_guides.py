from __future__ import annotations

from pathlib import Path

import pytest
from django.core import checks

from needlewise.library import guides, markup
from needlewise.rules.knowledge import knowledge

REQUIRED = [
    "is-it-for-me", "choosing-a-device", "cleaning-and-storing", "preparing-your-skin",
    "technique", "aftercare-day-by-day", "how-often", "normal-reactions-and-red-flags",
    "working-with-a-professional",
]  # fmt: skip


def test_all_required_guides_exist():
    assert set(REQUIRED) <= set(guides.all_guides())


@pytest.mark.parametrize("slug", REQUIRED)
def test_every_guide_renders_and_cites_known_sources(client, slug):
    guide = guides.get(slug)
    assert guide.title and guide.summary and guide.last_reviewed
    assert all(s.id in knowledge().sources for s in guide.sources)
    assert "<script" not in guide.html and "<h2>" in guide.html
    response = client.get(f"/library/guides/{slug}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert guide.title in page and "Last reviewed" in page
    for source in guide.sources:
        assert f'<span class="grade">{source.grade}</span>' in page
        if source.url:
            assert source.url.replace("&", "&amp;") in page


def test_every_topic_has_a_guide():
    for topic in guides.TOPICS:
        assert guides.guide_for(topic) is not None, topic
    assert guides.guide_for("no_such_topic") is None


HOSTILE = """
# Hi <script>alert(1)</script>

<img src=x onerror="alert(2)"> <a href="javascript:alert(3)" onclick="alert(4)">click</a>

[link](javascript:alert(5)) [ok](https://example.com) <iframe src="https://evil"></iframe>

<style>body{display:none}</style> <div onmouseover="x()">hover</div>
[data](data:text/html;base64,PHNjcmlwdD4=)
"""


def test_the_sanitiser_removes_scripts_handlers_and_javascript_links():
    html = markup.render(HOSTILE).lower()
    for bad in ("<script", "alert(1)", "onerror", "onclick", "onmouseover", "javascript:",
                "<iframe", "<style", "display:none", "data:", "<img"):  # fmt: skip
        assert bad not in html, bad
    assert 'href="https://example.com"' in html


def test_a_guide_citing_an_unknown_source_fails(tmp_path: Path):
    (tmp_path / "bad.md").write_text(
        "---\ntitle: T\nsummary: S\nsources: [chu-2021, made-up-source]\n"
        "last_reviewed: 2026-11-23\n---\nBody\n"
    )
    with pytest.raises(guides.GuideError, match="made-up-source"):
        guides.load_from(tmp_path)


@pytest.mark.parametrize(
    ("front", "message"),
    [
        ("title: T\nsources: [chu-2021]\nlast_reviewed: 2026-11-23", "summary"),
        ("title: T\nsummary: S\nsources: []\nlast_reviewed: 2026-11-23", "sources"),
        ("title: T\nsummary: S\nsources: [chu-2021]\nlast_reviewed: soon", "last_reviewed"),
        (
            "title: T\nsummary: S\nsources: [chu-2021]\nlast_reviewed: 2026-11-23\ntopics: [x]",
            "topic",
        ),
    ],
)
def test_malformed_guides_are_refused_with_a_reason(tmp_path, front, message):
    (tmp_path / "bad.md").write_text(f"---\n{front}\n---\nBody\n")
    with pytest.raises(guides.GuideError, match=message):
        guides.load_from(tmp_path)


def test_the_system_check_reports_a_bad_guide(monkeypatch, tmp_path):
    from needlewise.library.checks import guides_are_valid

    assert guides_are_valid() == []
    (tmp_path / "bad.md").write_text(
        "---\ntitle: T\nsummary: S\nsources: [nope]\nlast_reviewed: 2026-11-23\n---\nB\n"
    )
    monkeypatch.setattr(guides, "GUIDES_DIR", tmp_path)
    errors = guides_are_valid()
    assert [e.id for e in errors] == ["library.E001"]
    assert isinstance(errors[0], checks.Error)


def test_an_unknown_guide_is_404(client):
    assert client.get("/library/guides/nope/").status_code == 404


def test_guide_link_include_renders_the_guide_for_a_topic():
    from django.template.loader import render_to_string

    html = render_to_string("library/_guide_link.html", {"topic": "urgent"})
    assert "/library/guides/normal-reactions-and-red-flags/" in html
    assert render_to_string("library/_guide_link.html", {"topic": "nope"}).strip() == ""


@pytest.mark.parametrize("url", ["/library/", "/library/guides/technique/", "/library/news/"])
def test_read_only_pages_refuse_post(client, url):
    assert client.post(url).status_code == 405
