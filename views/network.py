"""The detailed network view: which parties and pairings a filter keeps, and how they look.

:func:`select` applies a :class:`NetworkFilter` to a dataset; :func:`pairing_graph` turns
the selection into a NetworkX graph (for search, neighbourhoods, shortest chains and any
measure a page wants to size nodes by); :func:`detail_view` builds the vis-network node and
edge lists with colours, sizes and tooltips, and :meth:`NetworkView.html` the document.

Sizes are an ARGUMENT (``sizes``: node id → score): the page passes degree today, and any
centrality from the analysis package plugs in the same way.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from lianmeng.dataset import Dataset
from lianmeng.records import Alliance, Committee, Organisation, Pairing, Scope
from lianmeng.texts import KIND_LABELS, NETWORK_LABELS, SCOPE_LABELS, say
from views.allocation import without_gc_pauses
from views.network_html import LegendItem, LegendSection, network_html, network_payload
from views.palette import (
    COMMITTEE_COLOUR,
    EDGE_STYLES,
    KIND_ORDER,
    SCOPE_COLOURS,
    alliance_colours,
)

__all__ = [
    "NetworkFilter",
    "Selection",
    "NetworkView",
    "select",
    "pairing_graph",
    "detail_view",
    "legend_sections",
    "SIZE_RANGE",
]

#: smallest and largest node size (canvas px) when sized by a score
SIZE_RANGE = (8.0, 32.0)
_PLAIN_SIZE = {"organisation": 12.0, "alliance": 26.0, "committee": 30.0}


@dataclass(frozen=True)
class NetworkFilter:
    """What the network page shows. ``None`` means "no restriction"."""

    alliances: frozenset[str] | None = None
    kinds: frozenset[str] | None = None
    scopes: frozenset[str] | None = None
    active_on: dt.date | None = None


@dataclass(frozen=True)
class Selection:
    """Parties (id → record) and pairings a filter keeps."""

    parties: dict[str, Organisation | Alliance | Committee]
    pairings: tuple[Pairing, ...]


def _org_visible(org: Organisation, flt: NetworkFilter) -> bool:
    if flt.scopes is not None and org.scope.value not in flt.scopes:
        return False
    if org.scope is Scope.MEMBER and flt.alliances is not None:
        return org.alliance in flt.alliances
    return True


@without_gc_pauses
def select(dataset: Dataset, flt: NetworkFilter = NetworkFilter()) -> Selection:
    """The parties and pairings ``flt`` keeps.

    Members are kept by alliance and scope, an alliance's own node when its alliance is.
    Units outside the alliances are kept by scope, but when alliances are restricted only
    if a kept pairing ties them to a kept member or alliance; the street committee only
    through a kept pairing. A pairing is kept when its kind is chosen, it is in force on
    ``active_on`` (any date when ``None``) and both its ends are kept.
    """
    core: dict[str, Any] = {}
    hubs: dict[str, Any] = {c.id: c for c in dataset.committees}
    periphery: dict[str, Any] = dict(hubs)
    for alliance in dataset.alliances:
        if flt.alliances is None or alliance.id in flt.alliances:
            core[alliance.id] = alliance
    for org in dataset.organisations:
        if _org_visible(org, flt):
            if org.scope is Scope.MEMBER or flt.alliances is None:
                core[org.id] = org
            else:
                periphery[org.id] = org
    candidates = [
        p for p in dataset.pairings
        if (flt.kinds is None or p.kind.value in flt.kinds)
        and (flt.active_on is None or p.active_on(flt.active_on))
    ]
    parties = dict(core)
    kept: dict[str, Pairing] = {}
    for p in candidates:
        a, b = p.party_a, p.party_b
        if a in core and (b in core or b in periphery):
            parties.setdefault(b, periphery.get(b))
            kept[p.id] = p
        elif b in core and a in periphery:
            parties.setdefault(a, periphery[a])
            kept[p.id] = p
    # then the committee's ties to the outside units kept so far (street-level pairings),
    # and any other pairing between parties already kept
    for p in candidates:
        if p.id in kept:
            continue
        a, b = p.party_a, p.party_b
        if a in parties and b in parties:
            kept[p.id] = p
        elif (a in hubs and b in parties) or (b in hubs and a in parties):
            hub = a if a in hubs else b
            parties[hub] = hubs[hub]
            kept[p.id] = p
    return Selection(parties=parties, pairings=tuple(kept.values()))


@without_gc_pauses
def pairing_graph(selection: Selection) -> nx.Graph:
    """The selection as a simple graph: one edge per pair of parties with its pairings.

    Edge attribute ``pairings`` lists the pairing records (a pair may have an ended and an
    active one); node attribute ``party`` holds the record.
    """
    by_pair: dict[tuple[str, str], list[Pairing]] = {}
    for pairing in selection.pairings:
        by_pair.setdefault(pairing.pair_key, []).append(pairing)
    graph = nx.Graph()
    graph.add_nodes_from((pid, {"party": record}) for pid, record in selection.parties.items())
    # one bulk call: add_edge per pairing is several times slower at city scale
    graph.add_edges_from((a, b, {"pairings": found}) for (a, b), found in by_pair.items())
    return graph


def legend_sections(dataset: Dataset, *, kinds: Iterable[str] = KIND_ORDER,
                    size_label: str | None = None) -> list[LegendSection]:
    """Alliance colours, scope colours and edge styles, in the palette's order."""
    colours = alliance_colours([a.id for a in dataset.alliances])
    alliances = tuple(LegendItem(a.name, colours[a.id]) for a in dataset.alliances)
    scopes = (
        LegendItem(SCOPE_LABELS["regional"], SCOPE_COLOURS["regional"]),
        LegendItem(SCOPE_LABELS["external"], SCOPE_COLOURS["external"]),
        LegendItem(NETWORK_LABELS["committee"], COMMITTEE_COLOUR),
    )
    edges = tuple(
        LegendItem(KIND_LABELS[k], EDGE_STYLES[k].colour, edge=True, dashes=EDGE_STYLES[k].dashes,
                   width=EDGE_STYLES[k].width)
        for k in kinds
    )
    sections = [
        LegendSection(NETWORK_LABELS["legend_alliances"], alliances),
        LegendSection(NETWORK_LABELS["legend_scopes"], scopes),
        LegendSection(NETWORK_LABELS["legend_kinds"], edges),
    ]
    if size_label:
        sections.append(LegendSection(say("net_size_by", measure=size_label)))
    return sections


