"""Corpus ingest into a store: stream articles, skip unchanged ones, extract the rest (in N processes),
link their entities against the alias index, and replace each article in one transaction.

One article = one SPARQL update (pyoxigraph runs an update as one transaction: all of it or nothing):
``DROP SILENT GRAPH <article>`` + ``DELETE DATA`` (its old registry entries and the derived quads it
touched) + ``INSERT DATA`` (its new graph, registry entries and derived quads). A process killed at any
point leaves each article wholly in or wholly out, and the derived graph consistent with the articles.
"""

from __future__ import annotations

import csv
import json
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphbuild.errors import GraphbuildError, IngestError, InputNotFound
from graphbuild.model import Article, ArticleFacts
from graphbuild.resolve.aliases import Merge, choose, index_entries, link_entities
from graphbuild.resolve.identity import graph_iri
from graphbuild.store import registry
from graphbuild.store.articles import article_quads
from graphbuild.store.derived import derived_update
from graphbuild.store.disk import REGISTRY_GRAPH, OpenStore, open_write

if TYPE_CHECKING:
    import datetime as dt

    from spacy.language import Language

_SUFFIXES = {".txt", ".md", ".csv", ".jsonl"}


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not become an article: where, and why (one line)."""

    where: str
    reason: str


@dataclass
class IngestReport:
    """What an ingest did: counts per outcome, quads before and after, merges, failures."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: int = 0
    duplicates: int = 0
    relinked: int = 0
    merges: int = 0
    quads_before: int = 0
    quads_after: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)

    @property
    def processed(self) -> int:
        return self.added + self.replaced + self.unchanged + self.failed + self.duplicates

    def summary(self, store: Path | str) -> str:
        delta = self.quads_after - self.quads_before
        return (f"ingested {self.processed} article(s) into {store} in {self.seconds:.1f} s: {self.added} added, "
                f"{self.replaced} replaced, {self.unchanged} unchanged, {self.failed} failed"
                f"{f', {self.duplicates} duplicate id(s) skipped' if self.duplicates else ''}; "
                f"{self.quads_after} quads ({delta:+d}); {self.merges} merge(s); {self.relinked} relinked")


# -- reading inputs, one failure at a time ------------------------------------------------------------
def _files(paths: Iterable[Path | str]) -> list[Path]:
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in _SUFFIXES)
        elif path.exists():
            out.append(path)
        else:
            raise InputNotFound(f"no such article file: {path}")
    return out


def count_inputs(paths: Iterable[Path | str]) -> int:
    """How many articles the paths hold (rows of CSV and JSONL files, other files one each)."""
    total = 0
    for file in _files(paths):
        suffix = file.suffix.lower()
        try:
            if suffix == ".csv":
                csv.field_size_limit(2**31 - 1)
                with file.open(encoding="utf-8-sig", newline="", errors="replace") as f:
                    total += max(0, sum(1 for _ in csv.reader(f)) - 1)
            elif suffix == ".jsonl":
                with file.open(encoding="utf-8-sig", errors="replace") as f:
                    total += sum(1 for line in f if line.strip())
            else:
                total += 1
        except (OSError, csv.Error):
            total += 1
    return total


def iter_inputs(paths: Iterable[Path | str], *, published: dt.date | None = None) -> Iterator[Article | Failure]:
    """Articles from files, folders, CSV and JSONL, streamed; an unreadable one becomes a
    :class:`Failure` instead of ending the stream (the reader logic is ``graphbuild.ingest``'s)."""
    from graphbuild.ingest import readers

    for file in _files(paths):
        suffix = file.suffix.lower()
        if suffix not in {".csv", ".jsonl"}:
            try:
                yield readers.read_text_file(file, published=published)
            except IngestError as e:
                yield Failure(str(file), str(e))
            continue
        try:
            if suffix == ".csv":
                csv.field_size_limit(2**31 - 1)
                with file.open(encoding="utf-8-sig", newline="") as f:
                    reader = csv.DictReader(f)
                    if not any(c.lower() in readers._TEXT_COLUMNS for c in reader.fieldnames or ()):
                        yield Failure(str(file), f"{file}: no text column (one of {', '.join(readers._TEXT_COLUMNS)})")
                        continue
                    for n, row in enumerate(reader, start=2):
                        try:
                            yield readers._record_article(row, name=f"{file}:{n}", published=published)
                        except IngestError as e:
                            yield Failure(f"{file}:{n}", str(e))
            else:
                with file.open(encoding="utf-8-sig") as f:
                    for n, line in enumerate(f, start=1):
                        if not line.strip():
                            continue
                        try:
                            row = json.loads(line)
                            if not isinstance(row, dict):
                                raise ValueError("not a JSON object")
                            yield readers._record_article({k: str(v) for k, v in row.items()}, name=f"{file}:{n}",
                                                          published=published)
                        except (ValueError, IngestError) as e:
                            yield Failure(f"{file}:{n}", f"{file}:{n}: {e}")
        except (OSError, UnicodeDecodeError, csv.Error) as e:
            yield Failure(str(file), f"cannot read {file}: {e}")


