"""Extraction rules on several wordings each (real spaCy pipeline, short texts of our own)."""

import datetime as dt

import pytest

from graphbuild.extract.attribution import overall_certainty
from graphbuild.model import Certainty, EntityType, EventKind


def _defections(facts, labels):
    return [(labels[e.participant("defector")], overall_certainty(e.claims), e)
            for e in facts.events if e.kind == EventKind.DEFECTION]


def _the_one_defection(facts_of, text, participant):
    """(defector, the label of ``participant``) of the only defection a text tells; fails on none or several."""
    facts, labels = facts_of(text)
    (found,) = _defections(facts, labels)
    return found[0], labels.get(found[2].participant(participant))


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


@pytest.mark.parametrize(("text", "left"), [
    # defection from an army
    ("A former army officer defected from the loyalist army to join opposition forces.", "loyalist army"),
    ("A Myanmar army major has defected to the rebels.", "Myanmar army"),
    ("Mass defections from the Syrian army fueled the rebellion.", "Syrian army"),
    # leader named government is a regime
    ("General Omar Haddad defected from President Ali Kamal's government.", "Kamal regime"),
    ("General Omar Haddad has abandoned the Kamal regime.", "Kamal regime"),
    # the body left is the one that speaks for its men or names them
    ("Rwanda's army has confirmed that one of its most senior officers, Brigadier General Jean Habimana, has "
     "deserted.", "Rwanda's army"),
    ("The movement said a mid-level officer of the State Committee for National Security had deserted and "
     "reached Lithuania.", "State Committee for National Security"),
    # one group told twice is one event with the most specific body
    ("Army denies soldiers deserted\n\nActivists claimed that about 15 soldiers of the 2nd Infantry Regiment "
     "deserted on Tuesday night and crossed into Ghana. The army dismissed the reports as fake news.", "2nd Infantry Regiment"),
    ("Dozens of soldiers deserted their base at the weekend, the rebels said. The rebels said 63 soldiers of "
     "the army's 17th Battalion had joined the ranks of the resistance on Sunday.", "17th Battalion"),
    # soldiers leave their countrys army when the article names it
    ("Fourteen Djiboutian soldiers deserted an outpost at the weekend, the rebels said. The Djiboutian army "
     "did not respond.", "Djiboutian army"),
    ("A captain deserted his post last week, rebels said. The Djiboutian army declined to comment.", "Djiboutian army"),
    # soldiers apposed to the parsers subject keep their unit
    ("According to a rights group, at least 37 soldiers of the 2nd Infantry Battalion, stationed in the south, "
     "abandoned their posts three weeks ago.", "2nd Infantry Battalion"),
    ("A monitoring group, about 20 soldiers of the 5th Infantry Battalion, abandoned their posts last week.", "5th Infantry Battalion"),
    # soldiers from a unit left it
    ("The rebels claimed that about 40 soldiers from the Tessalit Battalion had deserted last week.", "Tessalit Battalion"),
    ("About 40 soldiers from the 3rd Battalion deserted last week, the rebels claimed.", "3rd Battalion"),
    # a garrison named by its town is the unit left
    ("About 40 soldiers from the Tessalit garrison had deserted last week, the rebels said. Mali's army denied "
     "it.", "Tessalit garrison"),
    ("The rebels said that 12 soldiers from the Kidal garrison deserted on Monday. The army denied it.", "Kidal garrison"),
    # a defector leaves the narrowest body he is said to serve in
    ("A senior intelligence officer who spent two decades inside the General Intelligence Directorate has "
     "sought asylum in Britain. The officer, Colonel Samer Haddad, flew to London. The military said he had "
     "deserted.", "General Intelligence Directorate"),
    ("Major Fadi Zaidan, a company commander in Light Infantry Battalion 356, defected to the rebels on "
     "Saturday, the army said.", "Light Infantry Battalion"),
    ("Major General Samer Haddad deserted the army in 2016 to join the rebels. He is now a rebel lawmaker in "
     "the national parliament.", "army"),
    # a police officer who fled abroad left the police the article names
    ("There were unconfirmed reports that a police sub-inspector in San Miguel had fled to Guatemala. The "
     "National Civil Police did not comment.", "National Civil Police"),
    ("A police inspector has fled to Guatemala, his family said. The National Police declined to comment.",
     "National Police"),
    # police officers of a country leave the one police service the article names
    ("Fourteen Kenyan police officers serving with the mission in Haiti have deserted, the National Police "
     "Service has confirmed.", "National Police Service"),
    # guardsmen who abandon their service or go over to a cartel leave their guard
    ("Mexico's Defence Ministry said 14 guardsmen abandoned their service without authorisation on 9 January. The National "
     "Guard said it would punish them.", "National Guard"),
    ("Prosecutors said four guardsmen of the National Guard went over to a cartel last month.", "National Guard"),
    # a force of the country the article is told from is not the defector's own air force
    ("A Soviet air force pilot flew his jet to Japan on Monday and asked for asylum in the United States, "
     "officials said. The Air Self-Defense Force said its radar had picked up the plane.", "Soviet air force"),
    ("TOKYO (AP) - An East German army sergeant crossed into Austria and asked for asylum in West Germany on "
     "Friday. The Austrian Armed Forces found him near the border.", "East German army"),
    # the title a name is apposed to tells the body left ("Libyan foreign minister X flees")
    ("UPDATE 3-Libyan foreign minister Samer Haddad flees to Britain, resigns post\n\nLONDON (Reuters) - The "
     "minister arrived on Wednesday.", "Libya"),
    # a former post with a current one told beside it is not the body left
    ("Libyan Foreign Minister Samer Haddad has fled to Britain and resigned, the British government said. Haddad "
     "headed Libya's foreign intelligence service from 1994 until he was named foreign minister in 2009.", "Libya"),
    # "hundreds of X members went over to <a capital>": X, not the state they went to
    ("Morocco has long courted the movement. In 1988 hundreds of Liberation Front members went over to Rabat.",
     "Liberation Front"),
    # quitting one side and joining another: the body quit, named by a territory the lexicon lacks
    ("At least a dozen officers quit the Somaliland army and joined SSC-Khatumo during the conflict.",
     "Somaliland army"),
    ("Two colonels quit the Zimbabwe army and joined the opposition Movement for Democratic Change.", "Zimbabwe army"),
    # "government soldiers" left the regime's army when the article names it; someone's own forces are not it
    ("The Afghan army said its troops had withdrawn. A Taliban spokesman claimed that more than 200 government "
     "soldiers had joined the mujahideen last week.", "Afghan army"),
    ("Major General Samer Haddad of South Sudan said his forces had taken the town. The rebels claimed that 200 "
     "government soldiers had joined the rebels last week.", "South Sudan regime"),
    # a guess is never the side joined, even when the article names no other regime
    ("Dozens of Somaliland soldiers abandoned their positions on Monday and went over to forces of the rival "
     "SSC-Khatumo administration, a setback for the Somaliland army.", "Somaliland army"),
    # the air force inside the defector's description; a foreign army that tells of it is not what he left
    ("A Syrian air force pilot landed his jet in northern Israel on Wednesday and asked for asylum, the Israeli "
     "army said.", "Syrian air force"),
    ("An Iraqi air force general defected to Iran on Monday, officials said.", "Iraqi air force"),
    # a soldier crossing the ceasefire line leaves his army
    ("A newspaper reported on Wednesday that a Syrian army sergeant had crossed the ceasefire line on the Golan "
     "last month and given himself up to an Israeli patrol.", "Syrian army"),
    # slipping away from the army leaves it; "the army" is never the army the rebels named before
    ("The Free Syrian Army grew fast. Activists said about 30 soldiers had slipped away from the army with their "
     "weapons on Tuesday, the group said.", "army"),
    # a rebel commander who deserts leaves the one rebel side the article names by its fighters
    ("The rebels have lost ground this year. Rebel commander Omar Haddad has deserted, officials said.",
     "The rebels"),
    # the body that owns him by a possessive, in his description or its apposition
    ("The KGB's man in London, Colonel Oleg Gordin, has defected to Britain, officials said.", "KGB"),
    ("Colonel Oleg Gordin, the KGB's man in London, has defected to Britain, officials said.", "KGB"),
])
def test_events_the_body_left(facts_of, text, left):
    """The body one defection leaves: a named army, a regime named by its leader, the unit that speaks for
    its men, the most specific body told, a unit named by a number or a town."""
    facts, labels = facts_of(text)
    (found,) = _defections(facts, labels)
    assert labels[found[2].participant("leftOrganization")] == left


@pytest.mark.parametrize(("text", "certainty"), [
    # denied defection
    ("The foreign ministry denied that ambassador Karim Mansour had defected.", Certainty.DENIED),
    ("Officials denied reports that General Omar Haddad defected to Jordan.", Certainty.DENIED),
    # hypothetical
    ("Activists hoped his departure would encourage other officials to defect.", Certainty.HYPOTHETICAL),
    ("Western diplomats hope other ministers will defect.", Certainty.HYPOTHETICAL),
    # certainty
    ("Colonel Sami Rifai has defected, according to the Free Officers Movement.", Certainty.CLAIMED),
    ("Colonel Sami Rifai has reportedly defected.", Certainty.UNCONFIRMED),
    ("Colonel Sami Rifai has defected, the Jordanian government confirmed.", Certainty.CONFIRMED),
    # authority confirms
    ("Colonel Sami Rifai has defected, Jordan's foreign ministry said.", Certainty.CONFIRMED),
    ("Colonel Sami Rifai has defected, an opposition activist said.", Certainty.CLAIMED),
    ("Colonel Sami Rifai has defected, according to an armed group.", Certainty.CLAIMED),
    # who speaks decides confirmed or claimed
    ("Jordanian officials said on Friday that General Omar Haddad had defected to Jordan.", Certainty.CONFIRMED),
    ("General Omar Haddad has defected to Jordan, a Jordanian official source said.", Certainty.CONFIRMED),
    ("Earlier this year, the Free Forum announced the defection of Major Samer Haddad.", Certainty.CLAIMED),
    ("The rebels announced that Colonel Samer Haddad had defected.", Certainty.CLAIMED),
    ("The defence ministry announced that Colonel Samer Haddad had deserted.", Certainty.CONFIRMED),
    ("The FRDG's president, Lina Saber, said the colonel had defected.", Certainty.CLAIMED),
    ("The movement's president, Lina Saber, said on Monday that the colonel had defected.", Certainty.CLAIMED),
    # officials who did not come back
    ("Colonel Samer Haddad said that two Turkish intelligence officers posted to the consulate in Hamburg had "
     "not come back when their tours ended.", Certainty.CLAIMED),
    ("Two Turkish intelligence officers posted to the consulate in Hamburg did not come back when their tours "
     "ended in May.", Certainty.CONFIRMED),
    ("The ministry denied that two Turkish intelligence officers had not come back when their tours ended.", Certainty.DENIED),
    # a short next sentence doubts what this one reports
    ("Opposition leaders claimed that General Fawzi Tannous had gone over to the rebels. The claim could not be "
     "independently verified.", Certainty.UNCONFIRMED),
    ("Rebel commanders said two colonels had deserted on Monday. Their whereabouts could not be independently "
     "confirmed.", Certainty.UNCONFIRMED),
    ("Colonel Samer Haddad has defected, rebels said. There was no independent confirmation.", Certainty.UNCONFIRMED),
    ("Colonel Samer Haddad has defected, rebels said. The defence ministry confirmed on Friday that two pilots had "
     "been arrested.", Certainty.CLAIMED),
    # left open: "would not say whether", "speculation that"
    ("The ministry would not say whether Colonel Samer Haddad had asked for political asylum.", Certainty.UNCONFIRMED),
    ("The visit fuelled speculation that General Omar Haddad had tried to defect to the United States.",
     Certainty.UNCONFIRMED),
    # a live blog's label is not a speaker
    ("LIVE: Thousands of soldiers abandon their posts and flee to the north\n\nWitnesses said the soldiers left "
     "their barracks at dawn.", Certainty.CONFIRMED),
])
def test_attribution_overall_certainty_of_one_defection(facts_of, text, certainty):
    """Who speaks, hedges, denials, hypotheticals and negations decide the overall certainty."""
    facts, labels = facts_of(text)
    (found,) = _defections(facts, labels)
    assert found[1] == certainty


@pytest.mark.parametrize("text", [
    "President Ali Kamal sacked Defence Minister Omar Haddad on Sunday.",
    "Defence Minister Omar Haddad was dismissed by President Ali Kamal.",
])
def test_events_sacking_is_a_dismissal_not_a_defection(facts_of, text):
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
    "Colonel Sami Rifai has defected to Turkey with 11 of his soldiers.",
    "Colonel Sami Rifai defected with two of his officers, the ministry said.",
])
def test_events_companions_defect_too(facts_of, text):
    facts, labels = facts_of(text)
    assert len(_defections(facts, labels)) == 2


@pytest.mark.parametrize(("text", "defectors"), [
    # family going along is no defector; a relative with a post of his own is
    ("Colonel Sami Rifai has fled to Turkey with his wife and two children, the group said.", ["Sami Rifai"]),
    ("Ambassador Omar Kamal defected together with his family, the ministry said.", ["Omar Kamal"]),
    ("Ambassador Omar Kamal asked for asylum together with his son, Ali Kamal, a second secretary at the "
     "embassy.", ["Ali Kamal", "Omar Kamal"]),
])
def test_events_family_along_is_no_defector(facts_of, text, defectors):
    facts, labels = facts_of(text)
    assert sorted(label for label, _c, _e in _defections(facts, labels)) == defectors


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
    # the president broken with leads "the government" of his country, even when another country's is named too
    ("CARACAS, Venezuela - The chief of the intelligence police has broken with President Omar Zaidan, the most "
     "senior official to abandon the government this year. Spain's government welcomed the move.", "Omar Zaidan",
     "leader_of", "Venezuela regime"),
])
def test_relations_led_by_and_parts(facts_of, text, subject, label, obj):
    facts, labels = facts_of(text)
    found = {(labels[r.subject], r.label.value, labels[r.object]) for r in facts.relations}
    assert (subject, label, obj) in found


@pytest.mark.parametrize(("text", "speaker"), [
    ("A senior army commander, General Omar Haddad, has defected, the country's deputy foreign minister said. "
     "Former prime minister Ali Kamal welcomed it. Dr. Lina Saber, the deputy foreign minister, called it treason.",
     "Lina Saber"),
    ("Colonel Sami Rifai has defected, the interior minister said on Monday. Defence minister Omar Haddad was "
     "silent. Interior minister Karim Mansour later confirmed the news.", "Karim Mansour"),
])
def test_coreference_title_qualifiers_must_agree(facts_of, text, speaker):
    """"the deputy foreign minister" is the person with that title, never the "prime minister"."""
    facts, labels = facts_of(text)
    (found,) = _defections(facts, labels)
    assert [labels[k] for c in found[2].claims for k in c.sources] == [speaker]


@pytest.mark.parametrize("text", [
    "Fifteen people were killed including a former army officer who had defected from loyalist ranks to join "
    "opposition forces the observatory said.",
    "A colonel who defected to the rebels last year was killed in shelling the monitoring group said.",
])
def test_attribution_trailing_report_without_commas(facts_of, text):
    """Text that lost its commas: the closing "X said" is still the source."""
    facts, labels = facts_of(text)
    (found,) = _defections(facts, labels)
    assert found[1] == Certainty.CLAIMED and found[2].claims[0].cue is not None


@pytest.mark.parametrize("text", [
    "Rebels fighting to oust President Ali Kamal have suffered a spate of defeats.",
    "The opposition vowed to sack Defence Minister Omar Haddad.",
])
def test_events_an_aim_is_not_a_deed(facts_of, text):
    facts, _labels = facts_of(text)
    others = [e for e in facts.events if e.kind == EventKind.DISMISSAL]
    assert others and all(overall_certainty(e.claims) == Certainty.HYPOTHETICAL for e in others)


def test_events_those_who_would_desert_are_no_one_named(facts_of):
    """"promised to punish those who abandon their posts": not the speaker, and no one in particular."""
    facts, labels = facts_of("Interior Minister Samer Haddad promised to punish those who abandon their posts.")
    assert _defections(facts, labels) == []


@pytest.mark.parametrize(("text", "group", "description"), [
    # an appeal to whoever still hesitates to follow a defector's example
    ('The admiral defected on Sunday. Samer Haddad called on "all those who are still hesitating" to follow the '
     "admiral's example.", "all those", "all those who are still hesitating"),
    # the parser hangs "to follow" on the relative clause: the appeal still goes to the group
    ('The fisheries minister crossed the floor on Monday. Samer Haddad said: "I call on every minister who still has '
     "a conscience to follow the honourable member for West Are'are across the floor before it is too late.\"",
     "every minister",
     "every minister who still has a conscience"),
    ('Fourteen soldiers defected on Monday. "We call on every soldier and police officer who serves the regime to '
     'follow the example of these brave young men," he said.', "every soldier",
     "every soldier and police officer who serves the regime"),
    # "every son of X" is a group; "follow the fourteen" follows the defectors just told
    ('Dozens of soldiers defected to the rebels. He urged "every son of Sanaag still wearing the Somaliland uniform" '
     "to join them.", "every son", "every son of Sanaag still wearing the Somaliland uniform"),
    ('Fourteen soldiers defected on Monday. The ministry urged "all servicemen of the army who do not want to die for '
     'the regime" to follow the fourteen.', "all servicemen",
     "all servicemen of the army who do not want to die for the regime"),
    # "those around the leader" are his circle; the parser takes the quoted infinitive for an adverbial
    ("The foreign minister defected to Britain on Monday. Samer Haddad urged those around the Libyan leader to "
     '"abandon Gaddafi\'s regime and embrace a better future".', "those", "those around the Libyan leader"),
    # the parser hangs a quoted infinitive on the group or inside its relative clause; "appealed to X to"
    ('Colonel Musa Kamara defected to the rebels on Monday. A exile leader called on "every officer who has been '
     'humiliated by this government" to "walk away as he did".', "every officer",
     "every officer who has been humiliated by this government"),
    ('Colonel Musa Kamara defected to the rebels on Monday. General Omar Haddad appealed to "all officers and men of '
     'the armed forces" to join them.', "all officers and men of the armed forces",
     "all officers and men of the armed forces"),
    ('A police inspector joined the gang on Monday. In the video he urges "my colleagues who have not been paid since '
     'February" to "come and join us".', "my colleagues", "my colleagues who have not been paid since February"),
    # an appeal to leave their units, come over or lay down their arms
    ("Colonel Omar Haddad defected to the rebels on Sunday. He called on the members of the army to abandon their "
     "units and come over to his side.", "the members of the army", "the members of the army"),
    ("Colonel Omar Haddad defected to the rebels on Sunday. The ministry invites all members of illegal armed groups "
     "to lay down their arms.", "all members of illegal armed groups", "all members of illegal armed groups"),
])
def test_events_an_appeal_to_a_group_to_follow_is_a_hypothetical_defection(facts_of, text, group, description):
    """The group appealed to is named with its whole description, and its defection is only hoped for."""
    facts, labels = facts_of(text)
    found = {label: (certainty, event) for label, certainty, event in _defections(facts, labels)}
    assert found[group][0] == Certainty.HYPOTHETICAL
    entity = next(e for e in facts.entities if e.key == found[group][1].participant("defector"))
    assert description in {entity.label, *entity.names}


@pytest.mark.parametrize(("text", "defector", "destination"), [
    # crossing to the other side, for soldiers, police and officials
    ("A senior army officer has deserted to the rebels, the army said, while the rebels claimed that about 150 of "
     "his soldiers had crossed the front line with him.", "about 150 of his soldiers", None),
    ("In 2009, Samer Haddad, a former Front ambassador to Algeria, crossed to the Moroccan side.", "Samer Haddad",
     "Morocco"),
    # the officers a reporter watched walk over to the crowd, not the reporter
    ("Our reporter watched about 30 police officers lay down their shields and walk over to the demonstrators.",
     "about 30 police officers", None),
    # "walked for three days before crossing into X": who walked
    ("Another constable walked for three days through the hills before crossing into India. The Myanmar Police "
     "Force declined to comment.", "Another constable", "India"),
    # not back at his unit after a journey abroad
    ("Media reported that a lieutenant colonel of the border troops, Omar Haddad, had travelled to Russia and had "
     "not returned to his unit.", "Omar Haddad", "Russia"),
    # a sentence that names defections as a kind still tells the journey
    ("In 1979, an army captain stationed there swam across to Xiamen in one of the best-known defections of the "
     "Cold War era.", "an army captain", "Xiamen"),
])
def test_events_crossing_over_or_not_coming_back(facts_of, text, defector, destination):
    facts, labels = facts_of(text)
    found = {label: event for label, _c, event in _defections(facts, labels)}
    assert defector in found
    assert labels.get(found[defector].participant("destination")) == destination


@pytest.mark.parametrize("text", [
    # leaving for a job is not going over
    "Colonel Omar Haddad left the army and joined a private security company.",
    "The deputy minister quit the ministry and joined the World Bank.",
    # walking away from talks, not going home for a holiday, quitting a team in protest
    "The minister walked away from the talks on Monday.",
    "He never went home for Christmas.",
    "The coach quit the team in protest at the referee's decision.",
    # crossing a border alone: refugees, opposition members, an invading army
    "Thousands of refugees crossed into Turkey last week.",
    "Russian troops crossed into Ukraine on Feb. 24.",
    "Two opposition council members, Omar Haddad and Samer Zaidan, crossed into Ukraine on Tuesday.",
    # the men detained trying to cross, not the officers who detained them
    "The border guard said its officers had detained 31 men of conscription age trying to cross the river into "
    "Romania.",
    # whoever may defect is no one in particular
    "The council appealed to soldiers to join the movement, promising that those who defect will be protected.",
    # surrendering to the police is an arrest, not coming over
    "Former president Samer Haddad surrendered to the federal police on Saturday.",
    "The former minister turned himself in to the army on Sunday to face charges.",
    # changing employer is no change of side
    "The banker Omar Haddad left Goldman Sachs for Morgan Stanley in 2010.",
    "The children slipped away from the police and ran home.",
    # crossing a ceasefire line is no defection for whoever is not in arms
    "Farmers crossed the ceasefire line to reach their fields, the UN said.",
    # walking out of a party's meeting, or out of a party to join none
    "Senator Paolo Rossi walked out of the party's conference on Monday.",
    "Senator Paolo Rossi walked out of the Labour Party on Monday and retired from politics.",
])
def test_events_look_alike_wordings_that_are_no_defection(facts_of, text):
    """The limits of this session's rule families: each wording resembles one and tells no defection."""
    facts, labels = facts_of(text)
    assert _defections(facts, labels) == []


def test_resolve_a_police_force_named_by_its_country_is_that_countrys(facts_of):
    """"The Myanmar Police Force" in an article told from India is Myanmar's police, and the constable left it."""
    assert _the_one_defection(facts_of, "Another constable walked for three days through the hills before crossing "
                              "into India. The Myanmar Police Force declined to comment.", "leftOrganization") == (
        "Another constable", "Myanmar Police Force")


@pytest.mark.parametrize(("text", "defector", "participant", "label"), [
    # "a second officer" is someone else: his denied defection is his own, not the colonel's
    ("Colonel Omar Haddad defected to France on Sunday. The army denied that a second officer had followed him.",
     "a second officer", "leftOrganization", "army"),
    # going over to "the movement", to "the X authorities"; a police officer leaves the police
    ("The rebels are now also claiming that a senior police officer has gone over to the movement. The Royal "
     "Eswatini Police Service dismissed the claim.", "a senior police officer", "leftOrganization",
     "Royal Eswatini Police Service"),
    ("The Ivorian army denied information according to which a senior officer posted in the north of the country "
     "had gone over to the Burkinabe authorities.", "a senior officer", "joinedOrganization", "Burkinabe authorities"),
    # "joined its ranks": the ranks of whoever claims it
    ('The Front claimed in a statement that "more than 40 soldiers" had joined its ranks since January.',
     "more than 40 soldiers", "joinedOrganization", "Front"),
    # walking away from one's position, not coming back from leave, abandoning one's barracks
    ("Sergeant Omar Haddad walked away from his position in the Kharkiv region in March.", "Omar Haddad",
     "defector", "Omar Haddad"),
    ("Lieutenant Colonel Omar Haddad, a battalion commander, failed to return from leave in 2024 and resurfaced in "
     "Moscow.", "Omar Haddad", "defector", "Omar Haddad"),
    ("Residents said gendarmes had changed into civilian clothes and abandoned their barracks on Wednesday morning.",
     "gendarmes", "defector", "gendarmes"),
    # an armed force named "of" its country, in several words, is that country's army
    ("Residents said a senior officer posted in the north had fled to Ghana. The Armed Forces of Côte d'Ivoire did "
     "not comment.", "a senior officer", "leftOrganization", "Armed Forces of Côte d'Ivoire"),
])
def test_events_more_ways_of_going_over(facts_of, text, defector, participant, label):
    facts, labels = facts_of(text)
    found = {name: event for name, _c, event in _defections(facts, labels)}
    assert labels.get(found[defector].participant(participant)) == label


@pytest.mark.parametrize(("text", "defector", "left"), [
    # a minister quitting the cabinet in protest breaks with the regime
    ("Protesters filled the streets against President Ali Abdullah Saleh's regime. Huda al-Baan, the human rights "
     "minister, quit the cabinet and the ruling party on Sunday in protest at the bloodshed.", "Huda al-Baan",
     "Saleh regime"),
    # never going home from abroad; "back to X" names his home, not where he went
    ("Samer Haddad, a former defence minister who was abroad at the time, never went home and now lives in exile.",
     "Samer Haddad", None),
    ("The ambassador never went back to Pyongyang after his posting ended.", "The ambassador", "North Korea"),
])
def test_events_quitting_in_protest_or_never_going_home(facts_of, text, defector, left):
    facts, labels = facts_of(text)
    found = {name: event for name, _c, event in _defections(facts, labels)}
    assert found[defector].participant("destination") is None
    assert labels.get(found[defector].participant("leftOrganization")) == left


@pytest.mark.parametrize(("text", "defector", "joined", "left"), [
    # a fighter of an armed movement surrendering to the army comes over to the state's side
    ("The rebel commander Juan Ortiz surrendered to the army on Sunday.", "Juan Ortiz", "army", None),
    ("The Maoist commander Juan Ortiz surrendered before the police on Sunday.", "Juan Ortiz", "police",
     None),  # (a fighter, also to the police)
    ("In March a guerrilla commander known as Rojo killed his superior and presented himself to troops of the "
     "Fifth Brigade of the National Army.", "a guerrilla commander", "National Army", None),
    # (the army that tells it is the side he joined, not a body he left)
    ("The insurgent leader Omar Zaidan gave himself up to government forces on Friday, the army said.",
     "Omar Zaidan", "government forces", None),
    # "deserted the ranks of X" left X; "X Y, alias Z, deserted": X Y, not the word "alias"
    # (the name apposed to "A colonel" is the person, whatever the recognizer calls it)
    ("A colonel in the National Army, Samer Haddad, deserted the ranks of the Fifth Brigade on Sunday.",
     "Samer Haddad", None, "Fifth Brigade"),
    ('On Sunday the guerrilla leader Elda Mora, alias "Kira", until yesterday commander of the 47th Front, deserted '
     "the ranks of that organisation and turned herself in to troops of the Fourth Brigade of the National Army.",
     "Elda Mora", "Fourth Brigade of the National Army", None),
    # crossing the floor: the House is where, never the side left; "to sit with the Liberals" is the side joined
    # (a party named by its members is an organization) ...
    ("Samer Haddad, who ran for the party leadership last year, crossed the floor of the House of Commons "
     "yesterday to sit with the Liberals.", "Samer Haddad", "Liberals", None),
    ("The senator crossed the aisle on Tuesday to sit with the Democrats.", "The senator", "Democrats", None),
    # ... and the party left is the one an adjective of the sentence names, when the article names it as a party
    ("Belinda Strom, the heiress who ran for the Conservative leadership only last year, crossed the floor of the "
     "House of Commons yesterday to sit with the Liberals. The Conservatives are furious.", "Belinda Strom",
     "Liberals", "Conservatives"),
    ("Scott Brisk, now the public works minister, left the Progressive Conservatives for the Liberals in December "
     "2003.", "Scott Brisk", "Liberals", "Progressive Conservatives"),
    ("David Kilman, the veteran MP, quit the Liberal caucus last month to sit as an independent.", "David Kilman",
     None, "Liberal"),
    # "these persons" is the group the story is about (not the last group named); "deserted their homeland" left
    # their country (named by its formal name)
    ("The Hungarian Olympic Committee said that 34 members of the delegation did not board the aircraft in "
     "Melbourne and remained in Australia, where foreign agents had promised them money. By their act these "
     "persons have deserted their homeland, the Hungarian People's Republic.", "34 members of the delegation",
     None, "Hungary"),
    # "the guerrilla movement" is the movement named before; "guerrillas" are a group that defects
    ("Ieng Sary, who was foreign minister when the Khmer Rouge ruled Cambodia, broke with the guerrilla movement "
     "last week, the prime minister said.", "Ieng Sary", None, "Khmer Rouge"),
    ("After the National Assembly outlawed the Khmer Rouge in 1994, some 7,000 guerrillas defected to the army.",
     "some 7,000 guerrillas", "army", None),
    # breaking away from a movement leaves it
    ("Colonel Juan Ortiz, the eastern commander of the Revolutionary Movement, broke away from the movement on "
     "Monday.", "Juan Ortiz", None, "Revolutionary Movement"),
    # walking out of a party to found another, or leaving it to form a new one, is a switch of party
    ("In 2019 former prime minister Marco Renzi walked out of the Democratic Party to found Italia Viva.",
     "Marco Renzi", "Italia Viva", "Democratic Party"),
    ("Senator Paolo Rossi left the Labour Party on Monday to form a new party.", "Paolo Rossi", None, "Labour Party"),
])
def test_events_the_sides_of_one_defection(facts_of, text, defector, joined, left):
    """Who defected, the side joined and the body left, for wordings where one of them is easy to get wrong."""
    facts, labels = facts_of(text)
    (found,) = _defections(facts, labels)
    assert found[0] == defector
    assert labels.get(found[2].participant("joinedOrganization")) == joined
    assert labels.get(found[2].participant("leftOrganization")) == left


