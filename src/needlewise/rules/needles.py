"""Needle length (POLICY.md section 2): the longest sensible home setting, and why."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from needlewise.rules.errors import InputError
from needlewise.rules.knowledge import knowledge
from needlewise.rules.limits import NO_LIMITS, Limits
from needlewise.rules.model import Reason, Rule, fmt_mm
from needlewise.rules.vocab import AREAS, CONCERNS

_EPS = 1e-9


@dataclass(frozen=True)
class NeedleAdvice:
    """Recommended length (None when the device has nothing short enough) and the caps."""

    recommended_mm: float | None
    home_cap_mm: float
    professional_range_mm: tuple[float, float] | None
    reasons: tuple[Reason, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON shape of POLICY.md section 7 (needles)."""
        rng = self.professional_range_mm
        return {
            "recommended_mm": self.recommended_mm,
            "home_cap_mm": self.home_cap_mm,
            "professional_range_mm": list(rng) if rng else None,
            "reasons": [r.to_dict() for r in self.reasons],
        }


def _rule(*keys: str) -> Rule:
    node: Any = knowledge()["needles"]
    for key in keys:
        node = node[key]
    return Rule.from_raw(node)


def _cap(area: str, limits: Limits, reasons: list[Reason]) -> float:
    """Area cap, or the professional's limit (which may raise it, never past the maximum)."""
    area_rule = _rule("areas", area)
    reasons.append(
        area_rule.reason(
            f"area_{area}", area=area_rule["label"], mm=fmt_mm(area_rule["home_cap_mm"])
        )
    )
    pro = limits.needle_cap(area)
    if pro is None:
        home = _rule("absolute_home_cap")
        reasons.append(home.reason("home_cap", mm=fmt_mm(home["max_mm"])))
        return float(min(area_rule["home_cap_mm"], home["max_mm"]))
    rule = _rule("professional_limit")
    if pro > rule["max_raise_mm"] + _EPS:
        reasons.append(
            rule.reason(
                "professional_limit_clamped",
                template="message_clamped",
                mm=fmt_mm(rule["max_raise_mm"]),
            )
        )
        return float(rule["max_raise_mm"])
    reasons.append(rule.reason("professional_limit", mm=fmt_mm(pro)))
    return float(pro)


def area_cap(area: str, limits: Limits | None = None) -> float:
    """The longest needle allowed on an area whatever the concern: the home cap, or a
    professional's limit (POLICY.md section 2). Every action checks against it."""
    if area not in AREAS:
        raise InputError("area", f"unknown area {area!r}")
    return _cap(area, limits or NO_LIMITS, [])


def _sensitive(target: float, skin_type: int | None, first: bool, out: list[Reason]) -> float:
    """Darker skin types and first-ever sessions start at the shortest setting."""
    rule = _rule("sensitive_cap")
    if skin_type in rule["skin_types"]:
        target = min(target, rule["max_mm"])
        out.append(rule.reason("skin_type_cap", skin_type=skin_type, mm=fmt_mm(rule["max_mm"])))
    if first:
        rule = _rule("first_session_cap")
        target = min(target, rule["max_mm"])
        out.append(rule.reason("first_session_cap", mm=fmt_mm(rule["max_mm"])))
    return target


def _fit_device(target: float, lengths: tuple[float, ...], out: list[Reason]) -> float | None:
    """Round down to a length the device offers; None when nothing is short enough."""
    if not lengths:
        return target
    fitting = [mm for mm in lengths if mm <= target + _EPS]
    if not fitting:
        out.append(_rule("device_too_long").reason("device_too_long", target=fmt_mm(target)))
        return None
    chosen = max(fitting)
    if chosen < target - _EPS:
        rule = _rule("device_rounding")
        out.append(rule.reason("device_rounding", mm=fmt_mm(chosen), target=fmt_mm(target)))
    return chosen


def _validate(concern: str, area: str, lengths: tuple[float, ...], skin_type: int | None) -> None:
    if concern not in CONCERNS:
        raise InputError("concern", f"unknown concern {concern!r}")
    if area not in AREAS:
        raise InputError("area", f"unknown area {area!r}")
    for i, mm in enumerate(lengths):
        if not 0 < mm <= 3:
            raise InputError(f"device_lengths[{i}]", "must be above 0 and at most 3 mm")
    if skin_type is not None and not 1 <= skin_type <= 6:
        raise InputError("skin_type", "must be 1-6")


def recommend(
    concern: str,
    area: str,
    device_lengths: Iterable[float] | None = None,
    limits: Limits | None = None,
    skin_type: int | None = None,
    first_session: bool = False,
) -> NeedleAdvice:
    """Recommend min(concern, area or professional cap, device), rounded down to the device."""
    lengths = tuple(sorted(set(device_lengths or ())))
    _validate(concern, area, lengths, skin_type)
    concern_rule = _rule("concerns", concern)
    reasons = [
        concern_rule.reason(
            f"concern_{concern}", concern=concern_rule["label"], mm=fmt_mm(concern_rule["home_mm"])
        )
    ]
    cap = _cap(area, limits or NO_LIMITS, reasons)
    target = _sensitive(min(float(concern_rule["home_mm"]), cap), skin_type, first_session, reasons)
    recommended = _fit_device(target, lengths, reasons)
    pro_range: tuple[float, float] | None = None
    ranges = knowledge()["needles"]["professional_ranges"]
    if concern in ranges:
        rule = Rule.from_raw(ranges[concern])
        lo, hi = rule["range_mm"]
        pro_range = (float(lo), float(hi))
        reasons.append(
            rule.reason(
                f"professional_range_{concern}",
                lo=fmt_mm(lo),
                hi=fmt_mm(hi),
                concern=concern_rule["label"],
            )
        )
    return NeedleAdvice(recommended, cap, pro_range, tuple(reasons))
