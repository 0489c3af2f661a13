"""`{% load icons %}{% icon "check" %}`: an inline SVG icon (needlewise/icons.py holds the set)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from needlewise.icons import svg

register = template.Library()


@register.simple_tag
def icon(name: str, css_class: str = "") -> SafeString:
    return svg(name, css_class)
