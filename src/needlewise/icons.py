"""The app's own icons, drawn as inline SVG: a glyph the font lacks would show as an empty box."""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

_DOT = '<circle cx="12" cy="12" r="1" fill="currentColor"/>'

#: name -> the SVG's inner elements, on a 24 x 24 grid, stroked with the text colour.
ICONS: dict[str, str] = {
    "check": '<path d="M5 12.5l4.5 4.5L19 7.5"/>',
    "cross": '<path d="M6.5 6.5l11 11M17.5 6.5l-11 11"/>',
    "alert": '<path d="M12 3.5L22 20.5H2z"/><path d="M12 10v4.5"/><path d="M12 17.6v.1"/>',
    "bang": '<circle cx="12" cy="12" r="9"/><path d="M12 7v6.5"/><path d="M12 16.6v.1"/>',
    "question": (
        '<circle cx="12" cy="12" r="9"/><path d="M9.5 9.5a2.5 2.5 0 1 1 3.6 2.2c-.7.4-1.1.9-1.1'
        ' 1.6v.5"/><path d="M12 16.6v.1"/>'
    ),
    "arrow-right": '<path d="M4 12h15M13 6l6 6-6 6"/>',
    "arrow-left": '<path d="M20 12H5M11 6l-6 6 6 6"/>',
    "pause": '<path d="M9 5.5v13M15 5.5v13"/>',
    "dot": '<circle cx="12" cy="12" r="5" fill="currentColor" stroke="none"/>',
    "brand": (
        '<path d="M12 2.5l9.5 9.5-9.5 9.5L2.5 12z"/>'
        '<path d="M12 7.5l4.5 4.5-4.5 4.5L7.5 12z" fill="currentColor"/>'
    ),
    "today": (
        '<circle cx="12" cy="12" r="4"/><path d="M12 2.5v2M12 19.5v2M2.5 12h2M19.5 12h2'
        'M5.3 5.3l1.4 1.4M17.3 17.3l1.4 1.4M5.3 18.7l1.4-1.4M17.3 6.7l1.4-1.4"/>'
    ),
    "plan": (
        '<rect x="3.5" y="5" width="17" height="15.5" rx="2"/><path d="M3.5 10h17M8 3v4M16 3v4"/>'
    ),
    "recovery": (
        '<path d="M12 20s-7.5-4.6-7.5-10.2A4.2 4.2 0 0 1 12 7.3a4.2 4.2 0 0 1 7.5 2.5'
        'C19.5 15.4 12 20 12 20z"/>'
    ),
    "products": (
        '<path d="M10 3h4v3.5l2 2.5v11a1 1 0 0 1-1 1H9a1 1 0 0 1-1-1V9l2-2.5z"/><path d="M8 13h8"/>'
    ),
    "more": '<path d="M4 7h16M4 12h16M4 17h16"/>',
    "guides": (
        '<path d="M4 5.5h6a2 2 0 0 1 2 2V20a2 2 0 0 0-2-2H4z'
        'M20 5.5h-6a2 2 0 0 0-2 2V20a2 2 0 0 1 2-2h6z"/>'
    ),
}
_UNKNOWN = _DOT

#: A level of POLICY's vocabularies -> its icon (never colour alone).
LEVEL_ICONS = {
    "go": "check",
    "ok": "check",
    "normal": "check",
    "recommended": "check",
    "caution": "bang",
    "watch": "bang",
    "see_professional": "arrow-right",
    "see_dermatologist": "arrow-right",
    "not_now": "pause",
    "not_at_home": "cross",
    "urgent": "cross",
    "avoid": "cross",
}


def svg(name: str, css_class: str = "") -> SafeString:
    """One icon, hidden from assistive technology: the words beside it carry the meaning."""
    inner = mark_safe(ICONS.get(name, _UNKNOWN))  # noqa: S308 -- the project's own constants
    classes = f"icon icon-{name} {css_class}".strip()
    return format_html(
        '<svg class="{}" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" '
        'focusable="false" fill="none" stroke="currentColor" stroke-width="2" '
        'stroke-linecap="round" stroke-linejoin="round">{}</svg>',
        classes,
        inner,
    )


def level_svg(level: str) -> SafeString:
    return svg(LEVEL_ICONS.get(level, "dot"))
