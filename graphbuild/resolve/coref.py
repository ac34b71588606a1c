"""Within-article resolution: mentions -> entities (surnames, titles, appositions, role nominals,
pronouns, "the regime"), with the structural facts that come with them (a regime governs its
country, a city lies in its country, an embassy belongs to its state)."""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from graphbuild.extract.lexicons import (
    cities,
    countries,
    cue_words,
    former_states,
    given_name_genders,
    kin_words,
    load_lexicon,
    world_cities,
)
from graphbuild.extract.mentions import Candidate, role_heads, title_tokens
from graphbuild.model import Entity, EntityType
from graphbuild.nlp.tokens import doc_text, tokens
from graphbuild.resolve.identity import fold_name, normalize_name

_HEAD_WORDS = {"head", "chief", "commander", "leader", "boss"}
_GENERIC_ROLES = {"official", "source", "spokesman", "spokeswoman", "spokesperson", "figure", "member", "activist",
                  "witness", "resident", "man", "woman", "soldier", "officer", "leader", "aide", "adviser", "advisor",
                  "analyst", "diplomat"}
#: plural heads of groups of people in uniform, one kind for "the men" after "seven soldiers"
_SERVICE_PEOPLE = {"soldiers", "troops", "personnel", "men", "officers", "servicemen", "gendarmes", "policemen",
                   "sergeants", "conscripts", "guards", "fighters"}
_QUOTE_CHARS = {'"', "“", "”", "``", "''"}


@dataclass
class _Cluster:
    key: str
    type: EntityType
    label: str
    names: list[str] = field(default_factory=list)
    mentions: list[Candidate] = field(default_factory=list)
    country: str = ""
    leader: str = ""  # entity key of a regime's leader
    role_words: set[str] = field(default_factory=set)
    descriptor: set[str] = field(default_factory=set)
    body_head: str = ""


@dataclass
class Resolution:
    """The entities of one article and which tokens refer to which entity."""

    entities: dict[str, Entity]
    token_keys: dict[int, str]
    head_keys: dict[int, str]
    main_regime: str | None
    main_country: str | None
    regime_of_leader: dict[str, str]
    structure: list[tuple[str, str, str, int]]  # (subject key, relation label, object key, token index)
    speakers: dict[int, str] = field(default_factory=dict)  # quote token -> speaker key
    nationality: dict[str, str] = field(default_factory=dict)  # person/group key -> country key
    regime_of_country: dict[str, str] = field(default_factory=dict)  # country key -> regime key

    def home_body(self, key: str) -> str | None:
        """The regime (else the country) a person or group belongs to, from their nationality."""
        country = self.nationality.get(key)
        if country is None:
            return None
        return self.regime_of_country.get(country, country if country in self.entities else None)

    def place_country(self, key: str) -> str | None:
        """The country key a place lies in, if the article or the lexicon says so."""
        found = next((o for s, label, o, _ in self.structure if s == key and label == "located_in"
                      and o.startswith("country:")), None)
        if found is None and key in self.entities:
            label = self.entities[key].label.lower()
            listed = cities().get(label) or world_cities().get(label)
            found = f"country:{listed}" if listed else None
        return found

    def state_army(self, country: str | None) -> str | None:
        """The armed force of a country (key "country:X") the article names: "the Djiboutian Armed Forces",
        "Burundi's army"; the most mentioned one if several, None if none."""
        return self._state_force(country, ("army", "forces", "force", "military", "navy", "guard"))

    def state_police(self, country: str | None) -> str | None:
        """The police of a country the article names ("the National Civil Police", "Burundi's police"),
        or the only police force it names whose country it does not say."""
        return self._state_force(country, ("police", "gendarmerie", "constabulary"), unowned=True, anywhere=True)

    def _state_force(self, country: str | None, heads: tuple[str, ...], *, unowned: bool = False,
                     anywhere: bool = False) -> str | None:
        if not country:
            return None
        owners = {country, self.regime_of_country.get(country)} - {None}  # not every body without an owner
        name = country.removeprefix("country:")
        # the head word last ("Burundi's army"), or anywhere for the police ("the Myanmar Police Force")
        forces = [key for key, e in self.entities.items() if e.type in {EntityType.ORGANIZATION, EntityType.GOVERNMENT}
                  and e.label.lower().split()[0] not in {"his", "her", "their", "its"}  # "his forces": someone's own
                  and (set(e.label.lower().split()) & set(heads) if anywhere and not any(
                      w in e.label.lower().split() for w in ("station", "post", "academy", "college"))
                       else e.label.lower().split(" of ")[0].split()[-1:] in [[h] for h in heads])]  # "Armed Forces of X"
        owned = {s: o for s, label, o, _ in self.structure if label == "part_of"}
        forms = {form for form, c in countries().items() if c == name}  # "the X Defence Force" with X a country abbreviation, "Soviet forces"
        found = [key for key in forces if key.startswith(f"body:{name}:") or owned.get(key) in owners or (
            key not in owned and any(f" {f} " in _spaced(self.entities[key].label) for f in forms))]
        if not found and unowned:
            free = [key for key in forces if not key.startswith("body:") and key not in owned]
            found = free if len(free) == 1 else []
        return max(found, key=lambda k: len(self.entities[k].mentions), default=None)

    def key_of(self, token: Token | None) -> str | None:
        """The entity a token refers to (its phrase head first), or None."""
        if token is None:
            return None
        return self.head_keys.get(token.i) or self.token_keys.get(token.i)

    def type_of(self, key: str | None) -> EntityType | None:
        """The type of an entity key, or None."""
        return self.entities[key].type if key in self.entities else None

    def person_of(self, token: Token | None) -> str | None:
        """The person a token refers to, or None (no entity, or not a person)."""
        key = self.key_of(token)
        return key if key is not None and self.type_of(key) == EntityType.PERSON else None


#: common nouns that name a kind of place: "the town of X in Y", "the Jobar district of Damascus"
_PLACE_NOUNS = {"town", "city", "village", "district", "neighbourhood", "neighborhood", "suburb", "quarter",
                "province", "governorate", "region", "area", "county", "state", "municipality", "camp"}


