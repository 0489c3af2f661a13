"""`needlewise check --deploy` is clean with production settings, and warns about real gaps."""

from __future__ import annotations

import os
import subprocess
import sys

PRODUCTION = {
    "NEEDLEWISE_PUBLIC_URL": "https://needlewise.example",
    "SECRET_KEY": "k3y-" + "x9Q2z" * 12,
    "ALLOWED_HOSTS": "needlewise.example",
    "EMAIL_URL": "smtp+tls://mailer:secret@mail.example:587",
    "NEEDLEWISE_TRUSTED_PROXIES": "127.0.0.1",
}


def _check(tmp_path, extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "EMAIL_URL", "SECRET_KEY")}
    env.update(NEEDLEWISE_DATA_DIR=str(tmp_path), **extra)
    return subprocess.run(
        [sys.executable, "-m", "needlewise", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check(tmp_path):
    result = _check(tmp_path, PRODUCTION)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_missing_email_url_is_a_deploy_warning(tmp_path):
    settings = {k: v for k, v in PRODUCTION.items() if k != "EMAIL_URL"}
    result = _check(tmp_path, settings)
    assert result.returncode != 0
    assert "needlewise.W001" in result.stderr


def test_plain_http_is_flagged_by_the_deploy_check(tmp_path):
    result = _check(tmp_path, {**PRODUCTION, "NEEDLEWISE_PUBLIC_URL": "http://needlewise.example"})
    assert "security.W008" in result.stderr  # no HTTPS redirect


def test_a_bad_setting_stops_the_command_with_its_name(tmp_path):
    result = _check(tmp_path, {**PRODUCTION, "DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_professionals_without_a_second_factor_are_a_deploy_warning(tmp_path):
    result = _check(tmp_path, {**PRODUCTION, "NEEDLEWISE_REQUIRE_PRO_SECOND_FACTOR": "false"})
    assert result.returncode != 0
    assert "needlewise.W020" in result.stderr
    assert "without a second factor" in result.stderr


def test_https_without_trusted_proxies_is_a_deploy_warning(tmp_path):
    """https means a TLS-terminating proxy in front: without naming it, every client counts as
    the proxy, and one person's failed log-ins or checks would slow everyone down."""
    settings = {k: v for k, v in PRODUCTION.items() if k != "NEEDLEWISE_TRUSTED_PROXIES"}
    result = _check(tmp_path, settings)
    assert result.returncode != 0
    assert "needlewise.W021" in result.stderr
    assert "NEEDLEWISE_TRUSTED_PROXIES" in result.stderr
