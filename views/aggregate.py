"""The aggregated network view for large selections, and the drill-down into one alliance.

Above :attr:`~lianmeng.settings.Settings.network_detail_max` nodes a detailed view is too
dense to read (and slow to draw), so the page opens on one node per alliance, one per
outside scope (区域内体系外, 区域外) and the street committee, with the number of pairings
between two groups as the edge's width and label. Choosing an alliance drills into it:
its members, its own node and every party they pair with.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

from lianmeng.dataset import Dataset
from lianmeng.records import Alliance, Committee, Organisation, Scope
from lianmeng.texts import KIND_LABELS, NETWORK_LABELS, SCOPE_LABELS, say
from views.allocation import without_gc_pauses
from views.network import NetworkView, Selection, legend_sections
from views.palette import COMMITTEE_COLOUR, SCOPE_COLOURS, alliance_colours

__all__ = ["group_of", "aggregate_view", "drill_nodes", "SCOPE_GROUP"]

#: group ids of the two outside scopes (alliance ids and committee ids are their own groups)
SCOPE_GROUP = {"regional": "scope:regional", "external": "scope:external"}
_WIDTH = (1.0, 14.0)


def group_of(record: Organisation | Alliance | Committee) -> str:
    """The aggregated node a party falls into."""
    if isinstance(record, Organisation):
        if record.scope is Scope.MEMBER and record.alliance:
            return record.alliance
        return SCOPE_GROUP[record.scope.value]
    return record.id


@without_gc_pauses
def aggregate_view(dataset: Dataset, selection: Selection, *, title: str = "") -> NetworkView:
    """One node per alliance / outside scope / committee of ``selection``; pairing counts as widths."""
    colours = alliance_colours([a.id for a in dataset.alliances])
    groups: Counter[str] = Counter()
    for record in selection.parties.values():
        if not isinstance(record, Alliance):
            groups[group_of(record)] += 1
        else:
            groups[record.id] += 0
    between: Counter[tuple[str, str]] = Counter()
    kinds: dict[tuple[str, str], Counter[str]] = {}
    inside: Counter[str] = Counter()
    for p in selection.pairings:
        ga = group_of(selection.parties[p.party_a])
        gb = group_of(selection.parties[p.party_b])
        if ga == gb:
            inside[ga] += 1
            continue
        key = (ga, gb) if ga < gb else (gb, ga)
        between[key] += 1
        kinds.setdefault(key, Counter())[p.kind.value] += 1

    alliances = [a for a in dataset.alliances if a.id in groups]
    committees = [c for c in dataset.committees if c.id in groups]
    ring = 120.0 + 40.0 * len(alliances)
    nodes: list[dict[str, Any]] = []
    largest = max(groups.values(), default=1) or 1
    for i, alliance in enumerate(alliances):
        angle = 2 * math.pi * i / max(1, len(alliances))
        tip = "\n".join([alliance.name, say("net_tip_members", count=groups[alliance.id]),
                         say("net_tip_small", count=inside[alliance.id])])
        nodes.append({"id": alliance.id, "label": f"{alliance.name}（{groups[alliance.id]}）",
                      "color": colours[alliance.id], "title": tip,
                      "size": 14 + 26 * math.sqrt(groups[alliance.id] / largest),
                      "x": round(ring * math.cos(angle), 1), "y": round(ring * math.sin(angle), 1)})
    for j, (scope, gid) in enumerate(SCOPE_GROUP.items()):
        if gid not in groups:
            continue
        label = SCOPE_LABELS[scope]
        nodes.append({"id": gid, "label": f"{label}（{groups[gid]}）", "color": SCOPE_COLOURS[scope],
                      "title": "\n".join([label, say("net_tip_members", count=groups[gid])]),
                      "shape": "square", "size": 14 + 26 * math.sqrt(groups[gid] / largest),
                      "x": round((ring + 220.0) * (1 if j == 0 else -1), 1), "y": -round(ring + 120.0, 1)})
    for committee in committees:
        nodes.append({"id": committee.id, "label": committee.name, "color": COMMITTEE_COLOUR,
                      "title": committee.name, "shape": "star", "size": 30, "x": 0.0, "y": 0.0})

    names = {n["id"]: n["label"] for n in nodes}
    busiest = max(between.values(), default=1)
    edges: list[dict[str, Any]] = []
    for (ga, gb), count in sorted(between.items()):
        detail = "；".join(f"{KIND_LABELS[k]} {c}" for k, c in sorted(kinds[(ga, gb)].items()))
        edges.append({"from": ga, "to": gb, "label": str(count), "color": "#5E81AC",
                      "width": _WIDTH[0] + (_WIDTH[1] - _WIDTH[0]) * count / busiest,
                      "title": say("net_edge_count", a=names.get(ga, ga), b=names.get(gb, gb), count=count)
                      + "\n" + detail})
    return NetworkView(nodes=nodes, edges=edges, legend=legend_sections(dataset, kinds=()),
                       title=title or NETWORK_LABELS["aggregate_title"],
                       node_ids=frozenset(n["id"] for n in nodes))


def drill_nodes(selection: Selection, alliance_id: str) -> set[str]:
    """The alliance's node, its members in ``selection`` and every party they pair with."""
    members = {pid for pid, record in selection.parties.items()
               if pid == alliance_id or (isinstance(record, Organisation) and record.alliance == alliance_id)}
    partners = set(members)
    for p in selection.pairings:
        if p.party_a in members:
            partners.add(p.party_b)
        elif p.party_b in members:
            partners.add(p.party_a)
    return partners
