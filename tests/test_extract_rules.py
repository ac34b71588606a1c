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


@pytest.mark.parametrize("text", [
    "Thousands of civilians fled the regime's bombardment to Turkey.",
    "Residents abandoned the town as government forces advanced.",
    "Many refugees have sought asylum in Europe.",
    "General Omar Haddad left the army in 2017 and now runs a business.",
])
def test_events_fleeing_civilians_and_retirement_are_not_defections(facts_of, text):
    facts, labels = facts_of(text)
    assert not _defections(facts, labels)


@pytest.mark.parametrize(("text", "left"), [
    ("A former army officer defected from the loyalist army to join opposition forces.", "loyalist army"),
    ("A Myanmar army major has defected to the rebels.", "Myanmar army"),
    ("Mass defections from the Syrian army fueled the rebellion.", "Syrian army"),
])
def test_events_defection_from_an_army(facts_of, text, left):
    facts, labels = facts_of(text)
    (found,) = _defections(facts, labels)
    assert labels[found[2].participant("leftOrganization")] == left


@pytest.mark.parametrize("text", [
    "Colonel Sami Rifai has defected to Turkey with 11 of his soldiers.",
    "Colonel Sami Rifai defected with two of his officers, the ministry said.",
])
def test_events_companions_defect_too(facts_of, text):
    facts, labels = facts_of(text)
    assert len(_defections(facts, labels)) == 2


@pytest.mark.parametrize(("text", "certainty"), [
    ("Colonel Sami Rifai has defected, Jordan's foreign ministry said.", Certainty.CONFIRMED),
    ("Colonel Sami Rifai has defected, an opposition activist said.", Certainty.CLAIMED),
    ("Colonel Sami Rifai has defected, according to an armed group.", Certainty.CLAIMED),
])
def test_attribution_authority_confirms(facts_of, text, certainty):
    facts, labels = facts_of(text)
    (found,) = _defections(facts, labels)
    assert found[1] == certainty


@pytest.mark.parametrize(("text", "regime"), [
    ("General Omar Haddad defected from President Ali Kamal's government.", "Kamal regime"),
    ("General Omar Haddad has abandoned the Kamal regime.", "Kamal regime"),
])
def test_events_leader_named_government_is_a_regime(facts_of, text, regime):
    facts, labels = facts_of(text)
    (found,) = _defections(facts, labels)
    assert labels[found[2].participant("leftOrganization")] == regime


@pytest.mark.parametrize(("text", "person", "role"), [
    ("President Ali Kamal appointed Omar Haddad as vice-president.", "Omar Haddad", "vice-president"),
    ("The council named Hana Saleh as the new defence minister.", "Hana Saleh", "defence minister"),
    ("Major General Adel Nour spoke to reporters.", "Adel Nour", "major general"),
])
def test_roles_from_appointments_and_titles(facts_of, text, person, role):
    facts, labels = facts_of(text)
    assert any(labels[r.person] == person and r.role == role for r in facts.roles)


@pytest.mark.parametrize(("text", "subject", "label", "obj"), [
    ("The Baath regime led by President Ali Kamal responded.", "Ali Kamal", "leader_of", "Baath regime"),
    ("The Syrian Coalition's General Assembly met on Monday.", "General Assembly", "part_of", "Syrian Coalition"),
    ("The Free Officers Movement, headquartered in Istanbul, agreed.", "Free Officers Movement", "based_in",
     "Istanbul"),
])
def test_relations_led_by_and_parts(facts_of, text, subject, label, obj):
    facts, labels = facts_of(text)
    found = {(labels[r.subject], r.label.value, labels[r.object]) for r in facts.relations}
    assert (subject, label, obj) in found
