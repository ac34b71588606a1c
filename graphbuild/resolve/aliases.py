"""Cross-article entity linking against a persistent alias index.

Within one article :mod:`graphbuild.resolve.coref` already joins "Fuad Saadeh" and "Saadeh", and entity
keys fold transliterations (Fuad/Fouad, Haddad/Hadad). Across articles a person known in an article only
by a shorter form ("Saadeh", "President Tannous") gets the key ``person:salem``; :func:`link_entities`
rewrites it to the key of the one full-name person of the index it can be (``person:fuad sada``):

* same type (a person), and the short form's name tokens are a subsequence of the candidate's, with the
  same last token (so "Hadi Tannous" never joins "Fawzi Tannous": the first names differ);
* the contexts do not contradict: when both sides name roles ("prime minister", "businessman") they
  share a role word, and when both name a nationality they share one;
* the candidate is not place-like ("Syria's Aleppo Youtube" is the recognizer's noise, not a person) and
  is known from at least two articles, unless it shares a role or a nationality with the short form;
* exactly one candidate is left, or one candidate *dominates* (seen in at least ``DOMINANCE`` times as
  many articles as all the others together, and in at least ``MIN_DOMINANT`` articles): "Tannous" in a
  corpus about Syria is Fawzi al-Tannous, not one of the few other Tannouses it names. Otherwise the name
  is ambiguous and stays apart.

A regime named after a linked leader follows its leader (``regime:person:tanus`` becomes
``regime:person:fauzi tanus``); a regime known only by its country (``regime:country:Syria``) joins the
one regime the index knows to govern that country, under the same rules.

Every rewrite is returned as a :class:`Merge` (recorded as a ``gb:MergeRecord`` by the store); the
surface forms stay as names of the surviving entity (``skos:altLabel``). Merges a user rejected
(``graphbuild unmerge``) are never made again.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Protocol

from graphbuild.model import ArticleFacts, Claim, Entity, EntityType, Event, Relation, Role
from graphbuild.resolve.identity import fold_name, stable_hash

DOMINANCE = 10
MIN_DOMINANT = 5
MIN_SEEN = 2
_GENERIC = {"the", "a", "an", "of", "former", "ex", "late", "acting", "then", "new", "mr", "mrs", "ms", "dr",
            "sheikh", "said", "and", "his", "her", "its", "their", "s"}


@dataclass(frozen=True, slots=True)
class Context:
    """What an article says about a person besides the name: role words and nationalities."""

    roles: frozenset[str] = frozenset()
    nationalities: frozenset[str] = frozenset()

    def contradicts(self, other: Context) -> str | None:
        """Why the two contexts cannot be one person, or None when they can."""
        if self.roles and other.roles and not self.roles & other.roles:
            return f"roles differ ({', '.join(sorted(self.roles))} / {', '.join(sorted(other.roles))})"
        if self.nationalities and other.nationalities and not self.nationalities & other.nationalities:
            return (f"nationalities differ ({', '.join(sorted(self.nationalities))} / "
                    f"{', '.join(sorted(other.nationalities))})")
        return None

    def __or__(self, other: Context) -> Context:
        return Context(self.roles | other.roles, self.nationalities | other.nationalities)


@dataclass(frozen=True, slots=True)
class Known:
    """An entity of the index: its key, type, display name, folded name tokens, context, and in how many
    articles it is known (regimes also carry the countries they govern)."""

    key: str
    type: EntityType
    label: str
    tokens: tuple[str, ...]
    context: Context = field(default_factory=Context)
    articles: int = 1
    governs: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Merge:
    """One rewrite of an entity key in one article, with its evidence."""

    doc_id: str
    from_key: str
    to_key: str
    label: str  # the surface form that was merged ("Saadeh")
    evidence: str

    @property
    def record_id(self) -> str:
        """A stable id for the merge record ("m-" and a hash of article, old key and new key)."""
        return "m-" + stable_hash(f"{self.doc_id}|{self.from_key}|{self.to_key}", 12)


class AliasIndex(Protocol):
    """What :func:`link_entities` asks the index."""

    def people(self, surname: str) -> list[Known]:
        """Full-name persons whose folded last name token is ``surname`` (one entry per key)."""

    def regimes(self, country: str) -> list[Known]:
        """Regimes (keyed by their leader) known to govern ``country``."""

    def rejected(self, from_key: str, to_key: str, doc_id: str) -> bool:
        """Whether a user undid this merge (for this article or everywhere)."""


class MemoryIndex:
    """An in-memory :class:`AliasIndex`: entries per article, looked up by surname and by governed
    country. The store keeps one mirrored from its registry graph (:mod:`graphbuild.store.registry`).
    ``exclude`` names an article whose own entries are ignored (the one being re-ingested)."""

    def __init__(self) -> None:
        self.entries: dict[str, list[Known]] = {}  # doc_id -> entries
        self.by_surname: dict[str, dict[str, list[Known]]] = {}  # surname -> doc_id -> entries
        self.by_country: dict[str, dict[str, list[Known]]] = {}
        self.rejections: set[tuple[str, str, str]] = set()  # (from, to, doc_id or "" for everywhere)
        self.exclude: str | None = None

    def add(self, facts: ArticleFacts) -> None:
        """Index an (already linked) article's persons and regimes."""
        self.set_entries(facts.article.doc_id, index_entries(facts))

    def set_entries(self, doc_id: str, entries: list[Known]) -> None:
        """Replace what the index knows from one article."""
        self.remove(doc_id)
        self.entries[doc_id] = entries
        for k in entries:
            if k.type == EntityType.PERSON and len(k.tokens) > 1:
                self.by_surname.setdefault(k.tokens[-1], {}).setdefault(doc_id, []).append(k)
            for country in k.governs:
                self.by_country.setdefault(country, {}).setdefault(doc_id, []).append(k)

    def remove(self, doc_id: str) -> None:
        """Forget one article's entries."""
        for k in self.entries.pop(doc_id, []):
            if k.type == EntityType.PERSON and len(k.tokens) > 1:
                self.by_surname.get(k.tokens[-1], {}).pop(doc_id, None)
            for country in k.governs:
                self.by_country.get(country, {}).pop(doc_id, None)

    def _merged(self, per_doc: dict[str, list[Known]]) -> list[Known]:
        by_key: dict[str, Known] = {}
        labels: dict[str, Counter[str]] = {}
        for doc_id, entries in per_doc.items():
            if doc_id == self.exclude:
                continue
            for k in {k.key: k for k in entries}.values():
                labels.setdefault(k.key, Counter())[k.label] += 1
                old = by_key.get(k.key)
                by_key[k.key] = k if old is None else replace(
                    old, context=old.context | k.context, articles=old.articles + 1,
                    governs=old.governs | k.governs)
        return [replace(k, label=sorted(labels[k.key].items(), key=lambda x: (-x[1], x[0]))[0][0])
                for _, k in sorted(by_key.items())]

    def people(self, surname: str) -> list[Known]:
        return self._merged(self.by_surname.get(surname, {}))

    def regimes(self, country: str) -> list[Known]:
        return [k for k in self._merged(self.by_country.get(country, {})) if k.type == EntityType.REGIME]

    def rejected(self, from_key: str, to_key: str, doc_id: str) -> bool:
        return (from_key, to_key, doc_id) in self.rejections or (from_key, to_key, "") in self.rejections

    def pending(self) -> list[tuple[str, Known]]:
        """(doc_id, entry) of the short forms (one name token) the index holds: the re-linking pass
        asks whether they can be linked now."""
        return [(doc_id, k) for doc_id, entries in sorted(self.entries.items()) for k in entries
                if k.type == EntityType.PERSON and len(k.tokens) == 1]


