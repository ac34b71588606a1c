"""Tables and charts for notebooks: typed rows over a graph, DataFrames on demand, the graph inline.

Every ``*_table`` function (and :func:`timeline`) returns a :class:`Table`: a plain list of frozen
dataclass rows that needs nothing beyond graphbuild's own dependencies. ``table.to_frame()`` (or
:func:`to_frame`, which also takes a SPARQL :class:`~graphbuild.outputs.sparql.QueryResult`) turns it
into a pandas DataFrame, importing pandas only then; the ``plot_*`` functions draw with matplotlib,
imported only then (``pip install -e '.[notebooks]'`` brings both).

The graph functions take a dataset as :func:`graphbuild.outputs.files.read_graph` returns it (its
default graph is the union of the article graphs) or as :func:`graphbuild.pipeline.build_graph`
returns it (read through a union view); the others take what :mod:`graphbuild.analysis` returns.

Example (on a graph file; ``build_graph`` gives the same dataset from articles):
    >>> from graphbuild.outputs.files import read_graph
    >>> ds = read_graph("tests/data/golden/seed.nq")
    >>> rows = defections_table(ds)
    >>> [(r.defector, r.certainty) for r in rows if r.defector == "Manaf Tlass"]
    [('Manaf Tlass', 'confirmed')]
    >>> rows.to_frame().columns[:3].tolist()
    ['defector', 'left', 'to']
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from graphbuild.analysis.centrality import rank_entities
from graphbuild.analysis.paths import Hop, find_entity
from graphbuild.analysis.projection import Evidence, entity_type, evidence_for
from graphbuild.errors import GraphbuildError
from graphbuild.outputs.sparql import QueryResult
from graphbuild.rdf.namespaces import GB, ITSRDF, SEM

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd
    from matplotlib.axes import Axes

R = TypeVar("R")

#: event classes, in the order a kind is picked when an event has several
EVENT_KINDS = ("Defection", "Appointment", "Dismissal", "Resignation", "Arrest")
#: event roles, in display order
EVENT_ROLES = ("defector", "affectedPerson", "leftOrganization", "joinedOrganization", "destination", "initiator")
#: certainty -> chart colour
CERTAINTY_COLOURS = {"confirmed": "#2e7d32", "claimed": "#1f77b4", "unconfirmed": "#ff7f0e",
                     "denied": "#d62728", "hypothetical": "#9467bd"}


class Table(list[R], Generic[R]):
    """A list of typed rows that knows its columns, even when empty.

    >>> t = Table([CentralityRow(1, "Assad regime", "regime", 0.2, 4, "urn:x")], row_type=CentralityRow)
    >>> t.columns[:3], t[0].label
    (('rank', 'label', 'type'), 'Assad regime')
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


def _union(ds: Dataset) -> Dataset:
    """``ds`` itself, or a union view over its store when its default graph is not the union."""
    if not ds.default_union:
        return Dataset(store=ds.store, default_union=True)
    return ds


def _label(ds: Graph, node: Any) -> str:
    if node is None:
        return ""
    value = ds.value(node, SKOS.prefLabel) or ds.value(node, DCTERMS.title)
    return str(value) if value is not None else str(node).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _certainty(ds: Graph, node: Any) -> str:
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


def _kind(ds: Graph, node: Any) -> str:
    types = {str(t) for t in ds.objects(node, RDF.type)}
    for kind in EVENT_KINDS:
        if str(GB[kind]) in types:
            return kind
    if str(GB.Statement) in types:
        return "Statement"
    if "http://www.w3.org/ns/org#Membership" in types:
        return "Membership"
    return "Fact"


def _fact_label(ds: Graph, fact: Any) -> str:
    pref = ds.value(fact, SKOS.prefLabel)
    if pref is not None:
        return str(pref)
    s, p, o = ds.value(fact, RDF.subject), ds.value(fact, RDF.predicate), ds.value(fact, RDF.object)
    if s is not None and p is not None and o is not None:
        return f"{_label(ds, s)} {str(p).rsplit('#', 1)[-1].rsplit('/', 1)[-1]} {_label(ds, o)}"
    return _label(ds, fact)


