"""A new person signs up, logs out, logs in, edits the profile and sees the change, on a phone."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a-long-enough-passphrase"


def test_sign_up_log_out_log_in_and_edit_the_profile(page, console):
    page.goto("/")
    screenshot(page, "home-visitor")
    page.get_by_role("link", name="Create a free account").click()
    page.get_by_label("E-mail address").fill("erin@example.com")
    page.get_by_label("What should we call you?").fill("Erin")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    screenshot(page, "sign-up")
    page.get_by_role("button", name="Create account").click()
    page.get_by_text("Your account is ready").wait_for()
    screenshot(page, "profile-new")

    page.get_by_text("More", exact=True).click()
    page.get_by_role("button", name="Log out").click()
    page.get_by_role("link", name="Log in").first.click()
    page.get_by_label("E-mail address").fill("erin@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    screenshot(page, "log-in")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Today, Erin").wait_for()
    screenshot(page, "home-signed-in")

    page.get_by_text("More", exact=True).click()
    screenshot(page, "nav-more-open")
    page.get_by_role("navigation").get_by_role("link", name="Profile").click()
    page.get_by_label("Display name").fill("Erin B.")
    page.get_by_label("Type 4: rarely burns, tans easily (olive)").check()
    page.get_by_label("Time zone").select_option("Europe/Berlin")
    page.get_by_role("button", name="Save profile").click()
    page.get_by_text("Profile saved.").wait_for()
    assert page.get_by_label("Display name").input_value() == "Erin B."
    assert page.get_by_label("Type 4: rarely burns, tans easily (olive)").is_checked()
    assert page.get_by_label("Time zone").input_value() == "Europe/Berlin"
    screenshot(page, "profile-saved")
    console.assert_clean()


def test_a_wrong_password_shows_an_error(page, console):
    from tests.conftest import make_user

    make_user("fay@example.com", "Fay")
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill("fay@example.com")
    page.get_by_label("Password").fill("not-her-password")
    page.get_by_role("button", name="Log in").click()
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "do not match an account" in alert.inner_text()
    screenshot(page, "log-in-error")
    console.assert_clean()


def test_bad_sign_up_keeps_what_was_typed_and_says_why(page, console):
    page.goto("/accounts/signup/")
    page.get_by_label("E-mail address").fill("gus@example.com")
    page.get_by_label("Password", exact=True).fill("short")
    page.get_by_label("Password again").fill("short")
    page.get_by_role("button", name="Create account").click()
    page.get_by_text("too short").first.wait_for()
    assert page.get_by_label("E-mail address").input_value() == "gus@example.com"
    screenshot(page, "sign-up-error")
    console.assert_clean(expected_status=400)


def test_api_docs_load_under_the_strict_csp(page, console):
    page.goto("/api/docs")
    page.get_by_text("Needlewise API").first.wait_for()
    screenshot(page, "api-docs")
    console.assert_clean()


def test_targets_are_big_enough_for_a_thumb(page):
    page.goto("/accounts/login/")
    for element in page.locator("main button, main input:not([type=hidden]), nav a").all():
        box = element.bounding_box()
        assert box is not None and box["height"] >= 44, element.evaluate("e => e.outerHTML")
