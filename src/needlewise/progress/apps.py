from __future__ import annotations

from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "needlewise.progress"
    label = "progress"

    def ready(self) -> None:
        from needlewise import events
        from needlewise.progress import services

        # Told by recovery (below): a check-in's photo is stored and measured with it.
        events.checkin_recorded.connect(services.on_checkin_recorded, dispatch_uid="progress")
