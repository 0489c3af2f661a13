from __future__ import annotations

from django.apps import AppConfig


class DevicesConfig(AppConfig):
    name = "needlewise.devices"
    label = "devices"
    verbose_name = "Devices"
