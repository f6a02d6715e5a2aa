"""The real browser: ``lianmeng serve`` + headless Chromium, offline, network page drawn.

Runs when Debian's Chromium is installed; otherwise it is skipped with a message saying how
to install it — except under CI (``CI=true``), where a missing Chromium is a failure.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from chromium import CHROMIUM_ARGS, chromium_path, is_local

from graphdb.sqlite_store import SqliteStore
from lianmeng.records import Organisation, Pairing, PairingKind, Scope
from lianmeng.sample import sample_street

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def chromium() -> str:
    path = chromium_path()
    if path is None:
        message = "浏览器测试需要 Chromium：apt-get install -y chromium（.ci/run 会自动安装）/ Chromium missing"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``lianmeng serve`` on a free port, its data directory holding the sample street plus
    a regional unit with a hostile name, paired with a member."""
    data = tmp_path_factory.mktemp("browser-data")
    sample = sample_street()
    with SqliteStore(data / "lianmeng.sqlite3") as store:
        store.replace_all(sample)
        member = sample.organisations[0]
        store.upsert([
            Organisation(id="xss", name=XSS, scope=Scope.REGIONAL, unit=XSS, brands=(XSS,)),
            Pairing(party_a=member.id, party_b="xss", kind=PairingKind.REGIONAL, content=XSS,
                    since=sample.pairings[0].since),
        ])
    port = _free_port()
    env = {**os.environ, "LIANMENG_DATA_DIR": str(data), "LIANMENG_STORE": "embedded"}
    lianmeng = Path(sys.executable).with_name("lianmeng")
    log = open(data / "serve.log", "wb")  # noqa: SIM115 - closed below
    # its own process group: `lianmeng serve` starts streamlit as a child, and both must go
    process = subprocess.Popen([str(lianmeng), "serve", "--host", "127.0.0.1", "--port", str(port)],
                               env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((data / "serve.log").read_text(errors="replace"))
            time.sleep(0.3)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        log.close()


def _graph_frame(page, timeout: float = 60.0):
    """The iframe whose vis network has been drawn."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                if frame.evaluate("() => Boolean(window.lianmengReady)"):
                    return frame
            except Exception:  # a frame navigating away; look again
                continue
        page.wait_for_timeout(200)
    raise AssertionError("the network view was not drawn within 60 s")


def test_network_page_draws_offline_in_chromium(chromium: str, server: str, tmp_path: Path):
    from playwright.sync_api import sync_playwright

    requests: list[str] = []
    dialogs: list[str] = []
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=chromium, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 1500}, locale="zh-CN")
        try:
            context.on("request", lambda request: requests.append(request.url))
            page = context.new_page()
            page.on("websocket", lambda ws: requests.append(ws.url))
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            # the FIRST visit to this fresh server goes straight to a bookmarked sub-page:
            # it must still run app.py (Chinese navigation, wide layout, sign-in gate) —
            # see lianmeng/web/server.py (PagesManager flag)
            page.goto(f"{server}/network")
            ARTIFACTS.mkdir(exist_ok=True)
            try:
                page.get_by_role("link", name="街道概览", exact=True).wait_for(timeout=60_000)
                assert page.get_by_text("explorer data").count() == 0, "legacy pages/ navigation shown"
                _graph_frame(page)
                page.wait_for_timeout(500)
                frame = _graph_frame(page)
            except Exception:
                page.screenshot(path=str(ARTIFACTS / "network-page-failed.png"), full_page=True)
                raise
            drawn = frame.evaluate("""() => {
                const network = window.lianmengNetwork;
                const canvas = document.querySelector('#lm-graph canvas');
                const ctx = canvas.getContext('2d');
                const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
                let coloured = 0;
                for (let i = 0; i < pixels.length; i += 4) {
                  const [r, g, b, a] = [pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]];
                  if (a > 0 && Math.abs(r - g) + Math.abs(g - b) > 60) coloured++;
                }
                return {
                  nodes: network.body.data.nodes.length,
                  edges: network.body.data.edges.length,
                  onCanvas: Object.keys(network.body.nodes).length,
                  coloured: coloured,
                  legend: document.getElementById('lm-legend').innerText,
                  images: document.querySelectorAll('img').length,
                  hostileLabel: network.body.data.nodes.get('xss').label,
                  layoutWide: window.parent.document.querySelector('iframe').getBoundingClientRect().width,
                };
            }""")
            # hover the hostile unit: its tooltip must show the name as text
            spot = frame.evaluate("""() => {
                const network = window.lianmengNetwork;
                return network.canvasToDOM(network.getPosition('xss'));
            }""")
            box = page.locator("iframe").first.bounding_box()
            page.mouse.move(box["x"] + spot["x"], box["y"] + spot["y"])
            frame.wait_for_selector("div.vis-tooltip", state="visible", timeout=10_000)
            tooltip = frame.evaluate("""() => {
                const tip = document.querySelector('div.vis-tooltip');
                return {text: tip.innerText, elements: tip.querySelectorAll('img').length};
            }""")
            page.screenshot(path=str(ARTIFACTS / "network-page.png"), full_page=True)
            page.locator("iframe").first.screenshot(path=str(ARTIFACTS / "network-view.png"))
            main_images = page.evaluate("() => [...document.querySelectorAll('img')].map(i => i.getAttribute('src'))")
        finally:
            context.close()

    # the sample street + the hostile unit: 5 alliances, 82 + 1 organisations, the committee
    assert drawn["nodes"] == 5 + 48 + 20 + 14 + 1 + 1
    assert drawn["layoutWide"] > 800, "the app's page config (wide layout) is applied"
    assert drawn["onCanvas"] == drawn["nodes"]
    assert drawn["edges"] > 150
    assert drawn["coloured"] > 2_000, "the canvas shows no coloured nodes"
    for heading in ("党建联盟", "结对类型", "小联动", "行政区党建联盟"):
        assert heading in drawn["legend"]
    # the hostile name is a label (text on the canvas), never an element, never run
    assert drawn["hostileLabel"] == XSS
    assert drawn["images"] == 0
    assert tooltip["text"].splitlines()[:2] == [XSS, f"单位：{XSS}"]
    assert tooltip["elements"] == 0
    assert "x" not in main_images
    assert dialogs == []
    outside = sorted({url for url in requests if not is_local(url)})
    assert outside == [], f"requests left localhost: {outside}"
    assert any(url.startswith(server) for url in requests)
