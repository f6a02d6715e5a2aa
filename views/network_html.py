"""A standalone HTML document that draws a network with vis-network, fully offline.

vis-network's script and style are read from the copy vendored in ``views/vendor/vis-network``
(with its licences) and INLINED: the document makes no request to any host (no CDN, no Bootstrap; pyvis's
own templates link Bootstrap from a CDN even with ``cdn_resources="in_line"``). Nodes and
edges are plain lists written as JSON (pyvis's ``add_node``/``add_edge`` took 361 s for
20,000 nodes); positions are precomputed and physics is off, so the view never jumps.

The same drawing serves two places: :func:`network_html` is the standalone document (the
page's download, everything inlined), and :func:`frame_files` are the files of the explorer's
network frame, which loads vis-network once and redraws in place when the page sends new
data (:func:`network_payload`, written with :func:`~views.escaping.script_json`): a focus
change or a filter costs a redraw, not a new document of a megabyte to parse.

Safety: the data goes into the ``<script>`` through :func:`~views.escaping.script_json`
(no ``<``, ``>``, ``&`` or U+2028/2029 survives raw); tooltips are turned into DOM elements
with ``textContent`` (vis-network 9.1.2 itself uses ``innerText`` for string titles, older
versions used ``innerHTML``, so this is safe with either); the title and the legend are
HTML-escaped. Labels are drawn on the canvas as text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from lianmeng.texts import NETWORK_UI
from views.allocation import without_gc_pauses
from views.escaping import html_text, script_json

__all__ = ["LegendItem", "LegendSection", "vis_assets", "network_payload", "network_document", "network_html",
           "frame_files", "VIS_VERSION"]

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
.lm-graph { flex: 1 1 auto; min-width: 0; min-height: 0; border: 1px solid #ddd; }
.lm-legend { flex: 0 0 190px; padding: 8px 10px; font-size: 12px; overflow-y: auto;
  border: 1px solid #ddd; border-left: none; background: #fafafa; }
.lm-legend h1 { font-size: 13px; margin: 0 0 6px 0; }
.lm-legend h2 { font-size: 12px; margin: 10px 0 4px 0; color: #555; }
.lm-legend div.row { display: flex; align-items: center; gap: 6px; margin: 2px 0; }
.lm-swatch { width: 12px; height: 12px; border-radius: 50%; flex: 0 0 12px; }
.lm-tip { white-space: pre-line; max-width: 320px; }
div.vis-tooltip { font-family: inherit; font-size: 12px; }
.lm-stage { position: relative; flex: 1 1 auto; min-width: 0; display: flex; flex-direction: column; }
.lm-bar { display: flex; align-items: center; gap: 10px; padding: 4px 8px; font-size: 12px;
  border: 1px solid #ddd; border-bottom: none; background: #fafafa; flex-wrap: wrap; }
.lm-bar input[type=search] { width: 260px; padding: 3px 6px; font: inherit; }
.lm-bar label { display: flex; align-items: center; gap: 4px; }
.lm-hint { color: #666; }
.lm-panel { position: absolute; top: 34px; right: 0; bottom: 0; width: 320px; overflow-y: auto;
  background: #ffffff; border-left: 2px solid #bbb; box-shadow: -4px 0 10px rgba(0,0,0,0.12);
  padding: 10px 12px; font-size: 13px; z-index: 5; box-sizing: border-box; }
.lm-panel[hidden] { display: none; }
.lm-panel h2 { font-size: 16px; margin: 0 24px 6px 0; overflow-wrap: anywhere; }
.lm-panel h3 { font-size: 13px; margin: 12px 0 4px 0; color: #444; border-bottom: 1px solid #eee; }
.lm-panel dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 8px; margin: 0; }
.lm-panel dt { color: #666; } .lm-panel dd { margin: 0; overflow-wrap: anywhere; }
.lm-row { margin: 3px 0; overflow-wrap: anywhere; }
.lm-strong { font-weight: 600; } .lm-muted { color: #666; font-size: 12px; }
.lm-chip { display: inline-block; background: #f0f0f0; border-radius: 10px; padding: 1px 8px; margin: 2px; }
.lm-badge { color: #555; margin-bottom: 6px; }
.lm-close { position: absolute; top: 6px; right: 8px; border: none; background: none; font-size: 18px;
  cursor: pointer; }
.lm-open { margin-top: 12px; padding: 6px 10px; font: inherit; cursor: pointer; border: 1px solid #0072B2;
  background: #0072B2; color: #fff; border-radius: 4px; }
.lm-actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 12px; }
.lm-actions .lm-open { margin-top: 0; }
a.lm-open { display: inline-block; text-decoration: none; }
a.lm-open.lm-secondary, button.lm-open.lm-secondary { background: #fff; color: #0072B2; }
.lm-late { color: #a0522d; }
"""

