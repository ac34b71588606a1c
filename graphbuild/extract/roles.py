"""Roles and posts: pre-nominal titles ("White House spokesman X"), appositions ("X, a member of Y"),
role nominals ("Syria's ambassador to Iraq"), ranks, former/ex- and deputy."""

from __future__ import annotations

import functools
from dataclasses import replace

from spacy.tokens import Doc, Token

from graphbuild.extract.attribution import presupposed
from graphbuild.extract.lexicons import countries, cue_words
from graphbuild.extract.mentions import role_heads
from graphbuild.model import EntityType, Relation, RelationLabel, Role
from graphbuild.nlp.tokens import tokens
from graphbuild.resolve.coref import Resolution

RANK_ABBREVIATIONS = {
    "brig.": "brigadier", "brig": "brigadier", "gen.": "general", "gen": "general", "maj.": "major",
    "lt.": "lieutenant", "lt": "lieutenant", "maj": "major", "capt": "captain", "sgt": "sergeant", "adm": "admiral", "col.": "colonel", "col": "colonel", "capt.": "captain",
    "sgt.": "sergeant", "adm.": "admiral", "cmdr.": "commander", "cpl.": "corporal",
}
_HEADS = {"head", "chief", "leader", "chairman", "chairwoman", "president", "commander", "director", "secretary-general"}
_NOT_ROLES = {"figure", "man", "woman", "source", "witness", "resident", "people", "person", "defendant", "accused",
              "suspect", "fugitive"}
_BODY = {EntityType.GOVERNMENT, EntityType.ORGANIZATION, EntityType.REGIME, EntityType.COUNTRY, EntityType.MEDIA}


def _role_words() -> frozenset[str]:
    return role_heads() | frozenset(RANK_ABBREVIATIONS) | cue_words("portfolio_words") | cue_words("deputy_words")


@functools.cache
def _rank_and_role_words() -> frozenset[str]:
    return role_heads() | frozenset(w for entry in cue_words("ranks") for w in entry.split())


def _post_then_rank(tokens: list[Token], org: str | None) -> list[tuple[list[Token], str | None]]:
    """A post and then a rank before one name are two roles: "the coalition's spokesman Colonel X" is a
    spokesman and a colonel (the body goes with the post)."""
    ranks = {w for entry in cue_words("ranks") for w in entry.split()} | set(RANK_ABBREVIATIONS)
    for n, tok in enumerate(tokens[:-1]):
        rest = tokens[n + 1:]
        if tok.lower_ in role_heads() and tok.lower_ not in ranks and all(t.lower_ in ranks for t in rest):
            return [(tokens[:n + 1], org), (rest, None)]
    return [(tokens, org)]


def _is_rank(label: str) -> bool:
    return label in cue_words("ranks") or label.split()[-1] in {"general", "colonel", "major", "captain",
                                                                 "lieutenant", "sergeant", "admiral", "brigadier"}


def _label(tokens: list[Token]) -> tuple[str, bool]:
    """Role label from title tokens, abbreviations expanded; and whether it is current."""
    current = True
    words: list[str] = []
    for tok in tokens:
        low = tok.lower_
        if low in cue_words("former_words") or low.startswith("ex-"):
            current = False
            if low.startswith("ex-") and len(low) > 3:
                words.append(low[3:])
            continue
        if low in {"the", "a", "an", "'s", "’s"} or low in countries() or (
                tok.ent_type_ in {"PERSON", "ORG", "GPE", "NORP", "FAC"} and low not in RANK_ABBREVIATIONS
                and not (tok.ent_type_ in {"PERSON", "ORG"} and low in _rank_and_role_words())
                and not (low in cue_words("portfolio_words") | cue_words("deputy_words") and tok.i + 1 < len(
                    tok.doc) and tok.doc[tok.i + 1].lower_ in role_heads())):
            # "Interior Minister X" inside a recognizer's span is a title ("State Department" is not)
            continue
        words.append(RANK_ABBREVIATIONS.get(low, tok.lemma_.lower() if tok.tag_ == "NNS" else low))
    # "the premier", "the PM": one post, one label
    words = [w for word in words for w in (["prime", "minister"] if word in {"premier", "pm"} else [word])]
    label = " ".join(words).strip().replace(" - ", "-").replace("prime prime", "prime")
    if label.split()[-1:] and label.split()[-1] in _NOT_ROLES:
        return "", current
    return label, current