def name_tokens(entity: Entity) -> tuple[str, ...]:
    """Folded name tokens of a person entity, from its key ("person:fuad sada" -> ("fuad", "sada"))."""
    if not entity.key.startswith("person:"):
        return ()
    return tuple(entity.key.removeprefix("person:").split())


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[^\w]+", text.lower().replace(".", "")) if w]


@functools.cache
def _role_lexicon() -> frozenset[str]:
    from graphbuild.extract.lexicons import cue_words

    words: set[str] = set()
    for section in ("ranks", "leader_titles", "office_titles", "spokes_titles", "member_titles",
                    "anonymous_heads"):
        for entry in cue_words(section):
            words.update(_words(entry))
    return frozenset(words - _GENERIC)


def person_context(facts: ArticleFacts, entity: Entity) -> Context:
    """Role words and nationalities an article gives a person: titles and descriptions among its names
    ("Prime Minister Saadeh", "Jordanian businessman Hani Saadeh") and the roles it holds."""
    from graphbuild.extract.lexicons import countries

    table = countries()
    lexicon = _role_lexicon()
    own = {fold_name(w) for w in _words(entity.label)}
    roles: set[str] = set()
    nations: set[str] = set()
    for name in entity.names:
        for raw in re.split(r"[^\w.]+", name):
            w = raw.lower().replace(".", "")
            if not w or w in _GENERIC or w.isdigit() or fold_name(w) in own:
                continue
            if w in table:
                nations.add(table[w])
            elif w in lexicon or raw.islower():
                roles.add(w)
    for role in facts.roles:
        if role.person == entity.key:
            roles |= {w for w in _words(role.role) if w not in _GENERIC and w not in table}
            if role.organization and role.organization.startswith("country:"):
                nations.add(role.organization.removeprefix("country:"))
    for rel in facts.relations:
        if rel.subject == entity.key and rel.label.value == "member_of" and rel.object.startswith("country:"):
            nations.add(rel.object.removeprefix("country:"))
    return Context(frozenset(roles), frozenset(nations))


