"""Store stage: graph files and pyoxigraph stores as SPARQL sources, and the persistent corpus store.

* :mod:`~graphbuild.store.disk`: open or create a store directory, its lock file (exit 75 for a second
  writer), "no store at DIR" for a missing one;
* :mod:`~graphbuild.store.ingest`: ``graphbuild ingest`` (stream, skip unchanged, extract, link, replace each
  article in one transaction), the re-linking pass and ``unmerge``;
* :mod:`~graphbuild.store.articles`: an article's graph in store form;
* :mod:`~graphbuild.store.derived`: the derived graph (certainty, shortcuts, labels, times, contradictions);
* :mod:`~graphbuild.store.registry`: content hashes, alias index, merge records;
* :mod:`~graphbuild.store.view`: an rdflib-flavoured read view (projection, reports, SHACL);
* :mod:`~graphbuild.store.server`: ``graphbuild serve`` (the oxigraph server, read-only);
* :mod:`~graphbuild.store.oxigraph`: SPARQL over a graph file or a store (``graphbuild query``).
"""
