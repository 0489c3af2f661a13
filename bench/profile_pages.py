"""Time, count queries and optionally profile the benchmark pages in-process, against the
database in DATABASE_URL (a synthetic population from `needlewise demo --users N`):

    DATABASE_URL=... NEEDLEWISE_DATA_DIR=... python -m bench.profile_pages [today plan ...]
    PROF=today python -m bench.profile_pages today     # plus a cProfile of five requests
"""

from __future__ import annotations

import cProfile
import os
import pstats
import statistics
import sys
import time


def main(names: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "needlewise.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench import pages

    items = [p for p in pages.pages() if not names or p.name in names]
    clients = {who: pages.signed_in(who) for who in ("person", "professional")}
    times: dict[str, list[float]] = {page.name: [] for page in items}
    for page in items:
        clients[page.who].get(page.path)  # warm
    for _ in range(int(os.environ.get("ROUNDS", "15"))):  # interleaved: drift hits every page
        for page in items:
            started = time.perf_counter()
            clients[page.who].get(page.path)
            times[page.name].append((time.perf_counter() - started) * 1000)
    bare = statistics.median(times[items[0].name])
    for page in items:
        with CaptureQueriesContext(connection) as queries:
            status = clients[page.who].get(page.path).status_code
        took = statistics.median(times[page.name])
        print(
            f"{page.name:10} {took:7.1f} ms  {took / bare:5.2f}x  {len(queries):4} queries"
            f"  status {status}"
        )
    profiled = os.environ.get("PROF")
    if profiled:
        page = next(p for p in items if p.name == profiled)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(5):
            clients[page.who].get(page.path)
        profiler.disable()
        pstats.Stats(profiler).sort_stats(os.environ.get("SORT", "cumulative")).print_stats(
            int(os.environ.get("LINES", "45"))
        )


if __name__ == "__main__":
    main(sys.argv[1:])
