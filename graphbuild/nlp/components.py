"""spaCy components of graphbuild: sentence starts at paragraph breaks and after closing quotes,
never after an abbreviated title ("Brig. Gen. Samer ...")."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from graphbuild.extract.lexicons import load_lexicon

_TITLES = frozenset(t.lower() for t in load_lexicon("titles"))
_SENT_END = frozenset(".!?")
_QUOTES = frozenset({'"', "\u201d", "''"})
#: Run-on "sentences" (texts whose punctuation was stripped) are cut: parsing and extraction cost grows
#: with the square of a sentence's length. After SOFT tokens a clause break (comma, semicolon, dash)
#: ends the sentence; after HARD tokens any token does.
SOFT_SENTENCE_TOKENS = 80
HARD_SENTENCE_TOKENS = 150
_CLAUSE_BREAKS = frozenset({",", ";", ":", "—", "–", "-"})


@Language.component("graphbuild_sentence_starts", assigns=["token.is_sent_start"])
def sentence_starts(doc: Doc) -> Doc:
    """Preset sentence starts that the parser then respects."""
    run = 0
    for i in range(1, len(doc)):
        token, prev = doc[i], doc[i - 1]
        run = 0 if prev.text in _SENT_END or token.is_sent_start else run + 1
        if run >= HARD_SENTENCE_TOKENS or (run >= SOFT_SENTENCE_TOKENS and prev.text in _CLAUSE_BREAKS):
            token.is_sent_start = True
            run = 0
        elif prev.lower_ in _TITLES:
            token.is_sent_start = False
        elif prev.is_space and "\n" in prev.text and (
            prev.text.count("\n") >= 2 or i < 2 or doc[i - 2].text in _SENT_END | _QUOTES
            or "\n" not in doc.text[: prev.idx]
        ):
            token.is_sent_start = True
        elif token.text in _QUOTES and prev.text in _SENT_END and not prev.whitespace_:
            token.is_sent_start = False
            if i + 1 < len(doc) and doc[i + 1].is_space and i + 2 < len(doc):
                doc[i + 2].is_sent_start = True
            elif i + 1 < len(doc):
                doc[i + 1].is_sent_start = True
    return doc
