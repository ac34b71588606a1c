"""Read articles from text and HTML files, folders, CSV and JSONL into ``Article`` records.

One unusable article (empty, binary, not English, too long) never ends a batch: :func:`read_articles`
skips it with a ``graphbuild: warning: skipped: ...`` line and fails only when nothing could be read."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

from graphbuild.errors import IngestError, InputNotFound, warn
from graphbuild.ingest.text import (
    MAX_CHARS,
    check_english,
    check_text,
    clean_text,
    date_in_text,
    decode_bytes,
    headline,
    html_charset,
    html_to_text,
    looks_like_html,
)
from graphbuild.model import Article

_TEXT_COLUMNS = ("text", "article_content", "content", "body")
_TITLE_COLUMNS = ("title", "article_title", "headline")
_ID_COLUMNS = ("id", "doc_id", "unit_id", "article_id")
_DATE_COLUMNS = ("date", "published", "pub_date", "datetime")
_SOURCE_COLUMNS = ("source", "outlet", "publisher")
#: File suffixes read from folders; any other file named explicitly is read as plain text.
ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".csv", ".jsonl"})
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})


def slug(text: str) -> str:
    """A safe document id made from a file name or title.

    >>> slug("Syria's Iraq Ambassador.txt")
    'syria-s-iraq-ambassador-txt'
    """
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s[:80] or "article"


def parse_date(value: str) -> dt.date | None:
    """Parse ISO (2012-07-11) and US (7/11/2012) dates; None when it is neither.

    >>> parse_date("4/5/2017"), parse_date("2012-07-11T10:00:00Z")
    (datetime.date(2017, 4, 5), datetime.date(2012, 7, 11))
    """
    value = (value or "").strip()
    m = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})", value)
    if m:
        y, mo, d = (int(x) for x in m.groups())
    else:
        m = re.match(r"^(\d{1,2})/(\d{1,2})/(\d{4})$", value)
        if not m:
            return None
        mo, d, y = (int(x) for x in m.groups())
    try:
        return dt.date(y, mo, d)
    except ValueError:
        return None


def make_article(
    raw: str, *, doc_id: str, name: str, title: str = "", published: dt.date | None = None,
    published_source: str = "none", outlet: str = "", url: str = "",
) -> Article:
    """Clean and check one article's text; the date comes from metadata, else from the text.

    Raises:
        IngestError: the text is empty, too long or has no sentence breaks.
        NotEnglish: the text is in another language.
    """
    text = clean_text(raw)
    check_text(text, name=name)
    check_english(text, name=name)
    if published is None:
        published = date_in_text(text)
        published_source = "text" if published else "none"
    return Article(doc_id=doc_id, text=text, title=clean_text(title).strip() or headline(text), published=published,
                   published_source=published_source, outlet=outlet, url=url)


def read_text_file(path: Path, *, published: dt.date | None = None) -> Article:
    """Read one plain-text or HTML article (HTML by its suffix or its first bytes); its id is the slug
    of the file name.

    Raises:
        InputNotFound: the file does not exist.
        IngestError: the file is binary, empty, too long, undecodable or not English.
    """
    if not path.is_file():
        raise InputNotFound(f"no such article file: {path}")
    try:
        if path.stat().st_size > 4 * MAX_CHARS:
            raise IngestError(f"article too long: {path} has {path.stat().st_size:,} bytes "
                              f"(limit {MAX_CHARS:,} characters)")
        data = path.read_bytes()
    except OSError as e:
        raise IngestError(f"cannot read {path}: {e.strerror}") from e
    is_html = path.suffix.lower() in _HTML_SUFFIXES or data.lstrip()[:15].lower().startswith((b"<!doctype html",
                                                                                              b"<html"))
    raw = decode_bytes(data, name=str(path), charset=html_charset(data) if is_html else None)
    title = ""
    if is_html:
        title, raw = html_to_text(raw)
    return make_article(raw, doc_id=slug(path.stem), name=str(path), title=title, published=published,
                        published_source="option" if published else "none")


def _pick(row: dict[str, str], columns: tuple[str, ...]) -> str:
    lowered = {k.lower().strip(): v for k, v in row.items() if k}
    return next((lowered[c] for c in columns if lowered.get(c)), "")


def _record_article(row: dict[str, str], *, name: str, published: dt.date | None) -> Article:
    text = _pick(row, _TEXT_COLUMNS)
    title = _pick(row, _TITLE_COLUMNS).strip()
    if looks_like_html(text):
        page_title, text = html_to_text(text)
        title = title or page_title
    full = f"{title}\n\n{text}" if title and not text.lstrip().startswith(title) else text
    ident = _pick(row, _ID_COLUMNS) or hashlib.sha256(full.encode("utf-8", "replace")).hexdigest()[:16]
    date = published or parse_date(_pick(row, _DATE_COLUMNS))
    source = "option" if published else "metadata" if date else "none"
    return make_article(full, doc_id=slug(ident), name=name, title=title, published=date,
                        published_source=source, outlet=_pick(row, _SOURCE_COLUMNS), url=_pick(row, ("url",)))


def _decode_line(line: bytes, *, name: str) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode("cp1252", errors="replace")


def iter_records(path: Path, *, published: dt.date | None = None) -> Iterator[Article | IngestError]:
    """Articles from a CSV or JSONL file with a text column and metadata columns, streamed; an unusable
    record (or file) comes as an :class:`IngestError` naming ``FILE:LINE`` instead of ending the stream."""
    try:
        if path.suffix.lower() == ".csv":
            yield from _csv_records(path, published)
        else:
            yield from _jsonl_records(path, published)
    except OSError as e:
        yield IngestError(f"cannot read {path}: {e.strerror}")


def _csv_records(path: Path, published: dt.date | None) -> Iterator[Article | IngestError]:
    data = path.read_bytes()
    try:
        text = decode_bytes(data, name=str(path))
    except IngestError as e:
        yield e
        return
    csv.field_size_limit(2**31 - 1)
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    try:
        if not any((c or "").lower().strip() in _TEXT_COLUMNS for c in reader.fieldnames or ()):
            yield IngestError(f"{path}: no text column (one of {', '.join(_TEXT_COLUMNS)})")
            return
        for row in reader:
            name = f"{path}:{reader.line_num}"
            try:
                yield _record_article({k: v or "" for k, v in row.items() if isinstance(k, str)}, name=name,
                                      published=published)
            except IngestError as e:
                yield e
    except csv.Error as e:
        yield IngestError(f"{path}:{reader.line_num}: not valid CSV ({e})")


def _jsonl_records(path: Path, published: dt.date | None) -> Iterator[Article | IngestError]:
    with path.open("rb") as f:
        for n, raw_line in enumerate(f, start=1):
            line = _decode_line(raw_line, name=f"{path}:{n}").lstrip("\ufeff")
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except (json.JSONDecodeError, RecursionError) as e:
                yield IngestError(f"{path}:{n}: not a JSON line ({getattr(e, 'msg', 'nested too deeply')})")
                continue
            if not isinstance(row, dict):
                yield IngestError(f"{path}:{n}: not a JSON object")
                continue
            try:
                yield _record_article({str(k): "" if v is None else str(v) for k, v in row.items()},
                                      name=f"{path}:{n}", published=published)
            except IngestError as e:
                yield e


def read_records(path: Path, *, published: dt.date | None = None) -> Iterator[Article]:
    """Stream articles from a CSV or JSONL file with a text column and metadata columns.

    Raises:
        IngestError: the file has no text column, a line is not JSON, or a record is unusable.
    """
    for item in iter_records(path, published=published):
        if isinstance(item, IngestError):
            raise item
        yield item


def iter_articles(paths: list[Path] | list[str], *,
                  published: dt.date | None = None) -> Iterator[Article | IngestError]:
    """Articles from files and folders (.txt, .md, .html, .csv, .jsonl), in sorted order; an unusable
    article comes as an :class:`IngestError` instead of ending the stream.

    Raises:
        InputNotFound: a path does not exist (checked for every path before anything is read).
    """
    found = [Path(p) for p in paths]
    for path in found:
        if not path.exists():
            raise InputNotFound(f"no such article file: {path}")
    for path in found:
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
        else:
            files = [path]
        for file in files:
            if file.suffix.lower() in {".csv", ".jsonl"}:
                yield from iter_records(file, published=published)
                continue
            try:
                yield read_text_file(file, published=published)
            except InputNotFound:
                raise
            except IngestError as e:
                yield e


def read_articles(paths: list[Path] | list[str], *, published: dt.date | None = None,
                  skipped: list[IngestError] | None = None) -> Iterator[Article]:
    """Articles from files and folders (.txt, .md, .html, .csv, .jsonl), in sorted order.

    An unusable article (empty, binary, undecodable, too long, not English) is skipped with a
    ``graphbuild: warning: skipped: REASON`` line and appended to ``skipped`` when a list is given.

    Raises:
        InputNotFound: a path does not exist.
        IngestError: no article at all could be read (the only reason, or how many were skipped).
    """
    errors: list[IngestError] = [] if skipped is None else skipped
    pending: list[IngestError] = []  # held until an article succeeds: a lone failure is the error itself
    good = 0
    for item in iter_articles(paths, published=published):
        if isinstance(item, IngestError):
            errors.append(item)
            if good:
                warn(f"skipped: {item}")
            else:
                pending.append(item)
            continue
        good += 1
        for e in pending:
            warn(f"skipped: {e}")
        pending.clear()
        yield item
    if len(pending) == 1:
        raise pending[0]
    if pending:
        for e in pending:
            warn(f"skipped: {e}")
        raise IngestError(f"no article could be read ({len(pending)} skipped, see above)")
