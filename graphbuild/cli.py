"""The command line: thin wrappers over the public functions (see README for exit codes)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

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


def _graph(source: Path):  # type: ignore[no-untyped-def]
    from graphbuild.outputs.files import read_graph

    return read_graph(source)


@app.command()
def extract(
    articles: Annotated[list[Path], typer.Argument(help="Article files (.txt), folders, CSV or JSONL.")],
    output: Annotated[list[Path], typer.Option("-o", "--output", help="Graph file(s): .trig .ttl .nq .jsonld.")],
    published: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD anchoring relative dates.")] = None,
) -> None:
    """Extract entities, roles, events and claims from articles into RDF files."""
    from graphbuild.ingest import read_articles
    from graphbuild.outputs.files import format_for, write_graph
    from graphbuild.pipeline import build_graph

    for out in output:
        format_for(out)
    docs = list(read_articles(articles, published=_date(published)))
    ds = build_graph(docs)
    for out in output:
        write_graph(ds, out)
    for doc in docs:
        date = doc.published.isoformat() if doc.published else "none (relative dates left open)"
        typer.echo(f"{doc.doc_id}: published {date} (from {doc.published_source})", err=True)
    typer.echo(f"wrote {', '.join(str(o) for o in output)}", err=True)


@app.command()
def query(
    source: Annotated[Path, typer.Argument(help="Graph file or store directory.")],
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
    result = run_query(source, text, bindings=bindings, limit=limit, timeout=timeout, allow_network=allow_network)
    print_result(result, fmt)


@app.command()
def path(
    source: Annotated[Path, typer.Argument(help="Graph file.")],
    from_name: Annotated[str, typer.Argument(metavar="FROM")],
    to_name: Annotated[str, typer.Argument(metavar="TO")],
    all_certainties: Annotated[bool, typer.Option(help="Also follow denied and hypothetical edges.")] = False,
) -> None:
    """Shortest paths between two entities, each hop with its relation, certainty and evidence."""
    from graphbuild.analysis import connection_paths, to_networkx
    from graphbuild.outputs.report import print_paths

    certs = frozenset({"confirmed", "claimed", "unconfirmed", "denied", "hypothetical"}) if all_certainties else None
    print_paths(connection_paths(to_networkx(_graph(source), certainties=certs), from_name, to_name))


@app.command()
def centrality(
    source: Annotated[Path, typer.Argument(help="Graph file.")],
    measure: Annotated[str, typer.Option(help="degree, betweenness, pagerank or eigenvector.")] = "betweenness",
    top: Annotated[int, typer.Option(help="How many entities to list.")] = 10,
) -> None:
    """Rank entities by centrality."""
    from graphbuild.analysis import rank_entities, to_networkx
    from graphbuild.outputs.report import print_ranking

    print_ranking(rank_entities(to_networkx(_graph(source)), measure=measure, top=top), measure)


@app.command()
def html(
    source: Annotated[Path, typer.Argument(help="Graph file.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML file to write.")],
    path_between: Annotated[tuple[str, str] | None, typer.Option("--path", help="Highlight a path: FROM TO.")] = None,
    title: Annotated[str, typer.Option(help="Page title.")] = "graphbuild",
) -> None:
    """Write a self-contained interactive graph page that works offline."""
    from graphbuild.analysis import to_networkx
    from graphbuild.analysis.paths import connection_paths, find_entity
    from graphbuild.outputs.visualize import write_html

    G = to_networkx(_graph(source), certainties=frozenset(
        {"confirmed", "claimed", "unconfirmed", "denied", "hypothetical"}))
    nodes = None
    if path_between:
        shown = to_networkx(_graph(source))
        hops = connection_paths(shown, *path_between)[0]
        nodes = [find_entity(shown, path_between[0])]
        label_to_node = {d["label"]: n for n, d in shown.nodes(data=True)}
        for hop in hops:
            nxt = label_to_node[hop.object] if label_to_node[hop.subject] == nodes[-1] else label_to_node[hop.subject]
            nodes.append(nxt)
    write_html(G, output, title=title, highlight_path=nodes)
    typer.echo(f"wrote {output}", err=True)


@app.command()
def validate(source: Annotated[Path, typer.Argument(help="Graph file.")]) -> None:
    """Validate a graph against ontology/shapes.ttl (SHACL)."""
    from graphbuild.rdf.validate import validate_graph

    report = validate_graph(_graph(source))
    if not report.conforms:
        typer.echo(report.text, err=True)
        raise NoResult(f"{source} does not conform: {report.violations} violation(s)")
    typer.echo(f"{source} conforms to the shapes ({report.warnings} warning(s))")


@app.command()
def report(
    source: Annotated[Path, typer.Argument(help="Graph file.")],
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


def main() -> None:
    """Entry point: one line per user error, the documented exit codes, no tracebacks."""
    try:
        app(standalone_mode=False)
    except GraphbuildError as e:
        typer.echo(f"graphbuild: error: {e}", err=True)
        sys.exit(e.exit_code)
    except KeyboardInterrupt:
        typer.echo("graphbuild: interrupted", err=True)
        sys.exit(130)
    except typer.Abort:
        sys.exit(130)
    except Exception as e:  # click's usage errors and exits (typer vendors its own click)
        show = getattr(e, "show", None)
        if callable(show) and hasattr(e, "exit_code"):
            show()
            sys.exit(e.exit_code)
        if type(e).__name__ == "Exit" and hasattr(e, "exit_code"):
            sys.exit(e.exit_code)
        raise
