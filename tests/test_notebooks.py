"""The notebooks: committed without outputs, executed headless (nbclient), and their key outputs checked;
plus the notebook API (graphbuild.outputs.tables, graphbuild.analysis.communities) on the golden seed graph
and on a hand-made graph with a contradiction, and its docstring examples."""

from __future__ import annotations

import base64
import doctest
import html
import re
import shutil
from pathlib import Path
from typing import Any

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
EXPLORE = ROOT / "notebooks" / "explore.ipynb"
CORPUS = ROOT / "notebooks" / "corpus.ipynb"
SAMPLE = ROOT / "data" / "fakes-sample.csv"
GOLDEN = ROOT / "tests" / "data" / "golden" / "seed.nq"
OUTPUT = ROOT / "tests" / "output"
REMOTE = re.compile(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)
CELL_TIMEOUT = 300


# --- committed state ---------------------------------------------------------------------------------------


def test_notebooks_exist():
    assert EXPLORE in NOTEBOOKS and CORPUS in NOTEBOOKS


def test_fakes_sample_is_fakes_csv_with_attribution():
    """The corpus notebook's sample: FA-KES rows in the corpus's own CSV format, several outlets, the
    defection articles, and the CC BY 4.0 attribution next to it."""
    import csv

    raw = SAMPLE.read_bytes()
    assert raw.startswith(b"unit_id,article_title,article_content,source,date,location,labels\r\n")
    with SAMPLE.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert 30 <= len(rows) <= 60 and len({r["unit_id"] for r in rows}) == len(rows)
    assert len({r["source"] for r in rows}) >= 10
    assert sum("defect" in r["article_content"].lower() for r in rows) >= 10
    assert all(re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", r["date"]) for r in rows)
    notice = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert "FA-KES" in notice and "Creative Commons Attribution 4.0" in notice and "10.1609/icwsm.v13i01.3254" in notice


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_committed_without_outputs(path: Path):
    """Clear before committing: Jupyter's "Clear All Outputs" (then save), or
    ``jupyter nbconvert --clear-output --inplace notebooks/*.ipynb``."""
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    dirty = [cell.get("id", str(i)) for i, cell in enumerate(nb.cells)
             if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count") is not None)]
    assert not dirty, f"{path.name}: cells with outputs or execution counts: {dirty}"
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"


# --- explore.ipynb, executed -------------------------------------------------------------------------------


def _execute(path: Path) -> dict[str, Any]:
    """Execute a notebook (kernel python3, from notebooks/) and return its cells by id; the executed copy is
    kept in tests/output/ for a look after a failure."""
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute()
    finally:
        OUTPUT.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, OUTPUT / f"{path.stem}.executed.ipynb")
    return {cell["id"]: cell for cell in nb.cells}


@pytest.fixture(scope="module")
def explore() -> dict[str, Any]:
    """explore.ipynb, executed once."""
    return _execute(EXPLORE)


def _text(cell: Any) -> str:
    """Everything a cell shows as text: streams, plain-text and HTML representations."""
    parts = []
    for out in cell.get("outputs", []):
        if out.output_type == "stream":
            parts.append(out.text)
        for mime in ("text/plain", "text/html"):
            if mime in out.get("data", {}):
                parts.append(out["data"][mime])
    return "\n".join(parts)


#: the corpus spells him "Bashar al-Assad" and "Bashar al Assad": one entity, either label
_ASSAD = re.compile(r"Bashar al[- ]Assad")

def _html(cell: Any) -> str:
    found = [out["data"]["text/html"] for out in cell.get("outputs", []) if "text/html" in out.get("data", {})]
    assert found, f"cell {cell['id']} shows no HTML"
    return "\n".join(found)


def _png(cell: Any) -> bytes:
    found = [out["data"]["image/png"] for out in cell.get("outputs", []) if "image/png" in out.get("data", {})]
    assert found, f"cell {cell['id']} shows no image"
    return base64.b64decode(found[0])


def _ran_every_cell(cells: dict[str, Any]) -> None:
    code = [c for c in cells.values() if c.cell_type == "code"]
    assert code and all(c.execution_count is not None for c in code)
    errors = [c["id"] for c in code for out in c.outputs if out.output_type == "error"]
    assert not errors, errors
    stderr = [c["id"] for c in code for out in c.outputs if out.output_type == "stream" and out.name == "stderr"
              and "Traceback" in out.text]
    assert not stderr, stderr


def test_explore_runs_every_cell(explore):
    _ran_every_cell(explore)


def test_explore_builds_and_writes_the_graph(explore):
    text = _text(explore["build"])
    assert "published 2012-07-11" in text
    assert "out/explore/seed.trig" in text


def test_explore_entities_are_a_table(explore):
    page = _html(explore["entities"])
    assert "<table" in page
    for name in ("Manaf Tlass", "Nawaf Fares", "Bashar Assad", "Khaled Khoja"):
        assert name in page
    assert "Brig. Gen. Manaf Tlass" in page  # other names are listed


def test_explore_defections_with_certainty_sources_and_evidence(explore):
    page = _html(explore["defections"])
    assert "<table" in page
    assert "Manaf Tlass" in page and "confirmed" in page
    assert "Nawaf Fares" in page and "unconfirmed" in page and "Turkey" in page
    assert "France" in page  # a source
    assert "an Assad confidant" in page  # an evidence sentence, shown whole
    assert "2012-07-02" in page and "2012-07-08" in page  # "last week" before 2012-07-11
    claims = _html(explore["claims"])
    assert "<table" in claims and "Khaled Khoja" in claims and "claimed" in claims and "Jay Carney" in claims


def test_explore_path_shows_the_confidant_edge_with_its_sentence(explore):
    text = _text(explore["path"])
    assert "<table" in _html(explore["path"])
    assert "confidantOf" in text
    assert "an Assad confidant" in text
    assert "Manaf Tlass" in text and "Bashar Assad" in text


def test_explore_centrality_table_and_chart(explore):
    page = _html(explore["centrality"])
    assert "<table" in page and "Assad regime" in page and "score" in page and "connections" in page
    png = _png(explore["centrality-chart"])
    assert png.startswith(b"\x89PNG") and len(png) > 5_000


def test_explore_sparql_result_is_a_table(explore):
    page = _html(explore["sparql"])
    assert "<table" in page
    for column in ("source", "certainty", "claims"):
        assert f"<th>{column}</th>" in page
    assert "Khaled Khoja" in page


def test_explore_graph_is_inline_and_offline(explore):
    shown = _html(explore["graph"])
    assert shown.lstrip().startswith("<iframe") and 'sandbox="allow-scripts"' in shown
    page = html.unescape(shown)
    assert "new vis.Network(" in page and "Manaf Tlass" in page and "confidantOf" in page
    assert not REMOTE.search(shown) and not REMOTE.search(page), "the inline graph loads a remote resource"
    assert "<script src" not in page.lower()
    assert "characters, shown inline" in _text(explore["graph"])  # not the page dumped as plain text


def test_explore_timeline_table_and_chart(explore):
    page = _html(explore["timeline"])
    assert "<table" in page and "Defection of Manaf Tlass" in page
    assert "2012-07-02" in page and "2012-07-08" in page and "Last week" in page
    assert "Defection of Nawaf Fares" in page and "2012-07-11" in page
    png = _png(explore["timeline-chart"])
    assert png.startswith(b"\x89PNG") and len(png) > 5_000


@pytest.mark.browser
def test_explore_graph_works_offline_in_chromium(explore, tmp_path):
    """The inline graph's HTML output in a real browser: the sandboxed frame draws the graph with the
    Tlass-Assad path highlighted, and nothing is fetched."""
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    host = tmp_path / "output.html"
    host.write_text(f"<!DOCTYPE html><html><body>{_html(explore['graph'])}</body></html>", encoding="utf-8")
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=args)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 760})
            requests: list[str] = []
            errors: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(host.as_uri())
            page.wait_for_selector("iframe")
            frame = next(f for f in page.frames if f is not page.main_frame)
            frame.wait_for_function("window.graphReady === true", timeout=60_000)
            assert frame.evaluate("nodes.length") > 10
            assert frame.evaluate("edges.get({filter: e => e.path}).map(e => e.label)") == ["confidantOf"]
            OUTPUT.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(OUTPUT / "explore-graph.png"))
        finally:
            browser.close()
    assert not errors, errors
    assert not [u for u in requests if u.split(":", 1)[0] not in ("file", "data", "about")], requests


