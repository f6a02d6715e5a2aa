"""The analysis operations on a real store, and their commands as people run them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from analysis.report import analysis_report
from lianmeng.cli import main
from lianmeng.ops.analysis import (
    AnalysisInputError,
    analysis_options,
    apply_plan,
    centrality_ranking,
    gaps,
    gaps_dict,
    pairing_plan,
    recommendations,
)
from lianmeng.ops.street import load_demo
from lianmeng.sample import LARGE_ONLY, ONLY_ENDED, SMALL_ONLY, UNPAIRED
from lianmeng.settings import Settings, SettingsError
from lianmeng.synthetic import synthetic_network


def test_applying_the_plan_closes_every_gap(store, tmp_path):
    load_demo(store)
    before = store.revision()
    settings = Settings.from_env({"LIANMENG_DATA_DIR": str(tmp_path)})
    result = pairing_plan(store)
    applied = apply_plan(store, result, since=dt.date(2026, 12, 1), settings=settings)
    assert (applied.before, applied.revision) == (before, before + 1)  # one transaction
    assert len(applied.pairings) == len(result.pairings) == 9
    # the backup was taken first, of the data before the plan
    assert applied.backup is not None and f"-r{before}-plan" in applied.backup.name
    assert (settings.backup_dir / applied.backup.name).exists()
    after = gaps_dict(gaps(store, today=dt.date(2026, 12, 1)))
    assert after["no_pairing"] == after["no_small"] == after["no_large"] == [] and after["fully_covered"]
    assert pairing_plan(store).pairings == ()


def test_applying_chosen_rows_of_the_plan(store, tmp_path):
    load_demo(store)
    settings = Settings.from_env({"LIANMENG_DATA_DIR": str(tmp_path)})
    result = pairing_plan(store)
    before = store.revision()
    applied = apply_plan(store, result, since=dt.date(2026, 12, 1), chosen=[2, 0], settings=settings)
    assert applied.revision == before + 1
    assert [(p.party_a, p.party_b) for p in applied.pairings] == [
        (result.pairings[i].party_a, result.pairings[i].party_b) for i in (0, 2)]
    new = {(p.party_a, p.party_b, p.kind) for p in store.snapshot().pairings if p.since == dt.date(2026, 12, 1)}
    assert new == {(result.pairings[i].party_a, result.pairings[i].party_b, result.pairings[i].kind) for i in (0, 2)}
    # nothing chosen: nothing written, no backup
    none = apply_plan(store, pairing_plan(store), chosen=[], settings=settings)
    assert none.revision == applied.revision and none.backup is None
    with pytest.raises(AnalysisInputError, match="计划共有"):
        apply_plan(store, result, chosen=[99], settings=settings)
    assert store.revision() == applied.revision


def test_operations_name_unknown_things_in_chinese(store):
    load_demo(store)
    with pytest.raises(AnalysisInputError, match="找不到组织“不存在”"):
        recommendations(store, "不存在")
    with pytest.raises(AnalysisInputError, match="small（小联动）或 large"):
        recommendations(store, "铜川社区党总支", "medium")
    with pytest.raises(AnalysisInputError, match="指标“fame”无效"):
        centrality_ranking(store, measure="fame")


def test_full_report_tells_its_progress(store):
    load_demo(store)
    steps = []
    report = analysis_report(store.snapshot(), progress=lambda step, done: steps.append((step, done)),
                             **analysis_options(None))
    assert steps[0] == ("graph", 0.0) and steps[-1] == ("done", 1.0)
    assert [d for _, d in steps] == sorted(d for _, d in steps)
    assert report.nodes == 82 and report.plan is not None and report.plan.after.full
    assert report.centrality.methods["betweenness"] == "exact"


def test_betweenness_beside_the_other_steps_gives_the_same_report():
    dataset = synthetic_network(300, 900)
    steps: list[str] = []
    options = {"compiled_min": 100, "betweenness_exact_max": 200, "betweenness_error": 0.01, "with_plan": False}
    beside = analysis_report(dataset, progress=lambda step, _: steps.append(step), **options)
    alone = analysis_report(dataset, overlap=False, **options)
    assert beside.centrality == alone.centrality and beside.communities == alone.communities
    assert beside.centrality.methods["betweenness"] == "sampled ε=0.01 networkit KADABRA"
    assert steps == ["graph", "degree", "pagerank", "closeness", "brokers", "structure", "communities", "coverage",
                     "betweenness", "done"]
    assert beside.total_seconds == beside.wall > 0
    # igraph's exact betweenness holds the interpreter lock: computed in its turn
    steps.clear()
    analysis_report(dataset, progress=lambda step, _: steps.append(step), **{**options, "betweenness_exact_max": 300})
    assert steps[:3] == ["graph", "degree", "betweenness"]


def test_sampling_settings_are_read_and_checked():
    settings = Settings.from_env({"LIANMENG_BETWEENNESS_SAMPLES": "64"})
    assert settings.betweenness_samples == 64 and settings.betweenness_exact_max == 2000
    with pytest.raises(SettingsError, match="LIANMENG_CLOSENESS_SAMPLES"):
        Settings.from_env({"LIANMENG_CLOSENESS_SAMPLES": "0"})


# --- the command line ----------------------------------------------------------------------


def run_json(capsys, *argv: str):
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_gaps_names_exactly_the_organisations_the_sample_left_out(data_dir: Path, capsys):
    assert main(["demo"]) == 0
    capsys.readouterr()
    result = run_json(capsys, "gaps", "--json")
    assert sorted(result["no_pairing"]) == sorted(UNPAIRED + ONLY_ENDED)
    assert result["only_ended"] == list(ONLY_ENDED)
    assert sorted(result["no_small"]) == sorted(UNPAIRED + ONLY_ENDED + LARGE_ONLY)
    assert sorted(result["no_large"]) == sorted(UNPAIRED + ONLY_ENDED + SMALL_ONLY)
    assert [row["members"] for row in result["coverage"]] == [10, 12, 10, 8, 8]
    assert result["matrix"]["校区党建联盟"]["园区党建联盟"] == 0
    assert result["matrix"]["校区党建联盟"]["校区党建联盟"] is None
    assert result["matrix_empty"] == [["校区党建联盟", "园区党建联盟"]]


def test_plan_reaches_full_coverage(data_dir: Path, capsys):
    assert main(["demo"]) == 0
    capsys.readouterr()
    result = run_json(capsys, "plan", "--json")
    assert result["after"] == {"members": 48, "with_small": 48, "with_large": 48, "covered": 48, "full": True}
    assert result["before"]["covered"] == 38 and result["new_pairings"] == 9 and result["impossible"] == []
    one = run_json(capsys, "plan", "--max-new", "1", "--json")
    assert not one["after"]["full"] and {i["linkage"] for i in one["impossible"]} == {"large"}


def test_centrality_and_recommend_commands(data_dir: Path, capsys):
    assert main(["demo"]) == 0
    capsys.readouterr()
    result = run_json(capsys, "centrality", "--top", "3", "--measure", "betweenness", "--json")
    assert list(result["top"]) == ["betweenness"] and len(result["top"]["betweenness"]) == 3
    scores = [row["score"] for row in result["top"]["betweenness"]]
    assert scores == sorted(scores, reverse=True)
    assert result["methods"] == {"betweenness": "exact"}
    rec = run_json(capsys, "recommend", "东新社区党支部", "--kind", "small", "--top", "2", "--json")
    assert rec["organisation"] == "东新社区党支部" and len(rec["candidates"]) == 2
    assert rec["candidates"][0]["name"] == "柳营社区党支部"  # both lack small linkage, same industry


def test_recommend_unknown_name_exits_1_with_a_message(data_dir: Path, capsys):
    assert main(["demo"]) == 0
    assert main(["recommend", "不存在的组织"]) == 1
    assert "找不到组织" in capsys.readouterr().err


def test_human_readable_gaps(data_dir: Path, capsys):
    assert main(["demo"]) == 0
    capsys.readouterr()
    assert main(["gaps"]) == 0
    out = capsys.readouterr().out
    assert "没有任何进行中结对的成员组织（4）" in out and "校区党建联盟×园区党建联盟" in out


def test_a_viewer_cannot_apply_the_plan_and_no_backup_is_taken(store, tmp_path):
    from graphdb.guarded import GuardedStore
    from lianmeng.access import PermissionDenied, Role, User

    load_demo(store)
    settings = Settings.from_env({"LIANMENG_DATA_DIR": str(tmp_path)})
    viewer = GuardedStore(store, User(name="看", role=Role.VIEWER))
    before = store.revision()
    with pytest.raises(PermissionDenied):
        apply_plan(viewer, pairing_plan(store), settings=settings)
    assert store.revision() == before and not settings.backup_dir.exists()
    planner = GuardedStore(store, User(name="规划", role=Role.PLANNER))
    applied = apply_plan(planner, pairing_plan(store), settings=settings)
    entry = store.audit_entries(limit=1)[0]
    assert (entry.actor, entry.action, entry.note) == ("规划", "plan", applied.backup.name)
