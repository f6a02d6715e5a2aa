"""GEXF and GraphML read back by networkx with every node, edge and attribute."""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
import pytest
from export_data import FORMULA, TRICKY, small_street
from lxml import etree

from exports.graph_files import gexf_bytes, graphml_bytes, pairing_graph
from lianmeng.dataset import ChangeSet, Dataset, replace_record
from lianmeng.ops.analysis import dataset_centrality
from lianmeng.palette import COMMITTEE_COLOUR, EDGE_STYLES, SCOPE_COLOURS, alliance_colours

READERS = {"gexf": (gexf_bytes, nx.read_gexf), "graphml": (graphml_bytes, nx.read_graphml)}


def read_back(fmt: str, dataset: Dataset, centrality=None) -> nx.Graph:
    write, read = READERS[fmt]
    graph = read(io.BytesIO(write(dataset, centrality)))
    for _, data in graph.nodes(data=True):
        data.pop("viz", None)  # GEXF's colours and sizes: tested on the XML below
    for _, _, data in graph.edges(data=True):
        data.pop("viz", None)
    return graph


def edges_by_pairing(graph: nx.Graph) -> dict[str, dict]:
    return {data["pairing_id"]: {**data, "ends": {u, v}} for u, v, data in graph.edges(data=True)}


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_the_files_carry_the_analysis_centrality_by_hand(fmt: str):
    # organisation-level pairings in force form the path r1 – o2 – o1 – o3 – x1 (p5 is
    # alliance level, p6 street level, p7 ended); 5 nodes, so degree = neighbours / 4
    centrality = dataset_centrality(small_street()).scores
    assert set(centrality) == {"degree", "betweenness", "pagerank", "closeness"}
    graph = read_back(fmt, small_street(), centrality)
    o1, o2, x1 = graph.nodes["o1"], graph.nodes["o2"], graph.nodes["x1"]
    assert (o1["centrality_degree"], o2["centrality_degree"], x1["centrality_degree"]) == pytest.approx((0.5, 0.5, 0.25))
    # o1 lies on 4 of the 6 shortest paths between the other four; o2 on 3 (r1 to o1, o3, x1)
    assert (o1["centrality_betweenness"], o2["centrality_betweenness"]) == pytest.approx((4 / 6, 3 / 6))
    assert x1["centrality_betweenness"] == 0
    # closeness = 4 / (sum of distances): o1 1+1+2+2, x1 1+2+3+4
    assert (o1["centrality_closeness"], x1["centrality_closeness"]) == pytest.approx((4 / 6, 4 / 10))
    # PageRank of a path is symmetric and sums to 1 over the organisations
    assert o2["centrality_pagerank"] == pytest.approx(graph.nodes["o3"]["centrality_pagerank"])
    assert sum(graph.nodes[n]["centrality_pagerank"] for n in ("o1", "o2", "o3", "r1", "x1")) == pytest.approx(1)
    # the committee and the alliances are not in the organisation network: no value
    assert not any(k.startswith("centrality_") for k in graph.nodes["c"]) and "centrality_degree" not in graph.nodes["A1"]


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_small_street_reads_back_with_every_attribute(fmt: str):
    dataset = small_street()
    centrality = {"degree": {"o1": 0.25, "x1": 0.125}, "betweenness": {"o1": 0.5}}
    graph = read_back(fmt, dataset, centrality)
    assert set(graph.nodes) == {"c", "A1", "A2", "o1", "o2", "o3", "r1", "x1"}
    assert graph.nodes["o2"] == {
        "label": "二号党支部 <&>", "party_type": "organisation", "scope": "member", "scope_label": "体系内",
        "alliance": "A1", "alliance_name": "甲联盟", "sector": "community", "sector_label": "社区",
    }
    assert graph.nodes["o1"]["centrality_degree"] == pytest.approx(0.25)
    assert graph.nodes["o1"]["centrality_betweenness"] == pytest.approx(0.5)
    assert graph.nodes["A2"]["alliance"] == "A2" and graph.nodes["A2"]["party_type"] == "alliance"
    # an attribute with no value is absent, not "" (and never NaN)
    assert "scope" not in graph.nodes["A2"] and "centrality_degree" not in graph.nodes["A2"]
    assert graph.nodes["x1"]["scope_label"] == "区域外" and "alliance" not in graph.nodes["x1"]
    assert graph.nodes["c"]["label"] == "测试街道党工委"

    edges = edges_by_pairing(graph)
    assert set(edges) == {f"p{i}" for i in range(1, 8)}
    p1 = edges["p1"]
    assert p1["ends"] == {"o1", "o2"}
    expected = {"kind": "small", "kind_label": "小联动", "level": "organisation", "level_label": "组织层面",
                "linkage": "small", "content": TRICKY, "since": "2026-01-01", "status": "active",
                "status_label": "进行中"}
    assert {k: p1[k] for k in expected} == expected and "until" not in p1
    assert edges["p2"]["until"] == "2026-12-31" and edges["p2"]["linkage"] == "large"
    assert edges["p3"]["content"] == FORMULA
    assert edges["p5"]["ends"] == {"A1", "A2"} and "linkage" not in edges["p5"]
    assert edges["p7"]["status"] == "ended" and edges["p7"]["until"] == "2025-12-31"


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_parallel_pairings_of_one_pair_survive(fmt: str):
    graph = read_back(fmt, small_street())
    # p1 and p7 join the same two organisations (the ended one kept as history)
    assert graph.is_multigraph() and graph.number_of_edges("o1", "o2") == 2


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_sample_street_reads_back_whole(fmt: str, sample: Dataset):
    centrality = dataset_centrality(sample).scores
    graph = read_back(fmt, sample, centrality)
    built = pairing_graph(sample, centrality)
    assert set(graph.nodes) == set(built.nodes) and graph.number_of_nodes() == 1 + 5 + 82
    assert graph.number_of_edges() == len(sample.pairings) == 183
    for node, data in built.nodes(data=True):
        read = dict(graph.nodes[node])
        read.pop("viz", None)  # GEXF's colour and size
        assert read == pytest.approx(data), node
    read_edges = edges_by_pairing(graph)
    for u, v, data in built.edges(data=True):
        got = dict(read_edges[data["pairing_id"]])
        assert got.pop("ends") == {u, v}
        assert got.pop("id", data["pairing_id"]) == data["pairing_id"]  # the edge id IS the pairing id
        got.pop("viz", None)
        assert got == data


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_control_characters_xml_cannot_hold_are_dropped(fmt: str):
    dataset = small_street()
    bell = dataset.with_changes(ChangeSet(upserts=[
        replace_record(dataset.party("o3"), name="三号\x07党支部"),
        replace_record(next(p for p in dataset.pairings if p.id == "p4"), content="区\x0b外\t合作"),
    ]))
    graph = read_back(fmt, bell)
    assert graph.nodes["o3"]["label"] == "三号党支部"
    assert edges_by_pairing(graph)["p4"]["content"] == "区外\t合作"