def entities_table(ds: Dataset) -> Table[EntityRow]:
    """Every entity of the graph, most mentioned first (ties by label).

    >>> from graphbuild.outputs.files import read_graph
    >>> rows = entities_table(read_graph("tests/data/golden/seed.nq"))
    >>> next(r for r in rows if r.label == "Manaf Tlass").type
    'person'
    """
    ds = _union(ds)
    rows = []
    for node in set(ds.subjects(SKOS.prefLabel, None)):
        if not isinstance(node, URIRef):
            continue
        kind = entity_type(ds, node)
        if kind is None:
            continue
        label = _label(ds, node)
        names = tuple(sorted({str(n) for n in ds.objects(node, SKOS.altLabel)} - {label}))
        phrases = {(p, c) for p, _, _, c in ds.quads((None, ITSRDF.taIdentRef, node, None))}
        mentions = len({p for p, _ in phrases})
        articles = len({c for _, c in phrases})
        rows.append(EntityRow(label, kind, names, mentions, articles, str(node)))
    rows.sort(key=lambda r: (-r.mentions, r.label.lower(), r.iri))
    return Table(rows, row_type=EntityRow)


def defections_table(ds: Dataset) -> Table[DefectionRow]:
    """The defections with overall certainty, sources and evidence sentences, by defector.

    >>> from graphbuild.outputs.files import read_graph
    >>> rows = defections_table(read_graph("tests/data/golden/seed.nq"))
    >>> fares = next(r for r in rows if r.defector == "Nawaf Fares")
    >>> fares.to, fares.earliest
    ('Turkey', datetime.date(2012, 7, 11))
    """
    ds = _union(ds)
    rows = []
    for event in set(ds.subjects(RDF.type, GB.Defection)):
        t = ds.value(event, SEM.hasTime)
        to = ds.value(event, GB.destination) or ds.value(event, GB.joinedOrganization)
        evidence = evidence_for(ds, event)  # type: ignore[arg-type]
        rows.append(DefectionRow(
            _label(ds, ds.value(event, GB.defector)), _label(ds, ds.value(event, GB.leftOrganization)),
            _label(ds, to), _date(ds.value(t, SEM.hasEarliestBeginTimeStamp)) if t else None,
            _date(ds.value(t, SEM.hasLatestEndTimeStamp)) if t else None, _certainty(ds, event),
            tuple(sorted({s for ev in evidence for s in ev.sources})),
            tuple(dict.fromkeys(ev.sentence for ev in evidence if ev.sentence)), str(event)))
    rows.sort(key=lambda r: (r.defector.lower(), r.left.lower(), r.event))
    return Table(rows, row_type=DefectionRow)


def claims_table(ds: Dataset, *, kind: str | None = None) -> Table[ClaimRow]:
    """Who says what, how sure, in which sentence: one row per claim, by fact then position.

    ``kind`` keeps one kind of fact: an event class (``"Defection"``, ``"Appointment"``, ...),
    ``"Statement"`` (a relation between two entities) or ``"Membership"`` (a role).

    >>> from graphbuild.outputs.files import read_graph
    >>> rows = claims_table(read_graph("tests/data/golden/seed.nq"), kind="Defection")
    >>> sorted({r.certainty for r in rows if r.fact == "Defection of Manaf Tlass"})
    ['confirmed']
    """
    ds = _union(ds)
    rows = []
    titles: dict[str, str] = {}
    for fact in set(ds.objects(None, GB.about)):
        fact_kind = _kind(ds, fact)
        if kind is not None and fact_kind != kind:
            continue
        label = _fact_label(ds, fact)
        for ev in evidence_for(ds, fact):  # type: ignore[arg-type]
            if ev.article not in titles:
                titles[ev.article] = _label(ds, URIRef(ev.article)) if ev.article else ""
            rows.append(ClaimRow(label, fact_kind, ev.sources, ev.certainty, ev.sentence, titles[ev.article],
                                 ev.begin, ev.end))
    rows.sort(key=lambda r: (r.fact.lower(), r.article, r.begin, r.sources))
    return Table(rows, row_type=ClaimRow)