def _org_of(head: Token, res: Resolution, person: str) -> str | None:
    """The body a role belongs to: "spokesman for/of/at X", "X spokesman", "Syria's ambassador"."""
    before = [key for tok in head.subtree if tok.i < head.i and tok.dep_ in {"compound", "poss", "amod", "nmod"}
              for key in [res.key_of(tok)] if key and key != person and res.type_of(key) in _BODY]
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in {"of", "for", "at", "with", "in"}:
            for obj in child.children:
                if obj.dep_ != "pobj":
                    continue
                for cand in [*[c for c in obj.children if c.dep_ in {"appos", "compound"}], obj]:
                    key = res.key_of(cand)
                    if key and key != person and res.type_of(key) in _BODY and not (
                            res.type_of(key) == EntityType.COUNTRY and child.lower_ == "in" and any(
                                res.type_of(k) != EntityType.COUNTRY for k in before)):
                        return key  # but "an X party member of parliament ... in Y" is the party's
    if before:  # the most specific body: "Myanmar army major" -> the army, not the country
        return next((k for k in before if res.type_of(k) != EntityType.COUNTRY), before[0])
    for tok in head.subtree:
        if tok.dep_ == "relcl":
            for t in tok.subtree:
                if t.dep_ == "pobj" and t.head.lower_ in {"at", "for", "of"}:
                    key = res.key_of(t)
                    if key and res.type_of(key) in {EntityType.GOVERNMENT, EntityType.ORGANIZATION}:
                        return key
    return None


def _title_of_body_before_name(tok: Token, res: Resolution, person: str) -> tuple[Token, str] | None:
    """The title noun and body of "<title> of <body> <name>", where the name is the object of "of" (the
    body its compound) or apposed to the body: "Secretary-General of NATO X Y"."""
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    prev_root = prev
    while prev_root is not None and prev_root.dep_ == "compound" and prev_root.head.i > prev_root.i:
        prev_root = prev_root.head
    if prev is not None and prev_root is not None and res.type_of(res.key_of(prev)) in _BODY and \
            prev_root.dep_ == "pobj" and prev_root.head.lower_ == "of" and prev_root.i < tok.i:
        # the parser cut the name off the phrase: the body right before the name closes "<title> of"
        prep, bodies = prev_root.head, [prev_root]
    elif tok.dep_ == "compound":
        return None
    elif tok.dep_ == "pobj" and tok.head.lower_ == "of":
        prep = tok.head
        bodies = [c for c in tok.children if c.dep_ in {"compound", "nmod"}]
    elif tok.dep_ == "appos" and tok.head.dep_ == "pobj" and tok.head.head.lower_ == "of":
        prep, bodies = tok.head.head, [tok.head]
    else:
        return None
    noun = prep.head
    if noun.pos_ not in {"NOUN", "PROPN"} or noun.lemma_.lower() not in role_heads() | {"general"}:
        return None
    if res.type_of(res.key_of(noun)) not in {None, EntityType.PERSON} or res.key_of(noun) not in {None, person}:
        return None
    org = next((key for b in bodies for t in b.subtree for key in [res.key_of(t)]
                if key and key != person and res.type_of(key) in _BODY), None)
    return (noun, org) if org else None


def _accredited(head: Token, res: Resolution) -> str | None:
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "to":
            for obj in child.children:
                key = res.key_of(obj)
                if key and res.type_of(key) == EntityType.COUNTRY:
                    return key
    return None


