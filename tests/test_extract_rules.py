"""Extraction rules on several wordings each (real spaCy pipeline, short texts of our own)."""

import pytest

from graphbuild.extract.attribution import overall_certainty
from graphbuild.model import Certainty, EventKind


def _defections(facts, labels):
    return [(labels[e.participant("defector")], overall_certainty(e.claims), e)
            for e in facts.events if e.kind == EventKind.DEFECTION]


@pytest.mark.parametrize("text", [
    "General Omar Haddad has defected to Jordan, the Jordanian government said on Monday.",
    "Ambassador Karim Mansour defected to Turkey on Tuesday, officials said.",
])
def test_events_defection_with_destination(facts_of, text):
    facts, labels = facts_of(text)
    found = _defections(facts, labels)
    assert len(found) == 1
    event = found[0][2]
    assert labels[event.participant("destination")] in {"Jordan", "Turkey"}


@pytest.mark.parametrize("text", [
    "The foreign ministry denied that ambassador Karim Mansour had defected.",
    "Officials denied reports that General Omar Haddad defected to Jordan.",
])
def test_events_denied_defection(facts_of, text):
    facts, labels = facts_of(text)
    (found,) = _defections(facts, labels)
    assert found[1] == Certainty.DENIED


@pytest.mark.parametrize("text", [
    "President Ali Kamal sacked Defence Minister Omar Haddad on Sunday.",
    "Defence Minister Omar Haddad was dismissed by President Ali Kamal.",
])
def test_events_sacking_is_not_defection(facts_of, text):
    facts, labels = facts_of(text)
    assert not _defections(facts, labels)
    assert any(e.kind == EventKind.DISMISSAL for e in facts.events)


@pytest.mark.parametrize("text", [
    "Thousands of soldiers have deserted and joined the rebels.",
    "Dozens of officers deserted last month and joined the rebels.",
])
def test_events_group_desertion(facts_of, text):
    facts, labels = facts_of(text)
    (found,) = _defections(facts, labels)
    assert "rebels" in labels[found[2].participant("joinedOrganization")]


@pytest.mark.parametrize("text", [
    "Activists hoped his departure would encourage other officials to defect.",
    "Western diplomats hope other ministers will defect.",
])
def test_events_hypothetical(facts_of, text):
    facts, labels = facts_of(text)
    (found,) = _defections(facts, labels)
    assert found[1] == Certainty.HYPOTHETICAL


@pytest.mark.parametrize(("text", "certainty"), [
    ("Colonel Sami Rifai has defected, according to the Free Officers Movement.", Certainty.CLAIMED),
    ("Colonel Sami Rifai has reportedly defected.", Certainty.UNCONFIRMED),
    ("Colonel Sami Rifai has defected, the Jordanian government confirmed.", Certainty.CONFIRMED),
])
def test_attribution_certainty(facts_of, text, certainty):
    facts, labels = facts_of(text)
    (found,) = _defections(facts, labels)
    assert found[1] == certainty


@pytest.mark.parametrize(("text", "role", "org"), [
    ("White House spokesman Jay Carney said the talks failed.", "spokesman", "White House"),
    ("Khaled Khoja, a member of the Syrian National Council, spoke.", "member", "Syrian National Council"),
])
def test_roles_titles_and_appositions(facts_of, text, role, org):
    facts, labels = facts_of(text)
    assert any(r.role == role and labels.get(r.organization) == org for r in facts.roles)


@pytest.mark.parametrize("text", [
    "Brig. Gen. Manaf Tlass, an Assad confidant, left.",
    "Maj. Gen. Adel Nour, a close aide to President Rami Saleh, spoke.",
])
def test_relations_confidant_and_rank_not_sentence_break(facts_of, text):
    facts, _labels = facts_of(text)
    assert len(facts.sentences) == 1
    assert any(r.label.value == "confidant_of" for r in facts.relations)
    assert any(r.role.endswith("general") for r in facts.roles)
