"""The graph shape every backend stores, and a snapshot as a NetworkX multigraph.

Nodes carry a ``label`` (``Committee``, ``SubCommittee``, ``Alliance``,
``Organisation``) and the record's fields; edges carry a ``type``:
``UNDER`` (sub-committee → committee), ``LED_BY`` (alliance → sub-committee),
``MEMBER_OF`` (organisation → alliance), ``PAIRED`` (a pairing, with its fields) and
``CHAIRED`` / ``ATTENDED`` (organisation → meeting node, label ``Meeting``).
"""

from __future__ import annotations

import networkx as nx

from graphdb.codec import to_row
from lianmeng.dataset import Dataset

__all__ = ["NODE_LABELS", "EDGE_TYPES", "to_networkx"]

NODE_LABELS = {
    "committees": "Committee",
    "subcommittees": "SubCommittee",
    "alliances": "Alliance",
    "organisations": "Organisation",
    "meetings": "Meeting",
}
EDGE_TYPES = ("UNDER", "LED_BY", "MEMBER_OF", "PAIRED", "CHAIRED", "ATTENDED", "HELD_BY")


def to_networkx(dataset: Dataset) -> nx.MultiGraph:
    """Every record as a node or an edge; pairings keyed by their id.

    >>> from lianmeng.records import Committee
    >>> g = to_networkx(Dataset(committees=[Committee(id="s", name="党工委")]))
    >>> g.nodes["s"]["label"]
    'Committee'
    """
    graph = nx.MultiGraph()
    for table, label in NODE_LABELS.items():
        for record in dataset.table(table):
            graph.add_node(record.id, label=label, **to_row(record))
    for committee in dataset.committees:
        if committee.parent:
            graph.add_edge(committee.id, committee.parent, type="UNDER")
    for sub in dataset.subcommittees:
        graph.add_edge(sub.id, sub.parent, type="UNDER")
    for alliance in dataset.alliances:
        if alliance.led_by:
            graph.add_edge(alliance.id, alliance.led_by, type="LED_BY")
    for org in dataset.organisations:
        if org.alliance:
            graph.add_edge(org.id, org.alliance, type="MEMBER_OF")
    for pairing in dataset.pairings:
        graph.add_edge(pairing.party_a, pairing.party_b, key=pairing.id, type="PAIRED",
                       level=pairing.level.value, **to_row(pairing))
    for meeting in dataset.meetings:
        if meeting.alliance:
            graph.add_edge(meeting.id, meeting.alliance, type="HELD_BY")
        if meeting.chair:
            graph.add_edge(meeting.chair, meeting.id, type="CHAIRED")
        for attendee in meeting.attendees:
            graph.add_edge(attendee, meeting.id, type="ATTENDED")
    return graph
