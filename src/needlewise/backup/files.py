"""The data dir's files that a backup carries: the secret key and everything under private/."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import IO

from needlewise.backup.manifest import FILES, PRIVATE, SECRET_KEY

CHUNK = 1024 * 1024
#: Files being written right now (progress.images.write), renamed into place when complete.
IN_FLIGHT = ".tmp-"


def data_files(data_dir: Path) -> list[tuple[str, Path]]:
    """(archive path, file on disk), sorted; symbolic links are never followed."""
    found: list[tuple[str, Path]] = []
    key = data_dir / SECRET_KEY
    if key.is_file() and not key.is_symlink():
        found.append((FILES + SECRET_KEY, key))
    private = data_dir / PRIVATE
    if private.is_dir() and not private.is_symlink():
        for root, dirs, names in os.walk(private):
            dirs.sort()
            for name in sorted(names):
                path = Path(root, name)
                if name.startswith(IN_FLIGHT) or path.is_symlink() or not path.is_file():
                    continue
                found.append((FILES + path.relative_to(data_dir).as_posix(), path))
    return found


def has_private_files(data_dir: Path) -> bool:
    private = data_dir / PRIVATE
    return private.is_dir() and any(p.is_file() for p in private.rglob("*"))


def sha256_file(path: Path, advance: Callable[[int], object] | None = None) -> tuple[int, str]:
    """The size and SHA-256 of a file, read in chunks."""
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            if advance:
                advance(len(chunk))
    return size, digest.hexdigest()


class HashingReader:
    """Reads through to a file object, keeping the SHA-256 and count of what passed."""

    def __init__(self, raw: IO[bytes], advance: Callable[[int], object] | None = None) -> None:
        self.raw = raw
        self.digest = hashlib.sha256()
        self.size = 0
        self._advance = advance

    def read(self, n: int = -1) -> bytes:
        data = self.raw.read(n)
        self.digest.update(data)
        self.size += len(data)
        if self._advance:
            self._advance(len(data))
        return data

    def hexdigest(self) -> str:
        return self.digest.hexdigest()
