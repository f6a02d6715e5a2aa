"""The product installs with no index from a wheelhouse into a fresh environment outside
the checkout, and that installation serves the explorer (app.py and pages/ travel in the
wheel, vis-network is vendored)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheelhouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``pip wheel`` of the checkout: the lianmeng wheel and every wheel it needs (what
    ``make wheelhouse`` builds)."""
    folder = tmp_path_factory.mktemp("wheelhouse")
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check",
                    "-w", str(folder), str(ROOT)], check=True, env=env, timeout=900)
    return folder


@pytest.fixture(scope="module")
def installed(wheelhouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv, filled from the wheelhouse alone (``--no-index``)."""
    venv = tmp_path_factory.mktemp("venv") / "env"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    "--no-index", "--find-links", str(wheelhouse), "lianmeng"], check=True, timeout=900)
    return venv


def test_the_wheel_carries_the_explorer_and_vis_network(wheelhouse: Path):
    wheel = next(wheelhouse.glob("lianmeng-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    data = next(n.split("/data/")[0] for n in names if "/data/share/lianmeng/app.py" in n)
    pages = {p.name for p in (ROOT / "pages").glob("*.py")}
    assert {f"{data}/data/share/lianmeng/pages/{p}" for p in pages} <= names
    assert "views/vendor/vis-network/vis-network.min.js" in names
    assert "views/vendor/vis-network/LICENSE-MIT" in names
    assert not any(n.startswith(("tests/", "bench/")) for n in names)


def test_pyvis_and_ipython_are_not_needed(wheelhouse: Path):
    wheels = {p.name.split("-")[0].lower() for p in wheelhouse.glob("*.whl")}
    assert "lianmeng" in wheels and "streamlit" in wheels
    assert not wheels & {"pyvis", "ipython", "jsonpickle"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_installed_wheel_serves_the_overview(installed: Path, tmp_path: Path):
    """Outside the checkout (another working directory, no PYTHONPATH): the installed
    command finds its app.py, loads the sample street and renders the overview."""
    python = installed / "bin" / "python"
    env = {"PATH": f"{installed / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path),
           "LIANMENG_DATA_DIR": str(tmp_path / "data")}
    check = ("from lianmeng.web.server import explorer_script; import sys; "
             "from streamlit.testing.v1 import AppTest; "
             "p = explorer_script(); assert 'share' in p.parts, p; "
             "at = AppTest.from_file(str(p), default_timeout=120).run(); "
             "assert not at.exception, [e.message for e in at.exception]; "
             "print(at.title[0].value if at.title else '', [m.label for m in at.metric][:3])")
    rendered = subprocess.run([str(python), "-c", check], cwd=tmp_path, env=env, capture_output=True,
                              text=True, timeout=300)
    assert rendered.returncode == 0, rendered.stderr[-3000:]
    assert "街道概览" in rendered.stdout or "联盟" in rendered.stdout

    port = _free_port()
    server = subprocess.Popen([str(installed / "bin" / "lianmeng"), "serve", "--port", str(port),
                               "--host", "127.0.0.1"], cwd=tmp_path, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=5) as answer:
                    assert answer.read() == b"ok"
                    break
            except OSError:
                assert server.poll() is None, server.stdout.read()
                assert time.monotonic() < deadline, "the installed explorer did not start"
                time.sleep(0.5)  # polling a starting server, not waiting for an outcome
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/overview", timeout=10) as answer:
            assert answer.status == 200 and b"<div id=\"root\"" in answer.read()
    finally:
        server.terminate()
        server.wait(timeout=30)
