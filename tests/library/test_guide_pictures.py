"""Each guide has its own line drawing, made in the project, on the guide list and its page."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string

from needlewise.library.guides import in_order

SLUGS = [g.slug for g in in_order()]


def _body(slug: str) -> str:
    return render_to_string("library/_guide_svg.html", {"slug": slug}).split(">", 2)[2].strip()


def test_each_guide_has_a_drawing_of_its_own():
    bodies = [_body(slug) for slug in SLUGS]
    assert len(set(bodies)) == len(SLUGS)
    assert _body("no-such-guide") not in bodies  # none falls back to the plain book


@pytest.mark.parametrize("slug", SLUGS)
def test_the_guide_page_shows_its_drawing_hidden_from_screen_readers(client, db, slug):
    html = client.get(f"/library/guides/{slug}/").content.decode()
    svg = html.split(f'data-picture="{slug}"', 1)[1].split("</svg>", 1)[0]
    assert 'aria-hidden="true"' in svg and "style=" not in svg


def test_the_guide_list_shows_every_guides_drawing(client, db):
    html = client.get("/library/").content.decode()
    for slug in SLUGS:
        assert f'data-picture="{slug}"' in html