# -- writing one article -------------------------------------------------------------------------------
def _sparql_block(quads: Iterable[Any]) -> str:
    by_graph: dict[str, list[str]] = {}
    for q in quads:
        by_graph.setdefault(str(q.graph_name), []).append(f"{q.subject} {q.predicate} {q.object} .")
    return " ".join(f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}" for g, lines in by_graph.items())


class StoreWriter:
    """Writes articles into an open, writable store, keeping the alias index in step."""

    def __init__(self, handle: OpenStore) -> None:
        self.handle = handle
        self.store = handle.ox
        self.index = registry.load_index(self.store)

    def status(self, article: Article) -> str:
        """"new", "unchanged" or "changed" against the registry."""
        recorded = registry.recorded_hashes(self.store, article.doc_id)
        if recorded is None:
            return "new"
        if recorded == (registry.content_hash(article), registry.meta_hash(article)):
            return "unchanged"
        return "changed"

    def article_quads(self, linked: ArticleFacts) -> list[Any]:
        """The linked article's graph in store form (a cluster-fed writer reuses the workers' N-Quads)."""
        return article_quads(linked)

    def write(self, facts: ArticleFacts, *, source: str = "") -> tuple[str, list[Merge]]:
        """Link, convert and replace one article in one transaction; returns ("added" or "replaced",
        the merges made)."""
        import pyoxigraph as ox

        doc_id = facts.article.doc_id
        self.index.exclude = doc_id
        try:
            linked, merges = link_entities(facts, self.index)
        finally:
            self.index.exclude = None
        g = graph_iri(doc_id)
        new = self.article_quads(linked)
        old = list(self.store.quads_for_pattern(None, None, None, ox.NamedNode(g)))
        del_derived, ins_derived = derived_update(self.store, g, old, new)
        entries = index_entries(linked)
        old_reg = set(registry.article_registry_quads(self.store, doc_id))
        new_reg = set(registry.article_record(linked.article, quads=len(new), source=source, entries=entries,
                                              merges=merges))
        # <old> gb:mergedInto <new>: keep while any article's merge record still says so
        old_pairs = {(r["from"], r["to"]) for r in self._merges_of(doc_id)}
        new_pairs = {(m.from_key, m.to_key) for m in merges}
        others = {(r["from"], r["to"]) for r in registry.merge_records(self.store) if r["article"] != doc_id} \
            if old_pairs - new_pairs else set()
        gone = [Merge(doc_id, f, t, "", "") for f, t in old_pairs - new_pairs - others]
        delete = (old_reg - new_reg) | set(registry.merged_into_quads(gone)) | del_derived
        insert = (new_reg - old_reg) | set(registry.merged_into_quads(merges)) | ins_derived
        ops = [f"DROP SILENT GRAPH <{g}>"]
        if delete:
            ops.append("DELETE DATA { " + _sparql_block(delete) + " }")
        ops.append("INSERT DATA { " + _sparql_block([*new, *insert]) + " }")
        self.store.update(" ;\n".join(ops))
        self.index.set_entries(doc_id, entries)
        return ("replaced" if old else "added"), merges

    def _merges_of(self, doc_id: str) -> list[dict[str, str]]:
        import pyoxigraph as ox

        from graphbuild.resolve.identity import doc_iri
        from graphbuild.store.disk import GBS

        out = []
        gr = ox.NamedNode(REGISTRY_GRAPH)
        for q in self.store.quads_for_pattern(None, ox.NamedNode(GBS + "article"), ox.NamedNode(doc_iri(doc_id)), gr):
            f = next(iter(self.store.quads_for_pattern(q.subject, ox.NamedNode(GBS + "fromKey"), None, gr)), None)
            t = next(iter(self.store.quads_for_pattern(q.subject, ox.NamedNode(GBS + "toKey"), None, gr)), None)
            if f is not None and t is not None:
                out.append({"from": f.object.value, "to": t.object.value})
        return out

    def relink_candidates(self) -> list[str]:
        """Articles holding a short form ("Saadeh") that the index can now link (a full name arrived
        after them)."""
        docs = []
        for doc_id, entry in self.index.pending():
            self.index.exclude = doc_id
            try:
                cands = [k for k in self.index.people(entry.tokens[-1])
                         if not self.index.rejected(entry.key, k.key, doc_id)]
                target, _ = choose(entry.tokens, entry.context, cands)
            finally:
                self.index.exclude = None
            if target is not None and doc_id not in docs:
                docs.append(doc_id)
        return docs


