"""Readable summaries of rule results for the terminal: the answer first, then the reasons."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from needlewise.rules import labels

#: A level or verdict in words, from the one label registry; "caution" reads as the screening
#: verdict's "Go carefully" (the ingredient level's "Take care" is `labels.label(c, "level")`).
WORDS = {**labels.LEVEL, **labels.TRIAGE_LEVEL, **labels.VERDICT}


def word(code: str) -> str:
    return WORDS.get(code, code.replace("_", " "))


def unknown_words(count: int) -> str:
    """1 -> "1 name not recognised"; 0 -> "" (nothing to say)."""
    if not count:
        return ""
    return f"{count} name{'s' if count != 1 else ''} not recognised"


def verdict_words(verdict: str, unknown_count: int = 0) -> str:
    """An ingredient verdict in words; an ok with unknown names is never a plain OK."""
    if verdict == "ok" and unknown_count:
        return "OK for what we recognised"
    return word(verdict)


def not_recognised(ingredients: Iterable[dict[str, Any]]) -> list[str]:
    """The names of a result's ingredients the checker does not know, as read."""
    return [i["name"] for i in ingredients if not i.get("known", True)]


def reason_lines(reasons: Iterable[dict[str, Any]]) -> list[str]:
    lines = []
    for reason in reasons:
        sources = ", ".join(reason.get("sources", []))
        lines.append(f"  - {reason['message']}")
        lines.append(
            f"    [{reason['grade']}] rule {reason.get('rule', reason['code'])}; sources: {sources}"
        )
    return lines


def screening(result: dict[str, Any]) -> str:
    lines = [f"{word(result['verdict'])}"]
    if result.get("recheck_on"):
        lines.append(f"Check again on {result['recheck_on']}.")
    return "\n".join([*lines, "Why:", *reason_lines(result["reasons"])])


def needles(result: dict[str, Any]) -> str:
    mm = result["recommended_mm"]
    head = f"Recommended needle: {mm} mm" if mm is not None else "No length on this device fits"
    lines = [head, f"Home cap for this area: {result['home_cap_mm']} mm"]
    if result.get("professional_range_mm"):
        low, high = result["professional_range_mm"]
        lines.append(f"Professionals use {low}–{high} mm for this (for information only).")
    return "\n".join([*lines, "Why:", *reason_lines(result["reasons"])])


def next_session(result: dict[str, Any]) -> str:
    head = f"Next session allowed from {result['next_allowed']}"
    if result.get("blocked"):
        head += " (waiting for a clear check-in)"
    return "\n".join([head, "Why:", *reason_lines(result["reasons"])])


def ingredients(result: dict[str, Any]) -> str:
    count = result.get("unknown_count", 0)
    head = verdict_words(result["verdict"], count)
    if any(f["category"] == "glide" for f in result["findings"]):
        head = "Fine as a glide" if result["verdict"] == "ok" else "Not as a glide"
    lines = [f"{head}; {unknown_words(count)}" if count else head]
    for finding in result["findings"]:
        if finding["category"] == "glide":
            line = f"  - As a glide: {word(finding['level'])} {finding['ingredient']}"
            lines.append(line.rstrip())
            lines.append(f"    {finding['message']} [{finding['grade']}]")
            continue
        until = finding.get("until_hours")
        when = f" for {until:g} h after a session" if until and finding["level"] != "ok" else ""
        lines.append(
            f"  - {finding['ingredient']}: {word(finding['level'])} "
            f"({finding['category'].replace('_', ' ')}){when}"
        )
        lines.append(f"    {finding['message']} [{finding['grade']}]")
    unknown = not_recognised(result["ingredients"])
    if unknown:
        lines.append("Not recognised (check these yourself): " + ", ".join(unknown))
    return "\n".join(lines)


def aftercare(result: dict[str, Any]) -> str:
    lines = []
    for window in result["windows"]:
        lines.append(
            f"  - {word(window['level'])} {window['topic'].replace('_', ' ')}: "
            f"{window['from']} → {window['until']}"
        )
        lines.append(f"    {window['message']} [{window['grade']}]")
    return "\n".join(["Aftercare:", *lines])


def triage(result: dict[str, Any]) -> str:
    return "\n".join(
        [word(result["level"]), result["advice"], "Why:", *reason_lines(result["reasons"])]
    )
