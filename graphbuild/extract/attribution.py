"""Who says a fact and how sure: reporting verbs, "according to", quotes, hedges, denials, modals."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from graphbuild.extract.lexicons import countries, cue_words
from graphbuild.model import Certainty, Claim, EntityType, TextSpan
from graphbuild.resolve.coref import Resolution, state_force

_MODALS_HYPOTHETICAL = {"would", "could", "might", "may", "will", "should", "'d", "wo", "ca"}
#: speakers who speak for the state whose demonym they carry
_STATE_SPEAKERS = {"official", "minister", "ministry", "authority", "spokesman", "spokeswoman", "spokesperson",
                   "ambassador", "envoy", "diplomat", "government", "president", "premier"}
_ASCEND = {"ccomp", "xcomp", "dobj", "pobj", "prep", "acl", "relcl", "attr", "advcl", "conj", "parataxis",
           "nsubj", "nsubjpass", "appos", "npadvmod", "oprd", "pcomp", "acomp"}


def sentence_span(sent: Span) -> TextSpan:
    """Character offsets of a sentence without surrounding whitespace."""
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    return TextSpan(start, start + len(text.strip()))


def _token_span(tok: Token) -> TextSpan:
    return TextSpan(tok.idx, tok.idx + len(tok.text))


def _phrase_span(sent: Span, phrase: str) -> TextSpan | None:
    low = sent.text.lower()
    at = low.find(phrase)
    if at < 0:
        return None
    return TextSpan(sent.start_char + at, sent.start_char + at + len(phrase))


def _hedge(sent: Span) -> TextSpan | None:
    low = sent.text.lower()
    for phrase in sorted(cue_words("hedge_phrases"), key=len, reverse=True):
        at = low.find(phrase)
        if at >= 0 and (at == 0 or not low[at - 1].isalnum()) and (
                at + len(phrase) >= len(low) or not low[at + len(phrase)].isalnum()):
            return TextSpan(sent.start_char + at, sent.start_char + at + len(phrase))
    return None


_CLAIM_NOUNS = {"claim", "claims", "report", "reports", "account", "accounts", "whereabouts", "information",
                "statement", "statements", "allegation", "allegations", "story", "assertion"}


def _following_hedge(sent: Span) -> TextSpan | None:
    """A short next sentence that doubts what this one reports: "The claim could not be independently
    verified.", "Their whereabouts could not be confirmed.", "There was no independent confirmation."."""
    doc = sent.doc
    if sent.end >= len(doc):
        return None
    nxt = doc[sent.end].sent
    if len(nxt) > 20:
        return None
    span = _hedge(nxt)
    if span is None or not any(w in doc.text[span.start:span.end] for w in ("verif", "confirm")):
        return None
    subjects = [c for c in nxt.root.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}]
    if any(c.dep_ == "expl" or c.lower_ in _CLAIM_NOUNS | {"this", "it", "that", "neither", "none"}
           for c in subjects):
        return span
    return None


def temporal_subject(verb: Token) -> Token | None:
    """"... the most senior official to seek refuge since X, then a first secretary at the consulate,
    defected in 2005": the parser took "since" for a preposition and the verb for a clause of its own;
    the noun "since" governs, right before the verb, is its subject."""
    if verb.tag_ not in {"VBD", "VBN"} or any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass"} for c in verb.children):
        return None
    for tok in reversed(verb.doc[verb.sent.start:verb.i]):
        if tok.dep_ == "pobj" and tok.head.lower_ in {"since", "after", "before", "until"} and all(
                t.is_punct or t.i <= tok.right_edge.i or tok.left_edge.i <= t.i <= tok.right_edge.i
                for t in verb.doc[tok.i:verb.i]):
            end = max(t.i for t in tok.subtree)
            if end + 1 == verb.i or (end + 2 == verb.i and verb.doc[end + 1].is_punct):
                return tok
            return None
    return None


