from __future__ import annotations

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "needlewise.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from needlewise.accounts import checks  # noqa: F401  (registers system checks)
