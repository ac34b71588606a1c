"""Project the RDF graph onto a networkx graph of entities, each edge with its certainty and evidence."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rdflib import Dataset, URIRef
from rdflib.namespace import RDF, SKOS

from graphbuild.rdf.namespaces import DCTERMS, FOAF, GB, NIF, ORG, PROV, SCHEMA, SEM

if TYPE_CHECKING:
    import networkx as nx

TYPE_NAMES: dict[URIRef, str] = {
    SCHEMA.Person: "person", GB.Regime: "regime", SCHEMA.GovernmentOrganization: "organization",
    SCHEMA.NewsMediaOrganization: "organization", SCHEMA.Organization: "organization",
    SCHEMA.Country: "country", SCHEMA.City: "place", SCHEMA.Place: "place", FOAF.Group: "group",
}
_CERTAINTY_NAMES: dict[Any, str] = {
    GB.Confirmed: "confirmed", GB.Claimed: "claimed", GB.Unconfirmed: "unconfirmed", GB.Denied: "denied",
    GB.Hypothetical: "hypothetical"}


@dataclass(frozen=True, slots=True)
class Evidence:
    """One claim behind an edge: who says it, how sure, in which sentence."""

    sentence: str
    sources: tuple[str, ...]
    certainty: str
    article: str
    begin: int
    end: int


def _short(iri: Any) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def entity_type(ds: Dataset, node: URIRef) -> str | None:
    """The display type of an entity node, or None when it is not an entity."""
    types = set(ds.objects(node, RDF.type))
    for cls, name in TYPE_NAMES.items():
        if cls in types:
            return name
    return None


def _label(ds: Any, node: Any) -> str:
    return str(ds.value(node, SKOS.prefLabel) or _short(node))


def _offset(value: Any) -> int:
    """An offset literal as an int (0 when missing)."""
    return int(value or 0)


def evidence_for(ds: Dataset, fact: URIRef) -> list[Evidence]:
    """The claims about a fact, sorted by position in their article."""
    out = []
    for claim in ds.subjects(GB.about, fact):
        sentence = ds.value(claim, PROV.wasDerivedFrom)
        sources = tuple(sorted(_label(ds, s) for s in ds.objects(claim, PROV.wasAttributedTo)))
        cert = _CERTAINTY_NAMES.get(ds.value(claim, GB.certainty), "")
        article = ds.value(claim, SCHEMA.appearance)
        begin = ds.value(sentence, NIF.beginIndex) if sentence else None
        end = ds.value(sentence, NIF.endIndex) if sentence else None
        out.append(Evidence(str(ds.value(sentence, NIF.anchorOf) or ""), sources, cert,
                            str(article or ""), _offset(begin), _offset(end)))
    return sorted(set(out), key=lambda e: (e.article, e.begin, e.sources))


def as_graph(source: Any) -> Any:
    """What the projection reads: an rdflib ``Dataset``/``Graph`` as is; a pyoxigraph store, an open
    graphbuild store or a :class:`graphbuild.store.view.StoreGraph` as the union of the store's graphs."""
    from graphbuild.store.view import StoreGraph

    if isinstance(source, StoreGraph) or hasattr(source, "subjects"):
        return source
    if hasattr(source, "ox"):  # graphbuild.store.disk.OpenStore
        return StoreGraph(source.ox)
    if hasattr(source, "quads_for_pattern"):  # pyoxigraph.Store
        return StoreGraph(source)
    raise TypeError(f"cannot project {type(source).__name__}")


def _dates(ds: Any, fact: URIRef) -> tuple[dt.date | None, dt.date | None]:
    """When a fact holds: its time bounds (``sem:hasTime``, ``org:memberDuring``), else the publication
    dates of the articles that report it."""
    lo: list[dt.date] = []
    hi: list[dt.date] = []
    for prop in (SEM.hasTime, ORG.memberDuring):
        for t in ds.objects(fact, prop):
            e, la = ds.value(t, SEM.hasEarliestBeginTimeStamp), ds.value(t, SEM.hasLatestEndTimeStamp)
            if e is not None:
                lo.append(dt.date.fromisoformat(str(e)))
            if la is not None:
                hi.append(dt.date.fromisoformat(str(la)))
    if lo or hi:
        return (min(lo) if lo else None), (max(hi) if hi else None)
    issued = []
    for claim in ds.subjects(GB.about, fact):
        for article in ds.objects(claim, SCHEMA.appearance):
            d = ds.value(article, DCTERMS.issued)
            if d is not None:
                issued.append(dt.date.fromisoformat(str(d)))
    return (min(issued), max(issued)) if issued else (None, None)


def in_window(bounds: tuple[dt.date | None, dt.date | None], since: dt.date | None, until: dt.date | None) -> bool:
    """Whether a fact's period overlaps [since, until]; a fact with no date at all is outside any window.

    >>> import datetime as dt
    >>> in_window((dt.date(2012, 7, 1), dt.date(2012, 7, 31)), dt.date(2012, 7, 15), None)
    True
    >>> in_window((None, dt.date(2011, 12, 31)), dt.date(2012, 1, 1), None)
    False
    """
    lo, hi = bounds
    if lo is None and hi is None:
        return False
    if since is not None and hi is not None and hi < since:
        return False
    return not (until is not None and lo is not None and lo > until)


def to_networkx(source: Any, *, certainties: frozenset[str] | None = None, since: dt.date | None = None,
                until: dt.date | None = None) -> nx.MultiDiGraph:
    """Entities as nodes (label, type, names) and shortcut edges with certainty and evidence.

    ``source`` is an rdflib dataset (a graph file) or a store (a pyoxigraph store, an open graphbuild
    store): the same projection either way. ``certainties`` keeps only edges whose overall certainty is
    in the set (default: all plain edges, i.e. confirmed, claimed and unconfirmed). ``since``/``until``
    keep only edges whose fact (the event or membership behind it, else the edge itself) overlaps the
    window: by its time bounds, else by the publication dates of the articles reporting it. Each edge
    keeps those dates as ``period`` (earliest, latest), either of them None when unknown.

    Examples:
        >>> from graphbuild.rdf.build import new_dataset
        >>> to_networkx(new_dataset()).number_of_nodes()
        0
    """
    import networkx as nx

    ds = as_graph(source)
    G = nx.MultiDiGraph()
    for st in sorted(set(ds.subjects(RDF.type, GB.Statement))):
        s, p, o = ds.value(st, RDF.subject), ds.value(st, RDF.predicate), ds.value(st, RDF.object)
        if not isinstance(s, URIRef) or not isinstance(o, URIRef) or not isinstance(p, URIRef):
            continue
        cert = _CERTAINTY_NAMES.get(ds.value(st, GB.overallCertainty), "")
        if certainties is not None and cert not in certainties:
            continue
        if certainties is None and (s, p, o) not in ds:
            continue
        stype, otype = entity_type(ds, s), entity_type(ds, o)
        if stype is None or otype is None:
            continue
        fact = ds.value(st, GB.derivedFromFact) or st
        period = _dates(ds, fact)
        if (since is not None or until is not None) and not in_window(period, since, until):
            continue
        for node, kind in ((s, stype), (o, otype)):
            if str(node) not in G:
                names = sorted({str(n) for n in ds.objects(node, SKOS.altLabel)})
                G.add_node(str(node), label=_label(ds, node), type=kind, names=names)
        G.add_edge(str(s), str(o), key=str(p), predicate=str(p), label=_short(p), certainty=cert,
                   statement=str(st), evidence=evidence_for(ds, fact), period=period)
    return G

