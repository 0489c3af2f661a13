"""A throwaway deployment for the benchmark: its own PostgreSQL database and data dir, the
`needlewise` command run against it, and `needlewise serve` started and stopped."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg
from psycopg import sql

ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Deployment:
    def __init__(self, name: str, redis_url: str | None) -> None:
        self.name = name
        self.data_dir = Path(tempfile.mkdtemp(prefix=f"{name}-"))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DEBUG")}
        self.env.update(
            DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{name}",
            NEEDLEWISE_DATA_DIR=str(self.data_dir),
            NEEDLEWISE_PUBLIC_URL=self.url,
            NEEDLEWISE_LOG_LEVEL="WARNING",
            EMAIL_URL="console://",
        )
        if redis_url:
            self.env["REDIS_URL"] = redis_url
        self.server: subprocess.Popen[bytes] | None = None

    def create(self) -> None:
        with psycopg.connect(ADMIN, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(self.name)))  # fmt: skip
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.name)))

    def settle(self) -> None:
        """VACUUM ANALYZE after a bulk load, so autovacuum does not start on the new rows in the
        middle of a measurement (it did, and took a core from whichever page was being timed)."""
        with psycopg.connect(self.env["DATABASE_URL"], autocommit=True) as database:
            database.execute("VACUUM (ANALYZE)")

    def drop(self) -> None:
        self.stop()
        with psycopg.connect(ADMIN, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(self.name)))  # fmt: skip
        shutil.rmtree(self.data_dir, ignore_errors=True)

    def manage(self, *args: str, show: bool = False) -> str:
        """Run `needlewise ARGS`; its progress bar (stderr) goes to the terminal when `show`."""
        done = subprocess.run(
            [sys.executable, "-m", "needlewise", *args],
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=None if show else subprocess.PIPE,
            text=True,
        )
        if done.returncode:
            raise RuntimeError(f"needlewise {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
        return done.stdout

    def serve(self, workers: int = 2, **env: str) -> None:
        """`env`: settings for this server only (NEEDLEWISE_PERSON_CACHE_SECONDS="0", say)."""
        self.server = subprocess.Popen(
            [sys.executable, "-m", "needlewise", "serve", "--host", "127.0.0.1",
             "--port", str(self.port), "--workers", str(workers), "--no-worker"],
            env={**self.env, **env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as reply:
                    if reply.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                time.sleep(0.3)
        raise RuntimeError("needlewise serve did not answer /healthz within 120 s")

    def stop(self) -> None:
        if self.server and self.server.poll() is None:
            os.killpg(self.server.pid, signal.SIGTERM)
            try:
                self.server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.server.pid, signal.SIGKILL)
        self.server = None
