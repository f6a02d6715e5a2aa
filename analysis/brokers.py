"""Brokers: organisations whose pairings reach the most other alliances.

For an organisation *i* with degree *k_i*, of whose neighbours *k_is* are in group *s*
(an alliance, or "regional"/"external" for units outside the alliances), the
participation coefficient (Guimerà & Amaral 2005) is ``P_i = 1 - Σ_s (k_is / k_i)²``:
0 when every partner is in one group, approaching 1 when partners spread evenly.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx

__all__ = ["Broker", "brokers", "participation_coefficient"]


@dataclass(frozen=True)
class Broker:
    """One organisation's reach across alliances."""

    id: str
    name: str
    alliance: str | None
    degree: int
    other_alliances: tuple[str, ...]  # alliances other than its own reached by its pairings
    participation: float

    @property
    def reach(self) -> int:
        return len(self.other_alliances)


def participation_coefficient(graph: nx.Graph, node: object, group: str = "group") -> float:
    """``1 - Σ_s (k_is/k_i)²`` over the groups of ``node``'s neighbours (0 if isolated).

    Examples
    --------
    >>> g = nx.star_graph(4)
    >>> nx.set_node_attributes(g, {0: "x", 1: "a", 2: "a", 3: "b", 4: "b"}, "group")
    >>> participation_coefficient(g, 0)
    0.5
    """
    degree = graph.degree(node)
    if degree == 0:
        return 0.0
    counts = Counter(graph.nodes[m].get(group) for m in graph.neighbors(node))
    return 1.0 - sum((c / degree) ** 2 for c in counts.values())


def brokers(graph: nx.Graph, top: int | None = None) -> list[Broker]:
    """Organisations ranked by how many other alliances their pairings reach.

    Ordered by reach, then participation coefficient, then degree (all high first), then
    id. Organisations with no pairing are left out.

    Examples
    --------
    >>> g = nx.Graph()
    >>> for node, alliance in [("h", "A"), ("a2", "A"), ("b1", "B"), ("c1", "C")]:
    ...     g.add_node(node, name=node, alliance=alliance, group=alliance)
    >>> g.add_edges_from([("h", "a2"), ("h", "b1"), ("h", "c1")])
    >>> [(b.id, b.reach, round(b.participation, 3)) for b in brokers(g)][:2]
    [('h', 2, 0.667), ('b1', 1, 0.0)]
    """
    found = []
    for node, data in graph.nodes(data=True):
        degree = graph.degree(node)
        if degree == 0:
            continue
        own = data.get("alliance")
        reached = sorted({graph.nodes[m].get("alliance") for m in graph.neighbors(node)} - {None, own})
        found.append(Broker(node, data.get("name", node), own, degree, tuple(reached),
                            participation_coefficient(graph, node)))
    found.sort(key=lambda b: (-b.reach, -b.participation, -b.degree, b.id))
    return found if top is None else found[:top]
