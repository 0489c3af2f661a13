from __future__ import annotations

from django.apps import AppConfig


class ProductsConfig(AppConfig):
    name = "needlewise.products"
    label = "products"
