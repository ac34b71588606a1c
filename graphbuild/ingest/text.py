"""Article text preparation: clean the stored text, mask boilerplate, find the headline and the date.

Masking replaces boilerplate by spaces of the same length, so that offsets into the masked text
are offsets into the stored text: the NLP stage reads the masked text, RDF stores the clean one.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from graphbuild.errors import IngestError

# C0/C1 controls other than tab and newline, lone surrogates, and noncharacters.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_BOILERPLATE_LINE = re.compile(
    r"^[ \t]*(?:more on this\b.*|short link:.*|read more\b.*|click here\b.*|related:.*|see also:.*|"
    r"(?:copyright|\(c\)|©)\s.*|all rights reserved.*|follow us on\b.*|share this\b.*|"
    r"advertisement|subscribe\b.*)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
# "BEIRUT (Reuters) -", "AMMAN, Jordan (AFP) –", "DAMASCUS, July 3 (SANA) —", "BEIRUT -"
_DATELINE = re.compile(
    r"^[ \t]*(?P<dl>[A-Z][A-Z .'\-]{2,40}(?:,\s*[A-Z][A-Za-z .]{2,30})?(?:,\s*[A-Z][a-z]{2,8}\.? \d{1,2})?"
    r"\s*(?:\([A-Za-z .&]{2,30}\))?\s*[-–—]{1,2}\s)",
    re.MULTILINE,
)
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_TEXT_DATES = (
    re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b"),
    re.compile(r"\b(?P<d>\d{1,2}) (?P<mon>[A-Z][a-z]{2})[a-z]*\.? (?P<y>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<mon>[A-Z][a-z]{2})[a-z]*\.? (?P<d>\d{1,2}),? (?P<y>(?:19|20)\d\d)\b"),
)
MAX_CHARS = 1_000_000


def clean_text(text: str) -> str:
    """The text graphbuild stores: NFC, no BOM, LF line ends, no control characters.

    >>> clean_text("\\ufeffA\\r\\nB\\x00")
    'A\\nB'
    """
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", unicodedata.normalize("NFC", text))


def decode_bytes(data: bytes, *, name: str) -> str:
    """Decode an article file: UTF-8 (with or without BOM), else cp1252; binary is refused.

    Raises:
        IngestError: the bytes are not text (NUL bytes or mostly non-printable).
    """
    if b"\x00" in data[:8192] or data[:8].startswith((b"\x89PNG", b"%PDF", b"PK\x03\x04", b"GIF8")):
        raise IngestError(f"not a text article: {name}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def check_text(text: str, *, name: str) -> None:
    """Refuse an empty or over-long article with one clear line.

    Raises:
        IngestError: the article is empty or longer than ``MAX_CHARS``.
    """
    if not text.strip():
        raise IngestError(f"empty article: {name}")
    if len(text) > MAX_CHARS:
        raise IngestError(f"article too long: {name} has {len(text):,} characters (limit {MAX_CHARS:,})")


def mask_boilerplate(text: str) -> str:
    """Blank out boilerplate lines and datelines, keeping every offset.

    >>> mask_boilerplate("BEIRUT (Reuters) - Troops left.\\nShort link: x")
    '                   Troops left.\\n             '
    """
    def blank(m: re.Match[str]) -> str:
        return " " * len(m.group(0))

    masked = _BOILERPLATE_LINE.sub(blank, text)
    return _DATELINE.sub(lambda m: " " * len(m.group("dl")), masked)


def headline(text: str) -> str:
    """The first line when it stands alone before a blank line and reads as a headline."""
    first, sep, _rest = text.partition("\n")
    if sep and _rest.startswith("\n") and 0 < len(first.strip()) <= 200 and not first.rstrip().endswith("."):
        return first.strip()
    return ""


def date_in_text(text: str) -> dt.date | None:
    """The first full date written in the first 400 characters (a byline or dateline date).

    >>> date_in_text("Wed 05 Apr 2017 Syria attack")
    datetime.date(2017, 4, 5)
    """
    head = text[:400]
    found: list[tuple[int, dt.date]] = []
    for pattern in _TEXT_DATES:
        for m in pattern.finditer(head):
            parts = m.groupdict()
            month = int(parts["m"]) if parts.get("m") else _MONTHS.get(parts["mon"][:3].lower(), 0)
            try:
                found.append((m.start(), dt.date(int(parts["y"]), month, int(parts["d"]))))
            except ValueError:
                continue
    return min(found)[1] if found else None
