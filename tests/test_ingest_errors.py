"""Every error class of the import, each from a small file in tests/data/invalid/.

Each invalid file gives exit status 1, exactly the listed (sheet, row, column) errors,
and leaves the store as it was: same revision, same figures, same records.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from store_state import store_state

from graphdb.sqlite_store import SqliteStore
from lianmeng.cli import main

DATA = Path(__file__).parent / "data"

CASES = {
    "missing_required": [("组织", 2, "名称"), ("结对", 2, "乙方"), ("结对", 3, "开始日期")],
    "unknown_reference": [("会议", 2, "出席"), ("组织", 2, "所属联盟"), ("结对", 2, "甲方")],
    "duplicate_organisation": [("组织", 3, "名称"), ("组织", 4, "名称")],
    "self_pair": [("结对", 2, "乙方")],
    "reversed_pair": [("结对", 3, "乙方"), ("结对", 4, "乙方")],
    "small_across_alliances": [("结对", 2, "类型")],
    "large_inside_alliance": [("结对", 2, "类型")],
    "until_before_since": [("结对", 2, "结束日期")],
    "chair_not_member": [("会议", 2, "轮值主席")],
    "out_of_range": [("组织", 2, "先锋指数"), ("组织", 3, "党员数"), ("组织", 4, "党员数")],
}

CODES = {
    "duplicate_organisation": ["duplicate_row", "duplicate_name"],
    "reversed_pair": ["duplicate_row", "duplicate_pair"],
    "small_across_alliances": ["small_across_alliances"],
    "large_inside_alliance": ["large_inside_alliance"],
    "self_pair": ["self_pair"],
    "chair_not_member": ["chair_not_member"],
    "out_of_range": ["out_of_range", "out_of_range", "bad_value"],
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_invalid_file_exits_1_lists_every_error_and_writes_nothing(case: str, sample_dir: Path, capsys):
    before = store_state(sample_dir)
    capsys.readouterr()
    assert main(["import", str(DATA / "invalid" / case), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False
    assert [(e["sheet"], e["row"], e["column"]) for e in report["errors"]] == CASES[case]
    assert all(set(e) == {"sheet", "row", "column", "value", "message"} for e in report["errors"])
    assert report["changes"] == {}
    assert store_state(sample_dir) == before


@pytest.mark.parametrize("case", sorted(CODES))
def test_each_error_has_its_own_code(case: str, sample_dir: Path):
    from lianmeng.ops.imports import plan_files

    with SqliteStore(sample_dir / "lianmeng.sqlite3") as store:
        plan = plan_files(store, [DATA / "invalid" / case])
    assert [e.code for e in plan.errors] == CODES[case]


def test_messages_name_the_value_and_say_what_to_do(sample_dir: Path, capsys):
    assert main(["import", str(DATA / "invalid" / "small_across_alliances")]) == 1
    err = capsys.readouterr().err
    assert "结对 第 2 行 “类型”" in err
    assert "“铜川社区党总支”（社区党建联盟）与“街道机关党总支”（行政区党建联盟）不在同一联盟" in err
    assert "请改为“大联动”" in err
    assert main(["import", str(DATA / "invalid" / "out_of_range"), "--json"]) == 1
    errors = json.loads(capsys.readouterr().out)["errors"]
    assert errors[0]["value"] == "120"
    assert errors[0]["message"] == "“先锋指数”的值“120”超出范围：应在 0 到 100 之间。"
    assert errors[2]["message"] == "“党员数”的值“十二”无法识别：请填写整数。"


def test_every_error_of_several_files_is_reported_at_once(sample_dir: Path, capsys):
    paths = [str(DATA / "invalid" / case) for case in ("self_pair", "chair_not_member", "out_of_range")]
    assert main(["import", *paths, "--json"]) == 1
    errors = json.loads(capsys.readouterr().out)["errors"]
    assert [(e["sheet"], e["row"], e["column"]) for e in errors] == [
        ("结对", 2, "乙方"), ("会议", 2, "轮值主席"),
        ("组织", 2, "先锋指数"), ("组织", 3, "党员数"), ("组织", 4, "党员数")]


def test_unknown_sheet_and_header_are_warnings_with_the_closest_name(sample_dir: Path, capsys):
    assert main(["import", str(DATA / "warnings" / "unknown_names"), "--dry-run", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is True and report["errors"] == []
    assert [(w["sheet"], w["row"], w["column"]) for w in report["warnings"]] == [
        ("组织", 1, "先峰指数"), ("结对表", None, "")]
    assert "是否指“先锋指数”？" in report["warnings"][0]["message"]
    assert "是否指“结对”？" in report["warnings"][1]["message"]
    # the organisation was read without the unknown column; the unknown sheet was not read
    assert report["changes"]["organisations"] == {"new": 1, "changed": 0, "unchanged": 0, "removed": 0}
    assert report["changes"]["pairings"] == {"new": 0, "changed": 0, "unchanged": 0, "removed": 0}


def test_missing_required_column_is_an_error_on_row_1(sample_dir: Path, tmp_path: Path, capsys):
    (tmp_path / "结对.csv").write_text("甲方,开始日期\n铜川社区党总支,2024-03-01\n", encoding="utf-8")
    assert main(["import", str(tmp_path / "结对.csv"), "--json"]) == 1
    errors = json.loads(capsys.readouterr().out)["errors"]
    assert [(e["sheet"], e["row"], e["column"]) for e in errors] == [("结对", 1, "乙方")]
    assert "缺少必填列“乙方”" in errors[0]["message"]


def test_a_file_with_no_known_sheet_is_invalid(sample_dir: Path, tmp_path: Path, capsys):
    (tmp_path / "名单.csv").write_text("名称\n甲\n", encoding="utf-8")
    assert main(["import", str(tmp_path / "名单.csv"), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [e["sheet"] for e in report["errors"]] == [""]
    assert "没有可导入的工作表" in report["errors"][0]["message"]


@pytest.mark.parametrize("args", [["/nonexistent/组织.csv"], ["README.md"]])
def test_unreadable_input_exits_2(args: list[str], sample_dir: Path, capsys):
    before = store_state(sample_dir)
    assert main(["import", *args]) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert store_state(sample_dir) == before


def test_damaged_workbook_exits_2(sample_dir: Path, tmp_path: Path, capsys):
    (tmp_path / "坏.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    assert main(["import", str(tmp_path / "坏.xlsx")]) == 2
    assert "无法打开工作簿“坏.xlsx”" in capsys.readouterr().err
