"""Binary relations: confidants, kinship, based in, appointed by, replaced by."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from graphbuild.extract.attribution import attribute, presupposed
from graphbuild.extract.lexicons import cue_words
from graphbuild.model import EntityType, Event, EventKind, Relation, RelationLabel
from graphbuild.nlp.tokens import tokens
from graphbuild.resolve.coref import Resolution, in_byline

_BODIES = {EntityType.GOVERNMENT, EntityType.ORGANIZATION, EntityType.REGIME, EntityType.COUNTRY, EntityType.MEDIA}


def _described(noun: Token, res: Resolution) -> str | None:
    """The person a descriptive noun is about: apposition, conjoined apposition or copula subject."""
    node = noun
    while node.dep_ == "conj":
        node = node.head
    if node.dep_ == "appos":
        return res.key_of(node.head)
    if node.dep_ == "attr":
        subj = next((c for c in node.head.children if c.dep_ == "nsubj"), None)
        return res.key_of(subj) if subj is not None else None
    if node.dep_ == "pobj" and node.head.lower_ == "as" and node.head.head.lemma_.lower() in _SEEN_AS:
        # "X, long regarded as a close aide to the leader", "X is seen as a confidant of Y"
        verb = node.head.head
        if verb.dep_ in {"acl", "relcl"}:
            return res.key_of(verb.head)
        subj = next((c for c in verb.children if c.dep_ in {"nsubjpass", "nsubj"}), None)
        return res.key_of(subj) if subj is not None else None
    return None


#: verbs that describe someone "as" something
_SEEN_AS = {"regard", "see", "consider", "describe", "know", "view", "think", "portray"}


def _related(noun: Token, res: Resolution) -> str | None:
    """The other person: "son of X", "X's son", "an X confidant", "aide to X"."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in {"of", "to"}:
            for obj in child.children:
                # "aide to the Iraqi leader X Y": the apposed name
                key = res.person_of(obj) or next((res.person_of(a) for a in obj.children if a.dep_ == "appos"), None)
                if key:
                    return key
        if child.dep_ in {"poss", "compound"} and res.person_of(child):
            return res.person_of(child)
    return None


#: how far into an article its credit and masthead lines may run (characters)
_HEADER_CHARS = 400


def reporters_of_the_outlet(doc: Doc, res: Resolution) -> list[Relation]:
    """A reporter credited at the top ("By X in Baku", "From X in Kigali") works for the outlet the masthead
    line names ("The Daily Correspondent, Tuesday 4 August 1998", "The Atlantic Chronicle | Monday ...")."""
    header = [s for s in doc.sents if s.start_char < _HEADER_CHARS][1:]  # (not the headline)
    reporters = [t for s in header for t in s if t.dep_ == "pobj" and t.head.lower_ in {"by", "from"}
                 and t.head.i == s.start and res.type_of(res.key_of(t)) == EntityType.PERSON]
    reporters += [t for s in header for t in s if t.dep_ == "conj" and t.head.dep_ == "pobj"
                  and t.head.head.lower_ in {"by", "from"} and t.head.head.i == s.start
                  and res.type_of(res.key_of(t)) == EntityType.PERSON]  # "By X in Y and Z in W"
    outlets = set()
    for sent in header:
        first = next((t for t in sent if t.lower_ != "the" and not t.is_space), None)
        key = res.key_of(first) if first is not None else None
        rest = [t for t in sent if t.i > first.i and res.key_of(t) != key] if first is not None else []
        if key and res.type_of(key) in {EntityType.ORGANIZATION, EntityType.MEDIA} and rest and (
                rest[0].text in {",", "|", "-", "–", "—"}) and any(t.ent_type_ == "DATE" for t in rest):
            outlets.add(key)
    if len(outlets) != 1:
        return []
    outlet = outlets.pop()
    return [Relation(res.key_of(t) or "", RelationLabel.MEMBER_OF, outlet, (presupposed(t, res),)) for t in reporters]


