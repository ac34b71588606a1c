"""The error tree: one base class, a few stage-named subclasses, each with its exit code; and
graphbuild's warnings, shown as one ``graphbuild: warning: ...`` line."""

from __future__ import annotations

import warnings


class GraphbuildError(Exception):
    """Base of every error graphbuild raises on purpose; the CLI prints it as one line."""

    exit_code = 1


class NoResult(GraphbuildError):
    """The request was valid but found nothing (an unknown entity name, no path)."""

    exit_code = 1


class IngestError(GraphbuildError):
    """An article cannot be read: binary, empty, undecodable, too long."""

    exit_code = 65


class InputNotFound(IngestError):
    """An input path does not exist."""

    exit_code = 66


class NotEnglish(IngestError):
    """An article is not (mostly) English text: the English pipeline would only find garbage in it."""

    exit_code = 65


class GraphFileError(GraphbuildError):
    """A graph file does not parse, or is refused (remote JSON-LD context, XML document type declaration)."""

    exit_code = 65


class UsageError(GraphbuildError):
    """A command-line value cannot be used (an output file with an unknown extension)."""

    exit_code = 2


class ModelError(GraphbuildError):
    """The English spaCy pipeline is not installed or cannot be loaded."""

    exit_code = 78


class QueryError(GraphbuildError):
    """A SPARQL query is malformed, refused (update, SERVICE, FROM, LOAD) or too deep."""

    exit_code = 65


class QueryTimeout(QueryError):
    """A query ran past its time limit and was stopped."""

    exit_code = 124


class StoreError(GraphbuildError):
    """A store or an output file cannot be opened or written; nothing was changed."""

    exit_code = 73


class StoreLocked(StoreError):
    """Another process holds the store's write lock."""

    exit_code = 75


class EndpointError(GraphbuildError):
    """A SPARQL endpoint (or the Dask cluster) cannot be reached, does not answer in time, fails (5xx),
    refuses the credentials, or answers with something that is not a complete result (an HTML page, a
    partial answer): never read as an empty result."""

    exit_code = 69


class ClusterError(EndpointError):
    """The Dask cluster cannot be reached, has no worker, or lost the run (exit 69, like an endpoint)."""

    exit_code = 69


class ShapeViolation(GraphbuildError):
    """A graph does not conform to ontology/shapes.ttl; ``report`` holds the SHACL report text."""

    exit_code = 1

    def __init__(self, message: str, report: str = "") -> None:
        super().__init__(message)
        self.report = report


class GraphbuildWarning(UserWarning):
    """Base of graphbuild's warnings (an article skipped, a lossy decoding)."""


def warn(message: str) -> None:
    """Issue a :class:`GraphbuildWarning`; outside a warnings filter it prints as one line on stderr,
    ``graphbuild: warning: MESSAGE``."""
    warnings.warn(GraphbuildWarning(message), stacklevel=2)


_format_warning = warnings.formatwarning


def _one_line(message, category, filename, lineno, line=None):  # type: ignore[no-untyped-def]
    if isinstance(category, type) and issubclass(category, GraphbuildWarning):
        return f"graphbuild: warning: {message}\n"
    return _format_warning(message, category, filename, lineno, line)


warnings.formatwarning = _one_line


#: Exit codes of the command line, documented in the README (kept in one place for the tests).
EXIT_CODES: dict[int, str] = {
    0: "success",
    1: "nothing found (unknown entity, no path), some articles were skipped, or the graph does not conform to "
       "the shapes",
    2: "usage error (unknown option, missing argument, unknown output format)",
    65: "bad input data: unreadable or non-English article, unreadable or refused graph file, malformed or "
        "refused SPARQL query",
    66: "an input file or store does not exist",
    73: "cannot write an output file or store (nothing was changed)",
    69: "a SPARQL endpoint or the Dask cluster is unavailable, failed, or answered only partially",
    75: "the store is locked by another process",
    78: "the English spaCy pipeline is not installed",
    124: "a query ran past its time limit",
    130: "interrupted (Ctrl-C); stores and outputs are left consistent",
}


def exit_code_table() -> str:
    """The README's exit-code table, made from :data:`EXIT_CODES` (a test keeps the README in step).

    >>> exit_code_table().splitlines()[:3]
    ['| code | meaning |', '|---|---|', '| 0 | success |']
    """
    rows = [f"| {code} | {meaning} |" for code, meaning in sorted(EXIT_CODES.items())]
    return "\n".join(["| code | meaning |", "|---|---|", *rows])
