"""The pairing network for analysts: GEXF 1.3 (Gephi) and GraphML.

Nodes are the parties that can pair: the street committee, the alliances and every
organisation (sub-committees never pair and are left out). Edges are pairings, ended ones
included, keyed by the pairing id (a multigraph: a pair may have an ended and an active
pairing); in both files an edge's id IS the pairing id. Every attribute is a string or a
finite float; an attribute with no value is absent — no ``""``, no ``NaN`` — so Gephi,
igraph and pandas see a missing value, not an empty one. Dates are ISO strings; control
characters XML cannot hold are dropped.

The GEXF is written here (networkx's writer adds a ``networkx_key`` column, numbers the
edges 0…n and writes a ``graph/@name`` GEXF 1.3 does not allow) and validates against the
GEXF 1.3 RELAX NG grammar. Nodes carry ``viz:color`` and ``viz:size`` as the explorer
draws them (:mod:`lianmeng.palette`: alliance colours, greys for the outside scopes, black
for the committee; organisations sized by their pairings in force), edges ``viz:color``,
``viz:thickness`` and ``viz:shape`` (dashed where the explorer dashes).

Node attributes: ``label`` (name), ``party_type``, ``scope``, ``alliance`` (id; an
alliance node carries its own id so that Gephi colours it with its members),
``alliance_name``, ``sector``, and one float per centrality measure passed in, named
``centrality_<measure>`` (nodes a measure does not cover get no value for it).
Edge attributes: ``pairing_id``, ``kind``, ``level``, ``linkage``, ``content``,
``since``, ``until``, ``status`` and the Chinese labels ``kind_label``, ``level_label``,
``status_label``.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import xml.etree.ElementTree as ET
from collections.abc import Mapping

import networkx as nx

from exports.pairing_rows import alliance_of
from exports.xml_text import xml_safe
from lianmeng.dataset import PARTY_TYPE_OF_TABLE, Dataset
from lianmeng.palette import COMMITTEE_COLOUR, EDGE_STYLES, SCOPE_COLOURS, alliance_colours
from lianmeng.records import Organisation
from lianmeng.texts import (
    APP_NAME,
    KIND_LABELS,
    LEVEL_LABELS,
    SCOPE_LABELS,
    SECTOR_LABELS,
    STATUS_LABELS,
)

__all__ = ["Centrality", "pairing_graph", "gexf_bytes", "graphml_bytes", "GEXF_NS", "VIZ_NS", "NODE_SIZES"]

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
#: viz:size of the committee and the alliances; organisations range over ``organisation``
NODE_SIZES = {"committee": 30.0, "alliance": 26.0, "organisation": (8.0, 32.0)}
_OTHER_COLOUR = "#999999"

#: measure name → node id → value
Centrality = Mapping[str, Mapping[str, float]]


def _present(**attributes: object) -> dict[str, object]:
    """The attributes that have a value: no blank text, no None, no NaN or infinity."""
    return {k: v for k, v in attributes.items()
            if v is not None and v != "" and not (isinstance(v, float) and not math.isfinite(v))}


def pairing_graph(dataset: Dataset, centrality: Centrality | None = None) -> nx.MultiGraph:
    """The parties as nodes and the pairings as edges, with file-safe attributes (an
    attribute with no value is left out)."""
    graph = nx.MultiGraph(name="联盟图谱 pairing network")
    alliances = {a.id: a for a in dataset.alliances}
    for table in ("committees", "alliances", "organisations"):
        for record in dataset.table(table):
            alliance_id = alliance_of(dataset, record.id) or ""
            sector = alliances[alliance_id].sector if alliance_id in alliances else ""
            scope = record.scope.value if isinstance(record, Organisation) else ""
            graph.add_node(xml_safe(record.id), **_present(
                label=xml_safe(record.name),
                party_type=PARTY_TYPE_OF_TABLE[table],
                scope=scope,
                scope_label=SCOPE_LABELS.get(scope, ""),
                alliance=xml_safe(alliance_id),
                alliance_name=xml_safe(dataset.name_of(alliance_id)) if alliance_id else "",
                sector=sector,
                sector_label=SECTOR_LABELS.get(sector, sector),
            ))
    for measure, values in (centrality or {}).items():
        for node, value in values.items():
            if xml_safe(node) in graph and math.isfinite(float(value)):
                graph.nodes[xml_safe(node)][f"centrality_{xml_safe(measure)}"] = float(value)
    for p in dataset.pairings:
        graph.add_edge(xml_safe(p.party_a), xml_safe(p.party_b), key=xml_safe(p.id), **_present(
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
        ))
    return graph


def _rgb(colour: str) -> dict[str, str]:
    value = colour.lstrip("#")
    return {"r": str(int(value[0:2], 16)), "g": str(int(value[2:4], 16)), "b": str(int(value[4:6], 16)),
            "a": "1.0"}


def _node_look(dataset: Dataset, graph: nx.MultiGraph) -> dict[str, tuple[str, float]]:
    """Node id → (colour, size), as the explorer draws the network."""
    colours = alliance_colours([a.id for a in dataset.alliances])
    in_force = {node: 0 for node in graph}
    for p in dataset.pairings:
        if p.is_active:
            for end in (xml_safe(p.party_a), xml_safe(p.party_b)):
                if end in in_force:
                    in_force[end] += 1
    most = max((n for node, n in in_force.items() if graph.nodes[node].get("party_type") == "organisation"),
               default=0)
    small, big = NODE_SIZES["organisation"]
    look = {}
    for node, data in graph.nodes(data=True):
        kind = data.get("party_type")
        if kind == "committee":
            look[node] = (COMMITTEE_COLOUR, NODE_SIZES["committee"])
        elif kind == "alliance":
            look[node] = (colours.get(node, _OTHER_COLOUR), NODE_SIZES["alliance"])
        else:
            colour = colours.get(data.get("alliance", ""), SCOPE_COLOURS.get(data.get("scope", ""), _OTHER_COLOUR))
            look[node] = (colour, small + (big - small) * in_force[node] / most if most else small)
    return look


def _declare(parent: ET.Element, kind: str, rows) -> dict[str, str]:
    """The ``<attributes>`` block for nodes or edges: name → attribute id."""
    names: dict[str, str] = {}
    for _, data in rows:
        for name, value in data.items():
            if name != "label" and name not in names:
                names[name] = "double" if isinstance(value, float) else "string"
    block = ET.SubElement(parent, "attributes", {"class": kind, "mode": "static"})
    ids = {}
    for n, (name, type_) in enumerate(names.items()):
        ids[name] = f"{kind[0]}{n}"
        ET.SubElement(block, "attribute", {"id": ids[name], "title": name, "type": type_})
    return ids


def _values(element: ET.Element, data: Mapping[str, object], ids: Mapping[str, str]) -> None:
    values = ET.SubElement(element, "attvalues")
    for name, value in data.items():
        if name in ids:
            ET.SubElement(values, "attvalue", {"for": ids[name], "value": repr(value) if isinstance(value, float)
                                               else str(value)})


def gexf_bytes(dataset: Dataset, centrality: Centrality | None = None, *,
               today: dt.date | None = None) -> bytes:
    """The pairing graph as GEXF 1.3 (UTF-8) with colours and sizes, ready for Gephi."""
    graph = pairing_graph(dataset, centrality)
    look = _node_look(dataset, graph)
    ET.register_namespace("", GEXF_NS)
    ET.register_namespace("viz", VIZ_NS)
    q = f"{{{GEXF_NS}}}"
    # no xsi:schemaLocation: the 1.3 grammar does not allow it on <gexf>
    root = ET.Element(f"{q}gexf", {"version": "1.3"})
    meta = ET.SubElement(root, f"{q}meta", {"lastmodifieddate": (today or dt.date.today()).isoformat()})
    ET.SubElement(meta, f"{q}creator").text = APP_NAME
    ET.SubElement(meta, f"{q}description").text = "结对网络 / pairing network"
    body = ET.SubElement(root, f"{q}graph", {"defaultedgetype": "undirected", "mode": "static"})
    node_ids = _declare(body, "node", graph.nodes(data=True))
    edge_ids = _declare(body, "edge", ((None, d) for _, _, d in graph.edges(data=True)))
    nodes = ET.SubElement(body, f"{q}nodes", {"count": str(graph.number_of_nodes())})
    for node, data in graph.nodes(data=True):
        element = ET.SubElement(nodes, f"{q}node", {"id": node, "label": str(data.get("label", node))})
        _values(element, data, node_ids)
        colour, size = look[node]
        ET.SubElement(element, f"{{{VIZ_NS}}}color", _rgb(colour))
        ET.SubElement(element, f"{{{VIZ_NS}}}size", {"value": f"{size:.1f}"})
    edges = ET.SubElement(body, f"{q}edges", {"count": str(graph.number_of_edges())})
    for u, v, key, data in graph.edges(keys=True, data=True):
        element = ET.SubElement(edges, f"{q}edge", {"id": key, "source": u, "target": v})
        _values(element, data, edge_ids)
        style = EDGE_STYLES[data["kind"]]
        ET.SubElement(element, f"{{{VIZ_NS}}}color", _rgb(style.colour))
        ET.SubElement(element, f"{{{VIZ_NS}}}thickness", {"value": str(style.width)})
        ET.SubElement(element, f"{{{VIZ_NS}}}shape", {"value": "dashed" if style.dashes else "solid"})
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def graphml_bytes(dataset: Dataset, centrality: Centrality | None = None) -> bytes:
    """The pairing graph as GraphML (UTF-8)."""
    buffer = io.BytesIO()
    nx.write_graphml(pairing_graph(dataset, centrality), buffer, encoding="utf-8")
    return buffer.getvalue()
