"""The full noun phrases that describe groups and unnamed persons.

A group or an unnamed person is named by what the article says of it, and readers cite the whole phrase:
"about 200 reservists called up by the federal army", "every Burundian soldier still in Congo", "a
brigadier general, a colonel and about 30 soldiers". Mentions keep to the head phrase ("about 200
reservists") so that coreference can match them; :func:`described_names` gives the longer phrases as
further names of the entity: the phrase with its prepositional modifiers, and the whole phrase with its
clauses and conjuncts.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from graphbuild.model import Entity, EntityType
from graphbuild.resolve.coref import Resolution

MAX_WORDS = 25  # longer phrases are clauses more than names
_CLAUSES = frozenset({"relcl", "acl", "appos", "conj", "cc", "punct", "advcl", "parataxis"})
_TRAILING = frozenset({",", ";", ":", "-", "\u2013", "\u2014", '"', "'", "\u201c", "\u201d", "(", ")"})


def _trimmed(span: Span) -> str:
    tokens = list(span)
    while tokens and tokens[-1].text in _TRAILING:
        tokens.pop()
    while tokens and tokens[0].text in _TRAILING:
        tokens.pop(0)
    if not tokens:
        return ""
    return span.doc[tokens[0].i:tokens[-1].i + 1].text


def _verbless(tok: Token) -> bool:
    """Whether the noun phrase around a token is no verb's argument ("Dozens of soldiers from the X forces
    deserted on Monday, the ministry said": the parser hung the clause's only verb on the noun)."""
    while tok.dep_ in {"pobj", "prep", "conj", "appos", "compound", "poss"} and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ in {"ROOT", "npadvmod", "dep", "intj"}


def _modifies(child: Token) -> bool:
    """Whether a right dependent still describes its head: a clause does when it is a participle ("called up
    by the army", "still serving in the federal forces") or opens with a relative pronoun ("who had served");
    a finite verb hung on the noun is the parser mistaking the sentence's predicate for a modifier."""
    if child.dep_ in {"acl", "relcl"}:
        relative = any(c.tag_ in {"WDT", "WP", "WP$"} or c.lower_ == "that" for c in child.children if c.i < child.i)
        return relative or (child.tag_ in {"VBN", "VBG"} and not _verbless(child.head))
    return child.dep_ not in _CLAUSES or child.dep_ in {"appos", "conj", "cc", "punct"}


def _right_edge(tok: Token, conjuncts: bool = True) -> int:
    """The last token of a phrase, down to its last dependent that still describes (see :func:`_modifies`);
    without ``conjuncts`` the phrase stops at a coordination ("Western powers and activists": the powers)."""
    edge = tok.i
    for child in tok.rights:
        if child.dep_ == "punct":
            continue
        if not _modifies(child) or (not conjuncts and child.dep_ in {"cc", "conj"}):
            break
        edge = _right_edge(child)
    return edge


def _phrases(head: Token, conjuncts: bool) -> list[str]:
    """The head's phrase with its prepositional modifiers, and with everything that still describes it."""
    doc = head.doc
    end = head.i
    for child in head.rights:
        if child.dep_ != "prep" or end != child.i - 1:
            break
        end = _right_edge(child)
    start = head.left_edge.i
    spans = (doc[start:end + 1], doc[start:_right_edge(head, conjuncts) + 1])
    phrases = [p + ")" if p.count("(") > p.count(")") else p for p in (_trimmed(s) for s in spans)]
    # "about 50 soldiers of the X Defence Force (XDF)": also without the bracketed short form
    phrases += [" ".join(re.sub(r"\s*\([^()]*\)", "", p).split()) for p in phrases if "(" in p]
    return [p for p in dict.fromkeys(phrases) if p and len(p.split()) <= MAX_WORDS]


def described_names(doc: Doc, res: Resolution, together: Collection[str] = ()) -> dict[str, tuple[str, ...]]:
    """Per group or unnamed person, the longer phrases that describe it, beyond the names it has.

    The phrase of an entity in ``together`` runs on over its conjuncts: "a brigadier general, a colonel and
    about 30 soldiers" who deserted together are one defector, named by the whole. A phrase with a quotation
    mark inside is left out (it is a quote, not a name), and so is a pronoun's or an apposition's (it is part
    of the phrase it stands beside).
    """
    found: dict[str, list[str]] = {}
    for i, key in sorted(res.head_keys.items()):
        entity = res.entities.get(key)
        if entity is None or not (entity.type == EntityType.GROUP or (
                entity.type == EntityType.PERSON and key.startswith("anon:"))):
            continue
        if doc[i].pos_ == "PRON" or doc[i].dep_ == "appos":
            continue
        known = {entity.label, *entity.names}
        for phrase in _phrases(doc[i], key in together):
            if phrase not in known and not any(q in phrase for q in '"\u201c\u201d'):
                found.setdefault(key, []).append(phrase)
    return {key: tuple(dict.fromkeys(phrases)) for key, phrases in found.items()}


def with_described_names(entity: Entity, described: dict[str, tuple[str, ...]]) -> Entity:
    """The entity with its describing phrases added to its names.

    >>> from graphbuild.model import Entity, EntityType
    >>> group = Entity("group:a:reservists", EntityType.GROUP, "about 200 reservists", ())
    >>> with_described_names(group, {"group:a:reservists": ("about 200 reservists from the town of X",)}).names
    ('about 200 reservists from the town of X',)
    """
    extra = tuple(p for p in described.get(entity.key, ()) if p not in entity.names and p != entity.label)
    if not extra:
        return entity
    return replace(entity, names=entity.names + extra)
