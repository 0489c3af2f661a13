"""Issue 15 item 9, on a phone and over days: the evening after a session, Vera reads the
aftercare (avoid vitamin C for 7 days), adds her "Vitamin C serum" to the shelf and pastes its
label into the checker. Both say avoid, until the day aftercare says, and both count the one
name on the label nobody knows. A week later the serum is "OK for what we recognised", never a
plain "Fine to use".

Before last session's fixes (git show 8dcdf0a 356a52c) "Vitamin C" was a name the dictionary
did not hold: the checker said OK and the shelf "Fine to use" while aftercare said to avoid
vitamin C, and neither said how many names it had not recognised."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from needlewise.treatments import services as treatments
from tests.conftest import make_user
from tests.e2e.conftest import log_in, screenshot
from tests.treatments.conftest import ready

pytestmark = pytest.mark.django_db(transaction=True)

LABEL = "Aqua, Vitamin C, Glycerin, Niacinamide, Tocopherol, Phenoxyethanol, Zorblax Extract"


def _session(user):
    plan = ready(user)
    draft = treatments.start_session(user, plan)
    record = {"needle_mm": 0.25, "passes": 4, "pain": 2, "bleeding": "none"}
    done = treatments.finish_session(
        user, draft.key, [{"area": a, **record} for a in ("cheeks", "forehead")]
    )
    return done


def test_vitamin_c_is_avoided_on_shelf_and_checker_as_aftercare_says(page, console):
    vera = make_user("vera@example.com", "Vera")
    start = timezone.now()
    with time_machine.travel(start, tick=True) as traveller:
        session = _session(vera)
        ok_again = timezone.localtime(session.done_at + timedelta(days=7))
        log_in(page, "vera@example.com")

        page.goto(f"/sessions/{session.key}/aftercare/")
        page.get_by_role("heading", name="Aftercare").wait_for()
        aftercare = " ".join(page.locator("main").inner_text().split())
        # A live countdown: seconds after the session it reads 6 days 23 hours and some (or
        # 7 days, when the browser's clock, set as the page opened, is a moment behind).
        # The chart's bar for the strong actives names vitamin C among them.
        countdown = r"(✕ )?Avoid [^·]*vitamin C \(ascorbic acid\) OK again in (6 days 23 h|7 days)"
        assert re.search(countdown, aftercare)

        page.goto("/products/add/")
        page.get_by_label("Product name").fill("Vitamin C serum")
        page.get_by_label("What kind of product is it?").select_option("serum")
        page.get_by_label("Ingredients, as printed").fill(LABEL)
        page.get_by_role("button", name="Add to my shelf").click()
        page.get_by_role("heading", name="Vitamin C serum", level=1).wait_for()
        assert page.get_by_test_id("unrecognised").inner_text() == (
            "We did not recognise: Zorblax Extract. "
            "Check this one yourself: we can only judge the names we know."
        )
        assert "vitamin C" in page.get_by_test_id("categories").inner_text()

        page.goto("/products/safe-now/")
        avoid = page.get_by_role("list", name="Avoid")
        serum = avoid.get_by_role("listitem").filter(has_text="Vitamin C serum")
        level = serum.get_by_test_id("level").inner_text()
        assert "Avoid" in level and "1 name not recognised" in level
        assert f"OK again on {ok_again:%a} {ok_again.day} {ok_again:%b, %H:%M}" in level
        assert page.get_by_role("list", name="Fine to use").count() == 0
        screenshot(page, "journey-names-shelf")

        page.goto("/rules/ingredients/")
        page.get_by_label("Ingredient list").fill(LABEL)
        page.get_by_label("Hours since your last session").fill("2")
        page.get_by_role("button", name="Check ingredients").click()
        result = page.locator("#ingredient-result")
        result.get_by_role("heading", name=re.compile("Result")).wait_for()
        assert "Avoid" in result.get_by_role("heading").first.inner_text()
        text = " ".join(result.inner_text().split())
        assert "vitamin C" in text and "avoid for 168 hours after a session" in text
        assert "1 name not recognised: Zorblax Extract" in text
        screenshot(page, "journey-names-checker")

        page.goto(f"/sessions/{session.key}/aftercare/")
        aftercare = " ".join(page.locator("main").inner_text().split())
        assert re.search(
            r"vitamin C \(ascorbic acid\) OK again in [^?]*Your products: Vitamin C serum",
            aftercare,
        )

        traveller.shift(timedelta(days=7, hours=1))
        page.goto("/products/safe-now/")
        partly = page.get_by_role("list", name="OK for what we recognised")
        assert "1 name not recognised" in partly.inner_text()
        assert "Vitamin C serum" in partly.inner_text()
        assert page.get_by_role("list", name="Fine to use").count() == 0
        screenshot(page, "journey-names-shelf-a-week-later")
    console.assert_clean()
