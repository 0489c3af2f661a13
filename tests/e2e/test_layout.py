"""Every page, on a phone (390 x 844) and a desktop (1280 x 800), as the actor it is for, with a
record holding some of everything (the authorisation matrix's world): no horizontal scroll, no
text spilling out of its box and no box narrower than what it holds. Screenshots go to
tests/e2e/artifacts/layout/ for review; axe (tests/e2e/axe.py) checks each page on the phone.
"""

from __future__ import annotations

import pytest
import time_machine
from django.conf import settings
from playwright.sync_api import Error as PlaywrightError

from tests import authz_routes as declared
from tests.e2e import axe
from tests.e2e.conftest import ARTIFACTS
from tests.test_authz_matrix import AT, ROUTES, World, _build, url_for

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
#: Who a page is rendered for, by the kind of rule that opens it.
OWNER, ANONYMOUS = "owner", "anonymous"
#: Pages that answer 200 only to a step of a flow or a token in the URL: nothing to lay out.
SKIPPED = {"accounts:logout", "reminders:calendar_feed"}
#: HTML pages the matrix's world opens today; the floor may only grow (a page that stops
#: rendering, or is skipped by mistake, fails here).
PAGE_FLOOR = 75

#: Problems, in the page, as lines: each names the element by a short CSS path.
_PROBLEMS = """() => {
  const problems = [];
  const root = document.scrollingElement;
  if (root.scrollWidth > root.clientWidth + 1) {
    problems.push(`the page scrolls sideways (${root.scrollWidth} px for ${root.clientWidth})`);
  }
  const name = (e) => {
    const parts = [];
    for (let n = e; n && n !== document.body && parts.length < 4; n = n.parentElement) {
      let part = n.tagName.toLowerCase();
      if (n.id) { parts.unshift(`${part}#${n.id}`); break; }
      if (n.classList.length) part += '.' + [...n.classList].slice(0, 2).join('.');
      parts.unshift(part);
    }
    return parts.join(' > ');
  };
  const scrolls = (s) => s.overflowX === 'auto' || s.overflowX === 'scroll';
  for (const e of document.body.querySelectorAll('*')) {
    if (e.closest('svg, script, style, template, [hidden]')) continue;
    if (e.matches('input, textarea, select')) continue;  // a field scrolls its own text
    const s = getComputedStyle(e);
    if (s.display === 'inline' || s.display === 'none' || s.display === 'contents') continue;
    if (s.position === 'absolute' && e.clientWidth <= 1) continue;  // visually hidden text
    if (scrolls(s)) continue;  // a deliberately scrollable region (it is focusable, see axe)
    let inside = false;
    for (let a = e.parentElement; a; a = a.parentElement) {
      if (scrolls(getComputedStyle(a))) { inside = true; break; }
    }
    if (inside || e.clientWidth === 0) continue;
    if (e.scrollWidth > e.clientWidth + 1 && s.textOverflow !== 'ellipsis') {
      const what = s.overflowX === 'visible' ? 'spills out of' : 'is cut off by';
      problems.push(`content ${what} ${name(e)} (${e.scrollWidth} px in ${e.clientWidth})`);
    }
  }
  return problems;
}"""


def _actor(rule: declared.Rule) -> str | None:
    """Who opens the page: the owner, a professional whose grant it needs, or anyone."""
    if "owner" in rule.who:
        return OWNER
    pros = [who for who in rule.who if who.startswith("pro_")]
    if pros:
        return pros[0]
    return ANONYMOUS if ANONYMOUS in rule.who else None


def _pages(world: World) -> list[tuple[str, str, str]]:
    """(route, actor, URL) for every HTML page a GET opens."""
    pages = []
    for route in ROUTES:
        rule = declared.rule_for(route.key, route.template)
        if route.is_api or route.key in SKIPPED or rule is None or "GET" not in rule.codes:
            continue
        codes = rule.codes["GET"]
        if 200 not in (codes if isinstance(codes, tuple) else (codes,)):
            continue
        actor = _actor(rule)
        if actor is not None:
            pages.append((route.key, actor, url_for(route, actor, world)))
    return pages


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    with time_machine.travel(AT, tick=False):
        return _build()


def _signed_in(browser, live_server, viewport, actor: str, world: World):
    context = browser.new_context(viewport=viewport, base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    if actor != ANONYMOUS:  # the matrix's signed-in session (the owner's login asks a passkey)
        cookie = world.clients[actor].cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
        )
    return context, page


def _shoot(page, path) -> None:
    """The whole page, or its first screens when it is too long to capture in time."""
    try:
        page.screenshot(path=str(path), full_page=True, timeout=20_000)
    except PlaywrightError:
        page.screenshot(path=str(path), timeout=20_000)


@pytest.mark.parametrize("size", VIEWPORTS)
def test_every_page_fits_its_screen(size, browser, live_server, world):
    viewport = VIEWPORTS[size]
    out = ARTIFACTS / "layout" / size
    out.mkdir(parents=True, exist_ok=True)
    report = axe.AxeReport()
    problems, seen, pages = [], 0, {}
    for key, actor, url in _pages(world):
        pages.setdefault(actor, []).append((key, url))
    for actor, urls in pages.items():
        context, page = _signed_in(browser, live_server, viewport, actor, world)
        for key, url in urls:
            try:
                response = page.goto(url)
            except PlaywrightError:  # a 405 with no body, or a download: not a page
                # Chromium then shows its own error page, whose navigation would cut the
                # next goto short: the next page opens in a fresh tab.
                page.close()
                page = context.new_page()
                page.set_default_timeout(10_000)
                continue
            kind = response.headers.get("content-type", "") if response else ""
            if response is None or response.status != 200 or not kind.startswith("text/html"):
                continue
            if actor != ANONYMOUS and "/accounts/login/" in page.url and key != "accounts:login":
                problems.append(f"{key} as {actor} ({url}): sent to the log-in page")
            seen += 1
            _shoot(page, out / f"{key.replace(':', '-').strip('/')}.png")
            problems += [f"{key} as {actor} ({url}): {p}" for p in page.evaluate(_PROBLEMS)]
            if size == "phone":
                report.check(page)
        context.close()
    assert seen >= PAGE_FLOOR, f"only {seen} pages rendered"
    found = [f"layout at {size}: {p}" for p in problems] + [f"axe: {v}" for v in report.violations]
    assert found == [], f"{len(found)} problems:\n" + "\n".join(found)
