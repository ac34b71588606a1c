"""Read articles from text files, folders, CSV and JSONL into ``Article`` records."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path

from graphbuild.errors import IngestError, InputNotFound
from graphbuild.ingest.text import check_text, clean_text, date_in_text, decode_bytes, headline
from graphbuild.model import Article

_TEXT_COLUMNS = ("text", "article_content", "content", "body")
_TITLE_COLUMNS = ("title", "article_title", "headline")
_ID_COLUMNS = ("id", "doc_id", "unit_id", "article_id")
_DATE_COLUMNS = ("date", "published", "pub_date", "datetime")
_SOURCE_COLUMNS = ("source", "outlet", "publisher")


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
        IngestError: the text is empty or too long.
    """
    text = clean_text(raw)
    check_text(text, name=name)
    if published is None:
        published = date_in_text(text)
        published_source = "text" if published else "none"
    return Article(doc_id=doc_id, text=text, title=title or headline(text), published=published,
                   published_source=published_source, outlet=outlet, url=url)


def read_text_file(path: Path | str, *, published: dt.date | None = None) -> Article:
    """Read one plain-text article; its id is the slug of the file name.

    Raises:
        InputNotFound: the file does not exist.
        IngestError: the file is binary, empty or too long.
    """
    path = Path(path)
    if not path.is_file():
        raise InputNotFound(f"no such article file: {path}")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise IngestError(f"cannot read {path}: {e.strerror}") from e
    raw = decode_bytes(data, name=str(path))
    return make_article(raw, doc_id=slug(path.stem), name=str(path), published=published,
                        published_source="option" if published else "none")


def _pick(row: dict[str, str], columns: tuple[str, ...]) -> str:
    lowered = {k.lower().strip(): v for k, v in row.items() if k}
    return next((lowered[c] for c in columns if lowered.get(c)), "")


def _record_article(row: dict[str, str], *, name: str, published: dt.date | None) -> Article:
    text = _pick(row, _TEXT_COLUMNS)
    title = _pick(row, _TITLE_COLUMNS).strip()
    full = f"{title}\n\n{text}" if title and not text.lstrip().startswith(title) else text
    ident = _pick(row, _ID_COLUMNS) or hashlib.sha256(full.encode()).hexdigest()[:16]
    date = published or parse_date(_pick(row, _DATE_COLUMNS))
    source = "option" if published else "metadata" if date else "none"
    return make_article(full, doc_id=slug(ident), name=name, title=title, published=date,
                        published_source=source, outlet=_pick(row, _SOURCE_COLUMNS), url=_pick(row, ("url",)))


def read_records(path: Path, *, published: dt.date | None = None) -> Iterator[Article]:
    """Stream articles from a CSV or JSONL file with a text column and metadata columns.

    Raises:
        IngestError: the file has no text column or a line is not JSON.
    """
    if path.suffix.lower() == ".csv":
        csv.field_size_limit(2**31 - 1)
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            if not any(c.lower() in _TEXT_COLUMNS for c in reader.fieldnames or ()):
                raise IngestError(f"{path}: no text column (one of {', '.join(_TEXT_COLUMNS)})")
            for n, row in enumerate(reader, start=2):
                yield _record_article(row, name=f"{path}:{n}", published=published)
        return
    with path.open(encoding="utf-8-sig") as f:
        for n, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                raise IngestError(f"{path}:{n}: not a JSON line ({e.msg})") from e
            yield _record_article({k: str(v) for k, v in row.items()}, name=f"{path}:{n}", published=published)


def read_articles(paths: list[Path] | list[str], *, published: dt.date | None = None) -> Iterator[Article]:
    """Articles from files and folders (.txt, .md, .csv, .jsonl), in sorted order.

    Raises:
        InputNotFound: a path does not exist.
    """
    for raw_path in paths:
        path = Path(raw_path)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.suffix.lower() in {".txt", ".md", ".csv", ".jsonl"})
        elif path.exists():
            files = [path]
        else:
            raise InputNotFound(f"no such article file: {path}")
        for file in files:
            if file.suffix.lower() in {".csv", ".jsonl"}:
                yield from read_records(file, published=published)
            else:
                yield read_text_file(file, published=published)
