"""Casualty counts: numerals, number words, qualifiers, ranges, vague words, attackers apart."""

from __future__ import annotations

import pytest

from newsdesk.understand.casualties import combine, find_casualties, number_value, parse_count


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
