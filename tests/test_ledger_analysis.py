"""The ledger's sample street, outcomes, dormancy and revival: known answers."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from analysis.coverage import coverage, dormant_pairings, months_before
from analysis.outcomes import Figures, last_full_year, outcomes
from analysis.recommend import recommend
from lianmeng.cli import main
from lianmeng.dataset import Dataset
from lianmeng.ledger_records import Activity, ActivityCategory, Project, ProjectStatus
from lianmeng.records import Alliance, Organisation, Pairing, PairingKind, Scope
from lianmeng.sample_ledger import LEDGER_END, OUTCOMES_2025, dormant_pairing_ids

SEED_PROJECTS = ("网上信访联合接待大厅", "党群议事体系", "曹安路商圈诚信经营公益服务共同体", "品质教育社会资源库", "一中心一基地")


# --- the sample street ------------------------------------------------------------------


def test_the_sample_streets_last_full_year_reproduces_the_seed(sample: Dataset):
    assert last_full_year(sample) == 2025
    year = [a for a in sample.activities if a.date.year == 2025]
    assert sum(a.volunteers for a in year) >= OUTCOMES_2025["volunteers_min"] == 2000
    assert 900_000 <= sum(a.donated for a in year) <= 1_000_000
    assert max(a.date for a in sample.activities) == LEDGER_END
    assert {a.date.year for a in sample.activities} == {2024, 2025, 2026}


def test_the_sample_has_the_seeds_projects_action_days_and_teams(sample: Dataset):
    projects_2025 = [p for p in sample.projects if p.year == 2025]
    assert sorted(p.name for p in projects_2025) == sorted(SEED_PROJECTS)
    for project in projects_2025:
        assert project.status is ProjectStatus.EVALUATED and 0 <= project.score <= 100 and project.evaluator
        assert len(project.milestones) == 4 and all(m.done for m in project.milestones)
        assert len(project.progress) == 4
    # one per alliance per year is the model: 园区 has none for 2026 yet
    assert {p.alliance for p in sample.projects if p.year == 2026} == {"administrative", "community", "commercial",
                                                                       "campus"}
    days = sorted(d.date for d in sample.action_days)
    assert [d.year for d in days] == [2025, 2025, 2026, 2026]
    assert len(sample.service_teams) == 5
    for day in sample.action_days:
        teams = {a.team for a in sample.activities if a.action_day == day.id}
        assert teams == {t.id for t in sample.service_teams}


def test_the_sample_leaves_dormant_pairings_on_purpose(sample: Dataset):
    report = coverage(sample, today=LEDGER_END)
    dormant = {d.pairing.id for d in report.dormant}
    assert dormant and dormant <= dormant_pairing_ids(sample.pairings)
    assert len(dormant) == 14
    assert sum(a.paired for a in report.alliances) > sum(a.paired_active for a in report.alliances)


def test_stats_and_gaps_report_outcomes_and_dormant_pairings(data_dir: Path, capsys):
    assert main(["demo"]) == 0
    capsys.readouterr()
    assert main(["stats", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["outcomes"]["year"] == 2025
    assert figures["outcomes"]["volunteers"] >= 2000 and 900_000 <= figures["outcomes"]["donated"] <= 1_000_000
    assert main(["gaps", "--json", "--today", LEDGER_END.isoformat()]) == 0
    gaps = json.loads(capsys.readouterr().out)
    assert len(gaps["dormant"]) == 14 and gaps["dormant_months"] == 6
    assert set(gaps["dormant"][0]) == {"id", "party_a", "party_b", "kind", "last_activity"}
    assert all(row["paired"] >= row["paired_active"] for row in gaps["coverage"])
    assert main(["gaps", "--today", LEDGER_END.isoformat()]) == 0
    assert "休眠结对" in capsys.readouterr().out
    with pytest.raises(SystemExit) as stop:  # argparse: a usage error, exit status 64, with the Chinese hint
        main(["gaps", "--today", "明天"])
    assert stop.value.code == 64 and "请写成 2026-03-01" in capsys.readouterr().err


@pytest.mark.parametrize(("year", "missing"), [
    (2024, ["行政区党建联盟", "社区党建联盟", "商区党建联盟", "校区党建联盟", "园区党建联盟"]),
    (2025, []),
    (2026, ["园区党建联盟"]),  # 园区 has no 2026 project yet
])
def test_gaps_names_the_alliances_without_a_project_for_the_year(data_dir: Path, capsys, year: int,
                                                                 missing: list[str]):
    assert main(["demo"]) == 0
    capsys.readouterr()
    assert main(["gaps", "--json", "--today", f"{year}-06-30"]) == 0
    gaps = json.loads(capsys.readouterr().out)
    assert gaps["project_year"] == year and gaps["no_project"] == missing
    assert main(["gaps", "--today", f"{year}-06-30"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith(f"{year} 年尚无共治项目的联盟"))
    assert line.endswith(f"（{len(missing)}）：{'、'.join(missing) or '无'}")


def test_alliances_without_a_project(sample: Dataset):
    from analysis.coverage import alliances_without_project

    assert alliances_without_project(sample, 2026) == ["park"]
    assert alliances_without_project(sample, 2025) == []
    assert coverage(sample, today=dt.date(2026, 3, 1)).without_project == ("park",)


# --- outcomes: a street small enough to count by hand -----------------------------------------


@pytest.fixture
def small_street() -> Dataset:
    alliances = [Alliance(id="A", name="甲联盟", sector="community"), Alliance(id="B", name="乙联盟", sector="campus")]
    orgs = [Organisation(id="a1", name="a1", alliance="A"), Organisation(id="a2", name="a2", alliance="A"),
            Organisation(id="b1", name="b1", alliance="B"), Organisation(id="x", name="x", scope=Scope.EXTERNAL)]
    pairings = [
        Pairing(id="small", party_a="a1", party_b="a2", kind=PairingKind.SMALL, since=dt.date(2023, 1, 1)),
        Pairing(id="cross", party_a="a2", party_b="b1", kind=PairingKind.CROSS_ALLIANCE, since=dt.date(2023, 1, 1)),
        Pairing(id="ext", party_a="b1", party_b="x", kind=PairingKind.EXTERNAL, since=dt.date(2023, 1, 1)),
    ]
    acts = [
        Activity(id="1", date=dt.date(2025, 3, 1), title="t", pairing="small", people_served=10, volunteers=2),
        Activity(id="2", date=dt.date(2025, 6, 1), title="t", pairing="cross", people_served=20, volunteers=4,
                 donated=1000),
        Activity(id="3", date=dt.date(2025, 9, 1), title="t", alliance="B", organisations=("b1",), people_served=5,
                 volunteers=1, category=ActivityCategory.VOLUNTEER),
        Activity(id="4", date=dt.date(2024, 5, 1), title="t", pairing="small", people_served=8, volunteers=2),
        Activity(id="5", date=dt.date(2026, 1, 5), title="t", pairing="ext", people_served=1, volunteers=1),
    ]
    projects = [Project(id="PA", name="p", year=2025, alliance="A", lead="a1", status=ProjectStatus.DONE)]
    return Dataset(alliances=alliances, organisations=orgs, pairings=pairings, activities=acts,
                   projects=projects).validated()


def test_outcomes_credit_street_alliance_organisation_and_pairing(small_street: Dataset):
    result = outcomes(small_street, 2025)
    assert result.street.current == Figures(3, 35, 7, 1000.0, 1)
    assert result.street.previous == Figures(1, 8, 2, 0.0, 0)
    assert result.street.change()["activities"] == 2.0
    alliances = {r.id: r.current for r in result.alliances}
    # the cross-alliance activity counts for both alliances; the project finished counts for A
    assert alliances["A"] == Figures(2, 30, 6, 1000.0, 1)
    assert alliances["B"] == Figures(2, 25, 5, 1000.0, 0)
    orgs = {r.id: r.current.activities for r in result.organisations}
    assert orgs == {"a1": 1, "a2": 2, "b1": 2, "x": 0}
    pairings = {r.id: (r.current.activities, r.previous.activities) for r in result.pairings}
    assert pairings == {"small": (1, 1), "cross": (1, 0), "ext": (0, 0)}
    assert [r.id for r in result.most_active("organisations", 2)] == ["a2", "b1"]
    assert [r.id for r in result.least_active("pairings", 1)] == ["ext"]
    assert last_full_year(small_street) == 2025


def test_dormancy_counts_months_back_from_the_reference_day(small_street: Dataset):
    assert months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    on = dt.date(2026, 3, 1)  # six months back: 2025-09-01
    assert [(d.pairing.id, d.last_activity) for d in dormant_pairings(small_street, on, 6)] == [
        ("small", dt.date(2025, 3, 1)), ("cross", dt.date(2025, 6, 1))]
    # the window is the N months *after* the cutoff day: an activity exactly 12 months ago is outside it
    assert [d.pairing.id for d in dormant_pairings(small_street, on, 12)] == ["small"]
    assert [d.pairing.id for d in dormant_pairings(small_street, on, 13)] == []
    # a pairing that began less than N months ago is not dormant yet
    young = Pairing(id="young", party_a="a1", party_b="b1", kind=PairingKind.CROSS_ALLIANCE, since=dt.date(2026, 1, 1))
    data = Dataset(**{**dict(small_street.tables()), "pairings": (*small_street.pairings, young)})
    assert "young" not in {d.pairing.id for d in dormant_pairings(data, on, 6)}
    report = coverage(small_street, today=on)
    rows = {a.id: (a.paired, a.paired_active) for a in report.alliances}
    assert rows == {"A": (2, 0), "B": (1, 1)}


def test_recommend_prefers_reviving_a_dormant_pairing(small_street: Dataset):
    on = dt.date(2026, 3, 1)
    asleep = {d.pairing.id: d.last_activity for d in dormant_pairings(small_street, on, 6)}
    first = recommend(small_street, "a2", "large", dormant=asleep)[0]
    assert (first.id, first.revive) == ("b1", "cross")
    assert "重新激活休眠结对" in first.reasons[0] and "2025-06-01" in first.reasons[0]
    # without dormancy the paired partner is not proposed at all
    assert "b1" not in {c.id for c in recommend(small_street, "a2", "large")}
    small = recommend(small_street, "a1", "small", dormant=asleep)
    assert [(c.id, c.revive) for c in small] == [("a2", "small")]
