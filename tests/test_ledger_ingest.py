"""The ledger's sheets (活动, 项目, 里程碑, 项目进展, 服务队, 行动日): round trips and bad input."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from openpyxl import Workbook, load_workbook
from strategies import ledger_datasets

from graphdb.store import GraphStore
from ingest.template import write_workbook
from lianmeng.dataset import Dataset
from lianmeng.ops.imports import apply_plan, plan_files
from lianmeng.sample import sample_street
from lianmeng.settings import Settings

LEDGER_SHEETS = ["行动日", "服务队", "项目", "里程碑", "项目进展", "活动"]


def _round_trip(store: GraphStore, dataset: Dataset) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "export.xlsx"
        write_workbook(path, dataset)
        plan = plan_files(store, [path], replace=True)
        assert plan.ok, plan.errors
        assert plan.warnings == []
        assert plan.validation.dataset.canonical() == dataset.canonical()
        apply_plan(store, plan, Settings.from_env({"LIANMENG_DATA_DIR": tmp}))
        assert store.snapshot().canonical() == dataset.canonical()
        again = plan_files(store, [path])
        assert again.ok and again.preview.is_empty()


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(dataset=ledger_datasets())
def test_activities_projects_and_teams_round_trip_exactly_on_every_backend(store: GraphStore, dataset: Dataset):
    _round_trip(store, dataset)


def test_the_sample_streets_ledger_round_trips(store: GraphStore):
    sample = sample_street()
    assert len(sample.activities) > 500
    _round_trip(store, sample)


def test_the_workbook_has_the_ledger_sheets(tmp_path: Path):
    write_workbook(tmp_path / "w.xlsx", sample_street())
    book = load_workbook(tmp_path / "w.xlsx", read_only=True)
    names = book.sheetnames
    start = names.index(LEDGER_SHEETS[0])
    assert names[start:start + len(LEDGER_SHEETS)] == list(LEDGER_SHEETS) and names[-1] == "说明"
    header = [c.value for c in next(book["活动"].iter_rows(max_row=1))]
    assert header == ["编号", "日期", "活动名称", "类别", "结对", "联盟", "共治项目", "统一行动日", "服务队", "参与组织",
                      "服务群众人次", "志愿者人次", "捐助金额（元）", "地点", "备注"]
    # a pairing is written as 甲方—乙方 where those names find it again
    pairings = [row[4] for row in book["活动"].iter_rows(min_row=2, values_only=True) if row[4]]
    assert pairings and all("—" in p for p in pairings)


# --- bad input: sheet, row, column, Chinese message; nothing written ------------------------


def _book(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
    book.save(path)
    return path


ACTIVITY_HEADER = ["日期", "活动名称", "类别", "结对", "参与组织", "服务群众人次", "志愿者人次", "捐助金额（元）"]


def test_bad_activities_are_refused_row_by_row_and_nothing_is_written(store: GraphStore, tmp_path: Path):
    store.replace_all(sample_street())
    revision = store.revision()
    path = _book(tmp_path / "bad.xlsx", {"活动": [
        ACTIVITY_HEADER,
        ["2026-03-05", "法律咨询", "志愿服务", "铜川社区党总支—不存在的单位", "铜川社区党总支", 60, 8, 0],
        ["2026-03-06", "义诊", "志愿服务", "", "查无此组织", 60, 8, 0],
        ["2026-03-07", "走访", "走访慰问", "", "铜川社区党总支", -5, 8, 0],
        ["2026-03-08", "捐赠", "捐赠", "", "铜川社区党总支", 10, 2, -100],
        ["2026-03-09", "学习", "打球", "", "铜川社区党总支", 10, 2, 0],
    ]})
    plan = plan_files(store, [path])
    assert not plan.ok
    found = {(e.sheet, e.row, e.column): e for e in plan.errors}
    assert set(found) == {("活动", 2, "结对"), ("活动", 3, "参与组织"), ("活动", 4, "服务群众人次"),
                          ("活动", 5, "捐助金额（元）"), ("活动", 6, "类别")}
    assert "找不到结对“铜川社区党总支—不存在的单位”" in found[("活动", 2, "结对")].message
    assert found[("活动", 3, "参与组织")].value == "查无此组织"
    assert "不能为负数" in found[("活动", 4, "服务群众人次")].message
    assert found[("活动", 4, "服务群众人次")].value == "-5"
    assert "不能为负数" in found[("活动", 5, "捐助金额（元）")].message
    assert "志愿服务" in found[("活动", 6, "类别")].message
    assert store.revision() == revision


def test_a_pairing_named_by_its_two_ends_is_found(store: GraphStore, tmp_path: Path):
    sample = sample_street()
    store.replace_all(sample)
    pairing = next(p for p in sample.pairings if p.kind.value == "small" and p.is_active)
    a, b = sample.name_of(pairing.party_a), sample.name_of(pairing.party_b)
    path = _book(tmp_path / "ok.xlsx", {"活动": [ACTIVITY_HEADER, ["2026年11月5日", "法律咨询", "志愿服务", f"{b} / {a}",
                                                                 "", 60, 8, 1200.5]]})
    plan = plan_files(store, [path])
    assert plan.ok, plan.errors
    (activity,) = [r for r in plan.preview.upserts if r.table == "activities"]
    assert (activity.pairing, activity.date, activity.donated) == (pairing.id, dt.date(2026, 11, 5), 1200.5)
    assert plan.preview.as_dict()["activities"] == {"new": 1, "changed": 0, "unchanged": 0, "removed": 0}


PROJECT_HEADER = ["项目名称", "年度", "联盟", "启动日期", "状态", "评估得分"]


@pytest.mark.parametrize(("sheets", "where", "words"), [
    ({"项目": [PROJECT_HEADER, ["新项目", 2026, "社区", "2026-03-01", "已评估", 120]]},
     ("项目", 2, "评估得分"), "0 到 100"),
    ({"项目": [PROJECT_HEADER, ["新项目", 2026, "社区", "2026-03-01", "推进中", None]],
      "里程碑": [["项目", "里程碑", "实际完成日期"], ["新项目", "立项", "2026-02-01"]]},
     ("里程碑", 2, "实际完成日期"), "早于项目启动日期 2026-03-01"),
    ({"项目": [PROJECT_HEADER, ["新项目", 2026, "没有的联盟", "2026-03-01", "推进中", None]]},
     ("项目", 2, "联盟"), "没有的联盟"),
    ({"项目": [PROJECT_HEADER, ["新项目", 2026, "社区", "", "已评估", None]]},
     ("项目", 2, "评估得分"), "没有评估得分"),
    ({"项目进展": [["项目", "季度", "进展"], ["没有的项目", "2026Q1", "x"]]},
     ("项目进展", 2, "项目"), "找不到共治项目“没有的项目”"),
    ({"服务队": [["队名", "成员单位"], ["法律队", "铜川社区党总支；查无此组织"]]},
     ("服务队", 2, "成员单位"), "查无此组织"),
])
def test_bad_projects_and_teams_name_sheet_row_and_column(store: GraphStore, tmp_path: Path, sheets, where, words):
    store.replace_all(sample_street())
    revision = store.revision()
    plan = plan_files(store, [_book(tmp_path / "bad.xlsx", sheets)])
    assert not plan.ok
    errors = [e for e in plan.errors if (e.sheet, e.row, e.column) == where]
    assert errors, plan.errors
    assert any(words in e.message for e in errors), [e.message for e in errors]
    assert store.revision() == revision


def test_milestones_of_a_stored_project_replace_its_milestones(store: GraphStore, tmp_path: Path):
    sample = sample_street()
    store.replace_all(sample)
    project = sample.projects[0]
    path = _book(tmp_path / "m.xlsx", {"里程碑": [["项目", "里程碑", "计划完成日期", "实际完成日期"],
                                               [project.id, "重新立项", "2025-04-30", "2025-04-01"]]})
    plan = plan_files(store, [path])
    assert plan.ok, plan.errors
    apply_plan(store, plan, Settings.from_env({"LIANMENG_DATA_DIR": str(tmp_path)}))
    stored = next(p for p in store.snapshot().projects if p.id == project.id)
    assert [(m.title, m.done) for m in stored.milestones] == [("重新立项", dt.date(2025, 4, 1))]
    assert stored.model_copy(update={"milestones": project.milestones}) == project
