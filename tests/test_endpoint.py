"""The SPARQL 1.1 store client (graphbuild.store.endpoint) and the store-to-endpoint copy
(graphbuild.store.mirror) against loopback HTTP servers that misbehave on purpose (RELIABILITY.md items
24-27): connection refused, no answer, 5xx, an HTML page, partial answers, cut answers, a Graph Store
that fails mid-run. Every failure is one clear error with exit 69, never an empty result. The real
servers (Oxigraph, Virtuoso) are in test_distributed.py."""

from __future__ import annotations

import http.server
import json
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, ClassVar

import pytest
from conftest import ROOT

from graphbuild.errors import EndpointError, QueryError, UsageError
from graphbuild.store.endpoint import (
    PASSWORD_ENV,
    UNION_MARK,
    USER_ENV,
    Endpoint,
    bind_values,
    default_gsp_url,
    endpoint_url,
)
from graphbuild.store.mirror import local_graphs

CORPUS = ROOT / "tests" / "data" / "corpus"
ROWS: dict[str, Any] = {"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "uri", "value": "http://x/a"}}]}}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def serve(handler_cls: type[http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    """A threading HTTP server on loopback; yields its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler_cls)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def canned(status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None,
           delay: float = 0.0) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        seen: ClassVar[list[dict[str, str]]] = []

        def log_message(self, *args: Any) -> None:
            pass

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            Handler.seen.append(dict(self.headers))
            if delay:
                time.sleep(delay)
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with suppress(OSError):  # the client gave up (the timeout tests)
                self.wfile.write(body)

        do_GET = do_POST
        do_PUT = do_POST

    return Handler


RESULTS = "application/sparql-results+json"


# -- RELIABILITY 24: connection refused / DNS --------------------------------------------------------------
def test_connection_refused_is_a_clear_error() -> None:
    url = f"http://127.0.0.1:{_free_port()}/query"
    with pytest.raises(EndpointError, match=r"cannot reach SPARQL endpoint .*(refused|Errno)") as e:
        Endpoint(url, timeout=5).select("SELECT * WHERE { ?s ?p ?o }")
    assert e.value.exit_code == 69


def test_unknown_host_is_a_clear_error() -> None:
    with pytest.raises(EndpointError, match="cannot reach SPARQL endpoint"):
        Endpoint("http://graphbuild-no-such-host.invalid/query", timeout=5).select("ASK { }")