def _place_token(obj: Token) -> Token | None:
    """The token naming a place in a phrase: "Damascus", or the name in "Idlib province"."""
    if obj.ent_type_ in {"GPE", "LOC", "FAC"}:
        return obj
    if obj.lemma_.lower() in _PLACE_NOUNS:
        return next((c for c in obj.children if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
    return None


def in_byline(tok: Token) -> bool:
    """Is the token a name credited in a byline, "By Samer Haddad in Zenda", "(Reporting by Samer Haddad
    and Lina Saber in Zenda)"? The tagger may take such a reporter for a body."""
    while tok.dep_ == "conj":
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.lower_ == "by" and tok.head.dep_ != "agent"


def _place_container(head: Token) -> Token | None:
    """Where a named place lies, by the phrase around it: "X in Y", "the town of X in Y", "the X
    district of Y", "X, a village in Y", "X, Y", "Y's X"."""
    def inside(noun: Token, preps: set[str]) -> Token | None:
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ in preps:
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return _place_token(obj)
        return None

    found = inside(head, {"in"})
    if found is not None:
        return found
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in _PLACE_NOUNS:
        return inside(head.head.head, {"in"})  # the town of X in Y
    if head.dep_ in {"compound", "appos"} and head.head.lemma_.lower() in _PLACE_NOUNS:
        return inside(head.head, {"of", "in"})  # the X district of Y
    appos = next((c for c in head.children if c.dep_ == "appos" and c.lemma_.lower() in _PLACE_NOUNS), None)
    if appos is not None:
        return inside(appos, {"in", "of"})  # X, a village in Y
    listed = head.dep_ == "conj" or any(c.dep_ in {"conj", "cc"} for c in head.children)
    named = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    if named is not None and not listed and not any(c.dep_ in {"conj", "cc", "appos"} for c in named.children):
        return _place_token(named)  # "Zenda, Ruritania": the second name, never an item of a list
    owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
    return _place_token(owner) if owner is not None else None  # "Ruritania's Zenda district"


#: what a demonym may modify without saying where the article's regime is: "Russian jets struck Idlib"
_ABROAD = {"force", "forces", "jet", "warplane", "aircraft", "plane", "troop", "soldier", "army", "militia",
           "fighter", "military", "airstrike", "strike", "bomber", "helicopter", "adviser", "mercenary", "navy",
           "ship", "missile", "drone"}


def _contiguous(short: list[str], full: list[str]) -> bool:
    """Is ``short`` a run of the words of the longer ``full``?"""
    n = len(short)
    return 0 < n < len(full) and any(full[i:i + n] == short for i in range(len(full) - n + 1))


#: natural features that cross borders or are disputed: no country is taken for granted
_FEATURE_WORDS = {"river", "sea", "gulf", "ocean", "lake", "mountains", "range", "heights", "strait", "canal", "desert"}


#: verbs that call someone something: "called him a traitor", "branded X a deserter"
_CALLING_VERBS = {"call", "label", "brand", "dub", "term", "describe", "name", "declare"}


_STATE_FORCE_WORDS = {"national", "people's", "peoples", "armed", "defence", "defense", "royal", "federal", "army",
                      "forces", "force", "air", "navy", "naval", "guard", "republican", "popular"}


def _spaced(label: str) -> str:
    """A label lowercased, without "'s", between spaces, to find a country form of several words in it ("the
    Armed Forces of Côte d'Ivoire")."""
    return " " + label.lower().replace("'s", "") + " "


def state_force(label: str) -> str:
    """The country word that opens the name of a state's armed force, or "" ("Lao People's Army" -> "lao";
    not "Syrian Democratic Forces" or "Free Syrian Army").

    >>> state_force("Lao People's Army"), state_force("Royal Thai Navy"), state_force("Syrian Democratic Forces")
    ('lao', 'thai', '')
    >>> state_force("South Sudan People's Defence Forces")
    'south sudan'
    """
    words = label.lower().replace(" 's", "'s").split()
    if len(words) > 2 and words[0] == "royal":  # "Royal Moroccan Navy", "Royal Thai Army"
        words = words[1:]
    # "South Sudan People's Defence Forces": a country name of several words
    n = next((n for n in (3, 2, 1) if " ".join(words[:n]) in countries()), 0)
    if not n or len(words) <= n or words[-1] not in {"army", "forces", "force", "guard", "navy"}:
        return ""
    return " ".join(words[:n]) if all(w in _STATE_FORCE_WORDS for w in words[n:]) else ""


def _natural_feature(label: str) -> bool:
    """A river, sea, mountain range or heights ("the Euphrates River", "Mount Hermon", "the Golan Heights").

    >>> _natural_feature("Euphrates River"), _natural_feature("Mount Hermon"), _natural_feature("Raqqa")
    (True, True, False)
    """
    words = label.lower().split()
    return bool(words) and (words[-1] in _FEATURE_WORDS or words[0] == "mount")


def _surname(name: str) -> str:
    parts = name.split()
    return parts[-1] if parts else name


def _regime_name(leader: str) -> str:
    """How a regime is named after its leader: the surname ("Tannous regime"), or the whole name when it
    ends in a hyphenated given name ("Ri Chol-su regime", never "Chol-su regime")."""
    surname = _surname(leader)
    return leader if "-" in surname and len(leader.split()) > 1 else surname


_HEADS_OF_STATE = {"president", "king", "queen", "emir", "sultan", "dictator", "ruler", "shah", "tsar", "czar",
                   "monarch", "strongman"}
_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f",
                   "herself": "f"}
_MALE_WORDS = {"mr", "mr.", "sir", "king", "prince", "spokesman", "chairman", "congressman", "businessman",
               "brother", "son", "father", "husband", "uncle", "nephew", "monsieur", "sheikh"}
_FEMALE_WORDS = {"mrs", "mrs.", "ms", "ms.", "miss", "madam", "madame", "queen", "princess", "spokeswoman",
                 "chairwoman", "congresswoman", "businesswoman", "sister", "daughter", "mother", "wife", "aunt",
                 "niece", "widow"}


#: what a political party has: "Zanu-PF MPs", "the ANC's politburo"
_PARTY_MARKS = frozenset({"mp", "mps", "politburo", "lawmaker", "legislator", "congress", "caucus", "cadre",
                          "secretary-general", "chairman", "candidate", "manifesto", "member", "membership"})

#: nouns for a body that a name right after them names ("the mercenary group X", "the militia Y")
_GROUP_NOUNS = frozenset({"group", "militia", "movement", "organisation", "organization", "network", "faction",
                          "company", "firm", "party", "front", "brigade", "battalion"})

#: abbreviated ranks and titles as the words a description uses ("Maj. X Y" is "the major")
_RANK_WORDS = {"maj.": "major", "gen.": "general", "col.": "colonel", "lt.": "lieutenant", "capt.": "captain",
               "sgt.": "sergeant", "brig.": "brigadier", "adm.": "admiral", "cpl.": "corporal", "cmdr.": "commander",
               "amb.": "ambassador", "gov.": "governor", "sen.": "senator", "rep.": "representative"}


def _gender(cluster: _Cluster) -> str:
    """A person's grammatical gender when a title, a kinship word or a given name in the article says it, else ""."""
    words = set(cluster.role_words) | {w.lower() for name in cluster.names for w in name.split()}
    male, female = bool(words & _MALE_WORDS), bool(words & _FEMALE_WORDS)
    if male != female:
        return "m" if male else "f"
    # "His wife, Teresa, ..." then "He is ...": a given name whose gender is not in doubt
    given = normalize_name(cluster.label.split()[0]) if cluster.label.split() else ""  # "Nicolás": nicolas
    return given_name_genders().get(given, "") if not (male or female) else ""


def _spelling_cue(doc: Doc, cand: Candidate) -> bool:
    """The name is given as another spelling: "spelled it X", "transliterated as X", "gave his name as X"."""
    sent = doc[cand.start].sent
    before = [t for t in sent if t.i < cand.start]
    if any(t.lemma_.lower() in {"spell", "spelt", "transliterate", "render"} for t in sent):
        return True
    return any(t.lemma_.lower() == "name" and any(u.lower_ == "as" for u in before if u.i > t.i) for t in before)


def _closest_spelling(name: str, keys: list[str], clusters: dict[str, _Cluster]) -> str | None:
    """The earlier person whose name is the same one spelled otherwise: as many parts, each part alike
    (a shared initial and at least 60% of letters in common)."""
    from difflib import SequenceMatcher

    parts = [fold_name(p) for p in name.split()]
    best, best_score = None, 0.0
    for key in keys:
        other = [fold_name(p) for p in clusters[key].label.split()]
        if len(other) != len(parts) or not all(a[:1] == b[:1] for a, b in zip(parts, other, strict=True)):
            continue
        score = min(SequenceMatcher(None, a, b).ratio() for a, b in zip(parts, other, strict=True))
        if score >= 0.6 and score > best_score:
            best, best_score = key, score
    return best


def _of_objects(head: Token) -> set[str]:
    """The nouns a title is "of": "the commander of Fadi Zaidan's army" -> {army}."""
    return {o.lemma_.lower() for p in head.children if p.dep_ == "prep" and p.lower_ == "of"
            for o in p.children if o.dep_ == "pobj"}


def _clause_subject_of_object(pronoun: Token) -> int | None:
    """The subject of the clause whose object the pronoun is ("X abandoned him", "X broke with him"): a plain
    object pronoun never refers to it (a reflexive would). Token index, or None."""
    verb = pronoun.head if pronoun.dep_ in {"dobj", "dative"} else (
        pronoun.head.head if pronoun.dep_ == "pobj" and pronoun.head.dep_ == "prep" else None)
    if verb is None or verb.pos_ not in {"VERB", "AUX"}:
        return None
    while verb.dep_ in {"conj", "xcomp"} and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        verb = verb.head  # "X fled the country and abandoned him": the first verb's subject
    return next((c.i for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)


def _quote_regions(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges inside quotation marks (pairs of quote tokens in order)."""
    marks = [t.i for t in tokens(doc) if t.text in _QUOTE_CHARS]
    return [(marks[k], marks[k + 1]) for k in range(0, len(marks) - 1, 2)]


def _speaker_after(doc: Doc, end: int, keys: dict[int, str]) -> str | None:
    """The subject of a reporting verb right after a closing quote ('..." said Rahim')."""
    reporting = cue_words("reporting_verbs")
    for tok in doc[end:min(len(doc), end + 6)]:
        if tok.lemma_.lower() in reporting:
            for child in tok.children:
                if child.dep_ in {"nsubj", "nsubjpass"} and child.i in keys:
                    return keys[child.i]
    return None


def _speaker_before(doc: Doc, start: int, keys: dict[int, str]) -> str | None:
    reporting = cue_words("reporting_verbs")
    sent = doc[start].sent
    for tok in doc[sent.start:start]:
        if tok.lemma_.lower() in reporting:
            for child in tok.children:
                if child.dep_ in {"nsubj", "nsubjpass"} and child.i in keys:
                    return keys[child.i]
    return None


class _Resolver:
    def __init__(self, doc: Doc, mentions: list[Candidate], doc_id: str) -> None:
        self.doc = doc
        self.mentions = mentions
        self.doc_id = doc_id
        self.clusters: dict[str, _Cluster] = {}
        self.assign: dict[int, str] = {}  # id(candidate) -> key
        self.structure: list[tuple[str, str, str, int]] = []
        self.sents = list(doc.sents)

    # -- clusters -------------------------------------------------------------------------
    def add(self, cand: Candidate, key: str, etype: EntityType, label: str, *, name: str | None = None) -> str:
        cluster = self.clusters.get(key)
        if cluster is None:
            cluster = self.clusters[key] = _Cluster(key, etype, label)
        if name is None:
            name = cand.text
        if name and name not in cluster.names and cand.kind != "pronoun":
            cluster.names.append(name)
        if cand.long_name and cand.long_name not in cluster.names:
            cluster.names.append(cand.long_name)
        cluster.mentions.append(cand)
        cluster.descriptor |= cand.descriptor
        cluster.role_words |= set(cand.role_words)
        self.assign[id(cand)] = key
        return key

    def move(self, cand: Candidate, key: str) -> None:
        """Reassign a mention to another cluster; a cluster left without mentions disappears."""
        old = self.clusters[self.assign[id(cand)]]
        old.mentions = [m for m in old.mentions if m is not cand]
        if not old.mentions and old.key != key:
            del self.clusters[old.key]
        self.add(cand, key, self.clusters[key].type, self.clusters[key].label)

    def _named_ministry(self, cand: Candidate) -> str | None:
        """"its energy ministry" is "the Ministry of Energy and Water", "the defence ministry" the "Ministry of
        Defence": the one named ministry whose portfolio starts the same."""
        stems = {t.lower_[:3] for t in self.doc[cand.start:cand.head] if t.lower_ in cue_words("portfolio_words")}
        named = {self.assign[id(c)] for c in self.mentions if c.kind == "ner" and id(c) in self.assign and c is not cand
                 and self.clusters[self.assign[id(c)]].type == EntityType.GOVERNMENT
                 and self.doc[c.start:c.end].text.lower().startswith(("ministry of", "department of"))
                 and stems & {t.lower_[:3] for t in self.doc[c.start + 2:c.end] if len(t) > 3}}
        return named.pop() if stems and len(named) == 1 else None

    def ministries_named_twice(self) -> None:
        """A recognized "defence ministry" and a recognized "Ministry of Defence" are one body."""
        for cand in self.mentions:
            key = self.assign.get(id(cand))
            if cand.kind != "ner" or key is None or self.clusters[key].type != EntityType.GOVERNMENT or \
                    self.doc[cand.head].lemma_.lower() not in {"ministry", "department"} or cand.head == cand.start:
                continue
            named = self._named_ministry(cand)
            if named is not None and named != key:
                self.move(cand, named)

    def places_named_like_bodies(self) -> None:
        """A name the recognizer typed once as an organization and elsewhere as a place or a person is the
        organization ("X, a movement ..." then "according to X")."""
        bodies = {normalize_name(c.label): k for k, c in self.clusters.items()
                  if c.type in {EntityType.ORGANIZATION, EntityType.GOVERNMENT} and k.startswith("org:")}
        for cand in self.mentions:
            key = self.assign.get(id(cand))
            if key is None or cand.kind != "ner" or self.clusters[key].type not in {EntityType.PLACE}:
                continue
            body = bodies.get(normalize_name(cand.name))
            if body is not None and body != key:
                self.move(cand, body)

    def state_force_short_forms(self) -> None:
        """"navy" in an article that names the "Royal Moroccan Navy": the state's own force."""
        forces: dict[str, set[str]] = {}
        for cand in self.mentions:
            key = self.assign.get(id(cand))
            if cand.kind == "ner" and key and state_force(self.clusters[key].label):
                forces.setdefault(self.clusters[key].label.lower().split()[-1], set()).add(key)
        for cand in self.mentions:
            key = self.assign.get(id(cand))
            word = cand.name.lower()
            if cand.kind == "ner" and key and len(word.split()) == 1 and len(forces.get(word, ())) == 1 and \
                    key not in forces[word]:
                self.move(cand, next(iter(forces[word])))

    def acronyms(self) -> None:
        """"the South Sudan People's Defence Forces (SSPDF)", "the National Salvation Front (NAS)": an acronym
        is the body named just before it in brackets, or whose capitalized words it spells; one body each."""
        bodies = {EntityType.ORGANIZATION, EntityType.GOVERNMENT, EntityType.MEDIA}
        named = [c for c in self.mentions if c.kind == "ner" and c.type in bodies and id(c) in self.assign]
        full_names = [c for c in named if len(c.name.split()) > 1]
        target: dict[str, str] = {}
        for cand in named:
            word = cand.name.replace(".", "")
            if " " in word or not (2 <= len(word) <= 8) or not re.fullmatch(r"[A-Z][A-Z\-]*[A-Z]", word):
                continue
            before = [c for c in full_names if c.end == cand.start - 1 and self.doc[cand.start - 1].text == "("]
            if before:
                target.setdefault(word, self.assign[id(before[0])])
        for cand in full_names:  # spelled by the capitalized words of a full name
            initials = "".join(w[0] for w in re.split(r"[\s\-]+", cand.name) if w[:1].isupper())
            if len(initials) >= 2:
                target.setdefault(initials, self.assign[id(cand)])
        for cand in named:
            key = target.get(cand.name.replace(".", ""))
            if key is not None and self.assign[id(cand)] != key and key in self.clusters:
                self.move(cand, key)

    def country_key(self, country: str) -> str:
        return f"country:{country}"

    def ensure_country(self, country: str, cand: Candidate | None = None) -> str:
        key = self.country_key(country)
        if key not in self.clusters:
            self.clusters[key] = _Cluster(key, EntityType.COUNTRY, country, names=[])
        if cand is not None and cand.kind == "ner":
            self.add(cand, key, EntityType.COUNTRY, country)
        return key

    # -- passes ----------------------------------------------------------------------------
    def org_heads(self) -> dict[str, Candidate]:
        """Distinctive head words of the organizations the recognizer named ("Observatory" in "the Syrian
        Observatory for Human Rights"), which the text then uses alone; generic heads ("Army", "Council")
        are left out, and a head shared by two organizations too."""
        generic = cue_words("body_heads") | cue_words("group_heads") | cue_words("government_heads") | cue_words(
            "military_heads") | cue_words("media_words") | cue_words("regime_words")
        seen: dict[str, list[Candidate]] = {}
        for cand in self.mentions:
            if cand.kind != "ner" or cand.type not in {EntityType.ORGANIZATION, EntityType.GOVERNMENT,
                                                         EntityType.MEDIA} or len(cand.name.split()) < 2:
                continue
            head = self.doc[cand.head]
            word = head.lower_
            if any(t.lower_ in role_heads() for t in self.doc[cand.start:cand.end]):
                continue  # "Prime Minister Saadeh" mistyped: a person's name, not an organization's
            if head.pos_ == "PROPN" and head.text[:1].isupper() and word not in generic and len(word) > 3 and \
                    word not in countries():
                seen.setdefault(word, []).append(cand)
        return {w: cands[0] for w, cands in seen.items()
                if len({fold_name(c.name) for c in cands}) == 1}

    def org_short_forms(self, heads: dict[str, Candidate]) -> None:
        """"Observatory director Samer Abdel Latif": the head word alone names the organization."""
        orgs = self.org_names()
        for cand in self.mentions:
            full = self._org_named_as_person(cand, orgs)
            if full is not None and id(cand) not in self.assign and id(full) in self.assign:
                key = self.assign[id(full)]
                cand.type = self.clusters[key].type
                self.add(cand, key, self.clusters[key].type, self.clusters[key].label)
        taken = {i for c in self.mentions if id(c) in self.assign for i in range(c.start, c.end)}
        for tok in tokens(self.doc):
            full = heads.get(tok.lower_)
            if full is None or tok.i in taken or not tok.text[:1].isupper() or id(full) not in self.assign:
                continue
            key = self.assign[id(full)]
            cand = Candidate(tok.i, tok.i + 1, self.clusters[key].type, tok.text, tok.text, "org_short", tok.i)
            self.mentions.append(cand)
            self.add(cand, key, self.clusters[key].type, self.clusters[key].label)
        self.mentions.sort(key=lambda c: (c.start, -c.end))

    def _titled_person(self, cand: Candidate) -> str | None:
        """A person the text names with a title elsewhere, whose name the recognizer typed here as an
        organization ("Fouad Saadeh has defected" after "Prime Minister Fouad Saadeh")."""
        folded = fold_name(cand.name)
        if len(cand.name.split()) < 2:
            return None
        for cluster in self.clusters.values():
            if cluster.type == EntityType.PERSON and fold_name(cluster.label) == folded and any(
                    m.start > 0 and self.doc[m.start - 1].lower_ in title_tokens() for m in cluster.mentions):
                return cluster.key
        return None

    def org_names(self) -> dict[str, Candidate]:
        """Organizations the recognizer named, by folded name (with and without a lost possessive "s")."""
        out: dict[str, Candidate] = {}
        for cand in self.mentions:
            if cand.kind == "ner" and cand.type in {EntityType.ORGANIZATION, EntityType.GOVERNMENT,
                                                    EntityType.MEDIA}:
                out.setdefault(fold_name(cand.name), cand)
                words = cand.name.split()
                if len(words) > 2 and words[-1].lower() in {"movement", "party", "front", "group", "alliance"}:
                    out.setdefault(fold_name(" ".join(words[:-1])), cand)  # "X Y" of "the X Y movement"
        return out

    def _org_named_as_person(self, cand: Candidate, orgs: dict[str, Candidate]) -> Candidate | None:
        """"Ahrar al-Shams leader X": a name the recognizer typed as a person, the same as an organization's."""
        if cand.type != EntityType.PERSON or cand.kind != "ner" or len(cand.name.split()) < 2:
            return None  # a single word typed both ways ("Saadeh") is left to the surname pass
        if cand.start > 0 and self.doc[cand.start - 1].lower_ in title_tokens():
            return None  # "Prime Minister Fouad Saadeh": a title makes it a person
        name = cand.name
        return orgs.get(fold_name(name)) or (orgs.get(fold_name(name[:-1])) if name.endswith("s") else None)

    def _bodies_named_as_persons(self) -> None:
        """A "person" with a leader, members or a council is an organization the recognizer mistyped
        ("Ahrar al-Sham's leader X Y"); so is every other mention of that name."""
        ner_persons = [c for c in self.mentions if c.kind == "ner" and c.type == EntityType.PERSON]
        owned = {"leader", "member", "council", "founder", "fighter", "chief", "commander", "recruit", "mercenary"}

        def forms(name: str) -> set[str]:
            folded = fold_name(name)
            return {folded, fold_name(name[:-1])} if name.endswith("s") and not name.endswith("ss") else {folded}

        bodies: set[str] = set()
        media = {"website", "site", "portal", "outlet", "newspaper", "daily", "weekly", "magazine", "channel",
                 "station", "blog", "agency", "radio", "television", "tv"}  # not "broadcaster X": a person
        for cand in ner_persons:
            before = self.doc[cand.start - 1] if cand.start > 0 else None
            if before is not None and before.lower_ in media | _GROUP_NOUNS and before.pos_ == "NOUN" and (
                    before.dep_ == "compound" or (self.doc[cand.head].dep_ == "appos" and
                                                  self.doc[cand.head].head.i == before.i)):
                bodies |= forms(cand.name)  # "the opposition website X", "the mercenary group Wagner": a body
            last = self.doc[cand.end - 1]
            # the owned noun right after the name ("Hezbollah members"), not "Tannous's cabinet members"
            gap = [t for t in self.doc[cand.end:last.head.i] if t.lower_ not in {"'s", "’s", "'"}]
            if last.dep_ in {"poss", "compound"} and last.head.i >= cand.end and not gap and \
                    last.head.lemma_.lower() in owned and last.head.pos_ == "NOUN":
                bodies |= forms(cand.name)
        if not bodies:
            return
        for cand in ner_persons:
            if forms(cand.name) & bodies:
                cand.type = EntityType.ORGANIZATION
                if cand.name.endswith("s") and fold_name(cand.name[:-1]) in bodies and any(
                        fold_name(c.name) == fold_name(cand.name[:-1]) for c in ner_persons):
                    cand.name = cand.name[:-1]  # "Ahrar al-Shams leader": the possessive lost its apostrophe

    def persons(self) -> None:
        self._bodies_named_as_persons()
        heads = self.org_heads()
        orgs = self.org_names()
        named = [c for c in self.mentions if c.kind == "ner" and c.type == EntityType.PERSON
                 and not (len(c.name.split()) == 1 and c.name.lower() in heads)
                 and self._org_named_as_person(c, orgs) is None]
        # a possessive that lost its apostrophe ("Fawzi al-Tannouses forces") when the bare name is in the text
        surnames = {fold_name(c.name.split()[-1]) for c in named if c.name.split()}
        for cand in named:
            last = cand.name.split()[-1] if cand.name.split() else ""
            if len(last) > 3 and last.endswith("s") and not last.endswith("ss") and \
                    fold_name(last[:-1]) != fold_name(last) and fold_name(last[:-1]) in surnames:
                cand.name = cand.name[:-1]
        # longest names first, so "Fawzi Tannous" exists before "Tannous"
        by_key: dict[str, str] = {}
        for cand in sorted(named, key=lambda c: (-len(re.split(r"[\s\-‐]+", c.name)), c.start)):
            parts = cand.name.split()
            target = None
            ends_with = []  # "Haddad" after "Samer Haddad" and his brother "Omar Haddad": the one named first
            for key in by_key.values():
                full = self.clusters[key].label.split()
                if len(parts) >= 3 and len(parts) < len(full):
                    continue  # "Fawzi Samer Tannous" inside "Omar Fawzi Samer Tannous": a father in his son's name
                if len(parts) < len(full) and [fold_name(p) for p in parts] == [
                        fold_name(p) for p in full[-len(parts):]]:
                    ends_with.append(key)
                elif len(parts) == 1 and len(full) > 1 and "-" in full[-1] and full[-1][:1].isupper() and \
                        fold_name(parts[0]) == fold_name(full[-1].rsplit("-", 1)[-1]):
                    ends_with.append(key)  # "Arroyo" for "Gloria Macapagal-Arroyo": the last of a double surname
                if [fold_name(p) for p in parts] == [fold_name(p) for p in full]:
                    target = key
                    break
                if len(parts) == len(full) >= 2 and fold_name(parts[-1]) == fold_name(full[-1]) and "-" in full[0] and \
                        fold_name(parts[0]) == fold_name(full[0].split("-")[0]):
                    target = key  # "Laurent Kabila" after "Laurent-Desire Kabila": his shorter given name
                    break
            if target is None and ends_with:
                by_start = sorted((min(c.start for c in self.clusters[k].mentions), k) for k in ends_with)
                before = [k for start, k in by_start if start < cand.start]
                target = before[0] if before else by_start[0][1]
            if target is None:
                # "Y" in "X Y Z", "X" in "X Y-Z": a name inside exactly one longer one
                folded = [fold_name(p) for p in parts]
                inside = {key for key in by_key.values() if _contiguous(folded, full := [
                    fold_name(p) for p in self.clusters[key].label.split()]) and not (
                    len(parts) >= 3 and folded == full[-len(parts):])}  # (a father in his son's name, above)
                if len(inside) > 1:  # "Saber" after "Lina Saber Zaidan" and her brother "Omar Saber Zaidan": the
                    # short form is the one introduced first, before it (news calls the others by their full names)
                    first = {key: min(c.start for c in self.clusters[key].mentions) for key in inside}
                    earlier = sorted((start, key) for key, start in first.items() if start < cand.start)
                    inside = {earlier[0][1]} if earlier else inside
                if len(inside) == 1:
                    target = inside.pop()
            if target is None and _spelling_cue(self.doc, cand):
                # "whose name the statement spelled X Y", "which gave his name as X Y": a variant
                target = _closest_spelling(cand.name, [k for k in by_key.values() if min(
                    c.start for c in self.clusters[k].mentions) < cand.start], self.clusters)
            if target is None:
                target = f"person:{fold_name(cand.name)}"
                by_key[cand.name] = target
                self.add(cand, target, EntityType.PERSON, cand.name)
            else:
                self.add(cand, target, EntityType.PERSON, self.clusters[target].label)
        # titled forms as names too: "President Fawzi Tannous", "White House spokesman Ian Lang"
        org_ends = {c.end for c in self.mentions if c.kind == "ner" and c.type != EntityType.PERSON}
        for cand in named:
            key = self.assign[id(cand)]
            left = cand.start
            while cand.start not in org_ends and left > 0 and self.doc[left - 1].dep_ == "compound" and \
                    left <= self.doc[left - 1].head.i < cand.end and not self.doc[left - 1].is_punct:
                left -= 1
            if left < cand.start:
                titled = self.doc[left:cand.end].text
                if titled not in self.clusters[key].names:
                    self.clusters[key].names.append(titled)
                self.clusters[key].role_words |= {_RANK_WORDS.get(t.lower_, t.lemma_.lower())
                                                  for t in self.doc[left:cand.start]}
            if cand.start > 1 and self.doc[cand.start - 1].lower_ in {"named", "called"}:
                # "a 19-year-old sergeant of the People's Police named X Y": "the sergeant" later is he
                span = self.doc[max(0, cand.start - 9):cand.start - 1]
                if not any(t.pos_ == "VERB" for t in span):
                    self.clusters[key].role_words |= {t.lemma_.lower() for t in span
                                                      if t.pos_ == "NOUN" and t.lemma_.lower() in role_heads()}
            # "X el-Y, the deputy foreign minister": the apposition's title words too
            head = self.doc[cand.head]
            for child in head.children:  # (or its kinship: "Juana X, a younger sister of Y": "Y's sister")
                if child.dep_ == "appos" and child.lemma_.lower() in role_heads() | kin_words() | cue_words("person_nouns"):
                    self.clusters[key].role_words |= {t.lemma_.lower() for t in child.subtree
                                                      if t.pos_ in {"NOUN", "ADJ", "PROPN"} and t.i <= child.i}
        for cluster in self.clusters.values():  # "the premier", "the PM" are the prime minister
            if cluster.type == EntityType.PERSON and {"prime", "minister"} <= cluster.role_words:
                cluster.role_words |= {"premier", "pm"}

    def surname_tokens(self) -> list[Candidate]:
        """Bare surnames the recognizer missed or mistyped ("Haddad was ...", ORG "Rahim")."""
        persons = sorted((min(m.start for m in c.mentions), c.key) for c in self.clusters.values()
                         if c.type == EntityType.PERSON and c.mentions)
        owners: dict[str, list[tuple[int, str]]] = {}  # folded short name -> (first mention, person), in order
        for first, key in persons:
            surname = _surname(self.clusters[key].label)
            owners.setdefault(fold_name(surname), []).append((first, key))
            if "-" in surname and surname[:1].isupper() and len(self.clusters[key].label.split()) > 1:
                # "Arroyo" for "Gloria Macapagal-Arroyo": the last of a double surname
                owners.setdefault(fold_name(surname.rsplit("-", 1)[-1]), []).append((first, key))
        for first, key in persons:  # a short form the article uses, not the last name: "Y" for "X Y Z"
            for m in self.clusters[key].mentions:
                if m.kind == "ner" and m.end - m.start == 1 and (first, key) not in owners.get(fold_name(m.name), []):
                    owners.setdefault(fold_name(m.name), []).append((first, key))

        def owner(name: str, at: int) -> str | None:
            """Of two brothers "Samer Y" and "Omar Y", a bare "Y" is the one named first before it."""
            found = owners.get(fold_name(name), [])
            before = [key for first, key in found if first < at]
            return before[0] if before else (found[0][1] if found else None)

        fulls = {fold_name(c.label): c.key for c in self.clusters.values() if c.type == EntityType.PERSON}
        extra: list[Candidate] = []
        covered = {i for c in self.mentions for i in range(c.start, c.end)}
        for cand in self.mentions:
            if cand.kind == "ner" and cand.type in {EntityType.ORGANIZATION, EntityType.PLACE}:
                folded = fold_name(cand.name)
                person = fulls.get(folded) or owner(cand.name, cand.start)
                if person:
                    cand.type = EntityType.PERSON
                    cand.kind = "ner_person"
                    self.add(cand, person, EntityType.PERSON, self.clusters[person].label)
        for tok in tokens(self.doc):
            if tok.i in covered or not (tok.pos_ == "PROPN" or (tok.tag_ == "NN" and tok.dep_ in {"nsubj", "nsubjpass"})):
                continue  # (a surname the tagger took for a common noun: "Arroyo broke with X")
            person = owner(tok.text, tok.i)
            if person and tok.is_title:
                cand = Candidate(tok.i, tok.i + 1, EntityType.PERSON, tok.text, tok.text, "ner_person", tok.i)
                self.add(cand, person, EntityType.PERSON, self.clusters[person].label)
                extra.append(cand)
        return extra

    def places_and_bodies(self) -> None:
        country_table = countries()
        bodies = {normalize_name(line.split("|")[0]): line.split("|")[1] for line in load_lexicon("bodies")}
        for cand in self.mentions:
            if id(cand) in self.assign:
                continue
            if cand.type == EntityType.COUNTRY:
                if cand.kind == "demonym":
                    self.ensure_country(cand.country)
                    self.assign[id(cand)] = self.country_key(cand.country)
                else:
                    self.ensure_country(cand.country, cand)
            elif cand.type == EntityType.PLACE and cand.kind == "ner":
                key = f"place:{fold_name(cand.name)}"
                self.add(cand, key, EntityType.PLACE, cand.name)
                if cand.country:
                    self.clusters[key].country = cand.country
                # "a town in Z province", "a village in Z": the place phrase it lies in
                container = _place_container(self.doc[cand.head])
                if container is not None:
                    self.structure.append((key, "located_in", f"@tok:{container.i}", container.i))
            elif cand.kind == "ner" and cand.type in {EntityType.GOVERNMENT, EntityType.ORGANIZATION,
                                                      EntityType.MEDIA} and self._titled_person(cand):
                person = self._titled_person(cand)
                assert person is not None
                cand.type = EntityType.PERSON
                self.add(cand, person, EntityType.PERSON, self.clusters[person].label)
            elif cand.kind == "ner" and cand.type in {EntityType.GOVERNMENT, EntityType.ORGANIZATION,
                                                      EntityType.MEDIA}:
                key = f"org:{fold_name(cand.name)}"
                self.add(cand, key, cand.type, cand.name)
                cluster = self.clusters[key]
                cluster.country = cand.country or bodies.get(normalize_name(cand.name), "")
                # "the Syrian Embassy in Baghdad": the place phrase is part of its name
                head = self.doc[cand.head]
                for prep in () if in_byline(head) else head.rights:
                    if prep.dep_ == "prep" and prep.lower_ == "in":
                        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                        if obj is not None and obj.ent_type_ in {"GPE", "LOC"}:
                            longer = self.doc[cand.start:obj.right_edge.i + 1].text
                            start = cand.start + (1 if self.doc[cand.start].lower_ == "the" else 0)
                            longer = self.doc[start:obj.right_edge.i + 1].text
                            if longer not in cluster.names:
                                cluster.names.append(longer)
                            self.structure.append((key, "located_in", f"@tok:{obj.i}", obj.i))
                _ = country_table

    def bodies(self) -> None:
        """Armies, forces, governments named by common nouns; "the army" is the main country's."""
        main = self.regime_country() or ""
        named_tok = {i: k for c in self.mentions if c.kind == "ner" and id(c) in self.assign
                     for i in range(c.start, c.end) for k in [self.assign[id(c)]]}
        for cand in [c for c in self.mentions if c.kind == "body"]:
            head = self.doc[cand.head]
            appos = next((named_tok[c.i] for c in head.children if c.dep_ == "appos" and c.i in named_tok), None)
            if appos is None and all(t.dep_ == "det" or t.lower_ == "same" for t in self.doc[cand.start:cand.head]):
                # "the embassy" after "the Syrian Embassy in Baghdad", "the same battalion": the named body
                earlier = [c for c in self.mentions if c.kind == "ner" and c.start < cand.start and id(c) in self.assign
                           and self.doc[c.head].lemma_.lower() == head.lemma_.lower()
                           and not _rebel_force(self.clusters[self.assign[id(c)]].label)]
                appos = self.assign[id(earlier[-1])] if earlier else None
            if appos is None and head.lemma_.lower() in {"ministry", "department"}:
                appos = self._named_ministry(cand)
            if appos is None and head.lemma_.lower() in {"army", "military"} and not cand.country and all(
                    t.dep_ == "det" for t in self.doc[cand.start:cand.head]):
                # "the army" in an article that names the "South Sudan People's Defence Forces": that force
                forces = {key for key, c in self.clusters.items() if c.type in {EntityType.GOVERNMENT,
                          EntityType.ORGANIZATION} and main and state_force(c.label) == main.lower()}
                appos = forces.pop() if len(forces) == 1 else None
            if appos is None and head.lemma_.lower() in {"army", "navy", "military", "police", "gendarmerie"} and all(
                    t.dep_ == "det" for t in self.doc[cand.start:cand.head]):
                # "the navy" in an article that names one navy, "the Venezuelan navy": that navy (a state's: "the
                # army" is never the "Free Syrian Army" the rebels call theirs)
                same = {key for key, c in self.clusters.items() if c.type in {EntityType.GOVERNMENT,
                        EntityType.ORGANIZATION} and c.label.lower().split()[-1:] == [head.lower_]
                        and len(c.label.split()) > 1 and not _rebel_force(c.label)}
                appos = same.pop() if len(same) == 1 else None
            if appos is None and head.lemma_.lower() in {"police", "gendarmerie"} and all(
                    t.dep_ == "det" or t.lower_ in countries() for t in self.doc[cand.start:cand.head]):
                # "Kenyan police officers" in an article that names the "National Police Service": that service
                named = {key for key, c in self.clusters.items() if c.type in {EntityType.GOVERNMENT,
                         EntityType.ORGANIZATION} and not key.startswith("body:") and head.lemma_.lower() in
                         c.label.lower().split() and c.country in {"", cand.country or main}}
                appos = named.pop() if len(named) == 1 else None
            if appos is not None:  # "the opposition Syrian National Council": the named body itself
                self.add(cand, appos, self.clusters[appos].type, self.clusters[appos].label, name=cand.name)
                continue
            country = cand.country or main
            mods = [t.lemma_.lower() for t in self.doc[cand.start:cand.head]
                    if t.lower_ not in countries() and t.lower_ not in {"the", "its", "his", "their", "'s"}
                    and t.dep_ != "poss"]
            key = f"body:{country}:{' '.join([*mods, head.lemma_.lower()])}"
            label = self.clusters[key].label if key in self.clusters else cand.name
            self.add(cand, key, cand.type, label, name=cand.name)
            cluster = self.clusters[key]
            cluster.country = country
            cluster.body_head = head.lemma_.lower()
            if country:
                self.ensure_country(country)

    def _regime_label(self, leader_key: str) -> str:
        """The regime named after its leader by the one word the article calls him ("Mobutu" for "Mobutu Sese
        Seko", "Kim" for "Kim Jong Un"), else by his surname."""
        label = self.clusters[leader_key].label
        tokens_of = [p for p in label.split() if p[:1].isupper()]
        short = Counter(self.doc[m.start:m.end].text for m in self.clusters[leader_key].mentions
                        if m.end - m.start == 1 and self.doc[m.start].text in tokens_of)
        named = short.most_common(1)[0][0] if short else _regime_name(label)
        return f"{named} regime"

    def regimes(self) -> None:
        regime_cands = [c for c in self.mentions if c.kind == "regime"]
        person_keys = {k: c for k, c in self.clusters.items() if c.type == EntityType.PERSON}
        for cand in regime_cands:
            if cand.leader:
                wanted = {fold_name(_surname(cand.leader))}
                if cand.leader.endswith("s") and not cand.leader.endswith("ss"):  # "President Xs administration"
                    wanted.add(fold_name(_surname(cand.leader[:-1])))
                leader_key = next((k for k, c in person_keys.items() if fold_name(_surname(c.label)) in wanted), None)
                inside = [k for k, c in person_keys.items() if len(c.label.split()) > 2
                          and wanted & {fold_name(p) for p in c.label.split()}]
                if leader_key is None and len(inside) == 1:
                    leader_key = inside[0]  # "the Mobutu regime" of "Mobutu Sese Seko"
                if leader_key is None:
                    leader_key = f"person:{fold_name(cand.leader)}"
                    self.clusters[leader_key] = _Cluster(leader_key, EntityType.PERSON, cand.leader,
                                                         names=[cand.leader])
                    person_keys[leader_key] = self.clusters[leader_key]
                key = f"regime:{leader_key}"
                label = self._regime_label(leader_key)
                self.add(cand, key, EntityType.REGIME, label)
                self.clusters[key].leader = leader_key
                if cand.country:
                    self.clusters[key].country = cand.country
        # groups named after a leader ("X's inner circle", "X loyalists") imply his regime
        for cand in self.mentions:
            if cand.kind != "group" or self.doc[cand.head].lemma_.lower() not in {
                    "circle", "loyalist", "supporter", "entourage", "force", "troop", "militia", "forces"}:
                continue  # "X's inner circle", "X loyalists"; "X's relatives" are his family, not a regime
            for tok in self.doc[cand.start:cand.end]:
                if tok.dep_ == "poss" and tok.ent_type_ == "PERSON" and tok.i in self.person_tokens():
                    leader_key = self.person_tokens()[tok.i]
                    key = f"regime:{leader_key}"
                    if key not in self.clusters:
                        label = self._regime_label(leader_key)
                        self.clusters[key] = _Cluster(key, EntityType.REGIME, label, names=[label])
                        self.clusters[key].leader = leader_key
                        place = self._country_near(cand)
                        if place:
                            self.clusters[key].country = place
        named = [c for c in self.clusters.values() if c.type == EntityType.REGIME]
        counts = Counter({c.key: len(c.mentions) for c in named})
        main_country = self.regime_country()
        for cand in regime_cands:
            if id(cand) in self.assign:
                continue
            capital = cand.text.split()[1].lower() if cand.text.lower().startswith("the ") and len(
                cand.text.split()) == 3 else ""
            if cand.role_words == ("run_by",) and not cand.country and cities().get(capital):
                cand.country = cities()[capital]  # "the Kinshasa regime": the regime in the capital, its country's
                cand.role_words = ()
            if cand.role_words == ("run_by",):  # "the Houthi-run government": its own regime
                name = cand.text[4:] if cand.text.lower().startswith("the ") else cand.text
                # "Tannous Regime" in a title-case headline: the regime of a person named in the article
                leader_key = next((k for k, c in person_keys.items() if len(name.split()) == 2
                                   and fold_name(_surname(c.label)) == fold_name(name.split()[0])), None)
                if leader_key is not None:
                    key = f"regime:{leader_key}"
                    if key not in self.clusters:
                        label = self._regime_label(leader_key)
                        self.clusters[key] = _Cluster(key, EntityType.REGIME, label, names=[label])
                        self.clusters[key].leader = leader_key
                        named.append(self.clusters[key])
                    self.add(cand, key, EntityType.REGIME, self.clusters[key].label, name=name)
                    continue
                key = f"regime:run:{fold_name(name)}"
                self.add(cand, key, EntityType.REGIME, name)
                named.append(self.clusters[key])
                continue
            if cand.country:
                match = next((c.key for c in named if c.country in {cand.country, ""}), None)
            else:
                match = counts.most_common(1)[0][0] if counts else None
            if match is None:
                country = cand.country or main_country or ""
                key = f"regime:country:{country}"
                label = f"{country} regime" if country else "the regime"
                self.add(cand, key, EntityType.REGIME, label)
                self.clusters[key].country = country
                named.append(self.clusters[key])
            else:
                self.add(cand, match, EntityType.REGIME, self.clusters[match].label)
        for cluster in named:
            if not cluster.country:
                cluster.country = main_country or ""

    def _country_near(self, cand: Candidate) -> str:
        for tok in self.doc[cand.end:min(len(self.doc), cand.end + 4)]:
            if tok.lower_ in countries():
                return countries()[tok.lower_]
        return ""

    def person_tokens(self) -> dict[int, str]:
        out: dict[int, str] = {}
        for cluster in self.clusters.values():
            if cluster.type != EntityType.PERSON:
                continue
            for cand in cluster.mentions:
                for i in range(cand.start, cand.end):
                    out[i] = cluster.key
        return out

    def dominant_country(self) -> str | None:
        """The country of most country mentions, when it has more than half of them."""
        counts: Counter[str] = Counter(c.country for c in self.mentions if c.type == EntityType.COUNTRY and c.country)
        if not counts:
            return None
        country, n = counts.most_common(1)[0]
        return country if n * 2 > sum(counts.values()) and self.country_key(country) in self.clusters else None

    def regime_country(self) -> str | None:
        """The country a regime named without one most likely rules: the article's main country, where a
        country's armies, governments and oppositions ("the Venezuelan opposition") count double and a
        country reached ("crossed into Colombia", "defected to Turkey") does not count."""
        counts = self.country_weights()
        if not counts:
            return self.main_country()
        return max(counts, key=lambda c: counts[c])  # the first mentioned wins a tie

    def weighted_dominant_country(self) -> str | None:
        """The country of :meth:`regime_country` when it holds more than half of the weighted mentions: the
        country an article is about even when it names that country only once and its bodies and people
        often ("the Algerian army", "Algerian officials")."""
        counts = self.country_weights()
        if not counts:
            return None
        country = max(counts, key=lambda c: counts[c])
        return country if counts[country] * 2 > sum(counts.values()) else None

    def country_weights(self) -> dict[str, float]:
        """Weighted country mentions of the article (see :meth:`regime_country`), in order of first mention."""
        counts: dict[str, float] = {}
        spans = [(c.start, c.end) for c in self.mentions if c.country and c.kind != "demonym" and c.type in {
            EntityType.GOVERNMENT, EntityType.REGIME, EntityType.ORGANIZATION}]
        for cand in self.mentions:
            if not cand.country or not (cand.type == EntityType.COUNTRY or cand.country):
                continue
            if cand.kind == "demonym" and any(a <= cand.start and cand.end <= b and (a, b) != (cand.start, cand.end)
                                              for a, b in spans):
                continue  # "the Australian authorities" counts once, as the body, not again for its adjective
            head = self.doc[cand.head]
            if cand.type in {EntityType.COUNTRY, EntityType.PLACE} and head.dep_ == "pobj" and head.head.lower_ in {
                    "to", "into", "toward", "towards"}:
                continue  # a country reached or an envoy's host ("ambassador to X") is not whose regime it is
            if cand.kind == "demonym" and head.head.lemma_.lower() in _ABROAD:
                continue  # "Russian forces" counts once (as the body), "Russian jets" not at all
            # a country's opposition opposes that country's regime; its armies may fight abroad ("Russian forces");
            # a place or a country things happen in counts half
            weight = 2.0 if cand.type == EntityType.ORGANIZATION and cand.kind == "body" else 1.0
            if head.dep_ == "pobj" and head.head.lower_ in {"in", "inside", "across", "near", "at"}:
                weight = 0.5
            person_noun = head.head.head if head.dep_ == "pobj" and head.head.lower_ == "from" else (
                head.head if head.dep_ in {"compound", "amod"} else None)
            if cand.type == EntityType.COUNTRY and person_noun is not None and person_noun.lemma_.lower() in (
                    role_heads() - {"source", "official"}):
                weight = 2.0  # the protagonist's nationality: "a pilot from X", "X pilot lands in Y"
            counts[cand.country] = counts.get(cand.country, 0.0) + weight
        return counts

    def main_country(self) -> str | None:
        counts: Counter[str] = Counter()
        for cand in self.mentions:
            if (cand.type == EntityType.COUNTRY or cand.country) and cand.country:
                counts[cand.country] += 1
        return counts.most_common(1)[0][0] if counts else None

    def nominals(self) -> None:
        """Role nominals: apposition, same role as a named person, an earlier nominal, or new."""
        person_tok = self.person_tokens()
        heads = role_heads()
        ordered = [c for c in self.mentions if c.kind == "nominal"]
        for cand in ordered:
            head = self.doc[cand.head]
            # "The ambassador, Fadi Zaidan, ..." / "Fadi Zaidan, the ambassador"
            linked = None
            for child in head.children:
                if child.dep_ == "appos" and child.i in person_tok:
                    linked = person_tok[child.i]
            if head.dep_ == "appos" and head.head.i in person_tok:
                linked = person_tok[head.head.i]
            if head.dep_ == "attr" and head.head.lemma_ in {"be", "become"}:
                # "He is a deserter", "X is a close aide", "his father, X, was a defector": the subject
                subject = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
                if subject is not None and subject.i not in person_tok:
                    subject = next((c for c in subject.children if c.dep_ == "appos" and c.i in person_tok), subject)
                if subject is not None and subject.lower_ in {"who", "that"} and head.head.dep_ == "relcl":
                    subject = head.head.head  # "X, who was Malawi's foreign minister until ...": X
                if subject is not None and subject.i in person_tok:
                    linked = person_tok[subject.i]
            if head.dep_ == "nsubj" and head.head.lemma_ == "be":
                # "the officer is Captain X": the description names him
                named = next((c for c in head.head.children if c.dep_ == "attr" and c.i in person_tok), None)
                if named is not None:
                    linked = person_tok[named.i]
            if head.dep_ in {"oprd", "xcomp"} and head.head.lemma_.lower() in _CALLING_VERBS:
                # 'the spokesman called X "a deserter"': the one called so
                named = next((c for c in head.head.children if c.dep_ == "dobj" and c.i in person_tok), None)
                if named is not None:
                    linked = person_tok[named.i]
            if linked is None:  # "An exile group's spokesman in Paris, X Y": the name closes the phrase
                inside = [person_tok[i] for i in range(cand.head + 1, cand.end) if i in person_tok
                          and self.doc[i - 1].is_punct is False and any(self.doc[j].text == "," for j in range(
                              cand.head + 1, i))]
                if len(set(inside)) == 1:
                    linked = inside[0]
            first_name = next((i for i in range(cand.end + 1, min(cand.end + 4, len(self.doc)))
                               if i in person_tok), None)
            if linked is None and first_name is not None and self.doc[cand.end].text == "," and all(
                    self.doc[i].lower_ in title_tokens() for i in range(cand.end + 1, first_name)):
                # "a major in the presidential guard, Major X Y, ...": the name apposed to the phrase
                # (the parser may hang it on the noun that governs the phrase: "the defection of a major")
                name = self.doc[first_name]
                while name.dep_ == "compound" and name.head.i > name.i:
                    name = name.head
                governors = {head.i, head.head.i, head.head.head.i}
                if name.dep_ == "appos" and (cand.start <= name.head.i < cand.end or name.head.i in governors):
                    linked = person_tok[first_name]
            # "a second officer", "another diplomat": someone else than the one told before
            other = bool({t.lower_ for t in self.doc[cand.start:cand.head]} & {"second", "another", "other", "third"})
            if linked is None and cand.definite and not other:
                role = cand.role_words[0] if cand.role_words else ""
                linked = self._named_with_role(role, cand)
                if linked is None and self._possessed_title(cand):
                    # "Ruritania's acting ambassador to X has gone into hiding ..." then "X Y, 48, left
                    # the embassy ...": the lead describes, the next sentence names (before any earlier
                    # description: the headline's is resolved by its body)
                    linked = self._lead_subject_named_next(cand)
                if linked is None:
                    linked = self._earlier_nominal(role, cand)
                if linked is None:
                    linked = self._same_headship_before(cand)
                if linked is None and role in {"defector", "deserter"}:
                    linked = self._protagonist(cand)
                if linked is None and (role in _GENERIC_ROLES or any(
                        t.lower_.endswith("-year-old") or t.lower_ == "year" for t in self.doc[cand.start:cand.head])):
                    linked = self._recent_subject(cand)  # "Captain X walked out ... the 34-year-old officer"
                if linked is None and role in {"man", "woman"}:
                    linked = self._described_subject_before(cand)  # "A senior officer ... fled. The man, ..."
            if linked is None and not cand.definite and not other and cand.role_words and \
                    cand.role_words[0] not in _GENERIC_ROLES and self._reported(head):
                # "sources said a foreign pilot had asked for asylum": the pilot the article named before
                linked = self._named_with_role(cand.role_words[0], replace(cand, definite=True))
            if linked is None and not cand.definite and not other:
                linked = self._lead_cataphora(cand)
            if linked is None and not cand.definite and not other:
                linked = self._lead_subject_named_next(cand)
            if linked is None and not cand.definite and not other and cand.role_words and \
                    cand.role_words[0] not in _GENERIC_ROLES and self._sentence_index(cand) < 3:
                # a news lead: "A Myanmar army major has defected ..." then "Major X Y, ..."
                linked = self._named_with_role(cand.role_words[0], cand)
            if linked is not None and cand.definite and cand.role_words and cand.role_words[0] in _GENERIC_ROLES | {
                    "man", "woman"} and any(c.dep_ == "appos" for c in head.children):
                # "The man, Lieutenant Colonel X, 47, served ...": the unnamed person just described is X
                earlier = self._recent_anonymous(cand)
                if earlier is not None and earlier != linked and (cand.role_words[0] in {"man", "woman"} or set(
                        cand.role_words) & self.clusters[earlier].role_words):  # not "the ambassador" before
                    for mention in list(self.clusters[earlier].mentions):
                        self.move(mention, linked)
            if linked is not None:
                self.add(cand, linked, self.clusters[linked].type, self.clusters[linked].label)
                if self.clusters[linked].type == EntityType.PERSON:
                    self.clusters[linked].role_words |= set(cand.role_words)
            else:
                key = f"anon:{self.doc_id}:{normalize_name(cand.text)}"
                self.add(cand, key, EntityType.PERSON, cand.text)
            _ = heads
        self._headline_descriptions(ordered)

    def _headline_descriptions(self, nominals: list[Candidate]) -> None:
        """A headline's description of a person ("Ruritania's acting ambassador to X in hiding") is the
        person the body names who is described with the same words ("Ruritania's acting ambassador to
        X has gone into hiding ... Fadi Zaidan, 48, ..."): the headline is resolved by its body."""
        text = doc_text(self.doc)
        end = text.find("\n\n")
        if end < 0:
            return
        for cand in nominals:
            key = self.assign.get(id(cand))
            if key is None or not key.startswith("anon:") or self.doc[cand.start].idx >= end or \
                    not cand.role_words or cand.role_words[0] in _GENERIC_ROLES:
                continue
            words = [t.lower_ for t in self.doc[cand.start:cand.end] if t.pos_ != "DET"]
            for other in nominals:
                target = self.assign.get(id(other))
                if other is cand or target is None or target.startswith("anon:") or \
                        self.doc[other.start].idx < end or other.role_words != cand.role_words or \
                        self.clusters[target].type != EntityType.PERSON:
                    continue
                body = [t.lower_ for t in self.doc[other.start:other.end] if t.pos_ != "DET"]
                if len(body) >= 2 and words[:len(body)] == body:
                    self.move(cand, target)
                    break

    def _protagonist(self, cand: Candidate) -> str | None:
        """The named person the article has mentioned most so far, if no other comes close: who "the
        defector" is in an article about one defection."""
        counts = Counter(self.assign[id(m)] for m in self.mentions if m.start < cand.start and id(m) in self.assign
                         and self.clusters[self.assign[id(m)]].type == EntityType.PERSON
                         and not self.assign[id(m)].startswith("anon:"))
        ranked = counts.most_common(2)
        if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            return ranked[0][0]
        return None

    def _resolved_before(self, cand: Candidate, sentences_back: int) -> Iterator[tuple[Candidate, str]]:
        """Resolved mentions from ``sentences_back`` sentences before ``cand`` up to it, in text order."""
        idx = next(i for i, s in enumerate(self.sents) if s.start <= cand.start < s.end)
        lo = self.sents[max(0, idx - sentences_back)].start
        for other in self.mentions:
            if other.start >= cand.start:
                break
            key = self.assign.get(id(other))
            if other.start >= lo and key is not None and key in self.clusters:
                yield other, key

    def _recent_anonymous(self, cand: Candidate) -> str | None:
        """The unnamed person described last in the two sentences before."""
        return next((key for other, key in reversed(list(self._resolved_before(cand, 2)))
                     if other.kind == "nominal" and key.startswith("anon:")), None)

    def _recent_subject(self, cand: Candidate) -> str | None:
        """The named person who is the subject of a clause in the sentence before (or earlier in this one), never
        the subject of the verb the description is the object of ("X walked in and told the duty officer")."""
        found = self._last_recent_subject(cand)
        head = self.doc[cand.head]
        verb = head.head.head if head.dep_ == "pobj" else head.head if head.dep_ in {"dobj", "dative", "iobj"} else None
        while verb is not None and verb.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in verb.children):
            verb = verb.head
        doer = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
        if found is not None and doer is not None and self.person_tokens().get(doer.i) == found:
            return None
        return found

    def _last_recent_subject(self, cand: Candidate) -> str | None:
        found = None
        for other, key in self._resolved_before(cand, 1):
            if other.kind not in {"ner", "ner_person"} or key.startswith("anon:") or \
                    self.clusters[key].type != EntityType.PERSON:
                continue
            tok = self.doc[other.head]
            while tok.dep_ == "compound" and tok.head.i > tok.i:
                tok = tok.head
            if tok.dep_ in {"nsubj", "nsubjpass"}:
                found = key
        return found

    def _described_subject_before(self, cand: Candidate) -> str | None:
        """The unnamed person described as the subject of the sentence before: "A senior intelligence officer
        who fled ... says ... . The man, who until August served as ..., agreed to be interviewed"."""
        found = None
        for other, key in self._resolved_before(cand, 1):
            if other.kind == "nominal" and key.startswith("anon:") and \
                    self.clusters[key].type == EntityType.PERSON and \
                    self.doc[other.head].dep_ in {"nsubj", "nsubjpass"} and not other.definite:
                found = found or key
        return found

    def _reported(self, head: Token) -> bool:
        """The noun is the subject of a clause someone reports ("X said a pilot had landed")."""
        if head.dep_ not in {"nsubj", "nsubjpass"}:
            return False
        verb = head.head
        return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in cue_words("reporting_verbs")

    def _sentence_index(self, cand: Candidate) -> int:
        """Which clause-bearing sentence the mention is in (a dateline or a headline without a verb does not
        count)."""
        return sum(1 for s in self.sents if s.end <= cand.start and any(t.pos_ in {"VERB", "AUX"} for t in s))

    def _named_with_role(self, role: str, cand: Candidate) -> str | None:
        if not role:
            return None
        # "the deputy foreign minister" is not "the prime minister": the title's qualifiers must agree
        qualifiers = cue_words("deputy_words") | {"prime"} | _ORDINALS  # "the first defendant" is not the second
        if role in {"minister", "secretary", "ministry", "spokesman", "spokeswoman", "spokesperson"}:
            qualifiers |= cue_words("portfolio_words")  # a foreign minister, but a foreign pilot is a pilot
        wanted = {t.lemma_.lower() for t in self.doc[cand.start:cand.head]} & qualifiers
        named = [c for c in self.clusters.values() if c.type == EntityType.PERSON and role in c.role_words
                 and wanted <= c.role_words and not c.key.startswith("anon:")
                 and not (role == "minister" and "prime" in c.role_words - wanted)]  # "the minister" is no premier
        of_here = _of_objects(self.doc[cand.head])
        if of_here:  # "the commander of X's army" is not "the commander of the gendarmerie"
            named = [c for c in named if not (theirs := self._described_of(c)) or theirs & of_here]
        sentence_end = self.doc[cand.head].sent.end
        if len(named) == 1 and (self._sentence_index(cand) < 3 or role in cue_words("leader_titles") or any(
                m.start < sentence_end for m in named[0].mentions)):
            # (past the lead a post many hold is named before or here: "the department's spokesman" is not
            # the other side's spokesman named in the next paragraph)
            return named[0].key
        if len(named) > 1 and cand.definite:
            # "the general" where three generals are named: the one the article is about, when it is clear
            counts = sorted(((sum(m.start < cand.start for m in c.mentions), c.key) for c in named), reverse=True)
            if (counts[0][0] >= 3 and counts[0][0] >= 2 * counts[1][0]) or (counts[0][0] >= 1 and counts[1][0] == 0):
                return counts[0][1]  # (or the only one named so far: "the admiral" before the other appears)
            if counts[0][0] == 0 and role in cue_words("leader_titles"):
                # none named yet (a live page, newest first: "... has deserted the President. | President X says
                # he will not resign"): the one named next, within the next two sentences
                limit = self.sents[min(len(self.sents) - 1, self._sentence_index(cand) + 2)].end
                after = sorted((min((m.start for m in c.mentions if m.start > cand.start), default=limit), c.key)
                               for c in named)
                if after[0][0] < limit and (len(after) == 1 or after[0][0] < after[1][0]):
                    return after[0][1]
        # appositions anywhere: "The ambassador, Fadi Zaidan"
        ordinal = {t.lower_ for t in self.doc[cand.start:cand.head]} & _ORDINALS
        for other in self.mentions:
            if other.kind == "nominal" and other is not cand and other.role_words == cand.role_words and \
                    {t.lower_ for t in self.doc[other.start:other.head]} & _ORDINALS == ordinal:
                head = self.doc[other.head]
                for child in head.children:
                    if child.dep_ == "appos" and child.i in self.person_tokens():
                        return self.person_tokens()[child.i]
        return None

    def _described_of(self, cluster: _Cluster) -> set[str]:
        """What the person's descriptions say he is of: "X, the commander of the gendarmerie": {gendarmerie}."""
        out: set[str] = set()
        for m in cluster.mentions:
            head = self.doc[m.head]
            for desc in [head, *(c for c in head.children if c.dep_ == "appos")] + (
                    [head.head] if head.dep_ == "appos" else []):
                out |= _of_objects(desc)
        return out

    def _same_headship_before(self, cand: Candidate) -> str | None:
        """"The head of Mr X's army" after "The commander of X's army": one post (the head of the same
        owner's body), told in other words."""
        def headship(c: Candidate) -> tuple[str, str] | None:
            head = self.doc[c.head]
            if head.lemma_.lower() not in _HEAD_WORDS:
                return None
            for body in (o for p in head.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children
                         if o.dep_ == "pobj"):
                owner = next((t for t in body.children if t.dep_ == "poss" and t.pos_ == "PROPN"), None)
                if owner is not None:
                    return body.lemma_.lower(), owner.text
            return None

        wanted = headship(cand)
        if wanted is None:
            return None
        for other in reversed([m for m in self.mentions if m.start < cand.start and m.kind == "nominal"]):
            key = self.assign.get(id(other))
            if key and not key.startswith("anon:") and headship(other) == wanted:
                return key
        return None

    def _earlier_nominal(self, role: str, cand: Candidate) -> str | None:
        mine = {t.lemma_.lower() for t in self.doc[cand.start:cand.head]}
        for other in reversed([m for m in self.mentions if m.start < cand.start and id(m) in self.assign]):
            if other.kind == "nominal" and role in other.role_words and not (
                    {t.lemma_.lower() for t in self.doc[other.start:other.head]} & {"prime"}) - mine:
                return self.assign[id(other)]  # ("the former minister" is not "the Prime Minister" before)
        return None

    def _lead_subject_named_next(self, cand: Candidate) -> str | None:
        """The news lead names its protagonist by description, the next sentence by name: "A Cuban deputy
        minister ... could defect, exiles said. X Y, 54, missed his flight ...". Only for the
        subject of the lead (at most its second sentence) and a person first named as the subject of the
        sentence right after it."""
        head = self.doc[cand.head]
        if head.dep_ not in {"nsubj", "nsubjpass"} or (head.dep_ == "nsubj" and head.head.lemma_.lower() in cue_words(
                "reporting_verbs") and not any(c.dep_ == "relcl" for c in head.children)):
            # (who says it, "a lawmaker said", is not who it is about; who "is reported to" is, and so is the
            # one the lead describes who speaks: "A Nicaraguan army major who fled his country ... said")
            return None
        sents = self.sents
        idx = next(i for i, s in enumerate(sents) if s.start <= cand.start < s.end)
        if self._sentence_index(cand) > 2 or idx + 1 >= len(sents):
            return None
        nxt = sents[idx + 1]
        if nxt[0].is_lower and idx + 2 < len(sents):
            nxt = sents[idx + 2]  # the parser split the lead at "..., in the most serious blow yet to ..."
        person_tok = self.person_tokens()
        for other in self.mentions:
            if other.kind not in {"ner", "ner_person"} or other.type != EntityType.PERSON or \
                    not nxt.start <= other.start < nxt.end:
                continue
            key = self.assign.get(id(other))
            tok = self.doc[other.head]
            while tok.dep_ == "compound" and tok.head.i > tok.i and (
                    person_tok.get(tok.head.i) == key or tok.head.lower_ in title_tokens()):
                tok = tok.head  # "Captain X Y" split by the recognizer; not "The X movement"
            if key is None or tok.dep_ not in {"nsubj", "nsubjpass"} or tok.head.dep_ not in {"ROOT", "ccomp"}:
                continue
            if tok.head.lemma_.lower() in cue_words("reporting_verbs") and any(
                    person_tok.get(t.i) not in {None, key} and t.dep_ in {"nsubj", "nsubjpass"}
                    for c in tok.head.children if c.dep_ == "ccomp" for t in c.subtree):
                continue  # "Spokesman X told reporters that Y had come over to our side": Y, not who tells it
            if tok.head.lower_ in {"reports", "reporting"} and not any(
                    c.dep_ in {"ccomp", "dobj", "xcomp"} for c in tok.head.children):
                continue  # "From Berlin, X reports.": the correspondent who tells the story, not its protagonist
            first = min(m.start for m in self.clusters[key].mentions)
            here = sents[idx]
            paragraph = doc_text(self.doc).rfind("\n\n", 0, here.start_char) + 2
            if first >= nxt.start or (self.doc[first].idx < paragraph <= here.start_char and not any(
                    m.start < nxt.start and self.doc[m.start].idx >= paragraph for m in self.clusters[key].mentions)):
                return key  # (or named only in the headline and standfirst, before the lead's paragraph)
            return None
        return None

    def _possessed_title(self, cand: Candidate) -> bool:
        """A title owned by a state or body ("Ruritania's acting ambassador", "the army's chief of staff"),
        not by a person, and not the subject of a reporting verb: a post one person holds."""
        head = self.doc[cand.head]
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        body = next((o for p in head.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children
                     if o.dep_ == "pobj" and o.lemma_.lower() in cue_words("body_heads")), None)
        if owner is None and body is not None and any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in body.children) \
                and cand.role_words and cand.role_words[0] not in _GENERIC_ROLES:
            return head.head.lemma_.lower() not in cue_words("reporting_verbs")  # "The commander of X's army"
        if owner is None or owner.lower_ in {"his", "her", "their", "its", "our", "my", "your"} or \
                (owner.ent_type_ == "PERSON" and owner.lower_ not in countries()) or not cand.role_words or cand.role_words[0] in _GENERIC_ROLES:
            return False
        return head.head.lemma_.lower() not in cue_words("reporting_verbs")

    def _lead_cataphora(self, cand: Candidate) -> str | None:
        """"..., a Syrian opposition figure said." followed within three sentences by a named speaker
        whose description shares a content word ("said Adel Rahim, a member of the opposition ...")."""
        head = self.doc[cand.head]
        if head.dep_ not in {"nsubj"} or head.head.lemma_.lower() not in cue_words("reporting_verbs"):
            return None
        words = set(cand.descriptor) - set(cand.role_words) - set(countries()) - {"official", "source"}
        sents = self.sents
        idx = next(i for i, s in enumerate(sents) if s.start <= cand.start < s.end)
        person_tok = self.person_tokens()
        for sent in sents[idx + 1: idx + 4]:
            for tok in sent:
                if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in cue_words("reporting_verbs") and \
                        tok.i in person_tok:
                    context = {t.lemma_.lower() for t in tok.subtree}
                    if words & context:
                        return person_tok[tok.i]
        return None

    def org_nominals(self) -> None:
        for cand in [c for c in self.mentions if c.kind == "org_nominal"]:
            head_word = cand.name.lower()
            match = None
            for other in self.mentions:
                if other.start >= cand.start:
                    break
                key = self.assign.get(id(other))
                if key and self.clusters[key].type in {EntityType.GOVERNMENT, EntityType.ORGANIZATION} and \
                        self.doc[other.head].lower_ == head_word:
                    match = key
            if match is None and head_word == "party":
                match = self._party_named_before(cand)
            if match is None and head_word in {"group", "organisation", "organization", "movement"}:
                # "the group": the last non-state body named before it
                match = next((self.assign[id(o)] for o in reversed(self.mentions) if o.start < cand.start
                              and id(o) in self.assign and o.kind == "ner"
                              and self.clusters[self.assign[id(o)]].type == EntityType.ORGANIZATION), None)
            if match:
                self.add(cand, match, self.clusters[match].type, self.clusters[match].label)

    def _party_named_before(self, cand: Candidate) -> str | None:
        """"the ruling party" in an article whose party has a name without the word ("Zanu-PF"): the one
        organization named before it that has MPs, a politburo or members ("Zanu-PF MPs", "a member of
        Zanu-PF's politburo")."""
        found = set()
        for other in self.mentions:
            key = self.assign.get(id(other))
            if other.start >= cand.start or key is None or self.clusters[key].type != EntityType.ORGANIZATION:
                continue
            head = self.doc[other.head]
            if head.lemma_.lower() in _PARTY_MARKS:
                continue  # "a member of the politburo": a part of the party
            if (head.dep_ in {"poss", "compound"} and head.head.lemma_.lower() in _PARTY_MARKS) or (
                    head.dep_ == "pobj" and head.head.head.lemma_.lower() == "member"):
                found.add(key)
        return found.pop() if len(found) == 1 else None

    def _group_told_before(self, cand: Candidate) -> str | None:
        """"the three sergeants" after "three sergeants from the border battalion", "The men" after "Seven
        soldiers": a definite group is the last group of the same kind (and count) named before it."""
        words = [t for t in self.doc[cand.start:cand.head + 1]]
        if not words or words[0].lower_ not in {"the", "these", "those"} or cand.end > cand.head + 1:
            return None
        head = self.doc[cand.head].lower_
        count = next((t.lower_ for t in words if t.dep_ == "nummod" or t.like_num), None)
        anyone = head in {"persons", "individuals"} and words[0].lower_ in {"these", "those"}
        for other in reversed([m for m in self.mentions if m.kind == "group" and m.start < cand.start
                               and id(m) in self.assign]):
            other_head = self.doc[other.head].lower_
            if anyone and (self.doc[other.head].dep_ not in {"nsubj", "nsubjpass"} or self.doc[other.head].head.dep_ in {
                    "relcl", "acl", "advcl"}):
                continue  # "these persons": the group the story is about (a subject), not the last one named
            same_kind = other_head == head or (head in _SERVICE_PEOPLE and other_head in _SERVICE_PEOPLE) or anyone
            other_words = [t.lower_ for t in self.doc[other.start:other.head + 1]]
            if same_kind and (count is None or count in other_words):
                return self.assign[id(other)]
        return None

    def groups(self) -> None:
        for cand in [c for c in self.mentions if c.kind == "group"]:
            head = self.doc[cand.head]
            target = None
            if head.dep_ == "appos":
                for other in self.mentions:
                    if other.kind == "group" and other.head == head.head.i and id(other) in self.assign:
                        target = self.assign[id(other)]
            if target is None:
                target = self._group_told_before(cand)
            if target is None:
                target = f"group:{self.doc_id}:{normalize_name(cand.text)}"
            self.add(cand, target, EntityType.GROUP, self.clusters[target].label if target in self.clusters
                     else cand.text)

    def pronouns(self, speakers: dict[int, str]) -> None:
        persons = sorted(((c.start, c.head, key) for key, cl in self.clusters.items()
                          if cl.type == EntityType.PERSON for c in cl.mentions if c.kind != "pronoun"),
                         key=lambda x: x[0])
        sents = self.sents
        sent_index = {t.i: k for k, s in enumerate(sents) for t in s}
        genders = {key: _gender(cl) for key, cl in self.clusters.items() if cl.type == EntityType.PERSON}
        for cand in sorted((c for c in self.mentions if c.kind == "pronoun"), key=lambda c: c.start):
            here = sent_index.get(cand.start, 0)
            speaker = speakers.get(cand.start)
            wanted = _PRONOUN_GENDER.get(cand.text.lower(), "")
            quoted = _inside_quotes(self.doc, cand.start)
            own_subject = _clause_subject_of_object(self.doc[cand.head])
            # ("Its secretary general, X, called him ...": the name apposed to the subject is the subject too)
            own_keys = {key for _s, head, key in persons if own_subject is not None and (head == own_subject or (
                self.doc[head].dep_ == "appos" and self.doc[head].head.i == own_subject))}
            options = [(start, head, key) for start, head, key in persons
                       if start < cand.start and here - sent_index.get(start, 0) <= 3 and key != speaker
                       and head != own_subject and key not in own_keys  # "The commander of X's army deserted
                       # him": him is not he
                       and (quoted or not _inside_quotes(self.doc, start))  # '"X is not alone," he said': not X
                       and not (wanted and genders.get(key) and genders[key] != wanted)]  # "Mr X ... she said"
            owner = self._subject_owner(own_subject, options) if own_subject is not None else None
            if owner is not None:  # "X's army chief deserted him", "his aides abandoned him": X, he
                self.add(cand, owner, EntityType.PERSON, self.clusters[owner].label)
                continue
            if not options:
                continue
            same_or_prev = [o for o in options if here - sent_index.get(o[0], 0) <= 1]
            pool = same_or_prev or options
            subjects = [o for o in pool if self.doc[o[1]].dep_ in {"nsubj", "nsubjpass"}
                        or self.doc[o[1]].head.dep_ in {"nsubj", "nsubjpass"}]
            if self.doc[cand.head].dep_ in {"nsubj", "nsubjpass"}:
                # a subject pronoun continues the topic, the subject of a main clause: "He served as ... before
                # X appointed him ambassador. He is the most senior figure ...": not X
                main = [o for o in subjects if self.doc[o[1]].dep_ in {"nsubj", "nsubjpass"}
                        and self.doc[o[1]].head.dep_ == "ROOT"
                        and self.doc[o[1]].head.lemma_.lower() not in cue_words("reporting_verbs")]
                # (not who speaks: "X told reporters that Y had cited ... He is ...": Y)
                subjects = main or subjects
            _, _, key = (subjects or pool)[-1]
            self.add(cand, key, EntityType.PERSON, self.clusters[key].label)
            if self.doc[cand.head].dep_ in {"nsubj", "nsubjpass"} and cand.text.lower() in {"he", "she"}:
                # a subject pronoun carries the topic on: "He is the nephew of X ... Nor is he the first ..."
                bisect.insort(persons, (cand.start, cand.head, key))
            if wanted and not genders.get(key):
                genders[key] = wanted  # "She would not say whether he ...": she is not he

    def _subject_owner(self, subject_i: int, options: list[tuple[int, int, str]]) -> str | None:
        """The person who owns what the clause's subject is part of ("The head of Mr X's army"): the one an object pronoun of that clause refers to, if named before."""
        subject = self.doc[subject_i]
        owners = [t for t in subject.subtree if t.dep_ == "poss" and t.i != subject_i and t.pos_ == "PROPN"]
        for tok in reversed(owners):
            key = next((k for _, head, k in options if head == tok.i), None)
            if key is None:  # the recognizer missed the name inside a description: match it by surname
                keys = {c.key for c in self.clusters.values() if c.type == EntityType.PERSON
                        and not c.key.startswith("anon:") and any(
                            n.split()[-1] == tok.text for n in c.names if n.split())
                        and any(m.start < subject.left_edge.i and m.kind != "pronoun" for m in c.mentions)}
                key = keys.pop() if len(keys) == 1 else None
            if key is not None:
                return key
        return None

    def pronoun_predicates(self) -> None:
        """"he had become a member of the group": a role nominal predicated of a pronoun is the person the
        pronoun refers to (known only once pronouns are resolved)."""
        by_head = {c.head: self.assign[id(c)] for c in self.mentions if c.kind == "pronoun" and id(c) in self.assign}
        for cand in [c for c in self.mentions if c.kind == "nominal" and self.assign.get(id(c), "").startswith("anon:")]:
            head = self.doc[cand.head]
            if head.dep_ != "attr" or head.head.lemma_ not in {"be", "become"}:
                continue
            subject = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
            key = by_head.get(subject.i) if subject is not None else None
            if key is None or key.startswith("anon:"):
                continue
            self.move(cand, key)

    def regimes_of_leaders_broken_with(self) -> None:
        """"broke with President X", "deserted the king", "no longer recognized his government" (his = a head of
        state): the regime he leads, also when the article never names it as one."""
        persons = self.person_tokens()

        def heads_a_state(key: str) -> bool:
            cluster = self.clusters[key]
            words = {n.split()[0].lower().rstrip(".") for n in [cluster.label, *cluster.names] if n.split()}
            if (words | set(cluster.role_words)) & _HEADS_OF_STATE:
                return True
            # "X, who has ruled the country since 1994", "X has governed since the coup"
            heads = [self.doc[m.head] for m in cluster.mentions]
            return any((h.dep_ == "nsubj" and h.head.lemma_.lower() in {"rule", "govern"}) or any(
                c.dep_ == "relcl" and c.lemma_.lower() in {"rule", "govern"} for c in h.children) for h in heads)

        def regime_of(leader: str) -> str:
            regimes = [c for c in self.clusters.values() if c.type == EntityType.REGIME]
            known = next((c for c in regimes if c.leader == leader), None)
            country = next((c.country for c in self.clusters[leader].mentions if c.country), "") or \
                self.regime_country() or ""
            leaderless = [c for c in regimes if not c.leader]
            if known is None and len(leaderless) > 1:  # "the government" of his country, beside "Spain's government"
                leaderless = [c for c in leaderless if c.country == country]
            if known is None and len(leaderless) == 1 and (len(regimes) == 1 or leaderless[0].country == country):
                known = leaderless[0]  # "the regime" the article names without its leader
                known.leader = leader
            if known is not None:
                return known.key
            key = f"regime:{leader}"
            named = self.clusters[leader].label
            # "broke with the Syrian president": a leader known only by his post names no regime; his country does
            label = self._regime_label(leader) if named[:1].isupper() else f"{country} regime" if country else "the regime"
            self.clusters[key] = _Cluster(key, EntityType.REGIME, label, names=[label], leader=leader,
                                          country=country)
            return key

        for cand in list(self.mentions):
            key = self.assign.get(id(cand))
            head = self.doc[cand.head]
            if key is None or self.clusters[key].type not in {EntityType.GOVERNMENT, EntityType.REGIME} or \
                    head.lemma_.lower() not in {"government", "regime", "administration"} or self.clusters[key].leader:
                continue
            pron = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in {"his", "her"}), None)
            if pron is None:
                continue
            owner = persons.get(pron.i)
            if owner is None or not heads_a_state(owner):
                # "they no longer recognized his government": the head of state told last, not the subject
                start = self.sents[max(0, next(n for n, s in enumerate(self.sents) if s.start <= pron.i < s.end) - 2)].start
                owner = next((persons[i] for i in range(pron.i - 1, start - 1, -1)
                              if i in persons and heads_a_state(persons[i])), None)
            if owner is not None:
                regime = regime_of(owner)
                if regime != key:
                    self.move(cand, regime)  # "his government": the regime of the head of state he is
        for tok in self.doc:
            leader = persons.get(tok.i)
            if leader is None or tok.head.i in persons or not heads_a_state(leader):
                continue
            verb, prep = (tok.head.head, tok.head.lower_) if tok.dep_ == "pobj" else (tok.head, "") \
                if tok.dep_ == "dobj" else (None, "")
            lemma = verb.lemma_.lower() if verb is not None else ""
            if (prep in {"with", "from"} and lemma in {"break", "split", "part"}) or (
                    prep == "from" and lemma == "defect") or (prep == "against" and lemma == "turn") or (
                    tok.dep_ == "dobj" and lemma in {"desert", "abandon", "betray", "disavow", "repudiate"}) or (
                    prep == "from" and (lemma == "withdraw" or (verb is not None and verb.lemma_.lower() in {
                        "allegiance", "loyalty"} and verb.head.lemma_.lower() == "withdraw"))):
                regime_of(leader)

    def named_as(self) -> None:
        """"They named him as X", "identified the officer as Colonel X": the person the pronoun or the
        description refers to is X; an unnamed description it was resolved to joins X."""
        pronouns = {c.head: c for c in self.mentions if c.kind in {"pronoun", "nominal"} and id(c) in self.assign}
        for cand in [c for c in self.mentions if c.kind in {"ner", "ner_person"} and id(c) in self.assign]:
            key = self.assign[id(cand)]
            head = self.doc[cand.head]
            while head.dep_ == "compound" and head.head.i > head.i:  # "as Colonel X Y"
                head = head.head
            verb = head.head.head if head.dep_ == "pobj" and head.head.lower_ == "as" else None
            if head.dep_ == "attr" and head.head.lemma_ == "be" and self.clusters[key].type == EntityType.PERSON:
                # "His name is X", "The officer's name is X"
                name = next((c for c in head.head.children if c.dep_ == "nsubj" and c.lemma_.lower() == "name"), None)
                owner = next((c for c in name.children if c.dep_ == "poss" and c.i in pronouns), None) if name else None
                if owner is not None:
                    other = self.assign[id(pronouns[owner.i])]
                    if other.startswith("anon:") and other != key:
                        for mention in list(self.clusters[other].mentions):
                            self.move(mention, key)
                    elif other != key and self.clusters[other].type == EntityType.PERSON:
                        self.move(pronouns[owner.i], key)
                continue
            if verb is None and cand.start > 1 and self.doc[cand.start - 1].lower_ in {"named", "called"} and \
                    self.clusters[key].type == EntityType.PERSON:
                # "a 19-year-old sergeant of the People's Police named X Y": the description before "named"
                before = [c for c in self.mentions if c.kind == "nominal" and id(c) in self.assign
                          and cand.start - 8 <= c.end <= cand.start - 1 and c.start < cand.start
                          and not any(t.pos_ == "VERB" for t in self.doc[c.end:cand.start - 1])]
                if before:
                    other = self.assign[id(before[-1])]
                    if other.startswith("anon:") and other != key:
                        for mention in list(self.clusters[other].mentions):
                            self.move(mention, key)
                    elif other != key:
                        self.move(before[-1], key)
                continue
            if verb is None or verb.lemma_.lower() not in {"name", "identify"} or \
                    self.clusters[key].type != EntityType.PERSON:
                continue
            pron = next((pronouns[c.i] for c in verb.children if c.dep_ == "dobj" and c.i in pronouns), None)
            if pron is None and verb.dep_ == "relcl" and verb.head.i in pronouns:
                pron = pronouns[verb.head.i]  # "an officer it named as Lt Col X"
            if pron is None:
                continue
            other = self.assign[id(pron)]
            if other.startswith("anon:") and other != key:
                for mention in list(self.clusters[other].mentions):
                    self.move(mention, key)
            elif other != key:
                self.move(pron, key)
        self._nicknames()

    def _nicknames(self) -> None:
        """"X, widely known as "Mosquito"", "X, nicknamed Y", "X, alias Y": Y is another name of X; every
        mention of Y joins X."""
        by_token = {i: c for c in self.mentions if id(c) in self.assign for i in range(c.start, c.end)}
        for tok in tokens(self.doc):
            if tok.lemma_.lower() not in {"know", "nickname", "dub", "call"} or tok.dep_ not in {"acl", "appos"}:
                continue
            owner = by_token.get(tok.head.i)
            if owner is None or self.clusters[self.assign[id(owner)]].type != EntityType.PERSON:
                continue
            names = [o for p in tok.children if p.dep_ == "prep" and p.lower_ == "as" for o in p.children
                     if o.dep_ == "pobj"] + [c for c in tok.children if c.dep_ in {"oprd", "dobj", "attr"}]
            for name in names:
                nick = next((by_token[t.i] for t in name.subtree if t.i in by_token), None)
                if nick is None or nick is owner:
                    continue
                key, other = self.assign[id(owner)], self.assign[id(nick)]
                if other != key and self.clusters[other].type in {EntityType.PERSON, EntityType.ORGANIZATION} and \
                        not other.startswith(("country:", "body:")):
                    self.clusters[key].names.append(self.clusters[other].label)
                    for mention in list(self.clusters[other].mentions):
                        self.move(mention, key)

    def quote_speakers(self) -> dict[int, str]:
        keys = {}
        for cand in self.mentions:
            key = self.assign.get(id(cand))
            if key:
                for i in range(cand.start, cand.end):
                    keys[i] = key
        speakers: dict[int, str] = {}
        last_end, last_speaker = -100, None
        for start, end in _quote_regions(self.doc):
            speaker = _speaker_after(self.doc, end, keys) or _speaker_before(self.doc, start, keys)
            if speaker is None and last_speaker and start - last_end <= 8 and not any(
                    keys.get(i) for i in range(last_end + 1, start) if self.doc[i].lemma_.lower() not in cue_words(
                        "reporting_verbs") and self.doc[i].pos_ != "PRON" and keys.get(i) != last_speaker):
                # '"..." he said. "...": the next quote goes on in the same voice
                speaker = last_speaker
            if speaker is None and last_speaker and start - last_end <= 40 and "\n" not in self.doc[
                    last_end:start].text and sum(1 for t in self.doc[last_end + 1:start] if t.is_sent_start) <= 1:
                # '"...," said X, a researcher at Y who has interviewed Z. "...": the same paragraph, same voice
                speaker = last_speaker
            if speaker:
                last_end, last_speaker = end, speaker
                for i in range(start, end + 1):
                    speakers[i] = speaker
        return speakers