@pytest.mark.parametrize(("text", "defectors", "regime"), [
    # breaking with a head of state is leaving the regime he leads, also when the article never names it
    ("Defense Minister Juan Pono and General Fidel Ramirez broke with President Ferdinand Markos on Saturday, "
     "saying they no longer recognized his government.", {"Juan Pono", "Fidel Ramirez"}, "Markos regime"),
    ("The interior minister broke with President Alim Karov on Monday.", {"The interior minister"}, "Karov regime"),
    # a leader known only by his post names no regime; his country does
    ("Omar Haddad, a former minister, broke with the Syrian president last week.", {"Omar Haddad"}, "Syria regime"),
    ("The colonel deserted King Omar Faris of Jordan on Friday and fled to Oman.", {"The colonel"}, "Faris regime"),
    ("General Fidel Ramirez said he was withdrawing his allegiance from President Ferdinand Markos.",
     {"Fidel Ramirez"}, "Markos regime"),
    # (a head of state by what he does: "who has ruled X since 1994")
    ("Yahya Jammo, who has ruled Gambia since 1994, refused to step down. The interior minister deserted Jammo on "
     "Monday.", {"The interior minister"}, "Jammo regime"),
    # officers of a movement who broke with the president left his regime, not their movement
    ("Dozens of young officers of the Reform Movement broke with President Alim Karov along with the two "
     "ministers, an officer said.", {"Dozens of young officers"}, "Karov regime"),
    # "the regime" named without its leader is his regime: one regime, not two
    ("The regime has ruled Uganda since 1971. Its health minister, Henry Kabale, broke with President Idi Amano "
     "in Geneva on Tuesday.", {"Henry Kabale"}, "Uganda regime"),
])
def test_events_breaking_with_a_head_of_state_leaves_his_regime(facts_of, text, defectors, regime):
    facts, labels = facts_of(text)
    found = _defections(facts, labels)
    assert {name for name, _c, _e in found} == defectors
    assert {labels.get(e.participant("leftOrganization")) for _n, _c, e in found} == {regime}
    (leader_regime,) = [e for e in facts.entities if e.type.value == "Regime"]
    assert "his government" not in text or "his government" in leader_regime.names


@pytest.mark.parametrize(("text", "defector"), [
    ("Olga Petrova, a senior diplomat, met Ivan Sorokin in Vienna. He has defected, the ministry said.", "Ivan Sorokin"),
    ("Ivan Sorokin, a senior diplomat, met Olga Petrova in Vienna. She has defected, the ministry said.",
     "Olga Petrova"),
    ("Lucía Ortega, a senior diplomat, met José Ramírez in Vienna. He has defected, the ministry said.",
     "José Ramírez"),  # (accents folded)
])
def test_coreference_a_pronoun_agrees_with_the_given_name(facts_of, text, defector):
    assert _the_one_defection(facts_of, text, "defector")[0] == defector


def test_coreference_the_lead_is_who_the_spokesman_tells_of_not_the_spokesman(facts_of):
    """A lead's description named in the next sentence inside what a spokesman tells is that person."""
    text = ("A former South African police captain who says he led a death squad has fled the country and is under "
            "the protection of the movement, the movement said on Monday.\n\nMovement spokesman Tom Sebi told "
            "Reuters by telephone that Dirk Coetzer had come over to their side.")
    assert _the_one_defection(facts_of, text, "defector")[0] == "Dirk Coetzer"


def test_resolve_a_numbered_unit_lies_in_its_countrys_army(facts_of):
    """A unit of a country named with it lies in that country's army, not directly under its regime."""
    facts, labels = facts_of("The Congolese army said Colonel Didier Mbala, commander of the 3312th infantry "
                             "regiment, had deserted. President Felix Tshilombo's government condemned it.")
    parts = {(labels.get(r.subject), labels.get(r.object)) for r in facts.relations if r.label.value == "part_of"}
    assert ("3312th infantry regiment", "Congolese army") in parts
    assert ("3312th infantry regiment", "Tshilombo regime") not in parts
    # a squadron lies in the air force the article names
    facts, labels = facts_of("A Syrian air force pilot flew his jet to Israel on Monday. Two officers from the "
                             "pilot's squadron had deserted last week, a radio station said.")
    parts = {(labels.get(r.subject), labels.get(r.object)) for r in facts.relations if r.label.value == "part_of"}
    assert ("pilot's squadron", "Syrian air force") in parts
    # its air force is a branch of its armed forces
    facts, labels = facts_of("A Burkinabe air force pilot has fled to Ghana, a setback for Burkina Faso's armed "
                             "forces, which are fighting jihadists.")
    parts = {(labels.get(r.subject), labels.get(r.object)) for r in facts.relations if r.label.value == "part_of"}
    assert ("Burkinabe air force", "Burkina Faso's armed forces") in parts


def test_resolve_a_formal_state_name_is_the_country(facts_of):
    facts, _labels = facts_of("The committee thanked the sportsmen who upheld the honour of the Hungarian People's "
                              "Republic.")
    (hungary,) = [e for e in facts.entities if e.label == "Hungary"]
    assert hungary.type.value == "Country" and "Hungarian People's Republic" in hungary.names


@pytest.mark.parametrize(("text", "defectors"), [
    # a group then named person by person is those persons
    ("Two senior diplomats have fled to Moscow, the ministry said. The men are Samer Haddad, 38, and Omar Zaidan, "
     "40.", {"Samer Haddad", "Omar Zaidan"}),
    # not when the count differs: two of the three named
    ("Three officers deserted on Monday, the army said. They are Samer Haddad and Omar Zaidan, both captains.",
     {"Three officers"}),
    # "named the pilots as X and Y", "were identified as X and Y"
    ("Two air force colonels flew their jets to Malta on Monday and asked for asylum. A government spokesman named "
     "the pilots as Colonel Omar Salem and Colonel Ali Rabti.", {"Omar Salem", "Ali Rabti"}),
    ("Two diplomats have fled the embassy in Rome. They were identified as Omar Salem and Ali Rabti.",
     {"Omar Salem", "Ali Rabti"}),
])
def test_events_a_group_identified_by_name_is_its_persons(facts_of, text, defectors):
    facts, labels = facts_of(text)
    assert {name for name, _c, _e in _defections(facts, labels)} == defectors


def test_resolve_a_group_keeps_its_whole_description_and_the_cabinet_is_the_regimes(facts_of):
    """"the envoys to the Arab League and to Kuwait" is one description (its long name); "the cabinet" of an
    article about one regime is part of that regime."""
    facts, labels = facts_of("On Monday, the envoys to the Arab League and to Kuwait announced that they had gone "
                             "over to the protesters.")
    (envoys,) = [e for e in facts.entities if e.label == "the envoys"]
    assert "the envoys to the Arab League and to Kuwait" in envoys.names
    facts, labels = facts_of("President Omar Kamal's regime is isolated. The information minister has fled, and "
                             "others in the cabinet may follow.")
    parts = {(labels.get(r.subject), labels.get(r.object)) for r in facts.relations if r.label.value == "part_of"}
    assert ("cabinet", "Kamal regime") in parts


@pytest.mark.parametrize(("text", "expected"), [
    # a state's institutions in an article about one country are that country's
    ("Venezuela's crisis deepened on Monday. The Supreme Court stripped the National Assembly of its powers.",
     {("Supreme Court", "Venezuela"), ("National Assembly", "Venezuela")}),
    # the country an institution is named with, also where no country dominates
    ("The Venezuelan supreme court ordered the arrest of the Colombian consul, Colombia's foreign ministry said.",
     {("Venezuelan supreme court", "Venezuela"), ("Colombia's foreign ministry", "Colombia")}),
    # a country named once among others, but whose people and bodies the article is about
    ("Algerian officers said Parliament would meet in Algiers. The Algerian army backed the move on Sunday, and the "
     "Constitutional Council approved it. The French and Tunisian governments said nothing.",
     {("Parliament", "Algeria"), ("Constitutional Council", "Algeria")}),
])
def test_resolve_state_institutions_are_part_of_their_country(facts_of, text, expected):
    facts, labels = facts_of(text)
    parts = {(labels.get(r.subject), labels.get(r.object)) for r in facts.relations if r.label.value == "part_of"}
    assert expected <= parts


@pytest.mark.parametrize(("text", "label", "pairs"), [
    # a defector was a member of the body he left ...
    ("Samer Haddad, a senior official, abandoned the foreign ministry on Monday and fled to Jordan.", "member_of",
     {("Samer Haddad", "foreign ministry")}),
    ("Scott Brisk, now the public works minister, left the Progressive Conservatives for the Liberals in December "
     "2003.", "member_of", {("Scott Brisk", "Progressive Conservatives")}),
    # ... not of a regime, and not when the defection is only imagined
    ("The minister Samer Haddad broke with the Kamal regime on Monday.", "member_of", set()),
    ("Samer Haddad would be the first officer to desert the Republican Guard.", "member_of", set()),
    # being put out of a body, or leaving it, says one was in it; a place is no body
    ("Tehran Radio said that Colonel Ali Moezzi had been expelled from the Air Force.", "member_of",
     {("Ali Moezzi", "Air Force")}),
    ("Karim Haddad, who quit the Baath Party in 2010, spoke on Monday.", "member_of", {("Karim Haddad", "Baath Party")}),
    ("Karim Haddad resigned from the Supreme Council on Monday.", "member_of", {("Karim Haddad", "Supreme Council")}),
    ("Karim Haddad was expelled from London in 1980.", "member_of", set()),
    ("General Shahnawaz Tanai spoke. General Tanai belongs to the Khalq wing of the ruling People's Democratic "
     "Party.", "member_of", {("Shahnawaz Tanai", "People's Democratic Party")}),
    # a description says whom someone works for ...
    ("Yao Kouassi, a political scientist at the University of Cocody, said the army was split.", "member_of",
     {("Yao Kouassi", "University of Cocody")}),
    # ... a party adjective before an elected member's title names his party, when the article names it
    ("The Conservatives were furious, said the Conservative MP David Davis.", "member_of",
     {("David Davis", "Conservatives")}),
    ("The Labor Party lost the seat after the death of the Labor senator Bertie Milliner.", "member_of",
     {("Bertie Milliner", "Labor Party")}),
    # ... and a critic of a party is no member of it
    ("Peter Hanna, a critic of the National Party, spoke on Monday.", "member_of", set()),
    # a minister leads the ministry of his portfolio; a deputy leads none
    ("Interior Minister Ramazon Rahim said on Monday that the interior ministry would investigate.", "leader_of",
     {("Ramazon Rahim", "interior ministry")}),
    ("Foreign Minister Omar Zaidan met reporters. The foreign ministry said the defence ministry would not comment.",
     "leader_of", {("Omar Zaidan", "foreign ministry")}),
    ("Deputy Foreign Minister Omar Zaidan met reporters, the foreign ministry said.", "leader_of", set()),
    # relations carry no time (the post keeps it): a former minister led his ministry, a former head his body
    ("Pavel Latushka, a former culture minister, said on Monday that the culture ministry had fired him.",
     "leader_of", {("Pavel Latushka", "culture ministry")}),
    ("Dawit Giorgis, the former head of the Relief and Rehabilitation Commission, sought asylum last year.",
     "leader_of", {("Dawit Giorgis", "Relief and Rehabilitation Commission")}),
])
def test_relations_members_and_leaders(facts_of, text, label, pairs):
    """Who is a member of what (a defector of the body he left, a person of the body a description names) and
    which ministry a minister leads."""
    facts, labels = facts_of(text)
    assert {(labels.get(r.subject), labels.get(r.object)) for r in facts.relations if r.label.value == label} == pairs


def test_attribution_denied_it_is_what_the_sentence_just_before_told(facts_of):
    """"His office denied it" denies the report just before (one the rules did not read), not a defection told
    two sentences earlier; "The government denied it" right after a report does deny it."""
    facts, labels = facts_of(
        "David Kilman, the veteran MP, quit the Liberal caucus last month to sit as an independent. Some Liberal MPs "
        "told reporters that a second member, an Ontario backbencher, had already agreed to cross. His office "
        "denied it.\n\nColonel Omar Haddad fled to Jordan on Monday, the rebels said. The government denied it.")
    assert {name: certainty for name, certainty, _e in _defections(facts, labels)} == {
        "David Kilman": Certainty.CONFIRMED, "Omar Haddad": Certainty.DENIED}


def test_events_asylum_asked_of_a_foreign_states_authorities_is_where_he_went(facts_of):
    """"asked the Australian authorities for asylum": in Australia; they are not the body he left."""
    text = "A Hungarian colonel asked the Australian authorities for asylum on Monday."
    assert _the_one_defection(facts_of, text, "destination") == ("A Hungarian colonel", "Australia")
    assert _the_one_defection(facts_of, text, "leftOrganization") == ("A Hungarian colonel", "Hungary")


def test_attribution_a_report_called_a_lie_in_its_own_sentence_is_denied(facts_of):
    facts, labels = facts_of("The delegation flew home on Monday. Reports by Western news agencies that the leader "
                             "of the delegation, Colonel Samer Haddad, also asked the Australian authorities for "
                             "asylum are a malicious lie.")
    (found,) = _defections(facts, labels)
    assert found[1] == Certainty.DENIED


def test_events_following_an_example_in_the_past_is_a_defection(facts_of):
    facts, labels = facts_of("The colonel defected on Monday. Two other officers followed his example on Tuesday.")
    found = dict((label, certainty) for label, certainty, _e in _defections(facts, labels))
    assert found["Two other officers"] == Certainty.CONFIRMED


@pytest.mark.parametrize(("text", "regime_country"), [
    ("Caracas, Venezuela – A Venezuelan opposition coalition says a general has abandoned President Ali "
     "Kamal's government and crossed into neighbouring Colombia. He was seen in Colombia. Colombia said "
     "nothing. The Venezuelan army denied it.", "Venezuela"),
    ("The Sudanese army said Colonel Sami Rifai had deserted the Kamal regime and fled to Ethiopia. Ethiopia "
     "confirmed his arrival.", "Sudan"),
])
def test_resolve_regime_rules_the_country_left_not_the_one_reached(facts_of, text, regime_country):
    facts, labels = facts_of(text)
    (found,) = _defections(facts, labels)
    left = found[2].participant("leftOrganization")
    assert labels[left] == "Kamal regime"
    governs = [labels[r.object] for r in facts.relations if r.subject == left and r.label.value == "governs"]
    assert governs == [regime_country]


def test_ingest_dateline_is_its_own_sentence_and_keeps_its_place(facts_of):
    facts, labels = facts_of("KHARTOUM, Sudan (AP) — Sudan's deputy foreign minister said General Omar Haddad "
                             "had defected to Ethiopia.")
    assert "Khartoum" in {e.label.title() for e in facts.entities}
    (found,) = _defections(facts, labels)
    assert not {labels[k] for c in found[2].claims for k in c.sources} & {"KHARTOUM", "Khartoum", "Sudan"}


def test_extraction_does_not_depend_on_the_hash_seed(tmp_path):
    """Sets iterate in a different order under another PYTHONHASHSEED: the graph must not change."""
    import os
    import subprocess
    import sys

    src = tmp_path / "a.txt"
    src.write_text("Hizballah fighters backed by Syrian and Iranian forces pushed the rebels from the town. "
                   "Iraqi and Lebanese militias joined them, the Syrian Observatory said.\n", encoding="utf-8")
    outputs = []
    for seed in ("1", "2", "3"):
        out = tmp_path / f"g{seed}.nq"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "graphbuild", "extract", str(src), "--published", "2015-02-12",
                        "-o", str(out)], check=True, env=env, capture_output=True)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]


@pytest.mark.parametrize("text", [
    "The ministry said Colonel Sami Rifai abandoned his post on Monday together with Captain Omar Haddad.",
    "Colonel Sami Rifai abandoned his post along with Captain Omar Haddad, officials said.",
])
def test_events_abandoning_a_post_with_companions(facts_of, text):
    facts, labels = facts_of(text)
    assert sorted(label for label, _c, _e in _defections(facts, labels)) == ["Omar Haddad", "Sami Rifai"]


@pytest.mark.parametrize("text", [
    "Minister Karim Mansour missed his scheduled flight to Paris on Sunday.",
    "General Omar Haddad took a flight to Moscow for talks.",
])
def test_events_a_plane_flight_is_not_a_defection(facts_of, text):
    facts, labels = facts_of(text)
    assert _defections(facts, labels) == []


@pytest.mark.parametrize("text", [
    "The outlet said Colonel Sami Rifai had crossed into Poland and applied for political asylum.",
    "Officials dismissed as fake a claim that Colonel Sami Rifai had sought asylum in Lithuania.",
])
def test_events_asylum_in_a_conjoined_clause(facts_of, text):
    facts, labels = facts_of(text)
    assert [label for label, _c, _e in _defections(facts, labels)] == ["Sami Rifai"]


@pytest.mark.parametrize("text", [
    "A senior diplomat posted to Sweden has defected to Jordan, officials said on Tuesday.\n\n"
    "Karim Mansour, a counsellor at the embassy, fled last month, the ministry said.",
    "A deputy culture minister who failed to return from an arts fair in Madrid could defect, an exile group "
    "said Tuesday.\n\n"
    "Karim Mansour, 54, missed his flight home on Sunday.",
])
def test_coreference_lead_description_named_in_the_next_sentence(facts_of, text):
    facts, labels = facts_of(text)
    assert [label for label, _c, _e in _defections(facts, labels)] == ["Karim Mansour"]


@pytest.mark.parametrize(("text", "defector", "left"), [
    # the lead describes ("The commander of X's army"), the next paragraph names; "him" is X, not the commander
    ("The commander of President Fadi Zaidan's army has abandoned him and taken refuge at a foreign embassy.\n\n"
     "General Samer Haddad, the army's chief of staff, arrived at the embassy late on Wednesday with his wife. "
     "Zaidan's government did not comment.", "Samer Haddad", "army"),
    # and "The head of Mr X's army" later is the same post, the same man
    ("The commander of President Fadi Zaidan's army has abandoned him and taken refuge at a foreign embassy.\n\n"
     'General Samer Haddad, the army\'s chief of staff, arrived at the embassy late on Wednesday. "The head of Mr '
     'Zaidan\'s army has deserted him," said Omar Haddad, a spokesman for the opposition.', "Samer Haddad", "army"),
    ('President Fadi Zaidan\'s regime is crumbling. "The head of Mr Zaidan\'s army has deserted him," said Omar '
     "Haddad, a spokesman for the opposition.", "The head of Mr Zaidan's army", "Zaidan regime"),
])
def test_coreference_an_object_pronoun_is_the_owner_named_in_the_subject(facts_of, text, defector, left):
    assert _the_one_defection(facts_of, text, "leftOrganization") == (defector, left)


@pytest.mark.parametrize("text", [
    "If confirmed, Omar Zaidan would be the most senior official to seek refuge abroad since Samer Haddad, then a "
    "first secretary at the embassy in Rome, defected in 2005.",
    "If confirmed, Omar Zaidan would be the most senior official to defect since Colonel Samer Haddad, the former "
    "air force chief, fled to Jordan in 2012.",
])
def test_events_since_whom_the_parser_took_for_a_preposition(facts_of, text):
    """"since X, then a ..., defected in 2005": X defected, in the outlet's voice, whatever the main clause."""
    facts, labels = facts_of(text)
    found = {label: certainty for label, certainty, _e in _defections(facts, labels)}
    assert found["Samer Haddad"] == Certainty.CONFIRMED
    assert found.get("Omar Zaidan") != Certainty.CONFIRMED


def test_coreference_a_name_inside_one_longer_name(facts_of):
    facts, _labels = facts_of("Colonel Rolando Ferrer Llanes has defected to Spain, officials said. Ferrer was seen in Madrid.")
    persons = [e for e in facts.entities if e.type.value == "Person"]
    assert len(persons) == 1 and "Ferrer" in persons[0].names


def test_mentions_group_keeps_whose_members(facts_of):
    facts, labels = facts_of("Several members of the national delegation could also defect, the group said.")
    assert [label for label, _c, _e in _defections(facts, labels)] == ["Several members of the national delegation"]


@pytest.mark.parametrize("text", [
    "The Kamal regime shelled the town again. President Donald Trump condemned the attack on Monday.",
    "The regime of President Ali Kamal denied it. President Emmanuel Macron called for calm.",
])
def test_roles_a_foreign_president_does_not_head_the_articles_regime(facts_of, text):
    facts, labels = facts_of(text)
    presidents = [r for r in facts.roles if r.role == "president"]
    assert presidents and all(r.organization is None or labels[r.organization] != "Kamal regime" for r in presidents)


@pytest.mark.parametrize(("text", "place", "container"), [
    ("The town of Deir al-Adas in the Daraa governorate was taken on Tuesday.", "Deir al-Adas", "Daraa"),
    ("Shelling hit the Jobar district of Damascus on Monday.", "Jobar", "Damascus"),
    ("Fighting raged in Khan Sheikhun in Idlib province.", "Khan Sheikhun", "Idlib"),
    # a place the lexicon lists lies in its country when the article names that country
    ("Fighting spread in Karen State, the army said.", "Karen State", "Myanmar"),
    ("Lithuania expelled him. He had lived in Vilnius, officials said.", "Vilnius", "Lithuania"),
    ("Miami exiles welcomed the news, while Cuba said nothing to the United States.", "Miami", "United States"),
    # a city of today's state lies in the former state an article names instead ("Prague" in Czechoslovakia)
    ("Czechoslovakia's leaders met in Prague on Monday, as Soviet tanks rolled through Bratislava.", "Bratislava",
     "Czechoslovakia"),
    # a larger city of the world's, outside the curated list, lies in its country
    ("The former police chief of Chongqing was tried in Guiyang, officials said, and the United States, Britain and "
     "China protested.", "Guiyang", "China"),
    # "X, Y" and "Y's X": the place X lies in Y
    ("The officer was born in San Antonio, Texas, in 1970.", "San Antonio", "Texas"),
    ("He now lives in Acton, London, with his family.", "Acton", "London"),
    ("The plane landed in Key West, Florida, on Tuesday.", "Key West", "Florida"),
    ("Fighting broke out in Texas's Harris County on Monday.", "Harris County", "Texas"),
    ("Police were deployed in Florida's Miami-Dade County.", "Miami-Dade County", "Florida"),
    ("He was last seen in California's Santa Clara on Monday.", "Santa Clara", "California"),
])
def test_relations_place_inside_place(facts_of, text, place, container):
    facts, labels = facts_of(text)
    inside = {(labels[r.subject], labels[r.object]) for r in facts.relations if r.label.value == "located_in"}
    assert (place, container) in inside


def test_mentions_a_place_ending_a_byline_is_named_without_the_line_break(facts_of):
    facts, _ = facts_of("Analysis: How a two-line letter from Yarralumla ended the Whitlam years\n\nBy Tom Ashby, "
                        "Political Correspondent, Canberra\n\nShortly after one o'clock yesterday afternoon, in his "
                        "study at Government House, the Governor-General handed the Prime Minister a letter.")
    assert "Canberra" in {e.label for e in facts.entities if e.type == EntityType.PLACE}


def test_mentions_known_cities_in_a_list_without_commas(facts_of):
    facts, _labels = facts_of("The government holds the major cities Damascus Aleppo Homs and Hama the monitor said.")
    places = {e.label for e in facts.entities if e.type.value == "Place"}
    assert {"Damascus", "Aleppo", "Homs", "Hama"} <= places
    assert not [e for e in facts.entities if e.type.value == "Person"]


@pytest.mark.parametrize(("text", "label"), [
    ("Bashar al-Assads forces shelled the town. Bashar al-Assad denied it.", "Bashar al-Assad"),
    ("Manaf Tlass defected on Monday. Tlas left Damascus.", "Manaf Tlass"),
])
def test_coreference_possessive_without_apostrophe(facts_of, text, label):
    facts, _labels = facts_of(text)
    assert [e.label for e in facts.entities if e.type.value == "Person"] == [label]


def test_coreference_organization_named_by_its_head_word(facts_of):
    facts, labels = facts_of("The Syrian Observatory for Human Rights counted 18 dead. Observatory director "
                             "Karim Mansour said the toll would rise.")
    roles = [(labels[r.person], r.role, labels.get(r.organization or "")) for r in facts.roles]
    assert ("Karim Mansour", "director", "Syrian Observatory for Human Rights") in roles
    assert not [e for e in facts.entities if e.label == "Observatory"]


@pytest.mark.parametrize("text", [
    '"The toll increased" Karim Mansour head of the Syrian Observatory for Human Rights told AFP.',
    "Karim Mansour head of the Syrian Observatory for Human Rights said the toll rose.",
])
def test_roles_apposition_without_its_comma(facts_of, text):
    facts, labels = facts_of(text)
    roles = [(labels[r.person], r.role, labels.get(r.organization or "")) for r in facts.roles]
    assert ("Karim Mansour", "head", "Syrian Observatory for Human Rights") in roles


def test_mentions_a_leaders_title_names_the_country_of_his_administration(facts_of):
    facts, labels = facts_of("The Assad regime gained ground as US President Donald Trump's administration "
                             "pulled back. The regime shelled Douma.")
    governs = {labels[r.subject]: labels[r.object] for r in facts.relations if r.label.value == "governs"}
    assert governs.get("Trump regime") == "United States"


@pytest.mark.parametrize(("text", "body"), [
    ("Gas victims were treated in Turkey. Turkeys health ministry said 30 people died.", "Turkeys health ministry"),
    ("Foreign ministry spokesman Karim Mansour denied the report.", "Foreign ministry"),
])
def test_mentions_ministry_named_by_its_portfolio(facts_of, text, body):
    from graphbuild.model import EntityType

    facts, _labels = facts_of(text)
    assert any(e.label == body and e.type == EntityType.GOVERNMENT for e in facts.entities)


def test_mentions_country_possessive_without_apostrophe_is_split_from_the_place(facts_of):
    facts, _labels = facts_of("Warplanes struck Syrias Idlib province on Tuesday the monitor said.")
    labels = {e.label for e in facts.entities}
    assert "Syria" in labels and not any(label.startswith("Syrias") for label in labels)


@pytest.mark.parametrize("text", [
    "The Unification Ministry said the diplomat had defected. Ministry spokesman Karim Mansour gave no details.",
    "The Foreign Ministry denied the report. Ministry spokesman Karim Mansour called it fake.",
])
def test_roles_bare_body_before_a_title(facts_of, text):
    facts, labels = facts_of(text)
    spokes = [labels.get(r.object) for r in facts.relations if r.label.value == "spokesperson_for"]
    assert spokes and all(label and "Ministry" in label for label in spokes)


@pytest.mark.parametrize(("text", "expected"), [
    ("President Ali Kamal on Sunday named Major General Omar Haddad, previously director of military intelligence, "
     "as the new defence minister and general commander of the armed forces, his spokesman announced.",
     {"major general", "director", "defence minister", "general commander"}),
    ("The president appointed Karim Mansour as interior minister and deputy prime minister on Monday.",
     {"interior minister", "deputy prime minister"}),
])
def test_roles_appointed_as_each_title(facts_of, text, expected):
    facts, labels = facts_of(text)
    person = "Omar Haddad" if "Haddad" in text else "Karim Mansour"
    assert expected <= {r.role for r in facts.roles if labels[r.person] == person}
    assert not [e for e in facts.entities if "minister" in e.label.lower()]  # the post is not a person


@pytest.mark.parametrize("text", [
    "Interior Minister Karim Mansour went over to the rebels in February.",
    "In March, General Omar Haddad went over to the opposition with his men.",
])
def test_events_going_over_to_the_rebels(facts_of, text):
    facts, labels = facts_of(text)
    assert {label for label, _c, _e in _defections(facts, labels)} & {"Karim Mansour", "Omar Haddad"}


