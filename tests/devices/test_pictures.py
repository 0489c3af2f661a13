"""Each device kind has its own line drawing, made in the project, on the pages that name kinds:
the device list, a device's page, and the pages where a kind is chosen."""

from __future__ import annotations

import re

import pytest
from django.template.loader import render_to_string

from needlewise.rules.vocab import DEVICE_KINDS
from tests.devices.conftest import custom


def _drawing(kind: str) -> str:
    return render_to_string("devices/_kind_svg.html", {"kind": kind})


def _body(svg: str) -> str:
    return svg.split(">", 2)[2].strip()  # past the comment and the <svg ...> tag


def test_each_kind_has_a_drawing_of_its_own():
    bodies = {kind: _body(_drawing(kind)) for kind in DEVICE_KINDS}
    fallback = _body(_drawing("unknown"))
    assert len(set(bodies.values())) == len(DEVICE_KINDS)
    assert fallback not in bodies.values()
    for kind, body in bodies.items():
        assert body.count("<") >= 4, kind  # a drawing, not a lone shape
        svg = _drawing(kind)
        assert 'aria-hidden="true"' in svg and 'focusable="false"' in svg  # named beside it
        assert "style=" not in svg and "<image" not in svg  # drawn in place, CSP-safe


@pytest.mark.parametrize("kind", DEVICE_KINDS)
def test_the_list_and_the_device_page_show_the_kinds_drawing(alice, alice_client, kind):
    device = custom(alice, [0.25], kind=kind, name=f"My {kind}")
    for url in ("/devices/", f"/devices/{device.pk}/"):
        html = alice_client.get(url).content.decode()
        assert f'data-picture="{kind}"' in html, url


def test_choosing_a_kind_shows_every_kind_drawn_and_named(alice_client, catalogue):
    entry = next(iter(catalogue.values()))
    for url in (f"/devices/add/?choose={entry.pk}", "/devices/add/custom/"):
        html = alice_client.get(url).content.decode()
        key = html.split('data-testid="kind-key"', 1)[1].split("</ul>", 1)[0]
        assert re.findall(r'data-picture="(\w+)"', key) == list(DEVICE_KINDS), url
        for kind in DEVICE_KINDS:
            assert f"<span>{kind.capitalize()}</span>" in key
