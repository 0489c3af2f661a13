"""Markdown to safe HTML: Markdown renders, then nh3 keeps only an allowlist of tags."""

from __future__ import annotations

import html

import markdown
import nh3

TAGS = {
    "a", "abbr", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "li", "ol", "p",
    "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
#: No javascript:, data: or vbscript: links: only these schemes survive.
URL_SCHEMES = {"http", "https", "mailto"}


def render(text: str) -> str:
    """Markdown source to sanitised HTML. Raw HTML in the source is cleaned like everything else:
    no script or style, no on* attributes, no javascript: links."""
    rendered = markdown.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    return nh3.clean(
        rendered,
        tags=TAGS,
        clean_content_tags={"script", "style"},
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def plain(text: str) -> str:
    """The words only (no markup, entities decoded), for search and e-mail digests."""
    return " ".join(html.unescape(nh3.clean(render(text), tags=set())).split())