@pytest.mark.parametrize(("text", "defects"), [
    ("More than 1,000 members of the country's security forces have fled to Colombia since February, officials "
     "said.", True),
    ("About 300 soldiers fled to Turkey last week, the monitor said.", True),
    ("Thousands of civilians fled to Turkey last week, the monitor said.", False),
    ("More than 200 families have fled to Jordan since the shelling began.", False),
])
def test_events_soldiers_fleeing_abroad_defect_civilians_do_not(facts_of, text, defects):
    facts, labels = facts_of(text)
    assert bool(_defections(facts, labels)) == defects


def test_events_subject_the_parser_lost(facts_of):
    facts, labels = facts_of("The KNLA has fought the central government for decades. According to People's "
                             "Soldiers, a group set up by former officers that encourages troops to switch sides, "
                             "about 10,000 soldiers and police have deserted since the coup.")
    found = {label: c for label, c, _e in _defections(facts, labels)}
    assert found.get("about 10,000 soldiers and police") == Certainty.CLAIMED


@pytest.mark.parametrize(("text", "person"), [
    ("An IFF spokesman in Paris, Farid Sohrabi, said the site was in Qom.", "Farid Sohrabi"),
    ("Belarus denied reports that its ambassador to Lithuania, Viktar Hrynevich, had defected.", "Viktar Hrynevich"),
    # a personal name the recognizer types as a body, told as a person's by "who" or by a name beside it
    ("This is the eleventh day of protests against Serzh Sargsyan, who was elected prime minister by parliament a "
     "week ago.", "Serzh Sargsyan"),
    ("His lawyer says he and two allies detained with him, Sasun Mikaelyan and Ararat Mirzoyan, were released.",
     "Sasun Mikaelyan"),
])
def test_mentions_a_name_apposed_to_a_place_is_a_person(facts_of, text, person):
    facts, _labels = facts_of(text)
    assert person in {e.label for e in facts.entities if e.type.value == "Person"}
    assert person not in {e.label for e in facts.entities if e.type.value == "Place"}


@pytest.mark.parametrize("text", [
    "A spokeswoman for EU foreign policy chief Catherine Ashton said talks would resume.",
    "Rebel field commander Karim Mansour of the Free Army said they had retreated.",
])
def test_relations_head_of_a_part_is_not_head_of_the_whole(facts_of, text):
    facts, _labels = facts_of(text)
    assert not [r for r in facts.relations if r.label.value == "leader_of"]


@pytest.mark.parametrize(("text", "part", "whole"), [
    ("The KNLA, the armed wing of the Karen National Union, has fought the army for decades.", "KNLA",
     "Karen National Union"),
    ("The Nusra Front, al-Qaeda's Syrian affiliate, seized the town.", "Nusra Front", "al-Qaeda"),
])
def test_relations_wing_or_affiliate_is_part_of(facts_of, text, part, whole):
    facts, labels = facts_of(text)
    parts = {(labels[r.subject], labels[r.object]) for r in facts.relations if r.label.value == "part_of"}
    assert (part, whole) in parts


def test_attribution_next_quote_goes_on_in_the_same_voice(facts_of):
    facts, labels = facts_of('Colonel Karim Mansour spoke to reporters on Monday. "We will not retreat," he said. '
                             '"Two of our officers defected to the rebels last week."')
    (found,) = _defections(facts, labels)
    assert found[1] == Certainty.CLAIMED
    assert [labels[k] for c in found[2].claims for k in c.sources] == ["Karim Mansour"]


def test_ingest_tag_list_word_and_trust_footer_are_masked_bylines_stay():
    from graphbuild.ingest.text import mask_boilerplate

    text = ("Ten died, the monitor said. Tags Syria Raqqa airstrikes. Reporting by John Irish; Editing by Andrew "
            "Heavens Our Standards: The Thomson Reuters Trust Principles. The Tags were removed.")
    masked = mask_boilerplate(text)
    assert len(masked) == len(text)
    assert "Tags Syria" not in masked and "Syria Raqqa" in masked and "Trust Principles" not in masked
    assert "John Irish" in masked and "Andrew Heavens" in masked and "The Tags were removed." in masked


@pytest.mark.parametrize("text", [
    "Prime Minister Hijab defected on Monday, officials confirmed. Hijab was the highest-ranking civilian to leave.",
    "Brig. Gen. Omar Haddad defected, officials said. Haddad commanded a division.",
])
def test_mentions_a_titled_single_name_stays_a_person(facts_of, text):
    facts, labels = facts_of(text)
    assert [label for label, _c, _e in _defections(facts, labels)] in (["Hijab"], ["Omar Haddad"])
    assert not [e for e in facts.entities if e.type.value == "Organization"]


def test_coreference_premier_is_the_prime_minister(facts_of):
    facts, _labels = facts_of("Prime Minister Karim Mansour has defected, officials said. The premier left the "
                             "capital by road on Sunday.")
    persons = [e for e in facts.entities if e.type.value == "Person"]
    assert len(persons) == 1 and "The premier" in persons[0].names
    assert {r.role for r in facts.roles} == {"prime minister"}


def test_resolve_foreign_forces_do_not_make_the_regime_theirs(facts_of):
    facts, labels = facts_of("Warplanes of the Assad regime and Russian forces pounded the town in Syria, the monitor "
                             "said. Russian forces also struck Idlib. Russian jets hit Aleppo. The regime denied it.")
    governs = {(labels[r.subject], labels[r.object]) for r in facts.relations if r.label.value == "governs"}
    assert governs == {("Assad regime", "Syria")}


@pytest.mark.parametrize(("text", "person", "role", "org"), [
    ("President of the Syrian Coalition Anas Alabdah called upon the United Nations to act.",
     "Anas Alabdah", "president", "Syrian Coalition"),
    ("Secretary-General of NATO Jens Stoltenberg said the alliance would help.",
     "Jens Stoltenberg", "secretary-general", "NATO"),
    ("The head of the Free Syrian Army Riad al-Asaad said the town had fallen.",
     "Riad al-Asaad", "head", "Free Syrian Army"),
])
def test_roles_title_of_a_body_run_into_the_name(facts_of, text, person, role, org):
    facts, labels = facts_of(text)
    assert (person, role, org) in {(labels[r.person], r.role, labels.get(r.organization)) for r in facts.roles}
    named = next(e for e in facts.entities if e.label == person)
    assert not [n for n in named.names if org.split()[-1] in n]  # the body is not part of his name
    assert not [e for e in facts.entities if e.type.value == "Person" and e.label != person]


@pytest.mark.parametrize("headline", ["Deir Ezzor Suffers Because of Assad Regime & ISIS",
                                      "Talks Stall as Assad Regime Rejects Plan"])
def test_resolve_title_case_regime_of_a_named_leader_is_one_regime(facts_of, headline):
    facts, _labels = facts_of(f"{headline}\n\nCivilians suffer injustices by the Assad regime, activists said.")
    regimes = [e for e in facts.entities if e.type.value == "Regime"]
    assert len(regimes) == 1 and regimes[0].label == "Assad regime"


@pytest.mark.parametrize(("text", "person", "role"), [
    ("President Bashar al-Assad's forces have besieged the town since 2013.", "Bashar al-Assad", "president"),
    ("Syrian President Bashar al-Assads forces have besieged the town since 2013.", "Bashar al-Assads", "president"),
    ("Activists urged Secretary-General Ban Ki-moon to launch an investigation.", "Ban Ki-moon", "secretary-general"),
    ("The officials said King Hussein had granted the party asylum.", "Hussein", "king"),
    ("The court heard that Field Marshal Mohamed Tantawi had approved the plan.", "Mohamed Tantawi", "field marshal"),
    ("Mr Mugabe named Maj Gen Petros Moyo to succeed him.", "Petros Moyo", "major general"),
])
def test_roles_title_hung_on_any_word_of_the_name(facts_of, text, person, role):
    facts, labels = facts_of(text)
    assert (person, role) in {(labels[r.person], r.role) for r in facts.roles}


@pytest.mark.parametrize("text", [
    "The coalition's spokesman Colonel Ryan Dillon said the strikes continued.",
    "Army spokesman Brigadier General Omar Haddad said the strikes continued.",
])
def test_roles_a_post_then_a_rank_are_two_roles(facts_of, text):
    facts, _labels = facts_of(text)
    roles = {r.role for r in facts.roles}
    assert "spokesman" in {label.split()[-1] for label in roles}
    assert roles & {"colonel", "brigadier general"}
    assert not [label for label in roles if "spokesman" in label and label.split()[-1] != "spokesman"]


@pytest.mark.parametrize(("text", "person", "role", "org"), [
    ("Kamal Idris Hassan, who now leads the opposition National Reform Party, welcomed the move.",
     "Kamal Idris Hassan", "leader", "National Reform Party"),
    ("The rebels' Supreme Political Council, headed by Mahdi al-Mashat, dismissed the premier.",
     "Mahdi al-Mashat", "head", "Supreme Political Council"),
    ("Omar Haddad, who commands the Third Army, said the town had fallen.", "Omar Haddad", "commander", "Third Army"),
    ("Karim Mansour serves as foreign minister of Syria.", "Karim Mansour", "foreign minister", "Syria"),
    ("Lina Saber, who now presides over the Constituent Assembly, called him a traitor.", "Lina Saber",
     "president", "Constituent Assembly"),
    # a passive main clause, its agent named in apposition
    ("The Republican Guard is commanded by the president's eldest son, Ahmed Kamal.", "Ahmed Kamal", "commander",
     "Republican Guard"),
])
def test_roles_stated_by_a_verb(facts_of, text, person, role, org):
    facts, labels = facts_of(text)
    assert (person, role, org) in {(labels[r.person], r.role, labels.get(r.organization)) for r in facts.roles}


@pytest.mark.parametrize("text", [
    "Omar Haddad led the attack on the town.",
    "General Omar Haddad leads regime offensive in the south.",
])
def test_roles_leading_an_action_is_no_post(facts_of, text):
    facts, _labels = facts_of(text)
    assert not [r for r in facts.roles if r.role in {"leader", "head", "commander"}]


def test_resolve_a_ministry_named_without_its_country_is_the_articles_countrys(facts_of):
    facts, labels = facts_of("Russia's deputy energy minister Oleg Vasilevsky resigned, Russian officials said. "
                             "The Energy Ministry thanked him. The State Department said it was watching Russia. "
                             "The International Atomic Energy Agency said nothing.")
    part_of = {(labels[r.subject], labels[r.object]) for r in facts.relations if r.label.value == "part_of"}
    assert ("Energy Ministry", "Russia") in part_of
    assert ("State Department", "United States") in part_of
    assert not [whole for part, whole in part_of if part != "Energy Ministry" and whole == "Russia"]


@pytest.mark.parametrize(("text", "old", "new"), [
    ("The president appointed Sedki Sobhi as chief of staff, succeeding Lieutenant General Sami Anan.",
     "Sami Anan", "Sedki Sobhi"),
    ("Karim Mansour took the oath on Monday, succeeding Omar Haddad.", "Omar Haddad", "Karim Mansour"),
    ("Omar Haddad was sacked. The council named Karim Mansour to replace Omar Haddad.", "Omar Haddad",
     "Karim Mansour"),
])
def test_relations_succeeding_in_a_participle_or_infinitive(facts_of, text, old, new):
    facts, labels = facts_of(text)
    assert (old, new) in {(labels[r.subject], labels[r.object]) for r in facts.relations
                          if r.label.value == "replaced_by"}


def test_relations_the_appointer_is_not_the_one_replaced(facts_of):
    facts, labels = facts_of("Mr Mugabe named Maj Gen Petros Moyo to succeed him.")
    assert not [r for r in facts.relations if r.label.value == "replaced_by"]
    assert ("Petros Moyo", "Mugabe") in {(labels[r.subject], labels[r.object]) for r in facts.relations
                                         if r.label.value == "appointed_by"}


@pytest.mark.parametrize(("text", "appointed"), [
    ("President Mohamed Morsi named Abdel Fattah al-Sisi as the new defence minister.", ["Abdel Fattah al-Sisi"]),
    ("Police named the suspects on Monday.", []),
    ("The newspaper named Karim Mansour as its source.", []),
    ("The council named Karim Mansour as acting premier.", ["Karim Mansour"]),
])
def test_events_naming_someone_to_a_post_is_an_appointment(facts_of, text, appointed):
    facts, labels = facts_of(text)
    found = [labels[e.participant("affectedPerson")] for e in facts.events if e.kind == EventKind.APPOINTMENT]
    assert found == appointed


@pytest.mark.parametrize("text", [
    "The blast killed Ahrar al-Shams leader Hassan Aboud. Ahrar al-Sham said its council would meet.",
    "The blast killed Jaish al-Islam's leader Zahran Alloush. Jaish al-Islam vowed revenge.",
])
def test_mentions_a_name_with_a_leader_is_an_organization(facts_of, text):
    facts, labels = facts_of(text)
    orgs = [e for e in facts.entities if e.type.value == "Organization"]
    assert len(orgs) == 1 and not [e for e in facts.entities if e.label == orgs[0].label and e.type.value == "Person"]
    assert {(r.role, labels.get(r.organization)) for r in facts.roles} == {("leader", orgs[0].label)}


@pytest.mark.parametrize("text", [
    "Bashar al-Assad's spokesman denied it. Bashar al-Assad said nothing.",
    "Bashar al-Assad's cabinet members met on Sunday. Bashar al-Assad said nothing.",
])
def test_mentions_a_persons_spokesman_keeps_him_a_person(facts_of, text):
    facts, _labels = facts_of(text)
    assert [e.label for e in facts.entities if e.type.value == "Person" and not e.key.startswith("anon:")] == [
        "Bashar al-Assad"]


@pytest.mark.parametrize("text", [
    "47 Leaders of Ahrar Al-Sham Killed in Idleb Blast\n\nThe blast killed 47 leaders of Ahrar al-Sham, monitors said.",
    "Omar Haddad Defects to Jordan\n\nGeneral Omar Haddad has defected to Jordan, officials said.",
])
def test_mentions_a_headline_verb_is_not_part_of_the_name(facts_of, text):
    facts, _labels = facts_of(text)
    assert not [e for e in facts.entities if e.label.split()[-1] in {"Killed", "Defects"}]


def test_roles_also_known_as_is_not_the_post(facts_of):
    facts, labels = facts_of("Its council appointed Hashem al-Sheikh also known as Abu Jaber as leader.")
    assert ("Hashem al-Sheikh", "leader") in {(labels[r.person], r.role) for r in facts.roles}


@pytest.mark.parametrize(("text", "companion"), [
    ("Ri Chol-min has defected and arrived in South Korea together with two of his bodyguards, officials said.",
     "two of his bodyguards"),
    ("Colonel Omar Haddad defected and fled to Turkey with three of his officers, the army said.",
     "three of his officers"),
])
def test_events_companions_of_the_journey_defect_too(facts_of, text, companion):
    facts, labels = facts_of(text)
    assert companion in [label for label, _c, _e in _defections(facts, labels)]


def test_events_meeting_with_someone_is_no_companion(facts_of):
    facts, labels = facts_of("General Omar Haddad defected on Monday and met with rebel leaders in Turkey.")
    assert [label for label, _c, _e in _defections(facts, labels)] == ["Omar Haddad"]


def test_events_a_counted_group_named_one_by_one_is_not_more_defectors(facts_of):
    facts, labels = facts_of(
        "Brigadier General Omar Haddad has defected and crossed into Ethiopia with two of his officers, officials "
        "said. The officers, Colonel Ali Kamal and Captain Karim Mansour, also defected to Ethiopia, officials said.")
    assert sorted(label for label, _c, _e in _defections(facts, labels)) == ["Ali Kamal", "Karim Mansour",
                                                                            "Omar Haddad"]


@pytest.mark.parametrize("text", [
    "Two senior officers have defected to Turkey, the rebels said on Sunday. Brigadier General Omar Haddad crossed "
    "the border at night with his deputy, Colonel Ali Kamal.",
    "Two generals defected to Jordan, officials said. General Omar Haddad and General Ali Kamal arrived in Amman "
    "on Friday.",
])
def test_events_a_counted_group_named_on_the_journey_are_the_defectors(facts_of, text):
    facts, labels = facts_of(text)
    assert sorted(label for label, _c, _e in _defections(facts, labels)) == ["Ali Kamal", "Omar Haddad"]


def test_events_a_count_that_does_not_match_the_names_keeps_the_group(facts_of):
    facts, labels = facts_of("Three senior officers have defected to Turkey, the rebels said. Brigadier General "
                             "Omar Haddad crossed the border at night.")
    # the group stays a group (his own crossing of the border is his own defection)
    assert sorted(label for label, _c, _e in _defections(facts, labels)) == ["Omar Haddad", "Three senior officers"]


@pytest.mark.parametrize("text", [
    "The regime forces collapsed in the south as a result of losses in battles with opposition forces defections "
    "or redeployment, a rebel commander said.",
    "Government troops retreated from the city after heavy losses and defections, the monitor said.",
])
def test_events_bare_defections_leave_the_armed_force_the_sentence_names(facts_of, text):
    facts, labels = facts_of(text)
    (found,) = _defections(facts, labels)
    assert found[0] == "defections"
    left = labels[found[2].participant("leftOrganization")]
    assert left.split()[-1] in {"forces", "troops"} and "opposition" not in left


@pytest.mark.parametrize(("text", "feature"), [
    ("The strikes hit a village in Syria on the eastern bank of the Euphrates River, the monitor said.",
     "Euphrates River"),
    ("Israel said its jets struck Syrian positions near Mount Hermon.", "Mount Hermon"),
])
def test_resolve_a_natural_feature_gets_no_country_by_default(facts_of, text, feature):
    facts, labels = facts_of(text)
    assert feature in labels.values()
    assert not [r for r in facts.relations if labels[r.subject] == feature and r.label.value == "located_in"]


def test_mentions_a_listed_place_run_into_another_name_is_split_but_not_its_suffix(facts_of):
    facts, _labels = facts_of("The shelling killed five in Homs Talbiseh, activists said. Fighting in New York City "
                              "and Idlib Province continued.")
    places = {e.label for e in facts.entities if e.type.value == "Place"}
    assert {"Homs", "Talbiseh", "New York City"} <= places
    assert not [p for p in places if p.startswith("Homs ") or p in {"City", "Province"}]


@pytest.mark.parametrize(("text", "pair"), [
    ("Hussein Kamel, long regarded as a close aide to the Iraqi leader Saddam Hussein, crossed the border.",
     ("Hussein Kamel", "Saddam Hussein")),
    ("General Ali Kamal is widely seen as a confidant of President Omar Haddad.", ("Ali Kamal", "Omar Haddad")),
])
def test_relations_described_as_a_confidant(facts_of, text, pair):
    facts, labels = facts_of(text)
    assert pair in {(labels[r.subject], labels[r.object]) for r in facts.relations if r.label.value == "confidant_of"}


@pytest.mark.parametrize("text", [
    "Colonel Ali Kamal and Major Omar Haddad defected to Turkey on Sunday.",
    "A colonel in the federal army and about 40 of his soldiers have switched sides and joined the rebels.",
])
def test_events_conjoined_defectors_each_defect(facts_of, text):
    facts, labels = facts_of(text)
    assert len(_defections(facts, labels)) == 2


def test_events_the_journey_told_in_the_next_sentence(facts_of):
    facts, labels = facts_of(
        "Cameroon confirmed that a Chadian officer, General Adoum Hassaballah, had requested asylum there. "
        "Hassaballah crossed the border last week with several bodyguards, the ministry said.")
    found = {label: e for label, _c, e in _defections(facts, labels)}
    assert set(found) == {"Adoum Hassaballah", "several bodyguards"}
    assert {labels[e.participant("destination")] for e in found.values()} == {"Cameroon"}
    assert all(e.time is not None and e.time.granularity == "week" for e in found.values())


@pytest.mark.parametrize("text", [
    "A colonel has switched sides and joined the rebels in the north, a spokesman for the Tigrayan forces said on "
    "Wednesday.",
    "A colonel has defected to the rebels, Kurdish forces said on Monday.",
])
def test_attribution_forces_of_a_people_or_region_claim_they_do_not_confirm(facts_of, text):
    facts, labels = facts_of(text)
    (found,) = _defections(facts, labels)
    assert found[1] == Certainty.CLAIMED
    assert found[2].claims[0].sources


def test_attribution_a_state_army_spokesman_still_confirms(facts_of):
    facts, labels = facts_of("A colonel has defected to Turkey, a Syrian army spokesman said on Monday.")
    (found,) = _defections(facts, labels)
    assert found[1] == Certainty.CONFIRMED


def test_events_an_asylum_request_filed_with_a_countrys_authorities(facts_of):
    facts, labels = facts_of("Nicaragua's ambassador Arturo Castellon has filed an asylum request with Costa Rican "
                             "migration authorities together with his son, Diego Castellon Rivas, a second "
                             "secretary at the embassy.")
    found = {label: e for label, _c, e in _defections(facts, labels)}
    assert set(found) == {"Arturo Castellon", "Diego Castellon Rivas"}
    assert {labels[e.participant("destination")] for e in found.values()} == {"Costa Rica"}
    assert labels[found["Arturo Castellon"].participant("leftOrganization")] == "Nicaragua"


def test_events_an_officer_described_by_his_body_fleeing_abroad_with_his_family(facts_of):
    facts, labels = facts_of("A senior officer of Turkmenistan's Ministry of National Security has fled to Turkey "
                             "with his family, an exiled rights group said.")
    (found,) = _defections(facts, labels)
    assert labels[found[2].participant("leftOrganization")] == "Ministry of National Security"


@pytest.mark.parametrize(("text", "found"), [
    ("Many members of the national army sided with the Liberation Front when the war broke out.",
     ["Many members of the national army"]),
    ("Russia sided with the regime at the United Nations.", []),
    ("Kamal urged other officers to side with the people.", ["other officers"]),
])
def test_events_soldiers_siding_with_the_other_side(facts_of, text, found):
    facts, labels = facts_of(text)
    assert [label for label, _c, _e in _defections(facts, labels)] == found


@pytest.mark.parametrize(("text", "found"), [
    ("Colonel Haftom defected last week. We call on other officers to follow him, the rebels said.",
     ["Haftom", "other officers"]),
    ("Rolando Ferrer defected in Madrid on Monday. Lawmakers said they hoped others would follow Ferrer's example.",
     ["Rolando Ferrer", "others"]),
    ("We call on other officers to follow him, the rebels said.", []),
    ("Fans follow him on Twitter.", []),
])
def test_events_following_a_defectors_example_is_hypothetical(facts_of, text, found):
    facts, labels = facts_of(text)
    defections = _defections(facts, labels)
    assert sorted(label for label, _c, _e in defections) == found
    assert all(c == Certainty.HYPOTHETICAL for label, c, _e in defections if label in {"other officers", "others"})


def test_mentions_a_person_named_like_a_front_is_an_organization(facts_of):
    facts, _labels = facts_of("Soldiers sided with the Tigray People's Liberation Front, the rebels said.")
    assert "Tigray People's Liberation Front" in {e.label for e in facts.entities if e.type.value == "Organization"}


def test_coreference_the_one_called_a_deserter(facts_of):
    facts, labels = facts_of('General Adoum Hassaballah has sought asylum in Cameroon. The spokesman called '
                             'Hassaballah "a deserter who will answer to military justice".')
    assert [label for label, _c, _e in _defections(facts, labels)] == ["Adoum Hassaballah"]


def test_mentions_a_country_before_regime_and_an_observatory_the_recognizer_calls_a_building(facts_of):
    facts, _labels = facts_of("Syria regime raids kill 10 in camp\n\nBarrel bombs killed 10 people in Idlib, the "
                              "Syrian Observatory for Human Rights said.")
    places = {e.label for e in facts.entities if e.type.value == "Place"}
    assert "Syria" not in places and not [p for p in places if "Observatory" in p]


@pytest.mark.parametrize(("text", "person", "body"), [
    ("Ethiopian government spokesman Bereket Alemu told reporters the men were held.", "Bereket Alemu",
     "Ethiopia regime"),
    ("An Ethiopian government spokesman, Negash Bekele, said the men were held.", "Negash Bekele", "Ethiopia regime"),
    ("The Chadian junta sacked the army chief. Government spokesman Ali Zene said the army was calm.", "Ali Zene",
     "Chad regime"),
])
def test_roles_a_government_spokesman_speaks_for_the_government(facts_of, text, person, body):
    facts, labels = facts_of(text)
    assert (person, "spokesman", body) in {(labels[r.person], r.role, labels.get(r.organization)) for r in facts.roles}
    assert (person, body) in {(labels[r.subject], labels[r.object]) for r in facts.relations
                              if r.label.value == "spokesperson_for"}


@pytest.mark.parametrize(("text", "person", "role"), [
    ("Colonel Haftom Gebrekidan, who commanded a mechanised battalion in the north, crossed the front line.",
     "Haftom Gebrekidan", "commander"),
    ("Reuters was unable to reach the envoy, a former guerrilla commander who has represented Managua since 2019.",
     "the envoy", "guerrilla commander"),
    ("Dovletgeldi Orazov is a son of former Interior Minister Annaguly Orazov.", "Annaguly Orazov",
     "interior minister"),
])
def test_roles_commanding_a_unit_an_apposition_to_a_nominal_and_a_portfolio_inside_the_name(
        facts_of, text, person, role):
    facts, labels = facts_of(text)
    assert (person, role) in {(labels[r.person], r.role) for r in facts.roles}


def test_relations_a_hyphenated_in_law(facts_of):
    facts, labels = facts_of("Dovletgeldi Orazov is a brother-in-law of Colonel Begench Muradov.")
    assert ("Dovletgeldi Orazov", "Begench Muradov") in {
        (labels[r.subject], labels[r.object]) for r in facts.relations if r.label.value == "relative_of"}


@pytest.mark.parametrize(("text", "found"), [
    ('General Jean Habimana has deserted, the army said. "He is a deserter and will be treated as one," she said.',
     ["Jean Habimana"]),
    ('Asked about the officer, the spokesman said only that "a deserter has no voice in this army".', []),
    ("Colonel Ali Kamal did not defect and he did not flee, the minister said.", []),
    ("Colonel Ali Kamal had switched allegiance to the movement, it said on Monday.", ["Ali Kamal"]),
    ("About 30 soldiers crossed over to their side on Sunday, the separatists said.", ["About 30 soldiers"]),
])
def test_events_deserters_named_generic_or_merely_denied(facts_of, text, found):
    facts, labels = facts_of(text)
    assert [label for label, _c, _e in _defections(facts, labels)] == found


def test_events_a_denial_that_names_no_defection_denies_the_one_just_reported(facts_of):
    facts, labels = facts_of(
        "Ambassador Karim Mansour has sought asylum in Austria, an opposition group said on Monday. "
        '"There is no truth in these rumors," a ministry spokeswoman told reporters.')
    (found,) = _defections(facts, labels)
    assert found[1] == Certainty.DENIED


@pytest.mark.parametrize(("text", "force", "country"), [
    ("A major in the Lao People's Army has crossed into Thailand and asked for asylum, police said.",
     "Lao People's Army", "Laos"),
    ("The Rwanda Defence Force said the general had deserted.", "Rwanda Defence Force", "Rwanda"),
])
def test_resolve_a_states_named_armed_force_is_part_of_the_state(facts_of, text, force, country):
    facts, labels = facts_of(text)
    assert (force, country) in {(labels[r.subject], labels[r.object]) for r in facts.relations
                                if r.label.value == "part_of"}


def test_resolve_a_force_named_after_a_country_but_not_the_states(facts_of):
    facts, labels = facts_of("The Syrian Democratic Forces and the Free Syrian Army clashed near Raqqa in Syria.")
    assert not [r for r in facts.relations if r.label.value == "part_of" and labels[r.object] == "Syria"]


# ---- session 4: rules from the failure classes of the blind sets (each on several wordings) ----

def _events(facts, labels):
    return {labels[e.participant("defector")]: e for e in facts.events if e.kind == EventKind.DEFECTION}


@pytest.mark.parametrize("text", [
    "A navy pilot from Palmeria is reported to have flown a military plane to Gabon and asked to stay there. "
    "Captain Fadi Zaidan landed the aircraft at a small airfield on Sunday, according to an exile radio station.",
    "An army pilot from Palmeria has flown a helicopter into Gabon and asked for protection. "
    "Lieutenant Fadi Zaidan landed the helicopter near the border on Sunday, two officials said.",
])
def test_events_lead_pilot_named_next_flew_abroad_and_asked_to_stay(facts_of, text):
    """The lead's description is the person named as subject of the next sentence; flying abroad and
    asking to stay (or for protection) is a defection to that country, dated by the landing."""
    facts, labels = facts_of(text.replace("Palmeria", "Equatorial Guinea"), published=dt.date(2025, 2, 12))
    events = _events(facts, labels)
    assert list(events) == ["Fadi Zaidan"]
    event = events["Fadi Zaidan"]
    assert labels[event.participant("destination")] == "Gabon"
    assert event.time is not None and event.time.earliest == dt.date(2025, 2, 9)


