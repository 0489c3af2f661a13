"""`needlewise backup` and `needlewise restore`, run as the real command on real data dirs.

Each command runs in a subprocess with its own NEEDLEWISE_DATA_DIR (and DATABASE_URL), the way
an operator runs it. The PostgreSQL variants run when DATABASE_URL is a postgres URL; throwaway
databases come from scripts/pg_admin.py."""

from __future__ import annotations

import hashlib
import io
import json
import os
import secrets
import sqlite3
import stat
import subprocess
import sys
import tarfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from needlewise import demo_data
from needlewise.backup import BackupError, postgres
from needlewise.backup.archive import read_manifest, unpack
from needlewise.backup.manifest import Manifest
from tests.progress.conftest import jpeg_bytes

ROOT = Path(__file__).resolve().parents[1]
DATABASE_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = urlsplit(DATABASE_URL).scheme in ("postgres", "postgresql")
postgres_only = pytest.mark.skipif(not ON_POSTGRES, reason="DATABASE_URL is not PostgreSQL")
ENGINES = ["sqlite", pytest.param("postgresql", marks=postgres_only)]
KEY = "k" * 64


def needlewise(data_dir: Path, *args: str, database_url: str | None = None):
    """Run `needlewise ARGS` as an operator would, with its own data dir and database."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY")}
    env["NEEDLEWISE_DATA_DIR"] = str(data_dir)
    if django_settings.REDIS_URL:  # this test worker's own Redis database, not the shared one
        env["REDIS_URL"] = django_settings.CACHES["default"]["LOCATION"]
    if database_url:
        env["DATABASE_URL"] = database_url
    return subprocess.run(
        [sys.executable, "-m", "needlewise", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


def refused(result: subprocess.CompletedProcess[str], *words: str) -> str:
    """A non-zero exit with one line on stderr that says why."""
    assert result.returncode != 0, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("CommandError: "), result.stderr
    for word in words:
        assert word in lines[0]
    return lines[0]


def pg_url(name: str) -> str:
    return urlsplit(DATABASE_URL)._replace(path=f"/{name}").geturl()


@contextmanager
def pg_database(purpose: str) -> Iterator[str]:
    """A new empty PostgreSQL database for one test, dropped afterwards."""
    name = f"nw_backup_{purpose}_{os.getpid()}_{secrets.token_hex(3)}"
    admin = [sys.executable, "scripts/pg_admin.py"]
    subprocess.run([*admin, "create", name], cwd=ROOT, check=True)
    try:
        yield pg_url(name)
    finally:
        subprocess.run([*admin, "drop", name], cwd=ROOT, check=True)


def db_connect(engine: str, where: str | Path):
    if engine == "sqlite":
        return sqlite3.connect(where)
    import psycopg

    return psycopg.connect(str(where))


@contextmanager
def opened(engine: str, where: str | Path):
    """A DB-API connection to a SQLite file or a PostgreSQL URL, committed and closed after."""
    conn = db_connect(engine, where)
    try:
        yield conn
        conn.commit()
    finally:
        conn.close()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def data_files(data_dir: Path) -> dict[str, str]:
    """Every file a backup carries, by path in the data dir, with its SHA-256."""
    found = {"secret_key": sha256(data_dir / "secret_key")}
    for path in sorted((data_dir / "private").rglob("*")):
        if path.is_file():
            found[path.relative_to(data_dir).as_posix()] = sha256(path)
    return found


def listing(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def manifest_of(archive: Path) -> dict:
    with tarfile.open(archive) as tar:
        return json.load(tar.extractfile("manifest.json"))


def model_rows(conn) -> dict[str, list[tuple]]:
    """Every row of every model's table, ordered by primary key, every column."""
    rows = {}
    quote = connection.ops.quote_name
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        columns = ", ".join(quote(f.column) for f in meta.concrete_fields)
        query = f"SELECT {columns} FROM {quote(meta.db_table)} ORDER BY {quote(meta.pk.column)}"  # noqa: S608
        rows[meta.label] = [tuple(row) for row in conn.execute(query).fetchall()]
    return rows


def write_key(data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "secret_key").write_text(KEY)
    (data_dir / "secret_key").chmod(0o600)


