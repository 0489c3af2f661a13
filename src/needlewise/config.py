"""Typed readers for settings from the environment.

Every reader fails loudly (ImproperlyConfigured, naming the variable) on a bad value, so a typo in
a deployment stops the start instead of running with a silent default. Secrets may also be given
as ``<NAME>_FILE`` pointing to a file that holds the value (Docker/systemd credentials style).
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class Env:
    """Reads typed values from a mapping (``os.environ`` by default)."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self.environ = os.environ if environ is None else environ

    def str(self, name: str, default: str | None = None) -> str | None:
        """A string, or the contents of the file named by ``NAME_FILE``."""
        file_name = self.environ.get(f"{name}_FILE")
        if file_name:
            try:
                return Path(file_name).read_text(encoding="utf-8").strip()
            except OSError as exc:
                raise ImproperlyConfigured(f"{name}_FILE: cannot read {file_name}: {exc}") from exc
        value = self.environ.get(name)
        return default if value is None else value

    def bool(self, name: str, default: bool) -> bool:
        raw = self.environ.get(name)
        if raw is None:
            return default
        value = raw.strip().lower()
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        raise ImproperlyConfigured(f"{name} must be true or false (got {raw!r})")

    def int(self, name: str, default: int, *, minimum: int, maximum: int) -> int:
        raw = self.environ.get(name)
        if raw is None:
            return default
        try:
            value = int(raw)
        except ValueError:
            raise ImproperlyConfigured(f"{name} must be a whole number (got {raw!r})") from None
        if not minimum <= value <= maximum:
            raise ImproperlyConfigured(f"{name} must be between {minimum} and {maximum}")
        return value

    def list(self, name: str, default: list[str]) -> list[str]:
        raw = self.environ.get(name)
        if raw is None:
            return list(default)
        return [item.strip() for item in raw.split(",") if item.strip()]

    def networks(self, name: str) -> list[str]:
        """Comma-separated IP addresses or networks (`10.0.0.1, 192.168.0.0/16`), normalised."""
        found = []
        for entry in self.list(name, []):
            try:
                found.append(str(ipaddress.ip_network(entry, strict=False)))
            except ValueError:
                raise ImproperlyConfigured(
                    f"{name}: {entry!r} is not an IP address or network"
                ) from None
        return found

    def url(self, name: str, default: str | None, *, schemes: tuple[str, ...]) -> str | None:
        value = self.str(name, default)
        if value is None or value == "":
            return None
        parts = urlsplit(value)
        if parts.scheme not in schemes:
            allowed = ", ".join(schemes)
            raise ImproperlyConfigured(f"{name} must start with one of: {allowed} (got {value!r})")
        if parts.scheme not in ("file", "sqlite", "console") and not parts.hostname:
            raise ImproperlyConfigured(f"{name} has no host name (got {value!r})")
        try:
            parts.port  # noqa: B018 -- raises on a port that is not a number or out of range
        except ValueError:
            raise ImproperlyConfigured(
                f"{name} has a port that is not a number from 1 to 65535"
            ) from None
        return value


def public_url(value: str) -> str:
    """The public base URL without a trailing slash; http or https with a host."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ImproperlyConfigured(
            f"NEEDLEWISE_PUBLIC_URL must be an http(s) URL with a host (got {value!r})"
        )
    return value.rstrip("/")


def secret_key(env: Env, data_dir: Path) -> str:
    """SECRET_KEY from the environment, else one generated once and kept in the data dir."""
    configured = env.str("SECRET_KEY")
    if configured:
        if len(configured) < 50:
            raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters long")
        return configured
    key_file = data_dir / "secret_key"
    if key_file.exists():
        return key_file.read_text(encoding="utf-8").strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(64)
    # O_EXCL: two processes starting at once must not write two different keys.
    try:
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return key_file.read_text(encoding="utf-8").strip()
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(key)
    return key


@dataclass(frozen=True)
class EmailConfig:
    """Django e-mail settings derived from EMAIL_URL."""

    backend: str
    host: str = "localhost"
    port: int = 25
    user: str = ""
    password: str = ""
    use_tls: bool = False
    use_ssl: bool = False
    file_path: str = ""

    @property
    def writes_files(self) -> bool:
        return self.backend.endswith("filebased.EmailBackend")


_SMTP = "django.core.mail.backends.smtp.EmailBackend"
_FILE = "django.core.mail.backends.filebased.EmailBackend"
_CONSOLE = "django.core.mail.backends.console.EmailBackend"


def email_config(url: str | None, mail_dir: Path) -> EmailConfig:
    """Parse ``smtp://``, ``smtp+tls://`` (STARTTLS), ``smtps://``, ``file:///dir``,
    ``console://``; unset means files under the data dir."""
    if not url:
        return EmailConfig(backend=_FILE, file_path=str(mail_dir))
    parts = urlsplit(url)
    if parts.scheme == "console":
        return EmailConfig(backend=_CONSOLE)
    if parts.scheme == "file":
        return EmailConfig(backend=_FILE, file_path=unquote(parts.path) or str(mail_dir))
    query = parse_qs(parts.query)
    unknown = set(query) - {"timeout"}
    if unknown:
        raise ImproperlyConfigured(f"EMAIL_URL has unknown options: {', '.join(sorted(unknown))}")
    ssl = parts.scheme == "smtps"
    tls = parts.scheme == "smtp+tls"
    try:
        port = parts.port or (465 if ssl else 587 if tls else 25)
    except ValueError:
        raise ImproperlyConfigured("EMAIL_URL has a port that is not a number") from None
    return EmailConfig(
        backend=_SMTP,
        host=parts.hostname or "localhost",
        port=port,
        user=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        use_tls=tls,
        use_ssl=ssl,
    )