@dataclass(frozen=True)
class NetworkView:
    """vis-network node and edge dicts plus the legend; :meth:`html` is the document."""

    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    legend: list[LegendSection]
    title: str
    focus: str | None = None
    node_ids: frozenset[str] = field(default_factory=frozenset)
    panels: Mapping[str, Mapping[str, Any]] | None = None
    label_all: bool = False

    def payload(self) -> dict[str, Any]:
        """The data the drawing script reads (:func:`views.network_html.network_payload`)."""
        return network_payload(self.nodes, self.edges, self.legend, title=self.title, focus=self.focus,
                               panels=self.panels, label_all=self.label_all)

    def html(self) -> str:
        return network_html(self.nodes, self.edges, self.legend, title=self.title, focus=self.focus,
                            panels=self.panels, label_all=self.label_all)


def _scaled(sizes: Mapping[str, float] | None, ids: Collection[str]) -> dict[str, float]:
    if not sizes:
        return {}
    values = [float(sizes.get(i, 0.0)) for i in ids]
    low, high = min(values, default=0.0), max(values, default=0.0)
    small, big = SIZE_RANGE
    if high <= low:
        return {i: (small + big) / 2 for i in ids}
    return {i: small + (big - small) * (float(sizes.get(i, 0.0)) - low) / (high - low) for i in ids}


#: how faint a dormant pairing is drawn (issue 16)
DORMANT_OPACITY = 0.2


