"""Reading back a date as pages write it for people (`needlewise.people_words`): "Thu 3 Dec"
this year, "Wed 1 Jan 2020" another year. Without a year, the year is the one near `around`
whose weekday matches (five years around it never share a weekday for one day and month)."""

from __future__ import annotations

from datetime import date, datetime


def read(text: str, around: date | None = None) -> date:
    text = " ".join(text.split())
    try:
        return datetime.strptime(text, "%a %d %b %Y").date()  # noqa: DTZ007
    except ValueError:
        pass
    weekday, rest = text.split(" ", 1)
    year = (around or date.today()).year  # noqa: DTZ011
    for candidate in (year, year + 1, year - 1, year + 2, year - 2):
        try:
            day = datetime.strptime(f"{rest} {candidate}", "%d %b %Y").date()  # noqa: DTZ007
        except ValueError:  # 29 Feb
            continue
        if f"{day:%a}" == weekday:
            return day
    raise ValueError(f"not a person's date: {text!r}")
