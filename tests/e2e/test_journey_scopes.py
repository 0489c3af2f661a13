"""Scopes are exact, on a phone and across both roles: Alice shares parts of her record with her
dermatologist Dee, who sees exactly those parts on every page, in the PDF she downloads and in
the one Alice mails her; once Alice ends the share Dee sees nothing; an invite opened by another
account cannot be accepted."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import numpy as np
import pytest
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from needlewise.products import services as products
from needlewise.sharing.models import AuditEntry, Grant
from needlewise.treatments import services as treatments
from tests.conftest import PASSWORD, make_user
from tests.e2e.conftest import log_in, log_out, screenshot
from tests.treatments.conftest import ready

pytestmark = pytest.mark.django_db(transaction=True)

SESSIONS = "Your sessions and recovery check-ins"
PHOTOS = "Your progress photos"


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


def _pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF")
    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def _invite(page, smtp, *scopes: str) -> str:
    """Alice invites dee@example.com to the given parts; the path of the link in the mail."""
    smtp.messages.clear()
    page.goto("/sharing/")
    page.get_by_label("Your professional's e-mail address").fill("dee@example.com")
    for scope in scopes:
        page.get_by_label(scope).check()
    page.get_by_role("button", name="Send invite").click()
    page.get_by_text("Invite sent to dee@example.com").wait_for()
    [message] = smtp.messages
    text = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    found = re.search(r"https?://\S+(/sharing/invite/\S+/)", text.get_payload(decode=True).decode())
    assert found is not None
    return found.group(1)


def _dee_accepts(page, link: str) -> None:
    """Dee signs up from the link with the invited address and lands on Alice's page."""
    page.goto(link)
    page.get_by_role("heading", name="Alice invites you").wait_for()
    page.get_by_label("E-mail address").fill("dee@example.com")
    page.get_by_label("What should we call you?").fill("Dr Dee")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_label("Your profession").fill("Dermatologist")
    page.get_by_role("button", name="Create account and accept").click()
    page.get_by_role("heading", name="Alice", exact=True).wait_for()


def _photo_file(tmp_path, name: str, rgb: tuple[int, int, int]):
    pixels = np.zeros((300, 240, 3), dtype=np.uint8)
    pixels[:] = rgb
    pixels[:60, :60] = 235  # a grey card
    path = tmp_path / name
    Image.fromarray(pixels, "RGB").save(path, "JPEG", quality=92)
    return path


def _upload_and_measure(page, path, day) -> None:
    page.goto("/progress/add/")
    page.get_by_label("Photo").set_input_files(str(path))
    page.get_by_label("Area").select_option("cheeks")
    page.get_by_label("Taken on").fill(day.isoformat())
    page.get_by_role("button", name="Save photo").click()
    page.wait_for_url("**/progress/photos/*/")
    page.get_by_role("button", name="Measure").click()
    page.wait_for_selector("[data-testid=reading]")


def _session(user) -> None:
    plan = ready(user)
    draft = treatments.start_session(user, plan)
    records = [{"area": "cheeks", "needle_mm": 0.25, "passes": 4, "pain": 2, "bleeding": "none"}]
    treatments.finish_session(user, draft.key, records)


def _photo_reads() -> int:
    return AuditEntry.objects.filter(what__contains="photo").count()


def test_shared_photos_reach_the_professional_until_the_share_ends(page, console, smtp, tmp_path):
    make_user("alice@example.com", "Alice")
    log_in(page, "alice@example.com")
    link = _invite(page, smtp, PHOTOS, SESSIONS)
    today = timezone.localdate()
    _upload_and_measure(page, _photo_file(tmp_path, "a.jpg", (205, 150, 130)),
                        today - timedelta(days=20))  # fmt: skip
    _upload_and_measure(page, _photo_file(tmp_path, "b.jpg", (215, 130, 120)),
                        today - timedelta(days=2))  # fmt: skip
    log_out(page)

    _dee_accepts(page, link)
    grant = Grant.objects.get()
    shared = page.get_by_test_id("shared-photos")
    assert shared.get_by_role("img").count() == 2
    assert all(
        img.evaluate("i => i.complete && i.naturalWidth > 0")
        for img in shared.get_by_role("img").all()
    )  # the thumbnails really load, through the grant
    comparison = page.get_by_test_id("comparison").inner_text()
    assert "18 days apart" in comparison and "a*" in comparison
    assert "a* changed by" in page.get_by_test_id("difference").inner_text()
    assert "above Alice's baseline" in page.locator("main").inner_text()
    screenshot(page, "scopes-shared-photos")
    photo_urls = re.findall(r"/sharing/clients/\d+/photos/\d+/thumb\.jpg", page.content())
    assert photo_urls and page.request.get(photo_urls[0]).status == 200
    assert _photo_reads() > 0
    log_out(page)

    log_in(page, "alice@example.com")
    page.goto("/sharing/")
    page.get_by_role("button", name="End access now").click()
    page.get_by_text("Access ended.").wait_for()
    log_out(page)

    reads_before = _photo_reads()
    log_in(page, "dee@example.com")
    for url in [f"/sharing/clients/{grant.pk}/", f"/sharing/clients/{grant.pk}/report/",
                f"/api/sharing/clients/{grant.pk}", *photo_urls,
                photo_urls[0].replace("/thumb.jpg", "/photo.jpg"),
                "/api" + photo_urls[0].replace("/thumb.jpg", "/file")]:  # fmt: skip
        assert page.request.get(url).status in (403, 404), url
    page.goto("/sharing/clients/")
    assert "Alice" not in page.locator("main").inner_text()
    assert _photo_reads() == reads_before  # nothing read after the revoke
    console.assert_clean(expected_status=404)


