"""Typed mentions: spaCy's PERSON/ORG/GPE/NORP/FAC/LOC corrected by rules, plus regimes, groups,
role nominals ("the ambassador", "a former defense minister") and pronouns of persons."""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from graphbuild.extract.lexicons import cities, countries, cue_words, kin_words, load_lexicon, world_cities
from graphbuild.model import EntityType
from graphbuild.nlp.tokens import tokens

_PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}


@dataclass(slots=True)
class Candidate:
    """A mention before resolution: token span, type and what the rules learned about it."""

    start: int
    end: int
    type: EntityType
    text: str
    name: str
    kind: str  # ner | nominal | pronoun | regime | group | demonym | country_gov
    head: int
    country: str = ""
    leader: str = ""
    definite: bool = False
    descriptor: frozenset[str] = field(default_factory=frozenset)
    role_words: tuple[str, ...] = ()
    long_name: str = ""  # a description with its modifiers: "every soldier still in the east"

    @property
    def char_span(self) -> tuple[int, int]:
        return self.start, self.end


@functools.cache
def title_tokens() -> frozenset[str]:
    """Lower-cased words that may precede a name as a title or rank."""
    words = set(cue_words("title_words")) | {t.lower() for t in load_lexicon("titles")}
    for section in ("ranks", "leader_titles", "office_titles", "spokes_titles", "member_titles",
                    "former_words", "deputy_words", "portfolio_words"):
        for entry in cue_words(section):
            words.update(entry.split())
    return frozenset(words)


@functools.cache
def role_heads() -> frozenset[str]:
    """Single-word heads of role nominals (``ambassador``, ``spokesman``, ``general``)."""
    heads: set[str] = set()
    for section in ("ranks", "leader_titles", "office_titles", "spokes_titles", "member_titles",
                    "anonymous_heads"):
        heads.update(entry.split()[-1] for entry in cue_words(section))
    return frozenset(heads - {"of", "state"})


def _strip_span(span: Span, titles: frozenset[str]) -> Span:
    """Drop leading determiners/titles and a trailing possessive from a name span."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (doc[start].lower_ in titles or doc[start].lower_ in _DETERMINERS
                           or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].lower_ in {"'s", "’s", "'"} or doc[end - 1].is_punct or (
            end - 1 > start and (doc[end - 1].tag_ in {"VBD", "VBN", "VBZ", "VBG", "VBP"} or (
                doc[end - 1].sent.start == 0 and doc[end - 1].lower_ in _headline_verbs())))):
        end -= 1  # a headline verb run into the name: "Ahrar Al-Sham Killed in ...", "X Defects to Y"
    return doc[start:end]


@functools.cache
def _headline_verbs() -> frozenset[str]:
    """Inflected event verbs a title-case headline runs into a name ("Defects", "Sacked", "Resigns")."""
    forms = {"killed", "dies", "died", "dead"}
    for section in ("defection_verbs", "appointment_verbs", "dismissal_verbs", "resignation_verbs", "arrest_verbs"):
        for verb in cue_words(section):
            if " " not in verb:
                forms |= {verb + "s", verb + "es", verb + "ed", verb + "d", verb + "ted"}
    return frozenset(forms)


def _body_type(span: Span) -> EntityType:
    words = {t.lower_ for t in span}
    head = span.root.lower_
    if words & {"regime", "junta"}:
        return EntityType.REGIME
    if head in cue_words("government_heads") or words & {
            "ministry", "embassy", "government", "department", "kremlin", "pentagon"}:
        return EntityType.GOVERNMENT
    if head in cue_words("media_words") and len(span) > 1:
        return EntityType.MEDIA
    return EntityType.ORGANIZATION


def _country_of_modifiers(tokens: list[Token]) -> str:
    """The first country the words name, a name of several words first ("South Sudan", not "Sudan")."""
    table = countries()
    for n, tok in enumerate(tokens):
        for size in (3, 2):
            words = tokens[n:n + size]
            if len(words) == size and all(b.i == a.i + 1 for a, b in itertools.pairwise(words)) and \
                    " ".join(t.lower_ for t in words) in table:
                return table[" ".join(t.lower_ for t in words)]
        if tok.lower_ in table:
            return table[tok.lower_]
    return ""


#: plural heads whose "of" phrase says which body they belong to
_PARTITIVE_HEADS = {"members", "officers", "soldiers", "officials", "ministers", "diplomats", "commanders",
                    "troops", "staff", "employees", "deputies", "lawmakers"}


#: who a quantified phrase may stand for: "all those who ...", "every son of ..."
_QUOTE_MARKS = {'"', "\u201c", "\u201d"}
_COUNT_WORDS = {"thousands", "hundreds", "dozens", "scores", "tens", "millions", "two", "three", "four", "five"}
_QUANTIFIERS = {"some", "many", "several", "most", "all", "few"}  # "many of my comrades": a group of them
_WHOEVER = {"those", "anyone", "anybody", "everyone", "everybody"}
_PEOPLE_WORDS = {"son", "daughter", "man", "woman", "person", "citizen", "compatriot", "colleague", "comrade",
                 "brother", "sister", "patriot", "member"}


def _descriptor(tokens: list[Token]) -> frozenset[str]:
    return frozenset(t.lemma_.lower() for t in tokens
                     if t.pos_ in {"NOUN", "ADJ", "PROPN"} and t.lower_ not in _DETERMINERS)


def _depossess(low: str, *tables: dict[str, str]) -> str:
    """"syrias" -> "syria" when the text lost its apostrophes and only the bare name is known."""
    if low.endswith("s") and not any(low in t for t in tables) and any(low[:-1] in t for t in tables):
        return low[:-1]
    return low


_PLACE_SUFFIXES = {"city", "province", "governorate", "region", "district", "countryside", "state", "suburb",
                   "suburbs", "county", "municipality", "valley", "camp", "airport", "base", "crossing"}


def _known_place_prefix(ent: Span, tables: tuple[dict[str, str], ...]) -> int:
    """How many leading tokens of a place name the recognizer ran on are a listed place of their own
    (0 when none, or when the whole name is listed: "Deir ez-Zor" stays whole)."""
    if ent.label_ not in {"GPE", "LOC"} or len(ent) < 2 or any(ent.text.lower() in t for t in tables):
        return 0
    for n in range(min(4, len(ent) - 1), 0, -1):
        head, rest = ent[:n], ent[n:]
        if rest[0].is_punct or not rest[0].text[:1].isupper() or head[-1].is_punct or \
                rest[0].lower_ in _PLACE_SUFFIXES:
            continue  # "New York City", "Idlib Province": one place
        if any(head.text.lower() in t for t in tables):
            return n
    return 0


def _unrecognized_countries(doc: Doc, covered: set[int], table: dict[str, str],
                            ents_found: tuple[Span, ...]) -> list[Span]:
    """Country names the recognizer skipped: "fled to neighbouring X", "the border with X-Y"
    (a name of one to four tokens, hyphens included, starting with a capitalized proper noun), and those
    it cut short (the "X" of a hyphenated "X-Y")."""
    toks = tokens(doc)
    ents = [(e.start, e.end) for e in ents_found]
    out: list[Span] = []
    i = 0
    while i < len(toks):
        first = toks[i]
        if first.pos_ != "PROPN" or not first.text[:1].isupper() or i in covered:
            i += 1
            continue
        texts, text = [], ""
        for tok in toks[i:i + 4]:
            text += tok.text
            texts.append(text.lower())
            text += tok.whitespace_
        n = next((n for n in range(len(texts), 0, -1) if texts[n - 1] in table and not any(
            j in covered for j in range(i, i + n)) and not any(
            start < i < end or start < i + n < end for start, end in ents)), 0)
        if n:
            out.append(Span(doc, i, i + n, label="GPE"))
        i += max(n, 1)
    return out


def _split_run_on(ents: tuple[Span, ...], *tables: dict[str, str]) -> list[Span]:
    """Split a name the recognizer ran together where punctuation was lost: "Raqqa the Syrian
    Observatory for Human Rights" is a place and an organization."""
    out: list[Span] = []
    for ent in ents:
        if len(ent) > 1 and not any(ent.text.lower() in table for table in tables) and all(any(t.lower_ in table for table in tables) for t in ent if not t.is_punct):
            # "Damascus Aleppo Homs": a list of known places that lost its commas
            out.extend(Span(ent.doc, t.i, t.i + 1, label="GPE") for t in ent if not t.is_punct)
            continue
        if ent.label_ in {"NORP", "PERSON", "ORG"} and ent.text.lower() in tables[-1] and not any(
                ent.text.lower() in table for table in tables[:-1]):
            out.append(Span(ent.doc, ent.start, ent.end, label="GPE"))  # a known city is a place
            continue
        known = _known_place_prefix(ent, tables)
        if known:
            # "Damascus Eastern Ghouta", "Eastern Ghouta Deir": a listed place, then another name
            out.append(Span(ent.doc, ent.start, ent.start + known, label="GPE"))
            out.append(Span(ent.doc, ent.start + known, ent.end, label=ent.label_))
            continue
        first = ent[0].lower_
        if len(ent) > 1 and first.endswith("s") and first not in tables[0] and _depossess(first, tables[0]) in tables[0]:
            # "Syrias Idlib": a country's possessive that lost its apostrophe, then a name
            out.append(Span(ent.doc, ent.start, ent.start + 1, label="GPE"))
            out.append(Span(ent.doc, ent.start + 1, ent.end, label=ent.label_))
            continue
        # "the Front for the Restoration of ...", "Union for the Republic": an inner "the" after a preposition
        inner = [t for t in ent[1:] if t.lower_ == "the" and t.doc[t.i - 1].lower_ not in {"for", "of", "to", "and",
                                                                                            "in", "on"}]
        if not inner or ent.label_ not in {"ORG", "GPE", "PERSON", "FAC", "LOC"}:
            out.append(ent)
            continue
        cut = inner[0].i
        left, right = ent.doc[ent.start:cut], ent.doc[cut + 1:ent.end]
        if len(left) and any(left.text.lower() in t for t in tables):
            out.append(Span(ent.doc, left.start, left.end, label="GPE"))
        if len(right):
            out.append(Span(ent.doc, right.start, right.end, label=ent.label_))
    return out


