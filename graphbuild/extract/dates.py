"""Time expressions normalized against the publication date into inclusive day bounds."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from graphbuild.model import TextSpan, TimeBounds

_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_NUMBERS = {w: i for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"])}
_NUMBERS.update({"a": 1, "an": 1, "several": 3, "a few": 3, "few": 3, "a couple of": 2, "couple of": 2})


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _shift_months(day: dt.date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _count(word: str) -> int | None:
    word = word.strip().lower()
    if word.isdigit():
        return int(word)
    return _NUMBERS.get(word)


def normalize_time(text: str, published: dt.date | None, *, span: TextSpan | None = None) -> TimeBounds | None:
    """Bounds of a time phrase, relative phrases anchored at ``published``.

    >>> pub = dt.date(2012, 7, 11)
    >>> b = normalize_time("Last week", pub); (b.earliest, b.latest, b.granularity)
    (datetime.date(2012, 7, 2), datetime.date(2012, 7, 8), 'week')
    >>> b = normalize_time("16 months ago", pub); (b.earliest, b.latest)
    (datetime.date(2011, 3, 1), datetime.date(2011, 3, 31))
    >>> normalize_time("Wednesday", pub).earliest
    datetime.date(2012, 7, 11)
    >>> normalize_time("in 2011", pub).latest
    datetime.date(2011, 12, 31)
    >>> normalize_time("in early March", pub).earliest, normalize_time("at the end of May", pub).latest
    (datetime.date(2012, 3, 1), datetime.date(2012, 5, 31))
    """
    phrase = text.strip().lower()
    while True:  # "in early November", "at the end of October", "since mid-March": the period itself
        shorter = re.sub(r"^(?:(?:on|in|since|during|by|from|as of|early|late|mid|at|the end of|the beginning of"
                         r"|the start of|the middle of|end of|beginning of|start of|middle of)\s+|mid-)", "", phrase)
        if shorter == phrase:
            break
        phrase = shorter
    phrase = re.sub(r"^(?:the|this past|this|past)\s+(?=(?:week|month|year|weekend)\b)", "this ", phrase)
    phrase = phrase.rstrip(".,")

    def bounds(a: dt.date, b: dt.date, gran: str) -> TimeBounds:
        return TimeBounds(a, b, text, gran, span)

    m = re.fullmatch(r"((?:19|20)\d\d)", phrase)
    if m:
        y = int(m.group(1))
        return bounds(dt.date(y, 1, 1), dt.date(y, 12, 31), "year")
    m = re.fullmatch(r"([a-z]+)\.?,? ((?:19|20)\d\d)", phrase)
    if m and m.group(1) in _MONTHS:
        y, mo = int(m.group(2)), _MONTHS[m.group(1)]
        return bounds(dt.date(y, mo, 1), _month_end(y, mo), "month")
    m = re.fullmatch(r"(?:([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?|(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+)\.?)"
                     r"(?:,? ((?:19|20)\d\d))?", phrase)
    if m:
        month_word = m.group(1) or m.group(4)
        day_num = int(m.group(2) or m.group(3))
        if month_word in _MONTHS:
            mo = _MONTHS[month_word]
            if m.group(5):
                y = int(m.group(5))
            elif published:
                y = published.year if (mo, day_num) <= (published.month, published.day) else published.year - 1
            else:
                return None
            try:
                d = dt.date(y, mo, day_num)
            except ValueError:
                return None
            return bounds(d, d, "day")
    m = re.fullmatch(r"((?:19|20)\d\d)-(\d\d)-(\d\d)", phrase)
    if m:
        try:
            d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
        return bounds(d, d, "day")
    # "March last year", "last March", "March of last year", "March this year"
    if published and (m := re.fullmatch(r"(?:([a-z]+) (?:of )?(last|this) year|last ([a-z]+))", phrase)):
        word = m.group(1) or m.group(3)
        if word in _MONTHS:
            mo = _MONTHS[word]
            if m.group(2) == "this":
                y = published.year
            elif m.group(2) == "last":
                y = published.year - 1
            else:  # "last March": the most recent March before this month
                y = published.year if mo < published.month else published.year - 1
            return bounds(dt.date(y, mo, 1), _month_end(y, mo), "month")
    if (m := re.fullmatch(r"([a-z]+)", phrase)) and phrase in _MONTHS and published:
        mo = _MONTHS[phrase]
        y = published.year if mo <= published.month else published.year - 1
        return bounds(dt.date(y, mo, 1), _month_end(y, mo), "month")
    if published is None:
        return None
    pub = published
    if phrase in {"today", "tonight", "this morning", "this afternoon", "this evening", "now"}:
        return bounds(pub, pub, "day")
    if phrase in {"yesterday", "last night"}:
        d = pub - dt.timedelta(days=1)
        return bounds(d, d, "day")
    if phrase == "tomorrow":
        d = pub + dt.timedelta(days=1)
        return bounds(d, d, "day")
    m = re.fullmatch(r"(?:last )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                     r"(?: (?:morning|afternoon|evening|night))?", phrase)
    if m:
        back = (pub.weekday() - _WEEKDAYS[m.group(1)]) % 7
        if phrase.startswith("last ") and back == 0:
            back = 7
        d = pub - dt.timedelta(days=back)
        return bounds(d, d, "day")
    monday = pub - dt.timedelta(days=pub.weekday())
    if phrase in {"last week", "previous week"}:
        return bounds(monday - dt.timedelta(days=7), monday - dt.timedelta(days=1), "week")
    if phrase in {"this week", "earlier this week"}:
        return bounds(monday, pub, "week")
    if phrase in {"last weekend", "this weekend", "the weekend", "weekend"}:
        sat = monday - dt.timedelta(days=2)
        return bounds(sat, sat + dt.timedelta(days=1), "day")
    if phrase in {"last month", "previous month"}:
        y, mo = _shift_months(pub, -1)
        return bounds(dt.date(y, mo, 1), _month_end(y, mo), "month")
    if phrase in {"this month", "earlier this month"}:
        return bounds(dt.date(pub.year, pub.month, 1), pub, "month")
    if phrase in {"last year", "previous year"}:
        return bounds(dt.date(pub.year - 1, 1, 1), dt.date(pub.year - 1, 12, 31), "year")
    if phrase in {"this year", "earlier this year"}:
        return bounds(dt.date(pub.year, 1, 1), pub, "year")
    if phrase in {"recent days", "the past few days", "past few days", "recent weeks", "the past days"}:
        width = 7 if "day" in phrase else 28
        return bounds(pub - dt.timedelta(days=width), pub, "week" if width == 7 else "month")
    m = re.fullmatch(r"(\w+(?: few| couple of)?) (day|week|month|year)s? ago", phrase)
    if m:
        n = _count(m.group(1))
        if n is None:
            return None
        unit = m.group(2)
        if unit == "day":
            d = pub - dt.timedelta(days=n)
            return bounds(d, d, "day")
        if unit == "week":
            d = pub - dt.timedelta(weeks=n)
            start = d - dt.timedelta(days=d.weekday())
            return bounds(start, start + dt.timedelta(days=6), "week")
        if unit == "month":
            y, mo = _shift_months(pub, -n)
            return bounds(dt.date(y, mo, 1), _month_end(y, mo), "month")
        return bounds(dt.date(pub.year - n, 1, 1), dt.date(pub.year - n, 12, 31), "year")
    return None
