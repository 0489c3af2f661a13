"""`{% load money %}{{ amount|money:currency }}`: an amount in the person's currency ("€42.50")."""

from __future__ import annotations

from decimal import Decimal

from django import template

from needlewise.accounts import money as amounts

register = template.Library()


@register.filter
def money(amount: Decimal | float | int | None, code: str) -> str:
    return amounts.money(amount, code or "EUR")
