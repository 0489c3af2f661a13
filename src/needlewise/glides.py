"""The glide (POLICY.md section 8): the product on the skin while needling, for the guided session.

Treatments asks which product it is, but the shelf belongs to products, which sits above
treatments. This module imports no app: products registers its shelf here in its
`AppConfig.ready()` (`register`), and treatments reads and adds products only through it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from needlewise.rules.errors import InputError

if TYPE_CHECKING:
    from needlewise.accounts.models import User


@dataclass(frozen=True)
class Glide:
    """One product judged as a glide by the rule core: `verdict` is ok or avoid, `findings`
    only the glide findings (`rules.ingredients.Finding.to_dict()` dicts), reasons first."""

    product_id: int | None
    name: str
    verdict: str
    findings: tuple[dict[str, Any], ...]

    @property
    def reasons(self) -> tuple[dict[str, Any], ...]:
        """The findings that rule it out (none when it is fine)."""
        return tuple(f for f in self.findings if f["level"] == "avoid")

    @property
    def summary(self) -> str:
        """The first sentence of the first finding, for a list ("Not as a glide: it contains
        Retinol (retinoids).")."""
        if not self.findings:
            return ""
        first, _, rest = self.findings[0]["message"].partition(". ")
        return f"{first}." if rest else first


@dataclass(frozen=True)
class GlideChoice:
    """What the person named as the glide: one of their products, nothing, or a new product
    (a name and its ingredient list as printed), which goes on their shelf."""

    product_id: int | None = None
    none: bool = False
    name: str = ""
    ingredients: str = ""


class Shelf(Protocol):
    """What the shelf tells the session (products implements it)."""

    def glides(self, user: User) -> list[Glide]:
        """Every product on the person's shelf, by name, judged as a glide."""

    def glide(self, user: User, product_id: int) -> Glide | None:
        """One of the person's own products, judged; None when it is not theirs."""

    def add(self, user: User, name: str, ingredients: str) -> Glide:
        """Put a new product on the person's shelf and judge it; InputError names the field."""


_shelf: list[Shelf] = []


def register(shelf: Shelf) -> Shelf:
    """The shelf the session reads (one; a second registration replaces the first)."""
    _shelf[:] = [shelf]
    return shelf


def glides(user: User) -> list[Glide]:
    """The person's products judged as glides; none without a registered shelf."""
    return _shelf[0].glides(user) if _shelf else []


def glide(user: User, product_id: int) -> Glide | None:
    return _shelf[0].glide(user, product_id) if _shelf else None


def add(user: User, name: str, ingredients: str) -> Glide:
    if not _shelf:
        raise InputError("name", "there is no shelf to add a product to")
    return _shelf[0].add(user, name, ingredients)
