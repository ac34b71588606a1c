import datetime as dt

import pytest

from graphbuild.extract.dates import normalize_time

PUB = dt.date(2012, 7, 11)  # a Wednesday


@pytest.mark.parametrize(("phrase", "earliest", "latest", "gran"), [
    ("Last week", "2012-07-02", "2012-07-08", "week"),
    ("16 months ago", "2011-03-01", "2011-03-31", "month"),
    ("Wednesday", "2012-07-11", "2012-07-11", "day"),
    ("Monday", "2012-07-09", "2012-07-09", "day"),
    ("yesterday", "2012-07-10", "2012-07-10", "day"),
    ("in 2011", "2011-01-01", "2011-12-31", "year"),
    ("March 2011", "2011-03-01", "2011-03-31", "month"),
    ("March 3", "2012-03-03", "2012-03-03", "day"),
    ("December 3", "2011-12-03", "2011-12-03", "day"),
    ("last month", "2012-06-01", "2012-06-30", "month"),
    ("two weeks ago", "2012-06-25", "2012-07-01", "week"),
    ("3 March 2011", "2011-03-03", "2011-03-03", "day"),
    # a part of a period is the period: "in early November", "since mid-March", "at the end of last month"
    ("in early March", "2012-03-01", "2012-03-31", "month"),
    ("since mid-May", "2012-05-01", "2012-05-31", "month"),
    ("at the end of last month", "2012-06-01", "2012-06-30", "month"),
    ("the beginning of 2011", "2011-01-01", "2011-12-31", "year"),
])
def test_dates_normalized_against_publication(phrase, earliest, latest, gran):
    bounds = normalize_time(phrase, PUB)
    assert (bounds.earliest.isoformat(), bounds.latest.isoformat(), bounds.granularity) == (earliest, latest, gran)


@pytest.mark.parametrize("phrase", ["less than a week", "the uprising", "", "the end"])
def test_dates_not_a_date(phrase):
    assert normalize_time(phrase, PUB) is None


def test_dates_relative_without_publication_left_open():
    assert normalize_time("last week", None) is None


@pytest.mark.parametrize(("text", "first"), [
    ("March last year", dt.date(2024, 3, 1)),
    ("in March of last year", dt.date(2024, 3, 1)),
    ("last March", dt.date(2025, 3, 1)),
    ("last November", dt.date(2024, 11, 1)),
    ("March this year", dt.date(2025, 3, 1)),
])
def test_a_month_of_last_or_this_year(text, first):
    found = normalize_time(text, dt.date(2025, 7, 22))
    assert found is not None and found.earliest == first and found.granularity == "month"
