"""Guides: Markdown files with front matter, kept in the repository and reviewed like code.

Front matter (YAML between `---` lines): title, summary, sources (ids from the rule core's
sources.yaml), last_reviewed (a date), published (a date; defaults to last_reviewed) and topics
(codes that other pages use to link the guide, see TOPICS)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import cache
from pathlib import Path

import yaml
from django.utils.safestring import SafeString, mark_safe

from needlewise.library import markup
from needlewise.rules.knowledge import Source, knowledge

GUIDES_DIR = Path(__file__).resolve().parent / "guides"

#: Every code another page may ask `guide_for` about, with the page it is for.
TOPICS = {
    # screening verdicts
    "not_at_home": "screening verdict",
    "not_now": "screening verdict",
    "see_professional": "screening verdict",
    "caution": "screening verdict",
    "go": "screening verdict",
    # recovery triage levels
    "urgent": "triage level",
    "see_dermatologist": "triage level",
    "watch": "triage level",
    "normal": "triage level",
    # everything else
    "suitability": "suitability check",
    "device_choice": "device pages",
    "device_hygiene": "sterilisation and storage",
    "head_replacement": "device head due",
    "preparation": "before a session",
    "patch_test": "before a first session",
    "technique": "guided session",
    "aftercare": "aftercare windows",
    "sunscreen": "aftercare windows",
    "interval": "next session date",
    "professional": "sharing and professionals",
}


def day_start(value: date) -> datetime:
    """Midnight UTC of a front-matter date: when a guide counts as published or revised."""
    return datetime.combine(value, time.min, tzinfo=UTC)


class GuideError(ValueError):
    """A guide file is malformed or cites a source the rule core does not know."""


@dataclass(frozen=True)
class Guide:
    slug: str
    title: str
    summary: str
    body: str  # Markdown
    sources: tuple[Source, ...]
    last_reviewed: date
    published: date
    topics: tuple[str, ...]

    @property
    def html(self) -> SafeString:
        return mark_safe(markup.render(self.body))  # noqa: S308 - sanitised by nh3

    @property
    def text(self) -> str:
        return markup.plain(self.body)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("library:guide", args=[self.slug])


def _split(raw: str, name: str) -> tuple[dict, str]:
    if not raw.startswith("---\n"):
        raise GuideError(f"{name}: no front matter (the file must start with a '---' line)")
    head, sep, body = raw[4:].partition("\n---\n")
    if not sep:
        raise GuideError(f"{name}: the front matter has no closing '---' line")
    meta = yaml.safe_load(head)
    if not isinstance(meta, dict):
        raise GuideError(f"{name}: the front matter is not a mapping")
    return meta, body.strip() + "\n"


def _date(meta: dict, key: str, name: str) -> date:
    value = meta.get(key)
    if not isinstance(value, date):
        raise GuideError(f"{name}: '{key}' must be a date like 2026-11-23")
    return value


def parse(raw: str, name: str, known: dict[str, Source]) -> Guide:
    """One guide from its file text; GuideError names the file and what is wrong."""
    meta, body = _split(raw, name)
    for key in ("title", "summary"):
        if not isinstance(meta.get(key), str) or not meta[key].strip():
            raise GuideError(f"{name}: '{key}' is missing or empty")
    ids = meta.get("sources") or []
    if not isinstance(ids, list) or not ids:
        raise GuideError(f"{name}: 'sources' must list at least one source id")
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise GuideError(f"{name}: unknown source id(s) {', '.join(map(str, unknown))}")
    topics = tuple(meta.get("topics") or ())
    if bad := [t for t in topics if t not in TOPICS]:
        raise GuideError(f"{name}: unknown topic(s) {', '.join(map(str, bad))}")
    reviewed = _date(meta, "last_reviewed", name)
    published = _date(meta, "published", name) if "published" in meta else reviewed
    return Guide(
        slug=re.sub(r"^\d+-", "", Path(name).stem),
        title=meta["title"].strip(),
        summary=meta["summary"].strip(),
        body=body,
        sources=tuple(known[i] for i in ids),
        last_reviewed=reviewed,
        published=published,
        topics=topics,
    )


def load_from(directory: Path) -> dict[str, Guide]:
    """All guides in a directory, by slug, in file-name order. Raises GuideError."""
    known = dict(knowledge().sources)
    found = {}
    for path in sorted(directory.glob("*.md")):
        guide = parse(path.read_text(encoding="utf-8"), path.name, known)
        found[guide.slug] = guide
    claimed: dict[str, str] = {}
    for guide in found.values():
        for topic in guide.topics:
            if topic in claimed:
                raise GuideError(f"{guide.slug}: topic '{topic}' is already {claimed[topic]}'s")
            claimed[topic] = guide.slug
    return found


@cache
def all_guides() -> dict[str, Guide]:
    return load_from(GUIDES_DIR)


def get(slug: str) -> Guide | None:
    return all_guides().get(slug)


def in_order() -> list[Guide]:
    return list(all_guides().values())


def guide_for(topic: str) -> Guide | None:
    """The guide that explains a verdict, triage level or page topic (see TOPICS), or None."""
    for guide in all_guides().values():
        if topic in guide.topics:
            return guide
    return None
