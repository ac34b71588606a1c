"""Tables and charts for notebooks: typed rows over a graph, DataFrames on demand, the graph inline.

Every ``*_table`` function (and :func:`timeline`) returns a :class:`Table`: a plain list of frozen
dataclass rows that needs nothing beyond graphbuild's own dependencies. ``table.to_frame()`` (or
:func:`to_frame`, which also takes a SPARQL :class:`~graphbuild.outputs.sparql.QueryResult`) turns it
into a pandas DataFrame, importing pandas only then; the ``plot_*`` functions draw with matplotlib,
imported only then (``pip install -e '.[notebooks]'`` brings both).

The graph functions take a dataset as :func:`graphbuild.outputs.files.read_graph` returns it (its
default graph is the union of the article graphs), as :func:`graphbuild.pipeline.build_graph`
returns it (read through a union view), or a store made by :func:`graphbuild.store.ingest.ingest`
(opened with :func:`graphbuild.store.disk.open_read`; read as the union of its graphs, derived graph
included: contradictions are only found in a store); the others take what :mod:`graphbuild.analysis`
returns.

Example (on a graph file; ``build_graph`` gives the same dataset from articles):
    >>> from graphbuild.outputs.files import read_graph
    >>> ds = read_graph("tests/data/golden/seed.nq")
    >>> rows = defections_table(ds)
    >>> sorted(r.certainty for r in rows)
    ['confirmed', 'confirmed', 'confirmed', 'hypothetical', 'unconfirmed']
    >>> rows.to_frame().columns[:3].tolist()
    ['defector', 'left', 'to']
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import itertools
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeAlias, TypeVar

from rdflib import Dataset, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from graphbuild.analysis.centrality import rank_entities
from graphbuild.analysis.communities import find_communities
from graphbuild.analysis.paths import Hop, find_entity
from graphbuild.analysis.projection import Evidence, as_graph, entity_type, evidence_for
from graphbuild.errors import GraphbuildError
from graphbuild.outputs.sparql import QueryResult
from graphbuild.rdf.namespaces import GB, ITSRDF, NIF, SCHEMA, SEM

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd
    from matplotlib.axes import Axes

    from graphbuild.store.disk import OpenStore
    from graphbuild.store.view import StoreGraph

R = TypeVar("R")
#: what the graph functions read: a dataset, an open store (``open_read``) or a store view
Source: TypeAlias = "Dataset | OpenStore | StoreGraph"

#: event classes, in the order a kind is picked when an event has several
EVENT_KINDS = ("Defection", "Appointment", "Dismissal", "Resignation", "Arrest")
#: event roles, in display order
EVENT_ROLES = ("defector", "affectedPerson", "leftOrganization", "joinedOrganization", "destination", "initiator")
#: certainty -> chart colour
CERTAINTY_COLOURS = {"confirmed": "#2e7d32", "claimed": "#1f77b4", "unconfirmed": "#ff7f0e",
                     "denied": "#d62728", "hypothetical": "#9467bd"}


class Table(list[R], Generic[R]):
    """A list of typed rows that knows its columns, even when empty.

    >>> t = Table([CentralityRow(1, "Tannous regime", "regime", 0.2, 4, "urn:x")], row_type=CentralityRow)
    >>> t.columns[:3], t[0].label
    (('rank', 'label', 'type'), 'Tannous regime')
    """

    def __init__(self, rows: Iterable[R] = (), *, row_type: type[R]) -> None:
        super().__init__(rows)
        self.row_type = row_type

    @property
    def columns(self) -> tuple[str, ...]:
        """The field names of the row type, in order."""
        return tuple(f.name for f in dataclasses.fields(self.row_type))  # type: ignore[arg-type]

    def to_frame(self) -> pd.DataFrame:
        """These rows as a pandas DataFrame (see :func:`to_frame`)."""
        return to_frame(self)


@dataclass(frozen=True, slots=True)
class EntityRow:
    """An entity: display label and type, every other name, how often and in how many articles it is
    mentioned."""

    label: str
    type: str
    names: tuple[str, ...]
    mentions: int
    articles: int
    iri: str


@dataclass(frozen=True, slots=True)
class DefectionRow:
    """A defection with its overall certainty, everyone who reports it and the sentences that say so
    (``earliest``/``latest`` bound when it happened, normalized against the publication date)."""

    defector: str
    left: str
    to: str
    earliest: dt.date | None
    latest: dt.date | None
    certainty: str
    sources: tuple[str, ...]
    evidence: tuple[str, ...]
    event: str


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """One source's stance on one fact, in one sentence (``begin``/``end`` are its offsets)."""

    fact: str
    kind: str
    sources: tuple[str, ...]
    certainty: str
    sentence: str
    article: str
    begin: int
    end: int


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """A dated event: inclusive day bounds (either may be open), the time phrase and its granularity,
    the publication date it was normalized against, and the first sentence that reports it."""

    earliest: dt.date | None
    latest: dt.date | None
    event: str
    kind: str
    participants: tuple[str, ...]
    certainty: str
    timex: str
    granularity: str
    published: dt.date | None
    sentence: str
    iri: str