#: words that make a demonym a people's rather than a state's ("an ethnic Kazakh")
_ETHNIC = frozenset({"ethnic", "ethnically"})


def _nationalities(doc: Doc, r: _Resolver) -> dict[str, str]:
    """Country of a person or group from demonyms in their descriptions ("a Venezuelan general",
    "Syrian President X", "Syria's ambassador", "members of Eritrea's national team")."""
    table = countries()
    found: dict[str, Counter[str]] = defaultdict(Counter)
    for key, cluster in r.clusters.items():
        if cluster.type not in {EntityType.PERSON, EntityType.GROUP}:
            continue
        for cand in cluster.mentions:
            if cand.kind == "pronoun":
                continue
            if cand.country:
                found[key][cand.country] += 1
            left = cand.start
            while left > 0 and doc[left - 1].dep_ in {"compound", "amod", "poss", "case"} and \
                    not doc[left - 1].is_punct:
                left -= 1
                if doc[left].lower_ in table and not (left > 0 and doc[left - 1].lower_ in _ETHNIC):
                    found[key][table[doc[left].lower_]] += 2
            if cand.kind != "ner":  # "a Soviet air force pilot", "two Venezuelan National Guard soldiers"
                for t in doc[cand.start:cand.head]:
                    if t.i > 0 and doc[t.i - 1].lower_ in _ETHNIC:
                        continue  # "ethnic Kazakh employees": a people, not a state
                    if t.lower_ in table and t.dep_ in {"amod", "compound", "nmod"} and not cand.country:
                        found[key][table[t.lower_]] += 2
            head = doc[cand.head]
            for obj in (o for p in head.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children
                        if o.dep_ == "pobj"):  # "ten members of Eritrea's national football team"
                for t in obj.subtree:
                    if t.lower_ in table and t.dep_ in {"amod", "compound", "poss"} and t.head == obj:
                        found[key][table[t.lower_]] += 1
            for child in head.children:
                if child.dep_ == "appos":
                    for t in child.subtree:
                        if t.lower_ in table and t.dep_ in {"amod", "compound", "poss", "nmod"} and t.head == child:
                            found[key][table[t.lower_]] += 1
    return {key: f"country:{counts.most_common(1)[0][0]}" for key, counts in found.items() if counts}


