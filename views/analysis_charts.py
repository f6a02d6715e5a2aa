"""Charts of the analyses (altair, which Streamlit bundles: no CDN at run time).

Pure: frames from :mod:`views.analysis_tables` in, :class:`altair.Chart` out. Names reach
the chart as data; Vega draws them as text, never as markup.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from lianmeng.texts import ANALYSIS_COLUMNS

__all__ = ["coverage_chart", "matrix_heatmap", "before_after_chart", "ranking_chart", "alliance_pairings_chart",
           "EMPTY_COLOUR"]

C = ANALYSIS_COLUMNS
#: empty cells of the matrix stand out in this colour (the gaps to close)
EMPTY_COLOUR = "#d62728"
_DIAGONAL_COLOUR = "#eeeeee"


def coverage_chart(alliances: pd.DataFrame) -> alt.Chart:
    """Grouped bars: per alliance, the share of members with small and with large linkage."""
    long = alliances.melt(id_vars=[C["alliance"]], value_vars=[C["share_small"], C["share_large"]],
                          var_name=C["figure"], value_name=C["share"])
    return alt.Chart(long).mark_bar().encode(
        x=alt.X(f"{C['alliance']}:N", sort=list(alliances[C["alliance"]]), title=None),
        xOffset=alt.XOffset(f"{C['figure']}:N"),
        y=alt.Y(f"{C['share']}:Q", axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
        color=alt.Color(f"{C['figure']}:N", title=None),
        tooltip=[C["alliance"], C["figure"], alt.Tooltip(f"{C['share']}:Q", format=".0%")],
    ).properties(height=260)


def matrix_heatmap(cells: pd.DataFrame) -> alt.LayerChart:
    """The alliance × alliance (+ outside columns) heatmap of large linkages.

    Linked cells are shaded by count; empty cells are filled red and marked ``无``; the
    diagonal is grey and marked ``—``.
    """
    rows = list(cells.sort_values("row_order")["row"].drop_duplicates())
    columns = list(cells.sort_values("column_order")["column"].drop_duplicates())
    x = alt.X("column:N", sort=columns, title=None,
              axis=alt.Axis(labelAngle=0, orient="top", labelOverlap=False, labelLimit=120))
    y = alt.Y("row:N", sort=rows, title=None)
    base = alt.Chart(cells).encode(x=x, y=y)
    linked = base.transform_filter(alt.datum.state == "linked").mark_rect().encode(
        color=alt.Color("count:Q", title=C["count"], scale=alt.Scale(scheme="blues")),
        tooltip=[alt.Tooltip("row:N", title=C["alliance"]), alt.Tooltip("column:N", title=C["partner_group"]),
                 alt.Tooltip("count:Q", title=C["count"])])
    empty = base.transform_filter(alt.datum.state == "empty").mark_rect(color=EMPTY_COLOUR, opacity=0.85).encode(
        tooltip=[alt.Tooltip("row:N", title=C["alliance"]), alt.Tooltip("column:N", title=C["partner_group"]),
                 alt.Tooltip("label:N", title=C["count"])])
    diagonal = base.transform_filter(alt.datum.state == "diagonal").mark_rect(color=_DIAGONAL_COLOUR)
    text = base.mark_text(fontSize=14).encode(
        text="label:N",
        color=alt.condition(alt.datum.state == "empty", alt.value("white"), alt.value("black")))
    return (diagonal + linked + empty + text).properties(height=40 * max(len(rows), 1) + 40)


def before_after_chart(frame: pd.DataFrame) -> alt.Chart:
    """Grouped bars: members with small, large and both linkages, before and after the plan."""
    return alt.Chart(frame).mark_bar().encode(
        x=alt.X("figure:N", title=None, sort=None),
        xOffset=alt.XOffset("when:N", sort=[C["before"], C["after"]]),
        y=alt.Y("count:Q", title=C["members"]),
        color=alt.Color("when:N", title=None, sort=[C["before"], C["after"]]),
        tooltip=[alt.Tooltip("when:N", title=" "), alt.Tooltip("figure:N", title=" "),
                 alt.Tooltip("count:Q", title=C["members"])],
    ).properties(height=240)


def ranking_chart(ranking: pd.DataFrame, measure_label: str) -> alt.Chart:
    """Horizontal bars of a ranking (highest at the top), coloured by alliance."""
    order = list(ranking[C["organisation"]])
    return alt.Chart(ranking).mark_bar().encode(
        x=alt.X(f"{C['score']}:Q", title=measure_label),
        # every bar labelled (Vega hides overlapping labels by default)
        y=alt.Y(f"{C['organisation']}:N", sort=order, title=None,
                axis=alt.Axis(labelOverlap=False, labelLimit=240)),
        color=alt.Color(f"{C['alliance']}:N", title=C["alliance"]),
        tooltip=[C["rank"], C["organisation"], C["alliance"], C["score"]],
    ).properties(height=24 * max(len(ranking), 1) + 30)


def alliance_pairings_chart(cards: list[dict], small_label: str, large_label: str) -> alt.Chart:
    """Grouped bars for the overview: per alliance (in the street's order), its small and
    large pairings in force."""
    names = [card["name"] for card in cards]
    rows = [{"alliance": card["name"], "kind": label, "count": card[key]}
            for card in cards for key, label in (("small", small_label), ("large", large_label))]
    return alt.Chart(pd.DataFrame(rows)).mark_bar().encode(
        x=alt.X("alliance:N", sort=names, title=None, axis=alt.Axis(labelAngle=0, labelLimit=160)),
        xOffset=alt.XOffset("kind:N", sort=[small_label, large_label]),
        y=alt.Y("count:Q", title=None),
        color=alt.Color("kind:N", title=None, sort=[small_label, large_label]),
        tooltip=[alt.Tooltip("alliance:N", title=None), alt.Tooltip("kind:N", title=None),
                 alt.Tooltip("count:Q", title=None)],
    ).properties(height=260)
