"""Synthetic populations at scale for benchmarks and demos (`needlewise demo --users N`).

Rows are built as plain tuples from per-person seeded generators (`random.Random`, never the
global one) and written in bulk: PostgreSQL COPY, or batched INSERTs elsewhere. Model `save()`
and signals are skipped, so every derived field (triage, parsed labels, use counts) is set here
from the rule core, exactly as the services would have set it."""

from __future__ import annotations

from needlewise.synthetic.options import DOMAIN, Options, SyntheticError, parse, password_for
from needlewise.synthetic.population import Summary, describe, generate

__all__ = [
    "DOMAIN",
    "Options",
    "Summary",
    "SyntheticError",
    "describe",
    "generate",
    "parse",
    "password_for",
]
