"""Articles through a Dask distributed cluster: connect, load the pipeline once per worker, stream
bounded batches.

* :func:`connect` takes ``tcp://HOST:8786`` (any address ``distributed.Client`` takes), a scheduler file
  (``scheduler.json``, as dask-jobqueue, dask-mpi or ``dask scheduler --scheduler-file`` write it) or
  ``local:N`` (a local cluster of N single-threaded worker processes on loopback).
* :class:`NlpPlugin` is registered on every worker, present and future (a worker restarted by its nanny
  after a crash gets it again): it checks the worker runs the same graphbuild version and loads the spaCy
  pipeline once per worker process.
* :func:`map_articles` sends the articles in batches, with at most ``in_flight`` batches submitted and
  three times as many submitted or waiting to be handed out: the input is read only as fast as the cluster
  works, so the client's memory is bounded whatever the corpus size. Results come back in input order by default (so a distributed ingest
  writes a store exactly as a local one would).
* A worker that dies mid-task costs nothing: the scheduler re-runs its tasks on the other workers (after
  ``distributed.scheduler.allowed-failures`` deaths, 3 by default, a task is declared a killer). A batch
  that killed workers is split and its articles retried one per task, so one article that crashes a
  worker (a native crash, memory) fails alone. Results are keyed by article: a task that ran twice is read
  once.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphbuild.distributed.tasks import ArticleResult, extract_batch
from graphbuild.errors import ClusterError, GraphbuildError, UsageError
from graphbuild.model import Article

if TYPE_CHECKING:
    from graphbuild.distributed.writer import WorkerQuads

try:
    from distributed import WorkerPlugin as _WorkerPlugin
except ImportError:  # Dask is an optional extra
    _WorkerPlugin = object  # type: ignore[misc, assignment]

PLUGIN_NAME = "graphbuild-nlp"
#: articles per task (spaCy parses a task's articles as one batch)
BATCH_SIZE = 8
#: seconds a run waits with no worker connected before it gives up
NO_WORKER_TIMEOUT = 120.0
INSTALL_HINT = "pip install 'graphbuild[distributed]'"


def _dask() -> Any:
    if _WorkerPlugin is object:
        raise UsageError(f"--cluster needs Dask distributed: {INSTALL_HINT}")
    import distributed

    return distributed


class NlpPlugin(_WorkerPlugin):
    """A Dask worker plugin: loads graphbuild's spaCy pipeline once in each worker process, after checking
    that the worker runs the client's graphbuild version."""

    name = PLUGIN_NAME

    def __init__(self, version: str) -> None:
        self.version = version

    def setup(self, worker: Any) -> None:
        import graphbuild
        from graphbuild.nlp import load_nlp

        if graphbuild.__version__ != self.version:
            raise ClusterError(f"worker {worker.address} runs graphbuild {graphbuild.__version__}, the client "
                               f"{self.version}: install the same version on every worker")
        load_nlp()


def parse_cluster(spec: str) -> tuple[str, Any]:
    """("local", N), ("file", path) or ("address", address) for a ``--cluster`` value.

    >>> parse_cluster("local:2"), parse_cluster("tcp://10.0.0.5:8786")
    (('local', 2), ('address', 'tcp://10.0.0.5:8786'))

    Raises:
        UsageError: the value is none of these.
    """
    spec = spec.strip()
    if spec.lower().startswith("local:"):
        n = spec.split(":", 1)[1]
        if not n.isdigit() or int(n) < 1:
            raise UsageError(f"--cluster local:N needs a number of workers of 1 or more, not {n!r}")
        return "local", int(n)
    if "://" in spec:
        return "address", spec
    if spec.endswith(".json"):
        if not Path(spec).is_file():
            raise UsageError(f"no Dask scheduler file {spec}")
        return "file", spec
    raise UsageError(f"--cluster takes tcp://HOST:PORT, a scheduler file (.json) or local:N, not {spec!r}")


