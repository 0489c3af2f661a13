from __future__ import annotations

from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "needlewise.reminders"
    label = "reminders"
    verbose_name = "Reminders"

    def ready(self) -> None:
        from needlewise.events import schedule_changed
        from needlewise.reminders.services import on_schedule_changed

        # Plans, sessions, check-ins, grants or limits changed below us: re-plan session days.
        schedule_changed.connect(on_schedule_changed, dispatch_uid="reminders.replan")
