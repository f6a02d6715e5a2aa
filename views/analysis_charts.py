"""Charts of the analyses: the pages' charts as inline SVG (:mod:`views.svg_charts`: drawn with
the page, no chart library for the browser to load), the audit's and the import's in altair
(which Streamlit bundles: no CDN at run time).

Pure: frames from :mod:`views.analysis_tables` in, SVG markup (every text escaped) or an
:class:`altair.Chart` out. Names reach an altair chart as data; Vega draws them as text,
never as markup. Every chart has a title,
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

__all__ = ["coverage_svg", "matrix_svg", "before_after_svg", "ranking_svg", "alliance_pairings_svg",
           "attendance_svg", "per_day_chart", "change_counts_chart", "wrapped_labels", "horizontal_axis", "EMPTY_COLOUR"]

C = ANALYSIS_COLUMNS
#: empty cells of the matrix stand out in this colour (the gaps to close)
EMPTY_COLOUR = svg_charts.HEAT_EMPTY


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


def coverage_svg(alliances: pd.DataFrame) -> str:
    """Grouped bars as inline SVG: per alliance, the share of members with small and with
    large linkage (0–100 %)."""
    return svg_charts.grouped_bars(
        say("chart_coverage_title"), list(alliances[C["alliance"]]),
        [svg_charts.Series(C[share], LINKAGE_COLOURS[linkage], tuple(float(v) for v in alliances[C[share]]))
         for share, linkage in (("share_small", "small"), ("share_large", "large"))], height=280, percent=True)


def matrix_svg(cells: pd.DataFrame) -> str:
    """The alliance × alliance (+ outside columns) heatmap of large linkages, as inline SVG.

    Linked cells are shaded by count; empty cells are filled red and marked ``无``; the
    diagonal is grey and marked ``—``. Column headers are on top, horizontal, wrapped.
    """
    rows = list(cells.sort_values("row_order")["row"].drop_duplicates())
    columns = list(cells.sort_values("column_order")["column"].drop_duplicates())
    found = {(r.row, r.column): (r.state, None if pd.isna(r.count) else float(r.count), r.label)
             for r in cells.itertuples()}
    return svg_charts.heatmap(say("chart_matrix_title"), rows, columns, found, width=960)


def before_after_svg(frame: pd.DataFrame) -> str:
    """Grouped bars as inline SVG: members with small, large and both linkages, before and
    after the plan."""
    figures = list(dict.fromkeys(frame["figure"]))
    by = {(r.when, r.figure): r.count for r in frame.itertuples()}
    return svg_charts.grouped_bars(
        say("chart_before_after_title"), figures,
        [svg_charts.Series(when, colour, tuple(by.get((when, f), 0) for f in figures))
         for when, colour in zip((C["before"], C["after"]), BEFORE_AFTER_COLOURS, strict=True)], height=240)


def _alliance_colours(names: Sequence[str], colours: Mapping[str, str] | None) -> tuple[list[str], list[tuple[str, str]]]:
    """Each name's palette colour (grey outside), and the legend: the street's alliances in
    order, then anything else in the order met."""
    colours = colours or {}
    present = set(names)
    domain = [n for n in colours if n in present] + [n for n in dict.fromkeys(names) if n not in colours]
    return [colours.get(n, OUTSIDE_COLOUR) for n in names], [(n, colours.get(n, OUTSIDE_COLOUR)) for n in domain]


def ranking_svg(ranking: pd.DataFrame, measure_label: str, colours: Mapping[str, str] | None = None,
                title: str | None = None) -> str:
    """Horizontal bars of a ranking (highest at the top) as inline SVG, coloured by alliance
    (the palette's colours; organisations outside the alliances grey)."""
    alliances = [a or say("chart_outside") for a in ranking[C["alliance"]]]
    fills, legend = _alliance_colours(alliances, colours)
    return svg_charts.horizontal_bars(title or measure_label, list(ranking[C["organisation"]]),
                                      [float(v) for v in ranking[C["score"]]], fills, legend=legend, width=960)


def alliance_pairings_svg(cards: list[dict], small_label: str, large_label: str, *, width: int = 960) -> str:
    """Grouped bars for the overview, as inline SVG ``width`` px wide: per alliance (in the
    street's order), its small and large pairings in force."""
    return svg_charts.grouped_bars(
        say("chart_alliance_pairings_title"), [card["name"] for card in cards],
        [svg_charts.Series(label, LINKAGE_COLOURS[key], tuple(card[key] for card in cards))
         for key, label in (("small", small_label), ("large", large_label))], height=240, width=width)


def attendance_svg(frame: pd.DataFrame, *, title: str, colours: Mapping[str, str] | None = None,
                   width: int = 480) -> str:
    """Horizontal bars of attendance rates as inline SVG, ``width`` px: ``frame`` has ``name``,
    ``rate`` (0–1) and ``alliance`` (the alliance name colouring each bar)."""
    fills, _ = _alliance_colours(list(frame["alliance"]), colours)
    return svg_charts.horizontal_bars(title, list(frame["name"]), [float(v) for v in frame["rate"]], fills,
                                      percent=True, width=width)


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