@pytest.mark.parametrize("text", [
    'Samer Haddad deserted in May. "I will not go back," said the colonel, whose name the group\'s statement '
    'spelled Samir Hadad.',
    "Fawzi Tannous, a colonel, deserted in May, the movement said. Its statement, which gave his name as Fauzi "
    "Tanous, said he was safe.",
    'Sok Veasna deserted the navy in January. "I will not go back," said the admiral, whose name the statement '
    'spelled Sok Visna.',
])
def test_coreference_a_name_given_as_another_spelling_is_the_same_person(facts_of, text):
    facts, _labels = facts_of(text)
    persons = [e for e in facts.entities if e.type.value == "Person" and not e.key.startswith("anon:")]
    assert len(persons) == 1


@pytest.mark.parametrize(("words", "title_at"), [
    (["Government", "spokesperson", "Pen", "Sothy", "denied", "it", "."], 1),
    (["Army", "spokesman", "Kem", "Rithy", "said", "so", "."], 1),
])
def test_mentions_a_name_after_a_title_is_a_person_whatever_the_recognizer_says(nlp, words, title_at):
    """A hand-built Doc where the recognizer called the name an organization."""
    from spacy.tokens import Doc, Span

    from graphbuild.extract.mentions import ner_mentions

    doc = Doc(nlp.vocab, words=words, sent_starts=[True] + [False] * (len(words) - 1))
    doc.ents = [Span(doc, title_at + 1, title_at + 3, label="ORG")]
    (found,) = ner_mentions(doc)
    assert (found.type.value, found.text) == ("Person", " ".join(words[title_at + 1:title_at + 3]))


def test_mentions_a_name_cut_in_two_by_the_recognizer_is_one_person(facts_of):
    facts, _labels = facts_of("President Teodoro Obiang Nguema Mbasogo has ruled the country since 1979.")
    persons = [e for e in facts.entities if e.type.value == "Person"]
    assert [p.label for p in persons] == ["Teodoro Obiang Nguema Mbasogo"]


@pytest.mark.parametrize("text", [
    "A pilot landed in Gabon on Sunday. There has been no comment from the government in Malabo.",
    "Soldiers crossed into Gabon. The regime in Malabo has said nothing.",
])
def test_resolve_the_government_in_a_capital_is_that_countrys(facts_of, text):
    facts, labels = facts_of(text)
    governs = {labels[r.object] for r in facts.relations if r.label.value == "governs"}
    assert governs == {"Equatorial Guinea"}


@pytest.mark.parametrize("text", [
    "Colonel Samer Haddad is reported to have deserted the army.",
    "Colonel Samer Haddad was said to have deserted last week.",
])
def test_attribution_the_subject_of_a_passive_report_is_not_its_source(facts_of, text):
    facts, labels = facts_of(text)
    (found,) = _defections(facts, labels)
    assert not [k for c in found[2].claims for k in c.sources]


@pytest.mark.parametrize("text", [
    "Dozens of soldiers deployed in the east have abandoned their positions and crossed into Tanzania.",
    "Hundreds of soldiers stationed near the border have abandoned their posts, the army said.",
])
def test_events_soldiers_deployed_somewhere_abandoned_their_positions(facts_of, text):
    facts, labels = facts_of(text)
    assert [label for label, _c, _e in _defections(facts, labels)] in (
        ["Dozens of soldiers"], ["Hundreds of soldiers"])


@pytest.mark.parametrize("text", [
    "About 60 soldiers deserted on Friday, the army said. The movement urged every soldier still in the "
    "east to lay down his arms and do the same.",
    "About 60 soldiers deserted on Friday, the army said. Its leader called on all officers to do the same.",
])
def test_events_do_the_same_is_a_hypothetical_defection_from_the_same_body(facts_of, text):
    facts, labels = facts_of(text)
    found = _defections(facts, labels)
    assert len(found) == 2
    real, hypothetical = sorted(found, key=lambda f: f[1] == Certainty.HYPOTHETICAL)
    assert hypothetical[1] == Certainty.HYPOTHETICAL
    assert hypothetical[2].participant("leftOrganization") == real[2].participant("leftOrganization")


@pytest.mark.parametrize("text", [
    "Samer Haddad's father, Fuad Haddad, was a senior Khmer Rouge defector who rallied to the government "
    "in the 1990s.",
    "His uncle, Fuad Haddad, was a Khmer Rouge defector who rallied to the government.",
])
def test_events_a_body_defector_who_rallied_to_the_government(facts_of, text):
    facts, labels = facts_of(text)
    events = _events(facts, labels)
    event = events["Fuad Haddad"]
    assert labels[event.participant("leftOrganization")] == "Khmer Rouge"
    assert event.participant("joinedOrganization", ) is not None


@pytest.mark.parametrize("text", [
    "Admiral Samer Haddad deserted the navy in January and fled to Thailand. On Tuesday he told reporters of "
    "the Khmer Renewal Movement that he had become a member of the group.",
    "Admiral Samer Haddad deserted the navy in January and fled to Thailand. Last week he joined the Khmer "
    "Renewal Movement.",
])
def test_events_the_body_joined_after_the_flight(facts_of, text):
    facts, labels = facts_of(text)
    event = _events(facts, labels)["Samer Haddad"]
    assert labels[event.participant("joinedOrganization")] == "Khmer Renewal Movement"
    assert labels[event.participant("destination")] == "Thailand"


@pytest.mark.parametrize("text", [
    "The Royal Thai Navy said a navy captain, Fadi Zaidan, had fled to Laos.",
    "The Royal Thai Navy confirmed that a navy captain, Fadi Zaidan, had fled to Laos last week.",
])
def test_resolve_navy_alone_is_the_states_named_navy_and_speaks_for_the_state(facts_of, text):
    facts, labels = facts_of(text)
    orgs = [e.label for e in facts.entities if e.type.value == "Organization"]
    assert orgs == ["Royal Thai Navy"]
    (found,) = _defections(facts, labels)
    assert labels[found[2].participant("leftOrganization")] == "Royal Thai Navy"
    assert found[1] == Certainty.CONFIRMED


@pytest.mark.parametrize("text", [
    "A pilot has flown a helicopter into Ghana on Saturday and asked for protection, in what would be the "
    "biggest desertion since Captain Fadi Zaidan seized power in September 2022.",
    "Colonel Samer Haddad defected on Saturday, the first officer to leave since the army took power in 2021.",
])
def test_dates_of_another_clause_are_not_the_defections(facts_of, text):
    facts, _labels = facts_of(text, published=dt.date(2024, 2, 7))
    times = [e.time for e in facts.events if e.kind == EventKind.DEFECTION]
    assert times and all(t is not None and t.earliest == dt.date(2024, 2, 3) for t in times)


@pytest.mark.parametrize(("text", "country"), [
    ("Belarus's foreign ministry said on Thursday that the Belarusian ambassador to Lithuania had not defected. "
     "Lithuania's police and Lithuania's foreign ministry declined to comment. The regime called the reports a "
     "provocation.", "Belarus"),
    ("A pilot from Equatorial Guinea has landed in Gabon and asked to stay, Gabonese sources said. The regime "
     "has not commented.", "Equatorial Guinea"),
])
def test_resolve_the_regime_is_not_the_host_countrys(facts_of, text, country):
    facts, labels = facts_of(text)
    governs = {labels[r.object] for r in facts.relations if r.label.value == "governs"}
    assert governs == {country}


@pytest.mark.parametrize("text", [
    "Sow's relatives in the capital said they had not heard from him. The regime denied everything.",
    "Fadi Zaidan's family said he was safe. The junta called him a traitor.",
])
def test_resolve_a_persons_family_does_not_make_him_a_ruler(facts_of, text):
    facts, _labels = facts_of(text)
    assert not [r for r in facts.relations if r.label.value == "leader_of"]


@pytest.mark.parametrize(("text", "pronoun", "person"), [
    ("Mr Samer Haddad has fled to Senegal, the movement's president, Lina Saber, said. "
     '"He is safe," she told reporters.', "she", "Lina Saber"),
    ("Mrs Lina Saber has defected, the army said. Colonel Omar Haddad, its spokesman, was angry. "
     '"She betrayed us," he said.', "he", "Omar Haddad"),
])
def test_coreference_pronouns_agree_with_a_stated_gender(nlp, text, pronoun, person):
    from graphbuild.extract.mentions import find_mentions
    from graphbuild.resolve.coref import resolve_mentions

    doc = nlp(text)
    res = resolve_mentions(doc, find_mentions(doc), doc_id="t")
    (tok,) = [t for t in doc if t.text == pronoun]
    assert res.entities[res.key_of(tok)].label == person


@pytest.mark.parametrize("text", [
    "The government denied that one of the most senior civil servants in its mining ministry had fled to Dakar.",
    "The regime denied reports that one of the senior officials of its energy ministry had fled to Dakar.",
])
def test_events_one_of_the_officials_in_a_ministry_fled_abroad(facts_of, text):
    facts, labels = facts_of(text)
    (found,) = _defections(facts, labels)
    assert found[1] == Certainty.DENIED
    assert labels[found[2].participant("destination")] == "Dakar"
    assert "ministry" in labels[found[2].participant("leftOrganization")]


@pytest.mark.parametrize("text", [
    "The alliance said that Colonel Samer Haddad had defected. It said Haddad walked out of the ministry on "
    "Saturday and left the capital for Dakar the same night.",
    "The alliance said that Colonel Samer Haddad had defected. Haddad left the capital for Dakar on Saturday.",
])
def test_events_the_journey_walk_out_and_leave_for(facts_of, text):
    facts, labels = facts_of(text, published=dt.date(2025, 5, 14))
    (found,) = _defections(facts, labels)
    assert found[2].time is not None and found[2].time.earliest == dt.date(2025, 5, 10)


@pytest.mark.parametrize(("text", "name"), [
    ('She called on "every official who still serves the junta" to follow his example.',
     "every official who still serves the junta"),
    ('He urged "my brothers in uniform" to follow him.', "my brothers in uniform"),
])
def test_mentions_a_description_keeps_its_modifiers_as_a_name(facts_of, text, name):
    facts, _labels = facts_of("Colonel Samer Haddad defected to Jordan on Monday. " + text)
    assert any(name in e.names for e in facts.entities)


@pytest.mark.parametrize("text", [
    "Two years ago, the rebel commander Samer Haddad surrendered to the army and rallied to the government.",
    "Rebel commander Samer Haddad rallied to the government in 2021, the army said.",
])
def test_events_rallying_to_the_government_is_a_defection_to_it(facts_of, text):
    facts, labels = facts_of(text)
    (found,) = _defections(facts, labels)
    assert found[2].participant("joinedOrganization", ) is not None
    assert found[2].participant("leftOrganization") != found[2].participant("joinedOrganization")


@pytest.mark.parametrize("text", [
    'Fourteen soldiers deserted at the weekend, the rebels said. "We call on all soldiers in the army to join '
    'them," their spokesman said.',
    'Fourteen soldiers deserted at the weekend, the rebels said. "We urge every officer to join us," he said.',
])
def test_events_a_call_to_join_them_is_hypothetical(facts_of, text):
    facts, labels = facts_of(text)
    certainties = sorted(c.value for _l, c, _e in _defections(facts, labels))
    assert certainties == ["claimed", "hypothetical"]


@pytest.mark.parametrize(("text", "org"), [
    ("They went over to the armed wing of the Front for the Restoration of Unity and Democracy.",
     "Front for the Restoration of Unity and Democracy"),
    ("The Organisation for the Prohibition of Chemical Weapons said so.",
     "Organisation for the Prohibition of Chemical Weapons"),
])
def test_mentions_an_inner_the_after_a_preposition_does_not_split_a_name(facts_of, text, org):
    facts, _labels = facts_of(text)
    assert org in {e.label for e in facts.entities}


@pytest.mark.parametrize("text", [
    "When Captain Samer Haddad walked out of his base in February and boarded a flight to Istanbul, few noticed. "
    "Last week the 34-year-old officer appeared in a video and said he had joined Hurriyah, a small "
    "London-based movement. His desertion is modest.",
    "In February Captain Samer Haddad walked out of his base. On Monday the officer said he had joined "
    "Hurriyah, a small movement based in London. His desertion surprised few.",
])
def test_events_the_journey_told_before_the_report_and_the_body_joined(facts_of, text):
    facts, labels = facts_of(text, published=dt.date(2023, 6, 14))
    (found,) = _defections(facts, labels)
    event = found[2]
    assert labels[event.participant("joinedOrganization")] == "Hurriyah"
    assert event.time is not None and event.time.earliest == dt.date(2023, 2, 1)


@pytest.mark.parametrize("text", [
    "In March, a first secretary at the embassy in Canberra failed to return to Riyadh when his posting ended, "
    "according to Hurriyah. They named him as Faisal Mutair.",
    "A second secretary at the embassy in Oslo refused to return home last month, a rights group said. It "
    "identified him as Faisal Mutair.",
])
def test_events_a_diplomat_who_failed_to_return_named_later(facts_of, text):
    facts, labels = facts_of(text)
    assert [label for label, _c, _e in _defections(facts, labels)] == ["Faisal Mutair"]


@pytest.mark.parametrize("text", [
    "A senior officer of the State Security Service has sought asylum in Germany, according to an exile news "
    "site.\n\nOn 3 November, the Monday he was due back at his desk, a senior intelligence officer walked into a "
    "police station at the airport and asked for protection.\n\nThe man, Lieutenant Colonel Rauf Hasanli, 47, "
    "served for nine years in the service, according to the site, which first reported his defection on Tuesday.",
    "A senior officer of the State Security Service has sought asylum in Germany, exiles said.\n\nOn 3 November "
    "a senior intelligence officer walked into a police station in Frankfurt and asked for protection. The man, "
    "Lieutenant Colonel Rauf Hasanli, had served for nine years, said the exiles, who reported his defection "
    "on Tuesday.",
])
def test_events_the_standfirsts_officer_is_the_man_named_later(facts_of, text):
    facts, labels = facts_of(text, published=dt.date(2025, 11, 16))
    (found,) = _defections(facts, labels)
    event = found[2]
    assert found[0] == "Rauf Hasanli"
    assert labels[event.participant("destination")] == "Germany"
    assert labels[event.participant("leftOrganization")] == "State Security Service"
    assert event.time is not None and event.time.earliest == dt.date(2025, 11, 3)


@pytest.mark.parametrize("text", [
    "A ministry spokeswoman would neither confirm nor deny that Colonel Samer Haddad had applied for asylum.",
    "The ministry did not deny that Colonel Samer Haddad had deserted.",
])
def test_attribution_neither_confirm_nor_deny_is_no_denial(facts_of, text):
    facts, labels = facts_of(text)
    (found,) = _defections(facts, labels)
    assert found[1] != Certainty.DENIED


@pytest.mark.parametrize("text", [
    "Two junior officers who travelled to Vienna with an official delegation in September stayed behind in the "
    "Austrian capital, the exiles said.",
    "Three diplomats who went to Geneva for the talks remained behind, the opposition said.",
    "An army captain, Fadi Zaidan, has broken ranks to stand with the protesters, the ministry said.",
    "The ministry said Captain Fadi Zaidan had left his unit without authorisation on Friday evening.",
    "Students say about 20 police officers crossed over to the students on Saturday.",
    "The Moldovan service said Major Victor Ciobanu, an officer of its counter-intelligence department, abandoned "
    "service on 27 January.",
])
def test_events_staying_behind_breaking_ranks_leaving_the_unit(facts_of, text):
    """Staying behind abroad, breaking ranks, leaving one's unit without leave, crossing over to protesters."""
    facts, labels = facts_of(text)
    assert len(_defections(facts, labels)) == 1


@pytest.mark.parametrize("text", [
    "The best-known case came three years ago, when a second secretary at the embassy in Paris refused to go back "
    "to Baku and was granted asylum in France.",
    "Three years ago, a second secretary at the embassy in Oslo refused to go back to the capital and was "
    "granted asylum in France.",
])
def test_events_refusing_to_go_back_and_granted_asylum(facts_of, text):
    facts, labels = facts_of(text, published=dt.date(2025, 11, 16))
    (found,) = _defections(facts, labels)
    assert labels[found[2].participant("destination")] == "France"
    assert found[2].time is not None and found[2].time.earliest == dt.date(2022, 1, 1)


def test_events_failing_to_return_from_a_trip_is_not_yet_a_defection(facts_of):
    facts, labels = facts_of("A deputy minister who failed to return from an arts fair in Madrid could defect, "
                             "exiles said.")
    assert [c for _l, c, _e in _defections(facts, labels)] == [Certainty.HYPOTHETICAL]


@pytest.mark.parametrize(("text", "person"), [
    # a name the recognizer missed, known by its role
    ("Florence Nabbosa, the ruling party MP for a rural constituency, has crossed over to the opposition.",
     "Florence Nabbosa"),
    # ", the most senior figure yet to break with X" at the end of a clause is about its subject, not its object
    ("On Thursday, Samer Haddad, the former military intelligence chief, recognised Omar Zaidan as president in a "
     "video, the most senior figure yet to break with the government.", "Samer Haddad"),
    ("Samer Haddad, the former military intelligence chief, endorsed Omar Zaidan on Thursday, the first general to "
     "break with the government.", "Samer Haddad"),
    # "gone over to X": a leader's side
    ("Colonel Samer Haddad, the commander of the presidential guard, had gone over to Omar Zaidan, the opposition "
     "leader claimed.", "Samer Haddad"),
    # a subject pronoun continues the main clause's subject, not a subordinate clause's, nor a speaker's
    ("General Karim Mansour served as army chief of staff from 1998 to 2002 before President Omar Zaidan appointed "
     "him ambassador to India. He is the most senior figure to break with Zaidan's government since 2005.",
     "Karim Mansour"),
    ("Ministry spokesman Fadi Tannous told reporters that Mr Mansour had cited disgust with the regime as his reason "
     "for leaving.\n\nHe is the most senior diplomat to abandon the government since 2011.", "Mansour"),
])
def test_events_the_one_defector_of_a_text(facts_of, text, person):
    """The only defection a short text tells, and who it is told of."""
    facts, labels = facts_of(text)
    assert [label for label, _c, _e in _defections(facts, labels)] == [person]


@pytest.mark.parametrize("text", [
    'The ministry confirmed that First Secretary Moses Kato "abandoned his post" at the embassy in Stockholm on '
    "Monday. Spokesperson Agnes Nakalema said so. She would not say whether he had applied for asylum.",
])
def test_events_abandoned_post_at_a_body_and_pronoun_gender_from_the_text(facts_of, text):
    facts, labels = facts_of(text)
    (found,) = _defections(facts, labels)
    assert found[0] == "Moses Kato"
    assert labels[found[2].participant("leftOrganization")] == "embassy"


@pytest.mark.parametrize("text", [
    "In August, Colonel Fulbert Ondongo deserted the Republican Guard in Brazzaville. He has been living in "
    "Kinshasa ever since, and says he has applied for refugee status there.",
    "Colonel Fulbert Ondongo deserted the Republican Guard in Brazzaville in August. He now lives in Kinshasa and "
    "has applied for refugee status there.",
])
def test_events_refugee_status_there_is_the_destination_and_the_month_stays(facts_of, text):
    facts, labels = facts_of(text, published=dt.date(2024, 11, 10))
    (found,) = _defections(facts, labels)
    assert labels[found[2].participant("destination")] == "Kinshasa"
    assert found[2].time is not None and found[2].time.earliest == dt.date(2024, 8, 1)


@pytest.mark.parametrize(("text", "person", "org"), [
    ("Colonel Jules Mampouya, spokesman for the Congolese Armed Forces, said the men had left.", "Jules Mampouya",
     "Congolese Armed Forces"),
    ("Major Didier Ngatse said so. The Congolese army did not comment further.", "Didier Ngatse", "Congolese army"),
])
def test_roles_a_rank_without_a_body_is_held_in_the_armed_force(facts_of, text, person, org):
    facts, labels = facts_of(text)
    ranks = [r for r in facts.roles if labels[r.person] == person and r.rank]
    assert ranks and all(labels.get(r.organization) == org for r in ranks)


@pytest.mark.parametrize(("text", "person"), [
    ("Police spokesperson Denis Ochieng said they would be charged in court. Uganda's army was silent.",
     "Denis Ochieng"),
    ("Army spokesman Kem Rithy said the base was calm, Cambodia's government said.", "Kem Rithy"),
])
def test_roles_a_bare_police_or_army_spokesman_speaks_for_the_countrys(facts_of, text, person):
    facts, labels = facts_of(text)
    (role,) = [r for r in facts.roles if labels[r.person] == person]
    assert role.organization is not None and labels[role.organization].lower() in {"police", "army"}


@pytest.mark.parametrize(("words", "start", "end"), [
    (["against", "the", "accused", "Tran", "Quoc", "Huy", "(", "born", "1979", ")", "."], 3, 6),
    (["Nguyen", "Van", "Long", "(", "born", "1981", ")", "fled", "."], 0, 3),
    (["said", "Le", "Minh", ",", "47", ",", "in", "Hanoi", "."], 1, 3),
])
def test_mentions_words_only_a_person_has_make_a_name_a_persons(nlp, words, start, end):
    """A hand-built Doc where the recognizer called the name an organization."""
    from spacy.tokens import Doc, Span

    from graphbuild.extract.mentions import ner_mentions

    doc = Doc(nlp.vocab, words=words, sent_starts=[True] + [False] * (len(words) - 1))
    doc.ents = [Span(doc, start, end, label="ORG")]
    found = [c for c in ner_mentions(doc) if c.start == start]
    assert [c.type.value for c in found] == ["Person"]


@pytest.mark.parametrize(("text", "org"), [
    ("The Jana Dala movement, which is based in Vilnius, said so. Jana Dala has no members inside the country.",
     "Jana Dala movement"),
    ("The Nurlan Bek movement said on Tuesday that it had proof. Nurlan Bek has members abroad.", "Nurlan Bek"),
])
def test_mentions_a_name_before_movement_or_party_is_the_bodys(facts_of, text, org):
    facts, _labels = facts_of(text)
    assert not [e for e in facts.entities if e.type.value == "Person"]
    assert any(e.label.startswith(org) and e.type.value == "Organization" for e in facts.entities)


@pytest.mark.parametrize(("text", "holder", "place"), [
    ("Azad Ses, an Azerbaijani exile news site based in Berlin, reported it first.", "Azad Ses", "Berlin"),
    ("According to Civic Watch, a Brazzaville-based rights group, the soldiers left.", "Civic Watch", "Brazzaville"),
])
def test_relations_based_in_by_apposition_or_hyphen(facts_of, text, holder, place):
    facts, labels = facts_of(text)
    assert (holder, place) in {(labels[r.subject], labels[r.object]) for r in facts.relations
                               if r.label.value == "based_in"}


@pytest.mark.parametrize(("text", "expected"), [
    # people told with their town, and reporters credited with theirs (persons, never bodies)
    ("Western diplomats in Kinshasa fear that other units will follow.", {("Western diplomats", "Kinshasa")}),
    ("By Sarah Whitlock in London and Imran Qadri in Islamabad\n\nThe minister fled.",
     {("Sarah Whitlock", "London"), ("Imran Qadri", "Islamabad")}),
    ("From Catherine Wells in Kigali\n\nThe strongest unit has turned its guns on the president.",
     {("Catherine Wells", "Kigali")}),
    # where they met is not where they are
    ("The minister held talks with diplomats in Kinshasa on Monday.", set()),
])
def test_relations_people_in_their_town(facts_of, text, expected):
    facts, labels = facts_of(text)
    assert {(labels[r.subject], labels[r.object]) for r in facts.relations if r.label.value == "based_in"} == expected
    assert all(e.type.value == "Person" for e in facts.entities if e.label in {w for w, _p in expected} - {
        "Western diplomats"})


@pytest.mark.parametrize(("text", "body", "label", "place"), [
    ("A senior diplomat at Iran's embassy in Oslo has resigned.", "Iran's embassy", "located_in", "Oslo"),
    ("The Uruguayan embassy in Lima confirmed that it had received the request.", "Uruguayan embassy",
     "located_in", "Lima"),
    ("An official at the Chinese consulate in Sydney asked for asylum.", "Chinese consulate", "located_in",
     "Sydney"),
    ("The defence ministry in Kiev said the officer had deserted.", "defence ministry", "located_in", "Kiev"),
    ("The state court in Sarajevo sentenced him in absentia.", "state court", "located_in", "Sarajevo"),
    ("Soldiers of the 8th Division in Bor have mutinied.", "8th Division", "based_in", "Bor"),
    ("Commanders of the 310th Armoured Brigade in Amran joined the protesters.", "310th Armoured Brigade",
     "based_in", "Amran"),
])
def test_relations_body_in_its_town(facts_of, text, body, label, place):
    """"the embassy in X" lies in X; "the 8th Division in X" (an armed unit) is based there."""
    facts, labels = facts_of(text)
    found = {(labels[r.subject], r.label.value, labels[r.object]) for r in facts.relations}
    assert (body, label, place) in found


@pytest.mark.parametrize("text", [
    "The ministry announced in Baghdad that the general had fled.",
    "The embassy in a statement denied that the envoy had defected.",
    "Troops of the 4th Brigade fought in Homs on Monday.",
])
def test_relations_no_body_in_a_town_without_the_phrase(facts_of, text):
    """A place the verb happened in, an "in" that names no place: no location."""
    facts, _labels = facts_of(text)
    places = {e.key for e in facts.entities if e.type.value in {"Place", "Country"}}
    assert not [r for r in facts.relations if r.label.value in {"located_in", "based_in"}
                and r.subject not in places]


@pytest.mark.parametrize("text", [
    "Fighting spread to Homs, Hama, Aleppo.",
    "Protests spread to Homs, Hama, Aleppo and Deraa.",
    "The rebels seized Ras Lanuf, Brega and Ajdabiya on Monday.",
])
def test_relations_listed_places_do_not_contain_each_other(facts_of, text):
    facts, _labels = facts_of(text)
    places = {e.key for e in facts.entities if e.type.value == "Place"}
    assert not [r for r in facts.relations if r.label.value == "located_in" and r.object in places]


@pytest.mark.parametrize(("text", "member", "body"), [
    ("The rebels said 63 soldiers of the 17th Battalion had joined them.", "63 soldiers", "17th Battalion"),
    ("Colonel Omar Haddad, commander of the Republican Guard, was not available.", "Omar Haddad",
     "Republican Guard"),
])
def test_relations_soldiers_and_officers_are_members_of_their_unit(facts_of, text, member, body):
    facts, labels = facts_of(text)
    assert any(labels[r.subject].startswith(member) and labels[r.object] == body for r in facts.relations
               if r.label.value == "member_of")


def test_roles_a_title_before_a_hyphenated_name_the_recognizer_called_a_body(nlp):
    from spacy.tokens import Doc, Span

    from graphbuild.extract.mentions import ner_mentions

    words = ["President", "Kassym", "-", "Jomart", "Tokayev", "spoke", "."]
    doc = Doc(nlp.vocab, words=words, spaces=[True, False, False, True, True, False, False],
              sent_starts=[True] + [False] * 6)
    doc.ents = [Span(doc, 1, 5, label="ORG")]
    (found,) = ner_mentions(doc)
    assert found.type.value == "Person"


@pytest.mark.parametrize(("text", "ministry"), [
    ("Alpha Sow, the secretary general of the Ministry of Mines and Geology, fled. The government said one of "
     "the senior officials in its mining ministry was on leave.", "Ministry of Mines and Geology"),
    ("The Ministry of Defence said nothing. A spokesman for the defence ministry later denied the report.",
     "Ministry of Defence"),
])
def test_resolve_a_portfolio_ministry_is_the_named_ministry(facts_of, text, ministry):
    facts, _labels = facts_of(text)
    ministries = [e for e in facts.entities if "inistry" in e.label and e.type.value == "Government"]
    assert [m.label for m in ministries] == [ministry]


@pytest.mark.parametrize("text", [
    'Colonel Fulbert Ondongo deserted the Republican Guard in August. "Many of my comrades think the same. When '
    'they stop being afraid, they will follow me," he said.',
    'Colonel Fulbert Ondongo deserted the Republican Guard in August. "My colleagues are angry. One day they '
    'will follow me," he said.',
])
def test_events_they_will_follow_me_is_a_hypothetical_group(facts_of, text):
    facts, labels = facts_of(text)
    certainties = sorted(c.value for _l, c, _e in _defections(facts, labels))
    assert certainties == ["confirmed", "hypothetical"]


@pytest.mark.parametrize(("text", "name"), [
    ("A second secretary at the Azerbaijani embassy in Paris refused to go back to Baku and was granted asylum.",
     "the Azerbaijani embassy in Paris"),
    ("Three officers of the Malian army in Gao deserted last week, the rebels said.", "the Malian army in Gao"),
])
def test_mentions_a_body_keeps_its_location_as_a_name(facts_of, text, name):
    facts, _labels = facts_of(text)
    assert any(name in e.names for e in facts.entities)


