"""Casualty counts: numerals, number words, qualifiers, ranges, vague words, attackers apart."""

from __future__ import annotations

import pytest

from newsdesk.understand.casualties import combine, event_tolls, find_casualties, number_value, parse_count


def readings(text: str) -> list[tuple[str, int, bool]]:
    return [(m.kind, m.count.value, m.attackers) for m in find_casualties(text)]


@pytest.mark.parametrize(
    ("phrase", "value", "low", "high", "qualifier"),
    [
        ("7", 7, 7, 7, "exact"),
        ("1,250", 1250, 1250, 1250, "exact"),
        ("seventeen", 17, 17, 17, "exact"),
        ("forty-two", 42, 42, 42, "exact"),
        ("two hundred and six", 206, 206, 206, "exact"),
        ("at least 9", 9, 9, 9, "at_least"),
        ("more than 30", 30, 30, 30, "at_least"),
        ("nearly 60", 60, 60, 60, "about"),
        ("up to 15", 15, 15, 15, "at_most"),
        ("between 8 and 11", 8, 8, 11, "range"),
        ("20 to 25", 20, 20, 25, "range"),
        ("dozens", 12, 12, 12, "at_least"),
        ("hundreds", 100, 100, 100, "at_least"),
    ],
)
def test_count_phrases(phrase: str, value: int, low: int, high: int, qualifier: str) -> None:
    count = parse_count(phrase)
    assert count is not None
    assert (count.value, count.low, count.high, count.qualifier) == (value, low, high, qualifier)


def test_numbers_beyond_reason_are_not_believed() -> None:
    assert parse_count("4,000,000") is None
    assert find_casualties("The rebels said they had killed 1,000,000 soldiers.") == []


def test_vague_words_give_no_count() -> None:
    assert find_casualties("Several villagers were wounded in the raid.") == []
    assert number_value("several") is None


def test_passive_and_active_voice() -> None:
    assert readings("Nine farmers were killed and 14 others were wounded.") == [
        ("killed", 9, False),
        ("injured", 14, False),
    ]
    assert readings("The blast killed 31 people and injured 70 near the port.") == [
        ("killed", 31, False),
        ("injured", 70, False),
    ]


def test_a_number_before_killed_without_auxiliary_is_the_killer() -> None:
    # "a man ... killed 5" must not read "a man killed" as one death.
    assert readings("A man carrying a shotgun killed 5 shoppers.") == [("killed", 5, False)]


def test_conjoined_victims_are_added() -> None:
    assert readings("Three guards and a cook were killed.") == [("killed", 4, False)]
    assert readings("The strike killed 8 civilians and 3 medics, officials said.") == [("killed", 11, False)]


def test_attackers_are_counted_apart() -> None:
    assert readings("Fifteen people, including the bomber, were killed.") == [
        ("killed", 14, False),
        ("killed", 1, True),
    ]
    assert readings("At least 6 people, in addition to the gunman, were killed.") == [
        ("killed", 6, False),
        ("killed", 1, True),
    ]
    assert readings("Four hostages and two kidnappers were killed in the rescue.") == [
        ("killed", 4, False),
        ("killed", 2, True),
    ]
    assert readings("The bomber was killed instantly.") == [("killed", 1, True)]


def test_left_dead_and_toll_updates() -> None:
    assert readings("The ambush left two rangers dead and five wounded.") == [
        ("killed", 2, False),
        ("injured", 5, False),
    ]
    found = find_casualties("The death toll from the ferry attack has risen to 44.")
    assert [(m.kind, m.count.value) for m in found] == [("killed", 44)]


def test_no_casualties() -> None:
    # nobody hurt: nobody died either (the coding rule "no one was hurt" -> killed 0)
    assert sorted(readings("Nobody was hurt in the blast.")) == [("injured", 0, False), ("killed", 0, False)]
    assert sorted(readings("There were no casualties.")) == [("injured", 0, False), ("killed", 0, False)]


def test_ages_are_not_counts() -> None:
    assert readings("A 19-year-old student was killed.") == [("killed", 1, False)]


def test_offsets_point_into_the_text() -> None:
    text = "Earlier today two officers were killed."
    (mention,) = find_casualties(text[6:], offset=6)
    assert text[mention.start : mention.end] == mention.text == "two officers were killed"


