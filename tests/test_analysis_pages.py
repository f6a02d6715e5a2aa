"""The coverage (覆盖) and structure (结构) pages, and the analyses wired into the network and
organisations pages, under AppTest with the sample street.

Known answers of the sample (lianmeng/sample.py, checked in tests/test_analysis_*.py):
48 members; unpaired XX社区学校党支部, 东新社区党支部, 智慧谷产业园党支部 and 百联商厦党支部
(whose pairings all ended); the plan with at most 2 new pairings per organisation adds 9
pairings and takes coverage from 38 to 48 of 48; the organisation network has 82 nodes,
122 edges, 9 components, 26 articulation points and 31 bridges; prk-02 has the highest
betweenness (0.142037).
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
import streamlit as st
from app_pages import APP, NETWORK_FILTERS_OPEN, network_data, open_page
from streamlit.testing.v1 import AppTest

from analysis.coverage import ending_within
from analysis.plan import plan, plan_records
from graphdb.sqlite_store import SqliteStore
from lianmeng.ops import users
from lianmeng.sample import ONLY_ENDED, UNPAIRED, sample_street

PASSWORD = "long-enough-pw"



def _frame(at: AppTest, first_column: str):
    """The first data frame whose first column is ``first_column``."""
    for frame in at.dataframe:
        value = frame.value
        if len(value.columns) and value.columns[0] == first_column:
            return value
    raise AssertionError(f"no table starting with {first_column}")


def _store(data_dir: Path) -> SqliteStore:
    return SqliteStore(data_dir / "lianmeng.sqlite3")


# --- 覆盖 -------------------------------------------------------------------------------------


def test_coverage_page_lists_the_gaps_of_the_sample(data_dir: Path):
    at = open_page("pages/coverage.py")
    assert at.title[0].value == "覆盖"
    tabs = [t.label for t in at.tabs]
    assert tabs[:4] == ["没有进行中结对（4）", "结对均已结束（1）", "尚无小联动（7）", "尚无大联动（7）"]
    no_pairing = at.tabs[0].dataframe[0].value
    assert sorted(no_pairing["组织"]) == sorted((*UNPAIRED, *ONLY_ENDED))
    assert not at.tabs[1].dataframe  # only the open tab's table is built
    at.session_state["coverage_gap_tab"] = tabs[1]
    at.run()
    assert list(at.tabs[1].dataframe[0].value["组织"]) == list(ONLY_ENDED) and not at.tabs[0].dataframe
    alliances = _frame(at, "联盟")
    assert alliances["成员组织"].sum() == 48 and alliances["两种都有"].sum() == 38
    # three charts (coverage bars, the heatmap, before/after); one alliance pair has no
    # large linkage (校区–园区, left so by the sample): the note counts it
    assert len([m for m in at.markdown if m.value.startswith('<figure class="lm-chart"')]) == 3
    assert any("红色“无”为尚无大联动的组合（共 1 个）" in c.value for c in at.caption)


def test_ending_soon_follows_the_widget(data_dir: Path):
    at = open_page("pages/coverage.py")
    today = dt.date.today()
    expected = len(ending_within(sample_street(), today, 3650))
    at.number_input(key="coverage_ending_days").set_value(3650).run()
    heading = next(m.value for m in at.markdown if "天内到期的结对" in m.value)
    assert heading == f"**3650 天内到期的结对**（{expected}）"
    assert expected == 3 or today > dt.date(2026, 12, 31)  # three pairings end on 2026-12-31


def test_recommendations_for_the_chosen_organisation(data_dir: Path):
    at = open_page("pages/coverage.py")
    at.selectbox(key="coverage_org").set_value("edu-08").run()  # XX社区学校党支部: neither linkage
    small = at.dataframe[[i for i, f in enumerate(at.dataframe) if "推荐对象" in f.value.columns][0]].value
    large = at.dataframe[[i for i, f in enumerate(at.dataframe) if "推荐对象" in f.value.columns][1]].value
    # edu-08 is strong in the 先锋指数 (85.6), both weak (59.4, 74.7): 1 each for 以强带弱
    assert list(small["推荐对象"][:2]) == ["XX实验幼儿园党支部", "XX职业技术学校党支部"]
    assert list(small["得分"][:2]) == [3.2, 2.166667]
    assert "以强带弱" in small["理由"][0]
    assert large["推荐对象"][0] == "智慧谷产业园党支部" and large["得分"][0] == 6.0
    assert "校区党建联盟与园区党建联盟之间尚无大联动" in large["理由"][0]


def test_the_plan_button_writes_exactly_the_plan_in_one_transaction(data_dir: Path):
    at = open_page("pages/coverage.py")  # the first run loads the sample
    store = _store(data_dir)
    before = store.revision()
    expected = plan(store.snapshot(), max_new=2)
    assert len(expected.pairings) == 9
    assert "新增 9 对结对；覆盖（小联动且大联动）：38 → 48 / 48 家成员组织。" in [m.value for m in at.markdown]
    at.button(key="coverage_apply").click().run()
    assert store.revision() == before  # a dialog asks first (issue 13)
    assert any("将一次新增 9 对结对" in m.value for m in at.markdown)
    at.button(key="coverage_apply_confirm").click().run()
    assert not at.exception, at.exception
    assert store.revision() == before + 1  # one transaction
    today = dt.date.today()
    new = [p for p in store.snapshot().pairings if p.since == today]
    want = plan_records(expected, today)
    assert sorted((p.id, p.party_a, p.party_b, p.kind, p.content) for p in new) == sorted(
        (p.id, p.party_a, p.party_b, p.kind, p.content) for p in want)
    entry = store.audit_entries(limit=1)[0]
    assert entry.action == "plan" and entry.revision == before + 1 and len(entry.items) == 9
    assert entry.note.endswith("-plan.sqlite3")  # the backup taken before (the store's copy)
    assert (data_dir / "backups" / entry.note).exists()
    # the gaps closed: the page now says so
    assert [t.label for t in at.tabs][:4] == ["没有进行中结对（0）", "结对均已结束（0）", "尚无小联动（0）",
                                              "尚无大联动（0）"]
    assert "无需新增结对。" in [i.value for i in at.info]
    assert any("已新增 9 对结对" in s.value for s in at.success)


def test_chosen_rows_of_the_plan_only(data_dir: Path):
    at = open_page("pages/coverage.py")
    store = _store(data_dir)
    before = store.revision()
    expected = plan(store.snapshot(), max_new=2)
    rows = at.multiselect[0]
    assert rows.value == list(range(9))
    rows.set_value([1, 4]).run()
    at.button(key="coverage_apply").click().run()
    at.button(key="coverage_apply_confirm").click().run()
    assert store.revision() == before + 1
    new = {(p.party_a, p.party_b) for p in store.snapshot().pairings if p.since == dt.date.today()}
    assert new == {(expected.pairings[i].party_a, expected.pairings[i].party_b) for i in (1, 4)}


@pytest.fixture
def people(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> SqliteStore:
    monkeypatch.setenv("LIANMENG_AUTH", "on")
    st.cache_resource.clear()
    store = _store(data_dir)
    store.replace_all(sample_street())
    for name, role in (("看", "viewer"), ("规划", "planner")):
        users.add_user(store, name, role, PASSWORD)
    return store


def _signed_in(name: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.text_input[0].input(name)
    at.text_input[1].input(PASSWORD)
    at.button[0].click().run()
    at.switch_page("pages/coverage.py").run()
    assert not at.exception, at.exception
    return at


def test_a_viewer_does_not_see_the_plan_button(people: SqliteStore):
    viewer = _signed_in("看")
    assert not [b for b in viewer.button if b.key == "coverage_apply"]
    assert "应用结对计划需要规划员或管理员角色。" in [c.value for c in viewer.caption]
    planner = _signed_in("规划")
    assert [b for b in planner.button if b.key == "coverage_apply"]


# --- 结构 -------------------------------------------------------------------------------------


def test_structure_page_shows_the_sample_figures(data_dir: Path):
    at = open_page("pages/structure.py")
    assert at.title[0].value == "结构"
    assert at.caption[0].value.startswith("结对网络：82 个组织，122 条进行中的组织层面结对，9 个连通部分")
    at.radio(key="structure_measure").set_value("betweenness").run()
    ranking = _frame(at, "名次")
    assert ranking["编号"][0] == "prk-02" and ranking["得分"][0] == pytest.approx(0.142037, abs=1e-6)
    assert not at.info  # exact at street size: no sampling notice
    markdown = [m.value for m in at.markdown]
    assert "**关键组织（去掉后网络断开）**（26）" in markdown and "**关键结对（去掉后网络断开）**（31）" in markdown
    assert "**连通部分**（9）" in markdown
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["联盟划分的模块度"] == "0.157" and metrics["调整兰德指数"] == "0.098"
    table = at.dataframe[-1].value  # community × alliance
    assert table.to_numpy().sum() == 82  # every organisation in exactly one community
    [compare] = [c.value for c in at.caption if c.value.startswith("社群由")]
    assert compare.startswith("社群由Louvain 算法（NetworkX，固定种子）从结对中发现（")
    assert "调整兰德指数 0.098" in compare and "下表每行是一个社群" in compare
    at.radio(key="structure_measure").set_value("degree").run()
    # the ranking follows the measure
    assert _frame(at, "名次")["得分"][0] == pytest.approx(max(_degree_centrality().values()), abs=1e-6)


def _degree_centrality() -> dict[str, float]:
    import networkx as nx

    from analysis.graphs import pairing_network

    return nx.degree_centrality(pairing_network(sample_street()))


def test_structure_page_says_when_sampled(data_dir: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("LIANMENG_CLOSENESS_EXACT_MAX", "10")
    monkeypatch.setenv("LIANMENG_CLOSENESS_SAMPLES", "20")  # fewer sources than the 82 nodes
    at = open_page("pages/structure.py")
    at.radio(key="structure_measure").set_value("closeness").run()
    assert [i.value for i in at.info] == ["组织较多，接近中心性为抽样估计（抽样 k=20），排名可能与精确值略有出入。"]
    at.radio(key="structure_measure").set_value("pagerank").run()
    assert not at.info


def test_structure_page_shows_the_estimate_then_the_exact_betweenness(data_dir: Path,
                                                                      monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("LIANMENG_BETWEENNESS_EXACT_MAX", "10")
    monkeypatch.setenv("LIANMENG_COMPILED_MIN", "10")  # the 82-node sample counts as a city
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.session_state["structure_measure"] = "betweenness"  # the first rendering, which starts the job, shows it
    at.switch_page("pages/structure.py").run()
    assert not at.exception and not at.success
    [estimate] = [i.value for i in at.info]
    assert estimate.startswith("估算：组织较多，中介中心性先显示抽样 ε=0.001（networkit KADABRA）的估算值。")
    assert "前 50 名有 76%–88% 与精确结果相同" in estimate and "精确结果正在后台计算" in estimate
    for thread in threading.enumerate():  # the background job the page started
        if thread.name.startswith("exact-betweenness"):
            thread.join(timeout=60)
    at.button(key="structure_exact_refresh").click().run()
    assert not at.info
    [ready] = [s.value for s in at.success]
    assert ready.startswith("精确：中介中心性已换成精确结果（数据版本 ")
    ranking = _frame(at, "名次")
    assert ranking["编号"][0] == "prk-02" and ranking["得分"][0] == pytest.approx(0.142037, abs=1e-6)
    # communities by igraph's Leiden above the size setting, the comparison saying so
    assert any(c.value.startswith("社群由Leiden 算法（igraph，优化模块度，固定种子的多次运行中取最好的一次）从结对中发现")
               for c in at.caption)
    assert at.dataframe[-1].value.to_numpy().sum() == 82


# --- wiring: network sizes and organisation ranks ---------------------------------------------


def test_network_sizes_nodes_by_an_analysis_measure(data_dir: Path):
    at = open_page("pages/network.py", NETWORK_FILTERS_OPEN)
    assert at.selectbox(key="network_measure").options == ["度数（结对数）", "中介中心性", "PageRank", "接近中心性"]
    degree_doc = network_data(at)
    at.selectbox(key="network_measure").set_value("betweenness").run()
    assert not at.exception
    betweenness_doc = network_data(at)
    assert degree_doc != betweenness_doc and "中介中心性" in betweenness_doc


def test_organisation_page_shows_centrality_ranks(data_dir: Path):
    at = open_page("pages/organisations.py")
    at.selectbox(key="organisations_pick").set_value("prk-02").run()
    ranks = _frame(at, "指标").set_index("指标")
    assert ranks.loc["中介中心性", "排名"] == "第 1 / 82 名"
    assert ranks.loc["中介中心性", "计算方式"] == "精确"
    assert set(ranks.index) == {"度中心性", "中介中心性", "PageRank", "接近中心性"}
