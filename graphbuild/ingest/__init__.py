"""Ingest stage: files and records in, clean ``Article`` records out."""

from graphbuild.ingest.readers import iter_articles, iter_records, make_article, read_articles, read_text_file
from graphbuild.ingest.text import clean_text, html_to_text, mask_boilerplate

__all__ = ["clean_text", "html_to_text", "iter_articles", "iter_records", "make_article", "mask_boilerplate",
           "read_articles", "read_text_file"]
