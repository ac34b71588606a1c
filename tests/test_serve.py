"""The read-only SPARQL endpoint: the oxigraph server over a store, on loopback, answering queries and
refusing updates; the store stays locked against writers while it runs."""

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from conftest import ROOT

CORPUS = ROOT / "tests" / "data" / "corpus"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _post(url, data, content_type, accept="application/sparql-results+json", headers=None):
    req = urllib.request.Request(url, data=data.encode(), method="POST",
                                 headers={"Content-Type": content_type, "Accept": accept, **(headers or {})})
    return urllib.request.urlopen(req, timeout=30)


@pytest.fixture(scope="module")
def served(tmp_path_factory, nlp):
    from graphbuild.store.ingest import ingest

    store = tmp_path_factory.mktemp("serve") / "store"
    ingest([CORPUS], store, nlp=nlp, progress=False)
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "graphbuild", "serve", str(store), "--port", str(port),
                             "--timeout", "10"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=2)
            break
        except (urllib.error.URLError, ConnectionError):
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"server did not start: {proc.communicate()[1]}")
            time.sleep(0.2)
    yield base, store, proc
    proc.terminate()
    proc.wait(timeout=30)
    with socket.socket() as s:  # the oxigraph child went with its parent: the port is free again
        assert s.connect_ex(("127.0.0.1", port)) != 0


def test_serve_answers_sparql_queries(served):
    base, _, _ = served
    q = """PREFIX gb: <https://w3id.org/graphbuild/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
           SELECT DISTINCT ?who ?cert WHERE { ?e a gb:Defection ; gb:defector/skos:prefLabel ?who ; gb:overallCertainty ?cert .
           FILTER(CONTAINS(?who, "Hijab")) }"""
    with _post(f"{base}/query", urllib.parse.urlencode({"query": q}), "application/x-www-form-urlencoded") as r:
        body = json.load(r)
        assert r.headers.get("Access-Control-Allow-Origin") is None
    got = [(b["who"]["value"], b["cert"]["value"]) for b in body["results"]["bindings"]]
    assert got in ([("Riad Hijab", "https://w3id.org/graphbuild/ontology#Confirmed")],
                   [("Riyad Hijab", "https://w3id.org/graphbuild/ontology#Confirmed")])


def test_serve_works_with_rdflib_sparqlstore(served):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    base, _, _ = served
    store = SPARQLStore(f"{base}/query", method="POST")
    res = list(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?c a <https://w3id.org/graphbuild/ontology#Contradiction> }"))
    assert int(res[0][0]) == 2


@pytest.mark.parametrize(("path", "body", "ctype"), [
    ("/update", "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "application/sparql-update"),
    ("/query", "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "application/sparql-update"),
    ("/store?default", "<urn:a> <urn:b> <urn:c> .", "application/n-triples"),
])
def test_serve_refuses_updates(served, path, body, ctype):
    base, _, _ = served
    with pytest.raises(urllib.error.HTTPError) as err:
        _post(f"{base}{path}", body, ctype)
    assert 400 <= err.value.code < 500
    ask = urllib.parse.urlencode({"query": "ASK { <urn:a> <urn:b> <urn:c> }"})
    with _post(f"{base}/query", ask, "application/x-www-form-urlencoded") as r:
        assert json.load(r)["boolean"] is False


def test_serve_locks_out_writers(served):
    _, store, _ = served
    out = subprocess.run([sys.executable, "-m", "graphbuild", "ingest", str(CORPUS), "--store", str(store)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 75 and "locked by another process" in out.stderr


def test_serve_missing_store_is_66(tmp_path):
    out = subprocess.run([sys.executable, "-m", "graphbuild", "serve", str(tmp_path / "nope")], capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 66 and "no store at" in out.stderr


def test_serve_command_is_read_only_on_loopback():
    from graphbuild.store.server import server_command

    cmd = server_command("/x", port=1234, timeout=5)
    assert cmd[1] == "serve-read-only" and "127.0.0.1:1234" in cmd and "--cors" not in cmd
    assert cmd[cmd.index("--timeout-s") + 1] == "5"


def test_serve_fresh_store_serves_its_default_graph(served):
    """A fresh store is served without --union-default-graph: a triple two articles hold counts once."""
    import pyoxigraph as ox

    from graphbuild.store.server import _stale

    base, store, _ = served
    assert not _stale(store)
    s = ox.Store.read_only(str(store))
    holders = {}
    shared = None
    for g in s.named_graphs():
        if "/graph/doc/" in g.value:
            for q in s.quads_for_pattern(None, None, None, g):
                t = (q.subject, q.predicate, q.object)
                holders.setdefault(t, set()).add(g.value)
                if len(holders[t]) > 1:
                    shared = t
    del s
    assert shared is not None
    q = f"SELECT (COUNT(*) AS ?n) WHERE {{ {shared[0]} {shared[1]} {shared[2]} }}"
    with _post(f"{base}/query", urllib.parse.urlencode({"query": q}), "application/x-www-form-urlencoded") as r:
        body = json.load(r)
    assert body["results"]["bindings"][0]["n"]["value"] == "1"
