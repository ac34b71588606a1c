"""The registry graph: per article its content hash, what it adds to the alias index, and the merges
made while linking it; plus the merges a user undid (rejections).

Terms are graphbuild's bookkeeping namespace ``gbs:`` (:data:`graphbuild.store.disk.GBS`) except the
merge records, which use the ontology: ``?m a gb:MergeRecord ; gb:mergedInto ?entity ; gb:mergedLabel
"Saadeh" ; gb:mergeEvidence "..." ; prov:wasDerivedFrom ?article ; dct:identifier "m-..."``, and the
merged (vanished) entity IRI points to the surviving one: ``?old gb:mergedInto ?entity``.

Every registry node of an article carries ``gbs:article <article>``: replacing the article replaces them.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from graphbuild.model import Article, EntityType
from graphbuild.resolve.aliases import Context, Known, MemoryIndex, Merge
from graphbuild.resolve.identity import doc_iri, entity_iri, graph_iri, stable_hash
from graphbuild.store.disk import GBS, REGISTRY_BASE, REGISTRY_GRAPH, STORE_FORMAT

if TYPE_CHECKING:
    pass

_GB = "https://w3id.org/graphbuild/ontology#"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
_DCT_ID = "http://purl.org/dc/terms/identifier"


def content_hash(article: Article) -> str:
    """sha256 of the stored text (clean: NFC, LF, no BOM), so re-reading the same file is "unchanged"."""
    return hashlib.sha256(article.text.encode("utf-8")).hexdigest()


def meta_hash(article: Article) -> str:
    """sha256 of the metadata that changes the extraction or the article node (date, title, outlet, url)."""
    meta = [article.title, article.published.isoformat() if article.published else "", article.published_source,
            article.outlet, article.url]
    return hashlib.sha256(json.dumps(meta).encode("utf-8")).hexdigest()


def record_iri(doc_id: str) -> str:
    """The registry node of an article."""
    return f"{REGISTRY_BASE}doc/{doc_id}"


class _N:
    def __init__(self) -> None:
        import pyoxigraph as ox

        self.ox = ox
        self.g = ox.NamedNode(REGISTRY_GRAPH)

    def n(self, local: str) -> Any:
        return self.ox.NamedNode(GBS + local)

    def quad(self, s: Any, p: Any, o: Any) -> Any:
        ox = self.ox
        s = ox.NamedNode(s) if isinstance(s, str) else s
        p = ox.NamedNode(p) if isinstance(p, str) else p
        o = o if not isinstance(o, str | int) else ox.Literal(str(o)) if isinstance(o, str) else ox.Literal(
            str(o), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
        return ox.Quad(s, p, o, self.g)


def article_record(article: Article, *, quads: int, source: str, entries: list[Known],
                   merges: list[Merge]) -> list[Any]:
    """The registry quads of one article."""
    n = _N()
    ox = n.ox
    doc = ox.NamedNode(doc_iri(article.doc_id))
    r = ox.NamedNode(record_iri(article.doc_id))
    out = [n.quad(r, _RDF_TYPE, n.n("ArticleRecord")), n.quad(r, n.n("article"), doc),
           n.quad(r, n.n("graph"), ox.NamedNode(graph_iri(article.doc_id))),
           n.quad(r, n.n("docId"), article.doc_id), n.quad(r, n.n("contentHash"), content_hash(article)),
           n.quad(r, n.n("metaHash"), meta_hash(article)), n.quad(r, n.n("quads"), quads),
           n.quad(r, n.n("format"), STORE_FORMAT)]
    if source:
        out.append(n.quad(r, n.n("source"), source))
    for k in entries:
        x = ox.NamedNode(f"{r.value}#e-{stable_hash(k.key, 12)}")
        out += [n.quad(x, _RDF_TYPE, n.n("IndexEntry")), n.quad(x, n.n("article"), doc),
                n.quad(x, n.n("key"), k.key), n.quad(x, n.n("entityType"), k.type.value),
                n.quad(x, n.n("label"), k.label), n.quad(x, n.n("entity"), ox.NamedNode(entity_iri(k.key)))]
        if k.tokens:
            out += [n.quad(x, n.n("nameTokens"), " ".join(k.tokens)), n.quad(x, n.n("surname"), k.tokens[-1])]
        out += [n.quad(x, n.n("role"), w) for w in sorted(k.context.roles)]
        out += [n.quad(x, n.n("nationality"), c) for c in sorted(k.context.nationalities)]
        out += [n.quad(x, n.n("governs"), c) for c in sorted(k.governs)]
    for m in merges:
        x = ox.NamedNode(f"{REGISTRY_BASE}merge/{m.record_id}")
        to = ox.NamedNode(entity_iri(m.to_key))
        out += [n.quad(x, _RDF_TYPE, ox.NamedNode(_GB + "MergeRecord")), n.quad(x, n.n("article"), doc),
                n.quad(x, _DCT_ID, m.record_id), n.quad(x, _GB + "mergedInto", to),
                n.quad(x, _GB + "mergedLabel", m.label), n.quad(x, _GB + "mergeEvidence", m.evidence),
                n.quad(x, _PROV_DERIVED, doc), n.quad(x, n.n("fromKey"), m.from_key),
                n.quad(x, n.n("toKey"), m.to_key), n.quad(x, n.n("merged"), ox.NamedNode(entity_iri(m.from_key)))]
    return out


def merged_into_quads(merges: list[Merge]) -> list[Any]:
    """``<old entity> gb:mergedInto <surviving entity>`` for each merge."""
    n = _N()
    return [n.quad(entity_iri(m.from_key), _GB + "mergedInto", n.ox.NamedNode(entity_iri(m.to_key))) for m in merges]


def article_registry_quads(store: Any, doc_id: str) -> list[Any]:
    """What the registry holds for one article (its record, index entries and merge records)."""
    n = _N()
    doc = n.ox.NamedNode(doc_iri(doc_id))
    out = []
    for q in store.quads_for_pattern(None, n.n("article"), doc, n.g):
        out += list(store.quads_for_pattern(q.subject, None, None, n.g))
    return out


def recorded_hashes(store: Any, doc_id: str) -> tuple[str, str] | None:
    """(content hash, metadata hash) the registry holds for an article, or None."""
    n = _N()
    r = n.ox.NamedNode(record_iri(doc_id))
    c = next(iter(store.quads_for_pattern(r, n.n("contentHash"), None, n.g)), None)
    m = next(iter(store.quads_for_pattern(r, n.n("metaHash"), None, n.g)), None)
    if c is None or m is None:
        return None
    return c.object.value, m.object.value


def _values(store: Any, s: Any, p: Any, g: Any) -> list[str]:
    return [q.object.value for q in store.quads_for_pattern(s, p, None, g)]


def load_index(store: Any) -> MemoryIndex:
    """The alias index mirrored from the registry graph (entries and rejections)."""
    n = _N()
    index = MemoryIndex()
    per_doc: dict[str, list[Known]] = {}
    for q in store.quads_for_pattern(None, n.ox.NamedNode(_RDF_TYPE), n.n("IndexEntry"), n.g):
        x = q.subject
        props: dict[str, list[str]] = {}
        for p in store.quads_for_pattern(x, None, None, n.g):
            props.setdefault(p.predicate.value.removeprefix(GBS), []).append(p.object.value)
        doc_id = props["article"][0].removeprefix(doc_iri(""))
        tokens = tuple(props.get("nameTokens", [""])[0].split())
        per_doc.setdefault(doc_id, []).append(Known(
            props["key"][0], EntityType(props["entityType"][0]), props["label"][0], tokens,
            Context(frozenset(props.get("role", [])), frozenset(props.get("nationality", []))),
            governs=frozenset(props.get("governs", []))))
    for doc_id, entries in per_doc.items():
        index.set_entries(doc_id, sorted(entries, key=lambda k: k.key))
    for q in store.quads_for_pattern(None, n.ox.NamedNode(_RDF_TYPE), n.n("Rejection"), n.g):
        scope = _values(store, q.subject, n.n("scope"), n.g)
        index.rejections.add((_values(store, q.subject, n.n("fromKey"), n.g)[0],
                              _values(store, q.subject, n.n("toKey"), n.g)[0],
                              scope[0].removeprefix(doc_iri("")) if scope else ""))
    return index


def rejection_quads(from_key: str, to_key: str, doc_id: str = "") -> list[Any]:
    """A user's "never merge these again" (for one article, or everywhere when ``doc_id`` is empty)."""
    n = _N()
    x = n.ox.NamedNode(f"{REGISTRY_BASE}rejection/{stable_hash(f'{from_key}|{to_key}|{doc_id}', 12)}")
    out = [n.quad(x, _RDF_TYPE, n.n("Rejection")), n.quad(x, n.n("fromKey"), from_key),
           n.quad(x, n.n("toKey"), to_key)]
    if doc_id:
        out.append(n.quad(x, n.n("scope"), n.ox.NamedNode(doc_iri(doc_id))))
    return out


