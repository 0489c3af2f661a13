"""What a page says about a photo: its reading against the person's own baseline."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from needlewise.accounts.models import User
from needlewise.progress import queries
from needlewise.progress.models import Photo, Reading
from needlewise.rules import redness


@dataclass
class Measured:
    photo: Photo
    reading: Reading | None
    baseline: Reading | None
    delta: float | None
    change: str

    @property
    def is_baseline(self) -> bool:
        return self.baseline is not None and self.baseline.photo_id == self.photo.pk


def measured(
    user: User,
    photo: Photo,
    whose: str = "your",
    baselines: dict[str, Reading | None] | None = None,
) -> Measured:
    """The photo's latest reading against the person's baseline for its area (read here unless
    `baselines` has it); `whose` names the person when someone else reads it ("Alice's")."""
    reading = queries.latest_reading(photo)
    if baselines is not None and photo.area in baselines:
        baseline = baselines[photo.area]
    else:
        baseline = queries.baseline_reading(user, photo.area)
    if reading is None or baseline is None:
        return Measured(photo, reading, baseline, None, "")
    if baseline.photo_id == photo.pk:
        words = f"This photo is {whose} baseline for the area."
        return Measured(photo, reading, baseline, 0.0, words)
    delta = redness.above_baseline(reading.a_star, baseline.a_star)
    change = redness.describe_change(delta, whose)
    return Measured(photo, reading, baseline, delta, change[0].upper() + change[1:] + ".")


def measured_all(user: User, photos: list[Photo], whose: str = "your") -> list[Measured]:
    """`measured` for many photos, reading each area's baseline once."""
    areas = dict.fromkeys(p.area for p in photos)
    baselines = {area: queries.baseline_reading(user, area) for area in areas}
    return [measured(user, p, whose, baselines) for p in photos]


def summarise(user: User, photo: Photo) -> dict[str, Any]:
    return {"measured": measured(user, photo)}


def compared(
    user: User, before: Photo, after: Photo, whose: str = "your", with_sessions: bool = True
) -> dict[str, Any]:
    """Two photos of one area side by side, with the sessions between them unless the reader
    may not see sessions (`with_sessions`)."""
    a, b = measured(user, before, whose), measured(user, after, whose)
    between = (
        queries.sessions_between(user, before.taken_on, after.taken_on) if with_sessions else []
    )
    difference = None
    if a.reading is not None and b.reading is not None:
        difference = redness.above_baseline(b.reading.a_star, a.reading.a_star)
    return {
        "before": a,
        "after": b,
        "sessions": between,
        "with_sessions": with_sessions,
        "days": (after.taken_on - before.taken_on).days,
        "difference": difference,
        "both": [a, b],
    }
