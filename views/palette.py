"""The explorer's fixed colours; they live in :mod:`lianmeng.palette` so that the graph
files (exports/) colour nodes and edges as the explorer does without importing views/."""

from lianmeng.palette import (
    ALLIANCE_COLOURS,
    COMMITTEE_COLOUR,
    EDGE_STYLES,
    KIND_ORDER,
    SCOPE_COLOURS,
    EdgeStyle,
    alliance_colours,
)

__all__ = ["ALLIANCE_COLOURS", "SCOPE_COLOURS", "COMMITTEE_COLOUR", "EdgeStyle", "EDGE_STYLES", "KIND_ORDER",
           "alliance_colours"]
