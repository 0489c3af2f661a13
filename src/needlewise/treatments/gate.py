"""May a session start now? Every blocking reason, each with what to do about it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from needlewise import limits
from needlewise.accounts.models import User
from needlewise.devices.advice import hygiene_for
from needlewise.devices.queries import devices_for
from needlewise.recovery.queries import open_escalation
from needlewise.suitability.queries import latest_check
from needlewise.treatments.caps import lengths_now
from needlewise.treatments.models import Plan
from needlewise.treatments.schedule import NextDate, next_date


@dataclass(frozen=True)
class Block:
    code: str
    message: str
    action: str
    url_name: str = ""
    until: date | None = None


def _check_blocks(user: User, today: date) -> list[Block]:
    check = latest_check(user)
    if check is None or not check.is_current(today):
        return [
            Block(
                "check_due",
                "Your suitability check is missing or no longer current.",
                "Do the check again: it takes about two minutes.",
                "suitability:start",
            )
        ]
    if not check.allows_home_use:
        return [
            Block(
                "check_verdict",
                "Your latest check does not allow microneedling at home for now.",
                "Read your result and what to do next.",
                "suitability:start",
                check.recheck_on,
            )
        ]
    return []


def _plan_blocks(plan: Plan) -> list[Block]:
    if plan.status == Plan.Status.PAUSED:
        return [
            Block(
                "plan_paused",
                f"This plan is paused: {plan.paused_reason}",
                "Resume it when a professional has cleared you.",
            )
        ]
    if plan.status == Plan.Status.FINISHED:
        return [
            Block(
                "plan_finished",
                "This plan's course is complete.",
                "Start a new plan if you want to carry on.",
            )
        ]
    return []


def _interval_blocks(upcoming: NextDate, today: date) -> list[Block]:
    if upcoming.blocked:
        return [
            Block(
                "reaction",
                upcoming.reason,
                "Record a check-in once your skin is clear.",
                until=upcoming.on,
            )
        ]
    if today < upcoming.on:
        return [
            Block(
                "interval",
                f"Not before {upcoming.on:%-d %b}: {upcoming.reason}",
                "Your skin needs this time to recover.",
                until=upcoming.on,
            )
        ]
    return []


def _device_blocks(user: User, plan: Plan, now: datetime) -> list[Block]:
    device = devices_for(user).filter(pk=plan.device_id).first() if plan.device_id else None
    if device is None:
        return [
            Block(
                "no_device", "This plan has no device.", "Add a device to the plan.", "devices:list"
            )
        ]
    if hygiene_for(device, now).ready:
        return []
    if device.kind == "pen":
        return [
            Block(
                "not_sterilised",
                "No new sterile cartridge is recorded for your pen in the last 24 hours.",
                "Fit a new cartridge and record it on the device page.",
                "devices:detail",
            )
        ]
    return [
        Block(
            "not_sterilised",
            "Your device has not been sterilised in the last 24 hours.",
            "Sterilise it, then record it on the device page.",
            "devices:detail",
        )
    ]


def _escalation_blocks(user: User) -> list[Block]:
    if open_escalation(user) is None:
        return []
    return [
        Block(
            "escalation_open",
            "A recent check-in needs a professional to see your skin first.",
            "When a professional has seen you, record it on your check-in page.",
            "recovery:index",
        )
    ]


def _cap_blocks(user: User, plan: Plan) -> list[Block]:
    """A plan above the limits that hold now (a grant changed since it was clamped)."""
    return [
        Block(
            "over_cap",
            f"This plan uses {n.plan_mm:g} mm on your {n.area.replace('_', ' ')}. {n.cap.words()}.",
            "Choose a shorter needle length on the plan page.",
        )
        for n in lengths_now(plan, limits.sources(user))
        if n.over_cap
    ]


def blocks(user: User, plan: Plan, now: datetime, today: date) -> list[Block]:
    """All the reasons a session cannot start now; empty means it may."""
    return [
        *_check_blocks(user, today),
        *_escalation_blocks(user),
        *_plan_blocks(plan),
        *_cap_blocks(user, plan),
        *_interval_blocks(next_date(user, plan), today),
        *_device_blocks(user, plan, now),
    ]
