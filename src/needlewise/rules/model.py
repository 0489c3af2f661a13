"""Shared value types: a rule from the knowledge files and the reason it produces."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any

_RULE_KEYS = frozenset({"id", "grade", "sources", "message"})


@dataclass(frozen=True)
class Reason:
    """Why a decision came out as it did, with its evidence grade and sources."""

    rule: str
    code: str
    message: str
    grade: str
    sources: tuple[str, ...]
    verdict: str | None = None
    level: str | None = None
    recheck_on: date | None = None

    def to_dict(self, *, recheck: bool = False) -> dict[str, Any]:
        """JSON-ready dict; `recheck` adds recheck_on (screening reasons list it)."""
        out: dict[str, Any] = {"rule": self.rule, "code": self.code}
        if self.verdict is not None:
            out["verdict"] = self.verdict
        if self.level is not None:
            out["level"] = self.level
        out.update(message=self.message, grade=self.grade, sources=list(self.sources))
        if recheck:
            out["recheck_on"] = self.recheck_on.isoformat() if self.recheck_on else None
        return out


@dataclass(frozen=True)
class Rule:
    """One rule from YAML: id, grade, sources, message template and its own parameters."""

    id: str
    grade: str
    sources: tuple[str, ...]
    message: str
    params: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_raw(cls, raw: Mapping[str, Any]) -> Rule:
        """Build from a validated YAML mapping."""
        params = {k: v for k, v in raw.items() if k not in _RULE_KEYS}
        return cls(
            raw["id"],
            raw["grade"],
            tuple(raw["sources"]),
            raw["message"],
            MappingProxyType(params),
        )

    def __getitem__(self, key: str) -> Any:
        return self.params[key]

    def text(self, template: str | None = None, **values: Any) -> str:
        """Fill the message (or another template of this rule) with values."""
        raw = self.message if template is None else self.params[template]
        return " ".join(str(raw).format(**values).split())

    def reason(self, code: str, *, template: str | None = None, **kw: Any) -> Reason:
        """A Reason from this rule; verdict/level/recheck_on are taken from kw when given."""
        verdict = kw.pop("verdict", None)
        level = kw.pop("level", None)
        recheck_on = kw.pop("recheck_on", None)
        values = {"recheck_on": fmt_date(recheck_on) if recheck_on else None, **kw}
        return Reason(
            rule=self.id,
            code=code,
            message=self.text(template, **values),
            grade=self.grade,
            sources=self.sources,
            verdict=verdict,
            level=level,
            recheck_on=recheck_on,
        )


def worst(values: Iterable[str], order: tuple[str, ...]) -> str:
    """The worst value, given an order listed worst-first."""
    return min(values, key=order.index)


def fmt_mm(value: float) -> str:
    """0.5 -> '0.5', 1.0 -> '1.0', 0.25 -> '0.25' for messages."""
    text = f"{value:.2f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip


def fmt_date(value: date) -> str:
    """A date as a person writes it in a message: 30 November 2026 (the JSON keeps ISO).
    Month names are spelled out here so the process locale cannot change them."""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def _n(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def fmt_hours(hours: float) -> str:
    """A span in hours as a person says it in a message, the rule of
    `needlewise.people_words.duration`: minutes under an hour, whole hours under 48, then days
    and the hours left ("8 days, 9 hours", never "201.02 hours"; the JSON keeps the number)."""
    hours = max(float(hours), 0.0)
    if hours < 1:
        minutes = round(hours * 60)
        return _n(minutes, "minute", "minutes") if minutes < 60 else "1 hour"
    whole = round(hours)
    if whole < 48:
        return _n(whole, "hour", "hours")
    days, rest = divmod(whole, 24)
    text = _n(days, "day", "days")
    return f"{text}, {_n(rest, 'hour', 'hours')}" if rest else text