def _linkable(entity: Entity) -> bool:
    """Short forms worth linking: a person's name, not an acronym, a number or a place ("SANA", "MBS",
    "Quneitra")."""
    letters = re.sub(r"[^A-Za-z]", "", entity.label)
    if len(entity.label.split()) == 1 and re.match(r"(?i)^(?:al|el|ad|as|ash|at|az|ar)[-‐]", entity.label) and not any(
            w in _role_lexicon() for name in entity.names for w in _words(name)):
        return False  # a bare "al-Zahraa" with no title is as often a place or a group as a person
    return (entity.type == EntityType.PERSON and entity.key.startswith("person:") and bool(letters)
            and not letters.isupper() and not any(c.isdigit() for c in entity.label)
            and not place_like(entity.label))


def index_entries(facts: ArticleFacts) -> list[Known]:
    """What an article adds to the index: its full-name persons (two or more name tokens) with their
    context, its regimes with the countries they govern, and (``tokens`` of length 1, for the
    re-linking pass) the short forms it could not link."""
    out: list[Known] = []
    governs: dict[str, set[str]] = {}
    for rel in facts.relations:
        if rel.label.value == "governs" and rel.object.startswith("country:"):
            governs.setdefault(rel.subject, set()).add(rel.object.removeprefix("country:"))
    for e in facts.entities:
        if e.type == EntityType.PERSON and _linkable(e):
            tokens = name_tokens(e)
            if tokens:
                out.append(Known(e.key, e.type, e.label, tokens, person_context(facts, e)))
        elif e.type == EntityType.REGIME and e.key.startswith("regime:person:") and e.key in governs:
            out.append(Known(e.key, e.type, e.label, (), governs=frozenset(governs[e.key])))
    return out


def place_like(label: str) -> bool:
    """Whether a "name" holds a country, demonym or city word ("Syria's Aleppo Youtube", "Quneitra"):
    the recognizer's non-persons, never linked or linked to."""
    from graphbuild.extract.lexicons import cities, countries

    words = [w.removesuffix("'s").removesuffix("’s") for w in re.split(r"[^\w'’]+", label.lower()) if w]
    places = countries().keys() | cities().keys()
    return any(w in places or (w.endswith("s") and w[:-1] in places) for w in words)  # "Syrias" (Syria's)


#: first words that make a different name of the rest: kunyas, titles, and place words ("Jisr", "Tariq")
_NAME_PREFIXES = {"abu", "umm", "um", "sheikh", "sheik", "jamiat", "tariq", "jisr", "deir", "tal", "tell", "ain",
                  "bab", "kafr", "khan", "ras", "beit", "bir", "wadi", "jabal", "jebel", "daily", "hay", "harat",
                  "souk", "suq", "masjid", "jami", "madinat", "qasr", "tel"}