def _default_org(person: str, label: str, res: Resolution) -> str | None:
    """Only a head of state's body is implied (the regime named after him); other roles without an
    organization in the text stay without one (a wrong body is worse than none)."""
    if any(w in label.split() for w in cue_words("deputy_words")):
        return None
    if label.split()[-1] in {"leader", "chairman", "head", "chief"}:
        return res.regime_of_leader.get(person)  # a group's leader as often as a country's: only his own regime
    if label in cue_words("leader_titles") or label.split()[-1] in {"president", "king", "emir", "sultan"}:
        own = res.regime_of_leader.get(person) or res.home_body(person)
        if own:
            return own
        if res.main_regime in res.regime_of_leader.values():
            return None  # the article's regime has its own leader: "US President X" does not head it
        return res.main_regime or res.main_country
    return None


def find_roles(doc: Doc, res: Resolution) -> tuple[list[Role], list[Relation]]:
    """Roles of persons and the member/spokesperson/leader relations they imply."""
    words = _role_words()
    roles: list[Role] = []
    for tok in tokens(doc):
        # "Major General X Y": the parser may make the title the head and the name its apposition
        if tok.lower_ in words and tok.pos_ in {"PROPN", "NOUN"} and res.type_of(res.key_of(tok)) is None:
            named = next((c for c in tok.children if c.dep_ == "appos" and c.i == tok.i + 1 + sum(
                1 for x in c.lefts if x.dep_ == "compound") and res.type_of(res.key_of(c)) == EntityType.PERSON), None)
            if named is not None:
                label, current = _label([*[x for x in tok.subtree if x.i < tok.i], tok])
                person_key = res.key_of(named)
                if label and person_key:
                    roles.append(_role(person_key, label, _org_of(tok, res, person_key), current, tok, res))
        person = res.key_of(tok)
        if person is None or res.type_of(person) != EntityType.PERSON:
            continue
        # 1. titles before a name: compounds of the name's head
        last_of_name = tok.i + 1 >= len(doc) or res.key_of(doc[tok.i + 1]) != person
        if (tok.ent_type_ == "PERSON" or tok.pos_ == "PROPN") and (tok.dep_ != "compound" or last_of_name):
            # the recognizer sometimes puts the title inside the name ("Major General Abdel ..."); the
            # parser may hang it on any word of the name ("Secretary-General X Ki-Y")
            name_start = tok.i
            while name_start > 0 and res.key_of(doc[name_start - 1]) == person:
                name_start -= 1
            titles = [t for n in doc[name_start:tok.i + 1] for t in n.lefts if t.dep_ in {"compound", "amod", "nmod"}
                      and (t.i < name_start or n.i == tok.i) and (t.ent_type_ != "PERSON" or t.lower_ in words)]
            before = doc[name_start - 1] if name_start > 0 else None
            if before is not None and before.lower_ in words and before not in titles and \
                    res.key_of(before) is None and before.pos_ in {"NOUN", "PROPN"}:
                titles.append(before)  # "President Fawzi al-Tannous's forces": the parser hung it on "forces"
            chain: list[Token] = []
            for t in titles:
                chain.extend(x for x in t.subtree if x.i < tok.i and (
                    x.ent_type_ != "PERSON" or x.lower_ in words or x.lower_ in _rank_and_role_words()
                    or res.type_of(res.key_of(x)) in _BODY))
            chain = sorted({t.i: t for t in chain}.values(), key=lambda t: t.i)
            title_tokens = [t for t in chain if t.lower_ in words or t.lemma_.lower() in words]
            if title_tokens:
                # the first title word with its own modifiers: "former prime minister", "Field Marshal"
                first = min(x.i for x in title_tokens[0].subtree if x.i in {c.i for c in chain} and (
                    x.i >= title_tokens[0].i or res.type_of(res.key_of(x)) not in _BODY))
                titled = [t for t in chain if t.i >= first or t.lower_ in cue_words("former_words")]
                org = None
                for t in chain:
                    key = res.key_of(t)
                    if key and key != person and res.type_of(key) in _BODY:
                        org = key
                for part, part_org in _post_then_rank(titled, org):
                    label, current = _label(part)
                    if label:
                        roles.append(_role(person, label, part_org, current, tok, res))
        # 2. appositions and copulas: "X, a member of Y", "X is the son ..." (roles only here)
        if tok.dep_ != "compound" and (tok.ent_type_ == "PERSON" or tok.pos_ == "PROPN" or (
                tok.pos_ == "NOUN" and res.head_keys.get(tok.i) == person)):  # "the envoy, a former commander"
            for child in tok.children:
                if child.dep_ != "appos":
                    continue
                for noun in [child, *child.conjuncts]:
                    if noun.lemma_.lower() in role_heads() and noun.lemma_.lower() not in cue_words("confidant_words"):
                        mods = [t for t in noun.lefts if t.dep_ in {"amod", "compound", "nmod"}]
                        label, current = _label([*[x for m in mods for x in m.subtree], noun])
                        if label:
                            roles.append(_role(person, label, _org_of(noun, res, person), current, noun, res))
        # 2b. an apposition that lost its comma: "Samer Abdel Latif head of the Observatory told AFP"
        between = list(doc[tok.i + 1:tok.head.i]) if tok.head.i > tok.i else []
        if tok.dep_ == "compound" and tok.ent_type_ == "PERSON" and tok.head.ent_type_ != "PERSON" and \
                tok.head.lemma_.lower() in role_heads() and tok.head.i > tok.i and all(
                    t.head.i == tok.head.i and t.dep_ in {"compound", "amod"} and t.ent_type_ != "PERSON"
                    for t in between) and any(
                    c.dep_ == "prep" and c.lower_ in {"of", "at", "for"} for c in tok.head.children):
            noun = tok.head
            label, current = _label([*between, noun])
            if label:
                roles.append(_role(person, label, _org_of(noun, res, person), current, noun, res))
        # 2c. "President of the National Coalition X Y": the name closes the title's "of" phrase,
        # with the body before it
        title_of = _title_of_body_before_name(tok, res, person)
        if title_of is not None:
            noun, org = title_of
            label, current = _label([*[x for x in noun.subtree if x.i < noun.i], noun])
            if label:
                roles.append(_role(person, label, org, current, noun, res))
        # 3. role nominals resolved to this person: "The Syrian ambassador to Iraq", "An operator"
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in role_heads() and res.head_keys.get(tok.i) == person:
            mods = [t for t in tok.lefts if t.dep_ in {"amod", "compound", "nmod"}]
            own_words = [x for m in mods for x in m.subtree if res.type_of(res.key_of(x)) not in _BODY]
            label, current = _label([*own_words, tok])
            if label:
                roles.append(_role(person, label, _org_of(tok, res, person), current, tok, res,
                                   accredited=_accredited(tok, res)))
    roles.extend(_appointed_as(doc, res))
    roles.extend(_posts_of(doc, res))
    roles.extend(_roles_from_verbs(doc, res))
    merged: dict[tuple[str, str], Role] = {}
    for role in roles:
        if role.role.split()[-1] in {"defector", "deserter", "defectors", "deserters"}:
            continue  # having defected is an event, not a post
        pair = (role.person, role.role)
        old = merged.get(pair)
        if old is None:
            merged[pair] = role
        else:
            merged[pair] = Role(old.person, old.role, old.organization or role.organization,
                               tuple(dict.fromkeys(old.claims + role.claims)), old.current and role.current,
                               old.post_label or role.post_label, old.rank)
    # a role word alone that is part of a longer label of the same person adds nothing
    final = [r for r in merged.values() if not any(
        o.person == r.person and o.role != r.role and o.role.endswith(" " + r.role) for o in merged.values())]
    relations: list[Relation] = []
    for role in final:
        head = role.role.split()[-1]
        if role.organization is None:
            continue
        if role.organization in res.entities and res.entities[role.organization].type == EntityType.COUNTRY and \
                head not in {w.split()[-1] for w in cue_words("leader_titles")}:
            pass
        if head == "member":
            relations.append(Relation(role.person, RelationLabel.MEMBER_OF, role.organization, role.claims))
        elif head in {w.split()[-1] for w in cue_words("spokes_titles")}:
            relations.append(Relation(role.person, RelationLabel.SPOKESPERSON_FOR, role.organization, role.claims))
        elif (role.role in cue_words("leader_titles") or head in _HEADS) and not any(
                w in role.role.split() for w in cue_words("deputy_words") | cue_words("portfolio_words") | {
                    "policy", "military", "field", "company", "division", "regional", "local"}):
            # "EU foreign policy chief", "field commander": heads of a part, not of the whole body
            relations.append(Relation(role.person, RelationLabel.LEADER_OF, role.organization, role.claims))
    relations += _ministers_lead_their_ministries(final, res)
    final = _ministers_in_their_ministries(final, res)
    return final, relations


