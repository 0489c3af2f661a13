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


def measured(user: User, photo: Photo) -> Measured:
    reading = queries.latest_reading(photo)
    baseline = queries.baseline_reading(user, photo.area)
    if reading is None or baseline is None:
        return Measured(photo, reading, baseline, None, "")
    if baseline.photo_id == photo.pk:
        return Measured(photo, reading, baseline, 0.0, "This photo is your baseline for the area.")
    delta = redness.above_baseline(reading.a_star, baseline.a_star)
    change = redness.describe_change(delta)
    return Measured(photo, reading, baseline, delta, change[0].upper() + change[1:] + ".")


def summarise(user: User, photo: Photo) -> dict[str, Any]:
    return {"measured": measured(user, photo)}


def compared(user: User, before: Photo, after: Photo) -> dict[str, Any]:
    a, b = measured(user, before), measured(user, after)
    between = queries.sessions_between(user, before.taken_on, after.taken_on)
    difference = None
    if a.reading is not None and b.reading is not None:
        difference = redness.above_baseline(b.reading.a_star, a.reading.a_star)
    return {
        "before": a,
        "after": b,
        "sessions": between,
        "days": (after.taken_on - before.taken_on).days,
        "difference": difference,
        "both": [a, b],
    }
