"""What runs on a Dask worker: one batch of articles through the (once-loaded) pipeline.

Kept free of Dask imports: a worker imports this module by name when it unpickles a task.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from typing import Any

from graphbuild.model import Article, ArticleFacts


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """One article after extraction on a worker.

    ``sha256`` is the content hash of its text (the store's registry key for "unchanged"); ``nquads`` its
    named graph in store form (before cross-article linking) as N-Quads, when asked for; ``facts`` the
    extracted facts, when asked for (the store links and writes them); ``error`` (exception type name,
    message) when its extraction failed; ``worker`` the host and process that made it.
    """

    doc_id: str
    sha256: str
    nquads: str = ""
    facts: ArticleFacts | None = None
    error: tuple[str, str] | None = None
    worker: str = ""


def extract_batch(articles: list[Article], want_facts: bool = True, want_nquads: bool = True) -> list[ArticleResult]:
    """Extract a batch of articles with the worker's pipeline (loaded once per process by the worker
    plugin, or here on first use): one :class:`ArticleResult` per article, in order. An article whose
    extraction fails becomes a result with ``error``; only a missing pipeline (ModelError) fails the task.
    """
    from graphbuild.ingest.text import mask_boilerplate
    from graphbuild.nlp import load_nlp
    from graphbuild.pipeline import facts_from_doc
    from graphbuild.store.registry import content_hash

    nlp = load_nlp()
    who = f"{socket.gethostname()}:{os.getpid()}"
    try:
        docs: list[tuple[Any, Article]] = list(nlp.pipe(((mask_boilerplate(a.text), a) for a in articles),
                                                        as_tuples=True, batch_size=len(articles) or 1))
    except Exception:  # one bad text must not cost the batch: parse one by one, the bad one fails alone
        docs = []
        for a in articles:
            try:
                docs.append((nlp(mask_boilerplate(a.text)), a))
            except Exception as e:
                docs.append((e, a))
    out: list[ArticleResult] = []
    for doc, article in docs:
        sha = content_hash(article)
        try:
            if isinstance(doc, Exception):
                raise doc
            facts = facts_from_doc(doc, article)
            nquads = _nquads(facts) if want_nquads else ""
        except Exception as e:  # reported per article; the batch goes on
            out.append(ArticleResult(article.doc_id, sha, error=(type(e).__name__, str(e)[:500]), worker=who))
            continue
        out.append(ArticleResult(article.doc_id, sha, nquads, facts if want_facts else None, worker=who))
    return out


def _nquads(facts: ArticleFacts) -> str:
    import pyoxigraph as ox

    from graphbuild.store.articles import article_quads

    return (ox.serialize(article_quads(facts), format=ox.RdfFormat.N_QUADS) or b"").decode("utf-8")
