"""Browser tests: Playwright driving Debian's /usr/bin/chromium (never a downloaded browser).

Outside CI a machine without chromium skips them with a message; with CI=true it fails.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e import axe

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"
PHONE = {"width": 390, "height": 844}
#: Set with the suite run under `faketime` (docs/testing.md): how far ahead the suite's clock is.
SHIFT_DAYS = int(os.environ.get("NEEDLEWISE_TEST_SHIFT_DAYS") or 0)
FAKETIME_VARIABLES = ("LD_PRELOAD", "FAKETIME", "DYLD_INSERT_LIBRARIES")


def _browser_env() -> dict[str, str] | None:
    """Chromium's environment: without faketime's preload, which its processes do not survive
    reliably. Its clock is moved by the page fixture instead."""
    if not SHIFT_DAYS:
        return None
    return {k: v for k, v in os.environ.items() if k not in FAKETIME_VARIABLES}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.path):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture
def browser(monkeypatch) -> Iterator[object]:
    """One browser per test: Playwright's sync API keeps an event loop running in this thread,
    which makes Django refuse ORM calls, so the loop must be gone before the test database is
    flushed (fixtures are torn down before the database). The variable below lets the test's own
    ORM calls through while the loop runs; it never leaks into other tests or subprocesses."""
    if not CHROMIUM.exists():
        message = "Debian's chromium is not installed (/usr/bin/chromium): run `make browser`"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            env=_browser_env(),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


class Console:
    """Console errors and failed requests seen by the page: a test ends with none."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def assert_clean(self, expected_status: int | None = None) -> None:
        """No errors, except the browser's note on a page answered with an expected status
        (a form sent back with its errors is a 400 on purpose)."""
        expected = f"status of {expected_status} " if expected_status else None
        errors = [e for e in self.errors if not (expected and expected in e)]
        assert errors == [], "browser console errors:\n" + "\n".join(errors)


@pytest.fixture
def console() -> Console:
    return Console()


@pytest.fixture
def page(live_server, browser, console: Console, monkeypatch, request):
    """A phone-sized page; axe checks every document it shows (tests/e2e/axe.py) and the test
    fails at teardown on any WCAG 2.2 AA violation."""
    report = axe.AxeReport()
    axe.patch_actions(monkeypatch)
    monkeypatch.setattr(axe, "CURRENT", report)
    context = browser.new_context(viewport=PHONE, base_url=live_server.url)
    if SHIFT_DAYS:
        # The page's own clock (countdowns, timers) agrees with the server's shifted one.
        context.clock.set_system_time(time.time())
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.on(
        "console",
        lambda msg: (
            msg.type == "error"
            and console.errors.append(f"{msg.text} ({msg.location.get('url', '')})")
        ),
    )
    page.on("pageerror", lambda exc: console.errors.append(str(exc)))
    yield page
    report.check(page)
    context.close()
    _note_axe_cost(request.node.nodeid, report)
    if report.violations:
        pytest.fail("axe (WCAG 2.2 AA) found:\n" + "\n".join(report.violations), pytrace=False)


#: One line per test that used `page` (test, axe runs, seconds in axe), from every xdist worker.
AXE_COST = ARTIFACTS / "axe-cost.tsv"


def _note_axe_cost(test: str, report: axe.AxeReport) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    with AXE_COST.open("a", encoding="utf-8") as out:
        out.write(f"{test}\t{report.runs}\t{report.seconds:.3f}\t{len(report.pages)}\n")


def pytest_sessionstart(session) -> None:
    if not hasattr(session.config, "workerinput"):  # the controller, once per run
        AXE_COST.unlink(missing_ok=True)


def pytest_terminal_summary(terminalreporter) -> None:
    """What axe cost this run: the coordinator reads it to weigh the check."""
    if not AXE_COST.exists():
        return
    rows = [line.split("\t") for line in AXE_COST.read_text(encoding="utf-8").splitlines()]
    runs = sum(int(r[1]) for r in rows)
    seconds = sum(float(r[2]) for r in rows)
    terminalreporter.write_line(
        f"axe: {runs} page checks in {len(rows)} tests, {seconds:.1f} s in all "
        f"({1000 * seconds / max(runs, 1):.0f} ms a check)"
    )


def screenshot(page, name: str) -> None:
    """Keep a full-page screenshot for review (git-ignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    safe = re.sub(r"[^a-z0-9_-]+", "-", name.lower())
    page.screenshot(path=str(ARTIFACTS / f"{safe}.png"), full_page=True)


def log_in(page, email: str) -> None:
    """Sign in through the form, as a person would, and wait for the signed-in home."""
    from tests.conftest import PASSWORD

    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r".*/$"))


def log_out(page) -> None:
    page.get_by_text("More", exact=True).click()
    page.get_by_role("button", name="Log out").click()
