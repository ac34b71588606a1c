"""RELIABILITY.md checklist, query items 14-22, on the pyoxigraph path (graph files and store directories)
and rdflib's parser (the query checker). graphbuild has no rdflib query-evaluation path for user queries.

Not here: item 23 (HTTP endpoint: ``graphbuild serve``, tests/test_serve.py) and items 24-27 (a remote
SPARQL endpoint as a source): graphbuild has no remote-endpoint path yet, so they do not apply.
"""

from __future__ import annotations

import contextlib
import gc
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time

import pytest
from reliability_helpers import Loopback, assert_clean_error, children_of, gone, run_cli, unshare_works

from graphbuild.errors import QueryError, QueryTimeout
from graphbuild.outputs.sparql import check_query, lexical_check, run_query

SKOS = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
CARTESIAN = "SELECT (COUNT(*) AS ?c) WHERE { ?a ?p ?x . ?b ?q ?y . ?c2 ?r ?z . ?d ?s ?w }"


@pytest.fixture
def loopback():
    server = Loopback()
    yield server
    server.close()


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory, seed_graph_file):
    """A pyoxigraph store directory holding the seed graph (made directly, without graphbuild's ingest)."""
    import pyoxigraph as ox

    path = tmp_path_factory.mktemp("oxstore") / "store"
    store = ox.Store(str(path))
    store.bulk_load(path=str(seed_graph_file), format=ox.RdfFormat.TRIG)
    store.flush()
    count = len(store)
    named = sum(1 for q in store if not isinstance(q.graph_name, ox.DefaultGraph))
    del store
    gc.collect()
    return path, count, named


def quads_in(path) -> int:
    import pyoxigraph as ox

    store = ox.Store.read_only(str(path))
    try:
        return len(store)
    finally:
        del store
        gc.collect()


# -- 14. syntax errors -------------------------------------------------------------------------------------------

def test_item14_syntax_error_names_line_and_column(seed_graph_file):
    out = run_cli("query", seed_graph_file, "SELECT ?s\nWHERE { ?s ?p ?o .\n  FILTER(?s = ) }")
    assert_clean_error(out, 65, "SPARQL syntax error at line 3, column 3")


def test_item14_oxigraph_syntax_errors_get_line_and_column_too(seed_graph_file):
    # rdflib expands \u escapes everywhere (SPARQL 1.1 §19.2); pyoxigraph does not, and says where it stopped
    with pytest.raises(QueryError, match=r"^SPARQL syntax error at line 1, column \d+: "):
        run_query(seed_graph_file, "\\u0053ELECT * WHERE { ?s ?p ?o }")


# -- 15. nesting -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("query", [
    "SELECT * WHERE " + "{" * 40 + " ?s ?p ?o " + "}" * 40,
    "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 40 + "1" + ")" * 40 + ") }",
    "SELECT * WHERE { ?s ?p " + "[ ?p " * 40 + "?o" + " ]" * 40 + " }",
    "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 100_000 + "1" + ")" * 100_000 + ") }",  # segfaults pyoxigraph
])
def test_item15_deep_nesting_is_a_clean_refusal(seed_graph_file, query):
    start = time.monotonic()
    with pytest.raises(QueryError, match=r"query too deeply nested \(\d+ levels; the limit is 30\)"):
        run_query(seed_graph_file, query)
    assert time.monotonic() - start < 10


def test_item15_deep_nesting_through_cli_no_crash(seed_graph_file):
    out = run_cli("query", seed_graph_file, "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 20_000 + "1" + ")" * 20_000
                  + ") }")
    assert_clean_error(out, 65, "too deeply nested")


def test_item15_long_but_flat_queries_are_not_refused(seed_graph_file):
    # 25 nested parentheses or 200 triple patterns overflowed rdflib's default recursion limit before
    bgp = "SELECT * WHERE { " + " ".join(f"OPTIONAL {{ ?s{i} <http://p/{i}> ?o{i} }}" for i in range(200)) + " }"
    assert run_query(seed_graph_file, bgp, limit=1).variables
    parens = "ASK { FILTER(" + "(" * 25 + "1 = 1" + ")" * 25 + ") }"
    assert run_query(seed_graph_file, parens).rows == (("true",),)