# -- the ingest loop -----------------------------------------------------------------------------------
def _progress(total: int, enabled: bool | None) -> Any:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.table import Column
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task: Any) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:.1f} art/s" if speed else "-- art/s", style="progress.data.speed")

    def fixed() -> Column:
        return Column(no_wrap=True)

    console = Console(stderr=True)
    disable = not console.is_terminal if enabled is None else not enabled
    # progress, rate and ETA never shrink; in a narrow terminal (80 columns) the bar and then the
    # counts give way (the counts are cut with an ellipsis, the final summary line has them all)
    return Progress(TextColumn("[bold]ingest", table_column=fixed()),
                    BarColumn(bar_width=None, table_column=Column(min_width=10, ratio=1)),
                    MofNCompleteColumn(table_column=fixed()), RateColumn(table_column=fixed()),
                    TimeElapsedColumn(table_column=fixed()), TextColumn("eta", table_column=fixed()),
                    TimeRemainingColumn(table_column=fixed()),
                    TextColumn("{task.fields[counts]}",
                               table_column=Column(no_wrap=True, overflow="ellipsis", ratio=1, max_width=48)),
                    console=console, disable=disable, transient=False, expand=True)


def _counts(report: IngestReport) -> str:
    """The non-zero outcome counts of a run so far, for the progress bar ("112 added, 1 failed")."""
    parts = [(report.added, "added"), (report.replaced, "replaced"), (report.unchanged, "unchanged"),
             (report.failed, "failed"), (report.duplicates, "duplicate")]
    return ", ".join(f"{n} {what}" for n, what in parts if n)


def ingest(paths: list[Path | str], store_dir: Path | str, *, workers: int = 1, published: dt.date | None = None,
           force: bool = False, nlp: Language | None = None, progress: bool | None = None,
           log: Callable[[str], None] | None = None, relink: bool = True,
           extract: Callable[..., Iterator[ArticleFacts]] | None = None,
           writer_factory: Callable[[OpenStore], StoreWriter] | None = None) -> IngestReport:
    """Ingest a corpus into the store at ``store_dir`` (created when missing or empty).

    ``workers`` > 1 parses with spaCy in that many processes; ``force`` re-extracts unchanged articles;
    ``log`` receives one line per failure and (when given) per written article. The input is streamed,
    never held in memory. At the end, articles holding a short name ("Saadeh") that the index can now
    link (the full name came later) are re-extracted from their stored text and linked (``relink``).
    ``extract`` replaces :func:`graphbuild.pipeline.extract_facts` (same signature: a Dask cluster,
    :mod:`graphbuild.distributed`); ``writer_factory`` makes the writer from the open store (a writer that
    also copies each article to a SPARQL endpoint, :mod:`graphbuild.store.mirror`).

    Raises:
        InputNotFound: a path does not exist.
        StoreLocked: another process holds the store.
        StoreError: the store cannot be created or written.
    """
    from graphbuild.pipeline import extract_facts

    start = time.monotonic()
    total = count_inputs(paths)  # also checks that every path exists, before the store is touched
    report = IngestReport()
    say = log or (lambda line: print(line, file=sys.stderr))
    handle = open_write(store_dir, create=True)
    writer: StoreWriter | None = None
    try:
        writer = (writer_factory or StoreWriter)(handle)
        report.quads_before = len(handle.ox)
        bar = _progress(total, progress)
        with bar:
            task = bar.add_task("ingest", total=total or None, counts="")

            def tick() -> None:
                bar.update(task, advance=1, counts=_counts(report))

            def fail(where: str, reason: str) -> None:
                report.failed += 1
                report.failures.append(Failure(where, reason))
                (say if bar.disable else bar.console.print)(f"graphbuild: skipped {where}: {reason}")
                tick()

            seen: set[str] = set()

            def to_parse() -> Iterator[Article]:
                assert writer is not None  # set above; cleared only once the run is over
                for item in iter_inputs(paths, published=published):
                    if isinstance(item, Failure):
                        fail(item.where, item.reason)
                        continue
                    if item.doc_id in seen:  # the first article with an id wins: reruns stay idempotent
                        report.duplicates += 1
                        (say if bar.disable else bar.console.print)(
                            f"graphbuild: note: duplicate id {item.doc_id} skipped (its first article is kept)")
                        tick()
                        continue
                    seen.add(item.doc_id)
                    if not force and writer.status(item) == "unchanged":
                        report.unchanged += 1
                        tick()
                        continue
                    yield item

            def on_error(article: Article, e: Exception) -> None:
                fail(article.doc_id, f"extraction failed: {type(e).__name__}: {e}")

            for facts in (extract or extract_facts)(to_parse(), nlp=nlp, n_process=workers, on_error=on_error):
                if not force and writer.status(facts.article) == "unchanged":  # a duplicate written meanwhile
                    report.unchanged += 1
                    tick()
                    continue
                try:
                    outcome, merges = writer.write(facts)
                except GraphbuildError as e:
                    fail(facts.article.doc_id, str(e))
                    continue
                except (ValueError, SyntaxError) as e:
                    fail(facts.article.doc_id, f"cannot store: {e}")
                    continue
                setattr(report, outcome, getattr(report, outcome) + 1)
                report.merges += len(merges)
                if log is not None:
                    log(f"{outcome} {facts.article.doc_id}")
                tick()
            pending = writer.relink_candidates() if relink else []
            if pending:
                if not bar.disable:  # the bar is full: say what the pause after it is
                    bar.console.print(f"graphbuild: re-linking {len(pending)} earlier article(s) whose short names "
                                      "the index can now resolve")
                report.relinked, extra = _rewrite(writer, pending, nlp=nlp, log=log, extract=extract)
                report.merges += extra
        report.quads_after = len(handle.ox)
    finally:
        writer = None  # drop every reference to the RocksDB store before the lock goes
        handle.close()
    report.seconds = time.monotonic() - start
    return report


