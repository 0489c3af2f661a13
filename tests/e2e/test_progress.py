"""In a phone-sized browser: upload a photo, see it in the timeline, compare it with a second."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from PIL import Image

from needlewise.people_words import person_date
from tests.conftest import PASSWORD
from tests.e2e.conftest import screenshot


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


def photo_file(tmp_path, name, rgb):
    pixels = np.zeros((300, 240, 3), dtype=np.uint8)
    pixels[:] = rgb
    pixels[:60, :60] = 235  # the grey card
    path = tmp_path / name
    Image.fromarray(pixels, "RGB").save(path, "JPEG", quality=92)
    return path


def log_in(page, user) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/")


def add_photo(page, path, day):
    page.goto("/progress/add/")
    page.get_by_label("Photo").set_input_files(str(path))
    page.get_by_label("Area").select_option("cheeks")
    page.get_by_label("Taken on").fill(day)
    page.get_by_role("button", name="Save photo").click()
    page.wait_for_url("**/progress/photos/*/")


def test_upload_timeline_and_compare(page, console, alice, tmp_path):
    log_in(page, alice)
    add_photo(page, photo_file(tmp_path, "a.jpg", (205, 150, 130)), "2026-11-01")
    page.get_by_role("button", name="Measure").click()
    page.wait_for_selector("[data-testid=reading]")
    assert "your baseline" in page.get_by_test_id("baseline-change").inner_text()
    screenshot(page, "progress-photo")
    add_photo(page, photo_file(tmp_path, "b.jpg", (215, 130, 120)), "2026-11-20")
    page.get_by_role("button", name="Measure").click()
    assert "above your baseline" in page.get_by_test_id("baseline-change").inner_text()
    page.goto("/progress/")
    assert page.get_by_test_id("timeline-cheeks").get_by_role("img").count() == 2
    screenshot(page, "progress-timeline")
    page.get_by_role("link", name="Compare two").click()
    page.get_by_label("Before").select_option(index=1)
    page.get_by_label("After").select_option(index=0)
    page.get_by_role("button", name="Compare").click()
    comparison = page.get_by_test_id("comparison")
    shown = comparison.inner_text()
    assert person_date(date(2026, 11, 1)) in shown and person_date(date(2026, 11, 20)) in shown
    slider = page.get_by_label("How much of the after photo to show")
    slider.focus()
    page.keyboard.press("End")
    assert slider.input_value() == "100"
    clip = page.locator("[data-slider-after]").evaluate("el => el.style.clipPath")
    assert (
        clip.replace(" ", "") in ("inset(00%00)", "inset(0px0%0px0px)", "inset(0)") or "0%" in clip
    )
    page.keyboard.press("Home")
    assert "100%" in page.locator("[data-slider-after]").evaluate("el => el.style.clipPath")
    screenshot(page, "progress-compare")
    console.assert_clean()
