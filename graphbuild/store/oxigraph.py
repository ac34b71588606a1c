"""SPARQL over pyoxigraph: a graph file loaded in memory, or an on-disk store directory.

Every query is evaluated in a forked child process: pyoxigraph has no way to cancel a query, so the
time limit kills the child; the child also gets a network namespace of its own (no interface but a
down loopback) unless the network is explicitly allowed, so a ``SERVICE`` that slipped past the checks
still reaches nothing. Only the capped rows travel back.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import re
import signal
from pathlib import Path
from typing import Any

from graphbuild.errors import GraphbuildError, GraphFileError, InputNotFound, QueryError, QueryTimeout
from graphbuild.outputs.files import format_for

_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000
_SYNTAX_AT = re.compile(r"^error at (\d+):(\d+): ?")


class OxigraphSource:
    """A pyoxigraph store to query, from a graph file or a store directory; a context manager that
    releases the store (and a store directory's shared lock) at the end."""

    def __init__(self, store: Any, path: Path, *, handle: Any = None) -> None:
        self.store = store
        self.path = path
        self._handle = handle  # graphbuild.store.disk.OpenStore of a store directory

    def close(self) -> None:
        """Release the store directory (its lock); a no-op for a graph file."""
        if self._handle is not None:
            self._handle.close()
            self._handle = None
        self.store = None

    def __enter__(self) -> OxigraphSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def select(self, text: str, *, bindings: dict[str, str], limit: int, timeout: float,
               allow_network: bool = False, form: str | None = None) -> Any:
        """Check and evaluate ``text`` in a child process killed after ``timeout`` seconds; ``form`` is
        accepted for compatibility and not needed (the result's kind tells).

        Raises:
            QueryError: refused, malformed, or failed query (a binding of an unknown variable included).
            QueryTimeout: the time limit was reached; the child was killed.
        """
        unknown = [k for k in bindings if not re.search(rf"[?$]{re.escape(k)}\b", text)]
        if unknown:
            raise QueryError(f"--bind names a variable the query does not use: {', '.join(unknown)}")
        if "fork" not in multiprocessing.get_all_start_methods():  # pragma: no cover - not Linux/macOS
            return _evaluate(self._store_for_child(), text, bindings, limit, allow_network)
        return _in_child(self, text, bindings, limit, timeout, allow_network)

    def _store_for_child(self) -> Any:
        if self._handle is None:
            return self.store
        import pyoxigraph as ox

        # RocksDB's state is not fork-safe: the child opens the directory afresh (the parent keeps the lock).
        return ox.Store.read_only(str(self.path))


def _no_network() -> None:
    """Move this (single-threaded, forked) process into a new network namespace, where nothing but a
    down loopback exists. Best effort: where user namespaces are disabled the lexical and parse-tree
    checks are the only guard."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        if libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) != 0:
            libc.unshare(_CLONE_NEWNET)
    except (OSError, AttributeError):  # pragma: no cover - no libc unshare
        pass


def _syntax_message(e: SyntaxError) -> str:
    msg = str(e).strip().splitlines()[0] if str(e).strip() else "invalid query"
    m = _SYNTAX_AT.match(msg)
    if m:
        return f"SPARQL syntax error at line {m.group(1)}, column {m.group(2)}: {msg[m.end():]}"
    return f"SPARQL syntax error: {msg}"


def _evaluate(store: Any, text: str, bindings: dict[str, str], limit: int, allow_network: bool) -> Any:
    """Check and run the query; return a capped :class:`QueryResult`."""
    import pyoxigraph as ox

    from graphbuild.outputs.sparql import QueryResult, _term, check_query

    check_query(text, allow_network=allow_network)
    subs = {ox.Variable(k): ox.Literal(v) for k, v in bindings.items()}
    try:
        from graphbuild.store.disk import union_dataset  # the materialized union when fresh

        result = store.query(text, substitutions=subs, **union_dataset(store))
        if isinstance(result, (bool, ox.QueryBoolean)):
            return QueryResult(("ask",), ((str(bool(result)).lower(),),))
        if isinstance(result, ox.QueryTriples):
            triples = list(itertools.islice(result, limit + 1))
            triple_rows = [(_term(t.subject), _term(t.predicate), _term(t.object)) for t in triples[:limit]]
            return QueryResult(("subject", "predicate", "object"), tuple(triple_rows), len(triples) > limit)
        variables = tuple(v.value for v in result.variables)
        solutions = list(itertools.islice(result, limit + 1))
        rows = [tuple(_term(s[v]) for v in variables) for s in solutions[:limit]]
        return QueryResult(variables, tuple(rows), len(solutions) > limit)
    except SyntaxError as e:
        raise QueryError(_syntax_message(e)) from None
    except RuntimeError as e:
        msg = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        if "SELECT projection" in msg:
            raise QueryError(f"a bound variable must be in the SELECT list: {msg}") from None
        raise QueryError(f"query failed: {msg}") from None
    except (ValueError, OSError) as e:
        raise QueryError(f"query failed: {e}") from None


def _child(conn: Any, source: OxigraphSource, text: str, bindings: dict[str, str], limit: int,
           allow_network: bool) -> None:  # pragma: no cover - runs in the forked child
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C reaches the whole process group: just stop
    try:
        if not allow_network:
            _no_network()
        reply: tuple[str, Any] = ("ok", _evaluate(source._store_for_child(), text, bindings, limit, allow_network))
    except GraphbuildError as e:
        reply = ("error", e)
    except BaseException as e:
        reply = ("error", QueryError(f"query failed: {type(e).__name__}: {str(e)[:300]}"))
    try:
        conn.send(reply)
    finally:
        conn.close()
        os._exit(0)


def _in_child(source: OxigraphSource, text: str, bindings: dict[str, str], limit: int, timeout: float,
              allow_network: bool) -> Any:
    import rdflib.plugins.sparql.parser  # noqa: F401  (built once here, inherited by every child)

    ctx = multiprocessing.get_context("fork")
    receiver, sender = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(sender, source, text, bindings, limit, allow_network), daemon=True)
    proc.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise QueryTimeout(f"query stopped after {timeout:g} s (time limit)")
        try:
            kind, value = receiver.recv()
        except EOFError:
            proc.join(5)
            raise QueryError(f"the query engine stopped unexpectedly (exit status {proc.exitcode})") from None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()
        proc.close()
        receiver.close()
    if kind == "error":
        raise value
    return value


_KINDS = {"trig": "TRIG", "turtle": "TURTLE", "nquads": "N_QUADS", "nt": "N_TRIPLES"}


def open_source(path: Path | str) -> OxigraphSource:
    """Open a graph file (loaded into memory) or a store directory (read-only, under its shared lock)
    for querying; use it as a context manager to release the store.

    Raises:
        InputNotFound: the path does not exist, or is a directory that is not a store.
        UsageError: a file whose extension names no graph format.
        GraphFileError: the graph file does not parse, or is refused.
        StoreLocked: another process is writing the store.
    """
    import pyoxigraph as ox

    from graphbuild.outputs.files import FORMATS

    path = Path(path)
    if path.is_dir() or (not path.exists() and path.suffix.lower() not in FORMATS):
        from graphbuild.store.disk import open_read  # a missing store: "no store at DIR", never a new one

        handle = open_read(path)
        return OxigraphSource(handle.ox, path, handle=handle)
    if not path.is_file():
        raise InputNotFound(f"no such graph file or store: {path}")
    fmt = format_for(path)
    store = ox.Store()
    if fmt in _KINDS:
        try:
            store.bulk_load(path=str(path), format=getattr(ox.RdfFormat, _KINDS[fmt]))
        except (SyntaxError, ValueError) as e:
            raise GraphFileError(f"{path} does not parse as {fmt}: {str(e).splitlines()[0][:300]}") from None
        except OSError as e:
            raise GraphFileError(f"cannot read {path}: {e.strerror or e}") from None
    else:
        from graphbuild.outputs.files import read_graph

        data = read_graph(path).serialize(format="nquads").encode()
        store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
    return OxigraphSource(store, path)
