"""The two flows: back up the running installation to FILE, restore FILE into an empty one."""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import ParamSpec, TypeVar

import psycopg
from django.conf import settings
from django.core.cache import cache

from needlewise import __version__
from needlewise.backup import BackupError, archive, postgres, sqlite
from needlewise.backup.files import data_files, has_private_files, sha256_file
from needlewise.backup.manifest import DATABASE, ENGINE_NAMES, PRIVATE, Entry, Manifest
from needlewise.backup.progress import Reporter, size

P = ParamSpec("P")
R = TypeVar("R")


def _one_line_errors(flow: Callable[P, R]) -> Callable[P, R]:
    """File system and database errors not handled where they happen, as one-line messages."""

    @functools.wraps(flow)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return flow(*args, **kwargs)
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            raise BackupError(f"{where}{exc.strerror or exc}") from exc
        except psycopg.Error as exc:
            raise BackupError(f"PostgreSQL: {postgres.first_line(str(exc))}") from exc

    return guarded


def engine() -> str:
    """The engine settings.DATABASES names, as the manifest spells it."""
    name = settings.DATABASES["default"]["ENGINE"]
    if name.endswith("sqlite3"):
        return "sqlite"
    if name.endswith("postgresql"):
        return "postgresql"
    raise BackupError(f"backups work with SQLite and PostgreSQL, not {name}")


def _sqlite_path() -> Path:
    name = str(settings.DATABASES["default"]["NAME"])
    if name == ":memory:" or name.startswith("file:"):
        raise BackupError(f"the SQLite database {name!r} is not a file that can be backed up")
    return Path(name)


def _postgres() -> postgres.Database:
    return postgres.Database.from_settings(settings.DATABASES["default"])


def _data_dir() -> Path:
    return Path(settings.DATA_DIR)


# --- Backup


@_one_line_errors
def create(target: Path, *, force: bool, report: Reporter) -> Manifest:
    """Write a backup of the database, the private files and the secret key to `target`."""
    target = target.expanduser().absolute()
    _check_target(target, force)
    kind = engine()
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".needlewise-backup-") as tmp:
        db_file = Path(tmp) / PurePosixPath(DATABASE[kind]).name
        if kind == "sqlite":
            report.step(f"Database: copying {_sqlite_path()} (SQLite online backup)")
            tables = sqlite.snapshot(_sqlite_path(), db_file)
        else:
            report.step(f"Database: dumping {_postgres()} (pg_dump)")
            tables = postgres.dump(_postgres(), db_file)
        report.step(f"Database: {len(tables)} tables, {sum(tables.values())} rows")
        sources = {DATABASE[kind]: db_file, **dict(data_files(_data_dir()))}
        report.step(f"Files: {len(sources) - 1} from {_data_dir()}")
        created_at = datetime.now(UTC).isoformat(timespec="seconds")
        manifest = Manifest(kind, __version__, created_at, _hash(sources, report), tables)
        _write(target, manifest, sources, force, report)
    return manifest


def _check_target(target: Path, force: bool) -> None:
    if target.is_dir():
        raise BackupError(f"{target} is a folder: give the name of the backup file to write")
    if not target.parent.is_dir():
        raise BackupError(f"the folder {target.parent} does not exist")
    if target.exists() and not force:
        raise BackupError(f"{target} already exists: use --force to replace it")
    if target.resolve().is_relative_to((_data_dir() / PRIVATE).resolve()):
        raise BackupError(f"write the backup outside {_data_dir() / PRIVATE}, which it copies")


def _hash(sources: dict[str, Path], report: Reporter) -> list[Entry]:
    total = sum(path.stat().st_size for path in sources.values())
    entries = []
    with report.bar(total, "checksums") as bar:
        for name, path in sources.items():
            try:
                length, digest = sha256_file(path, bar.update)
            except FileNotFoundError:
                raise BackupError(f"{path} changed during the backup: run it again") from None
            except OSError as exc:
                raise BackupError(f"cannot read {path}: {exc.strerror or exc}") from None
            entries.append(Entry(name, length, digest))
    return entries