_MILITARY_UNITS = {"battalion", "brigade", "regiment", "company", "platoon", "division", "corps", "squadron",
                   "garrison", "guard", "guards"}


#: words of a named body of the state ("the Republican Guard", "the State Information Services") and
#: words that make it something else (a party, a movement, a rights group, an outlet)
_STATE_BODY_WORDS = frozenset({"guard", "agency", "service", "services", "directorate", "police", "gendarmerie",
                               "intelligence", "ministry", "department", "command", "constabulary",
                               # the state's institutions: "Parliament", "the Supreme Court", "the Presidency"
                               "parliament", "assembly", "senate", "court", "tribunal", "bureau", "presidency",
                               "procuracy", "constitutional", "judiciary"})
_NOT_STATE_WORDS = frozenset({"opposition", "rebel", "rebels", "liberation", "front", "movement", "party", "union",
                              "coalition", "alliance", "observatory", "rights", "news", "press", "television",
                              "radio", "monitor", "watch", "international", "united", "european", "african",
                              "federal", "metropolitan", "migration", "immigration", "refugee", "refugees"})


_ORDINALS = frozenset({"first", "second", "third", "fourth", "fifth"})


def _inside_quotes(doc: Doc, i: int) -> bool:
    """Whether token ``i`` stands inside a quotation (quote marks counted from its paragraph's start)."""
    text = doc_text(doc)
    at = doc[i].idx
    before = text[text.rfind("\n", 0, at) + 1:at]
    return (before.count('"') % 2 == 1) or before.count("\u201c") > before.count("\u201d")


