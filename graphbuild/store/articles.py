"""One article's facts in *store form*: the quads of its named graph inside a store.

The RDF stage writes one self-contained graph per article (a file build). In a store many article
graphs are queried as one union, so what must be single-valued over the union is kept out of the
article graphs and re-aggregated in the derived graph (:mod:`graphbuild.store.derived`):

* ``gb:overallCertainty`` is dropped (the derived graph holds one value per fact over every claim);
* shortcut edges (the plain ``s p o`` of a reified statement) are dropped (the derived graph holds them
  when the re-aggregated certainty allows);
* ``skos:prefLabel`` of entities, facts, roles and posts becomes ``rdfs:label`` (the article's display
  name; the derived graph elects one ``skos:prefLabel`` and keeps the others as ``skos:altLabel``);
* the single-valued ``sem:hasTime`` and ``gb:post`` become ``sem:View`` nodes (``rdf:subject``,
  ``rdf:predicate``, ``rdf:object``, ``sem:accordingTo`` the article): the time *according to this
  article*; the derived graph writes the one aggregated value.

Everything else (claims, sentences, offsets, entity types, alt labels, roles) is as the RDF stage
wrote it. The article graph also says it is a ``prov:Bundle`` derived from the article.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDFS
from rdflib.term import Node

from graphbuild.errors import GraphbuildError
from graphbuild.rdf.namespaces import GB, PROV, RDF, SEM, SKOS, XSD
from graphbuild.resolve.identity import doc_iri, graph_iri, stable_hash

if TYPE_CHECKING:
    from graphbuild.model import ArticleFacts

#: properties that must have one value over the union; per article they become sem:View nodes
SINGLE_VALUED = (SEM.hasTime, GB.post)
SEM_VIEW = SEM.View
SEM_ACCORDING_TO = SEM.accordingTo


def to_ox(term: Any) -> Any:
    """An rdflib term as a pyoxigraph term (no blank nodes: the store never holds one)."""
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None and str(term.datatype) != str(XSD.string):
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        raise GraphbuildError("a blank node reached the store writer (IRIs must be deterministic)")
    raise GraphbuildError(f"cannot store term {term!r}")


def from_ox(term: Any) -> Any:
    """A pyoxigraph term as an rdflib term (xsd:string literals become plain literals)."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt == str(XSD.string):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise GraphbuildError(f"cannot convert term {term!r}")


def store_triples(facts: ArticleFacts) -> list[tuple[Node, Node, Node]]:
    """The rdflib triples of one article's graph in store form (see the module docstring)."""
    from graphbuild.rdf.build import article_triples

    doc = URIRef(doc_iri(facts.article.doc_id))
    name = URIRef(graph_iri(facts.article.doc_id))
    triples = article_triples(facts)
    parts: dict[Any, dict[Any, Any]] = {}
    statements = set()
    for s, p, o in triples:
        if p in (RDF.subject, RDF.predicate, RDF.object):
            parts.setdefault(s, {})[p] = o
        elif p == RDF.type and o == GB.Statement:
            statements.add(s)
    shortcuts = {(parts[st].get(RDF.subject), parts[st].get(RDF.predicate), parts[st].get(RDF.object))
                 for st in statements if st in parts}
    out: list[tuple[Node, Node, Node]] = []
    for s, p, o in triples:
        if p == GB.overallCertainty or (s, p, o) in shortcuts:
            continue
        if p == SKOS.prefLabel and s != doc:
            out.append((s, RDFS.label, o))
        elif p in SINGLE_VALUED:
            view = URIRef(f"{doc}#view-{stable_hash(f'{s}|{p}|{o}')}")
            out += [(view, RDF.type, SEM_VIEW), (view, RDF.subject, s), (view, RDF.predicate, p),
                    (view, RDF.object, o), (view, SEM_ACCORDING_TO, doc)]
        else:
            out.append((s, p, o))
    out += [(name, RDF.type, PROV.Bundle), (name, PROV.wasDerivedFrom, doc)]
    return list(dict.fromkeys(out))


def article_quads(facts: ArticleFacts) -> list[Any]:
    """One article's named graph in store form, as pyoxigraph quads."""
    import pyoxigraph as ox

    g = ox.NamedNode(graph_iri(facts.article.doc_id))
    return [ox.Quad(to_ox(s), to_ox(p), to_ox(o), g) for s, p, o in store_triples(facts)]
