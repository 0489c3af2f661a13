from __future__ import annotations

from django.apps import AppConfig


class SuitabilityConfig(AppConfig):
    name = "needlewise.suitability"
    label = "suitability"
    verbose_name = "Suitability checks"

    def ready(self) -> None:
        from needlewise import events
        from needlewise.accounts.revisions import track_all
        from needlewise.suitability import services

        # Told by accounts (below): a changed birth date or skin type makes a new check due.
        events.screening_changed.connect(services.on_screening_changed, dispatch_uid="suitability")
        from needlewise.suitability.models import SuitabilityCheck

        # Saving these moves their owner's data revision (cached pages; accounts.revisions).
        track_all([(SuitabilityCheck, "user")])
