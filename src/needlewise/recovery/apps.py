from __future__ import annotations

from django.apps import AppConfig


class RecoveryConfig(AppConfig):
    name = "needlewise.recovery"
    label = "recovery"

    def ready(self) -> None:
        from needlewise.accounts.revisions import track_all
        from needlewise.recovery.models import CheckIn, Escalation

        # Saving these moves their owner's data revision (cached pages; accounts.revisions).
        track_all([(CheckIn, "user"), (Escalation, "user")])
