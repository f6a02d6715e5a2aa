"""Exported → re-imported is exact; re-importing changes nothing; replace, snapshots, restore."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from openpyxl import load_workbook
from strategies import datasets

from graphdb.sqlite_store import SqliteStore
from graphdb.store import GraphStore
from ingest.template import EXAMPLE_ROWS, write_workbook
from lianmeng.cli import main
from lianmeng.dataset import Dataset
from lianmeng.ops.imports import apply_plan, plan_files, plan_snapshot
from lianmeng.records import Organisation, Scope
from lianmeng.sample import sample_street
from lianmeng.settings import Settings
from lianmeng.snapshot_json import dumps

DATA = Path(__file__).parent / "data"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets())
def test_any_valid_dataset_exported_to_the_template_and_reimported_round_trips(dataset: Dataset):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "export.xlsx"
        write_workbook(path, dataset)
        with SqliteStore(Path(tmp) / "store.sqlite3") as store:
            plan = plan_files(store, [path], replace=True)
            assert plan.ok, plan.errors
            assert plan.warnings == []
            assert plan.validation.dataset.canonical() == dataset.canonical()
            apply_plan(store, plan, Settings.from_env({"LIANMENG_DATA_DIR": tmp}))
            assert store.snapshot().canonical() == dataset.canonical()
            again = plan_files(store, [path])
            assert again.ok and again.preview.is_empty()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets())
def test_any_valid_dataset_round_trips_through_a_json_snapshot(dataset: Dataset):
    with tempfile.TemporaryDirectory() as tmp, SqliteStore(Path(tmp) / "store.sqlite3") as store:
        store.replace_all(sample_street())
        plan = plan_snapshot(store, dumps(dataset, revision=7))
        assert plan.ok, plan.errors
        apply_plan(store, plan, Settings.from_env({"LIANMENG_DATA_DIR": tmp}))
        assert store.snapshot().canonical() == dataset.canonical()

#: the tables of issue 17 (the template has no example rows for them)
NO_MECHANISMS = {t: 0 for t in ("calendar_days", "supply_demand", "resident_problems", "pioneer_rounds",
                                "pioneer_responses")}


def test_the_sample_streets_exported_workbook_reimports_with_no_change(data_dir: Path, tmp_path: Path, capsys):
    assert main(["demo"]) == 0
    out = tmp_path / "街道.xlsx"
    assert main(["export", "workbook", "-o", str(out)]) == 0
    assert "已导出工作簿" in capsys.readouterr().out
    with SqliteStore(data_dir / "lianmeng.sqlite3") as store:
        before = store.revision(), store.snapshot().canonical()
    assert main(["import", str(out), "--json"]) == 0
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert list(report) == ["ok", "errors", "warnings", "changes"]
    assert report["ok"] and "没有需要写入的改动" in captured.err
    sample = sample_street()
    assert report["changes"] == {table: {"new": 0, "changed": 0, "unchanged": n, "removed": 0}
                                 for table, n in sample.counts().items()}
    with SqliteStore(data_dir / "lianmeng.sqlite3") as store:
        assert (store.revision(), store.snapshot().canonical()) == before
    # an office edits the workbook: one pioneer index changes, one organisation is added
    book = load_workbook(out)
    ws = book["组织"]
    header = [c.value for c in ws[1]]
    ws.cell(row=2, column=header.index("先锋指数") + 1, value=99)
    ws.append(["", "新增测试党支部", "社区党建联盟", "体系内", "党支部"])
    book.save(out)
    assert main(["import", str(out), "--json"]) == 0
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert report["changes"]["organisations"] == {"new": 1, "changed": 1, "unchanged": 81, "removed": 0}
    assert f"数据版本 {before[0]} → {before[0] + 1}" in captured.err and "-import.sqlite3" in captured.err
    with SqliteStore(data_dir / "lianmeng.sqlite3") as store:
        dataset = store.snapshot()
    first = sample.organisations[0]
    assert dataset.party(first.id).pioneer_index == 99
    added = [o for o in dataset.organisations if o.name == "新增测试党支部"]
    assert len(added) == 1 and added[0].alliance == "community" and added[0].id.startswith("O-")


def test_exported_workbook_has_the_template_layout(tmp_path: Path):
    write_workbook(tmp_path / "w.xlsx", sample_street())
    book = load_workbook(tmp_path / "w.xlsx")
    assert book.sheetnames == ["党委", "联盟", "组织", "结对", "会议", "轮值安排", "轮值排除", "目标",
                               "行动日", "服务队", "项目", "里程碑", "项目进展", "活动",
                               "工作日调整", "先锋指数测评", "供需", "诉求", "先锋指数", "说明"]
    assert [c.value for c in book["结对"][1]] == ["编号", "甲方", "乙方", "类型", "共建内容", "开始日期", "结束日期", "状态"]
    assert book["结对"].max_row == 1 + len(sample_street().pairings)
    row = [c.value for c in book["组织"][2]]
    assert row[:5] == ["adm-01", "街道机关党总支", "行政区党建联盟", "体系内", "党总支"]
    assert book["结对"].freeze_panes == "A2"


def test_a_name_starting_with_equals_is_text_not_a_formula(store: GraphStore, tmp_path: Path):
    dataset = Dataset(organisations=[Organisation(id="o1", name="=SUM(A1)", scope=Scope.EXTERNAL)])
    write_workbook(tmp_path / "w.xlsx", dataset)
    cell = load_workbook(tmp_path / "w.xlsx")["组织"]["B2"]
    assert cell.value == "=SUM(A1)" and cell.data_type == "s"
    assert plan_files(store, [tmp_path / "w.xlsx"], replace=True).validation.dataset.canonical() == dataset.canonical()


def test_the_template_and_its_example_rows_import_cleanly(data_dir: Path, tmp_path: Path, capsys):
    assert main(["template", "-o", str(tmp_path / "模板.xlsx")]) == 0
    book = load_workbook(tmp_path / "模板.xlsx")
    assert book.sheetnames == ["党委", "联盟", "组织", "结对", "会议", "轮值安排", "轮值排除", "目标",
                               "行动日", "服务队", "项目", "里程碑", "项目进展", "活动",
                               "工作日调整", "先锋指数测评", "供需", "诉求", "先锋指数", "说明"]
    assert book["组织"]["B2"].value == "铜川社区党总支"
    assert "工作表" in book["说明"]["A3"].value
    capsys.readouterr()
    assert main(["import", str(tmp_path / "模板.xlsx"), "--json"]) == 0
    changes = json.loads(capsys.readouterr().out)["changes"]
    assert {t: c["new"] for t, c in changes.items()} == {
        "committees": 1, "subcommittees": 1, "alliances": 1, "organisations": 2, "pairings": 1, "meetings": 1,
        "rotations": 1, "rotation_exclusions": 1,
        "action_days": 1, "service_teams": 1, "projects": 1, "activities": 1, "targets": 3, **NO_MECHANISMS}
    with SqliteStore(data_dir / "lianmeng.sqlite3") as store:
        dataset = store.snapshot()
    assert [a.id for a in dataset.alliances] == ["community"]  # a default sector, unique: the sector is the id
    assert [c.id for c in dataset.committees] == ["street"]
    assert dataset.pairings[0].kind.value == "external"
    # the example slot and exclusion get the records' default ids, from the resolved ids
    organisation = next(o.id for o in dataset.organisations if o.name == "铜川社区党总支")
    assert [(r.id, r.chair, r.pinned) for r in dataset.rotations] == [("R-community-2026Q2", organisation, True)]
    assert [(x.id, x.reason, x.since, x.until) for x in dataset.rotation_exclusions] == [
        (f"X-community-{organisation}", "换届暂停", "2026Q3", "2026Q4")]
    assert len(EXAMPLE_ROWS["organisations"]) == 2


def test_replace_makes_the_file_the_whole_dataset(data_dir: Path, tmp_path: Path, capsys):
    assert main(["demo"]) == 0
    assert main(["template", "-o", str(tmp_path / "t.xlsx")]) == 0
    capsys.readouterr()
    assert main(["import", str(tmp_path / "t.xlsx"), "--replace", "--dry-run", "--json"]) == 0
    changes = json.loads(capsys.readouterr().out)["changes"]
    # 社区党建联盟, 铜川社区党总支, 社区党委 and XX街道党工委 keep their ids (found by name)
    assert changes["alliances"] == {"new": 0, "changed": 1, "unchanged": 0, "removed": 4}
    assert changes["organisations"] == {"new": 1, "changed": 1, "unchanged": 0, "removed": 81}
    assert changes["committees"] == {"new": 0, "changed": 0, "unchanged": 1, "removed": 0}
    assert changes["pairings"]["removed"] == len(sample_street().pairings)
    assert main(["import", str(tmp_path / "t.xlsx"), "--replace"]) == 0
    with SqliteStore(data_dir / "lianmeng.sqlite3") as store:
        assert store.snapshot().counts() == {"committees": 1, "subcommittees": 1, "alliances": 1,
                                             "organisations": 2, "pairings": 1, "meetings": 1,
                                             "rotations": 1, "rotation_exclusions": 1,
                                             "action_days": 1, "service_teams": 1, "projects": 1,
                                             "activities": 1, "targets": 3, **NO_MECHANISMS}


def test_restore_lists_backups_and_brings_the_data_back(data_dir: Path, tmp_path: Path, capsys):
    assert main(["demo"]) == 0
    assert main(["template", "-o", str(tmp_path / "t.xlsx")]) == 0
    assert main(["import", str(tmp_path / "t.xlsx"), "--replace"]) == 0
    capsys.readouterr()
    assert main(["restore", "--list"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) == 1 and "-r1-import.sqlite3" in listed[0] and "版本 1" in listed[0]
    name = listed[0].split()[0]
    assert main(["restore", name[:10]]) == 0
    assert f"已恢复备份 {name}" in capsys.readouterr().out
    with SqliteStore(data_dir / "lianmeng.sqlite3") as store:
        assert store.snapshot().canonical() == sample_street().canonical()
        assert store.revision() == 3
    assert main(["restore"]) == 1
    assert main(["restore", "nonexistent"]) == 1


def test_import_snapshot_round_trip_and_dry_run(data_dir: Path, tmp_path: Path, capsys):
    path = tmp_path / "快照.json"
    path.write_text(dumps(sample_street(), revision=3), encoding="utf-8")
    assert main(["import-snapshot", str(path), "--dry-run", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["changes"]["pairings"] == {"new": len(sample_street().pairings), "changed": 0, "unchanged": 0,
                                             "removed": 0}
    with SqliteStore(data_dir / "lianmeng.sqlite3") as store:
        assert store.revision() == 0
    assert main(["import-snapshot", str(path)]) == 0
    with SqliteStore(data_dir / "lianmeng.sqlite3") as store:
        assert store.snapshot().canonical() == sample_street().canonical()
        assert store.revision() == 1


def test_an_invalid_snapshot_lists_its_errors_and_writes_nothing(data_dir: Path, tmp_path: Path, capsys):
    assert main(["demo"]) == 0
    document = json.loads(dumps(sample_street()))
    document["tables"]["organisations"][1]["pioneer_index"] = 140
    document["tables"]["pairings"][0]["party_b"] = "ghost"
    (tmp_path / "bad.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    assert main(["import-snapshot", str(tmp_path / "bad.json"), "--json"]) == 1
    errors = json.loads(capsys.readouterr().out)["errors"]
    assert [(e["sheet"], e["row"], e["column"]) for e in errors] == [("组织", 2, "先锋指数")]
    document["tables"]["organisations"][1]["pioneer_index"] = 40
    (tmp_path / "bad.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert main(["import-snapshot", str(tmp_path / "bad.json"), "--json"]) == 1
    errors = json.loads(capsys.readouterr().out)["errors"]
    assert [(e["sheet"], e["row"], e["column"], e["value"]) for e in errors] == [("结对", 1, "乙方", "ghost")]
    with SqliteStore(data_dir / "lianmeng.sqlite3") as store:
        assert store.revision() == 1


@pytest.mark.parametrize(("content", "message"), [("not json", "不是有效的 JSON"), ('{"format": "x"}', "不是联盟图谱的快照")])
def test_a_file_that_is_not_a_snapshot_exits_2(data_dir: Path, tmp_path: Path, capsys, content: str, message: str):
    (tmp_path / "x.json").write_text(content, encoding="utf-8")
    assert main(["import-snapshot", str(tmp_path / "x.json")]) == 2
    assert message in capsys.readouterr().err
