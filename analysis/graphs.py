"""Graphs built from a dataset: the pairing network and the four-level structure.

The *pairing network* has every organisation (members, regional and external units) as
a node and every organisation-level pairing in force as an edge; it is what the
centrality, structure, community and recommendation analyses read. The *structure
graph* adds the committee, sub-committees and alliances with their hierarchy edges and
every pairing in force of every level, for drawing the whole network.
"""

from __future__ import annotations

import datetime as dt

import networkx as nx

from lianmeng.allocation import without_gc_pauses
from lianmeng.dataset import Dataset
from lianmeng.records import Pairing, PairingLevel, Scope

__all__ = ["pairing_network", "structure_graph", "in_force", "group_of"]


def in_force(pairing: Pairing, on: dt.date | None = None) -> bool:
    """Whether ``pairing`` counts: its status is active (``on`` is None) or it ran on ``on``.

    Examples
    --------
    >>> p = Pairing(id="p", party_a="a", party_b="b", kind="small", since=dt.date(2024, 1, 1),
    ...             until=dt.date(2024, 12, 31), status="ended")
    >>> in_force(p), in_force(p, dt.date(2024, 6, 1)), in_force(p, dt.date(2025, 1, 1))
    (False, True, False)
    """
    return pairing.is_active if on is None else pairing.active_on(on)


def group_of(alliance: str | None, scope: Scope | str) -> str:
    """The group an organisation belongs to for mixing measures: its alliance id, or
    ``"scope:regional"`` / ``"scope:external"`` for units outside the alliances.

    >>> group_of("a-1", "member"), group_of(None, "regional")
    ('a-1', 'scope:regional')
    """
    return alliance if alliance else f"scope:{Scope(scope).value}"


@without_gc_pauses
def pairing_network(dataset: Dataset, on: dt.date | None = None) -> nx.Graph:
    """The organisation network: organisations as nodes, organisation-level pairings as edges.

    Parameters
    ----------
    dataset : Dataset
        The street's records.
    on : datetime.date, optional
        Without it, pairings whose status is active; with it, the pairings that were in
        force on that day (start and end days included), whatever their status now.

    Returns
    -------
    networkx.Graph
        Node attributes ``name``, ``scope``, ``alliance`` (None outside the alliances),
        ``group`` (see :func:`group_of`) and ``industry``; edge attributes ``id``,
        ``kind``, ``linkage``, ``since`` and ``until``.

    Examples
    --------
    >>> from lianmeng.records import Organisation
    >>> ds = Dataset(organisations=[Organisation(id="a", name="甲", alliance="x"),
    ...                             Organisation(id="b", name="乙", alliance="x")],
    ...              pairings=[Pairing(id="p", party_a="a", party_b="b", kind="small",
    ...                                since=dt.date(2024, 1, 1))])
    >>> g = pairing_network(ds)
    >>> g.number_of_nodes(), g.edges["a", "b"]["linkage"]
    (2, 'small')
    >>> pairing_network(ds, on=dt.date(2023, 1, 1)).number_of_edges()
    0
    """
    graph = nx.Graph()
    for org in dataset.organisations:
        graph.add_node(org.id, name=org.name, scope=org.scope.value, alliance=org.alliance,
                       group=group_of(org.alliance, org.scope), industry=org.industry)
    for pairing in dataset.pairings:
        if pairing.level is not PairingLevel.ORGANISATION or not in_force(pairing, on):
            continue
        if pairing.party_a not in graph or pairing.party_b not in graph:
            continue  # a broken reference is Dataset.problems()'s to report, not ours
        if graph.has_edge(pairing.party_a, pairing.party_b):
            continue  # two records of one pair in force on the same day: one tie
        graph.add_edge(pairing.party_a, pairing.party_b, id=pairing.id, kind=pairing.kind.value,
                       linkage=pairing.linkage.value if pairing.linkage else None,
                       since=pairing.since, until=pairing.until)
    return graph


def structure_graph(dataset: Dataset, on: dt.date | None = None) -> nx.Graph:
    """The whole four-level network: hierarchy edges plus every pairing in force.

    Nodes carry ``type`` (committee, subcommittee, alliance, organisation) and ``name``;
    edges carry ``relation``: ``parent`` (sub-committee → committee), ``leads``
    (sub-committee → alliance), ``member`` (alliance → organisation) or ``pairing``
    (with ``kind`` and ``id``).

    Examples
    --------
    >>> from lianmeng.records import Alliance, Committee, Organisation, SubCommittee
    >>> ds = Dataset(committees=[Committee(id="c", name="党工委")],
    ...              subcommittees=[SubCommittee(id="s", name="党委", parent="c")],
    ...              alliances=[Alliance(id="x", name="联盟", sector="park", led_by="s")],
    ...              organisations=[Organisation(id="a", name="甲", alliance="x")])
    >>> sorted(d["relation"] for _, _, d in structure_graph(ds).edges(data=True))
    ['leads', 'member', 'parent']
    """
    graph = nx.Graph()
    for record in dataset.committees:
        graph.add_node(record.id, type="committee", name=record.name)
    for record in dataset.subcommittees:
        graph.add_node(record.id, type="subcommittee", name=record.name)
    for record in dataset.alliances:
        graph.add_node(record.id, type="alliance", name=record.name, sector=record.sector)
    for org in dataset.organisations:
        graph.add_node(org.id, type="organisation", name=org.name, scope=org.scope.value,
                       alliance=org.alliance)
    for record in dataset.subcommittees:
        if record.parent in graph:
            graph.add_edge(record.id, record.parent, relation="parent")
    for record in dataset.alliances:
        if record.led_by and record.led_by in graph:
            graph.add_edge(record.led_by, record.id, relation="leads")
    for org in dataset.organisations:
        if org.alliance and org.alliance in graph:
            graph.add_edge(org.alliance, org.id, relation="member")
    for pairing in dataset.pairings:
        if not in_force(pairing, on) or pairing.party_a not in graph or pairing.party_b not in graph:
            continue
        if not graph.has_edge(pairing.party_a, pairing.party_b):
            graph.add_edge(pairing.party_a, pairing.party_b, relation="pairing",
                           kind=pairing.kind.value, id=pairing.id)
    return graph