def find_relations(doc: Doc, res: Resolution) -> list[Relation]:
    """Confidant, kinship and based-in relations between entities of one article."""
    found: list[Relation] = []
    kinds = ((cue_words("confidant_words"), RelationLabel.CONFIDANT_OF, False),
             (cue_words("child_words"), RelationLabel.CHILD_OF, False),
             (cue_words("parent_words"), RelationLabel.CHILD_OF, True),
             (cue_words("relative_words"), RelationLabel.RELATIVE_OF, False))
    toks = tokens(doc)
    for tok in toks:
        lemma = tok.lemma_.lower()
        i = tok.i
        if lemma == "law" and i >= 4 and toks[i - 2].lower_ == "in" and toks[i - 1].text == "-":
            lemma = f"{toks[i - 4].lower_}-in-law"  # "brother-in-law": five tokens, headed by "law" ...
        elif i + 4 < len(toks) and toks[i + 4].lower_ == "law" and toks[i + 2].lower_ == "in" and \
                toks[i + 1].text == "-" and toks[i + 3].text == "-":
            lemma = f"{tok.lower_}-in-law"  # ... or by "brother"
        if tok.pos_ == "NOUN":
            for words, label, inverse in kinds:
                if lemma not in words:
                    continue
                subject = _described(tok, res)
                other = _related(tok, res)
                if subject and other and subject != other:
                    s, o = (other, subject) if inverse else (subject, other)
                    found.append(Relation(s, label, o, (presupposed(tok, res),)))
        counted = res.head_keys.get(i)
        if counted and res.type_of(counted) == EntityType.GROUP and tok.lemma_.lower() in _SERVING:
            # "63 soldiers of the army's 17th Battalion", "two junior DTX officers": members of that body
            bodies = [*_pobj_keys(tok, "of", res), *(res.key_of(c) for c in tok.children if c.dep_ == "compound")]
            for body in bodies:
                if body and res.type_of(body) in {EntityType.ORGANIZATION, EntityType.GOVERNMENT}:
                    found.append(Relation(counted, RelationLabel.MEMBER_OF, body, (presupposed(tok, res),)))
                    break
        if lemma == "base" and tok.tag_ == "VBN":
            who = res.key_of(tok.head) if tok.dep_ in {"acl", "relcl", "amod"} else None
            if who is None and tok.dep_ in {"acl", "amod"} and tok.head.dep_ == "appos":
                who = res.key_of(tok.head.head)  # "X, an exile news site based in Y"
            if tok.i >= 2 and toks[i - 1].text in {"-", "‐"} and tok.dep_ in {"amod", "compound"}:
                # "a capital-based rights group": "X-based" with a place X
                noun = tok.head
                holder = res.key_of(noun) or (res.key_of(noun.head) if noun.dep_ == "appos" else None)
                where = res.key_of(toks[i - 2])
                if holder and where and holder != where and res.type_of(where) in {EntityType.PLACE, EntityType.COUNTRY}:
                    found.append(Relation(holder, RelationLabel.BASED_IN, where, (presupposed(tok, res),)))
            if who is None:
                who = next((res.key_of(c) for c in tok.children if c.dep_ == "nsubjpass"), None)
                if who is None and tok.dep_ == "relcl":
                    who = res.key_of(tok.head)
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ in {"in", "at"}:
                    for obj in prep.children:
                        where = res.key_of(obj)
                        if who and where and res.type_of(where) in {EntityType.PLACE, EntityType.COUNTRY}:
                            found.append(Relation(who, RelationLabel.BASED_IN, where, (presupposed(tok, res),)))
        if lemma in {"lead", "head", "command", "chair", "run"} and tok.tag_ == "VBN" and tok.dep_ in {"acl", "relcl"}:
            # "the government led by X", "a council headed by X"
            body = res.key_of(tok.head)
            agent = next((c for c in tok.children if c.dep_ == "agent"), None)
            leader = next((res.key_of(c) for c in agent.children if c.dep_ == "pobj"), None) if agent else None
            if body and leader and res.type_of(leader) == EntityType.PERSON and res.type_of(body) in _BODIES:
                found.append(Relation(leader, RelationLabel.LEADER_OF, body, (presupposed(tok, res),)))
        if tok.pos_ in {"NOUN", "PROPN"} and res.head_keys.get(tok.i) and \
                res.type_of(res.head_keys[tok.i]) in {EntityType.GOVERNMENT, EntityType.ORGANIZATION}:
            # "the Coalition's General Assembly", "the General Assembly of the Coalition": a part of it
            part = res.head_keys[tok.i]
            owners = [c for c in tok.children if c.dep_ == "poss"] + [
                o for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
            for owner in owners:
                whole = res.key_of(owner)
                if whole and whole != part and res.type_of(whole) in _BODIES:
                    found.append(Relation(part, RelationLabel.PART_OF, whole, (presupposed(tok, res),)))
        found += _body_in_place(tok, res) + _works_at(tok, res) + _party_member(tok, res) + _member_by_verb(tok, res)
        found += _people_in_place(tok, res)
        if lemma in _PART_NOUNS and tok.pos_ == "NOUN":
            # "the KNLA, the armed wing of the Karen National Union", "Nusra Front, al-Qaeda's Syrian affiliate",
            # and without commas "Syria's Al-Qaeda affiliate the Al-Nusra Front"
            parts = [c for c in tok.children if c.dep_ == "appos"]
            if tok.dep_ in {"appos", "compound"}:
                parts.append(tok.head)
            elif tok.dep_ == "attr":
                parts += [c for c in tok.head.children if c.dep_ == "nsubj"]
            owners = [c for c in tok.children if c.dep_ in {"poss", "compound"}] + [
                o for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
            for part_tok in parts:
                piece = res.key_of(part_tok)
                for owner in owners:
                    whole = res.key_of(owner)
                    if piece and whole and whole != piece and res.type_of(piece) in {
                            EntityType.ORGANIZATION, EntityType.GOVERNMENT} and res.type_of(whole) in _BODIES - {
                            EntityType.COUNTRY}:
                        found.append(Relation(piece, RelationLabel.PART_OF, whole, (presupposed(tok, res),)))
        if lemma in {"headquarter", "headquartered"} and tok.tag_ == "VBN":
            who = res.key_of(tok.head)
            for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "in"):
                for obj in prep.children:
                    where = res.key_of(obj)
                    if who and where and res.type_of(where) in {EntityType.PLACE, EntityType.COUNTRY}:
                        found.append(Relation(who, RelationLabel.BASED_IN, where, (presupposed(tok, res),)))
        if tok.text.endswith("-based") or (tok.lower_ == "based" and tok.i > 1 and doc[tok.i - 1].text == "-"):
            place_tok = doc[tok.i - 2] if tok.lower_ == "based" else None
            where = res.key_of(place_tok) if place_tok is not None else None
            who = res.key_of(tok.head)
            if who and where:
                found.append(Relation(who, RelationLabel.BASED_IN, where, (presupposed(tok, res),)))
    return found + reporters_of_the_outlet(doc, res)


#: nouns that make an organization a part of another: "the armed wing of", "al-Qaeda's affiliate"
_PART_NOUNS = {"wing", "affiliate", "branch", "arm", "offshoot", "faction", "franchise", "unit", "division",
               "subsidiary", "chapter", "cell"}


#: the people a group of members of a body is counted in
_SERVING = {"soldier", "officer", "troop", "member", "official", "diplomat", "fighter", "conscript", "policeman",
            "guard", "employee", "staff", "lawmaker", "deputy"}


#: what a description says someone does for a body named after "at", "with" or "for" ("a political scientist at
#: X", "a reporter for X"); "of" counts only after the words of membership ("a founder of X")
_MEMBER_OF_WORDS = {"member", "founder", "co-founder", "employee", "staff", "official", "officer", "reporter",
                    "correspondent", "editor", "researcher", "analyst", "fellow", "director", "head", "chief"}
_NOT_MEMBERS = {"critic", "opponent", "enemy", "friend", "victim", "ally", "son", "daughter", "wife", "husband",
                "guest", "visitor", "client", "prisoner", "hostage", "target", "rival", "supporter"}


def _works_at(tok: Token, res: Resolution) -> list[Relation]:
    """"X, a political scientist at the University of Y", "X, a reporter for the Z weekly": X works for it."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() in _NOT_MEMBERS or tok.dep_ not in {"appos", "attr"}:
        return []
    person = _described(tok, res)
    if person is None or res.type_of(person) != EntityType.PERSON:
        return []
    preps = {"at", "with", "for"} | ({"of"} if tok.lemma_.lower() in _MEMBER_OF_WORDS else set())
    return [Relation(person, RelationLabel.MEMBER_OF, body, (presupposed(tok, res),))
            for prep in preps for body in _pobj_keys(tok, prep, res)
            if body and body != person and res.type_of(body) in {EntityType.ORGANIZATION, EntityType.MEDIA}]


#: verbs that take someone out of a body he was in ("was expelled from the party", "resigned from the cabinet",
#: "quit the party"), or that say he is in it ("belongs to the Khalq wing")
_OUT_OF = {"expel", "dismiss", "remove", "oust", "purge", "suspend", "discharge", "sack", "drum", "kick", "throw",
           "resign", "retire", "quit", "withdraw"}
_QUITTING = {"resign", "retire", "quit", "withdraw"}


def _member_by_verb(tok: Token, res: Resolution) -> list[Relation]:
    """"X was expelled from the Party", "X resigned from the cabinet", "X quit the party", "X belongs to the Y":
    X was (or is) a member of that body. Only for persons and named bodies, never a place ("expelled from
    London") or a country."""
    lemma = tok.lemma_.lower()
    if tok.pos_ != "VERB" or lemma not in _OUT_OF | {"belong"}:
        return []
    if lemma in _QUITTING | {"belong"}:
        who = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if who is not None and who.lower_ in {"who", "that"} and tok.dep_ == "relcl":
            who = tok.head
    else:
        who = next((c for c in tok.children if c.dep_ in {"nsubjpass", "dobj"}), None)
    person = res.key_of(who) if who is not None else None
    if person is None or res.type_of(person) != EntityType.PERSON:
        return []
    preps = {"to"} if lemma == "belong" else {"from"}
    objects = [o for c in tok.children if c.dep_ == "prep" and c.lower_ in preps for o in c.children
               if o.dep_ == "pobj"]
    # "the Khalq wing of the ruling party": a member of the party too
    objects += [o for obj in objects if obj.lemma_.lower() in _PART_NOUNS for o in _pobj_tokens(obj, "of")]
    bodies = [res.key_of(o) for o in objects]
    if lemma == "quit":
        bodies += [res.key_of(c) for c in tok.children if c.dep_ == "dobj"]
    return [Relation(person, RelationLabel.MEMBER_OF, body, (presupposed(tok, res),)) for body in bodies
            if body and body != person and res.type_of(body) in {EntityType.ORGANIZATION, EntityType.GOVERNMENT}]


#: titles of elected members, which a party adjective before them makes members of that party
_ELECTED = {"mp", "mps", "senator", "lawmaker", "legislator", "deputy", "councillor", "councilor", "congressman",
            "congresswoman", "backbencher", "member", "parliamentarian", "candidate", "leader", "minister"}


def _party_member(tok: Token, res: Resolution) -> list[Relation]:
    """"Conservative MP X", "the Labor senator X": a member of the party the article names for that adjective
    ("the Conservatives", "the Labor Party")."""
    person = res.head_keys.get(tok.i) if tok.pos_ == "PROPN" else None
    if person is None or res.type_of(person) != EntityType.PERSON:
        return []
    title = next((t for t in reversed(tok.doc[max(0, tok.i - 6):tok.i]) if t.lower_ in _ELECTED), None)
    if title is None or any(t.is_punct for t in tok.doc[title.i:tok.i]):
        return []
    out = []
    for word in (t for t in tok.doc[max(0, title.i - 2):title.i] if t.text[:1].isupper() and t.is_alpha):
        stem = word.lower_
        for key, entity in res.entities.items():
            names = [n.lower() for n in (entity.label, *entity.names)]
            if entity.type == EntityType.ORGANIZATION and any(
                    n in {f"{stem}s", f"the {stem}s", f"{stem} party", f"the {stem} party"} for n in names):
                out.append(Relation(person, RelationLabel.MEMBER_OF, key, (presupposed(tok, res),)))
                break
    return out


def _body_in_place(tok: Token, res: Resolution) -> list[Relation]:
    """A body named with the town it sits in: "Ruritania's embassy in Zenda" is located in Zenda (a state
    office or a mission lies in a place), "the 12th Battalion in Zenda" is based in it (a force works there)."""
    body = res.head_keys.get(tok.i) if tok.pos_ in {"NOUN", "PROPN"} else None
    kind = res.type_of(body)
    if body is None or kind not in {EntityType.GOVERNMENT, EntityType.ORGANIZATION}:
        return []
    if in_byline(tok):
        return []  # "By Samer Haddad in Zenda": a reporter taken for a body
    words = set(res.entities[body].label.lower().replace("-", " ").split())
    seated = not words & _UNITS and (kind == EntityType.GOVERNMENT or bool(words & _SEATS))
    label = RelationLabel.LOCATED_IN if seated else RelationLabel.BASED_IN
    out: list[Relation] = []
    for where in _pobj_keys(tok, "in", res):
        if where and where != body and res.type_of(where) == EntityType.PLACE:
            out.append(Relation(body, label, where, (presupposed(tok, res),)))
    return out


def _people_in_place(tok: Token, res: Resolution) -> list[Relation]:
    """"Western diplomats in Kinshasa", "an official in Damascus", "police officers there" told with the town,
    and a reporter's credit "By X in Baku" / "From X in Kigali": they are based in that place."""
    who = res.head_keys.get(tok.i) if tok.pos_ in {"NOUN", "PROPN"} else None
    if who is None or res.type_of(who) not in {EntityType.PERSON, EntityType.GROUP}:
        return []
    if tok.dep_ == "pobj" and tok.head.lower_ in {"by", "from"} and tok.head.dep_ != "agent" and \
            tok.head.head.i == tok.head.i and tok.sent.start == tok.head.i:
        pass  # "From X in Kigali" / "By X in Baku": a credit line of its own
    elif tok.dep_ == "pobj":
        return []  # "talks with diplomats in X" may be where they met, not where they are
    out: list[Relation] = []
    for where in _pobj_keys(tok, "in", res):
        if where and where != who and res.type_of(where) == EntityType.PLACE:
            out.append(Relation(who, RelationLabel.BASED_IN, where, (presupposed(tok, res),)))
    return out


#: bodies that are premises in a place rather than forces based there: "the Ruritanian consulate in Zenda"
_SEATS = {"embassy", "consulate", "commission", "mission", "court", "ministry"}
#: armed units, based in a place even when they are the state's: "the 4th Division in Zenda"
_UNITS = {"army", "division", "brigade", "battalion", "regiment", "corps", "company", "unit", "garrison"}


def _pobj_tokens(tok: Token, prep: str) -> list[Token]:
    return [o for c in tok.children if c.dep_ == "prep" and c.lower_ == prep for o in c.children if o.dep_ == "pobj"]


def _pobj_keys(tok: Token, prep: str, res: Resolution) -> list[str | None]:
    return [res.key_of(o) for o in _pobj_tokens(tok, prep)]


def relations_from_events(events: list[Event]) -> list[Relation]:
    """appointed_by from appointments with an initiator."""
    out: list[Relation] = []
    for event in events:
        person, initiator = event.participant("affectedPerson"), event.participant("initiator")
        if event.kind == EventKind.APPOINTMENT and person and initiator:
            out.append(Relation(person, RelationLabel.APPOINTED_BY, initiator, event.claims))
    return out


def replacements(doc: Doc, res: Resolution) -> list[Relation]:
    """"Y replaced X", "X was replaced by Y", "Y, who replaces X": X replaced_by Y."""
    out: list[Relation] = []
    for tok in tokens(doc):
        if tok.lemma_.lower() not in {"replace", "succeed"} or tok.pos_ != "VERB":
            continue
        new = old = None
        if any(c.dep_ == "nsubjpass" for c in tok.children):
            old = res.key_of(next(c for c in tok.children if c.dep_ == "nsubjpass"))
            agent = next((c for c in tok.children if c.dep_ == "agent"), None)
            if agent is not None:
                new = next((res.key_of(c) for c in agent.children if c.dep_ == "pobj"), None)
        else:
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.lower_ in {"who", "that"} and tok.dep_ == "relcl":
                subj = tok.head
            if subj is None and tok.dep_ in {"xcomp", "advcl"} and tok.head.pos_ == "VERB":
                # "named X to succeed him", "appointed X as chief of staff, succeeding Y": the one named
                # succeeds; otherwise the main verb's subject does
                main = tok.head
                subj = next((c for c in main.children if c.dep_ in {"dobj", "oprd"}), None) if \
                    main.lemma_.lower() in cue_words("appointment_verbs") else None
                subj = subj or next((c for c in main.children if c.dep_ == "nsubj"), None)
            new = res.key_of(subj) if subj is not None else None
            old = next((res.key_of(c) for c in tok.children if c.dep_ == "dobj"), None)
        appointer = next((res.key_of(c) for c in tok.head.children if c.dep_ == "nsubj"), None) if \
            tok.dep_ in {"xcomp", "advcl"} else None
        if old is not None and old == appointer:
            continue  # "X named Y to succeed him": he is rarely X; better no fact than a wrong one
        if new and old and new != old and res.type_of(new) == res.type_of(old) == EntityType.PERSON:
            out.append(Relation(old, RelationLabel.REPLACED_BY, new, (attribute(tok, res),)))
    return out