# --- The round trip, on the engine the suite runs on


def _fill(user, data_dir: Path) -> None:
    """A lived-in account: the demo history (its photos too), one more photo and a stored report
    file."""
    from needlewise.progress import services

    demo_data.fill(user)
    data = jpeg_bytes()
    services.add_photo(
        user, io.BytesIO(data), size=len(data), area="cheeks", taken_on=date(2026, 11, 1)
    )
    reports = data_dir / "private" / "reports" / str(user.pk)
    reports.mkdir(parents=True)
    (reports / "report.pdf").write_bytes(b"%PDF-1.7 " + secrets.token_bytes(2048))
    write_key(data_dir)


def _source_database(data_dir: Path) -> str | None:
    """The test database as the subprocess sees it: a file copy (SQLite) or its URL."""
    if connection.vendor == "sqlite":  # the test database lives in memory: copy it to a file
        connection.ensure_connection()
        with opened("sqlite", data_dir / "needlewise.sqlite3") as copy:
            connection.connection.backup(copy)
        return None
    return pg_url(connection.settings_dict["NAME"])


@contextmanager
def _empty_target(engine: str) -> Iterator[str | None]:
    if engine == "sqlite":
        yield None
    else:
        with pg_database("target") as url:
            yield url


@pytest.mark.django_db(transaction=True)
def test_a_restore_gives_back_every_row_and_every_file(alice, settings, tmp_path):
    source, target, archive = tmp_path / "source", tmp_path / "target", tmp_path / "nw.tar.gz"
    settings.DATA_DIR = source
    _fill(alice, source)
    source_url = _source_database(source)
    engine = "sqlite" if source_url is None else "postgresql"

    out = ok(needlewise(source, "backup", str(archive), database_url=source_url))
    assert "Backed up" in out and stat.S_IMODE(archive.stat().st_mode) == 0o600

    with _empty_target(engine) as target_url:
        cache.set("person:left-from-before", "stale")
        out = ok(needlewise(target, "restore", str(archive), database_url=target_url))
        assert "Restored the backup" in out
        if django_settings.REDIS_URL:  # shared with the restore; locmem is per process
            assert cache.get("person:left-from-before") is None
        before = source / "needlewise.sqlite3" if engine == "sqlite" else source_url
        after = target / "needlewise.sqlite3" if engine == "sqlite" else target_url
        with opened(engine, before) as a, opened(engine, after) as b:
            original, restored = model_rows(a), model_rows(b)
        # A second restore finds the database full and refuses.
        again = needlewise(target, "restore", str(archive), database_url=target_url)
        refused(again, "already")

    assert restored == original
    assert (
        len(original["progress.Photo"]) >= 2 and len(original["treatments.TreatmentSession"]) >= 2
    )
    assert data_files(target) == data_files(source)
    photos = len(original["progress.Photo"])
    assert len(data_files(source)) == 2 + 2 * photos  # the key, the report, each photo and thumb
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in (target / "private").rglob("*.jpg"))
    manifest = manifest_of(archive)
    assert manifest["engine"] == engine and manifest["tables"]["progress_photo"] == photos


# --- A small SQLite installation for the rest


@dataclass
class Small:
    data_dir: Path
    archive: Path


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Small:
    base = tmp_path_factory.mktemp("small")
    data_dir = base / "data"
    write_key(data_dir)
    with opened("sqlite", data_dir / "needlewise.sqlite3") as db:
        db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        db.executemany("INSERT INTO notes (body) VALUES (?)", [(f"note {i}",) for i in range(100)])
    photos = data_dir / "private" / "photos"
    photos.mkdir(parents=True)
    (photos / "a.jpg").write_bytes(secrets.token_bytes(300_000))
    archive = base / "small.tar.gz"
    ok(needlewise(data_dir, "backup", str(archive)))
    return Small(data_dir, archive)


