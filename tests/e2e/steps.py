"""Steps of the guided session that several browser journeys take the same way."""

from __future__ import annotations

NO_GLIDE = "Nothing: I needle without a glide"


def prepare_and_glide(page, glide: str = NO_GLIDE) -> None:
    """From "Begin: preparation" to the technique page: every checklist box ticked, then the
    product on the skin while needling (by its label on the glide page)."""
    page.get_by_role("button", name="Begin: preparation").click()
    for box in page.locator("main form input[type=checkbox]").all():
        box.check()
    page.get_by_role("button", name="Next: what goes on your skin").click()
    page.get_by_label(glide, exact=False).first.check()
    page.get_by_role("button", name="Next: technique").click()
