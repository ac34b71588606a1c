"""The interactive HTML page without a browser: offline, escaped, capped, deterministic."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import time
from pathlib import Path

import networkx as nx
import pytest

from graphbuild.analysis.projection import Evidence
from graphbuild.outputs.visualize import PATH_COLOUR, render_html, strip_remote, write_html

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "data" / "golden" / "seed.nq"
ALL = frozenset({"confirmed", "claimed", "unconfirmed", "denied", "hypothetical"})
REMOTE = re.compile(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)
HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    "\" onmouseover=\"alert(1)",
    "' onfocus='alert(1)",
    '<a href="javascript:alert(1)">href</a>',
    "{{ 7*7 }} {% raw %}",
]


def seed_graph() -> nx.MultiDiGraph:
    from graphbuild.analysis import to_networkx
    from graphbuild.outputs.files import read_graph

    return to_networkx(read_graph(GOLDEN), certainties=ALL)


def small_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_node("urn:a", label="Manaf Tlass", type="person", names=["Tlass"])
    G.add_node("urn:b", label="Bashar Assad", type="person", names=["Assad"])
    G.add_node("urn:r", label="Assad regime", type="regime", names=[])
    ev = [Evidence("Tlass, an Assad confidant.", ("France",), "confirmed", "urn:doc", 0, 26)]
    day, week, year = (dt.date(2012, 7, 11),) * 2, (dt.date(2012, 7, 2), dt.date(2012, 7, 8)), \
        (dt.date(2011, 1, 1), dt.date(2011, 12, 31))
    G.add_edge("urn:a", "urn:b", key="p1", label="confidantOf", certainty="confirmed", evidence=ev, period=day)
    G.add_edge("urn:a", "urn:r", key="p2", label="defectedFrom", certainty="claimed", evidence=ev, period=week)
    G.add_edge("urn:b", "urn:r", key="p3", label="headOf", certainty="denied", evidence=ev, period=year)
    G.add_edge("urn:b", "urn:r", key="p4", label="memberOf", certainty="hypothetical", evidence=[],
               period=(None, None))  # undated: kept by any time window
    return G


def hostile_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for i, bad in enumerate(HOSTILE):
        G.add_node(f"urn:x{i}{bad}", label=bad, type="person", names=[bad + " alias"])
    nodes = list(G)
    for i, (u, v) in enumerate(itertools.pairwise(nodes)):
        bad = HOSTILE[i]
        period = (dt.date(2012, 7, 1 + i), dt.date(2012, 7, 10 + i)) if i % 2 else (bad, "2012-07-11" + bad)
        G.add_edge(u, v, key=bad, label=bad, certainty="confirmed", period=period,
                   evidence=[Evidence(bad, (bad,), "confirmed", bad, 0, 1)])
    return G


def data_of(page: str) -> dict:
    """The JSON data block of the page (nodes and edges as handed to vis-network)."""
    match = re.search(r"var data = (\{.*?\});\n", page, re.DOTALL)
    assert match, "no data block"
    return json.loads(match.group(1))


def without_data(page: str) -> str:
    return re.sub(r"var data = \{.*?\};\n", "var data = DATA;\n", page, count=1, flags=re.DOTALL)


def test_offline_no_remote_src_or_href():
    page = render_html(seed_graph())
    assert REMOTE.search(page) is None
    assert "cdn.jsdelivr" not in page and "bootstrap" not in page.lower()
    assert "vis.Network" in page and len(page) > 400_000  # vis-network inlined


def test_strip_remote_removes_pyvis_stock_cdn_tags():
    from pyvis.network import Network

    net = Network(cdn_resources="in_line")
    net.add_node(1)
    stock = net.generate_html()
    assert REMOTE.search(stock), "pyvis stock template no longer loads bootstrap from a CDN?"
    assert REMOTE.search(strip_remote(stock)) is None


def test_hostile_names_only_inside_escaped_json():
    page = render_html(hostile_graph(), title="x")
    for bad in HOSTILE[:-1]:  # the last one has no HTML metacharacter: it must only stay unevaluated
        assert bad not in page
    rest = without_data(page).split("</head>", 1)[1]  # the body: our markup and script, minus the data
    assert "onerror" not in rest and "alert(" not in rest and "javascript:" not in rest
    data = data_of(page)
    assert sorted(n["label"] for n in data["nodes"]) == sorted(HOSTILE)  # shown as text, intact
    assert any("<img src=x onerror=alert(1)>" in e["title"] for e in data["edges"])
    assert "popup.innerHTML" not in page  # pyvis's href-triggered HTML popup is never used
    assert "{{ 7*7 }}" in json.dumps(data) and "49" not in [n["label"] for n in data["nodes"]]
    dates = [(e["earliest"], e["latest"]) for e in sorted(data["edges"], key=lambda e: e["id"])]
    # well-formed dates reach the page; a hostile string where a date belongs is dropped, not embedded
    assert dates == [(None, None), ("2012-07-02", "2012-07-11"), (None, None), ("2012-07-04", "2012-07-13"),
                     (None, None)]


def test_title_is_escaped():
    page = render_html(small_graph(), title='<script>alert("t")</script> & co')
    assert '<script>alert("t")' not in page
    assert "<h1>&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt; &amp; co</h1>" in page.replace("&quot;", "&#34;")
    assert "<title>&lt;script&gt;" in page


def test_empty_graph_page():
    page = render_html(nx.MultiDiGraph())
    assert "No entities to show" in page
    assert data_of(page) == {"nodes": [], "edges": []}
    assert REMOTE.search(page) is None


def test_cap_notice_keeps_most_central():
    G = nx.MultiDiGraph()
    for i in range(30):
        G.add_node(f"n{i:02}", label=f"leaf {i}", type="person", names=[])
    G.add_node("hub", label="Hub", type="regime", names=[])
    for i in range(30):
        G.add_edge(f"n{i:02}", "hub", label="memberOf", certainty="confirmed", evidence=[])
    G.add_edge("n29", "n28", label="confidantOf", certainty="confirmed", evidence=[])
    page = render_html(G, max_nodes=3)
    assert "showing the 3 most central of 31 entities" in page
    assert sorted(n["id"] for n in data_of(page)["nodes"]) == ["hub", "n28", "n29"]
    assert len(data_of(page)["edges"]) == 3
    assert "most central" not in render_html(G, max_nodes=31)


def test_cap_keeps_highlighted_path_nodes():
    G = nx.MultiDiGraph()
    G.add_edges_from([("a", "b"), ("a", "c"), ("a", "d"), ("e", "f")])
    page = render_html(G, max_nodes=2, highlight_path=["e", "f"])
    assert sorted(n["id"] for n in data_of(page)["nodes"]) == ["e", "f"]


def test_byte_identical_for_same_graph():
    G = seed_graph()
    first = render_html(G, title="seed", highlight_path=list(G)[:2])
    assert render_html(G, title="seed", highlight_path=list(G)[:2]) == first
    shuffled = nx.MultiDiGraph()
    shuffled.add_nodes_from(reversed(list(G.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(G.edges(keys=True, data=True))))
    assert render_html(shuffled, title="seed", highlight_path=list(G)[:2]) == first


def test_styles_by_type_and_certainty_and_path():
    data = data_of(render_html(small_graph(), highlight_path=["urn:a", "urn:b"]))
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["urn:a"]["shape"] == "dot" and nodes["urn:r"]["shape"] == "diamond"
    assert nodes["urn:a"]["names"] == ["Tlass"]
    edges = {e["label"]: e for e in data["edges"]}
    assert edges["confidantOf"]["width"] == 5 and edges["confidantOf"]["color"]["color"] == PATH_COLOUR
    assert edges["defectedFrom"]["dashes"] and not edges["defectedFrom"]["hidden"]
    assert edges["defectedFrom"]["width"] < 5
    assert edges["headOf"]["hidden"] and edges["memberOf"]["hidden"]
    title = edges["confidantOf"]["title"]
    assert "Manaf Tlass —confidantOf→ Bashar Assad" in title
    assert "“Tlass, an Assad confidant.”" in title and "sources: France" in title
    assert "certainty: confirmed" in title


def test_deterministic_layout_options():
    page = render_html(small_graph())
    assert '"randomSeed": 42' in page and '"iterations": 400' in page


def test_write_html_atomic_and_nothing_in_cwd(tmp_path, monkeypatch):
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    out = write_html(small_graph(), tmp_path / "deep" / "graph.html", title="t")
    assert out == tmp_path / "deep" / "graph.html"
    assert out.read_text(encoding="utf-8") == render_html(small_graph(), title="t")
    assert list(cwd.iterdir()) == []
    assert [p.name for p in out.parent.iterdir()] == ["graph.html"]


def test_large_graph_capped_in_time_budget():
    G = nx.gnm_random_graph(10_000, 20_000, seed=1, directed=True)
    M = nx.MultiDiGraph()
    M.add_nodes_from((str(n), {"label": f"entity {n}", "type": "person", "names": []}) for n in G)
    M.add_edges_from((str(u), str(v), {"label": "memberOf", "certainty": "confirmed", "evidence": []})
                     for u, v in G.edges)
    start = time.monotonic()
    page = render_html(M)
    assert time.monotonic() - start < 30
    assert "showing the 1500 most central of 10000 entities" in page
    assert len(data_of(page)["nodes"]) == 1500


@pytest.mark.parametrize("bad", [None, [], ["not-a-node", "also-not"]])
def test_highlight_path_edge_cases(bad):
    data = data_of(render_html(small_graph(), highlight_path=bad))
    assert all(e["width"] < 5 for e in data["edges"])


def test_edges_carry_their_period_and_tooltip_says_when():
    edges = {e["label"]: e for e in data_of(render_html(small_graph()))["edges"]}
    assert (edges["confidantOf"]["earliest"], edges["confidantOf"]["latest"]) == ("2012-07-11", "2012-07-11")
    assert (edges["headOf"]["earliest"], edges["headOf"]["latest"]) == ("2011-01-01", "2011-12-31")
    assert (edges["memberOf"]["earliest"], edges["memberOf"]["latest"]) == (None, None)
    assert "when: 2012-07-11" in edges["confidantOf"]["title"]
    assert "when: 2012-07-02 to 2012-07-08" in edges["defectedFrom"]["title"]
    assert "when: no date (shown under any time window)" in edges["memberOf"]["title"]


@pytest.mark.parametrize(("period", "expected"), [
    ((dt.date(2012, 7, 1), None), ("2012-07-01", None)),
    ((None, dt.datetime(2012, 7, 1, 12, 30)), (None, "2012-07-01")),
    (("2012-07-01", "not a date"), ("2012-07-01", None)),
    (("</script><script>alert(1)</script>", "2012-07-01\"><img>"), (None, None)),
    ("2012-07-01", (None, None)), (None, (None, None)), ((1, 2, 3), (None, None)),
])
def test_period_normalised_or_dropped(period, expected):
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", label="memberOf", certainty="confirmed", evidence=[], period=period)
    (edge,) = data_of(render_html(G))["edges"]
    assert (edge["earliest"], edge["latest"]) == expected


def test_seed_edges_dated_like_the_projection_window():
    """The page's dates are the projection's: --since/--until and the in-page window agree."""
    G = seed_graph()
    edges = data_of(render_html(G))["edges"]
    assert len(edges) == G.number_of_edges() and all(e["earliest"] and e["latest"] for e in edges)
    tlass = next(e for e in edges if e["label"] == "defectedFrom" and "Manaf Tlass" in e["title"])
    assert (tlass["earliest"], tlass["latest"]) == ("2012-07-02", "2012-07-08")  # "has defected": the week before
    from graphbuild.analysis import to_networkx
    from graphbuild.outputs.files import read_graph

    july = to_networkx(read_graph(GOLDEN), certainties=ALL, since=dt.date(2012, 7, 1), until=dt.date(2012, 7, 9))
    in_page = [e for e in edges if e["latest"] >= "2012-07-01" and e["earliest"] <= "2012-07-09"]
    assert len(in_page) == july.number_of_edges() == 1


def test_time_window_controls_and_legend_text():
    page = render_html(small_graph())
    assert '<input type="date" id="since"' in page and '<input type="date" id="until"' in page
    assert 'id="window-reset"' in page
    assert "Statements with no date are always shown." in " ".join(page.split())
