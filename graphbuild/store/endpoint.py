"""A client for any SPARQL 1.1 store: queries over the SPARQL 1.1 Protocol, writes with the Graph Store
HTTP Protocol (GSP).

* **Two URLs**: the query URL (``--endpoint``) and the GSP URL (``--gsp-url``). The GSP URL is guessed
  for the common servers: Oxigraph ``/query`` -> ``/store``, Virtuoso ``/sparql`` ->
  ``/sparql-graph-crud-auth`` (``/sparql-graph-crud`` without credentials), Fuseki ``/DS/query`` ->
  ``/DS/data``.
* **Credentials only from the environment**: ``GRAPHBUILD_ENDPOINT_USER`` and
  ``GRAPHBUILD_ENDPOINT_PASSWORD``, never from the command line. A URL with ``user:password@`` is
  refused. HTTP Digest (Virtuoso) or Basic, whichever the server asks for.
* **Writes are idempotent**: one named graph per ``PUT ?graph=<iri>`` with an N-Triples body. A
  re-ingest replaces the graph, and a retried write changes nothing.
* **Never an empty result for a failure** (RELIABILITY.md items 24-26). Each of these is an
  :class:`~graphbuild.errors.EndpointError` (exit 69): connection refused or DNS failure; no complete
  answer within the time limit; HTTP 5xx; an HTML page (or anything else) instead of SPARQL results;
  a partial answer (HTTP 206, or Virtuoso's "anytime" ``X-SQL-State`` header on a 200); results cut
  mid-stream (Oxigraph's timeout). A server that caps the rows (Virtuoso's ``X-SPARQL-MaxRows``) marks
  a user's result ``truncated``; the internal dumps page through it instead.
* **Default graph = the set union of the named graphs**, as for a local store. Oxigraph's
  ``union-default-graph`` parameter gives a *bag*: a triple that 200 article graphs state is 200
  solutions, and every join over entity labels multiplies them (a competency query exhausted 23 GB at
  400 articles). So on a server whose default graph is a graph of its own (Oxigraph, Fuseki;
  :attr:`Endpoint.keeps_default_graph`) the mirror writes the local store's materialized, de-duplicated
  union into it, followed by the freshness marker :data:`UNION_MARK`; queries then read that default
  graph as it is. Without the marker (a run in progress or stopped, a copy made by other means) they
  carry ``union-default-graph`` instead: correct, only slower. Virtuoso's default graph is the union of
  all its graphs (a bag as well, which its engine handles); nothing is written there. graphbuild's own
  reads name the graphs (``GRAPH ?g``), so they do not depend on it.
"""

from __future__ import annotations

import ipaddress
import json
import os
import re
import time
import urllib.parse
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graphbuild.errors import EndpointError, QueryError, UsageError, warn

USER_ENV = "GRAPHBUILD_ENDPOINT_USER"
PASSWORD_ENV = "GRAPHBUILD_ENDPOINT_PASSWORD"
#: graphbuild's graphs in a store (article graphs, registry, derived): what the dumps read
GRAPHS_PREFIX = "https://w3id.org/graphbuild/graph/"
#: rows per page when a capped answer is read in sorted pages (Virtuoso sorts at most 10,000: MaxSortedTopRows)
SORTED_PAGE = 10_000
_RESULTS_JSON = "application/sparql-results+json"
_NTRIPLES = "application/n-triples"
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
#: the triple that says an endpoint's default graph holds the de-duplicated union of its graphs (written last,
#: after the union, by :mod:`graphbuild.store.mirror`); the same terms as the local store's marker
UNION_MARK = ("https://w3id.org/graphbuild/registry/store", "https://w3id.org/graphbuild/store#unionDefaultGraph",
              "fresh")
_UNION_ASK = f'ASK {{ <{UNION_MARK[0]}> <{UNION_MARK[1]}> "{UNION_MARK[2]}" }}'


def endpoint_url(source: Path | str) -> str | None:
    """The endpoint URL when ``source`` names one (``http://`` or ``https://``), else None. A URL that went
    through :class:`pathlib.Path` (the command line's SOURCE type) lost one slash of ``//``: it is put back.

    >>> endpoint_url(Path("http://127.0.0.1:7878/query"))
    'http://127.0.0.1:7878/query'
    >>> endpoint_url("store-dir") is None
    True
    """
    text = str(source)
    m = re.match(r"^(https?):/+(?=[^/])", text, flags=re.IGNORECASE)
    if m is None:
        return None
    return f"{m.group(1).lower()}://{text[m.end():]}"


