"""Per-call costs measured in-process: the rule core, and redness on a 12-megapixel photo beside
Pillow decoding the same file. Medians over repeated timings (timeit)."""

from __future__ import annotations

import io
import statistics
import timeit
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np
from PIL import Image

from needlewise.rules import ingredients, intervals, redness, screening

#: A real-looking label of 40 ingredients (plus a "may contain" colourant).
LABEL = (
    "Ingredients: Aqua/Water/Eau, Glycerin, Butylene Glycol, Niacinamide 5%, Propanediol, "
    "Cetearyl Alcohol, Caprylic/Capric Triglyceride, Squalane, Sodium Hyaluronate, Panthenol, "
    "Ceramide NP, Ceramide AP, Ceramide EOP, Phytosphingosine, Cholesterol, Retinol, "
    "Tocopherol, Allantoin, Centella Asiatica Extract, Madecassoside, Glyceryl Stearate, "
    "PEG-100 Stearate, Dimethicone, Carbomer, Xanthan Gum, Sodium Hydroxide, Citric Acid, "
    "Disodium EDTA, Phenoxyethanol, Ethylhexylglycerin, 1,2-Hexanediol, Sodium Lauroyl "
    "Lactylate, Hydroxyethylcellulose, Salicylic Acid 0.5%, Gluconolactone, Parfum (Fragrance), "
    "Linalool, Limonene, Benzyl Alcohol, Zinc Oxide 20% (Non-Nano). May contain (+/-): CI 77491."
)


def per_call_ms(func: Callable[[], Any], *, repeat: int = 7, budget_s: float = 0.5) -> float:
    """Median milliseconds per call, each repeat running about budget_s / repeat seconds."""
    timer = timeit.Timer(func)
    number, _ = timer.autorange()
    number = max(1, int(number * budget_s / repeat / 0.2))
    runs = timer.repeat(repeat=repeat, number=number)
    return statistics.median(runs) / number * 1000


def rule_core() -> dict[str, float]:
    profile = screening.Profile(
        birth_date=date(1990, 1, 1),
        skin_type=5,
        conditions=frozenset({"sunburn", "cold_sore_history", "anticoagulants"}),
        recent_procedures=(screening.Procedure("peel", date(2026, 11, 20)),),
    )
    start = datetime(2024, 11, 1, 20, tzinfo=UTC)
    # Two years of history: a session every four weeks, a daily check-in.
    sessions = [
        intervals.Session(start + timedelta(days=28 * i), 0.5, ("cheeks",)) for i in range(26)
    ]
    checkins = [
        intervals.CheckIn(start + timedelta(days=d, hours=2), 1 if d % 28 < 2 else 0)
        for d in range(730)
    ]
    assert len(ingredients.check(LABEL, 30.0).ingredients) == 41
    return {
        "ingredient_check_40": per_call_ms(lambda: ingredients.check(LABEL, 30.0)),
        "screening": per_call_ms(lambda: screening.assess(profile, date(2026, 11, 23))),
        "next_session_2y": per_call_ms(lambda: intervals.next_allowed(sessions, checkins)),
    }


def photo_12mp() -> tuple[bytes, np.ndarray]:
    rng = np.random.default_rng(8)
    base = np.array([200, 140, 120], dtype=np.int16)
    noise = rng.integers(-25, 26, size=(3000, 4000, 3), dtype=np.int16)
    pixels = np.clip(base + noise, 0, 255).astype(np.uint8)
    out = io.BytesIO()
    Image.fromarray(pixels, "RGB").save(out, "JPEG", quality=90)
    return out.getvalue(), pixels


def redness_vs_decode() -> dict[str, float]:
    data, pixels = photo_12mp()

    def decode() -> np.ndarray:
        with Image.open(io.BytesIO(data)) as image:
            return np.asarray(image.convert("RGB"))

    measure = per_call_ms(lambda: redness.measure(pixels), repeat=5, budget_s=3)
    pillow = per_call_ms(decode, repeat=5, budget_s=3)
    return {"redness_12mp_ms": measure, "pillow_decode_12mp_ms": pillow, "ratio": measure / pillow}