_PAGE_SCRIPT = r"""
(function () {
  // lianmengDraw(data) draws (or redraws in place) the network, its legend and its panels;
  // the standalone document calls it once, the explorer's frame on every new view
  var data = null, ui = {}, panels = {}, editable = {};
  var info = {};      // id -> {name, size, kind, py}
  var original = {};  // id -> colour as given
  var adjacency = {}; // id -> {neighbour: true}
  var nodes = null, edges = null, network = null;
  var container = document.getElementById("lm-graph");
  var panel = document.getElementById("lm-panel");
  var panelBody = document.getElementById("lm-panel-body");
  var legendBox = document.getElementById("lm-legend");
  var search = document.getElementById("lm-search");
  var found = document.getElementById("lm-found");
  var toggle = document.getElementById("lm-street");
  var showStreet = false;
  var state = { selected: null, hovered: null, matches: {} };
  var lit = null;
  var largest = {};
  function fill(text, values) {
    return String(text || "").replace(/\{(\w+)\}/g, function (_, k) { return values[k] === undefined ? "" : values[k]; });
  }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function tip(text) {
    var box = document.createElement("div");
    box.className = "lm-tip";
    box.textContent = text;
    return box;
  }

  // --- the legend, from the data (every text with textContent) ---------------------------
  function drawLegend() {
    if (!data.legend) { return; }
    legendBox.textContent = "";
    legendBox.appendChild(el("h1", data.title));
    data.legend.forEach(function (section) {
      legendBox.appendChild(el("h2", section.heading));
      (section.items || []).forEach(function (item) {
        var row = el("div", null, "row");
        var swatch;
        if (item.edge) {
          var svg = "http://www.w3.org/2000/svg";
          swatch = document.createElementNS(svg, "svg");
          swatch.setAttribute("width", "28"); swatch.setAttribute("height", "10");
          swatch.setAttribute("aria-hidden", "true");
          var line = document.createElementNS(svg, "line");
          line.setAttribute("x1", "0"); line.setAttribute("y1", "5"); line.setAttribute("x2", "28");
          line.setAttribute("y2", "5"); line.setAttribute("stroke", item.colour);
          line.setAttribute("stroke-width", String(item.width));
          line.setAttribute("stroke-dasharray", item.dashes ? item.dashes.join(" ") : "none");
          swatch.appendChild(line);
        } else {
          swatch = el("span", null, "lm-swatch");
          swatch.style.background = item.colour;
        }
        row.appendChild(swatch);
        row.appendChild(el("span", item.label));
        legendBox.appendChild(row);
      });
    });
  }

  // --- who is lit: the selected (or hovered) node and its partners; the rest dimmed ---------
  var DIM_NODE = { background: "#e8e8e8", border: "#d6d6d6" };
  var DIM_EDGE = "rgba(190,190,190,0.25)";
  function highlight(centre) {
    if (centre === lit) { return; }
    lit = centre;
    var keep = null;
    if (centre !== null) { keep = Object.assign({}, adjacency[centre] || {}); keep[centre] = true; }
    var nodeUpdates = [];
    data.nodes.forEach(function (n) {
      nodeUpdates.push({ id: n.id, color: keep === null || keep[n.id] ? original[n.id] : DIM_NODE });
    });
    nodes.update(nodeUpdates);
    var edgeUpdates = [];
    data.edges.forEach(function (e) {
      var on = keep === null || e.from === centre || e.to === centre;
      edgeUpdates.push({ id: e.id, color: on ? e.lmColor : DIM_EDGE });
    });
    edges.update(edgeUpdates);
  }

  // --- labels: drawn by us, by priority, never overlapping --------------------------------
  var LABEL_FONT = '12px "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif';
  var LABEL_H = 16;
  function priority(id, zoomedIn) {
    if (id === state.selected) { return 100; }
    if (state.matches[id]) { return 90; }
    if (id === state.hovered) { return 85; }
    var centre = state.hovered !== null ? state.hovered : state.selected;
    if (centre !== null && adjacency[centre] && adjacency[centre][id]) { return 70; }
    if (info[id].kind === "alliance") { return 60; }
    if (info[id].kind === "committee") { return 55; }
    if (largest[id]) { return 40; }
    if (data.labelAll || zoomedIn) { return 10; }
    return 0;
  }
  function overlaps(a, b) {
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  }
  function drawLabels(ctx) {
    var scale = network.getScale();
    var zoomedIn = scale >= (data.labelZoom || 1.6);
    var width = container.clientWidth, height = container.clientHeight;
    var positions = network.getPositions();
    var candidates = [];
    for (var id in positions) {
      if (!info[id]) { continue; }
      var rank = priority(id, zoomedIn);
      if (rank <= 0) { continue; }
      var p = network.canvasToDOM(positions[id]);
      if (p.x < -50 || p.y < -50 || p.x > width + 50 || p.y > height + 50) { continue; }
      candidates.push({ id: id, rank: rank, x: p.x, y: p.y });
    }
    candidates.sort(function (a, b) { return b.rank - a.rank || info[b.id].size - info[a.id].size; });
    var ratio = (network.canvas && network.canvas.pixelRatio) || window.devicePixelRatio || 1;
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.font = LABEL_FONT;
    ctx.textBaseline = "middle";
    var placed = [];
    for (var i = 0; i < candidates.length && placed.length < 400; i++) {
      var c = candidates[i];
      var text = info[c.id].name;
      if (!text) { continue; }
      var w = ctx.measureText(text).width + 6;
      var r = info[c.id].size * scale;
      var options = [
        { x: c.x - w / 2, y: c.y + r + 2 }, { x: c.x - w / 2, y: c.y - r - 2 - LABEL_H },
        { x: c.x + r + 3, y: c.y - LABEL_H / 2 }, { x: c.x - r - 3 - w, y: c.y - LABEL_H / 2 },
      ];
      for (var k = 0; k < options.length; k++) {
        var box = { id: c.id, text: text, x: options[k].x, y: options[k].y, w: w, h: LABEL_H };
        if (box.x < 0 || box.y < 0 || box.x + w > width || box.y + LABEL_H > height) { continue; }
        var free = true;
        for (var j = 0; j < placed.length; j++) { if (overlaps(box, placed[j])) { free = false; break; } }
        if (!free) { continue; }
        placed.push(box);
        var strong = c.rank >= 70;
        ctx.fillStyle = strong ? "rgba(255,255,255,0.95)" : "rgba(255,255,255,0.8)";
        ctx.fillRect(box.x, box.y, w, LABEL_H);
        ctx.fillStyle = lit !== null && c.rank < 70 ? "#999999" : "#222222";
        ctx.font = (strong ? "bold " : "") + LABEL_FONT;
        ctx.fillText(text, box.x + 3, box.y + LABEL_H / 2 + 0.5);
        ctx.font = LABEL_FONT;
        break;
      }
    }
    ctx.restore();
    window.lianmengLabelBoxes = placed;
  }

  // --- the side panel ------------------------------------------------------------------
  function section(title, rows) {
    var box = el("section");
    box.appendChild(el("h3", title));
    if (!rows.length) { box.appendChild(el("div", ui.none, "lm-muted")); }
    rows.forEach(function (row) { box.appendChild(row); });
    return box;
  }
  // a page of the app (same origin) opened in place: the session and sign-in stay
  function appPage(target) {
    try {
      var top = window.top;
      top.history.pushState({}, "", top.location.pathname.replace(/[^/]*$/, "") + target);
      top.dispatchEvent(new PopStateEvent("popstate", { state: {} }));
    } catch (err) {
      window.open(target, "_top");
    }
  }
  function orgLink(text, org, form, cls) {
    var target = data.orgPage + "?org=" + encodeURIComponent(org) + (form ? "&form=" + form : "");
    var link = el("a", text, "lm-open" + (cls ? " " + cls : ""));
    link.href = target;
    link.target = "_top";
    link.setAttribute("data-org", org);
    if (form) { link.setAttribute("data-form", form); }
    link.addEventListener("click", function (event) { event.preventDefault(); appPage(target); });
    return link;
  }
  function openPanel(id) {
    var entry = panels[id] || { name: info[id] ? info[id].name : id, facts: [] };
    panelBody.textContent = "";
    panelBody.appendChild(el("h2", entry.name, "lm-name"));
    if (entry.badge) { panelBody.appendChild(el("div", entry.badge, "lm-badge")); }
    var facts = el("dl");
    (entry.facts || []).forEach(function (f) { facts.appendChild(el("dt", f[0])); facts.appendChild(el("dd", f[1])); });
    panelBody.appendChild(facts);
    if (entry.brands) {
      panelBody.appendChild(section(ui.brands, entry.brands.map(function (b) { return el("div", b, "lm-chip"); })));
    }
    if (entry.pairings) {
      panelBody.appendChild(section(ui.pairings + "（" + entry.pairings.length + "）", entry.pairings.map(function (p) {
        var row = el("div", null, "lm-row lm-pairing");
        row.appendChild(el("div", p.partner, "lm-strong"));
        row.appendChild(el("div", p.kind + " · " + p.status + " · " + p.dates, "lm-muted"));
        // a dormant pairing says so in words, not only in colour
        row.appendChild(el("div", (p.last ? fill(ui.last_activity, { date: p.last }) : ui.no_activity)
                           + (p.dormant ? "（" + ui.dormant + "）" : ""), "lm-muted lm-last" + (p.dormant ? " lm-late" : "")));
        return row;
      })));
    }
    if (entry.ranks) {
      panelBody.appendChild(section(ui.ranks, entry.ranks.map(function (r) {
        return el("div", r.measure + "：" + fill(ui.rank_text, r), "lm-row");
      })));
    }
    if (entry.recommendations) {
      panelBody.appendChild(section(ui.recommend, entry.recommendations.map(function (r) {
        var row = el("div", null, "lm-row");
        row.appendChild(el("div", r.name + "（" + r.kind + "，" + fill(ui.score_text, r) + "）", "lm-strong"));
        if (r.reasons) { row.appendChild(el("div", r.reasons, "lm-muted")); }
        return row;
      })));
    }
    if (entry.org && data.orgPage) {
      var actions = el("div", null, "lm-actions");
      // reading is for everyone; the forms only for those who may edit (the page checks again)
      var mine = editable === true || editable[entry.org] === true;
      actions.appendChild(orgLink(ui.open_org, entry.org, "", mine ? "lm-secondary" : ""));
      if (mine) {
        actions.appendChild(orgLink(ui.edit_org, entry.org, "edit"));
        actions.appendChild(orgLink(ui.pair_org, entry.org, "pair"));
      }
      panelBody.appendChild(actions);
    }
    panel.hidden = false;
    document.body.setAttribute("data-panel", id);
    window.lianmengPanelOpened = performance.now();
  }
  function closePanel() {
    panel.hidden = true;
    document.body.removeAttribute("data-panel");
  }
  document.getElementById("lm-panel-close").addEventListener("click", function () {
    state.selected = null; network.unselectAll(); closePanel(); highlight(null); network.redraw();
  });
  function select(id, centre) {
    state.selected = id;
    if (id === null) { network.unselectAll(); closePanel(); highlight(null); network.redraw(); return; }
    network.selectNodes([id]);
    highlight(id);
    if (centre) { network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false }); }
    openPanel(id);
    // the panel covers the right of the graph: bring a node hidden under it into view
    var at = network.canvasToDOM(network.getPosition(id));
    if (at.x > container.clientWidth - panel.offsetWidth - 20) {
      network.focus(id, { scale: network.getScale(), offset: { x: -panel.offsetWidth / 2, y: 0 }, animation: false });
    }
    network.redraw();
  }

  // --- search on the canvas ------------------------------------------------------------
  function runSearch() {
    var q = search.value.trim().toLowerCase();
    state.matches = {};
    found.textContent = "";
    if (!q) { network.redraw(); return; }
    var hits = data.nodes.filter(function (n) {
      var i = info[n.id];
      return i.name.toLowerCase().indexOf(q) >= 0 || (i.py && i.py.indexOf(q) === 0);
    }).map(function (n) { return n.id; });
    hits.forEach(function (id) { state.matches[id] = true; });
    if (!hits.length) { found.textContent = fill(ui.no_match, { query: search.value.trim() }); network.redraw(); return; }
    found.textContent = fill(ui.matches, { count: hits.length });
    select(hits[0], true);
  }
  search.addEventListener("input", runSearch);

  // --- street-level lines behind a toggle ------------------------------------------------
  if (toggle) {
    toggle.addEventListener("change", function () {
      showStreet = toggle.checked;
      edges.update(data.edges.filter(function (e) { return e.lmStreet; })
        .map(function (e) { return { id: e.id, hidden: !showStreet }; }));
    });
  }

  function draw(payload, options) {
    data = payload;
    ui = data.ui || {};
    panels = data.panels || {};
    // true: every organisation's edit and pair actions; a list: those organisations' only
    var given = options && options.editable;
    editable = given === true ? true : {};
    if (Array.isArray(given)) { given.forEach(function (org) { editable[org] = true; }); }
    info = {}; original = {}; adjacency = {};
    state = { selected: null, hovered: null, matches: {} };
    lit = null;
    data.nodes.forEach(function (n) {
      info[n.id] = {name: n.label || "", size: n.size || 10, kind: n.lmKind || "organisation", py: n.lmPy || ""};
      original[n.id] = n.color;
      adjacency[n.id] = {};
      // vis-network would draw every label itself, overlapping: we draw them (see drawLabels)
      delete n.label;
      if (n.title) { n.title = tip(n.title); }
    });
    var hasStreet = false;
    data.edges.forEach(function (e, i) {
      e.id = "e" + i;
      e.lmColor = e.color;
      if (e.title) { e.title = tip(e.title); }
      if (e.lmStreet) { hasStreet = true; e.hidden = !showStreet; }
      if (adjacency[e.from] && adjacency[e.to]) { adjacency[e.from][e.to] = true; adjacency[e.to][e.from] = true; }
    });
    if (toggle) { toggle.parentNode.hidden = !hasStreet || data.streetToggle === false; }
    largest = {};
    data.nodes.map(function (n) { return n.id; }).sort(function (a, b) { return info[b].size - info[a].size; })
      .slice(0, data.labelLargest || 12).forEach(function (id) { largest[id] = true; });
    window.lianmengNodeNames = {};
    Object.keys(info).forEach(function (id) { window.lianmengNodeNames[id] = info[id].name; });
    window.lianmengLabelBoxes = [];
    closePanel();
    search.value = "";
    found.textContent = "";
    drawLegend();
    if (network !== null) { network.destroy(); }
    nodes = new vis.DataSet(data.nodes);
    edges = new vis.DataSet(data.edges);
    network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
    window.lianmengNetwork = network;
    if (data.options.interaction && data.options.interaction.hover) {
      network.on("hoverNode", function (p) { state.hovered = p.node; highlight(p.node); });
      network.on("blurNode", function () { state.hovered = null; highlight(state.selected); network.redraw(); });
    }
    network.on("afterDrawing", drawLabels);
    network.on("click", function (p) {
      if (p.nodes && p.nodes.length) { select(p.nodes[0], false); }
      else if (!p.edges || !p.edges.length) { select(null, false); }
    });
    network.once("afterDrawing", function () {
      if (data.focus !== null && data.focus !== undefined && info[data.focus]) {
        select(data.focus, false);
        network.focus(data.focus, { scale: 1.2, animation: false });
      } else {
        network.fit({ animation: false });
        network.moveTo({ scale: network.getScale() * 0.93, animation: false });
      }
      window.lianmengReady = performance.now();
      document.body.setAttribute("data-ready", "1");
    });
  }
  window.lianmengDraw = draw;
})();
"""

