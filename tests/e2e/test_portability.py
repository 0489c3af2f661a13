"""Your data, on a phone: the page, the JSON export downloaded, the account deleted for real."""

from __future__ import annotations

import json
import zipfile

import pytest

from needlewise.accounts.models import User
from tests.conftest import PASSWORD, make_user
from tests.e2e.conftest import screenshot
from tests.portability.conftest import fill
from tests.portability.helpers import rows_pointing_at

pytestmark = pytest.mark.django_db(transaction=True)


def _log_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Today").wait_for()


def test_download_the_export_and_delete_the_account(page, console, tmp_path, settings):
    settings.DATA_DIR = tmp_path
    erin = make_user("erin@example.com", "Erin")
    fill(erin)
    erin_id = erin.pk
    _log_in(page, "erin@example.com")

    page.goto("/my-data/")
    page.get_by_role("heading", name="Your data", exact=True).wait_for()
    screenshot(page, "my-data")
    with page.expect_download() as info:
        page.get_by_role("link", name="Download all my data (zip)").click()
    download = info.value
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.name.startswith("needlewise-export-") and saved.suffix == ".zip"
    data = json.loads(zipfile.ZipFile(saved).read("data.json"))
    assert data["user_id"] == erin_id and data["counts"]["treatments.treatmentsession"] == 1

    page.get_by_role("link", name="Delete my account…").click()
    page.get_by_text("This is real and final").wait_for()
    page.get_by_label("Your password").fill("not my password")
    page.get_by_role("button", name="Delete my account for good").click()
    page.get_by_text("That is not your password. Nothing was deleted").first.wait_for()
    screenshot(page, "delete-account-wrong-password")
    assert User.objects.filter(pk=erin_id).exists()

    page.get_by_label("Your password").fill(PASSWORD)
    screenshot(page, "delete-account")
    page.get_by_role("button", name="Delete my account for good").click()
    page.get_by_role("heading", name="Your account is deleted").wait_for()
    page.get_by_text("It was real").wait_for()
    screenshot(page, "account-deleted")
    assert rows_pointing_at(erin_id) == []
    console.assert_clean(expected_status=400)
