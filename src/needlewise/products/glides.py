"""The shelf as `needlewise.glides` asks for it: the person's products judged as the glide
during needling, and a product typed in during the session, kept on the shelf.

Registered in `ProductsConfig.ready()`; the session (treatments, below us) reads it there."""

from __future__ import annotations

from needlewise import limits
from needlewise.accounts.models import User
from needlewise.glides import Glide
from needlewise.products import queries, services
from needlewise.products.status import glide_for


def _avoided(user: User) -> frozenset[str]:
    """Categories that count as actives for this person: their avoid-list (their
    professionals' entries are on it) and whatever the limits that hold now avoid."""
    return frozenset(queries.avoid_list(user).categories) | limits.effective_limits(user).avoid


class ProductShelf:
    """`needlewise.glides.Shelf` for the products app."""

    def glides(self, user: User) -> list[Glide]:
        avoid = _avoided(user)
        return [glide_for(p, avoid) for p in queries.products_for(user)]

    def glide(self, user: User, product_id: int) -> Glide | None:
        product = queries.products_for(user).filter(pk=product_id).first()
        return None if product is None else glide_for(product, _avoided(user))

    def add(self, user: User, name: str, ingredients: str) -> Glide:
        product = services.add_product(user, name=name, ingredients_text=ingredients)
        return glide_for(product, _avoided(user))
