"""The explorer's fixed colours; they live in :mod:`lianmeng.palette` so that the graph
files and documents (exports/, meetings/) colour alliances as the explorer does."""

from lianmeng.palette import (
    ALLIANCE_COLOURS,
    BEFORE_AFTER_COLOURS,
    COMMITTEE_COLOUR,
    EDGE_STYLES,
    KIND_ORDER,
    LINKAGE_COLOURS,
    NEUTRAL_COLOUR,
    OUTSIDE_COLOUR,
    SCOPE_COLOURS,
    EdgeStyle,
    alliance_colours,
    colours_by_name,
    street_colours,
)

__all__ = ["ALLIANCE_COLOURS", "SCOPE_COLOURS", "COMMITTEE_COLOUR", "EdgeStyle", "EDGE_STYLES", "KIND_ORDER",
           "alliance_colours", "colours_by_name", "street_colours", "OUTSIDE_COLOUR", "LINKAGE_COLOURS",
           "BEFORE_AFTER_COLOURS", "NEUTRAL_COLOUR"]
