from __future__ import annotations

from django.apps import AppConfig


class PortabilityConfig(AppConfig):
    name = "needlewise.portability"
    label = "portability"
