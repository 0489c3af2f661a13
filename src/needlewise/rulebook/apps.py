from __future__ import annotations

from django.apps import AppConfig


class RulebookConfig(AppConfig):
    """The interfaces to the rule core: the public "How Needlewise decides" pages, the rule API
    endpoints and the rule CLI commands. The rules themselves live in needlewise.rules."""

    name = "needlewise.rulebook"
    label = "rulebook"
    verbose_name = "How Needlewise decides"
