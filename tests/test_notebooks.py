"""The notebooks: committed without outputs, executed headless (nbclient), and their key outputs checked;
plus the notebook API (graphbuild.outputs.tables) on the golden seed graph, and its docstring examples."""

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
GOLDEN = ROOT / "tests" / "data" / "golden" / "seed.nq"
OUTPUT = ROOT / "tests" / "output"
REMOTE = re.compile(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)
CELL_TIMEOUT = 300


# --- committed state ---------------------------------------------------------------------------------------


def test_notebooks_exist():
    assert EXPLORE in NOTEBOOKS


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


@pytest.fixture(scope="module")
def explore() -> dict[str, Any]:
    """Execute explore.ipynb once (kernel python3, from notebooks/) and return its cells by id; the executed
    copy is kept in tests/output/ for a look after a failure."""
    from nbclient import NotebookClient

    nb = nbformat.read(EXPLORE, as_version=4)
    client = NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3",
                            resources={"metadata": {"path": str(EXPLORE.parent)}})
    try:
        client.execute()
    finally:
        OUTPUT.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, OUTPUT / "explore.executed.ipynb")
    return {cell["id"]: cell for cell in nb.cells}


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


def _html(cell: Any) -> str:
    found = [out["data"]["text/html"] for out in cell.get("outputs", []) if "text/html" in out.get("data", {})]
    assert found, f"cell {cell['id']} shows no HTML"
    return "\n".join(found)


def _png(cell: Any) -> bytes:
    found = [out["data"]["image/png"] for out in cell.get("outputs", []) if "image/png" in out.get("data", {})]
    assert found, f"cell {cell['id']} shows no image"
    return base64.b64decode(found[0])


def test_explore_runs_every_cell(explore):
    code = [c for c in explore.values() if c.cell_type == "code"]
    assert code and all(c.execution_count is not None for c in code)
    errors = [c["id"] for c in code for out in c.outputs if out.output_type == "error"]
    assert not errors, errors
    stderr = [c["id"] for c in code for out in c.outputs if out.output_type == "stream" and out.name == "stderr"
              and "Traceback" in out.text]
    assert not stderr, stderr


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


# --- graphbuild.outputs.tables on the golden seed graph (no spaCy needed) -----------------------------------


@pytest.fixture(scope="module")
def golden():
    from graphbuild.outputs.files import read_graph

    return read_graph(GOLDEN)


def test_tables_docstring_examples(monkeypatch):
    import matplotlib

    import graphbuild.outputs.tables as tables

    matplotlib.use("Agg")
    monkeypatch.chdir(ROOT)  # the examples read tests/data/golden/seed.nq
    result = doctest.testmod(tables, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 10 and result.failed == 0


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
