"""The 供需 / 诉求 / 先锋指数 operations and command line on the sample street (issue 17):
the overdue list against a hand-computed one, a need from publication to a pairing, a
problem from 受理 to 销号, survey sheets refused cell by cell or imported whole, roles."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from graphdb.guarded import GuardedStore
from graphdb.sqlite_store import SqliteStore
from lianmeng.access import PermissionDenied, Role, User
from lianmeng.cli import main
from lianmeng.ops import needs, problems
from lianmeng.sample import sample_street
from lianmeng.sample_mechanisms import SAMPLE_TODAY

ON = SAMPLE_TODAY.isoformat()


def _json(capsys) -> object:
    return json.loads(capsys.readouterr().out)


def test_overdue_lists_exactly_the_hand_computed_problems(sample_dir: Path, capsys):
    # by hand on the 2026 calendar, as of Friday 2026-11-20: each got its first reply on the
    # day received and nothing after, so its 3-working-day clear answer is past:
    # Q-S132 received Mon 10-12 → due Thu 10-15; Q-S138 Mon 10-26 → Thu 10-29;
    # Q-S144 Mon 11-09 → Thu 11-12. Every other problem is closed or within its deadlines.
    assert main(["problems", "--overdue", "--json", "--on", ON]) == 0
    rows = _json(capsys)
    assert [r["id"] for r in rows] == ["Q-S132", "Q-S138", "Q-S144"]
    assert rows[0]["deadlines"] == {"first_reply": "2026-10-12", "clear_answer": "2026-10-15",
                                    "solved": "2026-11-02"}
    assert rows[0]["steps"] == {"first_reply": "on_time", "clear_answer": "overdue", "solved": "overdue"}
    assert main(["problems", "--json", "--on", ON]) == 0
    everything = _json(capsys)
    assert len(everything) == 150
    assert sum(r["verdict"] == "late" for r in everything) == 15
    # one received on the make-up Saturday 2026-02-14 is taken in that very day
    s039 = next(r for r in everything if r["id"] == "Q-S039")
    assert s039["received"] == "2026-02-14" and s039["deadlines"]["first_reply"] == "2026-02-14"


def test_on_time_rates_per_alliance(sample_dir: Path, capsys):
    assert main(["problems", "rates", "--by", "alliance", "--json", "--on", ON]) == 0
    rows = _json(capsys)
    assert sum(r["counted"] for r in rows) == 145  # 150 less the 5 still within their deadlines
    assert sum(r["on_time"] for r in rows) == 127


def test_a_need_published_claimed_fulfilled_closed_and_paired(sample_dir: Path, capsys):
    assert main(["needs", "publish", "--org", "铜川社区党总支", "--title", "暑期学生托管场地", "--category", "场地",
                 "--quarter", "2026Q4", "--on", ON, "--json"]) == 0
    item = _json(capsys)
    assert item["status"] == "open" and item["organisation"] == "铜川社区党总支"
    assert main(["needs", "claim", item["id"], "--by", "XX幼儿园党支部", "--on", ON, "--json"]) == 0
    assert _json(capsys)["claimed_by"] == "XX幼儿园党支部"
    assert main(["needs", "fulfil", item["id"], "--on", "2026-11-25", "--note", "已提供教室两间", "--json"]) == 0
    assert main(["needs", "close", item["id"], "--on", "2026-11-26", "--json"]) == 0
    capsys.readouterr()
    assert main(["needs", "claim", item["id"], "--by", "街道机关党总支", "--on", "2026-11-27"]) == 1
    assert "已关闭，不能认领" in capsys.readouterr().err
    assert main(["needs", "pair", item["id"], "--on", "2026-11-27", "--json"]) == 0
    pairing = _json(capsys)
    assert pairing["kind"] == "cross_alliance" and pairing["content"] == "供需认领：暑期学生托管场地"
    assert main(["needs", "pair", item["id"], "--on", "2026-11-28"]) == 1  # now they are paired
    assert main(["needs", "list", "--json", "--on", "2026-11-27"]) == 0
    board = _json(capsys)
    assert item["id"] in [i["id"] for i in board["closed"]]


def test_a_problem_from_received_to_closed(sample_dir: Path, capsys):
    assert main(["problems", "receive", "--org", "铜川社区党总支", "--channel", "council", "--text", "楼道堆物",
                 "--on", "2026-09-30", "--json"]) == 0
    problem = _json(capsys)
    pid = problem["id"]
    assert pid == "Q-20260930-001"
    assert main(["problems", "step", pid, "clear_answer", "--on", "2026-09-30"]) == 1  # first reply first
    for step, day in (("first_reply", "2026-09-30"), ("clear_answer", "2026-10-10"), ("resolved", "2026-10-27"),
                      ("closed", "2026-10-28")):
        assert main(["problems", "step", pid, step, "--on", day]) == 0
    capsys.readouterr()
    assert main(["problems", "--json", "--on", "2026-10-28"]) == 0
    row = next(r for r in _json(capsys) if r["id"] == pid)
    assert row["status"] == "closed" and row["verdict"] == "on_time"  # 10-10 (make-up Saturday) and 10-27 met


def _survey(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "先锋指数"
    sheet.append(["测评期", "组织", "答卷人", "服务群众", "作用发挥", "作风形象", "联动共建"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_survey_sheet_refused_cell_by_cell_then_imported(sample_dir: Path, tmp_path: Path, capsys):
    store = SqliteStore(sample_dir / "lianmeng.sqlite3")
    before = store.revision()
    bad = _survey(tmp_path / "bad.xlsx", [["2026", "铜川社区党总支", "甲", 5, 6, 4, 4],
                                          ["2026", "不存在的支部", "乙", 3, 3, 3, 3],
                                          ["2027", "铜川社区党总支", "丙", 3, 3, 3, 3]])
    assert main(["pioneer", "import", str(bad), "--json"]) == 1
    errors = _json(capsys)["errors"]
    assert [(e["sheet"], e["row"], e["column"], e["value"]) for e in errors] == [
        ("先锋指数", 2, "作用发挥", "6"), ("先锋指数", 3, "组织", "不存在的支部"), ("先锋指数", 4, "测评期", "2027")]
    assert "得分 6 超出测评“2026年度先锋指数测评”的分值范围 1～5" in errors[0]["message"]
    assert store.revision() == before
    good = _survey(tmp_path / "good.xlsx", [["2026", "铜川社区党总支", f"居民{k}", 1, 1, 1, 1] for k in range(40)])
    assert main(["pioneer", "import", str(good), "--json"]) == 0
    assert _json(capsys)["counts"] == {"pioneer_responses": 40}
    assert main(["pioneer", "import", str(good), "--json"]) == 0  # the same file again changes nothing
    capsys.readouterr()
    assert len(store.snapshot().pioneer_responses) == 768 + 40
    assert main(["pioneer", "ranking", "--alliance", "community", "--json"]) == 0
    view = _json(capsys)
    last = view["rows"][-1]
    assert last["name"] == "铜川社区党总支" and last["n"] == 48 and last["alert"]
    assert "铜川社区党总支" in view["alerts"]


def test_roles_viewers_read_chairs_write_their_alliance(tmp_path: Path):
    raw = SqliteStore(tmp_path / "s.sqlite3")
    raw.replace_all(sample_street())
    viewer = GuardedStore(raw, User("看", Role.VIEWER))
    with pytest.raises(PermissionDenied):
        needs.publish(viewer, organisation="铜川社区党总支", title="x", on=SAMPLE_TODAY)
    other_chair = GuardedStore(raw, User("商区主席", Role.CHAIR, alliance="commercial"))
    with pytest.raises(PermissionDenied):
        problems.receive(other_chair, received=SAMPLE_TODAY, organisation="铜川社区党总支")
    chair = GuardedStore(raw, User("社区主席", Role.CHAIR, alliance="community"))
    problem = problems.receive(chair, received=SAMPLE_TODAY, organisation="铜川社区党总支")
    assert raw.last_change("resident_problems", problem.id).actor == "社区主席"
    with pytest.raises(PermissionDenied):  # a pairing is the planners' to create
        needs.pair_from_claim(chair, "N-S001", SAMPLE_TODAY)


def test_needs_and_problems_sheets_refused_with_sheet_row_column(sample_dir: Path, tmp_path: Path, capsys):
    store = SqliteStore(sample_dir / "lianmeng.sqlite3")
    before = store.revision()
    needs_csv = tmp_path / "供需.csv"
    needs_csv.write_text(
        "发布单位,类型,季度,标题,类别,认领单位,认领日期,关闭日期\n"
        "铜川社区党总支,需求,2026年第四季度,周末活动场地,场地,XX幼儿园党支部,2026-11-10,2026-11-12\n"
        "铜川社区党总支,需求,2026Q4,助老志愿者,志愿服务,XX幼儿园党支部,2026-11-15,2026-11-12\n"
        "某某支部,资源,2026Q4,会议室,场地,,,\n", encoding="utf-8")
    problems_csv = tmp_path / "诉求.csv"
    problems_csv.write_text(
        "受理日期,渠道,诉求内容,责任单位,初步答复日期,明确答复日期,解决日期,销号日期\n"
        "2026-10-12,电话,楼道灯坏,铜川社区党总支,2026-10-12,2026-10-13,2026-10-20,2026-10-21\n"
        "2026-10-12,议事会,占道经营,铜川社区党总支,2026-10-12,2026-10-12,2026-10-12,2026-10-09\n",
        encoding="utf-8")
    assert main(["needs", "import", str(needs_csv), str(problems_csv), "--json"]) == 1
    errors = _json(capsys)["errors"]
    assert [(e["sheet"], e["row"], e["column"]) for e in errors] == [
        ("供需", 3, "关闭日期"), ("供需", 4, "发布单位"), ("诉求", 3, "销号日期")]
    assert "已于 2026-11-12 关闭，不能再认领" in errors[0]["message"]
    assert "早于受理日期" in errors[2]["message"]
    assert store.revision() == before
    needs_csv.write_text("发布单位,类型,季度,标题,类别\n铜川社区党总支,资源,2026Q4,会议室,场地\n", encoding="utf-8")
    problems_csv.write_text("受理日期,渠道,诉求内容,责任单位\n2026-11-20,走访,路灯不亮,铜川社区党总支\n",
                            encoding="utf-8")
    assert main(["needs", "import", str(needs_csv), str(problems_csv), "--json"]) == 0
    assert _json(capsys)["counts"] == {"supply_demand": 1, "resident_problems": 1}
    after = store.snapshot()
    assert len(after.supply_demand) == 65 and len(after.resident_problems) == 151
    assert store.audit_entries(limit=1)[0].action == "import"


def test_the_chairs_pack_carries_open_needs_overdue_problems_and_the_ranking(sample_dir: Path, tmp_path: Path):
    out = tmp_path / "pack.md"
    assert main(["pack", "--alliance", "校区", "--quarter", "2026Q4", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    section = text[text.index("## 9. 供需、诉求与先锋指数"):]
    # as of the planned meeting day 2026-12-16: the campus alliance's one overdue problem, no other's
    assert "### 逾期诉求" in section and "| Q-S132 | XX职业技术学校党支部 | 2026-10-12 | 2026-10-15 | 2026-11-02 |" in section
    assert "Q-S138" not in section and "Q-S144" not in section
    assert "| 就业岗位对接（XX实验） | XX实验幼儿园党支部 | 需求 | 2026Q4 |" in section
    assert "### 先锋指数排名 2026年度先锋指数测评" in section
    assert section.count("| 1 |") == 1
    docx = tmp_path / "pack.docx"
    assert main(["pack", "--alliance", "校区", "--quarter", "2026Q4", "-o", str(docx)]) == 0
    from docx import Document

    headings = [p.text for p in Document(str(docx)).paragraphs if p.style.name.startswith("Heading")]
    assert any(h.startswith("九、供需、诉求与先锋指数") for h in headings)


def test_notice_and_claim_letters_from_editable_templates(sample_dir: Path, tmp_path: Path, capsys):
    from docx import Document

    notice = tmp_path / "告知书.docx"
    assert main(["needs", "notice", "N-S001", "-o", str(notice)]) == 0
    text = "\n".join(p.text for p in Document(str(notice)).paragraphs)
    assert "供需项目告知书" in text and "编号：N-S001" in text and "{{" not in text
    claim = tmp_path / "认领书.docx"
    assert main(["needs", "claim-form", "N-S001", "-o", str(claim)]) == 0
    body = "\n".join(p.text for p in Document(str(claim)).paragraphs)
    assert "供需项目认领书" in body and "认领" in body and "{{" not in body
    # an office's own template: its placeholders are filled; an unknown one is refused
    own = Document()
    own.add_paragraph("致{{认领单位}}：感谢认领“{{标题}}”。")
    own.save(tmp_path / "own.docx")
    out = tmp_path / "own-filled.docx"
    assert main(["needs", "claim-form", "N-S001", "-o", str(out), "--template", str(tmp_path / "own.docx")]) == 0
    assert Document(str(out)).paragraphs[0].text.startswith("致") and "{{" not in Document(str(out)).paragraphs[0].text
    bad = Document()
    bad.add_paragraph("{{不存在}}")
    bad.save(tmp_path / "bad.docx")
    capsys.readouterr()
    assert main(["needs", "notice", "N-S001", "-o", str(out), "--template", str(tmp_path / "bad.docx")]) == 1
    assert "不存在" in capsys.readouterr().err
    assert main(["needs", "claim-form", "N-S004", "-o", str(out)]) == 1  # lapsed unclaimed: no 认领书
