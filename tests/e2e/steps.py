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


def fill_plan(page, *, concern: str = "Smoother texture", areas=("Cheeks",), device=None) -> None:
    """The new-plan form, set to exactly `concern` and `areas` (it comes filled in from the
    check, the concern and areas folded under "Change what and where"), then saved."""
    change = page.get_by_text("Change what and where")
    if change.count() and change.is_visible():
        change.click()
    page.get_by_label(concern).check()
    for box in page.locator("input[name=areas]:checked").all():
        box.uncheck()
    for area in areas:
        page.get_by_label(area, exact=True).check()
    if device is not None:
        page.get_by_label("Device").select_option(label=device)
    page.get_by_role("button", name="Save plan").click()