#: last words that make a name a body's, whatever the recognizer says
_BODY_NAME_HEADS = frozenset({"front", "party", "movement", "council", "army", "forces", "brigade", "brigades",
                              "battalion", "coalition", "alliance", "committee", "league", "organization",
                              "organisation", "ministry", "agency", "commission", "militia", "government", "regime"})

#: lower-case parts of personal names ("X al-Y", "X von der Y")
_NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "abu", "de", "da", "del", "der", "van", "von", "la", "le"})


def _after_title_of(ent: Span, titles: frozenset[str]) -> bool:
    """The name follows "<title> of (the)": "President of the Syrian Coalition ...", "Secretary-General of NATO"."""
    i = ent.start - 1
    if i >= 0 and ent.doc[i].lower_ == "the":
        i -= 1
    if i < 1 or ent.doc[i].lower_ != "of":
        return False
    words = [w for t in ent.doc[max(0, i - 3):i] for w in re.split(r"-", t.lower_) if w]
    return bool(words) and words[-1] in titles | role_heads()


def _split_officer(ent: Span, titles: frozenset[str]) -> list[Span] | None:
    """An organization run into the name of the officer it introduces: "President of the National Coalition
    X Y", "Secretary-General of NATO X Y" are an organization, then a person. The
    organization ends at its head noun or acronym; one to three capitalized words follow it."""
    if ent.label_ not in {"ORG", "PERSON"} or len(ent) < 2 or not _after_title_of(ent, titles):
        return None
    heads = cue_words("org_heads") | cue_words("body_heads")
    cut = None
    for t in ent[:-1]:
        if t.lower_ in heads or (t.is_upper and len(t.text) >= 2 and t.is_alpha):
            cut = t.i + 1
    if cut is None:
        return None
    rest = ent.doc[cut:ent.end]
    words = [t for t in rest if t.text != "-" and t.lower_ not in _NAME_PARTICLES]
    if not 1 <= len(words) <= 3 or not rest[0].text[:1].isupper() or not all(
            t.is_alpha and t.text[:1].isupper() and not t.is_upper and t.lower_ not in titles and t.lower_ not in heads
            for t in words):
        return None
    return [Span(ent.doc, ent.start, cut, label="ORG"), Span(ent.doc, cut, ent.end, label="PERSON")]


def _titled_name(ent: Span, titles: frozenset[str]) -> bool:
    """Titles followed by one or two capitalized words that are not titles: a person ("Prime Minister
    Saadeh", "General Omar Haddad"), whatever the recognizer's label."""
    words = [t for t in ent if not t.is_punct]
    lead = 0
    while lead < len(words) and words[lead].lower_ in titles:
        lead += 1
    rest = words[lead:]
    bodies = cue_words("org_heads") | cue_words("body_heads") | cue_words("group_heads") | {
        "assembly", "staff", "command", "headquarters", "of", "for", "and"}
    return lead >= 1 and 1 <= len(rest) <= 3 and all(t.text[:1].isupper() and t.lower_ not in titles for t in rest) \
        and not any(t.lower_ in bodies for t in words)


def _name_after_title(ent: Span, titles: frozenset[str], *tables: dict[str, str]) -> bool:
    """One to three capitalized words right after a title: "Government spokesperson X Y" is a person
    even when the recognizer calls the name an organization."""
    words = [t for t in ent if t.text not in {"-", "‐"}]  # "Fawzi-Samer Tannous"
    if ent.start == 0 or ent.doc[ent.start - 1].lower_ not in titles or not 1 <= len(words) <= 3:
        return False
    bodies = cue_words("org_heads") | cue_words("body_heads") | cue_words("group_heads")
    return all(t.is_alpha and t.text[:1].isupper() and not t.is_upper and t.lower_ not in titles
               and t.lower_ not in bodies and not any(t.lower_ in table for table in tables) for t in words)


def _unrecognized_described_persons(doc: Doc, covered: set[int], titles: frozenset[str]) -> list[Span]:
    """A name the recognizer missed, known by the role apposed to it: "Lina Saber, the ruling party's MP
    for ..., has crossed over": two or three capitalized proper nouns with an apposition headed by a role word."""
    out: list[Span] = []
    roles = role_heads() | titles | {"mp", "lawmaker", "legislator"}
    for tok in tokens(doc):
        if tok.pos_ != "PROPN" or tok.i in covered or not tok.is_title or not any(
                c.dep_ == "appos" and c.lemma_.lower() in roles for c in tok.children):
            continue
        start, words = tok.i, 1
        while start - 1 >= tok.sent.start and words < 3 and doc[start - 1].i not in covered:
            before = doc[start - 1]
            if before.tag_ == "HYPH" and not before.whitespace_ and start - 2 >= tok.sent.start and \
                    doc[start - 2].pos_ == "PROPN" and doc[start - 2].is_title and not doc[start - 2].whitespace_:
                start -= 1  # "X Okemba-Ngoma": a hyphenated surname
            elif before.pos_ == "PROPN" and before.is_title and before.dep_ == "compound":
                start, words = start - 1, words + 1
            else:
                break
        if doc[start].tag_ == "HYPH":
            start += 1
        if start < tok.i and not any(doc[i].lower_ in titles for i in range(start, tok.i + 1)):
            out.append(Span(doc, start, tok.i + 1, label="PERSON"))
    return out


def _person_by_context(ent: Span) -> bool:
    """Words around a name that only a person has: "the accused X", "the defendant X", "X (born 1979", "X, 47,"."""
    doc = ent.doc
    if not 1 <= len(ent) <= 4 or not all(t.is_title for t in ent) or any(
            t.lower_ in cue_words("org_heads") for t in ent):
        return False
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    after = [t.lower_ for t in doc[ent.end:ent.end + 3]]
    return before in {"accused", "defendant", "suspect", "detainee", "subject", "fugitive"} or after[:2] == ["(", "born"] \
        or (len(after) == 3 and after[0] == "," and doc[ent.end + 1].like_num and after[2] == ",")


def _given_as_a_name(ent: Span) -> bool:
    """Two or three capitalized words given as someone's name: "gave his name as X Y", "spelled X Y"."""
    doc = ent.doc
    if not 2 <= len(ent) <= 3 or ent.start < 2 or not all(t.is_alpha and t.is_title for t in ent):
        return False
    before = doc[ent.start - 1]
    if before.lemma_.lower() in {"spell", "spelt"}:
        return True
    root = ent.root
    if root.dep_ == "attr" and root.head.lemma_ == "be" and any(
            c.dep_ == "nsubj" and c.lemma_.lower() == "name" for c in root.head.children):
        return True  # "His name is X Y"
    if before.lower_ == "as" and before.head.lemma_.lower() in {"register", "list", "record", "identify"}:
        return True  # "has registered him as X Y"
    return before.lower_ == "as" and any(t.lemma_.lower() == "name" for t in doc[max(0, ent.start - 5):ent.start - 1])


def _join_adjacent_persons(ents: list[Span]) -> list[Span]:
    """Two person names with nothing between them are one long name the recognizer cut in two
    ("X Y" + "Z W")."""
    out: list[Span] = []
    for ent in ents:
        prev = out[-1] if out else None
        if prev is not None and prev.label_ == "PERSON" and prev.end == ent.start and (ent.label_ == "PERSON" or (
                len(ent) == 1 and ent[0].is_title and ent[0].is_alpha and ent.label_ in {"ORG", "GPE", "NORP"}
                and ent[0].lower_ not in countries() and ent[0].lower_ not in cities())):
            out[-1] = Span(ent.doc, prev.start, ent.end, label="PERSON")
        else:
            out.append(ent)
    return out


def _person_apposed_to_place(ent: Span, *tables: dict[str, str]) -> bool:
    """"its ambassador to Lithuania, X Y": the recognizer types the apposed name as a place
    too. Two or more capitalized words, none a known place, set off after a place by a comma."""
    root = ent.root
    return (len(ent) >= 2 and root.dep_ == "appos" and root.head.ent_type_ in {"GPE", "LOC"}
            and ent.start > 0 and ent.doc[ent.start - 1].text == ","
            and all(t.text[:1].isupper() for t in ent)
            and not any(t.lower_ in table for t in ent for table in tables)
            and ent.text.lower() not in tables[0] and ent.text.lower() not in tables[-1])


