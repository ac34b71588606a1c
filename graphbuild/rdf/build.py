"""IR -> RDF: the only place that writes triples. One named graph per article; deterministic IRIs."""

from __future__ import annotations

import re

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from graphbuild.extract.attribution import overall_certainty
from graphbuild.extract.lexicons import cities
from graphbuild.model import (
    ArticleFacts,
    Certainty,
    Claim,
    EntityType,
    Event,
    RelationLabel,
    Role,
    TextSpan,
    TimeBounds,
)
from graphbuild.rdf.namespaces import (
    DCTERMS,
    FOAF,
    GB,
    ITSRDF,
    NIF,
    ORG,
    PREFIXES,
    PROV,
    RDF,
    ROLE,
    SCHEMA,
    SEM,
    SKOS,
    XSD,
)
from graphbuild.resolve.identity import doc_iri, entity_iri, graph_iri, stable_hash

ENTITY_CLASSES: dict[EntityType, tuple[URIRef, ...]] = {
    EntityType.PERSON: (SCHEMA.Person,),
    EntityType.REGIME: (GB.Regime, SCHEMA.GovernmentOrganization, ORG.Organization),
    EntityType.GOVERNMENT: (SCHEMA.GovernmentOrganization, ORG.Organization),
    EntityType.ORGANIZATION: (SCHEMA.Organization, ORG.Organization),
    EntityType.MEDIA: (SCHEMA.NewsMediaOrganization, SCHEMA.Organization),
    EntityType.COUNTRY: (SCHEMA.Country,),
    EntityType.PLACE: (SCHEMA.Place,),
    EntityType.GROUP: (FOAF.Group,),
}
CERTAINTY = {Certainty.CONFIRMED: GB.Confirmed, Certainty.CLAIMED: GB.Claimed,
             Certainty.UNCONFIRMED: GB.Unconfirmed, Certainty.DENIED: GB.Denied,
             Certainty.HYPOTHETICAL: GB.Hypothetical}
SHORTCUT_OK = {Certainty.CONFIRMED, Certainty.CLAIMED, Certainty.UNCONFIRMED}
RELATION_PREDICATES: dict[RelationLabel, URIRef] = {
    RelationLabel.LEADER_OF: ORG.headOf, RelationLabel.MEMBER_OF: ORG.memberOf,
    RelationLabel.SPOKESPERSON_FOR: GB.spokespersonFor, RelationLabel.CONFIDANT_OF: GB.confidantOf,
    RelationLabel.CHILD_OF: SCHEMA.parent, RelationLabel.RELATIVE_OF: SCHEMA.relatedTo,
    RelationLabel.BASED_IN: SCHEMA.workLocation, RelationLabel.LOCATED_IN: SCHEMA.containedInPlace,
    RelationLabel.PART_OF: ORG.subOrganizationOf, RelationLabel.GOVERNS: GB.governs,
    RelationLabel.APPOINTED_BY: GB.appointedBy, RelationLabel.REPLACED_BY: GB.replacedBy,
    RelationLabel.DEFECTED_FROM: GB.defectedFrom, RelationLabel.DEFECTED_TO: GB.defectedTo,
}
EVENT_ROLES = {"defector": GB.defector, "leftOrganization": GB.leftOrganization,
               "joinedOrganization": GB.joinedOrganization, "destination": GB.destination,
               "affectedPerson": GB.affectedPerson, "affectedOrganization": GB.affectedOrganization,
               "initiator": GB.initiator}
_EVENT_NOUNS = {"Defection": "Defection", "Appointment": "Appointment", "Dismissal": "Dismissal",
                "Resignation": "Resignation", "Arrest": "Arrest"}


def new_dataset() -> Dataset:
    """An empty dataset with the contract's prefixes bound (schema: is http)."""
    ds = Dataset(default_union=True)
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True, replace=True)
    return ds


