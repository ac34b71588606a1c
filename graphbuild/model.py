"""The typed hand-offs between stages: articles in, mentions, entities and facts with their claims out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class EntityType(StrEnum):
    """Closed set of entity kinds; each maps to one class of the contract."""

    PERSON = "Person"
    REGIME = "Regime"
    GOVERNMENT = "Government"
    ORGANIZATION = "Organization"
    MEDIA = "Media"
    COUNTRY = "Country"
    PLACE = "Place"
    GROUP = "Group"


class Certainty(StrEnum):
    """How sure a source is of a fact (FactBank's values, coarsened)."""

    CONFIRMED = "confirmed"
    CLAIMED = "claimed"
    UNCONFIRMED = "unconfirmed"
    DENIED = "denied"
    HYPOTHETICAL = "hypothetical"


class EventKind(StrEnum):
    """Kinds of events extracted with their participants."""

    DEFECTION = "Defection"
    APPOINTMENT = "Appointment"
    DISMISSAL = "Dismissal"
    RESIGNATION = "Resignation"
    ARREST = "Arrest"


class RelationLabel(StrEnum):
    """Entity-to-entity relations; each maps to one shortcut property."""

    LEADER_OF = "leader_of"
    MEMBER_OF = "member_of"
    SPOKESPERSON_FOR = "spokesperson_for"
    CONFIDANT_OF = "confidant_of"
    CHILD_OF = "child_of"
    RELATIVE_OF = "relative_of"
    BASED_IN = "based_in"
    LOCATED_IN = "located_in"
    PART_OF = "part_of"
    GOVERNS = "governs"
    APPOINTED_BY = "appointed_by"
    REPLACED_BY = "replaced_by"
    DEFECTED_FROM = "defected_from"
    DEFECTED_TO = "defected_to"


@dataclass(frozen=True, slots=True)
class Article:
    """One news article: its exact text and what is known about it.

    ``published`` anchors relative dates; ``published_source`` says where it came from
    ("option", "metadata", "text" or "none").
    """

    doc_id: str
    text: str
    title: str = ""
    published: dt.date | None = None
    published_source: str = "none"
    outlet: str = ""
    url: str = ""


@dataclass(frozen=True, slots=True)
class TextSpan:
    """Character offsets [start, end) into ``Article.text`` (code points)."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Mention:
    """A phrase of the text that names or describes an entity."""

    span: TextSpan
    text: str
    type: EntityType
    sentence: int
    key: str = ""  # the entity key after resolution


@dataclass(frozen=True, slots=True)
class Entity:
    """One entity of an article: a stable key, a display name and every phrase used for it."""

    key: str
    type: EntityType
    label: str
    names: tuple[str, ...]
    mentions: tuple[TextSpan, ...] = ()


@dataclass(frozen=True, slots=True)
class TimeBounds:
    """A normalized time: inclusive earliest and latest days, the phrase and its granularity."""

    earliest: dt.date | None
    latest: dt.date | None
    text: str = ""
    granularity: str = ""
    span: TextSpan | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """One source's stance on a fact: who, how sure, in which sentence, with which cue."""

    sources: tuple[str, ...]  # entity keys; empty = the article's own voice
    certainty: Certainty
    sentence: TextSpan
    cue: TextSpan | None = None
    on_behalf_of: tuple[str, ...] = ()
    conditional: bool = False


@dataclass(frozen=True, slots=True)
class Event:
    """An event with its participants by role (``defector``, ``leftOrganization``, ...)."""

    kind: EventKind
    participants: tuple[tuple[str, str], ...]  # (role, entity key), sorted
    claims: tuple[Claim, ...]
    time: TimeBounds | None = None

    def participant(self, role: str) -> str | None:
        """The entity key playing ``role``, or None."""
        for r, key in self.participants:
            if r == role:
                return key
        return None


@dataclass(frozen=True, slots=True)
class Role:
    """A person holds or held a role ("ambassador", "brigadier general"), in an organization."""

    person: str
    role: str
    organization: str | None
    claims: tuple[Claim, ...]
    current: bool = True
    post_label: str = ""
    rank: bool = False


@dataclass(frozen=True, slots=True)
class Relation:
    """A binary relation between two entities, with the claims that support it."""

    subject: str
    label: RelationLabel
    object: str
    claims: tuple[Claim, ...]


@dataclass(frozen=True, slots=True)
class ArticleFacts:
    """Everything extracted from one article, ready for the RDF stage."""

    article: Article
    sentences: tuple[TextSpan, ...]
    entities: tuple[Entity, ...]
    events: tuple[Event, ...] = ()
    roles: tuple[Role, ...] = ()
    relations: tuple[Relation, ...] = ()
    mentions: tuple[Mention, ...] = field(default=())
