"""The pairing network for analysts: GEXF (Gephi) and GraphML, via networkx's writers.

Nodes are the parties that can pair: the street committee, the alliances and every
organisation (sub-committees never pair and are left out). Edges are pairings, ended ones
included, keyed by the pairing id (a multigraph: a pair may have an ended and an active
pairing). Every attribute is a string or a float — never ``None`` — so both formats and
Gephi read them: blanks are ``""``, dates ISO strings; control characters XML cannot hold
are dropped.

Node attributes: ``label`` (name), ``party_type``, ``scope``, ``alliance`` (id; an
alliance node carries its own id so that Gephi colours it with its members),
``alliance_name``, ``sector``, and one float per centrality measure passed in, named
``centrality_<measure>`` (nodes a measure does not cover get no value for it).
Edge attributes: ``pairing_id``, ``kind``, ``level``, ``linkage``, ``content``,
``since``, ``until``, ``status`` and the Chinese labels ``kind_label``, ``level_label``,
``status_label``.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

import networkx as nx

from exports.pairing_rows import alliance_of
from exports.xml_text import xml_safe
from lianmeng.dataset import PARTY_TYPE_OF_TABLE, Dataset
from lianmeng.records import Organisation
from lianmeng.texts import KIND_LABELS, LEVEL_LABELS, SCOPE_LABELS, SECTOR_LABELS, STATUS_LABELS

__all__ = ["Centrality", "pairing_graph", "gexf_bytes", "graphml_bytes"]

#: measure name → node id → value
Centrality = Mapping[str, Mapping[str, float]]


def pairing_graph(dataset: Dataset, centrality: Centrality | None = None) -> nx.MultiGraph:
    """The parties as nodes and the pairings as edges, with file-safe attributes."""
    graph = nx.MultiGraph(name="联盟图谱 pairing network")
    alliances = {a.id: a for a in dataset.alliances}
    for table in ("committees", "alliances", "organisations"):
        for record in dataset.table(table):
            alliance_id = alliance_of(dataset, record.id) or ""
            sector = alliances[alliance_id].sector if alliance_id in alliances else ""
            scope = record.scope.value if isinstance(record, Organisation) else ""
            graph.add_node(
                xml_safe(record.id),
                label=xml_safe(record.name),
                party_type=PARTY_TYPE_OF_TABLE[table],
                scope=scope,
                scope_label=SCOPE_LABELS.get(scope, ""),
                alliance=xml_safe(alliance_id),
                alliance_name=xml_safe(dataset.name_of(alliance_id)) if alliance_id else "",
                sector=sector,
                sector_label=SECTOR_LABELS.get(sector, sector),
            )
    for measure, values in (centrality or {}).items():
        for node, value in values.items():
            if xml_safe(node) in graph:
                graph.nodes[xml_safe(node)][f"centrality_{xml_safe(measure)}"] = float(value)
    for p in dataset.pairings:
        graph.add_edge(
            xml_safe(p.party_a), xml_safe(p.party_b), key=xml_safe(p.id),
            pairing_id=xml_safe(p.id),
            kind=p.kind.value,
            kind_label=KIND_LABELS[p.kind.value],
            level=p.level.value,
            level_label=LEVEL_LABELS[p.level.value],
            linkage=p.linkage.value if p.linkage else "",
            content=xml_safe(p.content),
            since=p.since.isoformat(),
            until=p.until.isoformat() if p.until else "",
            status=p.status.value,
            status_label=STATUS_LABELS[p.status.value],
        )
    return graph


def gexf_bytes(dataset: Dataset, centrality: Centrality | None = None) -> bytes:
    """The pairing graph as GEXF 1.2 (UTF-8), ready for Gephi."""
    buffer = io.BytesIO()
    nx.write_gexf(pairing_graph(dataset, centrality), buffer, encoding="utf-8")
    return buffer.getvalue()


def graphml_bytes(dataset: Dataset, centrality: Centrality | None = None) -> bytes:
    """The pairing graph as GraphML (UTF-8)."""
    buffer = io.BytesIO()
    nx.write_graphml(pairing_graph(dataset, centrality), buffer, encoding="utf-8")
    return buffer.getvalue()