# --- corpus.ipynb, executed --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Any]:
    """corpus.ipynb, executed once on data/fakes-sample.csv, its store in a pytest temporary folder."""
    with pytest.MonkeyPatch.context() as mp:  # the kernel inherits the environment
        mp.delenv("GRAPHBUILD_CORPUS", raising=False)
        mp.setenv("GRAPHBUILD_CORPUS_STORE", str(tmp_path_factory.mktemp("corpus") / "store"))
        return _execute(CORPUS)


def test_corpus_runs_every_cell(corpus):
    _ran_every_cell(corpus)


def test_corpus_builds_the_store_from_the_fakes_csv(corpus):
    text = _text(corpus["build"])
    assert "ingested 45 article(s)" in text and "45 added" in text and "0 failed" in text
    assert re.search(r"entity graph: \d+ entities, \d+ relations", text)
    page = _html(corpus["outlets"])
    assert "<table" in page and "<th>outlet</th>" in page and "<th>articles</th>" in page
    for outlet in ("alaraby", "ahram", "reuters", "sana", "sputnik", "tass"):
        assert f"<td>{outlet}</td>" in page


def test_corpus_entities_across_outlets(corpus):
    page = _html(corpus["entities"])
    assert "<table" in page and _ASSAD.search(page) and "Rami Abdel Rahman" in page
    assert "President Bashar al-Assad" in page  # other names are listed


