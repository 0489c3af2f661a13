"""The aftercare timeline draws POLICY.md §4 windows as one bar per topic across the hours after
the session, with a "now" line, what is OK now at the top, and the same facts as a table."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from needlewise.rules.knowledge import knowledge
from tests.treatments.conftest import do_session


def _page(client, key):
    response = client.get(f"/sessions/{key}/aftercare/")
    assert response.status_code == 200
    return response


def _html(response) -> str:
    return response.content.decode().replace("\xa0", " ")


def _rows(html: str) -> dict[str, str]:
    """Each bar's markup by its topics ("retinoid aha bha ..."), as the chart draws it."""
    found = re.findall(
        r'<li class="ac-row" data-topics="([^"]+)">(.*?)</li>\s*(?=<li class="ac-row"|</ul>)',
        html,
        re.S,
    )
    return dict(found)


def _segments(row: str) -> list[tuple[str, str, str, float, float]]:
    """(rule, from hours, until hours, x %, width %) of each bar segment."""
    out = []
    for tag in re.findall(r"<rect class=\"ac-seg [^>]*>", row):
        attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', tag))
        out.append(
            (
                attrs["data-rule"],
                attrs["data-from"],
                attrs["data-until"],
                float(attrs["x"].rstrip("%")),
                float(attrs["width"].rstrip("%")),
            )
        )
    return out


def _now_x(row: str) -> float | None:
    match = re.search(r'<line class="ac-now-line" x1="([\d.]+)%"', row)
    return float(match.group(1)) if match else None


def test_every_rule_of_the_policy_is_a_bar_spanning_its_hours(alice_client, plan, clock):
    key = do_session(alice_client, plan)
    rows = _rows(_html(_page(alice_client, key)))
    windows = knowledge()["aftercare"]["windows"]
    span = max(w["until_hours"] for w in windows if w["until_hours"] is not None)
    assert span == 168
    drawn = {seg[0]: (topics, seg) for topics, row in rows.items() for seg in _segments(row)}
    assert set(drawn) == {w["id"] for w in windows}
    for window in windows:
        topics, (_, start, until, x, width) = drawn[window["id"]]
        assert topics.split() == window["topics"]
        assert float(start) == window["from_hours"]
        assert x == pytest.approx(window["from_hours"] / span * 100, abs=0.01)
        end = window["until_hours"]
        assert until == ("open" if end is None else f"{end}")
        assert x + width == pytest.approx((span if end is None else end) / span * 100, abs=0.01)
    # The sun has one bar: avoid for the first day, then go carefully.
    assert [s[0] for s in _segments(rows["sun"])] == [
        "aftercare.sun_avoid",
        "aftercare.sun_minimise",
    ]


def test_the_now_line_sits_at_the_hours_since_the_session(alice_client, plan, clock):
    key = do_session(alice_client, plan)
    clock.shift(timedelta(hours=42))
    rows = _rows(_html(_page(alice_client, key)))
    marks = [_now_x(row) for row in rows.values()]
    assert len(marks) == len(rows) > 10
    assert marks == [pytest.approx(42 / 168 * 100, abs=0.05)] * len(rows)


def test_a_week_and_more_later_there_is_no_now_line_and_every_pause_is_over(
    alice_client, plan, clock
):
    key = do_session(alice_client, plan)
    clock.shift(timedelta(days=8))
    alice_client.force_login(plan.user, backend="django.contrib.auth.backends.ModelBackend")
    html = _html(_page(alice_client, key))
    assert all(_now_x(row) is None for row in _rows(html).values())
    assert 'data-testid="all-clear"' in html and "Every pause after this session is over." in html