def choose(tokens: tuple[str, ...], context: Context, candidates: list[Known]) -> tuple[Known | None, str]:
    """The one candidate a short name can be, with the evidence in words; (None, why not) otherwise.

    A candidate must carry the short name's tokens (same last token), not contradict its context, not
    be place-like, and be known from at least ``MIN_SEEN`` articles unless it shares a role or a
    nationality with the short form (a full name seen once is weak evidence in a noisy corpus).
    """
    fits = []
    for cand in candidates:
        if len(cand.tokens) <= len(tokens) or cand.tokens[-1] != tokens[-1] or not _subsequence(tokens,
                                                                                               cand.tokens):
            continue
        if place_like(cand.label):
            continue
        at = len(cand.tokens) - 1
        if (cand.tokens[0] in _NAME_PREFIXES and tokens[0] != cand.tokens[0]) or (
                at > 0 and cand.tokens[at - 1] in {"abu", "umm", "um", "bin", "ibn", "bint"} and (
                len(tokens) < 2 or tokens[-2] != cand.tokens[at - 1])):
            continue  # "X" is not "Abu X", "al-X" not "Jamiat al-X": a name word inside a longer name
        shared = (context.roles & cand.context.roles) or (context.nationalities & cand.context.nationalities)
        if cand.articles < MIN_SEEN and not shared:
            continue
        if context.contradicts(cand.context) is None:
            fits.append(cand)
    if not fits:
        return None, "no compatible full name in the index"
    what = " ".join(tokens)
    if len(fits) == 1:
        why = f"'{what}' is the only compatible full-name {fits[0].type.value.lower()} with that name"
        if context.roles & fits[0].context.roles:
            why += f" (shared role: {', '.join(sorted(context.roles & fits[0].context.roles))})"
        if len(candidates) > 1:
            why += f"; {len(candidates) - 1} other(s) excluded by context or name"
        return fits[0], why
    fits.sort(key=lambda k: (-k.articles, k.key))
    rest = sum(k.articles for k in fits[1:])
    if fits[0].articles >= MIN_DOMINANT and fits[0].articles >= DOMINANCE * rest:
        return fits[0], (f"'{what}' names the dominant compatible {fits[0].type.value.lower()} "
                         f"({fits[0].articles} articles against {rest} for {len(fits) - 1} other(s))")
    return None, f"ambiguous: {len(fits)} compatible candidates ({', '.join(k.label for k in fits[:4])})"


