"""Parse a printed ingredient list into names, and find each name's categories by lookup."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from needlewise.rules.errors import InputError
from needlewise.rules.knowledge import knowledge

_SEP = re.compile(r"[\n\r;•·\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e]")
_COMMA = re.compile(r"(?<!\d),|,(?!\d)")
_PCT = re.compile(r"\d+(?:[.,]\d+)?\s*%")
_MARKS = re.compile(r"[*†‡]")
_HEADER = re.compile(
    r"(?i)\b(?:(?:in)?active\s+ingredients?|ingredients?|ingr[ée]dients|contains"
    r"|may\s+contain(?:\s*(?:\(\s*\+\s*/\s*-\s*\)|\[\s*\+\s*/\s*-\s*\]|\+\s*/\s*-))?)\s*:"
)
_BRACKETED = re.compile(r"\(([^()\[\]]*)\)|\[([^()\[\]]*)\]")
_EMPTY_BRACKETS = re.compile(r"\(\s*\)|\[\s*\]")
_LEAD = re.compile(r"^(?:[-–—]\s+)+")
_PAIRS = {")": "(", "]": "["}


@dataclass(frozen=True)
class Entry:
    """A known name: canonical spelling, category (None for plain names) and conditions."""

    name: str
    category: str | None
    level: str | None = None
    product_words: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParsedIngredient:
    """One ingredient as written (`input`), its canonical `name` and categories found."""

    input: str
    name: str
    categories: tuple[str, ...]
    position: int
    known: bool
    entries: tuple[Entry, ...] = ()


def key(text: str) -> str:
    """Matching key: case-folded, no marks or percentages, single spaces, no final full stop."""
    text = _PCT.sub("", _MARKS.sub("", unicodedata.normalize("NFKC", text))).casefold()
    text = re.sub(r"\s*([()\[\]/])\s*", r"\1", " ".join(text.split()))
    return text.strip(" .")


def _drop_unmatched(text: str) -> str:
    """Remove brackets that do not pair up, so every name is well nested."""
    stack: list[int] = []
    drop: set[int] = set()
    for i, ch in enumerate(text):
        if ch in "([":
            stack.append(i)
        elif ch in ")]":
            if stack and text[stack[-1]] == _PAIRS[ch]:
                stack.pop()
            else:
                drop.add(i)
    drop.update(stack)
    return "".join(ch for i, ch in enumerate(text) if i not in drop) if drop else text


def _well_nested(text: str) -> bool:
    return _drop_unmatched(text) == text


def _split_commas(line: str) -> list[str]:
    """Split at commas outside brackets (or at all commas when brackets do not pair up)."""
    if ("(" not in line and "[" not in line) or not _well_nested(line):
        return _COMMA.split(line)
    parts, depth, start = [], 0, 0
    for m in re.finditer(r"[()\[\],]", line):
        ch, i = m.group(), m.start()
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif depth == 0 and not _digit_comma(line, i):
            parts.append(line[start:i])
            start = i + 1
    parts.append(line[start:])
    return parts


def _digit_comma(line: str, i: int) -> bool:
    return 0 < i < len(line) - 1 and line[i - 1].isdigit() and line[i + 1].isdigit()


def _split(text: str) -> list[str]:
    return [part for line in _SEP.split(text) for part in _split_commas(line)]


@lru_cache(maxsize=1)
def _qualifiers() -> re.Pattern[str]:
    words = "|".join(re.escape(q) for q in knowledge()["ingredients"]["qualifiers"]) or "(?!)"
    return re.compile(rf"(?i)[(\[]\s*(?:{words})\s*[)\]]")


def _clean_once(text: str) -> str:
    text = unicodedata.normalize("NFKC", _MARKS.sub("", text))
    while _PCT.search(text):
        text = _PCT.sub("", text)
    text = _drop_unmatched(_qualifiers().sub("", text))
    text = _EMPTY_BRACKETS.sub("", text)
    text = re.sub(r"([(\[])\s+", r"\1", re.sub(r"\s+([)\]])", r"\1", " ".join(text.split())))
    return _LEAD.sub("", text).strip(" .")


@lru_cache(maxsize=8192)
def clean(text: str) -> str:
    """Tidy one segment until nothing changes (so names parse back to themselves)."""
    for _ in range(20):
        new = _clean_once(text)
        if new == text:
            break
        text = new
    return text


def _has_split(text: str) -> bool:
    return bool(_HEADER.search(text) or _SEP.search(text)) or len(_split_commas(text)) > 1


def _settle(segment: str) -> list[tuple[str, str]]:
    """(input, cleaned name) pairs; re-splits when cleaning exposed a header or separator."""
    name = clean(segment)
    if not name:
        return []
    if not _has_split(name):
        return [(segment.strip(), name)]
    return [pair for part in _split(_HEADER.sub("\n", name)) for pair in _settle(part)]


def _entries(raw: Any, category: str | None) -> Iterable[tuple[str, Entry]]:
    """(name or synonym, Entry) pairs for one YAML name item."""
    if isinstance(raw, str):
        raw = {"name": raw}
    entry = Entry(raw["name"], category, raw.get("level"), tuple(raw.get("product_words", ())))
    for name in (raw["name"], *raw.get("synonyms", ())):
        yield name, entry


def loose(k: str) -> str:
    """A key with hyphens read as spaces: `l-ascorbic acid` and `l ascorbic acid` match."""
    return " ".join(k.replace("-", " ").split())


def _keys(name: str) -> set[str]:
    """A name's key, plus its key without any bracketed part (`Salix Alba Bark Extract`),
    each also with hyphens read as spaces."""
    keys = {key(name), key(_BRACKETED.sub(" ", name))}
    return keys | {loose(k) for k in keys}


@dataclass(frozen=True)
class Index:
    """Synonym index built once: exact keys to entries, plus a few prefixes."""

    exact: Mapping[str, tuple[Entry, ...]]
    prefixes: tuple[tuple[str, Entry], ...]
    citric_key: str


@lru_cache(maxsize=1)
def index() -> Index:
    """Build the lookup dict from ingredients.yaml (categories, never-lists, plain names)."""
    ing = knowledge()["ingredients"]
    exact: dict[str, list[Entry]] = {}
    items: list[tuple[str, Entry]] = []
    for cat, body in ing["categories"].items():
        for raw in body["names"]:
            items.extend(_entries(raw, cat))
    for names in ing["never"].values():
        for raw in names:
            items.extend(_entries(raw, None))
    for raw in ing["plain"]:
        items.extend(_entries(raw, None))
    for name, entry in items:
        for k in _keys(name):
            bucket = exact.setdefault(k, [])
            if entry.category is not None or not bucket:
                bucket[:] = [e for e in bucket if e.category is not None] + [entry]
    prefixes = tuple(
        (key(p), Entry("", cat)) for cat, plist in ing["prefixes"].items() for p in plist
    )
    frozen = {k: tuple(v) for k, v in exact.items()}
    return Index(frozen, prefixes, key(ing["citric_acid"]["name"]))


def alternatives(name: str) -> list[str]:
    """Keys to try, in order: whole name, outside brackets, inside brackets, slash parts."""
    inside = [a or b for a, b in _BRACKETED.findall(name)]
    parts = [name, _BRACKETED.sub(" ", name), *inside]
    out: list[str] = []
    for part in parts:
        for k in (key(part), *(key(p) for p in part.split("/"))):
            for variant in (k, loose(k)):
                if variant and variant not in out:
                    out.append(variant)
    return out


@lru_cache(maxsize=8192)
def _lookup(name: str) -> tuple[tuple[Entry, ...], bool]:
    """Entries for a name; cached because labels repeat the same names."""
    idx = index()
    found: list[Entry] = []
    citric = False
    for alt in alternatives(name):
        citric = citric or alt == idx.citric_key
        found.extend(e for e in idx.exact.get(alt, ()) if e not in found)
        for prefix, entry in idx.prefixes:
            if alt.startswith(prefix) and alt[len(prefix) : len(prefix) + 1] in ("", " ", "-"):
                found.append(entry)
    return tuple(found), citric


def _words(text: str | None) -> set[str]:
    return set(re.findall(r"\w+", (text or "").casefold()))


def _identify(inp: str, name: str, pos: int, product: set[str]) -> ParsedIngredient:
    ing = knowledge()["ingredients"]
    found, citric = _lookup(name)
    live = [e for e in found if not e.product_words or product & set(e.product_words)]
    cats = [e.category for e in live if e.category is not None]
    if citric and pos <= ing["citric_acid"]["max_position"]:
        cats.append(ing["citric_acid"]["category"])
    named = [e for e in found if e.name]
    first = next((e for e in named if e.category is not None), named[0] if named else None)
    canonical = first.name if first else ing["citric_acid"]["name"] if citric else name
    return ParsedIngredient(
        inp, canonical, tuple(dict.fromkeys(cats)), pos, bool(found) or citric, tuple(live)
    )


def _pre(text: str) -> str:
    """Whole-text tidying: Unicode compatibility forms, footnotes out, headers become breaks."""
    words = "|".join(re.escape(w) for w in knowledge()["ingredients"]["footnote_words"])
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(rf"(?i)[*†‡]+[^\S\n]*(?:{words})\b[^\n;•]*", "\n", text)
    return _HEADER.sub("\n", text)


def parse(text: str, product_name: str | None = None) -> list[ParsedIngredient]:
    """Split a label's ingredient list into ingredients, in printed order."""
    if not isinstance(text, str) or not text.strip():
        raise InputError("text", "ingredient text is empty")
    product = _words(product_name)
    pairs = [pair for seg in _split(_pre(text)) for pair in _settle(seg)]
    return [_identify(inp, name, i, product) for i, (inp, name) in enumerate(pairs, start=1)]
