from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from needlewise.library import guides, markup

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    """Markdown to sanitised HTML (nh3 allowlist)."""
    return mark_safe(markup.render(text or ""))  # noqa: S308 - sanitised


@register.simple_tag
def guide_for(topic: str) -> guides.Guide | None:
    return guides.guide_for(topic)
