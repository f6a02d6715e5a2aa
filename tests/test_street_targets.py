"""The street's own targets (目标) are data (issue 13): imported from a 目标 sheet, stored
on both backends, edited on the overview (audited, stale saves refused); a street without
targets shows its figures without verdicts — never a false "not met"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from app_pages import open_page
from test_cli import run_cli

from graphdb.sqlite_store import SqliteStore
from graphdb.store import EditConflict, GraphStore
from lianmeng.ops.edits import save_targets
from lianmeng.records import Target, TargetMetric
from lianmeng.sample import FIGURES, sample_street
from lianmeng.targets import SEED_TARGETS, street_targets

STREET = {
    "党委.csv": "名称,层级,上级\n新街道党工委,街道党工委,\n社区党委,二级党委,新街道党工委\n",
    "联盟.csv": "名称,领域,牵头二级党委\n社区党建联盟,社区,社区党委\n商区党建联盟,商区,社区党委\n",
    "组织.csv": "名称,所属联盟\n一号社区党支部,社区党建联盟\n二号社区党支部,社区党建联盟\n甲商户党支部,商区党建联盟\n",
    "结对.csv": "甲方,乙方,开始日期\n一号社区党支部,二号社区党支部,2024-03-01\n一号社区党支部,甲商户党支部,2024-03-01\n",
}


def _street(folder: Path, extra: dict[str, str] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in {**STREET, **(extra or {})}.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _gaps_targets(env: dict[str, str]) -> dict[str, tuple[int, int | None, bool | None]]:
    result = run_cli("gaps", "--json", env=env)
    assert result.returncode == 0, result.stderr
    return {t["metric"]: (t["actual"], t["target"], t["met"]) for t in json.loads(result.stdout)["targets"]}


def test_imported_without_targets_no_verdicts_with_a_sheet_its_verdicts(tmp_path: Path):
    env = {"LIANMENG_DATA_DIR": str(tmp_path / "data"), "LIANMENG_STORE": "embedded"}
    assert run_cli("import", str(_street(tmp_path / "plain")), env=env).returncode == 0
    rows = _gaps_targets(env)
    assert rows["members"] == (3, None, None) and rows["small"] == (1, None, None)
    assert {met for _, _, met in rows.values()} == {None}  # no false "not met"

    sheet = "指标,目标值\n小联动,1\n大联动,2\n成员组织,３\n"  # full-width digits fold
    result = run_cli("import", str(_street(tmp_path / "with", {"目标.csv": sheet})), "--json", env=env)
    assert result.returncode == 0, result.stdout
    assert json.loads(result.stdout)["changes"]["targets"]["new"] == 3
    rows = _gaps_targets(env)
    assert rows["small"] == (1, 1, True) and rows["large"] == (1, 2, False) and rows["members"] == (3, 3, True)
    assert rows["brands"] == (0, None, None)


def test_a_bad_target_row_is_refused_with_its_row(tmp_path: Path):
    env = {"LIANMENG_DATA_DIR": str(tmp_path / "data"), "LIANMENG_STORE": "embedded"}
    sheet = "指标,目标值\n小联动数目,1\n大联动,-2\n大联动,3\n"
    result = run_cli("import", str(_street(tmp_path / "bad", {"目标.csv": sheet})), "--json", env=env)
    assert result.returncode == 1
    errors = {(e["row"], e["column"]): e["message"] for e in json.loads(result.stdout)["errors"]}
    assert "未知的指标“小联动数目”" in errors[(2, "指标")]
    assert "超出范围" in errors[(3, "目标值")]
    assert not (tmp_path / "data" / "lianmeng.sqlite3").exists() or \
        SqliteStore(tmp_path / "data" / "lianmeng.sqlite3").snapshot().is_empty()


def test_the_sample_street_carries_the_seed_figures_as_its_targets(sample_dir: Path):
    assert street_targets(sample_street()) == SEED_TARGETS
    result = run_cli("stats", "--json")
    assert json.loads(result.stdout) == FIGURES
    env = {"LIANMENG_DATA_DIR": str(sample_dir)}
    rows = _gaps_targets(env)
    assert rows["street"] == (32, 30, True) and rows["small"] == (38, 38, True)


def test_the_workbook_export_round_trips_the_targets(sample_dir: Path, tmp_path: Path):
    assert run_cli("export", "workbook", "-o", str(tmp_path / "w.xlsx")).returncode == 0
    result = run_cli("import", str(tmp_path / "w.xlsx"), "--dry-run", "--json")
    changes = json.loads(result.stdout)["changes"]["targets"]
    assert changes == {"new": 0, "changed": 0, "unchanged": 9, "removed": 0}


def test_save_targets_is_audited_and_refuses_a_stale_save(store: GraphStore):
    store.replace_all(sample_street())
    loaded = {t.id: store.record_version("targets", t.id) for t in store.snapshot().targets}
    with store.action("x"):
        pass
    revision = save_targets(store, {"small": 40, "brands": None}, versions=loaded)
    assert revision == store.revision()
    targets = {t.metric.value: t.value for t in store.snapshot().targets}
    assert targets["small"] == 40 and "brands" not in targets
    entry = store.audit_entries(limit=1)[0]
    assert entry.action == "targets" and entry.revision == revision
    items = {i.record_id: (i.before, i.after) for i in entry.items}
    assert items["T-small"][0]["value"] == 38 and items["T-small"][1]["value"] == 40
    assert items["T-brands"][1] is None
    # a second editor who loaded before that save is refused, naming who and when
    with pytest.raises(EditConflict) as refused:
        save_targets(store, {"small": 41}, versions=loaded)
    assert entry.actor in str(refused.value) and "目标" in str(refused.value)
    assert {t.metric.value: t.value for t in store.snapshot().targets}["small"] == 40
    assert save_targets(store, {"small": 40}, versions={}) is None  # nothing changed, nothing written


def test_targets_round_trip_on_the_store(store: GraphStore):
    targets = (Target(metric=TargetMetric.SMALL, value=7, id=""), Target(metric="member_large", value=2, id="",
                                                                         note="至少两个"))
    store.upsert(targets)
    assert store.snapshot().targets == targets


def test_overview_without_targets_shows_no_verdicts_then_a_planner_sets_one(tmp_path: Path, data_dir: Path):
    assert run_cli("import", str(_street(tmp_path / "plain"))).returncode == 0
    at = open_page("pages/overview.py")
    assert any("尚未设定目标" in i.value for i in at.info)
    assert all(m.delta in (None, "") for m in at.metric)  # figures only, no verdict
    at.number_input(key="targets_form_small").set_value(1)
    next(b for b in at.button if b.label == "保存目标").click()
    at.run()
    assert not at.exception and not at.error
    assert any("目标已保存" in s.value for s in at.success)
    small = next(m for m in at.metric if m.label == "小联动结对")
    assert small.value == "1" and str(small.delta) == "与目标持平"  # the difference in words (issue 14)
    with SqliteStore(data_dir / "lianmeng.sqlite3") as store:
        entry = store.audit_entries(action="targets")[0]
        assert [(i.record_id, i.before, i.after["value"]) for i in entry.items] == [("T-small", None, 1)]


def test_overview_second_save_is_refused_and_keeps_what_was_typed(tmp_path: Path, data_dir: Path):
    assert run_cli("import", str(_street(tmp_path / "plain"))).returncode == 0
    first, second = open_page("pages/overview.py"), open_page("pages/overview.py")
    first.number_input(key="targets_form_small").set_value(2)
    next(b for b in first.button if b.label == "保存目标").click()
    first.run()
    second.number_input(key="targets_form_small").set_value(5)
    next(b for b in second.button if b.label == "保存目标").click()
    second.run()
    assert second.error and "在您打开之后已被" in second.error[0].value
    assert second.number_input(key="targets_form_small").value == 5  # the typed value stays
    with SqliteStore(data_dir / "lianmeng.sqlite3") as store:
        assert {t.metric.value: t.value for t in store.snapshot().targets} == {"small": 2}
