"""Page latency under concurrent clients, measured with wrk (C, so the load generator costs the
server as little CPU as possible)."""

from __future__ import annotations

import re
import statistics
import subprocess
from dataclasses import asdict, dataclass

_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0}


@dataclass
class Latency:
    clients: int
    median_ms: float | None  # None: not one request finished within the run
    p99_ms: float | None
    requests_per_s: float
    requests: int
    errors: int

    def as_dict(self) -> dict[str, float | int]:
        return asdict(self)


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def parse(output: str, clients: int) -> Latency:
    """Read wrk's --latency report: the 50% and 99% lines, Requests/sec, and any non-2xx."""
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    total = re.search(r"(\d+) requests in", output)
    if total and total.group(1) == "0":
        return Latency(clients, None, None, 0.0, 0, clients)
    if "50" not in percentiles or "99" not in percentiles:
        raise RuntimeError(f"wrk printed no latency distribution:\n{output}")
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors = int(bad.group(1)) if bad else 0
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return Latency(
        clients=clients,
        median_ms=_ms(percentiles["50"]),
        p99_ms=_ms(percentiles["99"]),
        requests_per_s=float(rate.group(1)) if rate else 0.0,
        requests=int(total.group(1)) if total else 0,
        errors=errors,
    )


def measure(url: str, cookie: str, clients: int, seconds: float) -> Latency:
    threads = min(clients, 2)
    output = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{clients}",
            f"-d{max(1, round(seconds))}s",
            "--latency",
            "--timeout",
            "30s",
            "-H",
            f"Cookie: {cookie}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return parse(output, clients)


def _median(values: list[float | None]) -> float | None:
    """None when any run finished no request: that figure timed out."""
    return None if any(v is None for v in values) else statistics.median(values)  # type: ignore[type-var]


def combined(runs: list[Latency]) -> dict[str, float | int | None]:
    """Several runs of one page at one load: the median of their medians and of their p99s."""
    return {
        "clients": runs[0].clients,
        "median_ms": _median([r.median_ms for r in runs]),
        "p99_ms": _median([r.p99_ms for r in runs]),
        "requests_per_s": statistics.median(r.requests_per_s for r in runs),
        "requests": sum(r.requests for r in runs),
        "errors": sum(r.errors for r in runs),
    }


def paired(pairs: list[tuple[Latency, Latency]]) -> dict[str, float | int | None]:
    """(bare page, page) runs taken one right after the other: the page's figures, and the
    median over the pairs of page ÷ bare, for the median and for the p99."""

    def ratio(a: float | None, b: float | None) -> float | None:
        return None if a is None or b is None else a / b

    row = combined([page for _, page in pairs])
    row["ratio_median"] = _median([ratio(p.median_ms, b.median_ms) for b, p in pairs])
    row["ratio_p99"] = _median([ratio(p.p99_ms, b.p99_ms) for b, p in pairs])
    return row
