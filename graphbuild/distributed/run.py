"""``graphbuild ingest --cluster ... --endpoint ...``: the store ingest with extraction on a Dask cluster
and/or every changed graph copied to a SPARQL 1.1 store."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphbuild.errors import UsageError

if TYPE_CHECKING:
    import datetime as dt

    from graphbuild.store.ingest import IngestReport


def ingest(paths: list[Path | str], store_dir: Path | str, *, cluster: str | None = None,
           endpoint: str | None = None, gsp_url: str | None = None, workers: int = 1,
           published: dt.date | None = None, force: bool = False, progress: bool | None = None,
           log: Callable[[str], None] | None = None, relink: bool = True, batch_size: int = 8,
           in_flight: int | None = None, timeout: float = 60.0, nlp: Any = None) -> IngestReport:
    """:func:`graphbuild.store.ingest.ingest`, with the extraction on the Dask cluster ``cluster``
    (``tcp://HOST:8786``, a scheduler file, ``local:N``) and each graph the run changes also written to
    the SPARQL endpoint ``endpoint`` (query URL; ``gsp_url`` for the Graph Store Protocol, guessed when
    omitted; credentials from ``GRAPHBUILD_ENDPOINT_USER`` / ``GRAPHBUILD_ENDPOINT_PASSWORD``).

    The report gains ``mirrored`` (graphs written to the endpoint) when there is an endpoint.

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
        if cluster:
            from graphbuild.distributed.cluster import lazy_cluster_extractor, parse_cluster

            parse_cluster(cluster)  # a malformed value is a usage error before any work
            extract = lazy_cluster_extractor(stack, cluster, batch_size=batch_size, in_flight=in_flight)
        report = _run(store_ingest, mirror, paths, store_dir, workers=workers, published=published, force=force,
                      progress=progress, log=log, relink=relink, extract=extract, nlp=nlp)
        if mirror is not None:
            from graphbuild.store.disk import open_read

            with open_read(store_dir) as handle:
                mirror.finish(handle.ox)
            report.mirrored = mirror.graphs_put  # type: ignore[attr-defined]
    return report


def _run(store_ingest: Any, mirror: Any, *args: Any, **kw: Any) -> IngestReport:
    """The store ingest; an :class:`EndpointAbort` becomes its :class:`EndpointError`, raised afresh: the
    aborted run's frames (which hold the store writer, hence the RocksDB store and its lock) are dropped."""
    if mirror is None:
        return store_ingest(*args, **kw)  # type: ignore[no-any-return]
    from graphbuild.errors import EndpointError
    from graphbuild.store.mirror import EndpointAbort

    try:
        return store_ingest(*args, writer_factory=mirror.writer, **kw)  # type: ignore[no-any-return]
    except EndpointAbort as stop:
        message = str(stop.error)
    raise EndpointError(message)
