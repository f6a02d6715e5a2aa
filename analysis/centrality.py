"""Centrality of organisations in the pairing network, with per-alliance rankings.

Four measures: degree, betweenness, PageRank and closeness. Betweenness and closeness
cost a breadth-first search per node, too much for a city (20,000 nodes: about 1,440 s
and 206 s with NetworkX), so above a size threshold both are *sampled*:

* betweenness: Brandes' algorithm from ``k`` sources drawn with ``seed``
  (``networkx.betweenness_centrality(k=..., seed=...)``), rescaled by NetworkX;
* closeness: the Eppstein–Wang estimator — breadth-first searches from ``k`` sampled
  sources; a node's mean distance to the sampled sources in its component estimates its
  mean distance to all of them, and the result is scaled like NetworkX's
  Wasserman–Faust closeness (``(r-1)/(n-1)`` for a component of ``r`` nodes).

:attr:`CentralityResult.methods` says which was used, so a page can show it.

Above ``compiled_min`` nodes (the caller's size setting) the heavy measures run on the
compiled kernels of :mod:`analysis.kernels` instead, with the same results: exact
betweenness on igraph (``"exact igraph"``), closeness by bit-parallel breadth-first
searches in NumPy (``"exact NumPy"``), PageRank's matrix built in NumPy (still
``"exact"``: NetworkX's own iteration), above ``betweenness_exact_max`` a KADABRA
estimate of betweenness to within ``betweenness_error`` (``"sampled ε=0.001 networkit
KADABRA"``), and above ``betweenness_kadabra_max`` (the province) Brandes from
``betweenness_samples`` sampled sources on igraph (``"sampled k=512 igraph"``).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

import networkx as nx

from analysis import kernels

__all__ = ["CentralityResult", "MEASURES", "centrality", "sampled_closeness", "rank"]

MEASURES = ("degree", "betweenness", "pagerank", "closeness")

Progress = Callable[[str], None]


@dataclass(frozen=True)
class CentralityResult:
    """Scores per measure and node, and how each measure was computed.

    ``scores[measure][node]`` is a float; ``methods[measure]`` is ``"exact"`` or
    ``"sampled k=256"``; ``alliance_of`` maps each node to its alliance (None outside).
    """

    scores: dict[str, dict[str, float]]
    methods: dict[str, str]
    alliance_of: dict[str, str | None] = field(default_factory=dict)

    def top(self, measure: str, n: int = 10) -> list[tuple[str, float]]:
        """The ``n`` highest nodes by ``measure``, ties broken by id."""
        return rank(self.scores[measure], n)

    def per_alliance(self, measure: str, n: int = 5) -> dict[str, list[tuple[str, float]]]:
        """For each alliance, its ``n`` highest members by ``measure``."""
        by_alliance: dict[str, dict[str, float]] = {}
        for node, value in self.scores[measure].items():
            alliance = self.alliance_of.get(node)
            if alliance:
                by_alliance.setdefault(alliance, {})[node] = value
        return {a: rank(values, n) for a, values in sorted(by_alliance.items())}


def rank(values: dict[str, float], n: int | None = None) -> list[tuple[str, float]]:
    """``values`` ordered high to low, ties broken by id; the first ``n`` if given.

    >>> rank({"b": 1.0, "a": 1.0, "c": 2.0}, 2)
    [('c', 2.0), ('a', 1.0)]
    """
    ordered = sorted(values.items(), key=lambda item: (-item[1], item[0]))
    return ordered if n is None else ordered[:n]


def sampled_closeness(graph: nx.Graph, k: int, seed: int = 0) -> dict[str, float]:
    """Closeness estimated from breadth-first searches out of ``k`` sampled sources.

    Exact (equal to ``networkx.closeness_centrality``) when ``k`` reaches the number of
    nodes; an unbiased estimate of each node's mean distance otherwise.

    Examples
    --------
    >>> g = nx.path_graph(4)
    >>> sampled_closeness(g, k=4) == nx.closeness_centrality(g)
    True
    """
    n = graph.number_of_nodes()
    if n <= 1:
        return dict.fromkeys(graph, 0.0)
    nodes = sorted(graph, key=str)
    sources = nodes if k >= n else random.Random(seed).sample(nodes, k)
    total: dict[object, float] = dict.fromkeys(graph, 0.0)
    hits: dict[object, int] = dict.fromkeys(graph, 0)
    for source in sources:
        for node, distance in nx.single_source_shortest_path_length(graph, source).items():
            if node != source:
                total[node] += distance
                hits[node] += 1
    size = {}
    for component in nx.connected_components(graph):
        for node in component:
            size[node] = len(component)
    result = {}
    for node in graph:
        r = size[node]
        if hits[node] == 0 or r <= 1:
            result[node] = 0.0
            continue
        mean = total[node] / hits[node]
        result[node] = (1.0 / mean) * (r - 1) / (n - 1)
    return result


def centrality(
    graph: nx.Graph,
    *,
    measures: tuple[str, ...] = MEASURES,
    betweenness_exact_max: int = 2000,
    betweenness_samples: int = 128,
    closeness_exact_max: int = 2000,
    closeness_samples: int = 64,
    seed: int = 0,
    progress: Progress | None = None,
    compiled_min: int | None = None,
    betweenness_error: float = 0.001,
    betweenness_kadabra_max: int = 50_000,
) -> CentralityResult:
    """Degree, betweenness, PageRank and closeness of every node.

    Parameters
    ----------
    graph : networkx.Graph
        The pairing network (see :func:`analysis.graphs.pairing_network`).
    measures : tuple of str
        Which of :data:`MEASURES` to compute.
    betweenness_exact_max, closeness_exact_max : int
        Above this many nodes the measure is sampled.
    betweenness_samples, closeness_samples : int
        How many sources the sampled measure uses.
    seed : int
        Seed of the sampling: the same seed gives the same scores.
    progress : callable, optional
        Called with the name of each measure as it starts.
    compiled_min : int, optional
        Above this many nodes betweenness, PageRank and closeness run on compiled kernels
        (:mod:`analysis.kernels`); None: always NetworkX.
    betweenness_error : float
        Absolute error of the compiled betweenness estimate (above ``betweenness_exact_max``).
    betweenness_kadabra_max : int
        Above this many nodes the compiled betweenness estimate samples
        ``betweenness_samples`` Brandes sources instead of KADABRA (whose exact diameter
        alone takes minutes on the province).

    Returns
    -------
    CentralityResult

    Examples
    --------
    >>> result = centrality(nx.star_graph(3))
    >>> result.top("betweenness", 1), result.methods["betweenness"]
    ([(0, 1.0)], 'exact')
    """
    unknown = set(measures) - set(MEASURES)
    if unknown:
        raise ValueError(f"unknown measure(s): {sorted(unknown)}")
    n = graph.number_of_nodes()
    compiled = compiled_min is not None and n > compiled_min
    scores: dict[str, dict[str, float]] = {}
    methods: dict[str, str] = {}
    for measure in measures:
        if progress:
            progress(measure)
        if measure == "degree":
            scores[measure] = nx.degree_centrality(graph) if n > 1 else dict.fromkeys(graph, 0.0)
            methods[measure] = "exact"
        elif measure == "betweenness":
            scores[measure], methods[measure] = _betweenness(
                graph, compiled, betweenness_exact_max, betweenness_samples, betweenness_error, seed,
                betweenness_kadabra_max)
        elif measure == "pagerank":
            scores[measure] = (kernels.pagerank(graph) if compiled else nx.pagerank(graph)) if n else {}
            methods[measure] = "exact"
        elif n <= closeness_exact_max or closeness_samples >= n:
            if compiled:
                scores[measure] = kernels.exact_closeness(graph)
                methods[measure] = f"exact {kernels.KERNEL_CLOSENESS}"
            else:
                scores[measure] = nx.closeness_centrality(graph)
                methods[measure] = "exact"
        elif compiled:
            scores[measure] = kernels.sampled_closeness(graph, closeness_samples, seed)
            methods[measure] = f"sampled k={closeness_samples} {kernels.KERNEL_CLOSENESS}"
        else:
            scores[measure] = sampled_closeness(graph, closeness_samples, seed)
            methods[measure] = f"sampled k={closeness_samples}"
    alliance_of = {node: data.get("alliance") for node, data in graph.nodes(data=True)}
    return CentralityResult(scores, methods, alliance_of)


def _betweenness(graph: nx.Graph, compiled: bool, exact_max: int, samples: int, error: float,
                 seed: int, kadabra_max: int) -> tuple[dict, str]:
    n = graph.number_of_nodes()
    if compiled:
        if n <= exact_max or (n > kadabra_max and samples >= n):
            return kernels.exact_betweenness(graph), f"exact {kernels.KERNEL_EXACT_BETWEENNESS}"
        if n > kadabra_max:
            return (kernels.sampled_betweenness(graph, samples, seed),
                    f"sampled k={samples} {kernels.KERNEL_SAMPLED_BETWEENNESS}")
        return (kernels.estimated_betweenness(graph, error, seed=seed),
                f"sampled ε={error:g} {kernels.KERNEL_ESTIMATED_BETWEENNESS}")
    if n <= exact_max or samples >= n:
        return nx.betweenness_centrality(graph), "exact"
    return nx.betweenness_centrality(graph, k=samples, seed=seed), f"sampled k={samples}"