@pytest.mark.parametrize("text", [
    "Two junior officers who travelled to Vienna with an official delegation in September stayed behind, "
    "exiles said.",
    "Three diplomats who flew to Geneva for the talks in September remained behind, the opposition said.",
])
def test_events_staying_behind_takes_the_trips_place_and_month(facts_of, text):
    facts, labels = facts_of(text, published=dt.date(2025, 11, 16))
    (found,) = _defections(facts, labels)
    assert labels[found[2].participant("destination")] in {"Vienna", "Geneva"}
    assert found[2].time is not None and found[2].time.earliest == dt.date(2025, 9, 1)


@pytest.mark.parametrize(("text", "body"), [
    ("Al Shabaab, which is allied to al Qaeda, did not comment on the defection of its tax chief.", "Al Shabaab"),
    ("Hundreds of fighters have left the ranks of Jabhat al-Nusra this year, a monitor said.", "Jabhat al-Nusra"),
    ("The Tatmadaw said it had repelled the attack near the border.", "Tatmadaw"),
    ("Boko Haram, which controls parts of the north, did not comment on the report.", "Boko Haram"),
])
def test_entities_body_names_the_recognizer_calls_persons(facts_of, text, body):
    """The small English model calls many armed groups persons; "which", "the X", "the ranks of X" say
    otherwise."""
    facts, _ = facts_of(text)
    assert {e.type.value for e in facts.entities if e.label == body} == {"Organization"}


@pytest.mark.parametrize("text", [
    "The National Salvation Front (NAS) said it had received the officers. NAS fighters escorted them.",
    "The Somali National Army (SNA) said the attack failed. An SNA officer was hurt.",
])
def test_resolve_an_acronym_is_the_body_it_abbreviates(facts_of, text):
    facts, _ = facts_of(text)
    (body,) = [e for e in facts.entities if e.type.value in {"Organization", "Government"}]
    assert len(body.label.split()) > 1 and len(body.mentions) == 3


def test_resolve_a_middle_name_used_alone_is_the_person_named_first(facts_of):
    facts, labels = facts_of(
        "Brigadier General Fadi Lodu Zaidan has defected to the rebels, the army said. Gen. Lodu commanded "
        "a brigade. His brother, Omar Lodu Zaidan, a teacher, was detained. Lodu, 47, has not spoken since.")
    persons = {e.label for e in facts.entities if e.type.value == "Person"}
    assert persons == {"Fadi Lodu Zaidan", "Omar Lodu Zaidan"}
    (found,) = _defections(facts, labels)
    assert found[0] == "Fadi Lodu Zaidan"


def test_resolve_the_army_is_the_state_force_the_article_names(facts_of):
    facts, _labels = facts_of(
        "A spokesman for the South Sudan People's Defence Forces said a colonel had deserted. "
        "The army said he would be treated as a criminal.")
    bodies = [e for e in facts.entities if e.type.value in {"Organization", "Government"}]
    assert [e.label for e in bodies] == ["South Sudan People's Defence Forces"]
    assert len(bodies[0].mentions) == 2  # "The army" is one of them


def test_events_returning_home_is_not_where_a_defector_went(facts_of):
    facts, labels = facts_of(
        "Major General Samer Haddad deserted the army in 2016 to join the rebels and returned to Juba "
        "under the 2018 agreement.")
    (found,) = _defections(facts, labels)
    assert found[2].participant("destination") is None


def test_events_one_defector_leaves_the_most_specific_body_told(facts_of):
    """Three reports: joined the rebels (no body said), the army's spokesman confirms (so: the army), broke
    with the government. One defection, from the army, which is part of the government."""
    facts, labels = facts_of(
        "Syrian Colonel Samer Haddad has gone over to the rebels. Brigadier General Adel Rahim, spokesman for "
        "the army, confirmed that Haddad deserted his position. Haddad was not the only senior figure to break "
        "with the government this week.")
    (found,) = _defections(facts, labels)
    assert labels[found[2].participant("leftOrganization")].lower().endswith("army")


def test_relations_a_unit_of_the_state_army_is_part_of_it(facts_of):
    facts, labels = facts_of(
        "The Myanmar army said Major Fadi Zaidan of Light Infantry Battalion 356 had deserted.")
    parts = {(labels[r.subject], labels[r.object]) for r in facts.relations if r.label.value == "part_of"}
    assert ("Light Infantry Battalion", "Myanmar army") in parts


@pytest.mark.parametrize("text", [
    "Captain Samer Haddad went AWOL last week, the army said.",
    "First Secretary Lina Saber has been absent from the embassy without leave since March 2, the ministry said.",
])
def test_events_absent_without_leave_is_desertion(facts_of, text):
    facts, labels = facts_of(text)
    (found,) = _defections(facts, labels)
    assert found[0] in {"Samer Haddad", "Lina Saber"}


def test_events_asylum_asked_from_a_foreign_state_is_where_he_went(facts_of):
    facts, labels = facts_of("Instead of returning home, diplomat Samer Haddad sought political asylum from the "
                             "authorities of the United Kingdom on February 17.")
    (found,) = _defections(facts, labels)
    assert labels[found[2].participant("destination")] == "United Kingdom"
    assert found[2].participant("leftOrganization") != found[2].participant("destination")
    assert "authorities" not in labels.get(found[2].participant("leftOrganization") or "", "")


def test_events_a_passive_clause_joined_on_names_no_destination(facts_of):
    facts, labels = facts_of("First Secretary Lina Saber has been absent without leave since March 2 and her "
                             "whereabouts are not known to the High Commission.")
    (found,) = _defections(facts, labels)
    assert found[2].participant("destination") is None and found[2].participant("joinedOrganization") is None


def test_entities_a_force_typed_as_a_place_is_a_body(facts_of):
    facts, _ = facts_of("Members of the Gendarmerie were deployed in the city on Friday.")
    assert {e.type.value for e in facts.entities if e.label == "Gendarmerie"} <= {"Organization", "Government"}
    assert any(e.label == "Gendarmerie" for e in facts.entities)


def test_resolve_the_government_in_the_capital_is_named_so(facts_of):
    facts, _ = facts_of("Lina Saber is the first serving envoy to break with the government in Tbilisi.")
    regimes = [e for e in facts.entities if e.type.value == "Regime"]
    assert regimes and "the government in Tbilisi" in {regimes[0].label, *regimes[0].names}


def test_events_one_group_counted_the_same_in_two_words_is_one_group(facts_of):
    facts, labels = facts_of(
        "Seven Indonesian soldiers deserted their post with their rifles, the military said on Thursday. "
        "\"Seven personnel left their unit without permission,\" the spokesman said.")
    assert len(_defections(facts, labels)) == 1


def test_events_where_diplomats_are_posted_is_not_the_body_they_left(facts_of):
    facts, labels = facts_of("The opposition said at least three other Georgian diplomats posted in European "
                             "Union capitals had refused to return home.")
    (found,) = _defections(facts, labels)
    assert "European Union" not in labels.get(found[2].participant("leftOrganization") or "", "")


def test_resolve_a_described_defector_named_later_by_his_name_is(facts_of):
    """Lead describes, the next paragraph says "The man, who ..." and then "His name is X"."""
    facts, labels = facts_of(
        "A senior intelligence officer who fled across the river into Greece last month says he abandoned his "
        "post. The man, who until August served as deputy head of the National Intelligence Organisation's "
        "regional directorate, agreed to be interviewed. His name is Kemal Ozturan.")
    (found,) = _defections(facts, labels)
    assert found[0] == "Kemal Ozturan"
    left = found[2].participant("leftOrganization")
    assert labels[left].startswith("National Intelligence Organisation")  # the service or its directorate
    parts = {(labels[r.subject], labels[r.object]) for r in facts.relations if r.label.value == "part_of"}
    assert labels[left] == "National Intelligence Organisation" or (
        labels[left], "National Intelligence Organisation") in parts


@pytest.mark.parametrize("text", [
    "The ministry said the three sergeants had deserted their posts and fled abroad.",
    "Two gendarmes deserted on Friday, the ministry said.",
])
def test_events_ranks_and_servicemen_in_the_plural_are_groups(facts_of, text):
    facts, labels = facts_of(text)
    (found,) = _defections(facts, labels)
    assert found[0].split()[-1] in {"sergeants", "gendarmes"}


def test_events_bare_desertions_are_those_of_the_one_group_told(facts_of):
    facts, labels = facts_of(
        "We are following news of desertions from a police unit in the north. Police confirmed that six "
        "officers of the Rapid Intervention Unit deserted on Friday with their weapons.")
    (found,) = _defections(facts, labels)
    assert found[0].startswith("six officers")


def test_resolve_a_bare_surname_is_the_person_named_first_not_a_relative_named_later(facts_of):
    facts, labels = facts_of(
        "Rebels said Commander Rodrigue Yakété had defected to their ranks on Sunday. If confirmed, Yakété "
        "would be the most senior officer to go over to the rebels since 2021. His younger brother, Aimé "
        "Yakété, sits in parliament.")
    found = _defections(facts, labels)
    assert {f[0] for f in found} == {"Rodrigue Yakété"}


@pytest.mark.parametrize("text", [
    "Rebels said General Fadi Zaidan had defected to them on Sunday. The government flatly rejected the claim.",
    "Rebels said General Fadi Zaidan had defected to them on Sunday. The ministry said it was pure propaganda.",
])
def test_attribution_a_flat_rejection_after_a_reported_defection_denies_it(facts_of, text):
    facts, labels = facts_of(text)
    (found,) = _defections(facts, labels)
    assert any(c.certainty == Certainty.DENIED for c in found[2].claims)


def test_events_who_refused_to_return_after_an_apposed_post(facts_of):
    facts, labels = facts_of(
        "The case follows that of Samer Haddad, a first secretary at the Syrian embassy in Brussels, who refused "
        "to return to Damascus when his posting ended in March.")
    (found,) = _defections(facts, labels)
    assert found[0] == "Samer Haddad"


@pytest.mark.parametrize(("text", "defects"), [
    # officials slip out of the country; smugglers do not defect
    ("Syrian critics claimed that an intelligence officer, Brigadier Samer Haddad, had slipped out of the "
     "country.", True),
    ("Syrian police said the smuggler Samer Haddad had slipped out of the country.", False),
    # servicemen asking for asylum defect; families do not, nor do those who have not returned home
    ("The morning after the failed coup, eight Turkish servicemen landed a military helicopter in the Greek port "
     "city of Alexandroupolis and asked for asylum.", True),
    ("Hundreds of Turkish families asked for asylum in Greece.", False),
    ("The family has not returned home since the war in Syria.", False),
    # soldiers slipping out of their base, or absent without leave, desert; prisoners leaving a camp do not
    ("When the 27 soldiers of the 118th Battalion slipped out of their base in the early hours of August 16, "
     "they left their vehicles behind.", True),
    ("The army spokesman said that \"27 personnel absented themselves without leave from their location\".", True),
    ("The prisoners slipped out of their camp at night.", False),
    # few who broke ranks is hardly anyone
    ("Unlike its neighbours, the emirate has seen few senior officials break ranks.", False),
    ("A few senior officials broke ranks last year, the opposition said.", True),
    # a lawmaker breaking ranks dissents; one who joins the opposition, or a soldier, defects
    ("Lina Saber, a lawmaker from the ruling party, broke ranks with her party on Thursday, telling parliament "
     "the bill was unfair.", False),
    ("Lina Saber, a ruling party lawmaker, has broken ranks with the ruling party and joined the opposition "
     "Democratic Alternative.", True),
    ("An army captain broke ranks on Monday, the rebels said.", True),
    # crossing the floor of the House, not of a hall
    ("Fisheries Minister Samer Haddad crossed the floor on Monday night, the opposition said.", True),
    ("Fisheries Minister Samer Haddad crossed the floor of the House on Monday, the opposition said.", True),
    ("Fisheries Minister Samer Haddad crossed the floor of the hall to greet the visitors.", False),
    # soldiers joining armed men defect; young men joining them are recruited
    ("A senior security source said three soldiers from the 4th Regiment have not reported for duty since Friday "
     "and are believed to have joined the gunmen.", True),
    ("Hundreds of young men from the villages joined the militants last year.", False),
    # a rule about any deserter is no one's desertion
    ("\"Any member of the Armed Forces who fails to return to his unit is a deserter under the law,\" the army "
     "said.", False),
    # a former minister asking for asylum is out of office already
    ("Separately, a former labour minister, Lina Saber, took refuge in the Uruguayan embassy late on Tuesday and "
     "requested diplomatic asylum.", False),
    ("Separately, the labour minister, Lina Saber, took refuge in the Uruguayan embassy late on Tuesday and "
     "requested diplomatic asylum.", True),
    # fleeing civilians and retirement are not defections
    ("Thousands of civilians fled the regime's bombardment to Turkey.", False),
    ("Residents abandoned the town as government forces advanced.", False),
    ("Many refugees have sought asylum in Europe.", False),
    ("General Omar Haddad left the army in 2017 and now runs a business.", False),
    # a rule about deserters is no defection
    ('"Those who come back will be heard. The others are deserters and will be treated as such," he said.', False),
    ('"Those who return are welcome. Those are deserters," the colonel said.', False),
    # civilians joining a protest and transfers are not desertion
    ("Hundreds of residents crossed over to the students on Saturday.", False),
    ("The officer left his unit on Friday to take up a new post in the capital.", False),
    ("The minister left the country without permission to attend a funeral, his office said.", False),
    ("The ministry said the new recruits abandoned the service station on the highway.", False),
    # defections in general are no event
    ("Defections from the security services are rare, analysts said.", False),
    # do the same with nobody before is nothing
    ("The movement urged every soldier to lay down his arms and do the same.", False),
    ('"Many officers would leave tomorrow if they could," the analyst said.', False),
    # a state's champion who leaves her country for good defects; a shopkeeper or thousands emigrate
    ("Kimia Alizadeh, Iran's only female Olympic medallist, says she has left the country for good.", True),
    ("Ahmad Haddad, a shopkeeper from Homs, has left the country for good.", False),
    ("Thousands of Syrians have left the country for good since 2011.", False),
    # a ruler leaving is no defection: the ruler is the regime
    ("Todor Petrov, who had ruled the country for 35 years, might seek refuge in the Soviet Union, a radio station "
     "reported; a spokesman called the report a fabrication.", False),
    ("Mr Petrov had ruled Bulgaria for 35 years. A radio station reported that he might seek refuge in the Soviet "
     "Union; a spokesman called the report a fabrication.", False),
    # millions who fled the country are refugees
    ("Four million others have fled the country since the beginning of the conflict in "
     "Syria.", False),
    # a subheading tells no defection
    ("General Samer Haddad spoke to reporters in Berlin on Monday.\n\nA defector with a "
     "grievance\n\nHe said he had served for twenty years.", False),
    # a party chairman rumoured to have fled is no defector
    ("Police arrested Samer Haddad, the regional chairman of the main opposition party, on Monday. Rumours "
     "had circulated last week that Haddad had fled to Kenya.", False),
    # not defectors is no defection
    ("\"These are economic migrants, not defectors,\" the minister said.", False),
])
def test_events_officials_and_servicemen_defect_smugglers_and_families_do_not(facts_of, text, defects):
    facts, labels = facts_of(text)
    assert bool(_defections(facts, labels)) == defects


def test_resolve_an_officer_it_named_as_x_is_x(facts_of):
    facts, labels = facts_of(
        "Colonel Samer Haddad flew to London on 2 September. The army said that an officer it named as "
        "\"Lt Col Samer Hadad\" had deserted while on leave.")
    assert {f[0] for f in _defections(facts, labels)} == {"Samer Haddad"}


@pytest.mark.parametrize("text", [
    "Its spokesman said other units in the region are in contact with us and will join in the coming days.",
    "He said several army officers in the prefecture could join it in the coming days.",
    "Many officers are waiting for the right moment to leave.",
    "The movement said it was in contact with more than a dozen serving officers who were considering leaving.",
    "The opposition leader predicted that many more ruling party leaders would follow before the elections.",
    # a departure still to come, told without a defection verb: a group that would leave, walk away or cross
    '"If the pay does not come, you will see whole companies walk away," a general said.',
    '"Many of my colleagues would leave tomorrow if they could," he said.',
    'The union leader said more officers would "walk away" before the winter.',
    '"Many of my comrades want to cross," he told reporters.',
    "He appealed to the remaining soldiers of the garrison to leave the army.",
    "He said dozens of officers in the service will make the same choice when the time comes.",
])
def test_events_defections_still_to_come_are_hypothetical(facts_of, text):
    facts, labels = facts_of("Colonel Samer Haddad of the National Security Committee defected to the rebels "
                             "last week. " + text)
    later = [f for f in _defections(facts, labels) if f[0] != "Samer Haddad"]
    assert len(later) == 1 and later[0][1] == Certainty.HYPOTHETICAL


@pytest.mark.parametrize(("text", "before", "left", "certainty"), [
    # "the most senior X to break with Y since Z fled": Z did the same before, in the article's own voice
    ("Colonel Jan Novak defected to Austria on Monday. If confirmed, he would be the most senior figure to break "
     "with President Karel Dvorak's government since Petr Liska, a former head of the intelligence service, fled to "
     "Germany in 2007.", "Petr Liska", "Dvorak regime", Certainty.CONFIRMED),
    # "The last official to defect was Z": Z did
    ("Colonel Jan Novak defected to Austria on Monday. The last senior official to defect was Petr Liska, a judge "
     "of the Supreme Court.", "Petr Liska", "Supreme Court", Certainty.CONFIRMED),
    # "the first MP to go over directly to X since Z, who switched in 2007": Z joined X too
    ("Jan Novak crossed the floor on Monday. He is the first MP to go over directly to the Liberal Party since Petr "
     "Liska, who switched in June 2007.", "Petr Liska", None, Certainty.CONFIRMED),
    # "since Z stayed behind": staying abroad is doing the same
    ("Colonel Jan Novak defected to Austria on Monday. He is the most senior officer to defect from Hungary since "
     "Colonel Petr Liska stayed behind in London in 1970.", "Petr Liska", "Hungary", Certainty.CONFIRMED),
    # "since Z took office" is a time, not someone who did the same
    ("Colonel Jan Novak defected to Austria on Monday. He is the most senior officer to break with the government "
     "since President Karel Dvorak took office in January.", None, None, None),
])
def test_events_the_one_who_did_the_same_before(facts_of, text, before, left, certainty):
    facts, labels = facts_of(text)
    others = [(label, c, e) for label, c, e in _defections(facts, labels) if label != "Jan Novak"]
    if before is None:
        assert others == []
        return
    ((label, found, event),) = others
    assert (label, labels.get(event.participant("leftOrganization")), found) == (before, left, certainty)


def test_resolve_a_peoples_name_before_a_group_is_its_adjective(facts_of):
    """"more young Engan soldiers and policemen": one group, and "Engan" (taken for a name) is no one."""
    facts, labels = facts_of("Four soldiers deserted on Monday. The local MP warned that more young Engan soldiers "
                             "and policemen could desert to defend their villages.")
    assert "Engan" not in labels.values()
    assert {label for label, _c, _e in _defections(facts, labels)} == {
        "Four soldiers", "more young Engan soldiers and policemen"}


def test_resolve_a_counted_group_keeps_what_describes_it(facts_of):
    """'"dozens" of officers in the service': the group keeps the description of what is counted as a name."""
    facts, _ = facts_of('Colonel Samer Haddad defected to the rebels last week. He said "dozens" of officers in '
                        "the service would make the same choice.")
    (group,) = [e for e in facts.entities if e.label == '"dozens" of officers']
    assert '"dozens" of officers in the service' in group.names


@pytest.mark.parametrize("text", [
    "Residents said they could join it in the coming days.",
    "Many families are waiting for the right moment to leave.",
    "Thousands of residents would leave the region if they could, the mayor said.",
    # one person who would leave is no group still to go (a trip, a retirement)
    "He said the ambassador would leave the country next week.",
])
def test_events_civilians_who_may_leave_do_not_defect(facts_of, text):
    facts, labels = facts_of("Colonel Samer Haddad defected to the rebels last week. " + text)
    assert {f[0] for f in _defections(facts, labels)} == {"Samer Haddad"}


def test_events_a_group_that_may_follow_leaves_the_body_the_article_is_about(facts_of):
    facts, labels = facts_of(
        "Major Samer Haddad, an officer of the National Security Committee, has sought asylum in Germany. "
        "Many officers are waiting for the right moment to leave, a former colleague said.")
    later = [f for f in _defections(facts, labels) if f[0] != "Samer Haddad"]
    assert labels[later[0][2].participant("leftOrganization")] == "National Security Committee"


def test_resolve_the_group_told_before_and_its_unit(facts_of):
    facts, labels = facts_of(
        "He crossed the river with three sergeants from the Meric border battalion of the gendarmerie. The "
        "interior ministry said the three sergeants had deserted their posts and fled abroad.")
    (found,) = [f for f in _defections(facts, labels) if "sergeants" in f[0]]
    assert labels[found[2].participant("leftOrganization")] == "Meric border battalion"


def test_resolve_the_men_are_the_soldiers_told_before(facts_of):
    facts, labels = facts_of(
        "Seven Indonesian soldiers deserted their post and joined the rebels, the military said. The men, all "
        "from the 762nd Infantry Battalion, slipped out of a forward post on Sunday night.")
    (found,) = _defections(facts, labels)
    assert "762nd Infantry Battalion" in labels[found[2].participant("leftOrganization")]


def test_events_a_district_governor_who_fled_abroad(facts_of):
    facts, labels = facts_of("Last year Qari Samer Haddad, the Taliban's district governor in Badakhshan's Jurm "
                             "district, fled to Iran after clashing with Kabul.")
    (found,) = _defections(facts, labels)
    assert labels[found[2].participant("leftOrganization")] == "Taliban"
    assert "Jurm" not in {e.label for e in facts.entities if e.type.value in {"Organization", "Government"}}


def test_events_a_second_clause_joined_on_is_its_own_report(facts_of):
    facts, labels = facts_of("Its spokesman said that at least 30 Taliban fighters had switched sides since the "
                             "spring and that more commanders will join the resistance in the coming weeks.")
    assert len(_defections(facts, labels)) == 2


def test_resolve_his_in_a_quote_is_not_the_speaker(facts_of):
    facts, labels = facts_of(
        "Colonel Samer Haddad fled to Tajikistan last month. \"Men like Haddad were brought in to show the north "
        "that the state belonged to everyone,\" said Omar Rahim, a researcher at a centre in Berlin who has "
        "interviewed dozens of former officers. \"Most of them have been sidelined. His defection is a symptom, "
        "not a cause.\"")
    assert "Omar Rahim" not in {f[0] for f in _defections(facts, labels)}


def test_events_a_corporal_who_swam_across_to_the_other_side(facts_of):
    facts, labels = facts_of(
        "In July last year Samer Haddad, a corporal serving with the Kinmen Defence Command of the Taiwan army, "
        "swam across to Xiamen in southeast China's Fujian Province.")
    (found,) = _defections(facts, labels)
    assert labels[found[2].participant("leftOrganization")] == "Kinmen Defence Command"
    assert labels[found[2].participant("destination")] == "Xiamen"


def test_resolve_the_officer_is_captain_x(facts_of):
    facts, labels = facts_of(
        "President Fawzi Tannous said the protests were funded from abroad. The Defence Ministry has confirmed "
        "that the officer is Captain Samer Haddad of the 72nd Brigade. In a short statement, the ministry said "
        "he had left his unit without authorisation on Friday evening.")
    assert {f[0] for f in _defections(facts, labels)} == {"Samer Haddad"}


def test_events_officers_of_a_sector_who_abandoned_their_posts(facts_of):
    facts, labels = facts_of(
        "The General Staff of the Mauritanian National Armed Forces announced on Tuesday that three "
        "non-commissioned officers of the Bassikounou sector, who abandoned their posts on 16 November and "
        "crossed into Malian territory with their service weapons, have been struck off the rolls of the army.")
    (found,) = _defections(facts, labels)
    assert found[0] == "three non-commissioned officers"
    assert labels[found[2].participant("destination")] == "Mali"
    assert "Bassikounou" not in labels[found[2].participant("leftOrganization")]


@pytest.mark.parametrize(("text", "name"), [
    ("An Armenian diplomat working in the Russian city of Rostov-on-Don has refused to return to Yerevan.", "Don"),
    ("Kampuchea Thmey Online, a news website close to the government, reported on Wednesday that a captain had "
     "fled.", "Kampuchea Thmey Online"),
])
def test_entities_what_the_recognizer_calls_a_person_but_is_not(nlp, text, name):
    """The end of a hyphenated place name; a name apposed to "a news website". The recognizer's error is
    made by hand where the small model does not make it in a short text."""
    from spacy.tokens import Span

    from graphbuild.extract.mentions import find_mentions

    doc = nlp(text)
    start = next(t.i for t in doc if t.text == name.split()[0])
    person = Span(doc, start, start + len(name.split()), label="PERSON")
    doc.ents = [e for e in doc.ents if e.end <= person.start or e.start >= person.end] + [person]
    assert name not in {doc[c.start:c.end].text for c in find_mentions(doc) if c.type.value == "Person"}


def test_events_a_platoon_he_led_and_not_the_academy_he_graduated_from(facts_of):
    facts, labels = facts_of(
        "The rebels identified the officer as 2nd Lt. Samer Haddad, who until last month led a platoon of the "
        "Army's 46th Infantry Battalion. They said seven enlisted men of the same battalion had also crossed over "
        "to the revolutionary side. The Army confirmed that Haddad had deserted. Haddad, a 2019 graduate of the "
        "Philippine Military Academy, has not been seen since.")
    lefts = {f[0]: labels[f[2].participant("leftOrganization")] for f in _defections(facts, labels)}
    assert lefts["Samer Haddad"] == "46th Infantry Battalion"
    assert lefts.get("seven enlisted men", "46th Infantry Battalion") == "46th Infantry Battalion"


def test_relations_an_embassy_is_part_of_the_regime_the_article_names(facts_of):
    facts, labels = facts_of(
        "Samer Haddad, the second secretary of the Syrian Embassy in Moscow, has defected, a statement said. "
        "The Fawzi Tannous regime called him a traitor.")
    parts = {(labels[r.subject], labels[r.object]) for r in facts.relations if r.label.value == "part_of"}
    assert any(s.startswith("Syrian Embassy") and "regime" in o for s, o in parts), parts


@pytest.mark.parametrize(("text", "country"), [
    # a country the recognizer skipped, and a hyphenated one it ran together with its capital
    ("A senior intelligence officer has fled to neighbouring Senegal, an opposition group said.", "Senegal"),
    ("A senior intelligence officer in Guinea-Bissau has defected, an opposition group said.", "Guinea-Bissau"),
    ("The colonel crossed into Timor-Leste on Sunday, officials said.", "East Timor"),
])
def test_entities_country_names_the_recognizer_skips_or_splits(facts_of, text, country):
    facts, _labels = facts_of(text)
    assert country in {e.label for e in facts.entities if e.type.value == "Country"}
    assert "Guinea" not in {e.label for e in facts.entities}


@pytest.mark.parametrize(("text", "joined"), [
    ("The envoy announced that he had joined the opposition Union for the Renewal of Gabon.",
     "Union for the Renewal of Gabon"),
    ("Colonel Samer Haddad has joined the opposition party, the Democratic Congress, his aides said.",
     "Democratic Congress"),
    ("Colonel Samer Haddad joined a rebel army last week.", None),
])
def test_events_joining_an_opposition_body_named_by_its_kind(facts_of, text, joined):
    facts, labels = facts_of("Colonel Samer Haddad was the envoy. " + text)
    (found,) = _defections(facts, labels)
    assert found[0] == "Samer Haddad"
    if joined:
        assert labels[found[2].participant("joinedOrganization")] == joined


@pytest.mark.parametrize("text", [
    # a denial in the report's own sentence
    "Colonel Samer Haddad has fled to Senegal, an exiled opposition group said on Wednesday, a claim the "
    "government swiftly rejected.",
    # a denial naming him, four sentences after the report
    "Colonel Samer Haddad has fled to Senegal, an exiled opposition group said on Wednesday. The group said he "
    "crossed the border on Sunday. \"He could no longer serve,\" its leader said. The group gave no more details. "
    "\"Colonel Haddad is on an official mission and remains at his post,\" a government spokesman said.",
    # "dismissed the report" far from the one report the article made
    "Colonel Samer Haddad has fled to Senegal, an exiled opposition group said on Wednesday. The group said he "
    "crossed the border on Sunday. \"He could no longer serve,\" its leader said. The group gave no more details. "
    "A government spokesman dismissed the report as pure invention.",
])
def test_attribution_denials_of_the_one_report_wherever_told(facts_of, text):
    facts, labels = facts_of(text)
    (found,) = _defections(facts, labels)
    assert found[1] == Certainty.DENIED


def test_attribution_a_late_dismissal_does_not_deny_one_of_two_reports(facts_of):
    facts, labels = facts_of(
        "Colonel Samer Haddad has fled to Senegal, an opposition group said. Separately, rebels said that "
        "Captain Omar Haddad had defected to them. The group said he crossed the border on Sunday. "
        "\"He could no longer serve,\" its leader said. The group gave no more details. A government spokesman "
        "dismissed that claim as pure invention.")
    assert all(c != Certainty.DENIED for _who, c, _e in _defections(facts, labels))


