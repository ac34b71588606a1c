"""The persistent store: create only when asked, locks, idempotent and atomic replacement, a derived
graph that keeps the union valid, and the same projection as over a file."""

import datetime as dt
import json
import subprocess
import sys

import pytest
from conftest import ROOT, SEED

CORPUS = ROOT / "tests" / "data" / "corpus"


def run(*args, cwd=None, timeout=300):
    return subprocess.run([sys.executable, "-m", "graphbuild", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=timeout)


def _graph_quads(store, graph):
    import pyoxigraph as ox

    return {str(q) for q in store.quads_for_pattern(None, None, None, ox.NamedNode(graph))}


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory, nlp):
    from graphbuild.store.ingest import ingest

    path = tmp_path_factory.mktemp("store") / "corpus"
    report = ingest([CORPUS], path, nlp=nlp, progress=False)
    assert report.added == 5 and report.failed == 0
    return path


# -- opening, creating, locking --------------------------------------------------------------------------
def test_store_missing_path_is_an_error_not_a_new_store(tmp_path):
    from graphbuild.errors import InputNotFound
    from graphbuild.store.disk import open_read, open_write

    for opener in (open_read, lambda p: open_write(p, create=False)):
        with pytest.raises(InputNotFound, match="no store at"):
            opener(tmp_path / "typo")
    assert not (tmp_path / "typo").exists()
    out = run("query", str(tmp_path / "typo"), "SELECT * WHERE { ?s ?p ?o }")
    assert out.returncode == 66 and "no store at" in out.stderr and not (tmp_path / "typo").exists()
    out = run("centrality", str(tmp_path / "typo"))
    assert out.returncode == 66 and "no store at" in out.stderr


def test_store_created_only_in_a_missing_or_empty_directory(tmp_path):
    from graphbuild.errors import StoreError
    from graphbuild.store.disk import is_store, open_write

    (tmp_path / "empty").mkdir()
    with open_write(tmp_path / "empty"):
        pass
    assert is_store(tmp_path / "empty")
    full = tmp_path / "full"
    full.mkdir()
    (full / "notes.txt").write_text("mine")
    with pytest.raises(StoreError, match="not empty and is not a store"):
        open_write(full)
    out = run("ingest", str(SEED), "--store", str(full))
    assert out.returncode == 73 and "not empty" in out.stderr and sorted(p.name for p in full.iterdir()) == ["notes.txt"]


def test_store_second_writer_gets_locked_exit_75(tmp_path):
    from graphbuild.store.disk import open_write

    path = tmp_path / "s"
    with open_write(path):
        out = run("ingest", str(SEED), "--store", str(path))
        assert out.returncode == 75, out.stderr
        assert f"store is locked by another process: {path}" in out.stderr
        assert "Traceback" not in out.stderr
        reader = run("query", str(path), "SELECT * WHERE { ?s ?p ?o }")
        assert reader.returncode == 75
    with open_write(path):  # released on close
        pass


# -- idempotency and replacement ----------------------------------------------------------------------
def test_store_second_ingest_adds_nothing(corpus_store):
    out = run("ingest", str(CORPUS), "--store", str(corpus_store))
    assert out.returncode == 0, out.stderr
    assert "0 added, 0 replaced, 5 unchanged, 0 failed" in out.stderr and "(+0)" in out.stderr


def test_store_bom_crlf_copy_is_unchanged(tmp_path, nlp):
    from graphbuild.store.ingest import ingest

    text = SEED.read_text(encoding="utf-8")
    a = tmp_path / "a" / "seed.txt"
    a.parent.mkdir()
    a.write_text(text, encoding="utf-8")
    store = tmp_path / "s"
    first = ingest([a], store, nlp=nlp, progress=False, published=dt.date(2012, 7, 11))
    a.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    second = ingest([a], store, nlp=nlp, progress=False, published=dt.date(2012, 7, 11))
    assert first.added == 1 and second.unchanged == 1 and second.quads_after == first.quads_after


