"""Finding parties by name or pinyin initials, neighbourhoods, and shortest chains of pairings.

Search matches a name fragment (``铜川``), the id, or the pinyin initials of the name
(``tc`` finds 铜川社区党总支, initials ``tcsqdzz``). Neighbourhoods and chains are read
from the graph of the current selection (:func:`views.network.pairing_graph`), so they
respect the page's filters.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import networkx as nx
from pypinyin import Style, lazy_pinyin

from lianmeng.dataset import Dataset
from lianmeng.texts import KIND_LABELS

__all__ = ["SearchEntry", "initials", "search_index", "find", "neighbourhood", "shortest_chain",
           "chain_steps"]


@dataclass(frozen=True)
class SearchEntry:
    id: str
    name: str
    initials: str


def initials(name: str) -> str:
    """The lower-case pinyin initials of ``name``; letters and digits are kept as they are.

    >>> initials("铜川社区党总支")
    'tcsqdzz'
    >>> initials("3131电子商务园")
    '3131dzswy'
    """
    return "".join(part[:1] if _is_pinyin(part) else part
                   for part in lazy_pinyin(name, style=Style.NORMAL, errors="default")).lower()


def _is_pinyin(part: str) -> bool:
    # lazy_pinyin returns Chinese characters as pinyin syllables and other runs unchanged
    return part.isascii() and part.isalpha() and part.islower()


def search_index(dataset: Dataset) -> tuple[SearchEntry, ...]:
    """Every organisation, alliance and committee, with its initials (build once per revision)."""
    parties: Iterable = (*dataset.organisations, *dataset.alliances, *dataset.committees)
    return tuple(SearchEntry(p.id, p.name, initials(p.name)) for p in parties)


def find(index: Sequence[SearchEntry], query: str, *, limit: int = 20) -> list[SearchEntry]:
    """Entries matching ``query``, best first: exact name or id, name prefix, name fragment,
    initials prefix, initials fragment. Ties keep the index order.

    >>> idx = (SearchEntry("o1", "铜川社区党总支", "tcsqdzz"), SearchEntry("o2", "新郁社区党支部", "xysqdzb"))
    >>> [e.name for e in find(idx, "tc")]
    ['铜川社区党总支']
    >>> [e.name for e in find(idx, "社区")]
    ['铜川社区党总支', '新郁社区党支部']
    """
    q = query.strip().lower()
    if not q:
        return []
    ranked: list[tuple[int, int, SearchEntry]] = []
    for position, entry in enumerate(index):
        name = entry.name.lower()
        if q in (name, entry.id.lower()):
            rank = 0
        elif name.startswith(q):
            rank = 1
        elif q in name:
            rank = 2
        elif entry.initials.startswith(q):
            rank = 3
        elif q in entry.initials:
            rank = 4
        else:
            continue
        ranked.append((rank, position, entry))
    ranked.sort(key=lambda item: (item[0], item[1]))
    return [entry for _, _, entry in ranked[:limit]]


def neighbourhood(graph: nx.Graph, centre: str, steps: int) -> set[str]:
    """``centre`` and every node within ``steps`` pairings of it (empty if not in the graph)."""
    if centre not in graph:
        return set()
    return set(nx.single_source_shortest_path_length(graph, centre, cutoff=steps))


def shortest_chain(graph: nx.Graph, source: str, target: str) -> list[str] | None:
    """The shortest chain of pairings from ``source`` to ``target`` (node ids), or ``None``."""
    if source not in graph or target not in graph:
        return None
    try:
        return nx.shortest_path(graph, source, target)
    except nx.NetworkXNoPath:
        return None


def chain_steps(graph: nx.Graph, chain: Sequence[str], dataset: Dataset) -> list[dict[str, str]]:
    """One row per link of ``chain``: both names, the pairing kind and its content."""
    rows = []
    for a, b in zip(chain, chain[1:], strict=False):
        pairing = graph.edges[a, b]["pairings"][-1]
        rows.append({"from": dataset.name_of(a), "to": dataset.name_of(b),
                     "kind": KIND_LABELS[pairing.kind.value], "content": pairing.content})
    return rows