#: the explorer's frame: Streamlit's component messages (a custom component without a build
#: step) — it says it is ready, takes its height, and redraws only when the view changed
_FRAME_SCRIPT = r"""
(function () {
  var shown = null;
  function send(type, extra) {
    window.parent.postMessage(Object.assign({ isStreamlitMessage: true, type: type }, extra || {}), "*");
  }
  window.addEventListener("message", function (event) {
    var message = event.data;
    if (event.source !== window.parent || !message || message.type !== "streamlit:render") { return; }
    var args = message.args || {};
    if (args.height) { send("streamlit:setFrameHeight", { height: args.height }); }
    var version = args.version + "|" + JSON.stringify(args.editable || false);
    if (version === shown) { return; }
    shown = version;
    // the page sends the data as bytes (UTF-8 JSON); a string is read as it is
    var text = typeof args.data === "string" ? args.data : new TextDecoder("utf-8").decode(args.data);
    window.lianmengDraw(JSON.parse(text), { editable: args.editable || false });
  });
  send("streamlit:componentReady", { apiVersion: 1 });
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
                  },
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


def network_payload(
    nodes: Sequence[Mapping[str, Any]],
    edges: Sequence[Mapping[str, Any]],
    legend: Sequence[LegendSection],
    *,
    title: str,
    focus: str | None = None,
    options: Mapping[str, Any] | None = None,
    panels: Mapping[str, Mapping[str, Any]] | None = None,
    org_page: str = "organisations",
    label_all: bool = False,
    street_toggle: bool = True,
) -> dict[str, Any]:
    """What the drawing script reads for ``nodes`` and ``edges`` (vis-network dicts) and a
    legend: plain data, text is text, never markup.

    Text values (``label``, ``title``) are plain text: the document writes them into its
    ``<script>`` through :func:`~views.escaping.script_json` and draws them as text.
    ``focus`` is a node id to select and centre once drawn. ``options`` override the
    defaults (physics stays off unless overridden).

    The document draws the labels itself (greedy placement in priority order: the selected
    node, search matches, the hovered node's partners, alliances, the largest nodes, all of
    them once zoomed in; a label that would overlap one already placed is left out) and
    exposes the boxes it drew as ``window.lianmengLabelBoxes``. ``panels`` (node id → the
    side panel's data: ``name``, ``facts`` [[label, value]], ``brands``, ``pairings``,
    ``ranks``, ``recommendations``, ``org``) opens beside the graph on a click; every value
    is written with ``textContent``. Edges with ``lmStreet`` (street-level pairings) start
    hidden behind a check box.
    """
    return {
        "title": title,
        "nodes": list(nodes),
        "edges": list(edges),
        "options": dict(options) if options is not None else _options(len(nodes), len(edges)),
        "focus": focus,
        "panels": dict(panels or {}),
        "legend": [{"heading": s.heading, "items": [asdict(i) for i in s.items]} for s in legend],
        "ui": NETWORK_UI,
        "orgPage": org_page,
        "labelAll": label_all,
        "labelLargest": 12,
        "labelZoom": 1.6,
        "streetToggle": street_toggle,
    }


def _legend_sections(payload: Mapping[str, Any]) -> list[LegendSection]:
    return [LegendSection(s["heading"], tuple(LegendItem(**{**i, "dashes": tuple(i["dashes"]) if i["dashes"] else None})
                                              for i in s["items"])) for s in payload["legend"]]


def _body(title: str, legend_html: str, *, toggle: bool) -> str:
    """The page around the canvas: the search bar (with the street-lines toggle), the graph,
    the side panel and the legend. Constant words only; the data comes separately."""
    street = (f'<label><input type="checkbox" id="lm-street"> {html_text(NETWORK_UI["street_lines"])}</label>'
              if toggle else "")
    bar = (f'<div class="lm-bar"><input type="search" id="lm-search" '
           f'placeholder="{html_text(NETWORK_UI["search"])}" aria-label="{html_text(NETWORK_UI["search"])}">'
           f'<span id="lm-found" class="lm-hint"></span>{street}'
           f'<span class="lm-hint">{html_text(NETWORK_UI["hint"])}</span></div>')
    panel = (f'<aside id="lm-panel" class="lm-panel" hidden><button type="button" id="lm-panel-close" '
             f'class="lm-close" aria-label="{html_text(NETWORK_UI["close"])}" '
             f'title="{html_text(NETWORK_UI["close"])}">×</button><div id="lm-panel-body"></div></aside>')
    return "".join([
        '<div class="lm-wrap"><div class="lm-stage">', bar,
        '<div id="lm-graph" class="lm-graph"></div>', panel, '</div>\n',
        f'<div id="lm-legend" class="lm-legend">{legend_html}</div></div>\n',
    ])


def network_document(payload: Mapping[str, Any], payload_json: str | None = None) -> str:
    """The standalone document of ``payload`` (:func:`network_payload`), vis-network inlined.
    ``payload_json`` is ``script_json(payload)`` when the caller has it already."""
    script, style = vis_assets()
    title = payload["title"]
    has_street = payload.get("streetToggle", True) and any(e.get("lmStreet") for e in payload["edges"])
    return "".join([
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n",
        f"<title>{html_text(title)}</title>\n",
        "<style>\n", style, "\n</style>\n<style>", _PAGE_STYLE, "</style>\n</head>\n<body>\n",
        _body(title, _legend_html(title, _legend_sections(payload)), toggle=has_street),
        '<script id="lm-data" type="application/json">',
        script_json(payload) if payload_json is None else payload_json, "</script>\n",
        "<script>\n", script, "\n</script>\n",
        "<script>", _PAGE_SCRIPT,
        'window.lianmengDraw(JSON.parse(document.getElementById("lm-data").textContent));\n',
        "</script>\n</body>\n</html>\n",
    ])


@without_gc_pauses
def network_html(nodes: Sequence[Mapping[str, Any]], edges: Sequence[Mapping[str, Any]],
                 legend: Sequence[LegendSection], **options: Any) -> str:
    """The whole standalone document for ``nodes`` and ``edges`` (vis-network dicts), with a
    legend; ``options`` are :func:`network_payload`'s (``title`` is required)."""
    return network_document(network_payload(nodes, edges, legend, **options))


