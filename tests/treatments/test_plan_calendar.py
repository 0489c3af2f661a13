"""The plan page shows its dates as month calendars: done, planned and blocked days, each with its
state and reason in words (not colour alone), a key, and the calendar-feed link beside them."""

from __future__ import annotations

import re
from datetime import timedelta

from django.utils import timezone

from needlewise.reminders import services as reminders
from needlewise.reminders.queries import calendar_url
from needlewise.sharing import services as sharing
from needlewise.treatments import schedule
from tests.conftest import make_user
from tests.recovery.conftest import checkin_data
from tests.sharing.conftest import make_grant
from tests.treatments.conftest import do_session


def _page(client, plan) -> str:
    response = client.get(f"/plans/{plan.pk}/")
    assert response.status_code == 200
    return response.content.decode().replace("\xa0", " ")


def _cells(html: str) -> dict[str, tuple[str, str]]:
    """Each day cell of the calendars: ISO date -> (state, its words as a reader hears them)."""
    out = {}
    for attrs, inner in re.findall(r'<td class="cal-day[^"]*"([^>]*)>(.*?)</td>', html, re.S):
        day = re.search(r'data-date="([\d-]+)"', attrs).group(1)
        state = re.search(r'data-state="(\w+)"', attrs)
        words = " ".join(re.sub(r"<[^>]+>", " ", inner).split())
        out[day] = (state.group(1) if state else "", words)
    return out


def _months(html: str) -> list[str]:
    return re.findall(r'data-testid="month" data-month="([\d-]+)"', html)


def test_after_a_session_the_calendar_marks_done_blocked_and_planned_days(
    alice_client, plan, clock
):
    do_session(alice_client, plan)  # 0.25 mm: a week's recovery window
    today = timezone.localdate()
    html = _page(alice_client, plan)
    cells = _cells(html)
    state, words = cells[f"{today:%Y-%m-%d}"]
    assert state == "done" and "Done" in words and "today" in words
    planned = schedule.plan_schedule(plan.user, plan, today).dates
    assert planned[0] == today + timedelta(days=7)
    for offset in range(1, 7):
        state, words = cells[f"{today + timedelta(days=offset):%Y-%m-%d}"]
        assert state == "blocked", offset
        assert "Wait" in words and "Recovery window after your last session" in words
    for number, day in enumerate(planned, start=plan.course_length - len(planned) + 1):
        state, words = cells[f"{day:%Y-%m-%d}"]
        assert state == "planned"
        assert f"Plan Session {number} of {plan.course_length}" in words
    # This month and each later month that holds a planned date, nothing more.
    wanted = sorted({f"{d:%Y-%m}" for d in [today, *planned]})
    assert _months(html) == wanted
    assert sum(1 for s, _ in cells.values() if s) == 1 + 6 + len(planned)
    notes = html.split('data-testid="month-notes"', 1)[1].split("</ul>", 1)[0]
    start, end = today + timedelta(days=1), today + timedelta(days=6)
    assert f"Wait {start:%a} {start.day} {start:%b} – {end:%a} {end.day} {end:%b}" in notes


def test_each_month_is_a_table_with_weekday_headers_and_a_key(alice_client, plan, clock):
    html = _page(alice_client, plan)
    table = html.split('data-testid="month"', 1)[1].split("</table>", 1)[0]
    assert "<caption>" in table
    headers = re.findall(r'<th scope="col"><abbr title="(\w+)">', table)
    assert headers == ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    key = html.split('class="cal-legend"', 1)[1].split("</ul>", 1)[0]
    for word in ("Done", "Planned", "Wait: no session", "Today"):
        assert word in key
    assert 'aria-current="date"' in html


def test_a_professionals_minimum_interval_is_the_reason_on_the_blocked_days(
    alice_client, alice, plan, clock
):
    pro = make_user("pro@example.com", "Pro")
    sharing.save_professional(pro, "Dermatologist")
    sharing.set_limits(make_grant(alice, pro, ["sessions_recovery"]), {}, 20)
    do_session(alice_client, plan)
    today = timezone.localdate()
    cells = _cells(_page(alice_client, plan))
    for offset in (1, 10, 19):
        state, words = cells[f"{today + timedelta(days=offset):%Y-%m-%d}"]
        assert state == "blocked" and "Limit set by your professional" in words
    assert cells[f"{today + timedelta(days=20):%Y-%m-%d}"][0] == "planned"


def test_a_check_in_that_is_not_clear_makes_the_first_planned_day_wait_for_a_clear_one(
    alice_client, plan, clock
):
    do_session(alice_client, plan)
    clock.shift(timedelta(days=2))
    alice_client.force_login(plan.user, backend="django.contrib.auth.backends.ModelBackend")
    alice_client.post("/recovery/checkin/", checkin_data(redness=1, pain=1))
    plan.refresh_from_db()
    assert plan.status == "active"  # mild: no red flag, only not clear yet
    today = timezone.localdate()
    cells = _cells(_page(alice_client, plan))
    first = schedule.plan_schedule(plan.user, plan, today).dates[0]
    state, words = cells[f"{first:%Y-%m-%d}"]
    assert state == "planned" and "once a check-in shows your skin is clear" in words
    assert cells[f"{today:%Y-%m-%d}"][0] == "blocked"


def test_an_open_red_flag_pauses_the_plan_and_says_so_on_today(alice_client, plan, clock):
    do_session(alice_client, plan)
    clock.shift(timedelta(days=1))
    alice_client.force_login(plan.user, backend="django.contrib.auth.backends.ModelBackend")
    alice_client.post("/recovery/checkin/", checkin_data(redness=2, pain=3, symptoms=["pus"]))
    plan.refresh_from_db()
    assert plan.status == "paused"
    cells = _cells(_page(alice_client, plan))
    state, words = cells[f"{timezone.localdate():%Y-%m-%d}"]
    assert state == "blocked"
    assert "Plan paused: a professional should see your skin first" in words
    assert not any(s == "planned" for s, _ in cells.values())


def test_the_calendar_feed_link_is_beside_the_calendar(alice_client, alice, plan, clock):
    html = _page(alice_client, plan)
    feed = html.split('data-testid="calendar-feed"', 1)[1].split("</p>", 1)[0]
    assert "Get an address for your calendar app" in feed and 'href="/reminders/' in feed
    url = calendar_url(reminders.settings_for(alice))
    feed = _page(alice_client, plan).split('data-testid="calendar-feed"', 1)[1].split("</p>")[0]
    assert f'href="webcal://{url.split("://", 1)[1]}"' in feed
    assert "Add to your calendar app" in feed
