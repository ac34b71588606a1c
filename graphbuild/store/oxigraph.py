"""SPARQL over pyoxigraph: a graph file loaded in memory, or an on-disk store directory."""

from __future__ import annotations

import multiprocessing
import queue
from pathlib import Path
from typing import Any

from graphbuild.errors import InputNotFound, QueryError, QueryTimeout
from graphbuild.outputs.files import FORMATS, format_for


class OxigraphSource:
    """A pyoxigraph store to query, from a graph file or a store directory."""

    def __init__(self, store: Any, path: Path) -> None:
        self.store = store
        self.path = path

    def select(self, text: str, *, form: str, bindings: dict[str, str], limit: int,
               timeout: float) -> Any:
        import re

        import pyoxigraph as ox

        from graphbuild.outputs.sparql import QueryResult, _term

        unknown = [k for k in bindings if not re.search(rf"[?$]{re.escape(k)}\b", text)]
        if unknown:
            raise QueryError(f"--bind names a variable the query does not use: {', '.join(unknown)}")
        subs = {ox.Variable(k): ox.Literal(v) for k, v in bindings.items()}
        try:
            result = _run_with_timeout(self.store, text, subs, timeout)
        except SyntaxError as e:
            raise QueryError(f"SPARQL syntax error: {e}") from None
        except (RuntimeError, ValueError, OSError) as e:
            raise QueryError(f"query failed: {e}") from None
        if isinstance(result, bool):
            return QueryResult(("ask",), ((str(result).lower(),),))
        if form in {"CONSTRUCT", "DESCRIBE"}:
            rows = [(str(t.subject), str(t.predicate), _term(t.object)) for t in result]
            return QueryResult(("subject", "predicate", "object"), tuple(rows[:limit]), len(rows) > limit)
        variables = tuple(v.value for v in result.variables)
        rows = []
        truncated = False
        for solution in result:
            if len(rows) >= limit:
                truncated = True
                break
            rows.append(tuple(_term(solution[v]) for v in variables))
        return QueryResult(variables, tuple(rows), truncated)


def _run_with_timeout(store: Any, text: str, subs: dict[Any, Any], timeout: float) -> Any:
    """Evaluate in a worker thread; pyoxigraph has no cancellation, so a runaway query is abandoned by
    the caller and reported (the CLI then exits, which ends it)."""
    import threading

    box: queue.Queue[tuple[str, Any]] = queue.Queue()

    def work() -> None:
        try:
            res = store.query(text, use_default_graph_as_union=True, substitutions=subs)
            if not isinstance(res, bool):
                res = _materialize(res)
            box.put(("ok", res))
        except BaseException as e:  # delivered to the caller
            box.put(("error", e))

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    try:
        kind, value = box.get(timeout=timeout)
    except queue.Empty:
        raise QueryTimeout(f"query stopped after {timeout:g} s (time limit)") from None
    if kind == "error":
        raise value
    return value


class _Materialized(list[Any]):
    variables: list[Any]


def _materialize(res: Any) -> Any:
    out = _Materialized(res)
    if hasattr(res, "variables"):
        out.variables = list(res.variables)
    return out


def open_source(path: Path | str) -> OxigraphSource:
    """Open a graph file (loaded into memory) or a store directory for querying.

    Raises:
        InputNotFound: the path does not exist.
    """
    import pyoxigraph as ox

    path = Path(path)
    if path.is_dir():
        return OxigraphSource(ox.Store.read_only(str(path)), path)
    if not path.is_file():
        raise InputNotFound(f"no such graph file or store: {path}")
    fmt = format_for(path)
    store = ox.Store()
    kinds = {"trig": ox.RdfFormat.TRIG, "turtle": ox.RdfFormat.TURTLE, "nquads": ox.RdfFormat.N_QUADS,
             "nt": ox.RdfFormat.N_TRIPLES}
    if fmt in kinds:
        try:
            store.bulk_load(path=str(path), format=kinds[fmt])
        except (SyntaxError, ValueError) as e:
            raise QueryError(f"{path} does not parse as {fmt}: {e}") from None
    else:
        from graphbuild.outputs.files import read_graph

        data = read_graph(path).serialize(format="nquads").encode()
        store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
    return OxigraphSource(store, path)


_ = (multiprocessing, FORMATS)
