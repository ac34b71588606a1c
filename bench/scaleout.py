#!/usr/bin/env python
"""Issue 9 measurements (not a test): FA-KES articles through a loopback Dask cluster into the Oxigraph server
and into Virtuoso, a worker SIGKILLed mid-run, then a second run; one worker against two, side by side; the
competency queries on the three stores.

    .venv/bin/python bench/scaleout.py [--n 400] [--rounds 3] [--out bench/results/scaleout.json]
    .venv/bin/python bench/scaleout.py --throughput-only [--rounds 3]    # only the one-against-two runs

Needs the venv (``.[dev,server]``: dask, distributed, oxigraph), Debian's ``virtuoso-opensource-7-bin`` and
``/work/shared/corpora/fa-kes/FA-KES-Dataset.csv``. Every server and worker runs on 127.0.0.1 and is stopped
at the end. The numbers land in docs/SCALING.md.

One worker against two is measured twice, each time in interleaved rounds (1, 2, then 2, 1, ...) and reported
as medians, with the load average and the CPU time of every process of the run (the machine may be shared):

* ``extraction``: :func:`graphbuild.distributed.cluster.map_articles` as the ingest calls it (facts and the
  article graph as N-Quads made on the workers, sent back to the client), nothing written;
* ``ingest``: ``graphbuild ingest --cluster`` into a new store (extraction, linking, one transaction per
  article), no endpoint.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import resource
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
CORPUS = Path("/work/shared/corpora/fa-kes/FA-KES-Dataset.csv")
#: every competency query (until session 10, cq04, cq07 and cq09 were left out: the Oxigraph server's bag
#: union default graph made cq04 exhaust its memory; the mirror now keeps a de-duplicated union there)
CQS = sorted(p.stem for p in (ROOT / "ontology" / "queries").glob("cq*.rq"))
PROCS: list[subprocess.Popen[bytes]] = []
CLIENTS: list[Any] = []
Server = dict[str, Any]
Cluster = dict[str, Any]
Graphs = dict[str, set[str]]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def start(cmd: list[str], log: Path, **kw: Any) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(cmd, stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True, **kw)
    PROCS.append(proc)
    return proc


def stop_all() -> None:
    """Close the clients, then TERM (and if need be KILL) the process group of every process started here."""
    for client in CLIENTS:
        try:
            client.close()
        except Exception as e:  # stopping goes on
            print(f"closing a client: {e}", file=sys.stderr)
    for proc in reversed(PROCS):
        _stop(proc)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


def load() -> float:
    return round(os.getloadavg()[0], 2)


def wait_http(url: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            req = urllib.request.Request(url, data=b"query=ASK%7B%7D", headers={
                "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})
            urllib.request.urlopen(req, timeout=5).read()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit(f"{url} did not come up") from None
            time.sleep(0.5)


def oxigraph(work: Path) -> Server:
    port = free_port()
    proc = start([str(BIN / "oxigraph"), "serve", "--location", str(work / "oxigraph"), "--bind",
                  f"127.0.0.1:{port}"], work / "oxigraph.log")
    wait_http(f"http://127.0.0.1:{port}/query")
    return {"query": f"http://127.0.0.1:{port}/query", "env": {}, "pid": proc.pid}


def peak_rss_mb(server: Server) -> float | None:
    """The server process's peak resident memory so far (VmHWM), in MB."""
    try:
        status = Path(f"/proc/{server['pid']}/status").read_text()
    except (KeyError, OSError):
        return None
    kb = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM"))
    return round(kb / 1024, 1)


def default_graph(server: Server) -> set[str]:
    """The server's own default graph (the union copy; Virtuoso's is not written)."""
    from graphbuild.store.endpoint import Endpoint

    with Endpoint(server["query"]) as ep:
        return {str(t) for t in ep.get_graph(None)} if ep.keeps_default_graph else set()


