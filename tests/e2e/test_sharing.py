"""Sharing on a phone: Alice invites her dermatologist by e-mail, who registers from the link,
sees her, sets a needle limit; Alice then sees the limit with who set it."""

from __future__ import annotations

import re

import pytest

from tests.conftest import PASSWORD, make_user
from tests.e2e.conftest import log_in, log_out, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def _invite_path(message) -> str:
    text = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    url = re.search(r"https?://\S+(/sharing/invite/\S+/)", text.get_payload(decode=True).decode())
    assert url is not None
    return url.group(1)


def test_invite_register_from_the_link_set_a_limit_and_the_client_sees_it(page, console, smtp):
    from tests.treatments.conftest import ready

    plan = ready(make_user("alice@example.com", "Alice"))
    log_in(page, "alice@example.com")
    page.goto("/sharing/")
    page.get_by_role("heading", name="Who can see what now").wait_for()
    page.get_by_label("Your professional's e-mail address").fill("dee@example.com")
    page.get_by_label("Your sessions and recovery check-ins").check()
    screenshot(page, "sharing-invite-form")
    page.get_by_role("button", name="Send invite").click()
    page.get_by_text("Invite sent to dee@example.com").wait_for()
    screenshot(page, "sharing-invite-sent")
    log_out(page)

    [message] = smtp.messages
    page.goto(_invite_path(message))
    page.get_by_role("heading", name="Alice invites you").wait_for()
    page.get_by_label("E-mail address").fill("dee@example.com")
    page.get_by_label("What should we call you?").fill("Dr Dee")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_label("Your profession").fill("Dermatologist")
    screenshot(page, "sharing-accept")
    page.get_by_role("button", name="Create account and accept").click()
    page.get_by_role("heading", name="Alice", exact=True).wait_for()
    screenshot(page, "sharing-client-timeline")

    page.get_by_role("link", name="Your clients").click()
    page.get_by_role("link", name="Alice").click()
    page.get_by_role("link", name="Set limits for Alice").click()
    page.get_by_label("Cheeks: longest needle (mm)").fill("0.25")
    page.get_by_label("Minimum days between sessions").fill("28")
    page.get_by_role("button", name="Save limits").click()
    page.get_by_text("Limits saved.").wait_for()
    screenshot(page, "sharing-limits-saved")
    log_out(page)

    log_in(page, "alice@example.com")
    page.goto("/sharing/")
    page.get_by_text("Set by Dr Dee").wait_for()
    assert page.get_by_text("Cheeks: needles up to 0.25 mm").is_visible()
    assert page.get_by_text("At least 28 days between sessions").is_visible()
    page.get_by_role("link", name="See every time a professional looked at your record").click()
    page.get_by_role("cell", name="Dr Dee").first.wait_for()
    screenshot(page, "sharing-audit")
    page.goto(f"/plans/{plan.pk}/")
    page.get_by_role("heading", name="Limits from your professional").wait_for()
    assert "Set by Dr Dee" in page.locator("main").inner_text()
    screenshot(page, "sharing-limits-on-plan")
    console.assert_clean()
