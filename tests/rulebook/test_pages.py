"""The public "How Needlewise decides" page and the ingredient checker."""

from __future__ import annotations

import re

import pytest

from needlewise.rulebook import catalogue
from needlewise.rules import knowledge


def test_every_rule_is_on_the_page_with_its_grade_and_sources(client, db):
    html = client.get("/rules/").content.decode()
    rules = [rule for topic in catalogue.topics() for rule in topic.rules]
    assert len(rules) > 60
    for rule in rules:
        assert f'id="{rule.id}"' in html
    for source_id in knowledge().sources:
        assert f'id="source-{source_id}"' in html


def test_thresholds_are_shown(client, db):
    html = client.get("/rules/").content.decode()
    assert "wait days</dt><dd>182" in html  # isotretinoin: last dose + 182 days
    assert "min days</dt><dd>7" in html  # up to 0.5 mm: a week


def test_disagreements_and_gaps_are_listed(client, db):
    html = client.get("/rules/").content.decode()
    for item in knowledge()["disagreements"]["disagreements"]:
        assert item["topic"] in html
    assert "What we could not find" in html


def _item(html: str, anchor: str) -> str:
    start = html.index(f'id="{anchor}"')
    return html[start : html.index("</li>", start)]


def test_short_needles_wait_a_week_and_the_web_disagreement_is_shown(client, db):
    html = client.get("/rules/").content.decode()
    band = _item(html, "intervals.band.up_to_0_3")
    assert "max mm</dt><dd>0.3" in band and "min days</dt><dd>7" in band
    assert "two or three days" in band  # the message itself says the web allows less
    assert 'href="#disagree.home_intervals"' in band
    assert "disagreement</dt>" not in band  # a link, not a raw threshold
    disagreement = _item(html, "disagree.home_intervals")
    assert "two or three days" in disagreement and "7 days" in disagreement


def test_the_page_is_read_only(client, db):
    assert client.post("/rules/").status_code == 405


def test_the_checker_shows_findings_and_what_it_read(client, db):
    response = client.post(
        "/rules/ingredients/",
        {"text": "Aqua, Cetearyl Alcohol, Retinol, Zzyzx Extract", "hours_since_session": "10"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Retinol" in html and "Avoid" in html
    assert "Zzyzx Extract" in html  # unrecognised names are listed back
    assert "Cetearyl Alcohol</td><td>—" not in html or "drying" not in html


def test_htmx_gets_only_the_result(client, db):
    response = client.post("/rules/ingredients/", {"text": "Aqua"}, HTTP_HX_REQUEST="true")
    assert response.content.decode().lstrip().startswith('<div id="ingredient-result"')


@pytest.mark.parametrize(
    "data, message",
    [
        ({"text": ""}, "Please fill this in"),
        ({"text": "Aqua", "hours_since_session": "-1"}, "0 or more"),
        ({"text": "Aqua", "hours_since_session": "soon"}, "Give a number"),
    ],
)
def test_bad_input_is_a_400_with_the_reason(client, db, data, message):
    response = client.post("/rules/ingredients/", data)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_section_8_rules_are_on_the_page_with_grades_and_sources(client, db):
    html = client.get("/rules/").content.decode()
    assert "On the skin while needling, and weeks later" in html
    for rule_id in ("glide.active", "glide.fine", "followup.late_checkins",
                    "followup.late_nonhealing_sore"):  # fmt: skip
        assert f'id="{rule_id}"' in html
    assert 'href="#source-zeng-2025"' in html


def test_a_search_keeps_only_the_rules_holding_its_words(client, db):
    html = client.get("/rules/", {"q": "isotretinoin"}).content.decode()
    assert "match “isotretinoin”" in html
    shown = re.findall(r'<li class="rule" id="([^"]+)"', html)
    assert shown and all("isotretinoin" in _item(html, i).lower() for i in shown)
    everything = client.get("/rules/").content.decode()
    assert len(shown) < len(re.findall(r'<li class="rule" id="', everything))
    assert 'value="isotretinoin"' in html  # the box keeps what was typed
    assert '<details class="fold" open>' in html  # what was found is shown unfolded


def test_a_search_finding_nothing_says_so(client, db):
    response = client.get("/rules/", {"q": "zzyzx " * 50})
    assert response.status_code == 200
    assert "No rule holds every word" in response.content.decode()


def test_every_index_link_lands_on_something_on_the_page(client, db):
    for query in ("", "needle"):
        html = client.get("/rules/", {"q": query}).content.decode()
        ids = set(re.findall(r'id="([^"]+)"', html))
        index = html.split('data-testid="rules-index"', 1)[1].split("</nav>", 1)[0]
        targets = re.findall(r'href="#([^"]+)"', index)
        assert len(targets) >= 5
        assert [t for t in targets if t not in ids] == []
        links = re.findall(r'href="#([^"]+)"', html)
        assert [t for t in links if t not in ids] == []


def test_every_section_folds(client, db):
    html = client.get("/rules/").content.decode()
    topics = re.findall(r'<section aria-labelledby="[^"]+" class="topic">', html)
    # Each topic, the grades, the disagreements, the gaps and the sources fold.
    assert topics and html.count('<details class="fold"') == len(topics) + 4
    assert "js/fold.js" in html
