"""extract_facts in worker processes: the same facts in the same order as in one process, read lazily."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import signal

import pytest

from graphbuild.errors import GraphbuildError
from graphbuild.ingest import make_article
from graphbuild.pipeline import extract_facts

TEXTS = [
    "Brigadier General Samer Haddad defected from the army on Monday and crossed into Turkey, rebels said.",
    "The ministry denied that its spokesman Fadi Zaidan had fled.",
    "Lina Saber, the ambassador to Sweden, has sought asylum there, her embassy said on Friday.",
    "Villagers fled the shelling last week.",
    "The president appointed Omar Haddad as defence minister on Sunday.",
    "Two pilots reportedly flew their jets to Jordan and asked for asylum, according to state media.",
    "Fawzi Tannous, a colonel in the air force, joined the rebels two weeks ago.",
]


def _articles(n: int, pulled: list[int] | None = None):
    for i in range(n):
        if pulled is not None:
            pulled.append(i)
        yield make_article(TEXTS[i % len(TEXTS)], doc_id=f"a{i}", name=f"a{i}", published=dt.date(2012, 7, 11),
                           published_source="option")


def test_two_processes_give_the_facts_of_one_in_article_order(nlp):
    one = list(extract_facts(_articles(14), nlp=nlp, batch_size=3))
    two = list(extract_facts(_articles(14), nlp=nlp, n_process=2, batch_size=3))
    assert [f.article.doc_id for f in two] == [f"a{i}" for i in range(14)]
    assert two == one
    assert sum(len(f.events) for f in two) >= 8  # the texts do carry facts to compare


def test_processes_read_the_articles_as_they_are_consumed_and_stop_when_closed(nlp):
    pulled: list[int] = []
    stream = extract_facts(_articles(400, pulled), nlp=nlp, n_process=2, batch_size=4)
    first = next(stream)
    assert first.article.doc_id == "a0"
    assert len(pulled) <= 2 * 2 * 4 + 4  # a window of batches in flight, not the whole input
    stream.close()
    assert multiprocessing.active_children() == []
    assert len(pulled) < 40


def test_a_worker_process_that_dies_ends_the_stream_with_an_error_not_a_hang(nlp):
    stream = extract_facts(_articles(400), nlp=nlp, n_process=2, batch_size=4)
    next(stream)
    os.kill(multiprocessing.active_children()[0].pid, signal.SIGKILL)
    with pytest.raises(GraphbuildError, match="worker process died"):
        for _ in stream:
            pass
    assert multiprocessing.active_children() == []
