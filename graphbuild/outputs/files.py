"""Graph files: format by extension, sorted deterministic serialization, atomic writes."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rdflib import Dataset, Graph

from graphbuild.errors import GraphbuildError, InputNotFound, StoreError

FORMATS = {".trig": "trig", ".ttl": "turtle", ".nq": "nquads", ".nt": "nt", ".jsonld": "json-ld",
           ".json": "json-ld"}


def format_for(path: Path | str) -> str:
    """The rdflib format name for a graph file's extension.

    >>> format_for("out/seed.trig")
    'trig'
    """
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise GraphbuildError(f"unknown graph format for {path}: use one of {', '.join(sorted(FORMATS))}")
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
        StoreError: the directory cannot be created or written.
    """
    path = Path(path)
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
        os.replace(tmp, path)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise StoreError(f"cannot write {path}: {e.strerror}") from e
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_graph(ds: Dataset, path: Path | str) -> Path:
    """Write a dataset to a file whose extension gives the format."""
    path = Path(path)
    write_atomic(path, serialize(ds, format_for(path)))
    return path


def read_graph(path: Path | str) -> Dataset:
    """Read a graph file into a dataset whose default graph is the union of its named graphs.

    Raises:
        InputNotFound: the file does not exist.
        GraphbuildError: the file does not parse, or is JSON-LD with a remote context.
    """
    path = Path(path)
    if not path.is_file():
        raise InputNotFound(f"no such graph file: {path}")
    fmt = format_for(path)
    data = path.read_bytes()
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in head:
        raise GraphbuildError(f"{path}: document type declarations are refused")
    if fmt == "json-ld" and (b'"@context": "http' in data or b'"@context":"http' in data or b"file:" in head):
        raise GraphbuildError(f"{path}: a remote JSON-LD @context is refused (no network access)")
    ds = Dataset(default_union=True)
    try:
        ds.parse(data=data, format=fmt)
    except Exception as e:  # rdflib raises many parser-specific types
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise GraphbuildError(f"{path} does not parse as {fmt}: {first}") from e
    return ds
