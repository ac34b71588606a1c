"""The derived graph: what must be single-valued over the union of the article graphs.

For every node an article touches, recomputed from all article graphs:

* ``skos:prefLabel``: the display name most articles use (ties: the first in alphabetical order); the
  other names the articles use as display names become ``skos:altLabel``;
* ``gb:overallCertainty`` of each fact, over the claims of every article, with
  :func:`graphbuild.extract.attribution.overall_certainty`; a statement derived from facts
  (``gb:derivedFromFact``) takes the aggregate of their claims;
* the shortcut edge ``s p o`` of each statement whose certainty is confirmed, claimed or unconfirmed;
* one ``sem:hasTime`` per event: the intersection of the articles' time bounds (``<event>-time``,
  ``prov:wasDerivedFrom`` the per-article times); when the bounds are disjoint, their hull and a
  contradiction;
* one ``gb:post`` per membership: the post most articles give;
* ``gb:Contradiction`` nodes (``dct:type`` "certainty", "events" or "time", ``dct:subject`` the
  fact(s), ``prov:wasDerivedFrom`` the conflicting claims or facts, which also get ``gb:contradicts``
  both ways): a fact some claims confirm or assert and others deny; a defection and a dismissal of the
  same person in overlapping periods; one event dated in disjoint periods by different articles.

:func:`derived_update` computes, for the nodes one article replacement touches, the quads to delete
and to insert; :func:`rebuild_derived` recomputes the whole graph (a repair, and the reference the
tests compare incremental updates with).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from graphbuild.model import Certainty, Claim, TextSpan
from graphbuild.resolve.identity import GRAPH_BASE, entity_iri
from graphbuild.store.disk import DERIVED_GRAPH

_NS_GB = "https://w3id.org/graphbuild/ontology#"
_NS_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_NS_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_NS_SKOS = "http://www.w3.org/2004/02/skos/core#"
_NS_SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
_NS_PROV = "http://www.w3.org/ns/prov#"
_NS_DCT = "http://purl.org/dc/terms/"
_NS_SCHEMA = "http://schema.org/"
_NS_XSD = "http://www.w3.org/2001/XMLSchema#"
_NS_ORG = "http://www.w3.org/ns/org#"

CERTAINTY_IRIS = {c: _NS_GB + c.value.capitalize() for c in Certainty}
_CERTAINTY_OF = {v: k for k, v in CERTAINTY_IRIS.items()}
SHORTCUT_OK = {Certainty.CONFIRMED, Certainty.CLAIMED, Certainty.UNCONFIRMED}
_POSITIVE = {Certainty.CONFIRMED, Certainty.CLAIMED}
#: how far before its first report an event without a time may have happened ("same period")
REPORT_WINDOW = dt.timedelta(days=31)
_NOSPAN = TextSpan(0, 0)


class _T:
    """pyoxigraph terms used here, built once."""

    def __init__(self) -> None:
        import pyoxigraph as ox

        n = ox.NamedNode
        self.ox = ox
        self.type = n(_NS_RDF + "type")
        self.subject, self.predicate, self.object = n(_NS_RDF + "subject"), n(_NS_RDF + "predicate"), n(
            _NS_RDF + "object")
        self.label, self.comment = n(_NS_RDFS + "label"), n(_NS_RDFS + "comment")
        self.pref, self.alt = n(_NS_SKOS + "prefLabel"), n(_NS_SKOS + "altLabel")
        self.fact, self.statement = n(_NS_GB + "Fact"), n(_NS_GB + "Statement")
        self.about, self.certainty, self.overall = n(_NS_GB + "about"), n(_NS_GB + "certainty"), n(
            _NS_GB + "overallCertainty")
        self.derived_from_fact = n(_NS_GB + "derivedFromFact")
        self.defection, self.dismissal = n(_NS_GB + "Defection"), n(_NS_GB + "Dismissal")
        self.defector, self.affected = n(_NS_GB + "defector"), n(_NS_GB + "affectedPerson")
        self.contradiction, self.contradicts = n(_NS_GB + "Contradiction"), n(_NS_GB + "contradicts")
        self.post = n(_NS_GB + "post")
        self.has_time, self.time = n(_NS_SEM + "hasTime"), n(_NS_SEM + "Time")
        self.view = n(_NS_SEM + "View")
        self.earliest, self.latest = n(_NS_SEM + "hasEarliestBeginTimeStamp"), n(_NS_SEM + "hasLatestEndTimeStamp")
        self.attributed, self.derived = n(_NS_PROV + "wasAttributedTo"), n(_NS_PROV + "wasDerivedFrom")
        self.appearance = n(_NS_SCHEMA + "appearance")
        self.issued, self.dtype, self.dsubject = n(_NS_DCT + "issued"), n(_NS_DCT + "type"), n(_NS_DCT + "subject")
        self.xsd_date = n(_NS_XSD + "date")
        self.graph = n(DERIVED_GRAPH)
        self.org_member = n(_NS_ORG + "member")


_TERMS: _T | None = None


def terms() -> _T:
    global _TERMS
    if _TERMS is None:
        _TERMS = _T()
    return _TERMS


class ArticleView:
    """The union of the article graphs of a store, optionally with one article graph replaced by new
    quads (not yet written): what the derived graph must reflect after the replacement."""

    def __init__(self, store: Any, *, replaced: str | None = None, overlay: Iterable[Any] = ()) -> None:
        import pyoxigraph as ox

        self.store = store
        self.replaced = replaced
        self.overlay = ox.Store()
        self.overlay.extend(overlay)
        self._has_overlay = len(self.overlay) > 0

    def quads(self, s: Any = None, p: Any = None, o: Any = None) -> Iterator[Any]:
        for q in self.store.quads_for_pattern(s, p, o, None):
            g = q.graph_name
            if getattr(g, "value", "").startswith(GRAPH_BASE) and g.value != self.replaced:
                yield q
        if self._has_overlay:
            yield from self.overlay.quads_for_pattern(s, p, o, None)

    def objects(self, s: Any, p: Any) -> list[Any]:
        return list(dict.fromkeys(q.object for q in self.quads(s, p, None)))

    def subjects(self, p: Any, o: Any) -> list[Any]:
        return list(dict.fromkeys(q.subject for q in self.quads(None, p, o)))

    def value(self, s: Any, p: Any) -> Any:
        for q in self.quads(s, p, None):
            return q.object
        return None

    def has(self, s: Any, p: Any, o: Any) -> bool:
        return next(self.quads(s, p, o), None) is not None


@dataclass(frozen=True, slots=True)
class _ClaimInfo:
    iri: Any
    certainty: Certainty
    sourced: bool
    article: Any


def _claims(view: ArticleView, fact: Any) -> list[_ClaimInfo]:
    t = terms()
    out = []
    for c in view.subjects(t.about, fact):
        cert = _CERTAINTY_OF.get(getattr(view.value(c, t.certainty), "value", ""))
        if cert is None:
            continue
        article = view.value(c, t.appearance)
        sourced = any(a != article for a in view.objects(c, t.attributed))
        out.append(_ClaimInfo(c, cert, sourced, article))
    return sorted(out, key=lambda ci: ci.iri.value)


def _overall(claims: list[_ClaimInfo]) -> Certainty:
    from graphbuild.extract.attribution import overall_certainty

    return overall_certainty([Claim(("x",) if c.sourced else (), c.certainty, _NOSPAN) for c in claims])


def _date(term: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(term.value) if term is not None else None
    except ValueError:
        return None


class _Computer:
    def __init__(self, view: ArticleView) -> None:
        self.view = view
        self.t = terms()
        self.out: set[Any] = set()
        self._claims: dict[Any, list[_ClaimInfo]] = {}
        self._cert: dict[Any, Certainty] = {}

    def add(self, s: Any, p: Any, o: Any) -> None:
        self.out.add(self.t.ox.Quad(s, p, o, self.t.graph))

    def claims_of(self, fact: Any) -> list[_ClaimInfo]:
        if fact not in self._claims:
            own = _claims(self.view, fact)
            for source in self.view.objects(fact, self.t.derived_from_fact):
                own += _claims(self.view, source)
            self._claims[fact] = list({c.iri.value: c for c in own}.values())
        return self._claims[fact]

    def certainty(self, fact: Any) -> Certainty:
        if fact not in self._cert:
            self._cert[fact] = _overall(self.claims_of(fact))
        return self._cert[fact]

    # -- per node ---------------------------------------------------------------------------------
    def labels(self, node: Any) -> None:
        counts: Counter[str] = Counter()
        graphs: dict[str, set[str]] = {}
        for q in self.view.quads(node, self.t.label, None):
            graphs.setdefault(q.object.value, set()).add(getattr(q.graph_name, "value", ""))
        for label, gs in graphs.items():
            counts[label] = len(gs)
        if not counts:
            return
        best = sorted(counts, key=lambda lab: (-counts[lab], lab))[0]
        self.add(node, self.t.pref, self.t.ox.Literal(best))
        for label in counts:
            if label != best:
                self.add(node, self.t.alt, self.t.ox.Literal(label))

    def fact(self, node: Any) -> None:
        t = self.t
        is_fact = self.view.has(node, t.type, t.fact)
        if not is_fact and not self.view.objects(node, t.derived_from_fact):
            return
        cert = self.certainty(node)
        self.add(node, t.overall, t.ox.NamedNode(CERTAINTY_IRIS[cert]))
        if self.view.has(node, t.type, t.statement):
            s, p, o = (self.view.value(node, x) for x in (t.subject, t.predicate, t.object))
            if s is not None and p is not None and o is not None and cert in SHORTCUT_OK:
                self.add(s, p, o)
        if is_fact:
            self.certainty_contradiction(node)

    def views(self, node: Any) -> dict[Any, list[tuple[Any, Any]]]:
        """predicate -> [(object, article)] of the sem:View nodes about ``node``."""
        t = self.t
        out: dict[Any, list[tuple[Any, Any]]] = {}
        for v in self.view.subjects(t.subject, node):
            p, o = self.view.value(v, t.predicate), self.view.value(v, t.object)
            if p is not None and o is not None and self.view.has(v, t.type, t.view):
                out.setdefault(p, []).append((o, self.view.value(v, self.t.ox.NamedNode(_NS_SEM + "accordingTo"))))
        return out

    def single_values(self, node: Any) -> None:
        t = self.t
        for p, values in self.views(node).items():
            if p == t.has_time:
                self.time(node, values)
            else:
                counts = Counter(o for o, _ in values)
                best = sorted(counts, key=lambda o: (-counts[o], str(o)))[0]
                self.add(node, p, best)

    def bounds(self, node: Any) -> tuple[dt.date | None, dt.date | None, list[tuple[Any, Any, Any, Any]]]:
        """The aggregated time bounds of an event and the per-article (time, article, earliest, latest)."""
        t = self.t
        per = []
        for o, article in self.views(node).get(t.has_time, []):
            e, latest = _date(self.view.value(o, t.earliest)), _date(self.view.value(o, t.latest))
            if e or latest:
                per.append((o, article, e, latest))
        if not per:
            return None, None, []
        lo = max((e for _, _, e, _ in per if e), default=None)
        hi = min((la for _, _, _, la in per if la), default=None)
        if lo and hi and lo > hi:  # disjoint: the hull
            lo = min((e for _, _, e, _ in per if e), default=None)
            hi = max((la for _, _, _, la in per if la), default=None)
        return lo, hi, per

    def time(self, node: Any, values: list[tuple[Any, Any]]) -> None:
        t = self.t
        lo, hi, per = self.bounds(node)
        if not per:
            return
        td = t.ox.NamedNode(f"{node.value}-time")
        self.add(node, t.has_time, td)
        self.add(td, t.type, t.time)
        if lo:
            self.add(td, t.earliest, t.ox.Literal(lo.isoformat(), datatype=t.xsd_date))
        if hi:
            self.add(td, t.latest, t.ox.Literal(hi.isoformat(), datatype=t.xsd_date))
        for o, _, _, _ in per:
            self.add(td, t.derived, o)
        # different articles dating the event in disjoint periods
        clash = [(a, b) for i, a in enumerate(per) for b in per[i + 1:]
                 if a[1] != b[1] and ((a[2] and b[3] and a[2] > b[3]) or (b[2] and a[3] and b[2] > a[3]))]
        if clash:
            claims = self.claims_of(node)
            first: dict[Any, Any] = {}
            for c in claims:
                first.setdefault(c.article, c.iri)
            pairs = [(first[a[1]], first[b[1]]) for a, b in clash if a[1] in first and b[1] in first]
            what = "; ".join(f"{_fmt(a[2], a[3])} vs {_fmt(b[2], b[3])}" for a, b in clash[:3])
            self.contradiction("time", [node], pairs, f"articles date this event in disjoint periods: {what}")

    def period(self, node: Any) -> tuple[dt.date | None, dt.date | None]:
        lo, hi, per = self.bounds(node)
        if per:
            return lo, hi
        dates = sorted(d for d in (_date(self.view.value(c.article, self.t.issued)) for c in self.claims_of(node))
                       if d)
        if not dates:
            return None, None
        return dates[0] - REPORT_WINDOW, dates[-1]

    # -- contradictions ----------------------------------------------------------------------------
    def contradiction(self, kind: str, subjects: list[Any], pairs: list[tuple[Any, Any]], comment: str) -> None:
        t = self.t
        if not pairs:
            return
        members = sorted({m.value for pair in pairs for m in pair})
        c = t.ox.NamedNode(entity_iri(f"contradiction:{kind}|{'|'.join(s.value for s in subjects)}"))
        self.add(c, t.type, t.contradiction)
        self.add(c, t.dtype, t.ox.Literal(kind))
        self.add(c, t.comment, t.ox.Literal(comment))
        for s in subjects:
            self.add(c, t.dsubject, s)
        for m in members:
            self.add(c, t.derived, t.ox.NamedNode(m))
        for a, b in pairs:
            self.add(a, t.contradicts, b)
            self.add(b, t.contradicts, a)

    def certainty_contradiction(self, fact: Any) -> None:
        claims = [c for c in self.claims_of(fact) if self.view.has(c.iri, self.t.about, fact)]
        pos = [c for c in claims if c.certainty in _POSITIVE]
        neg = [c for c in claims if c.certainty == Certainty.DENIED]
        if pos and neg:
            self.contradiction("certainty", [fact], [(a.iri, b.iri) for a in pos for b in neg],
                               f"{len(pos)} claim(s) confirm or assert this fact and {len(neg)} deny it")

    def event_contradictions(self, node: Any) -> None:
        """A defection and a dismissal of the same person in overlapping periods."""
        t = self.t
        pairs = []
        if self.view.has(node, t.type, t.defection):
            for person in self.view.objects(node, t.defector):
                pairs += [(node, x) for x in self.view.subjects(t.affected, person)
                          if self.view.has(x, t.type, t.dismissal)]
        if self.view.has(node, t.type, t.dismissal):
            for person in self.view.objects(node, t.affected):
                pairs += [(d, node) for d in self.view.subjects(t.defector, person)
                          if self.view.has(d, t.type, t.defection)]
        for d, x in dict.fromkeys(pairs):
            if self.certainty(d) not in SHORTCUT_OK or self.certainty(x) not in SHORTCUT_OK:
                continue
            (a1, a2), (b1, b2) = self.period(d), self.period(x)
            if not (a1 or a2) or not (b1 or b2):
                continue
            if (a1 and b2 and a1 > b2) or (b1 and a2 and b1 > a2):
                continue
            self.contradiction("events", [d, x], [(d, x)],
                               f"one source reports a defection, another a dismissal of the same person in "
                               f"the same period ({_fmt(a1, a2)} / {_fmt(b1, b2)})")

    def node(self, node: Any) -> None:
        self.labels(node)
        self.fact(node)
        self.single_values(node)
        self.event_contradictions(node)


def _fmt(a: dt.date | None, b: dt.date | None) -> str:
    return f"{a.isoformat() if a else '..'}/{b.isoformat() if b else '..'}"


def touched_nodes(quads: Iterable[Any]) -> set[Any]:
    """The nodes of an article graph whose derived data may change when it is added or removed."""
    t = terms()
    out = set()
    for q in quads:
        if q.predicate in (t.label, t.derived_from_fact) or (q.predicate == t.type and q.object == t.fact):
            out.add(q.subject)
        elif q.predicate == t.subject:
            out.add(q.object)
    return out


def compute(view: ArticleView, nodes: Iterable[Any]) -> set[Any]:
    """The derived quads of ``nodes`` (and of the statements derived from them) over ``view``."""
    t = terms()
    nodes = set(nodes)
    for n in list(nodes):
        nodes.update(view.subjects(t.derived_from_fact, n))
    comp = _Computer(view)
    for n in sorted(nodes, key=lambda x: str(x)):
        comp.node(n)
    return comp.out


def existing(store: Any, nodes: Iterable[Any]) -> set[Any]:
    """The quads of the derived graph that belong to ``nodes`` (to be replaced by :func:`compute`)."""
    t = terms()
    g = t.graph
    out: set[Any] = set()
    nodes = set(nodes)
    for n in list(nodes):
        nodes.update(q.subject for q in store.quads_for_pattern(None, t.derived_from_fact, n, None))
    for n in nodes:
        for p in (t.pref, t.alt, t.overall, t.has_time, t.post, t.contradicts):
            out.update(store.quads_for_pattern(n, p, None, g))
        out.update(store.quads_for_pattern(t.ox.NamedNode(f"{n.value}-time"), None, None, g))
        spo = [next(iter(store.quads_for_pattern(n, p, None, None)), None) for p in (t.subject, t.predicate,
                                                                                    t.object)]
        s_q, p_q, o_q = spo
        if s_q is not None and p_q is not None and o_q is not None:
            out.update(store.quads_for_pattern(s_q.object, p_q.object, o_q.object, g))
        for q in store.quads_for_pattern(None, t.dsubject, n, g):
            c = q.subject
            members = [m.object for m in store.quads_for_pattern(c, t.derived, None, g)]
            out.update(store.quads_for_pattern(c, None, None, g))
            for m in members:
                out.update(store.quads_for_pattern(m, t.contradicts, None, g))
    return out


def derived_update(store: Any, graph: str, old_quads: Iterable[Any], new_quads: list[Any]) -> tuple[set[Any],
                                                                                                  set[Any]]:
    """(quads to delete, quads to insert) in the derived graph when article graph ``graph`` goes from
    ``old_quads`` (what the store holds) to ``new_quads``."""
    nodes = touched_nodes(old_quads) | touched_nodes(new_quads)
    view = ArticleView(store, replaced=graph, overlay=new_quads)
    # contradiction partners of touched events must be recomputed too (their pair may vanish)
    t = terms()
    for n in list(nodes):
        for q in store.quads_for_pattern(None, t.dsubject, n, t.graph):
            nodes.update(x.object for x in store.quads_for_pattern(q.subject, t.dsubject, None, t.graph))
    delete = existing(store, nodes)
    insert = compute(view, nodes)
    return delete - insert, insert - delete


def expected_derived(store: Any) -> set[Any]:
    """The derived graph a full recomputation gives (what incremental updates must equal)."""
    view = ArticleView(store)
    return compute(view, touched_nodes(view.quads()))


def rebuild_derived(store: Any) -> int:
    """Recompute the whole derived graph from the article graphs; returns its quad count."""
    t = terms()
    quads = expected_derived(store)
    if store.contains_named_graph(t.graph):
        store.remove_graph(t.graph)
    store.extend(quads)
    return len(quads)
