"""Distributed extraction on Dask distributed: the spaCy pipeline loaded once per worker, articles in
bounded batches, each article's graph back as N-Quads keyed by its content hash (see docs/SCALING.md).

Dask is an optional extra (``pip install graphbuild[distributed]``); nothing here imports it before use.
"""

from graphbuild.distributed.tasks import ArticleResult

__all__ = ["ArticleResult"]
