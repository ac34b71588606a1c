"""Read-only SPARQL over a graph file or store: refuse updates, SERVICE, FROM and LOAD unless allowed; cap
rows; stop runaway queries; bind values instead of formatting them into query text.

A query is checked twice before it runs: by a lexer (fast, friendly messages) and by rdflib's parser,
whose parse tree must hold no ``SERVICE`` and no dataset clause. It then runs in a forked child process
that has no network (a fresh network namespace where Linux allows it) and is killed at the time limit:
pyoxigraph cannot cancel a query, so only a process boundary stops one.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphbuild.errors import QueryError

#: Deepest nesting of ``{ ( [`` accepted (pyoxigraph's parser overflows its stack near ten thousand).
MAX_DEPTH = 30
_UPDATE_WORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH",
                           "USING"})
_TOKEN = re.compile(
    r"(?P<ws>\s+)"
    r"|(?P<comment>#[^\r\n]*)"
    r'|(?P<string>"""(?:[^"\\]|\\.|"(?!""))*+"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*+'''"
    r'|"(?:[^"\\\n\r]|\\.)*+"'
    r"|'(?:[^'\\\n\r]|\\.)*+')"
    r'|(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)'
    r"|(?P<var>[?$]\w+)"
    r"|(?P<pname>(?:[^\W\d][\w.-]*)?:(?:[\w:%-]|\\.|\.(?=[\w:%-]))*)"
    r"|(?P<word>[^\W\d]\w*)"
    r"|(?P<number>\d[\w.]*)"
    r"|(?P<punct>.)",
    re.DOTALL,
)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


@dataclass(frozen=True, slots=True)
class QueryResult:
    """Rows of a SELECT (or one boolean row for ASK); ``truncated`` when the row cap cut it."""

    variables: tuple[str, ...]
    rows: tuple[tuple[str | None, ...], ...]
    truncated: bool = False
    notes: tuple[str, ...] = field(default=())


def _expand_escapes(text: str) -> str:
    def char(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF else m.group(0)

    return _ESCAPE.sub(char, text)


def _lexical_check(text: str, *, allow_network: bool) -> None:
    depth = max_depth = 0
    for m in _TOKEN.finditer(text):
        kind, value = m.lastgroup, m.group()
        if kind == "punct":
            if value in "{([":
                depth += 1
                max_depth = max(max_depth, depth)
            elif value in "})]":
                depth -= 1
        elif kind == "word":
            word = value.upper()
            if word in _UPDATE_WORDS:
                raise QueryError(f"updates are refused: the query path is read-only ({word})")
            if word == "SERVICE" and not allow_network:
                raise QueryError("SERVICE is refused (it would reach the network); pass --allow-network for "
                                 "trusted queries")
            if word == "FROM" and not allow_network:
                raise QueryError("FROM and FROM NAMED are refused (they would load remote or local files); pass "
                                 "--allow-network for trusted queries")
    if max_depth > MAX_DEPTH:
        raise QueryError(f"query too deeply nested ({max_depth} levels; the limit is {MAX_DEPTH})")


def lexical_check(text: str, *, allow_network: bool = False) -> None:
    """The fast half of :func:`check_query`: a lexer (strings, IRIs and comments skipped, ``\\u`` escapes
    read both ways) refuses update keywords, ``SERVICE``, ``FROM`` and nesting deeper than ``MAX_DEPTH``.

    >>> lexical_check('SELECT ?service WHERE { ?s a schema:Service ; ?p "SERVICE from" } # SERVICE')
    >>> lexical_check("SELECT * FROM<file:///etc/hosts> WHERE { ?s ?p ?o }")
    Traceback (most recent call last):
    graphbuild.errors.QueryError: FROM and FROM NAMED are refused (they would load remote or local files); pass --allow-network for trusted queries
    """
    _lexical_check(text, allow_network=allow_network)
    expanded = _expand_escapes(text)
    if expanded != text:
        _lexical_check(expanded, allow_network=allow_network)


def _walk(node: Any) -> Any:
    stack = [node]
    while stack:
        item = stack.pop()
        yield item
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)) or type(item).__name__ == "ParseResults":
            stack.extend(item)


def check_query(text: str, *, allow_network: bool = False) -> str:
    """Refuse what a read-only, offline query must not do; return the query form (SELECT, ASK, ...).

    Raises:
        QueryError: a syntax error (with line and column), an update, ``SERVICE``, ``FROM``/``FROM NAMED``
            (unless ``allow_network``) or a query nested too deeply.

    >>> check_query("SELECT * WHERE { ?s ?p ?o }")
    'SELECT'
    >>> check_query("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }")
    Traceback (most recent call last):
    graphbuild.errors.QueryError: SERVICE is refused (it would reach the network); pass --allow-network for trusted queries
    """
    from rdflib.plugins.sparql.parser import parseQuery

    lexical_check(text, allow_network=allow_network)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 4000))  # pyparsing recurses once per triple pattern
    try:
        parsed = parseQuery(text)
    except RecursionError:
        raise QueryError("query too deeply nested or too long for the query checker") from None
    except Exception as e:  # pyparsing's ParseException carries line and column
        line, col = getattr(e, "lineno", None), getattr(e, "col", None)
        where = f" at line {line}, column {col}" if line is not None else ""
        msg = str(getattr(e, "msg", "")) or str(e).splitlines()[0]
        raise QueryError(f"SPARQL syntax error{where}: {msg}") from None
    finally:
        sys.setrecursionlimit(limit)
    query = parsed[1]
    if not allow_network:
        # The parse tree decides, whatever the lexer saw (an IRI-shaped "<...>" that is really a less-than).
        if dict.get(query, "datasetClause"):  # CompValue.get returns the key itself when it is missing
            raise QueryError("FROM and FROM NAMED are refused (they would load remote or local files); pass "
                             "--allow-network for trusted queries")
        if any(getattr(n, "name", None) == "ServiceGraphPattern" for n in _walk(query)):
            raise QueryError("SERVICE is refused (it would reach the network); pass --allow-network for trusted "
                             "queries")
    return str(query.name).replace("Query", "").upper()


def _term(value: Any) -> str | None:
    if value is None:
        return None
    return str(value.value if hasattr(value, "value") else value)


def run_query(source: Path | str, text: str, *, bindings: dict[str, str] | None = None, limit: int = 10_000,
              allow_network: bool = False, timeout: float = 30.0) -> QueryResult:
    """Run a read-only query over a graph file (loaded into pyoxigraph) or a store directory, with the
    default graph as the union of the named graphs. ``bindings`` are substituted as literals, never
    formatted into text. At most ``limit`` rows come back (``truncated`` says when more were found); the
    query is killed after ``timeout`` seconds.

    Raises:
        QueryError: malformed or refused query.
        QueryTimeout: the query ran past ``timeout`` seconds (the process evaluating it was killed).
    """
    from graphbuild.store.oxigraph import open_source

    lexical_check(text, allow_network=allow_network)
    if limit < 0:
        raise QueryError(f"the row limit must be 0 or more, not {limit}")
    if timeout <= 0:
        raise QueryError(f"the time limit must be more than 0 seconds, not {timeout:g}")
    with open_source(source) as store:
        result: QueryResult = store.select(text, bindings=bindings or {}, limit=limit, timeout=timeout,
                                           allow_network=allow_network)
        return result