def _sacking(verb: Token, node: Token, res: Resolution) -> bool:
    """"dismissed from service a sub-inspector who ...", "dismissed the officer": a dismissal of someone,
    not a denial of what is said about them."""
    return any(c.dep_ == "prep" and c.lower_ == "from" for c in verb.children) or (
        node.dep_ in {"dobj", "nsubjpass"} and res.type_of(res.key_of(node)) in {EntityType.PERSON, EntityType.GROUP})


def denial_by(verb: Token, res: Resolution) -> Claim:
    """The denial a denial verb makes, by its subject: "a claim the government swiftly rejected"."""
    return Claim(tuple(_subjects(verb, res)), Certainty.DENIED, sentence_span(verb.sent), _token_span(verb))


def _subjects(verb: Token, res: Resolution) -> list[str]:
    keys: list[str] = []
    for child in verb.children:
        if child.dep_ == "nsubjpass" and verb.lemma_.lower() != "quote":
            continue  # "X is reported to have fled": X is what is reported, not who reports it
        if child.dep_ == "nsubj" or child.dep_ == "agent" or child.dep_ == "nsubjpass":
            targets = [child]
            if child.dep_ == "agent":
                targets = [c for c in child.children if c.dep_ == "pobj"]
            for tok in targets:
                for t in [tok, *[c for c in tok.conjuncts]]:
                    key = res.key_of(t)
                    if key is None and t.lower_ in {"who", "which", "that"} and verb.dep_ == "relcl":
                        key = res.key_of(verb.head)
                    if key and key not in keys:
                        keys.append(key)
    return keys


def speaks_for(tok: Token, res: Resolution) -> list[str]:
    """Bodies a speaker speaks for: "White House spokesman X", "X, a spokesman for the ministry"."""
    own = res.key_of(tok)
    found: list[str] = []
    words = {t.lower_ for t in tok.subtree}
    # "Jordanian officials", "a Jordanian official source", "the Iraqi foreign minister": the state speaks
    official = (tok.lemma_.lower() in _STATE_SPEAKERS or {"official", "government"} & words) and not (
        words & cue_words("opposition_modifiers"))
    for t in tok.subtree:
        key = res.key_of(t)
        if res.type_of(key) == EntityType.COUNTRY and not official and (
                t.dep_ == "amod" or words & cue_words("opposition_modifiers")):
            continue  # "a Syrian opposition figure": a nationality, not a mandate
        if key and key != own and res.type_of(key) in {EntityType.GOVERNMENT, EntityType.ORGANIZATION,
                                                         EntityType.COUNTRY, EntityType.REGIME,
                                                         EntityType.MEDIA} and key not in found:
            if t.i < tok.i or any(a.lemma_.lower() in cue_words("spokes_titles") | {"member", "official"}
                                  for a in t.ancestors if a.i in {x.i for x in tok.subtree}):
                found.append(key)
    return found


def _state_authority(key: str, res: Resolution) -> bool:
    """A state, its regime or a state body. Forces named by a people or a region that is no state
    ("Tigrayan forces", "Kurdish forces") speak for a side, not for a state.

    Their word is a claim, not a confirmation."""
    etype = res.type_of(key)
    if etype in {EntityType.COUNTRY, EntityType.REGIME}:
        return True
    if etype == EntityType.ORGANIZATION and state_force(res.entities[key].label):
        return True  # "the Royal Thai Navy", "the Lao People's Army"
    if etype != EntityType.GOVERNMENT:
        return False
    words = res.entities[key].label.split()[:-1]
    return not any(w[:1].isupper() and w.isalpha() and w.lower() not in countries()
                   and w.lower() not in cue_words("state_modifiers") for w in words)


def _office_holder(key: str, res: Resolution) -> bool:
    """A person the article names by a serving state office ("the deputy foreign minister", "Ambassador
    X"), not a former one and not an opposition post: when they say so, the state says so."""
    if res.type_of(key) != EntityType.PERSON:
        return False
    offices = {"minister", "ministry", "ambassador", "envoy", "president", "premier", "governor", "chancellor"}
    barred = cue_words("former_words") | cue_words("opposition_modifiers") | {"shadow", "candidate"}
    for name in res.entities[key].names:
        words = set(re.findall(r"[\w'-]+", name.lower()))
        owner = re.search(r"(\w+)['’]s\b", name.lower())
        if owner and owner.group(1) not in countries() and owner.group(1) not in cue_words("state_modifiers"):
            continue  # "the movement's president" holds no state office
        if words & offices and not words & barred:
            return True
    return False