_NOT_TOPICS = {"minister", "ministry", "of", "the", "and", "for", "national", "state", "federal", "former", "acting",
               "prime", "chief", "first", "senior", "cabinet", "affairs"}
_SAME_TOPIC = {"defense": "defence", "interior": "interior", "internal": "interior", "home": "interior"}


def _ministers_lead_their_ministries(roles: list[Role], res: Resolution) -> list[Relation]:
    """"Interior Minister X" heads "the interior ministry", "the Minister of National Defence" the "Ministry of
    National Defence", when the article names exactly one ministry of that portfolio."""
    def topics(text: str) -> set[str]:
        words = {w.strip(".,'’").removesuffix("'s") for w in text.lower().replace("-", " ").split()}
        return {_SAME_TOPIC.get(w, w) for w in words if w and w not in _NOT_TOPICS}

    ministries = [(key, topics(e.label)) for key, e in res.entities.items()
                  if e.type == EntityType.GOVERNMENT and "ministry" in e.label.lower().split()]
    out = []
    for role in roles:
        words = role.role.split()
        if "minister" not in words or "prime" in words or any(
                w in words for w in cue_words("deputy_words")):
            continue
        wanted = topics(role.role)
        found = [key for key, have in ministries if wanted and wanted <= have]
        if len(found) == 1:
            out.append(Relation(role.person, RelationLabel.LEADER_OF, found[0], role.claims))
    return out


