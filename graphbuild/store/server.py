"""A read-only SPARQL 1.1 Protocol endpoint over a store: the ``oxigraph`` server binary (the PyPI
``oxigraph`` wheel, same version as pyoxigraph) run as ``oxigraph serve-read-only``.

* read-only: ``/query`` answers, ``/update`` and Graph Store writes are refused by the server itself;
* loopback by default (``127.0.0.1``); no CORS header (a web page the user visits cannot read it);
* the default graph is the union of the store's graphs, as for ``graphbuild query``: the store's own
  default graph (the materialized, de-duplicated union, :mod:`graphbuild.store.disk`) when it is fresh;
  for a stale store (written before the materialized union, or by an interrupted write session) the
  server's ``--union-default-graph`` instead (correct, but a bag: much slower joins) and one line on
  stderr says so. ``serve`` never writes the store to rebuild it (it holds only a shared lock and may
  serve read-only media): the next write session (any ``graphbuild ingest``) rebuilds it;
* ``--timeout-s`` stops a runaway query (the server then cuts the response: clients must parse
  strictly);
* while it runs it holds the store's shared lock, so ``graphbuild ingest`` on the same store is refused
  (a read-only RocksDB open while another process writes is undefined behaviour).

The server has no authentication: binding to a non-loopback address publishes the store.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from graphbuild.errors import GraphbuildError, StoreError
from graphbuild.store.disk import read_lock, union_is_fresh

LOOPBACK = {"127.0.0.1", "::1", "localhost"}


def oxigraph_binary() -> str:
    """The ``oxigraph`` executable next to this Python (the venv), else on PATH, checked to be the same
    version as pyoxigraph.

    Raises:
        GraphbuildError: it is missing or another version.
    """
    import pyoxigraph

    here = Path(sys.executable).parent / "oxigraph"
    binary = str(here) if here.is_file() else shutil.which("oxigraph")
    if binary is None:
        raise GraphbuildError("the oxigraph server is not installed (pip install oxigraph=="
                              f"{pyoxigraph.__version__})")
    out = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=30)
    version = out.stdout.strip().split()[-1] if out.stdout.strip() else ""
    if version != pyoxigraph.__version__:
        raise GraphbuildError(f"{binary} is oxigraph {version or '?'}, but pyoxigraph is {pyoxigraph.__version__}: "
                              f"install the same version")
    return binary


def server_command(path: Path | str, *, port: int = 7878, bind: str = "127.0.0.1",
                   timeout: float | None = None, union_flag: bool = True) -> list[str]:
    """The ``oxigraph serve-read-only`` command line for a store; ``union_flag`` false serves the store's
    own default graph (the materialized union of a fresh store)."""
    host = f"[{bind}]" if ":" in bind and not bind.startswith("[") else bind
    cmd = [oxigraph_binary(), "serve-read-only", "--location", str(path), "--bind", f"{host}:{port}"]
    if union_flag:
        cmd.append("--union-default-graph")
    if timeout is not None:
        cmd += ["--timeout-s", str(max(1, round(timeout)))]
    return cmd


def _stale(path: Path) -> bool:
    """Whether the store's materialized union is stale (see :func:`graphbuild.store.disk.union_is_fresh`)."""
    import gc

    import pyoxigraph as ox

    try:
        store = ox.Store.read_only(str(path))
    except OSError as e:
        raise StoreError(f"cannot open store {path}: {e}") from e
    try:
        return not union_is_fresh(store)
    finally:
        del store
        gc.collect()


def _die_with_parent() -> None:  # pragma: no cover - runs in the child
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def serve(path: Path | str, *, port: int = 7878, bind: str = "127.0.0.1", timeout: float | None = None,
          announce: bool = True) -> int:
    """Serve a store read-only until interrupted (Ctrl-C or SIGTERM); returns the server's exit status.

    Raises:
        InputNotFound: no store at ``path``.
        StoreLocked: a writer holds the store.
        GraphbuildError: the oxigraph binary is missing or another version.
    """
    path = Path(path)
    with read_lock(path):
        stale = _stale(path)
        cmd = server_command(path, port=port, bind=bind, timeout=timeout, union_flag=stale)
        if stale:
            print(f"graphbuild: note: {path} has no up-to-date materialized union (an older store, or an "
                  "interrupted write): serving the slower --union-default-graph; re-run `graphbuild ingest` "
                  "on it once to speed it up", file=sys.stderr)
        if announce:
            where = f"http://{'[' + bind + ']' if ':' in bind else bind}:{port}"
            print(f"serving {path} read-only at {where}/query (SPARQL 1.1 Protocol; Ctrl-C stops)", file=sys.stderr)
            if bind not in LOOPBACK:
                print(f"graphbuild: warning: {bind} is not a loopback address: anyone who can reach it can read "
                      "the store (the server has no authentication)", file=sys.stderr)
        try:
            child = subprocess.Popen(cmd, preexec_fn=_die_with_parent if os.name == "posix" else None)
        except OSError as e:
            raise StoreError(f"cannot start the oxigraph server: {e}") from e

        def stop(signum: int, frame: object) -> None:
            child.terminate()

        previous = signal.signal(signal.SIGTERM, stop)
        try:
            return child.wait()
        except KeyboardInterrupt:
            child.terminate()
            child.wait(timeout=10)
            return 0
        finally:
            signal.signal(signal.SIGTERM, previous)
            if child.poll() is None:
                child.kill()
