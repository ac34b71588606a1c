"""Keep a SPARQL 1.1 store (an :class:`~graphbuild.store.endpoint.Endpoint`) a copy of a local store.

The local store directory stays the place where an article is linked against the alias index and where
the derived graph is re-aggregated (:mod:`graphbuild.store.ingest`); the endpoint receives, with one
Graph Store Protocol ``PUT`` per graph, every graph a run changes:

* each article graph right after its local transaction (an ingest, a re-link);
* at the end of the run the derived graph, then the registry graph (it says what the endpoint holds);
* then, on a server whose default graph is a graph of its own (Oxigraph, Fuseki), the local store's
  materialized union (the set union of the named graphs, :mod:`graphbuild.store.disk`) into the default
  graph, and last the marker that says it is complete (:data:`graphbuild.store.endpoint.UNION_MARK`).
  Queries then read a union without repeats, as on the local store. The first write of a run empties the
  default graph (:meth:`~graphbuild.store.endpoint.Endpoint.put_graph`), so until the run ends queries
  use the server's union of the named graphs (a bag: right answers, slower joins).

A PUT replaces the graph, so writing an article twice, or again after a failure, changes nothing.

Failures (RELIABILITY.md item 27): a journal file in the store directory
(``graphbuild-endpoint-<hash>.pending``, one doc id per line) names every article written locally but not
yet confirmed at the endpoint; it is removed once the registry graph is written. A run that stops
(endpoint down, Ctrl-C, SIGKILL) leaves the endpoint with the completed articles and the journal; the next
run with the same endpoint first re-sends the journal's articles and every article whose registry record
(content hash, metadata hash, quad count) differs from the endpoint's, then the derived and registry
graphs. So a store written earlier without ``--endpoint`` is copied on the first run with it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from graphbuild.errors import EndpointError
from graphbuild.resolve.identity import graph_iri
from graphbuild.store.disk import DERIVED_GRAPH, GBS, REGISTRY_GRAPH, OpenStore
from graphbuild.store.endpoint import Endpoint
from graphbuild.store.ingest import StoreWriter

#: triples per request when a graph is too big for one PUT (the rest is appended with POST)
CHUNK = 100_000
#: predicates of the local store's own state, never copied: the freshness marker of its materialized union
#: default graph (``graphbuild.store.disk.UNION_MARK``, in the registry graph), which each write session removes
#: and its close sets again
LOCAL_ONLY_PREDICATES = frozenset({GBS + "unionDefaultGraph"})


class EndpointAbort(BaseException):  # a BaseException: per-article error handlers let it pass
    """Carries an :class:`EndpointError` out of the ingest loop: the endpoint is gone, stop the run (the
    store is closed cleanly on the way out)."""

    def __init__(self, error: EndpointError) -> None:
        super().__init__(str(error))
        self.error = error


def _ntriples(quads: Iterable[Any]) -> bytes:
    import pyoxigraph as ox

    return ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES) or b""


def _records(rows: Iterable[dict[str, Any]]) -> dict[str, tuple[str, str, str]]:
    return {r["id"].value: (r["c"].value, r["m"].value, r["n"].value) for r in rows
            if all(r.get(k) is not None for k in ("id", "c", "m", "n"))}


_RECORDS_WHERE = (f"GRAPH <{REGISTRY_GRAPH}> {{ ?r <{GBS}docId> ?id ; <{GBS}contentHash> ?c ; <{GBS}metaHash> ?m ; "
                  f"<{GBS}quads> ?n }}")
_RECORDS = f"SELECT ?id ?c ?m ?n WHERE {{ {_RECORDS_WHERE} }}"


class Mirror:
    """Copies the graphs of the store at ``store_dir`` to ``endpoint`` (see the module docstring)."""

    def __init__(self, endpoint: Endpoint, store_dir: Path | str) -> None:
        self.endpoint = endpoint
        self.store_dir = Path(store_dir)
        key = hashlib.sha256(endpoint.gsp_url.encode("utf-8")).hexdigest()[:12]
        self.journal = self.store_dir / f"graphbuild-endpoint-{key}.pending"
        self.graphs_put = 0
        self.dirty = False

    # -- journal ------------------------------------------------------------------------------------
    def pending(self) -> list[str]:
        """Doc ids written locally and not yet confirmed at the endpoint (from an earlier, stopped run)."""
        try:
            lines = self.journal.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
        return list(dict.fromkeys(line.strip() for line in lines if line.strip()))

    def _note(self, doc_id: str) -> None:
        with open(self.journal, "a", encoding="utf-8") as f:
            f.write(doc_id + "\n")
            f.flush()
            os.fsync(f.fileno())

    # -- writing ------------------------------------------------------------------------------------
    def put_graph(self, store: Any, graph: str) -> int:
        """PUT one graph of the local store (an absent graph becomes an empty one); returns its triples."""
        quads = _graph_quads(store, graph)
        for n, start in enumerate(range(0, max(len(quads), 1), CHUNK)):
            body = _ntriples(quads[start:start + CHUNK])
            if n == 0:
                self.endpoint.put_graph(graph, body)
            else:
                self.endpoint.post_graph(graph, body)
        self.graphs_put += 1
        self.dirty = True
        return len(quads)

    def put_article(self, store: Any, doc_id: str) -> None:
        self.put_graph(store, graph_iri(doc_id))

    def catch_up(self, store: Any) -> int:
        """Re-send what an earlier run left behind: the journal's articles and every article whose registry
        record differs at the endpoint (or is missing there). Returns how many articles were sent."""
        from graphbuild.store.registry import article_ids

        local = _records(_rows_local(store, _RECORDS))
        remote = _records(self.endpoint.rows("?id ?c ?m ?n", _RECORDS_WHERE, key="id"))
        todo = [d for d in self.pending() if d in local]
        todo += [d for d in sorted(local) if remote.get(d) != local[d] and d not in todo]
        for doc_id in todo:
            self._note(doc_id)
            self.put_article(store, doc_id)
        if not todo and article_ids(store):
            for graph in (DERIVED_GRAPH, REGISTRY_GRAPH):
                if self.endpoint.count(f"GRAPH <{graph}> {{ ?s ?p ?o }}") != _size(store, graph):
                    self.dirty = True
        return len(todo)

    def finish(self, store: Any) -> None:
        """At the end of a run: the derived graph, then the registry graph, when anything changed; then the
        union copy in the default graph when the endpoint keeps one and it is not fresh; then the journal is
        cleared."""
        if self.dirty or self.pending():
            self.put_graph(store, DERIVED_GRAPH)
            self.put_graph(store, REGISTRY_GRAPH)
        if self.endpoint.keeps_default_graph and not self.endpoint.union_copy_is_fresh():
            self.put_union(store)
        self.journal.unlink(missing_ok=True)

    def put_union(self, store: Any) -> int:
        """Write the local store's materialized union into the endpoint's default graph (a PUT, then POSTs
        of :data:`CHUNK` triples each), then its freshness marker; returns the triples sent. Nothing is sent
        when the local union is not fresh (queries keep using the server's union parameter)."""
        import itertools

        import pyoxigraph as ox

        from graphbuild.store.disk import union_is_fresh

        if not union_is_fresh(store):
            return 0
        quads = (q for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())
                 if q.predicate.value not in LOCAL_ONLY_PREDICATES)
        sent = 0
        for n in itertools.count():
            part = list(itertools.islice(quads, CHUNK))
            if n == 0:
                self.endpoint.put_graph(None, _ntriples(part))
            elif part:
                self.endpoint.post_graph(None, _ntriples(part))
            sent += len(part)
            if len(part) < CHUNK:
                break
        self.endpoint.mark_union_copy_fresh()
        self.graphs_put += 1
        return sent

    def writer(self, handle: OpenStore) -> MirrorWriter:
        """A store writer that mirrors every article it writes (after catching up with earlier runs)."""
        return MirrorWriter(handle, self)


