"""Charts of the analyses (altair, which Streamlit bundles: no CDN at run time).

Pure: frames from :mod:`views.analysis_tables` in, :class:`altair.Chart` out. Names reach
the chart as data; Vega draws them as text, never as markup. Every chart has a title,
horizontal axis labels (long Chinese names wrap onto several lines instead of turning
90°), rates as percentages, and its colours from :mod:`views.palette`: a chart coloured
by alliance takes the alliance's colour (``colours``: alliance name → colour, from
:func:`views.palette.colours_by_name`), anything outside the alliances is grey.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt
import pandas as pd

from lianmeng.texts import ANALYSIS_COLUMNS, say
from views import svg_charts
from views.palette import BEFORE_AFTER_COLOURS, LINKAGE_COLOURS, NEUTRAL_COLOUR, OUTSIDE_COLOUR

__all__ = ["coverage_chart", "matrix_heatmap", "before_after_chart", "ranking_chart", "alliance_pairings_svg",
           "attendance_chart", "per_day_chart", "change_counts_chart", "alliance_scale", "wrapped_labels", "EMPTY_COLOUR"]

C = ANALYSIS_COLUMNS
#: empty cells of the matrix stand out in this colour (the gaps to close)
EMPTY_COLOUR = "#d62728"
_DIAGONAL_COLOUR = "#eeeeee"


def wrapped_labels(width: int = 6) -> str:
    """A Vega ``labelExpr`` that breaks a label into lines of ``width`` characters (at most
    three; Chinese has no spaces to break at)."""
    w = int(width)
    return (f"length(datum.label) <= {w} ? datum.label : length(datum.label) <= {2 * w} ? "
            f"[substring(datum.label, 0, {w}), substring(datum.label, {w})] : "
            f"[substring(datum.label, 0, {w}), substring(datum.label, {w}, {2 * w}), substring(datum.label, {2 * w})]")


def horizontal_axis(width: int = 6, **extra) -> alt.Axis:
    return alt.Axis(labelAngle=0, labelExpr=wrapped_labels(width), labelOverlap=False, labelLimit=0,
                    labelLineHeight=14, **extra)


def alliance_scale(names: Sequence[str], colours: Mapping[str, str] | None) -> alt.Scale:
    """An altair colour scale giving each alliance name its palette colour (grey otherwise)."""
    colours = colours or {}
    present = set(names)
    # the legend in the street's alliance order, then anything else in the order met
    domain = [n for n in colours if n in present] + [n for n in dict.fromkeys(names) if n not in colours]
    return alt.Scale(domain=domain, range=[colours.get(n, OUTSIDE_COLOUR) for n in domain])


def coverage_chart(alliances: pd.DataFrame) -> alt.Chart:
    """Grouped bars: per alliance, the share of members with small and with large linkage."""
    long = alliances.melt(id_vars=[C["alliance"]], value_vars=[C["share_small"], C["share_large"]],
                          var_name=C["figure"], value_name=C["share"])
    figures = [C["share_small"], C["share_large"]]
    return alt.Chart(long, title=say("chart_coverage_title")).mark_bar().encode(
        x=alt.X(f"{C['alliance']}:N", sort=list(alliances[C["alliance"]]), title=None, axis=horizontal_axis(8)),
        xOffset=alt.XOffset(f"{C['figure']}:N", sort=figures),
        # Chinese axis titles turned 90° are hard to read: the chart's title names the measure
        y=alt.Y(f"{C['share']}:Q", axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1]), title=None),
        color=alt.Color(f"{C['figure']}:N", title=None, sort=figures, legend=alt.Legend(orient="bottom"),
                        scale=alt.Scale(domain=figures, range=[LINKAGE_COLOURS["small"], LINKAGE_COLOURS["large"]])),
        tooltip=[C["alliance"], C["figure"], alt.Tooltip(f"{C['share']}:Q", format=".0%")],
    ).properties(height=280)


def matrix_heatmap(cells: pd.DataFrame) -> alt.LayerChart:
    """The alliance × alliance (+ outside columns) heatmap of large linkages.

    Linked cells are shaded by count; empty cells are filled red and marked ``无``; the
    diagonal is grey and marked ``—``. Column headers are on top, horizontal, wrapped.
    """
    rows = list(cells.sort_values("row_order")["row"].drop_duplicates())
    columns = list(cells.sort_values("column_order")["column"].drop_duplicates())
    x = alt.X("column:N", sort=columns, title=None, axis=horizontal_axis(5, orient="top", labelPadding=6))
    y = alt.Y("row:N", sort=rows, title=None, axis=alt.Axis(labelLimit=0))
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
    return (diagonal + linked + empty + text).properties(
        height=40 * max(len(rows), 1) + 40, title=say("chart_matrix_title"))


def before_after_chart(frame: pd.DataFrame) -> alt.Chart:
    """Grouped bars: members with small, large and both linkages, before and after the plan."""
    when = [C["before"], C["after"]]
    return alt.Chart(frame, title=say("chart_before_after_title")).mark_bar().encode(
        x=alt.X("figure:N", title=None, sort=None, axis=horizontal_axis()),
        xOffset=alt.XOffset("when:N", sort=when),
        y=alt.Y("count:Q", title=None),
        color=alt.Color("when:N", title=None, sort=when, scale=alt.Scale(domain=when, range=list(BEFORE_AFTER_COLOURS)),
                        legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("when:N", title=" "), alt.Tooltip("figure:N", title=" "),
                 alt.Tooltip("count:Q", title=C["members"])],
    ).properties(height=240)


def ranking_chart(ranking: pd.DataFrame, measure_label: str, colours: Mapping[str, str] | None = None,
                  title: str | None = None) -> alt.Chart:
    """Horizontal bars of a ranking (highest at the top), coloured by alliance (the palette's
    colours; organisations outside the alliances grey)."""
    order = list(ranking[C["organisation"]])
    data = ranking.copy()
    data[C["alliance"]] = data[C["alliance"]].replace("", say("chart_outside"))
    return alt.Chart(data, title=title or measure_label).mark_bar().encode(
        x=alt.X(f"{C['score']}:Q", title=measure_label),
        # every bar labelled (Vega hides overlapping labels by default)
        y=alt.Y(f"{C['organisation']}:N", sort=order, title=None,
                axis=alt.Axis(labelOverlap=False, labelLimit=240)),
        color=alt.Color(f"{C['alliance']}:N", title=C["alliance"],
                        scale=alliance_scale(list(data[C["alliance"]]), colours)),
        tooltip=[C["rank"], C["organisation"], C["alliance"], C["score"]],
    ).properties(height=24 * max(len(ranking), 1) + 30)


def alliance_pairings_svg(cards: list[dict], small_label: str, large_label: str, *, width: int = 960) -> str:
    """Grouped bars for the overview, as inline SVG ``width`` px wide: per alliance (in the
    street's order), its small and large pairings in force."""
    return svg_charts.grouped_bars(
        say("chart_alliance_pairings_title"), [card["name"] for card in cards],
        [svg_charts.Series(label, LINKAGE_COLOURS[key], tuple(card[key] for card in cards))
         for key, label in (("small", small_label), ("large", large_label))], height=240, width=width)


def attendance_chart(frame: pd.DataFrame, *, title: str, colours: Mapping[str, str] | None = None) -> alt.Chart:
    """Horizontal bars of attendance rates: ``frame`` has ``name``, ``rate`` (0–1) and
    ``alliance`` (the alliance name colouring each bar)."""
    order = list(frame["name"])
    rate = say("meetings_rate_axis")
    return alt.Chart(frame, title=title).mark_bar().encode(
        x=alt.X("rate:Q", title=rate, axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
        y=alt.Y("name:N", sort=order, title=None, axis=alt.Axis(labelLimit=0, labelOverlap=False)),
        color=alt.Color("alliance:N", title=C["alliance"], scale=alliance_scale(list(frame["alliance"]), colours),
                        legend=None),
        tooltip=[alt.Tooltip("name:N", title=" "), alt.Tooltip("rate:Q", title=rate, format=".0%")],
    ).properties(height=22 * max(len(frame), 1) + 30)


def per_day_chart(counts: Mapping[str, int], *, title: str, axis: str) -> alt.Chart:
    """Bars of a count per day (one series, one neutral colour)."""
    frame = pd.DataFrame({"day": list(counts), "count": list(counts.values())})
    return alt.Chart(frame, title=title).mark_bar(color=NEUTRAL_COLOUR).encode(
        x=alt.X("day:N", title=None, axis=horizontal_axis(10)),
        y=alt.Y("count:Q", title=None),
        tooltip=[alt.Tooltip("day:N", title=" "), alt.Tooltip("count:Q", title=axis)],
    ).properties(height=220)


def change_counts_chart(changes: pd.DataFrame, *, title: str) -> alt.Chart:
    """Grouped bars of an import's changes: one group per sheet (the index), one bar per
    kind of change (the columns: 新增, 修改, 删除), neutral greys and a title."""
    kinds = list(changes.columns)
    long = changes.reset_index(names="sheet").melt(id_vars=["sheet"], value_vars=kinds, var_name="kind",
                                                   value_name="count")
    greys = ["#332288", "#88CCEE", "#BBBBBB"][:len(kinds)] + [NEUTRAL_COLOUR] * max(0, len(kinds) - 3)
    return alt.Chart(long, title=title).mark_bar().encode(
        x=alt.X("sheet:N", title=None, sort=list(changes.index), axis=horizontal_axis(6)),
        xOffset=alt.XOffset("kind:N", sort=kinds),
        y=alt.Y("count:Q", title=None),
        color=alt.Color("kind:N", title=None, sort=kinds, scale=alt.Scale(domain=kinds, range=greys),
                        legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("sheet:N", title=" "), alt.Tooltip("kind:N", title=" "),
                 alt.Tooltip("count:Q", title=" ")],
    ).properties(height=240)