def _ministers_in_their_ministries(roles: list[Role], res: Resolution) -> list[Role]:
    """"a deputy defence minister" told with no body holds his post in "the Defence Ministry" when the article
    names exactly one ministry of that portfolio."""
    def topics(text: str) -> set[str]:
        words = {w.strip(".,'’").removesuffix("'s") for w in text.lower().replace("-", " ").split()}
        return {_SAME_TOPIC.get(w, w) for w in words if w and w not in _NOT_TOPICS} - cue_words("deputy_words")

    ministries = [(key, topics(e.label)) for key, e in res.entities.items()
                  if e.type == EntityType.GOVERNMENT and "ministry" in e.label.lower().split()]
    out = []
    for role in roles:
        words = role.role.split()
        wanted = topics(role.role)
        found = [key for key, have in ministries if wanted and wanted <= have]
        if role.organization is None and "minister" in words and "prime" not in words and len(found) == 1:
            role = replace(role, organization=found[0])
        out.append(role)
    return out


def ranks_in_their_force(roles: list[Role], res: Resolution) -> list[Role]:
    """A rank the text gives with no body ("Colonel X, spokesman for the armed forces") is held in the armed
    body of the person's post, else in the army of the article's country when the article names it. (Run
    after a defector's ranks got the body he left.)"""
    out = list(roles)
    for n, role in enumerate(out):
        if role.organization is not None or not _is_rank(role.role):
            continue
        armed = [r.organization for r in roles if r.person == role.person and r.organization
                 and r.organization in res.entities and res.entities[r.organization].type in {
                     EntityType.ORGANIZATION, EntityType.GOVERNMENT}
                 and res.entities[r.organization].label.lower().split()[-1] in _UNITS | {"forces", "military", "navy",
                                                                                          "police", "service"}]
        org = armed[0] if armed else res.state_army(res.nationality.get(role.person) or res.main_country)
        if org is not None:
            out[n] = replace(role, organization=org)
    return out


#: military units one commands without the text naming them: "commanded a gendarmerie legion"
_UNITS = {"battalion", "brigade", "division", "legion", "regiment", "corps", "company", "unit", "platoon", "squadron",
          "garrison", "force", "army", "fleet", "guard"}