def test_combine_keeps_the_largest_report() -> None:
    mentions = find_casualties("Four people were killed. Later officials said 11 people were killed.")
    assert combine(mentions).value == 11


def test_asides_between_count_and_verb_are_skipped() -> None:
    assert readings("Eleven pilgrims, most of them elderly, and a driver were killed.") == [
        ("killed", 12, False)
    ]
    assert readings("A nurse, Amal Haddad, who was treating the wounded, was struck and killed.") == [
        ("killed", 1, False)
    ]
    assert readings("About 40 hostages, including nine children, and six kidnappers were killed.") == [
        ("killed", 40, False),
        ("killed", 6, True),
    ]


def test_relative_clause_that_holds_the_toll_is_kept() -> None:
    assert readings("The blast hit a bus depot in Kano, which killed 17 people, most of them traders.") == [
        ("killed", 17, False)
    ]


def test_more_victims_are_marked_additional() -> None:
    (first, second) = find_casualties("He stabbed a guard to death, then killed two more people inside.")
    assert not first.additional and second.additional


def test_comma_lists_of_victims_and_attackers() -> None:
    assert readings("Three guards, two drivers, a cook and four attackers were killed.") == [
        ("killed", 6, False),
        ("killed", 4, True),
    ]


def test_compound_number_words_never_swallow_an_article() -> None:
    count = parse_count("Four")
    assert count is not None and count.value == 4
    assert readings("Four a.m. patrols were cancelled; Four soldiers were killed.") == [("killed", 4, False)]


def test_including_after_the_verb() -> None:
    assert readings("Eight people were killed, including three gunmen, in the raid.") == [
        ("killed", 5, False),
        ("killed", 3, True),
    ]
    assert readings("Four people were killed, in addition to the bomber.") == [
        ("killed", 4, False),
        ("killed", 1, True),
    ]


# ---------------------------------------------------------------- phrasing families (own wording)


def tolls(text: str, *, combatant_toll: bool = False) -> tuple[int | None, int | None, int | None]:
    found = event_tolls(find_casualties(text), combatant_toll=combatant_toll)
    attackers = found.attackers_killed.value if found.attackers_killed else None
    return found.killed.value, found.injured.value, attackers


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Judge Ana Ruiz and 21 others were killed when the car bomb went off.", 22),
        ("A police officer and three civilians died in the ambush.", 4),
        ("Twelve soldiers and three civilians were killed at the checkpoint.", 15),
        ("The shelling killed a woman and her two children.", 3),
        ("A family of five was killed when the shell hit their house.", 5),
        ("The militia killed a family of six in the raid.", 6),
        ("The attack killed three teachers, two pupils and a guard.", 6),
        ("Gunmen shot and killed journalist Maria Ortega outside her home.", 1),
        ("The raiders killed six aid workers, their local guide and their driver.", 8),
        ("He shot dead a man walking his dog in the park and then a cyclist.", 2),
        ("Seven people, two Britons, an Italian and four Kenyans, were killed.", 7),
    ],
)
def test_victims_named_with_and_without_numbers_add_up(text: str, killed: int) -> None:
    assert tolls(text)[0] == killed


def test_places_between_victims_are_not_victims() -> None:
    assert tolls("A gunman killed four people at a bakery and a petrol station.")[0] == 4
    assert tolls("A rocket killed two men near the mosque and the market.")[0] == 2


def test_a_vague_part_leaves_the_total_unknown() -> None:
    assert tolls("The blast killed the driver and several passengers.")[0] is None


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Fatalities: 4.", 4),
        ("Clashes between the two militias resulted in 4 fatalities.", 4),
        ("The car bomb left 17 dead and dozens wounded.", 17),
        ("The bombing claimed 23 lives in the old city.", 23),
        ("The death toll stands at 41, the ministry said.", 41),
        ("Eleven bodies were found in the village after the raid.", 11),
        ("Villagers found the bodies of six farmers near the road.", 6),
        ("Car bomb: 9 killed, 30 wounded in the capital.", 9),
        ("The attack killed 14 (including two children) and wounded 20.", 14),
        ("Two people were killed. A third victim died later in hospital.", 3),
        ("Four people were killed; two more died later in hospital.", 6),
    ],
)
def test_toll_forms(text: str, killed: int) -> None:
    assert tolls(text)[0] == killed