def _rewrite(writer: StoreWriter, doc_ids: list[str], *, nlp: Language | None,
             log: Callable[[str], None] | None = None,
             extract: Callable[..., Iterator[ArticleFacts]] | None = None) -> tuple[int, int]:
    """Re-extract stored articles (from their stored text, with ``extract``: the ingest's, e.g. a Dask
    cluster) and write them again; (articles, merges)."""
    from graphbuild.pipeline import extract_facts

    articles = [a for a in (registry.stored_article(writer.store, d) for d in doc_ids) if a is not None]
    n = merges = 0
    for facts in (extract or extract_facts)(articles, nlp=nlp):
        _, made = writer.write(facts)
        n += 1
        merges += len(made)
        if log is not None:
            log(f"relinked {facts.article.doc_id}")
    return n, merges


def unmerge(store_dir: Path | str, what: str, *, nlp: Language | None = None) -> list[dict[str, str]]:
    """Undo merges: ``what`` is a merge record id ("m-...", undone in its article only) or the merged
    name ("Saadeh", undone everywhere). The merge is remembered as rejected and the affected articles
    are re-extracted from their stored text without it. Returns the undone records.

    Raises:
        InputNotFound: no store at ``store_dir``.
        NoResult: no merge record matches.
    """
    from graphbuild.errors import NoResult
    from graphbuild.resolve.identity import fold_name, normalize_name

    handle = open_write(store_dir, create=False)
    writer: StoreWriter | None = None
    try:
        writer = StoreWriter(handle)
        records = registry.merge_records(handle.ox)
        by_id = [r for r in records if r["id"] == what.strip()]
        if by_id:
            chosen, scoped = by_id, True
        else:
            wanted = fold_name(what)
            chosen = [r for r in records if normalize_name(r["label"]) == normalize_name(what)
                      or r["from"].split(":", 1)[-1] == wanted]
            scoped = False
        if not chosen:
            raise NoResult(f"no merge record or merged name {what!r} in {store_dir}")
        quads = []
        for r in chosen:
            quads += registry.rejection_quads(r["from"], r["to"], r["article"] if scoped else "")
            writer.index.rejections.add((r["from"], r["to"], r["article"] if scoped else ""))
        handle.ox.update("INSERT DATA { " + _sparql_block(quads) + " }")
        _rewrite(writer, sorted({r["article"] for r in chosen}), nlp=nlp)
    finally:
        writer = None
        handle.close()
    return chosen


def reextract(store_dir: Path | str, doc_ids: list[str] | None = None, *, nlp: Language | None = None) -> int:
    """Re-extract stored articles (all when ``doc_ids`` is None) from their stored text; returns how many."""
    handle = open_write(store_dir, create=False)
    writer: StoreWriter | None = None
    try:
        writer = StoreWriter(handle)
        ids = registry.article_ids(handle.ox) if doc_ids is None else doc_ids
        n, _ = _rewrite(writer, ids, nlp=nlp)
    finally:
        writer = None
        handle.close()
    return n

