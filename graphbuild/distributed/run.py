"""``graphbuild ingest --cluster ... --endpoint ...``: the store ingest with extraction on a Dask cluster
and/or every changed graph copied to a SPARQL 1.1 store."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphbuild.errors import UsageError
from graphbuild.store.ingest import IngestReport

if TYPE_CHECKING:
    import datetime as dt

    from graphbuild.distributed.writer import WorkerQuads
    from graphbuild.store.disk import OpenStore
    from graphbuild.store.ingest import StoreWriter
    from graphbuild.store.mirror import Mirror


@dataclasses.dataclass
class ScaledReport(IngestReport):
    """An :class:`~graphbuild.store.ingest.IngestReport` plus ``mirrored`` (graphs written to the endpoint)
    and ``worker_graphs`` (article graphs written as the workers made them)."""

    mirrored: int = 0
    worker_graphs: int = 0


def ingest(paths: list[Path | str], store_dir: Path | str, *, cluster: str | None = None,
           endpoint: str | None = None, gsp_url: str | None = None, workers: int = 1,
           published: dt.date | None = None, force: bool = False, progress: bool | None = None,
           log: Callable[[str], None] | None = None, relink: bool = True, batch_size: int | None = None,
           in_flight: int | None = None, timeout: float = 60.0, nlp: Any = None,
           worker_graphs: bool = True) -> ScaledReport:
    """:func:`graphbuild.store.ingest.ingest`, with the extraction on the Dask cluster ``cluster``
    (``tcp://HOST:8786``, a scheduler file, ``local:N``) and each graph the run changes also written to
    the SPARQL endpoint ``endpoint`` (query URL; ``gsp_url`` for the Graph Store Protocol, guessed when
    omitted; credentials from ``GRAPHBUILD_ENDPOINT_USER`` / ``GRAPHBUILD_ENDPOINT_PASSWORD``).

    With ``worker_graphs`` the workers also make each article's graph (N-Quads) and the client writes it
    as it came when linking changed nothing (:mod:`graphbuild.distributed.writer`). The report counts
    the graphs written to the endpoint (``mirrored``) and those written as the workers made them
    (``worker_graphs``).

    Raises:
        UsageError: both ``cluster`` and ``workers`` > 1, or a malformed URL or cluster address.
        EndpointError: the endpoint is unreachable or failed (the articles already written stay, locally
            and at the endpoint; the next run completes the copy).
        ClusterError: the cluster is unreachable, has no worker, or was lost.
    """
    from graphbuild.store.ingest import ingest as store_ingest

    if cluster and workers > 1:
        raise UsageError("--workers and --cluster do not go together: the cluster's workers parse")
    mirror = None
    ep = None
    with contextlib.ExitStack() as stack:
        if endpoint:
            from graphbuild.store.endpoint import Endpoint
            from graphbuild.store.mirror import Mirror

            ep = stack.enter_context(Endpoint.from_env(endpoint, gsp_url=gsp_url, timeout=timeout))
            ep.ask("ASK { }")  # unreachable endpoint: fail before any work
            mirror = Mirror(ep, store_dir)
        extract = None
        quads = None
        if cluster:
            from graphbuild.distributed.cluster import BATCH_SIZE, lazy_cluster_extractor, parse_cluster
            from graphbuild.distributed.writer import WorkerQuads

            parse_cluster(cluster)  # a malformed value is a usage error before any work
            quads = WorkerQuads() if worker_graphs else None
            extract = lazy_cluster_extractor(stack, cluster, batch_size=batch_size or BATCH_SIZE, in_flight=in_flight,
                                             quads=quads)
        report = _run(store_ingest, _writer_factory(mirror, quads), paths, store_dir, workers=workers,
                      published=published, force=force, progress=progress, log=log, relink=relink, extract=extract,
                      nlp=nlp)
        scaled = ScaledReport(**{f.name: getattr(report, f.name) for f in dataclasses.fields(report)})
        if quads is not None:
            scaled.worker_graphs = quads.used
        if mirror is not None:
            from graphbuild.store.disk import open_read

            with open_read(store_dir) as handle:
                mirror.finish(handle.ox)
            scaled.mirrored = mirror.graphs_put
    return scaled


def _writer_factory(mirror: Mirror | None, quads: WorkerQuads | None) -> Callable[[OpenStore], StoreWriter] | None:
    """The store writer for the run: it mirrors each article to the endpoint (``mirror``) and/or writes the
    graphs the workers made (``quads``); None for the plain one."""
    if quads is None:
        return None if mirror is None else mirror.writer
    from graphbuild.distributed.writer import ClusterWriter, MirroredClusterWriter

    def make(handle: OpenStore) -> StoreWriter:
        writer = ClusterWriter(handle) if mirror is None else MirroredClusterWriter(handle, mirror)
        writer.worker_quads = quads
        return writer

    return make


def _run(store_ingest: Any, writer_factory: Callable[[OpenStore], StoreWriter] | None, *args: Any,
         **kw: Any) -> IngestReport:
    """The store ingest; an :class:`EndpointAbort` becomes its :class:`EndpointError`, raised afresh: the
    aborted run's frames (which hold the store writer, hence the RocksDB store and its lock) are dropped."""
    from graphbuild.errors import EndpointError
    from graphbuild.store.mirror import EndpointAbort

    try:
        return store_ingest(*args, writer_factory=writer_factory, **kw)  # type: ignore[no-any-return]
    except EndpointAbort as stop:
        message = str(stop.error)
    raise EndpointError(message)
