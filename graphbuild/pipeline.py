"""The only module that wires the stages together: articles -> parsed docs -> facts -> RDF."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from graphbuild.model import (
    Article,
    ArticleFacts,
    Certainty,
    Claim,
    Entity,
    EntityType,
    Event,
    EventKind,
    Relation,
    RelationLabel,
    Role,
)

if TYPE_CHECKING:
    from rdflib import Dataset
    from spacy.language import Language
    from spacy.tokens import Doc


def _structure_relations(doc: Doc, res: object) -> list[Relation]:
    from graphbuild.extract.attribution import sentence_span
    from graphbuild.resolve.coref import Resolution

    assert isinstance(res, Resolution)
    out: list[Relation] = []
    for subject, label, obj, tok in res.structure:
        if subject in res.entities and obj in res.entities and subject != obj and \
                res.entities[subject].label.lower() != res.entities[obj].label.lower():  # never "Syria in Syria"
            claim = Claim((), Certainty.CONFIRMED, sentence_span(doc[tok].sent))
            out.append(Relation(subject, RelationLabel(label), obj, (claim,)))
    return out


def _roles_in_left_bodies(roles: list[Role], events: list[Event]) -> list[Role]:
    """A defector's rank or post with no body named belongs to the body he left."""
    left = {e.participant("defector"): e.participant("leftOrganization") for e in events
            if e.kind == EventKind.DEFECTION and e.participant("leftOrganization")}
    return [replace(r, organization=left[r.person]) if r.organization is None and r.person in left else r
            for r in roles]


def _serving_in(roles: list[Role], res: object) -> list[Relation]:
    """An officer holding a rank in a body is a member of it ("Brigadier General X of the army")."""
    from graphbuild.model import EntityType
    from graphbuild.resolve.coref import Resolution

    assert isinstance(res, Resolution)
    return [Relation(r.person, RelationLabel.MEMBER_OF, r.organization, r.claims) for r in roles
            if r.rank and r.current and r.organization and res.type_of(r.organization) in {
                EntityType.ORGANIZATION, EntityType.GOVERNMENT}]


def _members_of_bodies_left(events: list[Event], res: object) -> list[Relation]:
    """A defector was a member of the body he left ("deserted the army", "left the X party for the Y"): not for
    a regime or a country, not for a defection only imagined, and only for persons (what a group is a part of
    is told by its own description)."""
    from graphbuild.extract.attribution import overall_certainty
    from graphbuild.model import Certainty, EntityType
    from graphbuild.resolve.coref import Resolution

    assert isinstance(res, Resolution)
    out = []
    for event in events:
        who, left = event.participant("defector"), event.participant("leftOrganization")
        if event.kind == EventKind.DEFECTION and who and left and res.type_of(who) == EntityType.PERSON and res.type_of(
                left) in {
                EntityType.ORGANIZATION, EntityType.GOVERNMENT} and overall_certainty(
                event.claims) != Certainty.HYPOTHETICAL:
            out.append(Relation(who, RelationLabel.MEMBER_OF, left, event.claims))
    return out


def facts_from_doc(doc: Doc, article: Article) -> ArticleFacts:
    """Run every extractor over one parsed article."""
    from graphbuild.extract.attribution import sentence_span
    from graphbuild.extract.events import find_defections, find_other_events, narrow_left_bodies
    from graphbuild.extract.mentions import find_mentions
    from graphbuild.extract.relations import find_relations, relations_from_events, replacements
    from graphbuild.extract.roles import find_roles, ranks_in_their_force
    from graphbuild.resolve.coref import resolve_mentions
    from graphbuild.resolve.descriptions import described_names, with_described_names

    res = resolve_mentions(doc, find_mentions(doc), doc_id=article.doc_id)
    events = find_defections(doc, res, article) + find_other_events(doc, res, article)
    roles, role_relations = find_roles(doc, res)
    events = narrow_left_bodies(events, roles, doc, res)
    roles = ranks_in_their_force(_roles_in_left_bodies(roles, events), res)
    role_relations = role_relations + _serving_in(roles, res)
    relations = (_structure_relations(doc, res) + role_relations + find_relations(doc, res)
                 + relations_from_events(events) + replacements(doc, res) + _members_of_bodies_left(events, res))
    merged: dict[tuple[str, str, str], Relation] = {}
    for rel in relations:
        key = (rel.subject, rel.label.value, rel.object)
        old = merged.get(key)
        merged[key] = rel if old is None else Relation(rel.subject, rel.label, rel.object,
                                                        tuple(dict.fromkeys(old.claims + rel.claims)))
    sentences = tuple(s for s in (sentence_span(sent) for sent in doc.sents) if s.end > s.start)
    used = {rel.subject for rel in merged.values()} | {rel.object for rel in merged.values()} | {
        key for role in roles for key in (role.person, role.organization) if key}
    described = described_names(doc, res, {k for ev in events if ev.kind == EventKind.DEFECTION
                                           for k in [ev.participant("defector")] if k})
    entities = tuple(with_described_names(e, described) for e in res.entities.values() if e.mentions or e.key in used
                     or any(e.key in dict(ev.participants).values() for ev in events))
    # a country an event falls back on that the article never names ("the ambassador never went back to
    # Pyongyang": North Korea) is still an entity, typed and labelled
    entities += tuple(Entity(key=key, type=EntityType.COUNTRY, label=key.removeprefix("country:"), names=())
                      for key in sorted({k for ev in events for _r, k in ev.participants} - set(res.entities))
                      if key.startswith("country:"))
    return ArticleFacts(article=article, sentences=sentences, entities=entities, events=tuple(events),
                        roles=tuple(roles), relations=tuple(merged.values()))


