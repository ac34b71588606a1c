"""Issue 7, item 2 (a measurement, not a test): ``graphbuild ingest`` of the first N FA-KES articles into a new
on-disk store, one process, as a user runs it: wall and CPU time, articles and quads per second, bytes on disk
per article, peak memory; then the same command again (every article unchanged).

    .venv/bin/python bench/ingest_store.py                      # N = 100, 400, 804
    .venv/bin/python bench/ingest_store.py --sizes 100 --out /tmp/x.json

Writes ``bench/results/ingest-store.json`` and prints a table.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path("/work/shared/corpora/fa-kes/FA-KES-Dataset.csv")


def _sample(path: Path, n: int) -> None:
    csv.field_size_limit(2**31 - 1)
    with CORPUS.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows[: n + 1])


def _run(args: list[str]) -> dict:
    """One ``graphbuild`` command: wall, CPU (user + system of the child) and peak RSS, its summary line."""
    t0 = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "graphbuild", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - t0
    out = (proc.stdout.read() if proc.stdout else "") + (proc.stderr.read() if proc.stderr else "")
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"graphbuild {' '.join(args)} failed:\n{out[-2000:]}")
    summary = next((line for line in out.splitlines() if line.startswith("ingested ")), "")
    return {"wall_s": round(wall, 2), "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
            "peak_rss_mb": round(usage.ru_maxrss / 1024), "summary": summary}


def _disk_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="100,400,804")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "ingest-store.json"))
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="graphbuild-ingest-"))
    rows = []
    for n in (int(x) for x in args.sizes.split(",")):
        sample = work / f"fakes-{n}.csv"
        _sample(sample, n)
        store = work / f"store-{n}"
        first = _run(["ingest", str(sample), "--store", str(store)])
        m = re.search(r"(\d+) added.*?; (\d+) quads", first["summary"])
        added, quads = (int(m.group(1)), int(m.group(2))) if m else (0, 0)
        again = _run(["ingest", str(sample), "--store", str(store)])
        disk = _disk_bytes(store)
        row = {"articles": n, "added": added, "quads": quads, "first": first, "second": again, "disk_bytes": disk,
               "articles_per_s": round(added / first["wall_s"], 2), "quads_per_s": round(quads / first["wall_s"]),
               "bytes_per_article": round(disk / added) if added else None,
               "quads_per_article": round(quads / added) if added else None}
        rows.append(row)
        print(json.dumps(row), flush=True)
    result = {"started": time.strftime("%Y-%m-%d %H:%M:%S"), "load": os.getloadavg(), "rows": rows}
    Path(args.out).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print("\n| articles | added | quads | wall s | CPU s | articles/s | quads/s | on disk MB | bytes/article | "
          "peak RSS MB | second run s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['articles']} | {r['added']} | {r['quads']:,} | {r['first']['wall_s']} | {r['first']['cpu_s']} | "
              f"{r['articles_per_s']} | {r['quads_per_s']:,} | {r['disk_bytes'] / 1e6:.1f} | "
              f"{r['bytes_per_article']:,} | {r['first']['peak_rss_mb']} | {r['second']['wall_s']} |")


if __name__ == "__main__":
    main()
