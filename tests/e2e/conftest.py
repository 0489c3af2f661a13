"""Browser tests: Playwright driving Debian's /usr/bin/chromium (never a downloaded browser).

Outside CI a machine without chromium skips them with a message; with CI=true it fails.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"
PHONE = {"width": 390, "height": 844}


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
def page(live_server, browser, console: Console):
    context = browser.new_context(viewport=PHONE, base_url=live_server.url)
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
    context.close()


def screenshot(page, name: str) -> None:
    """Keep a full-page screenshot for review (git-ignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    safe = re.sub(r"[^a-z0-9_-]+", "-", name.lower())
    page.screenshot(path=str(ARTIFACTS / f"{safe}.png"), full_page=True)
