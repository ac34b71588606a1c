"""Interactive, offline HTML view of an entity graph (pyvis + vis-network 9, inlined).

The page needs no network: vis-network is inlined and no remote ``src``/``href`` remains. Article text
only ever reaches the page as JSON data (``<``, ``>``, ``&`` and ``'`` escaped) and is shown through
vis-network's plain-text tooltips or DOM ``textContent``; pyvis's ``heading``, ``select_menu`` and
``filter_menu`` (which render raw HTML) are never used.

The page filters statements interactively by certainty and by a from/until time window; an edge is
shown when every filter keeps it (the highlighted path always is), and an entity whose statements are
all hidden is dimmed. The window uses the projection's rule: an edge is kept when its ``period`` (the
fact's time bounds, else the publication dates of the articles reporting it) overlaps the window; an
edge with no date at all is always kept. Only well-formed dates reach the page.

Example:
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", label="Samer Haddad", type="person", names=["Haddad"])
    >>> G.add_node("b", label="Fawzi Tannous", type="person", names=["Tannous"])
    >>> G.add_edge("a", "b", label="confidantOf", certainty="confirmed", evidence=[])
    0
    >>> page = render_html(G, title="Haddad & Tannous", highlight_path=["a", "b"])
    >>> "<h1>Haddad &amp; Tannous</h1>" in page, 'src="http' in page
    (True, False)
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphbuild.errors import GraphbuildError

if TYPE_CHECKING:
    import networkx as nx

#: type -> (vis shape, colour, legend glyph)
TYPE_STYLES: dict[str, tuple[str, str, str]] = {
    "person": ("dot", "#4e79a7", "●"), "regime": ("diamond", "#e15759", "◆"),
    "organization": ("square", "#f28e2b", "■"), "country": ("hexagon", "#59a14f", "⬢"),
    "place": ("triangle", "#76b7b2", "▲"), "group": ("star", "#b07aa1", "★"),
}
_OTHER = ("dot", "#9c9c9c", "●")
#: certainty -> (dashes, colour, shown by default)
CERTAINTY_STYLES: dict[str, tuple[bool | list[int], str, bool]] = {
    "confirmed": (False, "#555555", True), "claimed": ([8, 6], "#555555", True),
    "unconfirmed": ([4, 4], "#8a8a8a", True), "denied": ([2, 6], "#d62728", False),
    "hypothetical": ([2, 6], "#9467bd", False),
}
PATH_COLOUR = "#ff9f1c"
MAX_EVIDENCE = 5
_DATA = "/*GB_DATA*/null"
_REMOTE_TAG = re.compile(r"<(?:link|script)\b[^>]*\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//[^>]*>"
                         r"(?:\s*</script>)?", re.IGNORECASE)
_REMOTE_REF = re.compile(r"\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//", re.IGNORECASE)


def _clip(text: str, limit: int = 300) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _evidence_text(ev: Any) -> str:
    get = ev.get if isinstance(ev, dict) else lambda k, d=None: getattr(ev, k, d)
    sources = ", ".join(str(s) for s in (get("sources") or ())) or "unknown"
    return f"“{_clip(get('sentence', ''))}”\n   sources: {sources} · certainty: {get('certainty') or '?'}"


def _iso(value: Any) -> str | None:
    """A date as ``YYYY-MM-DD``, or None when missing or not a date (nothing else reaches the page).

    >>> _iso(dt.date(2012, 7, 11)), _iso("2012-07-11"), _iso("</script>"), _iso(None)
    ('2012-07-11', '2012-07-11', None, None)
    """
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return value.isoformat() if isinstance(value, dt.date) else None


def _period(data: dict[str, Any]) -> tuple[str | None, str | None]:
    """An edge's (earliest, latest) dates from its ``period`` attribute (see ``to_networkx``)."""
    period = data.get("period")
    if not isinstance(period, (tuple, list)) or len(period) != 2:
        return None, None
    return _iso(period[0]), _iso(period[1])


def _when(lo: str | None, hi: str | None) -> str:
    if lo is None and hi is None:
        return "when: no date (shown under any time window)"
    if lo == hi:
        return f"when: {lo}"
    return f"when: {lo or '…'} to {hi or '…'}"


