"""At phone size: the region to measure is drawn on the photo with the mouse and then nudged
with the keyboard; the typed numbers follow, and measuring it shows the reading."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from needlewise.progress.models import Reading
from tests.e2e.conftest import log_in, screenshot
from tests.e2e.test_progress import add_photo, photo_file


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


def numbers(page) -> tuple[int, ...]:
    return tuple(int(page.locator(f"#id_{k}").input_value()) for k in ("x", "y", "w", "h"))


def test_drag_then_keys_then_measure(page, console, alice, tmp_path):
    log_in(page, alice.email)
    day = (timezone.localdate() - timedelta(days=3)).isoformat()
    add_photo(page, photo_file(tmp_path, "a.jpg", (205, 150, 130)), day)
    status = page.get_by_test_id("region-status")
    assert status.inner_text() == "Skin box: left 0, top 0, 240 by 300 pixels."
    assert not page.locator("details.region-numbers").evaluate("el => el.open")

    photo = page.get_by_test_id("photo").bounding_box()
    px = photo["width"] / 240  # css px per photo pixel

    def at(x: float, y: float) -> tuple[float, float]:
        return photo["x"] + x * px, photo["y"] + y * px

    # The corner handle resizes: from the bottom-right corner to the middle.
    page.mouse.move(*at(236, 296))
    page.mouse.down()
    page.mouse.move(*at(180, 200), steps=4)
    page.mouse.move(*at(120, 150), steps=4)
    page.mouse.up()
    x, y, w, h = numbers(page)
    assert (x, y) == (0, 0) and abs(w - 124) <= 2 and abs(h - 154) <= 2  # the pointer held 4 px in
    # Inside the box a drag moves it.
    page.mouse.move(*at(30, 30))
    page.mouse.down()
    page.mouse.move(*at(90, 105), steps=5)
    page.mouse.up()
    x, y, w2, h2 = numbers(page)
    assert abs(x - 60) <= 3 and abs(y - 75) <= 3 and (w2, h2) == (w, h)
    assert status.inner_text() == f"Skin box: left {x}, top {y}, {w} by {h} pixels."

    # The keyboard: the box is focusable, arrows move it, Shift and arrows resize it.
    box = page.get_by_role("group", name="Skin box")
    box.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Shift+ArrowDown")
    assert numbers(page) == (x + 4, y, w, h + 2)
    expected = f"Skin box: left {x + 4}, top {y}, {w} by {h + 2} pixels."
    assert status.inner_text() == expected
    assert box.get_attribute("aria-label").startswith(expected[:-1])
    screenshot(page, "progress-region-box")

    page.get_by_role("button", name="Measure").click()
    page.wait_for_selector("[data-testid=reading]")
    reading = Reading.objects.get(photo__user=alice)
    assert reading.region == {"x": x + 4, "y": y, "w": w, "h": h + 2}
    # The page shows the measured box again, and the numbers stay available, folded.
    assert numbers(page) == (x + 4, y, w, h + 2)
    page.get_by_text("Type the numbers instead").click()
    assert page.get_by_role("spinbutton", name="Left", exact=True).is_visible()
    console.assert_clean()


def test_the_card_box_is_drawn_too(page, console, alice, tmp_path):
    log_in(page, alice.email)
    day = (timezone.localdate() - timedelta(days=2)).isoformat()
    add_photo(page, photo_file(tmp_path, "a.jpg", (205, 150, 130)), day)
    page.get_by_role("button", name="Mark the card too").click()
    assert page.locator("#id_card_w").input_value() == "48"
    card = page.get_by_role("group", name="Card box")
    card.focus()
    page.keyboard.press("Shift+ArrowRight")
    assert page.locator("#id_card_w").input_value() == "50"
    page.get_by_role("button", name="Measure").click()
    page.wait_for_selector("[data-testid=reading]")
    assert Reading.objects.get(photo__user=alice).card == {"x": 0, "y": 0, "w": 50, "h": 48}
    console.assert_clean()


def test_a_first_box_is_drawn_by_dragging_across_the_photo(page, console, alice, tmp_path):
    log_in(page, alice.email)
    day = (timezone.localdate() - timedelta(days=1)).isoformat()
    add_photo(page, photo_file(tmp_path, "a.jpg", (205, 150, 130)), day)
    photo = page.get_by_test_id("photo").bounding_box()
    px = photo["width"] / 240
    page.mouse.move(photo["x"] + 40 * px, photo["y"] + 50 * px)
    page.mouse.down()
    page.mouse.move(photo["x"] + 140 * px, photo["y"] + 200 * px, steps=6)
    page.mouse.up()
    x, y, w, h = numbers(page)
    assert max(abs(x - 40), abs(y - 50), abs(w - 100), abs(h - 150)) <= 2
    assert page.get_by_test_id("region-status").inner_text().startswith(f"Skin box: left {x}")
    console.assert_clean()
