"""The real browser: ``lianmeng serve`` + headless Chromium, offline, network page drawn.

Runs when Debian's Chromium is installed; otherwise it is skipped with a message saying how
to install it — except under CI (``CI=true``), where a missing Chromium is a failure.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from chromium import CHROMIUM_ARGS, is_local, settle
from live_server import live_explorer

from graphdb.sqlite_store import SqliteStore
from lianmeng.records import Organisation, Pairing, PairingKind, Scope
from lianmeng.sample import sample_street

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
XSS = "<img src=x onerror=alert(1)>"
PASSWORD = "pass-word-1"
#: user name → (role, alliance), one per role
USERS = {"查看": ("viewer", None), "主席": ("chair", "commercial"), "规划": ("planner", None),
         "管理": ("admin", None)}
#: pages each role sees, by navigation title in the navigation's order (lianmeng.access.PAGE_ROLE)
READ = ["街道概览", "网络图", "组织", "覆盖", "结构", "会议", "工作台账", "供需", "诉求", "先锋指数"]
PAGES = {"viewer": [*READ, "导出"], "chair": [*READ, "导出"], "planner": [*READ, "导入数据", "导出"],
         "admin": [*READ, "导入数据", "导出", "审计", "用户"]}
#: English that must not reach a reader (Streamlit's own widget words, raw ids)
ENGLISH = ["Upload", "200MB per file", "Drag and drop", "Browse files", "empty", "local:root", "local:",
           "None", "NaN", "Page not found", "Traceback"]





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
    env = {**os.environ, "LIANMENG_DATA_DIR": str(data), "LIANMENG_STORE": "embedded", "LIANMENG_AUTH": "on"}
    lianmeng = Path(sys.executable).with_name("lianmeng")
    # one user per role, made the way an administrator makes them: the command line
    for name, (role, alliance) in USERS.items():
        extra = ["--alliance", alliance] if alliance else []
        subprocess.run([str(lianmeng), "user", "add", name, "--role", role, *extra], env=env, check=True,
                       input=f"{PASSWORD}\n{PASSWORD}\n".encode(), capture_output=True)
    with live_explorer(data, {"LIANMENG_AUTH": "on"}) as url:
        yield url


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
                _sign_in(page, "管理")
                page.get_by_role("link", name="街道概览", exact=True).wait_for(timeout=60_000)
                # sign-in (LIANMENG_AUTH=on) lands on the overview: go on to the network
                page.get_by_role("link", name="网络图", exact=True).click()
                settle(page)
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
                  hostileLabel: window.lianmengNodeNames['xss'],
                  layoutWide: window.parent.document.querySelector('iframe').getBoundingClientRect().width,
                };
            }""")
            # hover the hostile unit: its tooltip must show the name as text
            spot = frame.evaluate("""() => {
                const network = window.lianmengNetwork;
                const p = network.canvasToDOM(network.getPosition('xss'));
                const r = document.getElementById('lm-graph').getBoundingClientRect();
                return {x: p.x + r.left, y: p.y + r.top};
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


def _sign_in(page, name: str) -> None:
    """Fill the sign-in form (the only thing shown before sign-in) and wait for the app."""
    page.get_by_label("用户名").wait_for(timeout=60_000)
    page.get_by_label("用户名").fill(name)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("link", name="街道概览", exact=True).wait_for(timeout=60_000)
    settle(page)


def _whole_page_screenshot(page, path: Path) -> None:
    """The whole page, not just the window: Streamlit scrolls its main block, not the body,
    so the window is made as tall as the content for the picture (then set back)."""
    height = page.evaluate("() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
                           " return m ? m.scrollHeight : document.body.scrollHeight; }")
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], min(int(height), 8000))})
    page.wait_for_timeout(300)
    page.screenshot(path=str(path))
    page.set_viewport_size(size)


_TEXTS_JS = """() => document.body ? document.body.innerText : ''"""


def _english_found(page) -> list[str]:
    """The forbidden English words in any text a reader sees, the network's frame included."""
    found = []
    for frame in page.frames:
        try:
            text = frame.evaluate(_TEXTS_JS)
        except Exception:  # a frame navigating away
            continue
        found += [f"{word!r} in {frame.url[:40]}: …{text[max(0, text.find(word) - 40):text.find(word) + 40]}…"
                  for word in ENGLISH if word in text]
    return found


#: a node of ``ids`` (JSON list) that a click at its centre hits, left of the side panel
_CLICKABLE_JS = """(ids) => {
  const n = window.lianmengNetwork;
  const graph = document.getElementById('lm-graph');
  for (const id of ids) {
    if (!n.body.nodes[id]) continue;
    const p = n.canvasToDOM(n.getPosition(id));
    if (p.x > 0 && p.y > 0 && p.x < graph.clientWidth - 360 && p.y < graph.clientHeight && n.getNodeAt(p) === id) {
      const r = graph.getBoundingClientRect();
      return {id: id, x: p.x + r.left, y: p.y + r.top};
    }
  }
  return null;
}"""


def _click_node(page, frame, ids: list[str]) -> str:
    """Click the first of ``ids`` that a click can hit; returns its id."""
    spot = frame.evaluate(_CLICKABLE_JS, ids)
    where = frame.evaluate("""(ids) => ids.map(id => { const n = window.lianmengNetwork;
        if (!n.body.nodes[id]) return [id, null]; const p = n.canvasToDOM(n.getPosition(id));
        return [id, Math.round(p.x), Math.round(p.y), n.getNodeAt(p)]; })""", ids)
    assert spot is not None, f"none of {ids} can be clicked: {where}"
    page.locator("iframe").first.scroll_into_view_if_needed()
    box = page.locator("iframe").first.bounding_box()
    page.mouse.click(box["x"] + spot["x"], box["y"] + spot["y"])
    return spot["id"]


#: the side panel's links: [text, the form it opens (null: the organisation to read)]
def _network_as(browser, server: str, name: str):
    """A new page signed in as ``name`` on the 网络图 page: the page and its drawn graph frame."""
    page = browser.new_page(viewport={"width": 1440, "height": 900}, locale="zh-CN")
    page.goto(server)
    _sign_in(page, name)
    page.get_by_role("link", name="网络图", exact=True).click()
    settle(page)
    return page, _graph_frame(page)


_PANEL_LINKS_JS = """() => [...document.querySelectorAll('#lm-panel a.lm-open')]
    .map(a => [a.textContent, a.getAttribute('data-form')])"""

_OVERLAPS_JS = """() => {
  const boxes = window.lianmengLabelBoxes || [];
  const bad = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) bad.push([a.text, b.text]);
  }
  const graph = document.getElementById('lm-graph');
  const outside = boxes.filter(b => b.x < 0 || b.y < 0 || b.x + b.w > graph.clientWidth
                                    || b.y + b.h > graph.clientHeight).map(b => b.text);
  const network = window.lianmengNetwork;
  const positions = network.getPositions();
  const cut = Object.keys(positions).filter(id => {
    const p = network.canvasToDOM(positions[id]);
    return p.x < 0 || p.y < 0 || p.x > graph.clientWidth || p.y > graph.clientHeight;
  });
  const visible = Object.keys(positions).length - cut.length;
  return {count: boxes.length, overlaps: bad, outside: outside, cut: cut, visible: visible,
          nodes: network.body.data.nodes.length, texts: boxes.map(b => b.text)};
}"""


def _redrawn_graph(page, condition: str, timeout: float = 60.0):
    """The network frame, once drawn again and ``condition`` (JS on its network) holds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                if frame.evaluate(f"() => Boolean(window.lianmengReady) && ({condition})"):
                    return frame
            except Exception:  # a frame navigating away; look again
                continue
        page.wait_for_timeout(100)
    raise AssertionError(f"the network view was not redrawn ({condition})")


def test_every_role_walks_every_page_in_chinese(chromium: str, server: str, tmp_path: Path):
    """Each role signs in, opens every page it may see (a screenshot of each under
    tests/artifacts/), and finds no English word of Streamlit's own or a raw id anywhere."""
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    problems: dict[str, list[str]] = {}
    seen: dict[str, list[str]] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        try:
            for name, (role, _) in USERS.items():
                context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
                page = context.new_page()
                page.goto(server)
                _sign_in(page, name)
                links = page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()
                # each link's text is its icon's ligature name, then its title
                seen[role] = [t.strip().splitlines()[-1] for t in links]
                for title in PAGES[role]:
                    page.get_by_role("link", name=title, exact=True).click()
                    settle(page)
                    if title == "网络图":
                        _graph_frame(page)
                    _whole_page_screenshot(page, ARTIFACTS / f"{role}-{title}.png")
                    found = _english_found(page)
                    if found:
                        problems[f"{role}/{title}"] = found
                    if title == "会议" and role == "viewer":
                        # a viewer sees no write control, and is told who may
                        assert page.get_by_role("button", name="保存轮值安排").count() == 0
                        assert page.get_by_text("只能查看").count() >= 1
                context.close()
        finally:
            browser.close()
    assert problems == {}
    for role, titles in PAGES.items():
        assert seen[role] == titles, (role, seen[role])


def test_network_labels_never_overlap_and_a_click_opens_the_panel(chromium: str, server: str, tmp_path: Path):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 900}, locale="zh-CN")
            dialogs: list[str] = []
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.goto(server)
            _sign_in(page, "规划")
            page.get_by_role("link", name="网络图", exact=True).click()
            settle(page)
            frame = _graph_frame(page)
            whole = frame.evaluate(_OVERLAPS_JS)
            # zoomed in far enough, every label in view is a candidate: still none overlap
            frame.evaluate("() => window.lianmengNetwork.moveTo({scale: 2.5, animation: false})")
            page.wait_for_timeout(100)
            zoomed = frame.evaluate(_OVERLAPS_JS)
            frame.evaluate("() => window.lianmengNetwork.fit({animation: false})")

            # a click on the hostile unit opens its panel: its name, as text
            spot = frame.evaluate("""() => {
                const n = window.lianmengNetwork; return n.canvasToDOM(n.getPosition('xss')); }""")
            box = page.locator("iframe").first.bounding_box()
            graph = frame.evaluate("() => { const r = document.getElementById('lm-graph').getBoundingClientRect();"
                                   " return {x: r.left, y: r.top}; }")
            page.mouse.click(box["x"] + graph["x"] + spot["x"], box["y"] + graph["y"] + spot["y"])
            frame.wait_for_selector("#lm-panel:not([hidden])", timeout=10_000)
            panel = frame.evaluate("""() => ({
                name: document.querySelector('#lm-panel .lm-name').textContent,
                images: document.querySelectorAll('#lm-panel img').length,
                text: document.getElementById('lm-panel').innerText,
                dimmed: window.lianmengNetwork.body.data.nodes.get('park').color.background })""")
            page.locator("iframe").first.screenshot(path=str(ARTIFACTS / "network-panel.png"))

            # a member's panel: profile, pairings, ranks, recommendations and the 组织 button
            frame.click("#lm-panel-close")
            frame.evaluate("() => window.lianmengNetwork.fit({animation: false})")
            members = [f"biz-{i:02d}" for i in range(1, 11)]
            clicked = _click_node(page, frame, members)
            frame.wait_for_function(f"() => document.body.getAttribute('data-panel') === '{clicked}'",
                                    timeout=10_000)
            member = frame.evaluate("() => document.getElementById('lm-panel').innerText")
            clicked_name = frame.evaluate(f"() => window.lianmengNodeNames['{clicked}']")

            # the street's committee lines are hidden until asked for
            hidden = frame.evaluate("""() => window.lianmengNetwork.body.data.edges.get()
                .filter(e => e.lmStreet).every(e => e.hidden)""")

            # focus one alliance: members large in the middle, nothing cut off, no overlap
            page.locator("[data-testid=stButtonGroup] button", has_text="商区").click()
            settle(page)
            focused_frame = _redrawn_graph(page, f"window.lianmengNetwork.body.data.nodes.length < {whole['nodes']}")
            focused = focused_frame.evaluate(_OVERLAPS_JS)
            page.locator("iframe").first.screenshot(path=str(ARTIFACTS / "network-focus-商区.png"))

            # a planner's panel links to the 组织 page: to read, to edit, to pair
            clicked = _click_node(page, focused_frame, members)
            clicked_name = focused_frame.evaluate(f"() => window.lianmengNodeNames['{clicked}']")
            focused_frame.wait_for_selector("#lm-panel:not([hidden])", timeout=10_000)
            planner_links = focused_frame.evaluate(_PANEL_LINKS_JS)
            page.locator("iframe").first.screenshot(path=str(ARTIFACTS / "network-panel-planner.png"))
            # the edit link opens the organisation's edit form first on the 组织 page, same session
            focused_frame.click("a.lm-open[data-form=edit]")
            page.get_by_role("heading", name=f"修改数据：{clicked_name}").wait_for(timeout=60_000)
            settle(page)
            edit_form = {
                "selected": page.get_by_role("tab", name="编辑本组织").get_attribute("aria-selected"),
                "name": page.locator('[role="tabpanel"]:visible').get_by_label("名称", exact=True).input_value(),
                "picked": page.get_by_role("heading", name=clicked_name, exact=True).count(),
            }
            page.screenshot(path=str(ARTIFACTS / "organisation-from-network.png"))
            signed_in = page.get_by_role("link", name="网络图", exact=True).count()

            # a viewer's panel: the last activity too, a link to read, none to edit or pair
            viewer, viewer_frame = _network_as(browser, server, "查看")
            _click_node(viewer, viewer_frame, members)
            viewer_frame.wait_for_selector("#lm-panel:not([hidden])", timeout=10_000)
            viewer_links = viewer_frame.evaluate(_PANEL_LINKS_JS)
            viewer_text = viewer_frame.evaluate("() => document.getElementById('lm-panel').innerText")
            viewer.locator("iframe").first.screenshot(path=str(ARTIFACTS / "network-panel-viewer.png"))

            # the 商区 chair: edit and pair on a 商区 member's panel, not on another alliance's member
            chair, chair_frame = _network_as(browser, server, "主席")
            _click_node(chair, chair_frame, members)
            chair_frame.wait_for_selector("#lm-panel:not([hidden])", timeout=10_000)
            chair_own_links = chair_frame.evaluate(_PANEL_LINKS_JS)
            chair.locator("iframe").first.screenshot(path=str(ARTIFACTS / "network-panel-chair.png"))
            chair_frame.click("#lm-panel-close")
            # an administrative member in the middle of the window (the panel takes its right side)
            chair_frame.evaluate("""() => { const n = window.lianmengNetwork;
                n.moveTo({position: n.getPosition('adm-01'), scale: 1.5, animation: false}); }""")
            _click_node(chair, chair_frame, [f"adm-{i:02d}" for i in range(1, 11)])
            chair_frame.wait_for_selector("#lm-panel:not([hidden])", timeout=10_000)
            chair_other_links = chair_frame.evaluate(_PANEL_LINKS_JS)
        finally:
            browser.close()

    for view in (whole, zoomed, focused):
        assert view["overlaps"] == [], view["overlaps"]
        assert view["outside"] == []
    assert whole["count"] >= 8 and "行政区党建联盟" in whole["texts"]
    # zoomed in, most names in view are shown (those that would overlap are left out)
    assert zoomed["count"] >= 0.6 * zoomed["visible"], zoomed
    assert focused["cut"] == [], "a node of the focused alliance is cut off at the edge"
    assert focused["count"] >= 10, focused["texts"]
    assert panel["name"] == XSS and panel["images"] == 0 and dialogs == []
    assert panel["dimmed"] == "#e8e8e8", "a node that is no partner of the clicked one is dimmed"
    for heading in ("所属联盟", "商区党建联盟", "结对（", "最近活动：", "中心性排名", "第 ", "推荐结对对象",
                    "在“组织”页查看"):
        assert heading in member, heading
    assert hidden
    assert signed_in == 1
    # each pairing in the panel says when it last saw an activity (a date, or that none is recorded)
    assert all(re.fullmatch(r"最近活动：(\d{4}-\d{2}-\d{2}|暂无记录)(（休眠）)?", line)
               for line in member.splitlines() if line.startswith("最近活动"))
    assert re.search(r"最近活动：\d{4}-\d{2}-\d{2}", member), "the sample's ledger dates some pairings"
    assert planner_links == [["在“组织”页查看", None], ["编辑该组织", "edit"], ["为其新增结对", "pair"]]
    assert edit_form == {"selected": "true", "name": clicked_name, "picked": 1}
    assert viewer_links == [["在“组织”页查看", None]]
    assert chair_own_links == [["在“组织”页查看", None], ["编辑该组织", "edit"], ["为其新增结对", "pair"]]
    assert chair_other_links == [["在“组织”页查看", None]]
    assert "最近活动：" in viewer_text
