"""What a synthetic run is asked for, checked before anything is written."""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

#: Every synthetic account lives under this domain (a reserved `.test` name: never deliverable).
DOMAIN = "synthetic.needlewise.test"
MAX_USERS = 999_999  # person numbers have six digits
MAX_YEARS = 10.0
DEFAULT_SEED = 1


class SyntheticError(ValueError):
    """Bad options or a population that cannot be extended; nothing has been written."""


@dataclass(frozen=True)
class Options:
    users: int
    years: float
    seed: int = DEFAULT_SEED
    today: date = date(2026, 1, 1)
    append: bool = False

    @property
    def end(self) -> datetime:
        """History stops at the start of `today` (UTC): nothing is ever in the future."""
        return datetime.combine(self.today, time(0), UTC)

    @property
    def days(self) -> int:
        """The length of the full history (the bench user's), in whole days, at least one."""
        return max(1, round(self.years * 365.25))

    @property
    def start(self) -> datetime:
        return self.end - timedelta(days=self.days)


def _users(value: object) -> int:
    text = str(value).strip()
    if isinstance(value, bool) or not text.lstrip("+").isdigit():
        raise SyntheticError(f"--users must be a whole number of people, e.g. 1000 (got {text!r}).")
    users = int(text)
    if not 1 <= users <= MAX_USERS:
        raise SyntheticError(f"--users must be from 1 to {MAX_USERS:,} (got {users}).")
    return users


def _years(value: object) -> float:
    text = str(value).strip()
    try:
        years = float(text)
    except ValueError:
        years = math.nan
    if isinstance(value, bool) or not math.isfinite(years):
        raise SyntheticError(f"--years must be a number of years, e.g. 2 or 0.25 (got {text!r}).")
    if not 0 < years <= MAX_YEARS:
        raise SyntheticError(
            f"--years must be more than 0 and at most {MAX_YEARS:g} (got {years:g})."
        )
    return years


def _seed(value: object) -> int:
    text = str(value).strip()
    if isinstance(value, bool) or not text.lstrip("+-").isdigit():
        raise SyntheticError(f"--seed must be a whole number, e.g. 42 (got {text!r}).")
    return int(text)


def _today(value: object, today: date) -> date:
    if value is None or value == "":
        return today
    if isinstance(value, date) and not isinstance(value, datetime):
        chosen = value
    else:
        try:
            chosen = date.fromisoformat(str(value).strip())
        except ValueError:
            raise SyntheticError(
                f"--today must be a date like 2026-03-01 (got {value!r})."
            ) from None
    if chosen > today:
        raise SyntheticError(f"--today cannot be after today ({today}): history ends there.")
    return chosen


def parse(
    users: object, years: object, seed: object, today: object, append: bool, default_today: date
) -> Options:
    """Options from the command line (strings) or from `call_command` (any type)."""
    return Options(
        users=_users(users),
        years=_years(2 if years is None else years),
        seed=_seed(DEFAULT_SEED if seed is None else seed),
        today=_today(today, default_today),
        append=bool(append),
    )


def password_for(seed: int) -> str:
    """The one password of every synthetic account: derived from the seed, so an `--append`
    run (same seed) prints the password the existing accounts already have."""
    digest = hashlib.sha256(f"needlewise-synthetic:{seed}".encode()).hexdigest()
    return f"synth-{digest[:6]}-{digest[6:12]}-{digest[12:18]}"


def salt_for(seed: int) -> str:
    """A fixed salt per seed, so the stored hash (like every other column) is reproducible."""
    return hashlib.sha256(f"needlewise-synthetic-salt:{seed}".encode()).hexdigest()[:22]
