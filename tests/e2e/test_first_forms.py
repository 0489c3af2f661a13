"""A newcomer's first photo, first rating and first report, leaving the date fields as the page
filled them (today, or the last 90 days): each goes through. And Today's countdown runs."""

from __future__ import annotations

import re

import numpy as np
import pytest
from django.test import Client
from PIL import Image

from tests.e2e.conftest import log_in
from tests.treatments.conftest import do_session, ready


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


def test_first_photo_rating_and_report_with_the_dates_as_filled_in(page, console, alice, tmp_path):
    path = tmp_path / "cheek.jpg"
    pixels = np.full((300, 240, 3), (205, 150, 130), dtype=np.uint8)
    Image.fromarray(pixels, "RGB").save(path, "JPEG", quality=92)
    log_in(page, alice.email)

    page.goto("/progress/add/")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", page.get_by_label("Taken on").input_value())
    page.get_by_label("Photo").set_input_files(str(path))
    page.get_by_label("Area").select_option("cheeks")
    page.get_by_role("button", name="Save photo").click()
    page.wait_for_url("**/progress/photos/*/")
    assert "Photo saved" in page.locator("main").inner_text()

    page.goto("/progress/ratings/")
    page.get_by_label("How it looks to you now").select_option("6")
    page.get_by_role("button", name="Save rating").click()
    page.get_by_text("Rating saved.").wait_for()

    page.goto("/my-data/")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the PDF report").click()
    assert info.value.suggested_filename.endswith(".pdf")
    console.assert_clean()


def test_todays_countdown_runs(page, console, alice):
    client = Client()
    client.force_login(alice, backend="django.contrib.auth.backends.ModelBackend")
    do_session(client, ready(alice))
    log_in(page, alice.email)
    assert page.title() == "Today · Needlewise"
    countdown = page.locator("[data-until]").first
    # The server writes Django's "6 days, 23 hours"; countdown.js rewrites it without the comma.
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-until]')]"
        ".every(el => /^OK again (in \\d+ \\w+( \\d+ \\w+)?|now)$/.test(el.textContent))"
    )
    assert "," not in countdown.inner_text()
    # Loaded once, at the page's end; the title above holds only its words.
    assert page.locator("script[src*='countdown.js']").count() == 1
    console.assert_clean()


def test_a_form_sent_back_focuses_its_summary_and_each_link_its_field(page, console, alice):
    log_in(page, alice.email)
    page.goto("/progress/ratings/")
    page.get_by_label("Date").fill("2099-01-01")
    page.get_by_role("button", name="Save rating").click()
    summary = page.locator("[data-error-summary]")
    summary.wait_for()
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert "The rating was not saved." in summary.inner_text()
    summary.get_by_role("link", name="Date: This date is in the future").click()
    assert page.evaluate("document.activeElement.id") == "id_rated_on"
    console.assert_clean(expected_status=400)
