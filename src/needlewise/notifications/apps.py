from __future__ import annotations

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "needlewise.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from needlewise import events
        from needlewise.notifications import services

        # Told by recovery (below): each escalation level is mailed once per recipient.
        events.escalation_raised.connect(
            services.on_escalation_raised, dispatch_uid="notifications"
        )