@without_gc_pauses
def detail_view(
    dataset: Dataset,
    selection: Selection,
    positions: Mapping[str, tuple[float, float]],
    *,
    sizes: Mapping[str, float] | None = None,
    size_label: str | None = None,
    only: Collection[str] | None = None,
    focus: str | None = None,
    highlight: Collection[tuple[str, str]] = (),
    title: str = "",
    panels: Mapping[str, Mapping[str, Any]] | None = None,
    initials: Mapping[str, str] | None = None,
    emphasis: Collection[str] = (),
    dormant: Collection[str] = (),
) -> NetworkView:
    """Node and edge lists for the parties of ``selection`` (restricted to ``only``).

    ``positions`` come from :func:`views.layout.dataset_layout` (computed once per
    revision). ``sizes`` maps node id → a score (degree, or a centrality from the analysis
    package); scores are scaled to :data:`SIZE_RANGE`. ``focus`` is selected and centred;
    ``highlight`` pairs of node ids (a shortest chain) are drawn thick. ``panels`` (node
    id → side panel data, :func:`views.panel.panel_entries`) are handed to the document for
    the nodes shown; ``initials`` (node id → pinyin initials) let the canvas search find
    ``tc``; ``emphasis`` nodes (a focused alliance's members) are drawn half as big again.
    ``highlight`` pairs of node ids (a shortest chain) are drawn thick; pairings whose id is
    in ``dormant`` (休眠: no activity for months, issue 16) are drawn faint, with a note.
    """
    colours = alliance_colours([a.id for a in dataset.alliances])
    names = {a.id: a.name for a in dataset.alliances}
    members = Counter(o.alliance for o in dataset.organisations if o.alliance)
    keep = set(selection.parties) if only is None else set(only) & set(selection.parties)
    pairings = [p for p in selection.pairings if p.party_a in keep and p.party_b in keep]
    counts: Counter[str] = Counter()
    for p in pairings:
        counts[p.party_a] += 1
        counts[p.party_b] += 1
    order = [pid for pid in selection.parties if pid in keep]
    scaled = _scaled(sizes, order)
    nodes: list[dict[str, Any]] = []
    for pid in order:
        record = selection.parties[pid]
        x, y = positions.get(pid, (0.0, 0.0))
        if isinstance(record, Organisation):
            colour = colours.get(record.alliance or "", SCOPE_COLOURS.get(record.scope.value, "#999999"))
            group = names.get(record.alliance or "", SCOPE_LABELS[record.scope.value])
            tip = "\n".join([
                record.name,
                say("net_tip_unit", unit=record.unit or "—"),
                say("net_tip_alliance", alliance=group),
                say("net_tip_pairings", count=counts[pid]),
                say("net_tip_brands", brands="、".join(record.brands) or "—"),
            ])
            node: dict[str, Any] = {"id": pid, "label": record.name, "color": colour, "title": tip,
                                    "size": scaled.get(pid, _PLAIN_SIZE["organisation"])}
        elif isinstance(record, Alliance):
            tip = "\n".join([record.name, say("net_tip_members", count=members[pid]),
                             say("net_tip_pairings", count=counts[pid])])
            node = {"id": pid, "label": record.name, "color": colours[pid], "title": tip,
                    "shape": "diamond", "size": scaled.get(pid, _PLAIN_SIZE["alliance"])}
        else:
            tip = "\n".join([record.name, say("net_tip_pairings", count=counts[pid])])
            node = {"id": pid, "label": record.name, "color": COMMITTEE_COLOUR, "title": tip,
                    "shape": "star", "size": scaled.get(pid, _PLAIN_SIZE["committee"])}
        node["x"], node["y"] = x, y
        node["lmKind"] = ("organisation" if isinstance(record, Organisation)
                          else "alliance" if isinstance(record, Alliance) else "committee")
        if initials and pid in initials:
            node["lmPy"] = initials[pid]
        if pid in emphasis:
            node["size"] = node["size"] * 1.5
        if pid == focus:
            node["borderWidth"] = 4
            node["size"] = node["size"] * 1.5
        nodes.append(node)
    chain = {tuple(sorted(pair)) for pair in highlight}
    edges: list[dict[str, Any]] = []
    for p in pairings:
        style = EDGE_STYLES[p.kind.value]
        edge: dict[str, Any] = {"from": p.party_a, "to": p.party_b, "color": style.colour,
                                "width": style.width,
                                "title": f"{KIND_LABELS[p.kind.value]} · {p.since.isoformat()}"}
        if style.dashes:
            edge["dashes"] = list(style.dashes)
        if p.kind.value == "street":
            edge["lmStreet"] = True
        if chain and p.pair_key in chain:
            edge["width"] = style.width * 4
        if p.id in dormant:  # faint, and said in the tooltip (colour is never the only cue)
            edge["color"] = {"color": style.colour, "opacity": DORMANT_OPACITY}
            edge["title"] += f" · {NETWORK_LABELS['dormant']}"
        edges.append(edge)
    return NetworkView(nodes=nodes, edges=edges,
                       legend=legend_sections(dataset, size_label=size_label),
                       title=title or NETWORK_LABELS["title"], focus=focus if focus in keep else None,
                       node_ids=frozenset(order),
                       panels={pid: panels[pid] for pid in order if pid in panels} if panels else None,
                       label_all=bool(emphasis))
