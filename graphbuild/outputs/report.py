"""Human-readable results on the terminal: query rows, defections, rankings and paths."""

from __future__ import annotations

import csv
import io
import json
import sys
from dataclasses import dataclass

from rdflib import Dataset, URIRef
from rdflib.namespace import RDF, SKOS
from rdflib.term import Node

from graphbuild.analysis.centrality import RankedEntity
from graphbuild.analysis.paths import Hop
from graphbuild.analysis.projection import evidence_for
from graphbuild.outputs.sparql import QueryResult
from graphbuild.rdf.namespaces import GB, SEM


@dataclass(frozen=True, slots=True)
class DefectionRow:
    """A defection as a table row."""

    defector: str
    left: str
    to: str
    earliest: str
    latest: str
    certainty: str
    sources: tuple[str, ...]


def _label(ds: Dataset, node: Node | None) -> str:
    return str(ds.value(node, SKOS.prefLabel) or "") if node is not None else ""


def defections(ds: Dataset) -> list[DefectionRow]:
    """The defections of a graph with their overall certainty and who reports them."""
    rows = []
    for e in set(ds.subjects(RDF.type, GB.Defection)):
        assert isinstance(e, URIRef)
        t = ds.value(e, SEM.hasTime)
        to = ds.value(e, GB.destination) or ds.value(e, GB.joinedOrganization)
        cert = str(ds.value(e, GB.overallCertainty) or "").rsplit("#", 1)[-1].lower()
        sources = tuple(sorted({s for ev in evidence_for(ds, e) for s in ev.sources}))
        rows.append(DefectionRow(_label(ds, ds.value(e, GB.defector)), _label(ds, ds.value(e, GB.leftOrganization)),
                                 _label(ds, to), str(ds.value(t, SEM.hasEarliestBeginTimeStamp) or "") if t else "",
                                 str(ds.value(t, SEM.hasLatestEndTimeStamp) or "") if t else "", cert, sources))
    return sorted(rows, key=lambda r: (r.defector, r.left))


def _table(title: str, headers: list[str], rows: list[list[str]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, title_justify="left", show_lines=False)
    for h in headers:
        table.add_column(h, overflow="fold")
    for row in rows:
        table.add_row(*row)
    Console(width=140).print(table)


def print_defections(rows: list[DefectionRow]) -> None:
    """Print defections as a table."""
    _table("Defections", ["defector", "left", "to", "when", "certainty", "sources"],
           [[r.defector, r.left, r.to, f"{r.earliest}..{r.latest}" if r.earliest or r.latest else "",
             r.certainty, "; ".join(r.sources)] for r in rows])


def print_ranking(ranked: list[RankedEntity], measure: str) -> None:
    """Print ranked entities as a table."""
    _table(f"Top entities by {measure}", ["#", "entity", "type", measure],
           [[str(i), r.label, r.type, f"{r.score:.3f}"] for i, r in enumerate(ranked, 1)])


def print_paths(paths: list[list[Hop]]) -> None:
    """Print each path hop by hop with its evidence sentence."""
    for n, hops in enumerate(paths, 1):
        print(f"Path {n} ({len(hops)} hop{'s' if len(hops) != 1 else ''}):")
        for hop in hops:
            print(f"  {hop.subject} --{hop.relation} [{hop.certainty}]--> {hop.object}")
            for ev in hop.evidence[:2]:
                print(f"      evidence ({', '.join(ev.sources)}; {ev.certainty}): \"{ev.sentence}\"")


def print_result(result: QueryResult, fmt: str) -> None:
    """Print query rows as a table, CSV or JSON, with a note when the row cap cut them."""
    if fmt == "json":
        print(json.dumps({"variables": list(result.variables), "rows": [list(r) for r in result.rows],
                          "truncated": result.truncated}, ensure_ascii=False, indent=1))
    elif fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(result.variables)
        writer.writerows([["" if v is None else v for v in row] for row in result.rows])
        sys.stdout.write(out.getvalue())
    else:
        _table(f"{len(result.rows)} row(s)", list(result.variables),
               [["" if v is None else v for v in row] for row in result.rows])
    if result.truncated:
        print(f"graphbuild: truncated: only the first {len(result.rows)} rows are shown", file=sys.stderr)