def _according_to(sent: Span, res: Resolution) -> tuple[list[str], TextSpan] | None:
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            to = tok.doc[tok.i + 1]
            objs = [c for c in to.children if c.dep_ == "pobj"] or [c for c in tok.children if c.dep_ == "pobj"]
            keys = [k for o in objs for k in [res.key_of(o)] if k]
            if keys:
                return keys, TextSpan(tok.idx, to.idx + len(to.text))
    return None


def _trailing_report(trigger: Token, res: Resolution) -> tuple[Token, list[str]] | None:
    """"... to join opposition forces the observatory said.": a reporting clause closing the sentence
    after the fact, which the parser hung on the last noun when the text lost its commas."""
    sent = trigger.sent
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    if not words or words[-1].i <= trigger.i:
        return None
    verb = words[-1]
    reports = [t for t in words if t.i > trigger.i and t.lemma_.lower() in cue_words("reporting_verbs")
               and t.pos_ in {"VERB", "AUX"}]
    if reports and verb.lemma_.lower() not in cue_words("reporting_verbs"):
        # "... the spokesman said on Wednesday.", "... he told Reuters": only the verb's own words follow it
        last = reports[-1]
        inside = {t.i for t in last.subtree}
        if all(t.i in inside for t in words if t.i > last.i) and not any(
                c.dep_ in {"ccomp", "xcomp"} for c in last.children):
            verb = last
    if verb.lemma_.lower() not in cue_words("reporting_verbs") or verb.pos_ not in {"VERB", "AUX"} or any(
            c.dep_ in {"ccomp", "xcomp"} or (c.dep_ == "dobj" and not res.key_of(c)) for c in verb.children):
        return None
    if not any(c.dep_ == "nsubj" for c in verb.children):
        # ", a spokesman for the rebels said." with the speaker hung elsewhere: the phrase right before
        start = verb.i
        while start > sent.start and not sent.doc[start - 1].is_punct and verb.i - start < 10:
            start -= 1
        first = next((t for t in sent.doc[start:verb.i] if res.key_of(t)), None)
        if first is None or start == verb.i or res.type_of(res.key_of(first)) not in {
                EntityType.PERSON, EntityType.GROUP, EntityType.ORGANIZATION, EntityType.GOVERNMENT,
                EntityType.MEDIA}:
            return None
        key = res.key_of(first)
        assert key is not None
        return verb, [key]
    return verb, _subjects(verb, res)


