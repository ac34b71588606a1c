"""The client's store writer fed by a cluster: it takes each article's graph from the N-Quads its worker made,
instead of building it again.

A worker returns, per article, its facts and its named graph in store form as N-Quads (made from the facts
before cross-article linking). The client links the facts against the alias index; when linking changes
nothing (most articles: :func:`graphbuild.resolve.aliases.link_entities` then returns the very same facts
object) the worker's N-Quads *are* the graph to write, and parsing them (Rust) costs ~2 ms where building the
graph from the facts (Python) costs ~17 ms. An article that linking changed is built from its linked facts,
as in a local ingest. So the store is the same, quad for quad, whatever made the graph.

Kept free of Dask imports (the client imports it before it connects).
"""

from __future__ import annotations

from typing import Any

from graphbuild.model import ArticleFacts
from graphbuild.store.ingest import StoreWriter
from graphbuild.store.mirror import MirrorWriter

#: articles whose N-Quads may wait for the writer (only skipped articles leave one behind; bounded anyway)
LIMIT = 4096


class WorkerQuads:
    """Article graphs (N-Quads) the workers made, held from the moment the extractor yields an article's facts
    until the writer takes them. ``used`` counts the graphs taken from the workers, ``rebuilt`` those built
    on the client (linking changed the facts, or no N-Quads came)."""

    def __init__(self, limit: int = LIMIT) -> None:
        self.limit = limit
        self._by_doc: dict[str, tuple[ArticleFacts, str]] = {}
        self.used = 0
        self.rebuilt = 0

    def __len__(self) -> int:
        return len(self._by_doc)

    def put(self, facts: ArticleFacts, nquads: str) -> None:
        """Hold ``nquads``, the graph a worker made from exactly ``facts``."""
        self._by_doc.pop(facts.article.doc_id, None)
        self._by_doc[facts.article.doc_id] = (facts, nquads)
        while len(self._by_doc) > self.limit:
            del self._by_doc[next(iter(self._by_doc))]

    def take(self, linked: ArticleFacts) -> list[Any] | None:
        """The worker's graph for ``linked`` as pyoxigraph quads, when it was made from these very facts
        (linking changed nothing); else None (the caller builds the graph)."""
        import pyoxigraph as ox

        entry = self._by_doc.pop(linked.article.doc_id, None)
        if entry is None or entry[0] is not linked or not entry[1]:
            self.rebuilt += 1
            return None
        self.used += 1
        return list(ox.parse(entry[1], format=ox.RdfFormat.N_QUADS))


class ClusterWriter(StoreWriter):
    """A :class:`StoreWriter` that writes the workers' graphs (see the module docstring)."""

    worker_quads: WorkerQuads | None = None

    def article_quads(self, linked: ArticleFacts) -> list[Any]:
        if self.worker_quads is not None:
            quads = self.worker_quads.take(linked)
            if quads is not None:
                return quads
        return super().article_quads(linked)


class MirroredClusterWriter(ClusterWriter, MirrorWriter):
    """:class:`ClusterWriter` and :class:`~graphbuild.store.mirror.MirrorWriter` in one: the workers' graphs,
    each also PUT to the endpoint."""