def _names_of_bodies_typed_as_persons(doc: Doc, titles: frozenset[str]) -> frozenset[str]:
    """Names the recognizer calls persons that the article treats as bodies, lower-cased.

    Evidence, anywhere in the article: "X, which ..." (not "who"), "the X said", "X militants", "the ranks
    of X", "a member of X". A name ever given a title ("Sheikh X") or "who" stays a person.
    """
    body, person = set(), set()
    members = cue_words("membership_nouns")
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        root, key = ent.root, ent.text.lower()
        before = doc[ent.start - 1] if ent.start else None
        clause_subjects = {g.lower_ for c in root.children if c.dep_ == "relcl" for g in c.children
                           if g.dep_ in {"nsubj", "nsubjpass"}}
        if "who" in clause_subjects or (before is not None and before.lower_ in titles and before.text[:1].isupper()):
            person.add(key)
        elif "which" in clause_subjects \
                or any(c.dep_ == "det" and c.lower_ == "the" and c.i == ent.start - 1 for c in root.children) \
                or (root.dep_ in {"compound", "nmod"} and root.head.lemma_.lower() in members
                    and root.head.i >= ent.end) \
                or (root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in members):
            body.add(key)
    return frozenset(body - person)


_STATE_FORMS = ("republic", "kingdom", "federation", "emirate", "sultanate", "jamahiriya", "confederation")
_STATE_ADJECTIVES = {"people's", "peoples", "democratic", "socialist", "soviet", "arab", "islamic", "federal", "federative",
                     "popular", "united", "hashemite", "plurinational", "bolivarian", "cooperative", "revolutionary",
                     "great"}
_FORMAL_STATE = re.compile(r"^(?:the )?(?:(?P<adj>.+?) )?(?P<form>" + "|".join(_STATE_FORMS) + r")(?: of (?:the )?(?P<of>.+))?$")


def formal_state_name(low: str, country_table: dict[str, str]) -> str | None:
    """The country a state's formal name names: "the Hungarian People's Republic", "the Republic of
    Moldova", "the Kingdom of Morocco"; None for other names ("the Republican Guard", "the Republic").

    >>> from graphbuild.extract.lexicons import countries
    >>> formal_state_name("the hungarian people's republic", countries()), formal_state_name("republic of moldova", countries())
    ('Hungary', 'Moldova')
    >>> formal_state_name("the central african republic", countries()), formal_state_name("the republic", countries())
    ('Central African Republic', None)
    """
    if low in country_table:
        return country_table[low]
    found = _FORMAL_STATE.match(low)
    if found is None:
        return None
    words = (found.group("adj") or "").split()
    if found.group("of"):
        if any(w not in _STATE_ADJECTIVES for w in words):
            return None
        return country_table.get(found.group("of"))
    core = [w for w in words if w not in _STATE_ADJECTIVES]
    for n in range(len(core)):  # the country word, with only state adjectives around it
        name = " ".join(core[n:])
        if name in country_table and n == 0:
            return country_table[name]
    return None


def ner_mentions(doc: Doc) -> list[Candidate]:
    """Mentions from the named-entity recognizer, with titles, possessives and types corrected."""
    titles = title_tokens()
    country_table, city_table = countries(), cities()
    out: list[Candidate] = []
    ents_found = tuple(doc.ents)  # built anew by spaCy on every access
    covered = {i for e in ents_found for i in range(e.start, e.end)}
    missed = [Span(doc, t.i, t.i + 1, label="GPE") for t in tokens(doc)  # a known city the recognizer skipped
              if t.pos_ == "PROPN" and t.i not in covered and t.lower_ in city_table and t.text[:1].isupper()]
    places = {i for e in ents_found if e.label_ in {"GPE", "LOC"} for i in range(e.start, e.end)}
    countries_missed = _unrecognized_countries(doc, covered - places, country_table, ents_found)
    missed += countries_missed
    covered |= {i for e in countries_missed for i in range(e.start, e.end)}
    missed += _unrecognized_described_persons(doc, covered, titles)
    inside = {i for e in countries_missed for i in range(e.start, e.end)}  # the "X" of a hyphenated "X-Y"
    split = _join_adjacent_persons([part for e in ents_found if not set(range(e.start, e.end)) <= inside
                                    for part in (_split_officer(e, titles) or [e])])
    ents = sorted([*_split_run_on(tuple(split), country_table, city_table), *missed], key=lambda e: e.start)
    bodies = _names_of_bodies_typed_as_persons(doc, titles)
    for ent in ents:
        label = ent.label_
        if ent[-1].is_space or ent[0].is_space:  # "Correspondent, Canberra\n\n": the line break is no part of it
            kept = [t.i for t in ent if not t.is_space]
            if not kept:
                continue
            ent = Span(doc, kept[0], kept[-1] + 1, label=label)
        if label == "PERSON" and len(ent) == 1 and ent.root.dep_ in {"compound", "amod"} and \
                ent.root.head.tag_ == "NNS" and ent.root.head.lower_ in cue_words("group_heads") and \
                ent.root.head.i == ent.end + (1 if ent.end < len(doc) and doc[ent.end].lower_ in {"-"} else 0):
            continue  # "more young Engan soldiers": a people's name, the group's adjective, not someone
        if label == "PERSON" and ent.text.lower() in bodies:
            label = "ORG"  # "X, which is allied to ...", "the ranks of X"
        if label not in {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}:
            continue
        if label == "GPE" and _person_apposed_to_place(ent, country_table, city_table):
            label = "PERSON"
        if label in {"ORG", "PERSON", "NORP"} and ent.end < len(doc) and doc[ent.end].lower_ in {
                "district", "province", "region", "county", "village", "town", "governorate", "municipality",
                "prefecture", "regency", "sector"} and ent.root.dep_ == "compound" and ent.root.head.i == ent.end:
            label = "GPE"  # "the province's X district": a place, whatever the recognizer says
        if label in {"GPE", "LOC", "FAC"} and ent[-1].lower_ in {"gendarmerie", "police", "militia", "army",
                                                                 "navy", "constabulary"}:
            label = "ORG"  # "the Gendarmerie" typed as a place: a force by its name
        if label == "PERSON" and ent.start > 1 and doc[ent.start - 1].text == "-" and \
                not doc[ent.start - 2].whitespace_ and not doc[ent.start - 1].whitespace_:
            continue  # "X-on-Y": the end of a hyphenated place name, not a person
        if label in {"GPE", "LOC", "PERSON"} and ent.text.lower() not in country_table and any(
                c.dep_ == "appos" and c.lemma_.lower() in cue_words("org_heads") | cue_words("media_words")
                for c in ent.root.children):
            label = "ORG"  # "X, a small exile movement": a body, whatever the recognizer says
        if label in {"ORG", "GPE", "NORP"} and (_given_as_a_name(ent) or _person_by_context(ent)):
            label = "PERSON"  # "which gave his name as X Y", "spelled X Y", "the accused X Y (born 1979)"
        prev_tok = doc[ent.start - 1] if ent.start > 0 else None
        if prev_tok is not None and (prev_tok.pos_ == "PROPN" or (prev_tok.pos_ in {"ADV", "ADJ", "NOUN"} and not
                                                                prev_tok.is_sent_start)) and prev_tok.is_title and \
                prev_tok.i not in covered and \
                prev_tok.lower_ not in titles and prev_tok.lower_ not in country_table and prev_tok.lower_ not in city_table \
                and len(ent) == 1 and label in {"ORG", "GPE", "NORP", "FAC", "LOC", "PERSON"} and (
                    label == "PERSON" or any(c.dep_ == "appos" and c.lemma_.lower() in role_heads()
                                             for c in ent.root.children)):
            ent = Span(doc, ent.start - 1, ent.end, label="PERSON")  # "Last week Samer X, a member of ..."
            label = "PERSON"
        if label in {"ORG", "GPE", "NORP", "FAC", "LOC"} and 2 <= len(ent) <= 3 and all(t.is_title for t in ent) and not any(
                t.lower_ in cue_words("org_heads") or t.lower_ in country_table or t.lower_ in city_table for t in ent) \
                and any(c.lemma_.lower() in role_heads() or c.lemma_.lower() in titles
                        or c.lemma_.lower() in {"mp", "lawmaker"} | cue_words("person_nouns")
                        for c in [*(c for c in ent.root.children if c.dep_ == "appos"),
                                  *([ent.root.head] if ent.root.dep_ == "appos" else [])]):
            label = "PERSON"  # "X Y, the ruling party MP for ...", "the oil minister, X Y": who it is
        if label == "ORG" and (_titled_name(ent, titles) or _name_after_title(ent, titles, country_table, city_table)
                               or _persons_other_name(ent, country_table) or _a_person_by_context(ent, country_table)):
            label = "PERSON"  # "Prime Minister Saadeh" tagged as an organization
        elif label == "PERSON" and len(ent) > 1 and ent[-1].lower_ in _BODY_NAME_HEADS:
            label = "ORG"  # "the Tigray People's Liberation Front" tagged as a person
        elif label == "PERSON" and len(ent) >= 3 and ent[-2].text in {"-", "‐"} and ent[-1].is_upper and \
                ent[-1].is_alpha and len(ent[-1]) >= 2:
            label = "ORG"  # "Zanu-PF": a name ending in an acronym after a hyphen is a party's, not a person's
        elif label == "PERSON" and ent.end < len(doc) and doc[ent.end].lower_ in {
                "movement", "party", "front", "alliance", "coalition", "council", "group"} and \
                ent.root.dep_ == "compound" and ent.root.head.i == ent.end:
            label = "ORG"  # "The X Y movement": the name of a body, its head noun after it
            ent = Span(doc, ent.start, ent.end + 1, label="ORG")
        span = _strip_span(ent, titles if label == "PERSON" else frozenset())
        if label == "PERSON" and len(span) > 1 and span[0].lower_ in country_table:
            span = span[1:]  # "Syrian Samer Abdel Latif": a nationality before the name
        if not len(span) or all(t.lower_ in titles for t in span):
            continue
        if label == "PERSON" and len(span) == 1 and span.sent.start == 0 and span[0].lower_ in _headline_verbs() \
                and span.start > 0 and doc[span.start - 1].lower_ in titles:
            continue  # "Ruritanian Ambassador Defects, Asks X Asylum": the headline's verb after a title
        while len(span) > 1 and span[-1].like_num:
            span = span[:-1]  # "Idlib 11": a number run into the name where commas were lost
        text = span.text
        low = _depossess(text.lower(), country_table, city_table)
        place_low = re.sub(r"^(?:the )?(?:(?:northern|southern|eastern|western|central|northwestern|northeastern|"
                           r"southwestern|southeastern) )?(.+?)(?: (?:province|governorate|city|region|district|"
                           r"countryside|state|suburbs?))?$", r"\1", low)
        after = doc[span.end] if span.end < len(doc) else None
        if label == "NORP":
            count = next((c for c in span.root.children if c.dep_ == "nummod" and c.i < span.start), None)
            if count is None and low in country_table and span.root.tag_ in {"NNPS", "NNS"} and (any(
                    c.dep_ in {"relcl", "acl"} for c in span.root.children) or any(
                    c.lower_ in {"all", "other", "more", "many"} for c in span.root.lefts)):
                count = next(c for c in [*span.root.lefts, span.root] if True)  # "all Cubans who still serve ..."
            if low in country_table and span.root.tag_ in {"NNPS", "NNS"} and count is not None:
                # "1,137 North Koreans defected", "about 30 Cubans": a counted group of that nationality
                start = count.left_edge.i if count.i < span.root.i else span.start
                group = doc[start:span.end].text
                out.append(Candidate(start, span.end, EntityType.GROUP, group, group, "group", span.root.i,
                                     country=country_table[low], descriptor=_descriptor(list(doc[start:span.end]))))
                continue
            if low in country_table:
                out.append(Candidate(span.start, span.end, EntityType.COUNTRY, text, country_table[low],
                                     "demonym", span.root.i, country=country_table[low]))
            elif len(span) == 1 and span[0].tag_ == "NNPS" and span.start > 0 and doc[span.start - 1].lower_ == "the" \
                    and span[0].dep_ in {"pobj", "dobj", "nsubj", "nsubjpass", "conj"}:
                # "sit with the Liberals", "the Conservatives said": a party named by its members
                start = span.start - 1
                out.append(Candidate(start, span.end, EntityType.ORGANIZATION, doc[start:span.end].text, text, "ner",
                                     span.root.i, definite=True))
            continue
        formal = formal_state_name(low, country_table)
        if formal and label in {"GPE", "ORG", "LOC"}:  # "the Hungarian People's Republic", "Republic of X"
            out.append(Candidate(span.start, span.end, EntityType.COUNTRY, text, formal, "ner", span.root.i,
                                 country=formal))
            continue
        if low in country_table and label in {"GPE", "ORG", "LOC", "PERSON"}:
            if after is not None and after.lower_ in cue_words("regime_words"):
                continue  # "Syria regime raids ...": the regime mention names the country
            name = country_table[low]
            out.append(Candidate(span.start, span.end, EntityType.COUNTRY, text, name, "ner", span.root.i,
                                 country=name))
            continue
        known = low if low in city_table else place_low  # "Karen State" is listed whole, "Idlib" bare
        if known in city_table and label in {"GPE", "LOC", "ORG", "FAC", "PERSON"}:
            out.append(Candidate(span.start, span.end, EntityType.PLACE, text, text, "ner", span.root.i,
                                 country=city_table[known]))
            continue
        if label == "PERSON":
            if after is not None and after.lower_ in {"regime", "junta", "dictatorship"}:
                continue  # handled as a regime ("the Tannous regime")
            if any(t.lower_ in {"regime", "government"} for t in span):
                continue
            out.append(Candidate(span.start, span.end, EntityType.PERSON, text, text, "ner", span.root.i))
        elif label in {"ORG", "FAC"}:
            etype = _body_type(span)
            if label == "FAC" and etype == EntityType.ORGANIZATION and not any(
                    t.lower_ in cue_words("org_heads") for t in span):
                etype = EntityType.PLACE  # a building or a site; "the Syrian Observatory for ..." stays a body
            mods = [t for t in span if t.i != span.root.i]
            # "Belarus's foreign ministry", "the Syrian Foreign Ministry": a country just before the name
            before = [t for t in doc[max(0, span.start - 3):span.start] if t.ent_type_ not in {"ORG", "FAC"} and (
                t.head.i in range(span.start, span.end) or t.head.head.i in range(span.start, span.end))]
            out.append(Candidate(span.start, span.end, etype, text, text, "ner", span.root.i,
                                 country=_country_of_modifiers(mods + before) if etype == EntityType.GOVERNMENT
                                 else _country_of_modifiers(mods)))
        elif len(span) > 1 and any(t.lower_ in cue_words("org_heads") - {"house", "palace", "court", "mission"}
                                   for t in span):
            # "the Syrian Observatory for Human Rights" typed as a place: a body by its head word
            out.append(Candidate(span.start, span.end, _body_type(span), text, text, "ner", span.root.i,
                                 country=_country_of_modifiers([t for t in span if t.i != span.root.i])))
        else:  # GPE, LOC not in the curated lexicons: a larger city of the world's is placed in its country
            out.append(Candidate(span.start, span.end, EntityType.PLACE, text, text, "ner", span.root.i,
                                 country=world_cities().get(low, "") if label in {"GPE", "LOC"} else ""))
    return out