def test_store_changed_article_replaced_whole(tmp_path, nlp):
    import pyoxigraph as ox

    from graphbuild.resolve.identity import graph_iri
    from graphbuild.store.derived import expected_derived
    from graphbuild.store.disk import DERIVED_GRAPH, open_read
    from graphbuild.store.ingest import ingest

    rows = [json.loads(line) for line in (CORPUS / "hijab-defection.jsonl").read_text().splitlines()]
    src = tmp_path / "c.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    store = tmp_path / "s"
    ingest([src], store, nlp=nlp, progress=False)
    rows[3]["text"] = ("Prime minister dismissed\n\nDAMASCUS (SANA) - President Bashar al-Assad appointed Wael "
                       "al-Halqi as prime minister on Thursday, state television said.")
    src.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    report = ingest([src], store, nlp=nlp, progress=False)
    assert (report.replaced, report.unchanged) == (1, 4)
    with open_read(store) as h:
        quads = _graph_quads(h.ox, graph_iri("hijab-04-sana"))
        assert any("Wael" in q for q in quads) and not any("denied that Riad Hijab" in q for q in quads)
        derived = {q for q in h.ox.quads_for_pattern(None, None, None, ox.NamedNode(DERIVED_GRAPH))}
        assert derived == expected_derived(h.ox)
        # the SANA denial and dismissal were the only ones: their contradictions are gone with them
        kinds = {q.object.value for q in h.ox.quads_for_pattern(None, ox.NamedNode("http://purl.org/dc/terms/type"),
                                                                 None, ox.NamedNode(DERIVED_GRAPH))}
        assert "certainty" not in kinds and "events" not in kinds


def test_store_failed_update_writes_nothing(tmp_path, nlp, monkeypatch):
    """The article, its registry entries and the derived quads go in one update: if it fails, none is
    written (pyoxigraph's update is one transaction)."""
    from graphbuild.store import ingest as ingest_module
    from graphbuild.store.disk import open_read
    from graphbuild.store.ingest import ingest

    store = tmp_path / "s"
    ingest([CORPUS / "hijab-defection.jsonl"], store, nlp=nlp, progress=False)
    with open_read(store) as h:
        before = {str(q) for q in h.ox}
    real = ingest_module._sparql_block

    def broken(quads):
        return real(quads) + " } GRAPH <x> { <a:b> <c:d> \"unterminated "  # a syntax error at the very end

    monkeypatch.setattr(ingest_module, "_sparql_block", broken)
    report = ingest([CORPUS], store, nlp=nlp, progress=False, force=True)
    assert report.failed == 5 and report.added == report.replaced == 0
    with open_read(store) as h:
        assert {str(q) for q in h.ox} == before


def test_store_no_blank_nodes(corpus_store):
    import pyoxigraph as ox

    from graphbuild.store.disk import open_read

    with open_read(corpus_store) as h:
        assert not any(isinstance(t, ox.BlankNode) for q in h.ox for t in (q.subject, q.object))


# -- the union stays valid ----------------------------------------------------------------------------------
def test_store_union_conforms_and_is_single_valued(corpus_store):
    out = run("validate", str(corpus_store))
    assert out.returncode == 0, out.stdout + out.stderr[-3000:]
    q = """PREFIX gb: <https://w3id.org/graphbuild/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
           SELECT ?f ?p (COUNT(DISTINCT ?c) AS ?n) WHERE {
             VALUES ?p { gb:overallCertainty skos:prefLabel <http://semanticweb.cs.vu.nl/2009/11/sem/hasTime> }
             ?f ?p ?c } GROUP BY ?f ?p HAVING (COUNT(DISTINCT ?c) > 1)"""
    out = run("query", str(corpus_store), q, "--format", "json")
    assert out.returncode == 0 and json.loads(out.stdout)["rows"] == []


