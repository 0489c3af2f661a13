"""The "How Needlewise decides" page, built from the knowledge files themselves.

Walking the YAML (rather than describing the rules by hand) keeps the page true: a rule added or
changed in the knowledge shows up here with its thresholds, grade and sources.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from needlewise.rules import labels
from needlewise.rules.knowledge import Source, knowledge

TOPICS = (
    (
        "screening",
        "Is it suitable now?",
        "The overall answer is the most cautious of all the reasons found.",
    ),
    (
        "needles",
        "Which needle length",
        "The suggestion is the smallest of: the length for your concern, the cap for the area, and "
        "what your device offers.",
    ),
    (
        "intervals",
        "Time between sessions",
        "Counted per area from the deepest needle used, and lengthened when your skin took longer "
        "to settle.",
    ),
    ("aftercare", "Aftercare windows", "Hours are counted from the end of the session."),
    ("ingredients", "Reading ingredient lists", "How labels are matched to aftercare categories."),
    ("triage", "Reactions after a session", "The most serious finding decides what to do."),
    (
        "followup",
        "On the skin while needling, and weeks later",
        "Which product may go on the skin during a session, and the late check-ins 21 and 56 days "
        "after it.",
    ),
    ("devices", "Devices and hygiene", ""),
    ("technique", "During a session", "Shown step by step in the guided session."),
)
GRADE_WORDS = {
    "REG": "regulation or device labelling",
    "PEER": "peer-reviewed paper",
    "MFR": "manufacturer",
    "CLINIC": "clinic or practitioner",
    "WEB": "consumer web article (weakest)",
    "SEED": "the product brief",
}
_TEXT_KEYS = re.compile(r"^(id|grade|sources|message.*|label|summary|topic|disagreement)$")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_CODES = labels.every_code()


@dataclass(frozen=True)
class RuleEntry:
    id: str
    message: str
    thresholds: tuple[tuple[str, str], ...]
    grade: str
    sources: tuple[Source, ...]
    disagreement: Mapping[str, Any] | None = None  # the entry of disagreements.yaml it names


@dataclass(frozen=True)
class Topic:
    key: str
    title: str
    intro: str
    rules: tuple[RuleEntry, ...]


def _rules_in(node: Any) -> Iterator[Mapping[str, Any]]:
    """Every mapping in a knowledge file that is a rule: it has an id, a grade and sources."""
    if isinstance(node, Mapping):
        if {"id", "grade", "sources"} <= node.keys():
            yield node
        for value in node.values():
            yield from _rules_in(value)
    elif isinstance(node, list):
        for item in node:
            yield from _rules_in(item)


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(_show(item) for item in value)
    if isinstance(value, Mapping):
        return "; ".join(f"{k}: {_show(v)}" for k, v in value.items())
    if isinstance(value, str):
        return labels.label_or_words(value) if value in _CODES else _blanks(value).replace("_", " ")
    return str(value)


def _blanks(message: str) -> str:
    """A message as the rules page shows it: each value filled in later ("{mm}") is "…", so no
    `[placeholder]` reads as a broken sentence."""
    return " ".join(_PLACEHOLDER.sub("…", message).split())


def _disagreement(disagreement_id: str | None) -> Mapping[str, Any] | None:
    if disagreement_id is None:
        return None
    items = knowledge()["disagreements"]["disagreements"]
    return next(item for item in items if item["id"] == disagreement_id)


def _entry(raw: Mapping[str, Any], sources: Mapping[str, Source]) -> RuleEntry:
    thresholds = tuple(
        (key.replace("_", " "), _show(value))
        for key, value in raw.items()
        if not _TEXT_KEYS.match(key) and not isinstance(value, Mapping)
    )
    return RuleEntry(
        id=raw["id"],
        message=_blanks(raw["message"]),
        thresholds=thresholds,
        grade=raw["grade"],
        sources=tuple(sources[s] for s in raw["sources"]),
        disagreement=_disagreement(raw.get("disagreement")),
    )


@cache
def topics() -> tuple[Topic, ...]:
    k = knowledge()
    return tuple(
        Topic(
            key,
            title,
            intro,
            tuple(_entry(raw, k.sources) for raw in _rules_in(k[key]) if "message" in raw),
        )
        for key, title, intro in TOPICS
    )


@cache
def disagreements() -> dict[str, tuple[dict[str, Any], ...]]:
    k = knowledge()
    resolve = lambda items: tuple(  # noqa: E731
        {**item, "source_list": tuple(k.sources[s] for s in item["sources"])} for item in items
    )
    data = k["disagreements"]
    return {"disagreements": resolve(data["disagreements"]), "gaps": resolve(data["gaps"])}


@cache
def ingredient_categories() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(code, label, names) for every category the checker recognises."""
    out = []
    for code, category in knowledge()["ingredients"]["categories"].items():
        names = tuple(n if isinstance(n, str) else n["name"] for n in category["names"])
        out.append((code, category["label"], names))
    return tuple(out)


def sources() -> tuple[Source, ...]:
    return tuple(sorted(knowledge().sources.values(), key=lambda s: (s.grade, s.id)))


@cache
def _disagreement_by_rule() -> Mapping[str, Mapping[str, Any]]:
    return {
        entry.id: entry.disagreement
        for topic in topics()
        for entry in topic.rules
        if entry.disagreement is not None
    }


def disagreements_for(rule_ids: Iterator[str] | list[str]) -> list[Mapping[str, Any]]:
    """The disagreements named by these rules, once each, for a page that explains a decision
    to link (POLICY.md section 3: shown "where the interval is explained")."""
    found = _disagreement_by_rule()
    out: list[Mapping[str, Any]] = []
    for rule_id in rule_ids:
        item = found.get(rule_id)
        if item is not None and item not in out:
            out.append(item)
    return out


#: A search longer than this is cut: nobody types a rule's words past it.
MAX_QUERY = 100


def _haystack(topic: Topic, rule: RuleEntry) -> str:
    parts = [topic.title, rule.id, rule.message, rule.grade]
    parts += [f"{k} {v}" for k, v in rule.thresholds]
    parts += [s.id for s in rule.sources]
    return " ".join(parts).lower()


def search(topics: tuple[Topic, ...], query: str) -> tuple[Topic, ...]:
    """The topics with only the rules holding every word of `query` (any case), topics with
    none left out: the rules page's server-side filter, so it works without JavaScript."""
    words = query.lower()[:MAX_QUERY].split()
    if not words:
        return topics
    found = (
        Topic(t.key, t.title, t.intro, tuple(
            r for r in t.rules if all(w in _haystack(t, r) for w in words)))
        for t in topics
    )  # fmt: skip
    return tuple(t for t in found if t.rules)


def search_items(items: tuple[dict[str, Any], ...], query: str) -> tuple[dict[str, Any], ...]:
    """Disagreements or gaps holding every word of `query`."""
    words = query.lower()[:MAX_QUERY].split()
    text = lambda i: f"{i['id']} {i['topic']} {i['summary']}".lower()  # noqa: E731
    return tuple(i for i in items if all(w in text(i) for w in words))
