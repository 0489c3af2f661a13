"""What a backup or restore tells the person: one line per step, a bar for long copies."""

from __future__ import annotations

import sys
from collections.abc import Callable

from tqdm import tqdm


class Reporter:
    """Step lines go to `say`; byte bars to stderr, only on a terminal (tqdm's `disable=None`)."""

    def __init__(self, say: Callable[[str], None] | None = None, *, bars: bool = True) -> None:
        self._say = say
        self._bars = bars

    def step(self, message: str) -> None:
        if self._say is not None:
            self._say(message)

    def bar(self, total: int, desc: str) -> tqdm:
        return tqdm(
            total=total,
            desc=desc,
            unit="B",
            unit_scale=True,
            unit_divisor=1024,
            leave=False,
            file=sys.stderr,
            disable=None if self._bars else True,
        )


def size(n: int) -> str:
    """A byte count for people: 512 B, 3.4 MB."""
    value = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{n} B" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")