def _rows_local(store: Any, query: str) -> list[dict[str, Any]]:
    result = store.query(query)
    names = [v.value for v in result.variables]
    return [{n: s[n] for n in names} for s in result]


def _graph_quads(store: Any, graph: str) -> list[Any]:
    """The quads of a named graph of the local store that belong in a copy (not :data:`LOCAL_ONLY_PREDICATES`)."""
    import pyoxigraph as ox

    return [q for q in store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
            if q.predicate.value not in LOCAL_ONLY_PREDICATES]


def local_graphs(store_dir: Path | str) -> dict[str, set[str]]:
    """The named graphs of a store directory as sets of N-Triples lines, without the store's own state
    (:data:`LOCAL_ONLY_PREDICATES`): what a copy on an endpoint holds. The default graph (the materialized
    union the store keeps for its readers) is not a graph of its own. Opens the store read-only."""
    import pyoxigraph as ox

    out: dict[str, set[str]] = {}
    store = ox.Store.read_only(str(store_dir))
    for q in store:
        if isinstance(q.graph_name, ox.NamedNode) and q.predicate.value not in LOCAL_ONLY_PREDICATES:
            out.setdefault(q.graph_name.value, set()).add(str(q.triple))
    del store
    return out


def _size(store: Any, graph: str) -> int:
    return len(_graph_quads(store, graph))


class MirrorWriter(StoreWriter):
    """A :class:`StoreWriter` that PUTs each article graph to the mirror's endpoint right after writing it
    locally (the journal names it first). An endpoint failure stops the run (:class:`EndpointAbort`)."""

    def __init__(self, handle: OpenStore, mirror: Mirror) -> None:
        super().__init__(handle)
        self.mirror = mirror
        self.caught_up = 0
        try:
            self.caught_up = mirror.catch_up(self.store)
        except EndpointError as e:
            raise EndpointAbort(e) from None

    def write(self, facts: Any, *, source: str = "") -> Any:
        doc_id = facts.article.doc_id
        self.mirror._note(doc_id)
        outcome = super().write(facts, source=source)
        try:
            self.mirror.put_article(self.store, doc_id)
        except EndpointError as e:
            raise EndpointAbort(e) from None
        return outcome
