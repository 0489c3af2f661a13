"""manifest.json: what a backup holds, each file with its size and SHA-256, and row counts.

Read back, it is checked strictly: a path that could climb out of the data dir, a member for an
engine other than the one named, or any missing field makes the whole archive refused."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import PurePosixPath
from typing import Any

from needlewise.backup import BackupError

FORMAT = "needlewise-backup"
FORMAT_VERSION = 1
NAME = "manifest.json"
#: The database member of each engine: a SQLite file, or a `pg_dump --format=custom` dump.
DATABASE = {
    "sqlite": "database/needlewise.sqlite3",
    "postgresql": "database/needlewise.pgdump",
}
ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
#: Files of the data dir live under this prefix, by their path relative to the data dir.
FILES = "files/"
SECRET_KEY = "secret_key"  # noqa: S105 (a file name)
PRIVATE = "private"
_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Entry:
    """One member of the archive."""

    path: str
    size: int
    sha256: str

    @property
    def data_path(self) -> PurePosixPath:
        """Where a file member goes, relative to the data dir."""
        return PurePosixPath(self.path.removeprefix(FILES))


@dataclass
class Manifest:
    engine: str
    app_version: str
    created_at: str
    entries: list[Entry] = field(default_factory=list)
    tables: dict[str, int] = field(default_factory=dict)

    @property
    def database(self) -> Entry:
        return next(e for e in self.entries if e.path == DATABASE[self.engine])

    @property
    def files(self) -> list[Entry]:
        return [e for e in self.entries if e.path.startswith(FILES)]

    def to_json(self) -> bytes:
        body = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "app_version": self.app_version,
            "engine": self.engine,
            "created_at": self.created_at,
            "database": DATABASE[self.engine],
            "files": [asdict(e) for e in self.entries],
            "tables": dict(sorted(self.tables.items())),
        }
        return json.dumps(body, indent=2).encode() + b"\n"

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        try:
            body = json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise _damaged(f"not JSON ({exc})") from None
        if not isinstance(body, dict) or body.get("format") != FORMAT:
            raise _damaged("not a Needlewise backup manifest")
        version = body.get("format_version")
        if not isinstance(version, int) or version > FORMAT_VERSION:
            raise BackupError(
                f"the backup has format version {version!r}; this Needlewise reads up to "
                f"{FORMAT_VERSION}: restore it with a newer Needlewise"
            )
        engine = body.get("engine")
        if engine not in DATABASE:
            raise _damaged(f"unknown database engine {engine!r}")
        manifest = cls(
            engine=engine,
            app_version=_text(body, "app_version"),
            created_at=_text(body, "created_at"),
            entries=_entries(body.get("files"), engine),
            tables=_tables(body.get("tables")),
        )
        return manifest


def _damaged(detail: str) -> BackupError:
    return BackupError(f"the backup's manifest is damaged: {detail}")


def _text(body: dict[str, Any], key: str) -> str:
    value = body.get(key)
    if not isinstance(value, str):
        raise _damaged(f"{key} is missing")
    return value


def _entries(raw: Any, engine: str) -> list[Entry]:
    if not isinstance(raw, list):
        raise _damaged("the file list is missing")
    entries: list[Entry] = []
    for item in raw:
        if not isinstance(item, dict):
            raise _damaged("a file entry is not an object")
        path, size, sha = item.get("path"), item.get("size"), item.get("sha256")
        if not isinstance(path, str) or not allowed_path(path, engine):
            raise _damaged(f"refusing the path {path!r}")
        if not isinstance(size, int) or isinstance(size, bool) or size < 0:
            raise _damaged(f"{path}: bad size")
        if not isinstance(sha, str) or not _SHA256.fullmatch(sha):
            raise _damaged(f"{path}: bad checksum")
        entries.append(Entry(path, size, sha))
    paths = [e.path for e in entries]
    if len(set(paths)) != len(paths):
        raise _damaged("a path is listed twice")
    if DATABASE[engine] not in paths:
        raise _damaged("the database is not listed")
    return entries


def _tables(raw: Any) -> dict[str, int]:
    if not isinstance(raw, dict) or not all(
        isinstance(k, str) and isinstance(v, int) and v >= 0 for k, v in raw.items()
    ):
        raise _damaged("the row counts are missing")
    return dict(raw)


def allowed_path(path: str, engine: str) -> bool:
    """The engine's database member, the secret key, or a plain relative path under private/."""
    if path == DATABASE[engine]:
        return True
    if not path.startswith(FILES) or "\\" in path or "\x00" in path:
        return False
    parts = path.removeprefix(FILES).split("/")
    if any(part in ("", ".", "..") for part in parts):
        return False
    return parts == [SECRET_KEY] or (parts[0] == PRIVATE and len(parts) > 1)
