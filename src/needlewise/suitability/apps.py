from __future__ import annotations

from django.apps import AppConfig


class SuitabilityConfig(AppConfig):
    name = "needlewise.suitability"
    label = "suitability"
    verbose_name = "Suitability checks"
