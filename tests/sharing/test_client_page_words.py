"""The professional's client page speaks in words: triage levels, the check's verdict and the
products' status as the person's own pages say them, never an internal code."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from tests.portability.conftest import fill
from tests.sharing.conftest import make_grant
from tests.treatments.conftest import NOW


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def _visible(html: str) -> str:
    """The page's text as read: tags and their attributes (CSS classes) left out."""
    return " ".join(re.sub(r"<[^>]+>", " ", html.split("<main", 1)[1]).split())


def _cells(html: str) -> list[str]:
    return [
        " ".join(re.sub(r"<[^>]+>", " ", c).split())
        for c in re.findall(r"<td>(.*?)</td>", html, re.S)
    ]


def test_the_check_in_table_shows_the_triage_in_words(alice, pro, bob_client, clock):
    fill(alice)
    clock.move_to(NOW + timedelta(days=2))
    grant = make_grant(alice, pro, ["profile_checks", "sessions_recovery", "products"])
    html = bob_client.get(f"/sharing/clients/{grant.pk}/").content.decode()
    cells = _cells(html)
    assert "See a dermatologist" in cells and "Normal" in cells
    assert "icon-arrow-right" in html and "icon-check" in html  # each level has its icon
    text = _visible(html)
    assert "Latest check Mon 23 Nov: Go" in text
    assert "Night serum: Avoid (on the avoid list)" in text
    words = set(re.findall(r"[a-z_]+", " ".join(cells) + " " + text))
    assert {"see_dermatologist", "normal", "go"} & words == set()
