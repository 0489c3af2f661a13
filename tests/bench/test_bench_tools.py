"""The benchmark's own arithmetic: what wrk printed is read right, and the summary's ratios are
the ones measured. (`make bench` itself runs outside the suite: see docs/performance.md.)"""

from __future__ import annotations

import pytest

from bench import load, micro, report

WRK = """Running 10s test @ http://127.0.0.1:8000/
  2 threads and 10 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    24.47ms    4.59ms  137.41ms   90.45%
    Req/Sec   205.20    184.30   794.00     50.00%
  Latency Distribution
     50%  812.00us
     75%    5.89ms
     90%    8.90ms
     99%    1.25s{pad}
  4106 requests in 10.01s, 14.0MB read
  Non-2xx or 3xx responses: 3
Requests/sec:    410.21
Transfer/sec:      1.39MB
""".format(pad=" ")  # wrk pads times of a second or more with a trailing space


def test_wrk_output_is_read_in_milliseconds_with_its_errors():
    latency = load.parse(WRK, clients=10)
    assert latency.median_ms == pytest.approx(0.812)
    assert latency.p99_ms == pytest.approx(1250)
    assert (latency.requests, latency.requests_per_s, latency.errors) == (4106, 410.21, 3)


def test_output_without_a_latency_distribution_is_an_error():
    with pytest.raises(RuntimeError):
        load.parse(WRK.replace("50%", "").replace("99%", ""), clients=1)


def _population(bare_ms: float, today_ms: float) -> dict:
    def rows(ms: float) -> list[dict]:
        return [
            {"clients": c, "median_ms": ms * c, "p99_ms": ms * c * 3, "errors": 0}
            for c in (1, 10, 50)
        ]

    return {
        "paths": {"bare": "/accounts/password/", "today": "/"},
        "queries": {"bare": 3, "today": 9},
        "latency": {"bare": rows(bare_ms), "today": rows(today_ms)},
    }


def test_the_summary_divides_each_page_by_the_bare_page_of_the_same_run():
    results = {
        "date": "2026-11-23",
        "machine": {"cpus": 2, "python": "3.11", "platform": "Linux"},
        "settings": {
            "seconds": 10,
            "redis": "",
            "reminders": 100,
            "users": 10,
            "large_users": 20,
        },
        "rule_core_ms": {"ingredient_check_40": 0.5, "screening": 0.05, "next_session_2y": 1.0},
        "redness": {"ratio": 0.8},
        "workers": {"speedup_3_vs_1": 1.9},
        "generation_s": {"small_s": 1.0, "large_s": 1.5},
        "populations": {"10": _population(10, 15), "20": _population(20, 50)},
    }
    text = report.markdown(results)
    # 15 ms ÷ 10 ms at every load, and within the 2× goal at 10 clients...
    assert "| today (`/`) | 9 | 1.50 | 1.50 | 1.50 | 1.50 | 1.50 | 1.50 | yes |" in text
    # ...but 50 ÷ 20 = 2.5 with the larger population: flagged.
    assert "| today (`/`) | 9 | 2.50 | 2.50 | 2.50 | 2.50 | 2.50 | 2.50 | **no** |" in text
    # Cost with 20 users ÷ with 10 users, raw and each against its own bare page.
    assert "| today | 3.33 | 1.67 | 9 → 9 |" in text
    assert "| ingredient check, 40-ingredient label | 0.0500 |" in text
    assert "3 workers ÷ 1 worker: 1.90" in text
    assert "÷ for the first: 1.50" in text


def test_per_call_timing_is_a_positive_median():
    assert 0 < micro.per_call_ms(lambda: sum(range(100)), repeat=3, budget_s=0.05) < 100


def test_a_run_in_which_no_request_finished_is_reported_as_timed_out():
    nothing = WRK.replace("4106 requests", "0 requests")
    latency = load.parse(nothing, clients=50)
    assert (latency.median_ms, latency.p99_ms, latency.errors) == (None, None, 50)
    population = _population(10, 15)
    population["latency"]["today"][2].update(median_ms=None, p99_ms=None)
    assert "timed out" in "\n".join(report._pages(population))


def test_the_uncached_figures_are_divided_by_the_uncached_bare_page():
    population = _population(10, 15)
    population["queries_uncached"] = {"bare": 3, "today": 16}
    population["latency_uncached_10"] = {
        "bare": {"clients": 10, "median_ms": 40.0, "p99_ms": 80.0, "errors": 0},
        "today": {"clients": 10, "median_ms": 100.0, "p99_ms": 320.0, "errors": 0},
    }
    text = "\n".join(report._pages(population))
    assert "| today | 16 | 2.50 | 4.00 |" in text
    assert "with the per-person cache off" in text.lower()
    assert "cache off" not in "\n".join(report._pages(_population(10, 15))).lower()


def _run(median: float | None, p99: float | None, clients: int = 10) -> load.Latency:
    return load.Latency(clients, median, p99, 100.0, 500, 0)


def test_paired_rounds_give_the_median_of_their_own_ratios():
    """The machine slows down between rounds; each round's ratio is still 2, and so is theirs."""
    pairs = [(_run(10, 30), _run(20, 60)), (_run(40, 90), _run(80, 180)), (_run(5, 9), _run(9, 9))]
    row = load.paired(pairs)
    assert row["ratio_median"] == pytest.approx(2.0) and row["ratio_p99"] == pytest.approx(2.0)
    assert (row["median_ms"], row["p99_ms"], row["requests"]) == (20, 60, 1500)
    # The summary uses the paired ratio, not the page's median ÷ the bare page's.
    population = _population(10, 15)
    population["latency"]["today"][1] = {**row, "clients": 10}
    assert "| today (`/`) | 9 | 1.50 | 2.00 | 1.50 |" in "\n".join(report._pages(population))


def test_a_round_that_timed_out_makes_its_figure_timed_out():
    row = load.paired([(_run(10, 30), _run(None, None)), (_run(10, 30), _run(20, 60))])
    assert row["median_ms"] is None and row["ratio_median"] is None
    assert report.cell(row["ratio_median"]) == "timed out"


@pytest.mark.parametrize(
    "argv",
    [["--users", "0"], ["--users", "500", "--large-users", "400"], ["--seconds", "ten"]],
)
def test_bad_bench_options_stop_with_a_usage_error(argv, monkeypatch, capsys):
    from bench import run

    monkeypatch.setattr("sys.argv", ["bench.run", *argv])
    with pytest.raises(SystemExit) as stopped:
        run._arguments()
    assert stopped.value.code == 2 and "error:" in capsys.readouterr().err
