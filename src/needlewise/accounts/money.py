"""Amounts of money in the person's own currency (Profile.currency), the same on every page,
chart and export: "€42.50", "CHF 42.50". Amounts are shown as recorded, never converted."""

from __future__ import annotations

from decimal import Decimal

from needlewise.accounts.models import Currency, User

#: Written before the amount, with no space; every other currency is written as its code.
SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "CAD": "CA$", "AUD": "A$", "NZD": "NZ$"}


def currency_of(user: User) -> str:
    """The person's currency code, EUR without a profile (read once per user object)."""
    profile = getattr(user, "profile", None)
    return profile.currency if profile is not None and profile.currency else Currency.EUR.value


def sign(code: str) -> str:
    """How the currency is written next to a number: "€", or the code ("CHF")."""
    return SYMBOLS.get(code, code)


def money(amount: Decimal | float | int | None, code: str, places: int = 2) -> str:
    """One amount with its currency; "" for none."""
    if amount is None:
        return ""
    number = f"{Decimal(str(amount)):,.{places}f}"
    if code in SYMBOLS:
        return (
            f"-{SYMBOLS[code]}{number[1:]}"
            if number.startswith("-")
            else f"{SYMBOLS[code]}{number}"
        )
    return f"{code} {number}"
