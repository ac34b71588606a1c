"""Events with their participants: defections (defect, desert, abandon, break with, switch sides,
seek asylum, join the rebels, "the defection of X") and appointments, dismissals, resignations and
arrests, so that a sacking is never read as a defection."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from graphbuild.extract.attribution import attribute, denial_by, overall_certainty, sentence_span, temporal_subject
from graphbuild.extract.dates import normalize_time
from graphbuild.extract.lexicons import cities, countries, cue_words, kin_words
from graphbuild.extract.mentions import role_heads
from graphbuild.model import Article, Certainty, Claim, EntityType, Event, EventKind, Role, TextSpan, TimeBounds
from graphbuild.nlp.tokens import doc_text, tokens
from graphbuild.resolve.coref import Resolution

_STRONG = {"defect", "desert"}
_REBEL_WORDS = {"rebel", "rebels", "opposition", "insurgents", "insurgency", "revolution", "revolutionaries",
                "resistance", "uprising", "protesters", "army", "side"}
#: armed men on the other side: joining them is a defection for soldiers and officials only ("young men joined
#: the militants" is recruitment)
_ARMED_SIDE_WORDS = {"gunmen", "militants", "jihadists", "guerrillas", "guerrilla", "mutineers", "separatists",
                     "insurgent", "fighters", "cartel", "cartels", "gang", "gangs", "mujahideen", "mujahedeen",
                     "mujahidin", "mujahedin", "partisans", "partisan", "maquis"}
#: what a defector from an armed movement is called: the state he fights is never the body he left
_INSURGENTS = {"guerrilla", "guerrillas", "rebel", "rebels", "insurgent", "insurgents", "militant", "militants",
               "jihadist", "jihadists", "maoist", "maoists", "fighter", "fighters", "militiaman", "militiamen",
               "cadre", "cadres", "combatant", "combatants"}
_POSTS = {"post", "posts", "position", "positions", "unit", "station", "duty", "duties", "service",
          "responsibilities", "responsibility", "functions", "function"}
_BODY_TYPES = {EntityType.REGIME, EntityType.GOVERNMENT, EntityType.ORGANIZATION, EntityType.COUNTRY}
_AGENT_TYPES = {EntityType.PERSON, EntityType.GROUP}
_CONTROL_VERBS = {"encourage", "urge", "persuade", "convince", "force", "push", "prompt", "lead", "cause",
                  "call", "ask", "invite", "allow", "help", "inspire", "tempt", "pressure"}


def _key(tok: Token | None, res: Resolution) -> str | None:
    if tok is None:
        return None
    key = res.key_of(tok)
    if key is None and tok.pos_ in {"NOUN", "PROPN"}:
        for child in tok.children:
            if child.dep_ in {"appos", "compound", "nmod"}:  # "the X Brigade (Y) unit"
                key = res.key_of(child)
                if key:
                    break
        relational = cue_words("relative_words") | cue_words("child_words") | cue_words("parent_words") | cue_words(
            "group_heads") | cue_words("confidant_words")
        if key is None and tok.lemma_.lower() not in relational and tok.lower_ not in relational:
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    key = next((res.key_of(c) for c in child.children if c.dep_ == "pobj"), None)
    return key


def _pobj(tok: Token, preps: set[str]) -> Iterator[Token]:
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    yield obj
                    yield from obj.conjuncts


def _destinations(verb: Token) -> list[Token]:
    """Where a verb goes: "fled to X", "crossed into X", "left X for Y", and "swam across to X" (the
    particle's phrase)."""
    leave = verb.lemma_.lower() == "leave"
    return [*_pobj(verb, {"to", "into"} | ({"for"} if leave else set())),
            *(o for p in verb.children if p.dep_ in {"prt", "advmod"} for o in _pobj(p, {"to", "into"})),
            # "left our homeland in secret for X": the parser may hang "for Y" on the adverbial before it
            *(o for p in verb.children if leave and p.dep_ == "prep" and p.lower_ in {"in", "by", "at"}
              for n in p.children if n.dep_ == "pobj" for o in _pobj(n, {"for"}) if o.ent_type_ == "GPE")]


_PERCEPTION_VERBS = {"watch", "see", "saw", "hear", "film", "witness", "notice", "observe"}


#: what one hands in or posts to tell one's departure ("handed in letters quitting the party")
_PAPERS = frozenset({"letter", "statement", "declaration", "resignation", "notice", "video", "message"})


def _subject(verb: Token, res: Resolution) -> Token | None:
    """The doer of a verb: its subject, the subject of the verb it is conjoined to, the noun a
    relative or infinitival clause modifies, the subject of a copula whose attribute that noun is,
    or the object of a control verb ("encourage others to leave")."""
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            if child.lower_ in {"who", "that", "which"} and verb.dep_ == "relcl":
                noun = verb.head  # "X, a first secretary at the embassy, who refused to return": X
                if noun.lower_ in {"those", "anyone", "anybody", "whoever", "all"}:
                    return noun  # "promised to punish those who abandon their posts": whoever does, not him
                if noun.dep_ == "pobj" and noun.head.lower_ == "of" and child.lower_ == "who" and \
                        res.type_of(res.key_of(noun)) not in _AGENT_TYPES:
                    return noun.head.head  # "three officers of the X sector, who abandoned ...": them
                if child.lower_ == "who" and res.type_of(res.key_of(noun)) not in _AGENT_TYPES and not (
                        noun.dep_ == "appos" and res.key_of(noun) is None):
                    # "three colleagues in missions in Europe who were considering ...": the parser hung the
                    # clause on the last noun; "who" is the people named just before it
                    return next((t for t in reversed(verb.doc[noun.sent.start:noun.i]) if t.pos_ in {"NOUN", "PROPN"}
                                 and res.type_of(res.head_keys.get(t.i)) in _AGENT_TYPES), noun)
                return noun.head if noun.dep_ == "appos" and res.key_of(noun) is None and not any(
                    t.text == ";" for t in verb.doc[min(noun.i, noun.head.i):max(noun.i, noun.head.i)]) else noun
                # (no apposition across a semicolon: "X listed among dead; Russian pilot who flew ... named")
            if child.lower_ == "who" and child.i > verb.sent.start:
                # "call on every soldier who still serves the regime to follow ...": the parser hung the relative
                # clause on the verb; "who" is the people named just before it
                return next((t for t in reversed(verb.doc[verb.sent.start:child.i]) if t.pos_ in {"NOUN", "PROPN"}
                             and res.type_of(res.head_keys.get(t.i)) in _AGENT_TYPES), child)
            if any(c.dep_ == "mark" and c.lower_ == "for" for c in verb.children) and (
                    appealed := _appealed_to(verb)) is not None:
                return appealed  # 'urged "all who were deceived" into fighting for the X to follow ...': the
                # parser took X for the subject of a "for ... to" clause
            if child.lower_ in {"alias", "aka"}:  # "X Y, alias Z, deserted ...": the parser's subject is the word
                return next((t for t in reversed(verb.doc[verb.sent.start:child.i])
                             if res.type_of(res.key_of(t)) == EntityType.PERSON), child)
            return child
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.dep_ == "dobj" and verb.head.head.pos_ == "VERB" and \
            res.type_of(res.key_of(verb.head)) not in _AGENT_TYPES and verb.head.lemma_.lower() in _PAPERS:
        return _subject(verb.head.head, res)  # "28 of its deputies had handed in letters quitting the party"
    for child in verb.children:
        if child.dep_ == "npadvmod" and child.lemma_.lower() in {"week", "month", "year", "day", "night"}:
            named = next((c for c in child.children if c.dep_ == "appos" and c.pos_ == "PROPN"
                          and res.type_of(res.key_of(c)) == EntityType.PERSON), None)
            if named is not None:
                return named  # "Last month X Y, a member of ..., quit the party": the parser took the name
                # for an apposition of the time
        if child.dep_ == "csubj" and child.tag_ == "VBN":
            # "Soldiers deployed in X have abandoned ...": the parser took the participle for a clause
            return next((c for c in child.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if verb.dep_ == "ccomp":
        # "that two officers posted to the consulate had not come back": the parser took the participle
        # for a second clause and left the real verb without its subject
        for sib in verb.head.children:
            if sib.dep_ == "ccomp" and sib.tag_ == "VBN" and sib.i < verb.i and not any(
                    c.dep_ in {"aux", "auxpass"} for c in sib.children):
                return next((c for c in sib.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if verb.dep_ == "conj":
        seen = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None) if (
            verb.head.lemma_.lower() in _PERCEPTION_VERBS) else None
        # "watched about 30 police officers lay down their shields and walk over to the crowd": the officers
        return seen if seen is not None else _subject(verb.head, res)
    if verb.dep_ == "pcomp" and verb.head.head.pos_ in {"VERB", "AUX"}:
        return _subject(verb.head.head, res)  # "walked for three days before crossing into X": who walked
    since = temporal_subject(verb)
    if since is not None:
        return since
    if verb.dep_ in {"acl", "relcl"}:
        noun = verb.head
        if noun.lemma_.lower() in {"moment", "time", "chance", "opportunity"} and not any(
                c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
            # "Many officers are waiting for the right moment to leave": who waits
            governor = noun.head.head if noun.dep_ == "pobj" else noun.head
            return _subject(governor, res) if governor.pos_ in {"VERB", "AUX"} else None
        if verb.tag_ == "VBN" and noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN" \
                and res.type_of(res.key_of(noun)) not in _AGENT_TYPES and any(
                    (c.dep_ == "amod" and c.lower_ in {"first", "last", "latest", "only"}) or c.tag_ == "JJS"
                    for c in noun.head.head.children):
            # "the first member of the diplomatic service known to have broken with X": the member, whom the
            # parser's clause skipped
            noun = noun.head.head
        if noun.dep_ == "nsubj" and noun.head.lemma_ == "be" and _ranking(noun):
            named = next((c for c in noun.head.children if c.dep_ == "attr"), None)
            if named is not None and res.type_of(res.key_of(named)) == EntityType.PERSON:
                return named  # "The last senior official to abandon X so publicly was Y": Y did
        if noun.dep_ == "attr":
            subject = next((c for c in noun.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subject is None and noun.head.dep_ == "advcl" and noun.head.head.pos_ in {"VERB", "AUX"}:
                return _subject(noun.head.head, res)  # "X has resigned, becoming the first member ... to ..."
            return subject if subject is not None else noun
        if noun.dep_ in {"dobj", "npadvmod"} and noun.head.pos_ in {"VERB", "AUX"} and _detached_ranking(noun):
            return _subject(noun.head, res)  # "X recognised Y in a video, the most senior figure to break with Z"
        return noun
    if verb.dep_ in {"xcomp", "relcl", "advcl"} and verb.head.lemma_.lower() not in _APPEALS and (
            appealed := _appealed_to(verb)) is not None:
        return appealed  # 'called on "all those in the government who know that this path leads to ruin" to follow'
    if verb.dep_ == "xcomp":  # "urged others to leave": the object; "that X was preparing to quit": X
        if any(c.dep_ in {"dobj", "npadvmod"} and c.i < verb.i and _detached_ranking(c) for c in verb.head.children):
            return _subject(verb.head, res)  # the same, with the clause hung on the verb
        obj = next((c for c in verb.head.children if c.dep_ == "dobj" and c.lower_ not in {"that", "which", "who"}),
                   None)
        if obj is not None and verb.head.dep_ == "relcl" and res.type_of(res.key_of(obj)) not in _AGENT_TYPES:
            # "call on every minister who still has a conscience to follow him": the parser hung the verb on
            # the relative clause; its object is no doer
            return _subject(verb.head, res)
        if obj is None and verb.head.lemma_.lower() in {"call", "prevail"}:  # "called on all officers to ..."
            obj = next(_pobj(verb.head, {"on", "upon"}), None)
        if obj is None and verb.head.lemma_.lower() in {"appeal", "plead"}:  # "appealed to the soldiers to ..."
            obj = next(_pobj(verb.head, {"to", "with"}), None)
        if obj is not None:
            return obj
        return _subject(verb.head, res)
    if verb.dep_ == "advcl":
        if verb.head.lemma_.lower() in {"appeal", "plead"} and any(c.dep_ == "aux" and c.lower_ == "to"
                                                                   for c in verb.children):
            obj = next(_pobj(verb.head, {"to", "with"}), None)  # "appealed to the soldiers to leave"
            if obj is not None:
                return obj
        if verb.head.lemma_.lower() in _CONTROL_VERBS and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            # 'urged those around the leader to "abandon him"': the parser took the infinitive for an adverbial
            obj = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
            if obj is not None:
                return obj
        if verb.tag_ == "VBG" and not verb.doc[verb.i - 1].is_punct:
            # "detained 31 men trying to cross the river": the men, not who detained them (but "handed in letters
            # quitting the party": who handed them in)
            obj = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
            if obj is not None and obj.lemma_.lower() not in _PAPERS:
                return obj
        return _subject(verb.head, res)
    return None


def _turned_back_on(verb: Token) -> list[Token]:
    """What "turned his back on" names (the parser hangs "on X" on the verb or on "back"); no date."""
    backs = [c for c in verb.children if c.dep_ in {"dobj", "npadvmod"} and c.lower_ in {"back", "backs"}]
    if not backs:
        return []
    return [o for t in [verb, *backs] for o in _pobj(t, {"on", "upon"}) if o.ent_type_ not in {"DATE", "TIME"}]


def _ranking(noun: Token) -> bool:
    """"the first general", "the last senior official", "the best-known figure", "the most senior member": a
    description that ranks someone among those who did a thing."""
    return any(t.tag_ in {"JJS", "RBS"} or t.lower_ in {"first", "last", "latest", "previous", "only", "most"}
               or (t.lower_ == "known" and t.i > 0 and t.doc[t.i - 1].lower_ in {"best", "-"})
               for t in noun.doc[noun.left_edge.i:noun.i])


_PRECEDENT_VERBS = frozenset({"flee", "defect", "switch", "escape", "quit", "leave", "desert", "cross", "walk", "break",
                              "seek", "resign", "abandon", "go", "join", "turn", "split", "jump", "slip"})


def _precedent(trigger: Token, res: Resolution, defector: str) -> tuple[str, Token] | None:
    """"X is the most senior figure to break with Y since Z, a former minister, fled in 2007", "the first MP to go
    over to the Liberals since Z, who switched in 2007": Z did the same before; Z and the verb that tells when."""
    noun = trigger.head if trigger.dep_ in {"relcl", "acl"} else next(
        (c for c in trigger.head.children if c.dep_ == "attr"), None) if trigger.dep_ in {"xcomp", "advcl"} and \
        trigger.head.lemma_ == "be" else None
    if noun is None or noun.dep_ != "attr" or not _ranking(noun):
        return None
    since = next((t for t in trigger.doc[trigger.i + 1:trigger.sent.end] if t.lower_ == "since"), None)
    if since is None:
        return None
    doc, start, verbs = trigger.doc, since.i + 1, _PRECEDENT_VERBS
    when = next((t for t in doc[start:min(start + 8, trigger.sent.end)] if t.lower_ == "when"), None)
    if when is not None and all(t.ent_type_ == "DATE" or t.is_punct for t in doc[start:when.i]):
        # "since February 1983, when Capt. Z, also of the air force, landed a MiG-19 at the same base"
        start, verbs = when.i + 1, _PRECEDENT_VERBS | {"land", "fly", "swim", "arrive"}
    for t in doc[start:min(start + 8, trigger.sent.end)]:
        key = res.key_of(t)
        if key and key != defector and res.type_of(key) == EntityType.PERSON:
            verb = next((v for v in trigger.doc[t.i + 1:trigger.sent.end] if v.pos_ == "VERB"
                         and v.tag_ in {"VBD", "VBN"}), None)
            if verb is None or verb.lemma_.lower() not in verbs:
                return None  # "since X took office": a time, not someone who did the same
            return key, verb
        if t.pos_ == "VERB" or t.ent_type_ == "DATE":
            return None  # "since the invasion", "since 2019": a time, not someone
    return None


def _detached_ranking(noun: Token) -> bool:
    """", the most senior figure yet to ...", ", the first general to ...": a ranking description set off by a
    comma at the end of a clause, which describes the clause's subject."""
    start = noun.left_edge.i
    return start > 0 and noun.doc[start - 1].text == "," and any(
        t.tag_ in {"JJS", "RBS"} or t.lower_ in {"first", "last", "only", "most"} for t in noun.doc[start:noun.i])


def _claimant(verb: Token, res: Resolution) -> str | None:
    """The body or group whose report the clause is: "Rebels said X had defected to them" (the rebels)."""
    node = verb
    for _ in range(4):
        if node.head is node:
            return None
        node = node.head
        if node.lemma_.lower() in cue_words("reporting_verbs"):
            key = next((res.key_of(c) for c in node.children if c.dep_ == "nsubj"), None)
            return key if res.type_of(key) in {EntityType.ORGANIZATION, EntityType.GROUP} else None
    return None


def _noun_before(verb: Token, res: Resolution) -> Token | None:
    """The subject the parser lost: the person or group right before the verb and its auxiliaries
    ("..., about 10,000 soldiers and police have deserted")."""
    i = verb.i - 1
    while i >= verb.sent.start and verb.doc[i].dep_ in {"aux", "auxpass", "neg", "advmod"}:
        i -= 1
    if i < verb.sent.start:
        return None
    tok = verb.doc[i]
    return tok if res.type_of(res.key_of(tok)) in _AGENT_TYPES else None


#: verbs of the journey that goes with a defection: "defected and arrived in Seoul with his family"
_MOTION_VERBS = {"arrive", "flee", "escape", "cross", "travel", "fly", "reach", "enter", "leave", "go", "come",
                 "land"}


def _office_holder(tok: Token | None, res: Resolution) -> bool:
    """An official, officer or lawmaker by his phrase or, for a pronoun, by the names of the one it means
    (plurals too: "14 senators")."""
    if tok is None:
        return False
    words = {t.lemma_.lower() for t in tok.subtree}
    if tok.pos_ == "PRON" and (entity := res.entities.get(res.key_of(tok) or "")) is not None:
        words |= {w.lower().strip(".,") for name in (entity.label, *entity.names) for w in name.split()}
    words |= {w[:-1] for w in words if w.endswith("s")}
    return bool(words & (_OFFICIAL_WORDS | _POLICE_WORDS | _RANK_ABBREVIATIONS | {"senator", "lawmaker", "mla",
                                                                                "legislator", "deputy", "councillor"}))


#: what one places oneself under when one changes sides ("under the command of X")
_COMMANDS = frozenset({"command", "orders", "order", "authority", "control"})  # not "at the disposal of the new government"


def _commanded_by(verb: Token, res: Resolution) -> str | None:
    """Whose command one placed oneself under: "under the command of the armed forces"."""
    for obj in _pobj(verb, {"under", "at"}):
        if obj.lemma_.lower() not in _COMMANDS:
            continue
        for owner in [*(c for c in obj.children if c.dep_ == "poss"), *_pobj(obj, {"of"})]:
            key = _key(owner, res)
            if key and res.type_of(key) in _BODY_TYPES | {EntityType.GROUP, EntityType.PERSON}:
                return (_side_led_by(key, res) or key) if res.type_of(key) == EntityType.PERSON else key
    return None


def _one_or_counted(verb: Token) -> bool:
    """The verb's subject is one person or a counted group ("a private crossed the border", "two soldiers
    crossed ..."), not a whole force ("the last Syrian soldiers crossed the border out of Lebanon")."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and (subject.tag_ in {"NN", "NNP"} or any(c.dep_ == "nummod" for c in subject.children))


def _civilian(tok: Token | None) -> bool:
    """Civilians, residents and refugees flee; they do not defect."""
    if tok is None:
        return False
    heads = {tok.lower_, *(c.lower_ for c in tok.children if c.dep_ == "prep" for c in c.children)}
    if tok.lower_ in {"people", "persons", "men", "women"} and any(
            o.lemma_.lower() in _BODIES_LEFT | {"ministry", "forces"} for p in tok.children
            if p.dep_ == "prep" and p.lower_ in {"in", "of", "within"} for o in p.children if o.dep_ == "pobj"):
        return False  # "many people in the armed forces and in the ministries": serving, not civilians
    return bool(heads & cue_words("civilian_heads"))


_OFFICIAL_WORDS = frozenset({
    "soldier", "officer", "official", "member", "troop", "general", "colonel", "commander", "diplomat", "minister",
    "policeman", "unit", "battalion", "brigade", "governor", "ambassador", "envoy", "secretary", "lawmaker", "mp",
    "senator", "judge", "prosecutor", "agent", "spy", "pilot", "sergeant", "corporal", "captain", "major", "lieutenant",
    "gendarme", "serviceman", "servicemen", "spokesman", "spokeswoman", "counsellor", "attaché", "consul", "mayor",
    "chairman", "chief", "director", "adviser", "advisor", "aide", "head"})
#: abbreviated ranks in a name ("Maj. X Y")
_RANK_ABBREVIATIONS = frozenset({"maj", "gen", "col", "lt", "capt", "sgt", "brig", "adm", "cpl", "amb", "cmdr"})


def _military_or_official(tok: Token | None, res: Resolution | None = None) -> bool:
    """Soldiers, officers, officials or members of a state body: those whose siding with the other
    side is a defection (by the words of the phrase, or, given the resolution, of the names of the one a
    pronoun means: "he fled his country" said of "Maj. X Y")."""
    if tok is None:
        return False
    words = {t.lemma_.lower() for t in tok.subtree}
    if res is not None and tok.pos_ == "PRON" and (entity := res.entities.get(res.key_of(tok) or "")) is not None:
        words |= {w.lower().strip(".,") for name in (entity.label, *entity.names) for w in name.split()}
    return bool(words & (_OFFICIAL_WORDS | _POLICE_WORDS | _RANK_ABBREVIATIONS))


def _serving(tok: Token | None) -> bool:
    """A soldier, police officer or state official by the words that describe him (not a member of a council)."""
    words = {t.lemma_.lower() for t in tok.subtree} if tok is not None else set()
    return bool(words & (_SOLDIER_WORDS | _POLICE_WORDS | {"official", "diplomat", "minister", "ambassador", "envoy",
                                                           "consul", "agent", "spy", "guard", "investigator",
                                                           "ministry"}))  # "an investigator in the Interior Ministry"


def _rebel_leader(key: str, doc: Doc, res: Resolution) -> bool:
    """A person the article has lead rebels ("a rebel column led by Colonel X") or break with the government
    himself ("X broke with the government in February"): joining him is going over."""
    for tok in tokens(doc):
        if res.key_of(tok) != key:
            continue
        verb = tok.head.head if tok.dep_ == "pobj" and tok.head.dep_ == "agent" else None
        if verb is not None and verb.lemma_.lower() in {"lead", "command", "head"} and any(
                t.lower_ in _REBEL_WORDS | _ARMED_SIDE_WORDS | {"mutinous", "rebellious"} for t in verb.head.subtree
                if t.i < verb.i):
            return True  # "a rebel column led by X"
        if tok.dep_ == "nsubj" and (tok.head.lemma_.lower() in _STRONG or (
                tok.head.lemma_.lower() == "break" and any(o.lemma_.lower() in cue_words("regime_words")
                                                           for o in _pobj(tok.head, {"with", "from"})))):
            return True  # "X broke with the government in February"
    return False


def _unit_body(key: str, res: Resolution) -> bool:
    """An armed unit the article names as a body ("the 10th Brigade", "the garrison at X")."""
    entity = res.entities.get(key)
    return entity is not None and entity.type in {EntityType.GOVERNMENT, EntityType.ORGANIZATION} and bool(
        set(entity.label.lower().split()[-1:]) & _ARMED_UNITS)


def _state_employee(tok: Token | None, res: Resolution) -> bool:
    """Someone who works for the state by the words that describe him, or the person a pronoun means: "a former
    state employee", "employees of camps", "camp workers", "the head of a state kindergarten"."""
    if tok is None:
        return False
    words = {t.lemma_.lower() for t in tok.subtree}
    if tok.pos_ == "PRON" and (entity := res.entities.get(res.key_of(tok) or "")) is not None:
        words |= {w.lower().strip(".,") for name in (entity.label, *entity.names) for w in name.split()}
    return bool(words & {"employee", "employees", "worker", "workers", "staff", "staffer", "servant", "head"}) and \
        bool(words & {"state", "government", "public", "civil", "camp", "camps", "ministry", "prison", "embassy"})


#: armed units told as going over like a band of men ("a whole platoon had come over")
_ARMED_UNITS = frozenset({"platoon", "company", "battalion", "brigade", "regiment", "squadron", "garrison",
                          "detachment", "unit", "squad", "battery"})

_POLICE_WORDS = {"police", "policeman", "policemen", "policewoman", "inspector", "sub-inspector", "constable",
                 "superintendent", "gendarme"}
_SOLDIER_WORDS = {"soldier", "soldiers", "troop", "troops", "officer", "officers", "sergeant", "corporal", "private",
                  "captain", "major", "colonel", "lieutenant", "general", "brigadier", "commander", "pilot",
                  "conscript", "conscripts", "marine", "sailor", "airman", "admiral", "gendarme", "gendarmes",
                  "guardsman", "guardsmen", "ranger", "rangers", "trooper", "troopers", "paratrooper", "paratroopers",
                  "commando", "commandos"}


def _description_words(tok: Token, key: str, res: Resolution) -> set[str]:
    """The words that describe the defector here: his phrase with its appositions ("a former minister, X")."""
    words = {t.lower_ for t in tok.subtree}
    if tok.dep_ == "appos":
        words |= {t.lower_ for t in tok.head.subtree}
    return words


def _soldiers(tok: Token | None, key: str, res: Resolution) -> bool:
    """The defector is a soldier, an officer or a group of them (by its description or the person's titles)."""
    words = {t.lower_ for t in tok.subtree} if tok is not None else set()
    entity = res.entities.get(key)
    if entity is not None:
        words |= {w.lower() for name in (entity.label, *entity.names) for w in name.split()}
    return bool(words & _SOLDIER_WORDS)


def _political_agent(tok: Token | None, key: str, res: Resolution) -> bool:
    """Who can defect by leaving: a named person, an official or officer, a military or political group."""
    if tok is None:
        return False
    if res.type_of(key) == EntityType.PERSON:
        return tok.ent_type_ == "PERSON" or tok.pos_ == "PROPN" or tok.lemma_.lower() != "people"
    if tok.lower_ == "those" and any(c.dep_ == "prep" and c.lower_ in {"around", "close"} for c in tok.children):
        return True  # "those around the leader": his circle
    if tok.lower_ in {"many", "some", "most", "several", "people", "those", "others", "all", "everyone"} and any(
            o.lemma_.lower() in _BODIES_LEFT | {"ministry", "forces"} for p in tok.children
            if p.dep_ == "prep" and p.lower_ in {"in", "within", "inside"} for o in p.children if o.dep_ == "pobj"):
        return True  # "many in the cabinet", "many people in the armed forces and in the ministries"
    words = {t.lower_ for t in tok.subtree}
    military = {"soldiers", "troops", "officers", "officials", "ministers", "diplomats", "members", "lawmakers",
                "generals", "commanders", "loyalists", "circle", "entourage", "personnel", "policemen", "pilots",
                "others", "deputies", "ambassadors", "envoys", "colonels", "conscripts", "fighters",
                "soldier", "officer", "official", "diplomat", "member", "minister", "lawmaker", "policeman",
                "commander",  # "every soldier still in the east", "every minister who still has a conscience"
                "uniform", "comrades", "colleagues", "serving",  # "my brothers in uniform", "X still serving in Y"
                "leaders", "units", "agents", "sergeants", "gendarmes", "servicemen", "cadres", "mps",
                "guardsmen", "guards", "sailors", "marines", "airmen", "backbenchers", "platoons", "battalions",
                "brigades", "regiments", "squads", "legislators", "senators", "mlas", "councillors", "councilors",
                "mayors", "congressmen"}
    if words & {"whole", "entire"} and "companies" in words:
        return True  # "whole companies walk away": of soldiers
    return bool(words & military)


def _side_led_by(person: str, res: Resolution) -> str | None:
    """The regime or government a person leads ("Omar Zaidan's government"), for "went over to X"."""
    return res.regime_of_leader.get(person) or next(
        (o for s, label, o, _ in res.structure if s == person and label == "leader_of"
         and res.type_of(o) in {EntityType.REGIME, EntityType.GOVERNMENT}), None)


def _left_from_object(obj: Token, res: Resolution) -> str | None:
    if obj.lower_ == "ranks":  # "deserted the ranks of the X front": the front
        inner = next(_pobj(obj, {"of"}), None)
        if inner is None:
            return None
        obj = inner
    key = _key(obj, res)
    if obj.lower_ in _POSTS and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in obj.children):
        key = None  # "abandoned their service without authorisation": their duty, not a body called "service"
    if key is None and obj.lemma_.lower() in {"country", "homeland", "motherland", "fatherland"} and any(
            c.lower_ in {"the", "his", "her", "their"} for c in obj.children):
        key = res.main_country  # "fled the country", "deserted their homeland": the article's
    if key is None and obj.lemma_.lower() == "revolution" and any(c.lower_ == "the" for c in obj.children) and not any(
            c.dep_ in {"amod", "compound"} for c in obj.children):
        key = res.main_regime  # "broke with the revolution": the regime it made (not "the Orange Revolution")
    if key is None and obj.lower_ in _POSTS:  # "abandoned his post at the embassy in X"
        key = next((k for o in _pobj(obj, {"at", "in", "with"}) for k in [_key(o, res)]
                    if res.type_of(k) in _BODY_TYPES - {EntityType.COUNTRY}), None)
    if key is None:
        return None
    if res.type_of(key) == EntityType.PERSON:
        regime = res.regime_of_leader.get(key)
        heads = {"president", "king", "emir", "sultan", "dictator", "leader"}
        if regime is None and (any(c.dep_ == "compound" and c.i < obj.i and c.lower_ in heads for c in obj.subtree)
                               or any(n.split()[0].lower() in heads for n in res.entities[key].names if n.split())
                               or any(t.dep_ == "compound" and t.lower_ in heads and res.head_keys.get(t.head.i) == key
                                      for t in obj.doc)):  # "deserted him" after "President X's army"
            # "broke with President X", "desert X" (named "President X" elsewhere): the regime he heads, when
            # the article names it by its country only
            country = res.nationality.get(key)
            regime = res.regime_of_country.get(country) if country else res.main_regime
        return regime
    return key if res.type_of(key) in _BODY_TYPES else None


def _defector_regime(defector_tok: Token, res: Resolution) -> str | None:
    for tok in defector_tok.subtree:
        if tok.dep_ == "poss":
            key = res.key_of(tok)
            if key in res.regime_of_leader:
                return res.regime_of_leader[key]
    return None


#: the last word of a legislature's name: a member sits in it and leaves his party, not the house
_LEGISLATURES = frozenset({"assembly", "parliament", "senate", "duma", "chamber", "legislature", "knesset", "majlis",
                           "house", "rada", "sejm", "bundestag"})


def _legislature(key: str, res: Resolution) -> bool:
    """A parliament by the last word of its name ("the National Assembly"): no body a member defects from."""
    label = res.entities[key].label.lower() if key in res.entities else ""
    head = label.split(" of ")[0].split()  # ("the House of Representatives", "the Chamber of Deputies")
    return bool(head) and head[-1] in _LEGISLATURES


_PLACE_NOUNS = {"capital", "city", "country", "region", "province", "town", "state", "area", "district", "sector"}
#: descriptions that tie a person to a body without a post in it
_NOT_SERVING = {"graduate", "alumnus", "alumna", "student", "son", "daughter", "nephew", "niece", "wife", "husband",
                "brother", "sister", "friend", "critic", "opponent"}


def _body_named_by(obj: Token, defector: str, res: Resolution) -> str | None:
    """The body an object of the defector's description names: "the army", "the X Brigade (Y) unit",
    "the service's regional directorate"; never a place he is posted in ("in European Union capitals")."""
    if obj.lemma_.lower() in _PLACE_NOUNS:
        return None
    bodies = {EntityType.GOVERNMENT, EntityType.REGIME, EntityType.ORGANIZATION}
    key = _key(obj, res)
    if (key == defector or res.type_of(key) not in bodies) and obj.lemma_.lower() in cue_words("unit_heads"):
        key = next((k for c in obj.children if c.dep_ in {"compound", "nmod", "appos", "poss"}
                    for k in [res.key_of(c)] if k != defector and res.type_of(k) in bodies), None)
    return key if key and key != defector and res.type_of(key) in bodies and not _international(key, res) else None


_INTERNATIONAL = re.compile(r"\b(?:U\.?N\.?|United Nations|European Union|African Union|Arab League|NATO|"
                            r"International|World|Interpol|OPEC|Red Cross|Red Crescent)\b")


def _international(key: str, res: Resolution) -> bool:
    """A body of many states ("the U.N. General Assembly", "the World Bank"): a post there is no post in the
    regime a defector leaves ("a former president of the U.N. General Assembly, also broke ranks")."""
    return bool(_INTERNATIONAL.search(res.entities[key].label)) if key in res.entities else False


def _side_served(verb: Token, defector: str, res: Resolution) -> str | None:
    """The side a clause about the defector says he serves: "who still serves the X regime", "who still takes
    orders from the usurper" (the regime of the leader he obeys)."""
    lemma = verb.lemma_.lower()
    if lemma not in {"serve", "obey", "take"}:
        return None
    for obj in [*(c for c in verb.children if c.dep_ == "dobj" and lemma != "take"),
                *(o for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in {"order", "orders", "command"}
                  for o in _pobj(verb, {"from"}))]:
        key = _key(obj, res)
        key = res.regime_of_leader.get(key or "", key) if key and key != defector else None
        if key and res.type_of(key) in {EntityType.GOVERNMENT, EntityType.REGIME, EntityType.ORGANIZATION}:
            return key
    return None


def _body_in_description(tok: Token, defector: str, res: Resolution) -> str | None:
    """"A Myanmar army major": the army named inside the defector's own description."""
    for t in tok.subtree:
        key = res.key_of(t)
        if key and key != defector and res.type_of(key) in {EntityType.GOVERNMENT, EntityType.REGIME} and t.i < tok.i \
                and not _legislature(key, res):
            return key
    if tok.lemma_.lower() in _NOT_SERVING:
        return None  # "a 2019 graduate of the military academy", "a nephew of the minister": no post there
    # "Russian state TV's Paris correspondent", "The KGB's man in London, Colonel X": the body that owns him
    described = [d for d in [tok, *([tok.head] if tok.dep_ == "appos" and tok.head.pos_ == "NOUN" else [])]
                 if d.lemma_.lower() not in _NOT_SERVING]  # ("X's half brother, Y": X is kin, not a body)
    for owner in (c for d in described for c in d.children if c.dep_ == "poss"):
        key = _key(owner, res)
        if key and key != defector and res.type_of(key) in {EntityType.GOVERNMENT, EntityType.REGIME,
                                                            EntityType.ORGANIZATION} and not _international(key, res):
            return key
    # "members of Venezuela's security forces", "a colonel in the army", "one of the civil servants in its ministry"
    objs = [*_pobj(tok, {"of", "in", "at", "from"}),
            *(o for kind in _pobj(tok, {"of"}) for o in _pobj(kind, {"in", "at", "of"})),
            *(p for kind in _pobj(tok, {"of"}) for p in kind.children if p.dep_ == "poss")]  # "one of X's commanders"
    # "an officer who spent two decades inside the agency", "who until August served as deputy head of X"
    for verb in (c for n in (tok, *tok.conjuncts) for c in n.children if c.dep_ in {"relcl", "acl"} and c.pos_ in {
            "VERB", "AUX"}):  # ("every soldier and police officer who still serves X": the clause is on the last)
        if verb.tag_ == "VBD" and any(c.dep_ == "prep" and c.lower_ in {"before", "during"} for c in verb.children):
            continue  # "who served in the Soviet army before the first war": a post long left, not the one now
        side = _side_served(verb, defector, res)
        if side:
            return side
        objs += [*_pobj(verb, {"in", "inside", "within", "at", "with", "for", "from"}),
                 *(o for post in _pobj(verb, {"as"}) for o in _pobj(post, {"of", "in", "at"})),
                 # "who until last month led a platoon of the Army's 46th Infantry Battalion"
                 *(o for d in verb.children if d.dep_ == "dobj" and d.lemma_.lower() in cue_words("unit_heads")
                   | {"platoon", "unit", "company", "squad"} for o in _pobj(d, {"of", "in"}))]
    # "two X-party MPs from Y province": the body he sits for before the place he comes from
    origins = [o for o in _pobj(tok, {"from"})]
    for obj in [o for o in objs if o not in origins]:
        key = _body_named_by(obj, defector, res)
        if key and not _legislature(key, res):
            return key  # also a national army or a security service the recognizer typed as an organization
        # (not the house he sits in: "X, a member of the National Assembly, went over to the opposition")
    for t in (c for n in (tok, *_pobj(tok, {"of"})) for c in n.children if c.dep_ == "compound" and c.i < n.i):
        key = res.key_of(t)
        named_inside = key == defector
        if named_inside:  # "two sitting X-PF MPs", "a battalion of Interior Ministry troops": a body named inside
            key = _body_by_name(tok.doc[t.left_edge.i:t.i + 1].text, res)  # the group's own mention
        if key and key != defector and (res.type_of(key) == EntityType.ORGANIZATION or named_inside or (
                res.type_of(key) == EntityType.GOVERNMENT and t.i > tok.i)) and not _firm(key, res) and \
                not _legislature(key, res):  # ("of Interior Ministry troops": after the head noun)  # ("Senate President X" presides over the house, and leaves his party)
            return key  # "a navy captain", "hundreds of X members": the body the recognizer typed as an organization
    # (not the firm he works for: "a China Airlines captain" leaves his country, not his airline)
    for obj in origins:
        key = _body_named_by(obj, defector, res)
        if key and not _legislature(key, res):
            return key
    return None


def _body_by_name(text: str, res: Resolution) -> str | None:
    """The organization the article names with exactly this text, if one."""
    low = text.lower()
    found = {key for key, e in res.entities.items() if e.type in {EntityType.ORGANIZATION, EntityType.GOVERNMENT}
             and low in {n.lower() for n in (e.label, *e.names)}}
    return found.pop() if len(found) == 1 else None


#: the last word of a firm's name: no body one defects from
_FIRMS = frozenset({"airlines", "airline", "airways", "air", "company", "corporation", "corp", "inc", "ltd", "bank",
                    "group", "holdings", "industries", "motors"})


def _firm(key: str, res: Resolution) -> bool:
    """A firm by the last word of its name ("China Airlines", "X Bank"): no body one defects from."""
    words = res.entities[key].label.lower().split() if key in res.entities else []
    return bool(words) and words[-1] in _FIRMS


def _left_named_in_sentence(trigger: Token, res: Resolution) -> str | None:
    """"... and asked for protection, in what would be the biggest desertion from X's armed forces": the
    body a defection noun of the same sentence names."""
    for tok in trigger.sent:
        if tok.i != trigger.i and tok.lemma_.lower() in {"defection", "desertion"}:
            for obj in _pobj(tok, {"from"}):
                key = _left_from_object(obj, res)
                if key:
                    return key
    return None


def _armed_force_in_sentence(trigger: Token, res: Resolution) -> str | None:
    """"the regime forces collapsed ... as a result of losses and defections": bare defections leave the
    state's armed force the sentence names before them (not an opposition force)."""
    military = cue_words("military_heads")
    opposition = cue_words("opposition_modifiers")
    found = None
    for tok in trigger.sent:
        if tok.i >= trigger.i:
            break
        key = res.head_keys.get(tok.i)
        words = {t.lower_ for t in tok.subtree}
        state = res.type_of(key) == EntityType.GOVERNMENT or (
            res.type_of(key) == EntityType.GROUP and bool(words & cue_words("state_modifiers")))
        if key and state and tok.lower_ in military and not words & opposition:
            found = key
    return found


def _body_of_apposition(tok: Token, res: Resolution) -> str | None:
    """"X, the prime minister of the Houthi-run government, has defected": the body of his post."""
    for appos in (c for c in tok.children if c.dep_ == "appos"):
        for obj in _pobj(appos, {"of", "in", "at"}):
            if obj.lemma_.lower() in _PLACE_NOUNS:
                continue  # "the district governor in X district": where he served
            key = _key(obj, res)
            if key and res.type_of(key) in {EntityType.GOVERNMENT, EntityType.REGIME} and not _legislature(key, res):
                return key
        for mod in (c for c in appos.children if c.dep_ in {"compound", "poss"}):  # "X, a navy captain, ..."
            key = _key(mod, res)
            if key and res.type_of(key) in {EntityType.GOVERNMENT, EntityType.REGIME, EntityType.ORGANIZATION}:
                return key
        for verb in (c for c in appos.children if c.dep_ in {"acl", "relcl"} and c.pos_ == "VERB"):
            # "X, a corporal serving with the Y Defence Command, ..."
            for obj in _pobj(verb, {"with", "in", "at", "inside", "within"}):
                key = _body_named_by(obj, res.key_of(tok) or "", res)
                if key:
                    return key
    return None


def _time_for(trigger: Token, article: Article) -> TimeBounds | None:
    pub = article.published
    node: Token | None = trigger
    seen = 0
    came_by_conj = False
    while node is not None and seen < 4:
        if node is not trigger and node.lemma_.lower() in cue_words("reporting_verbs"):
            return _reported_time(node, pub)  # "..., the minister said Wednesday": when it was said
        candidates = [t for t in node.subtree if not _in_other_clause(t, trigger)] if node is trigger else [
            t for c in node.children if c.dep_ in {"npadvmod", "prep", "advmod", "tmod"} for t in c.subtree]
        if node is not trigger and seen and came_by_conj and node.pos_ in {"VERB", "AUX"}:
            # "flew a jet low across the sea on Monday, landed it and asked for asylum": the first verb's
            # date, wherever the parser hung it in its own clause (not in the other verbs' clauses)
            others = {t.i for c in node.children if c.dep_ == "conj" for t in c.subtree}
            candidates += [t for t in node.subtree if t.i not in others and not _in_other_clause(t, node)]
        for tok in candidates:
            if tok.ent_type_ in {"DATE", "TIME"}:
                ent = next(e for e in tok.doc.ents if e.start <= tok.i < e.end)
                if ent.root.dep_ == "pobj" and ent.root.head.lower_ in {"than", "within", "for"}:
                    continue
                found = normalize_time(ent.text, pub, span=TextSpan(ent.start_char, ent.end_char))
                if found is not None and (found.latest is None or pub is None or found.latest <= pub):
                    return found
        when = node.dep_ in {"advcl", "relcl"} and any(c.lower_ == "when" for c in node.children)
        if node.head is node or (node.dep_ not in {"dobj", "pobj", "prep", "conj", "xcomp", "ccomp", "relcl", "acl"}
                                 and not when):
            break  # "... came three years ago, when X refused to go back": the main clause dates the act
        came_by_conj = node.dep_ == "conj"
        node = node.head
        seen += 1
    # "On 3 November, ..., the officer walked in and asked for protection": a date that opens the sentence
    sent = trigger.sent
    opening = next((e for e in trigger.doc.ents if e.label_ == "DATE" and sent.start < e.start <= sent.start + 2
                    and trigger.doc[e.start - 1].lower_ in {"on", "in"} and e.start < trigger.i), None)
    if opening is not None:
        found = normalize_time(opening.text, pub, span=TextSpan(opening.start_char, opening.end_char))
        if found is not None and (found.latest is None or pub is None or found.latest <= pub):
            return found
    return None


def _in_other_clause(tok: Token, top: Token) -> bool:
    """The token sits in a clause of its own below ``top`` ("since X seized power in 2022"): its date is
    another event's."""
    node = tok
    while node.i != top.i and node.head.i != node.i:
        if node.dep_ in {"advcl", "relcl", "acl", "ccomp"} and node.pos_ in {"VERB", "AUX"} and not any(
                c.dep_ == "advmod" and c.lower_ in {"when", "as"} for c in node.children):
            return True  # "since X took power in 2022"; but "when war broke out in 2020" dates the act
        node = node.head
    return False


def _reported_time(verb: Token, pub: dt.date | None) -> TimeBounds | None:
    """A date on the reporting verb bounds the reported act from above: the week up to a day, or the
    week, month or year itself."""
    for child in verb.children:
        if child.dep_ in {"npadvmod", "prep", "tmod", "advmod"}:
            for tok in child.subtree:
                if tok.ent_type_ == "DATE":
                    ent = next(e for e in tok.doc.ents if e.start <= tok.i < e.end)
                    said = normalize_time(ent.text, pub, span=TextSpan(ent.start_char, ent.end_char))
                    if said is None or said.latest is None or (pub is not None and said.latest > pub):
                        return None
                    if said.granularity == "day":
                        return TimeBounds(said.latest - dt.timedelta(days=6), said.latest, ent.text, "recent",
                                          said.span)
                    return said  # "announced last week": a week is already a window
    return None


def _perfect_time(trigger: Token, article: Article, defector_type: EntityType | None) -> TimeBounds | None:
    """Present perfect of a single person's act ("has defected") in news: the days up to the report."""
    if article.published is None or defector_type != EntityType.PERSON:
        return None
    verb = trigger if trigger.pos_ in {"VERB", "AUX"} else None
    if verb is None:
        return None
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if verb.dep_ == "conj" and not auxes:
        auxes = [c for c in verb.head.children if c.dep_ == "aux"]
    if not any(a.lower_ in {"has", "have"} for a in auxes) or verb.tag_ != "VBN":
        return None
    said_day = None
    for anc in [*trigger.ancestors]:
        if anc.lemma_.lower() in cue_words("reporting_verbs"):
            for c in anc.children:
                if c.ent_type_ == "DATE":
                    ent = next((e for e in c.doc.ents if e.start <= c.i < e.end), None)
                    if ent is not None:
                        said_day = normalize_time(ent.text, article.published)
            break
    latest = said_day.latest if said_day and said_day.latest else article.published
    return TimeBounds(latest - dt.timedelta(days=6), latest, trigger.text, "recent", None)


def _defection_triggers(doc: Doc) -> Iterator[tuple[Token, str]]:
    verbs = cue_words("defection_verbs")
    nouns = cue_words("defection_nouns")
    bodies = cue_words("regime_words") | cue_words("body_heads")
    strong_sent = {t.sent.start for t in tokens(doc) if t.lemma_.lower() in _STRONG | {
        "defection", "desertion", "defector", "deserter"} or (t.lemma_.lower() == "abandon" and any(
            c.dep_ == "dobj" and c.lemma_.lower() in bodies for c in t.children))}
    # a sentence whose defection a verb tells; "swam across to X in one of the best-known defections" is told
    # by the journey
    verb_sent = {t.sent.start for t in tokens(doc) if t.sent.start in strong_sent and t.pos_ in {"VERB", "AUX"} and (
        t.lemma_.lower() in _STRONG or t.lemma_.lower() == "abandon")}
    for tok in tokens(doc):
        lemma = tok.lemma_.lower()
        if tok.pos_ in {"VERB", "AUX"}:
            if lemma in _STRONG:
                yield tok, "verb"
            elif lemma in {"flee", "run", "escape", "stay", "remain", "seek", "join", "follow", "leave", "quit",
                           "abandon", "break", "split", "want"} and _would_depart(tok) and _group_like(_irrealis_doer(tok)):
                yield tok, "depart"  # "many more would flee", "others in the Movement will join us" (a group still
                # to go, before the rules of a departure told)
            elif lemma in {"flee", "escape", "swim", "swam", "slip", "sneak"} and tok.sent.start not in verb_sent and any(
                    o.ent_type_ in {"GPE", "LOC"} or o.lower_ in countries() or o.lower_ in cities()
                    for o in _destinations(tok)):
                yield tok, "flee"  # soldiers or officials fleeing abroad; civilians are left out below
            elif lemma == "cross" and tok.sent.start not in strong_sent and any(
                    o.ent_type_ in {"GPE", "LOC"} or o.lower_ in countries() for o in _pobj(tok, {"into"})):
                yield tok, "cross"  # "a constable ... crossing into X" (officers and officials only, below)
            elif lemma in {"come", "go"} and any(c.dep_ in {"prt", "advmod"} and c.lower_ in {"over", "across"} for c in
                                                 tok.children) and not list(_pobj(tok, {"to"})) and any(
                    c.dep_ == "nsubj" and c.lemma_.lower() in _ARMED_UNITS for c in tok.children):
                yield tok, "cross"  # "a whole platoon had come over near the Gate" (soldiers and units only, below)
            elif lemma in {"jump", "leap", "swim", "swam", "climb", "scale", "vault"} and tok.sent.start not in strong_sent and \
                    any(o.ent_type_ in {"GPE", "LOC"} or o.lower_ in countries() or o.lemma_.lower() in {
                        "sector", "zone"} for o in _pobj(tok, {"into"})):
                yield tok, "cross"  # "jumped the barbed wire into the French sector", "swam the canal into X"
                # (soldiers and police only, below)
            elif lemma == "fly" and tok.sent.start not in strong_sent and any(
                    c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN"} and c.ent_type_ not in {"PERSON", "NORP"}
                    and c.lower_ not in cue_words("group_heads") for c in tok.children) and any(
                    o.lower_ in countries() or any(t.lower_ in countries() for t in o.subtree if t.i < o.i)
                    or (o.ent_type_ == "GPE" and any(p.lower_ == "across" for p in tok.children))
                    for o in _pobj(tok, {"to", "into"})):
                # "a pilot of the X Air Force had flown a helicopter to Honduras", "flew a cargo jet to the southern
                # Chinese city of Guangzhou", "flew a fighter across the Strait to Fuzhou" (pilots only)
                yield tok, "cross"
            elif lemma in {"cross", "walk", "go", "come", "run", "swim"} and (tok.sent.start not in verb_sent or any(
                    c.dep_ == "nsubj" for c in tok.children)) and (any(
                    c.dep_ == "dobj" and (c.lemma_.lower() in {"frontline", "front-line"} or (
                        c.lemma_.lower() in {"line", "lines"} and any(m.lower_ in {
                            "front", "enemy", "ceasefire", "armistice", "demarcation"} for m in c.children)))
                    for c in tok.children) or any(
                    o.lemma_.lower() == "side" and any(m.dep_ in {"amod", "poss", "compound"} for m in o.children)
                    for o in [*_pobj(tok, {"to"}), *(o for p in tok.children if p.dep_ in {"prt", "advmod"}
                                                     for o in _pobj(p, {"to"}))]) or (lemma == "cross" and any(
                    c.dep_ == "dobj" and any(t.lower_ in {"border", "frontier", "dmz", "zone"} for t in c.subtree)
                    for c in tok.children) and _one_or_counted(tok) and not any(
                    p.lower_ in {"out", "home", "back"} for p in tok.children)) or (
                    lemma in {"walk", "run", "swim", "cross"} and any(
                        o.ent_type_ in {"GPE", "LOC"} or o.lower_ in {"south", "north", "west", "east"}
                        for a in tok.children if a.dep_ in {"prt", "advmod"} and a.lower_ == "across"
                        for o in [*_pobj(tok, {"to"}), *_pobj(a, {"to"})]))):
                # (or "crossed the central section of the Demilitarized Zone", "walked across to the South")
                yield tok, "line"  # "crossed the front line", "crossed to the Moroccan side" (soldiers, officials)
            elif lemma == "abandon" and any(
                    c.dep_ == "dobj" and c.lemma_.lower() in _POSTS | {"barracks", "barrack", "base", "garrison"} and any(
                        g.dep_ == "poss" for g in c.children)
                    for c in tok.children):
                yield tok, "post"  # "abandoned his post", "abandoned their barracks": soldiers or officials deserting
            elif lemma == "walk" and any(c.lower_ == "away" for c in tok.children) and any(
                    o.lemma_.lower() in _POSTS | {"barracks", "barrack", "base"} and any(g.dep_ == "poss" for g in o.children)
                    for a in [tok, *(c for c in tok.children if c.lower_ == "away")] for o in _pobj(a, {"from"})):
                yield tok, "post"  # "walked away from his position"
            elif lemma in verbs and tok.sent.start in strong_sent:
                yield tok, "weak"
            elif lemma in verbs and lemma not in {"leave", "quit"}:
                yield tok, "object"  # "leave/quit the army" alone is retirement, not defection
            elif lemma in {"leave", "quit"} and any(c.dep_ == "dobj" and _rebel_side(c) and (
                    c.lower_ not in {"army", "side"} or any(m.lower_ in _REBEL_WORDS - {"army", "side"}
                                                            for m in c.children)) for c in tok.children):
                yield tok, "object"  # "has quit the rebel movement" (not "who left the army in 2017")
            elif lemma in {"leave", "quit"} and any(c.dep_ == "dobj" and (c.lemma_.lower() in bodies | _PARTY_WORDS | {
                    "cabinet", "party"} or (c.ent_type_ == "ORG" and c.lemma_.lower() in _SIDE_HEADS)) for c in tok.children
                                                    ) and any(
                    o.lower_ == "protest" for p in tok.children if p.dep_ == "prep" and p.lower_ == "in"
                    for o in p.children if o.dep_ == "pobj"):
                yield tok, "protest"  # "quit the cabinet and the ruling party in protest at the bloodshed"
            elif lemma in {"leave", "quit"} and any(c.dep_ == "dobj" for c in tok.children) and any(
                    c.dep_ == "conj" and ((c.lemma_.lower() == "join" and any(
                        _other_side(d) for d in c.children if d.dep_ == "dobj")) or (
                        c.lemma_.lower() in {"return", "move", "defect", "cross"} and any(
                            _other_side(o) for o in _pobj(c, {"to"}))))
                    for c in tok.children):
                # "quit the army and joined the X front", "quit the ruling X and returned to the opposition Y"
                yield tok, "object"
            elif lemma in {"leave", "quit", "desert", "abandon"} and any(
                    c.dep_ == "dobj" and (_party(c) or c.ent_type_ == "ORG") for c in tok.children) \
                    and any(_party(o) or _rebel_side(o) or o.ent_type_ == "ORG" for o in _pobj(tok, {"for"})):
                yield tok, "switch"  # "left the Progressive Conservatives for the Liberals", "leaving the X for the Y"
            elif lemma in {"leave", "quit"} and any(c.dep_ == "dobj" and (c.lemma_.lower() in {"caucus", "party", "group"})
                                                    for c in tok.children) and any(
                    c.dep_ in {"advcl", "xcomp"} and c.lemma_.lower() == "sit" and any(
                        o.lower_ in {"independent", "independents"} for o in _pobj(c, {"as", "with", "among"}))
                    for c in tok.children):
                yield tok, "caucus"  # "quit the X caucus to sit as an independent"
            elif lemma in {"leave", "quit"} and any(c.dep_ == "dobj" and (_party(c) or (
                    c.lemma_.lower() in {"party", "congress"} and any(d.lower_ == "the" for d in c.children)))
                    for c in tok.children) and not any(c.dep_ in {"prep", "advcl", "xcomp"} and c.lower_ in {
                        "for", "to"} for c in tok.children):
                yield tok, "party"  # "X has quit the Congress" (and is to join another party, below)
            elif lemma in {"switch", "change", "shift", "transfer"} and any(
                    c.lower_ in {"sides", "allegiance", "allegiances", "loyalty"} for c in tok.children):
                yield tok, "verb"
            elif lemma in {"switch", "defect"} and not any(c.dep_ == "dobj" for c in tok.children) and any(
                    (_rebel_side(o) or o.ent_type_ == "ORG" or (o.is_upper and o.pos_ == "PROPN" and len(o) > 2))
                    and o.lemma_.lower() not in {"side", "camp"} for o in _pobj(tok, {"to"})):
                yield tok, "join"  # "the troops defending the town switched to the rebel alliance"
            elif lemma == "throw" and any(c.lower_ == "lot" for c in [*tok.children, *_pobj(tok, {"in"})]) and any(
                    _rebel_side(o) or o.ent_type_ == "ORG" or o.lemma_.lower() in _SIDE_HEADS | {"uprising", "revolt"}
                    for o in _pobj(tok, {"with"})):
                yield tok, "join"  # "had thrown in its lot with the rebels"
            elif lemma in {"leave", "quit"} and any(c.dep_ == "dobj" and (c.lower_ in countries() or c.lemma_.lower() in {
                    "country", "homeland", "republic"}) for c in tok.children) and (any(
                    o.lower_ == "good" for o in _pobj(tok, {"for"})) or any(
                    c.lower_ in {"permanently", "forever"} for c in tok.children)):
                yield tok, "forgood"  # "has left the country for good" (a named person only, below)
            elif lemma == "walk" and any(c.lower_ == "out" for c in tok.children) and any(
                    o.lemma_.lower() in _TEAMS for o in _pobj(tok, {"on"})):
                yield tok, "forgood"  # "walked out on their national team" abroad
            elif lemma in {"slip", "walk", "run", "break", "sneak"} and any(
                    o.lemma_.lower() in _TEAMS and any(m.lower_ == "national" for m in o.children)
                    for a in tok.children if a.lower_ == "away" for o in _pobj(a, {"from"})):
                yield tok, "forgood"  # "slipped away from the national team at a tournament in X"
            elif lemma in {"disavow", "repudiate"} and any(c.dep_ == "dobj" for c in tok.children):
                yield tok, "object"  # "the first active-duty general to disavow X" (a leader or a regime, below)
            elif lemma == "withdraw" and any(c.dep_ == "dobj" and c.lemma_.lower() in {"allegiance", "loyalty", "support"}
                                             and any(True for _ in [*_pobj(tok, {"from"}), *_pobj(c, {"from"})])
                                             for c in tok.children):
                yield tok, "object_with"  # "withdrawing my allegiance from the commander in chief"
            elif lemma == "turn" and _turned_back_on(tok):
                yield tok, "object_with"  # "turned his back on the X government" (a body or regime, below)
            elif (lemma in {"break", "part", "split"} and any(
                    (c.dep_ == "prep" and c.lower_ in {"with", "from"}) or (c.dep_ in {"advmod", "prt"} and c.lower_ == "away"
                                                                         and any(True for _ in _pobj(c, {"from"})))
                    for c in tok.children)) or (lemma == "turn" and any(c.dep_ == "prep" and c.lower_ == "against" for c in tok.children)):
                yield tok, "object_with"
            elif lemma in {"place", "put"} and any(c.dep_ == "dobj" and c.lower_ in {
                    "himself", "herself", "themselves", "itself"} for c in tok.children) and any(
                    o.lemma_.lower() in _COMMANDS for o in _pobj(tok, {"under", "at"})):
                yield tok, "join"  # "placed himself under the command of the armed forces"
            elif lemma in {"rebel", "mutiny"} and tok.sent.start not in strong_sent and not any(
                    c.dep_ == "neg" for c in tok.children):
                yield tok, "post"  # "General X has rebelled with his forces" (officers and officials only, below)
            elif lemma == "declare" and any(_rebel_side(o) or o.lower_ in {"junta", "coup", "mutineers", "uprising",
                                                                          "revolution", "opposition"}
                                            for o in _pobj(tok, {"for"})):
                yield tok, "join"  # "officers at an army garrison had also declared for the junta"
            elif lemma == "part" and any(c.dep_ == "dobj" and c.lower_ == "company" for c in tok.children) and any(
                    p.lower_ == "with" for c in [tok, *tok.children] for p in c.children if p.dep_ == "prep"):
                yield tok, "object_with"  # "parted company with the regime in 1978"
            elif lemma in {"leave", "quit", "desert"} and any(
                    c.dep_ == "dobj" and c.lemma_.lower() in _ARMY_WORDS | {"police", "regime"} for c in tok.children) \
                    and any(c.dep_ in {"advcl", "xcomp"} and c.lemma_.lower() == "join" and any(
                        d.dep_ == "dobj" and (_other_side(d) or d.lower_ in {"them", "us"}) for d in c.children)
                            for c in tok.children):
                yield tok, "object"  # "left the army to join them in May", "quit the police to join the rebels"
            elif (lemma in {"go", "cross", "cross over", "come", "fly"} and any(
                    (c.dep_ in {"prt", "advmod"} or (c.dep_ == "prep" and not list(c.children))) and c.lower_ in {
                        "over", "across"} for c in tok.children) and any(
                    _rebel_side(o) or o.ent_type_ in {"ORG", "PERSON"} or o.pos_ == "PROPN"
                    or (o.lemma_.lower() in _SIDE_HEADS | {"authority", "authorities", "campaign", "camp"} and any(
                        d.dep_ in {"det", "amod", "poss", "compound"} for d in o.children))
                    for o in _pobj(tok, {"to"}))) or (lemma == "go" and any(
                        o.ent_type_ == "PERSON" for o in _pobj(tok, {"with"}))):
                # (or "had gone over with X": to the side X went over to)
                # ("gone over to the movement", "gone over to the X authorities")
                yield tok, "join"  # "went over to the rebels", "... to the X party", "had gone over to X" (a leader)
            elif lemma in {"go", "cross", "come", "join", "walk"} and (any(
                    _protest_side(o) for o in [*_pobj(tok, {"to"}), *(o for p in tok.children if p.dep_ in {
                        "prt", "advmod"} for o in _pobj(p, {"to"}))]) or (lemma == "join" and any(
                    c.dep_ == "dobj" and _protest_side(c) for c in tok.children))):
                yield tok, "side"  # "about 20 gendarmes crossed over to the students" (soldiers and officials only)
            elif lemma in {"walk", "pull", "storm"} and any(
                    o.lemma_.lower() in {"government", "cabinet", "coalition", "alliance", "regime"}
                    for p in tok.children if p.lower_ == "out" for o in _pobj(p, {"of"})):
                yield tok, "object"  # "walked out of the government", "pulled out of the ruling alliance"
            elif lemma in {"slip", "sneak", "melt", "walk", "run", "drift"} and any(
                    o.lemma_.lower() in _BODIES_LEFT - {"post", "country", "rank", "party", "movement"} | {"forces"}
                    for p in tok.children if p.lower_ == "away" for o in _pobj(p, {"from"})):
                yield tok, "object"  # "slipped away from the army with their weapons" (soldiers, officials)
            elif lemma in {"walk", "storm", "break"} and any(
                    _party(o) or (o.lemma_.lower() in {"party", "movement", "congress"} and any(
                        d.lower_ == "the" for d in o.children))
                    for p in tok.children if p.lower_ in {"out", "away"} for o in _pobj(p, {"of", "from"})):
                yield tok, "party"  # "walked out of the Democratic Party to found X" (when he joins or founds one)
            elif lemma in {"slip", "sneak", "flee", "escape", "smuggle", "spirit"} and any(
                    o.lemma_.lower() == "country" or o.lower_ in countries()
                    for p in tok.children if p.lower_ == "out" for o in _pobj(p, {"of"})):
                yield tok, "object"  # "had slipped out of the country" (officials and soldiers only, below)
            elif lemma in {"slip", "sneak"} and any(
                    o.lemma_.lower() in {"base", "barracks", "garrison", "post"} and any(
                        g.dep_ == "poss" for g in o.children)
                    for p in tok.children if p.lower_ == "out" for o in _pobj(p, {"of"})):
                yield tok, "post"  # "the 27 soldiers slipped out of their base at night" (soldiers only, below)
            elif _surrenders_to_the_army(tok):
                yield tok, "surrender"  # "the rebel commander surrendered to the army" (insurgents only, below)
            elif lemma == "absent" and "without leave" in tok.sent.text.lower():
                yield tok, "verb"  # "27 personnel absented themselves without leave from their location"
            elif lemma not in _STRONG and _will_join(tok):
                yield tok, "future"  # "other units are in contact with us and will join in the coming days"
            elif (lemma == "return" or (lemma in {"come", "go"} and any(c.lower_ in {"back", "home"} for c in tok.children))) \
                    and any(c.lower_ == "never" for c in tok.children) and (any(c.dep_ == "advcl" for c in tok.children) or {
                        t.lower_ for t in tok.sent} & {"exile", "asylum", "abroad", "posting", "defected"}):
                yield tok, "noreturn"  # "a former minister who was abroad at the time never went home and lives in exile"
            elif (lemma == "return" or (lemma in {"come", "go"} and any(c.lower_ == "back" for c in tok.children))) \
                    and any(c.dep_ == "neg" for c in tok.children) and (any(
                    c.dep_ == "advcl" or c.lower_ in {"home", "since"} for c in tok.children) or any(
                    o.lemma_.lower() in _POSTS | {"barracks", "base"} and any(g.dep_ == "poss" for g in o.children)
                    for o in _pobj(tok, {"to"}))) and any(
                    c.dep_ == "aux" and c.lemma_.lower() in {"do", "have"} for c in tok.children):
                yield tok, "noreturn"  # "had simply not come back when their tours ended" (officials only, below)
            elif ((lemma in {"go", "come"} and any(c.lower_ == "back" for c in tok.children)) or lemma == "return") \
                    and any(c.dep_ == "neg" for c in tok.children) and tok.dep_ == "conj" and \
                    tok.head.lemma_.lower() == "leave" and any(
                        c.dep_ == "dobj" and c.lower_ in countries() for c in tok.head.children):
                yield tok.head, "noreturn"  # "left X for Y earlier this month and has not gone back"
            elif lemma == "break" and any(c.dep_ == "dobj" and c.lower_ == "ranks" for c in tok.children):
                yield tok, "post"  # "an army captain broke ranks to join the students"
            elif lemma == "leave" and any(c.dep_ == "dobj" and c.lower_ in _POSTS | {"barracks", "base"}
                                          for c in tok.children) and any(
                    o.lower_ in {"permission", "authorisation", "authorization", "leave"}
                    for o in _pobj(tok, {"without"})):
                yield tok, "post"  # "left his unit without permission": desertion, not a transfer
            elif lemma == "cross" and any(c.dep_ == "dobj" and c.lower_ in {"floor", "aisle"} and all(
                    o.lower_ in {"house", "parliament", "chamber", "assembly", "senate"} for o in _pobj(c, {"of"}))
                                          for c in tok.children):
                yield tok, "floor"  # "the fisheries minister crossed the floor" (to the opposition benches)
            elif lemma in {"walk", "cross", "go", "move"} and any(
                    o.lower_ in {"floor", "aisle", "chamber"} for o in _pobj(tok, {"across"})) and any(
                    c.dep_ in {"xcomp", "advcl"} and c.lemma_.lower() in {"join", "sit"} for c in tok.children):
                yield tok, "floor"  # "walked across the chamber to join the Liberal Democrats"
            elif lemma == "follow" and any(o.lower_ in {"floor", "aisle"} for o in _pobj(tok, {"across"})):
                yield tok, "follow"  # "follow the member for X across the floor", "... across the aisle"
            elif lemma == "side" and any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children):
                yield tok, "side"  # "members of the army sided with the rebels" (kept for soldiers and officials)
            elif lemma == "stand" and not any(c.dep_ == "neg" for c in tok.children) and any(
                    o.lemma_.lower() == "side" and list(_pobj(o, {"of"})) for o in _pobj(tok, {"on"})):
                yield tok, "side"  # "he stands on the side of the President of Russia" (soldiers and officials)
            elif _asked_to_go_over(tok):
                yield tok, "follow"  # 'called on the members of the army "to abandon their units and come over"'
            elif _did_the_same(tok):
                yield tok, "follow"  # "X had also gone over to the government", "a second officer had fled too"
            elif _along_with(tok) is not None:
                yield tok, "along"  # "about 20 of his fighters had come over with him" (after his defection, below)
            elif _would_depart(tok):
                yield tok, "depart"  # "many more would leave tomorrow", "you will see whole units walk away"
            elif lemma == "follow" and not any(c.dep_ in {"dobj", "neg"} for c in tok.children) and any(
                    t.i < tok.i and t.pos_ == "VERB" and t.lemma_.lower() in _STRONG | {"quit", "leave", "flee", "break"}
                    for t in tok.sent) and _group_like(next((c for c in tok.children if c.dep_ == "nsubj"), None)):
                yield tok, "follow"  # "X quits the party, dozens of lawmakers follow"
            elif (lemma == "follow" and _follows_an_example(tok)) or (lemma == "do" and any(
                    c.dep_ == "dobj" and c.lower_ == "same" for c in tok.children)):
                yield tok, "follow"  # "we call on other officers to follow him", "hoped others would follow suit"
            elif lemma in {"fail", "refuse"} and _refused_to_go_home(tok):
                yield tok, "verb"  # "the sprinter refused to fly home", "refused to board a flight to X"
            elif lemma in {"fail", "refuse"} and any(
                    c.dep_ == "xcomp" and (c.lemma_.lower() == "return" or (c.lemma_.lower() in {"go", "come"} and any(
                        g.lower_ == "back" for g in c.children))) and (any(
                        (g.lower_ == "to" and g.dep_ == "prep") or g.lower_ == "home" for g in c.subtree) or any(
                        o.lemma_.lower() in {"leave", "posting", "holiday", "vacation", "course", "training", "mission"}
                        for o in _pobj(c, {"from"})))  # "failed to return from leave"
                    for c in tok.children):
                yield tok, "verb"  # "failed to return to the capital when his posting ended", "refused to go back home"
            elif lemma in {"stay", "remain"} and any(c.lower_ == "behind" for c in tok.children) and not any(
                    _kin_of_someone(c) for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}):
                # ("His wife stayed behind in the capital", "the pilot's son stayed behind in X": the family at home)
                yield tok, "verb"  # "officers who travelled to Vienna with a delegation stayed behind"
            elif lemma == "rally" and any(_rebel_side(o) or o.lower_ in cue_words("regime_words") | {"government"}
                                          for o in _pobj(tok, {"to"})):
                yield tok, "join"  # "rallied to the government", "rallied to the rebels"
            elif lemma == "join" and (((tok.dep_ == "xcomp" or (tok.dep_ == "conj" and tok.head.dep_ == "xcomp")) and (
                    tok.head if tok.dep_ == "xcomp" else tok.head.head).lemma_.lower() in _CONTROL_VERBS | {
                    "appeal", "plead"}) or _appealed_to(tok) is not None) and any(
                    c.dep_ == "dobj" and c.lower_ in {"them", "us"} for c in tok.children):
                yield tok, "follow"  # "we call on all soldiers to join them"
            elif lemma == "join" and (tok.dep_ != "conj" or any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children)
                                      or tok.head.lemma_.lower() in {"reach", "arrive", "get", "make", "travel"}):
                # ("had reached the town on Sunday and joined the rebels": the joining is the defection)
                if any(c.dep_ == "dobj" and (_rebel_side(c) or (c.lower_ in {"movement", "campaign", "camp"} and any(
                        p.dep_ == "poss" and p.ent_type_ == "PERSON" for p in c.children)) or (c.lower_ == "ranks" and (any(
                        _rebel_side(o) for o in _pobj(c, {"of"})) or any(
                        p.dep_ == "poss" and p.lower_ in {"its", "their", "our"} for p in c.children))))
                       for c in tok.children):
                    yield tok, "join"  # "joined the rebels", "joined the ranks of the resistance", "joined its ranks",
                    # "joined X's movement"
                elif any(c.dep_ == "dobj" and c.lemma_.lower() in {"force", "forces", "fighter", "militia", "militiaman"}
                         and any(p.dep_ == "poss" and (p.lemma_.lower() in _SIDE_HEADS or (
                             p.ent_type_ == "ORG" and p.lower_ not in cue_words("body_heads")))
                                 for p in c.children) for c in tok.children):
                    yield tok, "join"  # "had joined the party's forces", "joined the movement's fighters"
                elif tok.dep_ in {"advcl", "xcomp"} and tok.head.lemma_.lower() in _MOTION_VERBS | {"drive"} and any(
                        c.dep_ == "dobj" and c.ent_type_ == "PERSON" for c in tok.children):
                    yield tok, "joinleader"  # "had driven to X to join Colonel Y" (a rebel leader only, below)
            elif lemma in {"seek", "request", "ask", "apply", "file", "lodge", "submit"} and not (
                    tok.dep_ == "conj" and tok.head.lemma_.lower() in _STRONG) and (any(
                    t.lower_ in {"asylum", "refuge"} or (t.lower_ == "refugee" and t.head.lower_ in {"status", "protection"})
                    or (t.lower_ == "protection" and t.head.i == tok.i and any(  # "the protection of the
                        g.lower_ in countries() for g in t.subtree))  # Portuguese authorities"
                    for t in tok.subtree) or (any(
                    (c.dep_ == "xcomp" and c.lemma_.lower() in {"stay", "remain"}) or
                    (c.dep_ == "prep" and any(o.lower_ == "protection" for o in c.children))
                    for c in tok.children) and (_after_a_journey(tok) or (any(
                        (_public_figure(s) or _military_or_official(s)) for s in [
                            *(c for c in tok.children if c.dep_ == "nsubj"), *([tok.head] if tok.dep_ == "acl" else [])])
                        and any(o.lower_ in countries() or o.ent_type_ == "GPE"
                                for c in tok.children if c.dep_ == "xcomp" for o in _pobj(c, {"in"})))))):
                # ("a second Bolshoi dancer asked on Saturday to stay in the United States")
                yield tok, "asylum"  # "sought asylum", "flew to X and asked to stay there / for protection"
            elif lemma == "claim" and any(c.dep_ == "dobj" and (c.lower_ == "asylum" or (
                    c.lower_ == "status" and any(m.lower_ == "refugee" for m in c.children))) for c in tok.children):
                yield tok, "asylum"  # "later claimed asylum there", "claimed refugee status"
            elif lemma in {"take", "seek", "find"} and any(c.dep_ == "dobj" and c.lower_ in {"refuge", "shelter"}
                                                           for c in tok.children) and any(
                    t.lower_ in {"embassy", "consulate", "legation", "mission"} for p in tok.children
                    if p.dep_ == "prep" and p.lower_ in {"in", "at", "inside"} for t in p.subtree):
                yield tok, "asylum"  # "took refuge at the Argentine Embassy" (not "took refuge in the mountains")
        elif tok.pos_ == "NOUN" and lemma in nouns:
            yield tok, "noun"
        elif (tok.lower_ == "awol" or (tok.lower_ == "absent" and "without leave" in tok.sent.text.lower())) and \
                tok.dep_ in {"acomp", "advmod", "attr", "oprd", "dobj"} and tok.head.pos_ in {"VERB", "AUX"}:
            yield tok.head, "verb"  # "has been absent from the mission without leave since March", "went AWOL"


_ARMY_WORDS = {"army", "troop", "troops", "military", "soldier", "soldiers", "force", "forces", "unit", "units",
               "brigade", "battalion", "government"}


_PARTY_WORDS = {"party", "caucus", "front", "movement", "congress", "league", "alliance", "coalition", "bloc"}


def _party(noun: Token) -> bool:
    """A political party or faction by its name: "the X Party", "the Liberal caucus", or a party named by its
    members ("the Liberals", "the Progressive Conservatives")."""
    return noun.pos_ in {"PROPN", "NOUN"} and (
        (noun.lemma_.lower() in _PARTY_WORDS and any(c.dep_ in {"compound", "amod"} and c.text[:1].isupper()
                                                     for c in noun.children))
        or (noun.ent_type_ == "NORP" and noun.tag_ in {"NNPS", "NNS"})
        or (noun.tag_ == "NNPS" and any(c.dep_ == "det" for c in noun.children)))


def _party_named_for(trigger: Token, res: Resolution, joined: str | None) -> str | None:
    """The party a member crossing the floor left: the one an adjective of the sentence names ("who ran for the
    X leadership", "the X MP", "quit the X caucus"), never the one he joined; none when no party is named."""
    stems: dict[str, str] = {}
    for key, entity in res.entities.items():
        if entity.type != EntityType.ORGANIZATION or key == joined:
            continue
        for name in (entity.label, *entity.names):
            low = name.lower().removeprefix("the ").strip()
            for stem in {low, low.removesuffix(" party"), low.removesuffix("s")}:
                stems.setdefault(stem, key)
    words = [t for t in trigger.sent if t.text[:1].isupper() and t.pos_ in {"ADJ", "PROPN", "NOUN"}]
    for n, tok in enumerate(words):
        for phrase in ([tok.text, words[n + 1].text] if n + 1 < len(words) and words[n + 1].i == tok.i + 1 else [],
                       [tok.text]):
            party = stems.get(" ".join(phrase).lower())
            if phrase and party:
                return party
    return None


def _insurgent(tok: Token | None) -> bool:
    """"the guerrilla leader X", "a rebel commander": a fighter of an armed movement, by the words before him."""
    return tok is not None and bool({t.lower_ for t in tok.subtree if t.i <= tok.i} & _INSURGENTS)


def _surrenders_to_the_army(verb: Token) -> bool:
    """"surrendered to the army", "turned herself in to troops of the X Brigade", "presented himself to the
    army", "gave himself up to government forces": a fighter coming over to the state's side."""
    lemma = verb.lemma_.lower()
    reflexive = any(c.dep_ == "dobj" and c.lower_ in {"himself", "herself", "themselves"} for c in verb.children)
    particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    if not (lemma == "surrender" or (reflexive and (lemma == "present" or (lemma == "turn" and "in" in particles) or (
            lemma == "give" and "up" in particles) or (lemma == "hand" and particles & {"in", "over"})))):
        return False
    return any(o.lemma_.lower() in _ARMY_WORDS | _POLICE_WORDS for o in _pobj(verb, {"to", "before"}))


def _army_surrendered_to(verb: Token, res: Resolution) -> str | None:
    """The body a fighter surrendered to: of "troops of the X Brigade of the National Army", the widest."""
    found = None
    for first in _pobj(verb, {"to", "before"}):
        obj: Token | None = first
        while obj is not None:
            key = res.head_keys.get(obj.i) or _key(obj, res)  # (a group may span the whole phrase)
            if key and res.type_of(key) in _BODY_TYPES - {EntityType.COUNTRY}:
                found = key
            obj = next(_pobj(obj, {"of"}), None)
    return found


def _country_of_body(key: str, res: Resolution) -> str:
    """The country a state body belongs to ("the Burkinabe authorities": Burkina Faso), or ""."""
    country = f"country:{key.split(':')[1]}" if key.startswith("body:") else ""
    return country if country in res.entities else ""


def _guess_left(defector_tok: Token | None, defector: str, res: Resolution, joined: set[str]) -> str | None:
    """The body a defector left when the sentence names none: soldiers their country's army, police officers
    its police (when the article names them), anyone else their regime, else the article's regime or country;
    never a side some defector in the article joined ("went over to the rival X administration")."""
    left = None
    if _insurgent(defector_tok):
        # "the guerrilla leader X deserted": never the state's regime; the one rebel side the article names by
        # its fighters ("the rebels", "the separatists"), else no guess (none beats a wrong one)
        sides = [k for k, e in res.entities.items() if e.type in {EntityType.GROUP, EntityType.ORGANIZATION}
                 and k != defector and k not in joined and e.label.lower().split()[-1:] in (
                     ["rebels"], ["separatists"], ["guerrillas"], ["insurgents"], ["militants"], ["jihadists"])
                 and e.label.lower().split()[0] in {"the"}]
        return sides[0] if len(sides) == 1 else None
    country = res.nationality.get(defector) or res.main_country
    if defector_tok is not None and {t.lemma_.lower() for t in defector_tok.subtree} & _POLICE_WORDS:
        left = res.state_police(country)  # "a senior police officer", "gendarmes": the police first
    if left is None and _soldiers(defector_tok, defector, res):
        left = res.state_army(country)
    nation = res.nationality.get(defector)
    # "Ten Eritrean footballers ... sought asylum in Botswana" in an article whose main regime is Botswana's:
    # they left their own country (or its regime), not the regime of the country they went to
    foreign_main = nation is not None and any(r == res.main_regime and c != nation
                                              for c, r in res.regime_of_country.items())
    own = (res.regime_of_country.get(nation or "") or nation) if foreign_main else None
    return next((k for k in (left, res.home_body(defector), own, res.main_regime, res.main_country)
                 if k is not None and k not in joined), None)


def _speakers_they(tok: Token, res: Resolution) -> Token | None:
    """"X and Y both said they too had joined the revolution": "they" in what two or more named persons say
    are those persons (the first of them; the others are its conjuncts)."""
    verb = tok.head
    while verb.dep_ in {"ccomp", "conj"} and verb.head is not verb:
        verb = verb.head
        if verb.lemma_.lower() in cue_words("reporting_verbs"):
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is not None and res.type_of(res.key_of(subject)) == EntityType.PERSON and any(
                    res.type_of(res.key_of(c)) == EntityType.PERSON for c in subject.conjuncts):
                return subject
            return None
    return None


def _persons_they(tok: Token, res: Resolution) -> list[Token]:
    """"Its pilot, Captain X, and his co-pilot, Lieutenant Y, told the authorities ... They asked for asylum":
    the names of two or more persons in the subject of this sentence or the one before (one token each)."""
    doc = tok.doc
    start = doc[tok.sent.start - 1].sent.start if tok.sent.start > 0 else tok.sent.start
    for i in range(tok.i - 1, start - 1, -1):
        subject = doc[i]
        if subject.dep_ not in {"nsubj", "nsubjpass"} or not any(c.dep_ in {"conj", "cc"} for c in subject.subtree):
            continue
        named: dict[str, Token] = {}
        for t in subject.subtree:
            key = res.key_of(t)
            if t.ent_type_ == "PERSON" and res.type_of(key) == EntityType.PERSON and key not in named:
                named[key or ""] = t
        if len(named) >= 2:
            return list(named.values())
    return []


def _group_they(tok: Token, res: Resolution) -> Token | None:
    """The head of the group "they" stands for: the last group named in this sentence or the one before."""
    doc = tok.doc
    sent = tok.sent
    start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    for i in range(tok.i - 1, start - 1, -1):
        key = res.head_keys.get(i)
        if key and res.type_of(key) == EntityType.GROUP:
            return doc[i]
    return None


_PROTEST_WORDS = {"protesters", "protestors", "demonstrators", "students", "crowd", "crowds", "marchers"}


def _protest_side(noun: Token) -> bool:
    """The street: "crossed over to the students", "joined the demonstrators" (a defection for soldiers,
    police and officials only)."""
    return noun.lower_ in _PROTEST_WORDS


#: what the other side is called after "rebel", "opposition", "armed": "the opposition Union for ...",
#: "a rebel army", "the opposition party"
_SIDE_HEADS = frozenset({"movement", "group", "front", "alliance", "party", "union", "coalition", "bloc", "council",
                         "congress", "platform", "army", "force", "militia", "camp", "side", "government"})


def _rebel_side(noun: Token) -> bool:
    """The other side: "the rebels", "the opposition", "a rebel movement", "the resistance"."""
    return noun.lower_ in _REBEL_WORDS | _ARMED_SIDE_WORDS or (noun.lemma_.lower() in _SIDE_HEADS and any(
        c.dep_ in {"amod", "compound"} and c.lower_ in _REBEL_WORDS | {"armed", "insurgent", "separatist"}
        for c in noun.children))


def _other_side(noun: Token) -> bool:
    """A side one can go over to: "the rebels", "a rebel movement", or a named movement, front, party,
    militia or administration ("the X Liberation Front", "SSC-Khatumo"), not a firm or a ministry."""
    if _rebel_side(noun):
        return True
    if noun.ent_type_ != "ORG" and not (noun.pos_ == "PROPN" and noun.ent_type_ not in {"PERSON", "GPE", "LOC"}):
        return False
    words = {t.lemma_.lower() for t in noun.subtree if t.i <= noun.i}
    return noun.lemma_.lower() in _SIDE_HEADS | {"administration"} or (noun.pos_ == "PROPN" and not words & (
        cue_words("body_heads") | {"ministry", "company", "bank", "firm", "university", "corporation"}))


def _after_a_journey(verb: Token) -> bool:
    """The verb is conjoined with a journey abroad: "flew a helicopter into X and asked for protection"."""
    verbs = [*verb.conjuncts, verb.head] if verb.dep_ == "conj" else list(verb.conjuncts)
    verbs += [x for v in verbs for x in v.children if x.dep_ == "xcomp"]  # "is reported to have flown ... and asked"
    return any(v.lemma_.lower() in _MOTION_VERBS | {"drive", "walk", "run"} and any(
        ((o.ent_type_ in {"GPE", "LOC"} or o.lower_ in countries()) and o.head.lower_ in {"to", "into", "in"})
        or (o.lemma_.lower() in {"border", "frontier", "bridge"} and o.head.lower_ in {"across", "over"})
        for o in v.subtree) for v in verbs)  # "drove two armoured vehicles across the bridge and asked for protection"


#: people whose leaving their country for good is news of a defection: the state's champions and artists
_PUBLIC_FIGURES = {"champion", "medallist", "medalist", "olympian", "athlete", "player", "boxer", "gymnast", "dancer",
                   "sprinter", "runner", "swimmer", "wrestler", "skater", "cyclist", "judoka", "weightlifter",
                   "ballerina", "musician", "violinist", "pianist", "singer", "actor", "actress", "presenter",
                   "anchor", "chess", "grandmaster", "footballer", "striker", "coach", "writer", "poet", "scientist",
                   "star", "stars", "goalkeeper", "goaltender", "conductor", "composer", "novelist", "painter"}
def _public_figure(tok: Token | None) -> bool:
    """A state's champion or artist by the words that describe him ("X, the gymnast who scored ...")."""
    return tok is not None and bool({w for t in tok.subtree for w in (t.lower_, t.lemma_.lower())} & _PUBLIC_FIGURES)


#: a state's team abroad, which an athlete who walks out on it leaves for the state's
_TEAMS = {"team", "delegation", "squad", "troupe", "company", "ensemble"}

_MODALS = {"will", "would", "could", "may", "might", "can", "'ll", "shall"}


def _follows_an_example(verb: Token) -> bool:
    """"follow him", "follow X's example", "follow his lead", "follow suit", and "many more would follow":
    doing as someone did."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    for obj in objects:
        if obj.lower_ in {"him", "her", "them", "me", "us"} or obj.ent_type_ == "PERSON" or obj.like_num:
            return True  # ("follow the fourteen")
        if obj.lemma_.lower() in {"example", "lead", "suit", "footstep", "path"}:
            return True
    return not objects and any(c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children)


#: what a group still to go might want or be asked to do ("want to cross", "urged ... to walk away"), and the
#: verbs of seeing it happen ("you will see whole companies come across")
_WISHES = frozenset({"want", "wish", "wait", "hope", "expect", "plan", "intend", "tempt", "welcome", "like", "ready",
                     "likely", "try", "predict", "persuade",
                     "prepare", "see", "appeal", "plead"}) | _CONTROL_VERBS - {"force", "cause", "lead", "help", "push",
                                                                               "allow"}
_BODIES_LEFT = frozenset({"government", "regime", "army", "party", "service", "force", "country", "rank", "unit",
                          "post", "military", "police", "ministry", "cabinet", "administration", "movement"})


#: what a group still to go may be asked or expected to join: "join us", "join the resistance", "join the people"
_SIDES_TO_JOIN = frozenset({"us", "them", "him", "me", "resistance", "people", "revolution", "uprising", "struggle",
                            "opposition", "protesters", "protestors", "rebels", "war", "jihad", "movement"})
#: what one follows when one follows a defector ("follow him", "follow his example", "follow suit")
_FOLLOWED = frozenset({"him", "her", "them", "me", "us", "example", "lead", "suit", "footstep", "footsteps", "path"})
#: a group by its words: "others", "many more X", "some of them", plural nouns
_GROUP_WORDS = frozenset({"others", "many", "some", "more", "all", "everyone", "everybody", "those", "anyone", "few"})


def _irrealis_doer(verb: Token) -> Token | None:
    """Who would do ``verb``: its subject, the object of the verb that expects or asks it ("expected more
    athletes to follow"), the subject of the verb it completes ("more officers will try to stay"), or the one
    appealed to."""
    node = verb.head if verb.dep_ == "conj" and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children) \
        else verb
    subject = next((c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is not None and subject.lower_ in {"who", "that"} and node.dep_ == "relcl":
        return node.head  # "many more officers who would leave tomorrow"
    if subject is not None:
        return subject
    if node.dep_ == "xcomp" and node.head.dep_ == "relcl" and any(
            c.dep_ == "nsubj" and c.lower_ in {"who", "that"} for c in node.head.children):
        return node.head.head  # "any pilot who wants to follow him"
    if node.dep_ in {"relcl", "acl"} and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
        return node.head  # "expected more athletes to follow": the parser hung the infinitive on the athletes
    if node.dep_ in {"xcomp", "ccomp", "advcl", "acomp"}:
        head = node.head
        if head.lemma_.lower() in _APPEALS:  # "called on X to ...", "appealed to X to ...", "urged X to ..."
            appealed = next((c for c in head.children if c.dep_ == "dobj" and c.i < node.i), None) or next(
                (o for o in _pobj(head, {"on", "upon", "to"}) if o.i < node.i), None)
            if appealed is not None:
                return appealed
        obj = next((c for c in head.children if c.dep_ == "dobj" and c.i < node.i), None)
        if obj is not None:
            return obj
        if head.dep_ == "acomp":  # "were likely to flee", "would be tempted to follow"
            head = head.head
        return next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}), None) or _appealed_to(node)
    return _appealed_to(node)


def _group_like(tok: Token | None) -> bool:
    """A group by the words of the phrase ("other musicians", "many more Cuban boxers", "Others in the X")."""
    return tok is not None and (tok.tag_ in {"NNS", "NNPS"} or tok.lower_ in _GROUP_WORDS or any(
        c.lower_ in {"every", "each", "all", "any", "other", "more", "many", "some"} for c in tok.children))


def _would_depart(verb: Token) -> bool:
    """"many more would leave tomorrow", "you will see whole companies come across", "many of my comrades want
    to cross", "will make the same choice as me", "would 'choose freedom'", "more athletes will follow", "others
    in the Movement will join us", "more officers sent abroad will try to stay", "were likely to flee": a
    departure still to come, told without a defection verb; kept only for groups and only where someone
    defected first (below)."""
    lemma = verb.lemma_.lower()
    kids = list(verb.children)
    objects = [c for c in kids if c.dep_ == "dobj"]
    particles = {c.lower_ for c in kids if c.dep_ in {"prt", "advmod", "prep"}}
    if lemma in {"leave", "quit", "abandon", "desert"}:
        shape = all(o.lemma_.lower() in _BODIES_LEFT | {"ranks"} or o.ent_type_ in {"PERSON", "ORG", "GPE"}
                    for o in objects) and (bool(objects) or lemma in {"leave", "quit"})
    elif lemma in {"flee", "run", "escape", "defect"}:  # "many more would run if they had a way out"
        shape = not objects and not particles & {"for", "into"} - {"to"}
    elif lemma in {"stay", "remain"}:  # "more officers sent abroad will try to stay"; not "troops will stay",
        # "asked ministers to stay on", "stay on alert"
        shape = not objects and not particles & {"on", "put", "in", "at"} and not any(
            c.dep_ in {"acomp", "attr", "oprd"} for c in kids) and (bool(particles & {"abroad", "behind"}) or (
                verb.dep_ == "xcomp" and verb.head.lemma_.lower() in {"try", "want", "wish", "decide", "ask", "seek"}))
    elif lemma == "seek":
        shape = any(o.lower_ in {"asylum", "refuge"} for o in objects)
    elif lemma == "join":
        shape = any(o.lower_ in _SIDES_TO_JOIN or o.lemma_.lower() in _SIDES_TO_JOIN or _rebel_side(o) for o in objects)
    elif lemma in {"break", "split"}:  # "any pilot who wants to break with the regime"
        shape = bool(particles & {"with", "from", "away"}) or any(True for _ in _pobj(verb, {"with", "from"}))
    elif lemma == "follow":
        shape = not objects or any(o.lower_ in _FOLLOWED or o.lemma_.lower() in _FOLLOWED or o.ent_type_ == "PERSON"
                                   for o in objects)
    elif lemma == "walk":
        shape = bool(particles & {"away", "out", "off", "across"})
    elif lemma in {"come", "go"}:  # "come over", "they will also come to us"
        shape = bool(particles & {"over", "across"}) or any(o.lower_ in {"us", "we"} for o in _pobj(verb, {"to"}))
    elif lemma == "cross":
        shape = all(o.lemma_.lower() in {"river", "border", "line", "bridge", "frontier"} for o in objects)
    elif lemma in {"make", "take"}:  # "will make the same choice", "will take the same road"
        shape = any(o.lemma_.lower() in {"choice", "decision", "road", "path", "step", "route"} and any(
            a.lower_ == "same" for a in o.children) for o in objects)
    elif lemma == "stand":  # "come out of the shadows and stand with me"
        shape = any(o.lower_ in {"me", "us"} for o in _pobj(verb, {"with", "by", "beside"}))
    elif lemma in {"choose", "want"}:  # "would choose freedom", "any North Korean who wants freedom"
        shape = any(o.lower_ in {"freedom", "exile"} for o in objects)
    else:
        return False
    if not shape or any(c.dep_ == "neg" for c in kids):
        return False
    modal = any(c.dep_ == "aux" and c.lower_ in _MODALS for c in kids) or (verb.dep_ == "conj" and any(
        c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.head.children))
    head = verb.head
    wished = (verb.dep_ in {"xcomp", "ccomp"} or (verb.dep_ == "advcl" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in kids))) and head.lemma_.lower() in _WISHES and (
        head.lemma_.lower() != "see" or any(c.dep_ == "aux" and c.lower_ in _MODALS for c in head.children))
    wished = wished or (verb.dep_ in {"relcl", "acl"} and any(c.dep_ == "aux" and c.lower_ == "to" for c in kids)
                        and head.dep_ == "dobj" and head.head.lemma_.lower() in _WISHES - {"see", "like", "welcome"})
    whoever = verb.dep_ == "relcl" and any(c.dep_ == "det" and c.lower_ in {"any", "every"} for c in head.children)
    if lemma == "want":
        return whoever  # "any North Korean who wants freedom"
    if lemma in {"leave", "quit", "walk", "come", "go", "cross", "make", "take", "choose", "stand"}:
        return modal or wished or _appealed_to(verb) is not None  # (the shapes above are specific enough)
    # the plainer verbs only for a group: "many more would run", "expected more athletes to follow"
    return (modal or wished or _appealed_to(verb) is not None or _asked_of(verb)) and _group_like(_irrealis_doer(verb))


def _asked_to_go_over(verb: Token) -> bool:
    """An appeal to a group to leave its side or come over: "urged the security forces to abandon a man who has
    lost his mandate", "called on the members of the army to abandon their units and come over to his side",
    "appealed to the remaining cadres to come out and join the mainstream" (kept only for soldiers, officials and
    their groups, and only where someone defected first)."""
    node = verb.head if verb.dep_ == "conj" else verb
    appeal = (node.dep_ in {"xcomp", "advcl", "ccomp"} and node.head.lemma_.lower() in _APPEALS | {"call", "invite"}
              and any(c.dep_ in {"dobj", "prep"} for c in node.head.children)) or _appealed_to(node) is not None
    if not appeal or any(c.dep_ == "neg" for c in verb.children):
        return False
    lemma = verb.lemma_.lower()
    kids = list(verb.children)
    particles = {c.lower_ for c in kids if c.dep_ in {"prt", "advmod", "prep"}}
    objects = [c for c in kids if c.dep_ == "dobj"]
    if lemma in {"leave", "abandon", "desert", "quit"}:
        return any(o.lemma_.lower() in _BODIES_LEFT | _POSTS | {"rank", "ranks", "barracks", "base", "man", "leader"}
                   or o.ent_type_ == "PERSON" for o in objects) or (any(o.lower_ == "them" for o in objects) and any(
                       c.dep_ == "conj" and c.lemma_.lower() == "join" for c in kids))
        # (or "urged Croats still serving in the federal forces to leave them now and join the National Guard")
    if lemma in {"come", "go", "cross"}:
        return bool(particles & {"over", "across"})
    if lemma == "lay":
        return any(o.lemma_.lower() in {"arm", "arms", "weapon", "weapons", "gun", "guns"} for o in objects)
    return lemma in {"defect", "desert", "rally"}


_FOUNDING_VERBS = frozenset({"found", "form", "launch", "create", "establish", "set", "start"})
_NEW_SIDES = frozenset({"party", "group", "movement", "faction", "bloc", "caucus", "alliance", "front"})


#: what one quits a party to do against it: "quit the party to back X", "left it to stand against the president"
_OPPOSING_AIMS = frozenset({"back", "support", "challenge", "oppose", "contest", "endorse", "found", "form", "launch"})


def _quit_to_oppose(trigger: Token) -> bool:
    """"quit the party to back X", "is leaving the party and will stand against the president": he left to
    work against it."""
    aims = [c for c in trigger.children if c.dep_ in {"advcl", "xcomp", "conj"} and c.pos_ == "VERB"]
    for aim in aims:
        lemma = aim.lemma_.lower()
        if lemma in _OPPOSING_AIMS or (lemma in {"stand", "run"} and any(
                c.dep_ == "prep" and c.lower_ == "against" for c in aim.children)):
            return True
    return False


def _ruling_party(left: str | None, trigger: Token, res: Resolution) -> bool:
    """Is the party left the ruling one ("the ruling party", "the governing X", "the president's party")?"""
    words = {t.lower_ for o in trigger.children if o.dep_ == "dobj" for t in o.subtree}
    if left in res.entities:
        words |= {w.lower() for n in (res.entities[left].label, *res.entities[left].names) for w in n.split()}
        doc = trigger.doc
        for span in res.entities[left].mentions:  # "the ruling Party of Regions": the word before the name
            found = doc.char_span(span.start, span.end, alignment_mode="expand")
            if found is not None and found.start > 0:
                words |= {t.lower_ for t in doc[max(0, found.start - 2):found.start]}
    return bool(words & {"ruling", "governing"})


def _party_joined_later(doc: Doc, person: str, left: str | None, res: Resolution) -> str | None:
    """The party a politician who quit his joins or founds, anywhere in the article: "X is expected to join
    the Y tomorrow", "X joined the Y on Monday", "signed up to X's new group", "walked out ... to found Y";
    None when he joins none (he may sit as an independent or retire). A new party the article does not name
    is the party left's own key's stand-in: the empty string."""
    for verb in (t for t in tokens(doc) if t.pos_ == "VERB" and t.lemma_.lower() in {"join", "sign", "move", "go"}
                 | _FOUNDING_VERBS):
        subject = _subject(verb, res)
        if verb.dep_ in {"advcl", "xcomp", "conj"} and subject is None:
            subject = _subject(verb.head, res)  # "walked out of the X to found Y", "left X and signed up to Y"
        if subject is None or res.key_of(subject) != person:
            continue
        lemma = verb.lemma_.lower()
        objs = [c for c in verb.children if c.dep_ == "dobj"] if lemma in {"join"} | _FOUNDING_VERBS else []
        if lemma == "go" and not any(c.dep_ in {"prt", "advmod"} and c.lower_ == "over" for c in verb.children):
            continue  # "went over to the Y": as "moved to"
        if lemma in {"sign", "move", "go"}:  # "signed up to Y's new group", "moved to the Y"
            objs = [*_pobj(verb, {"to", "with"}), *(o for p in verb.children if p.dep_ == "prt"
                                                    for o in _pobj(p, {"to", "with"}))]
        for obj in objs:
            key = _key(obj, res)
            if key and key != left and res.type_of(key) == EntityType.ORGANIZATION:
                return key
            if lemma != "join" and (obj.lemma_.lower() in _NEW_SIDES or (key and res.type_of(key) == EntityType.GROUP)):
                return ""  # "to form a new party", "signed up to X's new group": a side of his own, unnamed
    return None


def _refused_to_go_home(verb: Token) -> bool:
    """"The sprinter refused to fly home", "the colonel refused to board the flight to X": a soldier, an official
    or a state's champion who would not go home (not "the tourists refused to go home")."""
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None and verb.dep_ == "conj":
        subject = next((c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or not (_military_or_official(subject) or _public_figure(subject) or subject.pos_ == "PRON"):
        return False
    return any(c.dep_ == "xcomp" and (
        (c.lemma_.lower() in {"fly", "go", "travel", "return"} and any(
            g.dep_ == "advmod" and g.lower_ == "home" for g in c.children))
        or (c.lemma_.lower() == "board" and any(o.dep_ == "dobj" and o.lemma_.lower() in {
            "flight", "plane", "aircraft", "bus", "train"} for o in c.children))) for c in verb.children)


_AGAIN_WORDS = frozenset({"also", "too", "likewise", "similarly"})
_NEXT_ONE = frozenset({"second", "third", "fourth", "another", "other"})
_FELLOWS = frozenset({"pair", "trio", "group", "defector", "defectors", "deserter", "deserters"})


def _did_the_same(verb: Token) -> bool:
    """"Reports that X had also gone over to the government", "a second officer had fled the country too",
    "a third official had joined the pair in Paris": a departure told as one more of the kind the article told
    (kept only where someone defected first, and he left what the one before left unless his own is named)."""
    kids = list(verb.children)
    first = verb.head if verb.dep_ == "conj" else verb  # "X also resigned and crossed over with him"
    subject = next((c for c in (*kids, *first.children) if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if verb.lemma_.lower() in {"make", "take"} and subject is not None and not any(c.dep_ == "neg" for c in kids) \
            and not any(c.dep_ == "aux" and c.lower_ in _MODALS for c in kids) and any(
            o.dep_ == "dobj" and o.lemma_.lower() in {"decision", "choice", "step"} and any(
                a.lower_ == "same" for a in o.children) for o in kids):
        return True  # "65 of the mission's officers had taken the same decision"
    again = any(c.dep_ == "advmod" and (c.lower_ in _AGAIN_WORDS or (c.lower_ == "well" and c.i > 0 and c.doc[
        c.i - 1].lower_ == "as")) for c in (*kids, *first.children)) or (
        subject is not None and any(c.dep_ in {"amod", "det"} and c.lower_ in _NEXT_ONE for c in subject.children))
    if not again or subject is None or any(c.dep_ == "neg" for c in kids):
        return False
    lemma = verb.lemma_.lower()
    particles = {c.lower_ for c in kids if c.dep_ in {"prt", "advmod", "prep"}}
    objects = [c for c in kids if c.dep_ == "dobj"]
    if lemma in {"go", "come", "cross"}:
        return "over" in particles
    if lemma in {"leave", "quit", "flee", "escape", "desert", "abandon"}:  # a body, a post, a country or a camp;
        # not "also left the meeting early"
        return any(o.ent_type_ in {"GPE", "LOC", "ORG", "NORP"} or o.lemma_.lower() in _BODIES_LEFT | _POSTS | _TEAMS | {
            "village", "camp", "base", "barracks", "hotel", "embassy", "homeland", "side", "ranks"} for o in objects) or (
            not objects and lemma in {"flee", "escape", "desert", "quit"}) or (  # "two others had also quit"
            not objects and any(o.ent_type_ in {"GPE", "LOC"} for o in _pobj(verb, {"for"})))  # "also left for X"
    if lemma == "join":
        return any(o.lower_ in {"him", "her", "them"} or o.ent_type_ == "PERSON" or o.lemma_.lower() in _FELLOWS
                   for o in objects)
    if lemma in {"break", "split"}:
        return "with" in particles
    if lemma in {"walk", "slip", "sneak"}:  # "had also slipped across the border into X"
        return bool(particles & {"out", "away", "off", "across"})
    return False


def _asked_of(verb: Token) -> bool:
    """An infinitive someone is asked to do: "called on X to follow him", "urged X to follow suit"."""
    node = verb.head if verb.dep_ == "conj" else verb
    return (node.dep_ in {"xcomp", "advcl", "ccomp"} and node.head.lemma_.lower() in _APPEALS and any(
        c.dep_ in {"dobj", "prep"} for c in node.head.children)) or _appealed_to(node) is not None


def _along_with(verb: Token) -> Token | None:
    """Whom a group went with: "about 20 of his fighters had come over with him", "two naval officers had flown to
    X with Commander Y", "four other officers had made the crossing together with Y", "had crossed with him"; for
    "had taken a group of fighters with him", the one who took them. None when the verb is no such journey."""
    lemma = verb.lemma_.lower()
    kids = list(verb.children)
    particles = {c.lower_ for c in kids if c.dep_ in {"prt", "advmod"}}
    objects = [c for c in kids if c.dep_ == "dobj"]
    if lemma in {"come", "go"}:
        shape = bool(particles & {"over", "across"}) or any(True for _ in _pobj(verb, {"to"}))
    elif lemma == "fly":
        shape = "out" in particles or any(o.ent_type_ in {"GPE", "LOC"} for o in _pobj(verb, {"to", "into"}))
    elif lemma == "make":
        shape = any(o.lemma_.lower() in {"crossing", "journey", "escape"} for o in objects)
    elif lemma == "take":
        shape = any(o.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "nummod" for c in o.children) or any(
            p.lower_ == "of" and any(g.tag_ == "NNS" for g in p.children) for p in o.children) for o in objects)
    else:
        shape = lemma in {"cross", "flee", "escape", "defect", "desert", "walk", "slip"}
    if not shape or any(c.dep_ == "neg" for c in kids):
        return None
    withs = [*_pobj(verb, {"with"}), *(o for c in kids if c.lower_ == "together" for o in _pobj(c, {"with"}))]
    companion = next((o for o in withs if o.lower_ in {"him", "her"} or o.ent_type_ == "PERSON" or (
        o.pos_ == "PROPN" and o.is_title)), None)  # (who he is, a defector told before, is checked with the resolution)
    if companion is None:
        return None
    if lemma == "take":  # the ones taken went with the one who took them
        return next((c for c in kids if c.dep_ in {"nsubj", "nsubjpass"}), None) if companion.lower_ in {
            "him", "her"} else None
    return companion


def _appealed_to(verb: Token) -> Token | None:
    """Whom an appeal asks to do ``verb``, when the parser hung the infinitive on the appealed noun or inside its
    relative clause: 'called on "every officer who has been humiliated" to "walk away as he did"', and the
    second of two things asked ("to come out of the shadows and stand with me")."""
    while verb.dep_ == "conj" and verb.head.pos_ == "VERB" and not any(c.dep_ == "aux" for c in verb.children):
        verb = verb.head
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    node = verb
    for _ in range(8):  # (a quoted group with a relative clause holding a clause: 'called on "all those who know
        # that this path leads to ruin" to follow him', the parser hung the infinitive on the innermost verb)
        if node.head is node:
            return None
        node = node.head
        lemma = node.lemma_.lower()
        if node.pos_ == "VERB" and lemma in _APPEALS:
            noun = next((c for c in node.children if c.dep_ == "dobj"), None) or next(
                _pobj(node, {"on", "upon"} if lemma in {"call", "prevail"} else {"to"}), None) or next(
                (t for t in verb.doc[node.i + 1:verb.i] if t.dep_ == "nsubj" and t.pos_ in {"NOUN", "PROPN", "PRON"}),
                None)  # 'urged "every son of X still wearing the uniform" to join them': the parser's subject
            return noun if noun is not None and noun.i < verb.i else None
    return None


#: verbs of asking someone to do something ("called on X to", "urged X to", "appealed to X to")
_APPEALS = frozenset({"call", "prevail", "urge", "appeal", "plead", "invite", "encourage", "exhort", "implore", "beg",
                      "ask"})


def _follows_a_defector(verb: Token, found: list[Event], res: Resolution) -> bool:
    """"follow the admiral's example", "follow the fourteen": following someone the article has told defected."""
    defectors = {e.participant("defector") for e in found}
    return any(k in defectors for c in verb.children if c.dep_ == "dobj"
               for k in (res.key_of(c), *(res.key_of(p) for p in c.children if p.dep_ == "poss")))


def _will_join(verb: Token) -> bool:
    """"will join in the coming days", "could join it", "are considering leaving", "waiting for the right
    moment to leave": a defection to come (soldiers and officials only, below)."""
    lemma = verb.lemma_.lower()
    modal = any(c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children)
    if lemma == "join" and modal:
        return all(c.lower_ in {"it", "them", "us"} for c in verb.children if c.dep_ == "dobj")
    return lemma in {"leave", "defect", "desert"} and verb.dep_ in {"xcomp", "acl", "ccomp", "relcl"} and (
        verb.head.lemma_.lower() in {"consider", "wait", "plan", "prepare", "think", "weigh"}
        or (verb.head.dep_ == "pobj" and verb.head.head.head.lemma_.lower() in {"wait"}))


def _kin_of_someone(tok: Token) -> bool:
    """"his wife", "the pilot's eldest son", "their children": someone's family, by a kinship word with its owner."""
    kin = kin_words()
    return tok.lemma_.lower() in kin | {"wife", "husband", "family", "spouse"} and any(
        c.dep_ == "poss" for c in tok.children)


def _family_along(tok: Token) -> bool:
    """"X and his wife, Y, asked for asylum": the family that comes with a defector is not a defector of its own."""
    kin = kin_words()
    return tok.lemma_.lower() in kin | {"wife", "husband", "family", "spouse"} and any(
        c.dep_ == "poss" and c.lower_ in {"his", "her", "their"} for c in tok.children)


def _holds_a_post(tok: Token) -> bool:
    """"his son, X, a second secretary at the same embassy": a relative described by a post of his own (who
    defects with the defector; "fled with his wife and children" are family going along, no defectors)."""
    posts = cue_words("office_titles") | cue_words("ranks") | cue_words("member_titles")
    return any(t.lemma_.lower() in posts for c in tok.children if c.dep_ == "appos" for t in c.subtree)


#: verbs that call someone a deserter or a defector ("brands him a deserter", "was declared a deserter")
_BRANDING_VERBS = frozenset({"brand", "declare", "call", "label", "list", "name", "consider", "deem", "pronounce"})


def find_defections(doc: Doc, res: Resolution, article: Article) -> list[Event]:
    """Defections asserted, reported, denied or imagined in the article."""
    found: list[Event] = []
    guesses: list[bool] = []  # per event: was the body left only guessed?
    followers: set[str] = set()  # defectors only by following someone's example
    following: set[int] = set()  # the events that are only someone following an example
    departing: set[int] = set()  # of those, a group that may leave ("many more would walk away")
    walkouts: set[int] = set()  # the events that are only a walk-out from a party, joining no other
    followed: dict[str, str] = {}  # follower -> the defector whose example they would follow
    headline_end = next(iter(doc.sents)).end if article.title else 0
    joined_before: set[str] = set()  # sides joined by the defections told so far
    triggers = list(_defection_triggers(doc))
    told_by_verb = {t.sent.start for t, how in triggers if how != "noun"}
    for trigger, how in triggers:
        if how == "joinleader":
            leader = next((_key(c, res) for c in trigger.children if c.dep_ == "dobj"), None)
            if leader is None or not _rebel_leader(leader, doc, res):
                continue
            how = "join"
        lemma = trigger.lemma_.lower()
        walkout = False
        defector_tok: Token | None = None
        left: str | None = None
        party_joined: str | None = None
        asylum_with: str | None = None
        they_too: list[str] = []  # the other persons a "they" stands for
        along_model: str | None = None  # the defector a group went with
        if how == "noun" and trigger.i >= headline_end and not any(
                t.pos_ in {"VERB", "AUX"} for t in trigger.sent) and trigger.sent[-1].text not in {".", "!", "?"}:
            continue  # a subheading inside the article ("A defector with a grievance") tells no fact
        if how == "noun" and lemma in {"defector", "deserter"} and trigger.tag_ == "NNS" and (
                trigger.i > 0 and trigger.doc[trigger.i - 1].lower_ in {"not", "no"}):
            continue  # '"These are economic migrants, not defectors," he said'
        if how == "noun" and trigger.dep_ == "attr" and any(
                c.dep_ == "nsubj" and (c.lower_ in {"anyone", "whoever"} or any(
                    d.dep_ == "det" and d.lower_ in {"any", "every"} for d in c.children))
                for c in trigger.head.children):
            continue  # '"Any member who fails to return to his unit is a deserter under the law"': a rule
        branded = next((c for c in trigger.head.children if c.i != trigger.i and c.dep_ in {
            "dative", "dobj", "nsubjpass"}), None) if how == "noun" and lemma in {"defector", "deserter"} and \
            trigger.head.lemma_.lower() in _BRANDING_VERBS else None
        if branded is not None and branded.pos_ == "PRON" and trigger.i < headline_end:
            continue  # a headline's "Brands Him a Deserter": whom "him" means the headline does not say
        if branded is not None:  # "Venezuela brands him a deserter", "he was declared a deserter": him
            defector_tok = branded
        elif how == "noun":
            if (lemma in {"defector", "deserter"} and res.type_of(res.key_of(trigger)) == EntityType.PERSON) or (lemma in {"defection", "desertion"} and res.type_of(res.head_keys.get(trigger.i)) == EntityType.GROUP):
                defector_tok = trigger
                if lemma in {"defector", "deserter"} and (res.key_of(trigger) or "").startswith("anon:") and not [
                        c for c in trigger.children if c.dep_ not in {"det", "punct"}]:
                    continue  # "a deserter has no voice in this army": nobody in particular
            elif lemma in {"defector", "deserter"}:
                if trigger.dep_ == "appos":
                    defector_tok = trigger.head
                elif trigger.dep_ == "attr":
                    defector_tok = next((c for c in trigger.head.children if c.dep_ == "nsubj"), None)
                    if defector_tok is not None and (defector_tok.lower_ in {"others", "those", "some", "all",
                                                                             "anyone", "whoever"} or any(
                            c.dep_ == "det" and c.lower_ in {"any", "every"} for c in defector_tok.children)):
                        continue  # '"The others are deserters and will be treated as such"': a rule, not an act
            else:
                poss = next((c for c in trigger.children if c.dep_ == "poss"), None)
                of = next(_pobj(trigger, {"of", "by"}), None)
                defector_tok = of if of is not None else poss
                if of is not None and trigger.sent.start in told_by_verb and any(
                        c.dep_ == "det" and c.lower_ in {"a", "an"} for c in of.children):
                    continue  # "X has fled, in what would be the first defection of a serving officer": X's
            for obj in _pobj(trigger, {"from"}):
                left = left or _left_from_object(obj, res)
            for mod in (c for c in trigger.children if c.dep_ == "compound" and lemma in {"defector", "deserter"}):
                key = _key(mod, res)  # "a senior Front defector": the body he left
                if key and res.type_of(key) in {EntityType.ORGANIZATION, EntityType.GOVERNMENT, EntityType.REGIME}:
                    left = left or key
            if defector_tok is trigger and trigger.dep_ == "nsubj" and trigger.head.lemma_ == "be" and any(
                    c.dep_ == "acomp" for c in trigger.head.children):
                continue  # "Defections from the security services are rare": a generic statement
            if lemma == "exodus" and next(_pobj(trigger, {"from"}), None) is None and any(
                    o.tag_ == "NNS" and o.lower_ not in _SOLDIER_WORDS | _POLICE_WORDS | {"officials", "diplomats"}
                    for o in _pobj(trigger, {"of"})):
                continue  # "the exodus of Daesh terrorists" from a city is a retreat; "the exodus of officers" is not
            if lemma == "flight" and next(_pobj(trigger, {"from"}), None) is None:
                continue  # "his flight to Havana" is a plane; "his flight from the regime" is not
            if lemma in {"hemorrhaging", "haemorrhaging", "exodus", "flight", "breakaway"}:
                key = _key(defector_tok, res)
                if key is None or res.type_of(key) not in _AGENT_TYPES:
                    continue
        elif how == "along":
            # those who went with someone the article told defected: they did too, and left what he left
            companion = _along_with(trigger)
            defector_tok = next((c for c in trigger.children if c.dep_ == "dobj"), None) if lemma == "take" \
                else _subject(trigger, res)
            defected_before = {e.participant("defector") for e in found}
            along_model = _key(companion, res)
            if along_model not in defected_before and companion is not None and companion.lower_ in {"him", "her"}:
                # "Kadyrov said about 20 of X's fighters had come over with him": the one whose fighters they
                # are, else the last one told of
                owner = next((_key(p, res) for t in (defector_tok.subtree if defector_tok is not None else ())
                              for p in [t] if p.dep_ == "poss"), None)
                along_model = owner if owner in defected_before else next(
                    (e.participant("defector") for e in reversed(found) if res.type_of(
                        e.participant("defector")) == EntityType.PERSON), None)
            if along_model is None or along_model not in defected_before:
                continue  # ("fled with his family" is told by his own defection's companions)
            how = "follow"
        else:
            defector_tok = _subject(trigger, res)
            if res.type_of(_key(defector_tok, res)) not in _AGENT_TYPES and how not in {"cross", "line"}:
                defector_tok = _noun_before(trigger, res) or defector_tok
            # what one crosses ("the bridge", "the front line") is no body left
            objs = [c for c in trigger.children if c.dep_ == "dobj"] if how not in {"cross", "line"} else []
            objs += [c for o in objs for c in o.conjuncts]  # "abandoned the team and their homeland"
            for obj in objs if how != "join" else []:  # what one joins is not what one left
                body = _left_from_object(obj, res)
                if how == "asylum" and res.type_of(body) == EntityType.COUNTRY:
                    asylum_with = asylum_with or body  # "asked Spain for asylum": where, not what he left
                    continue
                if how == "asylum" and body and _country_of_body(body, res) and obj.lemma_.lower() in {
                        "authority", "authorities", "government", "police"}:
                    # "asked the Australian authorities for asylum": in Australia, not what he left
                    asylum_with = asylum_with or _country_of_body(body, res)
                    continue
                if how == "weak" and res.type_of(body) == EntityType.COUNTRY:
                    continue  # "the diplomat had left Sweden": a place he was posted in, not his state
                left = left or body
            asked = [o for d in objs for o in _pobj(d, {"with", "from", "of"} if d.lower_ == "protection"
                                                   else {"with", "from"})] if how == "asylum" else []
            if how == "asylum" and any(o.lower_ in {"refuge", "shelter"} for o in objs):
                # "took refuge at the Argentine Embassy": the embassy's country shelters him
                asylum_with = asylum_with or next((k for o in _pobj(trigger, {"in", "at", "inside"})
                                                   for t in o.subtree if t.i <= o.i
                                                   for k in [f"country:{countries().get(t.lower_)}"]
                                                   if t.lower_ in countries() and k in res.entities), None)
            at_post = list(_pobj(trigger, {"at"})) if how == "post" else []  # 'abandoned his post" at the embassy'
            absent = [o for c in trigger.children if c.dep_ == "acomp" for o in _pobj(c, {"from"})]  # "absent from"
            absent += [o for c in trigger.children if c.lower_ == "out" for o in _pobj(c, {"of"})]  # "out of X"
            turned_on = _turned_back_on(trigger) if trigger.lemma_.lower() == "turn" else []
            if trigger.lemma_.lower() == "withdraw":  # "withdrew his allegiance from X"
                turned_on += [o for c in trigger.children if c.dep_ == "dobj" for o in _pobj(c, {"from"})]
            if trigger.lemma_.lower() in {"renounce", "disown", "forsake", "abandon", "break"}:
                # "renounced his allegiance to the military government of X", "broke his oath to the king"
                turned_on += [o for c in trigger.children if c.dep_ == "dobj" and c.lemma_.lower() in {
                    "allegiance", "loyalty", "oath", "fealty"} for o in _pobj(c, {"to"})]
            if trigger.lemma_.lower() == "part":  # "parted company with the regime"
                turned_on += [o for c in trigger.children if c.dep_ == "dobj" for o in _pobj(c, {"with"})]
            if trigger.lemma_.lower() in {"break", "split", "slip", "sneak", "melt", "walk", "run", "drift"}:
                # "broke away from X", "slipped away from the army"
                turned_on += [o for c in trigger.children if c.dep_ in {"advmod", "prt"} and c.lower_ == "away"
                              for o in _pobj(c, {"from"})]
            for obj in [*_pobj(trigger, {"from", "with", "against"}), *asked, *at_post, *absent, *turned_on]:
                if obj.head.lower_ == "with" and any(c.dep_ == "poss" and c.lower_ in {"his", "her", "their"}
                                                     for c in obj.children):
                    continue  # "defects to the army with his forces": they came along; not what he left
                if obj.lower_ == "group" and all(c.dep_ == "det" for c in obj.children) and defector_tok is not None \
                        and _body_in_description(defector_tok, _key(defector_tok, res) or "", res):
                    continue  # "a fourth Afghan army officer had also walked away from the group": his army
                if how == "asylum" and obj.head.lower_ in {"with", "from", "of"}:
                    # "filed an asylum request with Costa Rican migration authorities", "sought asylum from the
                    # authorities of the United Kingdom": where he asks, not what he left
                    asylum_with = asylum_with or next((res.key_of(t) for t in obj.subtree
                                                       if res.type_of(res.key_of(t)) == EntityType.COUNTRY), None)
                    continue
                left = left or _left_from_object(obj, res)
                if left is None and how == "object_with" and obj.text.lower() in cities():
                    # "the most senior communist to break with Hanoi": the capital for its government
                    country = f"country:{cities()[obj.text.lower()]}"
                    left = res.regime_of_country.get(country) or (country if country in res.entities else None)
            if how == "protest" and res.type_of(left) == EntityType.GOVERNMENT and res.entities[left or ""].label.lower(
                    ).split()[-1:] in (["cabinet"], ["government"]) and res.main_regime:
                left = res.main_regime  # a minister quitting the cabinet in protest breaks with the regime
            if how in {"object", "object_with", "protest", "party"} and left is None and not _did_the_same(trigger):
                continue  # ("had also fled the country": what the one before left)
            if how == "object" and res.type_of(left) == EntityType.COUNTRY and not _military_or_official(
                    _subject(trigger, res), res) and not _did_the_same(trigger) and not _public_figure(_subject(trigger, res)):
                continue  # "four million others have fled the country": refugees; an officer who did defected
            if how == "join" and trigger.dep_ == "conj" and trigger.head.lemma_.lower() in _STRONG:
                continue
            if how == "side":
                left = None  # "sided with X": X is the side joined, never the body left
        if defector_tok is not None and defector_tok.lower_ in {"those", "anyone", "anybody", "whoever"} and \
                trigger.dep_ == "relcl" and trigger.head.i == defector_tok.i:
            continue  # "promising that those who defect will be protected": whoever does, no one in particular
        if defector_tok is not None and any(c.lower_ == "few" and c.i > 0 and c.doc[c.i - 1].lower_ != "a"
                                            for c in defector_tok.children):
            continue  # "the emirate has seen few senior officials break ranks": hardly anyone did
        defector = _key(defector_tok, res)
        if defector is None and defector_tok is not None and defector_tok.lower_ == "they":
            # "X and Y both said they had joined ...": the speakers; '"Many of my comrades think the same ...
            # they will follow me"': the group told before
            named_they = _persons_they(defector_tok, res)
            defector_tok = _speakers_they(defector_tok, res) or (named_they[0] if named_they else None) or _group_they(
                defector_tok, res)
            defector = _key(defector_tok, res)
            they_too = [k for t in named_they[1:] for k in [_key(t, res)] if k]
        if defector is None and defector_tok is not None and defector_tok.lower_ == "we" and how == "object_with" and \
                res.type_of(res.speakers.get(defector_tok.i)) == EntityType.PERSON:
            defector = res.speakers[defector_tok.i]  # '"In the name of the armed forces, we withdraw our support from
            # the X administration," said General Y': who says it, for the body he speaks for
        if defector is None and defector_tok is not None:
            # "The last senior official to break with X, Y Z, ... asked Spain for asylum": the apposed name
            # (the parser may hang the name on the clause's last noun: "... with the X government, Y Z, ...")
            # or take it for a second subject of the verb
            defector = next((k for c in [*defector_tok.subtree, *defector_tok.head.children]
                             if (c.dep_ in {"appos", "npadvmod"} or (c.dep_ == "nsubj" and c.head.i == defector_tok.head.i)
                                 or (c.dep_ == "conj" and c.head.i == defector_tok.i  # "X's former coaches, Y and ..."
                                     and defector_tok.doc[defector_tok.i + 1].text == ","))
                             and c.i > defector_tok.i
                             for k in [res.key_of(c)] if res.type_of(k) == EntityType.PERSON), None)
        if defector is None and defector_tok is not None:
            # "X Y, the former deputy chief of staff of the army, who parted ...": the parser hung the clause on a
            # noun inside the apposition; the person is the one it describes
            up = defector_tok
            while up.dep_ in {"pobj", "prep", "appos"} and up.head.i != up.i and \
                    res.type_of(res.key_of(up)) != EntityType.PERSON:
                up = up.head
            if up.i != defector_tok.i and res.type_of(res.key_of(up)) == EntityType.PERSON and any(
                    t.dep_ == "appos" for t in up.subtree if t.i < defector_tok.i):
                defector = res.key_of(up)
        if defector is not None and res.type_of(defector) not in _AGENT_TYPES and defector_tok is not None and \
                defector_tok.lemma_.lower() in role_heads():
            # "the Commissioner of Police, X Y, went over": a post the recognizer took for a body, and its holder
            defector = next((k for c in defector_tok.children if c.dep_ in {"appos", "npadvmod"} and c.i > defector_tok.i
                             for k in [res.key_of(c)] if res.type_of(k) == EntityType.PERSON), defector)
        if defector is None or res.type_of(defector) not in _AGENT_TYPES:
            continue
        if how == "switch" and not (any(c.dep_ == "dobj" and _party(c) for c in trigger.children) and any(
                _party(o) or _rebel_side(o) for o in _pobj(trigger, {"for"}))) and not _office_holder(defector_tok, res):
            continue  # "the banker X left Goldman Sachs for Morgan Stanley"; "14 senators left the APC for the PDP"
        if how == "party":  # quitting a party is a defection when he joins another one
            party_joined = _party_joined_later(doc, defector, left, res)
            if party_joined is None and not _did_the_same(trigger) and not _ruling_party(left, trigger, res) and \
                    not _quit_to_oppose(trigger):
                continue  # ("had also quit the ruling party": as the one before, who went over; "28 of its deputies
                # quit the ruling party": a walk-out from power)
            walkout = party_joined is None
            party_joined = party_joined or ""
            party_joined = party_joined or None  # a new party the article does not name: no side joined
            how = "switch"
        if how == "forgood":
            entity = res.entities[defector]
            words = {w.lower().strip(",.") for n in (entity.label, *entity.names) for w in n.split()}
            for span in entity.mentions:  # "X, Iran's only female Olympic medallist, ...": what she is
                found_span = doc.char_span(span.start, span.end, alignment_mode="expand")
                if found_span is not None:
                    words |= {t.lower_ for a in found_span.root.children if a.dep_ == "appos" for t in a.subtree}
            if defector_tok is not None:  # "X and his brother Y, two of the brightest stars of hockey, ..."
                words |= {t.lower_ for c in [defector_tok, *defector_tok.conjuncts] for a in c.children
                          if a.dep_ == "appos" for t in a.subtree}
            national_team = any(o.lemma_.lower() in _TEAMS for a in trigger.children if a.lower_ in {"away", "out"}
                                for o in _pobj(a, {"from", "on"}))  # a national team's player, whatever he is called
            if defector_tok is not None and res.type_of(defector) == EntityType.GROUP:
                words |= {t.lemma_.lower() for t in defector_tok.subtree}  # "two of Cuba's most celebrated boxers"
            if res.type_of(defector) not in _AGENT_TYPES or not (
                    words & _PUBLIC_FIGURES or _military_or_official(defector_tok) or national_team) or (
                    res.type_of(defector) == EntityType.GROUP and not (words & _PUBLIC_FIGURES or national_team)):
                continue  # "thousands have left the country for good" emigrate; "the champion has left it for good"
            left = left or res.nationality.get(defector) or res.main_country
        irrealis = how == "depart"
        if not irrealis and how != "follow" and defector_tok is not None and any(
                c.dep_ == "det" and c.lower_ == "any" for c in defector_tok.children):
            continue  # "any member of the armed forces who fails to return is a deserter": a law, no one's act
        if irrealis:
            if res.type_of(defector) != EntityType.GROUP:
                continue  # "he would leave" may be a trip; "many more would leave" is a group still to go
            how = "follow"
        described_tok = defector_tok  # "foreign minister X flees": the title the name is apposed to
        if defector_tok is not None and res.key_of(defector_tok) != defector:
            # "a rights group, at least 37 soldiers of the battalion, abandoned ...": the parser's subject is the
            # noun the defectors were apposed to; their own description is the apposition's
            defector_tok = next((c for c in defector_tok.children if c.dep_ in {"appos", "compound"}
                                 and res.key_of(c) == defector), defector_tok)
        if _civilian(defector_tok) and not _state_employee(defector_tok, res):
            continue  # (but "camp workers" are the state's)
        # "The officers, Colonel X and Captain Y, defected": the persons apposed to a group
        apposed: list[str] = [
            key for a in (defector_tok.children if defector_tok is not None else ()) if a.dep_ == "appos"
            for t in [a, *a.conjuncts] for key in [_key(t, res)] if key is not None
            and res.type_of(key) == EntityType.PERSON]
        if res.type_of(defector) == EntityType.GROUP and apposed:
            defector = apposed[0]
        # "Colonel X and Major Y defected", "a colonel and about 40 of his soldiers have switched sides"
        fellows: list[str] = []
        if defector_tok is not None and how != "noun":
            subjects = [*defector_tok.conjuncts, *(c for c in defector_tok.head.children if c.dep_ == "nsubj"
                                                   and c is not defector_tok and defector_tok.dep_ == "nsubj"
                                                   and not any(t.dep_ == "mark" for t in defector_tok.doc[
                                                       min(c.i, defector_tok.i):max(c.i, defector_tok.i)]))]
            # (not the subject of a clause the parser merged in: "X, who was minister until Y threw him out, fled")
            fellows = [key for t in subjects for key in [_key(t, res)] if key is not None
                       and key not in {defector, _key(defector_tok, res)} and key not in apposed
                       and res.type_of(key) in _AGENT_TYPES and not _civilian(t) and not _family_along(t)]
        fellows += [k for k in they_too if k not in fellows and k != defector]
        if how == "surrender" and not _insurgent(defector_tok) and not _insurgent(described_tok):
            continue  # "the former president surrendered to federal agents" is an arrest
        if how == "surrender":
            joined_side = _army_surrendered_to(trigger, res)
        elif how == "switch":  # "left the X for the Y": Y
            joined_side = next((k for o in _pobj(trigger, {"for"}) for k in [_key(o, res)]
                                if k and res.type_of(k) in _BODY_TYPES | {EntityType.GROUP}), party_joined)
        elif how == "floor":
            # "crossed the floor of the House of Commons to sit with the Liberals": the House is where, not a side
            benches = [o for c in trigger.children if c.dep_ in {"xcomp", "advcl"} and c.lemma_.lower() in {"sit", "join"}
                       for o in [*_pobj(c, {"with"}), *(d for d in c.children if d.dep_ == "dobj")]]
            side = next((k for o in benches for k in [_key(o, res)] if k and res.type_of(k) in _BODY_TYPES | {
                EntityType.GROUP}), None)
            if side is not None:
                asylum_with = None
                joined_side = side
            else:
                joined_side = None
        else:
            joined_side = None
        if left is None and defector_tok is not None and irrealis:
            # "dozens of officers in the service would leave": theirs; else what those before them left (below),
            # never a body the sentence names for something else ("who want to leave this government": that one)
            left = next((k for o in trigger.children if o.dep_ == "dobj" and trigger.lemma_.lower() in {
                "leave", "quit", "abandon", "desert"} for k in [_left_from_object(o, res)] if k), None) or \
                _body_in_description(defector_tok, defector, res)
        elif left is None and defector_tok is not None:
            left = (_defector_regime(defector_tok, res) or _body_in_description(defector_tok, defector, res)
                    or _body_of_apposition(defector_tok, res) or _left_named_in_sentence(trigger, res))
        if left is None and defector_tok is not None and any(
                c.dep_ == "nsubj" and c.lower_ == "who" and c.i > defector_tok.i for c in trigger.head.children):
            # "call on every soldier who still serves the X regime to follow ...": the parser hung the infinitive
            # on the relative clause, which it took for a clause of its own
            left = _side_served(trigger.head, defector, res)
        if left is None and described_tok is not None and described_tok is not defector_tok and \
                res.key_of(described_tok) in {None, defector}:
            # "Libyan foreign minister X flees to Y", "a XDF lieutenant, X, had joined ..."
            left = _defector_regime(described_tok, res) or _body_in_description(described_tok, defector, res)
        if how == "flee" and (not _political_agent(defector_tok, defector, res) or _civilian(defector_tok) or (
                res.type_of(defector) == EntityType.PERSON and left is None and not _military_or_official(
                    defector_tok) and not _military_or_official(described_tok))):
            # "a senior intelligence officer who fled into Greece" does defect
            continue  # "1,000 members of the security forces fled to Colombia"; a family fleeing is not this
        if how in {"cross", "line"} and defector_tok is not None and defector_tok.lower_ in {
                "troops", "forces", "army", "armies", "tanks"} and not any(c.dep_ == "nummod" for c in defector_tok.children):
            continue  # "Russian troops crossed into X" is an invasion; "two soldiers crossed into X" defected
        if how in {"cross", "line"} and not (_serving(defector_tok) or _serving(described_tok)
                                            or _soldiers(defector_tok, defector, res)
                                            or _state_employee(defector_tok, res)
                                            or (defector_tok is not None and defector_tok.tag_ == "NN"
                                                and defector_tok.lemma_.lower() in _ARMED_UNITS)):
            # "residents crossed into X" and "council members crossed into X" flee; "a constable crossed into X"
            # and "soldiers crossed the front line" defect
            continue
        if how in {"object", "object_with", "weak", "post", "side", "follow", "future", "noreturn", "protest", "switch",
                   "caucus"} and not _political_agent(
                defector_tok, defector, res) and not _state_employee(defector_tok, res) and not (how == "follow" and (
                    _follows_a_defector(trigger, found, res) or (found and _asked_of(trigger))
                    or ((irrealis or _did_the_same(trigger)) and _public_figure(defector_tok)))):
            continue  # "the crowd followed him"; but 'called on "all those who are still hesitating" to follow the
            # admiral's example' after his defection asks whoever hesitates to defect too
        if trigger.lemma_.lower() in {"rebel", "mutiny"} and not (
                _military_or_official(defector_tok, res) or _military_or_official(described_tok, res)):
            continue  # "the students rebelled"; "the 8th Division commander has rebelled with his forces"
        if how == "post" and trigger.lemma_.lower() == "break" and not _soldiers(defector_tok, defector or "", res) \
                and (defector_tok is None or not _military_or_official(defector_tok) or {
                    t.lemma_.lower() for t in defector_tok.subtree} & {
                    "lawmaker", "mp", "senator", "legislator", "parliamentarian", "deputy", "party"}) \
                and not any(c.lemma_.lower() == "join" for c in [*trigger.conjuncts, *(
                    c for c in trigger.children if c.dep_ in {"xcomp", "advcl"})]):
            continue  # "a lawmaker broke ranks with her party" dissents; "a captain broke ranks" deserts
        if how == "join" and not _military_or_official(defector_tok) and not _soldiers(defector_tok, defector or "", res) \
                and any(t.lower_ in _ARMED_SIDE_WORDS for t in trigger.subtree if t.i > trigger.i):
            continue  # "young men joined the militants": recruitment; "three soldiers joined the gunmen" defected
        if how in {"side", "future"} and not _military_or_official(defector_tok, res if how == "side" else None):
            continue  # "Russia sided with Tannous" is no defection; "army officers sided with the protesters" is
        if how == "asylum" and defector_tok is not None and res.type_of(defector) == EntityType.PERSON and any(
                w in cue_words("former_words") - {"then"} for w in _description_words(defector_tok, defector, res)):
            # ("then a deputy minister" held the post when he asked)
            continue  # "a former labour minister took refuge in an embassy and requested asylum": out of office already
        if how == "asylum" and res.type_of(defector) != EntityType.PERSON and not _military_or_official(defector_tok) \
                and not _public_figure(defector_tok):
            # (and so have a state's performers and athletes: "two violinists had also asked for asylum")
            continue  # groups seeking asylum are refugees; officials or servicemen seeking asylum have defected
        if left is None and how == "noun" and defector_tok is trigger:
            left = _armed_force_in_sentence(trigger, res)
        if res.type_of(left) == EntityType.REGIME and defector_tok is not None and _soldiers(
                defector_tok, defector, res) and any(res.key_of(t) == left for t in defector_tok.lefts):
            # "more than 200 government soldiers joined ...": the regime's army, when the article names it
            left = res.state_army(next((c for c, r in res.regime_of_country.items() if r == left), None)) or left
        guessed = left is None
        if left is None:
            left = _guess_left(defector_tok, defector, res, joined_before)
        if how in {"floor", "caucus"} and res.type_of(left) != EntityType.ORGANIZATION:
            # the benches he left are his party's, named by an adjective ("ran for the X leadership"); never the
            # government or the House
            left = _party_named_for(trigger, res, joined_side)
        if how == "floor" and left in res.entities and res.entities[left].label.lower().split(" of ")[0].split()[-1:] in (
                ["house"], ["parliament"], ["chamber"], ["assembly"], ["senate"], ["commons"]):
            left = None  # a legislature is where the floor is crossed, not a side left
        if res.type_of(left) == EntityType.PERSON:  # a person is no body left: his regime, if he leads one
            left = res.regime_of_leader.get(left or "")
        participants = {"defector": defector}
        if joined_side is not None:
            participants["joinedOrganization"] = joined_side
        if left is not None:
            participants["leftOrganization"] = left
        if asylum_with is not None and guessed and left in {asylum_with, res.regime_of_country.get(asylum_with)}:
            participants.pop("leftOrganization", None)  # the only country named is where he asked for asylum
        if asylum_with is not None and participants.get("leftOrganization") != asylum_with:
            participants["destination"] = asylum_with
        verbs = [trigger, *[c for c in trigger.conjuncts if c.pos_ in {"VERB", "AUX"} and not (
            c.lemma_.lower() in cue_words("reporting_verbs") | {"know", "be"}
            or (any(g.dep_ == "auxpass" for g in c.children) and c.lemma_.lower() not in {"grant", "give", "offer"})
        )]]  # "... and her whereabouts are not known to X"; "... and was granted asylum in X" is where he went
        if trigger.dep_ == "conj":
            verbs.append(trigger.head)
        if how == "noun":  # "a defector who rallied to the government"
            verbs += [c for c in trigger.children if c.dep_ == "relcl" and c.pos_ == "VERB"]
        # "refused to go back ... and was granted asylum in France"
        verbs += [v for x in trigger.children if x.dep_ == "xcomp" for v in (x, *x.conjuncts) if v.pos_ == "VERB"]
        # "an officer who slipped across the river into X this month has applied for refugee status there"
        verbs += [c for c in (defector_tok.children if defector_tok is not None else ()) if c.dep_ == "relcl"
                  and c.lemma_.lower() in _MOTION_VERBS | {"slip", "sneak", "swim"} and c.i < trigger.i]
        for verb in verbs:
            if verb.lemma_.lower() in {"return", "be"} and verb.i != trigger.i:
                continue  # "deserted in 2016 to join X, and returned to the capital in 2018": back, not away
            asylum_in = [o for t in verb.subtree if (t.lower_ in {"asylum", "refuge"} or (t.lower_ == "status" and any(
                c.lower_ == "refugee" for c in t.children))) and (t.head.i == verb.i or (
                t.head.head.i == verb.i and t.head.dep_ == "prep")) for o in _pobj(t, {"in"})]  # "asked for asylum in X"
            # "never went back to X": home, not where he went ("left X for Y and has not gone back": Y is)
            back_home = how == "noreturn" and verb.i == trigger.i and lemma != "leave"
            for obj in [] if back_home else [*_pobj(verb, {"in"}), *_destinations(verb), *asylum_in]:
                key = _key(obj, res)
                if key is None and obj.lower_ in {"it", "them"} and obj.head.lower_ == "to":
                    key = _claimant(verb, res)  # "The X Brigade claims that 11 members defected to it"
                if key is None:
                    key = _country_named_by(obj, res)
                if key and obj.head.lower_ == "in" and res.type_of(key) == EntityType.PLACE and (
                        res.place_country(key) in {None, res.main_country} or verb.lemma_.lower() in {"leave", "abandon"}):
                    continue  # "deserted the guard in Brazzaville", "left their duty stations in X": where he was
                if key and res.type_of(key) in {EntityType.COUNTRY, EntityType.PLACE} and (
                        verb.lemma_.lower() in cue_words("defection_verbs") | {"defect", "seek", "head", "cross",
                                                                                "go", "arrive", "escape", "grant"}
                        or (how == "asylum" and verb.lemma_.lower() in {"stay", "remain"})  # "asked to stay in X"
                        or (verb.lemma_.lower() in {"apply", "ask", "request", "file"} and any(
                            t.lower_ in {"asylum", "protection", "refuge", "refugee"} for t in verb.subtree))
                        or verb.lemma_.lower() in {"flee"} or obj.head.lower_ in {"to", "into"}):
                    participants.setdefault("destination", key)
                elif key and key.startswith("body:") and obj.head.lower_ == "to" and how == "asylum" and \
                        f"country:{key.split(':')[1]}" in res.entities and \
                        f"country:{key.split(':')[1]}" != participants.get("leftOrganization"):
                    # "has applied to the Russian authorities for political asylum": asylum in their country
                    participants.setdefault("destination", f"country:{key.split(':')[1]}")
                elif key and res.type_of(key) in {EntityType.GROUP, EntityType.ORGANIZATION} and \
                        obj.head.lower_ == "to":
                    owner = next((k for o in _pobj(obj, {"of"}) for k in [res.head_keys.get(o.i) or _key(o, res)]
                                  if k and res.type_of(k) in _BODY_TYPES - {EntityType.COUNTRY}), None)
                    # "went over to forces of the rival X administration": to the administration
                    participants.setdefault("joinedOrganization", owner if owner and obj.lemma_.lower() in {
                        "force", "forces", "troop", "troops", "fighter", "fighters", "ranks", "side", "camp"} else key)
                elif key and res.type_of(key) == EntityType.PERSON and (side := _side_led_by(key, res)) and \
                        obj.head.lower_ == "to" and verb.lemma_.lower() in {"rally", "defect", "go", "come", "cross", "fly"}:
                    participants.setdefault("joinedOrganization", side)  # "gone over to X"
                elif key and res.type_of(key) in {EntityType.REGIME, EntityType.GOVERNMENT} and \
                        obj.head.lower_ == "to" and verb.lemma_.lower() in {"rally", "defect", "go", "switch", "cross",
                                                                            "fly"} \
                        and (guessed or key != participants.get("leftOrganization")):
                    participants.setdefault("joinedOrganization", key)  # "rallied to the government"
                    if guessed and participants.get("leftOrganization") == key:
                        participants.pop("leftOrganization")  # the regime guessed as left is the side joined
            if "destination" not in participants and (any(c.lower_ == "there" for c in [*verb.children, *(
                    g for x in verb.children if x.dep_ == "xcomp" for g in x.children)]) or (
                    how == "asylum" and verb.i == trigger.i and any(t.lower_ == "there" for t in verb.subtree))):
                # "Cameroon confirmed that X had requested asylum there": the country named before
                own = {t.i for t in defector_tok.subtree} if defector_tok is not None else set()
                home = participants.get("leftOrganization")
                there = [key for t in trigger.sent if t.i < verb.i and t.i not in own for key in [res.key_of(t)]
                         if key and res.type_of(key) in {EntityType.COUNTRY, EntityType.PLACE} and home not in {
                             key, res.regime_of_country.get(key)} and not (res.type_of(key) == EntityType.PLACE and (
                                 res.place_country(key) in {None, res.main_country}))]
                if there:
                    participants["destination"] = there[-1]
            if "destination" not in participants:
                foreign = _protector_country(verb, res)
                if foreign and foreign not in {participants.get("leftOrganization"), res.nationality.get(defector)}:
                    participants["destination"] = foreign
            if verb.lemma_.lower() == "join":
                for obj in (c for c in verb.children if c.dep_ == "dobj"):
                    if obj.lower_ == "ranks":  # "joined the ranks of the resistance"
                        owned = any(p.dep_ == "poss" for p in obj.children)
                        obj = next(_pobj(obj, {"of"}), obj)
                        if owned and obj.lower_ == "ranks":  # "X claimed that 40 soldiers had joined its ranks"
                            if (claimant := _claimant(verb, res)) is not None:
                                participants.setdefault("joinedOrganization", claimant)
                            continue
                    key = _key(obj, res)
                    if key:
                        participants.setdefault("joinedOrganization", key)
            if how == "side" and verb is trigger:
                for obj in _pobj(verb, {"with"}):
                    key = _key(obj, res)
                    if key and res.type_of(key) in {EntityType.ORGANIZATION, EntityType.GROUP}:
                        participants.setdefault("joinedOrganization", key)
                for side_owner in (o for side in _pobj(verb, {"on"}) if side.lemma_.lower() == "side"
                                   for o in _pobj(side, {"of"})):  # "on the side of the President": his side
                    key = _key(side_owner, res)
                    if key and res.type_of(key) in {EntityType.ORGANIZATION, EntityType.GROUP, EntityType.PERSON,
                                                    EntityType.GOVERNMENT, EntityType.REGIME}:
                        participants.setdefault("joinedOrganization", key)
        if how == "asylum" and "destination" not in participants:  # "applied for asylum in Germany"
            for noun in (t for t in trigger.subtree if t.lower_ in {"asylum", "protection", "refuge"}):
                for obj in _pobj(noun, {"in"}):
                    key = _key(obj, res)
                    if key and res.type_of(key) == EntityType.COUNTRY and key != participants.get("leftOrganization"):
                        participants.setdefault("destination", key)
        for child in trigger.children:
            if child.dep_ == "conj" and child.lemma_.lower() == "seek":
                for obj in _pobj(child, {"in"}):
                    key = _key(obj, res)
                    if key and res.type_of(key) in {EntityType.COUNTRY, EntityType.PLACE}:
                        participants.setdefault("destination", key)
        if trigger.lemma_.lower() in {"place", "put"} and (commander := _commanded_by(trigger, res)) is not None:
            participants.setdefault("joinedOrganization", commander)
        joined = participants.get("joinedOrganization")
        if joined is not None and participants.get("leftOrganization") in {joined, _country_of_body(joined, res)}:
            # "went over to forces of the rival X administration": the side joined is never the body left
            guessed = True
            participants.pop("leftOrganization")
            other = _guess_left(defector_tok, defector, res, joined_before | {joined, _country_of_body(joined, res)})
            if other is not None:
                participants["leftOrganization"] = other
        dest = participants.get("destination")
        if dest is not None and "leftOrganization" in participants and participants[
                "leftOrganization"] in {dest, res.regime_of_country.get(dest)}:
            fallback = res.main_regime if res.main_regime not in {dest, res.regime_of_country.get(dest)} else None
            if fallback:
                participants["leftOrganization"] = fallback
            else:
                participants.pop("leftOrganization")
        claim = attribute(trigger, res, headline=trigger.i < headline_end)
        speaker = res.speakers.get(trigger.i)
        if claim.certainty in {Certainty.CONFIRMED, Certainty.CLAIMED} and claim.sources == (defector,) and speaker \
                and speaker != defector:
            # '"He declared his defection," said X': X's claim of what the defector did, not his own confirmation
            claim = replace(claim, sources=(speaker,), certainty=Certainty.CLAIMED)
        if (how == "future" or irrealis or (how == "follow" and any(c.dep_ == "aux" and c.lower_ in _MODALS | {"to"}
                                                                    for c in trigger.children))) \
                and claim.certainty != Certainty.DENIED:
            # a defection still to come: "will join", "called on those still hesitating to follow his example"
            claim = replace(claim, certainty=Certainty.HYPOTHETICAL)
        if claim.certainty == Certainty.HYPOTHETICAL and defector_tok is not None and (
                defector_tok.lower_ in {"none", "nobody", "neither", "no-one"} or any(
                    c.dep_ == "det" and c.lower_ == "no" for c in defector_tok.children)):
            continue  # '"none of the party's 55 members would abandon the party"': nobody to come
        if how == "noreturn" and claim.certainty == Certainty.DENIED and not any(
                a.lemma_.lower() in cue_words("denial_verbs") for a in trigger.ancestors):
            # "did not come back" tells the defection, it denies nothing ("X denied that ..." still does)
            claim = replace(claim, certainty=Certainty.CLAIMED if claim.sources else Certainty.CONFIRMED)
        speaking_force = next((k for k in [*claim.sources, *claim.on_behalf_of] if res.type_of(k) in {
            EntityType.GOVERNMENT, EntityType.ORGANIZATION} and res.entities[k].label.lower().split()[-1]
            in cue_words("military_heads")), None)
        force_country = _country_of_body(speaking_force, res) if speaking_force else ""
        foreign_force = bool(force_country) and res.nationality.get(defector, force_country) != force_country
        if guessed and speaking_force and speaking_force != participants.get("destination") and how != "surrender" \
                and not foreign_force:
            # "Rwanda's army has confirmed that one of its officers deserted": he left the army that speaks
            # (a fighter who surrendered to the army that tells it did not leave that army, nor did "a Syrian
            # pilot landed in Israel, the Israeli army said" leave the Israeli one)
            participants["leftOrganization"] = speaking_force  # still a guess: a body named elsewhere wins
        time = _time_for(trigger, article) or _perfect_time(trigger, article, res.type_of(defector))
        if lemma in {"stay", "remain"} and defector_tok is not None:
            # "officers who travelled to Vienna with a delegation in September stayed behind": where and when
            for trip in (c for c in defector_tok.children if c.dep_ in {"relcl", "acl"} and c.pos_ == "VERB"):
                for obj in _pobj(trip, {"to"}):
                    key = _key(obj, res)
                    if key and res.type_of(key) in {EntityType.COUNTRY, EntityType.PLACE}:
                        participants.setdefault("destination", key)
                time = time or _time_for(trip, article)
        went = participants.get("destination")
        went_country = res.place_country(went) if went and res.type_of(went) == EntityType.PLACE else went
        if guessed and went_country and participants.get("leftOrganization") is not None and participants[
                "leftOrganization"] in {went_country, res.regime_of_country.get(went_country)}:
            participants.pop("leftOrganization")  # "went over to <the capital>": not the state he went to
        found.append(Event(EventKind.DEFECTION, tuple(sorted(participants.items())), (claim,), time))
        guesses.append(guessed)
        if walkout:
            walkouts.add(len(found) - 1)
        joined_before |= {participants[r] for r in ("joinedOrganization",) if r in participants}
        precedent = _precedent(trigger, res, defector) if how != "follow" else None
        if precedent is not None:  # the one who did the same before, told in the same voice
            key, since_verb = precedent
            before = {**{r: k for r, k in participants.items() if r in {"leftOrganization", "joinedOrganization"}},
                      "defector": key}
            gone = next((k for o in _pobj(since_verb, {"to", "for"}) for k in [_key(o, res)]
                         if res.type_of(k) in {EntityType.COUNTRY, EntityType.PLACE}), None)
            if gone:
                before["destination"] = gone
            # ("If confirmed, X would be the first to defect since Z fled in 2016": the hedge is on X's, not Z's)
            told = replace(claim, certainty=Certainty.CLAIMED if claim.sources else Certainty.CONFIRMED, cue=None,
                           conditional=False)
            found.append(Event(EventKind.DEFECTION, tuple(sorted(before.items())), (told,),
                               _time_for(since_verb, article)))
            guesses.append(guessed)
        if how == "follow":
            followers.add(defector)
            following.add(len(found) - 1)
            if irrealis:
                departing.add(len(found) - 1)
            model = next((k for c in trigger.children if c.dep_ == "dobj" for k in [
                _key(c, res) or next((_key(p, res) for p in c.children if p.dep_ == "poss"), None)
                or (res.speakers.get(c.i) if c.lower_ in {"me", "us"} else None)] if k), None)  # "follow me"
            if model is None and defector_tok is not None:  # '"Many of my colleagues would leave," he said': his
                model = next((res.speakers.get(p.i) for p in defector_tok.subtree
                              if p.dep_ == "poss" and p.lower_ in {"my", "our"} and res.speakers.get(p.i)), None)
            model = along_model or model
            if model is None and not irrealis:  # "do the same", "follow suit": as the last one told of did
                model = next((e.participant("defector") for n, e in reversed(list(enumerate(found[:-1])))
                              if n not in following), None)
            elif model is not None and model not in {e.participant("defector") for e in found[:-1]}:
                # 'the minister welcomed X's return and called on those still in the militias "to follow his
                # example"': the article's first defector's, not the minister's
                model = next((e.participant("defector") for n, e in enumerate(found[:-1]) if n not in following),
                             model)
            if model:
                followed[defector] = model
        # "defected with his wife", "defected and arrived in Seoul together with his family"
        verbs = [trigger, *(c for c in trigger.conjuncts if c.pos_ == "VERB" and c.i > trigger.i
                            and c.lemma_.lower() in _MOTION_VERBS)]
        if trigger.pos_ == "NOUN" and trigger.head.pos_ == "VERB":
            verbs.append(trigger.head)  # "filed an asylum request together with his son"
        along = [c for v in verbs for c in v.children if c.dep_ in {"prep", "advmod"} and c.lower_ in {"along", "together"}]
        companions = [*(t for v in verbs for t in _pobj(v, {"with", "along", "together"})),
                      *(t for a in along for t in _pobj(a, {"with"}))] if how not in {"side", "object_with"} and \
            along_model is None and trigger.lemma_.lower() != "throw" else []
        # ("came over with him": he is the one they followed, told before; "threw in his lot with X": X he joined)
        for key in [*apposed[1:], *fellows, *(_key(c, res) for c in companions if not _civilian(c) and not (
                (_family_along(c) or _kin_of_someone(c)) and not _holds_a_post(c)))]:
            if key and key != defector and res.type_of(key) in _AGENT_TYPES:
                found.append(Event(EventKind.DEFECTION, tuple(sorted({**participants, "defector": key}.items())),
                                   (claim,), time))
                guesses.append(guessed)
    if all(n in following for n in range(len(found))):
        return []  # "follow him" is a defection only where someone defected first
    told_left: dict[str | None, tuple[bool, bool, int, str | None]] = {}
    for n, e in enumerate(found):  # what each one left: a body told, else one guessed, before a mere country
        who, left = e.participant("defector"), e.participant("leftOrganization")
        spec = 3 if res.type_of(left) == EntityType.GROUP else _specificity(left, res)  # ("the rebels": a side)
        rank = (spec >= 2, not guesses[n], spec)
        if who not in followers and (who not in told_left or rank >= told_left[who][:3]):
            told_left[who] = (*rank, left)
    left_of = {who: told[-1] for who, told in told_left.items()}
    most_left = Counter(e.participant("leftOrganization") for n, e in enumerate(found)
                        if n not in following and e.participant("leftOrganization")).most_common(1)
    for n, event in enumerate(found):
        model_left = left_of.get(followed.get(event.participant("defector") or ""))
        if most_left and n in departing and model_left is None:
            model_left = most_left[0][0]  # a group that may leave, following no one named: what most defectors left
        own_left = event.participant("leftOrganization")
        if model_left and own_left and n in following and _specificity(own_left, res) <= 1 < _specificity(model_left, res) \
                and own_left in {*_bodies_above(model_left, res), _country_of_body(model_left, res)} and \
                overall_certainty(event.claims) != Certainty.HYPOTHETICAL:  # (not "every soldier still serving X")
            guesses[n] = True  # "a second police officer had also left the country": the police, as the first
        if model_left and guesses[n]:  # they would leave what he left (unless their own is named)
            parts = {**dict(event.participants), "leftOrganization": model_left}
            found[n] = replace(event, participants=tuple(sorted(parts.items())))
    # "deserted the government ... said he was leaving the ruling party": one defection, from the government
    broke = {e.participant("defector") for n, e in enumerate(found) if n not in walkouts}
    kept = [n for n, e in enumerate(found) if n not in walkouts or e.participant("defector") not in broke]
    found, guesses = [found[n] for n in kept], [guesses[n] for n in kept]
    events = _drop_groups_named_one_by_one(merge_events(_settle_guessed_left(found, guesses, res)), res)
    events = merge_events(_groups_named_on_the_journey(events, doc, res))
    events = merge_events(_groups_identified_by_name(events, doc, res))
    events = merge_events(_the_journey_told_after(events, doc, res, article))
    events = _one_group_told_twice(_described_then_named(events, res), res)
    events = _headline_group_named_in_body(events, res, doc[headline_end - 1].idx + 1 if headline_end else 0)
    events = _the_state_the_others_left(_rulers_do_not_defect(events, doc, res), res)
    events = merge_events(events + _commanders_who_went_with_their_units(events, doc, res))
    return [_not_the_side_joined(e) for e in _drop_bare_denials(_denials_told_after(events, doc, res), doc)]


#: what a unit's leader is called ("its commander, Major X")
_UNIT_LEADERS = frozenset({"commander"})
#: what a commander may do that says he did not go with his men
_STAYED_LOYAL = frozenset({"arrest", "detain", "kill", "shoot", "dismiss", "sack", "remove", "refuse", "flee",
                           "escape", "deny", "condemn", "order"})


def _commanders_who_went_with_their_units(events: list[Event], doc: Doc, res: Resolution) -> list[Event]:
    """"A tank company ... went over to X. Its commander, Major Y, reported personally to ...", "The revolt was
    proclaimed ... by the brigade's commander, Z": the commander named right after his unit went over went with
    it (told in the same report), unless the text has him arrested, fleeing or refusing."""
    out: list[Event] = []
    done = {e.participant("defector") for e in events if e.kind == EventKind.DEFECTION}
    for event in events:
        group = event.participant("defector")
        if event.kind != EventKind.DEFECTION or res.type_of(group) != EntityType.GROUP or overall_certainty(
                event.claims) in {Certainty.HYPOTHETICAL, Certainty.DENIED}:
            continue
        told = [c.sentence for c in event.claims if c.sentence is not None]
        for claim_span in told:
            first = doc.char_span(claim_span.start, claim_span.end, alignment_mode="expand")
            if first is None:
                continue
            sents = list(doc.sents)
            at = next((n for n, sent in enumerate(sents) if sent.start <= first.start < sent.end), None)
            if at is None:
                continue
            for sent in sents[max(0, at - 1):at + 2]:
                for tok in sent:
                    if tok.lemma_.lower() not in _UNIT_LEADERS or tok.pos_ != "NOUN" or not any(
                            c.dep_ == "poss" and (c.lower_ in {"its", "their"} or c.lemma_.lower() in _ARMED_UNITS
                                                  or _unit_body(res.key_of(c) or "", res))
                            for c in tok.children):
                        continue  # "its commander", "the brigade's commander"
                    person = next((res.key_of(c) for c in tok.children if c.dep_ == "appos"
                                   and res.type_of(res.key_of(c)) == EntityType.PERSON), None)
                    if person is None or person in done:
                        continue
                    verb = tok.head
                    while verb.dep_ in {"pobj", "prep", "agent", "appos"} and verb.head is not verb:
                        verb = verb.head
                    if verb.lemma_.lower() in _STAYED_LOYAL or any(
                            c.dep_ == "neg" for c in verb.children):
                        continue
                    done.add(person)
                    parts = {**dict(event.participants), "defector": person}
                    out.append(Event(EventKind.DEFECTION, tuple(sorted(parts.items())), event.claims, event.time))
    return out


def _the_state_the_others_left(events: list[Event], res: Resolution) -> list[Event]:
    """A defection told with where it went and no body left ("two other employees had crossed into X") left
    the state every other defector of the article left, when they all left the same one (not where it went)."""
    states = {e.participant("leftOrganization") for e in events if e.kind == EventKind.DEFECTION
              and res.type_of(e.participant("leftOrganization")) in {EntityType.COUNTRY, EntityType.REGIME}}
    other = {e.participant("leftOrganization") for e in events if e.kind == EventKind.DEFECTION
             and e.participant("leftOrganization") is not None} - states
    if len(states) != 1 or other:
        return events
    state = states.pop()
    if state is None:
        return events
    out = []
    for event in events:
        went = event.participant("destination")
        if event.kind == EventKind.DEFECTION and went and event.participant("leftOrganization") is None and \
                state not in {went, res.regime_of_country.get(went or ""), res.place_country(went or "")}:
            event = replace(event, participants=tuple(sorted({**dict(event.participants),
                                                              "leftOrganization": state}.items())))
        out.append(event)
    return out


def _not_the_side_joined(event: Event) -> Event:
    """One never leaves the side he joins: a body guessed for one report and joined in another is only joined."""
    left = event.participant("leftOrganization")
    if left is None or left != event.participant("joinedOrganization"):
        return event
    return replace(event, participants=tuple((r, k) for r, k in event.participants if r != "leftOrganization"))


def _rulers_do_not_defect(events: list[Event], doc: Doc, res: Resolution) -> list[Event]:
    """A ruler leaving or fleeing is no defection: "X, who had ruled the country for 35 years, might seek refuge
    abroad" (the ruler is the regime; a deposed one goes into exile). A ruler is a person who "ruled", "governed"
    or "led" a country, or "stood at the head of" the party or state, or leads the regime he would leave."""
    rulers: set[str] = set()
    for tok in tokens(doc):
        lemma = tok.lemma_.lower()
        ruled = lemma in {"rule", "govern"} and any(
            c.dep_ == "dobj" and (res.type_of(_key(c, res)) == EntityType.COUNTRY or c.lemma_.lower() in {
                "country", "nation"}) for c in tok.children)
        headed = lemma in {"stand", "be"} and any(o.lower_ == "head" and any(True for _ in _pobj(o, {"of"}))
                                                  for o in _pobj(tok, {"at"}))
        if ruled or headed:
            who = _key(_subject(tok, res), res)
            if who and res.type_of(who) == EntityType.PERSON:
                rulers.add(who)
    out = []
    for event in events:
        who = event.participant("defector") or ""
        left = event.participant("leftOrganization")
        led = res.regime_of_leader.get(who)
        if event.kind == EventKind.DEFECTION and (who in rulers or (led is not None and left in {
                led, *(c for c, r in res.regime_of_country.items() if r == led)})):
            continue
        out.append(event)
    return out


def _compatible(a: Event, b: Event) -> bool:
    """Two reports that may tell one defection: no different destinations, no disjoint dates."""
    da, db = a.participant("destination"), b.participant("destination")
    if da and db and da != db:
        return False
    ta, tb = a.time, b.time
    if not (ta and tb and ta.earliest and ta.latest and tb.earliest and tb.latest) or "recent" in {
            ta.granularity, tb.granularity}:
        return True  # "has sought asylum" (some recent day) fits any date
    return not (ta.latest < tb.earliest or tb.latest < ta.earliest)


def _described_then_named(events: list[Event], res: Resolution) -> list[Event]:
    """A standfirst's "A senior officer of X has sought asylum in Y" and the body's named officer are one
    defection: an unnamed person's defection joins the named defector's whose descriptions share its role
    word, when exactly one does; the more specific body left and every claim are kept."""
    def real(e: Event) -> bool:
        return e.kind == EventKind.DEFECTION and overall_certainty(e.claims) != Certainty.HYPOTHETICAL and \
            res.type_of(e.participant("defector")) == EntityType.PERSON

    named = [n for n, e in enumerate(events) if real(e) and not (e.participant("defector") or "").startswith("anon:")]
    into: dict[int, int] = {}
    for n, event in enumerate(events):
        defector = event.participant("defector") or ""
        if not real(event) or not defector.startswith("anon:"):
            continue
        if set(res.entities[defector].label.lower().split()) & {"second", "another", "other", "third"}:
            continue  # "a second officer had followed him": someone else
        role = res.entities[defector].label.lower().split(" of ")[0].split()[-1:]
        same = [m for m in named if role and any(role[0] in name.lower().split() for name in (
            res.entities[events[m].participant("defector") or ""].label,
            *res.entities[events[m].participant("defector") or ""].names))]
        if not same and role and role[0] in {"official", "officer", "man", "woman", "diplomat"} and \
                len({events[m].participant("defector") for m in named}) == 1:
            same = named  # "an official had applied for asylum": the one named defector of the article
        if len({events[m].participant("defector") for m in same}) == 1 and _compatible(event, events[same[0]]):
            into[n] = same[0]
    out = list(events)
    for n, m in into.items():
        event, target = events[n], out[m]
        parts = {**dict(event.participants), **dict(target.participants)}
        if event.participant("leftOrganization") and res.type_of(target.participant("leftOrganization")) in {
                EntityType.REGIME, EntityType.COUNTRY, None}:
            parts["leftOrganization"] = event.participant("leftOrganization") or ""
        parts["defector"] = target.participant("defector") or ""
        out[m] = Event(EventKind.DEFECTION, tuple(sorted(parts.items())),
                       tuple(dict.fromkeys(target.claims + event.claims)), _narrower(target.time, event.time))
    return [e for n, e in enumerate(out) if n not in into]


def _group_head(label: str) -> str:
    """The noun a group is counted by: "about 15 soldiers of the 2nd Regiment" -> "soldiers"."""
    parts = label.lower().split(" of ")
    counted = parts[0] in {"dozens", "hundreds", "thousands", "scores"} or parts[0].split()[-1:] in [
        [w] for w in cue_words("collective_nouns")]  # "a handful of soldiers" -> "soldiers"
    words = parts[1].split() if counted and len(parts) > 1 else parts[0].split()
    return words[-1] if words else ""


_SERVICE_GROUPS = {"soldiers", "troops", "personnel", "men", "officers", "servicemen", "gendarmes", "policemen",
                   "guards", "members", "conscripts"}


def _same_group(a: str, b: str) -> bool:
    """Two labels for one group: the same head noun, or the same number of service people ("seven
    soldiers", "seven personnel")."""
    ha, hb = _group_head(a), _group_head(b)
    count_a, count_b = _group_count(a), _group_count(b)
    if count_a and count_b and count_a != count_b:
        return False  # "the 27 soldiers" and "nine soldiers from a unit in a neighbouring state"
    if ha == hb:
        return bool(ha)
    return bool(count_a) and count_a == count_b and ha in _SERVICE_GROUPS and hb in _SERVICE_GROUPS


_NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                 "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty")


def _group_count(label: str) -> str:
    """How many a group's label counts ("the 27 soldiers" 27, "nine soldiers" nine), or ""."""
    for word in label.lower().replace(",", "").split()[:4]:
        if word.isdigit():
            return word
        if word in _NUMBER_WORDS:
            return str(_NUMBER_WORDS.index(word) + 2)
    return ""


def _one_group_told_twice(events: list[Event], res: Resolution) -> list[Event]:
    """An article tells one group's desertion several times ("soldiers deserted" in the headline, "about 15
    soldiers of the 2nd Regiment deserted on Tuesday" below): groups of the same kind of people, in events
    that name no different destination or side, are one group. The most specific body left wins (a unit over
    the regime or the country); hypothetical groups stay apart."""
    def specific(event: Event) -> int:
        left = event.participant("leftOrganization")
        if left is None:
            return 0
        if res.type_of(left) in {EntityType.REGIME, EntityType.COUNTRY}:
            return 1
        return 2 if res.entities[left].label.lower().split()[-1] in {"army", "forces", "military", "navy"} else 3

    out: list[Event] = []
    for event in events:
        defector = event.participant("defector") or ""
        hypothetical = overall_certainty(event.claims) == Certainty.HYPOTHETICAL
        if event.kind != EventKind.DEFECTION or res.type_of(defector) != EntityType.GROUP:
            out.append(event)
            continue
        head = _group_head(res.entities[defector].label)
        match = next((n for n, other in enumerate(out) if other.kind == EventKind.DEFECTION
                      and res.type_of(other.participant("defector")) == EntityType.GROUP
                      and _same_group(res.entities[other.participant("defector") or ""].label,
                                      res.entities[defector].label)
                      and (overall_certainty(other.claims) == Certainty.HYPOTHETICAL) == hypothetical
                      and all(not event.participant(r) or not other.participant(r)
                              or event.participant(r) == other.participant(r)
                              for r in ("destination", "joinedOrganization"))), None)
        if match is None or not head:
            out.append(event)
            continue
        other = out[match]
        main, extra = (event, other) if specific(event) > specific(other) else (other, event)
        parts = {**dict(extra.participants), **dict(main.participants)}
        out[match] = Event(EventKind.DEFECTION, tuple(sorted(parts.items())),
                           tuple(dict.fromkeys(main.claims + extra.claims)), _narrower(main.time, extra.time))
    return _bare_desertions_told_by_their_group(out, res)


def _bare_desertions_told_by_their_group(events: list[Event], res: Resolution) -> list[Event]:
    """"news of desertions from a police unit" and "six officers of the unit deserted": when the article
    tells of exactly one group of defectors (not imagined), bare "desertions" are theirs."""
    def bare(event: Event) -> bool:
        label = res.entities.get(event.participant("defector") or "")
        return label is not None and _group_head(label.label) in {"defections", "desertions"}

    def real_group(event: Event) -> bool:
        return event.kind == EventKind.DEFECTION and res.type_of(event.participant("defector")) == EntityType.GROUP \
            and not bare(event) and overall_certainty(event.claims) != Certainty.HYPOTHETICAL

    groups = [n for n, e in enumerate(events) if real_group(e)]
    if len(groups) != 1:
        return events
    target = groups[0]
    out = list(events)
    dropped: set[int] = set()
    for n, event in enumerate(events):
        if event.kind != EventKind.DEFECTION or not bare(event) or \
                overall_certainty(event.claims) == Certainty.HYPOTHETICAL:
            continue
        group = out[target]
        parts = dict(group.participants)
        left = event.participant("leftOrganization")
        if left and (not parts.get("leftOrganization") or _specificity(left, res) > _specificity(
                parts["leftOrganization"], res)):
            parts["leftOrganization"] = left
        out[target] = Event(EventKind.DEFECTION, tuple(sorted(parts.items())),
                            tuple(dict.fromkeys(group.claims + event.claims)), _narrower(group.time, event.time))
        dropped.add(n)
    return [e for n, e in enumerate(out) if n not in dropped]


#: what a report is called when it is denied ("Reports that X had also quit were false and mischievous")
_CALLED_FALSE = frozenset({"false", "unfounded", "groundless", "fake", "mischievous", "nonsense", "inaccurate",
                           "untrue", "baseless", "lies", "lie", "provocation", "fabrication", "invention"})
_REPORT_WORDS = {"report", "reports", "claim", "claims", "rumour", "rumours", "rumor", "rumors", "allegation",
                 "allegations", "story", "stories", "news", "account", "accounts"}


def _denials_told_after(events: list[Event], doc: Doc, res: Resolution) -> list[Event]:
    """"There is no truth in these rumors," the ministry said: a denial that names no defection denies the
    defection reported just before (in the three sentences before it)."""
    triggers = {t.sent.start for t, _how in _defection_triggers(doc)}
    phrases = cue_words("denial_phrases")
    out = list(events)
    sents = list(doc.sents)
    for sent in (s for s in sents if s.start in triggers):
        # "Reports that X also asked for asylum are a malicious lie": the report itself is called false
        subject = next((c for c in sent.root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is None or subject.lemma_.lower() not in _REPORT_WORDS:  # '"Reports that X had quit were
            # false," his spokesman said': the report is the subject of the clause called false
            subject = next((t for t in sent if (t.dep_ == "nsubj" and t.lemma_.lower() in _REPORT_WORDS and any(
                c.dep_ in {"acomp", "attr"} and c.lower_ in _CALLED_FALSE for c in t.head.children)) or (
                t.i == sent.start and t.lower_ in _REPORT_WORDS and t.i + 1 < sent.end and doc[t.i + 1].lower_ == "that"
                and any(c.dep_ in {"acomp", "attr"} and c.lower_ in _CALLED_FALSE for c in sent))), subject)
            # (or the parser took "Reports" for a verb)
        if subject is not None and subject.lemma_.lower() in _REPORT_WORDS | {"report", "claim", "rumour", "rumor"} \
                and any(re.search(rf"\b{re.escape(p)}\b", sent.text.lower()) for p in phrases | _CALLED_FALSE):
            told = sentence_span(sent).start
            denial = replace(attribute(sent.root, res), certainty=Certainty.DENIED)
            for i, event in enumerate(out):
                if event.kind == EventKind.DEFECTION and any(c.sentence.start == told for c in event.claims):
                    out[i] = replace(event, claims=(*event.claims, denial))
        for verb in sent:  # "X has fled, a group said, a claim the government swiftly rejected"
            if verb.dep_ in {"relcl", "acl"} and verb.lemma_.lower() in cue_words("denial_verbs") \
                    and verb.head.lemma_.lower() in _REPORT_WORDS and not any(c.dep_ == "neg" for c in verb.children):
                told = sentence_span(sent).start
                for i, event in enumerate(out):
                    if event.kind == EventKind.DEFECTION and any(c.sentence.start == told for c in event.claims):
                        out[i] = replace(event, claims=(*event.claims, denial_by(verb, res)))
    for n, sent in enumerate(sents):
        low = sent.text.lower()
        denies_it = sent.root.lemma_.lower() in cue_words("denial_verbs") and any(  # "X denies it."
            c.dep_ == "dobj" and (c.lower_ in {"it", "this", "that"} or c.lower_ in _REPORT_WORDS)
            for c in sent.root.children)
        denies_it = denies_it or (sent.root.lemma_.lower() in {"call", "brand", "dismiss"} and any(
            c.dep_ == "dobj" and (c.lower_ in {"it", "this"} or c.lower_ in _REPORT_WORDS) for c in sent.root.children)
            and any(t.lower_ in _CALLED_FALSE for t in sent))  # "The ministry called the story "a provocation""
        if sent.start in triggers or not (denies_it or any(re.search(rf"\b{re.escape(p)}\b", low) for p in phrases)):
            continue
        defections = [i for i, e in enumerate(out) if e.kind == EventKind.DEFECTION and e.claims
                      and min(c.sentence.start for c in e.claims) < sent.start_char]
        named = {res.key_of(t) for t in sent if res.type_of(res.key_of(t)) == EntityType.PERSON and t.pos_ != "PRON"}
        # ("His office denied it": "it" is what the sentence just before told, and only that)
        pronoun = denies_it and any(c.dep_ == "dobj" and c.lower_ in {"it", "this", "that"} for c in sent.root.children)
        window = {s.start_char for s in sents[max(0, n - (1 if pronoun else 3)):n]}
        # "X is at his post": the denial names him; else the defection told in the three sentences before;
        # else "dismissed the report": the one report made before, if there is only one
        def reported_since(i: int, before: list[Span]) -> bool:  # "X defected. A radio reported that a unit had
            # gone over too. The minister called the report a lie.": the denial is of the unit's, not X's
            last = max(c.sentence.start for c in out[i].claims)
            return any(_reports_another(s, {out[i].participant("defector")}, res) for s in before
                       if s.start_char > last)

        targets = [i for i in defections if out[i].participant("defector") in named] or [
            i for i in defections if any(c.sentence.start in window for c in out[i].claims) and not reported_since(i, sents[:n])]
        first_told = {min(c.sentence.start for c in out[i].claims) for i in defections
                      if overall_certainty(out[i].claims) != Certainty.HYPOTHETICAL}
        recent = {x.start_char for x in sents[max(0, n - 5):n]}
        if not targets and len(first_told) == 1 and any(w in re.findall(r"[a-z]+", low) for w in _REPORT_WORDS) \
                and any(c.sentence.start in recent for i in defections for c in out[i].claims) and not any(
                    reported_since(i, sents[:n]) for i in defections):
            targets = defections  # the one report the article has made so far, told in the five sentences before
        if not targets:
            continue
        window = {c.sentence.start for i in targets for c in out[i].claims}
        latest = max(max(c.sentence.start for c in out[i].claims if c.sentence.start in window) for i in targets)
        claim = denial_by(sent.root, res) if sent.root.lemma_.lower() in cue_words("denial_verbs") else replace(
            attribute(sent.root, res), certainty=Certainty.DENIED)
        for i in defections:  # with those reported in the same sentence ("X fled with two aides")
            if any(c.sentence.start == latest for c in out[i].claims):
                out[i] = replace(out[i], claims=(*out[i].claims, claim))
    return out


#: verbs that tell someone going away or over, with or without a defection verb
_DEPARTURE_VERBS = frozenset({"go", "come", "cross", "flee", "leave", "quit", "join", "defect", "desert", "break",
                              "escape", "switch", "seek", "ask", "walk", "slip", "abandon", "follow", "turn", "side",
                              "run", "surrender", "lay", "fly", "swim", "abscond", "vanish", "disappear"})


def _reports_another(sent: Span, defectors: set[str | None], res: Resolution) -> bool:
    """The sentence reports what someone other than ``defectors`` did: "a radio station reported that the 5th
    Wing had gone over too", "claims that a second officer had fled"."""
    for tok in sent:
        if tok.dep_ not in {"ccomp", "acl", "relcl"} or not (
                tok.head.lemma_.lower() in cue_words("reporting_verbs") or tok.head.lemma_.lower() in _REPORT_WORDS):
            continue
        if not {t.lemma_.lower() for t in (tok, *tok.conjuncts)} & (_DEPARTURE_VERBS | cue_words("defection_verbs")):
            continue  # ('"People in the army are saying no," he told reporters': no one's departure)
        subject = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        key = res.key_of(subject) if subject is not None else None
        if subject is not None and subject.pos_ != "PRON" and key not in defectors:
            return True
    return False


def _drop_bare_denials(events: list[Event], doc: Doc) -> list[Event]:
    """"X did not defect and he did not flee": a defection that is only denied, where no sentence
    speaks of a report, a claim or a rumour of it, is no reported defection (nobody said it happened)."""
    text = doc_text(doc).lower()

    def denial_verb(claim: Claim) -> bool:  # "the ministry denied that ...": someone denies a report
        cue = text[claim.cue.start:claim.cue.end] if claim.cue else ""
        return any(cue.lower().startswith(v.rstrip("ey")) for v in cue_words("denial_verbs"))  # deny -> deni(ed)

    def reported(event: Event) -> bool:
        return any(c.certainty != Certainty.DENIED or denial_verb(c) for c in event.claims) or any(
            w in re.findall(r"[a-z]+", text[c.sentence.start:c.sentence.end]) for c in event.claims
            for w in _REPORT_WORDS)

    def asylum_not_asked(claim: Claim) -> bool:  # "he said he had not applied for asylum"
        told = text[claim.sentence.start:claim.sentence.end]
        return claim.certainty == Certainty.DENIED and not denial_verb(claim) and bool(
            re.search(r"\b(?:not|never)\b[^.;]*\b(?:asylum|refuge)\b", told)) and not set(
            re.findall(r"[a-z]+", told)) & _REPORT_WORDS  # (not "reports that he asked for asylum are a lie")

    out = []
    for event in events:
        if event.kind == EventKind.DEFECTION and any(
                c.certainty in {Certainty.CONFIRMED, Certainty.CLAIMED} for c in event.claims):
            # a break told as a fact is not undone by saying he has not (yet) asked for asylum
            kept = tuple(c for c in event.claims if not asylum_not_asked(c))
            event = replace(event, claims=kept) if kept else event
        out.append(event)
    return [e for e in out if e.kind != EventKind.DEFECTION or reported(e)]


_QUOTE_MARKS = frozenset('"\u201c\u201d\'')


def _the_journey_told_after(events: list[Event], doc: Doc, res: Resolution, article: Article) -> list[Event]:
    """The next sentences may tell the defector's journey: "X ... crossed the border at a frontier town
    last week with several bodyguards". Those who went with him defected with him; where he went and when
    complete the event when its own sentence did not say."""
    out = list(events)
    for n, event in enumerate(events):
        defector = event.participant("defector")
        if event.kind != EventKind.DEFECTION or res.type_of(defector) not in _AGENT_TYPES or not event.claims or (
                res.type_of(defector) == EntityType.GROUP and event.participant("destination")):
            continue  # a group's journey only where it went is not told yet ("By dawn the men had crossed ...")
        first = min(c.sentence.start for c in event.claims)
        after = event.claims[0].sentence.end
        sents = list(doc.sents)
        # the journey is told in the next two sentences, or in the six before the first report of it
        # ("When Captain X walked out of his base in February and boarded a flight ... His desertion is ...")
        told_after = [s for s in sents if s.start_char >= after]
        plain = [n for n, s in enumerate(told_after) if s.text.strip()[:1] not in _QUOTE_MARKS]
        # the next two sentences, not counting quotes between ('"We are hungry." By dawn the men had crossed')
        window = told_after[:plain[1] + 1 if len(plain) > 1 else None] + [
            s for s in sents if s.end_char <= first][-6:][::-1]
        if not any(res.type_of(res.key_of(t)) in _AGENT_TYPES and res.key_of(t) == defector
                   for s in window for t in s):
            window = []
        for sent in window:
            for verb in sent:
                joined = _body_joined(verb, res) if _key(_subject(verb, res), res) == defector else None
                if joined and joined not in dict(out[n].participants).values():
                    # "... On Tuesday he announced that he had become a member of the group"
                    parts = {**dict(out[n].participants), "joinedOrganization": joined}
                    out[n] = replace(out[n], participants=tuple(sorted(parts.items())))
                if verb.pos_ != "VERB" or not _journey_verb(verb, res) or _key(_subject(verb, res), res) != defector:
                    continue
                parts = dict(out[n].participants)
                for obj in [*_pobj(verb, {"to", "into", "in", "for"}),
                            *(o for p in verb.children if p.dep_ in {"prt", "advmod"} for o in _pobj(p, {"to"}))]:
                    key = _key(obj, res) or _country_named_by(obj, res)
                    if key and res.type_of(key) == EntityType.COUNTRY and key != parts.get("leftOrganization"):
                        parts.setdefault("destination", key)
                time = out[n].time
                if time is None or time.granularity == "recent":  # a report's date only bounds the act
                    told = _time_for(verb, article)
                    time = told if told is not None and (time is None or told.granularity != "recent") else time
                out[n] = replace(out[n], participants=tuple(sorted(parts.items())), time=time)
                if sent.start_char < after:
                    continue  # companions only from the journey told after the report
                for companion in _pobj(verb, {"with"}):
                    key = _key(companion, res)
                    if key and key != defector and res.type_of(key) in _AGENT_TYPES and not _civilian(companion) \
                            and not ((_family_along(companion) or _kin_of_someone(companion))
                                     and not _holds_a_post(companion)):  # "with his wife and five children"
                        out.append(replace(out[n], participants=tuple(sorted({**parts, "defector": key}.items()))))
    return out


def _country_named_by(obj: Token, res: Resolution) -> str | None:
    """The country a place word names by its modifiers: "Malian territory", "X's Free State province",
    "territory controlled by X", "a Moldovan police post"."""
    if obj.lemma_.lower() not in {"territory", "soil", "province", "region", "state", "side", "post", "station",
                                  "checkpoint"}:
        return None
    owners = [c for c in obj.children if c.dep_ in {"amod", "poss", "compound"}] + [
        o for a in obj.children if a.dep_ == "acl" for g in a.children if g.dep_ == "agent"
        for o in g.children if o.dep_ == "pobj"]
    return next((k for c in owners for k in [res.key_of(c)] if res.type_of(k) == EntityType.COUNTRY), None) or next(
        (where for c in owners for k in [res.key_of(c)] if k is not None and res.type_of(k) == EntityType.PLACE
         for where in [res.place_country(k)] if where in res.entities), None)


_PROTECTORS = {"authorities", "authority", "government", "police", "army", "military", "troops", "forces", "side",
               "soldiers", "officials", "guards"}


def _protector_country(verb: Token, res: Resolution) -> str | None:
    """The country whose people a defector asked for protection: "asked for the protection of the Colombian
    authorities", "asked for protection on the Colombian side", "asked the Brazilian army for refuge"."""
    shelter = [t for t in verb.subtree if t.lower_ in {"protection", "refuge", "asylum", "shelter"}
               and (t.head.i == verb.i or t.head.head.i == verb.i)]
    if not shelter or verb.lemma_.lower() not in {"ask", "seek", "request", "apply", "beg", "receive", "get"}:
        return None
    people = [o for t in shelter for o in _pobj(t, {"of", "on", "from"})] + [
        c for c in verb.children if c.dep_ in {"dobj", "dative"} and c.lower_ not in {"protection", "refuge", "asylum"}]
    for obj in people:
        if res.type_of(res.key_of(obj)) == EntityType.COUNTRY and obj.dep_ in {"dobj", "dative"}:
            return res.key_of(obj)  # "asked Spain for asylum"
        if obj.lower_ not in _PROTECTORS:
            continue
        for mod in (c for c in obj.children if c.dep_ in {"amod", "compound", "poss", "nmod"}):
            key = res.key_of(mod)
            if key and res.type_of(key) == EntityType.COUNTRY:
                return key
    return None


def _journey_verb(verb: Token, res: Resolution) -> bool:
    """A verb of the journey: "crossed", "fled", "walked out of", "left the capital for X" (not a bare
    "left" or "went")."""
    lemma = verb.lemma_.lower()
    if lemma == "walk":  # "walked out of his base", "walked up to a police post"
        return any(c.lower_ in {"out", "up"} for c in verb.children)
    if lemma == "leave":
        return any(res.type_of(_key(o, res)) in {EntityType.COUNTRY, EntityType.PLACE} for o in _pobj(verb, {"for"}))
    if lemma in {"seek", "ask", "request", "apply"}:  # "walked into a police station and asked for protection"
        return any(t.lower_ in {"asylum", "protection", "refuge"} for t in verb.subtree)
    return lemma in _MOTION_VERBS - {"go", "come"}


def _body_joined(verb: Token, res: Resolution) -> str | None:
    """The non-state body a verb says its subject joined: "joined X", "became a member of X"."""
    objs: list[Token] = []
    if verb.lemma_.lower() == "join":
        objs = [c for c in verb.children if c.dep_ == "dobj"]
    elif verb.lemma_.lower() == "become":
        objs = [o for c in verb.children if c.dep_ == "attr" and c.lemma_.lower() == "member"
                for o in _pobj(c, {"of"})]
    for obj in objs:
        key = _key(obj, res)
        if key and res.type_of(key) in {EntityType.ORGANIZATION, EntityType.GROUP}:
            return key
    return None


def _travellers(verb: Token, res: Resolution) -> list[str]:
    """The named persons a verb of the journey is said of: its subject and the subject's conjuncts,
    and companions "with his brother, Y"."""
    subject = _subject(verb, res)
    tokens = [*([subject, *subject.conjuncts] if subject is not None else [])]
    for companion in _pobj(verb, {"with"}):
        tokens += [companion, *(c for c in companion.children if c.dep_ == "appos")]
    keys = [res.key_of(t) for t in tokens]
    return list(dict.fromkeys(k for k in keys if k is not None and res.type_of(k) == EntityType.PERSON
                              and not k.startswith("anon:")))


def _groups_named_on_the_journey(events: list[Event], doc: Doc, res: Resolution) -> list[Event]:
    """"Two sons-in-law of the president have defected ... X crossed the border this
    week with his brother, Y": the counted group's members, named in the next sentences
    as the ones who made the journey, are the defectors."""
    out: list[Event] = []
    for event in events:
        group = event.participant("defector") if event.kind == EventKind.DEFECTION else None
        entity = res.entities.get(group) if group else None
        count = next((_COUNTS[w] for w in entity.label.lower().split()[:2] if w in _COUNTS), 0) if (
            entity is not None and entity.type == EntityType.GROUP) else 0
        if not count or not event.claims:
            out.append(event)
            continue
        after = event.claims[0].sentence.end
        sentences = [s for s in doc.sents if s.start_char >= after][:3]
        named: list[str] = []
        for sent in sentences:
            for verb in sent:
                if verb.pos_ == "VERB" and verb.lemma_.lower() in _MOTION_VERBS - {"go", "come", "leave"}:
                    named += [k for k in _travellers(verb, res) if k not in named]
        if len(named) != count:
            out.append(event)
            continue
        parts = dict(event.participants)
        out.extend(replace(event, participants=tuple(sorted({**parts, "defector": key}.items()))) for key in named)
    return out


_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "both": 2, "2": 2, "3": 3, "4": 4, "5": 5}


def _groups_identified_by_name(events: list[Event], doc: Doc, res: Resolution) -> list[Event]:
    """"Two diplomats have fled ... The men are X, 38, and Y, 40": a group the article then names person by
    person is those persons, one defection each (the nearest group told before, of the same count)."""
    groups = [n for n, e in enumerate(events) if e.kind == EventKind.DEFECTION and e.claims
              and res.type_of(e.participant("defector")) == EntityType.GROUP]
    out: list[Event | None] = list(events)
    for sent in doc.sents if groups else ():
        root = sent.root
        subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
        attr = next((c for c in root.children if c.dep_ == "attr"), None)
        apposed = next((c for c in subject.children if c.dep_ == "appos" or (
            c.dep_ == "conj" and c.i > subject.i + 1 and subject.doc[subject.i + 1].text == ",")),
            None) if subject is not None else None  # (the parser may take the names for conjuncts)
        if root.lemma_.lower() in {"name", "identify"}:
            # "A spokesman named the pilots as X and Y", "The two were identified as X and Y"
            subject = next((c for c in root.children if c.dep_ in {"dobj", "nsubjpass"}), None)
            attr = next(_pobj(root, {"as"}), None)
        elif apposed is not None and subject is not None and subject.lower_ not in {"they", "them"}:
            attr = apposed  # "The men, Major X, Captain Y and Captain Z of the army, were taking part in ..."
        elif root.lemma_ != "be":
            continue
        if subject is None or attr is None or not (subject.lower_ in {"they", "them"} or (
                subject.tag_ == "NNS" and any(c.lower_ in {"the", "these", "both"} for c in subject.lefts))):
            continue
        named = list(dict.fromkeys(k for t in [attr, *attr.conjuncts] for k in [res.key_of(t)]
                                   if k is not None and res.type_of(k) == EntityType.PERSON))
        told = [(max(c.sentence.start for c in events[n].claims), n) for n in groups
                if out[n] is not None and min(c.sentence.start for c in events[n].claims) < sent.start_char]
        if len(named) < 2 or not told:
            continue
        _at, n = max(told)
        words = (res.entities[events[n].participant("defector") or ""].label.lower().split())
        count = next((_COUNTS[w] for w in words[:2] if w in _COUNTS), len(named))
        if count != len(named):
            continue
        group = events[n]
        out[n] = None
        parts = dict(group.participants)
        claims = group.claims
        first = min(c.sentence.start for c in group.claims)
        for m in groups:  # "The two men", "Both officers": the same group named again, after
            again = res.entities[events[m].participant("defector") or ""].label.lower().split()
            if m != n and out[m] is not None and again[:1] in (["both"], ["the"]) and next(
                    (_COUNTS[w] for w in again[:2] if w in _COUNTS), 2 if again[0] == "both" else 0) == count and \
                    min(c.sentence.start for c in events[m].claims) > first:
                out[m] = None
                claims += events[m].claims
                body = events[m].participant("leftOrganization")
                if body and _specificity(body, res) > _specificity(parts.get("leftOrganization"), res):
                    parts["leftOrganization"] = body
            elif m != n and out[m] is not None and again[-1:] == words[-1:] and next(
                    (_COUNTS[w] for w in again[:2] if w in _COUNTS), count) == count and \
                    min(c.sentence.start for c in events[m].claims) < first:
                # the headline's "Afghan officers ... seek refuge in Canada" before the lead's "Three Afghan army
                # officers": the same men, with where they went
                out[m] = None
                claims = events[m].claims + claims
                for role in ("destination", "joinedOrganization"):
                    if events[m].participant(role) and not parts.get(role):
                        parts[role] = events[m].participant(role) or ""
        out.extend(replace(group, participants=tuple(sorted({**parts, "defector": key}.items())),
                           claims=tuple(dict.fromkeys(claims))) for key in named)
    return [e for e in out if e is not None]


def _drop_groups_named_one_by_one(events: list[Event], res: Resolution) -> list[Event]:
    """"X defected with two of his officers" and both officers named as defectors elsewhere in the
    article: the counted group is those persons, not more defectors."""
    defections = [e for e in events if e.kind == EventKind.DEFECTION]
    persons = [e for e in defections if res.type_of(e.participant("defector")) == EntityType.PERSON]
    out = []
    for event in events:
        group = event.participant("defector") if event.kind == EventKind.DEFECTION else None
        entity = res.entities.get(group) if group else None
        if entity is not None and entity.type == EntityType.GROUP:
            words = entity.label.lower().split()
            count = next((_COUNTS[w] for w in words[:2] if w in _COUNTS), 0)
            dest = event.participant("destination")
            same = {p.participant("defector") for p in persons if (dest is None or p.participant("destination") in {
                dest, None}) and not (p.participant("defector") or "").startswith("anon:")}
            if count and len(same) >= count + 1 and (words[0] == "the" or set(words) & {"his", "her", "their"}):
                # the one they went with ("two of his officers"), and each of them by name; or "the two airmen"
                # told before (not "two MPs" of their own)
                continue
        out.append(event)
    return out


def _headline_group_named_in_body(events: list[Event], res: Resolution, headline_chars: int) -> list[Event]:
    """A headline's bare plural ("Air force pilots fly jets to X") told nowhere else is the persons the body
    names as going there, when it names two or more: not one more defector."""
    persons = [e for e in events if e.kind == EventKind.DEFECTION
               and res.type_of(e.participant("defector")) == EntityType.PERSON]
    out = []
    for event in events:
        entity = res.entities.get(event.participant("defector") or "") if event.kind == EventKind.DEFECTION else None
        dest = event.participant("destination")
        words = entity.label.lower().split() if entity is not None else []
        if entity is not None and entity.type == EntityType.GROUP and dest is not None and event.claims and all(
                c.sentence.start < headline_chars for c in event.claims) and len(words) <= 5 and not (
                set(words) & (set(_COUNTS) | {"dozens", "hundreds", "thousands", "some", "many", "more", "several"})) \
                and len({p.participant("defector") for p in persons if p.participant("destination") == dest}) >= 2:
            continue
        out.append(event)
    return out


def _settle_guessed_left(events: list[Event], guessed: list[bool], res: Resolution) -> list[Event]:
    """A defection whose body left was only guessed (the article's main regime) takes the body another
    report of the same defector names ("has defected from the army" ... "abandoned his post"), so the
    two reports stay one event. Of several bodies named, the most specific: "deserted the army" and "broke
    with the government" are one defection, from the army (which is part of the government)."""

    def specific(key: str) -> int:
        kind = res.type_of(key)
        return 0 if kind == EntityType.COUNTRY else 1 if kind == EntityType.REGIME else 2

    told = {(e.participant("defector"), c.sentence) for e, guess in zip(events, guessed, strict=True) if not guess
            for c in e.claims}  # where a body left is named, a guess in the same sentence is only a guess
    named: dict[str, str] = {}
    for event, guess in zip(events, guessed, strict=True):
        left = event.participant("leftOrganization")
        who = event.participant("defector") or ""
        if guess and (specific(left or "") < 2 or any((who, c.sentence) in told for c in event.claims)):
            continue  # but a body guessed from who speaks for it ("the army confirmed ...") is specific too
        if left and (who not in named or specific(left) > specific(named[who])):
            named[who] = left
    reached: dict[str, set[str]] = {}
    for event in events:
        if event.participant("destination"):
            reached.setdefault(event.participant("defector") or "", set()).add(event.participant("destination") or "")
    # the country the article's defectors come from, by their nationality ("Ten Eritrean footballers"): a
    # defector of no stated nationality guessed to leave the article's main regime left that country instead
    # when the main regime is another's (an article told from the country they fled to)
    nations = Counter(n for e in events for n in [res.nationality.get(e.participant("defector") or "")] if n)
    home = nations.most_common(1)[0][0] if nations else None
    out = []
    for event, guess in zip(events, guessed, strict=True):
        who = event.participant("defector") or ""
        if guess and home and who not in res.nationality and event.participant("leftOrganization") in {
                res.main_regime, res.main_country} - {None, home, res.regime_of_country.get(home)}:
            parts = {**dict(event.participants), "leftOrganization": res.regime_of_country.get(home) or home}
            event = replace(event, participants=tuple(sorted(parts.items())))
        if guess and event.participant("leftOrganization") in reached.get(event.participant("defector") or "", ()):
            # a guessed body left that another report names as where he went: no body left
            event = replace(event, participants=tuple(p for p in event.participants if p[0] != "leftOrganization"))
        better = named.get(event.participant("defector") or "")
        left = event.participant("leftOrganization")
        if better and (guess or (left and specific(left) < 2 <= specific(better)) or (
                left and specific(left) == 0 and res.regime_of_country.get(left) == better)):
            # ("has fled the country" and "I ran away from X's dictatorship": one defection, from the regime)
            parts = dict(event.participants)
            if parts.get("destination") not in {better}:
                parts["leftOrganization"] = better
                event = replace(event, participants=tuple(sorted(parts.items())))
        out.append(event)
    return out


_OTHER_KINDS = (
    (EventKind.APPOINTMENT, "appointment_verbs", "appointment_nouns"),
    (EventKind.DISMISSAL, "dismissal_verbs", "dismissal_nouns"),
    (EventKind.RESIGNATION, "resignation_verbs", "resignation_nouns"),
    (EventKind.ARREST, "arrest_verbs", "arrest_nouns"),
)


def find_other_events(doc: Doc, res: Resolution, article: Article) -> list[Event]:
    """Appointments, dismissals, resignations and arrests of persons."""
    found: list[Event] = []
    for tok in tokens(doc):
        lemma = tok.lemma_.lower()
        for kind, verb_section, noun_section in _OTHER_KINDS:
            person_tok: Token | None = None
            initiator_tok: Token | None = None
            if tok.pos_ == "VERB" and lemma in cue_words(verb_section):
                if kind == EventKind.RESIGNATION:
                    if lemma == "step" and not any(c.lower_ in {"down", "aside"} for c in tok.children):
                        continue
                    person_tok = _subject(tok, res)
                else:
                    passive = any(c.dep_ == "nsubjpass" for c in tok.children)
                    if passive:
                        person_tok = next(c for c in tok.children if c.dep_ == "nsubjpass")
                        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
                        initiator_tok = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
                    else:
                        person_tok = next((c for c in tok.children if c.dep_ == "dobj"), None) or next(
                            (c for c in tok.children if c.dep_ == "oprd"), None)  # the parser's "named X as"
                        initiator_tok = _subject(tok, res)
                    if lemma == "name" and not _names_to_a_post(tok, person_tok):
                        continue
            elif tok.pos_ == "NOUN" and lemma in cue_words(noun_section):
                person_tok = next(_pobj(tok, {"of"}), None) or next(
                    (c for c in tok.children if c.dep_ == "poss"), None)
            else:
                continue
            person = _key(person_tok, res)
            if person is None or res.type_of(person) != EntityType.PERSON:
                continue
            participants = {"affectedPerson": person}
            initiator = _key(initiator_tok, res)
            if initiator and initiator != person:
                participants["initiator"] = initiator
            for obj in _pobj(tok, {"from", "of", "as", "to"}):
                key = _key(obj, res)
                if key and res.type_of(key) in _BODY_TYPES:
                    participants.setdefault("affectedOrganization", key)
            claim = attribute(tok, res)
            if _aim(tok):
                claim = replace(claim, certainty=Certainty.HYPOTHETICAL, conditional=True)
            found.append(Event(kind, tuple(sorted(participants.items())), (claim,), _time_for(tok, article)))
    return merge_events(found)


def _names_to_a_post(verb: Token, person: Token | None) -> bool:
    """"named X as defence minister", "named X to succeed him": "name" as an appointment, not as a
    mention ("named the suspects")."""
    holders = [verb, *([person] if person is not None else [])]
    posts = [o for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "as"
             for o in c.children if o.dep_ == "pobj"]
    posts += [c for c in verb.children if c.dep_ == "oprd" and c is not person]  # "named him premier"
    titles = {entry.split()[-1] for section in ("leader_titles", "office_titles", "spokes_titles", "member_titles",
                                                "ranks") for entry in cue_words(section)}
    return any(o.lemma_.lower() in titles | {"premier", "pm"} for o in posts) or any(
        c.dep_ == "xcomp" and c.lemma_.lower() in {"succeed", "replace", "head", "lead", "become", "serve", "command"}
        for c in verb.children)


def _aim(verb: Token) -> bool:
    """An infinitive that states an aim, not a deed: "rebels fighting to oust the president", "a plan to
    sack the minister"."""
    return verb.pos_ == "VERB" and verb.dep_ in {"xcomp", "advcl", "acl"} and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and verb.head.lemma_.lower() not in {
        "manage", "begin", "start", "continue", "go", "come", "be", "have"}


def event_key(event: Event) -> tuple[str, ...]:
    """What makes two reports the same event: kind, the person or group, and the body left."""
    if event.kind == EventKind.DEFECTION:
        return (event.kind.value, event.participant("defector") or "", event.participant("leftOrganization") or "")
    return (event.kind.value, event.participant("affectedPerson") or "")


def _narrower(a: TimeBounds | None, b: TimeBounds | None) -> TimeBounds | None:
    if a is None or b is None:
        return a or b
    if (a.granularity == "recent") != (b.granularity == "recent"):
        return b if a.granularity == "recent" else a  # a date the text gives beats one inferred from the tense
    if a.earliest and a.latest and b.earliest and b.latest:
        return a if (a.latest - a.earliest) <= (b.latest - b.earliest) else b
    return a if a.earliest and a.latest else b


def merge_events(events: list[Event]) -> list[Event]:
    """One event per key, with the claims of every report and the participants each names."""
    merged: dict[tuple[str, ...], Event] = {}
    lefts: dict[str, set[str]] = {}
    for event in events:
        if event.kind == EventKind.DEFECTION and event.participant("leftOrganization"):
            lefts.setdefault(event.participant("defector") or "", set()).add(event.participant("leftOrganization") or "")
    for event in events:
        key = event_key(event)
        known = lefts.get(key[1], set()) if event.kind == EventKind.DEFECTION and not key[2] else set()
        if len(known) == 1:  # "He is a deserter": the defection told before, with the body he left
            key = (key[0], key[1], next(iter(known)))
        old = merged.get(key)
        if old is None:
            merged[key] = event
            continue
        parts = dict(event.participants)
        parts.update(dict(old.participants))
        claims: tuple[Claim, ...] = tuple(dict.fromkeys(old.claims + event.claims))
        merged[key] = Event(old.kind, tuple(sorted(parts.items())), claims, _narrower(old.time, event.time))
    return list(merged.values())


_WHOLE_FORCES = {"army", "military", "forces", "force", "navy"}


def _specificity(key: str | None, res: Resolution) -> int:
    """How narrow a body is: a country 0, a regime or "the government" 1, a state's whole armed force 2,
    another body (a service, a party) 3, a unit of one (a battalion, an embassy) 4."""
    kind = res.type_of(key)
    if key is None or kind not in _BODY_TYPES:
        return -1
    if kind == EntityType.COUNTRY:
        return 0
    words = res.entities[key].label.lower().replace("-", " ").split()
    if kind == EntityType.REGIME or (words[-1:] and words[-1] in cue_words("regime_words")):
        return 1
    if set(words) & cue_words("unit_heads"):
        return 4
    return 2 if words[-1:] and words[-1] in _WHOLE_FORCES else 3


def _told_at(sentence: TextSpan, doc: Doc) -> int:
    """Where a post is told, for narrowing the body left: anywhere (-1) when the sentence just describes
    ("X, 51, joined the service in 2016 and was named its deputy director"), or its start when it may tell
    a post taken after leaving ("he now heads ...", "he has since become ...")."""
    found = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    if found is None or any(t.lower_ in {"now", "since"} or t.lemma_.lower() == "become" for t in found):
        return sentence.start
    return -1


def _bodies_above(key: str, res: Resolution) -> set[str]:
    """The bodies a body is part of, and the country or regime over them, by the article's structure."""
    seen: set[str] = set()
    frontier = {key}
    while frontier:
        frontier = {o for s, label, o, _ in res.structure if s in frontier and label in {"part_of", "governs"}} - seen
        seen |= frontier
    return seen | {r for c in seen for r in [res.regime_of_country.get(c)] if r}


def _narrows(body: str, left: str | None, res: Resolution) -> bool:
    """Whether a body the defector served in narrows the body the report names: always, unless the report
    names a leader's regime and the body is no state's; "young officers of a reform movement broke with the
    President" broke with his regime, not with their movement, and a party secretary of a one-party state
    defects from the state, not from the party."""
    if left is None or left not in res.regime_of_leader.values():
        return True
    return any(res.type_of(k) in {EntityType.COUNTRY, EntityType.REGIME} for k in _bodies_above(body, res))


def narrow_left_bodies(events: list[Event], roles: list[Role], doc: Doc, res: Resolution) -> list[Event]:
    """Each defection leaves the narrowest body its defector is described as serving in, anywhere in the
    article: "a senior officer who spent two decades inside the intelligence agency ... X has defected"
    left the agency, not the country; "three sergeants from the border battalion" left the battalion.

    A body he joined or went to never counts; the body told in the event stays when it is as narrow.
    """
    served: dict[str, list[tuple[int, str]]] = {}  # who -> (where the body is said, the body)
    # "headed the intelligence service from 1994 until he was named foreign minister": a former post with a
    # current one told beside it is not what he left; a former post alone ("until August served as") is
    holds_now = {r.person for r in roles if r.organization and r.current and not r.rank}
    for role in roles:
        if role.organization and (role.current or role.person not in holds_now):
            served.setdefault(role.person, []).extend((_told_at(c.sentence, doc), role.organization)
                                                      for c in role.claims if c.sentence is not None)
    for defector in {e.participant("defector") or "" for e in events if e.kind == EventKind.DEFECTION}:
        for span in res.entities[defector].mentions if defector in res.entities else ():
            found = doc.char_span(span.start, span.end, alignment_mode="expand")
            if found is None:
                continue
            root = found.root
            # "The men, all from the 762nd Battalion, ...", "The man, who until August served as ...": counts
            # wherever the article tells it; "He is now a lawmaker in the parliament" only before the report
            at = span.start if root.dep_ in {"attr", "oprd"} and not any(
                c.dep_ == "relcl" and c.tag_ in {"VBD", "VBN"} for c in root.children) else -1
            whole = res.type_of(defector) == EntityType.GROUP and found[0].lower_ == "the" and not any(
                (t.like_num and t.dep_ == "nummod") or t.lower_ in _COUNTS for t in found)
            for body in (_body_in_description(root, defector, res), _body_of_apposition(root, res)):
                if body and not (whole and root.lower_ in {"men", "officers", "elements", "troops", "soldiers"}
                                 and any(n.lower() in found.text.lower() for n in (
                                     res.entities[body].label, *res.entities[body].names))):
                    # (not "the officers and men of the 10th Brigade": the whole unit, not some who left it)
                    served.setdefault(defector, []).append((at, body))
    out = []
    narrowed: dict[tuple[str | None, TextSpan], str] = {}  # (body told, report) -> the narrower body
    for event in events:
        parts = dict(event.participants)
        who, left = parts.get("defector"), parts.get("leftOrganization")
        if event.kind == EventKind.DEFECTION and who in served:
            went = {parts.get("destination"), parts.get("joinedOrganization")}
            went |= {res.regime_of_country.get(k or "") for k in went}
            # what he served in before he left: said before the report, or in it (not "he is now a lawmaker")
            told = max((c.sentence.end for c in event.claims if c.sentence is not None), default=0)
            bodies = [b for at, b in served[who] if at < told and b not in went and _specificity(b, res) >= 2
                      and not _international(b, res) and not _firm(b, res) and not _legislature(b, res)]
            best = max(bodies, key=lambda b: _specificity(b, res), default=None)
            if best is not None and _specificity(best, res) > _specificity(left, res) and _narrows(best, left, res):
                parts["leftOrganization"] = best
                event = replace(event, participants=tuple(sorted(parts.items())))
                narrowed.update({(left, c.sentence): best for c in event.claims})
        out.append(event)
    for n, event in enumerate(out):  # "X fled with two of his subordinates": they left where he served
        parts = dict(event.participants)
        best = next((narrowed[left, c.sentence] for c in event.claims for left in [parts.get("leftOrganization")]
                     if (left, c.sentence) in narrowed), None)
        if best and event.kind == EventKind.DEFECTION and parts.get("defector") not in served and \
                res.type_of(parts.get("defector")) == EntityType.GROUP:
            out[n] = replace(event, participants=tuple(sorted({**parts, "leftOrganization": best}.items())))
    return merge_events(_those_who_may_follow(out, res, doc))


def _named_in_description(body: str | None, group: str, res: Resolution, doc: Doc) -> bool:
    """Is the body named inside the group's own description ("everyone still serving the junta")?"""
    if body not in res.entities or group not in res.entities:
        return False
    spans = res.entities[group].mentions
    for at in res.entities[body].mentions:
        if any(s.start <= at.start and at.end <= s.end for s in spans):
            return True
    described = {n.lower() for n in res.entities[group].names}  # the long description is a name, not a mention
    return any(n.lower() in d for d in described for n in (res.entities[body].label, *res.entities[body].names)
               if len(n) > 3)


def _those_who_may_follow(events: list[Event], res: Resolution, doc: Doc) -> list[Event]:
    """"Many officers are waiting for the right moment to leave": a group that may defect, with no body of
    its own named, would leave the body the article's defectors left, when they all left the same one."""
    told = sorted((min(c.sentence.start for c in e.claims), e.participant("leftOrganization") or "")
                  for e in events if e.kind == EventKind.DEFECTION and e.claims and e.participant("leftOrganization")
                  and overall_certainty(e.claims) != Certainty.HYPOTHETICAL)
    out = []
    for event in events:
        left = event.participant("leftOrganization")
        if event.kind == EventKind.DEFECTION and event.claims and _specificity(left, res) <= 1 and \
                res.type_of(event.participant("defector")) == EntityType.GROUP and \
                overall_certainty(event.claims) == Certainty.HYPOTHETICAL and \
                not _named_in_description(left, event.participant("defector") or "", res, doc):
            at = min(c.sentence.start for c in event.claims)
            earlier = {body for start, body in told if start < at}
            if len(earlier) == 1 and _specificity(next(iter(earlier)), res) >= 2:
                event = replace(event, participants=tuple(sorted({**dict(event.participants),
                                                                  "leftOrganization": earlier.pop()}.items())))
        out.append(event)
    return out
