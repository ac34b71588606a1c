"""Project the RDF graph onto a networkx graph of entities, each edge with its certainty and evidence."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import Dataset, URIRef
from rdflib.namespace import RDF, SKOS

from graphbuild.rdf.namespaces import FOAF, GB, NIF, ORG, PROV, SCHEMA

if TYPE_CHECKING:
    import networkx as nx

TYPE_NAMES: dict[URIRef, str] = {
    SCHEMA.Person: "person", GB.Regime: "regime", SCHEMA.GovernmentOrganization: "organization",
    SCHEMA.NewsMediaOrganization: "organization", SCHEMA.Organization: "organization",
    SCHEMA.Country: "country", SCHEMA.City: "place", SCHEMA.Place: "place", FOAF.Group: "group",
}
_CERTAINTY_NAMES = {GB.Confirmed: "confirmed", GB.Claimed: "claimed", GB.Unconfirmed: "unconfirmed",
                    GB.Denied: "denied", GB.Hypothetical: "hypothetical"}


@dataclass(frozen=True, slots=True)
class Evidence:
    """One claim behind an edge: who says it, how sure, in which sentence."""

    sentence: str
    sources: tuple[str, ...]
    certainty: str
    article: str
    begin: int
    end: int


def _short(iri: URIRef) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def entity_type(ds: Dataset, node: URIRef) -> str | None:
    """The display type of an entity node, or None when it is not an entity."""
    types = set(ds.objects(node, RDF.type))
    for cls, name in TYPE_NAMES.items():
        if cls in types:
            return name
    return None


def _label(ds: Dataset, node: URIRef) -> str:
    return str(ds.value(node, SKOS.prefLabel) or _short(node))


def evidence_for(ds: Dataset, fact: URIRef) -> list[Evidence]:
    """The claims about a fact, sorted by position in their article."""
    out = []
    for claim in ds.subjects(GB.about, fact):
        sentence = ds.value(claim, PROV.wasDerivedFrom)
        sources = tuple(sorted(_label(ds, s) for s in ds.objects(claim, PROV.wasAttributedTo)))
        cert = _CERTAINTY_NAMES.get(ds.value(claim, GB.certainty), "")  # type: ignore[arg-type]
        article = ds.value(claim, SCHEMA.appearance)
        begin = ds.value(sentence, NIF.beginIndex) if sentence else None
        end = ds.value(sentence, NIF.endIndex) if sentence else None
        out.append(Evidence(str(ds.value(sentence, NIF.anchorOf) or ""), sources, cert,
                            str(article or ""), int(begin or 0), int(end or 0)))
    return sorted(set(out), key=lambda e: (e.article, e.begin, e.sources))


def to_networkx(ds: Dataset, *, certainties: frozenset[str] | None = None) -> nx.MultiDiGraph:
    """Entities as nodes (label, type, names) and shortcut edges with certainty and evidence.

    ``certainties`` keeps only edges whose overall certainty is in the set (default: all plain edges,
    i.e. confirmed, claimed and unconfirmed).

    Examples:
        >>> from graphbuild.rdf.build import new_dataset
        >>> to_networkx(new_dataset()).number_of_nodes()
        0
    """
    import networkx as nx

    G = nx.MultiDiGraph()
    for st in sorted(set(ds.subjects(RDF.type, GB.Statement))):
        s, p, o = ds.value(st, RDF.subject), ds.value(st, RDF.predicate), ds.value(st, RDF.object)
        if not isinstance(s, URIRef) or not isinstance(o, URIRef) or not isinstance(p, URIRef):
            continue
        cert = _CERTAINTY_NAMES.get(ds.value(st, GB.overallCertainty), "")  # type: ignore[arg-type]
        if certainties is not None and cert not in certainties:
            continue
        if certainties is None and (s, p, o) not in ds:
            continue
        stype, otype = entity_type(ds, s), entity_type(ds, o)
        if stype is None or otype is None:
            continue
        for node, kind in ((s, stype), (o, otype)):
            if str(node) not in G:
                names = sorted({str(n) for n in ds.objects(node, SKOS.altLabel)})
                G.add_node(str(node), label=_label(ds, node), type=kind, names=names)
        fact = ds.value(st, GB.derivedFromFact) or st
        G.add_edge(str(s), str(o), key=str(p), predicate=str(p), label=_short(p), certainty=cert,
                   statement=str(st), evidence=evidence_for(ds, fact))  # type: ignore[arg-type]
    return G


_ = ORG