def _noun_phrase(head: Token) -> tuple[int, int]:
    """Token range of the phrase a noun heads, without relative clauses and trailing punctuation."""
    left = head.left_edge.i
    right = head.i
    for child in head.rights:
        if child.dep_ in {"prep", "compound", "amod", "nummod", "poss"} and child.lower_ in {
                "of", "to", "for", "at", "in", "from", "with"} | {child.lower_} - {"who", "which", "that"}:
            if child.dep_ == "prep" and child.lower_ not in {"of", "to", "for", "at", "in", "from", "with"}:
                continue
            right = max(right, child.right_edge.i)
    return left, right + 1


def _two_word_demonym(tok: Token, country_table: dict[str, str]) -> str:
    """The country of a two-word demonym ending at ``tok`` ("East German", "North Korean"), or ""."""
    if tok.i == 0 or tok.doc[tok.i - 1].lower_ not in {"east", "west", "north", "south"}:
        return ""
    return country_table.get(f"{tok.doc[tok.i - 1].lower_} {tok.lower_}", "")


def regime_mentions(doc: Doc) -> list[Candidate]:
    """Ruling regimes: "the regime", "the Tannous regime", "Tannous's regime", "the Syrian regime", and
    governments tied to a leader or a country ("the president's government", "the Cuban government", "the
    government of President X"); a bare "the government" is the article's main regime."""
    country_table = countries()
    out: list[Candidate] = []
    for tok in tokens(doc):
        low = tok.lower_
        if low in {"putschists", "plotters"} and tok.i > 0 and doc[tok.i - 1].lower_ == "the":
            # "broke with the putschists": the junta of a coup, as a regime
            out.append(Candidate(tok.i - 1, tok.i + 1, EntityType.REGIME, doc[tok.i - 1:tok.i + 1].text,
                                 doc[tok.i - 1:tok.i + 1].text, "regime", tok.i, definite=True))
            continue
        if low not in {"regime", "junta", "dictatorship", "government", "administration"} or tok.pos_ not in {
                "NOUN", "PROPN"} or (tok.dep_ == "compound" and tok.head.lemma_.lower() not in role_heads()):
            continue  # a compound only before a title: "Ethiopian government spokesman X"
        leader, country = "", ""
        start = tok.i
        other_mods = False
        for child in tok.lefts:
            if child.dep_ in {"compound", "poss", "amod", "nmod"} and child.ent_type_ == "PERSON" and \
                    " ".join(t.text for t in doc[child.left_edge.i:child.i + 1] if t.lower_ not in {
                        "'s", "’s"}).lower() not in country_table:  # "Sierra Leone's government" typed a person
                leader = "".join(t.text_with_ws for t in doc[child.left_edge.i:child.i + 1]
                                 if t.lower_ not in {"'s", "’s"} and t.ent_type_ == "PERSON").strip()  # "Ri Chol-su"
                start = min(start, child.left_edge.i)
                # "US President X's administration": the leader's own title names the country
                country = country or next((country_table[t.lower_] for t in child.subtree
                                           if t.lower_ in country_table and t.ent_type_ != "PERSON"), "")
            elif child.lower_ in country_table or _two_word_demonym(child, country_table):
                # ("the East German regime": the two words, not "German" alone)
                country = _two_word_demonym(child, country_table) or country_table[child.lower_]
                start = min(start, child.left_edge.i, child.i - (1 if _two_word_demonym(child, country_table) else 0))
            elif child.dep_ == "det":
                start = min(start, child.i)
            elif child.dep_ not in {"punct", "advmod"}:
                other_mods = True
        end = tok.i + 1
        place_end = 0  # "the government in <capital>" is also a name of it
        for child in tok.rights:
            if child.dep_ == "prep" and child.lower_ in {"in", "of"}:
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is None:
                    continue
                if obj.lower_ in country_table:
                    country = country_table[obj.lower_]
                    place_end = obj.i + 1
                elif child.lower_ == "in" and obj.lower_ in cities() and cities()[obj.lower_] and \
                        low in {"government", "regime", "junta", "authorities"}:
                    country = cities()[obj.lower_]  # "the government in <capital>": that country
                    place_end = obj.i + 1
                elif child.lower_ == "of" and obj.ent_type_ == "PERSON" and low != "regime":
                    name = next((e for e in doc.ents if e.start <= obj.i < e.end and e.label_ == "PERSON"), None)
                    leader = name.text if name is not None else " ".join(
                        t.text for t in obj.subtree if t.ent_type_ == "PERSON")
                    end = max(obj.i + 1, name.end if name is not None else 0)
        run_by = [c for c in tok.lefts if re.search(r"^[A-Z].*-(?:run|led|controlled|backed|dominated)$", c.text)
                  or (c.dep_ in {"amod", "compound"} and any(g.text.lower() in {"run", "led", "controlled"} for g in
                                                             c.subtree) and any(g.pos_ == "PROPN" for g in c.subtree))
                  or (c.dep_ == "compound" and c.pos_ == "PROPN" and c.ent_type_ != "PERSON"
                      and c.lower_ not in country_table)]  # "the Baath regime", "the Taliban government"
        if tok.dep_ == "compound" and not country:
            # "Ethiopian government spokesman X": the demonym hangs on the title, before "government"
            demonym = next((c for c in tok.head.lefts if c.i < tok.i and c.lower_ in country_table), None)
            if demonym is None:  # "government spokesman X": the article's government
                if low == "government":
                    out.append(Candidate(tok.i, tok.i + 1, EntityType.REGIME, tok.text, tok.text, "regime", tok.i,
                                         definite=True))
                continue
            country, start = country_table[demonym.lower_], demonym.i
        if run_by:  # "the Houthi-run government", "the Taliban-led government"
            start = min(start, *(c.left_edge.i for c in run_by))
        elif low in {"government", "administration"}:
            # only a government tied to a leader or a country, or "the government" alone
            if not (leader or country or (doc[start].lower_ == "the" and not other_mods)):
                continue
            if other_mods and not leader and not country:
                continue
        text = doc[start:end].text
        out.append(Candidate(start, end, EntityType.REGIME, text, text, "regime", tok.i,
                             country=country, leader=leader,
                             definite=doc[start].lower_ == "the" and not leader and not country and not run_by,
                             role_words=("run_by",) if run_by else (),
                             long_name=doc[start:place_end].text if place_end > end else ""))
    return out


