"""``lianmeng rotation``, ``pack`` and ``calendar`` as people run them."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import icalendar
from docx import Document

from lianmeng.cli import main


def test_rotation_json_for_a_year(data_dir: Path, capsys):
    assert main(["demo"]) == 0
    capsys.readouterr()
    assert main(["rotation", "--alliance", "校区", "--year", "2027", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["alliance"] == "campus"
    assert [s["chair_name"] for s in result["slots"]] == [
        "XX幼儿园党支部", "XX第一小学党支部", "XX职业技术学校党支部", "XX少年宫党支部"]
    assert {s["source"] for s in result["slots"]} == {"planned"}


def test_rotation_text_for_a_span_shows_held_and_planned(data_dir: Path, capsys, monkeypatch):
    # the sample's 2026Q4 campus meeting is dated 2026-12-16: held once that day has passed
    monkeypatch.setenv("LIANMENG_TODAY", "2026-12-20")
    main(["demo"])
    capsys.readouterr()
    assert main(["rotation", "--alliance", "campus", "--span", "2026Q4..2027Q1"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "校区党建联盟", "2026Q4  XX中学党支部  已召开", "2027Q1  XX幼儿园党支部  按轮值计划"]


def test_a_meeting_dated_after_today_is_planned_on_the_command_line(data_dir: Path, tmp_path: Path, capsys,
                                                                      monkeypatch):
    """On 2026-11-30 the 2026Q4 meeting (recorded for 2026-12-16) is 计划, never 已召开."""
    monkeypatch.setenv("LIANMENG_TODAY", "2026-11-30")
    main(["demo"])
    capsys.readouterr()
    assert main(["rotation", "--alliance", "campus", "--span", "2026Q3..2026Q4"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "校区党建联盟", "2026Q3  XX社区学校党支部  已召开", "2026Q4  XX中学党支部  计划（已排期）"]
    assert main(["rotation", "--alliance", "campus", "--span", "2026Q4..2026Q4", "--json"]) == 0
    assert [s["source"] for s in json.loads(capsys.readouterr().out)["slots"]] == ["scheduled"]
    assert main(["pack", "--alliance", "campus", "--quarter", "2026Q4", "-o", str(tmp_path / "p.md")]) == 0
    pack = (tmp_path / "p.md").read_text(encoding="utf-8")
    assert "2026-12-16（计划）" in pack and "已召开" not in pack


def test_pack_as_word_and_markdown(data_dir: Path, tmp_path: Path, capsys):
    main(["demo"])
    assert main(["pack", "--alliance", "商区党建联盟", "--quarter", "2026Q2", "-o", str(tmp_path / "p.docx")]) == 0
    document = Document(io.BytesIO((tmp_path / "p.docx").read_bytes()))
    assert document.paragraphs[0].text == "商区党建联盟 2026Q2 联席会议材料包"
    assert main(["pack", "--alliance", "commercial", "--quarter", "2026Q2", "-o", str(tmp_path / "p.md")]) == 0
    assert (tmp_path / "p.md").read_text(encoding="utf-8").startswith("# 商区党建联盟 2026Q2 联席会议材料包")


def test_bad_input_is_refused_with_a_message(data_dir: Path, tmp_path: Path, capsys):
    main(["demo"])
    capsys.readouterr()
    assert main(["pack", "--alliance", "商区", "--quarter", "2026Q2", "-o", str(tmp_path / "p.pdf")]) == 1
    assert ".docx" in capsys.readouterr().err and not (tmp_path / "p.pdf").exists()
    assert main(["pack", "--alliance", "商区", "--quarter", "2026-2", "-o", str(tmp_path / "p.md")]) == 1
    assert "2026Q1" in capsys.readouterr().err
    assert main(["rotation", "--alliance", "大区", "--year", "2027"]) == 1
    assert "找不到联盟" in capsys.readouterr().err
    assert main(["calendar", "--year", "2027", "-o", str(tmp_path / "missing" / "c.ics")]) == 4
    assert "无法写入" in capsys.readouterr().err


def test_calendar_file(data_dir: Path, tmp_path: Path, capsys):
    main(["demo"])
    assert main(["calendar", "--year", "2027", "-o", str(tmp_path / "c.ics")]) == 0
    assert "20 个会议" in capsys.readouterr().out
    calendar = icalendar.Calendar.from_ical((tmp_path / "c.ics").read_bytes())
    assert len(list(calendar.walk("VEVENT"))) == 20


def test_calendar_for_one_alliance_with_reminders(data_dir: Path, tmp_path: Path, capsys, monkeypatch):
    main(["demo"])
    monkeypatch.setenv("LIANMENG_CALENDAR_REMINDER_MINUTES", "90")
    assert main(["calendar", "--year", "2027", "--alliance", "校区", "-o", str(tmp_path / "c.ics")]) == 0
    assert "4 个会议" in capsys.readouterr().out
    calendar = icalendar.Calendar.from_ical((tmp_path / "c.ics").read_bytes())
    assert str(calendar["X-WR-CALNAME"]) == "校区党建联盟·会议日历"
    found = list(calendar.walk("VEVENT"))
    assert all("校区党建联盟" in str(e["SUMMARY"]) for e in found)
    assert [a.decoded("TRIGGER") for e in found for a in e.walk("VALARM")] == [-dt.timedelta(minutes=90)] * 4
    assert main(["calendar", "--year", "2027", "--alliance", "月球", "-o", str(tmp_path / "x.ics")]) == 1
    assert "月球" in capsys.readouterr().err and not (tmp_path / "x.ics").exists()