def test_one_killed_and_others_injured() -> None:
    assert tolls("One soldier was killed and two others injured.")[:2] == (1, 2)
    assert tolls("Two policemen were killed and another was wounded.")[:2] == (2, 1)
    assert tolls("He stabbed two guards to death and wounded a third.")[:2] == (2, 1)


@pytest.mark.parametrize(
    "text",
    [
        "Four people were hurt in the explosion.",
        "Four commuters sustained injuries in the blast.",
        "Four people were hospitalised after the attack.",
        "Four shoppers were taken to hospital with burns.",
    ],
)
def test_wounded_phrasings(text: str) -> None:
    assert tolls(text)[1] == 4


def test_wounds_told_of_survivors() -> None:
    assert tolls("Eight other children survived, three of them with gunshot wounds.")[1] == 3


def test_injuries_alone_mean_no_one_died() -> None:
    assert tolls("Thirty-one people were injured when the device exploded.") == (0, 31, None)
    assert tolls("No hostage was hurt.")[:2] == (0, 0)
    assert tolls("No one was killed apart from the attacker.")[0] == 0


def test_the_attacker_is_not_among_the_victims() -> None:
    assert tolls("Eleven people, including the suicide bomber, died in the blast.") == (10, None, 1)
    assert tolls("Twelve people, including the two assailants, were killed.") == (10, None, 2)
    assert tolls("The bomber and two guards were killed.") == (2, None, 1)
    # only the bomber died
    assert tolls("The blast killed the man who had planted the device.") == (0, None, 1)
    assert tolls("The bomber was killed and 15 people were injured.") == (0, 15, 1)


def test_whom_the_police_kill_are_the_attackers() -> None:
    assert tolls("Police shot dead three of the attackers.")[2] == 3
    assert tolls("Twenty-nine people were killed. Police shot dead four of the assailants.") == (29, None, 4)
    assert tolls("Officers on patrol shot him dead within a minute.")[2] == 1
    assert tolls("The gunman killed nine people before shooting himself.") == (9, None, 1)
    # ... but demonstrators shot by troops are victims
    assert tolls("Soldiers shot dead 12 protesters in the square.")[0] == 12


def test_named_victims() -> None:
    assert tolls("Governor Ali Khan died of his wounds in hospital.")[0] == 1
    assert tolls("Roy was killed and his wife was injured.")[:2] == (1, 1)
    assert tolls("Bhutto and at least 20 other people were killed.")[0] == 21


@pytest.mark.parametrize(
    "text",
    [
        "Residents aged between nine and 11 were evacuated from the school.",
        "More than 1,000 civilians had been sheltering in the theatre.",
        "The gunmen took 170 hostages at the school.",
        "Gunmen abducted 110 students from their dormitory.",
        "Insurgents fired at least 14 rockets at the base.",
        "Hundreds of thousands of people marched through the capital.",
        "The victims included two police officers and a nurse.",
        "Palestinians in the camp said the strike hit a school.",
    ],
)
def test_numbers_that_are_not_casualties(text: str) -> None:
    assert find_casualties(text) == []


def test_shares_and_superseded_figures_are_not_totals() -> None:
    assert tolls("Eight people were hurt; four of them were taken to hospital.")[1] == 8
    assert find_casualties("Two of the injured are in critical condition.") == []
    assert tolls("Officials had earlier put the toll at 9. The toll now stands at 7.")[0] == 7


def test_wounded_who_die_later_are_added() -> None:
    assert tolls("Five people were killed and 20 injured. Two of the wounded later died in hospital.")[0] == 7
    assert tolls("The number of people killed rose to 30.")[0] == 30


def test_deaths_caused_and_reported() -> None:
    assert tolls("The explosion caused the deaths of three children.")[0] == 3
    assert tolls("Two people were reported killed.")[0] == 2
    assert tolls("The attack killed one and wounded two.")[:2] == (1, 2)


def test_hurt_feelings_and_economies_are_no_toll() -> None:
    assert find_casualties("Tariffs are hurting the country's steel industry.") == []
    assert find_casualties("I was very hurt that nobody called me.") == []
    assert tolls("The riot hurt 14 people.")[1] == 14


def test_a_place_count_is_not_the_victims() -> None:
    assert tolls("At least 80 protesters in 12 cities have been killed, the group said.")[0] == 80
    assert tolls("The crash killed a total of 157 people.")[0] == 157


