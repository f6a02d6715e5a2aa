"""One real ``lianmeng serve`` for the tests that drive it over HTTP or in Chromium.

:func:`live_explorer` starts the command on a free port in its own process group, waits
until it answers (the health endpoint, or — when sign-in is on and the gate answers 401
below the pages — the public sign-in page), yields its URL and stops the whole group.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

__all__ = ["free_port", "live_explorer"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _status(port: int, path: str) -> int | None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        conn.request("GET", path)
        return conn.getresponse().status
    except OSError:
        return None
    finally:
        conn.close()


def _ready(port: int) -> bool:
    health = _status(port, "/_stcore/health")
    return health == 200 or (health == 401 and _status(port, "/signin") == 200)


@contextmanager
def live_explorer(data: Path, env: Mapping[str, str] | None = None, *, timeout: float = 90,
                  port: int | None = None) -> Iterator[str]:
    """``lianmeng serve`` over the data directory ``data`` with ``env`` on top of this
    process's environment; yields ``http://127.0.0.1:PORT``."""
    port = port or free_port()
    full_env = {**os.environ, "LIANMENG_DATA_DIR": str(data), "LIANMENG_STORE": "embedded", **(env or {})}
    command = [str(Path(sys.executable).with_name("lianmeng")), "serve", "--host", "127.0.0.1", "--port", str(port)]
    with open(data / "serve.log", "wb") as log:
        process = subprocess.Popen(command, env=full_env, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)  # serve starts streamlit as a child: stop both
        try:
            deadline = time.monotonic() + timeout
            while not _ready(port):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((data / "serve.log").read_text(errors="replace"))
                time.sleep(0.3)  # polling a starting server, not waiting for an outcome
            yield f"http://127.0.0.1:{port}"
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