# -- 16-17. SERVICE, FROM, FROM NAMED: refused, nothing reaches the network ---------------------------------------

REFUSED = [
    ("SELECT * WHERE { SERVICE <{url}/sparql> { ?s ?p ?o } }", "SERVICE is refused"),
    ("select * where { service silent <{url}/s> { ?s ?p ?o } }", "SERVICE is refused"),
    ("SELECT * WHERE { SERVICE <file:///etc/hosts> { ?s ?p ?o } }", "SERVICE is refused"),
    ("SELECT * WHERE { SERVICE ?u { ?s ?p ?o } VALUES ?u { <{url}/v> } }", "SERVICE is refused"),
    ("SELECT * WHERE { \\u0053ERVICE <{url}/esc> { ?s ?p ?o } }", "SERVICE is refused"),
    # an IRI-shaped "<?b)SERVICE?v#>" that the parser reads as less-than: only the parse tree sees SERVICE
    ("SELECT * WHERE { ?s ?p ?o FILTER(?s<?p)SERVICE?v#>\n{ ?x ?y ?z } VALUES ?v { <{url}/lt> } }",
     "SERVICE is refused"),
    ("SELECT * FROM <{url}/from> WHERE { ?s ?p ?o }", "FROM and FROM NAMED are refused"),
    ("SELECT * FROM<file:///etc/hosts> WHERE { ?s ?p ?o }", "FROM and FROM NAMED are refused"),
    ("SELECT * FROM NAMED <{url}/named> WHERE { GRAPH ?g { ?s ?p ?o } }", "FROM and FROM NAMED are refused"),
    ("ASK FROM <file:///etc/passwd> { ?s ?p ?o }", "FROM and FROM NAMED are refused"),
]


@pytest.mark.parametrize(("template", "message"), REFUSED)
def test_item16_item17_network_and_file_access_refused_before_execution(seed_graph_file, loopback, template,
                                                                        message):
    query = template.replace("{url}", loopback.url)
    with pytest.raises(QueryError, match=message):
        run_query(seed_graph_file, query, timeout=10)
    assert loopback.hits == []


def test_item16_cli_refuses_service_with_no_request(seed_graph_file, loopback):
    out = run_cli("query", seed_graph_file, f"SELECT * WHERE {{ SERVICE <{loopback.url}/cli> {{ ?s ?p ?o }} }}")
    assert_clean_error(out, 65, "SERVICE is refused", "--allow-network")
    assert loopback.hits == []


def test_item16_fixture_sees_service_when_network_is_allowed(seed_graph_file, loopback):
    """Positive control: the loopback fixture does see pyoxigraph's SERVICE request when allowed, so the
    empty hit lists above mean something."""
    with contextlib.suppress(QueryError):  # the fixture's answer need not parse: the request is what counts
        run_query(seed_graph_file, f"SELECT * WHERE {{ SERVICE <{loopback.url}/allowed> {{ ?s ?p ?o }} }}",
                  allow_network=True, timeout=20)
    assert loopback.hits and loopback.hits[0].startswith("/allowed")


@pytest.mark.skipif(not unshare_works(), reason="user or network namespaces are not available here")
def test_item16_child_has_no_network_even_if_the_checks_were_fooled(seed_graph_file, loopback, monkeypatch):
    """Second line of defence: with both checks disabled, the query process still reaches nothing."""
    import graphbuild.outputs.sparql as sparql

    monkeypatch.setattr(sparql, "lexical_check", lambda text, **kw: None)
    monkeypatch.setattr(sparql, "check_query", lambda text, **kw: "SELECT")
    query = f"SELECT * WHERE {{ SERVICE <{loopback.url}/sandboxed> {{ ?s ?p ?o }} }}"
    with pytest.raises(QueryError):
        run_query(seed_graph_file, query, timeout=20)
    assert loopback.hits == []


