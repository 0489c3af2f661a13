"""The suitability check walked in the browser, as journeys need it: tick only what applies."""

from __future__ import annotations

from datetime import date


def answer_check(
    page,
    *,
    ticks: tuple[str, ...] = (),
    peel_on: date | None = None,
    area: str = "Cheeks",
    concern: str = "Smoother texture",
) -> None:
    """From the first step to the result: each label in `ticks` is ticked on the step that
    asks it; the peel date, if any, goes on the treatments step."""
    page.get_by_label("Birth date").fill("1986-03-09")
    page.get_by_label("Type 2: usually burns, tans with difficulty (fair)").check()
    while not page.get_by_role("button", name="See my result").count():
        if page.get_by_label("Chemical peel").count() and peel_on is not None:
            page.get_by_label("Chemical peel").fill(peel_on.isoformat())
        for label in ticks:
            box = page.get_by_label(label, exact=True)
            if box.count():
                box.check()
        page.get_by_role("button", name="Next").click()
        page.wait_for_load_state()
    page.get_by_label(area, exact=True).check()
    page.get_by_label(concern, exact=True).check()
    page.get_by_role("button", name="See my result").click()