def test_victims_named_in_an_apposition() -> None:
    assert tolls("The victims, a nurse and her brother, were killed.")[0] == 2
    assert tolls("The victim, identified as a local trader, was killed.")[0] == 1
    assert tolls("The four victims, all farmers, were killed.")[0] == 4


def test_a_toll_shared_by_several_attacks() -> None:
    # one act with its own toll takes no share of the joint one
    own = (
        "A bomber blew herself up on a tram, killing 12 people. More than 80 were injured in the two attacks."
    )
    assert tolls(own)[:2] == (12, None)
    # several blasts told with one toll: that toll is the event's
    joint = "Two bombs went off outside the arena, killing 20 people and injuring 90 in the twin blasts."
    assert tolls(joint)[:2] == (20, 90)


def test_deaths_without_a_number_leave_killed_unknown() -> None:
    # "several" is no number, and it is not zero either: injuries alone would have meant killed 0
    assert tolls("Several people were killed and dozens injured.")[:2] == (None, 12)
    assert tolls("The blast killed several passengers and wounded 30.")[:2] == (None, 30)
    assert tolls("Casualties are unknown. Twenty people were wounded.")[:2] == (None, 20)
    # ... while a count read elsewhere still stands
    assert tolls("The attack killed 5 people; several others were wounded.")[:2] == (5, None)


def test_a_second_person_named_by_a_bare_noun() -> None:
    assert tolls("Her husband and son were killed.")[0] == 2
    assert tolls("The gunman killed his wife and daughter.")[0] == 2
    assert tolls("The gunman killed his wife and fled.")[0] == 1
    assert tolls("Up to 40 people may have died.")[0] == 40


def test_attackers_inside_an_active_toll() -> None:
    assert tolls("The blast killed 12 people, including the bomber.") == (11, None, 1)
    assert tolls("The attack killed 9 people besides the gunman.") == (9, None, 1)
    assert tolls("The raid killed 8 people, including two children.") == (8, None, None)
    assert tolls("The blast killed 12 people. The bomber was among the dead.") == (11, None, 1)
    assert tolls("Twelve people died, and both attackers were among the dead.") == (10, None, 2)


def test_revised_tolls_replace_earlier_ones() -> None:
    assert (
        tolls("Initially 103 people were reported killed. The death toll was later revised down to 84.")[0]
        == 84
    )
    assert tolls("Officials said 30 people died. The toll was later lowered to 26.")[0] == 26
    assert tolls("A bomb killed 9 people. Three more bodies were found, bringing the toll to 15.")[0] == 15
    assert tolls("A previously unknown group killed 5 people.")[0] == 5


def test_an_ordinal_explosion_is_no_toll() -> None:
    assert tolls("A car bomb killed 6 people. A second explosion killed four more people.")[0] == 10
    assert tolls("Two people were killed. A third person has since died.")[0] == 3


def test_murder_then_suicide() -> None:
    assert tolls("A man shot his wife and then himself.") == (1, None, 1)
    spree = "A gunman killed five people at a market. At home he shot his brother and then himself."
    assert tolls(spree) == (6, None, 1)


def test_qualified_counts_and_possessives_in_objects() -> None:
    assert tolls("The blast killed an estimated 30 people.")[0] == 30
    assert tolls("Attackers killed a minimum of 8 people.")[0] == 8
    assert tolls("Gunmen killed a dozen villagers.")[0] == 12
    assert tolls("The assailants killed Mayor Jon Berg's bodyguard.")[0] == 1
    assert tolls("The bomb killed the governor's driver and two guards.")[0] == 3


def test_lists_that_begin_before_the_count_read_by_the_verb() -> None:
    assert tolls("Six diners, a waiter and all three gunmen were killed.") == (7, None, 3)
    # the subject of the next clause is no victim
    assert tolls("The raid killed 17 guards, and the ministry said 25 raiders were killed.") == (17, None, 25)


def test_wounds_and_fatal_stabbings() -> None:
    assert tolls("Two others sustained gunshot wounds.")[1] == 2
    # GTD counts the wounded who survived
    assert tolls("Four people were stabbed, one fatally, outside a bar.")[:2] == (1, 3)
    assert tolls("At least 30 people, including the two suicide bombers, were killed.") == (28, None, 2)


def test_bombers_killed_by_their_own_device() -> None:
    text = "The bomb went off early, killing the three men transporting it. No one else was hurt."
    assert tolls(text) == (0, 0, 3)