def _people_noun(tok: Token, group_heads: frozenset[str]) -> bool:
    """A plural noun for people: the group heads, and counted person nouns ("two violinists") and plurals in
    -ists and -ians the lexicons do not list ("three cellists"; not "checklists"; "the separatists" are a side)."""
    low = tok.lower_
    counted = any(c.dep_ == "nummod" or c.lower_ in {"other", "several", "some", "many", "more", "few"}
                  for c in tok.lefts) or (tok.dep_ == "pobj" and tok.head.lower_ == "of")
    if low in countries() and tok.tag_ in {"NNS", "NNPS"} and low != countries()[low].lower() and any(
            c.dep_ in {"relcl", "acl"} for c in tok.children):
        return True  # "Croats still serving in the federal forces": people of that nationality, described
    return low in group_heads or (tok.tag_ == "NNS" and tok.pos_ == "NOUN" and counted and (
        tok.lemma_.lower() in cue_words("person_nouns") or (
            len(low) >= 7 and low.endswith(("ists", "ians")) and not low.endswith("lists"))))


#: verbs of leaving whose subject, even a relative, may be a defector ("his son had also deserted")
_LEAVING_VERBS = frozenset({"defect", "desert", "flee", "escape", "stay", "remain", "seek", "ask", "apply", "cross",
                            "leave", "join", "switch", "abandon", "break", "go", "slip", "vanish", "disappear"})


#: armed units that the text may tell as going over, like a band of men ("a tank company ... went over")
_UNIT_NOUNS = frozenset({"company", "battalion", "platoon", "brigade", "regiment", "squadron", "unit", "garrison",
                         "detachment", "squad", "battery"})


def _a_person_by_context(ent: Span, country_table: dict[str, str]) -> bool:
    """A personal name typed as an organization that the sentence tells is a person's: "X Y, who was elected prime
    minister", "his two allies, X Y and Z W" (joined to a person's name)."""
    words = [t for t in ent if not t.is_punct]
    if not 2 <= len(words) <= 3 or not all(t.is_title and t.is_alpha for t in words) or any(
            t.lower_ in cue_words("org_heads") or t.lower_ in cue_words("body_heads") or t.lower_ in country_table
            or t.lower_ in cue_words("media_words") for t in words):
        return False
    root = ent.root
    who = any(c.dep_ == "relcl" and any(g.lower_ in {"who", "whom", "whose"} for g in c.subtree if g.i < c.i + 1)
              for c in root.children)
    joined = (root.dep_ == "conj" and root.head.ent_type_ == "PERSON") or any(
        c.dep_ == "conj" and c.ent_type_ == "PERSON" for c in root.children)
    return who or joined


def _persons_other_name(ent: Span, country_table: dict[str, str]) -> bool:
    """"Laurent-Desire Kabila" typed as an organization where the article names "President Laurent Kabila": a
    name of capitalized words, none of a body or a country, with more given names than a person the recognizer
    found, the same first and last."""
    words = [t for t in ent if not t.is_punct]
    if len(words) < 2 or not all(t.is_title for t in words) or any(
            t.lower_ in cue_words("org_heads") or t.lower_ in cue_words("body_heads") or t.lower_ in country_table
            for t in words):
        return False
    if len(words) < 3:
        return False  # (a name the recognizer types both ways, "The X Y movement" and "X Y has members", is a body's)
    first = words[0].text
    return any(e.label_ == "PERSON" and len(e) == 2 and e[-1].text == words[-1].text and e[0].text == first
               for e in ent.doc.ents)