@dataclass(frozen=True, slots=True)
class CentralityRow:
    """An entity's rank and score under one measure, and its number of neighbours."""

    rank: int
    label: str
    type: str
    score: float
    connections: int
    iri: str


@dataclass(frozen=True, slots=True)
class HopRow:
    """One hop of a path, in the direction it was stated, with its first evidence sentence."""

    path: int
    hop: int
    subject: str
    relation: str
    object: str
    certainty: str
    sentence: str
    sources: tuple[str, ...]
    evidence: int


@dataclass(frozen=True, slots=True)
class ConnectionRow:
    """Two entities linked by one relation, in the direction it was stated: its overall certainty, every
    source of its claims, how many articles and claims support it, the outlets of those articles, and the
    first sentence that states it."""

    subject: str
    relation: str
    object: str
    certainty: str
    sources: tuple[str, ...]
    articles: int
    claims: int
    outlets: tuple[str, ...]
    sentence: str
    subject_type: str
    object_type: str


@dataclass(frozen=True, slots=True)
class ContradictionRow:
    """One claim on either side of a contradiction the store recorded (``kind`` is "certainty": confirmed or
    asserted versus denied; "events": a defection versus a dismissal of the same person in the same period;
    "time": one event dated in disjoint periods), with the contradiction's summary (``note``)."""

    kind: str
    fact: str
    certainty: str
    sources: tuple[str, ...]
    sentence: str
    article: str
    note: str
    contradiction: str


@dataclass(frozen=True, slots=True)
class DisputeRow:
    """A fact its sources disagree about: its overall certainty, the sources of each stance, how many claims
    and articles, and the kinds of contradiction the store recorded about it (if any)."""

    fact: str
    kind: str
    overall: str
    confirmed: tuple[str, ...]
    claimed: tuple[str, ...]
    unconfirmed: tuple[str, ...]
    denied: tuple[str, ...]
    hypothetical: tuple[str, ...]
    claims: int
    articles: int
    outlets: tuple[str, ...]
    contradictions: tuple[str, ...]
    iri: str


@dataclass(frozen=True, slots=True)
class CommunityRow:
    """A community of entities (1 is the largest): its best connected members first, how many of each type,
    and the entity pairs linked inside it and to the rest of the graph."""

    community: int
    size: int
    key_members: tuple[str, ...]
    types: str
    internal: int
    external: int
    members: tuple[str, ...]
    iris: tuple[str, ...]


def _union(ds: Source) -> Any:
    """A dataset itself, or a union view over its store when its default graph is not the union; a
    graphbuild or pyoxigraph store as the union of its graphs (:class:`~graphbuild.store.view.StoreGraph`)."""
    if not isinstance(ds, Dataset):
        return as_graph(ds)
    if not ds.default_union:
        return Dataset(store=ds.store, default_union=True)
    return ds


def _mentions(ds: Any, node: URIRef) -> set[tuple[Any, Any]]:
    """(phrase, article graph) of every mention of ``node``."""
    if isinstance(ds, Dataset):
        return {(p, c) for p, _, _, c in ds.quads((None, ITSRDF.taIdentRef, node, None))}
    from graphbuild.store.articles import to_ox

    return {(q.subject, q.graph_name) for q in ds.store.quads_for_pattern(None, to_ox(ITSRDF.taIdentRef),
                                                                            to_ox(node), None)}


def _label(ds: Any, node: Any) -> str:
    if node is None:
        return ""
    value = ds.value(node, SKOS.prefLabel) or ds.value(node, DCTERMS.title)
    return str(value) if value is not None else str(node).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _certainty(ds: Any, node: Any) -> str:
    return str(ds.value(node, GB.overallCertainty) or "").rsplit("#", 1)[-1].lower()


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    py = value.toPython() if hasattr(value, "toPython") else value
    if isinstance(py, dt.datetime):
        return py.date()
    if isinstance(py, dt.date):
        return py
    try:
        return dt.date.fromisoformat(str(py)[:10])
    except ValueError:
        return None


def _kind(ds: Any, node: Any) -> str:
    types = {str(t) for t in ds.objects(node, RDF.type)}
    for kind in EVENT_KINDS:
        if str(GB[kind]) in types:
            return kind
    if str(GB.Statement) in types:
        return "Statement"
    if "http://www.w3.org/ns/org#Membership" in types:
        return "Membership"
    return "Fact"


def _fact_label(ds: Any, fact: Any) -> str:
    pref = ds.value(fact, SKOS.prefLabel)
    if pref is not None:
        return str(pref)
    s, p, o = ds.value(fact, RDF.subject), ds.value(fact, RDF.predicate), ds.value(fact, RDF.object)
    if s is not None and p is not None and o is not None:
        return f"{_label(ds, s)} {str(p).rsplit('#', 1)[-1].rsplit('/', 1)[-1]} {_label(ds, o)}"
    return _label(ds, fact)


