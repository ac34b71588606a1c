"""An on-disk store directory: pyoxigraph (RocksDB) plus graphbuild's lock file.

Layout of the dataset (see README "Stores"):

* one named graph per article, ``https://w3id.org/graphbuild/graph/doc/<doc-id>``, in *store form*
  (no overall certainty, no shortcut edges, per-article labels and single-valued properties as
  ``rdfs:label`` and ``sem:View`` nodes; :mod:`graphbuild.store.articles`);
* the derived graph (:data:`DERIVED_GRAPH`): one ``gb:overallCertainty`` per fact re-aggregated over
  every article, the shortcut edges, one ``skos:prefLabel`` per node, one ``sem:hasTime`` per event,
  and ``gb:Contradiction`` nodes (:mod:`graphbuild.store.derived`);
* the registry graph (:data:`REGISTRY_GRAPH`): per article its content hash, the alias index and the
  ``gb:MergeRecord`` nodes (:mod:`graphbuild.store.registry`).

A writer holds an exclusive ``flock`` on ``DIR/graphbuild.lock``; readers hold a shared one, so a
reader never opens a store another process is writing (pyoxigraph calls that undefined behaviour).

The store's real **default graph** holds the materialized, de-duplicated union of all named graphs
(articles, derived, registry), so readers query it directly: Oxigraph's ``use_default_graph_as_union``
is a bag (a triple held by k graphs comes back k times and joins multiply). It is trusted only while
the registry graph holds the freshness marker (:data:`UNION_MARK`, see :func:`union_is_fresh`); without
it (a store from before this scheme, or a write session that was killed) readers fall back to the union
flag, which is correct, only slower. A write session (:func:`open_write`) removes the marker and empties
the default graph *before* its first write (so the union flag never sees triples the named graphs no
longer hold), and :meth:`OpenStore.close` rebuilds the default graph and sets the marker *after* the
rebuild is flushed.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from graphbuild.errors import InputNotFound, StoreError, StoreLocked

DERIVED_GRAPH = "https://w3id.org/graphbuild/graph/derived"
REGISTRY_GRAPH = "https://w3id.org/graphbuild/graph/registry"
#: graphbuild's own bookkeeping terms (registry graph only; not part of the ontology contract)
GBS = "https://w3id.org/graphbuild/store#"
REGISTRY_BASE = "https://w3id.org/graphbuild/registry/"
LOCK_NAME = "graphbuild.lock"
STORE_FORMAT = "1"
#: the freshness marker of the materialized union: (subject, predicate, object) in the registry graph;
#: present only while the default graph equals the set union of the named graphs (never copied into it)
UNION_MARK = (REGISTRY_BASE + "store", GBS + "unionDefaultGraph", "fresh")
#: quads per ``bulk_extend`` call of the union rebuild (bounds its memory)
UNION_CHUNK = 100_000


def _mark_quad() -> Any:
    import pyoxigraph as ox

    s, p, o = UNION_MARK
    return ox.Quad(ox.NamedNode(s), ox.NamedNode(p), ox.Literal(o), ox.NamedNode(REGISTRY_GRAPH))


def union_is_fresh(store: Any) -> bool:
    """Whether the store's default graph is the materialized, de-duplicated union of its named graphs
    (query it without ``use_default_graph_as_union``); false for an in-memory store, a store from before
    the materialized union, and a store whose last write session did not finish its rebuild."""
    try:
        q = _mark_quad()
        return next(iter(store.quads_for_pattern(q.subject, q.predicate, q.object, q.graph_name)), None) is not None
    except (AttributeError, TypeError, OSError):
        return False


def union_dataset(store: Any) -> dict[str, bool]:
    """Keyword arguments for ``store.query``: the default graph as it is when fresh, else the union flag."""
    return {"use_default_graph_as_union": not union_is_fresh(store)}


def mark_union_stale(store: Any) -> None:
    """Drop the freshness marker, then empty the default graph: called before the first write of a
    session. The marker goes first (its own small transaction), so a process killed while the default
    graph is being emptied leaves a stale store, read correctly through the union flag."""
    import pyoxigraph as ox

    store.remove(_mark_quad())
    store.clear_graph(ox.DefaultGraph())


def rebuild_union(store: Any) -> int:
    """Rebuild the default graph as the set union of all named graphs (streamed in chunks of
    :data:`UNION_CHUNK` quads through ``bulk_extend``), flush it, and only then set the freshness marker.
    Returns the number of distinct triples in the default graph."""
    import pyoxigraph as ox

    mark = _mark_quad()
    store.remove(mark)  # normally gone already (mark_union_stale); never trust a half-built union
    store.clear_graph(ox.DefaultGraph())
    default = ox.DefaultGraph()
    chunk: list[Any] = []
    for g in list(store.named_graphs()):
        for q in store.quads_for_pattern(None, None, None, g):
            chunk.append(ox.Quad(q.subject, q.predicate, q.object, default))
            if len(chunk) >= UNION_CHUNK:
                store.bulk_extend(chunk)
                chunk = []
    if chunk:
        store.bulk_extend(chunk)
    store.flush()
    n = sum(1 for _ in store.quads_for_pattern(None, None, None, default))
    store.add(mark)
    store.flush()
    return n


def is_store(path: Path | str) -> bool:
    """Whether ``path`` is a store directory (a RocksDB ``CURRENT`` file is there)."""
    return (Path(path) / "CURRENT").is_file()


def _lock(path: Path, *, exclusive: bool, create: bool) -> int | None:
    lock = path / LOCK_NAME
    try:
        fd = os.open(lock, (os.O_RDWR | os.O_CREAT) if create else os.O_RDONLY, 0o644)
    except FileNotFoundError:
        return None  # a store made by another tool (oxigraph load): nothing to coordinate with
    except OSError as e:
        if exclusive:
            raise StoreError(f"cannot write store {path}: {e.strerror}") from e
        return None  # read-only directory: nobody can be writing it through graphbuild
    try:
        fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        raise StoreLocked(f"store is locked by another process: {path}") from None
    return fd


def _unlock(fd: int | None) -> None:
    if fd is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)


@contextmanager
def read_lock(path: Path | str) -> Iterator[None]:
    """Hold a shared lock on a store directory (taken by readers and by ``serve``).

    Raises:
        InputNotFound: there is no store at ``path``.
        StoreLocked: a writer holds the store.
    """
    path = Path(path)
    if not is_store(path):
        raise InputNotFound(f"no store at {path}")
    fd = _lock(path, exclusive=False, create=False)
    try:
        yield
    finally:
        _unlock(fd)


def _drop_stale_logs(path: Path) -> None:
    """Let RocksDB delete the write-ahead logs that the final flush made obsolete.

    pyoxigraph's ``flush`` writes every memtable to SST files but leaves the old write-ahead log on disk
    until the store is next opened (after an ingest of the 804 FA-KES articles: 330 MB of logs beside
    138 MB of data). Opening the store once more, still under the writer's lock, deletes them; the logs
    hold nothing the SST files lack, so nothing is replayed. Best effort: a failure leaves them for the
    next open.
    """
    import gc

    import pyoxigraph as ox

    try:
        store = ox.Store(str(path))
    except OSError:
        return
    del store
    gc.collect()


class OpenStore:
    """A store directory opened by graphbuild: ``.ox`` is the pyoxigraph store, released (and its lock
    with it) by :meth:`close` or at the end of a ``with`` block.  Keep no other reference to ``.ox``:
    RocksDB releases the directory only when the last reference goes."""

    def __init__(self, path: Path, ox_store: Any, fd: int | None, *, writable: bool) -> None:
        self.path = path
        self.ox = ox_store
        self.writable = writable
        self._fd = fd
        #: seconds the last union rebuild took (:meth:`close` of a writable store), None before
        self.union_seconds: float | None = None

    def close(self, *, rebuild: bool = True) -> None:
        """Flush (when writable; after rebuilding the materialized union unless ``rebuild`` is false,
        which leaves the store stale: correct, slower), drop the pyoxigraph store and release the lock."""
        if self.ox is None:
            return
        try:
            if self.writable:
                if rebuild:
                    import time

                    start = time.monotonic()
                    rebuild_union(self.ox)
                    self.union_seconds = time.monotonic() - start
                self.ox.flush()
        finally:
            self.ox = None
            import gc

            gc.collect()
            try:
                if self.writable:
                    _drop_stale_logs(self.path)
            finally:
                _unlock(self._fd)
                self._fd = None

    def __enter__(self) -> OpenStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_read(path: Path | str) -> OpenStore:
    """Open an existing store read-only under the shared lock.

    Never creates anything: a mistyped path is an error, not a new empty store.

    Raises:
        InputNotFound: there is no store at ``path``.
        StoreLocked: another process is writing the store.
    """
    import pyoxigraph as ox

    path = Path(path)
    if not is_store(path):
        raise InputNotFound(f"no store at {path}")
    fd = _lock(path, exclusive=False, create=False)
    try:
        return OpenStore(path, ox.Store.read_only(str(path)), fd, writable=False)
    except OSError as e:
        _unlock(fd)
        raise StoreError(f"cannot open store {path}: {e}") from e


def open_write(path: Path | str, *, create: bool = True) -> OpenStore:
    """Open a store for writing under the exclusive lock.

    The store is created only when ``path`` does not exist or is an empty directory.

    Raises:
        InputNotFound: no store at ``path`` and ``create`` is false.
        StoreError: ``path`` is a file or a non-empty directory that is not a store, or cannot be written.
        StoreLocked: another process holds the store.
    """
    import pyoxigraph as ox

    path = Path(path)
    if not is_store(path):
        if not create:
            raise InputNotFound(f"no store at {path}")
        if path.exists() and not path.is_dir():
            raise StoreError(f"cannot create store {path}: it is a file")
        if path.is_dir() and any(p.name != LOCK_NAME for p in path.iterdir()):
            raise StoreError(f"cannot create store {path}: the directory is not empty and is not a store")
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError(f"cannot create store {path}: {e.strerror}") from e
    fd = _lock(path, exclusive=True, create=True)
    try:
        store = ox.Store(str(path))
    except OSError as e:
        _unlock(fd)
        if "lock" in str(e).lower():
            raise StoreLocked(f"store is locked by another process: {path}") from None
        raise StoreError(f"cannot open store {path}: {e}") from e
    try:
        mark_union_stale(store)  # before the session's first write
    except OSError as e:
        del store
        _unlock(fd)
        raise StoreError(f"cannot write store {path}: {e}") from e
    return OpenStore(path, store, fd, writable=True)
