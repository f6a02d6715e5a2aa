"""The 供需 / 诉求 / 先锋指数 pages and the overview under AppTest on the sample street,
with LIANMENG_TODAY fixed to the sample's reference day (issue 17)."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_pages import open_page

from graphdb.sqlite_store import SqliteStore
from lianmeng.sample_mechanisms import SAMPLE_TODAY


@pytest.fixture
def sample_day(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("LIANMENG_TODAY", SAMPLE_TODAY.isoformat())
    return data_dir


def test_overview_shows_overdue_problems_and_open_needs(sample_day: Path):
    at = open_page("pages/overview.py")
    text = "\n".join(m.value for m in at.markdown)
    assert "逾期诉求 **3** · 今日到期诉求 **0** · 待认领需求 **2**" in text
    for pid, received in (("Q-S132", "2026-10-12"), ("Q-S138", "2026-10-26"), ("Q-S144", "2026-11-09")):
        assert f"Q\\-S{pid[3:]}" in text and f"受理日期 {received}" in text  # ids are escaped Markdown


def test_problems_page_lists_overdue_and_moves_a_problem(sample_day: Path):
    at = open_page("pages/problems.py")
    assert {m.label: m.value for m in at.metric}["逾期诉求"] == "3"
    overdue = at.dataframe[0].value
    assert list(overdue["编号"]) == ["Q-S132", "Q-S138", "Q-S144"]
    assert "诉求内容" in overdue.columns  # the local explorer's person is an admin: the text is shown
    at.selectbox(key="problems_pick").set_value("Q-S144")
    at.selectbox(key="problems_step").set_value("clear_answer")
    at.button[1].click().run()  # the 办理 form's submit
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "明确答复" in at.success[0].value and "超时" in at.success[0].value
    with SqliteStore(sample_day / "lianmeng.sqlite3") as store:
        moved = next(p for p in store.snapshot().resident_problems if p.id == "Q-S144")
        assert moved.clear_answer_on == SAMPLE_TODAY


def test_needs_page_shows_matches_and_claims(sample_day: Path):
    at = open_page("pages/needs.py")
    assert not at.exception
    text = "\n".join(m.value for m in at.markdown)
    assert "**" in text  # the open needs' cards
    reasons = [df.value for df in at.dataframe if "理由" in df.value.columns]
    assert reasons and any("类别相同" in r or "尚未结对" in r for df in reasons for r in df["理由"])


def test_pioneer_page_ranks_and_alerts(sample_day: Path):
    at = open_page("pages/pioneer.py")
    table = at.dataframe[0].value
    assert {"联盟内名次", "先锋指数", "95% 置信区间", "答卷数", "同比"} <= set(table.columns)
    assert set(table["答卷数"]) == {8}
    assert at.warning and "低于预警线" in at.warning[0].value


def test_needs_page_offers_the_notice_and_the_claim_form(sample_day: Path):
    at = open_page("pages/needs.py")
    at.selectbox(key="needs_letter_item").set_value("N-S001").run()
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["下载告知书（Word）", "下载认领书（Word）"]
