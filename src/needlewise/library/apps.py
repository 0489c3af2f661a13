from __future__ import annotations

from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "needlewise.library"
    label = "library"

    def ready(self) -> None:
        from needlewise.library import checks  # noqa: F401 - registers the system checks
