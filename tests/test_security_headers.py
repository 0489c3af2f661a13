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