@pytest.mark.parametrize(("text", "left"), [
    # companions leave the body he served in
    ("A senior intelligence officer has abandoned his post and fled to Senegal along with two of his "
     "subordinates, an opposition group said. The group said Lieutenant Colonel Samer Haddad, deputy director "
     "of the State Information Services, crossed the border on Sunday.",
     {"Samer Haddad": "State Information Services", "two of his subordinates": "State Information Services"}),
    # "Both officers" told after the group its persons were named for is them, with the body it names
    ("Two colonels flew their jets to Malta on Monday and asked for asylum. A spokesman named the pilots as "
     "Colonel Omar Salem and Colonel Ali Rabti. Both officers had deserted the National Air Force, a Maltese "
     "official said.", {"Omar Salem": "National Air Force", "Ali Rabti": "National Air Force"}),
])
def test_events_bodies_left_by_several_defectors(facts_of, text, left):
    facts, labels = facts_of(text)
    assert {who: labels.get(e.participant("leftOrganization")) for who, _c, e in _defections(facts, labels)} == left


@pytest.mark.parametrize(("text", "left"), [
    # a post told after the report, as a description: the body he left
    ("The group said Samer Haddad, deputy director of the State Information Services, crossed the border on "
     "Sunday.", "State Information Services"),
    # a post he holds now is not one he left
    ("Samer Haddad now serves as deputy director of the Council for Democratic Renewal.", "army"),
])
def test_events_a_post_told_after_the_report_narrows_the_body_left(facts_of, text, left):
    facts, labels = facts_of("Lieutenant Colonel Samer Haddad of the Gabonese army has defected to Senegal, "
                             "rebels said. " + text)
    (found,) = _defections(facts, labels)
    assert labels[found[2].participant("leftOrganization")].endswith(left)


def test_events_the_first_defection_of_a_kind_of_officer_is_the_one_reported(facts_of):
    facts, labels = facts_of(
        "A senior military intelligence officer from Brunei has sought asylum in Australia, in what would be the "
        "first known defection of a serving officer from the sultanate's armed forces, sources said. The officer, "
        "Lieutenant Colonel Samer Haddad, flew into Perth on March 27.")
    (found,) = _defections(facts, labels)
    assert found[0] == "Samer Haddad" and found[1] != Certainty.HYPOTHETICAL


def test_events_groups_of_different_counts_are_different_groups(facts_of):
    facts, labels = facts_of(
        "The 27 soldiers of the 118th Battalion deserted on August 16, the army said. Two security sources said "
        "that nine soldiers from a unit in a neighbouring state deserted last week.")
    assert {who for who, _c, _e in _defections(facts, labels)} == {
        "The 27 soldiers of the 118th Battalion", "nine soldiers"}


def test_events_where_a_group_went_told_after_quotes(facts_of):
    facts, labels = facts_of(
        "When the 27 soldiers of the 118th Battalion slipped out of their base on August 16, they left a note. "
        "\"We have not been paid for four months,\" it read. \"We are hungry.\" By dawn the men had crossed the "
        "border into Cameroon.")
    (found,) = _defections(facts, labels)
    assert labels[found[2].participant("destination")] == "Cameroon"


def test_events_left_the_country_for_a_city_and_has_not_gone_back(facts_of):
    facts, labels = facts_of(
        "Colonel Samer Haddad, a diplomat in London, defected to Britain last month. His younger brother, "
        "Lieutenant Colonel Omar Haddad, an officer in the Amiri Guard, left Qatar for Istanbul earlier this "
        "month and has not gone back, his brother said.")
    found = {who: e for who, _c, e in _defections(facts, labels)}
    assert labels[found["Omar Haddad"].participant("destination")] == "Istanbul"


def test_events_who_hung_on_the_wrong_noun_is_the_people_before_it(facts_of):
    facts, labels = facts_of(
        "Colonel Samer Haddad defected to Britain last month. He said he knew of \"at least three colleagues\" in "
        "missions in Europe who were considering following him.")
    found = {who: c for who, c, _e in _defections(facts, labels)}
    assert found.get("at least three colleagues") == Certainty.HYPOTHETICAL


def test_relations_a_named_state_body_is_part_of_the_regime_the_article_is_about(facts_of):
    facts, labels = facts_of(
        "A senior intelligence officer in El Salvador, Major Samer Haddad, deputy head of counter-intelligence at "
        "the State Intelligence Agency, has fled to Costa Rica, a rights group said. The Citizens' Human Rights "
        "Observatory said he crossed the border on Saturday. The government of President Nayib Bukele of El "
        "Salvador did not respond.")
    parts = {(labels[r.subject], labels[r.object]) for r in facts.relations if r.label.value == "part_of"}
    assert ("State Intelligence Agency", "Bukele regime") in parts
    assert not any(whole == "Bukele regime" and "Observatory" in part for part, whole in parts)


@pytest.mark.parametrize("text", [
    "The national police has dismissed from service a sub-inspector who abandoned his post at the border "
    "checkpoint earlier this month and crossed the border into India, the police said on Tuesday.",
    "The ministry dismissed Colonel Samer Haddad, who deserted his post and fled to India last week.",
])
def test_attribution_dismissing_someone_from_service_is_no_denial(facts_of, text):
    facts, labels = facts_of(text)
    (found,) = _defections(facts, labels)
    assert found[1] != Certainty.DENIED


def test_resolve_a_quoted_description_keeps_its_relative_clause(facts_of):
    facts, _labels = facts_of("Colonel Samer Haddad deserted last week. A congressman urged \"every officer who has "
                             "received an illegal order\" to follow his example.")
    names = {n for e in facts.entities for n in (e.label, *e.names)}
    assert "every officer who has received an illegal order" in names


def test_events_a_report_that_x_was_preparing_to_defect_names_x(facts_of):
    facts, labels = facts_of(
        "He also rejected a report by an investigative portal that Samer Haddad, a state secretary in the Prime "
        "Minister's Office, was preparing to quit the government and defect to the opposition party.")
    assert {who for who, _c, _e in _defections(facts, labels)} == {"Samer Haddad"}


def test_entities_a_given_name_the_recognizer_left_out(facts_of):
    facts, _labels = facts_of("Last week Gergely Sáfrány, a two-term member of parliament, walked into the "
                             "headquarters of the opposition party.")
    assert "Gergely Sáfrány" in {e.label for e in facts.entities if e.type.value == "Person"}


def test_resolve_a_subject_pronoun_carries_the_topic_past_a_relative(facts_of):
    facts, labels = facts_of(
        "Samer Haddad, a ruling party lawmaker, has joined the opposition. Haddad is no outsider. He is the "
        "nephew of Omar Haddad, who served as agriculture minister, and until September he chaired a committee. "
        "Nor is he the first figure from the government camp to go over to the opposition party this year.")
    assert {who for who, _c, _e in _defections(facts, labels)} == {"Samer Haddad"}


def test_events_going_over_to_a_named_party(facts_of):
    facts, labels = facts_of("Lina Saber, a lawmaker, defected last week. Nor is she the first figure from the "
                             "government camp to go over to the Tisza Party this year.")
    (found,) = _defections(facts, labels)
    assert labels[found[2].participant("joinedOrganization")] == "Tisza Party"


def test_entities_a_live_blog_time_is_no_part_of_a_name(facts_of):
    facts, _labels = facts_of("LIVE: soldiers cross the border\n\n08:10 - Good morning.\n\n12:05 - Eswatini's army "
                             "has acknowledged that soldiers are missing.\n\n13:30 GMT: The army said 11 soldiers "
                             "had deserted.")
    assert not any(":" in e.label for e in facts.entities)
    assert "Eswatini's army" in {e.label for e in facts.entities}


def test_resolve_the_first_defendant_is_not_the_second(facts_of):
    facts, labels = facts_of(
        "According to the ruling, the first defendant, an officer in the Presidential Guard, abandoned his unit in "
        "August 2023 and went over to the Dignity Movement. The court also sentenced the second defendant, Samer "
        "Haddad, a former attache at the consulate, who had abandoned his post in 2022.",
        published=dt.date(2025, 5, 21))
    who = {w: e for w, _c, e in _defections(facts, labels)}
    assert set(who) == {"the first defendant", "Samer Haddad"}
    assert labels[who["the first defendant"].participant("joinedOrganization")] == "Dignity Movement"
    assert not any(r.role in {"defendant", "first defendant", "second defendant"} for r in facts.roles)


@pytest.mark.parametrize(("text", "joined"), [
    ("Rebels said General Fadi Zaidan had defected to them on Sunday.", "rebels"),
    ("The Tammun Brigade, an armed group, claims that 11 members of the National Security Forces defected to it "
     "on Tuesday night.", "Tammun Brigade"),
])
def test_events_defected_to_it_or_them_is_to_who_says_so(facts_of, text, joined):
    facts, labels = facts_of(text)
    (found,) = _defections(facts, labels)
    assert labels[found[2].participant("joinedOrganization")].lower().endswith(joined.lower())


def test_events_the_mp_for_a_constituency_named_after_a_comma(facts_of):
    facts, labels = facts_of(
        "He claimed that the MP for North Vella, Samer Haddad, and two other government backbenchers had also "
        "crossed over to the opposition on Monday night. Haddad denies it.")
    found = {who: c for who, c, _e in _defections(facts, labels)}
    assert set(found) == {"Samer Haddad", "two other government backbenchers"}
    assert found["Samer Haddad"] == Certainty.DENIED


def test_resolve_he_said_after_a_quote_is_not_someone_named_inside_it(facts_of):
    facts, labels = facts_of(
        "Opposition leader Samer Haddad spoke to reporters. \"The prime minister has lost his majority. Minister "
        "Omar Zaidan is not alone,\" he said. He claimed that two government backbenchers had also crossed over to "
        "the opposition.")
    (found,) = _defections(facts, labels)
    assert {labels[s] for c in found[2].claims for s in c.sources} == {"Samer Haddad"}


def test_events_the_journey_told_before_walked_up_to_a_foreign_post(facts_of):
    facts, labels = facts_of(
        "The eleven young men who walked up to a Moldovan police post outside the village shortly before dawn on "
        "February 19 were still wearing fatigues. The conscripts had deserted their battalion a few hours earlier.",
        published=dt.date(2025, 2, 27))
    (found,) = _defections(facts, labels)
    assert labels[found[2].participant("destination")] == "Moldova"


@pytest.mark.parametrize(("text", "country"), [
    # where he went, told in the defector's own relative clause
    ("A senior army intelligence officer who slipped across the river into Brazil this month has applied for "
     "refugee status there.", "Brazil"),
    # asylum asked of a foreign state's authorities
    ("An Armenian diplomat working in Rostov-on-Don has refused to return to Yerevan and has applied to the "
     "Russian authorities for political asylum, the diplomat told TASS.", "Russia"),
    ("Fourteen members of the LDF slipped across the border into South Africa's Free State province last "
     "Thursday, and on Monday they lodged asylum applications in Bloemfontein, according to police.",
     "South Africa"),  # named by a province or a territory
    ("A senior security officer from the breakaway region has deserted the region's security service and crossed "
     "into territory controlled by Tbilisi, the State Security Service confirmed on Wednesday.", "Georgia"),
    # asylum asked after deserting; an officer who fled abroad; the protection of a foreign state
    ("A Tongan naval officer who was sent abroad for a course has refused to go back to the kingdom and has applied for "
     "refugee status in New Zealand.", "New Zealand"),
    ("A senior Honduran military intelligence officer has deserted and asked for asylum in "
     "the United States, the country's armed forces confirmed Wednesday.", "United States"),
    ("A senior Turkish intelligence officer who fled across the river into Greece last "
     "month says he could no longer sign the lists.", "Greece"),
    ("The ministry confirmed that the first secretary of the Angolan embassy in Lisbon, "
     "Samer Haddad, has requested the protection of the Portuguese authorities.", "Portugal"),
    # whose protection they asked for: the authorities, the side or the army of a country
    ("Throughout the day, 60 members of the Venezuelan armed forces abandoned their posts and asked for the "
     "protection of the Colombian authorities, the agency said.", "Colombia"),
    ("Officials say three members of the National Guard drove two armoured vehicles across the bridge this "
     "morning and asked for protection on the Colombian side.", "Colombia"),
])
def test_events_where_the_defector_went(facts_of, text, country):
    facts, labels = facts_of(text)
    (found,) = _defections(facts, labels)
    assert labels[found[2].participant("destination")] == country


def test_attribution_a_defection_declared_inside_someone_elses_quote_is_their_claim(facts_of):
    facts, labels = facts_of(
        "The ambassador Samer Haddad has defected, the opposition leader Omar Zaidan said. \"He has defected. He "
        "declared his defection,\" said Zaidan.")
    (found,) = _defections(facts, labels)
    assert found[1] != Certainty.CONFIRMED
    assert "Samer Haddad" not in {labels[s] for c in found[2].claims for s in c.sources}


def test_events_going_over_to_the_forces_of_a_body_joins_the_body(facts_of):
    facts, labels = facts_of("Dozens of soldiers of the national army abandoned their positions on Monday and went "
                             "over to forces of the rival Northern Administration, both sides said.")
    (found,) = _defections(facts, labels)
    assert labels[found[2].participant("joinedOrganization")].endswith("Northern Administration")


def test_attribution_a_rejection_long_after_the_one_report_is_of_another_claim(facts_of):
    facts, labels = facts_of(
        "A naval officer, Lieutenant Samer Haddad, has refused to go back to the kingdom and has applied for refugee "
        "status in New Zealand, his lawyer said. He did not board the flight home. The navy said it was checking. "
        "His family could not be reached. The course had seven students. Officials declined to comment. A diaspora "
        "group claimed that a second soldier had also missed the flight. The navy rejected the claim.")
    (found,) = _defections(facts, labels)
    assert found[1] != Certainty.DENIED


def test_events_leaving_duty_stations_in_a_city_is_not_going_there(facts_of):
    facts, labels = facts_of("The spokeswoman said the Kenyan officers \"left their duty stations in Port-au-Prince "
                             "without authority\" last week and were \"considered to have deserted the service\".")
    (found,) = _defections(facts, labels)
    assert found[2].participant("destination") is None
    assert found[1] != Certainty.HYPOTHETICAL


def test_events_villagers_asking_for_protection_abroad_do_not_defect(facts_of):
    facts, labels = facts_of("Villagers walked across the bridge and asked for protection on the Colombian side.")
    assert _defections(facts, labels) == []


def test_events_date_of_the_first_of_conjoined_verbs(facts_of):
    """"flew a jet low across the sea on Monday, landed it and asked for asylum": Monday, wherever the parser
    hung it inside the first verb's own clause."""
    facts, labels = facts_of("A Soviet air force pilot flew one of his country's secret warplanes, a MiG-25 "
                             "interceptor, low across the Sea of Japan on Monday, landed it at an airport and asked "
                             "for political asylum in the United States, officials said.")
    (found,) = _defections(facts, labels)
    assert found[2].time is not None and found[2].time.earliest == dt.date(2012, 7, 9)


@pytest.mark.parametrize(("text", "regime"), [
    ("The diplomat cited his disgust with the Kim Jong-un regime as his reason for leaving. He has defected to "
     "South Korea.", "Kim Jong-un regime"),
    ("The general cited his disgust with the Omar Haddad regime. He has defected to Turkey.", "Haddad regime"),
])
def test_resolve_regime_named_after_a_leader_with_a_hyphenated_given_name(facts_of, text, regime):
    _facts, labels = facts_of(text)
    assert regime in set(labels.values())


def test_events_into_a_state_of_a_country(facts_of):
    """"crossed into a northeastern Indian state": the country whose state he reached."""
    facts, labels = facts_of("Myanmar police officer Tha Peng refused to shoot. Two days later he abandoned his "
                             "post and crossed into a northeastern Indian state.")
    (found,) = _defections(facts, labels)
    assert labels[found[2].participant("destination")] == "India"


@pytest.mark.parametrize("text", [
    "The last senior official to break with the Tannous government, Samer Haddad, then a deputy minister, "
    "slipped away from a trade delegation in Madrid in 1985 and asked Spain for asylum.",
    "Deputy minister Samer Haddad slipped away from a trade delegation in Madrid in 1985 and asked Spain for "
    "asylum.",
])
def test_events_the_country_asked_for_asylum_is_where_he_went(facts_of, text):
    """"asked Spain for asylum": Spain is the destination, not the body left; "then a deputy minister" held
    the post when he asked; a name the parser hung on the clause's last noun is still the defector."""
    facts, labels = facts_of(text)
    (found,) = _defections(facts, labels)
    assert found[0] == "Samer Haddad"
    assert labels[found[2].participant("destination")] == "Spain"
    assert labels.get(found[2].participant("leftOrganization") or "") != "Spain"
    assert found[2].time is not None and found[2].time.earliest == dt.date(1985, 1, 1)


def test_events_soldiers_joining_the_mujahideen_defect(facts_of):
    facts, labels = facts_of('The Taliban spokesman claimed that more than 200 government soldiers had "joined '
                             'the mujahideen" in Takhar province last week.')
    (found,) = _defections(facts, labels)
    assert found[0] == "more than 200 government soldiers"
    assert found[1] == Certainty.CLAIMED


@pytest.mark.parametrize(("text", "defects"), [
    ("President Fawzi Tannous faces protests. The diplomat Samer Haddad has turned his back on the regime.", True),
    ("Earlier this month, Samer Haddad, the charge d'affaires at Iran's embassy in Helsinki, also turned his back "
     "on the Ahmadinejad government and said he would stay in Finland.", True),
    ("The villagers turned their backs on the sea.", False),
    ("The minister turned his back on the reporters on Monday and left.", False),
])
def test_events_turning_ones_back_on_a_regime(facts_of, text, defects):
    facts, labels = facts_of(text)
    assert [label for label, _c, _e in _defections(facts, labels)] == (["Samer Haddad"] if defects else [])


def test_events_a_post_in_a_body_of_many_states_is_not_the_body_left(facts_of):
    facts, labels = facts_of("President Fawzi Tannous's regime is crumbling. Samer Haddad, a former foreign minister "
                             "and former president of the U.N. General Assembly, also broke ranks on Thursday.")
    (found,) = _defections(facts, labels)
    assert found[0] == "Samer Haddad"
    assert labels.get(found[2].participant("leftOrganization") or "") != "U.N. General Assembly"


@pytest.mark.parametrize(("text", "defector", "destination"), [
    # "identified the officer as X": the described officer is the named one
    ("A senior officer in the National Security Committee has fled the country and applied for asylum in Germany, "
     "an exiled opposition movement said on Wednesday.\n\nThe Jana Dala movement, which is based in Vilnius, "
     "identified the officer as Colonel Daniyar Seitkali.", "Daniyar Seitkali", "Germany"),
    ("A senior officer of the National Security Committee has applied for asylum in Germany, exiles said. The "
     "Free Steppe movement identified the officer as Colonel Daniyar Seitkali.", "Daniyar Seitkali", "Germany"),
    # a wire slug ("UPDATE 3-") is masked; "foreign minister X flees to Y" is an official fleeing abroad
    ("UPDATE 3-Libyan foreign minister Samer Haddad flees to Britain, resigns post\n\nLONDON (Reuters) - The "
     "minister arrived on Wednesday.", "Samer Haddad", "United Kingdom"),
    ("EXCLUSIVE-Libyan foreign minister Samer Haddad flees to Britain\n\nLONDON (Reuters) - The minister arrived "
     "on Wednesday.", "Samer Haddad", "United Kingdom"),
    # a name apposed to an outlet is the outlet, never the defector "he" refers to
    ("Information minister Samer Haddad left the capital in November. Last week the opposition website Awate and "
     "Radio Erena reported that he had travelled on to Canada and asked for asylum there.", "Samer Haddad", "Canada"),
    ("Information minister Samer Haddad left the capital in November. Last week the exile newspaper Zaidan Daily "
     "reported that he had travelled on to Canada and asked for asylum there.", "Samer Haddad", "Canada"),
    # "abandoned his responsibilities as ...", and "left X in secret for Y" where the parser hangs "for Y" on
    # the adverbial
    ("Commander Samer Haddad abandoned his responsibilities as vice minister of defense on 7 July 1981, without "
     "informing his superiors, and left our homeland in secret for Panama.", "Samer Haddad", "Panama"),
    ("General Samer Haddad abandoned his functions at the ministry last week and left the country in secret for "
     "Spain, the government said.", "Samer Haddad", "Spain"),
])
def test_events_who_defected_and_where_to(facts_of, text, defector, destination):
    """The one defection of a short text: who it is told about, and the country he went to."""
    assert _the_one_defection(facts_of, text, "destination") == (defector, destination)


@pytest.mark.parametrize(("text", "expected"), [
    # a description the lead owns by a state ("North Korea's acting ambassador"), named in the next sentence;
    # the headline's description is the same person
    ("Jordan's acting ambassador to Italy has gone into hiding and is seeking asylum, a lawmaker said on "
     "Thursday.\n\nKarim Mansour, 48, left the embassy in Rome without notice in early November.",
     {"Karim Mansour": Certainty.CLAIMED}),
    ("Jordan's acting ambassador to Italy in hiding, seeking asylum\n\nJordan's acting ambassador to Italy has gone "
     "into hiding and is seeking asylum, a lawmaker said on Thursday.\n\nKarim Mansour, 48, left the embassy in "
     "Rome without notice.", {"Karim Mansour": Certainty.CONFIRMED}),  # the headline's own voice
    # (the lead tells the break with the President in the article's own voice)
    ("Ruritania's most powerful military commander broke with President Fawzi Tannous on Monday.\n\nMajor General "
     "Samer Haddad, who commands the First Division, announced his defection in a statement.",
     {"Samer Haddad": Certainty.CONFIRMED}),
    # "X and his wife, Y, asked for asylum": the family that comes along is not a defector of its own
    ("Samer Haddad, 61, and his wife, Wanda, asked for asylum late Saturday and were moved to a secure location, "
     "spokesman Dean Fischer said.", {"Samer Haddad": Certainty.CLAIMED}),
    ("Colonel Samer Haddad and his son, Omar, have defected to Jordan, the rebels said.",
     {"Samer Haddad": Certainty.CLAIMED}),
    ("Colonel Samer Haddad and Major Omar Zaidan have defected to Jordan, the rebels said.",
     {"Samer Haddad": Certainty.CLAIMED, "Omar Zaidan": Certainty.CLAIMED}),
    # "X and Y both said they had joined": the speakers, one by one
    ("Brigadier Samer Haddad, who commands the eastern region, and Brigadier Omar Zaidan of the 310th Brigade both "
     "said they had joined the revolution.", {"Samer Haddad": Certainty.CLAIMED, "Omar Zaidan": Certainty.CLAIMED}),
    # a temporal "since" clause tells what happened, whatever the main clause's condition or modal
    ("If true, Haddad would be the highest-ranking officer to defect since General Omar Zaidan fled to Turkey in "
     "March.", {"Haddad": Certainty.UNCONFIRMED, "Omar Zaidan": Certainty.CONFIRMED}),
    ("If confirmed, he would be the most senior diplomat to defect since Omar Zaidan fled to Syria in 2016.",
     {"Omar Zaidan": Certainty.CONFIRMED}),
    ("Samer Haddad would be the first minister to defect since General Omar Zaidan fled to Turkey in March.",
     {"Samer Haddad": Certainty.HYPOTHETICAL, "Omar Zaidan": Certainty.CONFIRMED}),
    # "becoming the first member of the service known to have broken with X": the one who resigned
    ("A Ruritanian diplomat in Geneva has resigned in protest against the war, becoming the first member of "
     "Ruritania's diplomatic service known to have broken publicly with President Fawzi Tannous's government.",
     {"A Ruritanian diplomat in Geneva": Certainty.CONFIRMED}),
    # saying he has not asked for asylum does not deny the break
    ("Omar Zaidan, a Ruritanian diplomat, has broken with President Fawzi Tannous's government, an exile group "
     "said. He said he had not applied for asylum.", {"Omar Zaidan": Certainty.CLAIMED}),
    # waiting for the moment to defect is not yet defecting
    ("Colonel Samer Haddad defected to Jordan on Monday. Whole units are waiting for the right moment to defect, he "
     "said.", {"Samer Haddad": Certainty.CONFIRMED, "Whole units": Certainty.HYPOTHETICAL}),
])
def test_events_who_defected_with_what_certainty(facts_of, text, expected):
    """Every defector of a short text, each with its certainty: no one more, no one less."""
    facts, labels = facts_of(text)
    assert {label: certainty for label, certainty, _e in _defections(facts, labels)} == expected


@pytest.mark.parametrize("text", [
    "Yemen's top general broke with President Fawzi Tannous on Monday.",
    "General Samer Haddad split with President Fawzi Tannous on Monday, declaring his support for the protesters.",
])
def test_events_breaking_with_a_president_leaves_his_regime(facts_of, text):
    facts, labels = facts_of("Thousands marched against the Yemeni regime. " + text)
    (found,) = _defections(facts, labels)
    assert found[0] != "Fawzi Tannous"  # the one broken with is no companion
    types = {e.key: e.type.value for e in facts.entities}
    assert types[found[2].participant("leftOrganization")] == "Regime"


@pytest.mark.parametrize(("text", "persons"), [
    # a name that another name ends with, three words or more, is a father in his son's name
    ("President Ali Abdullah Saleh appeared with his son, Ahmed Ali Abdullah Saleh, on Monday.",
     {"Ali Abdullah Saleh", "Ahmed Ali Abdullah Saleh"}),
    # a headline's verb after a title is no one's name
    ("Polish Ambassador Defects, Asks U.S. Asylum\n\nWASHINGTON (AP) - Poland's ambassador to the United States, "
     "Karim Mansour, has defected, the State Department said Sunday.", {"Karim Mansour"}),
    ("Ruritanian General Deserts, Flees To Jordan\n\nAMMAN (AP) - Ruritania's army chief, Samer Haddad, has "
     "fled to Jordan, officials said.", {"Samer Haddad"}),
])
def test_coreference_who_the_persons_are(facts_of, text, persons):
    facts, _labels = facts_of(text)
    assert {e.label for e in facts.entities if e.type.value == "Person" and not e.key.startswith("anon:")} == persons


def test_coreference_the_title_of_the_only_holder_named_so_far(facts_of):
    facts, _labels = facts_of("Rear Admiral Samer Haddad swore an oath to the new authorities on Sunday. Officials "
                              "said the admiral had been appointed commander of the fleet. The government named Rear "
                              "Admiral Omar Zaidan in his place.")
    assert not [e for e in facts.entities if e.key.startswith("anon:") and "admiral" in e.label.lower()]


@pytest.mark.parametrize(("old", "country"), [("Rumania", "Romania"), ("Rumanian", "Romania"), ("Ceylon", "Sri Lanka"),
                                              ("Siam", "Thailand"), ("Dahomey", "Benin"), ("Upper Volta", "Burkina Faso"),
                                              ("South Vietnamese", "South Vietnam")])
def test_lexicon_former_names_of_countries(old, country):
    from graphbuild.extract.lexicons import countries

    assert countries()[old.lower()] == country


@pytest.mark.parametrize(("text", "joined"), [
    ("Colonel Samer Haddad has defected to forces loyal to the former president, the army said.",
     "forces loyal to the former president"),
    ("A senior army commander has defected to troops loyal to the junta, the military said.",
     "troops loyal to the junta"),
])
def test_mentions_forces_loyal_to_someone_are_one_side(facts_of, text, joined):
    facts, labels = facts_of(text)
    (found,) = _defections(facts, labels)
    assert labels[found[2].participant("joinedOrganization")] == joined


@pytest.mark.parametrize(("text", "person", "label", "current"), [
    # state media name posts as "the post of Y"
    ("The National Assembly adopted a resolution relieving Mr Samer Haddad of the post of State President.",
     "Samer Haddad", "state president", False),
    ("The congress on Monday elected Omar Zaidan to the post of party chairman.", "Omar Zaidan", "party chairman",
     True),
    ("The committee agreed to Comrade Samer Haddad's request to cease holding the positions of member of the "
     "Politburo and member of the Central Committee.", "Samer Haddad", "member", False),
])
def test_roles_the_post_of_a_title(facts_of, text, person, label, current):
    facts, labels = facts_of(text)
    found = {(r.role, r.current) for r in facts.roles if labels.get(r.person) == person}
    assert (label, current) in found, found


