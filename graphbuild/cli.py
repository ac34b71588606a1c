"""The command line: thin wrappers over the public functions (see README for exit codes)."""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import os
import signal
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from graphbuild.errors import GraphbuildError, NoResult

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Knowledge graphs of regimes, posts, defections and claims from political news.")


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"not a date (YYYY-MM-DD): {value}") from None


_OPEN: list[object] = []  # store handles kept open (and locked) until the process ends


def _is_store_path(source: Path) -> bool:
    """A directory, or a missing path without a graph-file extension, names a store."""
    from graphbuild.outputs.files import FORMATS

    return source.is_dir() or (not source.exists() and source.suffix.lower() not in FORMATS)


def _graph(source: Path):  # type: ignore[no-untyped-def]
    """A graph file as an rdflib dataset, or a store directory as a read-only view of its union."""
    from graphbuild.store.endpoint import endpoint_url

    if (url := endpoint_url(source)) is not None:  # a SPARQL endpoint: what the projection reads, fetched
        from graphbuild.store.endpoint import Endpoint, projection_store
        from graphbuild.store.view import StoreGraph

        with Endpoint.from_env(url) as ep:
            return StoreGraph(projection_store(ep))
    if _is_store_path(source):
        from graphbuild.store.disk import open_read
        from graphbuild.store.view import StoreGraph

        handle = open_read(source)
        _OPEN.append(handle)
        return StoreGraph(handle.ox)
    from graphbuild.outputs.files import read_graph

    return read_graph(source)


def _certs(values: list[str] | None, all_certainties: bool = False) -> frozenset[str] | None:
    names = {"confirmed", "claimed", "unconfirmed", "denied", "hypothetical"}
    if all_certainties:
        return frozenset(names)
    if not values:
        return None
    wanted = {v.strip().lower() for value in values for v in value.split(",") if v.strip()}
    unknown = wanted - names
    if unknown:
        raise typer.BadParameter(f"unknown certainty {', '.join(sorted(unknown))}: use {', '.join(sorted(names))}")
    return frozenset(wanted)


_SOURCE_HELP = "Graph file (.trig .ttl .nq .jsonld), store directory, or SPARQL endpoint URL (http(s)://...)."
_CERT_HELP = "Keep only edges with these overall certainties (repeat or comma-separate)."


@app.command()
def extract(
    articles: Annotated[list[Path], typer.Argument(help="Article files (.txt), folders, CSV or JSONL.")],
    output: Annotated[list[Path], typer.Option("-o", "--output", help="Graph file(s): .trig .ttl .nq .jsonld.")],
    published: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD anchoring relative dates.")] = None,
) -> None:
    """Extract entities, roles, events and claims from articles into RDF files."""
    from graphbuild.ingest import read_articles
    from graphbuild.outputs.files import format_for, write_graphs
    from graphbuild.pipeline import build_graph

    for out in output:
        format_for(out)
    skipped: list[GraphbuildError] = []
    docs = list(read_articles(articles, published=_date(published), skipped=skipped))  # type: ignore[arg-type]
    ds = build_graph(docs)
    _raise_if_interrupt_was_swallowed()  # a Ctrl-C writes nothing, even one a library's import caught
    write_graphs(ds, output)
    for doc in docs:
        date = doc.published.isoformat() if doc.published else "none (relative dates left open)"
        typer.echo(f"{doc.doc_id}: published {date} (from {doc.published_source})", err=True)
    typer.echo(f"wrote {', '.join(str(o) for o in output)}", err=True)
    if skipped:
        typer.echo(f"graphbuild: {len(skipped)} article(s) skipped, {len(docs)} extracted", err=True)
        raise typer.Exit(1)