def test_a_sessions_only_share_shows_no_products_or_photos_anywhere(page, console, smtp, tmp_path):
    alice = make_user("alice@example.com", "Alice")
    _session(alice)
    products.add_product(alice, name="Night serum", kind="serum",
                         ingredients_text="Aqua, Retinol, Glycerin")  # fmt: skip
    products.add_avoid(alice, ingredient="Witch hazel", note="stings")
    log_in(page, "alice@example.com")
    _upload_and_measure(page, _photo_file(tmp_path, "a.jpg", (205, 150, 130)),
                        timezone.localdate())  # fmt: skip
    link = _invite(page, smtp, SESSIONS)
    log_out(page)

    _dee_accepts(page, link)
    main = page.locator("main")
    text = main.inner_text()
    assert "Sessions" in text and "Check-ins" in text
    for unshared in ("Night serum", "Witch hazel", "Avoid list", "Photos", "a*"):
        assert unshared not in text, unshared
    page.get_by_role("link", name="Set limits for Alice").click()
    page.get_by_test_id("avoid-not-shared").wait_for()
    assert "Witch hazel" not in main.inner_text() and "stings" not in main.inner_text()
    screenshot(page, "scopes-sessions-only-limits")

    page.get_by_role("link", name="Alice").click()
    page.get_by_role("link", name="Download a PDF report").click()
    shared_words = page.get_by_test_id("report-shared").inner_text()
    assert shared_words.endswith("sessions and recovery check-ins.")
    assert "products and avoid list" in page.get_by_test_id("report-not-shared").inner_text()
    screenshot(page, "scopes-report-page")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the PDF report").click()
    downloaded = _pdf_text(download.value.path().read_bytes())
    log_out(page)

    log_in(page, "alice@example.com")
    page.goto("/my-data/")
    smtp.messages.clear()
    page.get_by_role("button", name="Send the report").click()
    page.get_by_text("The report was sent to dee@example.com").wait_for()
    [message] = smtp.messages
    [part] = [p for p in message.walk() if p.get_content_type() == "application/pdf"]
    mailed = _pdf_text(part.get_payload(decode=True))
    body = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    words = " ".join(body.get_payload(decode=True).decode().split())
    assert "Not shared, so not in it: profile and suitability checks; products and avoid list; " \
           "progress photos." in words  # fmt: skip

    for pdf in (downloaded, mailed):
        assert "Made for Dr Dee" in pdf and "Sessions" in pdf and "cheeks 0.25 mm" in pdf
        for unshared in ("Products flagged", "Night serum", "Witch hazel", "Avoid list",
                         "Progress photos", "Redness (a*)", "Birth date"):  # fmt: skip
            assert unshared not in pdf, unshared
    console.assert_clean()


def test_an_invite_opened_by_another_account_cannot_be_accepted(page, console, smtp):
    make_user("alice@example.com", "Alice")
    make_user("carol@example.com", "Carol")
    log_in(page, "alice@example.com")
    link = _invite(page, smtp, SESSIONS)
    log_out(page)

    log_in(page, "carol@example.com")
    response = page.goto(link)
    assert response is not None and response.status == 403
    page.get_by_role("heading", name="This invite was sent to another address").wait_for()
    text = page.locator("main").inner_text()
    assert "sent this invite to d…@example.com" in text
    assert "You are logged in as carol@example.com, so you cannot accept it." in text
    assert page.get_by_role("button", name=re.compile("Accept")).count() == 0
    screenshot(page, "scopes-invite-other-account")
    assert not Grant.objects.exists()
    console.assert_clean(expected_status=403)
