"""The error tree: one base class, a few stage-named subclasses, each with its exit code."""

from __future__ import annotations


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


class ShapeViolation(GraphbuildError):
    """A graph does not conform to ontology/shapes.ttl; ``report`` holds the SHACL report text."""

    exit_code = 1

    def __init__(self, message: str, report: str = "") -> None:
        super().__init__(message)
        self.report = report


class GraphbuildWarning(UserWarning):
    """Base of graphbuild's warnings."""


#: Exit codes of the command line, documented in the README (kept in one place for the tests).
EXIT_CODES: dict[int, str] = {
    0: "success",
    1: "nothing found (unknown entity, no path) or the graph does not conform to the shapes",
    2: "usage error (unknown option, missing argument)",
    65: "bad input data: unreadable article, malformed or refused SPARQL query",
    66: "an input file or store does not exist",
    73: "cannot write an output file or store (nothing was changed)",
    75: "the store is locked by another process",
    78: "the English spaCy pipeline is not installed",
    124: "a query ran past its time limit",
    130: "interrupted (Ctrl-C); stores and outputs are left consistent",
}
