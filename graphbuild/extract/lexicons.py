"""General lexicons shipped as package data: titles, countries, cities and cue words by section."""

from __future__ import annotations

import functools
from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files("graphbuild.resources").joinpath(f"{name}.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@functools.cache
def load_lexicon(name: str) -> tuple[str, ...]:
    """Entries of a one-entry-per-line lexicon file.

    >>> "Brig." in load_lexicon("titles")
    True
    """
    return tuple(_lines(name))


@functools.cache
def cue_words(section: str) -> frozenset[str]:
    """Lower-cased entries of one ``[section]`` of ``cues.txt``.

    >>> "defect" in cue_words("defection_verbs")
    True
    """
    found: dict[str, list[str]] = {}
    current = ""
    for line in _lines("cues"):
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            found.setdefault(current, [])
        else:
            found.setdefault(current, []).append(line.lower())
    if section not in found:
        raise KeyError(f"no cue section [{section}]")
    return frozenset(found[section])


@functools.cache
def kin_words() -> frozenset[str]:
    """Words for a relative, singular: children, parents and other relatives (``cues.txt``).

    >>> {"son", "mother", "cousin"} <= kin_words()
    True
    """
    return cue_words("child_words") | cue_words("parent_words") | cue_words("relative_words")


@functools.cache
def countries() -> dict[str, str]:
    """Lower-cased country names, demonyms and aliases -> the country's name.

    >>> countries()["syrian"], countries()["u.s."]
    ('Syria', 'United States')
    """
    table: dict[str, str] = {}
    for line in _lines("countries"):
        name, *others = (part.strip() for part in line.split("|"))
        for form in (name, *others):
            table.setdefault(form.lower(), name)
    return table


@functools.cache
def cities() -> dict[str, str]:
    """Lower-cased city and region names -> the country they lie in.

    >>> cities()["baghdad"]
    'Iraq'
    """
    return _place_table("cities")


@functools.cache
def world_cities() -> dict[str, str]:
    """Lower-cased names of the world's larger cities -> their country; only for names already recognized
    as places (the curated :func:`cities` come first).

    >>> world_cities()["curitiba"]
    'Brazil'
    """
    return _place_table("world_cities")


def _place_table(name: str) -> dict[str, str]:
    """A ``place|country`` lexicon as lower-cased place -> country (the first line of a place wins)."""
    table: dict[str, str] = {}
    for line in _lines(name):
        city, country = (part.strip() for part in line.split("|"))
        table.setdefault(city.lower(), country)
    return table


@functools.cache
def former_states() -> dict[str, tuple[str, ...]]:
    """Today's state -> the former states that held its territory.

    >>> former_states()["Czech Republic"], former_states()["Germany"]
    (('Czechoslovakia',), ('East Germany', 'West Germany'))
    """
    table: dict[str, list[str]] = {}
    for line in _lines("former_states"):
        former, *today = (part.strip() for part in line.split("|"))
        for state in today:
            table.setdefault(state, []).append(former)
    return {state: tuple(formers) for state, formers in table.items()}


@functools.cache
def country_names() -> frozenset[str]:
    """The canonical country names."""
    return frozenset(countries().values())


@functools.cache
def given_name_genders() -> dict[str, str]:
    """Lower-cased given names whose gender is unambiguous -> "f" or "m".

    >>> given_name_genders()["olga"], given_name_genders()["ivan"], "jean" in given_name_genders()
    ('f', 'm', False)
    """
    table: dict[str, str] = {}
    gender = ""
    for line in _lines("given_names"):
        if line.startswith("[") and line.endswith("]"):
            gender = {"[female]": "f", "[male]": "m"}[line]
        elif gender:
            table[line.lower()] = gender
    return table
