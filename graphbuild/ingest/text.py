"""Article text preparation: decode and clean the stored text, mask boilerplate, find the headline and the date.

Masking replaces boilerplate by spaces of the same length, so that offsets into the masked text
are offsets into the stored text: the NLP stage reads the masked text, RDF stores the clean one.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
import unicodedata
from collections import Counter
from html.parser import HTMLParser

from graphbuild.errors import IngestError, NotEnglish, warn

# C0/C1 controls other than tab and newline, lone surrogates, noncharacters, the replacement character,
# and invisible format characters that only hide or reorder text: soft hyphen, zero-width space, LRM/RLM,
# bidi embeddings, overrides and isolates, word joiner, BOM (ZWJ/ZWNJ stay: they shape Arabic and emoji).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffd\ufffe\uffff"
                      "\u00ad\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_BOILERPLATE_LINE = re.compile(
    r"^[ \t]*(?:more on this\b.*|short link:.*|read more\b.*|click here\b.*|related:.*|see also:.*|"
    r"(?:copyright|\(c\)|©)\s.*|all rights reserved.*|follow us on\b.*|share this\b.*|"
    r"advertisement|subscribe\b.*)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
# "BEIRUT (Reuters) -", "AMMAN, Jordan (AFP) –", "DAMASCUS, July 3 (SANA) —", "BEIRUT -"
# "Caracas, Venezuela –", "Gaza City (AP) —": a title-case place needs its country or agency to count
_DATELINE = re.compile(
    r"^[ \t]*(?P<dl>(?:[A-Z][A-Z .'\-]{2,40}(?:,\s*[A-Z][A-Za-z .]{2,30})?"
    r"|[A-Z][\w'\-]+(?: [A-Z][\w'\-]+){0,2}(?=,\s*[A-Z]|\s*\()(?:,\s*[A-Z][\w.'\-]+(?: [A-Z][\w.'\-]+){0,2})?)"
    r"(?:,\s*[A-Z][a-z]{2,8}\.? \d{1,2})?"
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
#: The longest stretch without sentence punctuation or a blank line that is parsed: extraction cost grows
#: with the square of a sentence's length (a 20,000-character sentence takes about two seconds).
MAX_SENTENCE_CHARS = 20_000
#: Whitespace-free runs at least this long (URLs, "!!!!", emoji strings) are masked before parsing:
#: spaCy's tokenizer is quadratic in the length of one such run and no name is that long.
LONG_RUN = 100
_LONG_RUN = re.compile(rf"\S{{{LONG_RUN},}}")
# Web boilerplate that also occurs inside a line (texts whose line breaks were lost): a tag list's "Tags"
# word, which would glue the tags into one name, and the trust-principles footer. Bylines and photo credits
# stay: their people and agencies are entities of the article.
_TRUST_FOOTER = re.compile(r"\bOur Standards: The Thomson Reuters Trust Principles\.?")
_BOILERPLATE_PHRASE = re.compile(r"(?<=[.!?\"”] )Tags\b|^Tags\b", re.MULTILINE)
_SENTENCE_BREAK = re.compile(r"[.!?。！？]+|\n[ \t]*\n")
_BINARY_MAGIC = (b"\x89PNG", b"%PDF", b"PK\x03\x04", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b", b"\x7fELF",
                 b"BZh", b"\xfd7zXZ", b"7z\xbc\xaf", b"Rar!", b"\xd0\xcf\x11\xe0", b"OggS", b"RIFF", b"ID3")
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Common English function words that rarely occur in other Latin-script languages.
_ENGLISH = frozenset({
    "the", "of", "and", "to", "is", "was", "that", "for", "with", "said", "he", "his", "it", "by", "from", "has",
    "have", "had", "were", "are", "this", "which", "who", "their", "they", "not", "be", "been", "would", "will",
    "at", "as", "its", "but", "or", "an", "after", "about", "than", "there", "when", "what", "could", "also", "more",
})


def clean_text(text: str) -> str:
    """The text graphbuild stores: NFC, no BOM, LF line ends (U+2028 and U+2029 too), no control, invisible or bidi-override
    characters, no lone surrogates and no U+FFFD.

    >>> clean_text("\\ufeffA\\r\\nB\\x00")
    'A\\nB'
    >>> clean_text("Tann\\u00adous \\u202eredro\\u202c \\ud800x\\ufffd")
    'Tannous redro x'
    >>> clean_text("A\\u2028B\\u2029C")
    'A\\nB\\nC'
    """
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    # the Unicode line and paragraph separators are line ends (RDF parsers refuse them raw inside literals)
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    return _CONTROL.sub("", unicodedata.normalize("NFC", text))


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    return b"\x00" in head or head.startswith(_BINARY_MAGIC)


def decode_bytes(data: bytes, *, name: str, charset: str | None = None) -> str:
    """Decode an article file: by its byte-order mark (UTF-8, UTF-16, UTF-32), else as UTF-8, else in
    ``charset`` (an HTML page's declared one), else cp1252. A mostly-UTF-8 file with a few bad bytes is
    decoded with replacement characters and a warning naming the first bad byte's offset.

    Raises:
        IngestError: the bytes are not text (NUL bytes, a known binary signature, or mostly control characters).
    """
    text = None
    for bom, codec in _BOMS:
        if data.startswith(bom) and codec != "utf-8":
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError as e:
                raise IngestError(f"not valid {codec.upper()} at byte {e.start + len(bom)}: {name}") from None
            break
    if text is None:
        skip = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
        data = data[skip:]
        if _looks_binary(data):
            raise IngestError(f"not a text article: {name}")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            text = _decode_legacy(data, e.start + skip, name=name, charset=charset)
    sample = text[:65536]
    junk = sum(1 for c in sample if (c < " " and c not in "\t\n\r\f") or c == "\x7f")
    if sample and junk > 0.05 * len(sample):
        raise IngestError(f"not a text article: {name}")
    return text


def _decode_legacy(data: bytes, first_bad: int, *, name: str, charset: str | None) -> str:
    lenient = data.decode("utf-8", "replace")
    if any(c > "\x7f" and c != "\ufffd" for c in lenient):  # real UTF-8 sequences: a damaged UTF-8 file
        bad = lenient.count("\ufffd")
        warn(f"{name}: {bad} invalid UTF-8 byte sequence(s), the first at byte {first_bad}; replaced")
        return lenient
    if charset:
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return data.decode("cp1252", errors="replace")


def check_text(text: str, *, name: str) -> None:
    """Refuse an empty, over-long or unparseable article with one clear line.

    Raises:
        IngestError: the article is empty, longer than ``MAX_CHARS``, or has a stretch longer than
            ``MAX_SENTENCE_CHARS`` without sentence punctuation or a blank line.
    """
    if not text.strip():
        raise IngestError(f"empty article: {name}")
    if len(text) > MAX_CHARS:
        raise IngestError(f"article too long: {name} has {len(text):,} characters (limit {MAX_CHARS:,})")
    longest = max(len(part) for part in _SENTENCE_BREAK.split(text))
    if longest > MAX_SENTENCE_CHARS:
        raise IngestError(f"no sentence breaks: {name} has {longest:,} characters without sentence punctuation "
                          f"or a blank line (limit {MAX_SENTENCE_CHARS:,})")


def check_english(text: str, *, name: str) -> None:
    """Refuse an article that is not English: mostly letters of another script, or (for 40 words or more)
    hardly any common English function words. Short texts are not judged.

    Raises:
        NotEnglish: the article is in another language, named in the message with the reason.
    """
    sample = text[:20000]
    letters = [c for c in sample if c.isalpha()]
    if len(letters) >= 20:
        other = Counter(unicodedata.name(c, "OTHER ?").split(" ")[0] for c in letters
                        if not unicodedata.name(c, "").startswith("LATIN"))
        if sum(other.values()) > len(letters) / 2:
            script = other.most_common(1)[0][0].title().replace("Cjk", "Chinese/Japanese")
            raise NotEnglish(f"not English (mostly {script} script; the pipeline is English-only): {name}")
    words = re.findall(r"[^\W\d_]+", sample.lower())
    if len(words) >= 40:
        share = sum(w in _ENGLISH for w in words) / len(words)
        if share < 0.05:
            raise NotEnglish(f"not English (only {share:.0%} common English words; the pipeline is English-only): "
                             f"{name}")


class _TextOfHtml(HTMLParser):
    _SKIP = frozenset({"script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object",
                       "canvas", "nav", "select", "button"})
    _BLOCK = frozenset({"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section",
                        "article", "header", "footer", "aside", "blockquote", "pre", "figure", "figcaption", "dd",
                        "dt", "dl", "hr", "main", "address", "form", "fieldset", "td", "th", "caption", "body"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.skip = 0
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        elif tag in self._SKIP:
            self.skip += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag in self._SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skip:
            self.parts.append(data)


_HTMLISH = re.compile(r"<(?:!doctype html|html|head|body|p|div|br|script|style|span|article)\b", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """Whether a record's text is an HTML page or fragment rather than plain text.

    >>> looks_like_html("<p>Troops <b>left</b>.</p>"), looks_like_html("3 < 4 and x > y")
    (True, False)
    """
    return bool(_HTMLISH.search(text[:4096]))


def html_to_text(markup: str) -> tuple[str, str]:
    """The title and the visible text of an HTML page: no script, style, comments or navigation; entities
    decoded once; block elements become paragraphs.

    >>> html_to_text("<title>T &amp;amp; U</title><p>A <b>Haddad</b>&amp;co</p><script>x()</script><!-- c -->")
    ('T &amp; U', 'A Haddad&co')
    """
    parser = _TextOfHtml()
    parser.feed(markup)
    parser.close()
    paragraphs = (" ".join(block.split()) for block in re.split(r"\n\s*\n", "".join(parser.parts)))
    text = "\n\n".join(p for p in paragraphs if p)
    return " ".join("".join(parser.title).split()), text


def html_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag, if any."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "replace") if m else None


#: the time that opens a live-blog entry: "12:05 - ", "09:10 GMT: ", "17.05 – ", or a line of its own
_LIVE_TIMESTAMP = re.compile(r"(?m)^[ \t]*\d{1,2}[:.]\d{2}(?:[ \t]*(?:GMT|BST|UTC|CET|CEST|EAT|WAT|CAT|SAST|IST|ET|"
                             r"EST|EDT|PT|local time|[ap]\.?m\.?))?(?:[ \t]*[-–—:|][ \t]+(?=\S)|[ \t]*$)")


#: wire-service slugs that open a headline ("UPDATE 3-", "RPT-", "EXCLUSIVE-", "CORRECTED-UPDATE 2-")
_WIRE_SLUG = re.compile(r"(?m)^(?:(?:UPDATE|WRAPUP|RPT|REFILE|CORRECTED|EXCLUSIVE|ANALYSIS|FACTBOX|INSIGHT|"
                        r"BREAKINGVIEWS|TIMELINE|SPECIAL REPORT|URGENT|FLASH)(?: \d{1,2})?[ \t]*-[ \t]*)+(?=\S)")


def mask_boilerplate(text: str) -> str:
    """Blank out boilerplate lines, end datelines with a full stop, blank whitespace-free runs of ``LONG_RUN`` characters or more
    (long URLs, "!!!!...", strings of emoji, which spaCy tokenizes in quadratic time), keeping every offset.

    >>> mask_boilerplate("BEIRUT (Reuters) - Troops left.\\nShort link: x")
    'BEIRUT (Reuters).  Troops left.\\n             '
    >>> mask_boilerplate("Wow " + "!" * 200 + " ok") == "Wow " + " " * 200 + " ok"
    True
    >>> mask_boilerplate("12:05 - The army has confirmed it.")
    '        The army has confirmed it.'
    >>> mask_boilerplate("UPDATE 3-Minister flees")
    '         Minister flees'
    """
    def blank(m: re.Match[str]) -> str:
        return " " * len(m.group(0))

    masked = _BOILERPLATE_LINE.sub(blank, text)
    masked = _BOILERPLATE_PHRASE.sub(blank, _TRUST_FOOTER.sub(blank, masked))
    masked = _LONG_RUN.sub(blank, _LIVE_TIMESTAMP.sub(blank, _WIRE_SLUG.sub(blank, masked)))
    return _DATELINE.sub(_dateline_sentence, masked)


def _dateline_sentence(m: re.Match[str]) -> str:
    """A dateline stays visible (its place and agency are entities) as a sentence of its own: the dash
    becomes a full stop, so the place is never read as the subject of the lead sentence."""
    line = m.group("dl")
    dash = max(line.rfind(c) for c in "-–—")
    head = line[:dash].rstrip(" -–—")
    return head + "." + " " * (len(line) - len(head) - 1)


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
