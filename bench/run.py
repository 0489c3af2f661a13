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
    return time.perf_counter() - started


def _measure_pages(deployment: Deployment, seconds: float) -> dict[str, object]:
    from django.db import connections

    items = pages.pages()
    counts = pages.query_counts(items)
    with override_settings(PERSON_CACHE_SECONDS=0):
        uncached_counts = pages.query_counts(items)
    cookies = {who: pages.cookie(pages.signed_in(who)) for who in ("person", "professional")}
    connections.close_all()
    latency: dict[str, list[dict[str, float | int]]] = {}
    uncached: dict[str, dict[str, float | int]] = {}
    deployment.serve(workers=2)
    try:
        for page in items:
            latency[page.name] = _page_runs(deployment, page, cookies[page.who], CLIENTS, seconds)
    finally:
        deployment.stop()
    # Every page read afresh on every view: what a view costs right after the person's records
    # changed (the figures above mostly recall them; see docs/performance.md).
    deployment.serve(workers=2, NEEDLEWISE_PERSON_CACHE_SECONDS="0")
    try:
        for page in items:
            uncached[page.name] = _page_runs(deployment, page, cookies[page.who], [10], seconds)[0]
    finally:
        deployment.stop()
    return {
        "paths": {p.name: p.path for p in items},
        "queries": counts,
        "latency": latency,
        "queries_uncached": uncached_counts,
        "latency_uncached_10": uncached,
    }


def _page_runs(
    deployment: Deployment, page: Page, cookie: str, levels: Sequence[int], seconds: float
) -> list[dict[str, float | int]]:
    url = deployment.url + page.path
    pages.check_served(deployment.url, page, cookie)
    load.measure(url, cookie, 2, 2)  # warm up both gunicorn workers
    runs = []
    for clients in levels:
        result = load.measure(url, cookie, clients, seconds)
        print(
            f"  {page.name:<10} {clients:>3} clients: median {result.median_ms:.1f} ms,"
            f" p99 {result.p99_ms:.1f} ms, {result.errors} errors",
            flush=True,
        )
        runs.append(result.as_dict())
    return runs


def main() -> None:
    args = _arguments()
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
