"""The template filters of `needlewise.people_words`, builtins for every template (settings
TEMPLATES OPTIONS "builtins"), so no `{% load %}` is needed:

    {{ plan.start_date|person_date }}          Thu 3 Dec  /  Wed 1 Jan 2020
    {{ plan.start_date|person_date:"long" }}   Thursday 3 December
    {{ session.done_at|person_datetime }}      Thu 3 Dec, 14:05 (in the active time zone)
    {{ n|count:"session" }}                    1 session  /  2 sessions
    {{ hours|duration }}                       9 hours  /  8 days, 9 hours
    {{ fever_c|celsius }}                      38.4 °C
"""

from __future__ import annotations

from typing import Any

from django import template

from needlewise import people_words

register = template.Library()


def _long(arg: str) -> bool:
    if arg not in ("", "long"):
        raise template.TemplateSyntaxError(f'person_date takes "long" or nothing, not {arg!r}')
    return arg == "long"


@register.filter
def person_date(value: Any, arg: str = "") -> str:
    return people_words.person_date(value, long=_long(arg))


@register.filter
def person_datetime(value: Any, arg: str = "") -> str:
    return people_words.person_datetime(value, long=_long(arg))


@register.filter
def count(value: Any, noun: str) -> str:
    return people_words.count(value or 0, noun)


@register.filter
def duration(value: Any) -> str:
    return people_words.duration(value)


@register.filter
def celsius(value: Any) -> str:
    return people_words.celsius(value)