def _write(
    target: Path, manifest: Manifest, sources: dict[str, Path], force: bool, report: Reporter
) -> None:
    """Write beside `target` under a temporary name (mode 0600), then rename it into place."""
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".partial")
    total = sum(entry.size for entry in manifest.entries)
    try:
        with os.fdopen(fd, "wb") as out, report.bar(total, "archive") as bar:
            os.fchmod(out.fileno(), 0o600)
            archive.write(out, manifest, sources, bar.update)
            out.flush()
            os.fsync(out.fileno())
        _publish(Path(temp), target, force)
    except OSError as exc:
        raise BackupError(f"cannot write {target}: {exc.strerror or exc}") from None
    finally:
        Path(temp).unlink(missing_ok=True)
    _fsync_dir(target.parent)
    report.step(f"Wrote {target} ({size(target.stat().st_size)})")


def _publish(temp: Path, target: Path, force: bool) -> None:
    if force:
        os.replace(temp, target)
        return
    try:
        os.link(temp, target)  # fails if the name was taken meanwhile, unlike a rename
    except FileExistsError:
        raise BackupError(f"{target} already exists: use --force to replace it") from None
    except OSError:  # no hard links on this file system
        if target.exists():
            raise BackupError(f"{target} already exists: use --force to replace it") from None
        os.replace(temp, target)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:  # some file systems cannot sync a directory; the data itself is synced
        pass
    finally:
        os.close(fd)


# --- Restore


@_one_line_errors
def restore(source: Path, *, report: Reporter) -> Manifest:
    """Check `source` completely, then restore it into this empty installation."""
    source = source.expanduser().absolute()
    if not source.is_file():
        raise BackupError(f"{source} does not exist or is not a file")
    kind = engine()
    manifest = archive.read_manifest(source)
    if manifest.engine != kind:
        raise BackupError(
            f"{source} holds a {ENGINE_NAMES[manifest.engine]} database but this Needlewise is "
            f"set up for {ENGINE_NAMES[kind]}: restore it with the engine it was made with"
        )
    _refuse_unless_empty(kind)
    total = sum(entry.size for entry in manifest.entries)
    made = f"made {manifest.created_at} by Needlewise {manifest.app_version}"
    report.step(f"Checking {source} ({made})")
    with report.bar(total, "checking") as bar:
        archive.unpack(source, manifest, bar.update)
    data_dir = _data_dir()
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    staging = Path(tempfile.mkdtemp(dir=data_dir, prefix=".restore-"))
    try:
        with report.bar(total, "unpacking") as bar:
            archive.unpack(source, manifest, bar.update, dest=staging)
        _restore_database(kind, staging / manifest.database.path, manifest, report)
        _place_files(staging, manifest, data_dir)
        report.step(f"Files: {len(manifest.files)} restored into {data_dir}")
        # Restored people are back at the revisions they had when the backup was made: pages
        # recalled since then (needlewise.person_cache) must not come back with them.
        cache.clear()
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return manifest


def _refuse_unless_empty(kind: str) -> None:
    # A secret_key file alone does not count: loading the settings writes one if none exists.
    if kind == "sqlite" and sqlite.has_data(_sqlite_path()):
        raise BackupError(
            f"there is already a database at {_sqlite_path()}: restore only into an empty "
            "data dir (set NEEDLEWISE_DATA_DIR to a new folder)"
        )
    if kind == "postgresql" and postgres.has_tables(_postgres()):
        raise BackupError(
            f"{_postgres()} already has tables: restore only into an empty database "
            "(createdb a new one and point DATABASE_URL at it)"
        )
    if has_private_files(_data_dir()):
        raise BackupError(
            f"{_data_dir() / PRIVATE} already holds files: restore only into an empty data dir"
        )


def _restore_database(kind: str, dump: Path, manifest: Manifest, report: Reporter) -> None:
    rows = f"{len(manifest.tables)} tables, {sum(manifest.tables.values())} rows"
    if kind == "sqlite":
        sqlite.check(dump, manifest.tables)
        sqlite.place(dump, _sqlite_path())
        report.step(f"Database: {rows} restored to {_sqlite_path()}")
    else:
        postgres.restore(_postgres(), dump, manifest.tables)
        report.step(f"Database: {rows} restored into {_postgres()}")


def _place_files(staging: Path, manifest: Manifest, data_dir: Path) -> None:
    for entry in manifest.files:
        target = data_dir / entry.data_path
        folder = data_dir
        for part in entry.data_path.parent.parts:  # every new level private, not just the last
            folder = folder / part
            folder.mkdir(exist_ok=True, mode=0o700)
        os.replace(staging / entry.path, target)