def attribute(trigger: Token, res: Resolution, *, headline: bool = False) -> Claim:
    """The claim a sentence makes about the fact anchored at ``trigger``.

    Precedence: a negated trigger or a denial verb gives *denied*; a modal or a wish ("hoped ...
    would") *hypothetical*; a hedge ("if confirmed", "reportedly", "no confirmation")
    *unconfirmed*; a confirming verb *confirmed*; a reporting verb or a quote *claimed*; the outlet's
    own unhedged voice *confirmed*.
    """
    sent = trigger.sent
    where = sentence_span(sent)
    sources: list[str] = []
    behalf: list[str] = []
    cue: TextSpan | None = None
    certainty: Certainty | None = None
    hedge = _hedge(sent) or _following_hedge(sent)

    negated = any(c.dep_ == "neg" for c in trigger.children) or any(
        c.dep_ == "neg" for c in trigger.head.children if trigger.dep_ in {"xcomp", "attr", "acomp", "dobj"}
        and trigger.head.lemma_ in {"be", "have"})
    modal = any(c.lower_ in _MODALS_HYPOTHETICAL and c.dep_ == "aux" for c in trigger.children)
    conditional = any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in trigger.children)

    # "would be the most senior diplomat to defect since X fled in 2016": a temporal clause tells what
    # happened before, in the outlet's voice; the main clause's modal, condition or hedge is not about it
    # ("since" + a past verb; "after"/"before" only with a date: "would follow after X defected" is to come)
    mark = next((c.lower_ for c in trigger.children if c.dep_ == "mark"), "")
    background = (trigger.dep_ == "advcl" and trigger.tag_ in {"VBD", "VBN"} and (mark == "since" or (
        mark in {"after", "before"} and any(t.ent_type_ == "DATE" for t in trigger.subtree)))) or (
        temporal_subject(trigger) is not None)  # "... since X, then a first secretary, defected in 2005"
    if background and hedge is not None:
        inside = trigger.doc[trigger.left_edge.i:trigger.right_edge.i + 1]
        if not inside.start_char <= hedge.start < inside.end_char:
            hedge = None
    node = trigger
    steps = 0
    while node.dep_ in _ASCEND and node.head is not node and steps < 12:
        parent = node.head
        lemma = parent.lemma_.lower()
        steps += 1
        if lemma in cue_words("denial_verbs") and parent.pos_ == "VERB" and not _sacking(parent, node, res):
            # "would neither confirm nor deny that ...", "did not deny": no denial, and no confirmation either
            undecided = any(c.dep_ in {"neg", "preconj"} or c.lower_ in {"neither", "nor"} for c in parent.children) \
                or any(t.lower_ in {"neither", "nor"} for t in parent.doc[max(parent.sent.start, parent.i - 4):parent.i])
            certainty = Certainty.UNCONFIRMED if undecided else Certainty.DENIED
            sources = [] if undecided else _subjects(parent, res)
            cue = _token_span(parent)
            break
        if (lemma == "wait" and node.dep_ == "prep") or (
                lemma in {"ready", "prepared", "poised", "willing", "eager"} and node.dep_ == "xcomp"):
            # "are waiting for the right moment to defect", "are ready to defect": not yet (unless denied above)
            certainty = Certainty.HYPOTHETICAL
            cue = _token_span(parent)
        if lemma in cue_words("hypothetical_verbs") and parent.pos_ == "VERB" and node.dep_ in {
                "ccomp", "xcomp", "dobj"} and not any(c.dep_ == "auxpass" for c in parent.children):
            # "are considering leaving" is still to come; "were considered to have deserted" is how they are seen
            certainty = Certainty.HYPOTHETICAL
            sources = _subjects(parent, res)
            cue = _token_span(parent)
            if sources:
                break
        if lemma in cue_words("reporting_verbs") and parent.pos_ in {"VERB", "AUX"}:
            subj = [c for c in parent.children if c.dep_ in {"nsubj", "nsubjpass"}]
            sources = _subjects(parent, res)
            for s in subj:
                behalf += [k for k in speaks_for(s, res) if k not in sources]
            cue = _token_span(parent)
            if certainty == Certainty.HYPOTHETICAL:
                break
            if any(c.dep_ == "neg" for c in parent.children):
                # "would not confirm", "would not say whether he had asked for asylum": left open
                certainty = Certainty.UNCONFIRMED if lemma in cue_words("confirm_verbs") or any(
                    c.dep_ == "mark" and c.lower_ == "whether" for c in node.children) else Certainty.CLAIMED
            elif lemma in cue_words("confirm_verbs") and (lemma != "announce" or any(
                    _state_authority(k, res) or _office_holder(k, res) for k in [*sources, *behalf])):
                certainty = Certainty.CONFIRMED  # an exile group "announcing" a defection only claims it
            else:
                certainty = Certainty.CLAIMED
            denier = parent.head.head if parent.dep_ == "acl" and parent.head.dep_ in {"dobj", "nsubjpass"} else None
            if denier is not None and denier.pos_ == "VERB" and denier.lemma_.lower() in cue_words("denial_verbs") \
                    and not any(c.dep_ == "neg" for c in denier.children):
                # "denies posts saying that X had gone over": the report is denied
                certainty, sources, cue = Certainty.DENIED, _subjects(denier, res), _token_span(denier)
            break
        if any(c.dep_ == "aux" and c.lower_ in _MODALS_HYPOTHETICAL for c in parent.children) and (
                node.dep_ in {"attr", "acl", "relcl", "xcomp"} or (node.dep_ == "advcl" and any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in node.children))):
            modal = True
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in parent.children):
            conditional = True
        node = parent
    if background:  # a report still covers it ("..., officials said"); a modal or a wish does not
        modal = conditional = False
        if certainty == Certainty.HYPOTHETICAL:
            certainty, sources, cue = None, [], None
    if not sources and certainty is None and steps < 12:
        tail = _trailing_report(trigger, res)
        if tail is not None:
            verb, sources = tail
            subj = [c for c in verb.children if c.dep_ == "nsubj"]
            behalf += [k for s in subj for k in speaks_for(s, res) if k not in sources]
            cue = _token_span(verb)
            certainty = Certainty.CONFIRMED if verb.lemma_.lower() in cue_words("confirm_verbs") else Certainty.CLAIMED
    if not sources:
        quoted = res.speakers.get(trigger.i)
        if quoted:
            sources = [quoted]
            certainty = certainty or Certainty.CLAIMED
    if not sources:
        found = _according_to(sent, res)
        if found:
            sources, cue = found
            certainty = certainty or Certainty.CLAIMED
        elif certainty is None and re.search(r"\baccording to\b", sent.text, re.I):
            certainty = Certainty.CLAIMED  # a source the text does not name as an entity
    if certainty == Certainty.CLAIMED and any(_state_authority(k, res) or _office_holder(k, res)
                                              for k in [*sources, *behalf]):
        certainty = Certainty.CONFIRMED  # a government or its official says so: a named authority
    label = sent.text.split(":", 1)[0].strip()
    if headline and not sources and ":" in sent.text[:40] and not (label.isupper() or label.lower() in {
            "live", "update", "breaking", "exclusive", "analysis", "watch", "explainer", "opinion"}):  # "LIVE: ..."
        certainty = certainty or Certainty.CLAIMED

    if negated and certainty != Certainty.DENIED:
        certainty = Certainty.DENIED
    elif certainty == Certainty.DENIED:
        pass
    elif hedge is not None and (conditional or modal or certainty != Certainty.HYPOTHETICAL):
        certainty = Certainty.UNCONFIRMED
        cue = cue or hedge
    elif modal or conditional:
        certainty = Certainty.HYPOTHETICAL
    elif certainty is None:
        certainty = Certainty.CONFIRMED
    return Claim(sources=tuple(sources), certainty=certainty, sentence=where, cue=cue,
                 on_behalf_of=tuple(behalf), conditional=certainty == Certainty.HYPOTHETICAL)


