"""SHACL validation of a graph against ontology/shapes.ttl (pySHACL)."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from rdflib import Dataset, Graph


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """Whether the graph conforms, how many violations and warnings, and pySHACL's report text."""

    conforms: bool
    violations: int
    warnings: int
    text: str


def load_shapes() -> Graph:
    """The shapes graph shipped with graphbuild (the same file as ontology/shapes.ttl)."""
    data = resources.files("graphbuild.resources").joinpath("shapes.ttl").read_text(encoding="utf-8")
    return Graph().parse(data=data, format="turtle")


def validate_graph(ds: Dataset) -> ValidationReport:
    """Validate the union of a dataset's graphs against the shapes (no inference, SPARQL constraints on).

    Examples:
        >>> from graphbuild.rdf.build import new_dataset
        >>> validate_graph(new_dataset()).conforms
        True
    """
    import pyshacl
    from rdflib.namespace import SH

    data = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        data.add((s, p, o))
    conforms, report, text = pyshacl.validate(data, shacl_graph=load_shapes(), inference="none", advanced=True,
                                              allow_warnings=True)
    results = list(report.subjects(SH.resultSeverity, SH.Violation))
    warnings = list(report.subjects(SH.resultSeverity, SH.Warning))
    return ValidationReport(bool(conforms) and not results, len(results), len(warnings), str(text))
