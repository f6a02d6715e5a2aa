"""Stopping ``lianmeng serve`` stops the explorer's server it started: a service manager or
an administrator signals the one process they know, and the port must be free after."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from live_server import _ready, free_port


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP])
def test_a_stop_sent_to_serve_alone_stops_its_server_too(tmp_path: Path, stop: signal.Signals):
    port = free_port()
    env = {**os.environ, "LIANMENG_DATA_DIR": str(tmp_path / "data"), "LIANMENG_STORE": "embedded"}
    command = [str(Path(sys.executable).with_name("lianmeng")), "serve", "--host", "127.0.0.1", "--port", str(port)]
    with open(tmp_path / "serve.log", "wb") as log:
        serve = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        while not _ready(port):
            assert serve.poll() is None and time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
            time.sleep(0.3)  # polling a starting server, not waiting for an outcome
        serve.send_signal(stop)  # to `lianmeng serve` only, not to its process group
        serve.wait(timeout=30)
        deadline = time.monotonic() + 30
        while _group_alive(serve.pid):  # the server child, if it outlived its parent
            assert time.monotonic() < deadline, "the explorer's server kept running after serve stopped"
            time.sleep(0.2)  # polling a stopping process
        assert not _ready(port)
    finally:
        if _group_alive(serve.pid):
            os.killpg(serve.pid, signal.SIGKILL)


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True