def _rebel_force(label: str) -> bool:
    """A force the rebels call an army ("the Free Syrian Army"): never what "the army" of a state means. (A
    "liberation army" may be the state's: South Sudan's is the Sudan People's Liberation Army.)"""
    words = set(label.lower().replace("-", " ").split())
    return bool(words & (cue_words("opposition_modifiers") | {"rebel", "rebels", "insurgent"}))


def _units_in_the_state_army(r: _Resolver, structure: list[tuple[str, str, str, int]], country: str | None,
                             first_tok: dict[str, int]) -> None:
    """"Light Infantry Battalion 356" in an article about one country's army: a unit of that army, when
    the article names the army and says of the unit nothing else (no owner, no rebel or foreign word); its
    air force and navy are branches of its "armed forces" or "military"."""
    if not country:
        return
    state_bodies = [c for c in r.clusters.values() if c.type in {EntityType.GOVERNMENT, EntityType.ORGANIZATION}
                    and (c.key.startswith(f"body:{country}:") or state_force(c.label) == country.lower())]
    air_force = max((c for c in state_bodies if c.label.lower().endswith("air force")),
                    key=lambda c: len(c.mentions), default=None)
    owned = {s for s, label, o, _ in structure if label == "part_of" and not o.startswith("country:")}
    if air_force is not None:  # "two other officers from X's squadron": a squadron of the state's air force
        for cluster in r.clusters.values():
            words = set(cluster.label.lower().replace("-", " ").split())
            if cluster.type in {EntityType.GOVERNMENT, EntityType.ORGANIZATION} and words & {"squadron", "wing"} \
                    and cluster.key not in owned and cluster.country in {"", country}:
                structure.append((cluster.key, "part_of", air_force.key, first_tok.get(cluster.key, 0)))
                owned.add(cluster.key)
    armies = [c for c in state_bodies if c.label.lower().split()[-1:] in (["army"], ["forces"], ["military"])]
    if not armies:
        return
    army_cluster = max(armies, key=lambda c: len(c.mentions))
    army = army_cluster.key
    # a service of the state's "armed forces" or "military" is one of its branches ("the air force", "the navy")
    branches = {"navy"} if army_cluster.label.lower().split()[-1:] in (["forces"], ["military"]) else set()
    # (a unit named with its country, "the 3312th regiment" in a Congolese article, lies in that country's army)
    other = cue_words("opposition_modifiers") | {"rebel", "rebels", "insurgent", "militia"}
    for cluster in r.clusters.values():
        words = set(cluster.label.lower().replace("-", " ").split())
        if cluster.key != army and cluster.type in {EntityType.GOVERNMENT, EntityType.ORGANIZATION} and \
                (words & _MILITARY_UNITS or (branches and (words & branches or cluster.label.lower().endswith(
                    "air force")))) and not words & other and cluster.key not in owned and \
                cluster.country in {"", country}:
            structure[:] = [e for e in structure if not (e[0] == cluster.key and e[1] == "part_of")]
            structure.append((cluster.key, "part_of", army, first_tok.get(cluster.key, 0)))


