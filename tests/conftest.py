"""Shared fixtures: the seed article, its built graph (built once per session), paths."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "syria-iraq-ambassador-defects.txt"
SEED_GOLD = ROOT / "data" / "syria-iraq-ambassador-defects.gold.json"
sys.path.insert(0, str(ROOT / "tests" / "eval"))


@pytest.fixture(scope="session")
def seed_article():
    from graphbuild.ingest import read_text_file

    return read_text_file(SEED, published=dt.date(2012, 7, 11))


@pytest.fixture(scope="session")
def seed_graph_file(tmp_path_factory, seed_article) -> Path:
    from graphbuild.outputs.files import write_graph
    from graphbuild.pipeline import build_graph

    out = tmp_path_factory.mktemp("seed") / "seed.trig"
    write_graph(build_graph([seed_article]), out)
    return out


@pytest.fixture(scope="session")
def seed_dataset(seed_graph_file):
    from graphbuild.outputs.files import read_graph

    return read_graph(seed_graph_file)


@pytest.fixture(scope="session")
def nlp():
    from graphbuild.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def facts_of(nlp):
    """Extract the facts of a short text (published 2012-07-11) and return them with labels by key."""
    from graphbuild.ingest import make_article
    from graphbuild.pipeline import extract_facts

    def run(text: str, published: dt.date = dt.date(2012, 7, 11)):
        article = make_article(text, doc_id="t", name="t", published=published, published_source="option")
        facts = next(extract_facts([article], nlp=nlp))
        labels = {e.key: e.label for e in facts.entities}
        return facts, labels

    return run
