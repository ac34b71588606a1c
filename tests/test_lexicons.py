"""Integrity of the geographic lexicons (countries.txt, cities.txt) shipped as package data.

The loaders keep the first of two conflicting forms silently, so the checks below read the raw lines.
"""

from __future__ import annotations

from collections import defaultdict
from importlib import resources

import pytest

from graphbuild.extract.lexicons import cities, countries, country_names


def _raw(name: str) -> list[tuple[int, str]]:
    text = resources.files("graphbuild.resources").joinpath(f"{name}.txt").read_text(encoding="utf-8")
    return [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1)
            if line.strip() and not line.lstrip().startswith("#")]


def _country_rows() -> list[tuple[int, list[str]]]:
    return [(n, [part.strip() for part in line.split("|")]) for n, line in _raw("countries")]


def _city_rows() -> list[tuple[int, list[str]]]:
    return [(n, [part.strip() for part in line.split("|")]) for n, line in _raw("cities")]


def test_both_files_keep_a_header_comment():
    for name in ("countries", "cities"):
        text = resources.files("graphbuild.resources").joinpath(f"{name}.txt").read_text(encoding="utf-8")
        assert text.lstrip().startswith("#"), name


def test_every_country_line_parses():
    bad = [(n, parts) for n, parts in _country_rows() if not all(parts) or len(parts) < 2]
    assert not bad, bad  # every country has at least one demonym or other form, and no empty field


def test_every_city_line_parses():
    bad = [(n, parts) for n, parts in _city_rows() if len(parts) != 2 or not all(parts)]
    assert not bad, bad


def test_canonical_country_names_are_unique():
    names = [parts[0] for _, parts in _country_rows()]
    assert len(names) == len(set(names))


def test_no_country_form_maps_to_two_countries():
    owners: dict[str, set[str]] = defaultdict(set)
    for _, parts in _country_rows():
        for form in parts:
            owners[form.lower()].add(parts[0])
    clashes = {form: sorted(names) for form, names in owners.items() if len(names) > 1}
    assert not clashes, clashes


def test_every_city_lies_in_a_canonical_country():
    canonical = {parts[0] for _, parts in _country_rows()}
    unknown = [(n, parts) for n, parts in _city_rows() if parts[1] not in canonical]
    assert not unknown, unknown


def test_no_city_is_also_a_country_form():
    forms = set(countries())
    clashes = [(n, parts[0]) for n, parts in _city_rows() if parts[0].lower() in forms]
    assert not clashes, clashes


def test_no_city_is_listed_twice():
    seen: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for n, (city, country) in _city_rows():
        seen[city.lower()].append((n, country))
    twice = {city: where for city, where in seen.items() if len(where) > 1}
    assert not twice, twice


def test_lexicons_are_of_a_useful_size():
    assert len(country_names()) >= 195  # the UN members, observers and partially recognised states
    assert len(cities()) >= 600


@pytest.mark.parametrize(("form", "country"), [
    ("eritrean", "Eritrea"),
    ("syrian", "Syria"),
    ("u.s.", "United States"),
    ("britain", "United Kingdom"),
    ("burma", "Myanmar"),
    ("côte d'ivoire", "Ivory Coast"),
    ("drc", "Congo"),
    ("democratic republic of the congo", "Congo"),
    ("congo-brazzaville", "Republic of the Congo"),
    ("palestinian", "Palestine"),
    ("kosovar", "Kosovo"),
    ("taiwanese", "Taiwan"),
    ("sahrawi", "Western Sahara"),
    ("timor-leste", "East Timor"),
    ("swaziland", "Eswatini"),
    ("macedonian", "North Macedonia"),
    ("burkinabe", "Burkina Faso"),
])
def test_country_forms(form, country):
    assert countries()[form] == country


@pytest.mark.parametrize(("city", "country"), [
    ("kyiv", "Ukraine"),
    ("kiev", "Ukraine"),
    ("odesa", "Ukraine"),
    ("odessa", "Ukraine"),
    ("crimea", "Ukraine"),
    ("donetsk", "Ukraine"),
    ("baghdad", "Iraq"),
    ("anbar", "Iraq"),
    ("deir ez-zor", "Syria"),
    ("deir ezzor", "Syria"),
    ("deir al-zour", "Syria"),
    ("idlib", "Syria"),
    ("eastern ghouta", "Syria"),
    ("sanaa", "Yemen"),
    ("sana'a", "Yemen"),
    ("hodeidah", "Yemen"),
    ("hudaydah", "Yemen"),
    ("tripoli", "Libya"),
    ("misrata", "Libya"),
    ("tigray", "Ethiopia"),
    ("darfur", "Sudan"),
    ("gaza", "Palestine"),
    ("west bank", "Palestine"),
    ("helmand", "Afghanistan"),
    ("balochistan", "Pakistan"),
    ("rakhine", "Myanmar"),
    ("xinjiang", "China"),
    ("chechnya", "Russia"),
    ("mindanao", "Philippines"),
    ("asmara", "Eritrea"),
    ("washington", "United States"),
])
def test_city_lookups(city, country):
    assert cities()[city] == country


def test_every_country_with_a_capital_listed_is_known():
    # the loaders agree with the raw file: every city's country is one of the canonical names
    assert set(cities().values()) <= country_names()


#: common personal names and common English words: a mention whose whole text is a listed city is
#: re-typed as a place, and a person whose name holds one is never linked, so these must stay out
EXCLUDED = [
    "victoria", "florence", "charlotte", "austin", "jackson", "lincoln", "eugene", "regina", "adelaide",
    "santiago", "sofia", "medina", "alberta", "indiana", "virginia", "montana", "miranda", "lara", "rosario",
    "mendoza", "cordoba", "toledo", "trujillo", "juarez", "guerrero", "darwin", "kobe", "farah", "dana",
    "jassem", "nasib", "karen", "hamilton", "salem", "georgetown", "kingston", "matamoros", "wardak", "saida",
    "qassim", "nice", "bath", "reading", "split", "mobile", "orange", "sale", "hit", "salt", "van", "batman",
    "hail", "perm", "tyre", "mocha", "cork", "limerick", "chin", "mon", "shan", "male", "swat", "plateau",
    "meta", "fez", "cologne", "reunion", "acre", "sour", "gao", "nis", "jordan", "chad", "guinea",
]


@pytest.mark.parametrize("word", EXCLUDED)
def test_ambiguous_words_are_not_cities(word):
    assert word not in cities()