def test_corpus_central_people_and_organizations(corpus):
    people = _html(corpus["central-people"])
    assert "<table" in people and _ASSAD.search(people) and "connections" in people
    assert "<td>person</td>" in people and "<td>organization</td>" not in people and "<td>regime</td>" not in people
    organizations = _html(corpus["central-organizations"])
    assert "<table" in organizations and "Syrian army" in organizations and "regime" in organizations
    assert "<td>person</td>" not in organizations
    png = _png(corpus["centrality-chart"])
    assert png.startswith(b"\x89PNG") and len(png) > 10_000


def test_corpus_connections_with_outlets_and_sentences(corpus):
    page = _html(corpus["connections"])
    for column in ("subject", "relation", "object", "certainty", "articles", "outlets", "sentence"):
        assert f"<th>{column}</th>" in page
    assert _ASSAD.search(page) and "headOf" in page and "alaraby" in page
    around = _html(corpus["around"])
    assert "<table" in around and _ASSAD.search(around) and "regime" in around
    path = _html(corpus["path"])
    assert "<table" in path and "Vladimir Putin" in path and _ASSAD.search(path) and "<th>sentence</th>" in path


def test_corpus_disputed_facts_and_doubted_claims(corpus):
    page = _html(corpus["disputed"])
    for column in ("fact", "overall", "confirmed", "claimed", "unconfirmed", "denied", "hypothetical", "outlets"):
        assert f"<th>{column}</th>" in page
    assert re.search(r"\d+ contradiction\(s\) recorded in 45 article\(s\)", _text(corpus["contradictions"]))
    assert "<th>note</th>" in _html(corpus["contradictions"])  # a table even when FA-KES records none
    doubted = _html(corpus["doubted"])
    assert "<table" in doubted and "<td>confirmed</td>" not in doubted
    assert "Ahrar al-Sham" in doubted and "Hashem al-Sheikh" in doubted and "<td>claimed</td>" in doubted
    png = _png(corpus["claims-chart"])
    assert png.startswith(b"\x89PNG") and len(png) > 10_000