def entities_table(ds: Source) -> Table[EntityRow]:
    """Every entity of the graph, most mentioned first (ties by label).

    >>> from graphbuild.outputs.files import read_graph
    >>> rows = entities_table(read_graph("tests/data/golden/seed.nq"))
    >>> sorted({r.type for r in rows})
    ['country', 'group', 'organization', 'person', 'place', 'regime']
    """
    g = _union(ds)
    rows = []
    for node in set(g.subjects(SKOS.prefLabel, None)):
        if not isinstance(node, URIRef):
            continue
        kind = entity_type(g, node)
        if kind is None:
            continue
        label = _label(g, node)
        names = tuple(sorted({str(n) for n in g.objects(node, SKOS.altLabel)} - {label}))
        phrases = _mentions(g, node)
        mentions = len({p for p, _ in phrases})
        articles = len({c for _, c in phrases})
        rows.append(EntityRow(label, kind, names, mentions, articles, str(node)))
    rows.sort(key=lambda r: (-r.mentions, r.label.lower(), r.iri))
    return Table(rows, row_type=EntityRow)


def defections_table(ds: Source) -> Table[DefectionRow]:
    """The defections with overall certainty, sources and evidence sentences, by defector.

    >>> from graphbuild.outputs.files import read_graph
    >>> rows = defections_table(read_graph("tests/data/golden/seed.nq"))
    >>> envoy = next(r for r in rows if r.to == "Turkey")
    >>> envoy.certainty, envoy.earliest
    ('unconfirmed', datetime.date(2012, 7, 11))
    """
    g = _union(ds)
    rows = []
    for event in set(g.subjects(RDF.type, GB.Defection)):
        t = g.value(event, SEM.hasTime)
        to = g.value(event, GB.destination) or g.value(event, GB.joinedOrganization)
        evidence = evidence_for(g, event)
        rows.append(DefectionRow(
            _label(g, g.value(event, GB.defector)), _label(g, g.value(event, GB.leftOrganization)),
            _label(g, to), _date(g.value(t, SEM.hasEarliestBeginTimeStamp)) if t else None,
            _date(g.value(t, SEM.hasLatestEndTimeStamp)) if t else None, _certainty(g, event),
            tuple(sorted({s for ev in evidence for s in ev.sources})),
            tuple(dict.fromkeys(ev.sentence for ev in evidence if ev.sentence)), str(event)))
    rows.sort(key=lambda r: (r.defector.lower(), r.left.lower(), r.event))
    return Table(rows, row_type=DefectionRow)


def claims_table(ds: Source, *, kind: str | None = None) -> Table[ClaimRow]:
    """Who says what, how sure, in which sentence: one row per claim, by fact then position.

    ``kind`` keeps one kind of fact: an event class (``"Defection"``, ``"Appointment"``, ...),
    ``"Statement"`` (a relation between two entities) or ``"Membership"`` (a role).

    >>> from graphbuild.outputs.files import read_graph
    >>> rows = claims_table(read_graph("tests/data/golden/seed.nq"), kind="Defection")
    >>> sorted({r.certainty for r in rows})
    ['claimed', 'confirmed', 'hypothetical', 'unconfirmed']
    """
    g = _union(ds)
    rows = []
    titles: dict[str, str] = {}
    for fact in set(g.objects(None, GB.about)):
        fact_kind = _kind(g, fact)
        if kind is not None and fact_kind != kind:
            continue
        label = _fact_label(g, fact)
        for ev in evidence_for(g, fact):
            if ev.article not in titles:
                titles[ev.article] = _label(g, URIRef(ev.article)) if ev.article else ""
            rows.append(ClaimRow(label, fact_kind, ev.sources, ev.certainty, ev.sentence, titles[ev.article],
                                 ev.begin, ev.end))
    rows.sort(key=lambda r: (r.fact.lower(), r.article, r.begin, r.sources))
    return Table(rows, row_type=ClaimRow)


def timeline(ds: Source) -> Table[TimelineRow]:
    """The events with a normalized time, earliest first (an event with no bound at all is left out).

    >>> from graphbuild.outputs.files import read_graph
    >>> rows = timeline(read_graph("tests/data/golden/seed.nq"))
    >>> [(r.kind, str(r.earliest), str(r.latest)) for r in rows]
    [('Defection', '2011-01-01', '2011-12-31'), ('Defection', '2012-07-02', '2012-07-08'), ('Defection', '2012-07-11', '2012-07-11')]
    """
    g = _union(ds)
    rows = []
    for event in set(g.subjects(RDF.type, SEM.Event)):
        t = g.value(event, SEM.hasTime)
        if t is None:
            continue
        earliest = _date(g.value(t, SEM.hasEarliestBeginTimeStamp))
        latest = _date(g.value(t, SEM.hasLatestEndTimeStamp))
        if earliest is None and latest is None:
            continue
        people = [_label(g, g.value(event, GB[role])) for role in EVENT_ROLES if g.value(event, GB[role])]
        evidence = evidence_for(g, event)
        rows.append(TimelineRow(
            earliest, latest, _fact_label(g, event), _kind(g, event), tuple(dict.fromkeys(people)),
            _certainty(g, event), str(g.value(t, GB.timexValue) or ""), str(g.value(t, GB.granularity) or ""),
            _date(g.value(t, GB.anchorDate)), evidence[0].sentence if evidence else "", str(event)))
    rows.sort(key=lambda r: (r.earliest or r.latest, r.latest or r.earliest, r.event, r.iri))
    return Table(rows, row_type=TimelineRow)


