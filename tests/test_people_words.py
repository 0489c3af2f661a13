"""One style for dates, counts and units people read (issue 17): the helper and its builtin
filters. Dates are built from `timezone.localdate()` so the test holds on any day."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.utils import timezone

from needlewise import people_words as w


def _this_year_day() -> dt.date:
    today = timezone.localdate()
    return today.replace(month=12 if today.month < 12 else 1, day=3)


def test_a_date_of_this_year_is_weekday_day_month() -> None:
    day = _this_year_day()
    expected = f"{day:%a} {day.day} {day:%b}"
    assert w.person_date(day) == expected
    assert w.person_date(day, long=True) == f"{day:%A} {day.day} {day:%B}"


def test_a_date_of_another_year_shows_its_year() -> None:
    assert w.person_date(dt.date(2020, 1, 1), today=dt.date(2026, 12, 3)) == "Wed 1 Jan 2020"
    assert (
        w.person_date(dt.date(2020, 1, 1), long=True, today=dt.date(2026, 12, 3))
        == "Wednesday 1 January 2020"
    )
    assert w.person_date(dt.date(2026, 12, 3), today=dt.date(2026, 1, 1)) == "Thu 3 Dec"
    assert w.person_date(dt.date(2027, 1, 1), today=dt.date(2026, 12, 31)) == "Fri 1 Jan 2027"


def test_the_year_is_compared_with_the_person_s_today() -> None:
    today = timezone.localdate()
    last_year = today.replace(year=today.year - 1, day=1)
    assert w.person_date(last_year).endswith(str(last_year.year))
    assert str(today.year) not in w.person_date(today)


def test_a_datetime_is_read_in_the_active_time_zone() -> None:
    at = dt.datetime(2020, 12, 31, 23, 30, tzinfo=dt.UTC)
    with timezone.override(zoneinfo.ZoneInfo("Asia/Tokyo")):
        assert w.person_datetime(at, today=dt.date(2026, 6, 1)) == "Fri 1 Jan 2021, 08:30"
        assert w.person_date(at, today=dt.date(2021, 6, 1)) == "Fri 1 Jan"
    with timezone.override(zoneinfo.ZoneInfo("UTC")):
        assert w.person_datetime(at, long=True, today=dt.date(2020, 1, 1)) == (
            "Thursday 31 December, 23:30"
        )


def test_nothing_reads_as_nothing() -> None:
    assert w.person_date(None) == "" and w.person_datetime(None) == "" and w.duration(None) == ""


@pytest.mark.parametrize(
    ("n", "noun", "text"),
    [
        (1, "session", "1 session"),
        (2, "session", "2 sessions"),
        (0, "session", "0 sessions"),
        (1, "day", "1 day"),
        (1, "cost entry", "1 cost entry"),
        (3, "cost entry", "3 cost entries"),
        (1.0, "hour", "1 hour"),
    ],
)
def test_counts_agree_with_their_number(n: float, noun: str, text: str) -> None:
    assert w.count(n, noun) == text


def test_an_unknown_noun_is_refused_so_it_gets_its_plural() -> None:
    with pytest.raises(KeyError, match="_NOUNS"):
        w.count(2, "sessionz")


@pytest.mark.parametrize(
    ("hours", "text"),
    [
        (0.25, "15 minutes"),
        (0.999, "1 hour"),
        (1, "1 hour"),
        (24, "24 hours"),
        (47.4, "47 hours"),
        (48, "2 days"),
        (201.02, "8 days, 9 hours"),
        (169, "7 days, 1 hour"),
    ],
)
def test_durations_read_as_people_say_them(hours: float, text: str) -> None:
    assert w.duration(hours) == text


def test_temperatures_carry_their_unit() -> None:
    assert w.celsius(38.4) == "38.4 °C"
    assert w.celsius(38) == "38 °C"
    assert w.celsius(38.449) == "38.4 °C"


def test_the_filters_need_no_load() -> None:
    out = Template(
        '{{ d|person_date }}|{{ d|person_date:"long" }}|{{ n|count:"session" }}|'
        "{{ h|duration }}|{{ c|celsius }}"
    ).render(Context({"d": dt.date(2020, 1, 1), "n": 1, "h": 201.02, "c": 38.4}))
    assert out == "Wed 1 Jan 2020|Wednesday 1 January 2020|1 session|8 days, 9 hours|38.4 °C"


def test_a_wrong_form_is_a_template_error() -> None:
    with pytest.raises(TemplateSyntaxError):
        Template('{{ d|person_date:"short" }}').render(Context({"d": dt.date(2020, 1, 1)}))


def test_a_document_kept_past_the_year_always_gives_it() -> None:
    today = timezone.localdate()
    assert w.person_date(today, year=True).endswith(str(today.year))
    at = dt.datetime(2026, 12, 3, 14, 5, tzinfo=dt.UTC)
    with timezone.override(zoneinfo.ZoneInfo("UTC")):
        assert w.person_datetime(at, year=True, today=dt.date(2026, 1, 1)) == (
            "Thu 3 Dec 2026, 14:05"
        )


def test_a_count_given_as_text_or_a_fraction_reads_right() -> None:
    assert w.count("24", "hour") == "24 hours"
    assert w.count(1.5, "day") == "1.5 days"
