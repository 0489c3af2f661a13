"""Benchmarks for the rule core's hot paths (no wall-clock assertions)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from needlewise.rules import ingredients, intervals, screening

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


def test_bench_ingredient_check_on_a_40_ingredient_label(benchmark: Any) -> None:
    result = benchmark(ingredients.check, LABEL, 30.0)
    assert len(result.ingredients) == 41


def test_bench_screening(benchmark: Any) -> None:
    profile = screening.Profile(
        birth_date=date(1990, 1, 1),
        skin_type=5,
        conditions=frozenset({"sunburn", "cold_sore_history", "anticoagulants"}),
        recent_procedures=(screening.Procedure("peel", date(2026, 11, 20)),),
    )
    result = benchmark(screening.assess, profile, date(2026, 11, 23))
    assert result.verdict == "not_now"


def test_bench_next_allowed_on_a_year_of_history(benchmark: Any) -> None:
    start = datetime(2025, 1, 1, 20, tzinfo=UTC)
    sessions = [intervals.Session(start + timedelta(days=7 * i), 0.5, ("cheeks",))
                for i in range(52)]  # fmt: skip
    checkins = [intervals.CheckIn(start + timedelta(days=d, hours=2), 1 if d % 7 < 2 else 0)
                for d in range(365)]  # fmt: skip
    result = benchmark(intervals.next_allowed, sessions, checkins)
    assert result.next_allowed >= sessions[-1].at.date()
