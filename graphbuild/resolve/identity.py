"""Normalized name keys and the deterministic IRIs minted from them (the only place IRIs are made)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

ID_BASE = "https://w3id.org/graphbuild/id/"
DOC_BASE = "https://w3id.org/graphbuild/doc/"
GRAPH_BASE = "https://w3id.org/graphbuild/graph/doc/"

# Invisible and joining characters that vary between copies of one name.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u0640\u00ad]")
_PARTICLE = re.compile(r"\b(?:al|el|ul|ad|ar|as|ash|at|az|an|ibn|bin|ben)[- ](?=\w)")
# Transliteration variants folded together: doubled letters (Haddad/Hadad), vowels and digraphs (Fuad/Fouad,
# Khalid/Kalid), q/k for the Arabic qaf (Qasem/Kasem), a final y/i and a final h.
_FOLDS = (
    (re.compile(r"(\w)\1+"), r"\1"),
    (re.compile(r"iy"), "i"), (re.compile(r"ou"), "u"), (re.compile(r"oo"), "u"), (re.compile(r"ee"), "i"),
    (re.compile(r"\bq"), "k"), (re.compile(r"dh"), "d"),
    (re.compile(r"kh"), "k"), (re.compile(r"gh"), "g"), (re.compile(r"th"), "t"), (re.compile(r"sh"), "s"),
    (re.compile(r"ph"), "f"), (re.compile(r"w"), "u"), (re.compile(r"y\b"), "i"), (re.compile(r"e"), "a"),
    (re.compile(r"o"), "u"), (re.compile(r"h\b"), ""),
)


@lru_cache(maxsize=65536)
def normalize_name(text: str) -> str:
    """A name as graphbuild compares it: NFKC, no invisible characters or accents, casefolded,
    no possessive, punctuation to spaces, single spaces, no leading article. Cached (a pure function
    of the string, called for the same names again and again).

    >>> normalize_name("The  Tannous’s Regime.")
    'tannous regime'
    >>> normalize_name("Ｆawzi\u200d al-Tannous") == normalize_name("Fawzi al-Tannous")
    True
    """
    s = unicodedata.normalize("NFKC", _INVISIBLE.sub("", text))
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).casefold()
    s = re.sub(r"['’]s\b", "", s)
    s = re.sub(r"[^\w\s-]", "", s).replace("-", " - ")
    s = " ".join(s.split()).replace(" - ", "-")
    return re.sub(r"^(?:the|a|an) ", "", s)


@lru_cache(maxsize=65536)
def fold_name(text: str) -> str:
    """A transliteration-insensitive key for a person's name: particles, doubled letters and common
    romanization variants folded. Cached like :func:`normalize_name`.

    >>> fold_name("Samer Haddad") == fold_name("Samer Hadad")
    True
    >>> fold_name("Fouad Saadeh") == fold_name("Fuad Saadeh")
    True
    >>> fold_name("Qasem Hamdi") == fold_name("Kassem Hamdy")
    True
    """
    s = _PARTICLE.sub("", normalize_name(text)).replace("-", " ")
    for pattern, repl in _FOLDS:
        s = pattern.sub(repl, s)
    return " ".join(s.split())


def stable_hash(key: str, length: int = 16) -> str:
    """Hex digest prefix of a key: the same key gives the same IRI in every run and article."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:length]


def entity_iri(key: str) -> str:
    """The IRI of an entity, event, post or statement from its normalized key.

    >>> entity_iri("person:samar hadad")
    'https://w3id.org/graphbuild/id/e-4a845d95366da152'
    """
    return f"{ID_BASE}e-{stable_hash(key)}"


def doc_iri(doc_id: str) -> str:
    """The IRI of an article (and the base of its document-scoped nodes)."""
    return DOC_BASE + doc_id


def graph_iri(doc_id: str) -> str:
    """The named graph holding one article's facts."""
    return GRAPH_BASE + doc_id
