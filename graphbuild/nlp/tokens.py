"""The tokens of a parsed article as one list, built once: iterating a spaCy ``Doc`` builds new ``Token``
objects on every pass, and the extractors make a dozen passes per article."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_KEY = "graphbuild.tokens"
_TEXT_KEY = "graphbuild.text"


def tokens(doc: Doc) -> list[Token]:
    """All tokens of ``doc`` in order, cached on the doc.

    >>> from spacy.lang.en import English
    >>> doc = English()("Two words")
    >>> tokens(doc) is tokens(doc), [t.text for t in tokens(doc)]
    (True, ['Two', 'words'])
    """
    cached = doc.user_data.get(_KEY)
    if cached is None or len(cached) != len(doc):
        cached = doc.user_data[_KEY] = list(doc)
    return cached


def doc_text(doc: Doc) -> str:
    """The text of ``doc``, cached on the doc (``Doc.text`` joins every token again on each access).

    >>> from spacy.lang.en import English
    >>> doc = English()("Two words")
    >>> doc_text(doc)
    'Two words'
    """
    cached = doc.user_data.get(_TEXT_KEY)
    if not isinstance(cached, str):
        cached = doc.user_data[_TEXT_KEY] = doc.text
    return cached