@pytest.mark.parametrize("query", [
    "SELECT ?service WHERE { ?service a <http://schema.org/Service> }",
    'PREFIX schema: <http://schema.org/> SELECT * WHERE { ?s a schema:Service ; ?p "Secret Service from <x>" }',
    "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://x/> { } FROM <http://y/> LOAD",
    "SELECT * WHERE { ?s <http://example.org/service#from> ?o }",
    "SELECT * WHERE { ?s ?p '''multi\nline SERVICE\nFROM <http://x/>''' }",
])
def test_item16_no_false_refusals_for_words_in_names_strings_and_comments(query):
    assert check_query(query) == "SELECT"


# -- 18. updates on the query path -------------------------------------------------------------------------------

UPDATES = ["INSERT DATA { <urn:a> <urn:b> <urn:c> }", "DELETE WHERE { ?s ?p ?o }", "LOAD <{url}/load>",
           "CLEAR ALL", "DROP DEFAULT", "CREATE GRAPH <urn:g>",
           "PREFIX x: <urn:x#>\nWITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
           "SELECT * WHERE { ?s ?p ?o } ; INSERT DATA { <urn:a> <urn:b> <urn:c> }"]


@pytest.mark.parametrize("update", UPDATES)
def test_item18_updates_refused_store_unchanged(store_dir, loopback, update):
    path, count, _ = store_dir
    with pytest.raises(QueryError, match="updates are refused: the query path is read-only"):
        run_query(path, update.replace("{url}", loopback.url))
    assert quads_in(path) == count and loopback.hits == []


