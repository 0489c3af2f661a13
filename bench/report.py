"""The Markdown summary of a bench run: every figure a ratio to one measured in the same run."""

from __future__ import annotations

from typing import Any

TARGET = 2.0  # each page within 2x the bare page at 10 clients (issue 11)


def _at(latency: list[dict[str, Any]], clients: int) -> dict[str, Any]:
    return next(row for row in latency if row["clients"] == clients)


def _ratio(a: float | None, b: float | None) -> float | None:
    """None when a run finished no request (wrk's time ran out first)."""
    return None if a is None or b is None else a / b


def cell(value: float | None, digits: int = 2) -> str:
    return "timed out" if value is None else f"{value:.{digits}f}"


def _vs_bare(row: dict[str, Any], bare: dict[str, Any], figure: str) -> float | None:
    """The page's figure ÷ the bare page's: the median of its paired rounds when it has them
    (bench.load.paired), else ÷ the bare page's own figure at that load."""
    if f"ratio_{figure}" in row:
        return row[f"ratio_{figure}"]  # type: ignore[no-any-return]
    if row is bare:
        return 1.0
    return _ratio(row[f"{figure}_ms"], bare[f"{figure}_ms"])


def _pages(population: dict[str, Any]) -> list[str]:
    latency = population["latency"]
    bare = latency["bare"]
    clients = [row["clients"] for row in bare]
    head = " | ".join(f"median ÷ bare @{c}" for c in clients)
    p99 = " | ".join(f"p99 ÷ bare @{c}" for c in clients)
    lines = [
        f"| page | queries | {head} | {p99} | within {TARGET:g}× @10 |",
        "|---" * (3 + 2 * len(clients)) + "|",
    ]
    for name, rows in latency.items():
        medians = [_vs_bare(_at(rows, c), _at(bare, c), "median") for c in clients]
        tails = [_vs_bare(_at(rows, c), _at(bare, c), "p99") for c in clients]
        at_10 = _vs_bare(_at(rows, 10), _at(bare, 10), "median")
        ok = at_10 is not None and at_10 <= TARGET
        cells = " | ".join(cell(r) for r in medians + tails)
        lines.append(
            f"| {name} (`{population['paths'][name]}`) | {population['queries'][name]} | "
            f"{cells} | {'yes' if ok else '**no**'} |"
        )
    base = " · ".join(
        f"@{c}: {cell(_at(bare, c)['median_ms'], 1)} ms median, "
        f"{cell(_at(bare, c)['p99_ms'], 1)} ms p99"
        for c in clients
    )
    errors = sum(row["errors"] for rows in latency.values() for row in rows)
    lines += ["", f"The bare page (the denominator): {base}. Failed requests: {errors}."]
    return lines + _uncached(population)


def _uncached(population: dict[str, Any]) -> list[str]:
    """The same pages with the per-person cache off: every view reads everything afresh, as
    the first view after a change does. Each ÷ the bare page of the same server."""
    runs = population.get("latency_uncached_10")
    if not runs:
        return []
    lines = [
        "",
        "With the per-person cache off (`NEEDLEWISE_PERSON_CACHE_SECONDS=0`), at 10 clients:",
        "",
        "| page | queries | median ÷ bare @10 | p99 ÷ bare @10 |",
        "|---|---|---|---|",
    ]
    bare = runs["bare"]
    for name, run in runs.items():
        lines.append(
            f"| {name} | {population['queries_uncached'][name]} | "
            f"{cell(_vs_bare(run, bare, 'median'))} | {cell(_vs_bare(run, bare, 'p99'))} |"
        )
    return lines


def _scale(populations: dict[str, Any]) -> list[str]:
    (small, s), (large, b) = list(populations.items())[:2]
    lines = [
        f"| page | median @10 with {large} ÷ with {small} users | "
        f"same, each ÷ its own bare page | queries {small} → {large} |",
        "|---|---|---|---|",
    ]
    for name in s["latency"]:
        small_ms = _at(s["latency"][name], 10)["median_ms"]
        large_ms = _at(b["latency"][name], 10)["median_ms"]
        small_vs = _vs_bare(_at(s["latency"][name], 10), _at(s["latency"]["bare"], 10), "median")
        large_vs = _vs_bare(_at(b["latency"][name], 10), _at(b["latency"]["bare"], 10), "median")
        relative = _ratio(large_vs, small_vs)
        lines.append(
            f"| {name} | {cell(_ratio(large_ms, small_ms))} | {cell(relative)} | "
            f"{s['queries'][name]} → {b['queries'][name]} |"
        )
    return lines


def markdown(results: dict[str, Any]) -> str:
    populations = results["populations"]
    first = next(iter(populations.values()))
    bare_ms = _at(first["latency"]["bare"], 1)["median_ms"]
    machine = results["machine"]
    lines = [
        f"# Benchmark {results['date']}",
        "",
        f"{machine['cpus']} CPUs, Python {machine['python']}, {machine['platform']}. "
        "`needlewise serve` with 2 gunicorn workers on PostgreSQL"
        + (" and Redis" if results["settings"].get("redis") else "")
        + f", wrk for {results['settings']['seconds']:g} s per figure.",
        "",
    ]
    for users, population in populations.items():
        lines += [f"## Pages with {users} users in the database", ""]
        lines += _pages(population) + [""]
    if len(populations) > 1:
        lines += ["## Does cost follow the table or the person's own history?", ""]
        lines += _scale(populations) + [""]
    rule = results["rule_core_ms"]
    lines += [
        "## Rule core, per call, ÷ one bare page at 1 client",
        "",
        "| call | ratio |",
        "|---|---|",
    ]
    names = {
        "ingredient_check_40": "ingredient check, 40-ingredient label",
        "screening": "screening",
        "next_session_2y": "next session over two years of history",
    }
    lines += [f"| {names[k]} | {v / bare_ms:.4f} |" for k, v in rule.items()]
    redness = results["redness"]
    workers = results["workers"]
    generated = results["generation_s"]
    lines += [
        "",
        "## Photos and reminders",
        "",
        f"- Redness of a 12-megapixel photo ÷ Pillow decoding the same JPEG: "
        f"{redness['ratio']:.2f}.",
        f"- Reminder throughput, 3 workers ÷ 1 worker: {workers['speedup_3_vs_1']:.2f} "
        f"({results['settings']['reminders']} reminders each, real SMTP on loopback).",
    ]
    if "large_s" in generated:
        per_small = generated["small_s"] / results["settings"]["users"]
        added = results["settings"]["large_users"] - results["settings"]["users"]
        per_large = generated["large_s"] / added
        lines.append(
            f"- Synthetic data, seconds per person added for the larger population ÷ for the "
            f"first: {per_large / per_small:.2f}."
        )
    return "\n".join(lines) + "\n"