def centrality_table(G: nx.MultiDiGraph, *, measure: str = "betweenness", top: int = 10,
                     types: Collection[str] | None = None) -> Table[CentralityRow]:
    """The ``top`` entities by ``measure`` (see :func:`graphbuild.analysis.rank_entities`), with their
    number of neighbours. ``types`` keeps only entities of those types (``("person",)``), scored over
    the whole graph and ranked among themselves.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c")])
    >>> for n in G: G.nodes[n].update(label=n.upper(), type="person" if n != "b" else "regime")
    >>> [(r.rank, r.label, r.connections) for r in centrality_table(G, measure="degree", top=2)]
    [(1, 'B', 2), (2, 'A', 1)]
    >>> [(r.rank, r.label) for r in centrality_table(G, measure="degree", top=1, types=["person"])]
    [(1, 'A')]
    """
    U = G.to_undirected(as_view=True)
    ranked = rank_entities(G, measure=measure, top=top if types is None else G.number_of_nodes())
    if types is not None:
        ranked = [r for r in ranked if r.type in types][:top]
    rows = [CentralityRow(i, r.label, r.type, r.score, len(set(U.neighbors(r.iri)) - {r.iri}), r.iri)
            for i, r in enumerate(ranked, 1)]
    return Table(rows, row_type=CentralityRow)


def connections_table(G: nx.MultiDiGraph, *, types: Collection[str] | None = None, around: str | None = None,
                      ds: Source | None = None) -> Table[ConnectionRow]:
    """Who is connected to whom through which claims: one row per edge of the entity graph (see
    :func:`graphbuild.analysis.to_networkx`), the best supported first (most articles, then claims).
    ``types`` keeps the edges whose two ends are of those types; ``around`` (a name as typed, see
    :func:`graphbuild.analysis.find_entity`) keeps the edges of one entity; ``ds``, the graph or store
    ``G`` was projected from, fills the ``outlets`` column (the articles' ``source``: "reuters", ...).

    Raises:
        NoResult: ``around`` names no entity.

    >>> import networkx as nx
    >>> from graphbuild.analysis.projection import Evidence
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("t", label="Samer Haddad", type="person"); G.add_node("a", label="Fawzi Tannous", type="person")
    >>> ev = Evidence("Haddad, a Tannous confidant.", ("Reuters",), "confirmed", "urn:doc", 0, 26)
    >>> _ = G.add_edge("t", "a", key="p", label="confidantOf", certainty="confirmed", evidence=[ev])
    >>> [(r.subject, r.relation, r.object, r.sources, r.articles) for r in connections_table(G, around="Tannous")]
    [('Samer Haddad', 'confidantOf', 'Fawzi Tannous', ('Reuters',), 1)]
    """
    focus = find_entity(G, around) if around is not None else None
    outlets = _Outlets(_union(ds) if ds is not None else None)
    rows = []
    for u, v, data in G.edges(data=True):
        if focus is not None and focus not in (u, v):
            continue
        su, sv = G.nodes[u], G.nodes[v]
        if types is not None and (su.get("type") not in types or sv.get("type") not in types):
            continue
        evidence: tuple[Evidence, ...] = tuple(data.get("evidence") or ())
        rows.append(ConnectionRow(
            str(su.get("label", u)), str(data.get("label", "")), str(sv.get("label", v)), str(data.get("certainty", "")),
            tuple(sorted({s for ev in evidence for s in ev.sources})), len({ev.article for ev in evidence}),
            len(evidence), outlets([ev.article for ev in evidence]), evidence[0].sentence if evidence else "",
            str(su.get("type", "")), str(sv.get("type", ""))))
    rows.sort(key=lambda r: (-r.articles, -r.claims, r.subject.lower(), r.relation, r.object.lower(), r.sentence,
                             r.sources))
    return Table(rows, row_type=ConnectionRow)


class _Outlets:
    """Article IRIs -> the sorted outlets (``dct:source``) of those articles, cached; none without a graph."""

    def __init__(self, ds: Any) -> None:
        self.ds = ds
        self.known: dict[str, str] = {}

    def __call__(self, articles: Iterable[str]) -> tuple[str, ...]:
        if self.ds is None:
            return ()
        articles = list(articles)
        for a in articles:
            if a not in self.known:
                self.known[a] = str(self.ds.value(URIRef(a), DCTERMS.source) or "") if a else ""
        return tuple(sorted({self.known[a] for a in articles} - {""}))


def _claim(ds: Any, claim: Any) -> tuple[str, tuple[str, ...], str, str]:
    """(certainty, sources, sentence, article title) of one claim."""
    sentence = ds.value(claim, PROV.wasDerivedFrom)
    sources = tuple(sorted(_label(ds, s) for s in ds.objects(claim, PROV.wasAttributedTo)))
    article = ds.value(claim, SCHEMA.appearance)
    return (str(ds.value(claim, GB.certainty) or "").rsplit("#", 1)[-1].lower(), sources,
            str(ds.value(sentence, NIF.anchorOf) or "") if sentence is not None else "",
            _label(ds, article) if article is not None else "")


