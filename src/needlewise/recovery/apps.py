from __future__ import annotations

from django.apps import AppConfig


class RecoveryConfig(AppConfig):
    name = "needlewise.recovery"
    label = "recovery"
