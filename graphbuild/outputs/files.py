"""Graph files: format by extension, sorted deterministic serialization, atomic writes, and reading
untrusted graph files without network or file access (no remote JSON-LD contexts, no XML entities)."""

from __future__ import annotations

import contextvars
import json
import os
import re
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph

from graphbuild.errors import GraphFileError, InputNotFound, StoreError, UsageError

FORMATS = {".trig": "trig", ".ttl": "turtle", ".nq": "nquads", ".nt": "nt", ".jsonld": "json-ld",
           ".json": "json-ld"}


def format_for(path: Path | str) -> str:
    """The rdflib format name for a graph file's extension.

    >>> format_for("out/seed.trig")
    'trig'
    """
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise UsageError(f"unknown graph format for {path}: use one of {', '.join(sorted(FORMATS))}")
    return FORMATS[suffix]


def serialize(ds: Dataset, fmt: str) -> bytes:
    """Serialize deterministically: N-Quads and N-Triples sorted line by line; Turtle is the union."""
    if fmt in {"nquads", "nt"}:
        source: Graph | Dataset = ds if fmt == "nquads" else _union(ds)
        text = source.serialize(format=fmt)
        lines = sorted(set(line for line in text.splitlines() if line.strip()))
        return ("\n".join(lines) + "\n").encode("utf-8")
    if fmt == "turtle":
        return _union(ds).serialize(format="turtle").encode("utf-8")
    if fmt == "json-ld":
        context = {prefix: str(ns) for prefix, ns in ds.namespaces() if prefix}
        return ds.serialize(format="json-ld", context=context, sort_keys=True, indent=1).encode("utf-8")
    return ds.serialize(format=fmt).encode("utf-8")


def _union(ds: Dataset) -> Graph:
    g = Graph()
    for prefix, ns in ds.namespaces():
        g.bind(prefix, ns, override=True, replace=True)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def write_atomic(path: Path | str, data: bytes) -> None:
    """Write a file through a temporary file and a rename: readers never see half a file, and a
    failure leaves the previous file intact.

    Raises:
        StoreError: the directory cannot be created or written (the message names the path).
    """
    path = Path(path)
    tmp = _temp_file(path, data)
    try:
        os.replace(tmp, path)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise StoreError(f"cannot write {path}: {e.strerror}") from e
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _temp_file(path: Path, data: bytes) -> str:
    """``data`` written and synced to a new temporary file beside ``path``; its name is returned."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as e:
        raise StoreError(f"cannot write {path}: {e.strerror}") from e
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise StoreError(f"cannot write {path}: {e.strerror}") from e
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _serialized(ds: Dataset, path: Path) -> bytes:
    fmt = format_for(path)
    try:
        return serialize(ds, fmt)
    except Exception as e:  # rdflib raises bare Exception for an IRI it cannot write
        first = str(e).strip().splitlines()[0][:300] if str(e).strip() else type(e).__name__
        raise StoreError(f"cannot write {path}: the graph does not serialize as {fmt}: {first}") from None


def write_graph(ds: Dataset, path: Path | str) -> Path:
    """Write a dataset to a file whose extension gives the format; a failure leaves the file as it was.

    Raises:
        UsageError: the extension names no known format.
        StoreError: the graph does not serialize, or the file cannot be written.
    """
    path = Path(path)
    write_atomic(path, _serialized(ds, path))
    return path


def write_graphs(ds: Dataset, paths: Iterable[Path | str]) -> list[Path]:
    """Write a dataset to several files at once: every file is serialized and written to a temporary
    file first, and only then renamed into place, so a failure (bad path, full disk) changes none of them.

    Raises:
        UsageError: an extension names no known format.
        StoreError: a graph does not serialize or a file cannot be written; no output was changed.
    """
    targets = [Path(p) for p in paths]
    for path in targets:
        format_for(path)
    temps: list[str] = []
    try:
        for path in targets:
            temps.append(_temp_file(path, _serialized(ds, path)))
        for path, tmp in zip(targets, temps, strict=True):
            try:
                os.replace(tmp, path)
            except OSError as e:
                raise StoreError(f"cannot write {path}: {e.strerror}") from e
    finally:
        for tmp in temps:
            Path(tmp).unlink(missing_ok=True)
    return targets


# An XML prolog, declaration or comment, or a start tag with attributes (an IRI never holds whitespace).
_XML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<(?:[?!]|[A-Za-z_][\w.-]*(?::[\w.-]+)?\s)")
_OFFLINE: contextvars.ContextVar[bool] = contextvars.ContextVar("graphbuild_offline", default=False)
_HOOKED: list[bool] = []


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _OFFLINE.get() and event in {"urllib.Request", "socket.connect", "socket.getaddrinfo"}:
        raise PermissionError(f"graphbuild reads graph files offline: {event} {args[0]!r} refused")


@contextmanager
def offline() -> Iterator[None]:
    """Within the block, this thread cannot open URLs or sockets (a Python audit hook, installed once):
    the second line of defence when rdflib parses an untrusted file."""
    if not _HOOKED:
        sys.addaudithook(_audit)
        _HOOKED.append(True)
    token = _OFFLINE.set(True)
    try:
        yield
    finally:
        _OFFLINE.reset(token)


def remote_contexts(doc: Any) -> list[str]:
    """Every JSON-LD ``@context`` (or ``@import``) that names a document instead of being inline: a
    string anywhere in the tree, including scoped contexts and arrays.

    >>> remote_contexts({"@context": [{"@vocab": "http://x/"}, "file:///etc/passwd"], "@graph": []})
    ['file:///etc/passwd']
    >>> remote_contexts({"@context": {"p": {"@id": "http://x/p", "@context": {"@import": "http://e/c"}}}})
    ['http://e/c']
    """
    found: list[str] = []
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key in {"@context", "@import"}:
                    items = value if isinstance(value, list) else [value]
                    found += [str(v) for v in items if isinstance(v, str)]
                stack.append(value)
    return found


def read_graph(path: Path | str) -> Dataset:
    """Read a graph file into a dataset whose default graph is the union of its named graphs.

    Untrusted files are safe to read: JSON-LD that names a remote or local ``@context`` and any XML
    document (RDF/XML, TriX, a file with a ``<!DOCTYPE``/``<!ENTITY``) are refused before parsing, and
    the parse runs :func:`offline`.

    Raises:
        InputNotFound: the file does not exist.
        UsageError: the extension names no format graphbuild reads.
        GraphFileError: the file does not parse, or is refused.
    """
    path = Path(path)
    if not path.is_file():
        raise InputNotFound(f"no such graph file: {path}")
    fmt = format_for(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise GraphFileError(f"cannot read {path}: {e.strerror}") from e
    if _XML_START.match(data[:4096]):
        raise GraphFileError(f"{path}: XML documents and document type declarations are refused "
                             f"(read as {fmt}: {', '.join(sorted(FORMATS))} only)")
    if fmt == "json-ld":
        try:
            doc = json.loads(data)
        except (ValueError, RecursionError) as e:
            raise GraphFileError(f"{path} does not parse as json-ld: {str(e).splitlines()[0][:200]}") from None
        remote = remote_contexts(doc)
        if remote:
            raise GraphFileError(f"{path}: a JSON-LD @context that names a document is refused (no network or "
                                 f"file access): {remote[0][:200]}")
    ds = Dataset(default_union=True)
    try:
        with offline():
            ds.parse(data=data, format=fmt)
    except Exception as e:  # rdflib raises many parser-specific types (RecursionError included)
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise GraphFileError(f"{path} does not parse as {fmt}: {first[:300]}") from None
    return ds