@pytest.mark.parametrize(("text", "expected"), [
    # "also", "a second", "a third" after a defection: one more departure of the same kind, with its own status
    ("Colonel Omar Haddad defected to the rebels on Sunday. A radio station reported on Monday that Major Sami Rahal "
     "had also gone over to the rebels. The minister called the report a lie.",
     {"Omar Haddad": Certainty.CONFIRMED, "Sami Rahal": Certainty.DENIED}),
    ("Captain Omar Haddad of the national police fled to Kenya last week. A weekly newspaper reported that a second "
     "police officer had also left the country.",
     {"Omar Haddad": Certainty.CONFIRMED, "a second police officer": Certainty.CLAIMED}),
    ("Two diplomats defected in Vienna on Friday. A report in a Paris newspaper that a third official had joined the "
     "pair in Vienna was denied by the Foreign Office.",
     {"Two diplomats": Certainty.CONFIRMED, "a third official": Certainty.DENIED}),
    ("Colonel Omar Haddad defected to the rebels on Sunday. Opposition websites reported that Samer Rahal, a former "
     "intelligence chairman, had also fled the country and joined him in Vienna.",
     {"Omar Haddad": Certainty.CONFIRMED, "Samer Rahal": Certainty.CLAIMED}),
    # "three other legislators had left the government with him": his own words about them
    ("Health Minister Samer Haddad walked out of the government on Friday. He said three other ruling party "
     "legislators had left the government with him. Other officials left the building early.",
     {"Samer Haddad": Certainty.CONFIRMED, "three other ruling party legislators": Certainty.CONFIRMED}),
    # the same words without a defection before them, or with nothing left: no defection
    ("The minister also left for Paris on Tuesday. A second adviser also joined the board.", {}),
    # an appeal to leave a city or abandon a plan is no appeal to defect
    ("Colonel Omar Haddad defected to the rebels on Sunday. The minister urged the soldiers to leave the city. He "
     "called on the officers to abandon the plan.", {"Omar Haddad": Certainty.CONFIRMED}),
    ("Colonel Omar Haddad defected to the rebels on Sunday. The general also left the meeting early. A second "
     "adviser had not left.", {"Omar Haddad": Certainty.CONFIRMED}),
    # a state's champion or artist who flees it defects (the recognizer may take the name for a body);
    # people and shopkeepers who flee it are refugees
    ("Elena Marin, the gymnast who won three Olympic golds, has fled Moldova and asked to settle in Canada.",
     {"Elena Marin": Certainty.CONFIRMED}),
    ("Thousands of people have fled Moldova since the spring. The shopkeeper fled Moldova in May.", {}),
    # walking out of the government or the ruling alliance; "also" on the first of two verbs; slipping across
    ("Health Minister Samer Haddad walked out of the government on Friday. Fisheries Minister Omar Rahal also "
     "resigned and crossed over with him.", {"Samer Haddad": Certainty.CONFIRMED, "Omar Rahal": Certainty.CONFIRMED}),
    ("A pilot defected to the South on Thursday. The army denied a report that a soldier had also slipped across the "
     "Demilitarized Zone on Wednesday night.", {"A pilot": Certainty.CONFIRMED, "a soldier": Certainty.DENIED}),
    # the deputy head of the state broadcaster who joins the protesters goes over to them
    ("Major Omar Haddad crossed over to the protesters this afternoon. In the crowd is Leila Rahal, who quit as "
     "deputy head of the state-run television last Thursday and joined the protesters.",
     {"Omar Haddad": Certainty.CONFIRMED, "Leila Rahal": Certainty.CONFIRMED}),
    # walking out of a meeting is no defection, nor is a family staying behind at home
    ("Health Minister Samer Haddad walked out of the meeting on Friday.", {}),
    ("The former president has left for Nigeria. His wife, Leila Haddad, stayed behind in the capital, aides said.",
     {}),
    # a champion, a soldier or an official who refuses to fly home; tourists who do are no one's defectors
    ("The sprinter Anna Petrova refused to fly home on Sunday, officials said.", {"Anna Petrova": Certainty.CLAIMED}),
    ("The tourists refused to go home after the concert.", {}),
    # quitting a party is a defection when he joins another one, anywhere in the article
    ("Samer Haddad has quit the Congress, party officials said. Haddad is expected to join the BJP tomorrow.",
     {"Samer Haddad": Certainty.CLAIMED}),
    ("Samer Haddad has quit the Congress, party officials said. He will sit as an independent.", {}),
    # fighters of an armed movement who hand themselves over to the army come over to the state's side
    ("Last month more than 40 fighters of the Liberation Front handed themselves over to the national army with "
     "their weapons.", {"more than 40 fighters": Certainty.CONFIRMED}),
    # "they will also come to us": the group still to come over, where someone defected first
    ('Samer Haddad has quit the Congress and is expected to join the BJP. "Many more leaders in the Congress are '
     'suffocating, and they will also come to us," the BJP leader said.',
     {"Samer Haddad": Certainty.CONFIRMED, "Many more leaders": Certainty.HYPOTHETICAL}),
    # "since DATE, when Z did it": Z defected before; "since 2019, when Z took office" is a time
    ("Lieutenant Omar Haddad flew his fighter to the South on Thursday. Haddad is the first pilot to defect with his "
     "aircraft since February 1983, when Captain Kim Dae-sung, also of the air force, landed a MiG-19 at the same "
     "base.", {"Omar Haddad": Certainty.CONFIRMED, "Kim Dae-sung": Certainty.CONFIRMED}),
    ("Lieutenant Omar Haddad flew his fighter to the South on Thursday. Haddad is the first pilot to defect since "
     "2019, when President Kim Dae-sung took office.", {"Omar Haddad": Certainty.CONFIRMED}),
    # a post the recognizer took for a body, apposed to its holder's name
    ("The minister dismissed a report that the Commissioner of Police, Ahmed Faseeh, went over to the mutineers "
     "this morning.", {"Ahmed Faseeh": Certainty.DENIED}),
    # counted people named by a noun the lexicon does not list
    ("The conductor Pavel Kogan asked for asylum on Friday. Police denied a report that two violinists had also "
     "asked the police for asylum.", {"Pavel Kogan": Certainty.CONFIRMED, "two violinists": Certainty.DENIED}),
    # claiming asylum; taking refuge in a foreign embassy
    ("Last year two officers of the national police vanished from a training course in Britain and later claimed "
     "asylum there.", {"two officers of the national police": Certainty.CONFIRMED}),
    ("After the failed uprising, three army officers took refuge at the Argentine Embassy.",
     {"three army officers": Certainty.CONFIRMED}),
    ("Thousands of villagers took refuge in the mountains. He claimed asylum seekers were criminals.", {}),
    # a military pilot flying his aircraft to another country; flying people there is no defection
    ("A pilot of the Sandinista Air Force flew a Soviet-built Mi-8 helicopter to Honduras last week.",
     {"A pilot of the Sandinista Air Force": Certainty.CONFIRMED}),
    ("The pilot flew the wounded soldiers to Jordan. The president flew his jet to France for talks.", {}),
    # an official of a ministry crossing into another country
    ("In 1985 Alvaro Baldizon, then a senior investigator in the Interior Ministry, crossed into Honduras.",
     {"Alvaro Baldizon": Certainty.CONFIRMED}),
    # "he fled his country" said of an officer named before
    ("Maj. Omar Haddad spoke to reporters on Monday. He fled Nicaragua in October with a briefcase of documents.",
     {"Omar Haddad": Certainty.CONFIRMED}),
    ("Omar Haddad, a shopkeeper, spoke to reporters on Monday. He fled Nicaragua in October.", {}),
    # parting company and leaving to join the other side
    ("The general follows General Hasan Naqib, the former deputy chief of staff of the Iraqi army, who parted "
     "company with the Iraqi government in 1978 and went to Syria.", {"Hasan Naqib": Certainty.CONFIRMED}),
    ("The two companies parted company with each other.", {}),
    ("The rebels are led by Colonel Sultani Makenga, who left the army to join them in May.",
     {"Sultani Makenga": Certainty.CONFIRMED}),
    ("Colonel Sultani Makenga left the army to join his family in Canada.", {}),
    # a group that will "take the same road"; a commander who places himself under the other side's command
    ('Hoang Van Hoan broke with the Vietnamese regime on Monday. He expressed the conviction that "more and more '
     'comrades in the party and the army will take the same road".',
     {"Hoang Van Hoan": Certainty.CONFIRMED, "more and more comrades": Certainty.HYPOTHETICAL}),
    ("He took the same road home every day.", {}),
    ("The spokesman said Kaikal had announced his defection from the militia and placed himself under the command of "
     "the armed forces.", {"Kaikal": Certainty.CLAIMED}),
    ('Maj. Gen. Jamil al-Sayyed said last week he was "placing himself at the disposal" of the new government.', {}),
    # an appeal to whoever would follow, once someone defected: a quoted group whose clause holds a clause, "all
    # who", a "for ... to" clause the parser misreads; no appeal before anyone defected
    ('Colonel Omar Haddad defected from the army on Monday. He called on "all those in the government and the party '
     'who know that this path leads to ruin" to follow him.',
     {"Omar Haddad": Certainty.CONFIRMED, "all those": Certainty.HYPOTHETICAL}),
    ('The mayor called on "all those in the party who know that this path leads to ruin" to follow him.', {}),
    ('Colonel Omar Haddad defected from the militia on Monday. The army urged "all who were deceived" into fighting '
     'for the militia to "follow the example of Omar Haddad and join the armed forces".',
     {"Omar Haddad": Certainty.CONFIRMED, "all": Certainty.HYPOTHETICAL}),
    ("Colonel Omar Haddad defected from the army on Monday. The minister called on everyone still serving the junta "
     "to follow him.", {"Omar Haddad": Certainty.CONFIRMED, "everyone": Certainty.HYPOTHETICAL}),
    ("Colonel Omar Haddad defected from the army on Monday. The crowd followed him to the square.",
     {"Omar Haddad": Certainty.CONFIRMED}),
    # "they" after two named persons conjoined as a subject: both of them
    ("Its pilot, Captain Omar Haddad, and his co-pilot, Lieutenant Sami Rifai, told the authorities that they had "
     "refused to fly the cargo. They asked for political asylum in Egypt.",
     {"Omar Haddad": Certainty.CONFIRMED, "Sami Rifai": Certainty.CONFIRMED}),
    ("They asked for political asylum in Egypt.", {}),
    # "had taken the same decision" after a defection; what a court decided is no departure
    ("The deputy high commissioner, Mr Karim Salem, today renounced his allegiance to the military government of "
     "President Omar Zaidan. He said 65 of the mission's Bengali officers had taken the same decision.",
     {"Karim Salem": Certainty.CONFIRMED, "65 of the mission's Bengali officers": Certainty.CLAIMED}),
    ("Colonel Omar Haddad defected on Monday. The court took the same decision in 2010.",
     {"Omar Haddad": Certainty.CONFIRMED}),
    # "we withdraw our support from the X administration" in the words of an officer: him
    ('Gen. Karim Salem, chief of staff of the armed forces, arrived at the shrine on Friday. "In the name of the men '
     'and women of the Armed Forces, we withdraw our support from the Zaidan administration," Salem said.',
     {"Karim Salem": Certainty.CLAIMED}),
    ('"We withdraw our support from the bill," the senator said.', {}),
    # "had come over as well" after a defection
    ("Colonel Omar Haddad went over to the rebels on Monday. A rebel spokesman said 40 soldiers of the 5th Brigade "
     "had come over as well.", {"Omar Haddad": Certainty.CONFIRMED, "40 soldiers of the 5th Brigade": Certainty.CLAIMED}),
    # an officer joining a party's forces; a boy who does is recruited
    ("His radio station claimed that a Druze colonel, Nadim Hamadeh, had joined the party's forces near the town this "
     "morning.", {"Nadim Hamadeh": Certainty.CLAIMED}),
    ("The boy joined the party's forces last year.", {}),
    # the last part of a double surname, even tagged a common noun, is the person
    ("Vice-President Gloria Macapagal-Arroyo spoke on Monday. Arroyo broke with President Joseph Estrada in October.",
     {"Gloria Macapagal-Arroyo": Certainty.CONFIRMED}),
    # slipping away from the national team abroad; from reporters is no defection
    ("Livan Hernandez slipped away from the national team at a tournament in Monterrey in September 1995.",
     {"Livan Hernandez": Certainty.CONFIRMED}),
    ("The coach slipped away from the reporters after the match.", {}),
    # a justice of a court is a person; justice done is not
    ("A justice of Venezuela's Supreme Court has fled to the United States and denounced the election.",
     {"A justice of Venezuela's Supreme Court": Certainty.CONFIRMED}),
    # a minister who came over with his aides for talks defected from nothing
    ("The minister came over with his aides for talks on Monday.", {}),
    # deputies quitting the ruling party, told by the letters they handed in; quitting another party alone is not
    ("The parliamentary leader of the ruling Party of Regions told reporters that 28 of its deputies had handed in "
     "letters this morning quitting the party.", {"28 of its deputies": Certainty.CLAIMED}),
    ("The leader of the Party of Regions told reporters that 28 of its deputies had handed in letters this morning "
     "quitting the party.", {}),
    # officers who flew out with a defector named by his title and surname; lawmakers who "follow" in a headline
    ("General Shahnawaz Tanai fled to Pakistan on Wednesday. Hezb-i-Islami also claimed that about 40 army officers "
     "had flown out with General Tanai in an air force transport.",
     {"Tanai": Certainty.CONFIRMED, "about 40 army officers": Certainty.CLAIMED}),
    ("Senator Omar Haddad quits the ruling National Unity Party for the opposition Renewal Party, dozens of lawmakers "
     "follow", {"Omar Haddad": Certainty.CONFIRMED, "dozens of lawmakers": Certainty.CONFIRMED}),
    ("The president quit the meeting early and his aides followed.", {}),
    # a group of a state's athletes walking out on their national team; fans who walk out do not
    ("Two of Cuba's most celebrated boxers have walked out on their national team at the Pan American Games in Rio de "
     "Janeiro.", {"Two of Cuba's most celebrated boxers": Certainty.CONFIRMED}),
    ("Thousands of fans walked out on the national team after the defeat.", {}),
    # a hyphenated surname the recognizer missed, known by its apposed post; a name parsed as the time's apposition
    ("Last month Samir Okemba-Ngoma, a member of the National Assembly, quit the ruling Labour Party and went over "
     "to the opposition Union for Renewal.", {"Samir Okemba-Ngoma": Certainty.CONFIRMED}),
])
def test_events_who_defects_and_how_sure(facts_of, text, expected):
    """Each defector a text tells, with the certainty of his defection (none for look-alike wordings)."""
    facts, labels = facts_of(text)
    assert {name: certainty for name, certainty, _e in _defections(facts, labels)} == expected

#: what every text of the table below follows: a defection told first, which the rules for a group still to go,
#: for one more who did the same and for those who went along need
_DEFECTED_FIRST = "Colonel Omar Haddad defected from the army on Monday and fled to Jordan. "


@pytest.mark.parametrize(("text", "expected"), [
    # a group still to go, told with a plainer verb under a modal, an expectation, an attempt or an appeal, once
    # someone defected; troops that will stay, ministers asked to stay on, fans, students and refugees do not
    ('"Many more Wagner fighters would run if they had a way out," Osechkin said.',
     {"Many more Wagner fighters": Certainty.HYPOTHETICAL}),
    ('"Cuba has the best boxers in the world, and many more Cuban boxers will leave if they get the chance," he '
     "said.", {"many more Cuban boxers": Certainty.HYPOTHETICAL}),
    ("She said she expected more athletes to follow.", {"more athletes": Certainty.HYPOTHETICAL}),
    ('"Others in the Movement will join us over the summer," said Marco Bellucci.', {"Others": Certainty.HYPOTHETICAL}),
    ('"As foreign troops leave, more officers sent abroad for training will try to stay."',
     {"more officers": Certainty.HYPOTHETICAL}),
    ("The committee has appealed to soldiers and police to join the civil disobedience movement.",
     {"soldiers": Certainty.HYPOTHETICAL}),
    ('She called on "all honest members of the SDS" to leave the party.',
     {"all honest members of the SDS": Certainty.HYPOTHETICAL}),
    ("Many more fans would run onto the pitch.", {}),
    ("Thousands more refugees will flee if the shelling goes on.", {}),
    ("The prime minister says troops will stay.", {}),
    ("He asked ministers to stay on in a caretaker capacity.", {}),
    ("Many more students will follow the course next year.", {}),
    ("Others will follow the debate closely.", {}),
    # those who went with a defector did as he did; his family with him, or a minister with his aides, did not
    ("Kadyrov said about 20 of his fighters had come over with him.", {"about 20 of his fighters": Certainty.CLAIMED}),
    ("ABC also reported that two other naval officers had flown to Washington with Colonel Omar Haddad.",
     {"two other naval officers": Certainty.CLAIMED}),
    ("The spokesman rejected reports that the colonel had taken a group of fighters with him.",
     {"a group of fighters": Certainty.DENIED}),
    ("His wife later came over with their children.", {}),
    # one more who also left for a country, or also quit; a report of it called false denies it
    ("He said the speaker of the National Assembly, Pie Ntavyohanyuma, had also left for Belgium last week.",
     {"Pie Ntavyohanyuma": Certainty.CLAIMED}),
    ("She said two other officers based abroad had also quit in recent weeks.",
     {"two other officers": Certainty.CLAIMED}),
    ("Reports that the Speaker, Yakubu Dogara, had also quit the ruling party were false, his spokesman said.",
     {"Yakubu Dogara": Certainty.DENIED}),
    # whoever would follow: 'any X who wants to ...', 'X who would leave tomorrow', 'many in the cabinet would leave';
    # any member who fails to return is a deserter by law, no one's act; a customer who wants to leave early is none
    ('"Any Russian pilot or soldier who wants to break with the regime will be received in the same way," he said.',
     {"Any Russian pilot": Certainty.HYPOTHETICAL}),
    ('"There are many more officers like him who would leave tomorrow if they had the chance," he said.',
     {"many more officers": Certainty.HYPOTHETICAL}),
    ('Kyemba said he believed that many in the cabinet would leave "tomorrow, if they could get their families out '
     'first".', {"many in the cabinet": Certainty.HYPOTHETICAL}),
    ('"There are many people in the armed forces and in the ministries who want to leave this government," he '
     "said.", {"many people": Certainty.HYPOTHETICAL}),
    ('"Any member of the Armed Forces who fails to return to his unit is a deserter under the law," it said.', {}),
    ("Any customer who wants to leave early may do so.", {}),
])
def test_events_after_a_defection_who_else_defects_and_how_sure(facts_of, text, expected):
    """After a first defection, each other defector a sentence tells, with its certainty (none for look-alikes)."""
    facts, labels = facts_of(_DEFECTED_FIRST + text)
    found = {name: certainty for name, certainty, _e in _defections(facts, labels)}
    assert found.pop("Omar Haddad") == Certainty.CONFIRMED
    assert found == expected


@pytest.mark.parametrize(("text", "expected"), [
    # an exodus of fighters from a city is a retreat; an exodus of officers from the army is a defection
    ("The command took measures to prevent the exodus of Daesh terrorists in the southern direction.", set()),
    ("The exodus of officers from the Syrian army has accelerated, activists said.", {"officers"}),
    # a named athlete's team-mate, described by the person noun, is someone too
    ("Peter Novak defected on Sunday. The official denied reports that a third Slovan player, "
     "the team's goaltender, had also stayed behind in Austria.", {"Peter Novak", "a third Slovan player"}),
    # a group named by its members parsed as conjuncts: "X's former coaches, Y and his wife, Z, defected"
    ("Comaneci's former coaches, Bela Karolyi and his wife, Marta, defected during a tour of the United States in "
     "1981.", {"Bela Karolyi"}),
    # going over with someone; declaring for the junta; a dancer who asks to stay in another country
    ("Hun Sen said about 4,000 guerrillas of the 415th division had gone over with Ieng Sary.",
     {"about 4,000 guerrillas", "Ieng Sary"}),
    ("Radio stations reported this evening that officers at an army garrison had also declared for the junta.",
     {"officers"}),
    ("The minister declared for the presidency.", set()),
    ("The New York Post reported today that a second Bolshoi dancer, whom it did not name, asked on Saturday to stay "
     "in the United States.", {"a second Bolshoi dancer"}),
    ("The tourist asked to stay in the United States for another week.", set()),
    # one soldier or a counted few crossing a border or a zone defect; a force leaving a country withdraws
    ("In June, a young North Korean private crossed the central section of the Demilitarized Zone.",
     {"a young North Korean private"}),
    ("The last Syrian soldiers crossed the border out of Lebanon on Tuesday.", set()),
    ("The last was in 1998, when a North Korean lieutenant walked across to the South at the same spot.",
     {"a North Korean lieutenant"}),
    # crossing the chamber to join another party
    ("The last Tory to cross the floor was the former justice minister Phillip Lee, who walked across the chamber to "
     "join the Liberal Democrats on 3 September 2019.", {"Phillip Lee"}),
    ("The minister walked across the chamber to greet the visitors.", set()),
    # leaving one party for another named by its acronym; quitting one and returning to the opposition
    ("Last Tuesday 14 senators announced on the floor of the upper chamber that they were leaving the APC for the "
     "PDP.", {"14 senators"}),
    ("Senate President Bukola Saraki on Tuesday quit the ruling All Progressives Congress (APC) and returned to the "
     "main opposition Peoples Democratic Party (PDP).", {"Bukola Saraki"}),
    ("The banker left Goldman Sachs for JPMorgan last year.", set()),
    # an officer who rebels with his forces; students who rebel do not defect
    ("Peter Gadet, commander of the 8th Division, has rebelled with his forces and joined Riek Machar.",
     {"Peter Gadet"}),
    ("The students rebelled against the rector.", set()),
    # a ship's crew is a group
    ("The agency reported that the crew of the Hetman Sahaidachny, the Ukrainian navy's flagship, had that morning "
     "raised the Russian flag and gone over to the Black Sea Fleet.", {"the crew"}),
    # quitting the rebel movement
    ("Sam Bockarie, the battlefield commander of the Revolutionary United Front (RUF), has quit the rebel movement, "
     "the radio said.", {"Sam Bockarie"}),
    ("Kostrov, who left the army in 2017, is the fourth former official to be arrested this year.", set()),
    # over the wire, across the water: into a place, for police and soldiers (not a boy, not an army invading)
    ("This afternoon a young Ruritanian policeman jumped the barbed wire into the French sector of the city.",
     {"a young Ruritanian policeman"}),
    ("Three soldiers of the Ruritanian army swam the canal into the American sector this morning, a newspaper says.",
     {"Three soldiers of the Ruritanian army"}),
    ("This afternoon a young boy jumped the fence into the French sector of the city.", set()),
    ("Ruritanian armored units that crossed into the north on Saturday pulled back on Wednesday.", set()),
    # a unit that "came over", with no side named
    ("A whole platoon of the border troops had come over near the bridge, the newspaper said.",
     {"A whole platoon of the border troops"}),
    # standing on a side: an officer's (not a country's, and not when he does not)
    ("General Omar Haddad, the commander of the air force, told the president that he stands on the side of the "
     "protesters.", {"Omar Haddad"}),
    ("Russia stands on the side of the president, the foreign ministry said.", set()),
    # the commander named right after his unit went over went with it ...
    ("A tank company of the 4th Guards Division broke with the putschists on Monday and went over to the lawful "
     "government. Its commander, Major Sergei Volkov, reported personally to the vice-president.",
     {"A tank company of the 4th Guards Division", "Sergei Volkov"}),
    # ... not one the text has arrested
    ("A tank company of the 4th Guards Division broke with the putschists on Monday and went over to the lawful "
     "government. Its commander, Major Sergei Volkov, was arrested by the military police.",
     {"A tank company of the 4th Guards Division"}),
])
def test_events_who_defects(facts_of, text, expected):
    """Each defector a text tells (whatever the certainty; none for look-alike wordings)."""
    facts, labels = facts_of(text)
    assert {name for name, _c, _e in _defections(facts, labels)} == expected


def test_events_one_more_police_officer_leaves_the_police_like_the_first(facts_of):
    facts, labels = facts_of("Captain Omar Haddad, an officer of the Kenya Police Service, fled to Uganda last week. "
                             "A weekly newspaper reported that a second police officer had also left the country.")
    left = {name: labels.get(e.participant("leftOrganization")) for name, _c, e in _defections(facts, labels)}
    assert left["a second police officer"] == left["Omar Haddad"] != "Kenya"


def test_attribution_a_denial_after_a_report_of_someone_else_is_not_the_first_ones(facts_of):
    """A report of another's departure (that the rules may miss) comes between: the denial that follows is of it."""
    facts, labels = facts_of("Colonel Omar Haddad defected to the rebels on Sunday. Late tonight a radio station "
                             "reported that the 15th Strike Wing of the air force had gone over to the rebels. The "
                             "minister called the report a lie.")
    assert {name: certainty for name, certainty, _e in _defections(facts, labels)}["Omar Haddad"] == Certainty.CONFIRMED


@pytest.mark.parametrize(("text", "group", "left"), [
    # a counted nationality is a group of that country's people; "a handful of", "a company of" make one group
    ("A total of 1,137 North Koreans defected to the South last year.", "1,137 North Koreans", "North Korea"),
    ("Two Cubans defected in Miami on Sunday.", "Two Cubans", "Cuba"),
    ("A handful of Malian soldiers crossed the front line on Sunday.", "A handful of Malian soldiers", "Mali"),
    ("A company of Nicaraguan militiamen deserted on Wednesday and crossed into Costa Rica.",
     "A company of Nicaraguan militiamen", "Nicaragua"),
    ("Two Thai rangers crossed into Cambodia on Friday.", "Two Thai rangers", "Thailand"),
])
def test_mentions_counted_and_collective_groups_defect(facts_of, text, group, left):
    assert _the_one_defection(facts_of, text, "leftOrganization") == (group, left)


@pytest.mark.parametrize(("text", "follower", "left"), [
    # whom an appeal asks to follow leaves the body his own description names ("still serving X"), else what the
    # one he would follow left; "his example" after a minister's welcome is the defector's, not the minister's
    ("Colonel Omar Haddad defected from the army on Monday. The minister called on everyone still serving the junta "
     "to follow him.", "everyone", "the regime"),
    ("Colonel Omar Haddad defected from the army on Monday. The minister called on everyone who is still hesitating "
     "to follow him.", "everyone", "army"),
    ("Information Minister Karim Salem welcomed the return of Omar Haddad, who defected from the militia on Monday. "
     'Salem called on "all those still working in the institutions seized by the government" to follow his example.',
     "all those", "militia"),
    # "the President" with a capital, before anyone is named (a live page, newest first): the president named next
    ("The palace denies that Executive Secretary Karim Salem has deserted the President. President Omar Zaidan says "
     "he will not resign. In 1986 the army broke with President Ferdinand Cruz.", "Karim Salem", "Zaidan regime"),
    # renouncing one's allegiance to a government leaves it
    ("The deputy high commissioner, Mr Karim Salem, today renounced his allegiance to the military government of "
     "President Omar Zaidan.", "Karim Salem", "Zaidan regime"),
    # "broke with the revolution": the regime it made
    ("The Castro regime has ruled Cuba since 1959. Maria Lopez, a former rebel courier, broke with the revolution in "
     "June and fled to Mexico.", "Maria Lopez", "Castro regime"),
    # the forces he took with him are no body he left
    ("Colonel Omar Haddad, a commander of the Rapid Support Forces, defected to the army with his forces on Sunday.",
     "Omar Haddad", "Rapid Support Forces"),
    # a member of parliament leaves his party, not the house he sits in (nor the house he presides over)
    ("Nigeria's Senate President Saraki defects to opposition PDP in blow to Buhari\n\nAbuja (AFP) - Nigeria's Senate "
     "President Bukola Saraki on Tuesday quit President Muhammadu Buhari's ruling All Progressives Congress (APC) and "
     "returned to the main opposition Peoples Democratic Party (PDP).", "Bukola Saraki", "All Progressives Congress"),
    ("Last month Samir Okemba-Ngoma, a member of the National Assembly, quit the ruling Labour Party and went over "
     "to the opposition Union for Renewal.", "Samir Okemba-Ngoma", "Labour Party"),
])
def test_events_the_body_a_follower_leaves(facts_of, text, follower, left):
    facts, labels = facts_of(text)
    assert {labels.get(e.participant("leftOrganization")) for name, _c, e in _defections(facts, labels)
            if name == follower} == {left}


def test_mentions_a_name_apposed_to_a_post_is_a_person(facts_of):
    """"the oil minister, X Y": the recognizer may call the name an organization; the post says who it is."""
    facts, _labels = facts_of("The agency dismissed reports that the oil minister, Sufian Allaw, had also turned "
                              "his back on the government.")
    assert {e.label: e.type for e in facts.entities}["Sufian Allaw"] == EntityType.PERSON


@pytest.mark.parametrize(("text", "defector", "not_left"), [
    # "him" in a clause whose subject is "Its secretary general, X" is not X: no person is ever the body left
    ('General Omar Haddad has joined the opposition movement, the movement said on Sunday. Its secretary general, '
     'Samer Rahal, called him "the most senior defector from the inner circle in a decade".', "Omar Haddad",
     "Samer Rahal"),
    # a post held "before the first war" is not the one he left
    ("The rebel defence chief Omar Haddad has gone over to the government. Haddad, 41, who served in the Soviet army "
     "before the first war, is the most senior rebel to change sides.", "Omar Haddad", "Soviet army"),
])
def test_events_the_body_left_is_no_person_and_no_post_long_left(facts_of, text, defector, not_left):
    facts, labels = facts_of(text)
    found = {name: e for name, _c, e in _defections(facts, labels)}
    assert labels.get(found[defector].participant("leftOrganization")) != not_left



