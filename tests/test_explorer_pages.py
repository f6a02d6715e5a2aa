"""The network (网络图) and organisations (组织) pages under AppTest, on the sample street.

Sample figures used here (see lianmeng/sample.py): 5 alliances, 48 members, 20 regional
and 14 external units, the committee → 88 parties; 179 active pairings (38 small, 84 large,
25 alliance-level, 32 street-level) and 4 ended ones.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from app_pages import NETWORK_CHAIN_OPEN, NETWORK_FILTERS_OPEN, network_data, open_page
from streamlit.testing.v1 import AppTest

from graphdb.sqlite_store import SqliteStore
from lianmeng.records import Alliance, Organisation, Pairing, PairingKind, Scope
from lianmeng.sample import sample_street

XSS = "<img src=x onerror=alert(1)>"



def _document(at: AppTest) -> str:
    """The data the page sent to its network frame (script-safe JSON, as the frame reads it)."""
    return network_data(at)


def _counts(at: AppTest) -> tuple[int, int]:
    caption = next(c.value for c in at.caption if c.value.startswith("显示"))
    nodes, edges = re.findall(r"\d+", caption)
    return int(nodes), int(edges)


def test_network_page_shows_the_whole_sample_street(data_dir: Path):
    at = open_page("pages/network.py", NETWORK_FILTERS_OPEN)
    assert at.title[0].value == "网络图"
    assert _counts(at) == (88, 179)  # active today: the four ended pairings are hidden
    document = _document(at)
    assert "行政区党建联盟" in document and json.loads(document)["nodes"]
    at.checkbox(key="network_any_date").check().run()
    assert _counts(at) == (88, 183)


def test_network_filters_change_what_is_shown(data_dir: Path):
    at = open_page("pages/network.py", NETWORK_FILTERS_OPEN)
    at.multiselect(key="network_kinds").set_value(["small"]).run()
    assert _counts(at) == (87, 38)  # the committee shows only through street-level pairings
    at.multiselect(key="network_kinds").set_value(["street"]).run()
    assert _counts(at)[1] == 32
    at.multiselect(key="network_kinds").set_value(["small", "cross_alliance"]).run()
    at.multiselect(key="network_scopes").set_value(["member"]).run()
    assert _counts(at) == (53, 38 + 50)  # 5 alliances + 48 members
    at.date_input(key="network_on_date").set_value(dt.date(2020, 1, 1)).run()
    assert _counts(at) == (53, 0)  # nothing had started yet


def test_network_filters_keep_their_values_while_closed(data_dir: Path):
    """The filters' widgets are built only while their expander is open; closed, the
    values chosen still filter the view, and opening it again shows them."""
    at = open_page("pages/network.py")
    assert not at.multiselect and not at.date_input and not at.slider  # closed: none built
    assert _counts(at) == (88, 179)
    at.session_state["network_more_open"] = True
    at.run()
    at.multiselect(key="network_kinds").set_value(["small"]).run()
    assert _counts(at) == (87, 38)
    at.session_state["network_more_open"] = False
    at.run()
    assert not at.multiselect and _counts(at) == (87, 38)
    at.run()  # a second run with the expander closed keeps them too
    assert _counts(at) == (87, 38)
    at.session_state["network_more_open"] = True
    at.run()
    assert at.multiselect(key="network_kinds").value == ["small"]


def test_network_search_by_pinyin_initials_centres_the_neighbourhood(data_dir: Path):
    sample = sample_street()
    tongchuan = next(o for o in sample.organisations if o.name == "铜川社区党总支")
    partners = {p.party_b if p.party_a == tongchuan.id else p.party_a
                for p in sample.pairings if tongchuan.id in (p.party_a, p.party_b) and p.is_active}
    at = open_page("pages/network.py", NETWORK_FILTERS_OPEN)
    at.text_input(key="network_query").input("tc").run()
    pick = at.selectbox(key="network_pick")
    assert pick.value == tongchuan.id
    assert _counts(at)[0] == 1 + len(partners)
    assert f'"focus": "{tongchuan.id}"' in _document(at)
    at.slider(key="network_steps").set_value(2).run()
    assert _counts(at)[0] > 1 + len(partners)
    at.text_input(key="network_query").input("没有这个组织").run()
    assert any("没有找到" in w.value for w in at.warning)
    assert _counts(at) == (88, 179)


def test_network_shortest_chain(data_dir: Path):
    sample = sample_street()
    small = next(p for p in sample.pairings if p.kind is PairingKind.SMALL and p.is_active)
    at = open_page("pages/network.py", NETWORK_CHAIN_OPEN)
    at.selectbox(key="network_chain_from").set_value(small.party_a).run()
    at.selectbox(key="network_chain_to").set_value(small.party_b).run()
    assert any(m.value == "共 1 步：" for m in at.markdown)
    table = at.dataframe[0].value
    assert list(table["结对类型"]) == ["小联动"]
    assert list(table["一方"]) == [sample.name_of(small.party_a)]


def test_network_opens_aggregated_above_the_threshold_and_drills_in(data_dir: Path, monkeypatch):
    monkeypatch.setenv("LIANMENG_NETWORK_DETAIL_MAX", "50")
    at = open_page("pages/network.py")
    assert any("联盟总览图" in i.value for i in at.info)
    assert _counts(at)[0] == 5 + 2 + 1  # alliances, the two outside scopes, the committee
    sample = sample_street()
    campus = next(a for a in sample.alliances if a.sector == "campus")
    at.selectbox(key="network_drill").set_value(campus.id).run()
    members = {o.id for o in sample.members_of(campus.id)}
    nodes, _ = _counts(at)
    assert nodes > len(members) + 1
    assert all(f'"id": "{m}"' in _document(at) for m in members)


def test_organisations_page_table_search_and_detail(data_dir: Path):
    at = open_page("pages/organisations.py")
    assert at.title[0].value == "组织"
    table = at.dataframe[0].value
    assert len(table) == 48 + 20 + 14
    at.text_input(key="organisations_query").input("tc").run()
    table = at.dataframe[0].value
    assert table["名称"].iloc[0] == "铜川社区党总支"
    assert at.subheader[0].value == "铜川社区党总支"
    facts = at.dataframe[1].value
    assert dict(zip(facts["项目"], facts["内容"], strict=True))["所属联盟"] == "社区党建联盟"
    headings = [m.value for m in at.markdown]
    assert any(h.startswith("**结对（含历史）**") for h in headings)
    assert any(h.startswith("**担任轮值主席的会议**") for h in headings)
    # by the house rules (lianmeng.web.tables.show): the pairings' content column is wide, never cut
    pairings = next(d for d in at.dataframe if "共建内容" in d.value.columns)
    assert json.loads(pairings.proto.columns)["共建内容"]["width"] == "large"


@pytest.fixture
def hostile_store(data_dir: Path) -> None:
    """The sample street plus a regional unit named like an attack, paired with a member."""
    sample = sample_street()
    with SqliteStore(data_dir / "lianmeng.sqlite3") as store:
        store.replace_all(sample)
        store.upsert([
            Organisation(id="xss", name=XSS, scope=Scope.REGIONAL, unit=XSS, contact=XSS, brands=(XSS,)),
            Pairing(party_a=sample.organisations[0].id, party_b="xss", kind=PairingKind.REGIONAL,
                    content=XSS, since=dt.date(2025, 1, 1)),
        ])


def _no_raw_html(at: AppTest) -> None:
    """No st.html but the constant style sheet of the uploader's Chinese words, no markdown
    with HTML allowed that carries the name, the name never raw in Markdown-rendered text
    (it must come backslash-escaped), and never raw in an iframe."""
    from lianmeng.web.static_files import warm_up_files, warm_up_script
    from lianmeng.web.wording import uploader_css

    constant = {f"<style>\n{uploader_css()}</style>", warm_up_script(warm_up_files())}
    for element in at.get("html"):
        assert element.proto.body in constant, "no page renders raw HTML elements"
    for element in at.markdown:
        if "<img" in element.value:
            assert not element.proto.allow_html, element.value
    for element in (*at.markdown, *at.caption, *at.subheader, *at.title, *at.info, *at.warning):
        assert XSS not in element.value, f"hostile text reached Markdown unescaped: {element.value!r}"
    for frame in at.get("iframe"):
        assert "<img" not in frame.proto.srcdoc
        assert XSS not in frame.proto.srcdoc
    for frame in at.get("component_instance"):  # the network frame's data: escaped JSON
        for sent in (frame.proto.json_args, *(a.bytes.decode("utf-8") for a in frame.proto.special_args)):
            assert "<img" not in sent
            assert XSS not in sent


@pytest.mark.parametrize("page", ["pages/overview.py", "pages/network.py", "pages/organisations.py",
                                  "pages/coverage.py", "pages/structure.py", "pages/rotating_meetings.py",
                                  "pages/import_data.py", "pages/downloads.py", "pages/audit.py",
                                  "pages/users.py"])
def test_hostile_name_renders_as_text_on_every_page(hostile_store, data_dir: Path, page: str):
    if page == "pages/overview.py":
        # an alliance card shows its name, action and project as Markdown
        with SqliteStore(data_dir / "lianmeng.sqlite3") as store:
            store.upsert([Alliance(id="xss-alliance", name=XSS + "联盟", sector=XSS, unified_action=XSS,
                                   project="**" + XSS + "**")])
    if page == "pages/coverage.py":
        # a MEMBER named like an attack, with no pairing: it is in the gap lists, the
        # recommendations' heading and the plan
        with SqliteStore(data_dir / "lianmeng.sqlite3") as store:
            store.upsert([Organisation(id="xss-member", name=XSS + "党支部", alliance="campus", unit=XSS)])
    at = open_page(page, NETWORK_FILTERS_OPEN if page == "pages/network.py" else None)
    _no_raw_html(at)
    if page == "pages/coverage.py":
        assert XSS + "党支部" in at.tabs[0].dataframe[0].value["组织"].tolist()  # a cell: text
        at.selectbox(key="coverage_org").set_value("xss-member").run()
        assert "**\\<img src=x onerror=alert\\(1\\)\\>党支部：小联动推荐**" in [m.value for m in at.markdown]
        assert any(XSS in label for label in at.multiselect[0].options)  # widget labels are text
        plan_rows = at.dataframe[-1].value
        assert XSS + "党支部" in set(plan_rows["甲方"]) | set(plan_rows["乙方"])
        _no_raw_html(at)
    if page == "pages/structure.py":
        at.number_input(key="structure_top").set_value(100).run()
        assert XSS in _table_cells(at)
        _no_raw_html(at)
    if page == "pages/network.py":
        document = _document(at)
        assert "\\u003cimg src=x onerror=alert(1)\\u003e" in document  # label and tooltip
        at.text_input(key="network_query").input("<img").run()
        assert at.selectbox(key="network_pick").value == "xss"
        _no_raw_html(at)
    if page == "pages/organisations.py":
        at.text_input(key="organisations_query").input("onerror").run()
        assert at.dataframe[0].value["名称"].tolist() == [XSS]
        assert at.subheader[0].value == "\\<img src=x onerror=alert\\(1\\)\\>"
        assert at.dataframe[1].value.set_index("项目").loc["单位", "内容"] == XSS  # a cell: text
        _no_raw_html(at)


def _table_cells(at: AppTest) -> set[str]:
    return {str(v) for frame in at.dataframe for column in frame.value.columns for v in frame.value[column]}


def test_network_detail_max_setting():
    from lianmeng.settings import Settings, SettingsError

    assert Settings.from_env({}).network_detail_max == 1500
    assert Settings.from_env({"LIANMENG_NETWORK_DETAIL_MAX": "200"}).network_detail_max == 200
    with pytest.raises(SettingsError, match="LIANMENG_NETWORK_DETAIL_MAX 的值“很多”不是整数"):
        Settings.from_env({"LIANMENG_NETWORK_DETAIL_MAX": "很多"})
    with pytest.raises(SettingsError, match="请填写正整数"):
        Settings.from_env({"LIANMENG_NETWORK_DETAIL_MAX": "0"})


def test_network_search_for_an_organisation_hidden_by_the_filters_says_so(data_dir: Path):
    at = open_page("pages/network.py", NETWORK_FILTERS_OPEN)
    at.multiselect(key="network_scopes").set_value(["regional"]).run()
    at.text_input(key="network_query").input("tc").run()  # 铜川社区党总支 is a member: filtered out
    assert at.selectbox(key="network_pick").value == "com-02"
    assert [i.value for i in at.info] == [
        "“铜川社区党总支”不在当前筛选条件下的网络中：请放宽联盟、结对类型、范围或日期筛选后再看它的结对关系。"]
    at.multiselect(key="network_scopes").set_value(["member", "regional"]).run()
    assert not at.info
