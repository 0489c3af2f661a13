"""Security headers on every page; the HTTPS set when the public URL is https."""

from __future__ import annotations

import os
import subprocess
import sys


def test_pages_send_a_strict_csp_and_framing_headers(client, db):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_pages_have_no_inline_script(client, db):
    html = client.get("/accounts/login/").content.decode()
    assert "<script>" not in html
    assert "<script src=" in html


def test_https_public_url_turns_on_secure_cookies_and_hsts(tmp_path):
    env = {
        **os.environ,
        "NEEDLEWISE_DATA_DIR": str(tmp_path),
        "NEEDLEWISE_PUBLIC_URL": "https://nw.example",
    }
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT,"
        " s.SECURE_HSTS_SECONDS > 0, s.SECURE_PROXY_SSL_HEADER[0], 'nw.example' in s.ALLOWED_HOSTS)"
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={**env, "DJANGO_SETTINGS_MODULE": "needlewise.settings"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.split() == [
        "True",
        "True",
        "True",
        "True",
        "HTTP_X_FORWARDED_PROTO",
        "True",
    ]


def test_plain_http_on_loopback_works_out_of_the_box(settings):
    assert settings.SESSION_COOKIE_SECURE is False
    assert "127.0.0.1" in settings.ALLOWED_HOSTS


def _headers(response) -> dict[str, str]:
    return {name: response.get(name) for name in _PAGE_HEADERS}


_PAGE_HEADERS = (
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
)


def test_static_files_carry_the_same_security_headers_as_pages(client, db, settings):
    """WhiteNoise answers before the framing and CSP middleware ran, so a static file had
    neither (an SVG or a JS file opened on its own is a document too)."""
    from django.test import Client

    settings.WHITENOISE_USE_FINDERS = settings.WHITENOISE_AUTOREFRESH = True
    static = Client().get("/static/favicon.svg")
    assert static.status_code == 200
    page = _headers(client.get("/"))
    assert all(page.values())
    assert _headers(static) == page


def test_pages_of_a_signed_in_person_are_never_stored(alice_client):
    for url in ("/", "/accounts/profile/", "/my-data/"):
        assert alice_client.get(url)["Cache-Control"] == "private, no-store", url


def test_api_answers_with_personal_data_are_never_stored(alice, client):
    from needlewise.accounts.services import create_token

    _, raw = create_token(alice, "script")
    response = client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    refused = client.get("/api/me", HTTP_AUTHORIZATION="Bearer nw_made-up")
    assert refused.status_code == 401
    assert refused["Cache-Control"] == "private, no-store"


def test_token_link_pages_are_never_stored(client, db):
    """An unsubscribe or invitation link names a person without a sign-in."""
    response = client.get("/library/newsletter/unsubscribe/forged/")
    assert response["Cache-Control"] == "private, no-store"


def test_public_pages_stay_cacheable_and_views_keep_their_own_choice(client, alice, db):
    from needlewise.reminders import services

    assert "no-store" not in client.get("/rules/").get("Cache-Control", "")
    assert "no-store" not in client.get("/library/").get("Cache-Control", "")
    feed = client.get(f"/reminders/calendar/{services.settings_for(alice).calendar_token}.ics")
    assert feed["Cache-Control"] == "private, max-age=300"
