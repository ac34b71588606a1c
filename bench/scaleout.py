#!/usr/bin/env python
"""Issue 9 measurements (not a test): FA-KES articles through a loopback Dask cluster into the Oxigraph server
and into Virtuoso, a worker SIGKILLed mid-run, then a second run; and one worker against two, side by side.

    .venv/bin/python bench/scaleout.py [--n 400] [--rounds 2] [--out bench/results/scaleout.json]

Needs the venv (``.[dev,server]``: dask, distributed, oxigraph), Debian's ``virtuoso-opensource-7-bin`` and
``/work/shared/corpora/fa-kes/FA-KES-Dataset.csv``. Every server and worker runs on 127.0.0.1 and is stopped
at the end. The numbers land in docs/SCALING.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
CORPUS = Path("/work/shared/corpora/fa-kes/FA-KES-Dataset.csv")
FAST_CQS = ["cq01-defections", "cq02-who-says", "cq03-unconfirmed-facts", "cq05-positions", "cq06-aliases",
            "cq08-events-in-period", "cq10-claims-per-source", "cq11-contradictions"]
PROCS: list[subprocess.Popen] = []


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(cmd: list[str], log: Path, **kw) -> subprocess.Popen:
    proc = subprocess.Popen(cmd, stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True, **kw)
    PROCS.append(proc)
    return proc


CLIENTS: list = []


def stop_all() -> None:
    for client in CLIENTS:
        client.close()
    for proc in reversed(PROCS):
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)


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


def oxigraph(work: Path) -> dict:
    port = free_port()
    start([str(BIN / "oxigraph"), "serve", "--location", str(work / "oxigraph"), "--bind", f"127.0.0.1:{port}"],
          work / "oxigraph.log")
    wait_http(f"http://127.0.0.1:{port}/query")
    return {"query": f"http://127.0.0.1:{port}/query", "env": {}}


def virtuoso(work: Path) -> dict:
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


def dask_cluster(work: Path, name: str, workers: int) -> dict:
    from distributed import Client

    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    web = ["--no-dashboard", "--dashboard-address", "127.0.0.1:0"]
    start([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port), *web], work / f"{name}-s.log")
    for i in range(workers):
        start([str(BIN / "dask"), "worker", address, "--host", "127.0.0.1", "--nworkers", "1", "--nthreads", "1",
               "--name", f"{name}-w{i}", "--local-directory", str(work / f"{name}-w{i}"), *web],
              work / f"{name}-w{i}.log")
    client = Client(address, timeout=60)
    CLIENTS.append(client)
    client.wait_for_workers(workers, timeout=120)
    return {"address": address, "client": client}


def ingest(csv_path: Path, store: Path, server: dict | None, cluster: dict, kill_after: int | None = None) -> dict:
    cmd = [sys.executable, "-m", "graphbuild", "ingest", str(csv_path), "--store", str(store), "--cluster",
           cluster["address"], "-v"]
    env = dict(os.environ)
    if server is not None:
        cmd += ["--endpoint", server["query"]]
        env.update(server["env"])
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env)
    lines, killed = [], None
    for line in proc.stderr:
        lines.append(line.rstrip("\n"))
        written = sum(1 for x in lines if x.startswith(("added ", "replaced ")))
        if kill_after is not None and killed is None and written >= kill_after:
            client = cluster["client"]
            processing = client.processing()
            busy = [w for w, keys in processing.items() if keys] or list(processing)
            pid = client.run(os.getpid, workers=[busy[0]])[busy[0]]
            os.kill(pid, signal.SIGKILL)
            killed = {"worker": busy[0], "pid": pid, "tasks": len(processing.get(busy[0], ())),
                      "written_before": written, "at_s": round(time.monotonic() - t0, 1)}
    proc.wait()
    written = [x.split(" ", 1)[1] for x in lines if x.startswith(("added ", "replaced "))]
    return {"code": proc.returncode, "seconds": round(time.monotonic() - t0, 1), "killed": killed,
            "written": len(written), "written_distinct": len(set(written)),
            "summary": [x for x in lines if x.startswith(("ingested", "wrote", "graphbuild:"))]}


def local_graphs(store: Path) -> dict[str, set[str]]:
    import pyoxigraph as ox

    out: dict[str, set[str]] = {}
    s = ox.Store.read_only(str(store))
    for q in s:
        out.setdefault(q.graph_name.value, set()).add(str(q.triple))
    del s
    return out


def remote_graphs(server: dict) -> tuple[dict[str, set[str]], float]:
    from graphbuild.store.endpoint import Endpoint

    env = server["env"]
    t0 = time.monotonic()
    with Endpoint(server["query"], timeout=600, user=env.get("GRAPHBUILD_ENDPOINT_USER"),
                  password=env.get("GRAPHBUILD_ENDPOINT_PASSWORD")) as ep:
        store = ep.dump()
    out: dict[str, set[str]] = {}
    for q in store:
        out.setdefault(q.graph_name.value, set()).add(str(q.triple))
    return out, round(time.monotonic() - t0, 1)


def cq_times(store: Path, servers: dict[str, dict], timeout: float = 300) -> dict:
    """Each fast CQ on the local store and the servers: identical answers, rows, seconds per store (or the
    error, e.g. a time limit)."""
    from graphbuild.outputs.sparql import run_query
    from graphbuild.store.endpoint import Endpoint

    sys.path.insert(0, str(ROOT / "tests"))
    from test_distributed import CQ_BINDINGS, QUERIES, _normalized

    out = {}
    for name in FAST_CQS:
        text = (QUERIES / f"{name}.rq").read_text(encoding="utf-8")
        binding = CQ_BINDINGS.get(name, {})
        entry: dict = {"seconds": {}, "identical": {}}
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
        out[name] = entry
        print(name, entry, flush=True)
    return out


def throughput(articles: list, clusters: dict[int, dict], rounds: int) -> dict:
    """Extraction on the cluster (facts and N-Quads made on the workers, nothing written): 1 worker and 2
    workers alternated (1, 2, 2, 1, ...), same articles."""
    from graphbuild.distributed.cluster import map_articles

    runs: dict[int, list[float]] = {1: [], 2: []}
    cpu: dict[int, list[float]] = {1: [], 2: []}

    def worker_cpu(client) -> float:
        def seconds() -> float:
            import psutil

            t = psutil.Process().cpu_times()
            return t.user + t.system

        return sum(client.run(seconds).values())

    order = []
    for r in range(rounds):
        order += [1, 2] if r % 2 == 0 else [2, 1]
    for n in order:
        client = clusters[n]["client"]
        c0 = worker_cpu(client)
        t0 = time.monotonic()
        count = sum(len(results) for _, results in map_articles(client, articles, batch_size=8))
        assert count == len(articles)
        runs[n].append(round(time.monotonic() - t0, 1))
        cpu[n].append(round((worker_cpu(client) - c0) / len(articles) * 1000, 1))
    best = {n: min(v) for n, v in runs.items()}
    return {"seconds": runs, "articles_per_s": {n: round(len(articles) / s, 2) for n, s in best.items()},
            "ratio_2_over_1": round(best[1] / best[2], 2), "order": order,
            "worker_cpu_ms_per_article": cpu, "load": os.getloadavg()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=400)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "scaleout.json"))
    ap.add_argument("--skip-throughput", action="store_true")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="graphbuild-dist-"))
    result: dict = {"n": args.n, "nproc": os.cpu_count(), "load_start": os.getloadavg()}
    csv.field_size_limit(2**31 - 1)
    with CORPUS.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    csv_path = work / f"fakes-{args.n}.csv"
    with csv_path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows[: args.n + 1])
    try:
        servers = {"oxigraph": oxigraph(work), "virtuoso": virtuoso(work)}
        cluster2 = dask_cluster(work, "two", 2)
        for label, server in servers.items():
            store = work / f"store-{label}"
            first = ingest(csv_path, store, server, cluster2, kill_after=args.n // 4)
            remote, dump_s = remote_graphs(server)
            local = local_graphs(store)
            second = ingest(csv_path, store, server, cluster2)
            remote2, _ = remote_graphs(server)
            result[label] = {"first": first, "second": second, "dump_seconds": dump_s,
                             "endpoint_equals_local": remote == local, "second_changed_nothing": remote2 == remote,
                             "graphs": len(local), "quads": sum(map(len, local.values()))}
            print(label, json.dumps(result[label], indent=1), flush=True)
            Path(args.out).write_text(json.dumps(result, indent=1, default=str) + "\n")
        result["stores_identical"] = local_graphs(work / "store-oxigraph") == local_graphs(work / "store-virtuoso")
        Path(args.out).write_text(json.dumps(result, indent=1, default=str) + "\n")
        if not args.skip_throughput:
            from graphbuild.store.ingest import iter_inputs

            articles = [a for a in iter_inputs([csv_path]) if hasattr(a, "doc_id")]
            cluster1 = dask_cluster(work, "one", 1)
            result["throughput"] = throughput(articles, {1: cluster1, 2: cluster2}, args.rounds)
            print("throughput", json.dumps(result["throughput"]), flush=True)
            Path(args.out).write_text(json.dumps(result, indent=1, default=str) + "\n")
            e2e = {}
            for n, cluster in ((1, cluster1), (2, cluster2)):
                e2e[n] = ingest(csv_path, work / f"store-e2e-{n}", None, cluster)
            result["end_to_end_no_endpoint"] = {n: r["seconds"] for n, r in e2e.items()}
            print("end to end", result["end_to_end_no_endpoint"], flush=True)
            Path(args.out).write_text(json.dumps(result, indent=1, default=str) + "\n")
        result["cqs"] = cq_times(work / "store-oxigraph", servers)
        result["load_end"] = os.getloadavg()
    finally:
        stop_all()
        shutil.rmtree(work, ignore_errors=True)
    Path(args.out).write_text(json.dumps(result, indent=1, default=str) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