def test_the_archive_starts_with_a_manifest_that_checks_every_member(small):
    with tarfile.open(small.archive) as tar:
        members = tar.getmembers()
        assert members[0].name == "manifest.json"
        manifest = json.load(tar.extractfile(members[0]))
        contents = {m.name: tar.extractfile(m).read() for m in members[1:]}
    assert stat.S_IMODE(small.archive.stat().st_mode) == 0o600
    assert manifest["format_version"] == 1 and manifest["engine"] == "sqlite"
    assert manifest["tables"] == {"notes": 100}
    assert (
        {f["path"] for f in manifest["files"]}
        == set(contents)
        == {
            "database/needlewise.sqlite3",
            "files/secret_key",
            "files/private/photos/a.jpg",
        }
    )
    for entry in manifest["files"]:
        data = contents[entry["path"]]
        assert (len(data), hashlib.sha256(data).hexdigest()) == (entry["size"], entry["sha256"])


def test_backup_refuses_to_overwrite_a_file_unless_forced(small, tmp_path):
    target = tmp_path / "nw.tar.gz"
    target.write_bytes(b"yesterday's backup")

    with pytest.raises(CommandError, match=r"already exists: use --force to replace it"):
        call_command("backup", str(target))
    assert target.read_bytes() == b"yesterday's backup"

    ok(needlewise(small.data_dir, "backup", str(target), "--force", "-v", "0"))
    assert manifest_of(target)["tables"] == {"notes": 100}
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["nw.tar.gz"]  # no temporary file left


def test_restore_refuses_a_data_dir_that_already_holds_files(small, tmp_path):
    target = tmp_path / "target"
    write_key(target)
    (target / "private" / "photos").mkdir(parents=True)
    (target / "private" / "photos" / "mine.jpg").write_bytes(b"someone's photo")
    before = listing(target)

    refused(needlewise(target, "restore", str(small.archive)), "already holds files")
    assert listing(target) == before


def _flip_a_byte(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :]


def _swap_photo_content(data: bytes) -> bytes:
    """A well-formed tar.gz whose photo differs from its manifest's checksum."""
    out = io.BytesIO()
    with (
        tarfile.open(fileobj=io.BytesIO(data)) as src,
        tarfile.open(fileobj=out, mode="w:gz") as dst,
    ):
        for member in src.getmembers():
            content = src.extractfile(member).read()
            if member.name.endswith("a.jpg"):
                content = bytes(len(content))
            dst.addfile(member, io.BytesIO(content))
    return out.getvalue()


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        (_flip_a_byte, "damaged"),
        (lambda data: data[: len(data) // 2], "damaged"),
        (_swap_photo_content, "damaged .*a.jpg does not match its checksum"),
    ],
    ids=["a flipped byte", "truncated", "a file swapped"],
)
def test_damage_anywhere_is_found_by_reading_the_archive_through(small, tmp_path, damage, words):
    broken = tmp_path / "broken.tar.gz"
    broken.write_bytes(damage(small.archive.read_bytes()))
    with pytest.raises(BackupError, match=words):
        unpack(broken, read_manifest(broken), lambda n: None)


def test_a_damaged_archive_is_refused_before_anything_is_written(small, tmp_path):
    broken = tmp_path / "broken.tar.gz"
    broken.write_bytes(_flip_a_byte(small.archive.read_bytes()))
    target = tmp_path / "target"
    write_key(target)  # so that loading the settings does not write one either

    refused(needlewise(target, "restore", str(broken)), "damaged", "nothing restored")
    assert listing(target) == {"secret_key": KEY.encode()}


def test_a_sqlite_backup_is_not_restored_into_postgresql(small, tmp_path):
    # Port 1: the engines are compared before any connection is attempted.
    postgres = "postgres://nobody@127.0.0.1:1/needlewise"
    line = refused(needlewise(tmp_path, "restore", str(small.archive), database_url=postgres))
    assert "holds a SQLite database but this Needlewise is set up for PostgreSQL" in line


def test_a_manifest_cannot_send_a_file_outside_the_data_dir(small):
    body = manifest_of(small.archive)
    for path in ("files/../../etc/cron.d/x", "files/private/../../x", "/etc/passwd", "files/x"):
        body["files"][-1]["path"] = path
        with pytest.raises(BackupError, match="refusing the path"):
            Manifest.from_json(json.dumps(body).encode())


