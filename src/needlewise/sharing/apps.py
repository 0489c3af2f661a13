from __future__ import annotations

from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "needlewise.sharing"
    label = "sharing"

    def ready(self) -> None:
        from needlewise.accounts.revisions import track_all
        from needlewise.sharing.models import Grant, Invite, ProfessionalNote, ProfessionalProfile

        # Saving these moves their owner's data revision (cached pages; accounts.revisions).
        track_all(
            [(Grant, "client"), (Invite, "client"), (ProfessionalNote, "client"),
             (ProfessionalProfile, "user")]
        )  # fmt: skip
