"""Read-only SPARQL over a graph file: refuse updates, SERVICE, FROM and LOAD unless allowed; cap rows;
stop runaway queries; bind values instead of formatting them into query text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphbuild.errors import QueryError

_UPDATE = re.compile(r"^\s*(?:INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.I | re.M)


@dataclass(frozen=True, slots=True)
class QueryResult:
    """Rows of a SELECT (or one boolean row for ASK); ``truncated`` when the row cap cut it."""

    variables: tuple[str, ...]
    rows: tuple[tuple[str | None, ...], ...]
    truncated: bool = False
    notes: tuple[str, ...] = field(default=())


def _strip_comments_and_strings(text: str) -> str:
    text = re.sub(r"<[^<>\s\"{}|^`]*>", "<>", text)
    text = re.sub(r"#[^\n]*", "", text)
    return re.sub(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'', '""', text)


def check_query(text: str, *, allow_network: bool = False) -> str:
    """Refuse what a read-only, offline query must not do; return the query form (SELECT, ASK, ...).

    >>> check_query("SELECT * WHERE { ?s ?p ?o }")
    'SELECT'
    >>> check_query("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }")
    Traceback (most recent call last):
    graphbuild.errors.QueryError: SERVICE is refused (it would reach the network); pass --allow-network for trusted queries
    """
    from rdflib.plugins.sparql.parser import parseQuery

    bare = _strip_comments_and_strings(text)
    if _UPDATE.search(re.sub(r"PREFIX\s+\S*\s*<>|BASE\s*<>", "", bare, flags=re.I)):
        raise QueryError("updates are refused: the query path is read-only")
    depth = max_depth = 0
    for ch in bare:
        depth += ch == "{"
        depth -= ch == "}"
        max_depth = max(max_depth, depth)
    if max_depth > 30:
        raise QueryError(f"query too deeply nested ({max_depth} levels; the limit is 30)")
    if not allow_network:
        if re.search(r"\bSERVICE\b", bare, re.I):
            raise QueryError("SERVICE is refused (it would reach the network); pass --allow-network for trusted "
                             "queries")
        if re.search(r"\bFROM\s+(?:NAMED\s+)?(?:<>|[\w-]*:)", bare, re.I):
            raise QueryError("FROM and FROM NAMED are refused (they would load remote or local files); pass "
                             "--allow-network for trusted queries")
    try:
        parsed = parseQuery(text)
    except Exception as e:  # pyparsing's ParseException carries line and column
        line, col = getattr(e, "lineno", None), getattr(e, "col", None)
        where = f" at line {line}, column {col}" if line is not None else ""
        msg = str(getattr(e, "msg", "")) or str(e).splitlines()[0]
        raise QueryError(f"SPARQL syntax error{where}: {msg}") from None
    except RecursionError:
        raise QueryError("query too deeply nested") from None
    name = parsed[1].name  # SelectQuery, AskQuery, ConstructQuery, DescribeQuery
    return name.replace("Query", "").upper()


def _term(value: Any) -> str | None:
    if value is None:
        return None
    return str(value.value if hasattr(value, "value") else value)


def run_query(source: Path | str, text: str, *, bindings: dict[str, str] | None = None, limit: int = 10_000,
              allow_network: bool = False, timeout: float = 30.0) -> QueryResult:
    """Run a read-only query over a graph file (loaded into pyoxigraph) with the default graph as the
    union of the named graphs. ``bindings`` are substituted as literals, never formatted into text.

    Raises:
        QueryError: malformed or refused query.
        QueryTimeout: the query ran past ``timeout`` seconds.
    """
    from graphbuild.store.oxigraph import open_source

    form = check_query(text, allow_network=allow_network)
    store = open_source(source)
    return store.select(text, form=form, bindings=bindings or {}, limit=limit, timeout=timeout)
