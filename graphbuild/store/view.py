"""A read-only, rdflib-flavoured view of a pyoxigraph store (the union of all its graphs), so that the
analysis and report code written against an rdflib ``Dataset`` runs unchanged over a store:
``subjects``, ``objects``, ``value``, ``triples`` and ``in``, with rdflib terms in and out."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphbuild.store.articles import from_ox, to_ox
from graphbuild.store.disk import union_dataset, union_is_fresh


def _ox(term: Any) -> Any:
    return None if term is None else to_ox(term)


def _union_graph_name(store: Any) -> Any:
    """The graph to read the union from: the materialized default graph when fresh, else all graphs."""
    import pyoxigraph as ox

    return ox.DefaultGraph() if union_is_fresh(store) else None


class StoreGraph:
    """The union of a pyoxigraph store's graphs, read through rdflib terms."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self._cache: dict[tuple[Any, Any], list[Any]] = {}
        self._graph = _union_graph_name(store)

    def _quads(self, s: Any, p: Any, o: Any) -> Iterator[Any]:
        quads: Iterator[Any] = self.store.quads_for_pattern(_ox(s), _ox(p), _ox(o), self._graph)
        return quads

    def triples(self, pattern: tuple[Any, Any, Any]) -> Iterator[tuple[Any, Any, Any]]:
        s, p, o = pattern
        seen = set()
        for q in self._quads(s, p, o):
            t = (q.subject, q.predicate, q.object)
            if t not in seen:
                seen.add(t)
                yield from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)

    def subjects(self, predicate: Any = None, object: Any = None) -> Iterator[Any]:
        seen = set()
        for q in self._quads(None, predicate, object):
            if q.subject not in seen:
                seen.add(q.subject)
                yield from_ox(q.subject)

    def objects(self, subject: Any = None, predicate: Any = None) -> Iterator[Any]:
        key = (subject, predicate)
        if key not in self._cache:
            self._cache[key] = list(dict.fromkeys(q.object for q in self._quads(subject, predicate, None)))
        for o in self._cache[key]:
            yield from_ox(o)

    def value(self, subject: Any = None, predicate: Any = None, object: Any = None, default: Any = None,
              any: bool = True) -> Any:
        if subject is None or predicate is None:
            return default
        for o in self.objects(subject, predicate):
            return o
        return default

    def __contains__(self, triple: tuple[Any, Any, Any]) -> bool:
        s, p, o = triple
        return next(iter(self._quads(s, p, o)), None) is not None

    def __len__(self) -> int:
        return len(self.store)


#: Oxigraph stores every literal of an xsd:integer-derived type as xsd:integer (add, extend, load and
#: INSERT DATA alike; pyoxigraph 0.5.13), so the NIF offsets written as xsd:nonNegativeInteger read back
#: as xsd:integer. Reading a store for validation gives them the contract's datatype back.
_NONNEGATIVE = {"http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex",
                "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#endIndex"}
_XSD = "http://www.w3.org/2001/XMLSchema#"


def union_graph(store: Any) -> Any:
    """The union of a store's graphs as an in-memory rdflib ``Graph`` (for pySHACL), NIF offsets
    re-typed as xsd:nonNegativeInteger (see :data:`_NONNEGATIVE`)."""
    from rdflib import Graph, Literal, URIRef

    g = Graph()
    add = g.add
    nonneg = URIRef(_XSD + "nonNegativeInteger")
    for q in store.quads_for_pattern(None, None, None, _union_graph_name(store)):
        o = from_ox(q.object)
        if q.predicate.value in _NONNEGATIVE and getattr(o, "datatype", None) == URIRef(_XSD + "integer") \
                and not str(o).startswith("-"):
            o = Literal(str(o), datatype=nonneg)
        add((from_ox(q.subject), from_ox(q.predicate), o))
    return g


def _split_sparql_constraints(shapes: Any) -> tuple[Any, list[dict[str, Any]]]:
    """Take the SPARQL-based constraints (``sh:sparql``) whose shape is targeted by class out of the
    shapes graph: pySHACL re-parses their query once per focus node (about 0.1 s each, hours for a
    corpus store); evaluated once over the store they take seconds. Returns the shapes left for
    pySHACL and the constraints: select text, message, severity, target classes."""
    from rdflib import Graph, URIRef
    from rdflib.namespace import RDF, SH

    out = Graph()
    for t in shapes:
        out.add(t)
    for prefix, ns in shapes.namespaces():
        out.bind(prefix, ns)
    constraints = []
    for owner, _, c in list(shapes.triples((None, SH.sparql, None))):
        node_shape = owner
        parents = list(shapes.subjects(SH.property, owner))
        if parents:
            node_shape = parents[0]
        classes = [o for o in shapes.objects(node_shape, SH.targetClass) if isinstance(o, URIRef)]
        others = [p for p in (SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
                  if next(shapes.objects(node_shape, p), None) is not None]
        select = shapes.value(c, SH.select)
        if not classes or others or select is None or (node_shape, RDF.type, SH.NodeShape) not in shapes:
            continue
        severity = shapes.value(owner, SH.severity) or shapes.value(node_shape, SH.severity) or SH.Violation
        constraints.append({"select": str(select), "message": str(shapes.value(c, SH.message) or ""),
                            "severity": severity, "classes": [str(x) for x in classes], "shape": str(node_shape)})
        out.remove((owner, SH.sparql, c))
    return out, constraints


def _run_sparql_constraint(store: Any, constraint: dict[str, Any]) -> list[str]:
    """Focus nodes violating one SPARQL-based constraint: its query with ``$this`` bound to every
    instance of the target classes, evaluated once over the union of the store's graphs."""
    import re

    text = constraint["select"].replace("$this", "?this")
    where = re.search(r"WHERE\s*\{", text, re.I)
    if where is None:
        return []
    found: set[str] = set()
    for cls in constraint["classes"]:
        q = text[:where.end()] + f" ?this a <{cls}> . " + text[where.end():]
        q = re.sub(r"SELECT\s+(DISTINCT\s+)?\?this", "SELECT DISTINCT ?this", q, count=1, flags=re.I)
        for row in store.query(q, **union_dataset(store)):
            found.add(str(row["this"]))
    return sorted(found)


def validate_store(store: Any) -> Any:
    """SHACL validation of the union of a store's graphs (what ``graphbuild query`` sees) against the
    shapes; returns a :class:`graphbuild.rdf.validate.ValidationReport`.

    The core constraints run in pySHACL over an in-memory copy of the union; the SPARQL-based
    constraints of class-targeted shapes run once each over the store (same semantics: ``$this``
    pre-bound to each target)."""
    import pyshacl
    from rdflib.namespace import SH

    from graphbuild.rdf.validate import ValidationReport, load_shapes

    shapes, constraints = _split_sparql_constraints(load_shapes())
    data = union_graph(store)
    conforms, report, text = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=True,
                                              allow_warnings=True)
    violations = len(list(report.subjects(SH.resultSeverity, SH.Violation)))
    warnings = len(list(report.subjects(SH.resultSeverity, SH.Warning)))
    lines = [str(text).rstrip()]
    for c in constraints:
        bad = _run_sparql_constraint(store, c)
        if not bad:
            continue
        level = "Violation" if c["severity"] == SH.Violation else "Warning"
        if level == "Violation":
            violations += len(bad)
        else:
            warnings += len(bad)
        lines.append(f"{level} ({len(bad)}) in {c['shape']}: {c['message']}")
        lines += [f"\tFocus Node: <{node}>" for node in bad[:20]]
    return ValidationReport(bool(conforms) and violations == 0, violations, warnings, "\n".join(lines))