def _subsequence(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    it = iter(full)
    return all(any(t == f for f in it) for t in short)


def _regime_choice(country: str, index: AliasIndex) -> tuple[Known | None, str]:
    cands = [k for k in index.regimes(country) if k.articles >= MIN_SEEN]  # one article's "governs" is weak
    if len(cands) == 1:
        return cands[0], f"the only regime known to govern {country}"
    if cands:
        cands = sorted(cands, key=lambda k: (-k.articles, k.key))
        rest = sum(k.articles for k in cands[1:])
        if cands[0].articles >= MIN_DOMINANT and cands[0].articles >= DOMINANCE * rest:
            return cands[0], (f"the dominant regime known to govern {country} ({cands[0].articles} articles "
                              f"against {rest})")
        return None, f"ambiguous: {len(cands)} regimes govern {country}"
    return None, f"no regime known to govern {country}"


def plan_links(facts: ArticleFacts, index: AliasIndex) -> dict[str, tuple[str, str, str]]:
    """Which keys of an article to rewrite: ``{old key: (new key, new label, evidence)}``."""
    doc_id = facts.article.doc_id
    own = [k for k in index_entries(facts) if k.type == EntityType.PERSON and len(k.tokens) > 1]
    plan: dict[str, tuple[str, str, str]] = {}
    for e in facts.entities:
        if not _linkable(e):
            continue
        tokens = name_tokens(e)
        if not tokens:
            continue
        cands = {k.key: k for k in index.people(tokens[-1])}
        for k in own:
            if k.tokens[-1] == tokens[-1] and k.key != e.key:
                cands[k.key] = replace(k, articles=cands[k.key].articles + 1, context=cands[k.key].context
                                       | k.context) if k.key in cands else k
        cands.pop(e.key, None)
        cands = {key: k for key, k in cands.items() if not index.rejected(e.key, key, doc_id)}
        target, why = choose(tokens, person_context(facts, e), list(cands.values()))
        if target is not None:
            plan[e.key] = (target.key, target.label, why)
    for old in list(plan):  # follow chains (a short form linked to a name that is itself linked)
        seen = {old}
        new, label, why = plan[old]
        while new in plan and new not in seen:
            seen.add(new)
            new, label = plan[new][0], plan[new][1] or label
        plan[old] = (new, label, why)
    for e in facts.entities:
        if e.type != EntityType.REGIME:
            continue
        if e.key.startswith("regime:person:"):
            leader = e.key.removeprefix("regime:")
            if leader in plan:
                plan[e.key] = (f"regime:{plan[leader][0]}", "", f"its leader '{leader}' was linked")
        elif e.key.startswith("regime:country:") and e.key.removeprefix("regime:country:"):
            target, why = _regime_choice(e.key.removeprefix("regime:country:"), index)
            if target is not None and not index.rejected(e.key, target.key, doc_id):
                plan[e.key] = (target.key, target.label, why)
    return plan


def link_entities(facts: ArticleFacts, index: AliasIndex) -> tuple[ArticleFacts, list[Merge]]:
    """Rewrite the keys of an article's short-form entities to the index's full-name entities.

    Pure: the index is only read; the returned facts use the surviving keys everywhere (entities,
    events, roles, relations, claim sources, mentions) and the surviving entity keeps the merged
    names as its own.

    Examples:
        >>> import datetime as dt
        >>> from graphbuild.model import Article
        >>> art = Article("a", "Fuad Saadeh fled.", published=dt.date(2012, 8, 6))
        >>> idx = MemoryIndex()
        >>> idx.add(ArticleFacts(art, (), (Entity("person:fuad sada", EntityType.PERSON, "Fuad Saadeh",
        ...                                       ("Prime Minister Fuad Saadeh",)),)))
        >>> later = ArticleFacts(Article("b", "Saadeh fled."), (), (Entity("person:sada", EntityType.PERSON,
        ...                      "Saadeh", ("Prime Minister Saadeh",)),))
        >>> linked, merges = link_entities(later, idx)
        >>> [e.key for e in linked.entities], merges[0].to_key
        (['person:fuad sada'], 'person:fuad sada')
    """
    plan = plan_links(facts, index)
    if not plan:
        return facts, []
    mapping = {old: new for old, (new, _, _) in plan.items()}

    def k(key: str) -> str:
        return mapping.get(key, key)

    merges = []
    entities: dict[str, Entity] = {}
    for e in facts.entities:
        new_key = k(e.key)
        if new_key != e.key:
            new_label = plan[e.key][1] or e.label
            merges.append(Merge(facts.article.doc_id, e.key, new_key, e.label, plan[e.key][2]))
            e = Entity(new_key, e.type, new_label, tuple(n for n in dict.fromkeys((e.label, *e.names))
                                                         if n != new_label), e.mentions)
        old = entities.get(e.key)
        if old is not None:
            label = old.label
            names = tuple(n for n in dict.fromkeys((*old.names, e.label, *e.names)) if n != label)
            e = Entity(e.key, e.type, label, names, tuple(sorted(set(old.mentions) | set(e.mentions),
                                                               key=lambda s: (s.start, s.end))))
        entities[e.key] = e

    def claims(cs: tuple[Claim, ...]) -> tuple[Claim, ...]:
        return tuple(dict.fromkeys(replace(c, sources=tuple(dict.fromkeys(k(s) for s in c.sources)),
                                           on_behalf_of=tuple(dict.fromkeys(k(b) for b in c.on_behalf_of)))
                                   for c in cs))

    events: dict[tuple[object, ...], Event] = {}
    for ev in facts.events:
        ev = replace(ev, participants=tuple(sorted({(r, k(v)) for r, v in ev.participants})), claims=claims(ev.claims))
        key = (ev.kind, ev.participants, ev.time)
        if key in events:
            ev = replace(ev, claims=tuple(dict.fromkeys(events[key].claims + ev.claims)))
        events[key] = ev
    roles: dict[tuple[object, ...], Role] = {}
    for r in facts.roles:
        r = replace(r, person=k(r.person), organization=k(r.organization) if r.organization else None,
                    claims=claims(r.claims))
        role_key = (r.person, r.role, r.organization, r.current, r.post_label, r.rank)
        if role_key in roles:
            r = replace(r, claims=tuple(dict.fromkeys(roles[role_key].claims + r.claims)))
        roles[role_key] = r
    relations: dict[tuple[str, str, str], Relation] = {}
    for rel in facts.relations:
        s, o = k(rel.subject), k(rel.object)
        if s == o:
            continue
        key3 = (s, rel.label.value, o)
        rel = Relation(s, rel.label, o, claims(rel.claims))
        if key3 in relations:
            rel = Relation(s, rel.label, o, tuple(dict.fromkeys(relations[key3].claims + rel.claims)))
        relations[key3] = rel
    mentions = tuple(replace(m, key=k(m.key)) if m.key else m for m in facts.mentions)
    linked = replace(facts, entities=tuple(entities.values()), events=tuple(events.values()),
                     roles=tuple(roles.values()), relations=tuple(relations.values()), mentions=mentions)
    return linked, merges
