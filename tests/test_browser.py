"""The HTML page in Debian's headless Chromium through Playwright: counts, clicks, search, filters,
hostile names, no network, and a screenshot of the seed graph."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graphbuild.outputs.visualize import write_html

CHROMIUM = shutil.which("chromium")
if CHROMIUM is None:
    pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)", allow_module_level=True)

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402
from test_visualize import HOSTILE, hostile_graph, seed_graph, small_graph  # noqa: E402

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "tests" / "output"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


class Opened:
    """A page showing one graph, with every request, dialog and script error it saw."""

    def __init__(self, page: Page) -> None:
        self.page, self.requests, self.dialogs, self.errors = page, [], [], []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def dom_position(self, node: str) -> tuple[float, float]:
        pos = self.js("id => network.canvasToDOM(network.getPositions([id])[id])", node)
        box = self.page.locator("#mynetwork").bounding_box()
        assert box is not None
        return box["x"] + pos["x"], box["y"] + pos["y"]

    def visible_edges(self) -> int:
        return self.js("edges.get({filter: e => !e.hidden}).length")

    def visible_labels(self) -> list[str]:
        return self.js("edges.get({filter: e => !e.hidden}).map(e => e.label).sort()")

    def dimmed(self) -> list[str]:
        return self.js("nodes.get({filter: n => n.dimmed}).map(n => n.id).sort()")

    def set_window(self, since: str = "", until: str = "") -> None:
        self.page.fill("#since", since)
        self.page.fill("#until", until)

    def assert_clean(self) -> None:
        assert not [u for u in self.requests if u.split(":", 1)[0] not in ("file", "data", "about")]
        assert self.dialogs == []
        assert self.errors == []


@pytest.fixture
def open_graph(browser: Browser, tmp_path: Path) -> Iterator[Any]:
    pages: list[Opened] = []

    def run(G: nx.MultiDiGraph, **kwargs: Any) -> Opened:
        path = write_html(G, tmp_path / f"graph{len(pages)}.html", **kwargs)
        opened = Opened(browser.new_page(viewport={"width": 1400, "height": 900}))
        pages.append(opened)
        opened.page.goto(path.as_uri())
        opened.page.wait_for_function("window.graphReady === true", timeout=60_000)
        return opened

    yield run
    for p in pages:
        p.page.close()


def node_named(G: nx.MultiDiGraph, label: str) -> str:
    return next(n for n, d in G.nodes(data=True) if d["label"] == label)


def test_counts_match_graph_and_no_request_leaves(open_graph):
    G = seed_graph()
    hidden = sum(d["certainty"] in ("denied", "hypothetical") for *_, d in G.edges(data=True))
    o = open_graph(G)
    assert o.js("[window.nodes.length, window.edges.length]") == [G.number_of_nodes(), G.number_of_edges()]
    assert o.js("network.body.data.nodes.length") == G.number_of_nodes()
    assert o.visible_edges() == G.number_of_edges() - hidden
    assert o.requests == [o.page.url]
    o.assert_clean()


def test_click_selects_node_and_hover_shows_text_tooltip(open_graph):
    G = seed_graph()
    tlass = node_named(G, "Manaf Tlass")
    o = open_graph(G)
    x, y = o.dom_position(tlass)
    o.page.mouse.click(x, y)
    assert o.js("network.getSelectedNodes()") == [tlass]
    o.page.mouse.move(x + 1, y + 1)
    tooltip = o.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    text = tooltip.inner_text()
    assert "Manaf Tlass" in text and "type: person" in text and "Brig. Gen. Manaf Tlass" in text
    o.assert_clean()


def test_edge_tooltip_shows_evidence(open_graph):
    G = small_graph()
    o = open_graph(G)
    (ax, ay), (bx, by) = o.dom_position("urn:a"), o.dom_position("urn:b")
    o.page.mouse.move((ax + bx) / 2, (ay + by) / 2)  # the first edge of a pair is drawn straight
    tooltip = o.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    text = tooltip.inner_text()
    assert "Manaf Tlass —confidantOf→ Bashar Assad" in text
    assert "“Tlass, an Assad confidant.”" in text and "sources: France" in text
    assert "certainty: confirmed" in text
    o.assert_clean()


@pytest.mark.parametrize(("query", "label"), [
    ("Tlass", "Manaf Tlass"), ("president bashar assad", "Bashar Assad"), ("the embassy", "Syrian Embassy"),
    ("Fares", "Nawaf Fares"), ("syrian national", "Syrian National Council"),
])
def test_search_by_any_name_selects_and_focuses(open_graph, query, label):
    G = seed_graph()
    o = open_graph(G)
    o.page.fill("#search", query)
    o.page.press("#search", "Enter")
    node = node_named(G, label)
    assert o.js("network.getSelectedNodes()") == [node]
    assert o.page.inner_text("#search-status") == f"found: {label}"
    x, y = o.js("id => network.canvasToDOM(network.getPositions([id])[id])", node).values()
    box = o.page.locator("#mynetwork").bounding_box()
    assert abs(x - box["width"] / 2) < 5 and abs(y - box["height"] / 2) < 5  # focused: centred
    o.page.fill("#search", "nobody at all")
    o.page.press("#search", "Enter")
    assert o.page.inner_text("#search-status") == "no entity by that name"
    o.assert_clean()


def test_certainty_filters_toggle_edges(open_graph):
    o = open_graph(small_graph())
    assert o.visible_edges() == 2  # confirmed + claimed; denied and hypothetical hidden
    o.page.check("#filters input[value=denied]")
    assert o.visible_edges() == 3
    o.page.check("#filters input[value=hypothetical]")
    assert o.visible_edges() == 4
    o.page.uncheck("#filters input[value=confirmed]")
    assert o.visible_edges() == 3
    o.page.uncheck("#filters input[value=denied]")
    o.page.uncheck("#filters input[value=hypothetical]")
    o.page.uncheck("#filters input[value=claimed]")
    assert o.visible_edges() == 0
    o.assert_clean()


def test_highlighted_path_stays_visible_under_filters(open_graph):
    o = open_graph(small_graph(), highlight_path=["urn:a", "urn:b"])
    o.page.uncheck("#filters input[value=confirmed]")
    assert o.visible_labels() == ["confidantOf", "defectedFrom"]
    o.set_window("2011-01-01", "2011-12-31")  # the path edge (2012-07-11) is outside: still shown
    assert o.visible_labels() == ["confidantOf"]
    o.assert_clean()


def test_time_window_hides_dated_edges_and_reset_restores(open_graph):
    # small_graph: confidantOf confirmed 2012-07-11, defectedFrom claimed 2012-07-02..08,
    # headOf denied in 2011, memberOf hypothetical undated
    o = open_graph(small_graph())
    assert o.visible_labels() == ["confidantOf", "defectedFrom"] and o.dimmed() == []
    assert o.page.inner_text("#window-status") == "dates in graph: 2011-01-01 to 2012-07-11"
    assert o.js("[since.min, since.max, until.min, until.max]") == ["2011-01-01", "2012-07-11"] * 2
    assert o.js("document.getElementById('window').classList.contains('active')") is False
    o.set_window(since="2012-07-10")
    assert o.visible_labels() == ["confidantOf"]
    assert o.dimmed() == ["urn:r"]  # the regime keeps no shown statement: dimmed, not removed
    assert o.js("nodes.get('urn:r').opacity") < 1 and o.js("nodes.length") == 3
    assert o.js("document.getElementById('window').classList.contains('active')") is True
    assert o.page.inner_text("#window-status") == "window 2012-07-10 to …: 2 dated statements outside, hidden"
    o.set_window("2012-07-05", "2012-07-06")  # overlaps the defection's week, not the 11th
    assert o.visible_labels() == ["defectedFrom"]
    assert o.dimmed() == ["urn:b"]
    o.page.click("#window-reset")
    assert o.js("[since.value, until.value]") == ["", ""]
    assert o.visible_labels() == ["confidantOf", "defectedFrom"] and o.dimmed() == []
    assert o.js("document.getElementById('window').classList.contains('active')") is False
    o.assert_clean()


def test_time_window_combines_with_certainty_filters(open_graph):
    o = open_graph(small_graph())
    for c in ("denied", "hypothetical"):
        o.page.check(f"#filters input[value={c}]")
    assert o.visible_edges() == 4
    o.set_window(until="2011-12-31")  # keeps the 2011 denial and the undated edge
    assert o.visible_labels() == ["headOf", "memberOf"]
    o.page.uncheck("#filters input[value=denied]")  # both filters must keep an edge
    assert o.visible_labels() == ["memberOf"]
    assert o.dimmed() == ["urn:a"]
    o.page.uncheck("#filters input[value=hypothetical]")
    assert o.visible_edges() == 0 and o.dimmed() == ["urn:a", "urn:b", "urn:r"]
    o.page.check("#filters input[value=denied]")
    o.page.check("#filters input[value=hypothetical]")
    o.page.click("#window-reset")
    assert o.visible_edges() == 4 and o.dimmed() == []
    o.set_window("2012-07-11", "2012-07-01")  # from after until: said, and no window applied
    assert o.page.inner_text("#window-status") == "“from” is after “until”: no time window"
    assert o.visible_edges() == 4
    o.assert_clean()


def test_time_window_on_seed_counts_via_page(open_graph):
    G = seed_graph()
    o = open_graph(G)
    before = o.visible_edges()
    shown = [d for *_, d in G.edges(data=True) if d["certainty"] not in ("denied", "hypothetical")]
    assert before == len(shown)
    o.set_window(until="2012-07-10")  # before the report: the Tlass defection week and the 2011 defections
    expected = sum(d["period"][0] <= dt.date(2012, 7, 10) for d in shown)
    assert expected == 2 and o.visible_edges() == expected
    assert sorted(o.js("edges.get({filter: e => !e.hidden}).map(e => e.title.split('\\n')[0])")) == [
        "Manaf Tlass —defectedFrom→ Assad regime", "Moammar Gadhafi's inner circle —defectedFrom→ Gadhafi regime"]
    o.page.click("#window-reset")
    assert o.visible_edges() == before
    o.assert_clean()


def test_page_without_dates_disables_window(open_graph):
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", label="memberOf", certainty="confirmed", evidence=[])
    o = open_graph(G)
    assert o.js("[since.disabled, until.disabled]") == [True, True]
    assert o.page.inner_text("#window-status") == "no dated statements"
    assert o.visible_edges() == 1
    o.assert_clean()


def test_hostile_names_never_run(open_graph):
    G = hostile_graph()
    o = open_graph(G, title=HOSTILE[0])
    for node in G:
        x, y = o.dom_position(node)
        o.page.mouse.click(x, y)
        o.page.mouse.move(x + 1, y + 1)
        o.page.locator("div.vis-tooltip").wait_for(state="visible", timeout=5_000)
    o.page.fill("#search", HOSTILE[1])
    o.page.press("#search", "Enter")
    o.set_window("2012-07-05", "2012-07-05")  # the two well-dated edges overlap it; the others are undated
    assert o.visible_edges() == len(HOSTILE) - 1
    o.set_window(until="2012-07-01")  # excludes the two dated edges only
    assert o.visible_edges() == len(HOSTILE) - 3
    o.page.wait_for_timeout(300)
    assert o.js("document.querySelectorAll('img, a, iframe').length") == 0
    assert o.js("document.scripts.length") == 2  # vis-network and ours: no injected script
    assert o.page.inner_text("h1") == HOSTILE[0]
    labels = o.js("nodes.get().map(n => n.label)")
    assert sorted(labels) == sorted(HOSTILE)
    assert o.page.inner_text("#search-status").startswith("found: ")
    o.assert_clean()


def test_harness_sees_dialogs_and_requests(open_graph):
    """Negative control: the listeners the other tests rely on do catch a dialog and a request."""
    o = open_graph(small_graph())
    o.js("setTimeout(() => alert('probe'), 0)")
    o.page.wait_for_timeout(200)
    assert o.dialogs == ["probe"]
    o.js("new Image().src = 'http://127.0.0.1:9/probe.png'")
    o.page.wait_for_timeout(200)
    assert "http://127.0.0.1:9/probe.png" in o.requests


def test_layout_is_deterministic(open_graph):
    G = seed_graph()
    first, second = open_graph(G), open_graph(G)
    positions = "JSON.stringify(network.getPositions())"
    assert first.js(positions) == second.js(positions)


def test_empty_graph_says_no_entities(open_graph):
    o = open_graph(nx.MultiDiGraph())
    assert o.page.locator("#empty").is_visible()
    assert "No entities to show" in o.page.inner_text("#empty")
    assert o.js("[nodes.length, edges.length]") == [0, 0]
    o.assert_clean()


def test_cap_notice_visible(open_graph):
    G = nx.MultiDiGraph()
    G.add_edges_from((f"n{i}", f"n{i + 1}", {"label": "memberOf", "certainty": "confirmed"}) for i in range(60))
    o = open_graph(G, max_nodes=20)
    assert o.page.locator("#notice").is_visible()
    assert "showing the 20 most central of 61 entities" in o.page.inner_text("#notice")
    assert o.js("nodes.length") == 20
    o.assert_clean()


def test_seed_screenshot_with_tlass_assad_path(open_graph):
    from graphbuild.analysis import find_entity

    G = seed_graph()
    path = nx.shortest_path(G.to_undirected(as_view=True), find_entity(G, "Tlass"), find_entity(G, "Assad"))
    assert [G.nodes[n]["label"] for n in path] == ["Manaf Tlass", "Bashar Assad"]
    o = open_graph(G, title="Syria's Iraq ambassador defects (seed)", highlight_path=path)
    thick = o.js("edges.get({filter: e => e.width === 5}).map(e => [e.from, e.to])")
    assert thick == [path]
    assert o.page.locator("#legend").is_visible()
    box = {k: o.page.locator(k).bounding_box() for k in ("header", "#window", "#mynetwork", "#legend")}
    assert box["#window"]["y"] + box["#window"]["height"] <= box["header"]["y"] + box["header"]["height"]
    assert box["header"]["y"] + box["header"]["height"] <= min(box["#mynetwork"]["y"], box["#legend"]["y"])
    assert box["#window"]["x"] + box["#window"]["width"] <= 1400  # the control is inside the page, not cut off
    OUTPUT.mkdir(parents=True, exist_ok=True)
    shot = OUTPUT / "seed-graph.png"
    o.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000
    o.set_window(until="2012-07-10")  # the same graph with a window active, for a person to look at
    o.page.screenshot(path=str(OUTPUT / "seed-graph-window.png"))
    o.assert_clean()
