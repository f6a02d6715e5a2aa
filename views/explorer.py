"""What the network page shows for a given filter: the decision between views, in one call.

Detailed view when the selection is small enough (or a search has narrowed it to one
organisation's neighbourhood, or the user drilled into one alliance); otherwise the
aggregated view. The page passes the node ``sizes`` it wants (degree today; any centrality
from the analysis package plugs in as the same ``dict``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from lianmeng.dataset import Dataset
from lianmeng.records import Organisation, Scope
from lianmeng.texts import SCOPE_LABELS
from views.aggregate import aggregate_view, drill_nodes
from views.allocation import without_gc_pauses
from views.escaping import script_json
from views.layout import focus_layout
from views.network import NetworkView, Selection, detail_view
from views.network_html import network_document
from views.search import neighbourhood

__all__ = ["ExplorerView", "explorer_view"]


@dataclass(frozen=True)
class ExplorerView:
    """The chosen view, its document and what the page reports about it.

    ``html`` is the standalone document (the download); ``data`` the same drawing's data as
    script-safe JSON for the explorer's frame, and ``version`` a digest of it (the frame
    redraws only when it changes)."""

    mode: str  # "detail", "neighbourhood", "drill" or "aggregate"
    view: NetworkView
    html: str
    selected_nodes: int  # parties in the whole selection, before narrowing
    data: str = ""
    version: str = ""


def _explorer(mode: str, view: NetworkView, total: int) -> ExplorerView:
    payload = view.payload()
    data = script_json(payload)
    return ExplorerView(mode, view, network_document(payload, data), total, data,
                        hashlib.sha1(data.encode("utf-8")).hexdigest()[:16])


@without_gc_pauses
def explorer_view(
    dataset: Dataset,
    selection: Selection,
    graph: nx.Graph,
    positions: Mapping[str, tuple[float, float]],
    *,
    detail_max: int,
    sizes: Mapping[str, float] | None = None,
    size_label: str | None = None,
    focus: str | None = None,
    steps: int = 1,
    drill: str | None = None,
    chain: tuple[str, ...] = (),
    focus_alliance: str | None = None,
    panels: Mapping[str, Mapping[str, Any]] | None = None,
    initials: Mapping[str, str] | None = None,
    dormant: frozenset[str] = frozenset(),
) -> ExplorerView:
    """The view for the page's current state.

    ``focus`` (an organisation found by search) shows its neighbourhood to ``steps``
    pairings; ``drill`` (an alliance id) shows that alliance and its partners; a selection
    of more than ``detail_max`` parties otherwise opens on the aggregated view. ``chain``
    (node ids of a shortest chain) is drawn thick in a detailed view. ``focus_alliance``
    (the alliance the page focuses on) lays that alliance out on its own
    (:func:`views.layout.focus_layout`): members large in the middle, partners around.
    ``panels`` and ``initials`` go to :func:`views.network.detail_view`.
    (node ids of a shortest chain) is drawn thick in a detailed view; ``dormant`` pairing
    ids (休眠, issue 16) are drawn faint.
    """
    highlight = tuple(zip(chain, chain[1:], strict=False))
    total = len(selection.parties)
    if focus is not None and focus in graph:
        only = neighbourhood(graph, focus, steps) | set(chain)
        mode = "neighbourhood"
    elif drill is not None:
        only = drill_nodes(selection, drill) | set(chain)
        mode = "drill"
    elif total > detail_max:
        return _explorer("aggregate", aggregate_view(dataset, selection), total)
    else:
        only = None
        mode = "detail"
    emphasis: set[str] = set()
    if focus_alliance is not None and mode != "neighbourhood":
        positions, emphasis = _focus_positions(dataset, selection, focus_alliance, only)
    view = detail_view(dataset, selection, positions, sizes=sizes, size_label=size_label, only=only,
                       focus=focus, highlight=highlight, panels=panels, initials=initials, emphasis=emphasis,
                       dormant=dormant)
    return _explorer(mode, view, total)


def _focus_positions(dataset: Dataset, selection: Selection, alliance_id: str,
                     only: Collection[str] | None) -> tuple[dict[str, tuple[float, float]], set[str]]:
    """Positions of the focused alliance's view and its members (drawn large)."""
    shown = set(selection.parties) if only is None else set(only) & set(selection.parties)
    members, partners, hubs = [], [], []
    for pid in shown:
        record = selection.parties[pid]
        if isinstance(record, Organisation):
            if record.scope is Scope.MEMBER and record.alliance == alliance_id:
                members.append(pid)
            else:
                partners.append((pid, record.alliance if record.scope is Scope.MEMBER and record.alliance
                                 else SCOPE_LABELS[record.scope.value]))
        elif pid == alliance_id:
            continue
        elif pid in {a.id for a in dataset.alliances}:
            partners.append((pid, pid))
        else:
            hubs.append(pid)
    edges = [(p.party_a, p.party_b) for p in selection.pairings]
    return focus_layout(alliance_id, sorted(members), sorted(partners), edges, hubs=sorted(hubs)), set(members)
