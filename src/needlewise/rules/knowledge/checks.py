"""Checks that span keys or files: coverage of codes, unique ids, ordered bands."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from needlewise.rules.errors import KnowledgeError


def _walk_ids(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """Yield (id, key path) for every mapping that carries an `id`."""
    if isinstance(value, dict):
        if isinstance(value.get("id"), str):
            yield value["id"], path
        for key, item in value.items():
            yield from _walk_ids(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk_ids(item, f"{path}[{i}]")


def _unique_ids(data: Mapping[str, Any]) -> None:
    seen: dict[str, str] = {}
    for stem, content in data.items():
        if stem == "sources":
            continue
        for rid, path in _walk_ids(content, ""):
            if rid in seen:
                raise KnowledgeError(f"{stem}.yaml", f"{path}.id", f"duplicate id {rid!r}")
            seen[rid] = stem


def _unique(file: str, path: str, values: list[Any]) -> None:
    for i, value in enumerate(values):
        if values.index(value) != i:
            raise KnowledgeError(file, f"{path}[{i}]", f"duplicate value {value!r}")


def _screening(s: Mapping[str, Any]) -> None:
    f = "screening.yaml"
    _unique(f, "verdicts", s["verdicts"])
    covered: dict[str, str] = {}
    for i, rule in enumerate(s["rules"]):
        for j, code in enumerate(rule.get("codes", [])):
            where = f"rules[{i}].codes[{j}]"
            if code not in s["conditions"]:
                raise KnowledgeError(f, where, f"unknown condition {code!r}")
            if code in covered:
                raise KnowledgeError(f, where, f"{code!r} already covered by {covered[code]}")
            covered[code] = rule["id"]
    for code in s["conditions"]:
        if code not in covered:
            raise KnowledgeError(f, f"conditions.{code}", "no rule covers this condition")


def _intervals(d: Mapping[str, Any], disagreements: Mapping[str, Any]) -> None:
    known = {item["id"] for item in disagreements["disagreements"]}
    previous = -1.0
    for i, band in enumerate(d["bands"]):
        if band["max_mm"] <= previous:
            raise KnowledgeError("intervals.yaml", f"bands[{i}].max_mm", "bands must ascend")
        previous = band["max_mm"]
        if "disagreement" in band and band["disagreement"] not in known:
            where = f"bands[{i}].disagreement"
            raise KnowledgeError("intervals.yaml", where, "no such entry in disagreements.yaml")


def _names(entry: Any) -> list[str]:
    if isinstance(entry, str):
        return [entry]
    return [entry["name"], *entry.get("synonyms", [])]


def _loose(name: str) -> str:
    """Case-folded, hyphens as spaces: how the checker matches names."""
    return " ".join(name.casefold().replace("-", " ").split())


def _ingredients(ing: Mapping[str, Any], after: Mapping[str, Any]) -> None:
    f = "ingredients.yaml"
    cats = ing["categories"]
    seen: dict[str, str] = {}
    for cat, body in cats.items():
        for i, entry in enumerate(body["names"]):
            for name in _names(entry):
                key = name.casefold()
                if key in seen:
                    path = f"categories.{cat}.names[{i}]"
                    raise KnowledgeError(f, path, f"{name!r} already listed under {seen[key]}")
                seen[key] = cat
    for cat, names in ing["never"].items():
        for i, name in enumerate(names):
            if seen.get(name.casefold()) == cat:
                raise KnowledgeError(f, f"never.{cat}[{i}]", f"{name!r} is listed under {cat}")
    loose = {_loose(name): cat for name, cat in seen.items()}
    for i, entry in enumerate(ing["plain"]):
        for name in _names(entry):
            if _loose(name) in loose:
                cat = loose[_loose(name)]
                raise KnowledgeError(f, f"plain[{i}]", f"{name!r} is listed under {cat}")
    for key in ("prefixes", "never"):
        for cat in ing[key]:
            if cat not in cats:
                raise KnowledgeError(f, f"{key}.{cat}", "unknown category")
    if ing["citric_acid"]["category"] not in cats:
        raise KnowledgeError(f, "citric_acid.category", "unknown category")
    _aftercare(after, frozenset(cats))


def _aftercare(after: Mapping[str, Any], cats: frozenset[str]) -> None:
    f = "aftercare.yaml"
    known = cats | frozenset(after["topics"])
    windowed: set[str] = set()
    for i, window in enumerate(after["windows"]):
        for j, topic in enumerate(window["topics"]):
            if topic not in known:
                raise KnowledgeError(f, f"windows[{i}].topics[{j}]", f"unknown topic {topic!r}")
            if topic in cats and topic in windowed:
                path = f"windows[{i}].topics[{j}]"
                raise KnowledgeError(f, path, f"category {topic!r} has two windows")
            windowed.add(topic)
        until = window["until_hours"]
        if until is not None and until <= window["from_hours"]:
            raise KnowledgeError(f, f"windows[{i}].until_hours", "must be after from_hours")
    for cat in sorted(cats - windowed):
        raise KnowledgeError(f, "windows", f"ingredient category {cat!r} has no window")
    for i, window in enumerate(after["before_session"]):
        for j, topic in enumerate(window["topics"]):
            if topic not in cats:
                path = f"before_session[{i}].topics[{j}]"
                raise KnowledgeError(f, path, f"unknown category {topic!r}")


def _triage(t: Mapping[str, Any]) -> None:
    f = "triage.yaml"
    _unique(f, "levels", t["levels"])
    for j, code in enumerate(t["expected_symptoms"]):
        if code not in t["symptoms"]:
            raise KnowledgeError(f, f"expected_symptoms[{j}]", f"unknown symptom {code!r}")
    for i, rule in enumerate(t["rules"]):
        for j, code in enumerate(rule.get("symptoms", [])):
            if code not in t["symptoms"]:
                raise KnowledgeError(f, f"rules[{i}].symptoms[{j}]", f"unknown symptom {code!r}")
        for j, code in enumerate(rule.get("values", [])):
            if code not in t["bleeding"]:
                raise KnowledgeError(f, f"rules[{i}].values[{j}]", f"unknown bleeding {code!r}")


def cross_check(data: Mapping[str, Any]) -> None:
    """Run every check that one schema node cannot do on its own."""
    _unique_ids(data)
    _screening(data["screening"])
    _intervals(data["intervals"], data["disagreements"])
    _ingredients(data["ingredients"], data["aftercare"])
    _triage(data["triage"])
    _followup(data["followup"], data["triage"], frozenset(data["ingredients"]["categories"]))


def _followup(fu: Mapping[str, Any], t: Mapping[str, Any], cats: frozenset[str]) -> None:
    """Late check-in questions are triage symptoms; each has a finding; the glide's extra
    categories are ingredient categories."""
    f = "followup.yaml"
    late = fu["late_checkins"]
    for code in late["questions"]:
        if code not in t["symptoms"]:
            raise KnowledgeError(f, f"late_checkins.questions.{code}", "unknown symptom")
    codes = [finding["code"] for finding in late["findings"]]
    for code in [*late["questions"], "all_clear"]:
        if code not in codes:
            raise KnowledgeError(f, "late_checkins.findings", f"no finding for {code!r}")
    _unique(f, "late_checkins.days", late["days"])
    for j, cat in enumerate(fu["glide"]["not_plain"]["categories"]):
        if cat not in cats:
            raise KnowledgeError(f, f"glide.not_plain.categories[{j}]", "unknown category")
