"""Cached reads of the network and organisations pages, keyed on the store revision.

Each function takes the store as ``_store`` (not hashed) plus its key and revision, so a
write anywhere refreshes what people see, and reruns with the same widgets cost a cache
lookup. The layout is computed once per revision and shared by every filter. The views,
positions and tables are shared as they are (``common.per_revision``): the pages only
read them (``lianmeng.web.tables.show`` copies a frame before it changes one).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import networkx as nx
import pandas as pd
import streamlit as st

from analysis.centrality import MEASURES, CentralityResult
from analysis.coverage import dormant_pairings
from graphdb import GraphStore
from lianmeng.texts import MEASURE_LABELS, NETWORK_LABELS
from lianmeng.web import common
from views.explorer import ExplorerView, explorer_view
from views.layout import Positions, dataset_layout
from views.network import NetworkFilter, pairing_graph, select
from views.profile import OrganisationProfile, organisation_profile, organisation_table
from views.search import SearchEntry, chain_steps, search_index, shortest_chain

__all__ = ["SIZE_MEASURES", "layout", "search_entries", "network", "chain", "organisations", "profile"]

#: measures the network page can size nodes by: key → label. ``degree`` counts the
#: pairings shown in the view (street and alliance level included); the others are the
#: analysis package's centrality of the organisation-level pairing network.
SIZE_MEASURES: dict[str, str] = {"degree": NETWORK_LABELS["degree"],
                                 **{m: MEASURE_LABELS[m] for m in MEASURES if m != "degree"}}


def _sizes(measure: str, graph: nx.Graph, scores: CentralityResult | None) -> dict[str, float]:
    """Node scores for ``measure``: the selection's degree, or the analysis centrality
    (organisations only; the committee and alliances get the smallest size)."""
    if measure == "degree" or scores is None:
        return dict(graph.degree())
    return dict(scores.scores[measure])


@common.per_revision(max_entries=4)
def layout(_store: GraphStore, store_key: str, rev: int) -> Positions:
    """Node positions for the whole dataset at ``rev`` (once per revision)."""
    return dataset_layout(common.snapshot(_store, store_key, rev))


@common.per_revision(max_entries=4)
def search_entries(_store: GraphStore, store_key: str, rev: int) -> tuple[SearchEntry, ...]:
    return search_index(common.snapshot(_store, store_key, rev))


@common.per_revision(max_entries=32)
def network(_store: GraphStore, store_key: str, rev: int, flt: NetworkFilter, *, detail_max: int,
            measure: str, focus: str | None, steps: int, drill: str | None,
            chain_ends: tuple[str, str] | None, _scores: CentralityResult | None = None,
            _panels: Mapping[str, Mapping[str, Any]] | None = None) -> ExplorerView:
    """The view for ``flt``; ``_scores`` (the analysis centrality at ``rev``, not hashed:
    ``rev`` and ``measure`` key it) sizes the nodes unless ``measure`` is ``degree``;
    ``_panels`` (the side panel of each node at ``rev``) go into the document. A filter
    on exactly one alliance focuses it (its own layout, members large)."""
    dataset = common.snapshot(_store, store_key, rev)
    selection = select(dataset, flt)
    graph = pairing_graph(selection)
    path = shortest_chain(graph, *chain_ends) if chain_ends else None
    asleep = frozenset(d.pairing.id for d in dormant_pairings(dataset, dt.date.today(),
                                                             common.settings().dormant_months))
    return explorer_view(dataset, selection, graph, layout(_store, store_key, rev),
                         detail_max=detail_max, sizes=_sizes(measure, graph, _scores),
                         size_label=SIZE_MEASURES.get(measure), focus=focus, steps=steps, drill=drill,
                         chain=tuple(path or ()), dormant=asleep,
                         focus_alliance=next(iter(flt.alliances)) if flt.alliances and len(flt.alliances) == 1
                         else None,
                         panels=_panels, initials=_initials(_store, store_key, rev))


@common.per_revision(max_entries=4)
def _initials(_store: GraphStore, store_key: str, rev: int) -> dict[str, str]:
    return {e.id: e.initials for e in search_entries(_store, store_key, rev)}


@st.cache_data(show_spinner=False, max_entries=32)
def chain(_store: GraphStore, store_key: str, rev: int, flt: NetworkFilter,
          source: str, target: str) -> list[dict[str, str]] | None:
    """The shortest chain of pairings between two parties under ``flt``, as table rows."""
    dataset = common.snapshot(_store, store_key, rev)
    graph = pairing_graph(select(dataset, flt))
    path = shortest_chain(graph, source, target)
    return None if path is None else chain_steps(graph, path, dataset)


@common.per_revision(max_entries=4)
def organisations(_store: GraphStore, store_key: str, rev: int) -> pd.DataFrame:
    return organisation_table(common.snapshot(_store, store_key, rev))


@common.per_revision(max_entries=64)
def profile(_store: GraphStore, store_key: str, rev: int, org_id: str) -> OrganisationProfile:
    return organisation_profile(common.snapshot(_store, store_key, rev), org_id)