def test_store_validation_catches_broken_offsets_and_missing_certainty(tmp_path, nlp):
    """The store validator (core constraints in pySHACL, SPARQL ones once over the store) still fails
    a broken store: an anchor that is not its substring, a fact without its derived certainty."""
    import pyoxigraph as ox

    from graphbuild.store.disk import DERIVED_GRAPH, open_read, open_write
    from graphbuild.store.ingest import ingest
    from graphbuild.store.view import validate_store

    store = tmp_path / "s"
    ingest([CORPUS], store, nlp=nlp, progress=False)
    nif = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
    with open_write(store, create=False) as h:
        q = next(iter(h.ox.quads_for_pattern(None, ox.NamedNode(nif + "anchorOf"), None, None)))
        h.ox.remove(q)
        h.ox.add(ox.Quad(q.subject, q.predicate, ox.Literal("not the text"), q.graph_name))
        c = next(iter(h.ox.quads_for_pattern(None, ox.NamedNode("https://w3id.org/graphbuild/ontology#overallCertainty"),
                                             None, ox.NamedNode(DERIVED_GRAPH))))
        h.ox.remove(c)
    with open_read(store) as h:
        report = validate_store(h.ox)
    assert not report.conforms and report.violations >= 2
    assert "nif:anchorOf must equal the substring" in report.text and "overallCertainty" in report.text


def test_store_derived_graph_equals_full_recomputation(corpus_store):
    import pyoxigraph as ox

    from graphbuild.store.derived import expected_derived
    from graphbuild.store.disk import DERIVED_GRAPH, open_read

    with open_read(corpus_store) as h:
        stored = set(h.ox.quads_for_pattern(None, None, None, ox.NamedNode(DERIVED_GRAPH)))
        assert stored and stored == expected_derived(h.ox)


def test_store_article_graph_has_no_union_conflicts(nlp, seed_article):
    """Store form: no overall certainty, no shortcut edge, no prefLabel of entities, time as a view."""
    from rdflib import URIRef
    from rdflib.namespace import RDFS

    from graphbuild.pipeline import extract_facts
    from graphbuild.rdf.namespaces import GB, SEM, SKOS
    from graphbuild.resolve.identity import doc_iri
    from graphbuild.store.articles import SEM_VIEW, store_triples

    triples = store_triples(next(extract_facts([seed_article], nlp=nlp)))
    preds = {p for _, p, _ in triples}
    assert GB.overallCertainty not in preds and SEM.hasTime not in preds and GB.defectedFrom not in preds
    assert {s for s, p, _ in triples if p == SKOS.prefLabel} == {URIRef(doc_iri(seed_article.doc_id))}
    assert RDFS.label in preds and any(o == SEM_VIEW for _, _, o in triples)


# -- the same projection over a store and a file -------------------------------------------------------
def test_store_projection_equals_file_projection(tmp_path, nlp, seed_dataset):
    from graphbuild.analysis import to_networkx
    from graphbuild.store.disk import open_read
    from graphbuild.store.ingest import ingest

    store = tmp_path / "seed"
    ingest([SEED], store, nlp=nlp, progress=False, published=dt.date(2012, 7, 11))
    with open_read(store) as h:
        for certs in (None, frozenset({"confirmed", "claimed", "unconfirmed", "denied", "hypothetical"})):
            a, b = to_networkx(h, certainties=certs), to_networkx(seed_dataset, certainties=certs)
            edges = lambda G: {(G.nodes[u]["label"], k, G.nodes[v]["label"], d["certainty"])  # noqa: E731
                               for u, v, k, d in G.edges(keys=True, data=True)}
            assert edges(a) == edges(b) and a.number_of_nodes() == b.number_of_nodes()
    out = run("path", str(store), "Tlass", "Assad")
    assert out.returncode == 0 and "Manaf Tlass --confidantOf [confirmed]--> Bashar Assad" in out.stdout


def test_store_time_window_filters_edges(corpus_store):
    from graphbuild.analysis import to_networkx
    from graphbuild.store.disk import open_read

    with open_read(corpus_store) as h:
        full = to_networkx(h)
        august = to_networkx(h, since=dt.date(2012, 8, 1), until=dt.date(2012, 8, 31))
        later = to_networkx(h, since=dt.date(2013, 1, 1))
        confirmed = to_networkx(h, certainties=frozenset({"confirmed"}))
    assert full.number_of_edges() == august.number_of_edges() > 0
    assert later.number_of_edges() == 0
    assert 0 < confirmed.number_of_edges() <= full.number_of_edges()
    out = run("centrality", str(corpus_store), "--since", "2013-01-01", "--certainty", "confirmed,claimed")
    assert out.returncode == 0
    out = run("html", str(corpus_store), "-o", str(corpus_store.parent / "g.html"), "--until", "2012-08-31")
    assert out.returncode == 0 and (corpus_store.parent / "g.html").is_file()


