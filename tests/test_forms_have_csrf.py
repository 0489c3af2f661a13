"""Every form that posts carries Django's CSRF token: the test client does not enforce CSRF, so
a form without one passes view tests and fails in a browser with a bare 403."""

from __future__ import annotations

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[1] / "src" / "needlewise"
#: Posted to by mail clients with no session (RFC 8058); the view is csrf_exempt.
EXEMPT = {"library/templates/library/unsubscribe.html"}
POST_FORM = re.compile(r"<form\b[^>]*method=\"post\".*?</form>", re.S | re.I)


def test_every_post_form_has_a_csrf_token() -> None:
    missing = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        name = str(path.relative_to(TEMPLATES))
        if name in EXEMPT:
            continue
        for form in POST_FORM.finditer(path.read_text(encoding="utf-8")):
            if "csrf_token" not in form.group(0):
                missing.append(f"{name}: {form.group(0)[:80]}")
    assert not missing, "forms without {% csrf_token %}:\n" + "\n".join(missing)