class _ArticleWriter:
    def __init__(self, graph: Graph, facts: ArticleFacts) -> None:
        self.g = graph
        self.facts = facts
        self.article = URIRef(doc_iri(facts.article.doc_id))
        self.context = URIRef(f"{self.article}#context")
        self.labels = {e.key: e.label for e in facts.entities}
        self.types = {e.key: e.type for e in facts.entities}

    def add(self, s: Node, p: Node, o: Node) -> None:
        self.g.add((s, p, o))

    def entity(self, key: str) -> URIRef:
        return URIRef(entity_iri(key))

    def span(self, span: TextSpan, kind: URIRef) -> URIRef:
        iri = URIRef(f"{self.article}#char={span.start},{span.end}")
        text = self.facts.article.text
        self.add(iri, RDF.type, kind)
        self.add(iri, RDF.type, NIF.String)
        self.add(iri, NIF.beginIndex, Literal(span.start, datatype=XSD.nonNegativeInteger))
        self.add(iri, NIF.endIndex, Literal(span.end, datatype=XSD.nonNegativeInteger))
        self.add(iri, NIF.anchorOf, Literal(text[span.start:span.end]))
        self.add(iri, NIF.referenceContext, self.context)
        return iri

    def document(self) -> None:
        a = self.facts.article
        self.add(self.article, RDF.type, SCHEMA.NewsArticle)
        self.add(self.article, RDF.type, PROV.Entity)
        if a.title:
            self.add(self.article, DCTERMS.title, Literal(a.title))
            self.add(self.article, SKOS.prefLabel, Literal(a.title))
        if a.published:
            self.add(self.article, DCTERMS.issued, Literal(a.published.isoformat(), datatype=XSD.date))
        self.add(self.article, GB.anchorDateSource, Literal(a.published_source))
        if a.outlet:
            self.add(self.article, DCTERMS.source, Literal(a.outlet))
        if a.url:
            self.add(self.article, SCHEMA.url, Literal(a.url))
        self.add(self.article, DCTERMS.identifier, Literal(a.doc_id))
        self.add(self.context, RDF.type, NIF.Context)
        self.add(self.context, NIF.isString, Literal(a.text))
        self.add(self.context, NIF.beginIndex, Literal(0, datatype=XSD.nonNegativeInteger))
        self.add(self.context, NIF.endIndex, Literal(len(a.text), datatype=XSD.nonNegativeInteger))
        self.add(self.article, SCHEMA.text, self.context)
        for sentence in self.facts.sentences:
            self.span(sentence, NIF.Sentence)

    def entities(self) -> None:
        for e in self.facts.entities:
            iri = self.entity(e.key)
            for cls in ENTITY_CLASSES[e.type]:
                self.add(iri, RDF.type, cls)
            if e.type == EntityType.PLACE and e.label.lower() in cities():
                self.add(iri, RDF.type, SCHEMA.City)
            self.add(iri, SKOS.prefLabel, Literal(e.label))
            for name in e.names:
                if name != e.label:
                    self.add(iri, SKOS.altLabel, Literal(name))
            for mention in e.mentions:
                phrase = self.span(mention, NIF.Phrase)
                self.add(phrase, ITSRDF.taIdentRef, iri)

    def time(self, owner: URIRef, bounds: TimeBounds) -> URIRef:
        t = URIRef(f"{owner}-time-{stable_hash(str(self.article))}")
        self.add(t, RDF.type, SEM.Time)
        if bounds.earliest:
            self.add(t, SEM.hasEarliestBeginTimeStamp, Literal(bounds.earliest.isoformat(), datatype=XSD.date))
        if bounds.latest:
            self.add(t, SEM.hasLatestEndTimeStamp, Literal(bounds.latest.isoformat(), datatype=XSD.date))
        if bounds.text:
            self.add(t, GB.timexValue, Literal(bounds.text))
        if bounds.granularity:
            self.add(t, GB.granularity, Literal(bounds.granularity))
        if self.facts.article.published:
            self.add(t, GB.anchorDate, Literal(self.facts.article.published.isoformat(), datatype=XSD.date))
        return t

    def claims(self, fact: URIRef, claims: tuple[Claim, ...]) -> Certainty:
        for claim in claims:
            key = "|".join([str(fact), ",".join(claim.sources), claim.certainty.value,
                            f"{claim.sentence.start}-{claim.sentence.end}"])
            c = URIRef(f"{self.article}#claim-{stable_hash(key)}")
            self.add(c, RDF.type, GB.Claim)
            self.add(c, GB.about, fact)
            self.add(c, GB.certainty, CERTAINTY[claim.certainty])
            self.add(c, PROV.wasDerivedFrom, self.span(claim.sentence, NIF.Sentence))
            self.add(c, SCHEMA.appearance, self.article)
            if claim.cue is not None:
                self.add(c, GB.cue, self.span(claim.cue, NIF.Phrase))
            sources = [self.entity(k) for k in claim.sources] or [self.article]
            for source in sources:
                self.add(c, PROV.wasAttributedTo, source)
            for n, body in enumerate(claim.on_behalf_of):
                self.add(c, PROV.wasAttributedTo, self.entity(body))
                q = URIRef(f"{c}-attribution-{n}")
                self.add(c, PROV.qualifiedAttribution, q)
                self.add(q, RDF.type, PROV.Attribution)
                self.add(q, PROV.agent, sources[0])
                self.add(q, GB.onBehalfOf, self.entity(body))
        overall = overall_certainty(claims)
        self.add(fact, GB.overallCertainty, CERTAINTY[overall])
        return overall

    def statement(self, s: URIRef, p: URIRef, o: URIRef, *, claims: tuple[Claim, ...] = (),
                  derived_from: URIRef | None = None, certainty: Certainty | None = None) -> None:
        st = URIRef(entity_iri(f"statement:{s}|{p}|{o}"))
        self.add(st, RDF.type, GB.Statement)
        self.add(st, RDF.type, RDF.Statement)
        self.add(st, RDF.subject, s)
        self.add(st, RDF.predicate, p)
        self.add(st, RDF.object, o)
        if derived_from is not None:
            self.add(st, GB.derivedFromFact, derived_from)
            assert certainty is not None
            self.add(st, GB.overallCertainty, CERTAINTY[certainty])
            overall = certainty
        else:
            self.add(st, RDF.type, GB.Fact)
            overall = self.claims(st, claims)
        if overall in SHORTCUT_OK:
            self.add(s, p, o)

    def event(self, event: Event) -> None:
        parts = "|".join(f"{r}={k}" for r, k in event.participants if r in {"defector", "leftOrganization",
                                                                             "affectedPerson"})
        iri = URIRef(entity_iri(f"event:{event.kind.value}|{parts}"))
        self.add(iri, RDF.type, GB[event.kind.value])
        self.add(iri, RDF.type, SEM.Event)
        self.add(iri, RDF.type, GB.Fact)
        who = event.participant("defector") or event.participant("affectedPerson") or ""
        self.add(iri, SKOS.prefLabel, Literal(f"{_EVENT_NOUNS[event.kind.value]} of {self.labels.get(who, who)}"))
        for role, key in event.participants:
            self.add(iri, EVENT_ROLES[role], self.entity(key))
            self.add(iri, SEM.hasActor if role != "destination" else SEM.hasPlace, self.entity(key))
        if event.time is not None and (event.time.earliest or event.time.latest):
            self.add(iri, SEM.hasTime, self.time(iri, event.time))
        overall = self.claims(iri, event.claims)
        defector, left = event.participant("defector"), event.participant("leftOrganization")
        if defector and left:
            self.statement(self.entity(defector), GB.defectedFrom, self.entity(left), derived_from=iri,
                           certainty=overall)
            to = event.participant("destination") or event.participant("joinedOrganization")
            if to:
                self.statement(self.entity(defector), GB.defectedTo, self.entity(to), derived_from=iri,
                               certainty=overall)

    def role(self, role: Role) -> None:
        person = self.entity(role.person)
        org = self.entity(role.organization) if role.organization else None
        role_iri = ROLE[re.sub(r"[^a-z0-9]+", "-", role.role.lower()).strip("-") or "role"]
        self.add(role_iri, RDF.type, ORG.Role)
        self.add(role_iri, RDF.type, SKOS.Concept)
        self.add(role_iri, SKOS.inScheme, GB.RoleScheme)
        if role.rank:
            self.add(role_iri, RDF.type, GB.MilitaryRank)
        self.add(role_iri, SKOS.prefLabel, Literal(role.role))
        m = URIRef(entity_iri(f"membership:{role.person}|{role.role}|{role.organization}"))
        self.add(m, RDF.type, ORG.Membership)
        self.add(m, RDF.type, GB.Fact)
        self.add(m, ORG.member, person)
        if org is not None:
            self.add(m, ORG.organization, org)
        self.add(m, ORG.role, role_iri)
        self.add(m, SKOS.prefLabel, Literal(f"{self.labels.get(role.person)}: {role.role}, "
                                            f"{self.labels.get(role.organization or '', 'no organization named')}"))
        if role.post_label and org is not None:
            post = URIRef(entity_iri(f"post:{role.post_label.lower()}"))
            self.add(post, RDF.type, ORG.Post)
            self.add(post, SKOS.prefLabel, Literal(role.post_label))
            self.add(post, ORG.role, role_iri)
            self.add(post, ORG.postIn, org)
            self.add(m, GB.post, post)
        if not role.current and self.facts.article.published:
            self.add(m, ORG.memberDuring, self.time(m, TimeBounds(None, self.facts.article.published, "former",
                                                                   "")))
        overall = self.claims(m, role.claims)
        if org is not None:
            self.statement(person, ORG.memberOf, org, derived_from=m, certainty=overall)

    def write(self) -> None:
        self.document()
        self.entities()
        for event in self.facts.events:
            self.event(event)
        for role in self.facts.roles:
            self.role(role)
        for rel in self.facts.relations:
            self.statement(self.entity(rel.subject), RELATION_PREDICATES[rel.label], self.entity(rel.object),
                           claims=rel.claims)


def add_article(ds: Dataset, facts: ArticleFacts) -> Graph:
    """Write one article's facts into its own named graph of ``ds`` (replacing what was there)."""
    name = URIRef(graph_iri(facts.article.doc_id))
    ds.remove_graph(name)
    graph = ds.graph(name)
    _ArticleWriter(graph, facts).write()
    ds.add((name, RDF.type, PROV.Bundle))
    ds.add((name, PROV.wasDerivedFrom, URIRef(doc_iri(facts.article.doc_id))))
    return graph


class _TripleList(list):  # type: ignore[type-arg]
    def add(self, triple: tuple[Node, Node, Node]) -> None:
        self.append(triple)


def article_triples(facts: ArticleFacts) -> list[tuple[Node, Node, Node]]:
    """The triples :func:`add_article` writes into an article's graph, as a list (no dataset, no
    duplicates removed): for writers that put them elsewhere, such as a store."""
    out = _TripleList()
    _ArticleWriter(out, facts).write()  # type: ignore[arg-type]
    return list(dict.fromkeys(out))