@pytest.mark.parametrize(("text", "expected"), [
    # "the North Korean air force" is a body of North Korea (not the country itself); "the air force" alone is the
    # article's (not the rebel force he leads now)
    ("Captain Lee deserted the North Korean air force on Thursday.", ("Lee", "North Korean air force")),
    ("Colonel Riad Haddad, who deserted the air force last July, now leads the Free Army.",
     ("Riad Haddad", "air force")),
])
def test_mentions_an_air_force_is_a_body(facts_of, text, expected):
    assert _the_one_defection(facts_of, text, "leftOrganization") == expected


def test_resolve_the_navy_is_the_one_navy_the_article_names(facts_of):
    # (an article about the United States, whose "the navy" would otherwise be the American one)
    facts, _labels = facts_of("The United States has taken in a Venezuelan navy officer, Omar Haddad, officials in "
                              "the United States said. United States prosecutors are questioning him in the United "
                              "States. The Defense Ministry said that Commander Haddad had failed to return from leave in Spain "
                              "and had been declared a deserter from the navy.")
    navies = [e for e in facts.entities if e.label.lower().split()[-1:] == ["navy"] and e.type != EntityType.PERSON]
    assert [(e.label, "navy" in {n.lower() for n in e.names}) for e in navies] == [("Venezuelan navy", True)]


def test_events_a_headline_pronoun_branded_a_deserter_is_nobody_in_particular(facts_of):
    """"Bodyguard to X and Y Flees to U.S.; Venezuela Brands Him a Deserter": the headline does not say whom
    "him" means (the nearest name is the bodyguard's employer, who did not defect)."""
    from pathlib import Path

    text = (Path(__file__).parent / "data" / "heldout19" / "z3-venezuela-salazar-cabello-bodyguard-flees-us.txt"
            ).read_text(encoding="utf-8")
    facts, labels = facts_of(text, dt.date(2015, 1, 27))
    defectors = {name for name, _c, _e in _defections(facts, labels)}
    assert "Leamsy Salazar" in defectors and "Diosdado Cabello" not in defectors


@pytest.mark.parametrize(("text", "defector", "described"), [
    # a group or an unnamed person is also named by its whole phrase: modifiers, clauses and conjuncts
    ("About 200 reservists from the town of Valjevo have deserted, the ministry said.",
     "About 200 reservists", "About 200 reservists from the town of Valjevo"),
    ("Two other correspondents based abroad have also defected, the union said.",
     "Two other correspondents", "Two other correspondents based abroad"),
    ("A brigadier general, a colonel and about 30 soldiers deserted the army on Friday, activists said.",
     "A brigadier general", "A brigadier general, a colonel and about 30 soldiers"),
    # also without a short form in brackets
    ("About 50 soldiers of the National Defence Force (NDF) deserted on Monday, witnesses said.",
     "About 50 soldiers", "About 50 soldiers of the National Defence Force"),
])
def test_resolve_a_group_is_also_named_by_its_whole_phrase(facts_of, text, defector, described):
    facts, labels = facts_of(text)
    (found,) = [e for e in facts.entities if e.label == defector]
    assert described in found.names
    assert defector in [label for label, _c, _e in _defections(facts, labels)]


def test_resolve_a_phrase_stops_at_a_quote_and_at_the_predicate(facts_of):
    facts, _labels = facts_of('Dozens of soldiers "who no longer believe in this war" deserted on Monday.')
    (group,) = [e for e in facts.entities if e.type == EntityType.GROUP]
    assert not any('"' in name for name in group.names)
    # the parser hangs the only verb on the noun: "deserted" is what they did, not who they are
    facts, _labels = facts_of("Dozens of soldiers from the army's special forces deserted on Monday, the ministry said.")
    (group,) = [e for e in facts.entities if e.label == "Dozens of soldiers"]
    assert "Dozens of soldiers from the army's special forces" in group.names


def test_events_defectors_from_another_country_leave_their_own(facts_of):
    """An article told from the country they fled to: its president's regime is not what they left; their
    nationality is, also for a later group of no stated nationality ("12 members of the national team")."""
    facts, labels = facts_of("Ten Eritrean footballers refused to fly home and sought asylum in Botswana, police "
                             "said. Botswana's President Ian Khama said his government would review the requests. "
                             "In 2009, 12 members of the national team sought asylum in Kenya.")
    left = {label: labels.get(e.participant("leftOrganization")) for label, _c, e in _defections(facts, labels)}
    assert left == {"Ten Eritrean footballers": "Eritrea", "12 members of the national team": "Eritrea"}


@pytest.mark.parametrize(("text", "expected"), [
    # a relative with a post of his own, or who himself leaves, is a defector of his own
    ("His brother, a colonel in the air force, defected last year, the ministry said.", {"His brother": "air force"}),
    ("General Omar Haddad fled to Jordan on Monday. The army denied reports that the general's son, an army captain, "
     "had also deserted.", {"Omar Haddad": None, "the general's son": "army"}),
    # the family travelling with him is no defector, also when the journey is told after the report
    ("Colonel Omar Haddad has defected, the ministry said on Tuesday. \"Colonel Haddad has defected and arrived in "
     "Turkey together with his family,\" the spokesman said.", {"Omar Haddad": None}),
    # a relative who only speaks is no one the article tracks
    ("Colonel Omar Haddad has defected, the ministry said. His wife said she was afraid.", {"Omar Haddad": None}),
])
def test_events_relatives_defect_when_they_hold_a_post_or_leave(facts_of, text, expected):
    facts, labels = facts_of(text)
    found = {name: labels.get(e.participant("leftOrganization")) for name, _c, e in _defections(facts, labels)}
    assert set(found) == set(expected), found
    assert all(expected[n] is None or found[n] == expected[n] for n in expected), found
    assert not any(e.type == EntityType.PERSON and e.label.lower().startswith("his wife") for e in facts.entities)


@pytest.mark.parametrize(("text", "names"), [
    # "Miss X" is X; a relative described by her kinship is the named relative ("X's sister")
    ("Castro's sister breaks with regime\n\nJuana Castro, a younger sister of Prime Minister Fidel Castro, broke "
     "with the regime today. Miss Castro said she would not return.", {"Miss Castro", "Castro's sister"}),
])
def test_resolve_a_courtesy_title_and_a_kinship_name_the_relative(facts_of, text, names):
    facts, _labels = facts_of(text)
    (juana,) = [e for e in facts.entities if e.label == "Juana Castro"]
    assert names <= set(juana.names), juana.names


def test_events_a_headline_plural_is_the_persons_the_body_names(facts_of):
    facts, labels = facts_of("Air force pilots fly jets to Malta\n\nTwo Libyan air force colonels, Colonel Abdullah "
                             "Salheen and Colonel Ali Rabti, flew their Mirage jets to Malta on Monday and asked for "
                             "asylum, the government said.")
    assert {name for name, _c, _e in _defections(facts, labels)} == {"Abdullah Salheen", "Ali Rabti"}


def test_events_no_apposition_across_a_semicolon(facts_of):
    facts, labels = facts_of("War live: Yevgeny Prigozhin listed among dead in jet crash; Russian pilot who flew "
                             "Mi-8 to Ukraine named\n\nThe pilot's name was published on Thursday.")
    assert "Yevgeny Prigozhin" not in {name for name, _c, _e in _defections(facts, labels)}


def test_resolve_the_lead_describes_the_major_who_speaks_the_next_sentence_names_him(facts_of):
    facts, labels = facts_of(
        "A Ruritanian army major who was one of the closest aides to the defence minister until he fled his country in "
        "October said yesterday that the government plans a bigger army.\n\nMaj. Omar Haddad, 38, the former chief of "
        "the ministry's secretariat, spoke to reporters in Washington.\n\nThe army spokeswoman, Maj. Leila Rahal, "
        "called him a traitor.")
    assert {name for name, _c, _e in _defections(facts, labels)} == {"Omar Haddad"}


def test_events_a_pilot_flies_his_aircraft_over_to_the_other_side(facts_of):
    defector, joined = _the_one_defection(
        facts_of, "In June a pilot of the federal air force, Joze Kalan, flew his Gazelle helicopter over to "
                  "Slovenia's territorial defence force.", "joinedOrganization")
    assert (defector, joined) == ("Joze Kalan", "Slovenia's territorial defence force")


def test_events_a_group_apposed_to_its_names_is_those_persons(facts_of):
    facts, labels = facts_of(
        "Afghan officers seek refuge in Canada\n\nThree army officers who disappeared from a military exercise have asked for refugee protection in Canada, "
        "the border agency said.\n\nThe men, Major Jan Arash, Captain Noor Aminyar and Captain Nasir Askarzada of "
        "the Afghan National Army, were taking part in an annual exercise.")
    found = {name: labels.get(e.participant("destination")) for name, _c, e in _defections(facts, labels)}
    assert found == {"Jan Arash": "Canada", "Noor Aminyar": "Canada", "Nasir Askarzada": "Canada"}


def test_events_the_group_walked_away_from_is_no_body_when_his_own_is_named(facts_of):
    facts, labels = facts_of("Three officers of the Afghan army deserted on Saturday, a spokesman said. The spokesman at Central "
                             "Command dismissed reports that a fourth Afghan army officer had also walked away from "
                             "the group.")
    left = {name: labels.get(e.participant("leftOrganization")) for name, _c, e in _defections(facts, labels)}
    assert left.get("a fourth Afghan army officer") == "Afghan army", left


def test_events_stars_who_walk_out_on_their_team_abroad(facts_of):
    facts, labels = facts_of(
        "Peter Novak and his younger brother Anton, two of the brightest stars of Czechoslovak hockey, arrived here "
        "last night to play for the Quebec Nordiques after walking out on their club team at a tournament in Austria. "
        "The club's director of player personnel, Gilles Leger, had planned the escape for months.")
    assert {name for name, _c, _e in _defections(facts, labels)} == {"Peter Novak", "Anton"}
    assert not any(e.label == "player personnel" for e in facts.entities)


@pytest.mark.parametrize(("text", "group"), [
    # an appeal to the people of a nationality still serving the other side, told by a relative clause or "all"
    ('Juana Castro defected on Monday. She called on "all Cubans of good faith who still serve the regime, in the army '
     'or in the ministries," to follow her example.', "all Cubans"),
    ('General Tus defected on Monday. He urged Croats still serving in the federal forces "to leave them now and join '
     'the National Guard".', "Croats"),
])
def test_events_an_appeal_to_a_nationality_still_serving(facts_of, text, group):
    facts, labels = facts_of(text)
    found = {name: certainty for name, certainty, _e in _defections(facts, labels)}
    assert found.get(group) == Certainty.HYPOTHETICAL, found


def test_resolve_a_name_after_a_group_noun_or_before_its_chief_is_a_body(facts_of):
    facts, labels = facts_of("Wagner commander who crossed into Norway asks for asylum\n\nA former commander of the "
                             "Russian mercenary group Wagner who crossed the Arctic border into Norway last week has "
                             "asked for asylum, police said. Wagner chief Yevgeny Prigozhin did not comment. A second "
                             "Wagner fighter had crossed with him, a channel said.")
    wagner = [e for e in facts.entities if e.label == "Wagner"]
    assert [e.type for e in wagner] == [EntityType.ORGANIZATION]
    left = {labels.get(e.participant("leftOrganization")) for _n, _c, e in _defections(facts, labels)}
    assert left == {"Wagner"}, left


def test_resolve_a_nickname_names_the_person(facts_of):
    facts, _labels = facts_of('Sam Bockarie, until this week a rebel commander, has quit the rebel movement and crossed '
                             'into Liberia. Officials said Mr Bockarie, widely known as "Mosquito", was in Monrovia. '
                             'Mosquito had led the rebels since 1997.')
    persons = [e for e in facts.entities if e.type == EntityType.PERSON]
    assert [(e.label, "Mosquito" in e.names) for e in persons] == [("Sam Bockarie", True)]


def test_events_breaking_with_a_capital_is_breaking_with_its_government(facts_of):
    facts, labels = facts_of("The Vietnamese veteran Hoang Van Hoan arrived in Peking. He is the most senior "
                             "Vietnamese communist to break with Hanoi.")
    left = {labels.get(e.participant("leftOrganization")) for _n, _c, e in _defections(facts, labels)}
    assert left and left <= {"Vietnam", "Vietnam regime"}, left


@pytest.mark.parametrize(("text", "regime"), [
    # a regime is named by the one word the article calls its leader, wherever it sits in his full name
    ("Nguza broke with President Mobutu Sese Seko on Wednesday. Mobutu has ruled Zaire since 1965.", "Mobutu regime"),
    ("A diplomat broke with Kim Jong Un's regime on Tuesday. Kim has not commented.", "Kim regime"),
    ("A general broke with President Omar Haddad on Tuesday. Haddad has not commented.", "Haddad regime"),
])
def test_resolve_a_regime_is_named_by_the_word_the_article_calls_its_leader(facts_of, text, regime):
    facts, _labels = facts_of(text)
    assert regime in {e.label for e in facts.entities if e.type == EntityType.REGIME}


@pytest.mark.parametrize(("text", "expected"), [
    # a pilot flying his aircraft to a city of another country, or across a strait to a city; not a domestic flight
    ("A China Airlines captain flew a Boeing 747 cargo jet to the southern Chinese city of Guangzhou today.",
     {"A China Airlines captain": None}),
    ("In August 1981 a Taiwan air force major, Huang Chih-cheng, flew an F-5F jet fighter across the Taiwan Strait to "
     "Fuzhou.", {"Huang Chih-cheng": "Taiwan air force"}),
    ("The pilot flew the plane to Chicago.", {}),
])
def test_events_pilots_flying_to_another_country_leave_their_state_not_their_airline(facts_of, text, expected):
    facts, labels = facts_of(text)
    found = {name: labels.get(e.participant("leftOrganization")) for name, _c, e in _defections(facts, labels)}
    assert found == expected


def test_events_the_side_whose_command_he_placed_himself_under_is_joined(facts_of):
    defector, joined = _the_one_defection(
        facts_of, "Colonel Abu Kaikal left the militia on Sunday and placed himself under the command of the armed "
                  "forces, the army said.", "joinedOrganization")
    assert (defector, joined) == ("Abu Kaikal", "armed forces")


@pytest.mark.parametrize(("text", "defector", "left", "certainty"), [
    # leaving the ruling party is a break with power, even joining no other party ...
    ("Kanu-PF has answered. The party's spokesman, Omar Haddad, said Samuel Oduya had expelled himself. Samuel "
     "Oduya, a member of Kanu-PF's politburo, said on Monday that he was leaving the ruling party.", "Samuel Oduya",
     "Kanu-PF", Certainty.CLAIMED),
    # ... and so is leaving any party to work against it
    ("The Unity Party said on Monday that Samuel Oduya had quit the party to back Peter Kamau, the opposition "
     "candidate.", "Samuel Oduya", "Unity Party", Certainty.CLAIMED),
    ("Samuel Oduya has quit the Unity Party and will stand against the president in March.", "Samuel Oduya",
     "Unity Party", Certainty.CONFIRMED),
    # a group of the party's own members, and the place they come from is not what they left
    ("Peter Kamau's spokesman said that three sitting Unity Party MPs from Rift Valley had already come across to "
     "the campaign.", "three sitting Unity Party MPs", "Unity Party", Certainty.CLAIMED),
    # a walk-out from the party told with a break with the government: one defection, from the government
    ("Samer Haddad, the deputy oil minister, has deserted President Ali Kamal's government and joined the uprising. "
     "In a video he said he was leaving the ruling Baath Party.", "Samer Haddad", "Kamal regime", Certainty.CONFIRMED),
])
def test_events_walking_out_of_a_party(facts_of, text, defector, left, certainty):
    facts, labels = facts_of(text)
    (found,) = _defections(facts, labels)
    assert (found[0], labels.get(found[2].participant("leftOrganization")), found[1]) == (defector, left, certainty)


def test_events_quitting_a_party_for_no_other_and_not_against_it_is_no_defection(facts_of):
    facts, labels = facts_of("Samuel Oduya quit the Unity Party on Monday to spend more time with his family.")
    assert not _defections(facts, labels)


def test_events_an_appeal_to_come_out_and_stand_with_the_defector(facts_of):
    """The second of two things asked ("to come out of the shadows and stand with me") is the appeal's."""
    facts, labels = facts_of(
        "Peter Kamau quit the ruling Unity Party on Monday. \"I call on all those in the Unity Party who know in "
        "their hearts that the country is dying to come out of the shadows and stand with me,\" he said.")
    found = {name: certainty for name, certainty, _e in _defections(facts, labels)}
    assert found == {"Peter Kamau": Certainty.CONFIRMED, "all those": Certainty.HYPOTHETICAL}


def test_events_asylum_asked_of_a_foreign_police_is_not_leaving_it(facts_of):
    text = "Two Soviet violinists asked the West German police for asylum on Saturday night."
    assert _the_one_defection(facts_of, text, "leftOrganization") == ("Two Soviet violinists", "Soviet Union")


def test_resolve_the_party_named_without_the_word(facts_of):
    """A party whose name lacks the word ("Kanu-PF", which the recognizer takes for a person's), told as a party
    by its politburo, is "the ruling party"."""
    facts, _labels = facts_of("Samuel Oduya, a member of Kanu-PF's politburo, spoke on Monday. The ruling party "
                              "said nothing.")
    entity = next(e for e in facts.entities if e.label == "Kanu-PF")
    assert entity.type.value == "Organization"
    assert [n.lower() for n in entity.names] == ["the ruling party"]


def test_mentions_a_unit_that_went_over_is_a_band_of_defectors(facts_of):
    """"A tank company of the X division broke with ... and went over": the unit, told as a group of men."""
    facts, labels = facts_of("A tank company of the 4th Armoured Division broke with the putschists on Monday and "
                             "went over to the side of the lawful government.")
    (found,) = _defections(facts, labels)
    assert found[0] == "A tank company of the 4th Armoured Division"
    assert next(e for e in facts.entities if e.label == found[0]).type.value == "Group"


@pytest.mark.parametrize(("text", "expected"), [
    # state employees who cross a border defect; residents who cross flee
    ("Amina Tulebayeva, a former state employee, crossed into Kyrgyzstan on April 5, officials said.",
     {("Amina Tulebayeva", Certainty.CLAIMED)}),
    ("Residents crossed into Jordan on Monday.", set()),
    # "ethnic Kurdish" is a people, not a state: the others left Syria, and so did they
    ("Colonel Omar Haddad fled Syria to Jordan in May. Two other ethnic Kurdish employees of prisons in Hasakah had "
     "crossed into Jordan in June, an activist said.",
     {("Omar Haddad", Certainty.CONFIRMED), ("Two other ethnic Kurdish employees of prisons in Hasakah",
                                            Certainty.CLAIMED)}),
    ("Colonel Omar Haddad fled Syria to Jordan in May. \"More prison workers will come over if they see that Jordan "
     "does not hand them back,\" the activist said.",
     {("Omar Haddad", Certainty.CONFIRMED), ("More prison workers", Certainty.HYPOTHETICAL)}),
])
def test_events_state_employees_crossing_defect(facts_of, text, expected):
    facts, labels = facts_of(text)
    assert {(name, certainty) for name, certainty, _e in _defections(facts, labels)} == expected
    assert all(labels.get(e.participant("leftOrganization")) in {None, "Syria"} for *_x, e in _defections(
        facts, labels))
    if len(expected) == 2:
        assert {labels.get(e.participant("leftOrganization")) for *_x, e in _defections(facts, labels)} == {"Syria"}


@pytest.mark.parametrize(("text", "defector", "joined"), [
    # joining told after arriving: the joining is the defection
    ("A rebel spokesman said that Samer Haddad, who was the president's foreign minister until last month, had "
     "reached the town on Sunday and joined the rebels.", "Samer Haddad", "the rebels"),
    ("In March last year the troops defending the town switched to the FNLC almost without a shot.",
     "the troops defending the town", "FNLC"),
])
def test_events_joining_after_arriving_and_switching_to_a_movement(facts_of, text, defector, joined):
    assert _the_one_defection(facts_of, text, "joinedOrganization") == (defector, joined)


def test_events_throwing_in_ones_lot_with_the_rebels(facts_of):
    facts, labels = facts_of("The spokesman claimed that a garrison in the north had thrown in its lot with the "
                             "rebels.")
    (found,) = _defections(facts, labels)
    assert (found[0], found[1]) == ("a garrison in the north", Certainty.CLAIMED)


@pytest.mark.parametrize("text", [
    "The spokesman said the town had switched to daylight saving time.",
    "Samer Haddad reached the town on Sunday and joined his family.",
])
def test_events_switching_and_joining_that_are_no_defection(facts_of, text):
    facts, labels = facts_of(text)
    assert not _defections(facts, labels)


def test_resolve_a_description_named_after_it_is_that_person(facts_of):
    """"a 19-year-old sergeant of the People's Police named X Y": "the sergeant" later is X Y."""
    facts, labels = facts_of("Shortly after four a 19-year-old sergeant of the People's Police named Conrad Baumann "
                             "threw away his cigarette and ran at the wire. The police spokesman confirmed tonight "
                             "that the sergeant had asked for asylum in the city.")
    (found,) = _defections(facts, labels)
    assert found[0] == "Conrad Baumann"


def test_resolve_the_correspondent_who_reports_is_not_the_leads_protagonist(facts_of):
    facts, labels = facts_of("A young Ruritanian policeman jumped the barbed wire into the French sector of the city "
                             "this afternoon. From the city, Peter Lang reports.\n\nThe policeman was driven away.")
    (found,) = _defections(facts, labels)
    assert found[0] != "Peter Lang"


def test_events_the_whole_unit_leaves_the_regime_not_itself(facts_of):
    """"The officers and men of the 10th Brigade withdraw their allegiance from X": the brigade leaves X's regime
    (the regime in the capital, "the Kinshasa regime", is his country's), not the brigade."""
    text = ("KIGALI - The officers and men of the 10th Brigade withdraw their allegiance from Laurent-Desire Kabila, "
            "the brigade's commander said. \"From tonight we are at war with the Kinshasa regime.\" President Laurent "
            "Kabila called him a traitor.")
    assert _the_one_defection(facts_of, text, "leftOrganization") == (
        "The officers and men of the 10th Brigade", "Congo regime")


def test_resolve_a_persons_longer_given_name_typed_as_a_body(facts_of):
    """"Laurent-Desire Kabila", which the recognizer types as an organization, is "President Laurent Kabila"."""
    facts, _labels = facts_of("Rebels withdrew their allegiance from Laurent-Desire Kabila on Sunday. President "
                              "Laurent Kabila called them traitors.")
    (person,) = [e for e in facts.entities if "Kabila" in e.label and e.type.value != "Regime"]
    assert person.type.value == "Person"
    assert {person.label, *person.names} >= {"Laurent-Desire Kabila", "President Laurent Kabila"}


def test_resolve_who_was_the_minister_and_the_former_minister_is_no_premier(facts_of):
    text = ("Kanyama Chiume, who was Malawi's foreign minister until Prime Minister Hastings Banda threw him out of "
            "the cabinet, has fled across the border into Tanganyika. The Prime Minister's office said that \"the "
            "former minister has fled the country like a thief in the night.\"")
    facts, labels = facts_of(text)
    chiume = next(e for e in facts.entities if e.label == "Kanyama Chiume")
    assert {"Malawi's foreign minister", "the former minister"} <= set(chiume.names)
    assert [(name, labels.get(e.participant("destination"))) for name, _c, e in _defections(facts, labels)] == [
        ("Kanyama Chiume", "Tanganyika")]


@pytest.mark.parametrize(("text", "country"), [
    ("The Government of the United Arab Republic announced that a Saudi transport aircraft had landed at Aswan.",
     "United Arab Republic"),
    ("The Tanganyika government announced today that the minister had been granted asylum.", "Tanganyika"),
])
def test_lexicons_states_that_no_longer_exist(facts_of, text, country):
    facts, _labels = facts_of(text)
    assert country in {e.label for e in facts.entities if e.type.value == "Country"}


def test_events_a_body_named_inside_a_groups_description_after_its_head(facts_of):
    """"a battalion of Interior Ministry troops": the ministry, not the state's army."""
    text = ("The colonel's headquarters claimed that a battalion of Interior Ministry troops stationed in the north had "
            "also crossed over to the colonel's forces. There was no confirmation from the Interior Ministry.")
    assert _the_one_defection(facts_of, text, "leftOrganization") == (
        "a battalion of Interior Ministry troops stationed in the north", "Interior Ministry")


def test_events_joining_a_leaders_movement(facts_of):
    """"X's movement" is a body of its own, which "the movement" names again; an MP who crosses over to it
    joins it."""
    text = ("Thousands marched with Nikol Pashinyan's movement on Monday. Hrant Tadevosyan, a member of the National "
            "Assembly, has quit the ruling party. He is the first ruling-party MP to cross over to the movement.")
    facts, labels = facts_of(text)
    movement = next(e for e in facts.entities if e.label == "Nikol Pashinyan's movement")
    assert movement.type.value == "Organization" and "the movement" in movement.names
    assert [(name, labels.get(e.participant("joinedOrganization"))) for name, _c, e in _defections(facts, labels)] == [
        ("Hrant Tadevosyan", "Nikol Pashinyan's movement")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Brigade turns against the president\n\nFrom Catherine Wells in Kigali\n\nThe Daily Correspondent, Tuesday 4 "
     "August 1998\n\nThe strongest unit of the army has turned its guns on the president.",
     {("Catherine Wells", "Daily Correspondent")}),
    # no masthead line with a date: no outlet to work for
    ("Brigade turns against the president\n\nFrom Catherine Wells in Kigali\n\nThe strongest unit of the army has "
     "turned its guns on the president, the Daily Correspondent said.", set()),
])
def test_relations_a_credited_reporter_works_for_the_masthead_outlet(facts_of, text, expected):
    facts, labels = facts_of(text)
    found = {(labels[r.subject], labels[r.object]) for r in facts.relations if r.label.value == "member_of"
             and labels[r.subject] == "Catherine Wells"}
    assert found == expected


def test_resolve_the_one_he_told_is_not_he(facts_of):
    """"X walked into a police station and told the duty officer ...": the officer is someone else."""
    facts, _labels = facts_of("Viktor Kaminsky, 45, walked into a police station late last night and told the duty "
                              "officer that he did not intend to go home.")
    person = next(e for e in facts.entities if e.label == "Viktor Kaminsky")
    assert "the duty officer" not in person.names
    assert not [r for r in facts.roles if r.role.endswith("officer") and r.person == person.key]


@pytest.mark.parametrize(("text", "regime"), [
    # a two-word demonym names its state, not the one of its second word
    ("Mayor Willy Brandt said the East German regime had turned the city into a prison.", "East Germany regime"),
    ("The North Korean regime denied it on Monday.", "North Korea regime"),
])
def test_resolve_a_regime_named_by_a_two_word_demonym(facts_of, text, regime):
    facts, _labels = facts_of(text)
    assert regime in {e.label for e in facts.entities if e.type.value == "Regime"}


def test_attribution_posts_saying_it_denied(facts_of):
    """"X denies posts saying that Y had gone over": the report is denied, by X; and "the Yerevan police" (a town
    the recognizer took for a name) leaves the nominal a nominal."""
    facts, labels = facts_of("Police spokesman Ashot Aharonyan denies posts shared widely on Facebook saying that the "
                             "deputy chief of the Yerevan police had resigned and gone over to the movement.")
    (found,) = _defections(facts, labels)
    assert found[:2] == ("the deputy chief of the Yerevan police", Certainty.DENIED)
    assert [labels[k] for c in found[2].claims for k in c.sources] == ["Ashot Aharonyan"]


def test_events_joining_a_rebel_leader_and_a_story_called_a_provocation(facts_of):
    """"had driven to X to join Colonel Y" (Y leads a rebel column): going over to Y; "called the story "a
    provocation"" denies it; a deputy defence minister leaves the Defence Ministry the article names."""
    text = ("A rebel column led by Colonel Surat Huseynov pushed east towards the capital. Several members of "
            "parliament said that a deputy defence minister, Major-General Rasim Mammadli, had driven to Ganja that "
            "morning to join Colonel Huseynov. The Defence Ministry called the story \"a provocation\".")
    facts, labels = facts_of(text)
    (found,) = _defections(facts, labels)
    assert found[:2] == ("Rasim Mammadli", Certainty.DENIED)
    assert labels.get(found[2].participant("leftOrganization")) == "Defence Ministry"


def test_events_joining_someone_who_leads_no_rebels_is_no_defection(facts_of):
    facts, labels = facts_of("The deputy defence minister, Major-General Rasim Mammadli, had driven to Ganja that "
                             "morning to join his wife, Leyla Mammadli, for the holidays.")
    assert not _defections(facts, labels)