@app.command()
def query(
    source: Annotated[Path, typer.Argument(help=_SOURCE_HELP)],
    query_text: Annotated[str, typer.Argument(metavar="QUERY", help="A .rq file or the query text.")],
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
    limit: Annotated[int, typer.Option(help="Row cap; more rows are cut with a note.")] = 10_000,
    timeout: Annotated[float, typer.Option(help="Seconds before the query is stopped.")] = 30.0,
    bind: Annotated[list[str] | None, typer.Option(help="NAME=VALUE bound as a literal to ?NAME.")] = None,
    allow_network: Annotated[bool, typer.Option(help="Allow SERVICE and FROM (trusted queries only).")] = False,
) -> None:
    """Run a read-only SPARQL query (SERVICE, FROM, LOAD and updates refused)."""
    from graphbuild.outputs.report import print_result
    from graphbuild.outputs.sparql import run_query

    path = Path(query_text)
    text = path.read_text(encoding="utf-8") if query_text.endswith(".rq") and path.is_file() else query_text
    bindings = dict(b.split("=", 1) for b in bind or [] if "=" in b)
    from graphbuild.store.endpoint import endpoint_url

    if (url := endpoint_url(source)) is not None:
        from graphbuild.store.endpoint import Endpoint

        with Endpoint.from_env(url, timeout=timeout) as ep:
            result = ep.select(text, bindings=bindings, limit=limit, timeout=timeout, allow_network=allow_network)
    else:
        result = run_query(source, text, bindings=bindings, limit=limit, timeout=timeout,
                           allow_network=allow_network)
    print_result(result, fmt)


@app.command()
def path(
    source: Annotated[Path, typer.Argument(help=_SOURCE_HELP)],
    from_name: Annotated[str, typer.Argument(metavar="FROM")],
    to_name: Annotated[str, typer.Argument(metavar="TO")],
    all_certainties: Annotated[bool, typer.Option(help="Also follow denied and hypothetical edges.")] = False,
    certainty: Annotated[list[str] | None, typer.Option(help=_CERT_HELP)] = None,
    since: Annotated[str | None, typer.Option(help="Only facts overlapping this day or later (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Only facts overlapping this day or earlier (YYYY-MM-DD).")] = None,
) -> None:
    """Shortest paths between two entities, each hop with its relation, certainty and evidence."""
    from graphbuild.analysis import connection_paths, to_networkx
    from graphbuild.outputs.report import print_paths

    G = to_networkx(_graph(source), certainties=_certs(certainty, all_certainties), since=_date(since),
                    until=_date(until))
    print_paths(connection_paths(G, from_name, to_name))


@app.command()
def centrality(
    source: Annotated[Path, typer.Argument(help=_SOURCE_HELP)],
    measure: Annotated[str, typer.Option(help="degree, betweenness, pagerank or eigenvector.")] = "betweenness",
    top: Annotated[int, typer.Option(help="How many entities to list.")] = 10,
    certainty: Annotated[list[str] | None, typer.Option(help=_CERT_HELP)] = None,
    since: Annotated[str | None, typer.Option(help="Only facts overlapping this day or later (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Only facts overlapping this day or earlier (YYYY-MM-DD).")] = None,
) -> None:
    """Rank entities by centrality."""
    from graphbuild.analysis import rank_entities, to_networkx
    from graphbuild.outputs.report import print_ranking

    G = to_networkx(_graph(source), certainties=_certs(certainty), since=_date(since), until=_date(until))
    print_ranking(rank_entities(G, measure=measure, top=top), measure)


@app.command()
def html(
    source: Annotated[Path, typer.Argument(help=_SOURCE_HELP)],
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML file to write.")],
    path_between: Annotated[tuple[str, str] | None, typer.Option("--path", help="Highlight a path: FROM TO.")] = None,
    title: Annotated[str, typer.Option(help="Page title.")] = "graphbuild",
    certainty: Annotated[list[str] | None, typer.Option(help=_CERT_HELP + " Default: all.")] = None,
    since: Annotated[str | None, typer.Option(help="Only facts overlapping this day or later (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Only facts overlapping this day or earlier (YYYY-MM-DD).")] = None,
) -> None:
    """Write a self-contained interactive graph page that works offline."""
    from graphbuild.analysis import to_networkx
    from graphbuild.analysis.paths import connection_paths, find_entity
    from graphbuild.outputs.visualize import write_html

    ds = _graph(source)
    window = {"since": _date(since), "until": _date(until)}
    G = to_networkx(ds, certainties=_certs(certainty, all_certainties=not certainty), **window)
    nodes = None
    if path_between:
        shown = to_networkx(ds, certainties=_certs(certainty), **window)
        hops = connection_paths(shown, *path_between)[0]
        nodes = [find_entity(shown, path_between[0])]
        label_to_node = {d["label"]: n for n, d in shown.nodes(data=True)}
        for hop in hops:
            nxt = label_to_node[hop.object] if label_to_node[hop.subject] == nodes[-1] else label_to_node[hop.subject]
            nodes.append(nxt)
    write_html(G, output, title=title, highlight_path=nodes)
    typer.echo(f"wrote {output}", err=True)