def contradictions_table(ds: Source) -> Table[ContradictionRow]:
    """The contradictions a store records (``gb:Contradiction`` in its derived graph, see
    ``ontology/queries/cq11-contradictions.rq``): one row per claim on either side, by kind, fact and
    certainty. A graph file has no derived graph: the table is empty there.

    >>> from graphbuild.outputs.files import read_graph
    >>> contradictions_table(read_graph("tests/data/golden/seed.nq")).to_frame().columns[:4].tolist()
    ['kind', 'fact', 'certainty', 'sources']
    """
    g = _union(ds)
    rows = []
    for c in set(g.subjects(RDF.type, GB.Contradiction)):
        kind = str(g.value(c, DCTERMS.type) or "")
        note = str(g.value(c, RDFS.comment) or "")
        derived = set(g.objects(c, PROV.wasDerivedFrom))
        for fact in set(g.objects(c, DCTERMS.subject)):
            label = _fact_label(g, fact)
            claims = set(g.subjects(GB.about, fact))
            if fact not in derived:  # "certainty", "time": the conflicting claims; "events": every claim of the facts
                claims &= derived
            for claim in claims:
                certainty, sources, sentence, article = _claim(g, claim)
                rows.append(ContradictionRow(kind, label, certainty, sources, sentence, article, note, str(c)))
    order = {c: i for i, c in enumerate(CERTAINTY_COLOURS)}
    rows.sort(key=lambda r: (r.kind, r.fact.lower(), order.get(r.certainty, 9), r.sources, r.article, r.sentence))
    return Table(dict.fromkeys(rows), row_type=ContradictionRow)


def disputed_facts(ds: Source, *, kind: str | None = None) -> Table[DisputeRow]:
    """The facts whose sources disagree: claims with two or more certainties (one confirms, another only
    claims, doubts or denies it), or a contradiction recorded about the fact; recorded contradictions first,
    then the most claimed. ``kind`` as in :func:`claims_table`.

    >>> from graphbuild.outputs.files import read_graph
    >>> rows = disputed_facts(read_graph("tests/data/golden/seed.nq"), kind="Defection")
    >>> [(r.overall, len(r.claimed), len(r.unconfirmed)) for r in rows]
    [('unconfirmed', 2, 4)]
    """
    g = _union(ds)
    named: dict[Any, set[str]] = {}
    for c in g.subjects(RDF.type, GB.Contradiction):
        for fact in g.objects(c, DCTERMS.subject):
            named.setdefault(fact, set()).add(str(g.value(c, DCTERMS.type) or ""))
    outlets = _Outlets(g)
    rows = []
    for fact in set(g.objects(None, GB.about)):
        fact_kind = _kind(g, fact)
        if kind is not None and fact_kind != kind:
            continue
        evidence = evidence_for(g, fact)
        if len({ev.certainty for ev in evidence}) < 2 and fact not in named:
            continue
        stances: dict[str, set[str]] = {c: set() for c in CERTAINTY_COLOURS}
        for ev in evidence:
            stances.setdefault(ev.certainty, set()).update(ev.sources)
        confirmed, claimed, unconfirmed, denied, hypothetical = (tuple(sorted(stances[c])) for c in CERTAINTY_COLOURS)
        rows.append(DisputeRow(
            _fact_label(g, fact), fact_kind, _certainty(g, fact), confirmed, claimed, unconfirmed, denied, hypothetical,
            len(evidence), len({ev.article for ev in evidence}), outlets([ev.article for ev in evidence]),
            tuple(sorted(named.get(fact, ()))), str(fact)))
    rows.sort(key=lambda r: (not r.contradictions, -r.claims, r.fact.lower(), r.iri))
    return Table(rows, row_type=DisputeRow)


def communities_table(G: nx.MultiDiGraph, *, types: Collection[str] | None = None, resolution: float = 1.0,
                      seed: int = 0, min_size: int = 3, key: int = 5) -> Table[CommunityRow]:
    """The communities of the entity graph (see :func:`graphbuild.analysis.communities.find_communities`:
    seeded Louvain, deterministic), largest first, with their ``key`` best connected members and the count
    of each entity type. ``types`` first keeps only the entities of those types (their links to the others
    are then not counted); communities smaller than ``min_size`` are left out.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("x", "y"), ("y", "z"), ("z", "x"), ("c", "x")])
    >>> for n in G: G.nodes[n].update(label=n.upper(), type="person" if n < "x" else "regime")
    >>> [(r.community, r.key_members, r.types) for r in communities_table(G, key=2)]
    [(1, ('C', 'A'), 'person 3'), (2, ('X', 'Y'), 'regime 3')]
    """
    H = G.subgraph([n for n, t in G.nodes(data="type") if t in types]) if types is not None else G
    rows = []
    for c in find_communities(H, resolution=resolution, seed=seed, min_size=min_size):
        labels = tuple(str(H.nodes[n].get("label", n)) for n in c.members)
        counts = Counter(str(H.nodes[n].get("type") or "unknown") for n in c.members)
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        rows.append(CommunityRow(c.number, c.size, labels[:key], kinds, c.internal, c.external, labels, c.members))
    return Table(rows, row_type=CommunityRow)


