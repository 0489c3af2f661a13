from __future__ import annotations

from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "needlewise.reminders"
    label = "reminders"
    verbose_name = "Reminders"

    def ready(self) -> None:
        from needlewise import events
        from needlewise.reminders import receivers

        # Told by the apps below: their changes move the reminders this app owns.
        events.check_recorded.connect(receivers.on_check_recorded, dispatch_uid="reminders")
        events.device_changed.connect(receivers.on_device_changed, dispatch_uid="reminders")
        events.session_finished.connect(receivers.on_session_finished, dispatch_uid="reminders")
        events.schedule_changed.connect(receivers.on_schedule_changed, dispatch_uid="reminders")