def presupposed(anchor: Token, res: Resolution) -> Claim:
    """A description the outlet takes for granted (a title, an apposition, "who is based in"): its own
    voice, confirmed, unless the description itself is negated."""
    negated = any(c.dep_ == "neg" for c in anchor.children) or any(
        c.dep_ == "neg" for c in anchor.head.children if anchor.dep_ in {"attr", "acomp"})
    return Claim((), Certainty.DENIED if negated else Certainty.CONFIRMED, sentence_span(anchor.sent))


def overall_certainty(claims: tuple[Claim, ...] | list[Claim]) -> Certainty:
    """One certainty for a fact from all its claims.

    A source's confirmation wins; then a denial; then an explicit lack of confirmation; then the
    outlet's own voice; then mere claims. Only hypothetical claims: hypothetical.

    >>> from graphbuild.model import TextSpan
    >>> s = TextSpan(0, 1)
    >>> overall_certainty([Claim(("a",), Certainty.CLAIMED, s), Claim((), Certainty.UNCONFIRMED, s)]).value
    'unconfirmed'
    """
    real = [c for c in claims if c.certainty != Certainty.HYPOTHETICAL]
    if not real:
        return Certainty.HYPOTHETICAL
    values = {c.certainty for c in real}
    if any(c.certainty == Certainty.CONFIRMED and c.sources for c in real):
        return Certainty.CONFIRMED
    for value in (Certainty.DENIED, Certainty.UNCONFIRMED, Certainty.CONFIRMED):
        if value in values:
            return value
    return Certainty.CLAIMED