def nominal_mentions(doc: Doc, taken: set[int]) -> list[Candidate]:
    """Role nominals and groups that name no one: "the ambassador", "a Jordanian official source",
    "Thousands of soldiers", "the rebels", "others"."""
    heads = role_heads() | cue_words("person_nouns")  # "the gymnast", "a third Slovan player"
    titles = title_tokens()
    group_heads = cue_words("group_heads")
    kin = kin_words()
    out: list[Candidate] = []
    for tok in tokens(doc):
        if tok.i in taken or tok.dep_ in {"compound"} or (tok.pos_ not in {"NOUN", "PRON", "NUM"} and not (
                tok.pos_ == "PROPN" and tok.lower_ in {"dozens", "hundreds", "thousands", "scores", "mp", "mps"})
                and not (tok.lower_ in _QUANTIFIERS and any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children))
                and not (tok.pos_ == "PROPN" and tok.lower_ in heads and tok.ent_type_ not in {"ORG", "GPE", "NORP"}
                         and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children))
                and not (tok.lower_ in {"many", "some", "most", "several"} and any(
                    c.dep_ == "prep" and c.lower_ in {"in", "among", "within", "inside"} for c in tok.children))
                and not (tok.pos_ == "PROPN" and tok.ent_type_ == "NORP" and any(
                    c.dep_ == "det" and c.lower_ in {"any", "every"} for c in tok.children) and any(
                    c.dep_ == "relcl" for c in tok.children))):
            continue  # "Dozens" at the start of a sentence may be tagged a proper noun; "Many of my comrades";
            # "the President" written with a capital is a role nominal all the same
        low = tok.lower_
        lemma = tok.lemma_.lower()
        if tok.pos_ == "PRON":
            if low == "others":
                out.append(Candidate(tok.i, tok.i + 1, EntityType.GROUP, tok.text, tok.text, "group", tok.i))
            elif (low in _WHOEVER or (low == "all" and tok.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"})) and any(
                    (c.dep_ == "relcl" and any(g.dep_ in {"nsubj", "nsubjpass"} and g.lower_ == "who" for g in c.children))
                    or (low == "those" and c.dep_ == "prep" and c.lower_ in {"around", "close", "in", "near", "still"})
                    or (low != "all" and c.dep_ == "acl" and c.tag_ in {"VBG", "VBN"}) for c in tok.children):
                # "all those who are still hesitating", "those around the leader", "all who were deceived",
                # "everyone still serving the regime": whoever they are, a group
                start = tok.left_edge.i
                out.append(Candidate(start, tok.i + 1, EntityType.GROUP, doc[start:tok.i + 1].text,
                                     doc[start:tok.i + 1].text, "group", tok.i))
            continue
        if (lemma in _PEOPLE_WORDS or lemma in heads or tok.ent_type_ == "NORP") and tok.tag_ in {"NN", "NNP"} and any(
                c.dep_ == "det" and c.lower_ in {"every", "each", "any"} for c in tok.lefts) and (any(
                c.lower_ != "any" for c in tok.lefts if c.dep_ == "det") or any(c.dep_ == "relcl" for c in tok.children)):
            # ("any pilot who wants to follow him", "Any North Korean who wants freedom": whoever, a group)
            start = tok.left_edge.i  # "every son of the province still wearing the uniform"
            out.append(Candidate(start, tok.i + 1, EntityType.GROUP, doc[start:tok.i + 1].text,
                                 doc[start:tok.i + 1].text, "group", tok.i))
            continue
        plural = tok.tag_ in {"NNS", "NNPS"} or (low in group_heads and low.endswith(("men", "s"))) or (
            low == "crew" and any(c.lower_ == "the" for c in tok.lefts))  # "servicemen", "the crew of the flagship"
        if plural and lemma in {"defection", "desertion"} and not any(
                c.dep_ in {"det", "poss"} or c.lower_ in {"other", "these", "those", "such"} for c in tok.lefts) and not any(
                c.dep_ == "prep" and c.lower_ in {"of", "by"} for c in tok.rights):
            # "army defections", "mass defections"; not a plural run in where a comma was lost ("forces defections")
            start = min([c.i for c in tok.lefts if c.dep_ in {"amod", "compound", "nummod"} and c.tag_ != "NNS"]
                        + [tok.i])
            text = doc[start:tok.i + 1].text
            out.append(Candidate(start, tok.i + 1, EntityType.GROUP, text, text, "group", tok.i))
            continue
        if low == "one" and tok.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"}:
            # "one of the most senior civil servants in its ministry": one person, described
            of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            kind = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            if kind is not None and kind.tag_ == "NNS" and (kind.lemma_.lower() in heads or kind.lower_ in group_heads
                                                            or kind.lemma_.lower() in {"servant", "employee"}):
                start, end = tok.i, tok.right_edge.i + 1
                while end > start + 1 and doc[end - 1].is_punct:
                    end -= 1
                text = doc[start:end].text
                out.append(Candidate(start, end, EntityType.PERSON, text, text, "nominal", tok.i,
                                     descriptor=_descriptor(list(doc[start:end])), role_words=(kind.lemma_.lower(),)))
                taken.update(range(start, end))
                continue
        # "Thousands of soldiers": the quantity word heads the phrase
        if low in {"many", "some", "most", "several"} and tok.dep_ in {"nsubj", "nsubjpass"} and not any(
                c.dep_ == "prep" and c.lower_ == "of" for c in tok.children) and any(
                c.dep_ == "prep" and c.lower_ in {"in", "among", "within", "inside"} for c in tok.children):
            end = max(c.right_edge.i for c in tok.children if c.dep_ == "prep") + 1  # "many in the cabinet"
            text = doc[tok.left_edge.i:end].text
            out.append(Candidate(tok.left_edge.i, end, EntityType.GROUP, text, text, "group", tok.i))
            taken.update(range(tok.left_edge.i, end))
            continue
        if low in _COUNT_WORDS | _QUANTIFIERS or (tok.like_num and tok.pos_ == "NUM"):
            obj = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            pobj = next((c for c in obj.children if c.dep_ == "pobj"), None) if obj is not None else None
            if pobj is not None and (_people_noun(pobj, group_heads) or pobj.lemma_.lower() + "s" in group_heads):
                start = tok.left_edge.i
                end = pobj.i + 1
                if start > 0 and doc[start - 1].text in _QUOTE_MARKS and sum(
                        t.text in _QUOTE_MARKS for t in doc[start:end]) % 2:
                    start -= 1  # 'said "dozens" of officers ...': the quoted word with both its quotes
                text = doc[start:end].text
                out.append(Candidate(start, end, EntityType.GROUP, text, text, "group", tok.i,
                                     descriptor=_descriptor(list(doc[start:end]))))
                taken.update(range(start, end))
            continue
        if plural and lemma in {"person", "individual"} and any(
                c.dep_ == "det" and c.lower_ in {"these", "those"} for c in tok.lefts) and not any(
                c.dep_ == "relcl" for c in tok.children):
            # "By their act these persons have deserted ...": the group just told, named again
            start = tok.left_edge.i
            out.append(Candidate(start, tok.i + 1, EntityType.GROUP, doc[start:tok.i + 1].text,
                                 doc[start:tok.i + 1].text, "group", tok.i))
            continue
        if lemma in _UNIT_NOUNS and tok.tag_ == "NN" and any(c.dep_ == "det" and (c.lower_ in {"a", "an"} or (
                c.lower_ == "the" and lemma != "company" and any(
                    p.dep_ == "prep" and p.lower_ in {"at", "in"} for p in tok.rights))) for c in tok.lefts) and (
                tok.dep_ in {"nsubj", "nsubjpass"} and any(v.lemma_.lower() in _LEAVING_VERBS | {
                    "come", "place", "mutiny", "rebel", "throw", "rally", "declare", "side"}
                    for v in (tok.head, *tok.head.conjuncts))):
            # "a tank company of the X division broke with the putschists", "a battalion of paratroops ... placed
            # itself at the disposal of ...": a unit, told as a band of men that went
            start = tok.left_edge.i
            end = tok.i + 1
            of = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ in {"of", "in", "at", "from"}), None)
            if of is not None and of.right_edge.i - tok.i <= 8:
                end = of.right_edge.i + 1  # "of the X division", "in Grodno"
            text = doc[start:end].text
            out.append(Candidate(start, end, EntityType.GROUP, text, text, "group", tok.i))
            taken.update(range(start, end))
            continue
        whole_units = low in {"companies", "platoons", "battalions", "brigades", "regiments", "squads"} and any(
            c.lower_ in {"whole", "entire"} for c in tok.lefts)  # "you will see whole companies walk away"
        if plural and (_people_noun(tok, group_heads) or whole_units or (tok.dep_ != "compound" and low in {"circle"})):
            if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in heads and not any(
                    c.dep_ in {"det", "nummod", "poss"} for c in tok.lefts):
                continue  # "the club's director of player personnel": what he directs, not a group of people
            start = min([c.left_edge.i for c in tok.lefts
                         if c.dep_ in {"amod", "compound", "det", "nummod", "poss", "nmod"}] + [tok.i])
            start = next(i for i in range(start, tok.i + 1) if not doc[i].is_punct)
            of = tok.head
            if tok.dep_ == "pobj" and of.lower_ == "of" and of.head.i < tok.i and \
                    of.head.lemma_.lower() in cue_words("collective_nouns") and not of.head.ent_type_:
                start = of.head.left_edge.i  # "a handful of soldiers", "a second group of guardsmen": one group
            if any(doc[i].ent_type_ == "PERSON" and doc[i].dep_ not in {"poss", "amod"} and not (
                    i == tok.i - 1 and doc[i].ent_iob_ == "B" and doc[i].dep_ == "compound") for i in range(start, tok.i)):
                continue  # "Fawzi's soldiers" and "young X soldiers" (an adjective the recognizer took for a name) are groups; "X Y soldiers" is not
            end = tok.i + 1
            of = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
            if of is not None and low in _PARTITIVE_HEADS and of.right_edge.i - tok.i <= 6 and not any(
                    t.ent_type_ == "PERSON" for t in of.subtree):
                end = of.right_edge.i + 1  # "several members of the Cuban delegation": whose members
            loyal = next((c for c in tok.rights if c.dep_ in {"amod", "acomp"} and c.lower_ in {
                "loyal", "allied", "faithful"} and any(p.dep_ == "prep" and p.lower_ == "to" for p in c.children)), None)
            if loyal is not None and end == tok.i + 1 and loyal.right_edge.i - tok.i <= 8 and not any(
                    t.ent_type_ == "PERSON" for t in loyal.subtree):
                end = loyal.right_edge.i + 1  # "forces loyal to the junta": whose forces (not over a titled name,
                # which keeps its title: "forces loyal to sacked vice president X")
            acting = next((c for c in tok.rights if c.dep_ == "acl" and c.tag_ == "VBG" and any(
                d.dep_ == "dobj" for d in c.children)), None)
            if acting is not None and end == tok.i + 1 and acting.right_edge.i - tok.i <= 5:
                end = acting.right_edge.i + 1  # "the troops defending the town": which troops
            conj = next((c for c in tok.rights if c.dep_ == "conj" and (c.lower_ in group_heads or c.lower_ in {
                "police", "policemen", "militiamen"})), None)
            counted = any(c.dep_ == "nummod" or c.lower_ in {"more", "many", "other", "several"} for c in tok.lefts)
            if conj is not None and end == tok.i + 1 and counted:
                end = conj.i + 1  # "about 10,000 soldiers and police": one counted group
            text = doc[start:end].text
            out.append(Candidate(start, end, EntityType.GROUP, text, text, "group", tok.i,
                                 descriptor=_descriptor(list(doc[start:end]))))
            continue
        if low in {"circle", "entourage", "family", "clan", "household"}:
            start = tok.left_edge.i
            text = doc[start:tok.i + 1].text
            out.append(Candidate(start, tok.i + 1, EntityType.GROUP, text, text, "group", tok.i))
            continue
        if (lemma in heads or (lemma in kin and tok.tag_ == "NN" and (any(
                c.dep_ == "appos" and c.lemma_.lower() in heads for c in tok.children) or (
                tok.dep_ in {"nsubj", "nsubjpass"} and tok.head.lemma_.lower() in _LEAVING_VERBS)))) and not plural:
            # a relative with a post of his own, or who left, is someone too: "a cousin of the president, a
            # lieutenant in the army, escaped", "his son had also deserted" (not "His wife said", "with his wife")
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if nxt is not None and (nxt.ent_type_ == "PERSON" or nxt.pos_ == "PROPN"):
                continue  # a title before a name: "spokesman Ian Lang"
            if (tok.dep_ == "appos" and tok.head.ent_type_ not in {"GPE", "LOC"}) or (
                    tok.dep_ in {"attr", "conj"} and tok.head.dep_ == "appos"):
                continue  # describes a named person: "Adel Rahim, a member of ..." (not a place the parser chose)
            lefts = [c for c in tok.lefts]
            start = min([c.left_edge.i for c in lefts] + [tok.i])
            start = next(i for i in range(start, tok.i + 1) if not doc[i].is_punct and doc[i].dep_ != "mark")
            if any(doc[i].ent_type_ == "PERSON" for i in range(start, tok.i)) and not any(
                    doc[i].dep_ == "poss" for i in range(start, tok.i)):
                continue
            _, end = _noun_phrase(tok)
            while end > tok.i + 1 and doc[end - 1].is_punct and doc[end - 1].text not in _QUOTE_MARKS:
                end -= 1  # "a cousin of X, a lieutenant in the army," without the comma that closes it
            comma = next((t.i for t in doc[tok.i:end] if t.text == ","), None)
            if comma is not None and any(e.start > comma and e.start < end and e.label_ == "PERSON" for e in doc.ents):
                end = comma  # "the MP for X, Y Z, ...": the parser hung the name on the place; the name is apposed
            if any(e.start > tok.i and e.start < end and ((e.label_ == "PERSON" and e.text.lower() not in cities()
                                                           and e.text.lower() not in countries())
                                                          or _split_officer(e, titles))
                   and not (e.end < len(doc) and doc[e.end].tag_ == "POS") for e in doc.ents):
                # (a town the recognizer took for a person's name is no name: "the chief of the Yerevan police")
                continue  # "the head of the Free Syrian Army X al-Y": a title before a name (not "of X's army")
            if any(doc[i].tag_ in {"JJS", "RBS"} or doc[i].lower_ in {"first", "second", "third", "last", "only", "most"}
                   for i in range(start, tok.i)) and not (doc[start].lower_ in {"a", "an"} and not any(
                    doc[i].tag_ in {"JJS", "RBS"} or doc[i].lower_ in {"first", "last", "only", "most"}
                    for i in range(start, tok.i))) and not (
                    lemma in {"secretary", "lieutenant", "sergeant", "counsellor", "counselor", "defendant", "accused",
                              "suspect"}
                    and doc[tok.i - 1].lower_ in {"first", "second", "third"}) and not (  # "a first secretary": a rank
                    tok.dep_ in {"nsubj", "nsubjpass"} and tok.head.lemma_ != "be" and doc[start].dep_ == "poss"
                    and doc[start].ent_type_ in {"GPE", "NORP"} and not any(c.dep_ in {"relcl", "acl"}
                                                                             for c in tok.children)):
                # a predicate description ("the most senior diplomat to ..."), not a referent; but
                # "Ruritania's most powerful military commander broke with ..." does something: someone
                continue
            if start > 0 and doc[start - 1].lower_ == "as" and tok.dep_ in {"pobj", "conj"}:
                continue  # "named X as the new defence minister": a post, not someone else
            if doc[start].lower_ in {"a", "an"} and tok.dep_ == "pobj" and tok.head.lower_ == "of" and any(
                    c.tag_ in {"JJS", "RBS"} or c.lower_ in {"first", "last", "only"} for c in tok.head.head.children):
                continue  # "the first defection of a serving officer": a kind of person, not someone
            det = doc[start].lower_
            if det in {"every", "each", "all"}:  # "every soldier still in the east": all of them
                text = doc[start:end].text
                out.append(Candidate(start, end, EntityType.GROUP, text, text, "group", tok.i,
                                     descriptor=_descriptor(list(doc[start:end]))))
                continue
            if det not in {"the", "a", "an", "another", "one"} and not any(
                    doc[i].dep_ == "poss" for i in range(start, tok.i)):
                continue
            text = doc[start:end].text
            mods = list(doc[start:end])
            out.append(Candidate(start, end, EntityType.PERSON, text, text, "nominal", tok.i,
                                 country=_country_of_modifiers([t for t in mods if t.i < tok.i]),
                                 definite=det == "the" or doc[start].dep_ == "poss",
                                 descriptor=_descriptor(mods), role_words=(lemma,)))
    return out