def test_item18_store_directory_queries_work_and_stay_read_only(store_dir):
    path, count, named = store_dir
    result = run_query(path, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert result.rows == ((str(named),),)
    out = run_cli("query", path, "DROP ALL")
    assert_clean_error(out, 65, "read-only")
    assert quads_in(path) == count


# -- 19. time limit ----------------------------------------------------------------------------------------------

def test_item19_runaway_query_is_killed_and_the_next_query_works(seed_graph_file):
    start = time.monotonic()
    with pytest.raises(QueryTimeout, match=r"query stopped after 1\.5 s \(time limit\)"):
        run_query(seed_graph_file, CARTESIAN, timeout=1.5)
    assert time.monotonic() - start < 15
    assert multiprocessing.active_children() == []  # the evaluating process is gone, not left running
    assert run_query(seed_graph_file, "ASK { ?s ?p ?o }", timeout=10).rows == (("true",),)


def test_item19_cli_exits_124_promptly(seed_graph_file, store_dir):
    for source in (seed_graph_file, store_dir[0]):
        start = time.monotonic()
        out = run_cli("query", source, CARTESIAN, "--timeout", "2")
        assert_clean_error(out, 124, "time limit")
        assert time.monotonic() - start < 30
    assert run_cli("query", store_dir[0], "ASK { ?s ?p ?o }", "--format", "csv").stdout.splitlines() == ["ask", "true"]


def test_ctrl_c_during_query_stops_the_query_process(seed_graph_file):
    from test_reliability_ingest import default_sigint, expect_interrupted

    proc = subprocess.Popen([sys.executable, "-m", "graphbuild", "query", seed_graph_file, CARTESIAN, "--timeout", "120"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=default_sigint)
    try:
        deadline = time.monotonic() + 60
        while not children_of(proc.pid) and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        workers = children_of(proc.pid)
        assert workers, "the query never started a worker process"
        time.sleep(0.5)  # let the worker start evaluating (a loaded CI machine forks slowly)
        os.kill(proc.pid, signal.SIGINT)
        _, stderr = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert "Traceback" not in stderr, stderr
    deadline = time.monotonic() + 10
    while not all(gone(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert all(gone(pid) for pid in workers), "the query process outlived Ctrl-C"
    expect_interrupted(proc.returncode, stderr)


# -- 20. row cap -------------------------------------------------------------------------------------------------

def test_item20_row_cap_is_explicit(seed_graph_file):
    everything = run_query(seed_graph_file, "SELECT * WHERE { ?s ?p ?o }", limit=1_000_000)
    total = len(everything.rows)
    assert not everything.truncated and total > 100
    capped = run_query(seed_graph_file, "SELECT * WHERE { ?s ?p ?o }", limit=7)
    assert len(capped.rows) == 7 and capped.truncated
    exact = run_query(seed_graph_file, "SELECT * WHERE { ?s ?p ?o }", limit=total)
    assert len(exact.rows) == total and not exact.truncated  # the boundary is not "truncated"
    none = run_query(seed_graph_file, "SELECT * WHERE { ?s ?p ?o }", limit=0)
    assert none.rows == () and none.truncated
    construct = run_query(seed_graph_file, "CONSTRUCT WHERE { ?s ?p ?o }", limit=5)
    assert len(construct.rows) == 5 and construct.truncated and construct.variables == ("subject", "predicate",
                                                                                         "object")


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_item20_cli_says_truncated_in_every_format(seed_graph_file, fmt):
    out = run_cli("query", seed_graph_file, "SELECT * WHERE { ?s ?p ?o }", "--limit", "2", "--format", fmt)
    assert out.returncode == 0, out.stderr
    assert "graphbuild: truncated: only the first 2 rows are shown" in out.stderr
    if fmt == "json":
        assert json.loads(out.stdout)["truncated"] is True


# -- 21. bound values are never query text -----------------------------------------------------------------------

HOSTILE = 'x" || true) } #'


def test_item21_hostile_name_is_bound_as_a_literal(seed_graph_file):
    template = SKOS + "SELECT ?e ?name WHERE { ?e skos:prefLabel ?name }"
    assert run_query(seed_graph_file, template, bindings={"name": HOSTILE}).rows == ()
    hit = run_query(seed_graph_file, template, bindings={"name": "Manaf Tlass"})
    assert [row[1] for row in hit.rows] == ["Manaf Tlass"]
    # the same value formatted into the text matches every label: the input really is hostile
    naive = SKOS + 'SELECT ?e WHERE { ?e skos:prefLabel ?l FILTER(?l = "' + HOSTILE + '") }'
    assert len(run_query(seed_graph_file, naive).rows) > 10


def test_item21_binding_errors_are_clear(seed_graph_file):
    with pytest.raises(QueryError, match="--bind names a variable the query does not use: nobody"):
        run_query(seed_graph_file, "SELECT ?s WHERE { ?s ?p ?o }", bindings={"nobody": "x"})
    with pytest.raises(QueryError, match="a bound variable must be in the SELECT list"):
        run_query(seed_graph_file, SKOS + "SELECT ?e WHERE { ?e skos:prefLabel ?name }",
                  bindings={"name": "Manaf Tlass"})


# -- 22. rdflib and pyoxigraph agree (default graph = union of the articles' graphs) ------------------------------

AGREE = [
    SKOS + "SELECT ?e ?l WHERE { ?e skos:prefLabel ?l }",
    "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p",
    "SELECT DISTINCT ?t WHERE { ?s a ?t }",
    "PREFIX gb: <https://w3id.org/graphbuild/ontology#> SELECT ?a ?b WHERE { ?a gb:confidantOf ?b }",
]


@pytest.mark.parametrize("query", AGREE)
def test_item22_rdflib_and_oxigraph_give_the_same_rows(seed_graph_file, seed_dataset, query):
    ours = run_query(seed_graph_file, query, limit=100_000)
    theirs = seed_dataset.query(query)
    rdflib_rows = sorted(tuple(None if v is None else str(v) for v in row) for row in theirs)
    assert ours.rows and sorted(ours.rows) == rdflib_rows
    assert ours.variables == tuple(str(v) for v in theirs.vars)


def test_lexer_reads_escapes_both_ways():
    with pytest.raises(QueryError, match="updates are refused"):
        lexical_check("\\u0049NSERT DATA { <urn:a> <urn:b> <urn:c> }")
