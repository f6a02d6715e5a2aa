"""Editing the street in real Chromium (issue 13): a planner adds an organisation, pairs it
with a member of another alliance (the kind 大联动·跨联盟 shown before saving), ends an old
pairing and edits the street's 小联动 target; the overview, coverage and network pages show
each change, and each left one audit entry with before/after. Then two browser sessions edit
the same organisation: the second save is refused with the first editor's name and time,
its typed value still in the form. Screenshots in tests/artifacts/."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from chromium import CHROMIUM_ARGS
from live_server import live_explorer
from test_browser import ARTIFACTS

from graphdb.sqlite_store import SqliteStore
from lianmeng.ops.users import add_user
from lianmeng.records import PairingKind, PairingStatus
from lianmeng.sample import sample_street

pytestmark = pytest.mark.browser
PASSWORD = "pass-word-1"
NEW_ORG = "新华书店党支部"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """``lianmeng serve`` with sign-in on: the sample street and two planners."""
    data = tmp_path_factory.mktemp("browser-edits")
    with SqliteStore(data / "lianmeng.sqlite3") as store:
        store.replace_all(sample_street())
        add_user(store, "李规划", "planner", PASSWORD)
        add_user(store, "王规划", "planner", PASSWORD)
    with live_explorer(data, {"LIANMENG_AUTH": "on"}) as url:
        yield url, data


def _sign_in(context, url: str, name: str):
    page = context.new_page()
    page.set_default_timeout(90_000)
    page.goto(url)
    page.get_by_label("用户名").fill(name)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("link", name="组织", exact=True).wait_for()
    return page


def _panel(page):
    """The visible tab panel of the edit forms."""
    return page.locator('[role="tabpanel"]:visible')


def _choose(page, label: str, option: str, scope=None) -> None:
    """Pick ``option`` in the Streamlit selectbox labelled ``label`` (type to filter, click)."""
    box = (scope or page).get_by_label(label, exact=True)
    box.click()
    box.fill(option)
    page.get_by_role("option", name=option, exact=True).first.click()


def _open_org(page, name: str) -> None:
    page.get_by_role("link", name="组织", exact=True).click()
    page.get_by_text("查看组织详情").wait_for()
    _choose(page, "查看组织详情", name)
    page.get_by_role("heading", name=name).wait_for()


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def test_a_planner_edits_the_street_and_every_page_follows(chromium: str, served, tmp_path: Path):
    from playwright.sync_api import sync_playwright

    url, data = served
    with SqliteStore(data / "lianmeng.sqlite3") as store:
        start = store.revision()
        old = next(p for p in store.snapshot().pairings
                   if p.is_active and p.kind is PairingKind.SMALL and store.snapshot().name_of(p.party_a)
                   == "铜川社区党总支")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1600}, locale="zh-CN")
        page = _sign_in(context, url, "李规划")
        try:
            # 1. add an organisation
            _open_org(page, "铜川社区党总支")
            page.get_by_role("tab", name="新增组织").click()
            _panel(page).get_by_label("名称", exact=True).fill(NEW_ORG)
            _choose(page, "所属联盟", "商区党建联盟", _panel(page))
            _panel(page).get_by_role("button", name="新增组织").click()
            page.get_by_text("已保存").first.wait_for()
            _shot(page, "edit-1-added.png")

            # 2. pair it with a member of another alliance: the kind is shown before saving
            _open_org(page, NEW_ORG)
            page.get_by_role("tab", name="新增结对").click()
            _choose(page, "结对对象（乙方）", "XX幼儿园党支部", _panel(page))
            page.get_by_text("结对类型：大联动·跨联盟").wait_for()
            _shot(page, "edit-2-kind-before-saving.png")
            _panel(page).get_by_role("button", name="保存结对").click()
            page.get_by_text("已保存").first.wait_for()

            # 3. end an old pairing of 铜川社区党总支
            _open_org(page, "铜川社区党总支")
            page.get_by_role("tab", name="修改或结束结对").click()
            names = f"{store_name(data, old.party_a)} — {store_name(data, old.party_b)}（{old.since}）"
            _choose(page, "要结束的结对", names, _panel(page))
            _panel(page).get_by_role("spinbutton", name="year, 结束日期（必填）").click()
            page.keyboard.type((dt.date.today() - dt.timedelta(days=1)).strftime("%Y%m%d"))  # ended yesterday
            page.keyboard.press("Tab")
            _panel(page).get_by_role("button", name="结束结对").click()
            page.get_by_text("已保存").first.wait_for()
            _shot(page, "edit-3-ended.png")

            # 4. the street's 小联动 target, on the overview
            page.get_by_role("link", name="街道概览", exact=True).click()
            page.get_by_text("设定目标").click()
            small = page.get_by_label("小联动", exact=True)
            small.fill("40")
            small.press("Tab")
            page.get_by_role("button", name="保存目标").click()
            page.get_by_text("目标已保存").wait_for()
            _shot(page, "edit-4-overview.png")
            overview = page.locator("section.main, [data-testid='stMain']").first.inner_text()

            page.get_by_role("link", name="覆盖", exact=True).click()
            page.get_by_text("街道数字与目标").click()
            page.get_by_text("尚无小联动").first.wait_for()
            _shot(page, "edit-5-coverage.png")
            coverage = page.locator("[data-testid='stMain']").first.inner_text()

            page.get_by_role("link", name="网络图", exact=True).click()
            caption = page.get_by_text(re.compile(r"^显示 \d+")).first
            caption.wait_for()
            network = caption.inner_text()
            _shot(page, "edit-6-network.png")
        except Exception:
            _shot(page, "edit-failed.png")
            raise
        finally:
            context.close()
            browser.close()

    # overview: 49 members, 37 small linkages against the new target 40
    assert re.search(r"体系内组织\s*49", overview), overview
    assert re.search(r"小联动结对\s*37", overview), overview
    # the network shows the new organisation: 88 parties + 1, 179 active pairings + 1 − 1
    assert re.findall(r"\d+", network)[:2] == ["89", "179"], network
    assert "40" in coverage
    with SqliteStore(data / "lianmeng.sqlite3") as store:
        dataset = store.snapshot()
        org = next(o for o in dataset.organisations if o.name == NEW_ORG)
        assert org.alliance == "commercial"
        new = next(p for p in dataset.pairings if org.id in (p.party_a, p.party_b))
        assert new.kind is PairingKind.CROSS_ALLIANCE
        ended = next(p for p in dataset.pairings if p.id == old.id)
        assert ended.status is PairingStatus.ENDED and ended.until is not None
        assert {t.metric.value: t.value for t in dataset.targets}["small"] == 40
        entries = [e for e in store.audit_entries(actor="李规划") if e.revision > start]
        assert len(entries) == 4 and store.revision() == start + 4  # one entry per save
        for entry in entries:
            assert entry.items and all(i.after is not None for i in entry.items)
        befores = sorted(i.before is None for e in entries for i in e.items)
        assert befores == [False, False, True, True]  # the org and the pairing are new; two changed


def store_name(data: Path, party_id: str) -> str:
    with SqliteStore(data / "lianmeng.sqlite3") as store:
        return store.snapshot().name_of(party_id)


def test_two_sessions_edit_one_organisation_the_second_is_refused(chromium: str, served):
    from playwright.sync_api import sync_playwright

    url, data = served
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        first_ctx = browser.new_context(viewport={"width": 1400, "height": 1600}, locale="zh-CN")
        second_ctx = browser.new_context(viewport={"width": 1400, "height": 1600}, locale="zh-CN")
        first, second = _sign_in(first_ctx, url, "李规划"), _sign_in(second_ctx, url, "王规划")
        try:
            for page in (first, second):
                _open_org(page, "新郁社区党总支")
                page.get_by_role("tab", name="编辑本组织").click()
            _panel(first).get_by_label("电话", exact=True).fill("021-1111")
            _panel(first).get_by_role("button", name="保存组织").click()
            first.get_by_text("已保存").first.wait_for()
            _panel(second).get_by_label("电话", exact=True).fill("021-2222")
            _panel(second).get_by_role("button", name="保存组织").click()
            refusal = second.get_by_text("在您打开之后已被").first
            refusal.wait_for()
            message = refusal.inner_text()
            typed = _panel(second).get_by_label("电话", exact=True).input_value()
            _shot(second, "edit-7-conflict.png")
        except Exception:
            _shot(second, "edit-conflict-failed.png")
            raise
        finally:
            first_ctx.close()
            second_ctx.close()
            browser.close()
    with SqliteStore(data / "lianmeng.sqlite3") as store:
        org = next(o for o in store.snapshot().organisations if o.name == "新郁社区党总支")
        last = store.last_change("organisations", org.id)
    assert org.phone == "021-1111" and last.actor == "李规划"
    assert "李规划" in message and f"{last.at.astimezone():%Y-%m-%d %H:%M}" in message
    assert typed == "021-2222"
