"""Security events with real spaCy: detection, coding, merging, background and evidence.

The reports below are written for these tests; the seed article is read from ../shared/data.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

import newsdesk
from newsdesk.model import Article, Block, Event, Evidence, Provenance
from newsdesk.understand.events import _find_groups, detect_events
from newsdesk.understand.nlp import get_nlp


def article(text: str, published: datetime | None = datetime(2023, 6, 8, 9, 0, tzinfo=UTC)) -> Article:
    return Article(
        language="en",
        published=published,
        body=[Block(text=part.strip()) for part in text.split("\n\n") if part.strip()],
        provenance=Provenance(input_kind="text", extractor="test", version="0"),
    )


def events_in(text: str, published: datetime | None = datetime(2023, 6, 8, 9, 0, tzinfo=UTC)) -> list[Event]:
    """Detect events with no entities from the entity step: the detector must manage alone."""
    item = article(text, published)
    return detect_events(get_nlp()(item.text), item, [])


def all_evidence(event: Event) -> list[Evidence]:
    spans = [
        event.trigger,
        event.date.evidence,
        event.place.evidence,
        event.target.evidence,
        event.weapon.evidence,
    ]
    spans += [event.killed.evidence, event.injured.evidence, event.attackers_killed.evidence]
    return [span for span in [*spans, *event.perpetrator.evidence] if span is not None]


def test_seed_through_extract_and_analyze(seed_text: str) -> None:
    result = newsdesk.analyze(newsdesk.extract(seed_text, kind="text"))
    assert len(result.events) == 1
    (event,) = result.events
    assert event.type == "shooting"
    assert event.gtd_attacktype == "Armed Assault"
    assert event.date.value == date(2017, 4, 20)
    assert (event.place.landmark, event.place.city, event.place.country_code) == (
        "Champs-Elysees",
        "Paris",
        "FR",
    )
    assert 48.8 < (event.place.latitude or 0) < 48.9 and 2.2 < (event.place.longitude or 0) < 2.5
    assert event.perpetrator.name == "Islamic State"
    assert event.perpetrator.status == "claimed"
    assert "Amaq" in (event.perpetrator.claimed_via or "")
    assert event.perpetrator.attacker_fate == "killed"
    assert event.target.type == "police"
    assert event.weapon.type == "firearms"
    assert (event.killed.value, event.injured.value) == (1, 2)
    for span in all_evidence(event):
        assert result.text[span.start : span.end] == span.text


def test_seed_lines_with_chrome_still_give_one_event(seed_text: str) -> None:
    """Every line of the scrape as a block, chrome included: the event must not depend on clean extraction."""
    item = Article(
        language="en",
        published=datetime(2017, 4, 20, 21, 32, tzinfo=UTC),
        body=[Block(text=line.strip()) for line in seed_text.splitlines() if line.strip()],
        provenance=Provenance(input_kind="text", extractor="test", version="0"),
    )
    found = detect_events(get_nlp()(item.text), item, [])
    assert len(found) == 1
    event = found[0]
    assert (event.type, event.place.landmark, event.perpetrator.name, event.perpetrator.status) == (
        "shooting",
        "Champs-Elysees",
        "Islamic State",
        "claimed",
    )
    assert (event.killed.value, event.injured.value, event.perpetrator.attacker_fate) == (1, 2, "killed")


def test_database_style_summary() -> None:
    (event,) = events_in(
        "05/14/2019: Assailants opened fire on a police patrol in Kirkuk city, Kirkuk governorate, Iraq. "
        "Three police officers were killed and two others were injured. The Islamic State of Iraq and the "
        "Levant (ISIL) claimed responsibility for the incident.",
        published=None,
    )
    assert (event.type, event.gtd_attacktype) == ("shooting", "Armed Assault")
    assert event.date.value == date(2019, 5, 14)
    assert (event.place.city, event.place.country_code) == ("Kirkuk", "IQ")
    assert (event.perpetrator.name, event.perpetrator.status) == ("Islamic State", "claimed")
    assert (event.killed.value, event.injured.value) == (3, 2)
    assert event.target.type == "police"


def test_news_report_with_relative_date_suspicion_and_arrest() -> None:
    (event,) = events_in(
        "A car packed with explosives blew up outside a hotel in Mogadishu on Tuesday, killing at least "
        "nine people and wounding 20, police said.\n\n"
        "Officials blamed al-Shabab for the blast. The driver was arrested at the scene."
    )
    assert event.type == "bombing"
    assert event.acled_event_type == "Explosions/Remote violence"
    assert event.date.value == date(2023, 6, 6)
    assert (event.place.city, event.place.country_code) == ("Mogadishu", "SO")
    assert (event.perpetrator.name, event.perpetrator.status) == ("al-Shabaab", "suspected")
    assert event.perpetrator.attacker_fate == "arrested"
    assert event.attackers_killed.value == 0
    assert (event.killed.value, event.killed.qualifier, event.injured.value) == (9, "at_least", 20)
    assert event.weapon.type == "explosives"
    assert event.target.type == "business"


def test_repeated_mentions_merge_into_one_event() -> None:
    found = events_in(
        "Gunmen stormed a village school in Katsina state, Nigeria, on Sunday and abducted 40 pupils.\n\n"
        "Parents said the kidnappers arrived on motorcycles. The abduction was the third this year in the "
        "state, and the pupils have not been found."
    )
    assert len(found) == 1
    assert found[0].type == "kidnapping"
    assert found[0].gtd_attacktype == "Hostage Taking (Kidnapping)"
    assert found[0].acled_sub_event_type == "Abduction/forced disappearance"


def test_two_events_in_two_cities() -> None:
    found = events_in(
        "A suicide bomber killed 12 people at a market in Maiduguri on Monday.\n\n"
        "In a separate attack, gunmen shot dead four farmers near Damaturu on Tuesday."
    )
    assert [(e.type, e.place.city) for e in found] == [("bombing", "Maiduguri"), ("shooting", "Damaturu")]
    assert [e.killed.value for e in found] == [12, 4]
    assert found[0].attackers_killed.value == 1


def test_background_and_hypothetical_mentions_are_not_events() -> None:
    assert events_in("Hundreds gathered to mark the anniversary of the 2015 attacks in Paris.") == []
    assert events_in("Police held a drill at the station to rehearse their response to a bomb attack.") == []
    assert events_in("Ministers voiced fears of an attack during the summit next week.") == []
    assert events_in("A gas explosion destroyed a bakery in Lyon, injuring three people.") == []


def test_background_event_beside_a_new_one() -> None:
    found = events_in(
        "A man stabbed two passengers on a train in Hamburg on Wednesday before being overpowered.\n\n"
        "The city has been on alert since the 2016 bombing of a Christmas market."
    )
    assert len(found) == 1
    assert (found[0].type, found[0].place.city, found[0].injured.value) == ("stabbing", "Hamburg", 2)
    assert found[0].weapon.type == "melee"


def test_denied_claim() -> None:
    (event,) = events_in(
        "A roadside bomb hit an army convoy in Helmand province on Thursday, killing five soldiers. "
        "Officials accused the Taliban, who denied any involvement."
    )
    assert event.perpetrator.name == "Taliban"
    assert event.target.type == "military"


def test_state_air_strike() -> None:
    (event,) = events_in("Russian warplanes struck a market in Idlib on Friday, killing 14 civilians.")
    assert event.type == "air_strike"
    assert event.acled_sub_event_type == "Air/drone strike"
    assert event.perpetrator.name == "Russian military"
    assert event.target.type == "civilians"


def test_assassination_of_a_named_official() -> None:
    (event,) = events_in("Gunmen shot dead Governor Amadu Bello outside his residence in Kano on Monday.")
    assert event.type == "assassination"
    assert event.gtd_attacktype == "Assassination"
    assert event.target.type == "government"


def test_absurd_toll_is_not_believed() -> None:
    (event,) = events_in("Rebels claimed their shelling of the town killed 1,000,000 soldiers.")
    assert event.killed.value is None


def test_empty_and_eventless_text() -> None:
    assert events_in("") == []
    assert events_in("The council approved a new budget for the city's parks on Tuesday.") == []


def test_no_publication_time_still_codes_explicit_dates() -> None:
    (event,) = events_in("On 3 February 2021, a grenade attack wounded six people in Goma.", published=None)
    assert event.date.value == date(2021, 2, 3)
    (event,) = events_in("A grenade attack wounded six people in Goma on Friday.", published=None)
    assert event.date.value is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A driver rammed a truck into a crowd in Nice on Sunday, killing three people.", "ramming"),
        ("Protesters set fire to a police station in Dhaka on Sunday.", "riot"),
        ("Arsonists set fire to a mosque in Malmo overnight on Sunday.", "arson"),
        ("Mortar shells hit a residential district of Donetsk on Sunday, killing two people.", "shelling"),
        ("Soldiers clashed with militants near Kidal on Sunday; six fighters were killed.", "armed_clash"),
        ("Thousands of protesters marched through Santiago on Sunday against the pension reform.", "protest"),
    ],
)
def test_types(text: str, expected: str) -> None:
    found = events_in(text)
    assert found and found[0].type == expected


def test_database_record_is_one_incident_with_a_running_toll() -> None:
    found = events_in(
        "02/11/2020: An assailant stabbed a shopkeeper in Lahti, Paijat-Hame, Finland, and then drove to "
        "Kouvola, where he shot two more people. The assailant was arrested. No group claimed responsibility "
        "for the incident.",
        published=None,
    )
    assert len(found) == 1
    assert found[0].type == "shooting"  # stabbing then shooting: the higher act in the GTD hierarchy
    assert found[0].date.value == date(2020, 2, 11)
    assert found[0].perpetrator.attacker_fate == "arrested"
    assert found[0].attackers_killed.value == 0


def test_hours_later_opens_a_second_event_in_a_record() -> None:
    found = events_in(
        "06/03/2021: A car bomb exploded outside a court in Sirte, Libya, killing four guards. About three hours "
        "later, gunmen opened fire on a checkpoint in Misrata, killing two police officers.",
        published=None,
    )
    assert [(e.type, e.place.city, e.killed.value) for e in found] == [
        ("bombing", "Sirte", 4),
        ("shooting", "Misrata", 2),
    ]


def test_unknown_claimant_named_as_subject() -> None:
    (event,) = events_in(
        "Rockets struck an air base near Baghdad on Sunday, wounding three soldiers. "
        "Saraya Thar al-Muhandis Brigade claimed responsibility for the attack."
    )
    assert event.type == "shelling"
    assert (event.perpetrator.name, event.perpetrator.status) == (
        "Saraya Thar al-Muhandis Brigade",
        "claimed",
    )


def test_exercise_and_sport_are_not_attacks() -> None:
    assert (
        events_in(
            "Police officers staged a counter-terrorism exercise at the port on Sunday. Gunmen stormed a ferry and "
            "explosions were heard as part of the drill."
        )
        == []
    )
    assert (
        events_in(
            "She won the Olympic gold medal in the 25m pistol on Sunday, firing a record score in the final round."
        )
        == []
    )


def test_anniversary_sentence_is_background_to_its_end() -> None:
    assert (
        events_in(
            "The city marked five years since a gunman killed 14 people at a nightclub, and survivors laid flowers."
        )
        == []
    )


def test_run_on_text_is_read_in_bounded_pieces() -> None:
    found = events_in("militants attacked the village and " * 400 + "killed 12 farmers in Borno state.")
    assert len(found) == 1


@pytest.mark.parametrize(
    "text",
    [
        "The striker took a shot from 30 yards in the second half, but the keeper blocked the shot.",
        "The new camera drone folds to the size of a phone and flies for 30 minutes.",
        "Two crew members were killed when their helicopter crashed in bad weather, the army said.",
        "An outbreak of cholera has killed 40 people in the region since January.",
        "Shares fell in Hong Kong amid months of protests over the extradition bill.",
    ],
)
def test_general_news_is_not_an_event(text: str) -> None:
    assert events_in(text) == []


# ---------------------------------------------------------------------- perpetrators


def test_claim_by_a_named_leader_is_the_group_claim() -> None:
    (event,) = events_in(
        "Gunmen stormed a cattle market in Gwoza on Tuesday, killing 19 traders. "
        "In a video released on Thursday, Abubakar Shekau claimed the attack."
    )
    assert (event.perpetrator.name, event.perpetrator.status) == ("Boko Haram", "claimed")


def test_leader_who_was_the_target_does_not_make_his_group_the_attacker() -> None:
    (event,) = events_in(
        "Troops clashed with gunmen in Jolo on Sunday while trying to capture Radullan Sahiron, the leader "
        "of Abu Sayyaf. Fighters of the Maute group then seized a bridge; four soldiers were killed."
    )
    assert event.perpetrator.name != "Abu Sayyaf"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Two members of the Indian Mujahideen were later convicted over the blasts.", "Indian Mujahideen"),
        ("Prosecutors later charged members of Hezbollah in connection with the bombing.", "Hezbollah"),
        ("The Dan Na Ambassagou militia was blamed for the massacre.", "Dan Na Ambassagou"),
        ("The al-Mulathameen Brigade said it had carried out the raid.", "al-Mulathameen Brigade"),
        ("Officials blamed the Revolutionary People's Movement (MRP).", "Revolutionary People's Movement"),
        (
            "A spokesman for Saraya Awliya al-Dam said the group carried out the attack.",
            "Saraya Awliya al-Dam",
        ),
        ("The Shining Path claimed responsibility in leaflets left at the scene.", "Shining Path"),
        ("Police blamed the Ulster Freedom Fighters.", "Ulster Defence Association"),
    ],
)
def test_groups_beyond_the_usual_suspects(sentence: str, expected: str) -> None:
    (event,) = events_in(
        f"A bomb exploded at a bus depot in the town on Friday, killing four people. {sentence}"
    )
    assert event.perpetrator.name == expected


def test_group_that_only_inspired_the_attacker_is_not_the_perpetrator() -> None:
    (event,) = events_in(
        "A man opened fire in a shopping street in Linz on Friday, wounding three people. Investigators said "
        "he was inspired by Islamic State, but no group claimed the attack."
    )
    assert event.perpetrator.name is None


def test_unknown_claimant_beats_the_network_it_is_linked_to() -> None:
    (event,) = events_in(
        "A bomb hit a police bus in Nalchik on Monday, killing three officers. The Kabarda Battalion, which "
        "is linked to al-Qaeda, claimed responsibility for the blast."
    )
    assert (event.perpetrator.name, event.perpetrator.status) == ("Kabarda Battalion", "claimed")


def test_common_words_do_not_become_groups() -> None:
    for text in (
        "Fans lined the revolutionary left bank on November 17 as the Contras exhibition opened.",
        "The IM chat app and the Tip line were offline, said the FSA.",
    ):
        assert [g.name for g in _find_groups(text, [])] in ([], ["Nicaraguan Democratic Force"])


def test_fighting_between_two_states_has_no_perpetrator() -> None:
    (event,) = events_in(
        "Eleven Armenian soldiers were killed in a clash with Azerbaijani troops on the border on Monday, "
        "the Armenian army said."
    )
    assert event.perpetrator.name is None


def test_state_spokesman_confirming_a_strike_is_a_claim() -> None:
    (event,) = events_in(
        "A Myanmar military jet bombed a village gathering in Sagaing region on Tuesday, killing 30 people. "
        "A junta spokesman confirmed the strike, saying it had targeted a meeting of the People's Defence Force."
    )
    assert (event.perpetrator.name, event.perpetrator.status) == ("Myanmar military", "claimed")


# ---------------------------------------------------------------------- targets


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what a vehicle, a crowd or an office holds is what was attacked
        ("A car bomb hit a minibus carrying border police near Van on Sunday, killing six.", "police"),
        ("Gunmen fired on a bus carrying Shia pilgrims near Quetta on Sunday, killing nine.", "religious"),
        ("A man drove a van into a crowd of students at a campus in Leeds on Sunday.", "education"),
        (
            "Gunmen stormed the offices of a satirical magazine in Lyon on Sunday, killing four.",
            "journalists",
        ),
        (
            "A bomb exploded in a cafe inside the army headquarters in Kabul on Sunday, killing five.",
            "military",
        ),
        # the vehicle that carried the bomb is the weapon, not the target
        (
            "An explosives-laden tanker blew up beside the Italian embassy in Kabul on Sunday, killing 12.",
            "diplomatic",
        ),
        # people the act was aimed at beat the place they were in, but not a place of worship
        ("Gunmen opened fire on residents in a hotel in Palma on Sunday, killing seven.", "civilians"),
        ("A gunman opened fire on worshippers at a mosque in Herat on Sunday, killing five.", "religious"),
        # where the toll was taken says what was attacked
        ("A gunman killed six people at a bowling alley and a cafe in Lewiston on Sunday.", "business"),
        # who the dead mostly were
        (
            "A car bomb exploded outside a stadium in Izmir on Sunday, killing 20 people, most of them police officers.",
            "police",
        ),
        (
            "A bomb hit a market cafe in Agadez on Sunday. Nine people, most of them foreign tourists, were killed.",
            "tourists",
        ),
        # a target word inside a region's name is no target
        (
            "Settlers set fire to two homes in a village in the West Bank on Sunday, killing a child.",
            "civilians",
        ),
        ("Gunmen attacked a polling centre in Kaduna on Sunday, killing three.", "government"),
        ("Gunmen killed five employees of an aid agency in Tillaberi on Sunday.", "ngo"),
    ],
)
def test_target_types(text: str, expected: str) -> None:
    found = events_in(text)
    assert found and found[0].target.type == expected


def test_title_after_an_institution_takes_its_type() -> None:
    (event,) = events_in("Gunmen ambushed the car of city police chief Omar Fuentes in Toluca on Sunday.")
    assert (event.type, event.target.type) == ("assassination", "police")


def test_town_named_after_a_title_is_not_a_public_figure() -> None:
    (event,) = events_in(
        "05/02/2016: A car bomb exploded at an army checkpoint near Sheikh Zuweid, North Sinai, Egypt, killing "
        "nine soldiers.",
        published=None,
    )
    assert (event.type, event.target.type) == ("bombing", "military")


# ---------------------------------------------------------------------- attack type


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a ramming stays a ramming when the driver is then shot by police
        (
            "A man drove a rented truck along a riverside cycle path in Rotterdam on Sunday, striking cyclists. "
            "Six people were killed. The driver was shot and wounded by a police officer and arrested.",
            "ramming",
        ),
        (
            "A man drove a stolen lorry down a busy shopping street in Ghent on Sunday, killing four.",
            "ramming",
        ),
        # a hostage-taking told anywhere in the report makes it a kidnapping (GTD hierarchy)
        (
            "A man stabbed a guard outside a bank in Lille on Sunday and then took a cashier, a customer "
            "and her son hostage. Police stormed the bank two hours later.",
            "kidnapping",
        ),
        (
            "03/02/2019: Gunmen opened fire on a convoy of trucks near Gao, Mali. Two drivers were killed "
            "and eleven others were abducted.",
            "kidnapping",
        ),
        # guns and then a suicide bomb in one sentence: a bombing
        (
            "Gunmen opened fire in the arrivals hall of the airport in Entebbe on Sunday and then blew themselves up.",
            "bombing",
        ),
        ("Assailants hurled a grenade into a crowded bar in Bujumbura on Sunday, wounding nine.", "bombing"),
        (
            "Military aircraft bombed a village fair in Kayah state on Sunday, killing 30 people.",
            "air_strike",
        ),
        (
            "Supporters of the defeated candidate stormed the parliament in Lima on Sunday, smashing windows.",
            "riot",
        ),
        # a protest is only the setting when an assailant opens fire
        (
            "An assailant opened fire on police officers at the end of a peaceful protest in Memphis on Sunday, "
            "killing three officers.",
            "shooting",
        ),
    ],
)
def test_attack_type_rules(text: str, expected: str) -> None:
    found = events_in(text)
    assert found and found[0].type == expected


def test_hijacked_vehicle_used_to_ram_is_no_kidnapping() -> None:
    found = events_in("A man drove a hijacked truck into a crowd in Nantes on Sunday, killing five people.")
    assert found and found[0].type == "ramming"


# ---------------------------------------------------------------------- date


def test_later_events_do_not_date_the_attack() -> None:
    (event,) = events_in(
        "05/04/2018: An assailant opened fire at a youth club in Malmo, Skane, Sweden, killing two people. "
        "He was shot dead by police on May 7, 2018, after a manhunt.",
        published=None,
    )
    assert event.date.value == date(2018, 5, 4)
    (event,) = events_in(
        "A bomb exploded at a bus stop in Jos on Monday, wounding 11 people. One of the wounded later died in "
        "hospital on Wednesday.",
    )
    assert event.date.value == date(2023, 6, 5)


def test_day_told_with_the_act_beats_the_day_of_the_reaction() -> None:
    (event,) = events_in(
        "The governor imposed a curfew in Kisumu early on Wednesday after protesters set fire to a police "
        "station in riots on Tuesday night."
    )
    assert event.date.value == date(2023, 6, 6)


def test_an_attacker_shot_in_the_leg_is_wounded_not_killed() -> None:
    (event,) = events_in(
        "A man stabbed two shoppers at a market in Leeds on Wednesday. Police shot the assailant in the "
        "leg and arrested him."
    )
    assert event.perpetrator.attacker_fate == "arrested"
    assert event.attackers_killed.value == 0


def test_an_attacker_shot_dead_by_police_is_killed() -> None:
    (event,) = events_in(
        "A man stabbed two shoppers at a market in Leeds on Wednesday. Police shot the assailant dead "
        "minutes later."
    )
    assert event.perpetrator.attacker_fate == "killed"
    assert event.attackers_killed.value == 1


@pytest.mark.parametrize(
    "held", ["in connection with the blast", "on suspicion of planting it", "for questioning"]
)
def test_suspects_held_in_connection_with_an_attack_are_not_its_attackers(held: str) -> None:
    (event,) = events_in(
        f"A bomb exploded outside a bank in Athens on Wednesday, injuring one guard. Two men were later arrested {held}."
    )
    assert event.attackers_killed.value is None
    assert event.perpetrator.attacker_fate == "unknown"


def test_riot_codes_no_weapon_even_when_police_fire() -> None:
    (event,) = events_in(
        "Hundreds of rioters stormed the regional assembly in Lyon on Tuesday, smashing windows and setting "
        "cars on fire. One rioter was shot dead by police inside the building."
    )
    assert event.type == "riot"
    assert event.weapon.type is None


def test_the_driver_of_a_car_bomb_is_its_attacker_not_a_victim() -> None:
    (event,) = events_in(
        "05/02/2019: A truck packed with explosives blew up at an army post in Gao, Gao region, Mali. Seven "
        "people, including the driver, were killed.",
        published=None,
    )
    assert (event.killed.value, event.attackers_killed.value) == (6, 1)


def test_a_driver_killed_by_a_bomb_on_the_road_is_a_victim() -> None:
    (event,) = events_in(
        "05/02/2019: A roadside bomb struck a minibus near Gao, Gao region, Mali. Seven people, including "
        "the driver, were killed.",
        published=None,
    )
    assert event.killed.value == 7


def test_one_more_bomber_after_suicide_bombers_died_with_his_bomb() -> None:
    first, second = events_in(
        "Two suicide bombers blew themselves up at the main bus station in Kano on Tuesday, killing 9 "
        "people.\n\n"
        "Half an hour later another bomber set off his device at a market in Zaria, killing four people."
    )
    assert first.attackers_killed.value == 2
    assert second.attackers_killed.value == 1


def test_a_bomber_in_a_plain_bombing_is_not_counted_dead() -> None:
    (event,) = events_in(
        "A bomb went off at a market in Zaria on Tuesday, killing four people. Police said another bomber "
        "was being sought."
    )
    assert event.attackers_killed.value is None


def test_the_same_attacker_shares_one_fate_across_his_attacks() -> None:
    first, second = events_in(
        "03/03/2019: A gunman opened fire at a cafe in Malmo, Sweden, killing one man. Two hours later the "
        "same gunman shot dead a guard at a church in Lund. The gunman was arrested at a railway station.",
        published=None,
    )
    assert first.attackers_killed.value == 0 and second.attackers_killed.value == 0
    assert first.perpetrator.attacker_fate == second.perpetrator.attacker_fate == "arrested"


def test_an_attack_after_midnight_falls_on_the_next_day() -> None:
    first, second = events_in(
        "03/03/2019: A gunman opened fire at a cafe in Malmo, Sweden, killing one man. Hours later, after "
        "midnight, he shot dead a guard at a church in Lund.",
        published=None,
    )
    assert first.date.value == date(2019, 3, 3)
    assert second.date.value == date(2019, 3, 4)


def test_an_arrest_the_next_day_does_not_move_the_attack() -> None:
    (event,) = events_in(
        "A gunman shot dead a guard at a church in Lund on Monday. He was arrested the next day."
    )
    assert event.date.value == date(2023, 6, 5)


def test_a_sentence_without_a_place_goes_on_with_the_event_told_last() -> None:
    first, second = events_in(
        "Police ended two hostage sieges in France on Friday. In Lisieux, two gunmen who had held a farmer hostage "
        "were shot dead as they left the barn. No hostage was hurt.\n\n"
        "At the same time police stormed a bakery in Rouen, where Marc Dubreuil had taken customers hostage "
        "in the morning. Dubreuil was killed, and three hostages were found dead."
    )
    assert (first.killed.value, second.killed.value) == (0, 3)


def test_a_named_attacker_whose_death_is_told_is_not_a_victim() -> None:
    (event,) = events_in(
        "Gunfire broke out at a post office in Nantes on Monday, where Paul Verrier had taken three clerks "
        "hostage. Verrier was killed when police stormed the building, and one clerk was wounded."
    )
    assert event.attackers_killed.value == 1
    assert event.killed.value == 0


def test_a_victim_named_before_his_death_stays_a_victim() -> None:
    (event,) = events_in(
        "A gunman opened fire on the mayor's office in Nantes on Monday. Mayor Paul Verrier was at his desk. "
        "Verrier was killed and two aides were wounded."
    )
    assert event.killed.value == 1


def test_gunmen_who_had_held_hostages_make_a_kidnapping_on_the_day_they_died() -> None:
    (event,) = events_in(
        "In Lisieux on Friday the brothers Jean and Luc Marchal, wanted for Tuesday's shooting at a bank, "
        "were shot dead by police after they had held a farmer hostage in his barn."
    )
    assert event.type == "kidnapping"
    assert event.date.value == date(2023, 6, 2)
    assert event.attackers_killed.value == 2


def test_the_attack_a_possessive_day_names_is_the_event_itself_when_nothing_points_back() -> None:
    (event,) = events_in("Tuesday's bombing at a market in Jos killed four people, police said.")
    assert event.date.value == date(2023, 6, 6)


def test_a_group_that_only_denies_is_not_the_perpetrator() -> None:
    (event,) = events_in(
        "06/02/2016: A bomb exploded in a cafe in Agadez, Niger, killing six people. No group claimed "
        "responsibility; police blamed a local gang, and al-Shabaab denied involvement.",
        published=None,
    )
    assert event.perpetrator.name is None


def test_a_group_blamed_by_others_stays_the_perpetrator_though_it_denies() -> None:
    (event,) = events_in(
        "06/02/2016: A bomb exploded in a cafe in Agadez, Niger, killing six people. Officials blamed "
        "al-Shabaab, which denied involvement.",
        published=None,
    )
    assert (event.perpetrator.name, event.perpetrator.status) == ("al-Shabaab", "suspected")


def test_a_state_that_denies_an_air_strike_is_held_to_account() -> None:
    (event,) = events_in(
        "Air strikes hit a wedding party in Hajjah on Sunday, killing 20 people.\n\n"
        "The Saudi-led coalition denied involvement."
    )
    assert event.perpetrator.name == "Saudi-led coalition"


def test_riders_a_bus_was_carrying_are_the_target_when_its_passengers_are_shot() -> None:
    (event,) = events_in(
        "04/11/2018: Assailants travelling in two cars stopped a bus carrying Shia pilgrims near Quetta, "
        "Balochistan, Pakistan, and opened fire on the passengers. Nine people were killed.",
        published=None,
    )
    assert event.target.type == "religious"


def test_passengers_of_a_plain_bus_are_a_transport_target() -> None:
    (event,) = events_in(
        "04/11/2018: Assailants travelling in two cars stopped a bus near Quetta, Balochistan, Pakistan, "
        "and opened fire on the passengers. Nine people were killed.",
        published=None,
    )
    assert event.target.type == "transport"


def test_a_united_nations_house_is_a_diplomatic_target() -> None:
    (event,) = events_in(
        "A car bomb exploded at the gate of the United Nations House in Juba on Monday, killing five people."
    )
    assert event.target.type == "diplomatic"


def test_an_armed_assailant_holding_hostages_has_a_firearm() -> None:
    (event,) = events_in(
        "An armed assailant took 12 people hostage at a bakery in Ghent on Tuesday. Police stormed the "
        "shop after six hours; one hostage was killed."
    )
    assert (event.type, event.weapon.type) == ("kidnapping", "firearms")


def test_a_weapon_told_as_absent_is_not_the_weapon() -> None:
    (event,) = events_in(
        "Police said no gun was used when a man attacked shoppers at a market in Jos on Tuesday, wounding "
        "four people with a knife."
    )
    assert (event.type, event.weapon.type) == ("stabbing", "melee")


def test_a_guard_shot_outside_a_temple_makes_the_temple_the_target() -> None:
    (event,) = events_in(
        "A gunman shot dead a security guard outside the Sikh temple in Leicester on Sunday and wounded a "
        "police officer."
    )
    assert event.target.type == "religious"


def test_a_guard_shot_at_his_post_with_no_site_named_is_a_police_target() -> None:
    (event,) = events_in("A gunman shot dead a security guard in Leicester on Sunday.")
    assert event.target.type == "police"


def test_a_cultural_centre_fired_on_is_a_civilian_target() -> None:
    (event,) = events_in(
        "A gunman opened fire on a cultural centre in Malmo during a poetry reading on Friday, killing one "
        "man and wounding two police officers."
    )
    assert event.target.type == "civilians"


def test_police_who_were_only_alerted_are_not_the_target() -> None:
    (event,) = events_in(
        "05/03/2012: An explosives-laden van was left with its engine running in Leeds, United Kingdom. "
        "Street vendors alerted police to smoke coming from the van, and the device failed to detonate. "
        "There were no casualties.",
        published=None,
    )
    assert event.target.type != "police"


def test_the_share_of_the_wounded_who_came_to_help_does_not_set_the_target() -> None:
    (event,) = events_in(
        "03/02/2016: Assailants stormed the Blue Lagoon restaurant in Bamako, Mali, and took diners hostage. "
        "Six hostages were killed, and 20 others, mostly police officers, were injured.",
        published=None,
    )
    assert event.target.type == "business"


def test_the_share_of_the_dead_sets_the_target() -> None:
    (event,) = events_in(
        "03/02/2016: A car bomb exploded on a road in Bamako, Mali. Twelve people, most of them soldiers, "
        "were killed.",
        published=None,
    )
    assert event.target.type == "military"


def test_a_target_word_inside_a_name_yields_to_what_the_apposition_says() -> None:
    (event,) = events_in(
        "Gunmen burst into Riverside Town Hall, a concert venue in Leeds, on Friday evening and shot at the "
        "audience, killing 12 people."
    )
    assert event.target.type == "civilians"


def test_a_town_hall_with_no_apposition_is_a_government_target() -> None:
    (event,) = events_in(
        "Gunmen burst into Riverside Town Hall in Leeds on Friday evening and shot at the staff, killing "
        "two people."
    )
    assert event.target.type == "government"


def test_a_blogger_attacked_by_name_is_a_media_target() -> None:
    (event,) = events_in(
        "05/12/2015: Assailants hacked Omar Haddad, a well-known novelist and blogger, to death as he walked "
        "to work in Sylhet, Bangladesh.",
        published=None,
    )
    assert (event.type, event.target.type) == ("assassination", "journalists")


def test_an_education_campaigner_attacked_by_name_is_an_education_target() -> None:
    (event,) = events_in(
        "10/09/2013: An assailant boarded a minibus in Kano, Kano state, Nigeria, and shot 16-year-old "
        "education activist Amina Bello in the head. Two other passengers were also injured. Bello survived.",
        published=None,
    )
    assert (event.type, event.target.type) == ("assassination", "education")


@pytest.mark.parametrize(
    ("text", "target"),
    [
        (
            "Assailants bombed a church in Surabaya, East Java, Indonesia. No casualties were reported.",
            "religious",
        ),
        ("Militants bombed a police post in Quetta, Balochistan, Pakistan, killing two officers.", "police"),
    ],
)
def test_bombed_is_a_bombing(text: str, target: str) -> None:
    (event,) = events_in(text, None)
    assert (event.type, event.weapon.type, event.target.type) == ("bombing", "explosives", target)


def test_a_bombed_out_town_is_no_event() -> None:
    assert events_in("Residents returned to the bombed-out town on Sunday to find their homes gone.") == []


@pytest.mark.parametrize(
    ("text", "target_type"),
    [
        # the role told after the name, with no article
        (
            "03/02/2011: Gunmen opened fire on Tariq Mehmood Rana, head of the provincial "
            "irrigation board, outside his home in Multan, Punjab, Pakistan. Rana was killed.",
            "government",
        ),
        # an office, then the name
        (
            "A car bomb killed Somalia's minister of education, Abdi Warsame Nur, in Mogadishu "
            "on Tuesday, officials said.",
            "government",
        ),
        # a senior officer's rank and a diplomat's post
        (
            "07/11/1999: Two assailants shot Colonel Petros Lambrakis, the Cypriot military attache, "
            "as he left his flat in Athens, Greece. He died later that day.",
            "diplomatic",  # the post in the apposition, not the rank, says what was attacked
        ),
        # the aim told in words, far from the act
        (
            "10/03/1995: A bomb hidden under a parked lorry exploded beside the motorway in Split, "
            "Croatia, in an attempt to kill Prime Minister Ivo Radan. Radan was unhurt, but two "
            "passers-by were killed.",
            "government",
        ),
        # the figure at the scene as the act happened
        (
            "05/19/2009: A suicide bomber blew himself up at a stadium in Jaffna, Sri Lanka, as "
            "Fisheries Minister Ravi Kumarasinghe was opening a football match. Nine people, "
            "including the minister, were killed.",
            "government",
        ),
        # the post told in a possessive apposition
        (
            "06/11/2004: Gunmen fired on Arif Qasemi, Nangarhar's deputy provincial governor, as he drove "
            "through Jalalabad city, Nangarhar province, Afghanistan. Qasemi was killed.",
            "government",
        ),
        # the vehicle that carried the figure was the target
        (
            "02/07/2008: A bomb fixed to the convoy of provincial judge Tomas Arrieta exploded on a road "
            "in Cucuta city, Norte de Santander department, Colombia. Arrieta survived; two bodyguards "
            "were killed.",
            "government",
        ),
        # a professor named with an apposition that names his university
        (
            "09/14/2015: Attackers hacked to death Selim Kabir Hossain, a chemistry professor at "
            "Khulna University, near his home in Khulna, Bangladesh.",
            "education",
        ),
    ],
)
def test_attack_on_a_named_public_figure_is_an_assassination(text: str, target_type: str) -> None:
    events = events_in(text, published=None if text[:2].isdigit() else datetime(2023, 6, 8, 9, 0, tzinfo=UTC))
    assert [e.type for e in events] == ["assassination"]
    assert events[0].target.type == target_type


@pytest.mark.parametrize(
    "text",
    [
        "03/02/2011: Gunmen opened fire on Tariq Mehmood Rana, a shopkeeper, outside his home in "
        "Multan, Punjab, Pakistan. Rana was killed.",
        "Two bombs went off at a rally marking the anniversary of the killing of General Aziz Karimi "
        "in Herat on Monday, killing 12 people.",
        "A gunman shot Maria Lopes in the head outside a bakery in Porto on Friday; she died in hospital.",
        # the figure is the occasion of the attack, not its target
        "04/02/2003: Gunmen shot dead nine farm workers in Kalapur village, Assam, India, on the eve of "
        "a visit to the state by Prime Minister Arvind Dasgupta.",
    ],
)
def test_an_ordinary_named_victim_is_not_an_assassination(text: str) -> None:
    events = events_in(text, published=None if text[:2].isdigit() else datetime(2023, 6, 8, 9, 0, tzinfo=UTC))
    assert events and events[0].type != "assassination"


def test_a_place_inside_a_peerage_title_is_not_the_event_place() -> None:
    events = events_in(
        "Lord Hallam of Burma was killed on Monday when a bomb exploded on his yacht off Kinsale, "
        "in the Irish Republic, police said."
    )
    assert [e.type for e in events] == ["assassination"]
    assert events[0].place.country_code != "MM"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On 3 May 2024, Israeli aircraft fired missiles at a depot in Homs (Homs, Syria), killing four.",
            "air_strike",
        ),
        (
            "On 3 May 2024, rebels flew bomb-laden drones into a barracks in Hama (Hama, Syria), killing six.",
            "air_strike",
        ),
        (
            "06/01/2018: Assailants stormed a base in Gao, Mali, firing on soldiers and aircraft, killing two.",
            "shooting",
        ),
        (
            "06/01/2018: Assailants shot and beheaded nine villagers in Mocimboa, Cabo Delgado, Mozambique.",
            "shooting",
        ),
    ],
)
def test_the_act_not_a_word_nearby_sets_the_type(text: str, expected: str) -> None:
    events = events_in(text, published=None)
    assert [e.type for e in events] == [expected]


def test_crowd_storming_the_presidential_residence_is_a_riot() -> None:
    events = events_in(
        "On 2 March 2023, thousands of anti-government demonstrators broke through police lines and "
        "stormed the presidential palace in Lima (Lima, Peru). At least 30 people were injured.",
        published=None,
    )
    assert [e.type for e in events] == ["riot"]


def test_a_fake_bomb_does_not_make_a_stabbing_a_bombing() -> None:
    events = events_in(
        "A man wearing a fake suicide vest stabbed three shoppers in a market in Leeds on Tuesday."
    )
    assert [e.type for e in events] == ["stabbing"]
    assert events[0].weapon.type == "melee"


@pytest.mark.parametrize(
    "text",
    [
        # the toll belongs to the accident told at the head of the sentence
        "A gas explosion on Sunday tore through a five-storey block of flats in the city of Ufa, "
        "killing at least four residents, officials said. There was no sign of foul play.",
        # a weapons test, not an attack
        "North Korea test-fired a ballistic missile on Monday that landed in the sea east of the "
        "peninsula, officials in Seoul said. No damage to ships was reported.",
        # a football report whose words sound violent
        "Leeds came from two goals down to win 3-2 on Saturday; their striker completed a hat-trick "
        "after an own goal, and a late header killed off the game as the attack took over.",
    ],
)
def test_accidents_tests_and_sport_are_no_events(text: str) -> None:
    assert events_in(text) == []


def test_one_sport_word_said_twice_does_not_make_an_attack_sport() -> None:
    events = events_in(
        "07/04/2004: A pipe bomb exploded near the Olympic village in a park in Turin, Italy, during an "
        "evening concert for the Olympic torch relay. Two people were injured.",
        published=None,
    )
    assert [e.type for e in events] == ["bombing"]


def test_a_second_kind_of_act_on_the_next_day_is_a_second_event() -> None:
    events = events_in(
        "Gunmen opened fire on two shops in Kotli village in Poonch district on Friday evening, killing "
        "three men, police said.\n\nOn Saturday morning a bomb hidden near one of the shops exploded as "
        "mourners gathered, killing a boy and injuring four people.",
        published=datetime(2023, 6, 10, 12, 0, tzinfo=UTC),
    )
    assert [e.type for e in events] == ["shooting", "bombing"]
    assert [e.date.value for e in events] == [date(2023, 6, 9), date(2023, 6, 10)]


def test_a_car_driven_into_a_march_is_a_ramming() -> None:
    events = events_in(
        "A car was driven into a union march in central Hamburg on Wednesday, injuring 14 people."
    )
    assert [e.type for e in events] == ["ramming"]


def test_a_series_the_attackers_carried_out_is_the_event_not_background() -> None:
    events = events_in(
        "02/11/2013: Assailants carried out a series of bombings on police posts in Maiduguri, Borno, "
        "Nigeria. At least 40 people were killed.",
        published=None,
    )
    assert [e.type for e in events] == ["bombing"]


@pytest.mark.parametrize(
    "text",
    [
        "08/19/1996: A gunman fired several shots at a parked car outside a courthouse in Tarija city, "
        "Bolivia, killing its driver. The National Liberation Front claimed responsibility for the "
        "assassination in a letter to a local radio station.",
        "Police said a bomb exploded under a car in Larnaca on Sunday, killing the man inside. "
        "Investigators believe the assassination was ordered by a rival clan.",
    ],
)
def test_a_later_sentence_that_calls_the_act_an_assassination_decides_the_type(text: str) -> None:
    events = events_in(text, published=None if text[:2].isdigit() else datetime(2023, 6, 8, 9, 0, tzinfo=UTC))
    assert [e.type for e in events] == ["assassination"]
    assert events[0].gtd_attacktype == "Assassination"


def test_an_assassination_of_someone_else_does_not_recode_the_event() -> None:
    events = events_in(
        "Gunmen opened fire on a minibus near Mardan on Tuesday, killing four passengers. The road "
        "had been closed for a week after the assassination of a local councillor."
    )
    assert [e.type for e in events] == ["shooting"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "03/14/1994: Assailants threw firebombs at a hostel for asylum seekers in Hollfeld town, "
            "Bavaria, Germany. Two residents were injured.",
            "arson",
        ),
        (
            "11/02/2001: During fighting between rebels and an army patrol, a mortar bomb fired by the "
            "rebels struck a school in Kindu city, Maniema province, Democratic Republic of the Congo, "
            "and exploded. Six pupils were killed.",
            "bombing",
        ),
        (
            "On 4 June 2019, soldiers opened fire on hundreds of people demonstrating against the "
            "transitional council outside the army headquarters in Omdurman (Omdurman, Khartoum, Sudan). "
            "Fatalities: 11.",
            "protest",
        ),
    ],
)
def test_setting_and_act_words(text: str, expected: str) -> None:
    events = events_in(text, published=None)
    assert [e.type for e in events] == [expected]


@pytest.mark.parametrize(
    ("text", "expected", "gtd", "weapon"),
    [
        (
            "08/14/2013: Assailants sabotaged a section of a gas pipeline near Sibi city, Balochistan "
            "province, Pakistan, cutting supplies to the city. No casualties were reported.",
            "sabotage",
            "Facility/Infrastructure Attack",
            None,
        ),
        (
            "02/21/2016: Militants destroyed a mobile phone tower in Kurram district, Khyber Pakhtunkhwa "
            "province, Pakistan. There were no casualties.",
            "sabotage",
            "Facility/Infrastructure Attack",
            None,
        ),
        (
            "11/05/2012: Assailants threw acid on two teachers outside a girls' school in Lashkar Gah "
            "city, Helmand province, Afghanistan. Both teachers were injured.",
            "unarmed_assault",
            "Unarmed Assault",
            "chemical",
        ),
        (
            "05/12/2015: Assailants poisoned the drinking water of a girls' school in Taloqan city, "
            "Takhar province, Afghanistan. Forty pupils were taken to hospital.",
            "unarmed_assault",
            "Unarmed Assault",
            "chemical",
        ),
        # explosives outrank sabotage (GTD: Bombing/Explosion above Facility/Infrastructure Attack)
        (
            "03/30/2011: Assailants damaged a power pylon with explosives near Mosul city, Nineveh "
            "governorate, Iraq, when a bomb detonated at its base. No one was hurt.",
            "bombing",
            "Bombing/Explosion",
            "explosives",
        ),
    ],
)
def test_facility_and_unarmed_attacks_have_their_gtd_types(
    text: str, expected: str, gtd: str, weapon: str | None
) -> None:
    events = events_in(text, published=None)
    assert [(e.type, e.gtd_attacktype, e.weapon.type) for e in events] == [(expected, gtd, weapon)]


def test_storm_damage_is_not_sabotage() -> None:
    assert events_in("Heavy rain damaged a power line and destroyed two bridges near Sibi on Tuesday.") == []


@pytest.mark.parametrize(
    "text",
    [
        "06/06/2006: Assailants shot and killed Haji Gul Mohammad, a tribal elder, in Maruf district, "
        "Kandahar province, Afghanistan. The Taliban claimed responsibility.",
        "03/03/2003: Assailants opened fire on a councillor, Romeo Dalisay, in Iligan city, Lanao del "
        "Norte province, Philippines. Dalisay was killed.",
    ],
)
def test_local_notables_named_as_the_victim_are_assassinations(text: str) -> None:
    events = events_in(text, published=None)
    assert [(e.type, e.killed.value) for e in events] == [("assassination", 1)]


def test_an_indefinite_kind_of_village_is_not_a_village_name() -> None:
    events = events_in(
        "07/01/2014: Assailants attacked a Christian village in Bauchi state, Nigeria, killing six people.",
        published=None,
    )
    assert [(e.place.city, e.place.region, e.place.country_code) for e in events] == [(None, "Bauchi", "NG")]


@pytest.mark.parametrize(
    ("text", "gtd"),
    [
        (
            "06/02/2019: An assailant drove a van into shoppers on a market street in Graz city, Styria, "
            "Austria, then stabbed two of them. Six people were injured.",
            "Armed Assault",
        ),
        (
            "06/02/2019: An assailant drove a van into shoppers on a market street in Graz city, Styria, "
            "Austria. Six people were injured.",
            "Unarmed Assault",
        ),
    ],
)
def test_gtd_ranks_knives_above_a_ramming(text: str, gtd: str) -> None:
    events = events_in(text, published=None)
    assert [(e.type, e.gtd_attacktype) for e in events] == [("ramming", gtd)]


def test_police_who_shot_the_attacker_are_the_response_not_a_second_attack() -> None:
    events = events_in(
        "A man armed with a knife attacked customers at a bakery in Tampere on Friday, wounding four "
        "people, before police officers who had been following him shot him dead."
    )
    assert [(e.type, e.killed.value, e.injured.value) for e in events] == [("stabbing", 0, 4)]


def test_an_attack_told_long_after_in_a_news_story_is_background() -> None:
    events = events_in(
        "Townspeople gathered on Sunday to mark the anniversary of the siege.\n\n"
        "The gunmen opened fire on diners at the Hotel Meridian in Kisumu on 14 June 2009, killing 12 "
        "people.",
        published=datetime(2024, 6, 16, 9, 0, tzinfo=UTC),
    )
    assert events == []


def test_a_dated_record_read_years_later_keeps_its_own_day() -> None:
    text = (
        "06/12/2015: A suicide bomber detonated an explosive vest during Friday prayers at a mosque in "
        "Mardan city, Khyber Pakhtunkhwa province, Pakistan. At least 20 people were killed."
    )
    read_later = events_in(text, published=datetime(2026, 11, 25, 10, 0, tzinfo=UTC))
    assert [(e.type, e.date.value) for e in read_later] == [("bombing", date(2015, 6, 12))]
    assert [e.date.value for e in events_in(text, published=None)] == [date(2015, 6, 12)]


@pytest.mark.parametrize(
    "text",
    [
        "10/16/1993: A fuel tanker overturned and exploded on a highway near Kano city, Kano state, "
        "Nigeria. Thirty people were killed.",
        "The goaltender stopped every attempt in the shootout as Latvia beat Norway in overtime on "
        "Tuesday, after their captain fired a rocket past the keeper in the second period of the ice "
        "hockey semi-final.",
    ],
)
def test_accidents_and_hockey_are_not_attacks(text: str) -> None:
    assert events_in(text) == []


def test_a_later_sentence_that_names_the_one_targeted_makes_an_assassination() -> None:
    events = events_in(
        "09/03/2019: A magnetic bomb attached to a car detonated in Jalalabad city, Nangarhar province, "
        "Afghanistan. The device targeted Qari Nasrullah, the district governor of Behsud, who was "
        "wounded.",
        published=None,
    )
    assert [(e.type, e.gtd_attacktype) for e in events] == [("assassination", "Assassination")]


def test_hostages_held_where_the_attackers_stormed_are_a_barricade_incident() -> None:
    events = events_in(
        "04/02/1996: Gunmen stormed a bank in Rabat city, Rabat-Sale-Kenitra region, Morocco, and held "
        "30 customers hostage for nine hours until police ended the standoff. No one was hurt.",
        published=None,
    )
    assert [(e.type, e.gtd_attacktype) for e in events] == [
        ("kidnapping", "Hostage Taking (Barricade Incident)")
    ]


def test_captives_released_unharmed_count_as_no_casualties() -> None:
    events = events_in(
        "05/09/2007: Assailants abducted 14 road workers near Wardher town, Somali region, Ethiopia. "
        "The workers were released unharmed a week later.",
        published=None,
    )
    assert [(e.killed.value, e.injured.value) for e in events] == [(0, 0)]


@pytest.mark.parametrize(
    ("text", "target_type"),
    [
        (
            "05/30/2001: A car bomb exploded outside the Guardia Civil barracks in Irun town, Gipuzkoa "
            "province, Spain. Two people were injured.",
            "police",
        ),
        (
            "11/14/2020: Assailants shot dead two employees of Zhwandoon TV as they left work in Kabul "
            "city, Kabul province, Afghanistan.",
            "journalists",
        ),
        (
            "07/02/2018: A bomb left in a bag exploded outside a pawnshop in Iligan city, Lanao del Norte "
            "province, Philippines. One person was injured.",
            "business",
        ),
        (
            "02/11/2017: A roadside bomb exploded as a patrol of paramilitary rangers passed near Bannang "
            "Sata town, Yala province, Thailand. Three rangers were wounded.",
            "military",
        ),
        (
            "08/19/2019: Assailants abducted four missionaries on a road near Kenscoff town, Ouest "
            "department, Haiti.",
            "religious",
        ),
    ],
)
def test_target_types_from_the_vocabulary(text: str, target_type: str) -> None:
    events = events_in(text, published=None)
    assert [e.target.type for e in events] == [target_type]


@pytest.mark.parametrize(
    ("text", "perpetrator"),
    [
        (
            "03/14/2016: Assailants set fire to two buses parked at a depot in Volos city, Thessaly, "
            "Greece. No one was hurt. A group calling itself the Conspiracy of Rebel Embers claimed "
            "responsibility on a website.",
            "Conspiracy of Rebel Embers",
        ),
        (
            "05/02/2017: Assailants burned three trucks belonging to a timber company near Collipulli "
            "town, Araucania region, Chile. Pamphlets left at the site claimed the attack on behalf of "
            "the Frente Mapuche de Liberacion.",
            "Frente Mapuche de Liberacion",
        ),
    ],
)
def test_a_group_the_list_does_not_know_is_read_from_how_the_claim_names_it(
    text: str, perpetrator: str
) -> None:
    events = events_in(text, published=None)
    assert [(e.perpetrator.name, e.perpetrator.status) for e in events] == [(perpetrator, "claimed")]


@pytest.mark.parametrize(
    ("text", "target_type", "killed"),
    [
        (
            "The Peruvian photojournalist Ricardo Salas Ortiz was shot dead outside his home in Trujillo on "
            "Monday, prosecutors said.",
            "journalists",
            1,
        ),
        (
            "06/14/2003: Assailants beat Father Tomas Quispe Huaman to death in the sacristy of a church in "
            "Ayacucho city, Ayacucho department, Peru. No group claimed responsibility.",
            "religious",
            1,
        ),
        (
            "01/09/2004: An assailant shot and killed R. Kandasamy, a Tamil member of parliament, outside a "
            "temple in Batticaloa town, Eastern province, Sri Lanka.",
            "government",
            1,
        ),
        (
            "10/02/2006: An assailant threw a grenade into a minibus carrying two senior magistrates, Abul "
            "Kalam Azad and Nurul Huda Mia, in Rajshahi city, Rajshahi division, Bangladesh. Both "
            "magistrates were killed.",
            "government",
            2,
        ),
        (
            "07/18/2011: A suicide bomber detonated explosives as Gul Zaman Khattak, senior minister of "
            "the provincial government, was leaving a mosque in Nowshera city, Khyber Pakhtunkhwa, Pakistan. "
            "Khattak was killed.",
            "government",
            1,
        ),
    ],
)
def test_named_figures_in_more_shapes(text: str, target_type: str, killed: int) -> None:
    events = events_in(text, published=None if text[:2].isdigit() else datetime(2023, 6, 8, 9, 0, tzinfo=UTC))
    assert [(e.type, e.target.type, e.killed.value) for e in events] == [
        ("assassination", target_type, killed)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Army bomb disposal experts on Tuesday removed a corroded Second World War shell found by workers "
        "digging a car park in Patras, the ministry said.",
        "A court in Tromso on Friday told a gun club to stop target shooting on Sundays after neighbours "
        "complained that the gunfire and the hunters' traffic kept them awake.",
    ],
)
def test_old_munitions_and_gun_clubs_are_not_attacks(text: str) -> None:
    assert events_in(text) == []


def test_a_report_that_says_the_method_is_unknown_stays_gtd_unknown() -> None:
    events = events_in(
        "05/21/2017: Assailants attacked Dalori village, Konduga local government area, Borno state, "
        "Nigeria. Eleven people were killed. No details on the method of attack were reported.",
        published=None,
    )
    assert [(e.type, e.gtd_attacktype, e.weapon.type) for e in events] == [("attack", "Unknown", None)]


def test_dynamited_towers_are_a_bombing() -> None:
    events = events_in(
        "06/03/1990: Assailants dynamited two electricity pylons near Ayacucho city, Ayacucho department, "
        "Peru. No casualties were reported.",
        published=None,
    )
    assert [(e.type, e.target.type) for e in events] == [("bombing", "utilities")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "03/09/2019: Assailants ambushed an army patrol near Catubig town, Northern Samar province, "
            "Philippines. Two soldiers were killed in the ensuing firefight.",
            ("shooting", "Armed Assault"),
        ),
        (
            "07/02/2011: Assailants removed fishplates from a section of railway track near Jhargram town, "
            "West Bengal, India, derailing a goods train. There were no casualties.",
            ("sabotage", "Facility/Infrastructure Attack"),
        ),
        (
            "04/18/2012: Assailants released a toxic powder into the classrooms of a girls' school in Rustaq "
            "town, Takhar province, Afghanistan. About 90 pupils fell ill.",
            ("unarmed_assault", "Unarmed Assault"),
        ),
        (
            "09/30/2015: Assailants attacked Kirchinga village, Adamawa state, Nigeria. The nature of the "
            "attack was not reported; 14 people were killed.",
            ("attack", "Unknown"),
        ),
    ],
)
def test_more_gtd_attack_types(text: str, expected: tuple[str, str]) -> None:
    events = events_in(text, published=None)
    assert [(e.type, e.gtd_attacktype) for e in events] == [expected]


@pytest.mark.parametrize(
    ("text", "target_type", "killed"),
    [
        (
            "05/16/2021: Gunmen shot and killed Renato Blanco, a radio commentator, outside his station in "
            "Dumaguete city, Negros Oriental province, Philippines.",
            "journalists",
            1,
        ),
        (
            "02/20/2015: Two assailants shot and killed Govind Rao, a rationalist who campaigned against "
            "caste, near his home in Kolhapur city, Maharashtra, India.",
            "civilians",
            1,
        ),
        (
            "11/30/2014: Assailants shot and killed Amina Sadat and Laila Noori, two judges of the appeals "
            "court, in Herat city, Herat province, Afghanistan.",
            "government",
            2,
        ),
        (
            "02/03/1989: A bomb exploded under the car of Walter Kessler, a German industrialist, in Bonn "
            "city, North Rhine-Westphalia, West Germany. Kessler and his chauffeur were killed.",
            "business",
            2,
        ),
    ],
)
def test_roles_that_make_a_named_victim_a_figure(text: str, target_type: str, killed: int) -> None:
    events = events_in(text, published=None)
    assert [(e.type, e.target.type, e.killed.value) for e in events] == [
        ("assassination", target_type, killed)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a description the lexicon has no post for still marks someone of note
        (
            "05/05/2015: Gunmen shot and killed Ahmed Shah Noori, a prominent poet, outside his home in "
            "Kandahar city, Kandahar province, Afghanistan.",
            "assassination",
        ),
        # an ordinary person, named
        (
            "05/05/2015: Gunmen shot and killed Ahmed Shah Noori, a fruit vendor, outside his home in "
            "Kandahar city, Kandahar province, Afghanistan.",
            "shooting",
        ),
        # a venue described after its name is no person
        (
            "05/05/2015: Gunmen opened fire on Shahi Bazaar, a crowded market, in Kandahar city, Kandahar "
            "province, Afghanistan, killing four people.",
            "shooting",
        ),
    ],
)
def test_a_named_victim_described_as_someone_of_note(text: str, expected: str) -> None:
    assert [e.type for e in events_in(text, published=None)] == [expected]


def test_a_database_record_with_no_act_named_is_still_an_incident() -> None:
    record = (
        "07/07/2007: Assailants drowned two fishermen in Lake Kivu near Goma city, North Kivu province, "
        "Democratic Republic of the Congo. No group claimed responsibility."
    )
    events = events_in(record, published=None)
    assert [(e.type, e.gtd_attacktype, e.weapon.type, e.place.city) for e in events] == [
        ("attack", "Unknown", None, "Goma")
    ]
    # the same words outside a dated record are not enough to tell an attack
    assert events_in(record.split(": ", 1)[1]) == []


def test_a_named_victim_targeted_for_who_he_was_is_an_assassination() -> None:
    first = "09/12/2012: Assailants shot and killed Mohammad Ishaq Baloch in Turbat city, Balochistan province, Pakistan."
    chosen = events_in(
        first + " The victim was targeted because he had spoken against the militants.", published=None
    )
    assert [e.type for e in chosen] == ["assassination"]
    assert [e.type for e in events_in(first + " No group claimed responsibility.", published=None)] == [
        "shooting"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a figure whose name is followed by where it happened
        (
            "03/14/2013: Gunmen opened fire on the car of Muslim cleric Ibrahim Omar Said on the road near "
            "Malindi town, Kilifi county, Kenya. Said was killed.",
            "assassination",
        ),
        # rockets at a head of state's motorcade
        (
            "05/02/1987: Assailants fired rockets at the motorcade of President Hernan Valdes on the road "
            "near Talca city, Maule region, Chile. Valdes survived; three bodyguards were killed.",
            "assassination",
        ),
        # a parcel bomb codes as the bombing it is
        (
            "04/24/1995: A parcel bomb mailed to his office exploded when forestry executive Gilbert Murray "
            "opened it in Sacramento city, California, United States. Murray was killed.",
            "bombing",
        ),
        # a mass-casualty bombing said, later, to have targeted one man who survived
        (
            "05/30/1989: A truck loaded with explosives blew up outside the national police headquarters in "
            "Medellin city, Antioquia department, Colombia. At least 40 people were killed. The attack "
            "targeted police commander General Ramon Ospina, who survived.",
            "bombing",
        ),
        # armed men who kill and then burn: GTD's armed assault outranks the facility attack
        (
            "07/11/2019: Assailants armed with machetes attacked Mbau village, North Kivu province, "
            "Democratic Republic of the Congo, and set fire to dozens of houses. Nine people were killed.",
            "stabbing",
        ),
    ],
)
def test_gtd_type_when_a_figure_or_a_second_act_is_named(text: str, expected: str) -> None:
    assert [e.type for e in events_in(text, published=None)] == [expected]


@pytest.mark.parametrize(
    ("text", "target_type"),
    [
        (
            "03/05/2014: Assailants threw incendiary devices at the local offices of the Popular Unity party "
            "in Larissa city, Thessaly, Greece. There were no casualties.",
            "government",
        ),
        (
            "02/24/2019: Assailants set fire to the offices of Medecins Sans Frontieres in Beni city, North "
            "Kivu province, Democratic Republic of the Congo. No one was hurt.",
            "ngo",
        ),
        # a radio set is no radio station
        (
            "03/11/1988: A bomb hidden in a transistor radio exploded in a crowded market in Jalandhar city, "
            "Punjab, India. Six people were killed.",
            "civilians",
        ),
    ],
)
def test_more_target_words(text: str, target_type: str) -> None:
    assert [e.target.type for e in events_in(text, published=None)] == [target_type]


def test_shots_at_a_facility_that_hurt_no_one_are_sabotage() -> None:
    text = (
        "06/02/2021: Assailants fired rifle rounds at transformers in an electrical substation near Dalles "
        "city, Oregon, United States, cutting power to 9,000 homes."
    )
    events = events_in(text + " No one was hurt.", published=None)
    assert [(e.type, e.gtd_attacktype, e.weapon.type) for e in events] == [
        ("sabotage", "Facility/Infrastructure Attack", "firearms")
    ]
    guard_killed = events_in(text + " A security guard was killed.", published=None)
    assert [e.type for e in guard_killed] == ["shooting"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # guns and grenades in one assault: GTD's Armed Assault; the grenades alone: a bombing
        (
            "05/02/2009: Assailants attacked a police post near Tikrit city, Salah ad Din governorate, Iraq, "
            "with mortars and assault rifles. Two officers were killed.",
            ("shooting", "Armed Assault"),
        ),
        (
            "05/02/2009: Assailants fired on a police post near Tikrit city, Salah ad Din governorate, Iraq, "
            "with hand grenades thrown from a car. Two officers were hurt.",
            ("bombing", "Bombing/Explosion"),
        ),
        (
            "05/02/2009: Assailants fired rockets at a police post near Tikrit city, Salah ad Din governorate, "
            "Iraq. Two officers were killed.",
            ("shelling", "Bombing/Explosion"),
        ),
        # a suicide bomb stays a bombing whatever guns were fired
        (
            "05/02/2009: A suicide bomber detonated a vest at a police post near Tikrit city, Salah ad Din "
            "governorate, Iraq, and gunmen then fired rifles at the survivors. Two officers were killed.",
            ("bombing", "Bombing/Explosion"),
        ),
        # the device that burns is an arson, though it was "detonated"
        (
            "11/03/1978: Assailants detonated an incendiary device in a furniture shop in Graz city, Styria, "
            "Austria. The shop burned out; no one was hurt.",
            ("arson", "Facility/Infrastructure Attack"),
        ),
        # explosives used to cut a line or breach a wall make a bombing
        (
            "02/14/1986: Assailants sabotaged a power line near Tete city, Tete province, Mozambique, by "
            "blowing up two pylons. No casualties were reported.",
            ("bombing", "Bombing/Explosion"),
        ),
        # looting and overrunning during a raid are the raid, not a riot or a battle
        (
            "06/09/2003: Assailants attacked the district headquarters in Rolpa town, Rapti zone, Nepal, "
            "overrunning a police post and looting the bank. Nine officers were killed.",
            ("shooting", "Armed Assault"),
        ),
        # the report says the method is unknown: GTD's Unknown, in every wording
        (
            "08/14/2017: Assailants attacked travellers on a road near Yei town, Central Equatoria state, "
            "South Sudan. Three people were killed. Details on how the attack was carried out were not "
            "reported.",
            ("attack", "Unknown"),
        ),
        (
            "08/14/2017: Assailants attacked a hamlet near Yei town, Central Equatoria state, South Sudan. "
            "Three people were killed. No further details on the method of the attack were given.",
            ("attack", "Unknown"),
        ),
    ],
)
def test_the_act_that_codes_a_raid(text: str, expected: tuple[str, str]) -> None:
    assert [(e.type, e.gtd_attacktype) for e in events_in(text, published=None)] == [expected]


def test_a_series_of_bombs_opening_the_record_is_its_event() -> None:
    opening = (
        "07/21/1975: A series of pipe bombs exploded at an army depot in Bielefeld city, North "
        "Rhine-Westphalia, West Germany. Two soldiers were injured."
    )
    assert [e.type for e in events_in(opening, published=None)] == ["bombing"]
    recalled = (
        "Police in Bielefeld said on Monday they had arrested a man over a series of pipe bombs that "
        "exploded at army depots last year."
    )
    assert events_in(recalled, published=datetime(1976, 5, 3, 9, 0, tzinfo=UTC)) == []


def test_farmers_who_block_a_highway_to_demand_aid_are_protesters() -> None:
    text = (
        "On 3 May 2016, police fired on farmers who had blocked a national highway to demand seed "
        "subsidies in Mlolongo (Machakos, Kenya). 1 fatality."
    )
    assert [e.type for e in events_in(text, published=None)] == ["protest"]


def test_a_named_council_member_is_a_figure_and_particles_in_names_count() -> None:
    text = (
        "04/02/2004: Assailants opened fire on the car of Salim al-Rubaie, a member of the provincial "
        "council, in Hilla city, Babil governorate, Iraq. He was wounded."
    )
    (event,) = events_in(text, published=None)
    assert (event.type, event.target.type) == ("assassination", "government")
    assert "al-Rubaie" in (event.target.text or "")


def test_place_names_with_am_and_upon() -> None:
    text = (
        "05/11/1981: A bomb exploded outside a bank in Frankfurt am Main city, Hesse, West Germany. "
        "No one was hurt."
    )
    (event,) = events_in(text, published=None)
    assert event.place.city == "Frankfurt am Main"


def test_a_village_head_named_with_his_office_is_a_figure() -> None:
    text = (
        "03/09/2019: Assailants shot and killed Ram Lal Bhagat, the elected head of Dhanpur village, "
        "outside his shop in Dhanpur, Gaya district, Bihar, India."
    )
    (event,) = events_in(text, published=None)
    assert (event.type, event.target.type) == ("assassination", "government")
    # the place word after "of" does not make the person a place; a place described as one still is
    market = (
        "03/09/2019: Assailants opened fire on Gol Bazaar, a market of Dhanpur village, in Dhanpur, "
        "Gaya district, Bihar, India, killing two traders."
    )
    assert [e.type for e in events_in(market, published=None)] == ["shooting"]


def test_a_victim_described_in_apposition_who_was_targeted_for_his_role() -> None:
    text = (
        "07/15/2018: Assailants shot and killed Imran Baig outside his home in Sopore town, Baramulla "
        "district, Jammu and Kashmir, India. The victim, a local organiser of a national party, was "
        "targeted because of his political work."
    )
    (event,) = events_in(text, published=None)
    assert event.type == "assassination"


def test_an_office_named_without_a_name_is_a_figure_unless_it_is_the_source() -> None:
    aimed = (
        "02/11/2010: Assailants shot and killed the mayor of Tarmiyah town outside his office in Tarmiyah, "
        "Baghdad governorate, Iraq."
    )
    (event,) = events_in(aimed, published=None)
    assert (event.type, event.target.type) == ("assassination", "government")
    source = (
        "02/11/2010: A roadside bomb hit a bus near Tarmiyah town, the governor of Baghdad governorate "
        "said. Six passengers were killed."
    )
    assert [e.type for e in events_in(source, published=None)] == ["bombing"]


def test_a_described_member_of_an_assembly_and_a_district_council_member() -> None:
    for description in ("a member of the Legislative Assembly of Meghalaya", "a district council member"):
        text = (
            f"05/03/2016: Assailants ambushed the car of Wanbok Lyngdoh, {description}, near Nongpoh town, "
            "Ri Bhoi district, Meghalaya, India. He was killed."
        )
        (event,) = events_in(text, published=None)
        assert (event.type, event.target.type) == ("assassination", "government"), description


def test_a_named_air_force_is_a_state_and_a_soldier_of_it_acts_alone() -> None:
    strike = (
        "On 9 May 2019, Iraqi Air Force jets struck a farm near Hawija (Kirkuk). Eleven people were killed."
    )
    (event,) = events_in(strike, published=None)
    assert (event.perpetrator.name, event.gtd_attacktype) == ("Iraqi military", None)
    insider = (
        "03/14/2012: An assailant, an Afghan Army sergeant, opened fire on soldiers at a base near Lashkar "
        "Gah city, Helmand province, Afghanistan. Two soldiers were killed."
    )
    (event,) = events_in(insider, published=None)
    assert event.perpetrator.name != "Afghan military"
    assert event.gtd_attacktype == "Armed Assault"


def test_an_abducted_figure_killed_at_once_is_an_assassination() -> None:
    at_once = (
        "09/02/2014: Assailants abducted Hamid Rahimi, the district governor of Andar, from his home in "
        "Ghazni city, Ghazni province, Afghanistan, and shot him dead."
    )
    assert [e.type for e in events_in(at_once, published=None)] == ["assassination"]
    # a hostage killed after days in captivity stays a kidnapping (GTD), and so does one set free
    start = (
        "09/02/2014: Assailants abducted Hamid Rahimi, the district governor of Andar, from his home in "
        "Ghazni city, Ghazni province, Afghanistan."
    )
    for fate in (" His body was found two days later.", " He was released a week later."):
        assert [e.type for e in events_in(start + fate, published=None)] == ["kidnapping"], fate


def test_clashes_after_a_raid_and_clashes_of_protesters() -> None:
    raid = (
        "10/21/2011: Assailants attacked a military outpost in Cukurca town, Hakkari province, Turkey. "
        "Nine soldiers were killed; six assailants were also killed in the clashes that followed."
    )
    assert [e.type for e in events_in(raid, published=None)] == ["shooting"]
    protest = (
        "On 12 June 2015, demonstrators demanding land titles clashed with police in Bardiya. Protesters "
        "armed with sticks attacked the officers; two people were killed."
    )
    assert [e.type for e in events_in(protest, published=None)] == ["riot"]


def test_battle_words_of_event_databases() -> None:
    for text in (
        "On 3 March 2018, Hay'at Tahrir al-Sham fighters attacked positions of Jaish al-Izza near Kafr "
        "Zita (Hama). At least nine fatalities were reported.",
        "On 3 March 2018, the Syrian Democratic Forces launched an offensive against Islamic State fighters "
        "around Hajin (Deir ez-Zor). Fighting during the day left 12 fatalities.",
    ):
        assert [e.type for e in events_in(text, published=None)] == ["armed_clash"], text


def test_a_recovered_cache_is_no_attack_and_shots_at_power_lines_are_sabotage() -> None:
    cache = (
        "06/02/2012: Police recovered a cache of explosives and detonators in a forest in Gadchiroli "
        "district, Maharashtra, India. No attack took place."
    )
    assert events_in(cache, published=None) == []
    lines = (
        "01/12/2014: Assailants opened fire on high-voltage transmission lines near Marib city, Marib "
        "governorate, Yemen, cutting power to the capital. There were no casualties."
    )
    assert [(e.type, e.target.type) for e in events_in(lines, published=None)] == [("sabotage", "utilities")]


def test_the_second_of_two_bombs_with_its_own_toll_is_its_own_incident() -> None:
    text = (
        "05/14/2011: Two explosive devices detonated minutes apart in Jaipur city, Rajasthan, India. The "
        "first device exploded outside a temple, killing six people. The second exploded at a tea stall "
        "in the Johari area, killing four people."
    )
    events = events_in(text, published=None)
    assert [(e.killed.value, e.place.city) for e in events] == [(6, "Jaipur"), (4, "Jaipur")]
    # "a fourth girl was wounded" is one more victim of the same attack, not a fourth attack
    victims = (
        "10/29/2005: Assailants stabbed three women walking to a market near Poso city, Central Sulawesi, "
        "Indonesia. A fourth woman was seriously wounded."
    )
    assert len(events_in(victims, published=None)) == 1


def test_a_capitalised_name_is_no_fiction_cue() -> None:
    text = (
        "04/11/2017: Two assailants on a motorcycle threw acid into the face of Novel Hartono, a street "
        "vendor, near his stall in Bekasi city, West Java province, Indonesia. He was injured."
    )
    assert [e.type for e in events_in(text, published=None)] == ["unarmed_assault"]


def test_the_bomb_outranks_the_rockets_and_guns_outrank_knives() -> None:
    rockets_then_bomb = (
        "02/12/2016: Assailants fired rockets at a United Nations camp in Tessalit town, Kidal region, Mali, "
        "and a vehicle packed with explosives was then driven into the camp and detonated. Three "
        "peacekeepers were killed."
    )
    assert [e.type for e in events_in(rockets_then_bomb, published=None)] == ["bombing"]
    knives_and_guns = (
        "10/09/2016: Assailants armed with knives, slingshots and a few firearms attacked a police post in "
        "Kyein Chaung village, Maungdaw township, Rakhine state, Myanmar. Four officers were killed."
    )
    assert [e.type for e in events_in(knives_and_guns, published=None)] == ["shooting"]


def test_a_kidnapped_person_searched_for_is_no_new_kidnapping() -> None:
    text = (
        "07/10/2007: Assailants ambushed soldiers searching for a kidnapped engineer near Tipo-Tipo town, "
        "Basilan province, Philippines. Six soldiers were killed."
    )
    assert [e.type for e in events_in(text, published=None)] == ["shooting"]


def test_a_second_grenade_later_that_evening_in_the_same_city_is_a_second_incident() -> None:
    text = (
        "10/24/2011: Assailants threw a grenade into a bar in Mombasa city, Mombasa county, Kenya. Nine "
        "people were injured.\n\nLater that evening, a second grenade exploded at a bus stop in Mombasa, "
        "killing one person. No group claimed responsibility for either attack; however, authorities "
        "attributed both to al-Shabaab."
    )
    events = events_in(text, published=None)
    # the bar: injuries only, so none died; the bus stop: one dead
    assert [(e.injured.value, e.killed.value) for e in events] == [(9, 0), (None, 1)]
    assert [e.perpetrator.name for e in events] == ["al-Shabaab", "al-Shabaab"]


def test_the_toll_of_an_event_recalled_is_not_added() -> None:
    text = (
        "03/09/2009: Assailants shot and killed a police constable in Lurgan town, County Armagh, Northern "
        "Ireland, United Kingdom. The killing came two days after gunmen shot dead two soldiers outside a "
        "barracks in Antrim."
    )
    (event,) = events_in(text, published=None)
    assert event.killed.value == 1


def test_a_village_before_a_circle_and_tools_that_destroy_shrines() -> None:
    village = (
        "01/01/2019: Assailants attacked Dialassagou village, Bankass circle, Mopti region, Mali. At least "
        "20 civilians were killed."
    )
    (event,) = events_in(village, published=None)
    assert event.place.city == "Dialassagou"
    shrines = (
        "06/30/2012: Members of Ansar Dine used pickaxes to destroy the tombs of two saints in Gao city, "
        "Gao region, Mali. There were no casualties."
    )
    assert [e.type for e in events_in(shrines, published=None)] == ["sabotage"]


@pytest.mark.parametrize(
    "text",
    [
        "04/03/2016: Assailants shot and killed a barangay chairman outside a market in Isulan "
        "municipality, Sultan Kudarat province, Philippines.",
        "10/15/2017: Assailants shot and killed the imam of a mosque as he walked home in Aden city, Aden "
        "governorate, Yemen.",
        "10/24/2012: An explosive device attached to the car of a member of the Kirkuk provincial council "
        "detonated in Kirkuk city, Kirkuk governorate, Iraq. He was wounded.",
    ],
)
def test_one_holder_of_a_particular_office_is_a_figure(text: str) -> None:
    assert [e.type for e in events_in(text, published=None)] == ["assassination"]


def test_a_mosque_named_for_an_imam_and_a_crowd_of_a_leaders_supporters_are_no_figures() -> None:
    mosque = (
        "06/26/2015: A suicide bomber detonated an explosive device at the Imam Ali mosque in Basra city, "
        "Basra governorate, Iraq. Twelve worshippers were killed."
    )
    assert [e.type for e in events_in(mosque, published=None)] == ["bombing"]
    rally = (
        "03/30/1997: Assailants threw grenades into a crowd of supporters of opposition leader Kem Sokha "
        "outside a market in Phnom Penh city, Cambodia. Nine people were killed."
    )
    assert [e.type for e in events_in(rally, published=None)] == ["bombing"]


def test_police_operations_and_seized_weapons_are_no_attacks() -> None:
    for text in (
        "02/11/2014: Police raided a house in Rawalpindi city, Punjab province, Pakistan, and arrested three "
        "men, seizing two suicide vests and ten kilograms of explosives. No one was hurt.",
        "03/27/2011: Soldiers arrested a suspect at a house in Zamboanga city, Philippines, on kidnapping "
        "charges. A pistol and a grenade were seized.",
    ):
        assert events_in(text, published=None) == [], text


def test_an_embassy_seized_with_hostages_is_a_barricade_and_grievances_are_no_perpetrators() -> None:
    siege = (
        "04/24/1975: Six assailants seized the embassy of West Germany in Stockholm city, Sweden, took 12 "
        "staff members hostage and demanded the release of prisoners."
    )
    (event,) = events_in(siege, published=None)
    assert event.gtd_attacktype == "Hostage Taking (Barricade Incident)"
    grievance = (
        "08/25/1998: An explosive device detonated at a restaurant in Durban city, KwaZulu-Natal province, "
        "South Africa. A caller said it was retaliation for US missile strikes on Sudan."
    )
    (event,) = events_in(grievance, published=None)
    assert event.perpetrator.name != "US military"
    assert event.gtd_attacktype == "Bombing/Explosion"


def test_explosives_thrown_into_a_market_make_a_bombing_but_petrol_bombs_an_arson() -> None:
    thrown = (
        "01/26/2014: Assailants armed with guns and explosives attacked a market in Konduga town, Borno "
        "state, Nigeria, throwing explosives into the crowd. At least 20 people were killed."
    )
    assert [e.type for e in events_in(thrown, published=None)] == ["bombing"]
    petrol = (
        "02/06/2015: Assailants threw petrol bombs at a night bus near Bogra town, Rajshahi division, "
        "Bangladesh. Four passengers were burned to death."
    )
    assert [e.type for e in events_in(petrol, published=None)] == ["arson"]


def test_a_region_two_countries_share_takes_the_story_s_country() -> None:
    text = (
        "10/27/2012: An explosive device detonated beside a patrol near Quetta city, Balochistan province, "
        "Pakistan. Two soldiers were killed. In a separate incident the same day, assailants shot dead "
        "three labourers from Punjab working on a road in Washuk town, Washuk district."
    )
    events = events_in(text, published=None)
    assert [e.place.country_code for e in events] == ["PK", "PK"]


def test_a_blogger_killed_in_his_flat_and_a_village_mukhtar_are_figures() -> None:
    flat = (
        "08/07/2015: Assailants entered the apartment of blogger Rafiq Hasan in Mirpur area of Dhaka city, "
        "Dhaka division, Bangladesh, and hacked him to death."
    )
    assert [e.type for e in events_in(flat, published=None)] == ["assassination"]
    mukhtar = (
        "07/03/2019: Assailants stormed the house of the mukhtar of a village near Tuz Khurmatu town, "
        "Salah ad Din governorate, Iraq, and shot him dead."
    )
    (event,) = events_in(mukhtar, published=None)
    assert (event.type, event.target.type) == ("assassination", "government")


def test_cut_throats_poisoned_victims_and_records_that_say_no_attack_took_place() -> None:
    throats = (
        "04/04/1995: Assailants set up a false roadblock near Medea city, Medea province, Algeria, and killed "
        "seven travellers, cutting the throats of some of them."
    )
    assert [e.type for e in events_in(throats, published=None)] == ["stabbing"]
    poisoned = (
        "11/01/2006: A former intelligence officer was poisoned with a radioactive substance during a meeting "
        "in a hotel in London city, England, United Kingdom. He died three weeks later."
    )
    assert [e.type for e in events_in(poisoned, published=None)] == ["unarmed_assault"]
    nothing = (
        "03/10/1993: Police arrested two men carrying explosives at a checkpoint in Newry town, County Down, "
        "Northern Ireland, United Kingdom. The explosives were meant for a bombing. No attack took place."
    )
    assert events_in(nothing, published=None) == []


def test_a_second_device_splits_a_record_only_when_the_first_had_its_own_toll() -> None:
    text = (
        "01/16/1997: Two explosive devices detonated an hour apart at a clinic in Sandy Springs city, "
        "Georgia, United States. The second device, hidden near the parking lot, injured seven people."
    )
    assert len(events_in(text, published=None)) == 1


@pytest.mark.parametrize(
    ("text", "perpetrator", "claimed"),
    [
        (
            "09/12/2015: An explosive device detonated as a military vehicle passed in Yuksekova district, "
            "Hakkari province, Turkey. Two soldiers were killed. The Kurdistan Workers' Party (PKK) was held "
            "responsible by the authorities.",
            "Kurdistan Workers' Party",
            False,
        ),
        (
            "07/14/1980: Assailants fired on police guarding a bank in Izmir city, Izmir province, Turkey. Two "
            "officers were killed. Leaflets left at the scene bore the name of Devrimci Sol.",
            "Revolutionary People's Liberation Party/Front",
            True,
        ),
        (
            "10/14/1977: Assailants set fire to a department store in Essen city, North Rhine-Westphalia, West "
            "Germany. A note left at the scene was signed by the Revolutionary Cells.",
            "Revolutionary Cells",
            True,
        ),
    ],
)
def test_responsibility_told_as_held_responsible_or_by_a_signature(
    text: str, perpetrator: str, claimed: bool
) -> None:
    (event,) = events_in(text, published=None)
    assert (event.perpetrator.name, event.perpetrator.status == "claimed") == (perpetrator, claimed)


def test_explosive_charges_hostages_taken_and_devices_made_safe() -> None:
    pylons = (
        "06/07/1986: Explosive charges brought down two electricity pylons outside Valparaiso city, "
        "Valparaiso region, Chile. No casualties were reported."
    )
    assert [e.type for e in events_in(pylons, published=None)] == ["bombing"]
    consulate = (
        "12/04/1975: Seven gunmen seized the consulate of Indonesia in Rotterdam city, South Holland "
        "province, Netherlands, taking more than 40 people hostage."
    )
    (event,) = events_in(consulate, published=None)
    assert (event.type, event.gtd_attacktype) == ("kidnapping", "Hostage Taking (Barricade Incident)")
    made_safe = (
        "07/20/2016: Police detected and removed an explosive device left near a school in Batman city, "
        "Batman province, Turkey. The device was made safe in a controlled explosion."
    )
    assert events_in(made_safe, published=None) == []


def test_a_dated_record_keeps_its_own_date_when_the_hostages_die_later() -> None:
    text = (
        "10/30/2015: Assailants abducted three contractors working on a well in Afgooye town, Lower "
        "Shabelle region, Somalia. The hostages were killed on 11/02/2015."
    )
    (event,) = events_in(text, published=None)
    assert event.date.value == date(2015, 10, 30)


def test_beatings_sieges_and_captives_driven_away() -> None:
    beaten = (
        "08/16/2012: Several youths beat and kicked a 17-year-old shop assistant in a square in Haifa city, "
        "Haifa district, Israel, leaving him critically injured."
    )
    assert [e.type for e in events_in(beaten, published=None)] == ["unarmed_assault"]
    campus = (
        "06/07/2014: Assailants stormed a college campus in Fallujah city, Al Anbar governorate, Iraq, and "
        "held hundreds of students inside the buildings for several hours."
    )
    (event,) = events_in(campus, published=None)
    assert event.gtd_attacktype == "Hostage Taking (Barricade Incident)"
    driven = (
        "04/12/2019: Assailants ambushed a car carrying two engineers in Wajir town, Wajir county, Kenya, "
        "shot dead their driver and took them across the border into Somalia."
    )
    assert [e.type for e in events_in(driven, published=None)] == ["kidnapping"]


def test_the_police_manning_a_checkpoint_are_the_target_not_the_attacker() -> None:
    text = (
        "04/14/2011: Assailants opened fire on a checkpoint manned by Iraqi police at the entrance of "
        "Tuz Khurmatu town, Salah ad Din governorate, Iraq. Two officers were killed."
    )
    (event,) = events_in(text, published=None)
    assert (event.perpetrator.name, event.gtd_attacktype) == (None, "Armed Assault")


def test_vandalism_in_a_raid_and_a_device_made_from_a_mortar_round() -> None:
    temples = (
        "10/30/2016: Assailants vandalized and set fire to several temples in Madhabpur upazila, Habiganj "
        "district, Sylhet division, Bangladesh. No deaths were reported."
    )
    assert [e.type for e in events_in(temples, published=None)] == ["arson"]
    defused = (
        "07/22/2014: Police defused an explosive device found in a bag near the port in Jolo town, Sulu "
        "province, Philippines. The device, made from a mortar round and a phone, did not go off."
    )
    assert events_in(defused, published=None) == []


def test_a_dated_record_that_tells_no_injuries_records_none() -> None:
    record = (
        "03/09/2011: Assailants shot and killed a shopkeeper in Kandahar city, Kandahar province, "
        "Afghanistan. No group claimed responsibility for the incident."
    )
    (event,) = events_in(record, published=None)
    assert (event.killed.value, event.injured.value) == (1, 0)
    kidnapping = (
        "03/09/2011: Assailants abducted two engineers in Kandahar city, Kandahar province, Afghanistan."
    )
    (event,) = events_in(kidnapping, published=None)
    assert (event.killed.value, event.injured.value) == (0, 0)
    # a news story that names no injuries leaves them unknown
    story = "Gunmen shot dead a shopkeeper in Kandahar on Monday, police said."
    (event,) = events_in(story)
    assert (event.killed.value, event.injured.value) == (1, None)


def test_kneecapping_a_figure_is_no_assassination() -> None:
    text = (
        "06/01/1977: Assailants shot and wounded Marco Ferri, deputy editor of the newspaper La Gazzetta, "
        "in the legs outside the newspaper's offices in Turin city, Piedmont region, Italy."
    )
    assert [e.type for e in events_in(text, published=None)] == ["shooting"]


def test_a_village_the_gazetteer_places_elsewhere_stays_in_the_named_country() -> None:
    text = (
        "02/09/2014: Assailants stormed a village in Hama governorate, Syria, and opened fire on residents. "
        "At least 15 civilians were killed in the village of Maan."
    )
    (event,) = events_in(text, published=None)
    assert event.place.country_code == "SY"


def test_a_barricaded_bus_poisoned_water_and_a_device_found_and_defused() -> None:
    bus = (
        "12/05/2007: An assailant armed with a grenade took control of a school bus in Cebu city, Cebu "
        "province, Philippines, and barricaded himself on the bus for ten hours before surrendering."
    )
    (event,) = events_in(bus, published=None)
    assert event.gtd_attacktype == "Hostage Taking (Barricade Incident)"
    water = (
        "04/17/2012: Assailants contaminated the drinking water at a girls' school in Taluqan city, Takhar "
        "province, Afghanistan. About 100 students fell ill."
    )
    assert [e.type for e in events_in(water, published=None)] == ["unarmed_assault"]
    defused = (
        "05/19/2004: Police found an explosive device attached to a gas main in Nalchik city, "
        "Kabardino-Balkaria Republic, Russia, and defused it before it could detonate."
    )
    assert events_in(defused, published=None) == []


@pytest.mark.parametrize(
    "text",
    [
        "10/14/2014: Assailants fired on a vehicle transporting a district administrator in Maarrat "
        "al-Numan city, Idlib governorate, Syria. The official and his driver were killed.",
        "08/29/2009: Assailants shot and killed a Muslim village headman in Raman district, Yala province, "
        "Thailand.",
        "06/16/2010: Assailants shot and killed a local politician in Bogra city, Rajshahi division, "
        "Bangladesh.",
        "06/04/2013: Assailants shot and killed Farid Ahmad, a newly elected member of the Khyber "
        "Pakhtunkhwa provincial assembly from the Awami National Party (ANP), while he was travelling in "
        "Kohat city, Kohat district, Khyber Pakhtunkhwa province, Pakistan.",
    ],
)
def test_more_offices_and_longer_descriptions_name_a_figure(text: str) -> None:
    assert [e.type for e in events_in(text, published=None)] == ["assassination"]


def test_an_arcade_bomb_a_defused_device_with_no_explosion_and_a_peaceful_protest() -> None:
    arcade = (
        "08/31/1999: An explosive device detonated in a video game arcade in Kazan city, Tatarstan "
        "Republic, Russia. One person was killed."
    )
    assert [e.type for e in events_in(arcade, published=None)] == ["bombing"]
    defused = (
        "05/26/2011: Police defused an explosive device found near a school in Srinagar city, Jammu and "
        "Kashmir, India. No explosion occurred."
    )
    assert events_in(defused, published=None) == []
    protest = (
        "On 6 June 2018, residents of Sentani demonstrated peacefully against the killing of a local youth "
        "by police, demanding an investigation."
    )
    assert [e.type for e in events_in(protest, published=None)] == ["protest"]


def test_the_toll_of_a_clash_recalled_is_not_this_attack_s() -> None:
    text = (
        "04/14/2016: An improvised explosive device detonated as an army truck passed in Sumisip "
        "municipality, Basilan province, Philippines. One soldier was killed. This attack came five days "
        "after a clash in the same municipality in which 18 soldiers were killed."
    )
    (event,) = events_in(text, published=None)
    assert event.killed.value == 1


@pytest.mark.parametrize(
    "text",
    [
        "08/19/2016: Assailants shot and killed a local journalist outside his home in Kunduz city, Kunduz "
        "province, Afghanistan.",
        "05/02/1990: Assailants shot dead a mayoral candidate during a rally in Cali city, Valle del Cauca "
        "department, Colombia.",
        "05/20/2019: Assailants shot and wounded a tribal elder in Chaman town, Balochistan province, "
        "Pakistan.",
        "04/22/2008: Assailants stormed the home of a village council member in Baqubah city, Diyala "
        "governorate, Iraq, and shot him dead.",
    ],
)
def test_journalists_elders_candidates_and_council_members_are_figures(text: str) -> None:
    assert [e.type for e in events_in(text, published=None)] == ["assassination"]


def test_vehicles_hijacked_or_taken_over_are_hijackings() -> None:
    for text in (
        "10/02/2017: Assailants hijacked a truck carrying food aid near Baidoa town, Bay region, Somalia, "
        "and held the driver for several hours.",
        "11/25/2005: Assailants stopped a bus near Zaria city, Kaduna state, Nigeria, and took control of "
        "the vehicle, ordering the driver into the bush.",
    ):
        (event,) = events_in(text, published=None)
        assert (event.type, event.gtd_attacktype) == ("kidnapping", "Hijacking"), text
