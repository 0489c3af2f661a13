from __future__ import annotations

from django.apps import AppConfig


class ProductsConfig(AppConfig):
    name = "needlewise.products"
    label = "products"

    def ready(self) -> None:
        from needlewise import glides
        from needlewise.accounts.revisions import track_all
        from needlewise.products.glides import ProductShelf
        from needlewise.products.models import AvoidEntry, Product

        # Saving these moves their owner's data revision (cached pages; accounts.revisions).
        track_all([(Product, "user"), (AvoidEntry, "user")])
        # The guided session (treatments, below us) asks which product is the glide.
        glides.register(ProductShelf())
