from __future__ import annotations

from django.apps import AppConfig


class TreatmentsConfig(AppConfig):
    name = "needlewise.treatments"
    label = "treatments"
    verbose_name = "Plans and sessions"