#: the frame's own script: drawing and component messages
_FRAME_JS = _PAGE_SCRIPT + _FRAME_SCRIPT
#: the frame's files other than index.html are named by their content (vis-network by its
#: version, ours by a digest): a changed file is a new name, so a browser may keep them
FRAME_SCRIPT_NAME = f"lianmeng-network-{hashlib.sha1(_FRAME_JS.encode('utf-8')).hexdigest()[:12]}.js"


def frame_files() -> dict[str, str]:
    """The files of the explorer's network frame (``index.html`` and what it loads): the
    same page, styles and drawing as :func:`network_html`, with vis-network loaded once as a
    file and the data sent by the page (``streamlit:render``: ``data``, the JSON of
    :func:`network_payload` as UTF-8 bytes or a string; ``version``, redrawn only when it changes; ``editable``, the
    edit and pairing links — ``true`` on every organisation's panel, or a list of the organisations
    that have them; ``height``)."""
    script, style = vis_assets()
    vis_js, vis_css = f"vis-network-{VIS_VERSION}.min.js", f"vis-network-{VIS_VERSION}.min.css"
    index = "".join([
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n",
        f"<title>{html_text(NETWORK_UI['frame_title'])}</title>\n",
        f'<link rel="stylesheet" href="{vis_css}">\n<style>', _PAGE_STYLE, "</style>\n</head>\n<body>\n",
        _body("", "", toggle=True),
        f'<script src="{vis_js}"></script>\n<script src="{FRAME_SCRIPT_NAME}"></script>\n',
        "</body>\n</html>\n",
    ])
    return {"index.html": index, vis_js: script, vis_css: style, FRAME_SCRIPT_NAME: _FRAME_JS}