def test_second_unseen_batch_families() -> None:
    assert tolls("The shooter killed two guards before turning the rifle on himself.") == (2, None, 1)
    assert tolls("The number of people wounded in the attack rose to 41.")[:2] == (0, 41)
    assert tolls("Three monks were killed; a fourth, the abbot, escaped with minor injuries.")[:2] == (3, 1)
    assert tolls("The blast killed one man — the bomber — and hurt three guards.") == (0, 3, 1)
    assert tolls("He stabbed a cyclist to death and injured a nurse before being shot dead.") == (1, 1, 1)


def test_people_named_with_ages_and_titles() -> None:
    assert tolls("Lena Vogt, 34, and her son Paul, 9, died at the scene.")[0] == 2
    assert tolls("PC Tom Reeve, 48, was stabbed to death.")[0] == 1
    assert tolls("Dr. Ann Reyes was killed.")[0] == 1
    assert tolls("Gunmen killed Sgt. Omar Diallo and two other soldiers.")[0] == 3
    assert tolls("Reyes was killed in the ambush.")[0] == 1
    assert find_casualties("Civilians died.") == []
    assert tolls("The two officers were treated for minor injuries.")[1] == 2


def test_acled_style_notes() -> None:
    assert tolls("Fatalities coded as 10 (conservative estimate of 'dozens').")[0] == 10
    claim = "The rebels claimed to have killed 40 soldiers, while the army said 6 soldiers died. Fatalities coded as 6."
    assert tolls(claim)[0] == 6
    assert tolls("A suspected thief was lynched by a crowd.")[0] == 1
    assert tolls("At least 15 people were killed, including three gunmen who were shot dead by police.") == (
        12,
        None,
        3,
    )


def test_a_clash_counts_both_sides_of_one_phrase() -> None:
    assert tolls("Two soldiers and three militants were killed in the clash.", combatant_toll=True)[0] == 5
    assert tolls("The fighting killed 5 soldiers and 12 rebels.", combatant_toll=True)[0] == 17
    # outside a clash the militants are attackers
    assert tolls("Two soldiers and three militants were killed in the attack.") == (2, None, 3)


def test_a_clash_adds_the_tolls_of_both_sides() -> None:
    both = "Four soldiers were killed. The army said 12 militants were also killed."
    assert tolls(both, combatant_toll=True)[0] == 16
    # a toll of "people" may already hold both sides
    total = "Twenty people were killed in the clashes. The army said 12 militants were killed."
    assert tolls(total, combatant_toll=True)[0] == 20
    assert tolls("An air strike killed 20 people, including 5 militants.", combatant_toll=True)[0] == 20


def test_a_man_who_stabs_is_no_victim() -> None:
    assert tolls("A man stabbed two passengers on a tram before being overpowered.") == (0, 2, None)


def test_wire_story_phrasings() -> None:
    assert tolls("The ministry said 19 people had died, revising down an earlier figure of 23.")[0] == 19
    assert tolls("Two gunmen had killed 5 people.") == (5, None, None)
    assert tolls("None of the passengers was harmed.")[:2] == (0, 0)
    assert tolls("Three people were treated for stab wounds.")[1] == 3
    assert tolls("The bomber, who wore a vest, died in the blast along with nine others.") == (9, None, 1)
    assert tolls("A guard died along with two visitors.")[0] == 3


def test_shot_in_the_head_is_wounded_unless_a_death_follows() -> None:
    text = "A gunman shot 16-year-old student Ada Kerr in the head. Two other pupils were also injured."
    assert tolls(text)[:2] == (0, 3)
    assert tolls("He shot the officer in the chest, killing him.")[:2] == (1, None)
    assert tolls("Gunmen killed 62-year-old farmer Ali Musa.")[0] == 1


