"""Measuring a 12-megapixel photo, beside Pillow decoding the same file (read the ratio)."""

from __future__ import annotations

import io
from typing import Any

import numpy as np
import pytest
from PIL import Image

from needlewise.rules import redness

SIZE = (4000, 3000)  # 12 megapixels


@pytest.fixture(scope="module")
def photo() -> tuple[bytes, np.ndarray]:
    rng = np.random.default_rng(8)
    base = np.array([200, 140, 120], dtype=np.int16)
    noise = rng.integers(-25, 26, size=(SIZE[1], SIZE[0], 3), dtype=np.int16)
    pixels = np.clip(base + noise, 0, 255).astype(np.uint8)
    out = io.BytesIO()
    Image.fromarray(pixels, "RGB").save(out, "JPEG", quality=90)
    return out.getvalue(), pixels


def test_bench_measure_12_megapixels(benchmark: Any, photo: tuple[bytes, np.ndarray]) -> None:
    _, pixels = photo
    reading = benchmark(redness.measure, pixels)
    assert reading.pixels == 12_000_000 and reading.a_star > 0


def test_bench_measure_12_megapixels_with_card(
    benchmark: Any, photo: tuple[bytes, np.ndarray]
) -> None:
    _, pixels = photo
    card = redness.Region(0, 0, 200, 200)
    reading = benchmark(redness.measure, pixels, None, card)
    assert reading.corrected


def test_bench_pillow_decodes_the_same_12_megapixel_jpeg(
    benchmark: Any, photo: tuple[bytes, np.ndarray]
) -> None:
    data, _ = photo

    def decode() -> np.ndarray:
        with Image.open(io.BytesIO(data)) as image:
            return np.asarray(image.convert("RGB"))

    assert benchmark(decode).shape == (3000, 4000, 3)