def virtuoso(work: Path) -> Server:
    sys.path.insert(0, str(ROOT / "tests"))
    from test_distributed import VIRTUOSO_INI  # one ini for the tests and the measurements

    d = work / "virtuoso"
    d.mkdir()
    sql, http = free_port(), free_port()
    (d / "virtuoso.ini").write_text(VIRTUOSO_INI.format(d=d, sql=sql, http=http))
    start(["virtuoso-t", "+configfile", str(d / "virtuoso.ini"), "+foreground"], d / "server.log", cwd=d)
    wait_http(f"http://127.0.0.1:{http}/sparql")
    password = secrets.token_hex(12)
    (d / "setup.sql").write_text(f"DB.DBA.USER_CREATE('kgwriter', '{password}');\nGRANT SPARQL_UPDATE TO \"kgwriter\";\n")
    subprocess.run(["isql-vt", f"127.0.0.1:{sql}", "dba", "dba", str(d / "setup.sql")], check=True, capture_output=True)
    return {"query": f"http://127.0.0.1:{http}/sparql",
            "env": {"GRAPHBUILD_ENDPOINT_USER": "kgwriter", "GRAPHBUILD_ENDPOINT_PASSWORD": password}}


def dask_cluster(work: Path, name: str, workers: int) -> Cluster:
    """``dask scheduler`` and ``workers`` x ``dask worker --nworkers 1 --nthreads 1`` (with their nannies)."""
    import distributed

    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    web = ["--no-dashboard", "--dashboard-address", "127.0.0.1:0"]
    procs = [start([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port), *web],
                   work / f"{name}-s.log")]
    for i in range(workers):
        procs.append(start([str(BIN / "dask"), "worker", address, "--host", "127.0.0.1", "--nworkers", "1",
                            "--nthreads", "1", "--name", f"{name}-w{i}", "--local-directory",
                            str(work / f"{name}-w{i}"), *web], work / f"{name}-w{i}.log"))
    dask: Any = distributed
    client = dask.Client(address, timeout=60)
    CLIENTS.append(client)
    client.wait_for_workers(workers, timeout=120)
    return {"address": address, "client": client, "workers": workers, "procs": procs}


def _load_pipeline() -> None:
    from graphbuild.nlp import load_nlp

    load_nlp()


@contextlib.contextmanager
def measured_cluster(work: Path, name: str, workers: int) -> Iterator[Cluster]:
    """A new cluster of ``workers`` workers with the pipeline loaded on each, stopped on exit: the one-worker
    and the two-worker runs each have the machine to themselves (an idle cluster beside the measured one costs
    about 6 % of a core in heartbeats, 3 % of this 2-core machine)."""
    cluster = dask_cluster(work, name, workers)
    try:
        cluster["client"].run(_load_pipeline)
        yield cluster
    finally:
        stop_cluster(cluster)


def stop_cluster(cluster: Cluster) -> None:
    """Close the cluster's client, then TERM (and if need be KILL) its processes."""
    client = cluster["client"]
    client.close()
    CLIENTS.remove(client)
    for proc in reversed(cluster["procs"]):
        _stop(proc)
        PROCS.remove(proc)


def _cpu_seconds() -> float:
    import psutil

    t = psutil.Process().cpu_times()
    return float(t.user + t.system)


def cluster_cpu(cluster: Cluster) -> dict[str, Any]:
    """CPU seconds so far of the cluster's worker processes (each, and summed) and of its scheduler."""
    client = cluster["client"]
    each = client.run(_cpu_seconds)
    return {"workers": sum(each.values()), "each": each, "scheduler": float(client.run_on_scheduler(_cpu_seconds))}


