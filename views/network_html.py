"""A standalone HTML document that draws a network with vis-network, fully offline.

vis-network's script and style are read from the copy vendored in ``views/vendor/vis-network``
(with its licences) and INLINED: the document makes no request to any host (no CDN, no Bootstrap; pyvis's
own templates link Bootstrap from a CDN even with ``cdn_resources="in_line"``). Nodes and
edges are plain lists written as JSON (pyvis's ``add_node``/``add_edge`` took 361 s for
20,000 nodes); positions are precomputed and physics is off, so the view never jumps.

Safety: the data goes into the ``<script>`` through :func:`~views.escaping.script_json`
(no ``<``, ``>``, ``&`` or U+2028/2029 survives raw); tooltips are turned into DOM elements
with ``textContent`` (vis-network 9.1.2 itself uses ``innerText`` for string titles, older
versions used ``innerHTML``, so this is safe with either); the title and the legend are
HTML-escaped. Labels are drawn on the canvas as text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from views.allocation import without_gc_pauses
from views.escaping import html_text, script_json

__all__ = ["LegendItem", "LegendSection", "vis_assets", "network_html", "VIS_VERSION"]

VIS_VERSION = "9.1.9"


@dataclass(frozen=True)
class LegendItem:
    """One legend row: a node swatch (``shape`` set) or an edge sample (``dashes`` may be set)."""

    label: str
    colour: str
    edge: bool = False
    dashes: tuple[int, ...] | None = None
    width: float = 2.0


@dataclass(frozen=True)
class LegendSection:
    heading: str
    items: tuple[LegendItem, ...] = field(default_factory=tuple)


@cache
def vis_assets() -> tuple[str, str]:
    """vis-network's (script, style) text, vendored under ``views/vendor/vis-network``."""
    base = resources.files("views") / "vendor" / "vis-network"
    script = (base / "vis-network.min.js").read_text(encoding="utf-8")
    style = (base / "vis-network.min.css").read_text(encoding="utf-8")
    # neither may close its element early; the shipped files do not, keep it that way
    if "</script" in script.lower() or "</style" in style.lower():
        raise ValueError("vis-network assets contain a closing tag")
    return script, style


_PAGE_STYLE = """
html, body { margin: 0; padding: 0; height: 100%; font-family: "Noto Sans CJK SC", "Microsoft YaHei",
  "PingFang SC", sans-serif; background: #ffffff; color: #222; }
.lm-wrap { display: flex; height: 100%; }
.lm-graph { flex: 1 1 auto; min-width: 0; border: 1px solid #ddd; }
.lm-legend { flex: 0 0 190px; padding: 8px 10px; font-size: 12px; overflow-y: auto;
  border: 1px solid #ddd; border-left: none; background: #fafafa; }
.lm-legend h1 { font-size: 13px; margin: 0 0 6px 0; }
.lm-legend h2 { font-size: 12px; margin: 10px 0 4px 0; color: #555; }
.lm-legend div.row { display: flex; align-items: center; gap: 6px; margin: 2px 0; }
.lm-swatch { width: 12px; height: 12px; border-radius: 50%; flex: 0 0 12px; }
.lm-tip { white-space: pre-line; max-width: 320px; }
div.vis-tooltip { font-family: inherit; font-size: 12px; }
"""

_PAGE_SCRIPT = """
(function () {
  var data = JSON.parse(document.getElementById("lm-data").textContent);
  function tip(text) {
    var box = document.createElement("div");
    box.className = "lm-tip";
    box.textContent = text;
    return box;
  }
  data.nodes.forEach(function (n) { if (n.title) { n.title = tip(n.title); } });
  data.edges.forEach(function (e) { if (e.title) { e.title = tip(e.title); } });
  var container = document.getElementById("lm-graph");
  var network = new vis.Network(container,
    { nodes: new vis.DataSet(data.nodes), edges: new vis.DataSet(data.edges) }, data.options);
  window.lianmengNetwork = network;
  network.once("afterDrawing", function () {
    if (data.focus !== null) {
      network.selectNodes([data.focus]);
      network.focus(data.focus, { scale: 1.2, animation: false });
    }
    window.lianmengReady = performance.now();
    document.body.setAttribute("data-ready", "1");
  });
})();
"""


def _options(node_count: int, edge_count: int) -> dict[str, Any]:
    large = node_count + edge_count > 5_000
    return {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 0},
        "interaction": {
            "hover": not large,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "navigationButtons": False,
        },
        "nodes": {"shape": "dot", "borderWidth": 1, "font": {"size": 12, "face": "sans-serif"},
                  "scaling": {"label": {"enabled": True, "drawThreshold": 6}}},
        "edges": {"smooth": False, "selectionWidth": 2},
    }


def _legend_html(title: str, sections: Sequence[LegendSection]) -> str:
    parts = [f"<h1>{html_text(title)}</h1>"]
    for section in sections:
        parts.append(f"<h2>{html_text(section.heading)}</h2>")
        for item in section.items:
            colour = html_text(item.colour)
            if item.edge:
                dash = " ".join(str(int(d)) for d in item.dashes) if item.dashes else "none"
                swatch = (
                    '<svg width="28" height="10" aria-hidden="true">'
                    f'<line x1="0" y1="5" x2="28" y2="5" stroke="{colour}" '
                    f'stroke-width="{float(item.width):.1f}" stroke-dasharray="{dash}"/></svg>'
                )
            else:
                swatch = f'<span class="lm-swatch" style="background:{colour}"></span>'
            parts.append(f'<div class="row">{swatch}<span>{html_text(item.label)}</span></div>')
    return "\n".join(parts)


@without_gc_pauses
def network_html(
    nodes: Sequence[Mapping[str, Any]],
    edges: Sequence[Mapping[str, Any]],
    legend: Sequence[LegendSection],
    *,
    title: str,
    focus: str | None = None,
    options: Mapping[str, Any] | None = None,
) -> str:
    """The whole document for ``nodes`` and ``edges`` (vis-network dicts), with a legend.

    Text values (``label``, ``title``) are plain text: this function makes them safe.
    ``focus`` is a node id to select and centre once drawn. ``options`` override the
    defaults (physics stays off unless overridden).
    """
    script, style = vis_assets()
    payload = {
        "nodes": list(nodes),
        "edges": list(edges),
        "options": dict(options) if options is not None else _options(len(nodes), len(edges)),
        "focus": focus,
    }
    return "".join([
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n",
        f"<title>{html_text(title)}</title>\n",
        "<style>\n", style, "\n</style>\n<style>", _PAGE_STYLE, "</style>\n</head>\n<body>\n",
        '<div class="lm-wrap"><div id="lm-graph" class="lm-graph"></div>\n',
        f'<div id="lm-legend" class="lm-legend">{_legend_html(title, legend)}</div></div>\n',
        '<script id="lm-data" type="application/json">', script_json(payload), "</script>\n",
        "<script>\n", script, "\n</script>\n",
        "<script>", _PAGE_SCRIPT, "</script>\n</body>\n</html>\n",
    ])
