"""Past one machine, with real parts on loopback: a ``dask scheduler`` and two ``dask worker`` processes, the
Oxigraph server (PyPI ``oxigraph``) and Virtuoso (Debian ``virtuoso-opensource-7-bin``), all started and
stopped here.

* 40 articles go through the cluster into each server (``graphbuild ingest --cluster --endpoint``); a
  worker is SIGKILLed mid-run; every article is in the store exactly once; a second run changes nothing;
  the two runs (killed at different moments) build the same store.
* The competency queries answer identically on the local pyoxigraph store, the Oxigraph server and
  Virtuoso: all eleven on a one-article store and on the 40-article stores (the queries keep to the
  SPARQL that Virtuoso 7.2.5 compiles: no EXISTS inside BIND, no inverse path inside an alternative).
* Batches and backpressure (in-process cluster, no spaCy), and a poison article that kills every worker
  it touches.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import distributed
import pytest
from conftest import ROOT, SEED

from graphbuild.errors import EndpointError, QueryError
from graphbuild.model import Article
from graphbuild.store.endpoint import UNION_MARK, Endpoint
from graphbuild.store.ingest import iter_inputs
from graphbuild.store.mirror import local_graphs

DASK: Any = distributed  # untyped: its Client and LocalCluster are called through Any
#: a server: {"query": query URL, "env": credentials}; a cluster: {"address", "client", "logs"}
Server = dict[str, Any]
Cluster = dict[str, Any]
Graphs = dict[str, set[str]]

BIN = Path(sys.executable).parent
QUERIES = ROOT / "ontology" / "queries"
CQ_BINDINGS = {"cq02-who-says": {"name": "Assad"}, "cq06-aliases": {"needle": "assad"},
               "cq07-evidence": {"name": "Assad"}, "cq09-regime-insiders": {"name": "Assad"}}
ALL_CQS = sorted(p.stem for p in QUERIES.glob("cq*.rq"))
GENERATED = {
    "gen-01-air-force-colonel.txt": "BEIRUT, March 3, 2013 - Colonel Ahmed Qassem, a senior officer in the Syrian "
                                    "air force, has defected to Jordan, his family said on Sunday. The Syrian "
                                    "government denied the report.",
    "gen-02-egypt-resignation.txt": "CAIRO, June 5, 2014 - General Hassan Farouk resigned on Thursday as head of the "
                                    "security directorate, the interior ministry said. State media reported that he "
                                    "may become ambassador to Kuwait.",
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _start(cmd: list[str], log: Path, **kw: Any) -> subprocess.Popen[bytes]:
    return subprocess.Popen(cmd, stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True, **kw)


def _stop(proc: subprocess.Popen[bytes], grace: float = 20) -> None:
    """TERM the process group this test started, then KILL what is left."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        except ProcessLookupError:
            pass
    else:
        with contextlib.suppress(ProcessLookupError, PermissionError):  # the leader is gone; maybe not its group
            os.killpg(proc.pid, signal.SIGKILL)


