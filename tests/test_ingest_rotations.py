"""The 轮值安排 and 轮值排除 sheets: each error class from a small file in tests/data/invalid/,
the forms of quarters and yes/no cells offices type, ids, and export → re-import.

Each invalid file gives exit status 1, exactly the listed (sheet, row, column) errors, and
leaves the store as it was (same revision, figures, records and file bytes).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from store_state import store_state

from graphdb.sqlite_store import SqliteStore
from ingest.template import write_workbook
from lianmeng.cli import main
from lianmeng.dataset import TABLES, Dataset
from lianmeng.ops.imports import plan_files
from lianmeng.records import RotationExclusion, RotationSlot
from lianmeng.sample import sample_street

DATA = Path(__file__).parent / "data" / "invalid"

CASES = {
    "rotation_chair_not_member": [("轮值安排", 2, "轮值主席"), ("轮值安排", 4, "轮值主席")],
    "rotation_bad_quarter": [("轮值安排", 2, "季度"), ("轮值安排", 4, "季度"), ("轮值安排", 5, "锁定")],
    "rotation_duplicate_slot": [("轮值安排", 3, "季度"), ("轮值安排", 5, "季度")],
    "exclusion_reason_missing": [("轮值排除", 2, "原因")],
    "exclusion_until_before_since": [("轮值排除", 2, "结束季度")],
    "exclusion_not_member": [("轮值排除", 2, "组织"), ("轮值排除", 4, "组织")],
}

CODES = {
    "rotation_chair_not_member": ["chair_not_member", "chair_not_member"],
    "rotation_bad_quarter": ["bad_value", "bad_value", "bad_value"],
    # the same slot twice: blank ids in the file, then two explicit ids (the dataset's rule)
    "rotation_duplicate_slot": ["duplicate_slot", "duplicate_slot"],
    "exclusion_reason_missing": ["reason_missing"],
    "exclusion_until_before_since": ["until_before_since"],
    "exclusion_not_member": ["excluded_not_member", "duplicate_row"],
}


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("case", sorted(CASES))
def test_invalid_rotation_file_exits_1_lists_every_error_and_writes_nothing(case: str, sample_dir: Path, capsys):
    before = store_state(sample_dir)
    capsys.readouterr()
    assert main(["import", str(DATA / case), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False
    assert [(e["sheet"], e["row"], e["column"]) for e in report["errors"]] == CASES[case]
    assert report["changes"] == {}
    assert store_state(sample_dir) == before


@pytest.mark.parametrize("case", sorted(CODES))
def test_each_rotation_error_has_its_own_code(case: str, sample_dir: Path):
    with SqliteStore(sample_dir / "lianmeng.sqlite3") as store:
        plan = plan_files(store, [DATA / case])
    assert [e.code for e in plan.errors] == CODES[case]


def test_rotation_messages_name_the_value_and_say_what_to_do(sample_dir: Path, capsys):
    capsys.readouterr()
    main(["import", str(DATA / "rotation_chair_not_member"), str(DATA / "rotation_bad_quarter"),
          str(DATA / "exclusion_reason_missing"), str(DATA / "exclusion_until_before_since"), "--json"])
    errors = json.loads(capsys.readouterr().out)["errors"]
    by_place = {(e["sheet"], e["row"], e["column"]): e for e in errors}
    chair = by_place[("轮值安排", 2, "轮值主席")]
    assert chair["value"] == "街道机关党总支"
    assert chair["message"] == "轮值主席“街道机关党总支”不是联盟“社区党建联盟”的成员：请选择该联盟的成员组织。"
    quarter = by_place[("轮值安排", 2, "季度")]
    assert quarter["value"] == "2026Q5" and "2026年第1季度" in quarter["message"]
    assert by_place[("轮值安排", 5, "锁定")]["value"] == "也许"
    assert "请在“原因”列写明" in by_place[("轮值排除", 2, "原因")]["message"]
    until = by_place[("轮值排除", 2, "结束季度")]
    assert until["value"] == "2026Q1" and until["message"].startswith("结束季度 2026Q1 早于起始季度 2026Q3")


def test_missing_chair_column_is_an_error_on_row_1(sample_dir: Path, tmp_path: Path, capsys):
    folder = _write(tmp_path / "f", "轮值安排.csv", "联盟,季度\n社区党建联盟,2026Q1\n")
    capsys.readouterr()
    assert main(["import", str(folder), "--json"]) == 1
    errors = json.loads(capsys.readouterr().out)["errors"]
    assert [(e["sheet"], e["row"], e["column"]) for e in errors] == [("轮值安排", 1, "轮值主席")]


def test_blank_alliance_quarter_and_chair_are_each_reported(sample_dir: Path, tmp_path: Path):
    folder = _write(tmp_path / "f", "轮值安排.csv", "联盟,季度,轮值主席,备注\n,,,待定\n")
    with SqliteStore(sample_dir / "lianmeng.sqlite3") as store:
        plan = plan_files(store, [folder])
    assert [(e.row, e.column, e.code) for e in plan.errors] == [
        (2, "联盟", "blank"), (2, "季度", "blank"), (2, "轮值主席", "blank")]


def test_quarters_yes_no_and_english_headers_are_read_as_offices_type_them(sample_dir: Path, tmp_path: Path):
    folder = _write(tmp_path / "f", "Rotations.csv",
                    "Alliance,QUARTER,Chair,Pinned,Note\n"
                    "社区党建联盟,2026Q1,新郁社区党总支,是,\n"
                    "社区,2026q2,com-02,false,备注\n"
                    "community,2026年第3季度,铜川社区党总支,1,\n"
                    "社区党建联盟,２０２６-Q4,新郁社区党总支,,\n")
    _write(folder, "rotation exclusions.csv",
           "alliance,organisation,reason,since,until\n"
           "校区,XX中学党支部,换届暂停,2026年第1季度,2026-q2\n"
           "校区党建联盟,edu-01,暂不参加,,\n")
    with SqliteStore(sample_dir / "lianmeng.sqlite3") as store:
        plan = plan_files(store, [folder])
    assert plan.ok, plan.errors
    assert plan.warnings == []
    data = plan.validation.dataset
    assert [(r.id, r.quarter, r.chair, r.pinned, r.note) for r in data.rotations] == [
        ("R-community-2026Q1", "2026Q1", "com-01", True, ""),
        ("R-community-2026Q2", "2026Q2", "com-02", False, "备注"),
        ("R-community-2026Q3", "2026Q3", "com-02", True, ""),
        ("R-community-2026Q4", "2026Q4", "com-01", False, ""),
    ]
    assert data.rotation_exclusions == (
        RotationExclusion(id="X-campus-edu-02", alliance="campus", organisation="edu-02", reason="换届暂停",
                          since="2026Q1", until="2026Q2"),
        RotationExclusion(id="X-campus-edu-01", alliance="campus", organisation="edu-01", reason="暂不参加"),
    )
    counts = plan.preview.as_dict()
    assert counts["rotations"] == {"new": 4, "changed": 0, "unchanged": 0, "removed": 0}
    assert counts["rotation_exclusions"] == {"new": 2, "changed": 0, "unchanged": 0, "removed": 0}


def test_reimport_keeps_the_ids_and_a_changed_chair_is_one_change(sample_dir: Path, tmp_path: Path, capsys):
    folder = _write(tmp_path / "f", "轮值安排.csv", "联盟,季度,轮值主席\n社区党建联盟,2026Q1,新郁社区党总支\n")
    assert main(["import", str(folder)]) == 0
    capsys.readouterr()
    assert main(["import", str(folder), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["changes"]["rotations"] == {
        "new": 0, "changed": 0, "unchanged": 1, "removed": 0}
    _write(folder, "轮值安排.csv", "联盟,季度,轮值主席\n社区,2026年第1季度,铜川社区党总支\n")
    assert main(["import", str(folder), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["changes"]["rotations"] == {
        "new": 0, "changed": 1, "unchanged": 0, "removed": 0}
    with SqliteStore(sample_dir / "lianmeng.sqlite3") as store:
        assert store.snapshot().rotations == (
            RotationSlot(id="R-community-2026Q1", alliance="community", quarter="2026Q1", chair="com-02"),)


def test_a_file_slot_clashing_with_a_stored_slot_of_another_id_is_reported(sample_dir: Path, tmp_path: Path):
    folder = _write(tmp_path / "f", "轮值安排.csv", "联盟,季度,轮值主席\n社区党建联盟,2026Q1,新郁社区党总支\n")
    assert main(["import", str(folder)]) == 0
    _write(folder, "轮值安排.csv", "编号,联盟,季度,轮值主席\nother,社区党建联盟,2026Q1,铜川社区党总支\n")
    with SqliteStore(sample_dir / "lianmeng.sqlite3") as store:
        plan = plan_files(store, [folder])
    assert [(e.sheet, e.row, e.column, e.code) for e in plan.errors] == [("轮值安排", 2, "季度", "duplicate_slot")]


def test_exported_workbook_writes_rotations_with_names(tmp_path: Path):
    street = sample_street()
    dataset = Dataset(**{name: street.table(name) for name in TABLES if not name.startswith("rotation")},
                      rotations=[RotationSlot(alliance="community", quarter="2026Q1", chair="com-02", pinned=True,
                                              note="换届后")],
                      rotation_exclusions=[RotationExclusion(alliance="campus", organisation="edu-01", reason="暂停",
                                                             until="2026Q4")])
    write_workbook(tmp_path / "w.xlsx", dataset)
    book = load_workbook(tmp_path / "w.xlsx")
    assert [c.value for c in book["轮值安排"][1]] == ["编号", "联盟", "季度", "轮值主席", "锁定", "备注"]
    assert [c.value for c in book["轮值安排"][2]] == ["R-community-2026Q1", "社区党建联盟", "2026Q1", "铜川社区党总支",
                                                    "是", "换届后"]
    assert [c.value for c in book["轮值排除"][1]] == ["编号", "联盟", "组织", "原因", "起始季度", "结束季度"]
    assert [c.value for c in book["轮值排除"][2]] == ["X-campus-edu-01", "校区党建联盟", "XX幼儿园党支部", "暂停", None,
                                                    "2026Q4"]
    notes = "\n".join(str(row[0].value) for row in book["说明"].iter_rows())
    assert "轮值安排" in notes and "2026年第1季度" in notes and "须写明原因" in notes