def path_table(paths: Sequence[Sequence[Hop]]) -> Table[HopRow]:
    """Paths from :func:`graphbuild.analysis.connection_paths`, one row per hop with the first
    sentence that states it, its sources and how many claims support it.

    >>> from graphbuild.analysis.paths import Hop
    >>> from graphbuild.analysis.projection import Evidence
    >>> ev = Evidence("Haddad, a Tannous confidant.", ("the article",), "confirmed", "urn:doc", 0, 26)
    >>> row = path_table([[Hop("Samer Haddad", "confidantOf", "Fawzi Tannous", "confirmed", (ev,))]])[0]
    >>> row.relation, row.sentence
    ('confidantOf', 'Haddad, a Tannous confidant.')
    """
    rows = []
    for n, hops in enumerate(paths, 1):
        for i, hop in enumerate(hops, 1):
            evidence: tuple[Evidence, ...] = tuple(hop.evidence)
            rows.append(HopRow(n, i, hop.subject, hop.relation, hop.object, hop.certainty,
                               evidence[0].sentence if evidence else "",
                               tuple(sorted({s for ev in evidence for s in ev.sources})), len(evidence)))
    return Table(rows, row_type=HopRow)


def path_nodes(G: nx.MultiDiGraph, source: str, hops: Sequence[Hop]) -> list[str]:
    """The node ids along a path found from ``source`` (as typed), for ``render_html(highlight_path=...)``.

    Raises:
        NoResult: ``source`` names no entity.
        GraphbuildError: the hops do not form a path of ``G`` starting at ``source``.

    >>> import networkx as nx
    >>> from graphbuild.analysis import connection_paths
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("t", label="Samer Haddad"); G.add_node("a", label="Fawzi Tannous")
    >>> _ = G.add_edge("t", "a", key="p", label="confidantOf", certainty="confirmed", evidence=[])
    >>> path_nodes(G, "Haddad", connection_paths(G, "Haddad", "Tannous")[0])
    ['t', 'a']
    """
    nodes = [find_entity(G, source)]
    for hop in hops:
        here = nodes[-1]
        other = hop.object if G.nodes[here].get("label") == hop.subject else hop.subject
        step = sorted(n for n in itertools.chain(G.successors(here), G.predecessors(here))
                      if G.nodes[n].get("label") == other)
        if not step:
            raise GraphbuildError(f"{other!r} is not a neighbour of {G.nodes[here].get('label')!r}")
        nodes.append(step[0])
    return nodes


def _cell(value: Any, join: str) -> Any:
    if isinstance(value, tuple) and all(isinstance(v, str) for v in value):
        return join.join(value)
    return value


def to_frame(rows: Iterable[Any] | QueryResult, *, join: str = "; ") -> pd.DataFrame:
    """A pandas DataFrame of typed rows (a :class:`Table`, a list of dataclass rows or of dicts) or of
    a SPARQL result; tuples of strings become one ``join``-separated string and day columns
    ``datetime64`` (a missing day is ``NaT``). Imports pandas lazily.

    >>> to_frame(QueryResult(("name",), (("Haddad",),))).to_dict("records")
    [{'name': 'Haddad'}]
    >>> to_frame([{"sources": ("Rahim", "Lang")}]).loc[0, "sources"]
    'Rahim; Lang'
    """
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - depends on the environment
        raise GraphbuildError("pandas is not installed: pip install -e '.[notebooks]'") from None

    if isinstance(rows, QueryResult):
        return pd.DataFrame([list(r) for r in rows.rows], columns=list(rows.variables))
    items = list(rows)
    columns: list[str] | None = list(rows.columns) if isinstance(rows, Table) else None
    if items and dataclasses.is_dataclass(items[0]):
        columns = columns or [f.name for f in dataclasses.fields(items[0])]
        frame = pd.DataFrame([[_cell(getattr(r, c), join) for c in columns] for r in items], columns=columns)
    elif items and isinstance(items[0], dict):
        frame = pd.DataFrame([{k: _cell(v, join) for k, v in r.items()} for r in items])
    else:
        return pd.DataFrame(items, columns=columns)
    for name in frame.columns:  # day columns become datetime64 (a missing day is NaT)
        values = [v for v in frame[name] if v is not None]
        if values and all(isinstance(v, dt.date) and not isinstance(v, dt.datetime) for v in values):
            frame[name] = pd.to_datetime(frame[name])
    return frame


