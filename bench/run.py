"""`make bench`: build a synthetic population on a throwaway PostgreSQL database, serve it with
`needlewise serve` (2 workers), load the pages with wrk, and write bench/results/<date>.json and
<date>.md. Every figure in the summary is a ratio to a figure measured in the same run.

    python -m bench.run [--users 1000] [--large-users 100000] [--years 2] [--seconds 10]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from django.test import override_settings

from bench import load, micro, pages, report
from bench.pages import Page
from bench.server import Deployment

RESULTS = Path(__file__).resolve().parent / "results"
CLIENTS = (1, 10, 50)
ROUNDS = 5  # bare page, then the page, this many times per figure


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=1000, help="the smaller population")
    parser.add_argument(
        "--large-users", type=int, default=100_000, help="the larger one (0: skip it)"
    )
    parser.add_argument("--years", type=float, default=2.0, help="history of the first population")
    parser.add_argument(
        "--large-years",
        type=float,
        default=2.0,
        help="history of the people added for the larger population",
    )
    parser.add_argument("--seconds", type=float, default=10, help="wrk duration per measurement")
    parser.add_argument("--reminders", type=int, default=5000, help="for the worker throughput")
    parser.add_argument("--redis", default=os.environ.get("REDIS_URL", ""), help="REDIS_URL")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    if args.users < 1 or (args.large_users and args.large_users <= args.users):
        parser.error("--users must be at least 1 and --large-users above --users (or 0)")
    return args


def _setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "needlewise.settings"
    import django

    django.setup()


def _populate(deployment: Deployment, users: int, years: float, append: bool) -> float:
    args = ["demo", "--users", str(users), "--years", str(years), "--seed", "1"]
    started = time.perf_counter()
    deployment.manage(*args, *(["--append"] if append else []), show=True)
    took = time.perf_counter() - started
    deployment.settle()
    return took


def _measure_pages(deployment: Deployment, seconds: float) -> dict[str, object]:
    from django.db import connections

    items = pages.pages()
    counts = pages.query_counts(items)
    with override_settings(PERSON_CACHE_SECONDS=0):
        uncached_counts = pages.query_counts(items)
    cookies = {who: pages.cookie(pages.signed_in(who)) for who in ("person", "professional")}
    connections.close_all()
    bare, others = items[0], items[1:]
    deployment.serve(workers=2)
    try:
        latency = _paired_runs(deployment, bare, others, cookies, CLIENTS, seconds)
    finally:
        deployment.stop()
    # Every page read afresh on every view: what a view costs right after the person's records
    # changed (the figures above mostly recall them; see docs/performance.md).
    deployment.serve(workers=2, NEEDLEWISE_PERSON_CACHE_SECONDS="0")
    try:
        uncached = _paired_runs(deployment, bare, others, cookies, [10], seconds)
    finally:
        deployment.stop()
    return {
        "paths": {p.name: p.path for p in items},
        "queries": counts,
        "latency": latency,
        "queries_uncached": uncached_counts,
        "latency_uncached_10": {name: rows[0] for name, rows in uncached.items()},
    }


def _paired_runs(
    deployment: Deployment,
    bare: Page,
    others: list[Page],
    cookies: dict[str, str],
    levels: Sequence[int],
    seconds: float,
) -> dict[str, list[dict[str, float | int]]]:
    """Each page's figure at each load, with the bare page measured just before it, ROUNDS
    times in turn: the ratio is the median of the rounds' ratios, so the machine's drift over
    the minutes a run takes does not land on one side only."""
    for page in (bare, *others):
        pages.check_served(deployment.url, page, cookies[page.who])
        load.measure(deployment.url + page.path, cookies[page.who], 10, 2)  # every thread warm
    per_round = max(1.0, seconds / ROUNDS)
    latency: dict[str, list[dict[str, float | int]]] = {bare.name: []}
    bare_runs: dict[int, list[load.Latency]] = {clients: [] for clients in levels}
    for page in others:
        latency[page.name] = []
        for clients in levels:
            pairs = []
            for _ in range(ROUNDS):
                reference = load.measure(
                    deployment.url + bare.path, cookies[bare.who], clients, per_round
                )
                measured = load.measure(
                    deployment.url + page.path, cookies[page.who], clients, per_round
                )
                pairs.append((reference, measured))
            bare_runs[clients] += [reference for reference, _ in pairs]
            row = load.paired(pairs)
            print(
                f"  {page.name:<10} {clients:>3} clients: median {report.cell(row['median_ms'])}"
                f" ms ({report.cell(row['ratio_median'])}x bare),"
                f" p99 {report.cell(row['p99_ms'])} ms, {row['errors']} errors",
                flush=True,
            )
            latency[page.name].append(row)
    latency[bare.name] = [load.combined(bare_runs[clients]) for clients in levels]
    return latency


def main() -> None:
    args = _arguments()
    # Stopped with SIGTERM (or timeout), still drop the throwaway database on the way out.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    today = datetime.now(UTC).date().isoformat()
    results: dict[str, object] = {
        "date": today,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "settings": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
    }
    print("Rule core and redness (in-process)...", flush=True)
    results["rule_core_ms"] = micro.rule_core()
    results["redness"] = micro.redness_vs_decode()

    args.out.mkdir(parents=True, exist_ok=True)
    raw = args.out / f"{today}.json"

    def save() -> None:
        """After every step, so a run that fails late keeps what it measured."""
        raw.write_text(json.dumps(results, indent=2) + "\n")

    deployment = Deployment(f"nw_bench_{os.getpid()}", args.redis or None)
    try:
        deployment.create()
        deployment.manage("migrate", "--no-input", "-v", "0")
        deployment.manage("collectstatic", "--no-input", "-v", "0")
        print(f"Synthetic population: {args.users} people x {args.years} years...", flush=True)
        generated = {"small_s": _populate(deployment, args.users, args.years, append=False)}
        _setup_django(deployment.env)
        print("Pages with the smaller population...", flush=True)
        populations = {str(args.users): _measure_pages(deployment, args.seconds)}
        results["generation_s"], results["populations"] = generated, populations
        save()
        from bench import workers

        print(f"Reminder workers: {args.reminders} reminders, 1 then 3 workers...", flush=True)
        results["workers"] = workers.throughput(deployment.env, args.reminders)
        save()
        if args.large_users:
            added = args.large_users - args.users
            print(f"Adding {added} people x {args.large_years} years...", flush=True)
            generated["large_s"] = _populate(deployment, added, args.large_years, append=True)
            print("Pages with the larger population...", flush=True)
            populations[str(args.large_users)] = _measure_pages(deployment, args.seconds)
    finally:
        if "django.db" in sys.modules and os.environ.get("DJANGO_SETTINGS_MODULE"):
            from django.db import connections

            connections.close_all()
        deployment.drop()

    save()
    summary = report.markdown(results)
    (args.out / f"{today}.md").write_text(summary)
    print(summary)
    print(f"Wrote {raw} and {args.out / (today + '.md')}")


if __name__ == "__main__":
    sys.exit(main())
