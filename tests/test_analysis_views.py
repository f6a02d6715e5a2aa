"""The tables and charts the coverage and structure pages show, on cases small enough to
check by hand."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest

from analysis.centrality import CentralityResult
from analysis.communities import communities
from analysis.coverage import coverage
from analysis.plan import plan
from lianmeng.dataset import Dataset
from lianmeng.records import Alliance, Organisation, Pairing
from views import analysis_charts as charts
from views import analysis_tables as tables


def two_alliances() -> Dataset:
    """X: a, b; Y: c; one cross-alliance pairing a–c and one regional pairing b–r."""
    return Dataset(
        alliances=[Alliance(id="x", name="X联盟", sector="park"), Alliance(id="y", name="Y联盟", sector="campus")],
        organisations=[Organisation(id="a", name="甲", alliance="x"), Organisation(id="b", name="乙", alliance="x"),
                       Organisation(id="c", name="丙", alliance="y"),
                       Organisation(id="r", name="区域单位", scope="regional")],
        pairings=[Pairing(id="p1", party_a="a", party_b="c", kind="cross_alliance", since=dt.date(2024, 1, 1)),
                  Pairing(id="p2", party_a="b", party_b="r", kind="regional", since=dt.date(2024, 1, 1))])


def test_matrix_frame_marks_empty_cells_and_the_diagonal():
    cells = tables.matrix_frame(coverage(two_alliances(), today=dt.date(2024, 6, 1)))
    got = {(r.row, r.column): (r.state, r.label) for r in cells.itertuples()}
    assert got == {
        ("X联盟", "X联盟"): ("diagonal", "—"), ("X联盟", "Y联盟"): ("linked", "1"),
        ("X联盟", "区域内体系外"): ("linked", "1"), ("X联盟", "区域外"): ("empty", "无"),
        ("Y联盟", "X联盟"): ("linked", "1"), ("Y联盟", "Y联盟"): ("diagonal", "—"),
        ("Y联盟", "区域内体系外"): ("empty", "无"), ("Y联盟", "区域外"): ("empty", "无"),
    }
    svg = charts.matrix_svg(cells)
    # one cell each (rows × columns), empty ones red and marked 无, the diagonal grey and —
    assert svg.count('<rect class="lm-cell"') == 8 and svg.count(f'fill="{charts.EMPTY_COLOUR}"') == 3
    assert "X联盟 · 区域外：无" in svg and "X联盟 · Y联盟：1" in svg and "Y联盟 · Y联盟：—" in svg


def test_alliance_frame_and_member_frame():
    report = coverage(two_alliances(), today=dt.date(2024, 6, 1))
    frame = tables.alliance_frame(report).set_index("联盟")
    # X: a has large (cross), b has large (regional), nobody small; Y: c has large
    assert frame.loc["X联盟", ["成员组织", "有小联动", "有大联动", "两种都有"]].tolist() == [2, 0, 2, 0]
    assert frame.loc["X联盟", "大联动覆盖率"] == 1.0 and frame.loc["Y联盟", "小联动覆盖率"] == 0.0
    members = tables.member_frame(report.flagged("no_small"), report.names)
    assert members["组织"].tolist() == ["甲", "乙", "丙"] and members["联盟"].tolist() == ["X联盟", "X联盟", "Y联盟"]


def test_centrality_ranks_share_ties():
    result = CentralityResult({"degree": {"a": 0.5, "b": 0.5, "c": 0.25}, "pagerank": {"a": 0.2, "b": 0.5, "c": 0.3}},
                              {"degree": "exact", "pagerank": "sampled k=2"})
    ranks = tables.centrality_ranks(result, "b").set_index("指标")
    assert ranks.loc["度中心性", "排名"] == "第 1 / 3 名"  # tied with a
    assert ranks.loc["PageRank", "排名"] == "第 1 / 3 名" and ranks.loc["PageRank", "计算方式"] == "抽样 k=2"
    c = tables.centrality_ranks(result, "c").set_index("指标")
    assert c.loc["度中心性", "排名"] == "第 3 / 3 名" and c.loc["PageRank", "排名"] == "第 2 / 3 名"
    assert tables.centrality_ranks(result, "nobody").empty


def test_ranking_frame_orders_and_filters():
    result = CentralityResult({"degree": {"a": 0.5, "b": 0.75, "c": 0.25}}, {"degree": "exact"},
                              {"a": "x", "b": "x", "c": "y"})
    frame = tables.ranking_frame(result, "degree", {"a": "甲", "b": "乙", "c": "丙"}, {"x": "X", "y": "Y"})
    assert frame["组织"].tolist() == ["乙", "甲", "丙"] and frame["名次"].tolist() == [1, 2, 3]
    only_x = tables.ranking_frame(result, "degree", {}, {}, nodes=["a", "c"], top=1)
    assert only_x["编号"].tolist() == ["a"]
    svg = charts.ranking_svg(frame, "度中心性")
    assert svg.count('<rect class="lm-bar"') == 3 and svg.index("乙：0.75") < svg.index("甲：0.5") < svg.index("丙：0.25")


def test_community_alliance_table_counts_every_node_once():
    # two triangles, each one alliance, joined by one edge; node 6 outside the alliances
    g = nx.Graph([(0, 1), (1, 2), (0, 2), (2, 3), (3, 4), (4, 5), (3, 5), (5, 6)])
    alliance_of = {i: ("A" if i < 3 else "B") for i in range(6)} | {6: None}
    nx.set_node_attributes(g, alliance_of, "alliance")
    found = communities(g, seed=1)
    table = tables.community_alliance_table(found, alliance_of, {"A": "甲联盟", "B": "乙联盟"})
    assert table.to_numpy().sum() == 7
    assert list(table.columns) == ["甲联盟", "乙联盟", "体系外"]
    assert sorted(table["甲联盟"].tolist(), reverse=True)[0] == 3  # one community holds all of A


def test_plan_frames_and_before_after():
    result = plan(two_alliances(), max_new=2)
    frame = tables.plan_frame(result)
    # a and b lack small: one pairing a–b; c lacks small and Y has one member: impossible
    assert frame[["甲方", "乙方", "联动"]].values.tolist() == [["甲", "乙", "小联动"]]
    assert tables.impossible_frame(result)[["组织", "联动"]].values.tolist() == [["丙", "小联动"]]
    counts = tables.before_after_frame(result).set_index(["when", "figure"])["count"]
    assert counts[("计划前", "有小联动")] == 0 and counts[("计划后", "有小联动")] == 2
    assert counts[("计划后", "两种都有")] == 2
    svg = charts.before_after_svg(tables.before_after_frame(result))
    assert "有小联动 · 计划前：0" in svg and "有小联动 · 计划后：2" in svg and "两种都有 · 计划后：2" in svg


def test_method_label():
    assert tables.method_label("exact") == "精确"
    assert tables.method_label("sampled k=64") == "抽样 k=64"


@pytest.mark.parametrize("frame_of", [tables.alliance_frame, tables.target_frame, tables.ending_frame])
def test_empty_report_frames_have_their_columns(frame_of):
    assert len(frame_of(coverage(Dataset(), today=dt.date(2024, 1, 1))).columns) >= 4
