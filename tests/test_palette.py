"""One palette: every chart, page and the network take an alliance's colour from views.palette.

The known answer: the sample street's alliances, in order, are Okabe–Ito orange, sky blue,
bluish green, reddish purple and blue; anything outside the alliances is grey. Every
bar of the pages' SVG charts (the functions' own and those the pages send to the browser,
read back from AppTest) and every node of the network document is checked against it.
"""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from app_pages import open_page

from analysis.centrality import centrality
from analysis.graphs import pairing_network
from lianmeng.sample import sample_street
from lianmeng.texts import SCOPE_LABELS
from views import analysis_charts as charts
from views import analysis_tables as tables
from views.explorer import explorer_view
from views.layout import dataset_layout
from views.network import pairing_graph, select
from views.palette import (
    BEFORE_AFTER_COLOURS,
    LINKAGE_COLOURS,
    NEUTRAL_COLOUR,
    OUTSIDE_COLOUR,
    alliance_colours,
    street_colours,
)

SAMPLE = sample_street()
EXPECTED = {"行政区党建联盟": "#E69F00", "社区党建联盟": "#56B4E9", "商区党建联盟": "#009E73",
            "校区党建联盟": "#CC79A7", "园区党建联盟": "#0072B2"}


def test_the_palette_is_okabe_ito_in_alliance_order():
    assert alliance_colours([a.id for a in SAMPLE.alliances]) == dict(zip(
        [a.id for a in SAMPLE.alliances], EXPECTED.values(), strict=True))
    assert street_colours(SAMPLE.alliances, ["区域外"]) == {**EXPECTED, "区域外": OUTSIDE_COLOUR}


def test_charts_coloured_by_alliance_take_the_palette():
    result = centrality(pairing_network(SAMPLE))
    names = {o.id: o.name for o in SAMPLE.organisations}
    ranking = tables.ranking_frame(result, "degree", names, {a.id: a.name for a in SAMPLE.alliances}, top=40)
    colours = street_colours(SAMPLE.alliances, list(SCOPE_LABELS.values()))
    svg = charts.ranking_svg(ranking, "度中心性", colours)
    wanted = [EXPECTED.get(a, OUTSIDE_COLOUR) for a in ranking["联盟"]]
    assert _bar_fills(svg) == wanted and sum(c in EXPECTED.values() for c in wanted) >= 5
    assert _titles(svg) == ["度中心性"]
    attendance = pd.DataFrame({"name": list(EXPECTED), "rate": [0.5] * 5, "alliance": list(EXPECTED)})
    assert _bar_fills(charts.attendance_svg(attendance, title="出席率", colours=colours)) == list(EXPECTED.values())
    # charts of linkages, before/after and counts carry no alliance colour at all
    coverage_svg = charts.coverage_svg(pd.DataFrame({"联盟": list(EXPECTED), "小联动覆盖率": [0.5] * 5,
                                                     "大联动覆盖率": [0.5] * 5}))
    assert not set(EXPECTED.values()) & set(_bar_fills(coverage_svg)), "an alliance colour used for a non-alliance"
    spec = charts.per_day_chart({"2026-11-30": 3}, title="每日", axis="次数").to_dict()
    assert not set(EXPECTED.values()) & set(json.dumps(spec).split('"')), "an alliance colour used for a non-alliance"


def _bar_fills(svg: str) -> list[str]:
    """The fill of every bar of an SVG chart, in drawing order."""
    return re.findall(r'<rect class="lm-bar" [^>]*fill="(#[0-9A-Fa-f]{6})"', svg)


def _titles(svg: str) -> list[str]:
    return re.findall(r"<figcaption[^>]*>(.*?)</figcaption>", svg)


def test_no_axis_label_is_turned_and_every_chart_has_a_title():
    frame = pd.DataFrame({"联盟": list(EXPECTED), "小联动覆盖率": [0.5] * 5, "大联动覆盖率": [0.25] * 5})
    svg = charts.coverage_svg(frame)
    assert _titles(svg) == ["各联盟小联动、大联动覆盖率"]
    assert "rotate" not in svg and "<tspan" in svg  # names written level, wrapped onto two lines when long
    assert ">100%</text>" in svg and "行政区党建联盟 · 大联动覆盖率：25%" in svg


def test_the_network_draws_each_alliance_in_its_palette_colour():
    selection = select(SAMPLE)
    view = explorer_view(SAMPLE, selection, pairing_graph(selection), dataset_layout(SAMPLE), detail_max=10_000)
    alliance_of = {o.id: o.alliance for o in SAMPLE.organisations}
    by_id = alliance_colours([a.id for a in SAMPLE.alliances])
    checked = 0
    for node in view.view.nodes:
        alliance = node["id"] if node["id"] in by_id else alliance_of.get(node["id"])
        if alliance:
            assert node["color"] == by_id[alliance], node
            checked += 1
    assert checked == 5 + 48
    legend = {item.label: item.colour for section in view.view.legend for item in section.items}
    assert {name: legend[name] for name in EXPECTED} == EXPECTED


@pytest.mark.parametrize("page", ["pages/structure.py", "pages/rotating_meetings.py", "pages/coverage.py"])
def test_the_pages_send_palette_colours_to_the_browser(data_dir, page: str):
    at = open_page(page)
    assert not at.get("vega_lite_chart"), "the page's charts are SVG: no chart library to load"
    figures = [m.value for m in at.markdown if m.value.startswith('<figure class="lm-chart"')]
    assert figures, "the page draws charts"
    assert all(_titles(f) and _titles(f)[0] for f in figures), "every chart has a title"
    fills = {c for f in figures for c in _bar_fills(f)}
    if page in ("pages/structure.py", "pages/rotating_meetings.py"):
        assert fills & set(EXPECTED.values()), "a chart coloured by alliance"
        assert fills <= {*EXPECTED.values(), OUTSIDE_COLOUR}
    else:
        assert not fills & set(EXPECTED.values())


def test_the_overview_draws_its_charts_in_palette_colours_without_a_chart_library(data_dir):
    """The overview's three charts are inline SVG (no Vega-Lite for the browser to load):
    每年 before/after bars in grey and indigo, the month line in neutral grey, small and
    large linkage in their colours; each has a title, and no alliance colour is used."""
    at = open_page("pages/overview.py")
    assert not at.get("vega_lite_chart")
    figures = [m.value for m in at.markdown if m.value.startswith('<figure class="lm-chart"')]
    titles = [re.search(r"<figcaption[^>]*>(.*?)</figcaption>", f).group(1) for f in figures]
    assert titles == ["各联盟志愿者人次：2025 年与 2024 年", "每月志愿者人次", "各联盟进行中的小联动与大联动（结对数）"]
    fills = [set(re.findall(r'<(?:rect|circle) [^>]*fill="(#[0-9A-Fa-f]{6})"', f)) for f in figures]
    assert fills == [set(BEFORE_AFTER_COLOURS), {NEUTRAL_COLOUR}, set(LINKAGE_COLOURS.values())]
    # the known answer: 行政区 has 9 small and 34 large pairings in force (its card says so)
    assert "行政区党建联盟 · 小联动：9" in figures[2] and "行政区党建联盟 · 大联动：34" in figures[2]
    assert not set(EXPECTED.values()) & set().union(*fills)
