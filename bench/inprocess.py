"""Page ÷ bare in one process, for finding what a page costs while changing it.

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.inprocess EMAIL PATH [PATH ...]

Signs EMAIL in with Django's test client against the configured database (a `needlewise demo`
one, say) and times each PATH interleaved with /bench/bare/: medians of ROUNDS pairs, with the
spread (the rounds' lowest and highest ratio). `--cold` bumps the person's data revision before
every timed view of the page (the first view after a change); `--profile` prints cProfile's top
functions for the first PATH instead.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.test import Client  # noqa: E402

from needlewise.accounts.models import User  # noqa: E402

ROUNDS = 30


def _client(email: str) -> tuple[Client, User]:
    user = User.objects.get(email=email)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client, user


def _bump(user: User) -> None:
    from needlewise.accounts.revisions import bump

    bump(user.pk)


def _timed(client: Client, path: str) -> float:
    start = time.perf_counter()
    response = client.get(path)
    took = time.perf_counter() - start
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    return took


def ratio(client: Client, user: User, path: str, cold: bool) -> tuple[float, float, float, float]:
    """(median page ms, median ratio, lowest ratio, highest ratio) over ROUNDS pairs."""
    for _ in range(3):
        _timed(client, "/bench/bare/")
        _timed(client, path)
    ratios, times = [], []
    for _ in range(ROUNDS):
        floor = _timed(client, "/bench/bare/")
        if cold:
            _bump(user)
        took = _timed(client, path)
        ratios.append(took / floor)
        times.append(took * 1000)
    return statistics.median(times), statistics.median(ratios), min(ratios), max(ratios)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("email")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--cold", action="store_true")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    client, user = _client(args.email)
    if args.profile:
        _timed(client, args.paths[0])
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(20):
            if args.cold:
                _bump(user)
            _timed(client, args.paths[0])
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
        return
    for path in args.paths:
        ms, median, low, high = ratio(client, user, path, args.cold)
        print(f"{path:<40} {ms:7.2f} ms  {median:5.2f}x bare  (spread {low:.2f}-{high:.2f})")


if __name__ == "__main__":
    main()