def test_cli_query_against_a_closed_port_exits_69_in_one_line() -> None:
    url = f"http://127.0.0.1:{_free_port()}/query"
    out = subprocess.run([sys.executable, "-m", "graphbuild", "query", url, "SELECT * WHERE { ?s ?p ?o }"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 69, out.stderr
    assert out.stderr.startswith("graphbuild: error: cannot reach SPARQL endpoint http://127.0.0.1:")
    assert len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.stderr
    assert out.stdout == ""


# -- RELIABILITY 25: accepts, never answers ------------------------------------------------------------------
def test_no_answer_hits_the_client_timeout() -> None:
    with serve(canned(200, json.dumps(ROWS).encode(), RESULTS, delay=30)) as base:
        start = time.monotonic()
        with pytest.raises(EndpointError, match=r"did not answer within 1 s"):
            Endpoint(f"{base}/query", timeout=1).select("SELECT * WHERE { ?s ?p ?o }")
        assert time.monotonic() - start < 10


def test_cli_query_timeout_exits_69() -> None:
    with serve(canned(200, json.dumps(ROWS).encode(), RESULTS, delay=30)) as base:
        start = time.monotonic()
        out = subprocess.run([sys.executable, "-m", "graphbuild", "query", f"{base}/query", "SELECT * WHERE {?s ?p ?o}",
                              "--timeout", "2"], capture_output=True, text=True, timeout=60)
        assert out.returncode == 69, out.stderr
        assert "did not answer within 2 s" in out.stderr
        assert time.monotonic() - start < 20


# -- RELIABILITY 26: 5xx, HTML, partial ------------------------------------------------------------------------
@pytest.mark.parametrize(("status", "body", "ctype", "headers", "message"), [
    (503, b"Service Unavailable: the store is loading", "text/plain", {}, r"failed \(HTTP 503\): Service Unavailable"),
    (500, b"Virtuoso 37000 Error SQ156: Internal Optimized compiler error", "text/plain", {}, r"HTTP 500.*SQ156"),
    (200, b"<html><head><title>Please log in</title></head><body>...</body></html>", "text/html", {},
     r"answered with an HTML page instead of SPARQL results \(Please log in\)"),
    (206, json.dumps(ROWS).encode(), RESULTS, {}, r"partial answer \(HTTP 206"),
    (200, json.dumps({"head": {"vars": ["s"]}, "results": {"bindings": []}}).encode(), RESULTS,
     {"X-SQL-State": "S1TAT", "X-SQL-Message": "RC...: Returning incomplete results, query interrupted by result "
                                               "timeout."}, r"partial results \(X-SQL-State S1TAT"),
    (200, b'{"head":{"vars":["s"]},"results":{"bindings":[{"s":{"type":"uri","value":"http://x/a"}},'
          b"The SPARQL operation has been cancelled", RESULTS, {}, r"incomplete or invalid SPARQL results"),
    (200, b'{"rows": []}', RESULTS, {}, r"not SPARQL results"),
    (404, b"not found", "text/plain", {}, r"no SPARQL endpoint at .* \(HTTP 404\)"),
    (302, b"", "text/plain", {"Location": "http://elsewhere/login"}, r"redirects \(HTTP 302\) to http://elsewhere/login"),
])
def test_a_failure_is_never_an_empty_result(status: int, body: bytes, ctype: str, headers: dict[str, str],
                                            message: str) -> None:
    with serve(canned(status, body, ctype, headers)) as base, pytest.raises(EndpointError, match=message) as e:
        Endpoint(f"{base}/query", timeout=10).select("SELECT ?s WHERE { ?s ?p ?o }")
    assert e.value.exit_code == 69


def test_a_bad_request_is_a_query_error() -> None:
    with serve(canned(400, b"error at 1:37: expected one of ...", "text/plain")) as base, \
            pytest.raises(QueryError, match=r"refused the query: error at 1:37") as e:
        Endpoint(f"{base}/query").select("SELECT * WHERE { ?s ?p ?o }")
    assert e.value.exit_code == 65


def test_a_row_capped_answer_is_marked_truncated() -> None:
    rows = {"head": {"vars": ["s"]}, "results": {"bindings": ROWS["results"]["bindings"] * 2}}
    with serve(canned(200, json.dumps(rows).encode(), RESULTS, {"X-SPARQL-MaxRows": "2"})) as base:
        result = Endpoint(f"{base}/query").select("SELECT ?s WHERE { ?s ?p ?o }")
    assert result.truncated and len(result.rows) == 2
    assert "row limit (2 rows, X-SPARQL-MaxRows)" in result.notes[0]


def test_virtuoso_ask_table_and_typed_literals_are_read() -> None:
    ask = {"head": {"link": [], "vars": ["__ASK_RETVAL"]}, "results": {"distinct": False, "ordered": True, "bindings": [
        {"__ASK_RETVAL": {"type": "typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#integer", "value": "1"}}]}}
    with serve(canned(200, json.dumps(ask).encode(), RESULTS)) as base:
        ep = Endpoint(f"{base}/sparql")
        assert ep.ask("ASK { }") is True
        assert ep.select("ASK { ?s ?p ?o }").rows == (("true",),)


def test_queries_are_checked_before_they_leave() -> None:
    ep = Endpoint(f"http://127.0.0.1:{_free_port()}/query")
    for text, message in [("INSERT DATA { <a:b> <a:c> <a:d> }", "read-only"),
                          ("SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }", "SERVICE is refused"),
                          ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", "FROM and FROM NAMED")]:
        with pytest.raises(QueryError, match=message):
            ep.select(text)


def test_bindings_are_literals_at_the_start_of_the_where_group() -> None:
    q = bind_values('SELECT ?name WHERE { FILTER EXISTS { ?s ?p ?name } }', {"name": 'x" } } #'})
    assert q.startswith('SELECT ?name WHERE { VALUES ?name { "x\\" } } #" }')
    from graphbuild.outputs.sparql import check_query

    assert check_query(q) == "SELECT"
    with pytest.raises(QueryError, match="does not use"):
        bind_values("SELECT * WHERE { ?s ?p ?o }", {"name": "x"})
    with pytest.raises(QueryError, match=r"no \{ \} group"):
        bind_values("SELECT ?name", {"name": "x"})
    emoji = bind_values("SELECT ?name WHERE { ?s ?p ?name }", {"name": "Asad \U0001F600\n\t\\"})
    assert check_query(emoji) == "SELECT" and "\U0001F600" in emoji


# -- credentials: environment only ---------------------------------------------------------------------------------
def test_credentials_in_the_url_are_refused() -> None:
    with pytest.raises(UsageError, match=f"credentials in the SPARQL endpoint URL are refused.*{USER_ENV}"):
        Endpoint("http://dba:dba@127.0.0.1:8890/sparql")
    out = subprocess.run([sys.executable, "-m", "graphbuild", "query", "http://dba:secret@127.0.0.1:1/sparql", "ASK {}"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and "secret" not in out.stderr


def test_no_password_option_on_the_command_line() -> None:
    import typer

    from graphbuild.cli import app

    group: Any = typer.main.get_command(app)  # a group of commands
    options = {opt for cmd in group.commands.values() for p in cmd.params for opt in getattr(p, "opts", [])}
    assert {"--endpoint", "--gsp-url", "--cluster"} <= options
    assert not {o for o in options if any(w in o for w in ("password", "user", "secret", "token", "auth"))}


def test_digest_challenge_answered_with_credentials_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    class Digest(http.server.BaseHTTPRequestHandler):
        seen: ClassVar[list[str]] = []

        def log_message(self, *args: Any) -> None:
            pass

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            auth = self.headers.get("Authorization", "")
            Digest.seen.append(auth)
            if not auth.startswith("Digest "):
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Digest realm="SPARQL", nonce="abc123", qop="auth"')
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = json.dumps(ROWS).encode()
            self.send_response(200)
            self.send_header("Content-Type", RESULTS)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    monkeypatch.setenv(USER_ENV, "kgwriter")
    monkeypatch.setenv(PASSWORD_ENV, "s3cret-pw")
    with serve(Digest) as base:
        ep = Endpoint.from_env(f"{base}/sparql")
        assert "s3cret" not in repr(ep)
        assert ep.select("SELECT ?s WHERE { ?s ?p ?o }").rows == (("http://x/a",),)
    assert Digest.seen[0] == "" and 'username="kgwriter"' in Digest.seen[-1]
    assert not any("s3cret" in a for a in Digest.seen)  # digest: the password itself never travels


def test_refused_credentials_name_the_environment_variables() -> None:
    with serve(canned(401, b"", "text/plain", {"WWW-Authenticate": 'Basic realm="x"'})) as base, \
            pytest.raises(EndpointError, match=f"refused access \\(HTTP 401\\).*{USER_ENV}"):
        Endpoint(f"{base}/sparql").select("ASK { }")


def test_urls() -> None:
    assert endpoint_url(Path("https://example.org/ds/query")) == "https://example.org/ds/query"
    assert endpoint_url(Path("out/seed.trig")) is None
    assert default_gsp_url("http://127.0.0.1:8890/sparql") == "http://127.0.0.1:8890/sparql-graph-crud"
    assert default_gsp_url("http://h/custom") is None
    with pytest.raises(UsageError, match="--gsp-url"):
        _ = Endpoint("http://h/custom").gsp_url


# -- RELIABILITY 27: failure mid-way through a multi-article upload --------------------------------------------------
class FakeStore:
    """SPARQL 1.1 Protocol (``/query``) and Graph Store Protocol (``/store``) over an in-memory pyoxigraph
    store; ``fail_from`` makes the n-th and later PUTs answer 500."""

    def __init__(self) -> None:
        import pyoxigraph as ox

        self.store = ox.Store()
        self.puts = 0
        self.fail_from: int | None = None
        self.queries: list[tuple[str, bool]] = []  # (query, with the union parameter)
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _reply(self, status: int, body: bytes = b"", ctype: str = "text/plain") -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _graph(self) -> ox.NamedNode | ox.DefaultGraph:
                query = urllib.parse.urlsplit(self.path).query
                if query == "default":
                    return ox.DefaultGraph()
                return ox.NamedNode(urllib.parse.parse_qs(query)["graph"][0])

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if self.path.startswith("/store"):
                    fake.store.load(body, format=ox.RdfFormat.N_TRIPLES, to_graph=self._graph())
                    return self._reply(204)
                form = urllib.parse.parse_qs(body.decode(), keep_blank_values=True)
                union = "union-default-graph" in form  # Oxigraph's parameter; without it the default graph as it is
                fake.queries.append((form["query"][0], union))
                result = fake.store.query(form["query"][0], use_default_graph_as_union=union)
                assert isinstance(result, ox.QuerySolutions | ox.QueryBoolean)
                self._reply(200, result.serialize(format=ox.QueryResultsFormat.JSON) or b"", RESULTS)

            def do_PUT(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                fake.puts += 1
                if fake.fail_from is not None and fake.puts >= fake.fail_from:
                    return self._reply(500, b"disk full")
                g = self._graph()
                fake.store.clear_graph(g)
                fake.store.load(body, format=ox.RdfFormat.N_TRIPLES, to_graph=g)
                self._reply(201)

            def do_DELETE(self) -> None:
                fake.store.clear_graph(self._graph())
                self._reply(204)

        self.handler = Handler

    def graphs(self) -> dict[str, set[str]]:
        """The named graphs, as :func:`local_graphs` gives a store's."""
        import pyoxigraph as ox

        out: dict[str, set[str]] = {}
        for q in self.store:
            if isinstance(q.graph_name, ox.NamedNode):
                out.setdefault(q.graph_name.value, set()).add(str(q.triple))
        return out

    def default_graph(self) -> set[str]:
        import pyoxigraph as ox

        return {str(q.triple) for q in self.store.quads_for_pattern(None, None, None, ox.DefaultGraph())}




def test_upload_failure_midway_keeps_completed_articles_and_a_rerun_completes_it(tmp_path: Path, nlp: Any) -> None:
    from graphbuild.distributed.run import ingest
    from graphbuild.resolve.identity import GRAPH_BASE

    fake = FakeStore()
    fake.fail_from = 3  # the third article's PUT fails
    store = tmp_path / "store"
    with serve(fake.handler) as base:
        with pytest.raises(EndpointError, match=r"refused .*HTTP 500.*disk full|failed \(HTTP 500\): disk full"):
            ingest([CORPUS], store, endpoint=f"{base}/query", nlp=nlp, progress=False)
        articles = [g for g in fake.graphs() if g.startswith(GRAPH_BASE)]
        assert len(articles) == 2  # completed articles stay; the failed one is absent
        journal = list(store.glob("graphbuild-endpoint-*.pending"))
        assert len(journal) == 1 and len(journal[0].read_text().split()) == 3

        fake.fail_from = None
        report = ingest([CORPUS], store, endpoint=f"{base}/query", nlp=nlp, progress=False)
        assert report.added == 2 and report.unchanged == 3
        assert fake.graphs() == local_graphs(store)  # every graph, each exactly as in the local store
        assert not list(store.glob("graphbuild-endpoint-*.pending"))

        assert fake.default_graph() == local_union(store) | {MARK}  # the union copy, complete

        puts = fake.puts
        again = ingest([CORPUS], store, endpoint=f"{base}/query", nlp=nlp, progress=False)
        assert again.unchanged == 5 and again.mirrored == 0 and fake.puts == puts  # nothing sent again


def local_union(store_dir: Path) -> set[str]:
    """The local store's materialized union (its default graph) as N-Triples lines."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(store_dir))
    return {str(q.triple) for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())}


MARK = '<{}> <{}> "{}"'.format(*UNION_MARK)
TYPES = "SELECT ?e ?t WHERE { ?e a ?t }"


def test_queries_read_the_union_copy_without_repeats_until_a_write_makes_it_stale(tmp_path: Path, nlp: Any) -> None:
    """Five articles about one defection state the same entities' types: over the server's union of the graphs
    (a bag, as Oxigraph's union-default-graph) each comes once per article; over the union copy the mirror
    writes into the default graph, once. Writing a named graph empties the copy first, and queries go
    back to the union parameter until the next run writes the copy again."""
    from graphbuild.distributed.run import ingest

    fake = FakeStore()
    store = tmp_path / "store"
    with serve(fake.handler) as base:
        ingest([CORPUS], store, endpoint=f"{base}/query", nlp=nlp, progress=False)
        with Endpoint(f"{base}/query") as ep:
            types = ep.select(TYPES, limit=10**6).rows
            assert fake.queries[-1] == (TYPES, False)  # over the default graph as it is: the union copy
            assert len(types) == len(set(types))
            ep.put_graph("https://example.org/other", '<http://x/a> <http://x/b> "c" .\n')
            assert fake.default_graph() == set()  # emptied before the write
            bag = ep.select(TYPES, limit=10**6).rows
            assert len(bag) > len(set(bag)) == len(types)  # the same answers, repeated per article
            assert fake.queries[-1] == (TYPES, True)
        with Endpoint(f"{base}/query") as ep:  # a new client asks again
            assert not ep.union_copy_is_fresh()
        report = ingest([CORPUS], store, endpoint=f"{base}/query", nlp=nlp, progress=False)
        assert report.mirrored == 1  # nothing changed but the copy
        assert fake.default_graph() == local_union(store) | {MARK}


def test_a_store_written_without_endpoint_is_copied_on_the_first_run_with_one(tmp_path: Path, nlp: Any) -> None:
    from graphbuild.distributed.run import ingest

    store = tmp_path / "store"
    ingest([CORPUS], store, nlp=nlp, progress=False)
    fake = FakeStore()
    with serve(fake.handler) as base:
        report = ingest([CORPUS], store, endpoint=f"{base}/query", nlp=nlp, progress=False)
        assert report.unchanged == 5 and report.mirrored == 8  # 5 articles, derived, registry, the union copy
        assert fake.graphs() == local_graphs(store)
        assert fake.default_graph() == local_union(store) | {MARK}


def test_cli_ingest_with_an_unreachable_endpoint_touches_nothing(tmp_path: Path) -> None:
    store = tmp_path / "store"
    out = subprocess.run([sys.executable, "-m", "graphbuild", "ingest", str(CORPUS), "--store", str(store),
                          "--endpoint", f"http://127.0.0.1:{_free_port()}/query"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 69, out.stderr
    assert "cannot reach SPARQL endpoint" in out.stderr and "Traceback" not in out.stderr
    assert not store.exists()
