"""Ingest stage: files and records in, clean ``Article`` records out."""

from graphbuild.ingest.readers import make_article, read_articles, read_text_file
from graphbuild.ingest.text import clean_text, mask_boilerplate

__all__ = ["clean_text", "make_article", "mask_boilerplate", "read_articles", "read_text_file"]