def default_gsp_url(query_url: str, *, authenticated: bool = False) -> str | None:
    """The Graph Store Protocol URL that usually goes with a query URL, or None when there is no safe guess.

    >>> default_gsp_url("http://127.0.0.1:7878/query")
    'http://127.0.0.1:7878/store'
    >>> default_gsp_url("http://127.0.0.1:8890/sparql", authenticated=True)
    'http://127.0.0.1:8890/sparql-graph-crud-auth'
    >>> default_gsp_url("http://h:3030/ds/query")
    'http://h:3030/ds/data'
    """
    parts = urllib.parse.urlsplit(query_url)
    path = parts.path.rstrip("/")
    if path == "/query":
        new = "/store"
    elif path.endswith("/sparql"):
        new = path + ("-graph-crud-auth" if authenticated else "-graph-crud")
    elif path.endswith("/query") and path.count("/") >= 2:
        new = path[: -len("/query")] + "/data"
    else:
        return None
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, new, "", ""))


def _check_url(url: str, what: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise UsageError(f"not an http(s) URL for the {what}: {url}")
    if parts.username is not None or parts.password is not None:
        raise UsageError(f"credentials in the {what} URL are refused (they would show in the process list and the "
                         f"shell history): set {USER_ENV} and {PASSWORD_ENV} instead")
    return url


def _is_loopback(url: str) -> bool:
    host = urllib.parse.urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _reason(e: BaseException) -> str:
    """The innermost OS-level reason of a connection failure ("[Errno 111] Connection refused")."""
    seen = set()
    best = str(e)
    stack: list[BaseException | None] = [e]
    while stack:
        x = stack.pop()
        if x is None or id(x) in seen:
            continue
        seen.add(id(x))
        if isinstance(x, OSError) and (x.strerror or x.errno):
            best = f"{x.strerror or x}" if not x.errno else f"[Errno {x.errno}] {x.strerror}"
        if "NameResolution" in type(x).__name__ or "Name or service not known" in str(x):
            best = "name not resolved (DNS)"
        stack += [x.__cause__, x.__context__, *[a for a in getattr(x, "args", ()) if isinstance(a, BaseException)]]
        reason = getattr(x, "reason", None)
        if isinstance(reason, BaseException):
            stack.append(reason)
    return best.splitlines()[0][:300] if best else type(e).__name__


def _first_line(body: bytes, content_type: str = "") -> str:
    if "html" in content_type.lower() or body.lstrip()[:1] == b"<":
        m = _TITLE.search(body[:65536])
        if m:
            return " ".join(m.group(1).decode("utf-8", "replace").split())[:200]
    text = body[:4096].decode("utf-8", "replace").strip()
    return " ".join(text.splitlines()[0].split())[:300] if text else ""


@dataclass(frozen=True, slots=True)
class _Response:
    status: int
    headers: Any  # case-insensitive mapping
    body: bytes

    @property
    def content_type(self) -> str:
        return str(self.headers.get("Content-Type", "")).split(";")[0].strip().lower()


class Endpoint:
    """A SPARQL 1.1 store at ``query_url`` (read) and ``gsp_url`` (write).

    ``timeout`` is the default time limit in seconds for one request, from connecting to the last byte.
    Use :meth:`from_env` to take the credentials from the environment; an ``Endpoint`` is a context
    manager that closes its connections.

    Raises:
        UsageError: a URL is not http(s) or holds credentials.
    """

    def __init__(self, query_url: str, *, gsp_url: str | None = None, timeout: float = 60.0,
                 user: str | None = None, password: str | None = None) -> None:
        import requests

        self.query_url = _check_url(query_url, "SPARQL endpoint")
        self._gsp_url = _check_url(gsp_url, "Graph Store Protocol") if gsp_url else None
        self.timeout = float(timeout)
        self.user = user or None
        self._password = password or ""
        self._scheme: str | None = None  # "digest" or "basic", learnt from the first 401
        self._session = requests.Session()
        self._session.trust_env = False  # no proxy or .netrc credentials picked up behind the user's back
        self._warned_basic = False
        self._union_copy: bool | None = None  # whether the default graph is a fresh union copy (asked once)

    @classmethod
    def from_env(cls, query_url: str, *, gsp_url: str | None = None, timeout: float = 60.0) -> Endpoint:
        """An endpoint with the credentials of ``GRAPHBUILD_ENDPOINT_USER`` / ``GRAPHBUILD_ENDPOINT_PASSWORD``
        (none when unset)."""
        return cls(query_url, gsp_url=gsp_url, timeout=timeout, user=os.environ.get(USER_ENV) or None,
                   password=os.environ.get(PASSWORD_ENV) or None)

    def __repr__(self) -> str:  # never shows the password
        return f"Endpoint({self.query_url!r}, gsp_url={self._gsp_url!r}, user={self.user!r})"

    @property
    def gsp_url(self) -> str:
        """The Graph Store Protocol URL (given, or guessed from the query URL).

        Raises:
            UsageError: none was given and none can be guessed.
        """
        if self._gsp_url is None:
            guess = default_gsp_url(self.query_url, authenticated=self.user is not None)
            if guess is None:
                raise UsageError(f"cannot guess the Graph Store Protocol URL of {self.query_url}: give --gsp-url")
            self._gsp_url = guess
        return self._gsp_url

    @property
    def keeps_default_graph(self) -> bool:
        """Whether the server's default graph is a graph of its own (Oxigraph, Fuseki), where the mirror keeps
        the union of the named graphs, rather than the union of all graphs already (Virtuoso, ``/sparql``).

        >>> Endpoint("http://127.0.0.1:7878/query").keeps_default_graph
        True
        >>> Endpoint("http://127.0.0.1:8890/sparql").keeps_default_graph
        False
        """
        return not urllib.parse.urlsplit(self.query_url).path.rstrip("/").endswith("/sparql")

    def union_copy_is_fresh(self, *, refresh: bool = False) -> bool:
        """Whether the default graph holds the complete de-duplicated union of the named graphs (its marker
        :data:`UNION_MARK` is there); asked once per endpoint object unless ``refresh``."""
        if not self.keeps_default_graph:
            return False
        if self._union_copy is None or refresh:
            self._union_copy = False  # the ASK itself reads the default graph as it is
            r = self._post_query(_UNION_ASK, _RESULTS_JSON, timeout=None, union=False)
            self._union_copy = _boolean(self._json_results(r)) is True
        return self._union_copy

    def mark_union_copy_fresh(self) -> None:
        """Add the marker :data:`UNION_MARK` to the default graph: call it once the complete union is there."""
        s, p, o = UNION_MARK
        self.post_graph(None, f'<{s}> <{p}> "{o}" .\n')
        self._union_copy = True

    def _before_write(self, graph: str | None) -> None:
        """Writing a named graph makes a union copy in the default graph stale: empty it first (queries then
        carry ``union-default-graph`` until the mirror writes the union again)."""
        if graph is not None and self.union_copy_is_fresh():
            self.delete_graph(None)

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> Endpoint:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- HTTP ---------------------------------------------------------------------------------------
    def _auth(self) -> Any:
        from requests.auth import HTTPBasicAuth, HTTPDigestAuth

        if self.user is None or self._scheme is None:
            return None
        if self._scheme == "digest":
            if not hasattr(self, "_digest"):
                self._digest = HTTPDigestAuth(self.user, self._password)
            return self._digest
        return HTTPBasicAuth(self.user, self._password)

    def _send(self, method: str, url: str, *, timeout: float, **kw: Any) -> _Response:
        import requests

        deadline = time.monotonic() + timeout
        what = "SPARQL endpoint" if url == self.query_url else "Graph Store"
        try:
            r = self._session.request(method, url, timeout=(min(timeout, 30.0), timeout), stream=True,
                                      allow_redirects=False, auth=self._auth(), **kw)
            try:
                chunks = []
                for chunk in r.iter_content(1 << 16):
                    chunks.append(chunk)
                    if time.monotonic() > deadline:
                        raise EndpointError(f"{what} {url} did not answer completely within {timeout:g} s")
                return _Response(r.status_code, r.headers, b"".join(chunks))
            finally:
                r.close()
        except requests.exceptions.Timeout:
            raise EndpointError(f"{what} {url} did not answer within {timeout:g} s") from None
        except requests.exceptions.ConnectionError as e:
            if isinstance(e.__context__, requests.exceptions.ReadTimeout) or "timed out" in str(e).lower():
                raise EndpointError(f"{what} {url} did not answer within {timeout:g} s") from None
            raise EndpointError(f"cannot reach {what} {url}: {_reason(e)}") from None
        except requests.exceptions.ChunkedEncodingError as e:
            raise EndpointError(f"{what} {url} broke off its answer: {_reason(e)}") from None
        except requests.exceptions.RequestException as e:
            raise EndpointError(f"cannot reach {what} {url}: {_reason(e)}") from None

    def _request(self, method: str, url: str, *, timeout: float | None = None, **kw: Any) -> _Response:
        """One request, authenticated when the server asks (learning Digest or Basic from the first 401);
        the answer's status is checked here for everything but 400 (the caller words that)."""
        timeout = self.timeout if timeout is None else timeout
        r = self._send(method, url, timeout=timeout, **kw)
        if r.status == 401 and self.user is not None and self._scheme is None:
            challenge = str(r.headers.get("WWW-Authenticate", "")).lower()
            self._scheme = "digest" if "digest" in challenge else "basic"
            if self._scheme == "basic" and not url.lower().startswith("https:") and not _is_loopback(url) \
                    and not self._warned_basic:
                warn(f"sending the password to {url} with HTTP Basic over plain http (use https)")
                self._warned_basic = True
            r = self._send(method, url, timeout=timeout, **kw)
        self._check_status(r, url)
        return r

    def _check_status(self, r: _Response, url: str) -> None:
        what = "SPARQL endpoint" if url == self.query_url else "Graph Store"
        detail = _first_line(r.body, r.content_type)
        detail = f": {detail}" if detail else ""
        if r.status in (401, 403):
            hint = (f"set {USER_ENV} and {PASSWORD_ENV}" if self.user is None
                    else f"check {USER_ENV} / {PASSWORD_ENV} and the user's rights")
            raise EndpointError(f"{what} {url} refused access (HTTP {r.status}){detail}; {hint}")
        if r.status == 404:
            raise EndpointError(f"no {what} at {url} (HTTP 404){detail}")
        if 300 <= r.status < 400:
            raise EndpointError(f"{what} {url} redirects (HTTP {r.status}) to {r.headers.get('Location', '?')}: "
                                f"give the final URL")
        if r.status >= 500:
            raise EndpointError(f"{what} {url} failed (HTTP {r.status}){detail}")
        if r.status == 206:
            raise EndpointError(f"{what} {url} sent a partial answer (HTTP 206 Partial Content): refused, the "
                                f"result would be incomplete")
        state = r.headers.get("X-SQL-State")
        if state and 200 <= r.status < 300:
            message = r.headers.get("X-SQL-Message", "")
            raise EndpointError(f"{what} {url} sent partial results (X-SQL-State {state}{': ' + message if message else ''}"
                                f"): refused, the result would be incomplete")
        if r.status >= 400 and r.status != 400:
            raise EndpointError(f"{what} {url} refused the request (HTTP {r.status}){detail}")

    # -- queries ------------------------------------------------------------------------------------
    def _post_query(self, text: str, accept: str, *, timeout: float | None, union: bool | None = None) -> _Response:
        """POST a query. ``union`` None: over the default graph as it is when it holds a fresh union copy,
        else with ``union-default-graph``."""
        if union is None:
            union = not self.union_copy_is_fresh()
        data = {"query": text, **({"union-default-graph": ""} if union else {})}
        r = self._request("POST", self.query_url, timeout=timeout, data=data,
                          headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})
        if r.status == 400:
            detail = _first_line(r.body, r.content_type)
            raise QueryError(f"the SPARQL endpoint refused the query{': ' + detail if detail else ''}")
        return r

    def _json_results(self, r: _Response) -> dict[str, Any]:
        if r.content_type not in (_RESULTS_JSON, "application/json"):
            kind = "an HTML page" if "html" in r.content_type or r.body.lstrip()[:1] == b"<" else \
                (r.content_type or "no content type")
            detail = _first_line(r.body, r.content_type)
            raise EndpointError(f"SPARQL endpoint {self.query_url} answered with {kind} instead of SPARQL results"
                                f"{' (' + detail + ')' if detail else ''}")
        try:
            doc = json.loads(r.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            tail = r.body[-200:].decode("utf-8", "replace").strip().splitlines()
            raise EndpointError(f"SPARQL endpoint {self.query_url} sent incomplete or invalid SPARQL results "
                                f"({len(r.body)} bytes; the server may have stopped the query"
                                f"{': ' + tail[-1][:150] if tail else ''})") from None
        if not isinstance(doc, dict) or not isinstance(doc.get("head"), dict) or not (
                isinstance(doc.get("boolean"), bool)
                or (isinstance(doc.get("results"), dict) and isinstance(doc["results"].get("bindings"), list))):
            raise EndpointError(f"SPARQL endpoint {self.query_url} sent JSON that is not SPARQL results")
        return doc

    def select(self, text: str, *, bindings: dict[str, str] | None = None, limit: int = 10_000,
               timeout: float | None = None, allow_network: bool = False) -> Any:
        """Run a read-only query with the same checks as a local one (updates, SERVICE, FROM, LOAD refused
        unless ``allow_network``); return a :class:`graphbuild.outputs.sparql.QueryResult`.

        ``bindings`` are bound as literals with a ``VALUES`` block at the start of the outermost group
        (the place the competency queries reserve for it): FILTER and EXISTS see them, a sub-SELECT does
        not. At most ``limit`` rows come back (``truncated`` says when there were more, also when the
        server itself cut the result at its row limit).

        Raises:
            QueryError: the query is malformed or refused (here or by the server).
            EndpointError: the endpoint is unreachable, too slow, failing, or answers incompletely.
        """
        from graphbuild.outputs.sparql import QueryResult, check_query

        if limit < 0:
            raise QueryError(f"the row limit must be 0 or more, not {limit}")
        if timeout is not None and timeout <= 0:
            raise QueryError(f"the time limit must be more than 0 seconds, not {timeout:g}")
        form = check_query(text, allow_network=allow_network)
        if bindings:
            text = bind_values(text, bindings)
            check_query(text, allow_network=allow_network)
        if form in {"CONSTRUCT", "DESCRIBE"}:
            r = self._post_query(text, f"{_NTRIPLES}, text/plain;q=0.5", timeout=timeout)
            triples = self._parse_ntriples(r)
            spo = [(t.subject.value, t.predicate.value, t.object.value) for t in triples]
            notes = self._cap_notes(r)
            if not notes and str(r.headers.get("Server", "")).startswith("Virtuoso") and len(spo) >= 10_000 \
                    and len(spo) % 1000 == 0:  # Virtuoso cuts a CONSTRUCT at ResultSetMaxRows without saying so
                notes = (f"the endpoint (Virtuoso) may have cut the result at its row limit ({len(spo)} triples; it "
                         "does not say so for CONSTRUCT): use a SELECT, which announces the cut",)
            return QueryResult(("subject", "predicate", "object"), tuple(spo[:limit]), len(spo) > limit or bool(notes),
                               notes)
        r = self._post_query(text, _RESULTS_JSON, timeout=timeout)
        doc = self._json_results(r)
        answer = _boolean(doc)
        if answer is not None or form == "ASK":
            if answer is None:
                raise EndpointError(f"SPARQL endpoint {self.query_url} did not answer the ASK query with a boolean")
            return QueryResult(("ask",), ((str(answer).lower(),),))
        variables = tuple(str(v) for v in doc["head"].get("vars", []))
        rows: list[tuple[Any, ...]] = []
        for b in doc["results"]["bindings"]:
            rows.append(tuple((b[v].get("value") if isinstance(b.get(v), dict) else None) for v in variables))
        if _distinct(text):  # Virtuoso 7 can repeat a row of a SELECT DISTINCT (seen with cq05)
            rows = list(dict.fromkeys(rows))
        notes = self._cap_notes(r)
        return QueryResult(variables, tuple(rows[:limit]), len(rows) > limit or bool(notes), notes)

    @staticmethod
    def _cap_notes(r: _Response) -> tuple[str, ...]:
        cap = r.headers.get("X-SPARQL-MaxRows")
        return (f"the endpoint cut the result at its row limit ({cap} rows, X-SPARQL-MaxRows)",) if cap else ()

    def _parse_ntriples(self, r: _Response) -> list[Any]:
        import pyoxigraph as ox

        if r.content_type not in (_NTRIPLES, "text/plain", "text/ntriples"):
            kind = "an HTML page" if "html" in r.content_type else (r.content_type or "no content type")
            raise EndpointError(f"SPARQL endpoint {self.query_url} answered with {kind} instead of N-Triples")
        try:
            return list(ox.parse(r.body, format=ox.RdfFormat.N_TRIPLES))
        except (SyntaxError, ValueError) as e:
            raise EndpointError(f"SPARQL endpoint {self.query_url} sent incomplete or invalid N-Triples "
                                f"({str(e).splitlines()[0][:150] if str(e) else 'parse error'})") from None

    def ask(self, text: str, *, timeout: float | None = None) -> bool:
        """A trusted ASK query (graphbuild's own)."""
        answer = _boolean(self._json_results(self._post_query(text, _RESULTS_JSON, timeout=timeout)))
        if answer is None:
            raise EndpointError(f"SPARQL endpoint {self.query_url} did not answer the ASK query with a boolean")
        return answer

    def rows(self, select: str, where: str, *, key: str, group_by: str = "", timeout: float | None = None
             ) -> Iterator[dict[str, Any]]:
        """All solutions of graphbuild's own ``SELECT {select} WHERE {{ {where} }} {group_by}`` as dicts of
        pyoxigraph terms.

        When the server caps its answers (Virtuoso's ``ResultSetMaxRows``, announced by
        ``X-SPARQL-MaxRows``) the query is repeated in pages of the cap, by *keyset*: ordered by the
        string of variable ``key`` (unique per solution), each page after the last key seen. (OFFSET does
        not work there: Virtuoso refuses to sort more than the cap.)
        """
        r = self._post_query(f"SELECT {select} WHERE {{ {where} }} {group_by}", _RESULTS_JSON, timeout=timeout)
        cap = str(r.headers.get("X-SPARQL-MaxRows") or "")
        if not cap:
            yield from (_solution(b) for b in self._json_results(r)["results"]["bindings"])
            return
        size = min(int(cap), SORTED_PAGE) if cap.isdigit() and int(cap) > 0 else 1000
        last: str | None = None
        while True:
            after = f"FILTER(STR(?{key}) > {_literal(last)})" if last is not None else ""
            q = f"SELECT {select} WHERE {{ {where} {after} }} {group_by} ORDER BY STR(?{key}) LIMIT {size}"
            got = [_solution(b) for b in self._json_results(self._post_query(q, _RESULTS_JSON, timeout=timeout))[
                "results"]["bindings"]]
            yield from got
            if len(got) < size:
                return
            if got[-1].get(key) is None:
                raise EndpointError(f"SPARQL endpoint {self.query_url}: cannot page a result without ?{key}")
            last = got[-1][key].value

    def count(self, where: str, *, timeout: float | None = None) -> int:
        """``SELECT (COUNT(*) AS ?n) WHERE { where }``."""
        rows = list(self.rows("(COUNT(*) AS ?n)", where, key="n", timeout=timeout))
        if len(rows) != 1 or rows[0].get("n") is None:
            raise EndpointError(f"SPARQL endpoint {self.query_url} did not answer a COUNT query")
        return int(rows[0]["n"].value)

    def graph_sizes(self, prefix: str = GRAPHS_PREFIX, *, timeout: float | None = None) -> dict[str, int]:
        """Triples per named graph whose IRI starts with ``prefix``."""
        return self._sizes(prefix, "", timeout)

    def dump(self, prefix: str = GRAPHS_PREFIX, *, predicates: Iterable[str] | None = None,
             timeout: float | None = None) -> Any:
        """The quads of the named graphs whose IRI starts with ``prefix`` (only ``predicates`` when given),
        in a new in-memory pyoxigraph store. A server that caps its answers is read graph by graph (a graph
        bigger than the cap in keyset pages of its triples); the number of triples read is checked
        against the server's own count.

        Raises:
            EndpointError: the endpoint failed, or the pages did not add up to the graph.
        """
        import pyoxigraph as ox

        values = ""
        if predicates is not None:
            values = "VALUES ?p { " + " ".join(f"<{p}>" for p in sorted(set(predicates))) + " } "
        store = ox.Store()
        where = f"{values}GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), {_literal(prefix)}))"
        r = self._post_query(f"SELECT ?s ?p ?o ?g WHERE {{ {where} }}", _RESULTS_JSON, timeout=timeout)
        if not r.headers.get("X-SPARQL-MaxRows"):
            store.extend(ox.Quad(b["s"], b["p"], b["o"], b["g"]) for b in map(
                _solution, self._json_results(r)["results"]["bindings"]))
            return store
        del r
        sizes = self._sizes(prefix, values, timeout)
        for graph, size in sorted(sizes.items()):
            g = ox.NamedNode(graph)
            key = ("BIND(CONCAT(STR(?s), \" \", STR(?p), \" \", STR(?o), \" \", COALESCE(LANG(?o), \"\"), \" \", "
                   "COALESCE(STR(DATATYPE(?o)), \"\")) AS ?k)")
            got = [ox.Quad(row["s"], row["p"], row["o"], g)
                   for row in self.rows("?s ?p ?o ?k", f"{values}GRAPH <{graph}> {{ ?s ?p ?o }} {key}", key="k",
                                        timeout=timeout)]
            if len(got) != size:
                raise EndpointError(f"SPARQL endpoint {self.query_url}: read {len(got)} triples of <{graph}> in "
                                    f"pages, the server counts {size}")
            store.extend(got)
        return store

    def _sizes(self, prefix: str, values: str, timeout: float | None) -> dict[str, int]:
        where = f"{values}GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), {_literal(prefix)}))"
        rows = self.rows("?g (COUNT(*) AS ?n)", where, key="g", group_by="GROUP BY ?g", timeout=timeout)
        return {row["g"].value: int(row["n"].value) for row in rows}

    # -- Graph Store Protocol -----------------------------------------------------------------------
    def _graph_url(self, graph: str | None) -> str:
        if graph is None:
            return f"{self.gsp_url}?default"
        return f"{self.gsp_url}?{urllib.parse.urlencode({'graph': graph})}"

    @staticmethod
    def _graph_name(graph: str | None) -> str:
        return "the default graph" if graph is None else f"graph <{graph}>"

    def put_graph(self, graph: str | None, ntriples: bytes | str, *, timeout: float | None = None) -> None:
        """Replace named graph ``graph`` (None: the default graph) with the N-Triples ``ntriples`` (an empty
        body empties it).

        Raises:
            EndpointError: the store cannot be reached or refused the write.
        """
        body = ntriples.encode("utf-8") if isinstance(ntriples, str) else ntriples
        self._before_write(graph)
        url = self._graph_url(graph)
        r = self._request("PUT", url, timeout=timeout, data=body,
                          headers={"Content-Type": f"{_NTRIPLES}; charset=utf-8"})
        if r.status not in (200, 201, 204):
            detail = _first_line(r.body, r.content_type)
            raise EndpointError(f"Graph Store {self.gsp_url} refused {self._graph_name(graph)} (HTTP {r.status})"
                                f"{': ' + detail if detail else ''}")
        if graph is None:
            self._union_copy = False  # the marker went with the old content

    def post_graph(self, graph: str | None, ntriples: bytes | str, *, timeout: float | None = None) -> None:
        """Add the N-Triples ``ntriples`` to named graph ``graph`` (None: the default graph) (GSP POST: the
        second and later parts of a graph too big for one PUT).

        Raises:
            EndpointError: the store cannot be reached or refused the write.
        """
        body = ntriples.encode("utf-8") if isinstance(ntriples, str) else ntriples
        self._before_write(graph)
        r = self._request("POST", self._graph_url(graph), timeout=timeout, data=body,
                          headers={"Content-Type": f"{_NTRIPLES}; charset=utf-8"})
        if r.status not in (200, 201, 204):
            detail = _first_line(r.body, r.content_type)
            raise EndpointError(f"Graph Store {self.gsp_url} refused {self._graph_name(graph)} (HTTP {r.status})"
                                f"{': ' + detail if detail else ''}")

    def delete_graph(self, graph: str | None, *, timeout: float | None = None) -> None:
        """Remove named graph ``graph``, or empty the default graph (None); a missing graph is not an error."""
        self._before_write(graph)
        url = self._graph_url(graph)
        try:
            r = self._request("DELETE", url, timeout=timeout)
        except EndpointError as e:
            if "HTTP 404" in str(e):
                r = _Response(204, {}, b"")
            else:
                raise
        if r.status not in (200, 202, 204):
            raise EndpointError(f"Graph Store {self.gsp_url} refused to delete {self._graph_name(graph)} "
                                f"(HTTP {r.status})")
        if graph is None:
            self._union_copy = False

    def get_graph(self, graph: str | None, *, timeout: float | None = None) -> list[Any]:
        """The triples of named graph ``graph`` (None: the default graph) (GSP GET), as pyoxigraph triples;
        [] when it does not exist."""
        url = self._graph_url(graph)
        try:
            r = self._request("GET", url, timeout=timeout, headers={"Accept": f"{_NTRIPLES}, text/plain;q=0.5"})
        except EndpointError as e:
            if "HTTP 404" in str(e):
                return []
            raise
        if r.status == 400:
            raise EndpointError(f"Graph Store {self.gsp_url} refused to read {self._graph_name(graph)}")
        import pyoxigraph as ox

        try:
            return list(ox.parse(r.body, format=ox.RdfFormat.N_TRIPLES))
        except (SyntaxError, ValueError) as e:
            raise EndpointError(f"Graph Store {self.gsp_url} sent invalid N-Triples for {self._graph_name(graph)}: "
                                f"{str(e).splitlines()[0][:150]}") from None


_GB = "https://w3id.org/graphbuild/ontology#"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#: what the networkx projection, ``report`` and ``html`` read (graphbuild.analysis.projection,
#: graphbuild.outputs.report): statements and their shortcut edges, types, labels, claims with their
#: sentences and sources, time bounds and publication dates; not the article texts, mentions or registry
PROJECTION_PREDICATES = (
    _RDF + "type", _RDF + "subject", _RDF + "predicate", _RDF + "object",
    "http://www.w3.org/2004/02/skos/core#prefLabel", "http://www.w3.org/2004/02/skos/core#altLabel",
    _GB + "overallCertainty", _GB + "derivedFromFact", _GB + "about", _GB + "certainty",
    _GB + "defector", _GB + "leftOrganization", _GB + "destination", _GB + "joinedOrganization",
    "http://www.w3.org/ns/prov#wasDerivedFrom", "http://www.w3.org/ns/prov#wasAttributedTo",
    "http://schema.org/appearance", "http://purl.org/dc/terms/issued",
    "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex",
    "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#endIndex",
    "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf",
    "http://semanticweb.cs.vu.nl/2009/11/sem/hasTime", "http://www.w3.org/ns/org#memberDuring",
    "http://semanticweb.cs.vu.nl/2009/11/sem/hasEarliestBeginTimeStamp",
    "http://semanticweb.cs.vu.nl/2009/11/sem/hasLatestEndTimeStamp",
)


def projection_store(endpoint: Endpoint) -> Any:
    """What ``path``, ``centrality``, ``html`` and ``report`` need from an endpoint's graphbuild graphs
    (:data:`PROJECTION_PREDICATES` and the shortcut edges' predicates), fetched with SELECT queries
    (paged when the server caps its answers) into an in-memory pyoxigraph store: wrap it in
    :class:`graphbuild.store.view.StoreGraph` for :func:`graphbuild.analysis.to_networkx`.

    The client holds that part of the graph in memory (as the projection itself does for a local store).
    """
    from graphbuild.rdf.build import RELATION_PREDICATES

    shortcuts = {str(p) for p in RELATION_PREDICATES.values()} | {"http://www.w3.org/ns/org#memberOf"}
    return endpoint.dump(predicates=sorted(set(PROJECTION_PREDICATES) | shortcuts))


def _boolean(doc: dict[str, Any]) -> bool | None:
    """The answer of an ASK query: ``{"boolean": true}``, or Virtuoso 7's one-row ``__ASK_RETVAL`` table."""
    if isinstance(doc.get("boolean"), bool):
        return bool(doc["boolean"])
    bindings = doc.get("results", {}).get("bindings") if isinstance(doc.get("results"), dict) else None
    if doc["head"].get("vars") == ["__ASK_RETVAL"] and isinstance(bindings, list) and len(bindings) == 1:
        value = bindings[0].get("__ASK_RETVAL", {}).get("value")
        if value in ("0", "1", "true", "false"):
            return value in ("1", "true")
    return None


def _distinct(text: str) -> bool:
    """Whether the query's (outermost) SELECT is DISTINCT or REDUCED."""
    from graphbuild.outputs.sparql import _TOKEN

    after_select = False
    for m in _TOKEN.finditer(text):
        if m.lastgroup in ("ws", "comment"):
            continue
        word = m.group().upper() if m.lastgroup == "word" else ""
        if after_select:
            return word in {"DISTINCT", "REDUCED"}
        after_select = word == "SELECT"
    return False


def _literal(text: str) -> str:
    """A SPARQL string literal: JSON's escapes of quote, backslash and control characters are valid SPARQL
    escapes; other characters stay as they are (a ``\\uD83D`` surrogate escape would not be valid SPARQL)."""
    return json.dumps(text, ensure_ascii=False)


def _solution(binding: dict[str, Any]) -> dict[str, Any]:
    return {k: term_from_json(v) for k, v in binding.items()}


def term_from_json(v: dict[str, Any]) -> Any:
    """A SPARQL JSON results term (including Virtuoso's older ``typed-literal``) as a pyoxigraph term."""
    import pyoxigraph as ox

    kind = v.get("type")
    value = v.get("value", "")
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if kind in ("literal", "typed-literal"):
        lang = v.get("xml:lang")
        if lang:
            return ox.Literal(value, language=lang)
        datatype = v.get("datatype")
        if datatype and datatype != "http://www.w3.org/2001/XMLSchema#string":
            return ox.Literal(value, datatype=ox.NamedNode(datatype))
        return ox.Literal(value)
    raise EndpointError(f"unknown term in SPARQL results: {kind!r}")


def bind_values(text: str, bindings: dict[str, str]) -> str:
    """The query with ``VALUES ?name { "value" }`` (one per binding, values as plain literals) opening its
    outermost group (``WHERE {``).

    >>> bind_values('SELECT ?name WHERE { ?s ?p ?name }', {"name": 'x" } #'})
    'SELECT ?name WHERE { VALUES ?name { "x\\\\" } #" } ?s ?p ?name }'

    Raises:
        QueryError: a name is not a variable name, or the query has no group to bind in.
    """
    from graphbuild.outputs.sparql import _TOKEN

    block = []
    for name, value in bindings.items():
        if not re.fullmatch(r"[A-Za-z_]\w*", name):
            raise QueryError(f"not a variable name: {name!r}")
        block.append(f"VALUES ?{name} {{ {_literal(value)} }}")
    if not re.search(r"\S", text):
        raise QueryError("empty query")
    form = None
    after_where = False
    brace_at = None
    for m in _TOKEN.finditer(text):
        word = m.group().upper() if m.lastgroup == "word" else ""
        if form is None and word in {"SELECT", "CONSTRUCT", "ASK", "DESCRIBE"}:
            form = word
        elif word == "WHERE":
            after_where = True
        elif m.lastgroup == "punct" and m.group() == "{" and (form != "CONSTRUCT" or after_where):
            brace_at = m.end()  # the outermost group: a CONSTRUCT's template comes before its WHERE
            break
    if brace_at is None:
        raise QueryError("the query has no { } group to bind variables in")
    for name in bindings:
        if not re.search(rf"[?$]{re.escape(name)}\b", text):
            raise QueryError(f"--bind names a variable the query does not use: {name}")
    return f"{text[:brace_at]} {' '.join(block)}{text[brace_at:]}"
