"""View builders on a street small enough to check by hand, and the HTML's safety.

The little street: committee ``street``; alliances A (members a1, a2) and B (member b1);
regional unit r1, external unit e1. Pairings: a1–a2 small, a1–b1 cross-alliance,
a2–r1 regional, b1–e1 external, A–B alliance-level, street–r1 street-level, and a2–b1
cross-alliance that ENDED on 2025-01-01.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re

import pytest

from lianmeng.dataset import Dataset
from lianmeng.records import (
    Alliance,
    Committee,
    Meeting,
    Organisation,
    Pairing,
    PairingKind,
    PairingStatus,
    Scope,
)
from views.aggregate import aggregate_view, drill_nodes
from views.escaping import html_text, markdown_literal, script_json
from views.explorer import explorer_view
from views.layout import clustered_layout, dataset_layout
from views.network import NetworkFilter, detail_view, pairing_graph, select
from views.network_html import LegendItem, LegendSection, network_html, vis_assets
from views.palette import ALLIANCE_COLOURS, EDGE_STYLES, SCOPE_COLOURS, alliance_colours
from views.profile import organisation_profile, organisation_table
from views.search import find, initials, neighbourhood, search_index, shortest_chain

XSS = "<img src=x onerror=alert(1)>"
D = dt.date(2024, 1, 1)


def _pair(a: str, b: str, kind: PairingKind, **extra) -> Pairing:
    return Pairing(party_a=a, party_b=b, kind=kind, since=D, content="共建", **extra)


@pytest.fixture
def street() -> Dataset:
    return Dataset(
        committees=[Committee(id="street", name="街道党工委")],
        alliances=[Alliance(id="A", name="甲联盟", sector="community"),
                   Alliance(id="B", name="乙联盟", sector="campus")],
        organisations=[
            Organisation(id="a1", name="铜川社区党总支", alliance="A", unit="铜川居委", brands=("四事",)),
            Organisation(id="a2", name="新郁社区党支部", alliance="A"),
            Organisation(id="b1", name="XX幼儿园党支部", alliance="B"),
            Organisation(id="r1", name="轻纺市场党委", scope=Scope.REGIONAL),
            Organisation(id="e1", name="区检察院", scope=Scope.EXTERNAL),
        ],
        pairings=[
            _pair("a1", "a2", PairingKind.SMALL),
            _pair("a1", "b1", PairingKind.CROSS_ALLIANCE),
            _pair("a2", "r1", PairingKind.REGIONAL),
            _pair("b1", "e1", PairingKind.EXTERNAL),
            _pair("A", "B", PairingKind.ALLIANCE),
            _pair("street", "r1", PairingKind.STREET),
            _pair("a2", "b1", PairingKind.CROSS_ALLIANCE, until=dt.date(2025, 1, 1), status=PairingStatus.ENDED),
        ],
        meetings=[Meeting(id="m1", alliance="A", date=dt.date(2026, 3, 1), chair="a1", attendees=("a1", "a2"))],
    ).validated()


def _kinds(selection) -> list[str]:
    return sorted(p.kind.value for p in selection.pairings)


# --- selection ------------------------------------------------------------------------


def test_select_everything_keeps_every_party_and_pairing(street):
    selection = select(street)
    assert set(selection.parties) == {"A", "B", "a1", "a2", "b1", "r1", "e1", "street"}
    assert len(selection.pairings) == 7


def test_select_on_a_date_drops_ended_pairings(street):
    selection = select(street, NetworkFilter(active_on=dt.date(2025, 6, 1)))
    assert len(selection.pairings) == 6
    assert all(p.is_active for p in selection.pairings)
    assert len(select(street, NetworkFilter(active_on=dt.date(2024, 6, 1))).pairings) == 7


def test_select_one_alliance_keeps_its_members_and_the_outside_units_they_pair_with(street):
    selection = select(street, NetworkFilter(alliances=frozenset({"A"})))
    # e1 pairs only with b1 (alliance B), so it goes; r1 pairs with a2 and brings the committee
    assert set(selection.parties) == {"A", "a1", "a2", "r1", "street"}
    assert _kinds(selection) == ["regional", "small", "street"]


def test_select_by_kind_and_scope(street):
    small = select(street, NetworkFilter(kinds=frozenset({"small"})))
    assert _kinds(small) == ["small"]
    assert "street" not in small.parties  # the committee appears only through a pairing
    members = select(street, NetworkFilter(scopes=frozenset({"member"})))
    assert set(members.parties) == {"A", "B", "a1", "a2", "b1"}
    assert _kinds(members) == ["alliance", "cross_alliance", "cross_alliance", "small"]


def test_pairing_graph_has_one_edge_per_pair_with_its_pairings(street):
    graph = pairing_graph(select(street))
    assert graph.number_of_nodes() == 8
    assert graph.number_of_edges() == 7
    assert [p.kind.value for p in graph.edges["a1", "b1"]["pairings"]] == ["cross_alliance"]
    assert dict(graph.degree())["a2"] == 3


# --- detail view ----------------------------------------------------------------------


def test_detail_view_colours_sizes_and_tooltips(street):
    selection = select(street, NetworkFilter(active_on=dt.date(2025, 6, 1)))
    positions = dataset_layout(street)
    sizes = {"a1": 3.0, "a2": 1.0}
    view = detail_view(street, selection, positions, sizes=sizes, size_label="度数")
    nodes = {n["id"]: n for n in view.nodes}
    assert nodes["a1"]["color"] == ALLIANCE_COLOURS[0]
    assert nodes["b1"]["color"] == ALLIANCE_COLOURS[1]
    assert nodes["r1"]["color"] == SCOPE_COLOURS["regional"]
    assert nodes["e1"]["color"] == SCOPE_COLOURS["external"]
    assert nodes["A"]["shape"] == "diamond" and nodes["street"]["shape"] == "star"
    # scores scale linearly to 8–32 between the smallest (0, missing) and the largest (3)
    assert nodes["a1"]["size"] == pytest.approx(32.0)
    assert nodes["a2"]["size"] == pytest.approx(16.0)
    assert nodes["e1"]["size"] == pytest.approx(8.0)
    assert nodes["a1"]["title"].splitlines() == [
        "铜川社区党总支", "单位：铜川居委", "联盟：甲联盟", "结对：2 条", "品牌：四事"]
    assert "联盟：区域内体系外" in nodes["r1"]["title"]
    assert (nodes["a1"]["x"], nodes["a1"]["y"]) == positions["a1"]
    styles = {(e["from"], e["to"]): e for e in view.edges}
    assert styles["a2", "r1"]["dashes"] == list(EDGE_STYLES["regional"].dashes)
    assert "dashes" not in styles["a1", "a2"]
    assert len(view.edges) == 6


def test_focus_and_neighbourhood_and_chain_highlight(street):
    selection = select(street)
    graph = pairing_graph(selection)
    positions = dataset_layout(street)
    result = explorer_view(street, selection, graph, positions, detail_max=100, focus="a1", steps=1,
                           chain=("a1", "b1", "e1"))
    assert result.mode == "neighbourhood"
    assert result.view.node_ids == {"a1", "a2", "b1", "e1"}  # a1's neighbours + the chain
    assert result.view.focus == "a1"
    widths = {(e["from"], e["to"]): e["width"] for e in result.view.edges}
    assert widths["a1", "b1"] == pytest.approx(EDGE_STYLES["cross_alliance"].width * 4)
    assert widths["a1", "a2"] == pytest.approx(EDGE_STYLES["small"].width)
    assert '"focus": "a1"' in result.html


def test_large_selection_opens_aggregated_and_drills_into_one_alliance(street):
    selection = select(street)
    graph = pairing_graph(selection)
    positions = dataset_layout(street)
    assert explorer_view(street, selection, graph, positions, detail_max=8).mode == "detail"
    result = explorer_view(street, selection, graph, positions, detail_max=7)
    assert result.mode == "aggregate"
    assert result.selected_nodes == 8
    drilled = explorer_view(street, selection, graph, positions, detail_max=7, drill="B")
    assert drilled.mode == "drill"
    assert drilled.view.node_ids == {"B", "b1", "A", "a1", "a2", "e1"}


def test_aggregate_view_counts_pairings_between_groups(street):
    view = aggregate_view(street, select(street))
    nodes = {n["id"]: n for n in view.nodes}
    assert set(nodes) == {"A", "B", "scope:regional", "scope:external", "street"}
    assert nodes["A"]["label"] == "甲联盟（2）"
    assert "联盟内小联动：1 条" in nodes["A"]["title"]
    counts = {tuple(sorted((e["from"], e["to"]))): int(e["label"]) for e in view.edges}
    # A–B: a1–b1, the ended a2–b1 and the alliance-level A–B
    assert counts == {("A", "B"): 3, ("A", "scope:regional"): 1, ("B", "scope:external"): 1,
                      ("scope:regional", "street"): 1}
    widths = {tuple(sorted((e["from"], e["to"]))): e["width"] for e in view.edges}
    assert widths["A", "B"] == pytest.approx(14.0)
    assert widths["A", "scope:regional"] == pytest.approx(1.0 + 13.0 / 3)


def test_drill_nodes(street):
    assert drill_nodes(select(street), "A") == {"A", "a1", "a2", "b1", "r1", "B"}


# --- search -----------------------------------------------------------------------------


def test_initials_and_find(street):
    assert initials("铜川社区党总支") == "tcsqdzz"
    assert initials("XX幼儿园党支部") == "xxyeydzb"
    index = search_index(street)
    assert [e.id for e in find(index, "tc")] == ["a1"]
    assert [e.id for e in find(index, "TC")] == ["a1"]
    assert [e.id for e in find(index, "社区")] == ["a1", "a2"]
    # exact name first, then prefix, fragment, initials
    assert [e.id for e in find(index, "sq")] == ["a1", "a2"]
    assert [e.id for e in find(index, "区检察院")] == ["e1"]
    assert find(index, "   ") == []
    assert find(index, "不存在") == []


def test_neighbourhood_steps_and_shortest_chain(street):
    graph = pairing_graph(select(street, NetworkFilter(active_on=dt.date(2025, 6, 1))))
    assert neighbourhood(graph, "e1", 1) == {"e1", "b1"}
    assert neighbourhood(graph, "e1", 2) == {"e1", "b1", "a1"}
    assert neighbourhood(graph, "e1", 3) == {"e1", "b1", "a1", "a2"}
    assert neighbourhood(graph, "nobody", 2) == set()
    assert shortest_chain(graph, "e1", "r1") == ["e1", "b1", "a1", "a2", "r1"]
    small_only = pairing_graph(select(street, NetworkFilter(kinds=frozenset({"small"}))))
    assert shortest_chain(small_only, "a1", "b1") is None


# --- layout -----------------------------------------------------------------------------


def test_layout_puts_outward_tied_members_on_outer_rings_facing_their_partners():
    members = [f"m{i}" for i in range(7)]  # ring 1 holds 6, so one member goes to ring 2
    pos = clustered_layout({"g": members}, ["o"], [("m3", "o")], hubs=["h"], spacing=10.0)
    assert pos["h"] == (0.0, 0.0)
    assert pos["g"] == (0.0, 0.0)  # one group: centred
    distance = {m: math.dist(pos[m], pos["g"]) for m in members}
    assert distance["m3"] == pytest.approx(20.0, abs=0.1)  # positions are rounded to 0.1
    assert all(distance[m] == pytest.approx(10.0, abs=0.1) for m in members if m != "m3")
    assert math.dist(pos["o"], (0, 0)) > 20.0
    assert math.dist(pos["m3"], pos["o"]) == pytest.approx(math.dist(pos["o"], (0, 0)) - 20.0, abs=0.1)
    assert len(set(pos.values())) == len(pos) - 1  # only the hub shares the group's centre


def test_layout_puts_outside_units_next_to_the_alliances_they_pair_with():
    groups = {"east": ["e1", "e2"], "west": ["w1", "w2"]}
    pos = clustered_layout(groups, ["oe", "ow"], [("e1", "oe"), ("w2", "ow")])
    assert pos["east"][0] > 0 > pos["west"][0]
    assert pos["oe"][0] > 0 > pos["ow"][0]
    assert clustered_layout(groups, ["oe", "ow"], [("e1", "oe"), ("w2", "ow")]) == pos


def test_dataset_layout_places_every_party_apart(street):
    pos = dataset_layout(street)
    assert set(pos) == {"A", "B", "a1", "a2", "b1", "r1", "e1", "street"}
    assert len(set(pos.values())) == len(pos)


# --- escaping and the document ---------------------------------------------------------


def test_escaping_helpers():
    assert html_text(XSS) == "&lt;img src=x onerror=alert(1)&gt;"
    assert html_text('"a" & \'b\'') == "&quot;a&quot; &amp; &#x27;b&#x27;"
    text = script_json({"s": "</script>\u2028&"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"s": "</script>\u2028&"}
    assert markdown_literal("**x**") == "\\*\\*x\\*\\*"


def _hostile_street(street: Dataset) -> Dataset:
    hostile = Organisation(id="xss", name=XSS, scope=Scope.REGIONAL, unit=XSS, brands=(XSS,))
    alliances = (street.alliances[0].model_copy(update={"name": XSS}), street.alliances[1])
    return Dataset(committees=street.committees, alliances=alliances,
                   organisations=(*street.organisations, hostile),
                   pairings=(*street.pairings, _pair("a1", "xss", PairingKind.REGIONAL))).validated()


def _payload(document: str) -> dict:
    match = re.search(r'<script id="lm-data" type="application/json">(.*?)</script>', document, re.S)
    assert match
    return json.loads(match.group(1))


def test_hostile_names_are_text_in_labels_tooltips_and_legend(street):
    dataset = _hostile_street(street)
    view = detail_view(dataset, select(dataset), dataset_layout(dataset), title=XSS)
    document = view.html()
    assert XSS not in document
    assert "<img" not in document
    escaped_json = "\\u003cimg src=x onerror=alert(1)\\u003e"
    escaped_html = "&lt;img src=x onerror=alert(1)&gt;"
    payload = _payload(document)
    node = next(n for n in payload["nodes"] if n["id"] == "xss")
    assert node["label"] == XSS  # drawn on the canvas as text
    assert node["title"].splitlines() == [XSS, f"单位：{XSS}", "联盟：区域内体系外", "结对：1 条", f"品牌：{XSS}"]
    assert document.count(escaped_json) >= 4  # label, tooltip name, unit, brand, …
    legend = document[document.index('<div id="lm-legend"'):document.index('<script id="lm-data"')]
    assert escaped_html in legend  # the alliance named XSS, and the title
    assert f"<title>{escaped_html}</title>" in document
    # tooltips become DOM text, never markup
    assert "box.textContent = text" in document and "innerHTML" not in document.split("<script>")[-1]
    aggregate = aggregate_view(dataset, select(dataset)).html()
    assert XSS not in aggregate and escaped_json in aggregate and escaped_html in aggregate


#: every URL in the vendored vis-network 9.1.9 files, and why none is a request
VENDORED_URLS = {
    "http://naver.github.io/egjs",  # Hammer.JS's licence header comment
    "https://visjs.github.io/vis-network/",  # licence header comment
    "http://almende.com",  # licence header comment
    "https://github.com/visjs",  # licence header comment
    "http://www.apache.org/licenses/LICENSE-2.0",  # licence header comment
    "http://opensource.org/licenses/MIT",  # licence header comment
    "https://github.com/zloirock/core-js",  # core-js's bundled copyright record (a string)
    "https://github.com/zloirock/core-js/blob/v3.33.0/LICENSE",  # same record
    "https://github.com/uuidjs/uuid#getrandomvalues-not-supported",  # text of an error message
}
_URL = re.compile(r"(?:https?|wss?)://[^\s\"'<>)\\]+")


def test_document_is_offline(street):
    document = detail_view(street, select(street), dataset_layout(street)).html()
    script, style = vis_assets()
    assert script in document and style in document  # inlined, whole
    assert set(_URL.findall(script)) | set(_URL.findall(style)) == VENDORED_URLS
    # and the SVG namespace name the legend script draws edge samples with (a name, never fetched)
    assert set(_URL.findall(document)) == VENDORED_URLS | {"http://www.w3.org/2000/svg"}
    assert not re.search(r"<script[^>]*\bsrc\s*=", document, re.I)
    assert not re.search(r"<link\b", document, re.I)
    assert not re.search(r"<(iframe|img|embed|object)\b", document, re.I)
    assert "@import" not in document
    assert set(re.findall(r"url\(\s*['\"]?([a-z]+):", document)) == {"data"}
    assert "bootstrap" not in document.lower()
    # core-js inside vis-network writes "<script>" as a string for an old-IE fallback
    assert document.count("<script") == 3 + script.count("<script")
    assert document.count("<style") == 2


def test_network_html_round_trips_nodes_edges_and_options():
    nodes = [{"id": "n\u2028", "label": "a&b", "x": 1.0, "y": 2.0, "title": "</script>"}]
    edges = [{"from": "n\u2028", "to": "n\u2028"}]
    legend = [LegendSection("h", (LegendItem("x", "#000000"), LegendItem("e", "#111111", edge=True, dashes=(2, 4))))]
    payload = _payload(network_html(nodes, edges, legend, title="t", focus="n\u2028"))
    assert payload["nodes"] == nodes and payload["edges"] == edges and payload["focus"] == "n\u2028"
    assert payload["options"]["physics"] == {"enabled": False}
    assert payload["options"]["edges"]["smooth"] is False


def test_palette_is_stable_by_order():
    colours = alliance_colours([f"a{i}" for i in range(18)])
    assert colours["a0"] == "#E69F00" and colours["a16"] == colours["a0"]
    assert len(set(ALLIANCE_COLOURS)) == len(ALLIANCE_COLOURS)
    assert set(EDGE_STYLES) == {k.value for k in PairingKind}  # every kind has a style (跨街道 too)


# --- organisations ------------------------------------------------------------------


def test_organisation_table_and_profile(street):
    table = organisation_table(street)
    assert list(table["名称"]) == ["铜川社区党总支", "新郁社区党支部", "XX幼儿园党支部", "轻纺市场党委", "区检察院"]
    assert dict(zip(table["编号"], table["进行中结对"], strict=True)) == {"a1": 2, "a2": 2, "b1": 2, "r1": 2, "e1": 1}
    profile = organisation_profile(street, "a2")
    facts = dict(zip(profile.facts["项目"], profile.facts["内容"], strict=True))
    assert facts["所属联盟"] == "甲联盟" and facts["范围"] == "体系内"
    assert list(profile.pairings["结对方"]) == ["铜川社区党总支", "XX幼儿园党支部", "轻纺市场党委"]
    ended = profile.pairings[profile.pairings["结对方"] == "XX幼儿园党支部"].iloc[0]
    assert (ended["状态"], ended["结束日期"], ended["层级"]) == ("已结束", "2025-01-01", "组织层面")
    assert profile.chaired.empty and len(profile.attended) == 1
    assert len(organisation_profile(street, "a1").chaired) == 1
    with pytest.raises(KeyError):
        organisation_profile(street, "A")