def _edge_title(src: str, dst: str, data: dict[str, Any], certainty: str) -> str:
    lines = [f"{src} —{data.get('label', '')}→ {dst}", f"certainty: {certainty}", _when(*_period(data))]
    evidence = list(data.get("evidence") or [])
    lines += [f"{i}. {_evidence_text(ev)}" for i, ev in enumerate(evidence[:MAX_EVIDENCE], 1)]
    if len(evidence) > MAX_EVIDENCE:
        lines.append(f"… and {len(evidence) - MAX_EVIDENCE} more")
    return "\n".join(lines)


def _keep(G: nx.MultiDiGraph, max_nodes: int, path: list[str]) -> list[str]:
    """The ``max_nodes`` most central nodes by degree (ties by id), path nodes always included."""
    ranked = sorted(G.nodes, key=lambda n: (-G.degree(n), str(n)))
    forced = [n for n in dict.fromkeys(path) if n in G][:max_nodes]
    rest = [n for n in ranked if n not in set(forced)][: max(0, max_nodes - len(forced))]
    return sorted(set(forced) | set(rest), key=str)


def render_html(G: nx.MultiDiGraph, *, title: str = "graphbuild", highlight_path: list[str] | None = None,
                max_nodes: int = 1500) -> str:
    """Render ``G`` (from :func:`graphbuild.analysis.to_networkx`) as one self-contained HTML page.

    Nodes are coloured and shaped by ``type``; edges are labelled, solid when confirmed, dashed when
    claimed or unconfirmed, and hidden (togglable) when denied or hypothetical; a from/until window
    hides the edges whose ``period`` lies outside it (undated edges stay). Consecutive nodes of
    ``highlight_path`` have their edges drawn thick and coloured. Above ``max_nodes`` only the most
    central entities by degree are kept, with a visible notice. An edge with no known certainty is
    drawn as unconfirmed.
    """
    from jinja2.utils import htmlsafe_json_dumps
    from pyvis.network import Network

    path = list(highlight_path or [])
    kept = _keep(G, max(1, max_nodes), path)
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    in_path = set(path)
    for n in kept:
        data = G.nodes[n]
        label = str(data.get("label") or n)
        shape, colour, _ = TYPE_STYLES.get(str(data.get("type")), _OTHER)
        names = sorted({str(x) for x in data.get("names") or []} - {label})
        tip = [label, f"type: {data.get('type') or 'unknown'}", f"connections: {G.degree(n)}"]
        tip += [f"also: {'; '.join(names)}"] if names else []
        border = PATH_COLOUR if n in in_path else colour
        net.add_node(n, label=label, shape=shape, title="\n".join([*tip, str(n)]), names=names,
                     type=str(data.get("type") or ""), size=12 + 3 * min(G.degree(n), 12) ** 0.5,
                     borderWidth=4 if n in in_path else 1,
                     color={"background": colour, "border": border,
                            "highlight": {"background": colour, "border": "#222222"}})
    pairs = {frozenset(p) for p in itertools.pairwise(path)}
    keep_set, counts = set(kept), dict.fromkeys(CERTAINTY_STYLES, 0)
    seen_pairs: dict[frozenset[str], int] = {}
    edges = sorted(G.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    for i, (u, v, _, data) in enumerate(e for e in edges if e[0] in keep_set and e[1] in keep_set):
        cert = str(data.get("certainty") or "")
        cert = cert if cert in CERTAINTY_STYLES else "unconfirmed"
        dashes, colour, shown = CERTAINTY_STYLES[cert]
        pair = frozenset((u, v))
        nth = seen_pairs[pair] = seen_pairs.get(pair, -1) + 1
        on_path = pair in pairs and len(pair) == 2
        counts[cert] += 1
        earliest, latest = _period(data)
        net.add_edge(u, v, id=f"e{i}", label=str(data.get("label", "")), certainty=cert, path=on_path,
                     earliest=earliest, latest=latest,
                     title=_edge_title(str(G.nodes[u].get("label", u)), str(G.nodes[v].get("label", v)),
                                       data, cert),
                     dashes=dashes, hidden=not (shown or on_path), width=5 if on_path else 1.5,
                     color={"color": PATH_COLOUR if on_path else colour, "highlight": "#222222"},
                     font={"size": 15, "color": "#8a4b00"} if on_path else {},
                     smooth={"enabled": True, "type": "curvedCW", "roundness": min(0.4 * nth, 1.0)})
    iterations = 400 if len(kept) <= 300 else 150
    net.set_options(json.dumps({
        "layout": {"randomSeed": 42, "improvedLayout": len(kept) <= 150},
        "physics": {"solver": "forceAtlas2Based", "minVelocity": 0.75,
                    "forceAtlas2Based": {"gravitationalConstant": -90, "centralGravity": 0.008,
                                         "springLength": 120, "springConstant": 0.05, "avoidOverlap": 0.6},
                    "stabilization": {"enabled": True, "iterations": iterations, "fit": True}},
        "interaction": {"hover": True, "tooltipDelay": 150, "keyboard": False},
        "nodes": {"font": {"size": 16, "strokeWidth": 3, "strokeColor": "#ffffff"}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
                  "font": {"size": 13, "align": "horizontal", "strokeWidth": 3, "strokeColor": "#ffffff"}},
    }))
    nodes, vis_edges, _, _, _, options = net.get_network_data()
    total = G.number_of_nodes()
    page = net.templateEnv.from_string(_TEMPLATE).render(
        title=html.escape(title), options=options, empty=not nodes,
        notice=f"showing the {len(kept)} most central of {total} entities" if len(kept) < total else "",
        legend=[(t, *TYPE_STYLES[t]) for t in TYPE_STYLES], path_colour=PATH_COLOUR,
        certainties=[(c, s[2], counts[c]) for c, s in CERTAINTY_STYLES.items()])
    page = strip_remote(page)
    data = htmlsafe_json_dumps({"nodes": nodes, "edges": vis_edges}, sort_keys=True, separators=(",", ":"))
    return page.replace(_DATA, str(data), 1)


def strip_remote(page: str) -> str:
    """Drop ``<link>``/``<script>`` tags that load from another host (pyvis's template always adds
    bootstrap from a CDN), then refuse a page in which any remote ``src``/``href`` is left.

    >>> strip_remote('<link href="https://cdn.example/b.css" rel="stylesheet"><p>ok</p>')
    '<p>ok</p>'
    """
    page = _REMOTE_TAG.sub("", page)
    if _REMOTE_REF.search(page):
        raise GraphbuildError("HTML output would load a remote resource; refusing to write it")
    return page


def write_html(G: nx.MultiDiGraph, path: Path | str, **kwargs: Any) -> Path:
    """Render ``G`` with :func:`render_html` and write it atomically to ``path``."""
    from graphbuild.outputs.files import write_atomic

    path = Path(path)
    write_atomic(path, render_html(G, **kwargs).encode("utf-8"))
    return path


_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<style>{% include 'lib/vis-9.1.2/vis-network.css' %}</style>
<script>{% include 'lib/vis-9.1.2/vis-network.min.js' %}</script>
<style>
html, body { margin: 0; height: 100%; font: 14px system-ui, sans-serif; color: #222; }
body { display: flex; flex-direction: column; }
header { display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: center; padding: 6px 12px;
         border-bottom: 1px solid #ddd; background: #fafafa; }
h1 { font-size: 18px; margin: 0; }
#filters, #window { border: 0; margin: 0; padding: 0; display: flex; gap: 10px; align-items: center; }
#window { padding: 2px 6px; border-radius: 4px; }
#window.active { background: #fff3cd; box-shadow: 0 0 0 1px #e6b800; }
#window-status { color: #555; }
#window.active #window-status { color: #6b4e00; font-weight: 600; }
#notice { margin: 0; padding: 4px 12px; background: #fff3cd; border-bottom: 1px solid #e6d28a; }
#main { flex: 1; display: flex; min-height: 0; }
#mynetwork { flex: 1; position: relative; }
#legend { width: 215px; padding: 8px 12px; border-left: 1px solid #ddd; background: #fafafa; overflow: auto; }
#legend h2 { font-size: 14px; margin: 4px 0; }
#legend ul { list-style: none; margin: 0 0 10px; padding: 0; }
#legend .glyph { display: inline-block; width: 1.3em; font-size: 16px; text-align: center; }
#legend .line { display: inline-block; width: 34px; margin-right: 6px; vertical-align: middle; }
#empty { margin: 40px auto; font-size: 18px; color: #666; }
div.vis-tooltip { white-space: pre-wrap; max-width: 460px; font: 12px system-ui, sans-serif; }
</style></head>
<body>
<header>
<h1>{{ title }}</h1>
<form id="search-form" role="search"><input id="search" list="entity-names" size="28"
 placeholder="Find an entity by any name" aria-label="Find an entity"> <button type="submit">Find</button>
<span id="search-status" aria-live="polite"></span><datalist id="entity-names"></datalist></form>
<fieldset id="filters"><legend hidden>Certainty</legend>
{% for c, on, n in certainties %}<label><input type="checkbox" value="{{ c }}"{{ ' checked' if on }}>
 {{ c }} ({{ n }})</label>{% endfor %}</fieldset>
<fieldset id="window"><legend hidden>Time window</legend>
<label>from <input type="date" id="since" aria-label="Show statements from this day"></label>
<label>until <input type="date" id="until" aria-label="Show statements until this day"></label>
<button type="button" id="window-reset">All dates</button>
<span id="window-status" aria-live="polite"></span></fieldset>
</header>
{% if notice %}<p id="notice">{{ notice }} (by number of connections)</p>{% endif %}
{% if empty %}<p id="empty">No entities to show: the graph is empty.</p>{% endif %}
<div id="main"><div id="mynetwork"></div>
<aside id="legend"><h2>Entities</h2><ul>
{% for t, shape, colour, glyph in legend %}<li>
<span class="glyph" style="color:{{ colour }}">{{ glyph }}</span> {{ t }}</li>{% endfor %}</ul>
<h2>Statements</h2><ul>
<li><svg class="line" height="6"><line x1="0" y1="3" x2="34" y2="3" stroke="#555"
 stroke-width="2"/></svg>confirmed</li>
<li><svg class="line" height="6"><line x1="0" y1="3" x2="34" y2="3" stroke="#555" stroke-width="2"
 stroke-dasharray="8 6"/></svg>claimed / unconfirmed</li>
<li><svg class="line" height="6"><line x1="0" y1="3" x2="34" y2="3" stroke="#d62728" stroke-width="2"
 stroke-dasharray="2 6"/></svg>denied (hidden)</li>
<li><svg class="line" height="6"><line x1="0" y1="3" x2="34" y2="3" stroke="#9467bd" stroke-width="2"
 stroke-dasharray="2 6"/></svg>hypothetical (hidden)</li>
<li><svg class="line" height="8"><line x1="0" y1="4" x2="34" y2="4" stroke="{{ path_colour }}"
 stroke-width="5"/></svg>highlighted path (always shown)</li></ul>
<p>Hover for evidence; tick a certainty above to show its statements.</p>
<p id="window-help">From/until shows the statements whose date overlaps the window: the time of the
fact, else the publication dates of the articles reporting it. Statements with no date are always
shown. Entities with no statement shown are dimmed.</p></aside></div>
<script>
(function () {
  "use strict";
  var data = """ + _DATA + """;
  var nodes = new vis.DataSet(data.nodes), edges = new vis.DataSet(data.edges);
  var network = new vis.Network(document.getElementById("mynetwork"), {nodes: nodes, edges: edges},
                                {{ options|safe }});
  window.nodes = nodes; window.edges = edges; window.network = network; window.graphReady = false;
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({physics: false}); network.fit(); window.graphReady = true;
  });
  if (nodes.length === 0) { window.graphReady = true; }
  function norm(s) {
    return String(s).normalize("NFKD").replace(/[\\u0300-\\u036f]/g, "").toLowerCase()
      .replace(/[^\\p{L}\\p{N}]+/gu, " ").trim().replace(/^the /, "");
  }
  var list = document.getElementById("entity-names"), seen = {};
  nodes.forEach(function (n) {
    [n.label].concat(n.names || []).forEach(function (name) {
      if (seen[name]) { return; }
      seen[name] = true;
      var opt = document.createElement("option"); opt.value = name; list.appendChild(opt);
    });
  });
  window.findEntity = function (query) {
    var q = norm(query), best = null, rank = 9;
    if (!q) { return null; }
    nodes.forEach(function (n) {
      [n.label].concat(n.names || []).forEach(function (name) {
        var m = norm(name);
        var r = m === q ? 0 : (m.indexOf(q) === 0 ? 1 : (m.indexOf(q) >= 0 ? 2 : 9));
        var deg = network.getConnectedEdges(n.id).length;
        if (r < rank || (r === rank && r < 9 && deg > best.deg)) { rank = r; best = {id: n.id, deg: deg}; }
      });
    });
    return best && best.id;
  };
  document.getElementById("search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var status = document.getElementById("search-status");
    var id = window.findEntity(document.getElementById("search").value);
    if (id === null) { status.textContent = "no entity by that name"; return; }
    network.selectNodes([id]);
    network.focus(id, {scale: 1.3, animation: false});
    status.textContent = "found: " + nodes.get(id).label;
  });
  var boxes = document.querySelectorAll("#filters input");
  var since = document.getElementById("since"), until = document.getElementById("until");
  var windowBox = document.getElementById("window"), windowStatus = document.getElementById("window-status");
  var first = "", last = "";
  edges.forEach(function (e) {
    [e.earliest, e.latest].forEach(function (d) {
      if (!d) { return; }
      if (!first || d < first) { first = d; }
      if (!last || d > last) { last = d; }
    });
  });
  since.min = until.min = first; since.max = until.max = last;
  if (!first) { since.disabled = until.disabled = true; }
  function inWindow(e, lo, hi) {  /* overlap; an edge with no date is always kept */
    if (!e.earliest && !e.latest) { return true; }
    if (lo && e.latest && e.latest < lo) { return false; }
    return !(hi && e.earliest && e.earliest > hi);
  }
  function applyFilters() {
    var on = {}, lo = since.value, hi = until.value, invalid = !!(lo && hi && lo > hi);
    boxes.forEach(function (b) { on[b.value] = b.checked; });
    if (invalid) { lo = hi = ""; }
    var outside = 0, linked = {}, shown = {};
    edges.update(edges.get().map(function (e) {
      var kept = inWindow(e, lo, hi), visible = e.path || (kept && !!on[e.certainty]);
      if (!kept && !e.path) { outside += 1; }
      linked[e.from] = linked[e.to] = true;
      if (visible) { shown[e.from] = shown[e.to] = true; }
      return {id: e.id, hidden: !visible};
    }));
    var changed = [];
    nodes.forEach(function (n) {
      var dim = !!linked[n.id] && !shown[n.id];
      if (!!n.dimmed !== dim) {
        changed.push({id: n.id, dimmed: dim, opacity: dim ? 0.25 : 1,
                      font: {color: dim ? "rgba(52,52,52,0.35)" : "#343434"}});
      }
    });
    nodes.update(changed);
    windowBox.classList.toggle("active", !!(lo || hi));
    since.setAttribute("aria-invalid", invalid ? "true" : "false");
    if (invalid) {
      windowStatus.textContent = "“from” is after “until”: no time window";
    } else if (lo || hi) {
      windowStatus.textContent = "window " + (lo || "…") + " to " + (hi || "…") + ": " + outside +
        " dated statement" + (outside === 1 ? "" : "s") + " outside, hidden";
    } else {
      windowStatus.textContent = first ? "dates in graph: " + first + " to " + last : "no dated statements";
    }
  }
  boxes.forEach(function (b) { b.addEventListener("change", applyFilters); });
  [since, until].forEach(function (b) {
    b.addEventListener("input", applyFilters); b.addEventListener("change", applyFilters);
  });
  document.getElementById("window-reset").addEventListener("click", function () {
    since.value = until.value = ""; applyFilters();
  });
  window.applyFilters = applyFilters;
  applyFilters();
})();
</script>
</body></html>
"""
