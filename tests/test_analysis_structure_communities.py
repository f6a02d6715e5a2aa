"""Articulation points, bridges, components and communities, checked by hand."""

from __future__ import annotations

import networkx as nx
import pytest

from analysis.communities import adjusted_rand, communities, normalised_mutual_information
from analysis.structure import structure


def test_bowtie_has_one_cut_node_and_no_bridge():
    # two triangles sharing node 2, plus a pendant 5 hanging off 4 and an isolated 9
    g = nx.Graph([(0, 1), (1, 2), (0, 2), (2, 3), (3, 4), (2, 4), (4, 5)])
    g.add_node(9)
    s = structure(g)
    assert s.articulation_points == (2, 4)
    assert s.bridges == ((4, 5),)
    assert s.components == ((0, 1, 2, 3, 4, 5), (9,))
    assert s.isolates == (9,) and s.component_count == 2 and s.largest_component == 6


def test_a_tree_is_all_bridges():
    s = structure(nx.path_graph(4))
    assert s.articulation_points == (1, 2) and s.bridges == ((0, 1), (1, 2), (2, 3))


def two_cliques(alliances: dict[int, str]) -> nx.Graph:
    g = nx.disjoint_union(nx.complete_graph(4), nx.complete_graph(4))
    g.add_edge(3, 4)
    nx.set_node_attributes(g, alliances, "alliance")
    return g


def test_louvain_finds_the_two_cliques_and_they_match_the_alliances():
    g = two_cliques({i: "A" if i < 4 else "B" for i in range(8)})
    r = communities(g, seed=7)
    assert r.communities == ((0, 1, 2, 3), (4, 5, 6, 7))
    # m = 13; each alliance holds 6 edges and degree 13: Q = 2 (6/13 - (13/26)²)
    assert r.alliance_modularity == pytest.approx(2 * (6 / 13 - 0.25))
    assert r.modularity == pytest.approx(r.alliance_modularity)
    assert r.adjusted_rand == 1.0 and r.nmi == pytest.approx(1.0)


def test_alliances_that_cut_across_the_cliques_disagree():
    g = two_cliques({i: "A" if i % 2 else "B" for i in range(8)})
    r = communities(g, seed=7)
    assert r.alliance_modularity < 0.0 < r.modularity
    assert r.adjusted_rand < 0.0 and r.nmi == pytest.approx(0.0)


def test_outside_units_are_left_out_of_the_agreement():
    g = two_cliques({i: "A" if i < 4 else "B" for i in range(8)})
    g.add_edge(0, 8)  # node 8, a regional unit, has no alliance attribute
    assert communities(g, seed=7).adjusted_rand == 1.0


@pytest.mark.parametrize("a, b, ari", [
    ([0, 0, 1, 1], [1, 1, 0, 0], 1.0),
    ([0, 0, 1, 1], [0, 1, 0, 1], -0.5),  # (0 - 2/3) / (2 - 2/3)
    ([0, 0, 0, 0], [0, 0, 0, 0], 1.0),
])
def test_adjusted_rand(a, b, ari):
    assert adjusted_rand(a, b) == pytest.approx(ari)


@pytest.mark.parametrize("a, b, nmi", [
    ([0, 0, 1, 1], [5, 5, 6, 6], 1.0),
    ([0, 0, 1, 1], [0, 1, 0, 1], 0.0),
    ([0, 0, 1, 1], [0, 0, 1, 2], 0.8),  # MI = ln2, entropies ln2 and 1.5 ln2
])
def test_normalised_mutual_information(a, b, nmi):
    assert normalised_mutual_information(a, b) == pytest.approx(nmi)


def test_graph_without_edges_gives_singletons():
    g = nx.empty_graph(3)
    r = communities(g)
    assert r.communities == ((0,), (1,), (2,)) and r.modularity == 0.0
