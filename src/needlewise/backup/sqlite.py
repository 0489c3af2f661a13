"""SQLite: a consistent copy of the live file through the online backup API, and its checks."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

from needlewise.backup import BackupError


def snapshot(source: Path, dest: Path) -> dict[str, int]:
    """Copy the database at `source` to `dest`, safe while the app runs; rows per table."""
    if not source.is_file():
        raise BackupError(f"there is no database at {source}: nothing to back up")
    try:
        # mode=rw: never create an empty database where the real one was expected.
        src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=rw", uri=True, timeout=20)
        dst = sqlite3.connect(dest)
        try:
            # One step (pages=-1) is one read transaction: a snapshot that includes what is in
            # the WAL, and writers carry on meanwhile. Copying in several steps would restart
            # the copy at every write, possibly forever on a busy server.
            src.backup(dst, pages=-1)
            return row_counts(dst)
        finally:
            dst.close()
            src.close()
    except sqlite3.Error as exc:
        raise BackupError(f"cannot copy the database {source}: {exc}") from None


def row_counts(conn: sqlite3.Connection) -> dict[str, int]:
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    count = "SELECT count(*) FROM {}"  # of a quoted name from sqlite_master
    return {name: conn.execute(count.format(_quote(name))).fetchone()[0] for name in names}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def has_data(path: Path) -> bool:
    """Whether a database with tables (or something that is not a database) is at `path`."""
    if not path.exists():
        return False
    if path.is_file() and path.stat().st_size == 0:
        return False
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return bool(conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return True


def check(path: Path, expected: dict[str, int]) -> None:
    """The restored copy is a sound database with exactly the rows the backup counted."""
    try:
        conn = sqlite3.connect(path)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
            counts = row_counts(conn)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise BackupError(f"the backup's database cannot be read: {exc}") from None
    if result != "ok":
        raise BackupError(f"the backup's database fails SQLite's integrity check: {result}")
    if counts != expected:
        raise BackupError("the backup's database does not hold the rows its manifest counted")


def place(staged: Path, target: Path) -> None:
    """Move the checked copy to where the settings expect the database."""
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    for suffix in ("-wal", "-shm", "-journal"):  # left by an empty database, never by data
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    try:
        os.replace(staged, target)
    except OSError:  # another file system
        shutil.move(staged, target)
    os.chmod(target, 0o600)