def test_corpus_communities_are_a_deterministic_table(corpus):
    text = _text(corpus["communities"])
    found = re.search(r"(\d+) communities of 3 or more entities, modularity (0\.\d+); the same on a second run: (\w+)",
                      text)
    assert found, text
    assert int(found[1]) >= 5 and float(found[2]) > 0.3 and found[3] == "True"
    page = _html(corpus["communities"])
    assert "<table" in page and "key_members" in page and "Russia" in page and "United States" in page
    png = _png(corpus["communities-chart"])
    assert png.startswith(b"\x89PNG") and len(png) > 20_000


# --- graphbuild.outputs.tables on the golden seed graph (no spaCy needed) -----------------------------------


@pytest.fixture(scope="module")
def golden():
    from graphbuild.outputs.files import read_graph

    return read_graph(GOLDEN)


def test_tables_docstring_examples(monkeypatch):
    import matplotlib

    import graphbuild.analysis.communities as communities
    import graphbuild.outputs.tables as tables

    matplotlib.use("Agg")
    monkeypatch.chdir(ROOT)  # the examples read tests/data/golden/seed.nq
    result = doctest.testmod(tables, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 10 and result.failed == 0
    result = doctest.testmod(communities)
    assert result.attempted >= 5 and result.failed == 0


def test_tables_entities(golden):
    from graphbuild.outputs.tables import entities_table

    rows = entities_table(golden)
    by_label = {r.label: r for r in rows}
    assert by_label["Manaf Tlass"].type == "person" and "Tlass" in by_label["Manaf Tlass"].names
    assert by_label["Assad regime"].type == "regime"
    assert all(r.articles == 1 for r in rows if r.mentions)
    assert [r.mentions for r in rows] == sorted((r.mentions for r in rows), reverse=True)
    frame = rows.to_frame()
    assert list(frame.columns) == list(rows.columns) and len(frame) == len(rows)
    assert frame.loc[frame.label == "Manaf Tlass", "names"].item().count("; ") >= 1


def test_tables_defections_and_claims(golden):
    from graphbuild.outputs.tables import claims_table, defections_table

    rows = {r.defector: r for r in defections_table(golden)}
    tlass, fares = rows["Manaf Tlass"], rows["Nawaf Fares"]
    assert tlass.certainty == "confirmed" and "France" in tlass.sources
    assert any("an Assad confidant" in s for s in tlass.evidence)
    assert fares.certainty == "unconfirmed" and fares.to == "Turkey" and "Khaled Khoja" in fares.sources
    claims = claims_table(golden, kind="Defection")
    assert {r.kind for r in claims} == {"Defection"}
    fares_claims = {(r.sources[0], r.certainty) for r in claims if r.fact == "Defection of Nawaf Fares"}
    assert ("Khaled Khoja", "claimed") in fares_claims and ("Jay Carney", "unconfirmed") in fares_claims
    statements = claims_table(golden, kind="Statement")
    assert "Manaf Tlass confidantOf Bashar Assad" in {r.fact for r in statements}


def test_tables_timeline_is_ordered_and_framed(golden):
    import pandas as pd

    from graphbuild.outputs.tables import timeline

    rows = timeline(golden)
    starts = [r.earliest or r.latest for r in rows]
    assert starts == sorted(starts)
    frame = rows.to_frame()
    assert str(frame["earliest"].dtype).startswith("datetime64")
    tlass = frame[frame.event == "Defection of Manaf Tlass"].iloc[0]
    assert tlass.earliest == pd.Timestamp("2012-07-02") and tlass.latest == pd.Timestamp("2012-07-08")
    assert tlass.granularity == "week"


def test_tables_path_and_centrality(golden):
    from graphbuild.analysis import connection_paths, to_networkx
    from graphbuild.outputs.tables import centrality_table, path_nodes, path_table

    G = to_networkx(golden)
    paths = connection_paths(G, "Tlass", "Assad")
    hop = path_table(paths)[0]
    assert (hop.subject, hop.relation, hop.object) == ("Manaf Tlass", "confidantOf", "Bashar Assad")
    assert "an Assad confidant" in hop.sentence and hop.evidence >= 1
    nodes = path_nodes(G, "Tlass", paths[0])
    assert [G.nodes[n]["label"] for n in nodes] == ["Manaf Tlass", "Bashar Assad"]
    ranked = centrality_table(G, measure="degree", top=5)
    assert [r.rank for r in ranked] == [1, 2, 3, 4, 5]
    assert [r.score for r in ranked] == sorted((r.score for r in ranked), reverse=True)
    assert all(r.connections >= 1 for r in ranked)


def test_tables_empty_keeps_columns_and_results_frame():
    from graphbuild.outputs.sparql import QueryResult
    from graphbuild.outputs.tables import DefectionRow, Table, to_frame

    empty = Table([], row_type=DefectionRow).to_frame()
    assert empty.empty and list(empty.columns)[:3] == ["defector", "left", "to"]
    frame = to_frame(QueryResult(("source", "claims"), (("Khaled Khoja", "2"),)))
    assert frame.to_dict("records") == [{"source": "Khaled Khoja", "claims": "2"}]


def test_tables_inline_html_escapes_and_sandboxes():
    from graphbuild.outputs.tables import inline_html

    shown = inline_html('<p title="x">"Assad" & <b>Tlass</b></p><script>alert(1)</script>')._repr_html_()
    assert shown.count("<") == 2  # only the iframe's own tags survive unescaped
    assert 'sandbox="allow-scripts"' in shown and "allow-same-origin" not in shown
    assert html.unescape(shown.split('srcdoc="', 1)[1].split('" sandbox', 1)[0]).startswith('<p title="x">')


def test_tables_centrality_by_type_connections_and_communities(golden):
    from graphbuild.analysis import to_networkx
    from graphbuild.analysis.communities import find_communities, modularity
    from graphbuild.outputs.tables import centrality_table, communities_table, connections_table

    G = to_networkx(golden)
    people = centrality_table(G, measure="betweenness", top=5, types=["person"])
    assert [r.rank for r in people] == list(range(1, len(people) + 1)) and {r.type for r in people} == {"person"}
    assert [r.score for r in people] == sorted((r.score for r in people), reverse=True)

    rows = connections_table(G, around="Tlass", ds=golden)
    confidant = next(r for r in rows if r.relation == "confidantOf")
    assert (confidant.subject, confidant.object) == ("Manaf Tlass", "Bashar Assad")
    assert "an Assad confidant" in confidant.sentence and confidant.articles == 1 and confidant.claims >= 1
    assert all("Manaf Tlass" in (r.subject, r.object) for r in rows)
    only = connections_table(G, types=["person"])
    assert only and all(r.subject_type == r.object_type == "person" for r in only)
    assert list(connections_table(G).to_frame().columns)[:4] == ["subject", "relation", "object", "certainty"]

    table = communities_table(G, min_size=2)
    assert table and [r.community for r in table] == list(range(1, len(table) + 1))
    assert [r.size for r in table] == sorted((r.size for r in table), reverse=True)
    members = [n for r in table for n in r.iris]
    assert len(members) == len(set(members)) and set(members) <= set(G)  # disjoint, real nodes
    assert table == communities_table(to_networkx(golden), min_size=2)  # a fresh projection, the same result
    found = find_communities(G, min_size=2)
    assert [c.members for c in found] == [r.iris for r in table]
    assert 0.0 < modularity(G, [c.members for c in found]) <= 1.0
    typed = communities_table(G, types=["person"], min_size=1)
    assert all(r.types.startswith("person ") for r in typed)


def _disputed_graph():
    """A hand-made graph as a store records it: one statement confirmed by one source and denied by another,
    a derived gb:Contradiction about it, and a defection only claimed."""
    from rdflib import Dataset, Literal, URIRef
    from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

    from graphbuild.rdf.namespaces import GB, NIF, SCHEMA

    ds = Dataset(default_union=True)
    g = ds.graph(URIRef("https://example.org/graph/doc/1"))
    n = "https://example.org/"
    x, a, b, doc = URIRef(n + "x"), URIRef(n + "a"), URIRef(n + "b"), URIRef(n + "doc")
    g.add((doc, DCTERMS.title, Literal("Envoy defects")))
    g.add((doc, DCTERMS.source, Literal("wire")))
    for node, label in ((a, "Ali Envoy"), (b, "Ministry"), (URIRef(n + "s1"), "Opposition"),
                        (URIRef(n + "s2"), "Foreign ministry")):
        g.add((node, SKOS.prefLabel, Literal(label)))
    g.add((x, RDF.type, GB.Statement))
    g.add((x, RDF.subject, a))
    g.add((x, RDF.predicate, URIRef("http://www.w3.org/ns/org#memberOf")))
    g.add((x, RDF.object, b))
    g.add((x, GB.overallCertainty, GB.Confirmed))
    ev = URIRef(n + "ev")
    g.add((ev, RDF.type, GB.Defection))
    g.add((ev, SKOS.prefLabel, Literal("Defection of Ali Envoy")))
    g.add((ev, GB.overallCertainty, GB.Claimed))
    for i, (fact, certainty, source, text) in enumerate((
            (x, GB.Confirmed, "s1", "Ali Envoy still works for the ministry."),
            (x, GB.Denied, "s2", "The ministry denied that Ali Envoy works for it."),
            (ev, GB.Claimed, "s1", "Ali Envoy has defected, the opposition said."))):
        claim, sentence = URIRef(f"{n}c{i}"), URIRef(f"{n}sentence{i}")
        g.add((claim, GB.about, fact))
        g.add((claim, GB.certainty, certainty))
        g.add((claim, PROV.wasAttributedTo, URIRef(n + source)))
        g.add((claim, SCHEMA.appearance, doc))
        g.add((claim, PROV.wasDerivedFrom, sentence))
        g.add((sentence, NIF.anchorOf, Literal(text)))
        g.add((sentence, NIF.beginIndex, Literal(100 * i)))
    c = URIRef(n + "contradiction")
    d = ds.graph(URIRef("https://example.org/graph/derived"))
    d.add((c, RDF.type, GB.Contradiction))
    d.add((c, DCTERMS.type, Literal("certainty")))
    d.add((c, DCTERMS.subject, x))
    d.add((c, RDFS.comment, Literal("1 claim(s) confirm or assert this fact and 1 deny it")))
    d.add((c, PROV.wasDerivedFrom, URIRef(n + "c0")))
    d.add((c, PROV.wasDerivedFrom, URIRef(n + "c1")))
    return ds


@pytest.mark.parametrize("where", ["dataset", "store"])
def test_tables_contradictions_and_disputed_facts(where):
    import pyoxigraph as ox

    from graphbuild.outputs.tables import contradictions_table, disputed_facts
    from graphbuild.store.articles import to_ox
    from graphbuild.store.view import StoreGraph

    source: Any = _disputed_graph()
    if where == "store":  # the same quads read from a pyoxigraph store, as from a graphbuild store
        store = ox.Store()
        store.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(c)) for s, p, o, c in source.quads())
        source = StoreGraph(store)
    rows = contradictions_table(source)
    assert [(r.kind, r.fact, r.certainty, r.sources) for r in rows] == [
        ("certainty", "Ali Envoy memberOf Ministry", "confirmed", ("Opposition",)),
        ("certainty", "Ali Envoy memberOf Ministry", "denied", ("Foreign ministry",))]
    assert rows[1].sentence == "The ministry denied that Ali Envoy works for it." and rows[1].article == "Envoy defects"
    assert "deny it" in rows[0].note and rows[0].contradiction == "https://example.org/contradiction"
    disputed = disputed_facts(source)
    assert [(r.fact, r.overall, r.confirmed, r.denied, r.claims, r.outlets, r.contradictions) for r in disputed] == [
        ("Ali Envoy memberOf Ministry", "confirmed", ("Opposition",), ("Foreign ministry",), 2, ("wire",),
         ("certainty",))]  # the defection, only claimed, is not disputed
    assert disputed_facts(source, kind="Defection") == []