@contextlib.contextmanager
def connect(spec: str, *, timeout: float = 30.0, register: bool = True) -> Iterator[Any]:
    """A ``distributed.Client`` for ``spec`` (see :func:`parse_cluster`) with :class:`NlpPlugin`
    registered, closed (with its local cluster) at the end of the block.

    Raises:
        ClusterError: the scheduler cannot be reached, no worker joins, or a worker cannot load the pipeline
            or runs another graphbuild version.
        ModelError: a worker has no English spaCy pipeline.
    """
    distributed = _dask()
    kind, value = parse_cluster(spec)
    cluster = None
    try:
        if kind == "local":
            cluster = distributed.LocalCluster(
                n_workers=value, threads_per_worker=1, processes=True, host="127.0.0.1",
                dashboard_address="127.0.0.1:0", worker_dashboard_address="127.0.0.1:0",
                silence_logs=logging.CRITICAL)
            client = distributed.Client(cluster, timeout=timeout)
        elif kind == "file":
            client = distributed.Client(scheduler_file=value, timeout=timeout)
        else:
            client = distributed.Client(value, timeout=timeout)
    except (OSError, TimeoutError) as e:
        if cluster is not None:
            cluster.close()
        raise ClusterError(f"cannot reach the Dask scheduler at {value}: {str(e).splitlines()[0][:200]}") from None
    try:
        try:
            client.wait_for_workers(1, timeout=NO_WORKER_TIMEOUT)
        except (TimeoutError, OSError):
            raise ClusterError(f"no Dask worker joined the scheduler at {client.scheduler.address} within "
                               f"{NO_WORKER_TIMEOUT:g} s") from None
        if register:
            import graphbuild

            try:
                client.register_plugin(NlpPlugin(graphbuild.__version__), name=PLUGIN_NAME)
            except GraphbuildError:
                raise
            except Exception as e:
                raise ClusterError(f"a Dask worker could not load the pipeline: {type(e).__name__}: "
                                   f"{str(e)[:300]}") from None
        yield client
    finally:
        with contextlib.suppress(Exception):
            client.close(timeout=10)
        if cluster is not None:
            with contextlib.suppress(Exception):
                cluster.close(timeout=10)


def _workers(client: Any) -> int:
    try:
        return len(client.scheduler_info(n_workers=-1)["workers"])
    except TypeError:  # older signature
        return len(client.scheduler_info()["workers"])
    except Exception:
        return 0


def map_articles(client: Any, articles: Iterable[Article], *, batch_size: int = BATCH_SIZE,
                 in_flight: int | None = None, ordered: bool = True, want_facts: bool = True, want_nquads: bool = True,
                 no_worker_timeout: float = NO_WORKER_TIMEOUT, task: Callable[..., list[ArticleResult]] = extract_batch
                 ) -> Iterator[tuple[list[Article], list[ArticleResult]]]:
    """Extract ``articles`` on the cluster: yields (batch, one :class:`ArticleResult` per article of it).

    At most ``in_flight`` batches (default: two per worker, plus one) are submitted at any time and at most
    three times as many are submitted or waiting to be yielded, and ``articles`` is read lazily: the client
    holds at most ``3 * in_flight * batch_size`` articles. With ``ordered`` the batches come back in input
    order. ``task`` is the function run on the workers (``task(batch, want_facts, want_nquads)``;
    :func:`extract_batch`, or a stand-in in tests).

    Raises:
        ClusterError: no worker for ``no_worker_timeout`` seconds, or the scheduler was lost.
        GraphbuildError: a task failed for a reason no retry can fix (ModelError: no pipeline on a worker).
    """
    distributed = _dask()
    if batch_size < 1:
        raise UsageError(f"the batch size must be 1 or more, not {batch_size}")
    limit = in_flight or 2 * max(1, _workers(client)) + 1
    source = iter(articles)
    running: dict[Any, tuple[int, list[Article]]] = {}  # future -> (sequence number, batch)
    ready: dict[int, tuple[list[Article], list[ArticleResult]]] = {}
    next_seq = next_out = 0
    exhausted = False
    idle_since: float | None = None

    def submit(batch: list[Article], seq: int) -> None:
        fut = client.submit(task, batch, want_facts, want_nquads, key=f"graphbuild-extract-{uuid.uuid4().hex}",
                            pure=False)
        running[fut] = (seq, batch)

    try:
        while True:
            # a slow batch must not idle the other workers while the later ones wait behind it to be
            # yielded in order: finished batches may wait up to twice the limit (memory stays bounded)
            while not exhausted and len(running) < limit and len(running) + len(ready) < 3 * limit:
                batch = list(islice(source, batch_size))
                if not batch:
                    exhausted = True
                    break
                submit(batch, next_seq)
                next_seq += 1
            if not running and not ready:
                return
            if running:
                try:  # distributed.wait runs on the default client: make it this one (several may exist)
                    with client.as_current():
                        done = distributed.wait(list(running), timeout=10, return_when="FIRST_COMPLETED").done
                except TimeoutError:
                    done = set()
                if not done:
                    if _workers(client) == 0:
                        idle_since = idle_since or time.monotonic()
                        if time.monotonic() - idle_since > no_worker_timeout:
                            raise ClusterError(f"no Dask worker for {no_worker_timeout:g} s: the run stopped")
                    else:
                        idle_since = None
                for fut in done:
                    seq, batch = running.pop(fut)
                    ready[seq] = (batch, _collect(client, fut, batch, want_facts, want_nquads, task))
                    fut.release()
            while ready and (next_out in ready or not ordered):
                key = next_out if ordered else next(iter(ready))
                yield ready.pop(key)
                if ordered:
                    next_out += 1
            if not ordered:
                continue
    finally:
        for fut in running:
            with contextlib.suppress(Exception):
                fut.cancel()


