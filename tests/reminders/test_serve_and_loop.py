"""The worker as a process: `needlewise worker --loop` stops cleanly on SIGTERM, and `needlewise
serve` runs one beside gunicorn, forwarding its own SIGTERM to both."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request

from tests.conftest import _free_port


def _env(tmp_path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["NEEDLEWISE_DATA_DIR"] = str(tmp_path / "data")
    return env


def _needlewise(*args: str, env: dict[str, str], **kwargs):
    return subprocess.Popen(
        [sys.executable, "-m", "needlewise", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        **kwargs,
    )


def test_the_loop_stops_cleanly_on_sigterm(tmp_path):
    env = _env(tmp_path)
    subprocess.run(
        [sys.executable, "-m", "needlewise", "migrate", "--no-input", "-v", "0"],
        env=env,
        check=True,
    )
    loop = _needlewise("worker", "--loop", "--interval", "0.2", env=env)
    seen = []
    try:
        for line in loop.stdout:  # wait until it has started, however long that takes
            seen.append(line)
            if "reminder worker started" in line:
                break
    finally:
        loop.send_signal(signal.SIGTERM)
        output = "".join(seen) + loop.communicate(timeout=30)[0]
    assert loop.returncode == 0, output
    assert "reminder worker started" in output
    assert "reminder worker stopped: 0 sent" in output


def _healthz(port: int) -> int:
    for _ in range(150):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
                return int(response.status)
        except OSError:
            time.sleep(0.2)
    return 0


def test_serve_runs_a_worker_and_stops_it_with_itself(tmp_path):
    port = _free_port()
    server = _needlewise(
        "serve", "--port", str(port), "--workers", "1", env=_env(tmp_path), start_new_session=True
    )
    # Whatever happens, nothing outlives the test (the read below would otherwise block).
    watchdog = threading.Timer(90, lambda: os.killpg(server.pid, signal.SIGKILL))
    watchdog.start()
    seen = []
    try:
        for line in server.stdout:  # the worker has started: its SIGTERM handler is in place
            seen.append(line)
            if "reminder worker started" in line:
                break
        assert _healthz(port) == 200
    finally:
        server.send_signal(signal.SIGTERM)  # to serve alone: it must pass it on
        output = "".join(seen) + server.communicate(timeout=60)[0]
        watchdog.cancel()
    assert server.returncode == 0, output
    assert f"running at http://127.0.0.1:{port}/" in output
    assert "reminder worker stopped" in output
