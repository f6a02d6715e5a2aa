"""The product's fixed colours: alliances, the two outside scopes, and pairing kinds.

One palette for the explorer's network and charts (through :mod:`views.palette`), the graph
files and the documents, so an alliance has one colour wherever a person sees it.

Alliance colours come from the Okabe–Ito palette (distinguishable with the common kinds of
colour blindness), then Paul Tol's "muted" set, and are handed out by alliance ORDER, so an
alliance keeps its colour across reruns and pages. Scopes outside the alliances are greys,
the street committee is black; pairing kinds differ by colour AND dash pattern, so the
legend still reads in greyscale.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "ALLIANCE_COLOURS",
    "SCOPE_COLOURS",
    "COMMITTEE_COLOUR",
    "EdgeStyle",
    "EDGE_STYLES",
    "KIND_ORDER",
    "alliance_colours",
    "colours_by_name",
    "OUTSIDE_COLOUR",
    "LINKAGE_COLOURS",
    "BEFORE_AFTER_COLOURS",
    "NEUTRAL_COLOUR",
    "street_colours",
]

#: Okabe–Ito (without black, kept for the committee) followed by Tol's muted set.
ALLIANCE_COLOURS: tuple[str, ...] = (
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#332288",  # indigo
    "#88CCEE",  # cyan
    "#44AA99",  # teal
    "#117733",  # green
    "#999933",  # olive
    "#DDCC77",  # sand
    "#CC6677",  # rose
    "#882255",  # wine
    "#AA4499",  # purple
)

SCOPE_COLOURS: dict[str, str] = {
    "regional": "#8C8C8C",  # 区域内体系外: mid grey
    "external": "#4D4D4D",  # 区域外: dark grey
}
COMMITTEE_COLOUR = "#000000"


@dataclass(frozen=True)
class EdgeStyle:
    """How a pairing kind is drawn: colour, width and a vis-network dash pattern."""

    colour: str
    width: float
    dashes: tuple[int, ...] | None = None


KIND_ORDER: tuple[str, ...] = ("small", "cross_alliance", "regional", "external", "alliance", "street",
                               "cross_street")

EDGE_STYLES: dict[str, EdgeStyle] = {
    "small": EdgeStyle("#009E73", 1.5),
    "cross_alliance": EdgeStyle("#0072B2", 1.5),
    "regional": EdgeStyle("#8C8C8C", 1.2, (6, 4)),
    "external": EdgeStyle("#4D4D4D", 1.2, (2, 4)),
    "alliance": EdgeStyle("#D55E00", 3.0),
    "street": EdgeStyle("#000000", 2.5, (10, 4, 2, 4)),
    "cross_street": EdgeStyle("#CC79A7", 2.0, (12, 6)),
}


def alliance_colours(alliance_ids: Sequence[str]) -> dict[str, str]:
    """Each alliance's colour, by its position in ``alliance_ids`` (cycling past 16).

    >>> alliance_colours(["adm", "com"])
    {'adm': '#E69F00', 'com': '#56B4E9'}
    """
    return {aid: ALLIANCE_COLOURS[i % len(ALLIANCE_COLOURS)] for i, aid in enumerate(alliance_ids)}


#: anything outside the alliances that a chart colours (a scope, "no alliance")
OUTSIDE_COLOUR = "#8C8C8C"
#: charts comparing small and large linkages (not alliance colours: indigo and sand)
LINKAGE_COLOURS: dict[str, str] = {"small": "#332288", "large": "#DDCC77"}
#: charts comparing before and after the pairing plan
BEFORE_AFTER_COLOURS: tuple[str, str] = ("#BBBBBB", "#332288")
#: a chart with one series and no alliance in it
NEUTRAL_COLOUR = "#4D4D4D"


def colours_by_name(alliances: Sequence[tuple[str, str]], outside: Sequence[str] = ()) -> dict[str, str]:
    """Alliance NAME → colour for charts (which show names), from ``(id, name)`` pairs in the
    street's alliance order; every name in ``outside`` (scope labels, a blank) is grey.

    >>> colours_by_name([("adm", "行政区党建联盟"), ("com", "社区党建联盟")], outside=["区域外"])
    {'行政区党建联盟': '#E69F00', '社区党建联盟': '#56B4E9', '区域外': '#8C8C8C'}
    """
    by_id = alliance_colours([aid for aid, _ in alliances])
    found = {name: by_id[aid] for aid, name in alliances}
    for name in outside:
        found.setdefault(name, OUTSIDE_COLOUR)
    return found


def street_colours(alliances: Sequence[object], scope_labels: Sequence[str] = ()) -> dict[str, str]:
    """:func:`colours_by_name` for a street's alliance records (anything with ``id`` and
    ``name``, in the street's order) and the outside scopes' labels."""
    return colours_by_name([(a.id, a.name) for a in alliances], outside=scope_labels)  # type: ignore[attr-defined]