def test_untold_deaths_keep_their_evidence() -> None:
    text = "Several people were killed and dozens injured."
    killed = event_tolls(find_casualties(text), combatant_toll=False).killed
    assert killed.value is None and killed.evidence is not None
    assert (
        text[killed.evidence.start : killed.evidence.end]
        == killed.evidence.text
        == "Several people were killed"
    )


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # two different people, each told in a sentence of its own
        ("A man stabbed a shopkeeper to death in his store. He then killed the courier at the door.", 2),
        ("A guard was shot dead at the gate. Inside, the gunman killed a nurse.", 2),
        # the same person told twice: a word part, a group of one role, or a word for anyone
        ("A policewoman was shot dead at the gate. The woman was 31.", 1),
        ("A policeman was killed at the gate. The officer died before help came.", 1),
        ("A nurse was killed in the attack. The victim had worked there for ten years.", 1),
        # a total beside single deaths is the figure
        ("Two people were killed. A guard was shot dead at the gate.", 2),
    ],
)
def test_single_victims_told_apart_add_up_unless_restated(text: str, killed: int) -> None:
    assert tolls(text)[0] == killed


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The councillor, Romeo Dalisay, was killed.", "killed"),
        ("Police said the driver, Tariq Aziz Mirza, was injured.", "injured"),
    ],
)
def test_a_name_in_apposition_does_not_hide_the_toll(text: str, kind: str) -> None:
    assert [(m.kind, m.count.value) for m in find_casualties(text)] == [(kind, 1)]


@pytest.mark.parametrize(
    ("text", "kind", "count"),
    [
        ("Beckmann and his driver were killed.", "killed", 2),
        ("Police said Haidari and his two sons were wounded.", "injured", 3),
        ("Forty schoolgirls were poisoned.", "injured", 40),
    ],
)
def test_a_named_person_with_kin_and_poisoning_tolls(text: str, kind: str, count: int) -> None:
    assert [(m.kind, m.count.value) for m in find_casualties(text)] == [(kind, count)]


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("The blast targeted Karim Sadiq, the district governor, who was killed along with his driver.", 2),
        ("The bomb was aimed at Rahim Gul, a judge, who was killed.", 1),
        ("A boy who sold tea outside the gate and a woman waiting at the bus stop were killed.", 2),
    ],
)
def test_relative_clauses_keep_the_toll(text: str, killed: int) -> None:
    assert [(m.kind, m.count.value) for m in find_casualties(text) if m.kind == "killed"] == [
        ("killed", killed)
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a description of the named victim is who he was, not more victims
        ("Gunmen shot dead Lena Moric, a poet and teacher, near her home.", [("killed", 1, False)]),
        (
            "Assailants shot and killed Juan Perez, a member of the city council for the Green party, and "
            "his driver after a meeting.",
            [("killed", 2, False)],
        ),
        (
            "Assailants killed Ali Haidari, a farmer, and two of his sons in the field.",
            [("killed", 3, False)],
        ),
        # the named one beside the victim, and a long apposition before the verb
        ("Ortiz and his bodyguard, Mateo Ruiz Lopez, were killed.", [("killed", 2, False)]),
        (
            "The constable, a 31-year-old father of two who had joined the force in the spring, was killed.",
            [("killed", 1, False)],
        ),
        # hurt, then died: one dead
        ("The guard was badly hurt and died in hospital a week later.", [("killed", 1, False)]),
        # "Two masked men shot dead X": the number is the killers, who did not die
        ("Two masked gunmen shot dead Pavel Orlov outside his flat.", [("killed", 1, False)]),
    ],
)
def test_named_victims_with_descriptions(sentence: str, expected: list[tuple[str, int, bool]]) -> None:
    assert readings(sentence) == expected


@pytest.mark.parametrize(
    ("text", "killed", "attackers"),
    [
        ("Two of the hostages were later found shot dead.", 2, None),
        ("Four members of the crew, a pilot, a mechanic and two guards, were killed.", 4, None),
        ("Okafor, his nephew and his driver were killed.", 3, None),
        (
            "Gunmen shot and killed Ayse Demir, a prominent lawyer, along with her clerk and a client.",
            3,
            None,
        ),
        ("The attackers raided the hamlet, hacking nine farmers to death.", 9, None),
        ("The bodies of the two engineers and their interpreter were found on June 5.", 3, None),
        ("His guard was killed. The judge's body was found two days later.", 2, None),
        ("Eleven people were killed: six police officers, two guards and three of the gunmen.", 8, 3),
    ],
)
def test_tolls_told_in_parts(text: str, killed: int, attackers: int | None) -> None:
    tolls = event_tolls(find_casualties(text), combatant_toll=False)
    attackers_killed = tolls.attackers_killed.value if tolls.attackers_killed is not None else None
    assert (tolls.killed.value, attackers_killed) == (killed, attackers)