# -- the materialized union in the default graph --------------------------------------------------------
def _triples(store, graph):
    return {(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, graph)}


def _assert_union_fresh(store):
    import pyoxigraph as ox

    from graphbuild.store.disk import UNION_MARK, union_is_fresh

    assert union_is_fresh(store)
    union = set()
    for g in store.named_graphs():
        union |= _triples(store, g)
    union.discard((ox.NamedNode(UNION_MARK[0]), ox.NamedNode(UNION_MARK[1]), ox.Literal(UNION_MARK[2])))
    assert _triples(store, ox.DefaultGraph()) == union


def test_store_union_fresh_after_ingest_and_equal_to_named_graphs(corpus_store):
    from graphbuild.store.disk import open_read

    with open_read(corpus_store) as h:
        _assert_union_fresh(h.ox)


def _shared_triple(store):
    """A triple held by at least two article graphs."""
    seen = {}
    for g in store.named_graphs():
        if "/graph/doc/" not in g.value:
            continue
        for t in _triples(store, g):
            seen.setdefault(t, set()).add(g.value)
            if len(seen[t]) > 1:
                return t
    raise AssertionError("no triple shared by two article graphs")


def test_store_triple_in_two_articles_counted_once(corpus_store):
    from graphbuild.store.disk import open_read

    with open_read(corpus_store) as h:
        s, p, o = _shared_triple(h.ox)
    q = f"SELECT (COUNT(*) AS ?n) WHERE {{ {s} {p} {o} }}"
    out = run("query", str(corpus_store), q, "--format", "csv")
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["n", "1"]


def test_store_replaced_article_drops_its_triples_from_the_union(tmp_path, nlp):
    import pyoxigraph as ox

    from graphbuild.store.disk import open_read
    from graphbuild.store.ingest import ingest

    rows = [json.loads(line) for line in (CORPUS / "hijab-defection.jsonl").read_text().splitlines()]
    src = tmp_path / "c.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    store = tmp_path / "s"
    ingest([src], store, nlp=nlp, progress=False)
    with open_read(store) as h:
        before = _triples(h.ox, ox.DefaultGraph())
    rows[3]["text"] = ("Prime minister dismissed\n\nDAMASCUS (SANA) - President Bashar al-Assad appointed Wael "
                       "al-Halqi as prime minister on Thursday, state television said.")
    src.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    assert ingest([src], store, nlp=nlp, progress=False).replaced == 1
    with open_read(store) as h:
        _assert_union_fresh(h.ox)
        after = _triples(h.ox, ox.DefaultGraph())
    gone = before - after
    assert any("denied that Riad Hijab" in str(t[2]) for t in gone)
    assert not any("denied that Riad Hijab" in str(t[2]) for t in after)
    assert any("Wael" in str(t[2]) for t in after - before)


def test_store_stale_union_is_still_answered_through_the_union_flag(tmp_path, corpus_store):
    import shutil

    import pyoxigraph as ox

    from graphbuild.store.disk import LOCK_NAME, _mark_quad, mark_union_stale, union_is_fresh

    q = ("SELECT DISTINCT ?s ?label WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?label } "
         "ORDER BY ?s ?label")
    fresh = run("query", str(corpus_store), q, "--format", "csv")
    with_copy = tmp_path / "killed"  # killed after the marker went, before the default graph was emptied
    emptied = tmp_path / "emptied"  # killed before the rebuild
    for target in (with_copy, emptied):
        shutil.copytree(corpus_store, target, ignore=shutil.ignore_patterns(LOCK_NAME))
        s = ox.Store(str(target))
        if target == emptied:
            mark_union_stale(s)
        else:
            s.remove(_mark_quad())
        assert not union_is_fresh(s)
        s.flush()
        del s
        stale = run("query", str(target), q, "--format", "csv")
        assert stale.returncode == 0 and stale.stdout == fresh.stdout and len(fresh.stdout.splitlines()) > 5
    # the next write session rebuilds it
    from graphbuild.store.disk import open_read, open_write

    open_write(emptied, create=False).close()
    with open_read(emptied) as h:
        _assert_union_fresh(h.ox)
