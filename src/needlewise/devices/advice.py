"""What a device page says: hygiene state and needle advice, decided by the rule core."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from needlewise.devices.models import OwnedDevice
from needlewise.people_words import count
from needlewise.rules import devices as hygiene_rules
from needlewise.rules.knowledge import knowledge
from needlewise.rules.model import Reason
from needlewise.rules.needles import NeedleAdvice, recommend

_MISSING = object()
OTC_CODE = "no_otc_authorisation"
HEAD_CODE = "replace_roller_head"
TOO_LONG_CODE = "device_too_long"


def uses_since_head_change(device: OwnedDevice) -> int:
    """Uses of the current head: the `uses` counter (one per finished session) beyond its value
    at the last head change."""
    at_change = getattr(device, "uses_at_head_change", _MISSING)
    if at_change is _MISSING:
        latest = device.head_changes.order_by("-at", "-id").first()
        at_change = latest.uses_at_change if latest else 0
    return max(0, device.uses - int(at_change or 0))


@dataclass(frozen=True)
class Hold:
    """Why this device keeps a session from starting now, and what to do: the device's part of
    the session gate (`treatments.gate`), shown word for word on the device page."""

    code: str
    message: str
    action: str


@dataclass(frozen=True)
class Hygiene:
    """Where a device stands: clean enough for a session now, and is its head due?"""

    kind: str
    ready: bool  # sterilised (pens: a new cartridge fitted) within the rule core's window
    last_ready_at: datetime | None
    uses: int
    head_since: date
    head_since_what: str
    head_days: int
    head_due: bool
    reasons: tuple[Reason, ...]

    @property
    def otc(self) -> Reason:
        """No microneedling device is authorised by the FDA for over-the-counter sale."""
        return next(r for r in self.reasons if r.code == OTC_CODE)

    @property
    def care(self) -> list[Reason]:
        """Sterilising, cartridge and head advice for this kind of device."""
        return [r for r in self.reasons if r.code != OTC_CODE]

    @property
    def head_reason(self) -> Reason | None:
        """The rule core's replacement advice (rollers only)."""
        return next((r for r in self.reasons if r.code == HEAD_CODE), None)

    @property
    def is_pen(self) -> bool:
        return self.kind == "pen"

    @property
    def warnings(self) -> list[str]:
        out = []
        if not self.ready:
            out.append(
                "Fit a new sterile cartridge before your next session."
                if self.is_pen
                else "Sterilise it before your next session."
            )
        if self.head_due:
            out.append("Time to replace the head.")
        return out

    @property
    def holds(self) -> list[Hold]:
        """Every reason this device may not be used for a session now (empty: it may)."""
        out = []
        hours = count(hygiene_rules.STERILISED_WITHIN_HOURS, "hour")
        if not self.ready and self.is_pen:
            out.append(
                Hold(
                    "not_sterilised",
                    f"No new sterile cartridge is recorded for your pen in the last {hours}.",
                    "Fit a new cartridge and record it on the device page.",
                )
            )
        elif not self.ready:
            out.append(
                Hold(
                    "not_sterilised",
                    f"Your device has not been sterilised in the last {hours}.",
                    "Sterilise it, then record it on the device page.",
                )
            )
        if self.head_due:
            limits = hygiene_rules.constants()
            worn = (
                f"it has had {count(self.uses, 'use')}"
                if self.uses >= limits["roller_head_max_uses"]
                else f"it has been in use for {count(self.head_days, 'day')}"
            )
            out.append(
                Hold(
                    "head_due",
                    f"Your roller's head is due: {worn}, and a head is replaced after "
                    f"{count(limits['roller_head_max_uses'], 'use')} or "
                    f"{count(limits['roller_head_max_days'], 'day')}, whichever comes first.",
                    "Fit a new head, then record it on the device page.",
                )
            )
        return out


def _head_since(device: OwnedDevice) -> tuple[date, str]:
    """The day the current head started: the last change, else first use, else when added."""
    changed = getattr(device, "last_head_change_at", None)
    if changed is not None:
        return timezone.localdate(changed), "your last head change"
    if device.first_used_on is not None:
        return device.first_used_on, "your first use"
    return timezone.localdate(device.added_at), "you added it"


def head_replacement_on(device: OwnedDevice) -> date | datetime | None:
    """When a roller's head is due: now once it reached the rule core's use count, else the day
    its age reaches the rule core's limit. None for pens (single-use cartridges) and stamps (no
    source gives a number)."""
    if device.kind != "roller":
        return None
    limits = hygiene_rules.constants()
    if uses_since_head_change(device) >= limits["roller_head_max_uses"]:
        return timezone.now() + timedelta(minutes=1)  # a reminder in the past is never sent
    since, _ = _head_since(device)
    return since + timedelta(days=limits["roller_head_max_days"])


def hygiene_for(device: OwnedDevice, now: datetime | None = None) -> Hygiene:
    """Needs the annotations of `queries.devices_for`."""
    now = now or timezone.now()
    # Pens have no head to soak: a new sterile cartridge is what makes them ready.
    pen = device.kind == "pen"
    last = getattr(device, "last_head_change_at" if pen else "last_sterilised_at")
    uses = uses_since_head_change(device)
    since, since_what = _head_since(device)
    today = timezone.localdate(now)
    due = device.kind == "roller" and hygiene_rules.head_replacement_due(uses, since, today)
    return Hygiene(
        kind=device.kind,
        ready=hygiene_rules.sterilisation_ok(last, now),
        last_ready_at=last,
        uses=uses,
        head_since=since,
        head_since_what=since_what,
        head_days=(today - since).days,
        head_due=due,
        reasons=hygiene_rules.hygiene_reasons(device.kind),
    )


@dataclass(frozen=True)
class TargetAdvice:
    concern: str
    area: str
    advice: NeedleAdvice
    lengths_known: bool
    first_session: bool = True

    @property
    def can(self) -> bool:
        return self.advice.recommended_mm is not None

    @property
    def cannot_reason(self) -> Reason | None:
        """Why the device cannot do it, when it has nothing short enough."""
        return next((r for r in self.advice.reasons if r.code == TOO_LONG_CODE), None)


def _label(group: str, code: str) -> str:
    return str(knowledge()["needles"][group][code]["label"])


def area_words(codes: tuple[str, ...] | list[str]) -> str:
    """("cheeks", "forehead") -> "cheeks, forehead", in the rule core's words."""
    return ", ".join(_label("areas", code).removeprefix("the ") for code in codes)


def needle_advice(
    device: OwnedDevice,
    targets: list[tuple[str, str]],
    skin_type: int | None,
    treated: set[str] | frozenset[str] = frozenset(),
) -> list[TargetAdvice]:
    """One recommendation per (concern, area): a first session's for an area not yet in
    `treated` (the areas the person has finished a session on)."""
    lengths = device.available_lengths()
    return [
        TargetAdvice(
            concern=_label("concerns", concern),
            area=_label("areas", area),
            advice=recommend(
                concern,
                area,
                lengths or None,
                skin_type=skin_type,
                first_session=area not in treated,
            ),
            lengths_known=bool(lengths),
            first_session=area not in treated,
        )
        for concern, area in targets
    ]


def fda_reason(status: str) -> Reason:
    return hygiene_rules.fda_status_reason(status)