def test_the_postgresql_password_goes_to_the_tools_through_the_environment(monkeypatch):
    calls = []

    def run(command, **kw):
        calls.append((command, kw))
        return subprocess.CompletedProcess(command, 1, "", "pg_restore: error: stop here")

    monkeypatch.setattr(postgres.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(subprocess, "run", run)
    db = postgres.Database.from_settings(
        {"NAME": "nw", "USER": "nw", "PASSWORD": "s3cret!", "HOST": "db.internal", "PORT": 6432,
         "OPTIONS": {"sslmode": "verify-full", "pool": True}}
    )  # fmt: skip
    with pytest.raises(BackupError, match="pg_restore failed: pg_restore: error: stop here"):
        postgres.restore(db, Path("dump"), {})
    [(command, kw)] = calls
    assert not any("s3cret" in part for part in command)
    env = kw["env"]
    assert (env["PGPASSWORD"], env["PGSSLMODE"]) == ("s3cret!", "verify-full")
    assert (env["PGHOST"], env["PGPORT"], env["PGUSER"]) == ("db.internal", "6432", "nw")


# --- Consistency while the app writes


class PairWriter(threading.Thread):
    """Writes rows two at a time, each pair in one transaction with a pause in between, so a
    copy that is not a snapshot would catch an odd count."""

    def __init__(self, connect) -> None:
        super().__init__(daemon=True)
        self.connect, self.pairs, self.stop = connect, 0, threading.Event()

    def run(self) -> None:
        conn = self.connect()
        try:
            while not self.stop.is_set():
                conn.execute("INSERT INTO probe (payload) VALUES ('first of a pair')")
                time.sleep(0.002)
                conn.execute("INSERT INTO probe (payload) VALUES ('second of a pair')")
                conn.commit()
                self.pairs += 1
        finally:
            conn.close()


def _probe(engine: str, where: str | Path) -> None:
    key = "INTEGER PRIMARY KEY" if engine == "sqlite" else "SERIAL PRIMARY KEY"
    with opened(engine, where) as conn:
        if engine == "sqlite":
            conn.execute("PRAGMA journal_mode=WAL")
        conn.execute(f"CREATE TABLE probe (id {key}, payload TEXT)")
        conn.execute("INSERT INTO probe (payload) VALUES ('a'), ('b')")


@contextmanager
def _source_for_writes(engine: str, data_dir: Path) -> Iterator[tuple[str | Path, str | None]]:
    if engine == "sqlite":
        data_dir.mkdir()
        yield data_dir / "needlewise.sqlite3", None
    else:
        with pg_database("writes") as url:
            yield url, url


@pytest.mark.parametrize("engine", ENGINES)
def test_a_backup_taken_while_the_app_writes_is_consistent(engine, tmp_path):
    archive = tmp_path / "nw.tar.gz"
    with _source_for_writes(engine, tmp_path / "source") as (where, url):
        _probe(engine, where)
        writer = PairWriter(lambda: db_connect(engine, where))
        writer.start()
        try:
            while writer.pairs < 5:
                time.sleep(0.01)
            started = writer.pairs
            ok(needlewise(tmp_path / "source", "backup", str(archive), database_url=url))
            assert writer.pairs > started  # it kept writing all along
        finally:
            writer.stop.set()
            writer.join()
    count = manifest_of(archive)["tables"]["probe"]
    assert count % 2 == 0 and count > 2
    assert _rows_in_archive(engine, archive, tmp_path) == count


def _rows_in_archive(engine: str, archive: Path, tmp_path: Path) -> int:
    """The probe rows in the archived database itself, read without restoring it."""
    with tarfile.open(archive) as tar:
        member = next(m for m in tar.getmembers() if m.name.startswith("database/"))
        tar.extract(member, tmp_path / "out", filter="data")
    copy = tmp_path / "out" / member.name
    if engine == "sqlite":
        with opened(engine, copy) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            return conn.execute("SELECT count(*) FROM probe").fetchone()[0]
    script = subprocess.run(
        ["pg_restore", "--data-only", "--table=probe", "--file=-", str(copy)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    data = script.split("COPY public.probe")[1].split("\n\\.\n")[0]
    return len(data.splitlines()) - 1  # the rest of the COPY line
