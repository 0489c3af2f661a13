from __future__ import annotations

from django.apps import AppConfig


class DevicesConfig(AppConfig):
    name = "needlewise.devices"
    label = "devices"
    verbose_name = "Devices"

    def ready(self) -> None:
        from needlewise.accounts.revisions import owner_through, track, track_all
        from needlewise.devices.models import HeadChange, OwnedDevice, SterilisationRecord

        # Saving these moves their owner's data revision (cached pages; accounts.revisions).
        track_all([(OwnedDevice, "user")])
        for child in (SterilisationRecord, HeadChange):
            track(child, owner_through(OwnedDevice, "device"))
