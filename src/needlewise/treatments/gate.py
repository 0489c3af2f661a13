"""May a session start now? Every blocking reason, each with what to do about it.

This is the one readiness computation: the session start, the API, Today, the plan page and
(for its own part, `devices.advice.Hygiene.holds`) the device page all show its answer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.urls import reverse

from needlewise import limits, person_cache
from needlewise.accounts.models import User
from needlewise.devices.advice import hygiene_for
from needlewise.devices.models import OwnedDevice
from needlewise.devices.queries import devices_for
from needlewise.people_words import person_date
from needlewise.recovery.models import Escalation
from needlewise.recovery.queries import open_escalation
from needlewise.suitability.models import SuitabilityCheck
from needlewise.suitability.queries import latest_check
from needlewise.treatments.caps import lengths_now
from needlewise.treatments.models import Plan
from needlewise.treatments.schedule import History, NextDate, next_date

#: The words of the link to where each block's action is done.
_LINKS = {
    "suitability:start": "Do the check",
    "suitability:result": "Read your result",
    "devices:detail": "Go to your device",
    "devices:list": "Your devices",
    "recovery:index": "Your check-ins",
}


@dataclass(frozen=True)
class Block:
    code: str
    message: str
    action: str
    url_name: str = ""
    until: date | None = None
    url_args: tuple[int, ...] = ()

    @property
    def url(self) -> str:
        """Where the action is done ("" when it is done on the page itself)."""
        return reverse(self.url_name, args=self.url_args) if self.url_name else ""

    @property
    def link(self) -> str:
        return _LINKS.get(self.url_name, "Go there")


@dataclass(frozen=True)
class Facts:
    """What readiness reads about a person besides the plan and its next date. `facts_for`
    reads them; Today passes the ones it holds already, so it costs no query more."""

    check: SuitabilityCheck | None
    escalation: Escalation | None  # the open one, if any
    devices: Mapping[int, OwnedDevice]  # the person's devices by id, from `devices_for`
    sources: limits.Sources  # the limits that hold now (History.limit_sources)


def _records(user: User, plan: Plan | None = None) -> tuple[Any, ...]:
    owned = devices_for(user)
    if plan is not None:
        owned = owned.filter(pk=plan.device_id) if plan.device_id else owned.none()
    return latest_check(user), open_escalation(user), {device.pk: device for device in owned}


def facts_for(user: User, plan: Plan | None = None, history: History | None = None) -> Facts:
    """Fresh facts (for one plan: only its device is read)."""
    sources = history.limit_sources if history is not None else limits.sources(user)
    return Facts(*_records(user, plan), sources=sources)


def recalled_facts(user: User, history: History) -> Facts:
    """`facts_for` every device, the records recalled while the person's are unchanged (for a
    page that only shows readiness; the session start reads fresh ones)."""
    check, escalation, owned = person_cache.remembered(user, "readiness", lambda: _records(user))
    return Facts(check, escalation, owned, history.limit_sources)


def _check_blocks(check: SuitabilityCheck | None, today: date) -> list[Block]:
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
                "suitability:result",
                check.recheck_on,
                url_args=(check.pk,),
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
                f"Not before {person_date(upcoming.on)}: {upcoming.reason}",
                "Your skin needs this time to recover.",
                until=upcoming.on,
            )
        ]
    return []


def _device_blocks(device: OwnedDevice | None, now: datetime) -> list[Block]:
    """The device page's own holds (sterilisation, cartridge, head due), as gate blocks."""
    if device is None:
        return [
            Block(
                "no_device", "This plan has no device.", "Add a device to the plan.", "devices:list"
            )
        ]
    return [
        Block(hold.code, hold.message, hold.action, "devices:detail", url_args=(device.pk,))
        for hold in hygiene_for(device, now).holds
    ]


def _escalation_blocks(escalation: Escalation | None) -> list[Block]:
    if escalation is None:
        return []
    return [
        Block(
            "escalation_open",
            "A recent check-in needs a professional to see your skin first.",
            "When a professional has seen you, record it on your check-in page.",
            "recovery:index",
        )
    ]


def _cap_blocks(plan: Plan, sources: limits.Sources) -> list[Block]:
    """A plan above the limits that hold now (a grant changed since it was clamped)."""
    return [
        Block(
            "over_cap",
            f"This plan uses {n.plan_mm:g} mm on your {n.area.replace('_', ' ')}. {n.cap.words()}.",
            "Choose a shorter needle length on the plan page.",
        )
        for n in lengths_now(plan, sources)
        if n.over_cap
    ]


def readiness(
    plan: Plan, upcoming: NextDate, facts: Facts, now: datetime, today: date
) -> list[Block]:
    """All the reasons a session of `plan` cannot start now, most basic first; empty: it may.
    Reads nothing of its own: every page that says whether a session is possible calls this."""
    return [
        *_check_blocks(facts.check, today),
        *_escalation_blocks(facts.escalation),
        *_plan_blocks(plan),
        *_cap_blocks(plan, facts.sources),
        *_interval_blocks(upcoming, today),
        *_device_blocks(facts.devices.get(plan.device_id) if plan.device_id else None, now),
    ]


def blocks(
    user: User, plan: Plan, now: datetime, today: date, history: History | None = None
) -> list[Block]:
    """`readiness` from fresh records (pass the request's `history` to read it once)."""
    history = History(user) if history is None else history
    upcoming = next_date(user, plan, history=history)
    return readiness(plan, upcoming, facts_for(user, plan, history), now, today)