def resolve_mentions(doc: Doc, mentions: list[Candidate], *, doc_id: str) -> Resolution:
    """Cluster the mentions of one article into entities.

    The order matters: named persons, then surnames the recognizer missed, places and bodies,
    regimes, role nominals, groups, and pronouns last (they need the speakers of quotes).
    """
    r = _Resolver(doc, mentions, doc_id)
    r.persons()
    r.mentions.extend(r.surname_tokens())
    r.mentions.sort(key=lambda c: (c.start, -c.end))
    r.places_and_bodies()
    r.acronyms()
    r.org_short_forms(r.org_heads())
    r.state_force_short_forms()
    r.places_named_like_bodies()
    r.ministries_named_twice()
    r.regimes()
    r.bodies()
    r.nominals()
    r.org_nominals()
    r.groups()
    r.pronouns(r.quote_speakers())
    r.pronoun_predicates()
    r.named_as()
    r.regimes_of_leaders_broken_with()
    speakers = r.quote_speakers()

    main_country = r.regime_country()
    regimes = [c for c in r.clusters.values() if c.type == EntityType.REGIME]
    counts = Counter({c.key: len(c.mentions) for c in regimes})
    main_regime = counts.most_common(1)[0][0] if counts else None

    token_keys: dict[int, str] = {}
    head_keys: dict[int, str] = {}
    for cand in sorted(r.mentions, key=lambda c: -(c.end - c.start)):
        key = r.assign.get(id(cand))
        if key is None:
            continue
        for i in range(cand.start, cand.end):
            token_keys[i] = key
        head_keys[cand.head] = key
    structure: list[tuple[str, str, str, int]] = []
    for s, label, o, tok in r.structure:
        if o.startswith("@tok:"):
            o = token_keys.get(int(o[5:]), "")
        if label == "located_in" and (o == s or o not in r.clusters or r.clusters[o].type not in {
                EntityType.PLACE, EntityType.COUNTRY}):
            continue  # a place lies in a place, never in itself or in an organization
        if o:
            structure.append((s, label, o, tok))
    first_tok: dict[str, int] = {}
    for cluster in r.clusters.values():
        if cluster.mentions:
            first_tok[cluster.key] = min(c.start for c in cluster.mentions)
    regime_of_leader: dict[str, str] = {}
    dominant = (r.clusters[main_regime].country if main_regime and r.clusters[main_regime].country
                else r.dominant_country())
    for cluster in list(r.clusters.values()):
        anchor = first_tok.get(cluster.key, 0)
        if cluster.type == EntityType.REGIME:
            if cluster.country:
                structure.append((cluster.key, "governs", r.ensure_country(cluster.country), anchor))
            if cluster.leader:
                regime_of_leader[cluster.leader] = cluster.key
                structure.append((cluster.leader, "leader_of", cluster.key, anchor))
        elif cluster.type == EntityType.PLACE and cluster.country and r.country_key(cluster.country) in r.clusters:
            structure.append((cluster.key, "located_in", r.country_key(cluster.country), anchor))
        elif cluster.type == EntityType.PLACE and cluster.country and len(former := [
                f for f in former_states().get(cluster.country, ()) if r.country_key(f) in r.clusters]) == 1:
            # "Prague" in an article that names Czechoslovakia and not the Czech Republic: then Czechoslovakia's
            structure.append((cluster.key, "located_in", r.country_key(former[0]), anchor))
        elif cluster.type == EntityType.PLACE and dominant and not cluster.country and not _natural_feature(
                cluster.label) and not any(s == cluster.key and label == "located_in" for s, label, _, _ in structure):
            # an unknown place in an article about one country is taken to lie in that country
            structure.append((cluster.key, "located_in", f"country:{dominant}", anchor))
        elif cluster.body_head == "cabinet" and main_regime and r.clusters[main_regime].country in {cluster.country, ""}:
            structure.append((cluster.key, "part_of", main_regime, anchor))  # "the cabinet": the regime's
        elif cluster.body_head in {"government", "administration", "junta", "cabinet"} and cluster.country:
            structure.append((cluster.key, "governs", r.ensure_country(cluster.country), anchor))
        elif cluster.body_head and cluster.type == EntityType.GOVERNMENT and main_regime and \
                r.clusters[main_regime].country in {cluster.country, ""} and cluster.body_head not in _MILITARY_UNITS:
            structure.append((cluster.key, "part_of", main_regime, anchor))
        elif cluster.type == EntityType.GOVERNMENT and cluster.country and not set(
                cluster.label.lower().split()) & _MILITARY_UNITS:  # (units: in their army, below)
            # "the Consulate General of Armenia": part of the country's regime when the article names it
            # (the regime governs the country, so the body still lies within the country)
            owner = next((c.key for c in regimes if c.country == cluster.country), None)
            structure.append((cluster.key, "part_of", owner or r.ensure_country(cluster.country), anchor))
        elif cluster.type == EntityType.ORGANIZATION and state_force(cluster.label):
            # "the Lao People's Army", "the Rwanda Defence Force": a state's own armed force
            country = countries()[state_force(cluster.label)]
            structure.append((cluster.key, "part_of", r.ensure_country(country), anchor))
        elif cluster.type == EntityType.GOVERNMENT and dominant and {"ministry", "department"} & set(
                cluster.label.lower().split()) and not any(
                s == cluster.key and label == "part_of" for s, label, _, _ in structure):
            # "the Energy Ministry" in an article about one country: that country's, under its regime if
            # the article names one
            owner = main_regime if main_regime and r.clusters[main_regime].country == dominant else None
            structure.append((cluster.key, "part_of", owner or f"country:{dominant}", anchor))
    _units_in_the_state_army(r, structure, dominant or r.regime_country(), first_tok)
    owned_units = {s for s, label, _, _ in structure if label == "part_of"}
    for cluster in list(r.clusters.values()):
        if cluster.type == EntityType.GOVERNMENT and cluster.country and cluster.key not in owned_units and set(
                cluster.label.lower().split()) & _MILITARY_UNITS:  # a unit of a country that names no army
            owner = next((c.key for c in regimes if c.country == cluster.country), None)
            structure.append((cluster.key, "part_of", owner or r.ensure_country(cluster.country),
                              first_tok.get(cluster.key, 0)))
    owned = {s for s, label, _, _ in structure if label == "part_of"}
    dominant = dominant or r.weighted_dominant_country()
    for cluster in list(r.clusters.values()):
        words = set(cluster.label.lower().split())
        named = next((countries()[w] for w in (x.replace("'s", "").replace("’s", "") for x in words)
                      if w in countries()), None) or cluster.country or None
        if cluster.type in {EntityType.ORGANIZATION, EntityType.GOVERNMENT} and (named or dominant) and \
                cluster.key not in owned and words & _STATE_BODY_WORDS and not words & _NOT_STATE_WORDS:
            # "the Presidential Guard", "the State Intelligence Agency" in an article about one country: its state's;
            # "the Myanmar Police Force" in an article told from India, "the Venezuelan supreme court" in an
            # article about two: the state it names
            state = named or dominant or ""
            owner = main_regime if main_regime and r.clusters[main_regime].country == state else None
            structure.append((cluster.key, "part_of", owner or (r.ensure_country(state) if named else f"country:{state}"),
                              first_tok.get(cluster.key, 0)))
    entities: dict[str, Entity] = {}
    for cluster in r.clusters.values():
        names = list(dict.fromkeys(n for n in [cluster.label, *cluster.names] if n))
        spans = tuple(sorted({(doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1])) for c in cluster.mentions}))
        from graphbuild.model import TextSpan
        entities[cluster.key] = Entity(key=cluster.key, type=cluster.type, label=cluster.label,
                                       names=tuple(names[1:]) if names[0] == cluster.label else tuple(names),
                                       mentions=tuple(TextSpan(a, b) for a, b in spans))
    return Resolution(entities=entities, token_keys=token_keys, head_keys=head_keys, main_regime=main_regime,
                      main_country=f"country:{main_country}" if main_country else None,
                      regime_of_leader=regime_of_leader, structure=structure, speakers=speakers,
                      nationality=_nationalities(doc, r), regime_of_country={
                          f"country:{c.country}": c.key for c in sorted(regimes, key=lambda c: -len(c.mentions))[::-1]
                          if c.country})


_ = (defaultdict, _QUOTE_CHARS)
