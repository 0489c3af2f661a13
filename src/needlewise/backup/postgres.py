"""PostgreSQL: `pg_dump --format=custom` in the same snapshot as the row counts, and
`pg_restore` into an empty database. Connection details come from settings.DATABASES and reach
the tools through libpq's environment variables, so the password is never on a command line."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql
from psycopg.conninfo import make_conninfo

from needlewise.backup import BackupError

#: Django OPTIONS that are libpq connection parameters, and the variable each one has.
LIBPQ_ENV = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "sslcrl": "PGSSLCRL",
    "channel_binding": "PGCHANNELBINDING",
    "gssencmode": "PGGSSENCMODE",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "options": "PGOPTIONS",
    "application_name": "PGAPPNAME",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
}
_USER_SCHEMAS = "schemaname NOT IN ('pg_catalog', 'information_schema')"


@dataclass(frozen=True)
class Database:
    """Where the PostgreSQL database is, as settings.DATABASES describes it."""

    name: str
    user: str = ""
    password: str = ""
    host: str = ""
    port: str = ""
    options: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_settings(cls, db: dict[str, Any]) -> Database:
        options = db.get("OPTIONS") or {}
        return cls(
            name=str(db.get("NAME") or ""),
            user=str(db.get("USER") or ""),
            password=str(db.get("PASSWORD") or ""),
            host=str(db.get("HOST") or ""),
            port=str(db.get("PORT") or ""),
            options={k: str(v) for k, v in options.items() if k in LIBPQ_ENV},
        )

    def __str__(self) -> str:
        where = f" on {self.host}{':' + self.port if self.port else ''}" if self.host else ""
        return f"the PostgreSQL database {self.name!r}{where}"

    def params(self) -> dict[str, str]:
        """libpq keywords; empty ones are left to libpq's defaults."""
        given = {"dbname": self.name, "user": self.user, "password": self.password}
        given |= {"host": self.host, "port": self.port, **self.options}
        return {k: v for k, v in given.items() if v}

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        names = {"dbname": "PGDATABASE", "user": "PGUSER", "password": "PGPASSWORD"}
        names |= {"host": "PGHOST", "port": "PGPORT", **LIBPQ_ENV}
        env.update({names[k]: v for k, v in self.params().items()})
        return env

    def connect(self) -> psycopg.Connection[Any]:
        try:
            return psycopg.connect(make_conninfo("", **{"connect_timeout": "10", **self.params()}))
        except psycopg.Error as exc:
            raise BackupError(f"cannot connect to {self}: {first_line(str(exc))}") from None


def dump(db: Database, dest: Path) -> dict[str, int]:
    """Dump the database to `dest`; the row counts are taken in the very snapshot dumped."""
    tool = _tool("pg_dump")
    with db.connect() as conn:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = True
        snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()
        counts = row_counts(conn)
        # The exported snapshot lives as long as this transaction: pg_dump runs inside it.
        assert snapshot is not None
        _run([tool, "--format=custom", "--no-password", f"--snapshot={snapshot[0]}",
              f"--file={dest}"], db)  # fmt: skip
        conn.rollback()
    return counts


def row_counts(conn: psycopg.Connection[Any]) -> dict[str, int]:
    tables = conn.execute(
        f"SELECT schemaname, tablename FROM pg_catalog.pg_tables WHERE {_USER_SCHEMAS}"  # noqa: S608 (constant)
        " ORDER BY 1, 2"
    ).fetchall()
    counts: dict[str, int] = {}
    for schema, table in tables:
        query = sql.SQL("SELECT count(*) FROM {}.{}").format(
            sql.Identifier(schema), sql.Identifier(table)
        )
        row = conn.execute(query).fetchone()
        counts[table if schema == "public" else f"{schema}.{table}"] = row[0] if row else 0
    return counts


def has_tables(db: Database) -> bool:
    with db.connect() as conn:
        row = conn.execute(
            f"SELECT count(*) FROM pg_catalog.pg_tables WHERE {_USER_SCHEMAS}"  # noqa: S608 (constant)
        ).fetchone()
    return bool(row and row[0])


def restore(db: Database, dump_file: Path, expected: dict[str, int]) -> None:
    """Restore a dump into the (empty) database in one transaction, then recount its rows."""
    tool = _tool("pg_restore")
    # One transaction and stop at the first error: a failed restore leaves the database empty.
    _run([tool, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
          "--no-password", f"--dbname={db.name}", str(dump_file)], db)  # fmt: skip
    with db.connect() as conn:
        counts = row_counts(conn)
    if counts != expected:
        raise BackupError(
            f"{db} was restored but does not hold the rows the backup counted; "
            "drop it and restore again"
        )


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is not installed: install the PostgreSQL client tools "
            "(Debian/Ubuntu: apt install postgresql-client)"
        )
    return path


def _run(command: list[str], db: Database) -> None:
    name = Path(command[0]).name
    result = subprocess.run(  # noqa: S603 (a fixed tool, arguments we built)
        command, env=db.env(), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        lines = [line.strip() for line in result.stderr.splitlines() if line.strip()]
        errors = [line for line in lines if "error" in line.lower()]
        detail = (errors or lines or [f"exit status {result.returncode}"])[0]
        raise BackupError(f"{name} failed: {detail}")


def first_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0] if lines else "unknown error"
