"""Score graphbuild on the development set (tests/data/dev + tests/data/gold) with the shared scorer.

    .venv/bin/python tests/eval/devset.py            # table per article + micro-averaged totals
    .venv/bin/python tests/eval/devset.py own-09     # also what was missed and extra, for matching articles
    .venv/bin/python tests/eval/devset.py --heldout  # the held-out set (tests/data/heldout: text and gold side
                                                     # by side, annotated blind; its failure classes were then fixed)
    .venv/bin/python tests/eval/devset.py --set heldout2   # any folder of tests/data with NAME.txt + NAME.json
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import score  # noqa: E402
from rdflib import Dataset  # noqa: E402

from graphbuild.ingest import read_text_file  # noqa: E402
from graphbuild.pipeline import build_graph  # noqa: E402

DATA = HERE.parent / "data"
CATEGORIES = ("entities", "defections", "roles", "relations")


def score_article(gold_path: Path) -> dict:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text_path = DATA / "dev" / f"{gold_path.stem}.txt"
    if not text_path.exists():
        text_path = gold_path.with_suffix(".txt")
    if not text_path.exists():
        text_path = HERE.parent.parent / "data" / f"{gold_path.stem}.txt"
    published = dt.date.fromisoformat(gold["published"]) if gold.get("published") else None
    built = build_graph([read_text_file(text_path, published=published)])
    ds = Dataset(default_union=True)
    ds.parse(data=built.serialize(format="nquads"), format="nquads")
    return score.score(gold, ds)


def micro(reports: list[dict]) -> dict[str, float]:
    """Micro-averaged F1 per category from summed counts, and the mean overall."""
    out: dict[str, float] = {}
    for cat in CATEGORIES:
        sc = sum(r[cat]["system_correct"] for r in reports)
        sa = sum(r[cat]["system"] for r in reports)
        gf = sum(r[cat]["gold_found"] for r in reports)
        ga = sum(r[cat]["gold"] for r in reports)
        p = sc / sa if sa else 1.0
        rc = gf / ga if ga else 1.0
        out[cat] = 2 * p * rc / (p + rc) if p + rc else 0.0
    out["overall"] = sum(r["overall"] for r in reports) / len(reports)
    return out


def details(rep: dict) -> None:
    """What the scorer found missing or extra, per category."""
    for cat in CATEGORIES:
        for what in ("missed", "extra", "wrong_edges", "org_wrong"):
            for item in rep[cat].get(what) or []:
                print(f"    {cat[:4]} {what}: {item}")
    for pair in rep["defections"].get("pairs", []):
        if not (pair["destination"] and pair["date"] and pair["status"]) or pair["reported_by_missed"]:
            print(f"    defe pair: {pair}")


def main() -> None:
    reports = []
    args = sys.argv[1:]
    folder = DATA / "gold"
    if "--heldout" in args:
        folder = DATA / "heldout"
    if "--set" in args:
        folder = DATA / args[args.index("--set") + 1]
        args = [a for n, a in enumerate(args) if n != args.index("--set") + 1]
    wanted = [a for a in args if not a.startswith("--")]
    for gold_path in sorted(folder.glob("*.json")):
        rep = score_article(gold_path)
        reports.append(rep)
        cells = " ".join(f"{cat[:4]}={rep[cat]['f1']:.2f}" for cat in CATEGORIES)
        print(f"{gold_path.stem:40s} overall={rep['overall']:.3f} {cells}")
        if any(w in gold_path.stem for w in wanted):
            details(rep)
    totals = micro(reports)
    print("micro: " + " ".join(f"{k}={v:.3f}" for k, v in totals.items()))


if __name__ == "__main__":
    main()