def plot_centrality(rows: Sequence[CentralityRow], *, ax: Axes | None = None, measure: str = "") -> Axes:
    """A horizontal bar chart of ranked entities, the first on top, coloured by entity type.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> ax = plot_centrality([CentralityRow(1, "Tannous regime", "regime", 0.2, 4, "urn:x")], measure="betweenness")
    >>> ax.get_xlabel()
    'betweenness'
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    from graphbuild.outputs.visualize import TYPE_STYLES

    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.45 * max(len(rows), 2) + 1), layout="constrained")
    other = "#9c9c9c"
    colours = [TYPE_STYLES.get(r.type, ("", other, ""))[1] for r in rows]
    ax.barh(range(len(rows)), [r.score for r in rows], color=colours)
    ax.set_yticks(range(len(rows)), [r.label for r in rows])
    ax.invert_yaxis()
    ax.set_xlabel(measure or "score")
    ax.grid(axis="x", alpha=0.3)
    ax.set_axisbelow(True)
    kinds = list(dict.fromkeys(r.type for r in rows))
    ax.legend(handles=[Patch(color=TYPE_STYLES.get(k, ("", other, ""))[1], label=k or "unknown") for k in kinds],
              loc="lower right", frameon=False)
    return ax


def plot_timeline(rows: Sequence[TimelineRow], *, ax: Axes | None = None) -> Axes:
    """Each dated event as a bar from its earliest to its latest day (a dot marks one-day events),
    coloured by certainty, with the publication dates as dashed lines.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> day = dt.date(2012, 7, 11)
    >>> ax = plot_timeline([TimelineRow(day, day, "Defection of Fadi Zaidan", "Defection", (), "unconfirmed",
    ...                                 "Wednesday", "day", day, "", "urn:e")])
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Defection of Fadi Zaidan']
    """
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    if ax is None:
        _, ax = plt.subplots(figsize=(9, 0.5 * max(len(rows), 2) + 1.2), layout="constrained")
    num: Any = mdates.date2num  # untyped in matplotlib
    one_day = dt.timedelta(days=1)
    for i, r in enumerate(rows):
        start = r.earliest or r.latest
        end = r.latest or r.earliest
        assert start is not None and end is not None
        colour = CERTAINTY_COLOURS.get(r.certainty, "#9c9c9c")
        left, right = num(start), num(end + one_day)
        ax.barh(i, right - left, left=left, height=0.5, color=colour, alpha=0.85)
        if start == end:
            ax.plot([left + 0.5], [i], marker="o", color=colour)
        if r.earliest is None:  # an open bound: an arrow towards it
            ax.annotate("", xy=(left - 30, i), xytext=(left, i), arrowprops={"arrowstyle": "->", "color": colour})
        if r.latest is None:
            ax.annotate("", xy=(right + 30, i), xytext=(right, i), arrowprops={"arrowstyle": "->", "color": colour})
        when = start.isoformat() if start == end else f"{r.earliest or '…'} – {r.latest or '…'}"
        ax.annotate(when, xy=(right, i), xytext=(6, 0), textcoords="offset points", va="center", fontsize=8,
                    color="#333333")
    for day in sorted({r.published for r in rows if r.published}):
        ax.axvline(num(day), color="#555555", linestyle="--", linewidth=1)
    ax.set_yticks(range(len(rows)), [r.event for r in rows])
    ax.invert_yaxis()
    lo, hi = ax.get_xlim()
    ax.set_xlim(lo, hi + 0.2 * max(hi - lo, 30))  # room for the date labels
    ax.xaxis_date()
    concise: Any = mdates.ConciseDateFormatter
    ax.xaxis.set_major_formatter(concise(ax.xaxis.get_major_locator()))
    ax.grid(axis="x", alpha=0.3)
    ax.set_axisbelow(True)
    shown = list(dict.fromkeys(r.certainty for r in rows))
    handles = [Line2D([], [], color=CERTAINTY_COLOURS.get(c, "#9c9c9c"), linewidth=6, label=c or "unknown")
               for c in shown]
    if any(r.published for r in rows):
        handles.append(Line2D([], [], color="#555555", linestyle="--", label="published"))
    ax.legend(handles=handles, loc="best", frameon=False)
    return ax


def _short_label(text: str, width: int = 48) -> str:
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


def plot_claims(rows: Sequence[ClaimRow], *, by: str = "kind", top: int = 12, share: bool = False,
                ax: Axes | None = None) -> Axes:
    """How sure the sources are: for each group of claims (``by`` "kind" of fact, "source" or "fact"), the
    number of claims of each certainty as one stacked bar; the ``top`` largest groups, largest on top.
    ``share`` draws each bar as the shares of its group (the number of claims written at its end), so that
    a rare certainty stays visible next to a large group.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> rows = [ClaimRow("Defection of X", "Defection", ("Rahim",), c, "", "", 0, 1) for c in ("claimed", "denied")]
    >>> ax = plot_claims(rows, by="source")
    >>> [t.get_text() for t in ax.get_yticklabels()], ax.get_xlabel()
    (['Rahim'], 'claims')
    >>> [float(p.get_width()) for p in plot_claims(rows, share=True).patches]
    [0.5, 0.5]
    """
    import matplotlib.pyplot as plt

    if by not in ("kind", "source", "fact"):
        raise GraphbuildError(f"cannot group claims by {by!r}: use kind, source or fact")
    counts: dict[str, Counter[str]] = {}
    for r in rows:
        for group in (r.sources or ("(no source)",)) if by == "source" else ((r.kind if by == "kind" else r.fact),):
            counts.setdefault(group, Counter())[r.certainty] += 1
    groups = sorted(counts, key=lambda g: (-sum(counts[g].values()), g.lower()))[:top]
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 0.42 * max(len(groups), 2) + 1.2), layout="constrained")
    totals = [sum(counts[g].values()) for g in groups]
    left = [0.0] * len(groups)
    shown = [c for c in CERTAINTY_COLOURS if any(counts[g][c] for g in groups)]
    shown += sorted({c for g in groups for c in counts[g]} - set(CERTAINTY_COLOURS))
    for certainty in shown:
        values = [counts[g][certainty] / (t if share else 1) for g, t in zip(groups, totals, strict=True)]
        ax.barh(range(len(groups)), values, left=left, color=CERTAINTY_COLOURS.get(certainty, "#9c9c9c"),
                label=certainty or "unknown")
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_yticks(range(len(groups)), [_short_label(g) for g in groups])
    ax.invert_yaxis()
    ax.set_xlabel("share of the claims" if share else "claims")
    ax.grid(axis="x", alpha=0.3)
    ax.set_axisbelow(True)
    if share:
        ax.set_xlim(0, 1.12)
        for i, t in enumerate(totals):
            ax.annotate(f"{t:,}", xy=(1, i), xytext=(4, 0), textcoords="offset points", va="center", fontsize=8)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=max(len(shown), 1), frameon=False)
    else:
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.legend(loc="lower right", frameon=False)
    return ax


def plot_communities(G: nx.MultiDiGraph, rows: Sequence[CommunityRow], *, ax: Axes | None = None, seed: int = 0,
                     labels: int = 3) -> Axes:
    """The members of the given communities (rows of :func:`communities_table`) and the links between them,
    one colour per community, node size by connections, the ``labels`` best connected members of each named;
    the layout is seeded (spring layout), so the same graph gives the same picture.

    >>> import matplotlib; matplotlib.use("Agg")
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "a")])
    >>> for n in G: G.nodes[n].update(label=n.upper(), type="person")
    >>> ax = plot_communities(G, communities_table(G))
    >>> sorted(t.get_text() for t in ax.texts)
    ['A', 'B', 'C']
    """
    import matplotlib.pyplot as plt
    import networkx as nx

    from graphbuild.analysis.communities import entity_pairs

    if ax is None:
        _, ax = plt.subplots(figsize=(10, 8), layout="constrained")
    U = entity_pairs(G.subgraph([n for r in rows for n in r.iris]))
    if U.number_of_nodes() == 0:
        ax.set_axis_off()
        return ax
    pos = nx.spring_layout(U, seed=seed, weight="weight", k=1.6 / max(U.number_of_nodes(), 1) ** 0.5)
    palette = plt.get_cmap("tab10" if len(rows) <= 10 else "tab20")
    nx.draw_networkx_edges(U, pos, ax=ax, alpha=0.25, width=[0.6 + 0.4 * w for _, _, w in U.edges(data="weight")])
    names = {}
    for i, r in enumerate(rows):
        nodes = [n for n in r.iris if n in U]
        nx.draw_networkx_nodes(U, pos, nodelist=nodes, ax=ax, node_color=[palette(i % palette.N)] * len(nodes),
                               node_size=[40 + 25 * U.degree(n) for n in nodes],
                               label=f"{r.community}: {_short_label(r.key_members[0], 30)} ({r.size})")
        names.update({n: _short_label(m, 30) for n, m in zip(r.iris[:labels], r.members[:labels], strict=True)})
    nx.draw_networkx_labels(U, pos, labels=names, ax=ax, font_size=8)
    ax.legend(loc="best", fontsize=8, frameon=False, markerscale=0.6, title="community: best connected member")
    ax.set_axis_off()
    return ax


@dataclass(frozen=True, slots=True, repr=False)
class InlineHTML:
    """A whole HTML page shown inline in a notebook, inside a sandboxed ``<iframe srcdoc>``: its
    scripts run (offline, nothing is fetched) but cannot reach the notebook, and its styles stay in
    the frame.

    >>> InlineHTML("<p>a & b</p>", height=200)._repr_html_()[:44]
    '<iframe srcdoc="&lt;p&gt;a &amp; b&lt;/p&gt;'
    """

    page: str
    height: int = 620
    title: str = "graphbuild graph"

    def __repr__(self) -> str:
        return f"<{self.title}: an HTML page of {len(self.page):,} characters, shown inline by Jupyter>"

    def _repr_html_(self) -> str:
        return (f'<iframe srcdoc="{html.escape(self.page, quote=True)}" sandbox="allow-scripts" '
                f'title="{html.escape(self.title, quote=True)}" '
                f'style="width: 100%; height: {int(self.height)}px; border: 1px solid #ddd;"></iframe>')


def inline_html(page: str, *, height: int = 620, title: str = "graphbuild graph") -> InlineHTML:
    """Wrap a page from :func:`graphbuild.outputs.visualize.render_html` for inline display: make it
    the last expression of a cell (or pass it to ``IPython.display.display``).

    >>> "sandbox" in inline_html("<p>graph</p>")._repr_html_()
    True
    """
    return InlineHTML(page, height, title)


__all__ = [
    "CentralityRow", "ClaimRow", "CommunityRow", "ConnectionRow", "ContradictionRow", "DefectionRow", "DisputeRow",
    "EntityRow", "HopRow", "InlineHTML", "Source", "Table", "TimelineRow", "centrality_table", "claims_table",
    "communities_table", "connections_table", "contradictions_table", "defections_table", "disputed_facts",
    "entities_table", "inline_html", "path_nodes", "path_table", "plot_centrality", "plot_claims",
    "plot_communities", "plot_timeline", "timeline", "to_frame",
]
