"""Small charts as inline SVG: drawn with the page, no chart library in the browser.

The overview's charts — a few bars per alliance, one line of months — cost the browser
more as Vega-Lite charts than the rest of the page: Streamlit loads about 1 MB of chart
code for them and holds back the figures until it has (measured in ``bench/ui.py
--browser``). These functions return one ``<figure>`` of SVG markup for ``st.html``: a
title, the bars or the line with their values, a legend, and a tooltip (``<title>``) on
every mark. Every text is escaped. Pure: data in, a string out.

>>> svg = grouped_bars("结对", ["甲联盟", "乙联盟"], [Series("小联动", "#111111", (3, 1))])
>>> svg.count("<rect class=\\"lm-bar\\""), "甲联盟 · 小联动：3" in svg
(2, True)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

__all__ = ["Series", "grouped_bars", "horizontal_bars", "heatmap", "line_chart", "nice_ticks"]

FONT = 12  # px, the axis and value labels
CHAR = 12.5  # px taken by one CJK character at FONT (Latin digits take about half)
GRID = "#e6e6ea"
INK = "#31333f"
MUTED = "#6b6f7b"
WIDTH = 640  # px, the drawing's width unless given: drawn at that size, narrower in a narrower column
PLOT_LEFT = 44
MIN_GROUP = 56  # px a category needs at the least; more categories widen the drawing (it scrolls)


@dataclass(frozen=True)
class Series:
    """One kind of bar (or the line): its legend label, colour and one value per category."""

    label: str
    colour: str
    values: tuple[float, ...]


def nice_ticks(top: float, count: int = 4) -> list[float]:
    """Round axis values from 0 to at least ``top``: 1, 2, 2.5 or 5 times a power of ten.

    >>> nice_ticks(38), nice_ticks(970_000), nice_ticks(0)
    ([0, 10, 20, 30, 40], [0, 250000, 500000, 750000, 1000000], [0, 1])
    """
    if top <= 0:
        return [0, 1]
    raw = top / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    if step == int(step):
        step = int(step)
    return [step * i for i in range(math.ceil(top / step - 1e-9) + 1)]


def _number(value: float, percent: bool = False) -> str:
    if percent:
        return f"{value:.0%}"
    if float(value).is_integer() or abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}"  # a score (0.0123) keeps its figures


def _lines(text: str, width: float, most: int = 2) -> list[str]:
    """``text`` cut into at most ``most`` lines of ``width`` px (the last ends in … if cut)."""
    per = max(1, int(width // CHAR))
    per = math.ceil(len(text) / math.ceil(len(text) / per)) if text else 1  # lines of even length
    lines = [text[i:i + per] for i in range(0, len(text), per)] or [""]
    if len(lines) > most:
        lines = lines[:most]
        lines[-1] = lines[-1][:-1] + "…"
    return lines


def _figure(title: str, width: float, height: float, body: list[str], legend: Sequence[Series],
            least: float = 0) -> str:
    keys = "".join(
        f'<span style="margin-right:1.2em;white-space:nowrap"><span style="display:inline-block;width:10px;'
        f'height:10px;background:{escape(s.colour)};margin-right:.35em"></span>{escape(s.label)}</span>'
        for s in legend)
    return (f'<figure class="lm-chart" style="margin:0 0 1rem 0">'
            f'<figcaption style="font-weight:600;font-size:14px;margin-bottom:.3rem">{escape(title)}</figcaption>'
            f'<div style="overflow-x:auto"><svg xmlns="http://www.w3.org/2000/svg" role="img" '
            f'aria-label="{escape(title)}" viewBox="0 0 {width:.0f} {height:.0f}" '
            f'style="width:100%;max-width:{width:.0f}px;min-width:{least:.0f}px;height:auto;display:block" '
            f'font-size="{FONT}" fill="{INK}">{"".join(body)}</svg></div>'
            + (f'<div style="font-size:13px;color:{MUTED};margin-top:.2rem">{keys}</div>' if keys else "")
            + "</figure>")


def _axis(ticks: list[float], y, left: float, right: float, percent: bool = False) -> list[str]:
    body = []
    for tick in ticks:
        at = y(tick)
        body.append(f'<line x1="{left:.1f}" x2="{right:.1f}" y1="{at:.1f}" y2="{at:.1f}" stroke="{GRID}"/>')
        body.append(f'<text x="{left - 6:.1f}" y="{at + 4:.1f}" text-anchor="end" fill="{MUTED}">'
                    f'{escape(_number(tick, percent))}</text>')
    return body


PERCENT_TICKS = [0, 0.25, 0.5, 0.75, 1]


def grouped_bars(title: str, categories: Sequence[str], series: Sequence[Series], *, height: int = 260,
                 unit: str = "", width: int = WIDTH, percent: bool = False) -> str:
    """Bars side by side per category, one per series, each with its value above it.

    ``categories`` are the groups (alliance names) in order; ``series`` hold one value per
    category. ``unit`` follows the value in the tooltip (“人次”); ``percent`` values are
    shares (0–1) on an axis from 0 to 100 %. With more categories than ``width`` px hold, the
    drawing grows wider and scrolls sideways.

    >>> svg = grouped_bars("t", ["<b>"], [Series("a", "#000000", (2,)), Series("b", "#ffffff", (4,))])
    >>> "<b>" in svg, "&lt;b&gt;" in svg
    (False, True)
    """
    label_lines = 2
    bottom = 10 + label_lines * (FONT + 3)
    top_pad = 18
    group = max(MIN_GROUP, (width - PLOT_LEFT - 8) / max(1, len(categories)))
    crowded = PLOT_LEFT + 8 + group * len(categories) > width
    width = PLOT_LEFT + 8 + group * len(categories)
    ticks = PERCENT_TICKS if percent else nice_ticks(max([v for s in series for v in s.values] or [0]))
    plot_bottom = height - bottom

    def y(value: float) -> float:
        return plot_bottom - (plot_bottom - top_pad) * value / ticks[-1]

    body = _axis(ticks, y, PLOT_LEFT, width - 8, percent)
    bar = min(28.0, group * 0.8 / max(1, len(series)))
    for i, name in enumerate(categories):
        start = PLOT_LEFT + i * group + (group - bar * len(series)) / 2
        for j, s in enumerate(series):
            value = s.values[i]
            x, top = start + j * bar, y(value)
            tip = f"{name} · {s.label}：{_number(value, percent)}{unit}"
            body.append(f'<rect class="lm-bar" x="{x + 1:.1f}" y="{top:.1f}" width="{bar - 2:.1f}" '
                        f'height="{plot_bottom - top:.1f}" fill="{escape(s.colour)}"><title>{escape(tip)}</title></rect>')
            if bar >= 16:
                body.append(f'<text x="{x + bar / 2:.1f}" y="{top - 4:.1f}" text-anchor="middle" font-size="10" '
                            f'fill="{MUTED}">{escape(_number(value, percent))}</text>')
        centre = PLOT_LEFT + (i + 0.5) * group
        lines = _lines(name, group - 4, label_lines)
        spans = "".join(f'<tspan x="{centre:.1f}" dy="{FONT + 3 if k else 0}">{escape(line)}</tspan>'
                        for k, line in enumerate(lines))
        body.append(f'<text y="{plot_bottom + FONT + 4:.1f}" text-anchor="middle"><title>{escape(name)}</title>'
                    f'{spans}</text>')
    return _figure(title, width, height, body, series if len(series) > 1 else (), least=width if crowded else 0)


def line_chart(title: str, labels: Sequence[str], line: Series, *, height: int = 220, unit: str = "",
               every: int | None = None, width: int = WIDTH) -> str:
    """One line over ``labels`` (months, in order), a dot with its tooltip at each point;
    one label in ``every`` is written under the axis (as many as fit when not given).

    >>> svg = line_chart("t", ["2026-01", "2026-02"], Series("志愿者人次", "#222222", (5, 7)))
    >>> svg.count("<circle"), "2026-02 · 志愿者人次：7" in svg
    (2, True)
    """
    bottom = FONT + 14
    top_pad = 10
    count = max(1, len(labels))
    step = (width - PLOT_LEFT - 16) / max(1, count - 1)
    ticks = nice_ticks(max(line.values or (0,)))
    plot_bottom = height - bottom

    def y(value: float) -> float:
        return plot_bottom - (plot_bottom - top_pad) * value / ticks[-1]

    def x(i: int) -> float:
        return PLOT_LEFT + 8 + i * step if count > 1 else (PLOT_LEFT + width) / 2

    body = _axis(ticks, y, PLOT_LEFT, width - 8)
    points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(line.values))
    if len(line.values) > 1:
        body.append(f'<polyline points="{points}" fill="none" stroke="{escape(line.colour)}" stroke-width="2"/>')
    for i, (label, value) in enumerate(zip(labels, line.values, strict=True)):
        tip = f"{label} · {line.label}：{_number(value)}{unit}"
        body.append(f'<circle cx="{x(i):.1f}" cy="{y(value):.1f}" r="3" fill="{escape(line.colour)}">'
                    f'<title>{escape(tip)}</title></circle>')
    every = every or max(1, math.ceil(count * len(labels[0] if labels else "") * CHAR / 2 / (width - PLOT_LEFT)))
    for i in range(0, count, every):
        if i < len(labels):
            body.append(f'<text x="{x(i):.1f}" y="{plot_bottom + FONT + 6:.1f}" text-anchor="middle" '
                        f'fill="{MUTED}">{escape(labels[i])}</text>')
    return _figure(title, width, height, body, ())


def horizontal_bars(title: str, labels: Sequence[str], values: Sequence[float], colours: Sequence[str], *,
                    percent: bool = False, legend: Sequence[tuple[str, str]] = (), width: int = WIDTH,
                    unit: str = "") -> str:
    """One bar per label, top to bottom in the order given, each in its colour, its value at
    its end; ``legend`` names the colours (label, colour); ``percent`` values are shares (0–1).

    >>> svg = horizontal_bars("t", ["甲", "乙"], [0.5, 1.0], ["#111111", "#222222"], percent=True)
    >>> svg.count('<rect class="lm-bar"'), "乙：100%" in svg
    (2, True)
    """
    row = 22
    longest = max((len(label) for label in labels), default=1)
    left = min(max(60.0, longest * CHAR + 10), width * 0.4)
    right = width - 48
    top_pad = 4
    height = top_pad + row * max(1, len(labels)) + FONT + 14
    top = 1.0 if percent else (nice_ticks(max(values or (0,)))[-1])

    def x(value: float) -> float:
        return left + (right - left) * value / top

    body = []
    ticks = PERCENT_TICKS if percent else nice_ticks(max(values or (0,)))
    bottom = top_pad + row * max(1, len(labels))
    for tick in ticks:
        at = x(tick)
        body.append(f'<line x1="{at:.1f}" x2="{at:.1f}" y1="{top_pad}" y2="{bottom}" stroke="{GRID}"/>')
        body.append(f'<text x="{at:.1f}" y="{bottom + FONT + 4}" text-anchor="middle" fill="{MUTED}">'
                    f'{escape(_number(tick, percent))}</text>')
    for i, (label, value, colour) in enumerate(zip(labels, values, colours, strict=True)):
        y = top_pad + i * row
        shown = _lines(label, left - 10, 1)[0]
        tip = f"{label}：{_number(value, percent)}{unit}"
        body.append(f'<text x="{left - 8:.1f}" y="{y + row / 2 + 4:.1f}" text-anchor="end"><title>{escape(label)}'
                    f'</title>{escape(shown)}</text>')
        body.append(f'<rect class="lm-bar" x="{left:.1f}" y="{y + 3:.1f}" width="{max(0.0, x(value) - left):.1f}" '
                    f'height="{row - 6}" fill="{escape(colour)}"><title>{escape(tip)}</title></rect>')
        body.append(f'<text x="{x(value) + 4:.1f}" y="{y + row / 2 + 4:.1f}" font-size="10" fill="{MUTED}">'
                    f'{escape(_number(value, percent))}</text>')
    return _figure(title, width, height, body, [Series(label, colour, ()) for label, colour in legend])


def _blend(low: str, high: str, share: float) -> str:
    """The colour ``share`` (0–1) of the way from ``low`` to ``high`` (``#rrggbb``)."""
    a = [int(low[i:i + 2], 16) for i in (1, 3, 5)]
    b = [int(high[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * share):02x}" for x, y in zip(a, b, strict=True))


#: the heatmap's cells: linked from light to dark blue by count, empty red, the diagonal grey
HEAT_LOW, HEAT_HIGH, HEAT_EMPTY, HEAT_DIAGONAL = "#deebf7", "#08519c", "#d62728", "#eeeeee"


def heatmap(title: str, rows: Sequence[str], columns: Sequence[str],
            cells: dict[tuple[str, str], tuple[str, float | None, str]], *, width: int = WIDTH,
            unit: str = "") -> str:
    """A grid of ``rows`` × ``columns``; ``cells[(row, column)]`` is ``(state, count, label)``
    with state ``linked`` (blue, darker for more), ``empty`` (red) or ``diagonal`` (grey),
    ``label`` written in the cell. Column names on top, row names on the left.

    >>> svg = heatmap("t", ["甲"], ["甲", "乙"], {("甲", "甲"): ("diagonal", None, "—"), ("甲", "乙"): ("empty", 0, "无")})
    >>> 'fill="#d62728"' in svg and "甲 · 乙：无" in svg
    True
    """
    longest = max((len(r) for r in rows), default=1)
    left = min(max(60.0, longest * CHAR + 10), width * 0.3)
    cell_w = max(MIN_GROUP, (width - left - 8) / max(1, len(columns)))
    cell_h = 34
    head = 2 * (FONT + 3) + 10
    width = left + 8 + cell_w * len(columns)
    height = head + cell_h * max(1, len(rows)) + 4
    most = max((c[1] or 0 for c in cells.values() if c[0] == "linked"), default=0) or 1
    body = []
    for j, name in enumerate(columns):
        centre = left + (j + 0.5) * cell_w
        spans = "".join(f'<tspan x="{centre:.1f}" dy="{FONT + 3 if k else 0}">{escape(line)}</tspan>'
                        for k, line in enumerate(_lines(name, cell_w - 4, 2)))
        body.append(f'<text y="{FONT + 2}" text-anchor="middle"><title>{escape(name)}</title>{spans}</text>')
    for i, name in enumerate(rows):
        y = head + i * cell_h
        body.append(f'<text x="{left - 8:.1f}" y="{y + cell_h / 2 + 4:.1f}" text-anchor="end"><title>{escape(name)}'
                    f'</title>{escape(_lines(name, left - 10, 1)[0])}</text>')
        for j, column in enumerate(columns):
            state, count, label = cells.get((name, column), ("empty", 0, ""))
            fill = {"empty": HEAT_EMPTY, "diagonal": HEAT_DIAGONAL}.get(
                state, _blend(HEAT_LOW, HEAT_HIGH, (count or 0) / most))
            ink = "#ffffff" if state == "empty" or (state == "linked" and (count or 0) / most > 0.55) else INK
            x = left + j * cell_w
            tip = f"{name} · {column}：{label}{unit if state == 'linked' else ''}"
            body.append(f'<rect class="lm-cell" x="{x + 1:.1f}" y="{y + 1:.1f}" width="{cell_w - 2:.1f}" '
                        f'height="{cell_h - 2}" fill="{fill}"><title>{escape(tip)}</title></rect>')
            body.append(f'<text x="{x + cell_w / 2:.1f}" y="{y + cell_h / 2 + 5:.1f}" text-anchor="middle" '
                        f'font-size="13" fill="{ink}">{escape(label)}</text>')
    return _figure(title, width, height, body, (), least=width if width > WIDTH else 0)
