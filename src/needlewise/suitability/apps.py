from __future__ import annotations

from django.apps import AppConfig


class SuitabilityConfig(AppConfig):
    name = "needlewise.suitability"
    label = "suitability"
    verbose_name = "Suitability checks"

    def ready(self) -> None:
        from needlewise.accounts.revisions import track_all
        from needlewise.suitability.models import SuitabilityCheck

        # Saving these moves their owner's data revision (cached pages; accounts.revisions).
        track_all([(SuitabilityCheck, "user")])
