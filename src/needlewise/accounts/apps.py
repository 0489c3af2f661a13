from __future__ import annotations

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "needlewise.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from needlewise.accounts import (
            checks,  # noqa: F401  (registers system checks)
            lockout,  # noqa: F401  (counts failed log-ins)
        )
        from needlewise.accounts.models import Profile
        from needlewise.accounts.revisions import track_all
        from needlewise.accounts.signins import connect

        connect()  # signed-in devices follow log-ins and log-outs

        # Saving these moves their owner's data revision (cached pages; accounts.revisions).
        track_all([(Profile, "user")])
