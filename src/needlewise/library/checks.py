"""System checks: every guide parses, cites known sources, and every topic has a guide."""

from __future__ import annotations

from typing import Any

from django.core import checks


@checks.register()
def guides_are_valid(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    from needlewise.library import guides

    try:
        found = guides.load_from(guides.GUIDES_DIR)
    except guides.GuideError as error:
        return [checks.Error(str(error), id="library.E001")]
    claimed = {topic for guide in found.values() for topic in guide.topics}
    return [
        checks.Warning(f"no guide explains the topic '{topic}'", id="library.W001")
        for topic in guides.TOPICS
        if topic not in claimed
    ]
