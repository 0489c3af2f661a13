"""Dates, counts and units as a person reads them, one style on every page, mail and the PDF.

Below every app (any app may import it); the template filters of the same names are builtins
(`needlewise.people_tags`), so no template needs `{% load %}`. Machine outputs (API JSON, CSV,
FHIR, ICS, `--json`) keep ISO and raw numbers and never come through here.

Dates: "Thu 3 Dec", with the year when it is not this year in the person's time zone
("Wed 1 Jan 2020"); the long form "Thursday 3 December" where a page needs room for it. Django's
date formatting names the days and months, so another locale translates them. Counts go through
`ngettext` ("1 session", "2 sessions"), durations in hours read as "9 hours" or "8 days, 9 hours"
(never "201.02 hours"), temperatures as "38.4 °C".
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, datetime

from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext

_SHORT, _LONG, _TIME = "D j M", "l j F", "H:i"


def _local(value: date | datetime) -> date | datetime:
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _day_format(day: date, long: bool, today: date | None, year: bool) -> str:
    fmt = _LONG if long else _SHORT
    if year or day.year != (today or timezone.localdate()).year:
        return f"{fmt} Y"
    return fmt


def person_date(
    value: date | datetime | None,
    *,
    long: bool = False,
    today: date | None = None,
    year: bool = False,
) -> str:
    """ "Thu 3 Dec", or "Wed 1 Jan 2020" out of this year; `long` spells the names out; `year`
    always gives it (a document kept past the year: the PDF report). A datetime is read in the
    active time zone (the person's, on a page or in a mail)."""
    if value is None or value == "":
        return ""
    local = _local(value)
    day = local.date() if isinstance(local, datetime) else local
    return formats.date_format(day, _day_format(day, long, today, year))


def person_datetime(
    value: datetime | None,
    *,
    long: bool = False,
    today: date | None = None,
    year: bool = False,
) -> str:
    """ "Thu 3 Dec, 14:05", with the year out of this year, in the active time zone."""
    if value is None or value == "":
        return ""
    if not isinstance(value, datetime):
        return person_date(value, long=long, today=today, year=year)
    local = _local(value)
    fmt = _day_format(local.date(), long, today, year)
    return formats.date_format(local, f"{fmt}, {_TIME}")


#: Every countable word people read, singular and plural as `ngettext` sees them (literal, so
#: `makemessages` finds them). `count(n, "session")` and `{{ n|count:"session" }}` read it.
_NOUNS: dict[str, Callable[[int], str]] = {
    "session": lambda n: ngettext("%(n)s session", "%(n)s sessions", n),
    "day": lambda n: ngettext("%(n)s day", "%(n)s days", n),
    "hour": lambda n: ngettext("%(n)s hour", "%(n)s hours", n),
    "minute": lambda n: ngettext("%(n)s minute", "%(n)s minutes", n),
    "week": lambda n: ngettext("%(n)s week", "%(n)s weeks", n),
    "month": lambda n: ngettext("%(n)s month", "%(n)s months", n),
    "year": lambda n: ngettext("%(n)s year", "%(n)s years", n),
    "use": lambda n: ngettext("%(n)s use", "%(n)s uses", n),
    "entry": lambda n: ngettext("%(n)s entry", "%(n)s entries", n),
    "cost entry": lambda n: ngettext("%(n)s cost entry", "%(n)s cost entries", n),
    "check-in": lambda n: ngettext("%(n)s check-in", "%(n)s check-ins", n),
    "photo": lambda n: ngettext("%(n)s photo", "%(n)s photos", n),
    "rating": lambda n: ngettext("%(n)s rating", "%(n)s ratings", n),
    "product": lambda n: ngettext("%(n)s product", "%(n)s products", n),
    "result": lambda n: ngettext("%(n)s result", "%(n)s results", n),
    "item": lambda n: ngettext("%(n)s item", "%(n)s items", n),
    "record": lambda n: ngettext("%(n)s record", "%(n)s records", n),
    "stored record": lambda n: ngettext("%(n)s stored record", "%(n)s stored records", n),
    "file": lambda n: ngettext("%(n)s file", "%(n)s files", n),
    "thing": lambda n: ngettext("%(n)s thing", "%(n)s things", n),
    "reason": lambda n: ngettext("%(n)s reason", "%(n)s reasons", n),
    "more reason": lambda n: ngettext("%(n)s more reason", "%(n)s more reasons", n),
    "token": lambda n: ngettext("%(n)s token", "%(n)s tokens", n),
    "active API token": lambda n: ngettext("%(n)s active API token", "%(n)s active API tokens", n),
    "reminder": lambda n: ngettext("%(n)s reminder", "%(n)s reminders", n),
    "client": lambda n: ngettext("%(n)s client", "%(n)s clients", n),
    "reading": lambda n: ngettext("%(n)s reading", "%(n)s readings", n),
    "new item": lambda n: ngettext("%(n)s new item", "%(n)s new items", n),
    "more photo": lambda n: ngettext("%(n)s more photo", "%(n)s more photos", n),
}


def count(n: int | float | str, noun: str) -> str:
    """ "1 session", "2 sessions": `noun` is a key of `_NOUNS` (a new word is added there, so
    every plural stays translatable). A whole float counts as its integer; a fraction takes
    the plural ("1.5 days")."""
    if noun not in _NOUNS:
        raise KeyError(f"add {noun!r} to people_words._NOUNS")
    number = float(n)
    whole: int | float = int(number) if number.is_integer() else number
    form = whole if isinstance(whole, int) else max(2, math.ceil(whole))
    return _NOUNS[noun](form) % {"n": formats.number_format(whole)}


def duration(hours: float | int | None) -> str:
    """A span in hours, as a person says it, one rule everywhere: under an hour in minutes;
    under 48 hours in whole hours ("9 hours"); from 48 hours in days and the hours left
    ("8 days, 9 hours", "3 days"; the comma as Django's `timeuntil`). Rounded to the nearest
    minute or hour, never decimals."""
    if hours is None or hours == "":
        return ""
    hours = max(float(hours), 0.0)
    if hours < 1:
        minutes = round(hours * 60)
        return count(minutes, "minute") if minutes < 60 else count(1, "hour")
    whole = round(hours)
    if whole < 48:
        return count(whole, "hour")
    days, rest = divmod(whole, 24)
    if not rest:
        return count(days, "day")
    # Translators: a span such as "8 days, 9 hours" (as Django's timeuntil writes it).
    return gettext("%(days)s, %(hours)s") % {
        "days": count(days, "day"),
        "hours": count(rest, "hour"),
    }


def celsius(value: float | int | None) -> str:
    """A body temperature: "38.4 °C" (one decimal at most, the locale's decimal mark)."""
    if value is None or value == "":
        return ""
    rounded = round(float(value), 1)
    number = formats.number_format(rounded, 0 if rounded.is_integer() else 1)
    return gettext("%(degrees)s °C") % {"degrees": number}