def merge_records(store: Any) -> list[dict[str, str]]:
    """Every merge record: id, article (doc id), from key, to key, label, evidence."""
    n = _N()
    out = []
    for q in store.quads_for_pattern(None, n.ox.NamedNode(_RDF_TYPE), n.ox.NamedNode(_GB + "MergeRecord"), n.g):
        x = q.subject

        def one(p: Any, x: Any = x) -> str:
            vals = _values(store, x, p, n.g)
            return vals[0] if vals else ""

        out.append({"id": one(n.ox.NamedNode(_DCT_ID)), "article": one(n.n("article")).removeprefix(doc_iri("")),
                    "from": one(n.n("fromKey")), "to": one(n.n("toKey")),
                    "label": one(n.ox.NamedNode(_GB + "mergedLabel")),
                    "evidence": one(n.ox.NamedNode(_GB + "mergeEvidence"))})
    return sorted(out, key=lambda r: (r["article"], r["id"]))


def stored_article(store: Any, doc_id: str) -> Article | None:
    """An article as stored (text, title, date, outlet, url), to re-extract it without its file."""
    import datetime as dt

    ox = _N().ox
    g = ox.NamedNode(graph_iri(doc_id))
    doc = ox.NamedNode(doc_iri(doc_id))

    def val(s: Any, p: str) -> str:
        q = next(iter(store.quads_for_pattern(s, ox.NamedNode(p), None, g)), None)
        return q.object.value if q is not None else ""

    text = val(ox.NamedNode(f"{doc.value}#context"),
               "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString")
    if not text:
        return None
    issued = val(doc, "http://purl.org/dc/terms/issued")
    return Article(doc_id=doc_id, text=text, title=val(doc, "http://purl.org/dc/terms/title"),
                   published=dt.date.fromisoformat(issued) if issued else None,
                   published_source=val(doc, _GB + "anchorDateSource") or "none",
                   outlet=val(doc, "http://purl.org/dc/terms/source"), url=val(doc, "http://schema.org/url"))


def article_ids(store: Any) -> list[str]:
    """The doc ids the registry knows, sorted."""
    n = _N()
    return sorted(q.object.value for q in store.quads_for_pattern(None, n.n("docId"), None, n.g))
