"""The explorer's pages render headless under AppTest with the sample street."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app_pages import APP
from streamlit.testing.v1 import AppTest

from lianmeng.texts import say


def test_overview_loads_the_sample_on_first_start_and_shows_counts(data_dir: Path):
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["党建联盟"] == "5"
    assert metrics["体系内组织"] == "48"
    assert metrics["小联动结对"] == "38"
    assert metrics["大联动结对"] == "84"
    assert metrics["联盟层面结对"] == "25"
    assert metrics["街道层面结对"] == "32"
    assert "内置数据库" in at.caption[0].value
    # each alliance's card is one element, a line per fact
    card = next(m.value for m in at.markdown if m.value.startswith("**商区党建联盟**"))
    assert "共治项目：曹安路商圈诚信经营公益服务共同体" in [line.strip() for line in card.splitlines()]
    assert "五个党建联盟" in [s.value for s in at.subheader]
    # "sample loaded" is told to the session that saw it happen, not to every browser after it
    assert [t.value for t in at.toast] == [say("sample_loaded_first_start")]
    again = AppTest.from_file(APP, default_timeout=60).run()
    assert not again.exception and not again.toast


def _meetings_page(data_dir: Path) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("pages/rotating_meetings.py").run()
    assert not at.exception
    return at


def _store(data_dir: Path):
    from graphdb.sqlite_store import SqliteStore

    return SqliteStore(data_dir / "lianmeng.sqlite3")


def test_meetings_page_shows_rotation_attendance_pack_and_calendar(data_dir: Path):
    at = _meetings_page(data_dir)
    # four tabs, the pack and the calendar one click away
    assert [t.label for t in at.tabs] == ["轮值安排", "会议记录", "材料包与日历", "出席情况"]
    assert [s.value for s in at.subheader] == ["记录或修改会议", "全年会议日历"]
    at.selectbox(key="meetings_alliance").set_value("community").run()
    assert not at.exception
    assert [w.value for w in at.warning if w.value != say("auth_off_banner")] == ["连续两次未出席联席会议：东新社区党支部"]
    at.selectbox(key="meetings_pack_quarter").set_value("2026Q2").run()
    preview = "\n".join(m.value for m in at.markdown)
    assert "# 社区党建联盟 2026Q2 联席会议材料包" in preview
    assert "枣阳社区党总支" in preview  # the 2026Q2 chair
    labels = [b.proto.label for b in at.get("download_button")]
    # the alliance's calendar: its 4 joint meetings and the 3 street-wide ones (summit, action days)
    assert labels == ["下载 Word（.docx）", "下载 Markdown（.md）", "下载本联盟日历（社区党建联盟，.ics，7 个会议）",
                      "下载全部联盟日历（.ics，23 个会议）"]


def test_meetings_page_saves_the_rotation_in_one_write(data_dir: Path):
    at = _meetings_page(data_dir)
    at.selectbox(key="meetings_alliance").set_value("campus")
    at.number_input(key="meetings_year").set_value(2027).run()
    store = _store(data_dir)
    before = store.revision()
    at.button[0].click().run()  # 保存轮值安排
    assert not at.exception
    assert store.revision() == before + 1
    slots = {s.quarter: s.chair for s in store.snapshot().rotations}
    assert slots == {"2027Q1": "edu-01", "2027Q2": "edu-03", "2027Q3": "edu-05", "2027Q4": "edu-07"}


def test_meetings_page_records_a_meeting_through_the_form(data_dir: Path):
    at = _meetings_page(data_dir)
    at.selectbox(key="meetings_alliance").set_value("park").run()
    form = list(at.text_area)
    form[0].set_value("园区人才驿站建设\n青年党员发展")
    form[1].set_value("人才驿站六月启用")
    at.text_input[0].set_value("景域集团会议室")
    at.date_input[0].set_value(dt.date(2026, 11, 20))
    next(b for b in at.button if b.label == "保存会议").click().run()
    assert not at.exception, at.exception
    saved = next(m for m in _store(data_dir).snapshot().meetings if m.id == "M-park-2026-11-20")
    assert saved.topics == ("园区人才驿站建设", "青年党员发展") and saved.decisions == ("人才驿站六月启用",)
    assert saved.alliance == "park" and saved.location == "景域集团会议室"
    assert not at.error
