"""Redness from photos: CIELAB a* of synthetic images with known Lab values, card correction."""

from __future__ import annotations

import numpy as np
import pytest

from needlewise.rules import redness
from needlewise.rules.errors import InputError
from needlewise.rules.redness import Region


def image_of(lab, shape=(60, 80)) -> np.ndarray:
    """An 8-bit sRGB image of one CIELAB colour, built with the inverse conversion."""
    rgb = np.round(redness.lab_to_srgb(np.array(lab, dtype=float)) * 255).astype(np.uint8)
    return np.broadcast_to(rgb, (*shape, 3)).copy()


@pytest.mark.parametrize(
    "lab",
    [(60, 18, 14), (70, 8, 16), (45, 25, 20), (35, 12, 18), (80, 3, 10), (55, -5, 10)],
)
def test_known_lab_colours_are_measured_within_half_a_unit(lab):
    reading = redness.measure(image_of(lab))
    assert reading.a_star == pytest.approx(lab[1], abs=0.5)
    assert reading.l_star == pytest.approx(lab[0], abs=0.5)
    assert reading.b_star == pytest.approx(lab[2], abs=0.5)
    assert not reading.corrected and reading.pixels == 60 * 80


def test_float_images_are_measured_too():
    rgb = redness.lab_to_srgb(np.array([60.0, 18.0, 14.0]))
    reading = redness.measure(np.broadcast_to(rgb, (10, 10, 3)).copy())
    assert reading.a_star == pytest.approx(18, abs=0.05)


def test_only_the_region_of_interest_counts():
    image = image_of((60, 5, 12))
    image[10:30, 20:50] = image_of((55, 22, 15), shape=(20, 30))
    assert redness.measure(image, Region(20, 10, 30, 20)).a_star == pytest.approx(22, abs=0.5)
    assert redness.measure(image).a_star < 12


def test_the_card_undoes_a_colour_cast():
    lab = (60, 18, 14)
    image = image_of(lab)
    image[:15, :20] = image_of((80, 0, 0), shape=(15, 20))  # a neutral grey card
    cast = redness.srgb_to_linear(image) * np.array([1.0, 0.85, 0.7], dtype=np.float32)  # warm lamp
    srgb = np.where(cast <= 0.0031308, 12.92 * cast, 1.055 * cast ** (1 / 2.4) - 0.055)
    warm = np.round(np.clip(srgb, 0, 1) * 255).astype(np.uint8)
    skin, card = Region(30, 20, 40, 30), Region(0, 0, 20, 15)
    uncorrected = redness.measure(warm, skin)
    assert abs(uncorrected.a_star - lab[1]) > 3  # the cast really shifts a*
    corrected = redness.measure(warm, skin, card)
    assert corrected.corrected and corrected.gains is not None
    assert corrected.a_star == pytest.approx(lab[1], abs=0.5)
    assert corrected.b_star == pytest.approx(lab[2], abs=0.5)


def test_a_dark_card_is_refused():
    image = image_of((60, 18, 14))
    image[:5, :5] = 0
    with pytest.raises(InputError, match="too dark"):
        redness.measure(image, card=Region(0, 0, 5, 5))


@pytest.mark.parametrize(
    "region", [Region(-1, 0, 5, 5), Region(0, 0, 0, 5), Region(70, 0, 20, 5), Region(0, 50, 5, 20)]
)
def test_regions_outside_the_image_are_refused(region):
    with pytest.raises(InputError) as caught:
        redness.measure(image_of((60, 18, 14)), region)
    assert caught.value.field == "region"


def test_a_grey_image_is_refused_as_not_colour():
    with pytest.raises(InputError):
        redness.measure(np.zeros((4, 4), dtype=np.uint8))


def test_the_baseline_difference_is_signed_and_in_words():
    assert redness.above_baseline(14.3, 10.2) == 4.1
    assert redness.describe_change(4.1) == "+4.1 a* above your baseline"
    assert redness.describe_change(-2.0) == "-2.0 a* below your baseline"
    assert redness.describe_change(0.0) == "the same a* as your baseline"


def test_lab_round_trip():
    lab = np.array([[50.0, 20.0, 10.0], [70.0, 5.0, 15.0]])
    back = redness.linear_to_lab(redness.srgb_to_linear(redness.lab_to_srgb(lab)))
    assert np.allclose(back, lab, atol=0.01)