def body_mentions(doc: Doc, taken: set[int]) -> list[Candidate]:
    """Armed forces, governments and oppositions named by a common noun: "the Syrian army", "regime
    forces", "the loyalist army", "opposition forces", "the government"."""
    units = {"battalion", "brigade", "regiment", "company", "platoon", "squadron", "division", "garrison",
             "gendarmerie", "directorate"}  # "the X border battalion": a unit named by its place or number
    heads = cue_words("body_heads") | units
    state, rebel = cue_words("state_modifiers"), cue_words("opposition_modifiers")
    country_table = countries()
    out: list[Candidate] = []
    for tok in tokens(doc):
        if tok.i in taken or tok.lower_ not in heads or tok.pos_ not in {"NOUN", "PROPN"}:
            continue
        mods = [c for c in tok.lefts if c.dep_ in {"amod", "compound", "det", "poss", "nmod"}]
        if tok.dep_ == "compound":
            # "a Myanmar army major": the country may modify the army or sit beside it under the noun
            siblings = [c for c in tok.head.lefts if c.i < tok.i and c.lower_ in country_table]
            portfolio_compound = tok.lower_ in {"ministry", "department"} and any(
                m.lower_ in cue_words("portfolio_words") for m in mods)  # "foreign ministry spokesman X"
            bare_title = not mods and tok.head.lemma_.lower() in {
                "spokesman", "spokeswoman", "spokesperson", "chief", "commander"} and tok.lower_ in {
                "army", "military", "police", "navy"}  # "Police spokesperson X": the country's police
            air_force = tok.lower_ == "force" and any(m.lower_ == "air" for m in mods)  # "a Syrian air force pilot"
            if not portfolio_compound and not bare_title and (
                    (tok.lower_ not in {"army", "military", "police", "navy"} and not air_force)
                    or not (siblings or any(t.lower_ in country_table for m in mods for t in m.subtree))):
                continue
            mods = siblings + mods
        if tok.lower_ in units and (not mods or tok.dep_ == "compound" or doc[tok.left_edge.i].lower_ in {
                "a", "an", "each", "every", "any"}):
            continue  # "a battalion", "battalion commanders": no unit in particular
        # "the X army" with X a territory the lexicon does not list as a country ("the Somaliland army")
        territory_force = tok.lower_ in {"army", "military", "police", "navy", "force", "forces"} and \
            tok.dep_ != "compound" and any(m.ent_type_ in {"GPE", "NORP", "LOC"} for m in mods) and all(
                m.dep_ == "det" or (m.ent_type_ in {"GPE", "NORP", "LOC"} and m.dep_ in {"compound", "amod"})
                or (m.dep_ in {"compound", "amod"} and m.lower_ in {"air", "armed", "naval", "security"})
                for m in mods) and doc[tok.left_edge.i].lower_ == "the" and (
                tok.lower_ not in {"force", "forces"} or any(m.lower_ in {"air", "armed", "naval", "security"}
                                                            for m in mods))  # "the North Korean air force"
        if any(m.i in taken for m in mods if m.dep_ != "det") and not territory_force and not (
                tok.lower_ in units and all(m.pos_ in {"PROPN", "DET", "NOUN", "NUM", "ADJ"} or m.is_title
                                            for m in mods)):
            continue  # "the X garrison": a unit named by its town
        ordered = sorted((t for m in mods for t in m.subtree), key=lambda t: t.i)
        words = {t.lower_ for t in ordered}
        country = next((country_table[_depossess(t.lower_, country_table)] for t in ordered
                        if _depossess(t.lower_, country_table) in country_table), "") or next(
            (country_table[pair] for a, b in itertools.pairwise(ordered)
             for pair in [f"{a.lower_} {b.lower_}"] if pair in country_table), "")  # "North Korean"
        start = min([m.left_edge.i for m in mods] + [tok.i])
        if tok.lower_ in {"ministry", "department"}:
            # "Turkey's health ministry", never the words before it that lost their punctuation
            keep = cue_words("portfolio_words") | state | {"the", "'s", "’s"}
            start = tok.i
            while start > 0 and (doc[start - 1].lower_ in keep or _depossess(doc[start - 1].lower_, country_table)
                                 in country_table):
                start -= 1
        if doc[start].lower_ in {"a", "an", "some", "any", "no"}:
            continue
        if tok.lower_ == "opposition" and not mods:
            continue  # a headline's "Opposition:" or a generic use
        portfolio = tok.lower_ in {"ministry", "department"} and bool(words & cue_words("portfolio_words"))
        if words & rebel or tok.lower_ == "opposition":
            etype = EntityType.ORGANIZATION
        elif words & state or country or portfolio or (words <= {"the", "its", "his", "their"} and words) or (
                tok.lower_ == "force" and words - {"air"} <= {"the", "its", "his", "their"} and "air" in words) or (
                tok.dep_ == "compound" and not words) or tok.lower_ in units or territory_force:
            etype = EntityType.GOVERNMENT
        else:
            continue
        text = doc[start:tok.i + 1].text
        name = text[4:] if text.lower().startswith("the ") else text
        out.append(Candidate(start, tok.i + 1, etype, text, name, "body", tok.i, country=country,
                             definite=doc[start].lower_ == "the"))
    return out