def timeline(ds: Dataset) -> Table[TimelineRow]:
    """The events with a normalized time, earliest first (an event with no bound at all is left out).

    >>> from graphbuild.outputs.files import read_graph
    >>> rows = timeline(read_graph("tests/data/golden/seed.nq"))
    >>> [(r.event, str(r.earliest), str(r.latest)) for r in rows if "Tlass" in r.event]
    [('Defection of Manaf Tlass', '2012-07-02', '2012-07-08')]
    """
    ds = _union(ds)
    rows = []
    for event in set(ds.subjects(RDF.type, SEM.Event)):
        t = ds.value(event, SEM.hasTime)
        if t is None:
            continue
        earliest = _date(ds.value(t, SEM.hasEarliestBeginTimeStamp))
        latest = _date(ds.value(t, SEM.hasLatestEndTimeStamp))
        if earliest is None and latest is None:
            continue
        people = [_label(ds, ds.value(event, GB[role])) for role in EVENT_ROLES if ds.value(event, GB[role])]
        evidence = evidence_for(ds, event)  # type: ignore[arg-type]
        rows.append(TimelineRow(
            earliest, latest, _fact_label(ds, event), _kind(ds, event), tuple(dict.fromkeys(people)),
            _certainty(ds, event), str(ds.value(t, GB.timexValue) or ""), str(ds.value(t, GB.granularity) or ""),
            _date(ds.value(t, GB.anchorDate)), evidence[0].sentence if evidence else "", str(event)))
    rows.sort(key=lambda r: (r.earliest or r.latest, r.latest or r.earliest, r.event, r.iri))
    return Table(rows, row_type=TimelineRow)


def centrality_table(G: nx.MultiDiGraph, *, measure: str = "betweenness", top: int = 10) -> Table[CentralityRow]:
    """The ``top`` entities by ``measure`` (see :func:`graphbuild.analysis.rank_entities`), with their
    number of neighbours.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c")])
    >>> for n in G: G.nodes[n].update(label=n.upper(), type="person")
    >>> [(r.rank, r.label, r.connections) for r in centrality_table(G, measure="degree", top=2)]
    [(1, 'B', 2), (2, 'A', 1)]
    """
    U = G.to_undirected(as_view=True)
    rows = [CentralityRow(i, r.label, r.type, r.score, len(set(U.neighbors(r.iri)) - {r.iri}), r.iri)
            for i, r in enumerate(rank_entities(G, measure=measure, top=top), 1)]
    return Table(rows, row_type=CentralityRow)


def path_table(paths: Sequence[Sequence[Hop]]) -> Table[HopRow]:
    """Paths from :func:`graphbuild.analysis.connection_paths`, one row per hop with the first
    sentence that states it, its sources and how many claims support it.

    >>> from graphbuild.analysis.paths import Hop
    >>> from graphbuild.analysis.projection import Evidence
    >>> ev = Evidence("Tlass, an Assad confidant.", ("the article",), "confirmed", "urn:doc", 0, 26)
    >>> row = path_table([[Hop("Manaf Tlass", "confidantOf", "Bashar Assad", "confirmed", (ev,))]])[0]
    >>> row.relation, row.sentence
    ('confidantOf', 'Tlass, an Assad confidant.')
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
    >>> G.add_node("t", label="Manaf Tlass"); G.add_node("a", label="Bashar Assad")
    >>> _ = G.add_edge("t", "a", key="p", label="confidantOf", certainty="confirmed", evidence=[])
    >>> path_nodes(G, "Tlass", connection_paths(G, "Tlass", "Assad")[0])
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

    >>> to_frame(QueryResult(("name",), (("Tlass",),))).to_dict("records")
    [{'name': 'Tlass'}]
    >>> to_frame([{"sources": ("Khoja", "Carney")}]).loc[0, "sources"]
    'Khoja; Carney'
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
    >>> ax = plot_centrality([CentralityRow(1, "Assad regime", "regime", 0.2, 4, "urn:x")], measure="betweenness")
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
    >>> ax = plot_timeline([TimelineRow(day, day, "Defection of Nawaf Fares", "Defection", (), "unconfirmed",
    ...                                 "Wednesday", "day", day, "", "urn:e")])
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['Defection of Nawaf Fares']
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
    "CentralityRow", "ClaimRow", "DefectionRow", "EntityRow", "HopRow", "InlineHTML", "Table", "TimelineRow",
    "centrality_table", "claims_table", "defections_table", "entities_table", "inline_html", "path_nodes",
    "path_table", "plot_centrality", "plot_timeline", "timeline", "to_frame",
]
