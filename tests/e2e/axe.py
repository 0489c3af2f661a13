"""axe-core on every page the browser suite visits: WCAG 2.2 AA, 0 violations.

A page is checked once per document (and again after scripts or htmx add elements to it), just
before the test's next action on it (a goto, click, press, ...) and at the end of the test, so a
page the test leaves at once is still checked. Python's own "load" handlers race the next
navigation, which is why the check hangs on the actions instead.

axe is injected with `page.evaluate` (the DevTools protocol), which the page's Content-Security-
Policy does not govern, so the context keeps the app's real CSP (no `bypass_csp`).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
#: Third-party widgets axe is not run on: Swagger UI (the API's docs for developers) fails
#: colour contrast and nests its controls, which is its own markup to fix upstream.
NOT_CHECKED = ("/api/docs",)
#: `NEEDLEWISE_AXE=0` turns the check off (e.g. to time the suite without it).
ENABLED = os.environ.get("NEEDLEWISE_AXE", "1") != "0"

#: Marks the document checked; a MutationObserver marks it again when elements are added.
#: A document between navigations may have no root element yet: it reads as still loading.
_STATE = """() => {
  const root = document.documentElement;
  if (!root) return ['dirty', 'loading', typeof window.axe];
  if (window.__nwAxe === undefined) {
    window.__nwAxe = 'dirty';
    new MutationObserver((records) => {
      const added = (r) => [...r.addedNodes].some((n) => n.nodeType === 1);
      if (records.some(added)) window.__nwAxe = 'dirty';
    }).observe(root, {childList: true, subtree: true});
  }
  return [window.__nwAxe, document.readyState, typeof window.axe];
}"""

_RUN = """async (tags) => {
  window.__nwAxe = 'running';
  const options = {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']};
  const result = await window.axe.run(document, options);
  window.__nwAxe = 'clean';
  return result.violations.map((v) => ({
    id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')),
  }));
}"""


@dataclass
class AxeReport:
    """What axe found across one test's pages, and what it cost."""

    violations: list[str] = field(default_factory=list)
    pages: set[str] = field(default_factory=set)
    runs: int = 0
    seconds: float = 0.0

    def check(self, page) -> None:
        """Run axe on the page's current document unless it is already checked as it stands."""
        if not ENABLED or page.is_closed() or not page.url.startswith("http"):
            return
        if urlsplit(page.url).path.rstrip("/") in NOT_CHECKED:
            return
        try:
            state, ready, loaded = page.evaluate(_STATE)
            if state != "dirty":
                return
            if ready != "complete":
                page.wait_for_load_state("load")
                state, ready, loaded = page.evaluate(_STATE)
                if state != "dirty" or ready != "complete":  # gone on to another document
                    return
            start = time.perf_counter()
            if loaded == "undefined":
                page.evaluate(AXE_SOURCE)
            url = page.url
            found = page.evaluate(_RUN, TAGS)
            self.seconds += time.perf_counter() - start
        except Exception as exc:  # the page navigated away while asked: that document is gone
            if "context was destroyed" in str(exc) or "navigat" in str(exc):
                return
            raise
        self.runs += 1
        self.pages.add(url.split("?")[0])
        for v in found:
            line = f"{v['id']} ({v['help']}) at {url}: {', '.join(v['targets'])}"
            if line not in self.violations:
                self.violations.append(line)


#: The running test's report: every page of every context it opens is checked into it.
CURRENT: AxeReport | None = None

_ACTIONS = {
    "Page": ("goto", "reload", "go_back", "click", "press", "check", "select_option"),
    "Locator": (
        "click",
        "press",
        "check",
        "uncheck",
        "set_checked",
        "select_option",
        "tap",
        "dblclick",
    ),
}


def patch_actions(monkeypatch) -> None:
    """Check the page before each action that may leave or change it."""
    from playwright.sync_api import Locator, Page

    for cls in (Page, Locator):
        for name in _ACTIONS[cls.__name__]:
            original = getattr(cls, name)

            def wrapped(self, *args, _original=original, **kwargs):
                if CURRENT is not None:
                    CURRENT.check(self if isinstance(self, Page) else self.page)
                return _original(self, *args, **kwargs)

            monkeypatch.setattr(cls, name, wrapped)
