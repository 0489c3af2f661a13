"""Create or drop a throwaway PostgreSQL database for CI (trust auth on 127.0.0.1)."""

from __future__ import annotations

import sys

import psycopg
from psycopg import sql


def main() -> None:
    action, name = sys.argv[1], sys.argv[2]
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        if action == "create":
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        elif action == "drop":
            # pytest-django's test databases too (test_<name>, test_<name>_gw0 under xdist).
            rows = conn.execute(
                "SELECT datname FROM pg_database WHERE datname = %s OR datname LIKE %s",
                (name, f"test_{name}%"),
            ).fetchall()
            for (db,) in rows:
                conn.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(db))
                )
        else:
            raise SystemExit(f"unknown action {action!r}: use create or drop")


if __name__ == "__main__":
    main()
