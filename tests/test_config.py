"""Settings helpers: bad values stop the start with a message naming the variable."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from needlewise.config import Env, email_config, public_url, secret_key


@pytest.mark.parametrize(
    "raw, expected", [("1", True), ("true", True), ("OFF", False), ("", False)]
)
def test_bool_reads_common_spellings(raw, expected):
    assert Env({"DEBUG": raw}).bool("DEBUG", default=True) is expected


def test_bool_rejects_a_typo():
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be true or false"):
        Env({"DEBUG": "ture"}).bool("DEBUG", default=False)


@pytest.mark.parametrize("raw", ["two", "0", "99"])
def test_int_rejects_non_numbers_and_out_of_range(raw):
    with pytest.raises(ImproperlyConfigured, match="WORKERS"):
        Env({"WORKERS": raw}).int("WORKERS", 2, minimum=1, maximum=16)


def test_url_rejects_an_unknown_scheme():
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL must start with one of"):
        Env({"DATABASE_URL": "mysql://x/y"}).url("DATABASE_URL", None, schemes=("postgres",))


def test_url_rejects_a_missing_host():
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL has no host"):
        Env({"REDIS_URL": "redis://"}).url("REDIS_URL", None, schemes=("redis",))


def test_list_splits_on_commas_and_drops_blanks():
    assert Env({"ALLOWED_HOSTS": "a.example, b.example,,"}).list("ALLOWED_HOSTS", []) == [
        "a.example",
        "b.example",
    ]


@pytest.mark.parametrize("raw", ["ftp://x", "needlewise.example", "https://"])
def test_public_url_must_be_http_with_a_host(raw):
    with pytest.raises(ImproperlyConfigured, match="NEEDLEWISE_PUBLIC_URL"):
        public_url(raw)


def test_public_url_loses_its_trailing_slash():
    assert public_url("https://nw.example/") == "https://nw.example"


def test_secret_may_come_from_a_file(tmp_path):
    secret_file = tmp_path / "key"
    secret_file.write_text("s" * 60 + "\n")
    assert secret_key(Env({"SECRET_KEY_FILE": str(secret_file)}), tmp_path) == "s" * 60


def test_unreadable_secret_file_is_reported(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY_FILE: cannot read"):
        secret_key(Env({"SECRET_KEY_FILE": str(tmp_path / "missing")}), tmp_path)


def test_short_secret_is_refused(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="at least 50 characters"):
        secret_key(Env({"SECRET_KEY": "short"}), tmp_path)


def test_missing_secret_is_generated_once_and_kept(tmp_path):
    first = secret_key(Env({}), tmp_path / "data")
    second = secret_key(Env({}), tmp_path / "data")
    assert first == second
    assert len(first) >= 50
    assert (tmp_path / "data" / "secret_key").stat().st_mode & 0o077 == 0


def test_email_unset_writes_files_in_the_data_dir(tmp_path):
    config = email_config(None, tmp_path / "mail")
    assert config.writes_files
    assert config.file_path == str(tmp_path / "mail")


@pytest.mark.parametrize(
    "url, port, tls, ssl",
    [
        ("smtp://mail.example", 25, False, False),
        ("smtp+tls://u:p%40ss@mail.example", 587, True, False),
        ("smtps://mail.example:2465", 2465, False, True),
    ],
)
def test_email_url_schemes(url, port, tls, ssl):
    config = email_config(url, None)
    assert (config.host, config.port, config.use_tls, config.use_ssl) == (
        "mail.example",
        port,
        tls,
        ssl,
    )


def test_email_url_password_is_unquoted():
    assert email_config("smtp+tls://u:p%40ss@mail.example", None).password == "p@ss"


def test_email_url_rejects_unknown_options():
    with pytest.raises(ImproperlyConfigured, match="unknown options: tsl"):
        email_config("smtp://mail.example?tsl=1", None)


@pytest.mark.parametrize(
    "name, value",
    [
        ("DEBUG", "ture"),
        ("NEEDLEWISE_PERSON_CACHE_SECONDS", "ten"),
        ("DATABASE_URL", "postgres://nw@db.example:54x2/nw"),
        ("REDIS_URL", "redis://cache.example:99999"),
    ],
)
def test_a_bad_variable_stops_the_command_with_one_line_naming_it(tmp_path, name, value):
    """It was a 30-line traceback ending in ImproperlyConfigured."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "NEEDLEWISE_DATA_DIR": str(tmp_path), name: value}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "-m", "needlewise", "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"needlewise: {name}")
