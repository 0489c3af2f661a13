"""Second factors in Chromium: a passkey on a CDP virtual authenticator (register, log in after
the password, log in with the passkey alone, lose it and use a recovery code), and an
authenticator app."""

from __future__ import annotations

import re

import pyotp
import pytest

from tests.conftest import PASSWORD, make_user
from tests.e2e.conftest import log_in, log_out, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def _authenticator(page) -> tuple[object, str]:
    """A platform passkey authenticator with a PIN or fingerprint that always says yes."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    found = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    return cdp, found["authenticatorId"]


def _password(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_a_passkey_from_registering_to_losing_it(page, console, live_server):
    assert live_server.url.startswith("http://localhost:")  # a secure context and a valid RP ID
    make_user("dana@example.com", "Dana")
    cdp, authenticator = _authenticator(page)

    log_in(page, "dana@example.com")
    page.goto("/accounts/security/")
    page.get_by_label("Name for the passkey").fill("my phone")
    page.get_by_role("button", name="Add a passkey").click()
    page.get_by_role("heading", name="Save your recovery codes").wait_for()
    codes = re.findall(r"[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}", page.content())
    assert len(codes) == 10
    screenshot(page, "recovery-codes")
    page.get_by_role("link", name="I have saved them").click()
    page.get_by_text("my phone", exact=True).wait_for()
    screenshot(page, "security-with-passkey")
    log_out(page)

    # After the password, the passkey is the second factor.
    _password(page, "dana@example.com")
    page.get_by_role("heading", name="One more step").wait_for()
    screenshot(page, "login-second-step")
    page.get_by_role("button", name="Use your passkey").click()
    page.get_by_role("heading", name="Today, Dana").wait_for()
    log_out(page)

    # The passkey alone, no password.
    page.goto("/accounts/login/")
    page.get_by_role("button", name="Sign in with a passkey").click()
    page.get_by_role("heading", name="Today, Dana").wait_for()
    log_out(page)

    # The phone is lost: a recovery code instead, used up.
    cdp.send("WebAuthn.removeVirtualAuthenticator", {"authenticatorId": authenticator})
    _password(page, "dana@example.com")
    page.get_by_label("Code").fill(codes[0])
    page.get_by_role("button", name="Continue").click()
    page.get_by_text("You used a recovery code; 9 left").wait_for()
    screenshot(page, "login-with-recovery-code")
    console.assert_clean()


def test_an_authenticator_app_from_set_up_to_log_in(page, console):
    make_user("ezra@example.com", "Ezra")
    log_in(page, "ezra@example.com")
    page.goto("/accounts/security/")
    page.get_by_role("link", name="Add an authenticator app").click()
    page.locator("figure.qr svg").wait_for()
    secret = page.get_by_test_id("totp-secret").inner_text()
    screenshot(page, "totp-set-up")
    page.get_by_label("Code from the app").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Confirm and turn on").click()
    page.get_by_role("heading", name="Save your recovery codes").wait_for()
    page.get_by_role("link", name="I have saved them").click()
    log_out(page)

    _password(page, "ezra@example.com")
    page.get_by_role("heading", name="One more step").wait_for()
    assert page.get_by_role("button", name="Use your passkey").count() == 0
    page.get_by_label("Code").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="Today, Ezra").wait_for()
    console.assert_clean()


def test_a_passkey_confirms_its_own_removal_with_the_password(page, console):
    make_user("finn@example.com", "Finn")
    _authenticator(page)
    log_in(page, "finn@example.com")
    page.goto("/accounts/security/")
    page.get_by_label("Name for the passkey").fill("old phone")
    page.get_by_role("button", name="Add a passkey").click()
    page.get_by_role("link", name="I have saved them").click()
    page.get_by_role("link", name="Remove", exact=True).click()
    page.get_by_role("heading", name="Remove the passkey “old phone”").wait_for()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Use a passkey instead of a code").click()
    page.get_by_text("Passkey “old phone” removed.").wait_for()
    assert page.get_by_text("old phone", exact=True).count() == 0
    log_out(page)
    _password(page, "finn@example.com")  # no factor left: the password alone again
    page.get_by_role("heading", name="Today, Finn").wait_for()
    console.assert_clean()