def _collect(client: Any, fut: Any, batch: list[Article], want_facts: bool, want_nquads: bool,
             task: Callable[..., list[ArticleResult]] = extract_batch, retries: int = 2) -> list[ArticleResult]:
    """The results of a finished batch. A batch that killed workers is retried one article per task; an
    article alone is retried ``retries`` more times (tasks queued on a worker that another task killed are
    blamed too) before it is reported as failed."""
    distributed = _dask()
    try:
        results: list[ArticleResult] = fut.result()
    except distributed.KilledWorker:
        if len(batch) == 1 and retries <= 0:
            a = batch[0]
            from graphbuild.store.registry import content_hash

            return [ArticleResult(a.doc_id, content_hash(a), error=("KilledWorker", "the article's task killed "
                                                                    "Dask workers repeatedly (crash or memory)"))]
        left = retries - 1 if len(batch) == 1 else retries
        singles = [client.submit(task, [a], want_facts, want_nquads, pure=False,
                                 key=f"graphbuild-extract-{uuid.uuid4().hex}") for a in batch]
        with client.as_current():
            distributed.wait(singles)
        out = []
        for f, a in zip(singles, batch, strict=True):
            out += _collect(client, f, [a], want_facts, want_nquads, task, left)
            f.release()
        return out
    except GraphbuildError:
        raise
    except (OSError, distributed.CancelledError) as e:
        raise ClusterError(f"lost the Dask cluster during the run: {type(e).__name__}: {str(e)[:200]}") from None
    except Exception as e:
        raise ClusterError(f"a Dask task failed: {type(e).__name__}: {str(e)[:300]}") from None
    if [r.doc_id for r in results] != [a.doc_id for a in batch]:
        raise ClusterError("a Dask task returned results for other articles than it was given")
    return results


def remote_exception(error: tuple[str, str]) -> Exception:
    """An exception named like the one a worker caught (for one-line reports: "ValueError: ...")."""
    name, message = error
    cls = type(name if name.isidentifier() else "WorkerError", (Exception,), {})
    made: Exception = cls(message)
    return made


def cluster_extractor(client: Any, *, batch_size: int = BATCH_SIZE, in_flight: int | None = None,
                      quads: WorkerQuads | None = None) -> Any:
    """An ``extract`` function for :func:`graphbuild.store.ingest.ingest`: the signature of
    :func:`graphbuild.pipeline.extract_facts`, the work done on the cluster, the facts in input order.
    With ``quads`` the workers also make each article's graph (N-Quads), held there for a
    :class:`~graphbuild.distributed.writer.ClusterWriter`."""

    def extract(articles: Iterable[Article], *, nlp: Any = None, n_process: int = 1, batch_size_: int = 16,
                on_error: Any = None, **_: Any) -> Iterator[Any]:
        for batch, results in map_articles(client, articles, batch_size=batch_size, in_flight=in_flight,
                                           want_facts=True, want_nquads=quads is not None):
            for article, result in zip(batch, results, strict=True):
                if result.error is not None or result.facts is None:
                    error = result.error or ("WorkerError", "the worker returned no facts")
                    if on_error is None:
                        raise remote_exception(error)
                    on_error(article, remote_exception(error))
                    continue
                if quads is not None:
                    quads.put(result.facts, result.nquads)
                yield result.facts

    return extract


def lazy_cluster_extractor(stack: contextlib.ExitStack, spec: str, *, batch_size: int = BATCH_SIZE,
                           in_flight: int | None = None, quads: WorkerQuads | None = None) -> Any:
    """:func:`cluster_extractor` that connects to the cluster (into ``stack``) only when the first article
    needs extracting: a run whose articles are all unchanged never starts or joins a cluster."""
    state: dict[str, Any] = {}

    def extract(articles: Iterable[Article], **kw: Any) -> Iterator[Any]:
        source = iter(articles)
        first = next(source, None)
        if first is None:
            return
        if "extract" not in state:
            client = stack.enter_context(connect(spec))
            state["extract"] = cluster_extractor(client, batch_size=batch_size, in_flight=in_flight, quads=quads)
        yield from state["extract"](itertools.chain([first], source), **kw)

    return extract
