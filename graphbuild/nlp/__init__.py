"""NLP stage: the only place that assembles the spaCy pipeline."""

from graphbuild.nlp.load import load_nlp

__all__ = ["load_nlp"]