def _wait_http(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            req = urllib.request.Request(url, data=b"query=ASK%7B%7D", headers={
                "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})
            urllib.request.urlopen(req, timeout=5).read()
            return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"{url} did not come up: {log.read_text(errors='replace')[-2000:]}")
            time.sleep(0.3)


# -- the servers --------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("oxigraph")
    port = _free_port()
    proc = _start([str(BIN / "oxigraph"), "serve", "--location", str(tmp / "data"), "--bind", f"127.0.0.1:{port}"],
                  tmp / "server.log")
    try:
        _wait_http(f"http://127.0.0.1:{port}/query", proc, tmp / "server.log")
        yield {"query": f"http://127.0.0.1:{port}/query", "env": {}}
    finally:
        _stop(proc)


VIRTUOSO_INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
DirsAllowed = {d}
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
ThreadsPerQuery = 2
MaxClientConnections = 10
CheckpointInterval = 60

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
ServerThreads = 10
MaxClientConnections = 10
KeepAliveTimeout = 10
MaxKeepAlives = 10
EnabledDavVSP = 0

[SPARQL]
ResultSetMaxRows = 10000
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 0
"""


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Virtuoso on loopback with a temporary database and a writer account (GSP writes need Digest auth)."""
    binary, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if binary is None or isql is None:
        pytest.fail("virtuoso-t is not installed: apt-get install virtuoso-opensource-7-bin (.ci/run does)")
    d = tmp_path_factory.mktemp("virtuoso")
    sql, http = _free_port(), _free_port()
    (d / "virtuoso.ini").write_text(VIRTUOSO_INI.format(d=d, sql=sql, http=http))
    proc = _start([binary, "+configfile", str(d / "virtuoso.ini"), "+foreground"], d / "server.log", cwd=d)
    try:
        _wait_http(f"http://127.0.0.1:{http}/sparql", proc, d / "server.log")
        password = secrets.token_hex(12)
        (d / "setup.sql").write_text(f"DB.DBA.USER_CREATE('kgwriter', '{password}');\n"
                                     'GRANT SPARQL_UPDATE TO "kgwriter";\n')
        out = subprocess.run([isql, f"127.0.0.1:{sql}", "dba", "dba", str(d / "setup.sql")], capture_output=True,
                             text=True, timeout=60)
        assert out.returncode == 0, out.stdout + out.stderr
        yield {"query": f"http://127.0.0.1:{http}/sparql",
               "env": {"GRAPHBUILD_ENDPOINT_USER": "kgwriter", "GRAPHBUILD_ENDPOINT_PASSWORD": password}}
    finally:
        _stop(proc, grace=30)


def _endpoint(server: Server, timeout: float = 120) -> Endpoint:
    env = server["env"]
    return Endpoint(server["query"], timeout=timeout, user=env.get("GRAPHBUILD_ENDPOINT_USER"),
                    password=env.get("GRAPHBUILD_ENDPOINT_PASSWORD"))




def _default_graph(server: Server) -> set[str]:
    """The server's own default graph (GSP GET ?default; Virtuoso's is not written)."""
    with _endpoint(server) as ep:
        return {str(t) for t in ep.get_graph(None)} if ep.keeps_default_graph else set()


def _remote_graphs(server: Server) -> Graphs:
    with _endpoint(server) as ep:
        store = ep.dump()  # paged on Virtuoso (ResultSetMaxRows 10000)
    out: dict[str, set[str]] = {}
    for q in store:
        out.setdefault(q.graph_name.value, set()).add(str(q.triple))
    return out


# -- competency queries on three stores ------------------------------------------------------------------------
def _normalized(result: Any, booleans: set[int]) -> list[tuple[str, ...]]:
    """Rows sorted; GROUP_CONCAT parts sorted (their order is unspecified); Virtuoso's booleans (xsd:integer
    1/0) read as true/false in the columns that are booleans in the local answer."""
    rows = []
    for row in result.rows:
        vals = []
        for i, v in enumerate(row):
            v = "" if v is None else v
            if i in booleans:
                v = {"1": "true", "0": "false"}.get(v, v)
            if " | " in v or ", " in v:
                v = " | ".join(sorted(re.split(r" \| |, ", v)))
            vals.append(v)
        rows.append(tuple(vals))
    return sorted(rows)


def _answers(store_dir: Path, servers: dict[str, Server], names: list[str],
             bindings: dict[str, dict[str, str]] = CQ_BINDINGS) -> dict[str, dict[str, Any]]:
    """{query: {"local"|server name: normalized rows, or the error}}."""
    from graphbuild.outputs.sparql import run_query

    out: dict[str, dict[str, Any]] = {}
    for name in names:
        text = (QUERIES / f"{name}.rq").read_text(encoding="utf-8")
        binding = bindings.get(name, {})
        local = run_query(store_dir, text, bindings=binding, timeout=120)
        booleans = {i for i in range(len(local.variables))
                    if any(r[i] is not None for r in local.rows) and all(r[i] in (None, "true", "false")
                                                                         for r in local.rows)}
        answers: dict[str, Any] = {"local": (local.variables, _normalized(local, booleans))}
        for label, server in servers.items():
            try:
                with _endpoint(server) as ep:
                    r = ep.select(text, bindings=binding)
                answers[label] = (r.variables, _normalized(r, booleans))
            except (EndpointError, QueryError) as e:
                answers[label] = e
        out[name] = answers
    return out


def _check_identical(answers: dict[str, dict[str, Any]]) -> None:
    for name, got in answers.items():
        local = got["local"]
        for label, answer in got.items():
            assert not isinstance(answer, Exception), f"{name} on {label}: {answer}"
            assert answer == local, f"{name}: {label} differs from the local store"


@pytest.fixture(scope="module")
def one_article(tmp_path_factory: pytest.TempPathFactory, oxigraph: Server, virtuoso: Server, nlp: Any
                ) -> dict[str, Any]:
    """The seed article in a local store, copied to both servers; all CQ answers; then the servers are emptied
    for the cluster runs."""
    from graphbuild.distributed.run import ingest
    from graphbuild.store.endpoint import GRAPHS_PREFIX

    store = tmp_path_factory.mktemp("one") / "store"
    saved = dict(os.environ)
    try:
        for server in (oxigraph, virtuoso):
            os.environ.update(server["env"])
            ingest([SEED], store, endpoint=server["query"], published=dt.date(2012, 7, 11), nlp=nlp, progress=False)
        answers = _answers(store, {"oxigraph": oxigraph, "virtuoso": virtuoso}, ALL_CQS)
        copies = {label: _remote_graphs(s) for label, s in (("oxigraph", oxigraph), ("virtuoso", virtuoso))}
        local = local_graphs(store)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    for server in (oxigraph, virtuoso):
        with _endpoint(server) as ep:
            for graph in local:
                ep.delete_graph(graph)
            assert ep.graph_sizes(GRAPHS_PREFIX) == {}
    return {"answers": answers, "copies": copies, "local": local}


def test_one_article_copied_exactly_to_both_servers(one_article: dict[str, Any]) -> None:
    for label, copy in one_article["copies"].items():
        assert copy == one_article["local"], label


def test_all_competency_queries_answer_identically_on_three_stores(one_article: dict[str, Any]) -> None:
    _check_identical(one_article["answers"])


BRANCHES = ROOT / "tests" / "data" / "cq-branches.trig"


@pytest.fixture(scope="module")
def branch_answers(oxigraph: Server, virtuoso: Server) -> dict[str, dict[str, Any]]:
    """cq04 and cq09 over a hand-written graph that walks the branches the seed article does not, on the
    graph file (local pyoxigraph) and PUT to both servers (removed again before the cluster runs)."""
    import pyoxigraph as ox

    quads = list(ox.parse(path=str(BRANCHES), format=ox.RdfFormat.TRIG))
    graph = quads[0].graph_name.value
    body = ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES) or b""
    servers = {"oxigraph": oxigraph, "virtuoso": virtuoso}
    for server in servers.values():
        with _endpoint(server) as ep:
            ep.put_graph(graph, body)
    try:
        answers = _answers(BRANCHES, servers, ["cq04-hypothetical", "cq09-regime-insiders"],
                           bindings={"cq09-regime-insiders": {"name": "haddad"}})
        # left unbound, ?name matches everything (Virtuoso finds no "" inside a string: the query must not ask)
        answers["cq09 unbound"] = _answers(BRANCHES, servers, ["cq09-regime-insiders"], bindings={})[
            "cq09-regime-insiders"]
        return answers
    finally:
        for server in servers.values():
            with _endpoint(server) as ep:
                ep.delete_graph(graph)


def test_every_branch_of_cq04_and_cq09_answers_identically_on_three_stores(
        branch_answers: dict[str, dict[str, Any]]) -> None:
    _check_identical(branch_answers)
    cq04 = {(r[0], r[2], r[3], r[4]) for r in branch_answers["cq04-hypothetical"]["local"][1]}
    assert cq04 == {
        ("Fadi Zaidan confidantOf Samer Haddad", "Defection: Fadi Zaidan", "unconfirmed", "false"),
        ("Omar Haddad leaves", "https://example.org/cq-branches/unnamed confidantOf Samer Haddad", "", "true"),
        ("Defection: Nour Tannous", "", "", "true")}
    cq09 = {(r[1], r[4], r[5]) for r in branch_answers["cq09-regime-insiders"]["local"][1]}
    assert cq09 == {(r[1], r[4], r[5]) for r in branch_answers["cq09 unbound"]["local"][1]}
    assert cq09 == {("Fadi Zaidan", "appointed by the regime head", "Samer Haddad"),
                    ("Lina Saber", "child of a regime post-holder", "Fawzi Saber"),
                    ("Nour Tannous", "child of a regime post-holder", "Karim Tannous"),
                    ("Omar Haddad", "child of a regime post-holder", "Samer Haddad"),
                    ("Omar Haddad", "relative of the regime head", "Samer Haddad")}


# -- the cluster ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def dask_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """``dask scheduler`` + two ``dask worker`` processes (one process and one thread each), every socket on
    loopback."""
    tmp = tmp_path_factory.mktemp("dask")
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    web = ["--no-dashboard", "--dashboard-address", "127.0.0.1:0"]
    procs = [_start([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port), *web],
                    tmp / "scheduler.log")]
    try:
        for i in (1, 2):
            procs.append(_start([str(BIN / "dask"), "worker", address, "--host", "127.0.0.1", "--nworkers", "1",
                                 "--nthreads", "1", "--name", f"w{i}", "--local-directory", str(tmp / f"w{i}"), *web],
                                tmp / f"worker{i}.log"))
        client = DASK.Client(address, timeout=60)
        try:
            client.wait_for_workers(2, timeout=90)
            yield {"address": address, "client": client, "logs": tmp}
        finally:
            client.close()
    finally:
        for proc in reversed(procs):
            _stop(proc)


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """40 articles: the development set (FA-KES and our own), the seed, the five-article JSONL corpus and two
    short generated ones."""
    d = tmp_path_factory.mktemp("articles")
    for f in sorted((ROOT / "tests" / "data" / "dev").glob("*.txt")):
        shutil.copy(f, d / f.name)
    shutil.copy(SEED, d / SEED.name)
    shutil.copy(ROOT / "tests" / "data" / "corpus" / "hijab-defection.jsonl", d / "hijab-defection.jsonl")
    for name, text in GENERATED.items():
        (d / name).write_text(text + "\n", encoding="utf-8")
    return d


def _ingest(articles_dir: Path, store: Path, server: Server, cluster: Cluster, *, kill: str | None = None
            ) -> dict[str, Any]:
    """``graphbuild ingest --cluster --endpoint -v`` in a subprocess. With ``kill``, a watcher thread asks the
    workers every 20 ms what they are doing and SIGKILLs the process of one that is executing a task: at the
    first moment one is (``kill="first"``: during the run's first tasks), or once a task of the run has
    finished (``kill="later"``: the victim is executing a later batch)."""
    cmd = [sys.executable, "-m", "graphbuild", "ingest", str(articles_dir), "--store", str(store), "--cluster",
           cluster["address"], "--endpoint", server["query"], "-v"]
    env = {**os.environ, **server["env"]}
    client = cluster["client"]
    base = {w: s["executed"] for w, s in _worker_states(client).items()}
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    lines: list[str] = []
    written = [0]
    killed: dict[str, Any] = {}
    done = threading.Event()

    def watch() -> None:
        while kill is not None and not done.wait(0.02):
            states = _worker_states(client)
            finished = sum(max(0, s["executed"] - base.get(w, 0)) for w, s in states.items())
            busy = [w for w, s in states.items() if s["executing"]]
            if busy and (kill == "first" or finished > 0):
                pid = states[busy[0]]["pid"]
                os.kill(pid, signal.SIGKILL)
                killed.update(worker=busy[0], pid=pid, tasks_finished_before=finished, written_before=written[0])
                return

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    assert proc.stderr is not None
    for line in proc.stderr:
        lines.append(line.rstrip("\n"))
        if line.startswith(("added ", "replaced ")):
            written[0] += 1
    proc.wait(timeout=300)
    done.set()
    watcher.join(timeout=30)
    return {"code": proc.returncode, "lines": lines, "killed": killed or None, "seconds": time.monotonic() - start,
            "stdout": proc.stdout.read() if proc.stdout else ""}


def _worker_states(client: Any) -> dict[str, dict[str, int]]:
    """Per worker: its process id, the tasks it is executing, the tasks it has executed since it started."""

    def state(dask_worker: Any) -> dict[str, int]:
        import os as o

        return {"pid": o.getpid(), "executing": len(dask_worker.state.executing),
                "executed": dask_worker.state.executed_count}

    states: dict[str, dict[str, int]] = client.run(state)
    return states


@pytest.fixture(scope="module")
def cluster_runs(tmp_path_factory: pytest.TempPathFactory, one_article: dict[str, Any], oxigraph: Server,
                 virtuoso: Server, dask_cluster: Cluster, articles: Path) -> dict[str, dict[str, Any]]:
    """For each server: a run with a worker killed mid-run, the endpoint's graphs, then a second run."""
    out = {}
    # 40 articles are 5 tasks, done within seconds while the client is still writing: the kill comes while the
    # first tasks run (oxigraph), or once a task has finished (virtuoso)
    for label, server, kill in (("oxigraph", oxigraph, "first"), ("virtuoso", virtuoso, "later")):
        store = tmp_path_factory.mktemp(label) / "store"
        first = _ingest(articles, store, server, dask_cluster, kill=kill)
        after_first, default_after_first = _remote_graphs(server), _default_graph(server)
        second = _ingest(articles, store, server, dask_cluster)
        out[label] = {"store": store, "first": first, "second": second, "after_first": after_first,
                      "after_second": _remote_graphs(server), "local": local_graphs(store),
                      "default_after_first": default_after_first, "default_after_second": _default_graph(server)}
    return out


def _expected_ids(articles_dir: Path) -> set[str]:
    return {a.doc_id for a in iter_inputs([articles_dir]) if isinstance(a, Article)}


@pytest.mark.parametrize("label", ["oxigraph", "virtuoso"])
def test_forty_articles_through_the_cluster_each_exactly_once_despite_a_killed_worker(
        cluster_runs: dict[str, dict[str, Any]], articles: Path, label: str) -> None:
    from graphbuild.resolve.identity import GRAPH_BASE, graph_iri

    run = cluster_runs[label]
    first = run["first"]
    assert first["code"] == 0, "\n".join(first["lines"][-20:])
    expected = _expected_ids(articles)
    assert len(expected) == 40
    written = [line.split(" ", 1)[1] for line in first["lines"] if line.startswith(("added ", "replaced "))]
    assert sorted(written) == sorted(expected)  # each article written once: none lost, none twice
    assert not any(line.startswith("replaced ") for line in first["lines"])
    killed = first["killed"]
    assert killed is not None and killed["written_before"] < 40, "no worker was killed while executing a task"
    with pytest.raises(ProcessLookupError):
        os.kill(killed["pid"], 0)
    assert "40 added, 0 replaced, 0 unchanged, 0 failed" in "\n".join(first["lines"])
    # the endpoint holds every graph of the local store, each exactly as there, and one graph per article
    assert run["after_first"] == run["local"]
    articles_at_endpoint = {g for g in run["after_first"] if g.startswith(GRAPH_BASE)}
    assert articles_at_endpoint == {graph_iri(d) for d in expected}


@pytest.mark.parametrize("label", ["oxigraph", "virtuoso"])
def test_a_second_run_changes_nothing(cluster_runs: dict[str, dict[str, Any]], label: str) -> None:
    run = cluster_runs[label]
    second = run["second"]
    assert second["code"] == 0, "\n".join(second["lines"][-20:])
    text = "\n".join(second["lines"])
    assert "0 added, 0 replaced, 40 unchanged, 0 failed" in text and "(+0)" in text
    assert f"wrote 0 graph(s) to {'http'}" in text
    assert run["after_second"] == run["after_first"]
    assert run["default_after_second"] == run["default_after_first"]
    assert local_graphs(run["store"]) == run["local"]


def test_the_oxigraph_server_default_graph_is_the_local_union_without_repeats(
        cluster_runs: dict[str, dict[str, Any]], oxigraph: Server, virtuoso: Server) -> None:
    """Oxigraph's union-default-graph is a bag (a triple stated by 20 articles is 20 solutions; at 400 articles
    one competency query exhausted 23 GB). The mirror writes the local store's de-duplicated union into the
    server's default graph, with its marker, and queries read it. (Virtuoso's default graph, all its graphs,
    is a bag too, but its engine answers the competency queries at 400 articles in about a second.)"""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(cluster_runs["oxigraph"]["store"]))
    union = {str(q.triple) for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    del store
    assert cluster_runs["oxigraph"]["default_after_first"] == union | {'<{}> <{}> "{}"'.format(*UNION_MARK)}
    with _endpoint(oxigraph) as ep:
        rows = ep.select("SELECT ?e ?t WHERE { ?e a ?t }", limit=10**6).rows
        assert ep.union_copy_is_fresh()
    assert len(rows) == len(set(rows)) > 1000
    with _endpoint(virtuoso) as ep:
        assert not ep.keeps_default_graph and not ep.union_copy_is_fresh()


def test_two_distributed_runs_killed_at_different_moments_build_the_local_ingest_store(
        cluster_runs: dict[str, dict[str, Any]], articles: Path, tmp_path: Path, nlp: Any) -> None:
    from graphbuild.store.ingest import ingest

    moments = [cluster_runs[label]["first"]["killed"]["tasks_finished_before"] for label in ("oxigraph", "virtuoso")]
    assert moments[0] == 0 < moments[1]
    assert cluster_runs["oxigraph"]["local"] == cluster_runs["virtuoso"]["local"]
    report = ingest([articles], tmp_path / "local", nlp=nlp, progress=False)  # no cluster, no endpoint
    assert report.added == 40
    assert local_graphs(tmp_path / "local") == cluster_runs["oxigraph"]["local"]


def test_the_client_writes_the_graphs_the_workers_made_unless_linking_changed_them(dask_cluster: Cluster,
                                                                                    tmp_path: Path, nlp: Any) -> None:
    """Five articles about one defection, the last first: the graphs are written as their workers made them
    (N-Quads), except where linking changed the facts: one article names a man only by a short name ("Hijab")
    that a later article links to a full name; it is re-linked at the end (re-extracted on the cluster) and its
    graph rebuilt on the client from the linked facts. The store is the one a local ingest builds."""
    from graphbuild.distributed.run import ingest as cluster_ingest
    from graphbuild.store.ingest import ingest

    lines = (ROOT / "tests" / "data" / "corpus" / "hijab-defection.jsonl").read_text(encoding="utf-8").splitlines()
    corpus = tmp_path / "hijab-last-first.jsonl"
    corpus.write_text("\n".join(reversed(lines)) + "\n", encoding="utf-8")
    local = ingest([corpus], tmp_path / "local", nlp=nlp, progress=False)
    report = cluster_ingest([corpus], tmp_path / "cluster", cluster=dask_cluster["address"], progress=False)
    assert (report.added, report.relinked, report.merges) == (local.added, local.relinked, local.merges)
    assert (report.added, report.relinked) == (5, 1) and report.merges > 0
    assert 0 < report.worker_graphs < report.added + report.relinked  # some graphs were rebuilt on the client
    assert local_graphs(tmp_path / "cluster") == local_graphs(tmp_path / "local")


def test_competency_queries_answer_identically_on_forty_articles(cluster_runs: dict[str, dict[str, Any]], oxigraph: Server,
                                                                 virtuoso: Server) -> None:
    assert len(ALL_CQS) >= 11
    answers = _answers(cluster_runs["oxigraph"]["store"], {"oxigraph": oxigraph, "virtuoso": virtuoso}, ALL_CQS)
    _check_identical(answers)
    assert any(rows for got in answers.values() for rows in [got["local"][1]]), "all answers empty"


def test_the_commands_read_an_endpoint_as_source(cluster_runs: dict[str, dict[str, Any]], oxigraph: Server) -> None:
    """query and centrality (the networkx projection) give the same output on the endpoint as on the local
    store."""
    store = str(cluster_runs["oxigraph"]["store"])
    url = oxigraph["query"]
    for args in (["query", "{}", str(QUERIES / "cq01-defections.rq"), "--format", "json"],
                 ["centrality", "{}", "--measure", "degree", "--top", "8"]):
        outs = [subprocess.run([sys.executable, "-m", "graphbuild", *[a.format(src) for a in args]],
                               capture_output=True, text=True, timeout=180) for src in (store, url)]
        assert outs[0].returncode == outs[1].returncode, (outs[0].stderr, outs[1].stderr)
        if args[0] == "query":
            assert sorted(map(json.dumps, json.loads(outs[0].stdout))) == sorted(map(json.dumps, json.loads(outs[1].stdout)))
        else:
            assert outs[0].stdout == outs[1].stdout


# -- batches, backpressure, poison articles (no spaCy) ------------------------------------------------------------
def _fake_articles(n: int, poison: str | None = None) -> Iterator[Article]:
    for i in range(n):
        doc_id = poison if poison and i == n // 2 else f"a{i:03d}"
        yield Article(doc_id=doc_id, text=f"Article {i}.")


def test_batches_keep_order_and_bounded_memory() -> None:
    from graphbuild.distributed.cluster import map_articles
    from graphbuild.distributed.tasks import ArticleResult

    def slow_task(batch: list[Article], want_facts: bool, want_nquads: bool) -> list[ArticleResult]:
        import random
        import time as t

        t.sleep(random.uniform(0.0, 0.05))
        return [ArticleResult(a.doc_id, "h", nquads=f"<x:{a.doc_id}> <x:p> <x:o> <x:g> .\n") for a in batch]

    pulled = []

    def source() -> Iterator[Article]:
        for a in _fake_articles(120):
            pulled.append(a.doc_id)
            yield a

    with DASK.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            DASK.Client(cluster) as client:
        seen = []
        for batch, results in map_articles(client, source(), batch_size=5, in_flight=4, task=slow_task):
            assert [r.doc_id for r in results] == [a.doc_id for a in batch]
            seen += [r.doc_id for r in results]
            assert len(pulled) - len(seen) <= 3 * 4 * 5  # at most 3 x in_flight batches read ahead of the consumer
    assert seen == [f"a{i:03d}" for i in range(120)]  # input order


#: batches started after the first one; set once four of them ran while the first was still running
LATER_BATCHES: list[str] = []
OTHERS_WENT_ON = threading.Event()
FIRST_BATCH_SAW_OTHERS: list[bool] = []


def _first_batch_waits(batch: list[Article], want_facts: bool, want_nquads: bool) -> list[Any]:
    from graphbuild.distributed.tasks import ArticleResult

    if batch[0].doc_id == "a000":
        FIRST_BATCH_SAW_OTHERS.append(OTHERS_WENT_ON.wait(timeout=10))  # slow: until the other worker did four more
    else:
        LATER_BATCHES.append(batch[0].doc_id)
        if len(LATER_BATCHES) >= 4:
            OTHERS_WENT_ON.set()
    return [ArticleResult(a.doc_id, "h") for a in batch]


def test_a_slow_batch_does_not_idle_the_other_workers() -> None:
    """Results come back in input order, but the batches done after a slow one must not hold the other workers
    back while they wait for it (they did: with ``in_flight`` 2, one worker sat idle until the slow batch ended)."""
    from graphbuild.distributed.cluster import map_articles

    LATER_BATCHES.clear()
    FIRST_BATCH_SAW_OTHERS.clear()
    OTHERS_WENT_ON.clear()
    with DASK.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            DASK.Client(cluster) as client:
        seen = [r.doc_id for _batch, results in map_articles(client, _fake_articles(60), batch_size=5, in_flight=2,
                                                            task=_first_batch_waits) for r in results]
    assert FIRST_BATCH_SAW_OTHERS == [True], LATER_BATCHES
    assert seen == [f"a{i:03d}" for i in range(60)]


def test_an_article_that_kills_workers_fails_alone() -> None:
    """A batch whose task kills its worker is retried one article per task; the article that kills every
    worker it runs on is reported as failed, the others of its batch are not lost."""
    import dask

    from graphbuild.distributed.cluster import map_articles
    from graphbuild.distributed.tasks import ArticleResult

    def crashing_task(batch: list[Article], want_facts: bool, want_nquads: bool) -> list[ArticleResult]:
        import os as o

        if any(a.doc_id == "poison" for a in batch):
            o._exit(1)  # a native crash or the OOM killer: the worker process dies
        return [ArticleResult(a.doc_id, "h") for a in batch]

    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), \
            DASK.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                              dashboard_address=None, silence_logs=50) as cluster, DASK.Client(cluster) as client:
        out = [r for _, results in map_articles(client, _fake_articles(12, poison="poison"), batch_size=4,
                                                task=crashing_task) for r in results]
    assert len(out) == 12
    failed = [r for r in out if r.error]
    assert [(r.doc_id, r.error and r.error[0]) for r in failed] == [("poison", "KilledWorker")]