def ingest(csv_path: Path, store: Path, server: Server | None, cluster: Cluster, kill_after: int | None = None
           ) -> dict[str, Any]:
    """``graphbuild ingest CSV --store STORE --cluster ADDRESS [--endpoint URL] -v`` in a subprocess; with
    ``kill_after``, the process of a worker that has tasks (the scheduler's ``processing()``) is SIGKILLed at the
    first moment one has, once that many articles are written (a watcher thread asks every 20 ms)."""
    cmd = [sys.executable, "-m", "graphbuild", "ingest", str(csv_path), "--store", str(store), "--cluster",
           cluster["address"], "-v"]
    env = dict(os.environ)
    if server is not None:
        cmd += ["--endpoint", server["query"]]
        env.update(server["env"])
    cpu0, load0 = cluster_cpu(cluster), load()
    child0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env)
    assert proc.stderr is not None
    lines: list[str] = []
    written = [0]
    killed: dict[str, Any] = {}
    done = threading.Event()

    def watch() -> None:
        client = cluster["client"]
        while kill_after is not None and not done.wait(0.02):
            if written[0] >= kill_after:
                at = written[0]
                processing = client.processing()
                busy = [w for w, keys in processing.items() if keys]
                if busy:
                    pid = client.run(os.getpid, workers=[busy[0]])[busy[0]]
                    os.kill(pid, signal.SIGKILL)
                    killed.update(worker=busy[0], pid=pid, tasks=len(processing[busy[0]]), written_before=at,
                                  at_s=round(time.monotonic() - t0, 1))
                    return

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    first_write = last_write = None
    for line in proc.stderr:
        lines.append(line.rstrip("\n"))
        if line.startswith(("added ", "replaced ")):
            last_write = time.monotonic() - t0
            first_write = first_write or last_write
            written[0] += 1
    proc.wait()
    done.set()
    watcher.join(timeout=30)
    seconds = time.monotonic() - t0
    child1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu1 = cluster_cpu(cluster) if not killed else None  # a restarted worker's CPU clock starts again
    written_ids = [x.split(" ", 1)[1] for x in lines if x.startswith(("added ", "replaced "))]
    out: dict[str, Any] = {
        "code": proc.returncode, "seconds": round(seconds, 1), "killed": killed or None, "written": len(written_ids),
        "written_distinct": len(set(written_ids)), "relinked": sum(1 for x in lines if x.startswith("relinked ")),
        "first_write_s": first_write and round(first_write, 1), "last_write_s": last_write and round(last_write, 1),
        "client_cpu_s": round(child1.ru_utime + child1.ru_stime - child0.ru_utime - child0.ru_stime, 1),
        "load": [load0, load()], "summary": [x for x in lines if x.startswith(("ingested", "wrote", "graphbuild:"))]}
    if cpu1 is not None:
        out["workers_cpu_s"] = round(cpu1["workers"] - cpu0["workers"], 1)
        out["scheduler_cpu_s"] = round(cpu1["scheduler"] - cpu0["scheduler"], 1)
    return out




