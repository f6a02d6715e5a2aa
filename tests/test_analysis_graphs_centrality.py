"""Pairing network, centrality and brokers on graphs small enough to check by hand."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest
from analysis_fixtures import small_street

from analysis.brokers import brokers, participation_coefficient
from analysis.centrality import centrality, sampled_closeness
from analysis.graphs import pairing_network, structure_graph


def test_pairing_network_has_every_organisation_and_the_pairings_in_force():
    g = pairing_network(small_street())
    assert g.number_of_nodes() == 9
    assert sorted(tuple(sorted(e)) for e in g.edges) == [
        ("e1", "x3"), ("r1", "x2"), ("x1", "x2"), ("x1", "y1"), ("y1", "y2")]
    assert g.nodes["r1"]["group"] == "scope:regional" and g.nodes["x1"]["alliance"] == "X"
    assert g.edges["x1", "y1"]["kind"] == "cross_alliance" and g.edges["x1", "y1"]["linkage"] == "large"


@pytest.mark.parametrize("day, edges", [
    (dt.date(2024, 3, 1), [("x3", "x4")]),  # only the pairing that ended later was running
    (dt.date(2024, 6, 30), [("x3", "x4")]),  # the end day counts
    (dt.date(2024, 7, 1), []),
    (dt.date(2026, 1, 21), [("e1", "x3"), ("r1", "x2"), ("x1", "x2"), ("y1", "y2")]),  # x1–y1 has ended
])
def test_network_as_of_a_date(day, edges):
    g = pairing_network(small_street(), on=day)
    assert sorted(tuple(sorted(e)) for e in g.edges) == edges


def test_structure_graph_has_all_four_levels_and_every_pairing():
    g = structure_graph(small_street())
    assert g.nodes["X"]["type"] == "alliance"
    assert g.edges["X", "x1"]["relation"] == "member"
    assert g.edges["X", "Y"]["relation"] == "pairing" and g.edges["X", "Y"]["kind"] == "alliance"


# --- centrality ---------------------------------------------------------------------------

PATH = nx.path_graph(["a", "b", "c", "d"])


@pytest.mark.parametrize("measure, expected", [
    ("degree", {"a": 1 / 3, "b": 2 / 3, "c": 2 / 3, "d": 1 / 3}),
    ("betweenness", {"a": 0.0, "b": 2 / 3, "c": 2 / 3, "d": 0.0}),
    ("closeness", {"a": 3 / 6, "b": 3 / 4, "c": 3 / 4, "d": 3 / 6}),
])
def test_measures_on_a_path_of_four(measure, expected):
    result = centrality(PATH, measures=(measure,))
    assert result.scores[measure] == pytest.approx(expected)
    assert result.methods[measure] == "exact"


def test_pagerank_of_a_path_is_symmetric_and_favours_the_middle():
    pr = centrality(PATH, measures=("pagerank",)).scores["pagerank"]
    assert sum(pr.values()) == pytest.approx(1.0)
    assert pr["b"] == pytest.approx(pr["c"]) and pr["a"] == pytest.approx(pr["d"]) and pr["b"] > pr["a"]


def test_above_the_threshold_measures_are_sampled_and_seeded():
    g = nx.cycle_graph(30)
    first = centrality(g, measures=("betweenness", "closeness"), betweenness_exact_max=10, betweenness_samples=8,
                       closeness_exact_max=10, closeness_samples=8, seed=3)
    again = centrality(g, measures=("betweenness", "closeness"), betweenness_exact_max=10, betweenness_samples=8,
                       closeness_exact_max=10, closeness_samples=8, seed=3)
    assert first.methods == {"betweenness": "sampled k=8", "closeness": "sampled k=8"}
    assert first.scores == again.scores


def test_sampled_closeness_is_exact_on_a_complete_graph_and_with_every_source():
    assert sampled_closeness(nx.complete_graph(5), k=2, seed=0) == pytest.approx(dict.fromkeys(range(5), 1.0))
    g = nx.lollipop_graph(4, 3)
    g.add_node("alone")
    assert sampled_closeness(g, k=g.number_of_nodes()) == pytest.approx(nx.closeness_centrality(g))


def test_per_alliance_rankings():
    g = nx.path_graph(["a1", "a2", "b1", "b2"])
    nx.set_node_attributes(g, {"a1": "A", "a2": "A", "b1": "B", "b2": "B"}, "alliance")
    ranking = centrality(g, measures=("betweenness",)).per_alliance("betweenness", 5)
    assert ranking == {"A": [("a2", pytest.approx(2 / 3)), ("a1", 0.0)],
                       "B": [("b1", pytest.approx(2 / 3)), ("b2", 0.0)]}


def test_unknown_measure_is_refused():
    with pytest.raises(ValueError, match="unknown measure"):
        centrality(PATH, measures=("fame",))


# --- brokers ------------------------------------------------------------------------------


def test_broker_reach_and_participation_by_hand():
    g = pairing_network(small_street())
    g.add_edge("x1", "z1")
    found = {b.id: b for b in brokers(g)}
    # x1's partners: x2 (X), y1 (Y), z1 (Z): three groups of one → P = 1 - 3/9
    assert found["x1"].other_alliances == ("Y", "Z")
    assert found["x1"].participation == pytest.approx(2 / 3)
    # x2's partners: x1 (X) and r1 (outside, regional) → P = 1 - 2/4; reaches no other alliance
    assert found["x2"].reach == 0 and found["x2"].participation == pytest.approx(0.5)
    assert brokers(g)[0].id == "x1"
    assert "x4" not in found  # no pairing in force: not a broker


def test_participation_of_an_isolated_node_is_zero():
    g = nx.Graph()
    g.add_node(1, group="A")
    assert participation_coefficient(g, 1) == 0.0