def extract_facts(articles: Iterable[Article], *, nlp: Language | None = None,
                  n_process: int = 1, batch_size: int = 16,
                  on_error: Callable[[Article, Exception], None] | None = None) -> Iterator[ArticleFacts]:
    """Parse articles with spaCy and extract their facts, in order, in ``n_process`` processes.

    With ``n_process`` > 1 each worker process parses a batch and extracts its facts itself, so only
    the (small) facts travel back; at most ``2 * n_process`` batches are in flight, so a long stream
    of articles is read as it is consumed. With ``on_error``, an article whose extraction raises is
    reported to it and skipped instead of ending the stream (corpus ingest).
    """
    from graphbuild.nlp import load_nlp

    nlp = nlp or load_nlp()
    if n_process > 1:
        results = _extract_in_processes(articles, nlp, n_process, batch_size)
    else:
        results = _extract_batch_stream(articles, nlp, batch_size)
    for article, outcome in results:
        if isinstance(outcome, ArticleFacts):
            yield outcome
        elif on_error is None:
            raise outcome
        else:
            on_error(article, outcome)


_Outcome = tuple[Article, "ArticleFacts | Exception"]


def _extract_batch_stream(articles: Iterable[Article], nlp: Language, batch_size: int) -> Iterator[_Outcome]:
    from graphbuild.ingest.text import mask_boilerplate

    pairs = ((mask_boilerplate(a.text), a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        try:
            facts: ArticleFacts | Exception = facts_from_doc(doc, article)
        except Exception as e:  # handed to on_error, or raised, by extract_facts
            facts = e
        yield article, facts


_WORKER_NLP: Language | None = None  # the pipeline of a worker process, set once when it starts


def _init_worker(nlp: Language) -> None:
    global _WORKER_NLP
    _WORKER_NLP = nlp


def _extract_batch(batch: list[Article]) -> list[_Outcome]:
    assert _WORKER_NLP is not None
    out = list(_extract_batch_stream(batch, _WORKER_NLP, len(batch)))
    for n, (article, outcome) in enumerate(out):
        if isinstance(outcome, Exception):  # keep what the parent needs to report it, picklable
            out[n] = (article, RuntimeError(f"{type(outcome).__name__}: {outcome}"))
    return out


def _extract_in_processes(articles: Iterable[Article], nlp: Language, n_process: int,
                          batch_size: int) -> Iterator[_Outcome]:
    import multiprocessing
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool
    from itertools import islice

    from graphbuild.errors import GraphbuildError

    stream = iter(articles)
    pending: deque[Future[list[_Outcome]]] = deque()
    # forked workers inherit the pipeline the parent loaded (fork passes initargs without pickling)
    pool = ProcessPoolExecutor(n_process, mp_context=multiprocessing.get_context("fork"),
                               initializer=_init_worker, initargs=(nlp,))
    try:
        while True:
            try:
                while len(pending) < 2 * n_process and (batch := list(islice(stream, batch_size))):
                    pending.append(pool.submit(_extract_batch, batch))
                if not pending:
                    return
                done = pending.popleft().result()
            except BrokenProcessPool as e:
                raise GraphbuildError(f"an extraction worker process died (killed, or out of memory): {e}") from None
            yield from done
    finally:
        for future in pending:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


def build_graph(articles: Iterable[Article], *, nlp: Language | None = None) -> Dataset:
    """Articles to an RDF dataset with one named graph per article.

    >>> from graphbuild.ingest import make_article
    >>> import datetime as dt
    >>> a = make_article("The ambassador has defected.", doc_id="t", name="t", published=dt.date(2012, 7, 11))
    >>> ds = build_graph([a])
    >>> len(list(ds.graphs())) >= 2
    True
    """
    from graphbuild.rdf.build import add_article, new_dataset

    ds = new_dataset()
    for facts in extract_facts(articles, nlp=nlp):
        add_article(ds, facts)
    return ds
