"""Issue 17 in real Chromium: a need published, claimed, paired, fulfilled and closed; a
problem taken from 受理 to 销号 with its on-time verdict; a survey sheet imported and the
ranking shown. ``lianmeng serve`` on the sample street, LIANMENG_TODAY = 2026-11-20.
Screenshots go to tests/artifacts/ (issue17-*.png)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from chromium import CHROMIUM_ARGS, is_local
from live_server import live_explorer

from graphdb.sqlite_store import SqliteStore
from lianmeng.sample import sample_street
from lianmeng.sample_mechanisms import SAMPLE_TODAY

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"




@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    data = tmp_path_factory.mktemp("browser17")
    with SqliteStore(data / "lianmeng.sqlite3") as store:
        store.replace_all(sample_street())
    with live_explorer(data, {"LIANMENG_TODAY": SAMPLE_TODAY.isoformat()}) as url:
        yield url, data


def _choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the Streamlit selectbox labelled ``label`` (type, then click it)."""
    box = page.get_by_label(label, exact=True)
    box.click()
    page.keyboard.type(option)
    page.get_by_role("option").filter(has_text=option).first.wait_for(timeout=10_000)
    page.keyboard.press("Enter")


def _idle(page) -> None:
    """Wait until the app has finished its run (Streamlit's running indicator is gone)."""
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=60_000)


def _success(page, text: str) -> str:
    alert = page.locator("[data-testid=stAlertContentSuccess]").filter(has_text=text).first
    alert.wait_for(timeout=30_000)
    _idle(page)
    return alert.inner_text()


def test_needs_problems_and_survey_in_chromium(chromium: str, served: tuple[str, Path], tmp_path: Path):
    from playwright.sync_api import sync_playwright

    url, data = served
    requests: list[str] = []
    survey = tmp_path / "先锋指数答卷.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "先锋指数"
    sheet.append(["测评期", "组织", "答卷人", "服务群众", "作用发挥", "作风形象", "联动共建"])
    for k in range(30):
        sheet.append(["2026", "铜川社区党总支", f"新居民{k}", 5, 5, 5, 5])
    book.save(survey)
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=chromium, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 1600}, locale="zh-CN")
        page = context.new_page()
        context.on("request", lambda request: requests.append(request.url))
        try:
            # --- a need: published, claimed, a pairing from the claim, fulfilled, closed ---
            page.goto(f"{url}/needs")
            page.get_by_role("tab", name="发布").click()
            _choose(page, "单位", "铜川社区党总支")
            page.get_by_label("标题", exact=True).fill("寒假学生托管场地")
            page.get_by_label("类别", exact=True).fill("场地")
            page.get_by_role("button", name="发布").click()
            _success(page, "已发布“寒假学生托管场地”")
            page.get_by_role("tab", name="认领与办结").click()
            _choose(page, "供需项目", "寒假学生托管场地")
            _choose(page, "认领单位", "XX幼儿园党支部")
            page.get_by_role("button", name="提交").click()
            _success(page, "已由“XX幼儿园党支部”认领")
            page.get_by_role("tab", name="认领结对").click()
            button = page.get_by_role("button", name="建立结对")
            card = page.locator("div").filter(has_text="铜川社区党总支").filter(
                has_text="XX幼儿园党支部").filter(has=button).last
            card.get_by_role("button", name="建立结对").click()
            created = _success(page, "已根据认领建立结对")
            page.screenshot(path=str(ARTIFACTS / "issue17-needs-pairing.png"), full_page=True)
            for action, done in (("完成", "已完成"), ("关闭", "已关闭")):
                page.get_by_role("tab", name="认领与办结").click()
                _choose(page, "供需项目", "寒假学生托管场地")
                page.get_by_text(action, exact=True).click()
                page.get_by_role("button", name="提交").click()
                _success(page, f"“寒假学生托管场地”{done}")
            page.get_by_role("tab", name="看板").click()
            page.screenshot(path=str(ARTIFACTS / "issue17-needs-board.png"), full_page=True)

            # --- a problem from 受理 to 销号 --------------------------------------------------
            page.goto(f"{url}/problems")
            page.get_by_role("heading", name="逾期诉求").first.wait_for(timeout=60_000)
            _choose(page, "单位", "铜川社区党总支")
            page.get_by_label("诉求内容", exact=True).fill("小区路灯不亮")
            page.get_by_role("button", name="受理新诉求").click()
            _success(page, "已受理诉求 Q-20261120-001")
            verdicts = []
            for step in ("初步答复", "明确答复", "已解决", "销号"):
                page.goto(f"{url}/problems")  # a fresh page: the forms' lists as the store holds them
                page.get_by_role("heading", name="逾期诉求").first.wait_for(timeout=60_000)
                _idle(page)
                _choose(page, "诉求编号", "Q-20261120-001")
                _choose(page, "步骤", step)
                page.get_by_role("button", name="办理").click()
                verdicts.append(_success(page, f"已进入“{step}”"))
            page.screenshot(path=str(ARTIFACTS / "issue17-problem-closed.png"), full_page=True)

            # --- a survey sheet imported, the ranking shown -----------------------------------
            page.goto(f"{url}/pioneer")
            page.get_by_role("heading", name="先锋指数").first.wait_for(timeout=60_000)
            page.locator("input[type=file]").set_input_files(str(survey))
            page.get_by_role("button", name="提交").click()
            _success(page, "已导入先锋指数答卷 30 份")
            _choose(page, "联盟", "社区党建联盟")
            # the grid's first row: 30 top scores (38 responses in all) lift it to first in its alliance
            page.wait_for_function("""() => [...document.querySelectorAll('[data-testid=glide-cell-5-0]')]
                                         .some(td => td.textContent === '38')""", timeout=60_000)
            _idle(page)
            top = page.evaluate("""() => [...document.querySelectorAll('[data-testid=glide-cell-5-0]')]
                                   .filter(td => td.textContent === '38')
                                   .map(td => td.closest('table').querySelector('[data-testid=glide-cell-2-0]').textContent)[0]""")
            page.screenshot(path=str(ARTIFACTS / "issue17-pioneer-ranking.png"), full_page=True)
        except Exception:
            page.screenshot(path=str(ARTIFACTS / "issue17-failed.png"), full_page=True)
            raise
        finally:
            context.close()

    assert top == "铜川社区党总支"
    assert "大联动·跨联盟" in created
    assert all("结论：按时" in v for v in verdicts), verdicts
    with SqliteStore(data / "lianmeng.sqlite3") as store:
        dataset = store.snapshot()
        need = next(i for i in dataset.supply_demand if i.title == "寒假学生托管场地")
        assert (need.claimed_on, need.fulfilled_on, need.closed_on) == (SAMPLE_TODAY,) * 3
        problem = next(p for p in dataset.resident_problems if p.id == "Q-20261120-001")
        assert problem.status.value == "closed"
        assert sum(r.organisation == "com-01" or r.respondent.startswith("新居民") for r in dataset.pioneer_responses) >= 30
        actions = [e.action for e in store.audit_entries(limit=12)]
    assert {"publish_need", "claim_need", "pair_from_claim", "fulfil_need", "close_need", "receive_problem",
            "advance_problem", "import"} <= set(actions)
    assert [u for u in requests if not is_local(u)] == []