def test_at_30_hours_what_is_ok_now_is_at_the_top(alice_client, plan, clock):
    key = do_session(alice_client, plan)
    clock.shift(timedelta(hours=30))
    html = _html(_page(alice_client, key))
    top = html.split('data-testid="ok-now"', 1)[1].split("</section>", 1)[0]
    assert html.index('data-testid="ok-now"') < html.index('data-testid="aftercare-chart"')
    assert "1 day 6 hours after your session." in top
    wait = top.split('data-testid="still-wait"', 1)[1].split("</ul>", 1)[0]
    fine = top.split('data-testid="fine-again"', 1)[1].split("</p>", 1)[0]
    assert "Sweaty exercise" in wait and "Direct sun" in wait
    assert "OK again in 5 days, 18 hours" in wait  # retinoids: 168 h - 30 h
    assert "Makeup" in fine and "Makeup" not in wait  # 24 h
    do = top.split('data-testid="do-now"', 1)[1].split("</ul>", 1)[0]
    assert "Sunscreen</strong>, now" in do  # from 24 h


def test_right_after_the_session_sunscreen_is_still_ahead_and_sun_goes_carefully_next(
    alice_client, plan, clock
):
    key = do_session(alice_client, plan)
    top = _html(_page(alice_client, key)).split('data-testid="ok-now"', 1)[1]
    top = top.split("</section>", 1)[0]
    assert "Sunscreen</strong>, from" in top
    assert re.search(r"Direct sun <span class=\"muted\">\(go carefully from \w{3} \d", top)


def test_the_same_facts_are_a_table_with_each_topics_hours(alice_client, plan, clock):
    key = do_session(alice_client, plan)
    html = _html(_page(alice_client, key))
    table = html.split('data-testid="aftercare-table"', 1)[1].split("</table>", 1)[0]
    assert '<th scope="col">Topic</th>' in table
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</th><td>(.*?)</td>\s*<td>(.*?) h", table, re.S)
    assert ("Makeup", "Avoid", "0") in rows
    assert ("Direct sun", "Go carefully", "24") in rows
    assert len(rows) == len(knowledge()["aftercare"]["windows"])


def test_tips_and_sources_are_shown(alice_client, plan, clock):
    key = do_session(alice_client, plan)
    html = _page(alice_client, key).content.decode()
    assert "lukewarm water only" in html
    assert "technique.after.hands_off" in html
    assert 'href="/rules/#aftercare.actives"' in html
    assert 'href="/rules/#source-citylaserclinic"' in html


def test_the_page_no_longer_repeats_each_topic_per_day(alice_client, plan, clock):
    key = do_session(alice_client, plan)
    html = _html(_page(alice_client, key))
    chart = html.split('data-testid="aftercare-chart"', 1)[1].split("ac-table-box", 1)[0]
    assert chart.count("<strong>Makeup</strong>") == 1


def test_today_shows_open_windows_only_while_they_are_open(alice_client, plan, clock):
    key = do_session(alice_client, plan)
    clock.shift(timedelta(hours=2))
    html = alice_client.get("/").content.decode()
    assert "Aftercare now" in html and f"/sessions/{key}/aftercare/" in html
    clock.shift(timedelta(days=8))
    alice_client.force_login(plan.user, backend="django.contrib.auth.backends.ModelBackend")
    assert "Aftercare now" not in alice_client.get("/").content.decode()


def test_another_person_cannot_see_the_timeline(alice_client, plan, carol, client):
    key = do_session(alice_client, plan)
    client.force_login(carol, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(f"/sessions/{key}/aftercare/").status_code == 404


def test_the_persons_own_products_are_listed_in_their_windows(alice_client, alice, plan, clock):
    from needlewise.products import services as products

    products.add_product(
        alice, name="Night retinol serum", kind="serum", ingredients_text="Aqua, Retinol, Glycerin"
    )
    key = do_session(alice_client, plan)
    response = _page(alice_client, key)
    rows = _rows(_html(response))
    actives = next(row for topics, row in rows.items() if "retinoid" in topics.split())
    assert "Your products: " in actives and "Night retinol serum" in actives
    assert "Night retinol serum" not in rows["makeup"]
    assert [p.name for p in response.context["products"]["retinoid"]] == ["Night retinol serum"]


def test_the_session_page_says_what_is_ok_now(alice_client, plan, clock):
    key = do_session(alice_client, plan)
    html = _html(alice_client.get(f"/sessions/{key}/"))
    assert 'data-testid="ok-now"' in html and "Direct sun" in html
    assert f"/sessions/{key}/aftercare/" in html
