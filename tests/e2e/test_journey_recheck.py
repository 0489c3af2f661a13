"""Issue 15 item 10, on a phone and over days: Rae has sunburn, takes blood thinners and had a
chemical peel 12 days ago. Her result says "not now" until the sunburn's date (the peel's
earlier date does not bring it forward), and that after it "see a professional first" remains,
naming the blood thinners. A week later the check has lapsed; checked again without the
sunburn, she is told to see a professional, with no date.

Before last session's fixes this failed twice over: the overall re-check date was the earliest
date among all reasons (`_recheck` took `min`, git show 9dee39a), so the page said "Check again"
on the peel's date, two days away; and the result page had no word on what remains after it."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from needlewise.people_words import person_date
from tests.conftest import make_user
from tests.e2e.checks import answer_check
from tests.e2e.conftest import log_in, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

BLOOD_THINNERS = "I take blood thinners (for example warfarin, apixaban, daily aspirin)"


def test_a_temporary_condition_gives_its_date_and_what_remains_after_it(page, console):
    make_user("rae@example.com", "Rae")
    start = timezone.now()
    today = timezone.localdate()
    with time_machine.travel(start, tick=True) as traveller:
        log_in(page, "rae@example.com")
        page.get_by_role("link", name="Do the check").click()
        page.get_by_role("link", name="Start the check").click()
        answer_check(page, ticks=(BLOOD_THINNERS, "Sunburn"), peel_on=today - timedelta(days=12))

        page.get_by_role("heading", name="Not now").wait_for()
        week = today + timedelta(days=7)
        verdict = page.locator(".result").first.inner_text()
        assert f"Check again on {person_date(week, long=True)}." in verdict
        after = page.get_by_test_id("after-recheck")
        text = " ".join(after.inner_text().split())
        assert text.startswith(f"After {person_date(week, long=True)}")
        assert "please see a dermatologist or skincare professional" in text
        assert "this does not end by itself" in text
        assert "blood thinners" in text
        assert "sunburn" not in text and "peel" not in text  # both over by then
        reasons = page.locator(".reasons").inner_text()
        assert f"Re-check on {person_date(week, long=True)}." in reasons
        assert str(week) not in reasons  # no ISO date for a person to decode
        screenshot(page, "journey-recheck-result")

        traveller.shift(timedelta(days=7))
        page.goto("/")
        page.get_by_text("A suitability check is due").wait_for()
        page.get_by_role("link", name="Do the check").click()
        page.get_by_role("link", name="Start the check").click()  # the last one has lapsed
        answer_check(page, ticks=(BLOOD_THINNERS,))
        page.get_by_role("heading", name="See a professional first").wait_for()
        assert page.get_by_test_id("after-recheck").count() == 0
        assert "blood thinners" in page.locator(".reasons").inner_text()
        screenshot(page, "journey-recheck-after-a-week")
    console.assert_clean()