@app.command()
def validate(source: Annotated[Path, typer.Argument(help=_SOURCE_HELP)]) -> None:
    """Validate a graph or a store against ontology/shapes.ttl (SHACL)."""
    from graphbuild.rdf.validate import validate_graph
    from graphbuild.store.endpoint import endpoint_url

    if (url := endpoint_url(source)) is not None:  # the union of the endpoint's graphbuild graphs, fetched
        from graphbuild.store.endpoint import Endpoint
        from graphbuild.store.view import validate_store

        with Endpoint.from_env(url) as ep:
            report = validate_store(ep.dump())
    elif _is_store_path(source):
        from graphbuild.store.disk import open_read as readable
        from graphbuild.store.view import validate_store

        with readable(source) as handle:
            report = validate_store(handle.ox)
    else:
        report = validate_graph(_graph(source))
    if not report.conforms:
        typer.echo(report.text, err=True)
        raise NoResult(f"{url or source} does not conform: {report.violations} violation(s)")
    typer.echo(f"{url or source} conforms to the shapes ({report.warnings} warning(s))")


@app.command()
def report(
    source: Annotated[Path, typer.Argument(help=_SOURCE_HELP)],
    path_between: Annotated[tuple[str, str] | None, typer.Option("--path", help="Also show a path: FROM TO.")] = None,
    top: Annotated[int, typer.Option(help="How many central entities to list.")] = 8,
) -> None:
    """Print the defections with certainty and sources, the most central entities, and a path."""
    from graphbuild.analysis import connection_paths, rank_entities, to_networkx
    from graphbuild.outputs.report import defections, print_defections, print_paths, print_ranking

    ds = _graph(source)
    print_defections(defections(ds))
    G = to_networkx(ds)
    print_ranking(rank_entities(G, measure="betweenness", top=top), "betweenness")
    if path_between:
        print_paths(connection_paths(G, *path_between))


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Article files (.txt), folders, CSV or JSONL.")],
    store: Annotated[Path, typer.Option("--store", help="Store directory (created when missing or empty).")],
    workers: Annotated[int, typer.Option(min=1, help="Extraction processes (each parses and extracts its articles).")] = 1,
    published: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD for every article.")] = None,
    force: Annotated[bool, typer.Option(help="Re-extract articles whose text is unchanged.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="One line per written article.")] = False,
    relink: Annotated[bool, typer.Option(help="Re-link earlier articles' short names once a full name is known.")]
    = True,
    cluster: Annotated[str | None, typer.Option(help="Extract on a Dask cluster: tcp://HOST:8786, a scheduler file "
                                                     "(.json) or local:N (N worker processes here).")] = None,
    endpoint: Annotated[str | None, typer.Option(help="Also write every graph the run changes to this SPARQL 1.1 "
                                                      "store (its query URL), one Graph Store PUT per graph; "
                                                      "credentials from GRAPHBUILD_ENDPOINT_USER and "
                                                      "GRAPHBUILD_ENDPOINT_PASSWORD.")] = None,
    gsp_url: Annotated[str | None, typer.Option("--gsp-url", help="The endpoint's Graph Store Protocol URL "
                                                                 "(guessed for Oxigraph, Virtuoso, Fuseki).")] = None,
) -> None:
    """Ingest a corpus into a persistent store: idempotent, one transaction per article, progress bar."""
    from graphbuild.errors import GraphbuildError as _Err
    from graphbuild.errors import IngestError
    from graphbuild.store.ingest import IngestReport
    from graphbuild.store.ingest import ingest as run_ingest

    log = (lambda line: typer.echo(line, err=True)) if verbose else None
    result: IngestReport
    if cluster or endpoint:
        from graphbuild.distributed.run import ingest as scaled_ingest  # the same ingest, extraction or copy elsewhere

        sources: list[Path | str] = list(paths)
        result = scaled_ingest(sources, store, workers=workers, published=_date(published), force=force, log=log,
                               relink=relink, cluster=cluster, endpoint=endpoint, gsp_url=gsp_url)
    else:
        result = run_ingest(list[Path | str](paths), store, workers=workers, published=_date(published), force=force, log=log,
                            relink=relink)
    typer.echo(result.summary(store), err=True)
    if endpoint:
        typer.echo(f"wrote {getattr(result, 'mirrored', 0)} graph(s) to {endpoint}", err=True)
    if result.failed and not (result.added or result.replaced or result.unchanged):
        raise IngestError(f"no article could be ingested ({result.failed} failed)")
    if result.failed:
        raise _Err(f"{result.failed} article(s) skipped (see above); the others are in {store}")


@app.command()
def serve(
    store: Annotated[Path, typer.Argument(help="Store directory.")],
    port: Annotated[int, typer.Option(help="TCP port.")] = 7878,
    bind: Annotated[str, typer.Option(help="Address to listen on (loopback by default).")] = "127.0.0.1",
    timeout: Annotated[float | None, typer.Option(help="Seconds before a query is stopped (whole seconds).")] = 30.0,
) -> None:
    """Serve a store read-only over the SPARQL 1.1 Protocol (POST/GET /query); updates are refused."""
    from graphbuild.store.server import serve as run_server

    code = run_server(store, port=port, bind=bind, timeout=timeout)
    if code not in (0, -15, 143):
        from graphbuild.errors import StoreError

        raise StoreError(f"the oxigraph server stopped with status {code}")


@app.command()
def unmerge(
    store: Annotated[Path, typer.Argument(help="Store directory.")],
    what: Annotated[str | None, typer.Argument(metavar="RECORD_OR_NAME",
                                               help="A merge record id (m-...) or a merged name; none lists them.")] = None,
) -> None:
    """Undo a cross-article merge (re-extracting the affected articles), or list the merge records."""
    if what is None:
        from graphbuild.store.disk import open_read as readable
        from graphbuild.store.registry import merge_records

        with readable(store) as handle:
            for r in merge_records(handle.ox):
                typer.echo(f"{r['id']}\t{r['article']}\t{r['label']!r} {r['from']} -> {r['to']}\t{r['evidence']}")
        return
    from graphbuild.store.ingest import unmerge as run_unmerge

    for r in run_unmerge(store, what):
        typer.echo(f"undid {r['id']} in {r['article']}: {r['label']!r} ({r['from']}) no longer merged into {r['to']}",
                   err=True)


_interrupts: list[int] = []  # the Ctrl-Cs this run received, whether or not their KeyboardInterrupt got through


def _on_sigint(signum: int, frame: object) -> None:
    """Python's own Ctrl-C handler, remembering that it ran."""
    _interrupts.append(signum)
    raise KeyboardInterrupt


def _raise_if_interrupt_was_swallowed() -> None:
    """Raise KeyboardInterrupt again if a Ctrl-C came and the run still got here.

    Some compiled modules ignore every error while they register with ``abc`` at import time, so a Ctrl-C
    during the first imports of spaCy can vanish; commands call this before they write anything.
    """
    if _interrupts:
        raise KeyboardInterrupt


def _exit_interrupted() -> NoReturn:
    """Say so and exit 130 after Ctrl-C, once every ``with`` and ``finally`` on the way up has run.

    Not ``sys.exit(130)``: under ``python -m``, CPython 3.11 remembers a KeyboardInterrupt that went through
    an ``exec`` of a string (dataclasses and namedtuples build their methods so, often during the imports
    of the first command) and then ends the process by SIGINT even though it was caught, so the caller saw
    -2 instead of 130. The exit handlers still run (worker processes are stopped, streams flushed).
    """
    typer.echo("graphbuild: interrupted", err=True)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe or stream: nothing more can be said
            stream.flush()
    os._exit(130)


def main() -> None:
    """Entry point: one line per user error, the documented exit codes, no tracebacks."""
    _interrupts.clear()
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # an inherited SIG_IGN stays ignored
        signal.signal(signal.SIGINT, _on_sigint)
    try:
        code = app(standalone_mode=False)
    except GraphbuildError as e:
        typer.echo(f"graphbuild: error: {e}", err=True)
        sys.exit(e.exit_code)
    except KeyboardInterrupt:
        _exit_interrupted()
    except typer.Abort:
        sys.exit(130)
    except Exception as e:  # click's usage errors and exits (typer vendors its own click)
        if _interrupts:  # a Ctrl-C that a library turned into another error (Python 3.11 wraps one raised in
            _exit_interrupted()  # ``__set_name__``, as pydantic's models run it during spaCy's import, in RuntimeError)
        show = getattr(e, "show", None)
        if callable(show) and hasattr(e, "exit_code"):
            show()
            sys.exit(e.exit_code)
        if type(e).__name__ == "Exit" and hasattr(e, "exit_code"):
            sys.exit(e.exit_code)
        raise
    if code == 130:  # typer returns 130 on Ctrl-C instead of raising
        _exit_interrupted()
    if isinstance(code, int) and code:
        sys.exit(code)
