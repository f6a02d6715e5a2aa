"""What the network view's side panel shows about each node, as plain data for the document.

One dict per node (organisation, alliance or committee): its name, facts as ``[label,
value]`` pairs, brands, pairings (partner, kind, status, dates; in force first, newest
first, each with its last recorded activity), centrality ranks (competition ranking: ties
share a rank) and recommended partners.
Every value is text for ``textContent``; nothing here is markup.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

from analysis.centrality import MEASURES, CentralityResult
from analysis.coverage import last_activity_by_pairing
from analysis.recommend import Candidate
from lianmeng.dataset import Dataset
from lianmeng.records import Alliance, Organisation
from lianmeng.texts import (
    KIND_LABELS,
    LINKAGE_LABELS,
    MEASURE_LABELS,
    NETWORK_UI,
    SCOPE_LABELS,
    STATUS_LABELS,
)

__all__ = ["competition_ranks", "panel_entries"]


def competition_ranks(scores: Mapping[str, float]) -> dict[str, int]:
    """Each node's rank, 1 for the highest score; tied scores share the better rank.

    >>> competition_ranks({"a": 0.5, "b": 0.9, "c": 0.5, "d": 0.1})
    {'b': 1, 'a': 2, 'c': 2, 'd': 4}
    """
    order = sorted(scores, key=lambda n: -scores[n])
    ranks: dict[str, int] = {}
    for i, node in enumerate(order):
        if i and scores[node] == scores[order[i - 1]]:
            ranks[node] = ranks[order[i - 1]]
        else:
            ranks[node] = i + 1
    return ranks


def _rank_tables(centrality: CentralityResult | None) -> list[tuple[str, dict[str, int], int]]:
    if centrality is None:
        return []
    return [(MEASURE_LABELS[m], competition_ranks(centrality.scores[m]), len(centrality.scores[m]))
            for m in MEASURES if centrality.scores.get(m)]


def panel_entries(
    dataset: Dataset,
    *,
    centrality: CentralityResult | None = None,
    recommendations: Mapping[str, Iterable[tuple[str, Candidate]]] | None = None,
    only: Collection[str] | None = None,
    max_pairings: int = 40,
    dormant: Collection[str] = (),
) -> dict[str, dict[str, Any]]:
    """The panel of every party of ``dataset`` (or those in ``only``).

    ``recommendations`` maps an organisation to ``(linkage, candidate)`` pairs, best first
    (``linkage`` is ``"small"`` or ``"large"``). Each pairing carries the date of its last
    recorded activity (``last``, ISO, or ``""``) and whether its id is in ``dormant``
    (休眠: no activity for months, :func:`analysis.coverage.dormant_pairings`).
    """
    names = {p.id: p.name for p in (*dataset.organisations, *dataset.alliances, *dataset.committees)}
    alliance_names = {a.id: a.name for a in dataset.alliances}
    wanted = None if only is None else set(only)
    mine: dict[str, list] = {}
    for p in dataset.pairings:
        for end in (p.party_a, p.party_b):
            if wanted is None or end in wanted:
                mine.setdefault(end, []).append(p)
    ranks = _rank_tables(centrality)
    last = last_activity_by_pairing(dataset)
    asleep = set(dormant)
    members: dict[str, int] = {}
    for org in dataset.organisations:
        if org.alliance:
            members[org.alliance] = members.get(org.alliance, 0) + 1
    recommendations = recommendations or {}
    ui = NETWORK_UI
    entries: dict[str, dict[str, Any]] = {}
    for party in (*dataset.organisations, *dataset.alliances, *dataset.committees):
        if wanted is not None and party.id not in wanted:
            continue
        own = sorted(mine.get(party.id, []), key=lambda p: (not p.is_active, -p.since.toordinal(), p.id))
        pairings = [{
            "partner": names.get(p.party_b if p.party_a == party.id else p.party_a, ""),
            "kind": KIND_LABELS[p.kind.value],
            "status": STATUS_LABELS[p.status.value],
            "dates": p.since.isoformat() + (" — " + p.until.isoformat() if p.until else " 起"),
            "last": last[p.id].isoformat() if p.id in last else "",
            "dormant": p.id in asleep,
        } for p in own[:max_pairings]]
        entry: dict[str, Any] = {"name": party.name, "pairings": pairings}
        if isinstance(party, Organisation):
            group = alliance_names.get(party.alliance or "", "")
            entry["badge"] = group or SCOPE_LABELS[party.scope.value]
            entry["facts"] = [
                [ui["alliance"], group or "—"],
                [ui["scope"], SCOPE_LABELS[party.scope.value]],
                [ui["unit"], party.unit or "—"],
                [ui["contact"], party.contact or "—"],
                [ui["phone"], party.phone or "—"],
            ]
            entry["brands"] = list(party.brands)
            entry["ranks"] = [{"measure": label, "rank": table[party.id], "total": total}
                              for label, table, total in ranks if party.id in table]
            entry["recommendations"] = [{
                "name": c.name, "kind": LINKAGE_LABELS.get(linkage, linkage), "score": f"{c.score:.2f}",
                "reasons": "；".join(c.reasons)} for linkage, c in recommendations.get(party.id, ())]
            entry["org"] = party.id
        elif isinstance(party, Alliance):
            entry["badge"] = ui["members"] + f" {members.get(party.id, 0)}"
            entry["facts"] = [[ui["members"], str(members.get(party.id, 0))]]
        else:
            entry["facts"] = []
        entries[party.id] = entry
    return entries


def interleave(small: Sequence[Candidate], large: Sequence[Candidate], top: int = 3) -> list[tuple[str, Candidate]]:
    """The best ``top`` of each linkage, small first: the panel's recommendation list."""
    return [("small", c) for c in small[:top]] + [("large", c) for c in large[:top]]
