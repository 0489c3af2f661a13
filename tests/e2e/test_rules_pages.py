"""The ingredient checker works with htmx and without JavaScript; the rules page reads well."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)
LABEL = "Aqua, Glycerin, Retinol, Parfum, Cetyl Alcohol, Niacinamide"


def _check(page) -> None:
    page.goto("/rules/ingredients/")
    page.get_by_label("Ingredient list").fill(LABEL)
    page.get_by_label("Hours since your last session").fill("30")
    page.get_by_role("button", name="Check ingredients").click()
    page.get_by_role("heading", name="Result").wait_for()


def test_the_checker_answers_in_place_with_htmx(page, console):
    _check(page)
    assert page.url.endswith("/rules/ingredients/")
    result = page.locator("#ingredient-result").inner_text()
    assert "Retinol" in result and "Avoid" in result
    assert page.get_by_label("Ingredient list").input_value() == LABEL  # no page reload
    screenshot(page, "ingredient-checker-result")
    console.assert_clean()


def test_the_checker_works_without_javascript(browser, live_server):
    context = browser.new_context(
        java_script_enabled=False, base_url=live_server.url, viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    _check(page)
    assert "Retinol" in page.locator("#ingredient-result").inner_text()
    context.close()


def test_an_empty_list_is_explained(page, console):
    page.goto("/rules/ingredients/")
    page.get_by_role("button", name="Check ingredients").click()
    page.get_by_role("alert").wait_for()
    assert "fill this in" in page.get_by_role("alert").inner_text()
    console.assert_clean(expected_status=400)


def test_the_rules_page_loads_cleanly(page, console):
    page.goto("/rules/")
    page.get_by_role("heading", name="How Needlewise decides").wait_for()
    page.get_by_role("link", name="Where sources disagree").click()
    screenshot(page, "how-needlewise-decides")
    console.assert_clean()


def test_the_rules_page_folds_to_a_short_index_on_a_phone(page, console):
    """46,600 px of rules before it folded: now an index, a search and one line per section."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/rules/")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 8000, height  # about 5,400 px
    # A link to one rule (as result pages give) opens its section and shows it.
    page.goto("/rules/#intervals.band.up_to_0_3")
    rule = page.locator('[id="intervals.band.up_to_0_3"]')
    rule.wait_for(state="visible")
    assert rule.is_visible()
    # The index's links open the section they name.
    page.goto("/rules/")
    page.get_by_role("navigation", name="On this page").get_by_role(
        "link", name="Where sources disagree"
    ).click()
    assert page.locator('[id="disagree.home_intervals"]').is_visible()
    console.assert_clean()


def test_the_rules_search_works_without_javascript(browser, live_server):
    context = browser.new_context(
        java_script_enabled=False, base_url=live_server.url, viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.goto("/rules/")
    page.get_by_label("Search the rules").fill("isotretinoin")
    page.get_by_role("button", name="Search").click()
    page.get_by_text("match “isotretinoin”").wait_for()
    assert "q=isotretinoin" in page.url
    assert page.locator("li.rule").first.is_visible()
    context.close()
