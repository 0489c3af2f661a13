"""Text past what a form takes, in the browser: it is not sent, the summary names the field and
takes focus, and every character typed is still in the form (issue 17)."""

from __future__ import annotations

from needlewise.products.models import Product
from tests.e2e.conftest import log_in

#: Well past the server's 2.5 MB request limit.
THREE_MB = 3 * 1024 * 1024


def test_a_text_too_long_to_send_is_kept_and_its_field_named(page, console, alice):
    log_in(page, alice.email)
    page.goto("/products/add/")
    page.get_by_label("Name").fill("Serum")
    box = page.get_by_label("Ingredients, as printed")
    # As a script (or a paste past `maxlength` in some browsers) would leave it.
    box.evaluate(
        "(el, n) => { el.removeAttribute('maxlength'); el.value = 'Aqua, '.repeat(n); }",
        THREE_MB // 6,
    )
    page.get_by_role("button", name="Add to my shelf").click()

    summary = page.get_by_role("alert")
    summary.wait_for()
    assert "Not sent: some text is too long" in summary.inner_text()
    assert "Ingredients, as printed: This is too long to send" in summary.inner_text()
    assert "Everything you typed is still here." in summary.inner_text()
    assert page.evaluate("document.activeElement.dataset.tooLong") == ""
    assert box.evaluate("el => el.value.length") == (THREE_MB // 6) * 6
    assert page.url.endswith("/products/add/")
    assert not Product.objects.exists()
    console.assert_clean()


def test_a_field_at_its_bound_says_the_rest_was_not_added(page, console, alice):
    log_in(page, alice.email)
    page.goto("/products/add/")
    box = page.get_by_label("Ingredients, as printed")
    limit = box.evaluate("el => el.maxLength")
    assert limit > 0
    box.fill("a" * (limit + 50))  # the browser keeps the first `limit` characters
    assert box.evaluate("el => el.value.length") == limit
    page.get_by_text(f"This holds at most {limit:,} characters").wait_for()
    box.fill("Aqua")
    assert page.get_by_text("This holds at most").count() == 0
    console.assert_clean()