def org_nominal_mentions(doc: Doc, taken: set[int]) -> list[Candidate]:
    """Definite bodies named by their head noun alone: "the embassy", "the ministry", "the council"."""
    heads = cue_words("org_heads") - {"regime", "opposition", "rebels", "authorities", "government"}
    out: list[Candidate] = []
    titles = role_heads()
    for tok in tokens(doc):
        if tok.i in taken or tok.lower_ not in heads or tok.pos_ not in {"NOUN", "PROPN"}:
            continue
        if tok.dep_ == "compound" and tok.head.lemma_.lower() in titles and not any(
                c.dep_ in {"amod", "compound", "poss", "det"} for c in tok.children):
            # "ministry spokesman X Y": the body of a title, named by its head noun alone
            out.append(Candidate(tok.i, tok.i + 1, _body_type(doc[tok.i:tok.i + 1]), tok.text, tok.text,
                                 "org_nominal", tok.i, definite=True))
            continue
        if tok.dep_ == "compound" or tok.pos_ != "NOUN":
            continue
        if tok.i > 0 and doc[tok.i - 1].lower_ == "the":
            out.append(Candidate(tok.i - 1, tok.i + 1, _body_type(doc[tok.i:tok.i + 1]), doc[tok.i - 1:tok.i + 1].text,
                                 tok.text, "org_nominal", tok.i, definite=True))
        elif tok.i > 1 and doc[tok.i - 2].lower_ == "the" and doc[tok.i - 1].lower_ in _KIND_WORDS and \
                doc[tok.i - 1].i - 1 not in taken and doc[tok.i - 1].i not in taken:
            # "the guerrilla movement", "the armed group": the body named before, by its kind and head noun
            out.append(Candidate(tok.i - 2, tok.i + 1, _body_type(doc[tok.i:tok.i + 1]), doc[tok.i - 2:tok.i + 1].text,
                                 tok.text, "org_nominal", tok.i, definite=True))
    return out


#: words of a body's kind, which "the X movement" may add to the head noun of a body named before
_KIND_WORDS = {"guerrilla", "armed", "militant", "insurgent", "separatist", "secessionist", "communist", "maoist",
               "islamist", "jihadist", "breakaway", "underground", "outlawed", "banned", "rebel", "ruling",
               "governing"}


def pronoun_mentions(doc: Doc) -> list[Candidate]:
    """Third-person personal pronouns, to be resolved to persons."""
    return [Candidate(t.i, t.i + 1, EntityType.PERSON, t.text, t.text, "pronoun", t.i)
            for t in tokens(doc) if t.lower_ in _PERSON_PRONOUNS and t.pos_ == "PRON"]


def find_mentions(doc: Doc) -> list[Candidate]:
    """All mentions of a parsed article, sorted by position, without overlaps between kinds."""
    _acronyms_are_bodies(doc)
    found = ner_mentions(doc) + regime_mentions(doc)
    taken = {i for c in found for i in range(c.start, c.end)}
    found += leader_body_mentions(doc, taken)
    found += body_mentions(doc, taken - {i for c in found if c.type == EntityType.COUNTRY for i in range(c.start, c.end)})
    taken |= {i for c in found for i in range(c.start, c.end)}
    found += nominal_mentions(doc, taken)
    taken |= {i for c in found for i in range(c.start, c.end)}
    # "a member of the group": the body inside a role phrase is a mention of its own
    inner = {i for c in found if c.kind == "nominal" for i in range(c.head + 1, c.end)}
    found += org_nominal_mentions(doc, taken - inner) + pronoun_mentions(doc)
    for cand in found:
        if cand.kind in {"group", "nominal", "body"}:  # "the Azerbaijani embassy in Paris" too
            cand.long_name = _long_description(doc, cand)
    found.sort(key=lambda c: (c.start, -c.end))
    return found


#: bodies named after the one who leads them: "Pashinyan's movement", "the president's party"
_LED_BODIES = frozenset({"movement", "campaign", "camp", "party", "alliance", "bloc", "faction"})


def leader_body_mentions(doc: Doc, taken: set[int]) -> list[Candidate]:
    """A movement or a party named by its leader's name: "joined Pashinyan's movement" (the name stays the
    person's mention)."""
    out: list[Candidate] = []
    for tok in tokens(doc):
        if tok.lower_ not in _LED_BODIES or tok.pos_ != "NOUN" or tok.i in taken:
            continue
        owner = next((c for c in tok.children if c.dep_ == "poss" and c.ent_type_ == "PERSON"), None)
        if owner is None or any(c.dep_ in {"det", "amod", "compound"} for c in tok.children):
            continue
        text = doc[owner.left_edge.i:tok.i + 1].text
        out.append(Candidate(owner.left_edge.i, tok.i + 1, EntityType.ORGANIZATION, text, text, "ner", tok.i))
    return out


def _acronyms_are_bodies(doc: Doc) -> None:
    """An acronym the recognizer called a person ("two junior DTX officers") is a body's."""
    ents = list(doc.ents)
    changed = False
    for n, ent in enumerate(ents):
        if ent.label_ == "PERSON" and len(ent) == 1 and ent[0].is_upper and ent[0].is_alpha and len(ent[0]) >= 2 \
                and ent[0].lower_ not in countries():
            ents[n] = Span(doc, ent.start, ent.end, label="ORG")
            changed = True
    if changed:
        doc.ents = ents


#: verbs whose object is asked to do something: "called on X to ...", "urged X to ..."
_APPEAL_VERBS = {"call", "urge", "appeal", "ask", "encourage", "invite", "exhort", "implore", "beg", "prevail"}


def _clause_end(clause: Token) -> int:
    """Where a relative clause ends: before an infinitive the parser hung on it when the noun it describes is
    the one appealed to ("called on every officer who has not been paid | to follow his example")."""
    noun = clause.head
    verb = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ in {"on", "upon", "to"} else noun.head
    appealed = noun.dep_ in {"dobj", "pobj"} and verb.lemma_.lower() in _APPEAL_VERBS and not any(
        c.dep_ == "xcomp" for c in verb.children)  # ("urged all who do not want to die to follow him": their own)
    cut = next((c for c in reversed(list(clause.subtree)) if c.dep_ in {"xcomp", "advcl"} and any(
        g.dep_ == "aux" and g.lower_ == "to" for g in c.children)), None) if appealed else None  # the last one
    if cut is None:
        return clause.right_edge.i + 1
    return max(clause.i + 1, cut.left_edge.i)


def _long_description(doc: Doc, cand: Candidate) -> str:
    """The description with the modifiers after its head ("my brothers in uniform", "a navy captain serving
    at the base", "every official who still serves the junta"), up to a comma; "" when that adds nothing or runs
    long."""
    head = doc[cand.head]
    end = cand.end
    # "every soldier and police officer who still serves the regime": a quantified description runs on over a
    # conjoined noun and its clause, as one group
    quantified = doc[cand.start].lower_ in {"every", "each", "all", "any"} or head.lower_ in _WHOEVER
    of = next((c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    counted = next((o for o in of.children if o.dep_ == "pobj" and o.i == cand.end - 1), None) if of is not None \
        and (head.lower_ in _COUNT_WORDS | _QUANTIFIERS or head.like_num) else None
    if counted is not None:
        head = counted  # '"dozens" of officers in the service': what is counted carries the description
    rights = list(head.rights)
    for n, child in enumerate(rights):
        if quantified and child.dep_ == "cc":
            continue
        if child.dep_ == "cc" and n + 1 < len(rights) and rights[n + 1].dep_ in {"conj", "prep"} and \
                rights[n + 1].pos_ == "ADP":
            continue  # "the envoys to the Arab League and to Kuwait": one description, two objects
        if child.dep_ == "conj" and child.pos_ == "ADP" and child.i >= cand.end:
            end = max(end, child.right_edge.i + 1)
            continue
        if quantified and child.dep_ == "conj" and child.pos_ == "NOUN":
            end = max(end, child.i + 1)
            child_rights = [c for c in child.rights if c.dep_ in {"relcl", "acl", "prep"}]
            end = max([end, *(c.right_edge.i + 1 for c in child_rights)])
            continue
        if child.dep_ in {"punct", "cc", "conj"} or (child.dep_ == "relcl" and doc[child.left_edge.i - 1].is_punct):
            break  # a clause set off by a comma is no part of the description
        if child.i >= cand.end:
            end = max(end, _clause_end(child) if child.dep_ == "relcl" else child.right_edge.i + 1)
    quotes = {'"', "“", "”"}
    if sum(t.text in quotes for t in doc[cand.start:cand.end]) % 2:
        return ""  # (a quotation opened or closed inside the mention: its end is not the description's)
    # 'urged "every officer who has received an illegal order" to follow him': up to the closing quote
    end = next((t.i for t in doc[cand.end:end] if t.text in quotes), end)
    while end > cand.end and doc[end - 1].is_punct:
        end -= 1
    if end <= cand.end or end - cand.start > (20 if quantified else 14):
        return ""
    return doc[cand.start:end].text