#: verbs of holding a post and the role each names: "X heads the council", "the party led by X"
_HOLDING_VERBS = {"head": "head", "lead": "leader", "chair": "chairman", "command": "commander", "preside": "president"}


def _subject_person(verb: Token, res: Resolution) -> str | None:
    """The person a verb is said of: its subject, the noun its relative clause describes ("X, who
    leads ..."), the subject of the verb it is conjoined to, or the agent of a passive ("led by X")."""
    while verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
        verb = verb.head
    candidates = [c for c in verb.children if c.dep_ in {"nsubj"}]
    agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    # "commanded by Saleh's eldest son, Ahmed Saleh": the name apposed to the agent
    candidates += agents + [a for p in agents for a in p.children if a.dep_ == "appos"]
    if verb.dep_ == "relcl":
        candidates.append(verb.head)
    return next((key for cand in candidates for key in [res.person_of(cand)] if key), None)


def _roles_from_verbs(doc: Doc, res: Resolution) -> list[Role]:
    """Posts stated by a verb: "X heads/led/chairs Y", "Y, headed by X", "X presides over Y", "X served as
    defence minister"."""
    out: list[Role] = []
    for verb in tokens(doc):
        if verb.pos_ != "VERB":
            continue
        lemma = verb.lemma_.lower()
        past = verb.tag_ == "VBD" or any(c.lower_ == "had" for c in verb.children if c.dep_ == "aux")
        if lemma in _HOLDING_VERBS:
            passive = any(c.dep_ == "agent" for c in verb.children)
            person = _subject_person(verb, res)
            if person is None:
                continue
            objects = [verb.head] if passive and verb.dep_ in {"acl", "relcl"} else [
                c for c in verb.children if c.dep_ == ("nsubjpass" if passive else "dobj")] or [  # "who presides over the assembly"
                o for c in verb.children if c.dep_ == "prep" and c.lower_ == "over" for o in c.children
                if o.dep_ == "pobj"]
            if len(objects) != 1:
                continue  # none, or a broken parse ("leads regime offensive": two objects)
            # the object is a body, or a body's head noun with its "of" ("the Supreme Council of the Armed
            # Forces"); never a body inside another object ("led the regime offensive")
            heads = cue_words("org_heads") | cue_words("body_heads")
            inner = [p for obj in objects if obj.lemma_.lower() in heads for c in obj.children
                     if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
            org = next((key for t in [*objects, *inner] for key in [res.key_of(t)]
                        if key and key != person and res.type_of(key) in _BODY), None)
            unit = lemma == "command" and any(o.lemma_.lower() in _UNITS for o in objects)
            if org is not None or unit:  # "who commanded a mechanised battalion": a commander of no named body
                out.append(Role(person, _HOLDING_VERBS[lemma], org, (presupposed(verb, res),),
                                not (past and not passive), "", False))
        elif lemma == "serve":
            person = _subject_person(verb, res)
            for prep in verb.children:
                if person is None or prep.dep_ != "prep" or prep.lower_ != "as":
                    continue
                for noun in [c for c in prep.children if c.dep_ == "pobj"]:
                    if noun.lemma_.lower() not in role_heads():
                        continue
                    label, current = _label([*[x for x in noun.subtree if x.i < noun.i], noun])
                    if label:
                        out.append(_role(person, label, _org_of(noun, res, person), current and not past, noun, res))
    return out


def _appointed_as(doc: Doc, res: Resolution) -> list[Role]:
    """"named X as the new defence minister", "appointed X as vice-president": the post X now holds."""
    out: list[Role] = []
    verbs = cue_words("appointment_verbs")
    for tok in tokens(doc):
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in verbs:
            continue
        person_tok = next((c for c in tok.children if c.dep_ in {"dobj", "nsubjpass", "oprd"}), None)
        person = res.key_of(person_tok) if person_tok is not None else None
        if person_tok is None or person is None or res.type_of(person) != EntityType.PERSON:
            continue
        preps: list[Token] = [c for c in [*tok.children, *person_tok.children] if c.dep_ == "prep" and c.lower_ == "as"]
        if not preps:  # the parser hung "as" elsewhere: the first "as" after the person in the sentence
            preps = [t for t in doc[person_tok.right_edge.i + 1:tok.sent.end] if t.lower_ == "as" and doc[
                t.i - 1].lower_ not in {"known", "dubbed", "called", "nicknamed", "also", "such"}][:1]
        for prep in preps:
            # the parser splits hyphenated titles ("vice - president"): read the words after "as", and
            # each title of "as the new defence minister and general commander of the armed forces"
            segment: list[Token] = []
            for t in doc[prep.i + 1:tok.sent.end]:
                if t.pos_ in {"NOUN", "PROPN", "ADJ", "DET"} or t.text == "-":
                    segment.append(t)
                    continue
                words = [t for t in segment if t.lower_ not in {"new", "the", "a", "an"}]
                label, current = _label(words)
                if words and label and label.split()[-1].split("-")[-1] in _role_words():
                    head = words[-1]
                    out.append(_role(person, label, _org_of(head, res, person), current, head, res))
                segment = []
                if t.lower_ != "and":
                    break
    return out


_POST_WORDS = {"post", "position", "office", "function"}
#: verbs that take a post away ("relieved X of the post of Y") or give one ("elected X to the post of Y")
_POST_LEAVING = {"relieve", "dismiss", "remove", "strip", "sack", "free", "release", "cease", "leave", "quit", "vacate"}
_POST_TAKING = {"elect", "appoint", "name", "assign", "promote", "nominate", "assume", "take", "hold", "occupy"}


def _posts_of(doc: Doc, res: Resolution) -> list[Role]:
    """Posts named "the post of Y", as state media write them: "relieved Mr X of the post of State President",
    "elected X to the post of Chairman of Y", "X's request to cease holding the positions of member of the
    Politburo and member of the Central Committee"."""
    out: list[Role] = []
    for tok in tokens(doc):
        if tok.lemma_.lower() not in _POST_WORDS:
            continue
        titles = [n for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                  if p.dep_ == "pobj" for n in (p, *p.conjuncts) if n.lemma_.lower() in role_heads()]
        if not titles:
            continue
        verb = tok.head.head if tok.dep_ == "pobj" else tok.head if tok.dep_ == "dobj" else None
        person_tok = None
        if verb is not None and res.type_of(res.key_of(verb)) == EntityType.PERSON:
            person_tok, verb = verb, verb.head  # "relieving Mr X of the post": the parser hangs "of" on him
        if verb is None or verb.pos_ != "VERB":
            continue
        lemma = verb.lemma_.lower()
        if lemma not in _POST_LEAVING | _POST_TAKING:
            continue
        person_tok = person_tok or next((c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"} and c.i != tok.i),
                                        None)
        if person_tok is None and tok.dep_ == "dobj":
            person_tok = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        chain = [verb]  # "X's request to cease holding the positions of ...": up to the noun X owns
        while chain[-1].dep_ in {"xcomp", "acl"} and len(chain) < 4:
            chain.append(chain[-1].head)
        if person_tok is None:
            person_tok = next((c for c in chain[-1].children if c.dep_ == "poss"), None)
        person = res.key_of(person_tok) if person_tok is not None else None
        if person is None or res.type_of(person) != EntityType.PERSON:
            continue
        leaving = any(v.lemma_.lower() in _POST_LEAVING for v in chain)
        for noun in titles:
            label, current = _label([*[x for x in noun.subtree if x.i < noun.i], noun])
            if label:
                out.append(_role(person, label, _org_of(noun, res, person), current and not leaving, noun, res))
    return out


def _role(person: str, label: str, org: str | None, current: bool, anchor: Token, res: Resolution,
          *, accredited: str | None = None) -> Role:
    org = org or _default_org(person, label, res)
    post = ""
    if accredited and org and res.type_of(org) == EntityType.COUNTRY:
        post = f"{label.title()} of {res.entities[org].label} to {res.entities[accredited].label}"
    return Role(person, label, org, (presupposed(anchor, res),), current, post, _is_rank(label))
