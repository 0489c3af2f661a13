from __future__ import annotations

from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "needlewise.sharing"
    label = "sharing"

    def ready(self) -> None:
        from needlewise import limits
        from needlewise.accounts.revisions import track_all
        from needlewise.sharing.limits import limit_sources
        from needlewise.sharing.models import Grant, Invite, ProfessionalNote, ProfessionalProfile

        # Saving these moves their owner's data revision (cached pages; accounts.revisions).
        track_all(
            [(Grant, "client"), (Invite, "client"), (ProfessionalNote, "client"),
             (ProfessionalProfile, "user")]
        )  # fmt: skip
        # The apps below read a person's limits from needlewise.limits: the grants are ours.
        limits.register_source(limit_sources)