def local_union(store: Path) -> set[str]:
    """The local store's materialized union plus the endpoint's marker: what the union copy must be."""
    import pyoxigraph as ox

    from graphbuild.store.endpoint import UNION_MARK

    st = ox.Store.read_only(str(store))
    out = {str(q.triple) for q in st.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    del st
    return out | {'<{}> <{}> "{}"'.format(*UNION_MARK)}


def remote_graphs(server: Server) -> tuple[Graphs, float]:
    from graphbuild.store.endpoint import Endpoint

    env = server["env"]
    t0 = time.monotonic()
    with Endpoint(server["query"], timeout=600, user=env.get("GRAPHBUILD_ENDPOINT_USER"),
                  password=env.get("GRAPHBUILD_ENDPOINT_PASSWORD")) as ep:
        store = ep.dump()
    out: Graphs = {}
    for q in store:
        out.setdefault(q.graph_name.value, set()).add(str(q.triple))
    return out, round(time.monotonic() - t0, 1)


def cq_times(store: Path, servers: dict[str, Server], timeout: float = 300) -> dict[str, Any]:
    """Each fast CQ on the local store and the servers: identical answers, rows, seconds per store (or the
    error, e.g. a time limit)."""
    from graphbuild.outputs.sparql import run_query
    from graphbuild.store.endpoint import Endpoint

    sys.path.insert(0, str(ROOT / "tests"))
    from test_distributed import CQ_BINDINGS, QUERIES, _normalized

    out: dict[str, Any] = {}
    for name in CQS:
        text = (QUERIES / f"{name}.rq").read_text(encoding="utf-8")
        binding = CQ_BINDINGS.get(name, {})
        entry: dict[str, Any] = {"seconds": {}, "identical": {}}
        t0 = time.monotonic()
        try:
            local = run_query(store, text, bindings=binding, timeout=timeout)
        except Exception as e:
            entry["seconds"]["local"] = f"{type(e).__name__}: {str(e)[:120]}"
            out[name] = entry
            print(name, entry, flush=True)
            continue
        entry["seconds"]["local"] = round(time.monotonic() - t0, 1)
        booleans = {i for i in range(len(local.variables)) if any(r[i] is not None for r in local.rows)
                    and all(r[i] in (None, "true", "false") for r in local.rows)}
        mine = _normalized(local, booleans)
        entry["rows"] = len(mine)
        for label, server in servers.items():
            env = server["env"]
            t0 = time.monotonic()
            try:
                with Endpoint(server["query"], timeout=timeout, user=env.get("GRAPHBUILD_ENDPOINT_USER"),
                              password=env.get("GRAPHBUILD_ENDPOINT_PASSWORD")) as ep:
                    r = ep.select(text, bindings=binding)
                entry["identical"][label] = r.variables == local.variables and _normalized(r, booleans) == mine
                entry["seconds"][label] = round(time.monotonic() - t0, 1)
            except Exception as e:
                entry["seconds"][label] = f"{type(e).__name__}: {str(e)[:120]}"
        if "oxigraph" in servers:
            entry["oxigraph_peak_rss_mb"] = peak_rss_mb(servers["oxigraph"])
        out[name] = entry
        print(name, entry, flush=True)
    return out


def _order(rounds: int) -> list[int]:
    order: list[int] = []
    for r in range(rounds):
        order += [1, 2] if r % 2 == 0 else [2, 1]
    return order


def _summary(runs: dict[int, list[dict[str, Any]]], n: int) -> dict[str, Any]:
    """Medians per number of workers, the wall-clock ratio, and the CPU cost per article of each part."""
    out: dict[Any, Any] = {}
    for w, rs in runs.items():
        med = statistics.median(r["seconds"] for r in rs)
        out[w] = {"median_s": round(med, 1), "articles_per_s": round(n / med, 2),
                  "median_load": round(statistics.median(r["load"][0] for r in rs), 2)}
        for part in ("workers", "scheduler", "client"):
            out[w][f"{part}_cpu_ms_per_article"] = round(statistics.median(r[f"{part}_cpu_s"] for r in rs) / n * 1000, 1)
        cpu = sum(out[w][f"{part}_cpu_ms_per_article"] for part in ("workers", "scheduler", "client")) * n / 1000
        out[w]["cores_used"] = round(cpu / med, 2)  # CPU seconds of the run's processes per wall second
    out["ratio_2_over_1"] = round(out[1]["median_s"] / out[2]["median_s"], 2)
    # on free cores (a core per worker, one for client and scheduler) each worker runs at its own CPU cost,
    # the client at its own: N workers give min(N / worker cost, 1 / client cost) articles per second
    w1, w2 = out[1]["workers_cpu_ms_per_article"], out[2]["workers_cpu_ms_per_article"]
    c2 = out[2]["client_cpu_ms_per_article"] + out[2]["scheduler_cpu_ms_per_article"]
    out["cpu_bound_ratio_on_free_cores"] = round(min(2 * 1000 / w2, 1000 / c2) / (1000 / w1), 2)
    return out


def throughput_extraction(articles: list[Any], work: Path, rounds: int, batch_size: int) -> dict[str, Any]:
    """Extraction as the ingest asks for it (facts and N-Quads made on the workers, back on the client),
    nothing written: one worker and two workers alternated (1, 2, 2, 1, ...), the same articles, each run on
    a new cluster of its own with the pipeline already loaded."""
    from graphbuild.distributed.cluster import map_articles

    runs: dict[int, list[dict[str, Any]]] = {1: [], 2: []}
    for i, n in enumerate(_order(rounds)):
        with measured_cluster(work, f"x{i}-{n}", n) as cluster:
            cpu0, load0, client0 = cluster_cpu(cluster), load(), time.process_time()
            t0 = time.monotonic()
            count = sum(len(results) for _, results in map_articles(
                cluster["client"], articles, batch_size=batch_size, want_facts=True, want_nquads=True))
            seconds = time.monotonic() - t0
            client_cpu = time.process_time() - client0
            cpu1 = cluster_cpu(cluster)
        assert count == len(articles)
        run = {"workers": n, "seconds": round(seconds, 1), "load": [load0, load()],
               "workers_cpu_s": round(cpu1["workers"] - cpu0["workers"], 1),
               "scheduler_cpu_s": round(cpu1["scheduler"] - cpu0["scheduler"], 1), "client_cpu_s": round(client_cpu, 1),
               "each_worker_cpu_s": [round(cpu1["each"][w] - cpu0["each"].get(w, 0.0), 1) for w in sorted(cpu1["each"])]}
        runs[n].append(run)
        print("extraction", json.dumps(run), flush=True)
    return {"runs": runs, "summary": _summary(runs, len(articles)), "batch_size": batch_size}


def throughput_ingest(csv_path: Path, work: Path, rounds: int, n_articles: int) -> dict[str, Any]:
    """``graphbuild ingest --cluster`` into a new store, no endpoint: one worker and two alternated, each run
    on a new cluster of its own."""
    runs: dict[int, list[dict[str, Any]]] = {1: [], 2: []}
    for i, n in enumerate(_order(rounds)):
        with measured_cluster(work, f"e{i}-{n}", n) as cluster:
            run = ingest(csv_path, work / f"store-e2e-{i}-{n}", None, cluster)
        shutil.rmtree(work / f"store-e2e-{i}-{n}", ignore_errors=True)
        assert run["code"] == 0 and run["written_distinct"] == n_articles, run
        run["workers"] = n
        runs[n].append(run)
        print("ingest", json.dumps(run), flush=True)
    return {"runs": runs, "summary": _summary(runs, n_articles)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=400)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=None, help="articles per task (default: graphbuild's)")
    ap.add_argument("--out", default=None, help="default bench/results/scaleout.json (scaleout-throughput.json "
                                                "with --throughput-only)")
    ap.add_argument("--skip-throughput", action="store_true")
    ap.add_argument("--throughput-only", action="store_true", help="only one worker against two")
    ap.add_argument("--extraction-only", action="store_true", help="one against two: the extraction runs only")
    args = ap.parse_args()
    from graphbuild.distributed.cluster import BATCH_SIZE

    batch_size = args.batch_size or BATCH_SIZE
    out_path = Path(args.out or ROOT / "bench" / "results" / (
        "scaleout-throughput.json" if args.throughput_only else "scaleout.json"))
    work = Path(tempfile.mkdtemp(prefix="graphbuild-dist-"))
    result: dict[str, Any] = {"n": args.n, "nproc": os.cpu_count(), "load_start": os.getloadavg(),
                              "started": time.strftime("%Y-%m-%d %H:%M:%S"), "batch_size": batch_size}
    csv.field_size_limit(2**31 - 1)
    with CORPUS.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    csv_path = work / f"fakes-{args.n}.csv"
    with csv_path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows[: args.n + 1])

    def save() -> None:
        out_path.write_text(json.dumps(result, indent=1, default=str) + "\n")

    def one_against_two() -> None:
        from graphbuild.model import Article
        from graphbuild.store.ingest import iter_inputs

        articles = [a for a in iter_inputs([csv_path]) if isinstance(a, Article)]
        result["extraction"] = throughput_extraction(articles, work, args.rounds, batch_size)
        print("extraction", json.dumps(result["extraction"]["summary"]), flush=True)
        save()
        if not args.extraction_only:
            result["ingest"] = throughput_ingest(csv_path, work, args.rounds, len(articles))
            print("ingest", json.dumps(result["ingest"]["summary"]), flush=True)
            save()

    try:
        if args.throughput_only:
            one_against_two()
            return
        from graphbuild.store.mirror import local_graphs

        servers = {"oxigraph": oxigraph(work), "virtuoso": virtuoso(work)}
        cluster2 = dask_cluster(work, "two", 2)
        for label, server in servers.items():
            store = work / f"store-{label}"
            first = ingest(csv_path, store, server, cluster2, kill_after=args.n // 4)
            remote, dump_s = remote_graphs(server)
            default = default_graph(server)
            local = local_graphs(store)
            second = ingest(csv_path, store, server, cluster2)
            remote2, _ = remote_graphs(server)
            result[label] = {"first": first, "second": second, "dump_seconds": dump_s,
                             "endpoint_equals_local": remote == local,
                             "second_changed_nothing": remote2 == remote and default_graph(server) == default,
                             "default_graph_is_local_union": default == local_union(store) if default else None,
                             "local_unchanged_by_second": local_graphs(store) == local,
                             "graphs": len(local), "quads": sum(map(len, local.values()))}
            print(label, json.dumps(result[label], indent=1), flush=True)
            save()
        result["stores_identical"] = local_graphs(work / "store-oxigraph") == local_graphs(work / "store-virtuoso")
        save()
        if not args.skip_throughput:
            stop_cluster(cluster2)  # the one-against-two runs have the machine to themselves
            one_against_two()
        result["cqs"] = cq_times(work / "store-oxigraph", servers)
        result["oxigraph_peak_rss_mb"] = peak_rss_mb(servers["oxigraph"])
    finally:
        result["load_end"] = os.getloadavg()
        result["ended"] = time.strftime("%Y-%m-%d %H:%M:%S")
        stop_all()
        shutil.rmtree(work, ignore_errors=True)
        save()
        print(f"wrote {out_path}")


if __name__ == "__main__":
    main()