# --- GEXF 1.3 with colours; GraphML with nothing blank --------------------------------------

GEXF = "{http://gexf.net/1.3}"
VIZ = "{http://gexf.net/1.3/viz}"
GRAMMAR = Path(__file__).parent / "data" / "gexf-1.3" / "gexf.rng"


def test_gexf_is_valid_gexf_1_3_with_the_explorer_colours(sample: Dataset):
    data = gexf_bytes(sample, dataset_centrality(sample).scores)
    root = etree.fromstring(data)
    grammar = etree.RelaxNG(etree.parse(str(GRAMMAR)))
    assert grammar.validate(root), grammar.error_log
    assert root.tag == f"{GEXF}gexf" and root.get("version") == "1.3"
    assert b"networkx_key" not in data and b"NaN" not in data and b'value=""' not in data
    colours = alliance_colours([a.id for a in sample.alliances])

    def rgb(element) -> str:
        colour = element.find(f"{VIZ}color")
        return "#{:02X}{:02X}{:02X}".format(*(int(colour.get(c)) for c in "rgb"))

    nodes = {n.get("id"): n for n in root.iter(f"{GEXF}node")}
    assert len(nodes) == 88 and all(n.find(f"{VIZ}size") is not None for n in nodes.values())
    assert rgb(nodes["street"]) == COMMITTEE_COLOUR and rgb(nodes["campus"]) == colours["campus"]
    for org in sample.organisations:
        expected = colours[org.alliance] if org.alliance else SCOPE_COLOURS[org.scope.value]
        assert rgb(nodes[org.id]) == expected, org.id
    sizes = {i: float(n.find(f"{VIZ}size").get("value")) for i, n in nodes.items()}
    assert sizes["street"] == 30 and sizes["campus"] == 26
    orgs = [sizes[o.id] for o in sample.organisations]
    assert min(orgs) >= 8 and max(orgs) == 32  # the organisation with most pairings in force
    edges = list(root.iter(f"{GEXF}edge"))
    assert sorted(e.get("id") for e in edges) == sorted(p.id for p in sample.pairings)
    by_id = {p.id: p for p in sample.pairings}
    for edge in edges:
        style = EDGE_STYLES[by_id[edge.get("id")].kind.value]
        assert rgb(edge) == style.colour
        assert edge.find(f"{VIZ}shape").get("value") == ("dashed" if style.dashes else "solid")


def test_graphml_has_no_blank_or_nan_values_and_pairing_ids_as_edge_ids(sample: Dataset):
    data = graphml_bytes(sample, dataset_centrality(sample).scores)
    root = etree.fromstring(data)
    ns = "{http://graphml.graphdrawing.org/xmlns}"
    values = [d.text for d in root.iter(f"{ns}data")]
    assert values and all(v not in (None, "") for v in values)
    assert not any(v.lower() in ("nan", "inf", "-inf") for v in values)
    assert sorted(e.get("id") for e in root.iter(f"{ns}edge")) == sorted(p.id for p in sample.pairings)
    committee = next(n for n in root.iter(f"{ns}node") if n.get("id") == "street")
    assert len(committee.findall(f"{ns}data")) == 2  # label and party_type: nothing else has a value
