"""The archive: a tar.gz whose first member is manifest.json, then every listed file.

Members are written from files already hashed and hashed again on the way in, so the archive
always matches its manifest. Reading streams through the whole archive and checks each member's
size and SHA-256, then reads gzip to its end so its own CRC is checked too; nothing is extracted
with tarfile's own extraction, only the manifest's (checked) paths are ever written."""

from __future__ import annotations

import gzip
import io
import os
import shutil
import tarfile
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from needlewise.backup import BackupError
from needlewise.backup.files import CHUNK, HashingReader
from needlewise.backup.manifest import NAME, Manifest

MAX_MANIFEST = 16 * 1024 * 1024
Advance = Callable[[int], object]


def write(out: IO[bytes], manifest: Manifest, sources: dict[str, Path], advance: Advance) -> None:
    """Write the manifest, then each entry's file from `sources` (archive path → file)."""
    with tarfile.open(fileobj=out, mode="w:gz", compresslevel=6, format=tarfile.PAX_FORMAT) as tar:
        body = manifest.to_json()
        tar.addfile(_info(NAME, len(body)), io.BytesIO(body))
        for entry in manifest.entries:
            path = sources[entry.path]
            changed = BackupError(f"{path} changed during the backup: run it again")
            try:
                handle = path.open("rb")
            except FileNotFoundError:
                raise changed from None
            except OSError as exc:
                raise BackupError(f"cannot read {path}: {exc.strerror or exc}") from None
            with handle:
                reader = HashingReader(handle, advance)
                try:
                    tar.addfile(_info(entry.path, entry.size, path.stat().st_mtime), reader)
                except OSError as exc:
                    if "unexpected end of data" in str(exc):  # the file shrank
                        raise changed from None
                    raise
            if reader.hexdigest() != entry.sha256:
                raise changed


def _info(name: str, size: int, mtime: float | None = None) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size, info.mode = size, 0o600
    info.mtime = int(time.time() if mtime is None else mtime)
    return info


def damaged(path: Path, detail: str) -> BackupError:
    return BackupError(f"{path} is damaged or not a Needlewise backup ({detail}); nothing restored")


@contextmanager
def _reading(path: Path) -> Iterator[tuple[tarfile.TarFile, gzip.GzipFile]]:
    try:
        with (
            path.open("rb") as raw,
            gzip.GzipFile(fileobj=raw, mode="rb") as gz,
            tarfile.open(fileobj=gz, mode="r|") as tar,
        ):
            yield tar, gz
    except BackupError:
        raise
    except (tarfile.TarError, EOFError, zlib.error, OSError) as exc:
        raise damaged(path, str(exc) or type(exc).__name__) from None


def read_manifest(path: Path) -> Manifest:
    """The manifest alone, from the start of the archive."""
    with _reading(path) as (tar, _):
        member = tar.next()
        if member is None or member.name != NAME or not member.isfile():
            raise damaged(path, "it does not start with manifest.json")
        if member.size > MAX_MANIFEST:
            raise damaged(path, "manifest.json is too large")
        handle = tar.extractfile(member)
        assert handle is not None
        raw = handle.read()
    return Manifest.from_json(raw)


def unpack(path: Path, manifest: Manifest, advance: Advance, dest: Path | None = None) -> None:
    """Check every member against the manifest; with `dest`, also write them under it."""
    expected = {entry.path: entry for entry in manifest.entries}
    seen: set[str] = set()
    with _reading(path) as (tar, gz):
        for index, member in enumerate(tar):
            if index == 0 and member.name == NAME:
                continue
            entry = expected.get(member.name)
            if entry is None or member.name in seen:
                raise damaged(path, f"unexpected member {member.name!r}")
            if not member.isfile() or member.size != entry.size:
                raise damaged(path, f"{member.name} is not the file the manifest lists")
            source = tar.extractfile(member)
            assert source is not None
            reader = HashingReader(source, advance)
            if dest is None:
                while reader.read(CHUNK):
                    pass
            else:
                _write_member(reader, dest / entry.path)
            if reader.size != entry.size or reader.hexdigest() != entry.sha256:
                raise damaged(path, f"{member.name} does not match its checksum")
            seen.add(member.name)
        while gz.read(CHUNK):  # to the very end, where gzip checks its CRC and length
            pass
    missing = sorted(expected.keys() - seen)
    if missing:
        raise damaged(path, f"{len(missing)} listed files are missing, e.g. {missing[0]}")


def _write_member(reader: HashingReader, target: Path) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with os.fdopen(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out:
            shutil.copyfileobj(reader, out, CHUNK)
            out.flush()
            os.fsync(out.fileno())
    except OSError as exc:
        raise BackupError(f"cannot write {target}: {exc.strerror or exc}") from None
