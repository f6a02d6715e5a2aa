"""The real browser (issue 16): a planner records an activity on the 工作台账 page; the
overview's figures change at once and the pairing stops being dormant.

``lianmeng serve`` on the sample street + headless Chromium (Debian's, via Playwright's
``executable_path``), no network beyond localhost. Skipped without Chromium (failed under CI).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from chromium import CHROMIUM_ARGS
from live_server import live_explorer

from analysis.coverage import dormant_pairings
from graphdb.sqlite_store import SqliteStore
from lianmeng.sample import sample_street

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
TITLE = "浏览器登记的法律咨询日"




@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    data = tmp_path_factory.mktemp("ledger-browser")
    with SqliteStore(data / "lianmeng.sqlite3") as store:
        store.replace_all(sample_street())
    with live_explorer(data, None) as url:
        yield url, data


def _volunteers(page, year: int) -> int:
    """The overview's 志愿者人次 metric in the section of ``year`` (0 when there is none)."""
    heading = page.get_by_text(f"年度成效（{year} 年", exact=False)
    if heading.count() == 0:
        return 0
    values = page.locator('[data-testid="stMetric"]').filter(has_text="志愿者人次")
    years = sorted({int(t.split("（")[1][:4]) for t in page.get_by_text("年度成效（", exact=False).all_inner_texts()},
                   reverse=True)
    text = values.nth(years.index(year)).locator('[data-testid="stMetricValue"]').inner_text()
    return int(text.replace(",", ""))


def test_a_planner_records_an_activity_in_the_browser(chromium: str, served: tuple[str, Path], tmp_path: Path):
    from playwright.sync_api import sync_playwright

    url, data = served
    today = dt.date.today()
    with SqliteStore(data / "lianmeng.sqlite3") as store:
        dataset = store.snapshot()
    target = dormant_pairings(dataset, today, 6)[0].pairing
    label = f"{dataset.name_of(target.party_a)}—{dataset.name_of(target.party_b)}"
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=chromium, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 1800}, locale="zh-CN")
        page = context.new_page()
        try:
            page.goto(url)  # the overview is the default page: its address is the root
            page.get_by_text("年度成效（", exact=False).first.wait_for(timeout=120_000)
            before = _volunteers(page, today.year)

            page.goto(f"{url}/ledger")
            page.get_by_text("登记活动", exact=True).wait_for(timeout=120_000)
            page.get_by_label("活动名称", exact=True).fill(TITLE)
            page.get_by_label("志愿者人次", exact=True).fill("321")
            pairing_box = page.get_by_label("所属结对", exact=True)  # the selectbox's input
            pairing_box.click()
            pairing_box.fill(label)
            page.get_by_role("option", name=label, exact=True).click()
            page.get_by_role("button", name="保存活动").click()
            page.get_by_text(f"已记录活动“{TITLE}”", exact=False).wait_for(timeout=120_000)

            page.goto(url)  # the overview is the default page: its address is the root
            page.get_by_text("年度成效（", exact=False).first.wait_for(timeout=120_000)
            after = _volunteers(page, today.year)
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "ledger-overview-after.png"), full_page=True)
        except Exception:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "ledger-browser-failed.png"), full_page=True)
            raise
        finally:
            context.close()
    assert after == before + 321
    with SqliteStore(data / "lianmeng.sqlite3") as store:
        dataset = store.snapshot()
    assert [a.pairing for a in dataset.activities if a.title == TITLE] == [target.id]
    assert target.id not in {d.pairing.id for d in dormant_pairings(dataset, today, 6)}
