"""First use, guided: the six steps from sign-up to the first planned session.

Where a person stands is read from their records (a check, a device, a sterilisation, a plan),
never from a stored flag, so it cannot disagree with what they have done: a plan made on its own
page finishes the setup as well as one made through it."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.urls import reverse

from needlewise.accounts.models import User
from needlewise.devices.models import HeadChange, OwnedDevice, SterilisationRecord
from needlewise.suitability.models import SuitabilityCheck
from needlewise.suitability.questions import STEPS as CHECK_STEPS
from needlewise.treatments.models import Plan


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    next_label: str  # the button that leads to this step from the one before

    @property
    def url(self) -> str:
        return reverse(URL_NAMES[self.slug][0], args=URL_NAMES[self.slug][1])


STEPS: tuple[Step, ...] = (
    Step("welcome", "Welcome", "Start"),
    Step("check", "Is it safe for you?", "Next: is it safe for you?"),
    Step("device", "Your device", "Next: your device"),
    Step("sterilise", "Keeping it sterile", "Next: keeping it sterile"),
    Step("plan", "Your plan", "Next: your plan"),
    Step("first-date", "Your first session", "Next: your first session"),
)
SLUGS = tuple(step.slug for step in STEPS)
URL_NAMES: dict[str, tuple[str, tuple[str, ...]]] = {
    "welcome": ("treatments:setup", ()),
    "check": ("suitability:step", (CHECK_STEPS[0].slug,)),
    "device": ("devices:add", ()),
    "sterilise": ("treatments:setup_sterilise", ()),
    "plan": ("treatments:plan_new", ()),
    "first-date": ("treatments:setup_first_date", ()),
}


#: The session marks a person walking the steps (from the welcome or "Continue setting up"):
#: only then do the apps' pages show the indicator and lead on to the next step when saved. It
#: says nothing of how far she is; that is read from her records.
IN_FLOW = "first_use"


@dataclass(frozen=True)
class Progress:
    """What the person's records say about the setup (one query: `progress_for`)."""

    has_check: bool
    has_device: bool
    has_hygiene: bool  # a sterilisation or a new cartridge recorded
    has_plan: bool

    @property
    def complete(self) -> bool:
        """A plan, of any status, means the person has been through it (or past it)."""
        return self.has_plan

    def done(self, slug: str) -> bool:
        if self.has_plan:
            return True
        return {
            "welcome": self.has_check or self.has_device,
            "check": self.has_check,
            "device": self.has_device,
            "sterilise": self.has_hygiene,
            "plan": False,
            "first-date": False,
        }[slug]

    @property
    def reached(self) -> Step:
        """The first step not done: where "Continue setting up" leads."""
        return next((step for step in STEPS if not self.done(step.slug)), STEPS[-1])


def progress_for(user: User) -> Progress:
    """One query, whatever the person has."""
    devices = OwnedDevice.objects.filter(user=OuterRef("pk"))
    row = (
        User.objects.filter(pk=user.pk)
        .annotate(
            has_check=Exists(SuitabilityCheck.objects.filter(user=OuterRef("pk"))),
            has_device=Exists(devices),
            has_sterilised=Exists(SterilisationRecord.objects.filter(device__user=OuterRef("pk"))),
            has_head=Exists(HeadChange.objects.filter(device__user=OuterRef("pk"))),
            has_plan=Exists(Plan.objects.filter(user=OuterRef("pk"))),
        )
        .values("has_check", "has_device", "has_sterilised", "has_head", "has_plan")
        .get()
    )
    return Progress(
        has_check=row["has_check"],
        has_device=row["has_device"],
        has_hygiene=row["has_sterilised"] or row["has_head"],
        has_plan=row["has_plan"],
    )


@dataclass(frozen=True)
class Shown:
    """One step in the indicator."""

    number: int
    title: str
    current: bool
    done: bool


def indicator(progress: Progress, current: str) -> dict[str, object]:
    """What the step indicator shows on the page of step `current`, and the next step."""
    index = SLUGS.index(current)
    following = STEPS[index + 1] if index + 1 < len(STEPS) else None
    return {
        "number": index + 1,
        "total": len(STEPS),
        "step": STEPS[index],
        "steps": [
            Shown(n, step.title, step.slug == current, progress.done(step.slug))
            for n, step in enumerate(STEPS, start=1)
        ],
        "following": following,
    }
