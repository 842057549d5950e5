"""Killed and injured counts, with their qualifiers, read from report sentences.

A count is a numeral ("12", "1,200"), number words ("twenty-three", "a hundred"), a vague
quantity read conservatively as ACLED does ("dozens" → 12, "hundreds" → 100), optionally
qualified ("at least", "more than", "about", "up to") or a range ("10 to 12", "between 10
and 12", whose conservative value is the low end). Figures beyond reason (more than
``max_plausible``) are not believed.

Who was hit is read as a coordinated noun phrase (``read_people``): "a teacher and three
children" is 4, "Judge Ana Ruiz and 21 others" 22, "a family of five" 5, "six aid workers, their
guide and their driver" 8, while an apposition that spells out its head ("Five people, a Briton
and four Kenyans") is not added twice and a place ends the phrase ("four people at a bakery and
a petrol station" is 4). Attackers are counted apart from victims: "the assailant was killed",
"39 people, including the gunman, were killed" (38 and one attacker), "killing the man who had
planted the device", whom the police shoot dead. Beside counts, ``find_casualties`` marks what
assembling a toll needs: figures on top of others ("two more"), revised and superseded tolls,
tolls shared by several attacks, and deaths told without a number ("several were killed").

``event_tolls`` assembles one event's killed, injured and attackers killed from the mentions of
its sentences, with the coding rules of bench/data/events_dev.md: the latest revised toll, else
the largest figure plus later additions; injuries alone (or only the attacker's death) mean no
victim died; deaths without a number leave killed unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Literal

from newsdesk.data import load_json
from newsdesk.model import Casualties, Evidence

Kind = Literal["killed", "injured"]
Qualifier = Literal["exact", "at_least", "at_most", "about", "range", "unknown"]


@dataclass(frozen=True)
class Count:
    value: int
    low: int
    high: int
    qualifier: Qualifier


@dataclass
class CasualtyMention:
    kind: Kind
    count: Count
    start: int
    end: int
    text: str
    attackers: bool = False
    noun: str = ""
    additional: bool = False
    """'two more people', 'another 16 people': victims on top of those already counted."""
    combined: bool = False
    """'... were injured in the two attacks': one toll for several acts."""
    vague: bool = False
    """'several people were killed': deaths told without a number (the count is a placeholder 0)."""
    among_victims: bool = False
    """'The bomber was among the dead': an attacker counted in a victims' total told elsewhere."""
    update: bool = False
    """'the toll rose to 44', 'bringing the toll to 15': the latest total, not one more figure."""
    superseded: bool = False
    """'initially 103 were reported killed': a figure the report goes on to correct."""

    def to_casualties(self) -> Casualties:
        return Casualties(
            value=self.count.value,
            low=self.count.low,
            high=self.count.high,
            qualifier=self.count.qualifier,
            evidence=Evidence(start=self.start, end=self.end, text=self.text),
        )


@dataclass(frozen=True)
class Lexicon:
    units: dict[str, int]
    ordinals: dict[str, int]
    plural_nouns: frozenset[str]
    generic_nouns: frozenset[str]
    crowd_nouns: frozenset[str]
    not_names: frozenset[str]
    boundary: re.Pattern[str]
    own_device: re.Pattern[str]
    by_responders: re.Pattern[str]
    responder_subject: re.Pattern[str]
    attacker_died: re.Pattern[str]
    subjects: re.Pattern[str]
    injured_toll: re.Pattern[str]
    vague_deaths: re.Pattern[str]
    bodies: re.Pattern[str]
    lives: re.Pattern[str]
    later_death: re.Pattern[str]
    with_wounds: re.Pattern[str]
    scales: dict[str, int]
    vague: dict[str, int]
    qualifiers: dict[str, Qualifier]
    attacker_nouns: frozenset[str]
    untold_deaths: re.Pattern[str]
    untold_injuries: re.Pattern[str]
    max_plausible: int
    count_pattern: str
    passive: re.Pattern[str]
    active: re.Pattern[str]
    toll: re.Pattern[str]
    active_verbs: re.Pattern[str]
    none_reported: re.Pattern[str]
    listed: re.Pattern[str]
    name_and_kin: re.Pattern[str]
    same_person_groups: tuple[frozenset[str], ...]
    anyone_nouns: frozenset[str]


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in sorted(words, key=len, reverse=True))


@cache
def lexicon() -> Lexicon:
    data = load_json("casualty_cues.json")
    units, scales, vague = data["units"], data["scales"], data["vague_counts"]
    # Compounds ("twenty-three", "two hundred and six") join only real number words, never "a" or "no".
    numbers = [
        w for w, value in units.items() if w not in {"no", "a", "an", "single", "another"} and value > 0
    ]
    ones = [w for w in numbers if units[w] < 10]
    tens = [w for w in numbers if units[w] >= 20]
    word_number = (
        rf"(?:(?:{_alternation(tens)})(?:[-\s](?:{_alternation(ones)}))?|{_alternation([*numbers, 'another'])})"
        rf"(?:\s+(?:{_alternation(list(scales))})(?:\s+(?:and\s+)?(?:(?:{_alternation(tens)})(?:[-\s](?:{_alternation(ones)}))?|{_alternation(numbers)}))?)?"
    )
    a_scale = rf"(?:a|one)\s+(?:{_alternation(list(scales))})"
    numeral = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?(?:\s+(?:million|thousand))?"
    single = rf"(?:{numeral}|{_alternation(list(vague))}|{a_scale}|{word_number}|(?:a|an)(?=\s))"
    qualifier = rf"(?:(?P<qual>{_alternation(list(data['qualifiers']))})\s+)?"
    count = (
        rf"{qualifier}(?:between\s+(?P<blow>{single})\s+and\s+(?P<bhigh>{single})"
        rf"|(?P<num>{single})(?:\s*(?:-|–|to|or)\s*(?P<high>{single}))?)"
        r"(?![\w-]*\s*-?\s*(?:year|yr|month|week|day|hour|minute|km|kilomet|mile|metre|meter|per\s*cent|%|am\b|pm\b|o'clock))"
    )
    stop = r"(?!(?:said|say|says|told|when|after|before|while|who|which|that|but|was|were|had|has|have|is|are|been|as|if|than|resulted|resulting|left|leaving|caused|causing)\b)"
    noun = rf"(?P<noun>(?:{stop}[A-Za-z\d][\w'’-]*\s+){{0,7}}?(?:[A-Za-z][\w'’-]*(?=,))?)"
    # ", including the bomber," / ", in addition to the bomber," / ", mostly students," / ", who wore vests,"
    including = (
        r"(?:,?\s*(?P<ikind>including|among\s+them|in\s+addition\s+to|not\s+including|excluding|besides|plus)\s+"
        r"(?P<incl>[^.;]{1,160}?),?\s+(?=(?:were|was|have|has|had|are|is|died|all|also|reportedly)\b)|,\s*(?P<paren>[^,.;]{1,70}?)(?:,\s+|\s{3,}))?"
    )
    auxiliary = r"(?:(?:(?:had|have|has)(?=\s+(?:\w+\s+)?died)|were|was|have\s+been|has\s+been|had\s+been|are|is|being|been|reportedly|reported|also|later|still|all|now|both|feared|believed\s+to\s+be|confirmed|left|lay|are\s+feared|may\s+have|might\s+have|(?:are|were)\s+believed\s+to\s+have)\s+){0,3}"
    adverb = (
        r"(?:(?:\w+ly|critically|seriously|badly|gravely|slightly|fatally|mortally)\s+){0,2}"
        r"(?:(?:struck|shot|hit|stabbed|attacked|beaten|caught)\s+and\s+)?"
    )
    killed = _alternation(data["killed_words"])
    injured = _alternation(data["injured_words"])
    # A person named without a count: "the officer", "his wife", "Sir David Amess", "Roy".
    name = r"(?-i:[A-Z][a-z][\w'’-]*(?:\s+(?:(?:al|bin|ibn|de|van|von|del|da|el|di|la|le)[\s-])?[A-Z][\w'’-]+){0,3})"
    single = (
        rf"(?:(?:the|an?|one|his|her|their|its|another)\s+(?:(?!{_NOT_A_NOUN}\b)[\w'’-]+\s+){{0,2}}?(?!{_NOT_A_NOUN}\b)[\w'’-]*[^s\W]"
        rf"|(?:(?-i:[A-Z][A-Za-z]+\.?)\s+){{0,2}}{name})"
    )
    # "Judge Ana Ruiz and 21 others", "The officer and four pedestrians", "a guard, a cook and two drivers"
    named = rf"(?:(?P<named>{single}(?:,\s+{single}){{0,4}}),?\s+and\s+)?"
    # "Four assailants, seven police officers, two civilians and a tourist were killed"
    plain = re.sub(r"\?P<\w+>", "?:", count)
    item = rf"(?:{plain})\s+(?:[A-Za-z][\w'’-]*\s+){{0,3}}?[A-Za-z][\w'’-]*"
    # "Beckurts and his driver were killed", "Gow and his wife were wounded"
    name_and_kin = re.compile(
        rf"(?<![\w,])(?P<who>{name})\s+and\s+(?P<rest>(?:his|her|their)\s+(?:[\w'’-]+\s+){{0,2}}?[\w'’-]+)"
        rf"\s+(?:were|have\s+been|had\s+been)\s+(?:\w+ly\s+|also\s+)?(?:(?P<killed>{killed})|(?P<injured>{injured}))\b",
        re.IGNORECASE,
    )
    listed = re.compile(
        rf"(?<![\w,.])(?P<items>{item}(?:,\s+{item}){{1,8}},?\s+and\s+{item})\s+"
        rf"(?:were|have\s+been|had\s+been|are)\s+(?:\w+ly\s+|also\s+|reportedly\s+)?(?:(?P<killed>killed|dead)|(?P<injured>injured|wounded|hurt))\b",
        re.IGNORECASE,
    )
    passive = re.compile(
        rf"(?<![\w,.])(?<!\bno\s)(?:(?<!\bin\s)|(?<=result\sin\s)|(?<=resulted\sin\s)|(?<=resulting\sin\s))(?<!\bat\s)(?<!\bfrom\s)(?<!\bacross\s){named}(?P<count>{count})\s+{noun}{including}(?P<aux>{auxiliary}){adverb}"
        rf"(?:(?P<killed>{killed})|(?P<injured>{injured}))\b(?P<next>\s+(?:(?:the|a|an|his|her|their|at\s+least|more\s+than|about|some|\d+|one|two|three|four|five|six|seven|eight|nine|ten|dozens|scores|hundreds)\b|(?-i:[A-Z][a-z]+\s+[A-Z])))?",
        re.IGNORECASE,
    )
    left = _alternation(data["left_verbs"])
    active = re.compile(
        rf"\b(?:(?P<kverb>{_alternation(data['active_killed'])})|(?P<iverb>{_alternation(data['active_injured'])})|(?P<lverb>{left}))"
        rf"\s+(?:(?P<count>{count})(?:\s+{noun}(?:(?P<ldead>dead)|(?P<linjured>injured|wounded|hurt))?)?"
        r"|(?P<one>(?:the|a|an)\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]*[^s\W](?=[\s,.;])|him|her)(?:\s+(?P<oneleft>dead|injured|wounded))?)",
        re.IGNORECASE,
    )
    injured_toll = re.compile(
        rf"\bnumber\s+of\s+(?:the\s+)?(?:(?:people|those|persons)\s+)?(?:injured|wounded|hurt)\b[^.;]{{0,100}}?\b(?:to|at|reached|is|was|stands\s+at)\s+(?!(?:a|an|the)\s)(?P<count>{count})",
        re.IGNORECASE,
    )
    toll = re.compile(
        rf"(?<!earlier\s)(?<!initial\s)(?<!previous\s)\b(?:death\s+toll|toll|number\s+of\s+(?:the\s+)?(?:dead|deaths|fatalities|victims|(?:people|those|persons)\s+killed)|fatalities)\b(?:\s*[:=]\s*|[^.;]{{0,140}}?\b(?:to|at|of|reached|is|was|stands\s+at|hit|coded\s+as|recorded\s+as)\s+)(?!(?:a|an|the)\s)(?P<count>{count})",
        re.IGNORECASE,
    )
    # "no one was hurt", "No hostage was injured", "nobody was killed"
    no_subject = r"(?:none\s+of\s+(?:the|them|those)(?:\s+[\w-]+)?|no(?:\s+one|body|-one|\s+[\w-]+))\s+(?:else\s+)?(?:was|were|has\s+been|had\s+been)\s+(?:\w+ly\s+|reported\s+)?(?:hurt|injured|harmed|wounded|killed)"
    none_reported = re.compile(
        rf"\b(?:{_alternation(data['no_casualties'])}|{no_subject})\b",
        re.IGNORECASE,
    )
    active_verbs = re.compile(
        rf"\b(?:(?P<kverb>{_alternation(data['active_killed'])})|(?P<iverb>{_alternation(data['active_injured'])}))\s+",
        re.IGNORECASE,
    )
    # "Maria Lopez, 34, and her son, 9, died": ages between the people named
    age = r"(?:,\s+(?:aged\s+)?\d{1,3}(?:,|(?=\s+and\b)))?"
    clause_start = (
        r"(?:^|(?<=[.!?;:,]\s)|(?<=\band\s)|(?<=\bbut\s)|(?<=\bwhile\s)|(?<=\bwhen\s)|(?<=\bas\s)|(?<=\bafter\s)"
        r"|(?<=\bthat\s)|(?<=\bsaid\s)|(?<=\bsays\s)|(?<=\bsay\s))"
    )
    subjects = re.compile(
        rf"{clause_start}(?P<subj>{single}{age}(?:(?:,\s+|,?\s+and\s+)(?:{single}|(?-i:[a-z][\w'’-]*[^s\W])){age}){{0,5}})"
        # "a third, the driver, survived"; "his bodyguard, Jorge Diez Elorza, were killed"; "The officer, a
        # 25-year-old who had recently joined the Police Service of Northern Ireland (PSNI), was killed"
        r"(?:,\s+(?:(?:the|an?|his|her|their)\s+[^,.;]{1,120}|(?-i:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3})),)?\s+"
        r"(?:(?P<hurt>(?:survived|escaped|was\s+rescued|was\s+pulled\s+out)\s+(?:[\w'’-]+\s+){0,4}?with\s+(?:\w+\s+){0,2}?(?:injuries|wounds|burns))"
        r"|(?P<aux>(?:was|were|has\s+been|have\s+been|had\s+been|is|are)\s+(?:(?:also|later|reportedly|both|all|\w+ly)\s+){0,2})"
        rf"(?:(?P<killed>{killed})|(?P<injured>{injured}))"
        r"|(?P<died>(?:(?:also|later|subsequently|reportedly)\s+)?(?:died|succumbed|perished|lost\s+(?:his|her|their)\s+li(?:fe|ves))))\b",
        re.IGNORECASE,
    )
    ordinals = data["ordinals"]
    later_death = re.compile(
        rf"\b(?:a|the)\s+(?P<ord>{_alternation(list(ordinals))})\s+(?P<noun>(?:(?!{_NOT_A_NOUN}\b)[\w'’-]+\s+){{0,2}}?)"
        r"(?:(?:has\s+|had\s+|have\s+)?(?:(?:since|later|also|subsequently|now)\s+){0,2}(?:died|succumbed)"
        r"|(?:was|has\s+been|had\s+been|is)\s+(?:(?:since|later|also|subsequently|now|reportedly)\s+){0,2}"
        r"(?:killed|found\s+dead|confirmed\s+dead|shot\s+dead))\b",
        re.IGNORECASE,
    )
    bodies = re.compile(
        rf"(?:(?P<of>\bbodies\s+of\s+(?:the\s+|all\s+)?)|(?<![\w,.]))(?P<count>{count})"
        r"(?P<tail>\s+(?:(?:more|other|further|charred|mutilated|decomposed|unidentified)\s+)?bodies\b)?",
        re.IGNORECASE,
    )
    lives = re.compile(
        rf"(?:(?P<pre>\b(?:claim(?:ed|ing|s)?|cost(?:ing|s)?|took|taking|taken)\s+(?:the\s+)?)|(?<![\w,.]))(?P<count>{count})"
        r"\s+(?:(?:more|other|innocent|civilian|human|further)\s+)?lives\b(?P<lost>\s+(?:were|have\s+been|had\s+been|was)\s+lost)?",
        re.IGNORECASE,
    )
    with_wounds = re.compile(
        rf"(?<![\w,.])(?P<count>{count})\s+(?:of\s+them\s+|people\s+|others\s+)?(?:were\s+)?with\s+(?:[\w'’-]+\s+){{0,2}}?(?:wounds|injuries)\b",
        re.IGNORECASE,
    )
    vague_words = _alternation(data["vague_quantities"])
    vague_deaths = re.compile(
        rf"\b(?:{vague_words})\s+(?:[\w'’-]+\s+){{0,3}}?(?:(?:were|was|have\s+been|had\s+been|are|reportedly|also)\s+){{0,2}}(?:killed|dead|died)\b"
        rf"|\b(?:killing|killed|kills)\s+(?:{vague_words})\b|\b(?:leaving|left)\s+(?:{vague_words})\s+(?:[\w'’-]+\s+){{0,2}}?dead\b"
        r"|\b(?:casualties|fatalities|deaths|death\s+toll)\s+(?:(?:is|are|were|was|remain|remained)\s+)?(?:unknown|unclear|not\s+known|undetermined)\b",
        re.IGNORECASE,
    )
    boundary_words = _alternation(data["phrase_boundaries"])
    # "armed police", "French special forces", "the army": who kills attackers
    responders = (
        rf"(?:(?:{_alternation(data['responder_modifiers'])})\s+)*(?:{_alternation(data['responders'])})"
    )
    return Lexicon(
        ordinals=ordinals,
        plural_nouns=frozenset(data["plural_nouns"]),
        generic_nouns=frozenset(data["generic_nouns"]),
        crowd_nouns=frozenset(data["crowd_nouns"]),
        not_names=frozenset(data["not_names"]),
        boundary=re.compile(rf"(?:{boundary_words}|\w+ly)\b", re.IGNORECASE),
        own_device=re.compile(
            rf"\s*,?\s*(?:(?:who|that)\s+(?:had\s+|was\s+|were\s+|had\s+been\s+|allegedly\s+|apparently\s+)*(?:{_alternation(data['own_device_verbs'])})"
            rf"|(?:who\s+(?:was|were)\s+)?(?:{_alternation(data['own_device_participles'])})\s+(?:it|them|the\s+(?:bomb|device|explosives?|mine|vest|belt)))\b",
            re.IGNORECASE,
        ),
        by_responders=re.compile(rf"\s+by\s+{responders}\b", re.IGNORECASE),
        responder_subject=re.compile(
            rf"(?:^|[.;:]\s*|,\s+|\b(?:and|before|until|when|then|but)\s+){responders}\b[^,.;]{{0,50}}$",
            re.IGNORECASE,
        ),
        # "before shooting himself", "He was shot dead by police": the attacker's own death
        attacker_died=re.compile(
            r"\b(?:shot|shooting|killed|killing|turn(?:ed|ing|s)?\s+(?:the|his|her)\s+(?:gun|weapon|rifle|pistol)\s+on)\s+"
            r"(?:(?:[\w'’-]+\s+){1,4}?(?:and\s+)?then\s+)?(?:him|her)self\b(?!\s+in\s+the\s+(?:leg|foot|arm|hand))"
            r"|(?<![\w,])(?:he|she)\s+was\s+(?:later\s+|then\s+|eventually\s+)?"
            rf"(?:shot\s+dead|killed|shot\s+and\s+killed|gunned\s+down)\s+by\s+{responders}\b"
            # "... and wounded two officers before being shot dead": the subject, the attacker
            r"|\bbefore\s+(?:being|he\s+was|she\s+was)\s+(?:shot\s+dead|killed|shot\s+and\s+killed|gunned\s+down|neutrali[sz]ed)\b",
            re.IGNORECASE,
        ),
        subjects=subjects,
        injured_toll=injured_toll,
        vague_deaths=vague_deaths,
        bodies=bodies,
        lives=lives,
        later_death=later_death,
        with_wounds=with_wounds,
        units=units,
        scales=scales,
        vague=vague,
        qualifiers=data["qualifiers"],
        attacker_nouns=frozenset(data["attacker_nouns"]),
        untold_deaths=re.compile(data["untold_deaths"], re.IGNORECASE),
        untold_injuries=re.compile(data["untold_injuries"], re.IGNORECASE),
        max_plausible=int(data["max_plausible"]),
        count_pattern=count,
        passive=passive,
        active=active,
        toll=toll,
        active_verbs=active_verbs,
        none_reported=none_reported,
        listed=listed,
        name_and_kin=name_and_kin,
        same_person_groups=tuple(frozenset(group) for group in data["same_person_nouns"]),
        anyone_nouns=frozenset(data["anyone_nouns"]),
    )


# ---------------------------------------------------------------------- numbers


def number_value(text: str) -> int | None:
    """The integer a numeral, number words or a vague quantity stands for."""
    lex = lexicon()
    phrase = " ".join(text.lower().replace("-", " ").split())
    if phrase.replace(" ", "-") in lex.vague or phrase in lex.vague:
        return lex.vague.get(phrase, lex.vague.get(phrase.replace(" ", "-")))
    digits = re.fullmatch(r"([\d,]+(?:\.\d+)?)(?:\s+(million|thousand))?", phrase)
    if digits:
        value = float(digits.group(1).replace(",", ""))
        if digits.group(2):
            value *= lex.scales[digits.group(2)]
        return int(value)
    total, current = 0, 0
    for word in phrase.split():
        if word == "and":
            continue
        if word in lex.units:
            current += lex.units[word]
        elif word in lex.scales:
            current = max(current, 1) * lex.scales[word]
            if lex.scales[word] >= 1000:
                total, current = total + current, 0
        else:
            return None
    return total + current


def parse_count(text: str) -> Count | None:
    """Read a whole count phrase ("at least 12", "10 to 12", "dozens") or None."""
    match = re.fullmatch(lexicon().count_pattern, text.strip(), re.IGNORECASE)
    return _count_from(match) if match else None


def _count_from(match: re.Match[str]) -> Count | None:
    lex = lexicon()
    groups = match.groupdict()
    qualifier_word = " ".join((groups.get("qual") or "").lower().split())
    if groups.get("blow"):
        low, high = number_value(groups["blow"]), number_value(groups["bhigh"])
    else:
        low = number_value(groups["num"])
        high = number_value(groups["high"]) if groups.get("high") else low
    if low is None or high is None:
        return None
    if high < low:
        low, high = high, low
    if high > lex.max_plausible:
        return None
    is_vague = (groups.get("num") or "").lower().strip() in lex.vague or (
        " ".join((groups.get("num") or "").lower().split()) in lex.vague
    )
    if groups.get("blow") or high != low:
        return Count(low, low, high, "range")
    qualifier: Qualifier = lex.qualifiers.get(qualifier_word, "exact") if qualifier_word else "exact"
    if is_vague and qualifier == "exact":
        qualifier = "at_least"
    return Count(low, low, high, qualifier)


# ---------------------------------------------------------------------- casualty phrases


def _is_attacker(noun: str) -> bool:
    words = noun.lower().split()
    nouns = lexicon().attacker_nouns
    return any(word.strip(",'’") in nouns for word in words[-2:]) or " ".join(words[-2:]) in nouns


@dataclass(frozen=True)
class People:
    """Who a coordinated noun phrase names: "a teacher and three children" is 4 victims."""

    victims: Count | None
    """None when a part gives no number ("the driver and several passengers")."""
    attackers: Count | None
    end: int
    parts: int
    victim_parts: int


@dataclass(frozen=True)
class _Part:
    count: Count | None
    attacker: bool
    end: int
    noun: str = ""
    named: bool = False  # a person's name ("Oles Buzina"), which a description may follow


_ONE = Count(1, 1, 1, "exact")
_SEPARATOR = re.compile(
    r"\s*,?\s+(?:along|together)\s+with\s+|\s*,\s*(?:and\s+)?(?:then\s+)?|\s+and\s+(?:then\s+|also\s+)?"
    r"|\s*,?\s+as\s+well\s+as\s+",
    re.IGNORECASE,
)
# "shot dead a woman passing in the street and then a man": where and how, between victims of one spree
_PLACE_THEN = re.compile(r"\s+[^,.;]{1,60}?(?=,?\s+and\s+then\s)", re.IGNORECASE)
_VAGUE_START = re.compile(r"several|many|numerous|some|other|countless|a\s+number\s+of", re.IGNORECASE)
_NOT_A_NOUN = (
    r"(?:and|or|nor|of|but|were|was|are|is|have|has|had|been|being|died|killed|injured|wounded|hurt|dead|"
    r"killing|injuring|wounding|leaving|left|lost|suffered|sustained|remain|remained)"
)
_DETERMINER = r"(?:the|an?|one|his|her|their|its|another|(?-i:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})['’]s)\b"


@cache
def _part_patterns() -> tuple[re.Pattern[str], ...]:
    lex = lexicon()
    # a participle with an object ("transporting it", "attending a wedding") ends the noun phrase
    participle = r"\w+ing\s+(?:it|them|the|an?|his|her|their|its|in|at|on|to|from|into)\b"
    word = rf"(?!(?:{lex.boundary.pattern}|{_NOT_A_NOUN})\b|{participle})[\w'’-]+"
    noun = rf"(?P<noun>(?:\s+{word}){{0,5}}(?:\s+of\s+(?:the\s+|an?\s+|his\s+|her\s+|their\s+|its\s+)?{word}(?:\s+{word}){{0,2}})?)"
    ends = r"(?=\s*(?:[,.;:()\[\]]|$|and\b|or\b)|\s+(?:" + lex.boundary.pattern + r")\b)"
    name = (
        rf"(?P<title>(?:(?:\d+-year-old|(?!\w+(?:ed|ing)\b|\d){word}\.?)\s+){{0,3}}?)"
        r"(?-i:(?P<name>[A-Z][a-z][\w'’-]*(?:\s+(?:(?:al|bin|ibn|de|van|von|del|da|el|di|la|le)[\s-])?[A-Z][\w'’-]+){0,3}))"
        r"(?!\.\s+[A-Z])"  # "Dr. Ann Reyes": an abbreviated title is no name
    )
    flags = re.IGNORECASE
    return (
        re.compile(r"(?P<reflexive>(?:him|her|them)sel(?:f|ves))\b", flags),
        re.compile(r"(?P<pronoun>him|her)\b" + ends, flags),
        re.compile(rf"(?:{_DETERMINER}\s+)?family\s+of\s+(?P<family>{_plain(lex.count_pattern)})\b", flags),
        re.compile(
            rf"(?:(?:the|his|her|their|its|all|both|some|another)\s+)?(?P<count>{_plain(lex.count_pattern)})"
            rf"(?:\s+of\s+(?:the|his|her|their|its|them|those)\b)?{noun}",
            flags,
        ),
        re.compile(rf"(?P<single>{_DETERMINER}){noun}", flags),
        re.compile(rf"(?P<vague>several|many|numerous|some|other|countless|a\s+number\s+of){noun}", flags),
        re.compile(name + ends, flags),
    )


def _plain(pattern: str) -> str:
    return re.sub(r"\?P<\w+>", "?:", pattern)


def _part(text: str, start: int) -> _Part | None:
    lex = lexicon()
    for pattern in _part_patterns():
        match = pattern.match(text, start)
        if match is None or match.end() == start:
            continue
        groups = match.groupdict()
        if groups.get("reflexive"):
            known = not groups["reflexive"].lower().startswith("them")
            return _Part(_ONE if known else None, True, match.end())
        if groups.get("pronoun"):
            return _Part(_ONE, False, match.end())
        if groups.get("vague"):
            return _Part(None, False, match.end()) if (groups.get("noun") or "").strip() else None
        if groups.get("family"):
            return _Part(parse_count(groups["family"]), False, match.end())
        noun = (groups.get("noun") or "").strip()
        attacker = _is_attacker(noun) if noun else False
        if groups.get("count"):
            if groups["count"].strip().lower() in {"a", "an"}:
                continue  # "a journalist": one person, read below with the other determiners
            count = parse_count(groups["count"])
            if count is None:
                return None
            return _Part(count, attacker, match.end(), noun.lower())
        if groups.get("single") is not None and "single" in groups:
            if not noun:
                return None
            head = noun.split()[-1].lower()
            if head in lex.plural_nouns or (head.endswith("s") and not head.endswith(("ss", "us", "is"))):
                return _Part(None, attacker, match.end())
            if lex.boundary.fullmatch(head):
                return None
            return _Part(_ONE, attacker, match.end())
        if groups.get("name"):
            title, name = groups.get("title") or "", groups["name"]
            if name.split()[0].lower() in lex.not_names or lex.boundary.fullmatch(
                title.strip().split()[0] if title.strip() else "x"
            ):
                return None
            if (
                not title.strip()
                and len(name.split()) == 1
                and not _SURNAME_WITH_COMPANION.match(text, match.end())
            ):
                return None  # "Palestinians", "Kabul": one capitalised word alone is no person
            if parse_count(title.strip()) is not None:
                return None
            return _Part(_ONE, _is_attacker(title), match.end(), named=True)
    return None


_AGE = re.compile(r",\s*(?:aged\s+)?\d{1,3}(?=\s*,|\s+and\b|\s*$)", re.IGNORECASE)
_THEN_DIED = re.compile(
    r"\s*,?\s+(?:and|but)\s+(?:(?:later|subsequently|then|since)\s+)?(?:died|succumbed)\b", re.IGNORECASE
)
_BODIES_OF = re.compile(
    r"\b(?:(?P<one>(?:(?:(?-i:[A-Z][\w'’-]+)|the\s+[\w-]+)['’]s|his|her)\s+(?:body|corpse|remains)\s+(?:was|were|had\s+been"
    r"|has\s+been|have\s+been)\s+(?:later\s+)?(?:found|discovered|recovered))"
    r"|the\s+(?:bodies|corpses|remains|(?:severed\s+)?heads)\s+of\s+(?P<of>))",
    re.IGNORECASE,
)
# "Buesa and his bodyguard", "Taniwal, his nephew and his driver": a surname told before, with the one who died beside him
_SURNAME_WITH_COMPANION = re.compile(r"\s*,?\s+(?:and\s+)?(?:his|her)\s+", re.IGNORECASE)
# "Oles Buzina, a journalist and writer,": who the named person was, not more people
_DESCRIBED = re.compile(
    r",\s+(?:a|an|the)\s+[^,;.()]{1,120}?(?:\([^()]{1,40}\)[^,;.()]{0,60}?)?"
    r"(?=\s*,|\s*\.|\s*$|\s+(?:as|when|while|after|before|near|outside|inside|in|at|on|during)\s)",
    re.IGNORECASE,
)
# "his bodyguard, Jorge Diez Elorza,": the name of the one just counted
_NAMED_AFTER = re.compile(r",\s+(?-i:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3})\s*(?=,)")
_APPOSITION = re.compile(
    r"\s*(?:,|—|–|--|\s-)\s*(?P<who>(?:the|an?|both|all|his|her|their)\s+(?:[\w'’-]+\s+){0,2}?[\w'’-]+)\s*(?:,|—|–|--|-\s)",
    re.IGNORECASE,
)
_NEW_CLAUSE = re.compile(
    r"\s+(?:said|says|say|told|reported|added|claimed|stated|announced|confirmed|according|accused|blamed|denied|"
    r"fled|escaped|opened|attacked|stormed|detonated|exploded|went|came|arrived|carried|took)\b",
    re.IGNORECASE,
)
_BARE_NOUN = re.compile(
    r"(?-i:[a-z][\w'’-]*[^s\W])(?=\s*(?:[,.;:()]|$)|\s+(?:were|was|died|have|had|are)\b)", re.IGNORECASE
)


def _bare_noun(text: str, start: int) -> _Part | None:
    """A second person named by a noun alone, sharing the determiner of the first ("his wife and son")."""
    match = _BARE_NOUN.match(text, start)
    if match is None or lexicon().boundary.fullmatch(match.group(0)) or match.group(0).endswith("ed"):
        return None
    if re.fullmatch(_NOT_A_NOUN, match.group(0), re.IGNORECASE):
        return None
    return _Part(_ONE, _is_attacker(match.group(0)), match.end(), match.group(0).lower())


def read_people(text: str, start: int = 0) -> People | None:
    """The people named by the coordinated noun phrase at ``text[start:]``, or None when there is none.

    Parts are joined by commas and "and": "six aid workers, their guide and their driver" is 8.
    A comma list must close with "and" (", police said" is no victim), and an apposition that
    spells out its head ("Five people, a Briton, an Italian and three Kenyans") is not added twice.
    """
    first = _part(text, start)
    if first is None or (first.count is None and first.attacker is False and _VAGUE_START.match(text, start)):
        return None
    parts, joined_by_and = [first], [True]
    position = first.end
    while True:
        aged = _AGE.match(text, position)
        position = aged.end() if aged else position
        said = _DESCRIBED.match(text, position) if parts[-1].named else None
        if said is None and parts[-1].count == _ONE and not parts[-1].named:
            said = _NAMED_AFTER.match(text, position)
        if said is not None and _SEPARATOR.match(text, said.end()):
            # an apposition that says who the one just counted is: no one more
            position = said.end()
        place = _PLACE_THEN.match(text, position)
        separator = _SEPARATOR.match(text, place.end() if place else position)
        if separator is None:
            break
        part = _part(text, separator.end())
        if part is None and parts[-1].count == _ONE and re.fullmatch(r"\s+and\s+", separator.group(0)):
            part = _bare_noun(text, separator.end())  # "her husband and son"
        if part is None or _NEW_CLAUSE.match(text, part.end):
            break  # "..., and the army said": the subject of a clause of its own
        parts.append(part)
        joined_by_and.append(bool(re.search(r"and|well|then", separator.group(0), re.IGNORECASE)))
        position = part.end
    while len(parts) > 1 and not joined_by_and[-1]:
        parts.pop()
        joined_by_and.pop()
    apposed = _APPOSITION.match(text, parts[-1].end)
    if apposed and _is_attacker(apposed.group("who")):
        # "killed one person — the bomber — and ...": the one who died is the attacker
        parts[-1] = _Part(parts[-1].count, True, parts[-1].end)
    if lexicon().own_device.match(text, parts[-1].end):
        # "killing the passenger who had built it": the one who died is the bomber
        parts[-1] = _Part(parts[-1].count, True, parts[-1].end)
    aged = _AGE.match(text, parts[-1].end)
    if aged:
        parts[-1] = _Part(parts[-1].count, parts[-1].attacker, aged.end(), parts[-1].noun)
    victims = [p for p in parts if not p.attacker]
    attackers = [p for p in parts if p.attacker]
    # "Five people, a Briton, an Italian and three Kenyans", "Three members of the team, two women and a
    # man": a comma list after a count that adds up to it spells the count out
    generic = victims and victims[0].noun.split()[-1:] in [[w] for w in lexicon().generic_nouns]
    # (closed by a comma, or after a word like "people": "three teachers, two pupils and a guard" is six)
    closed = bool(re.match(r"\s*,", text[parts[-1].end :]))
    if len(victims) > 2 and victims[0] is parts[0] and victims[0].count is not None and (generic or closed):
        rest = _total([p.count for p in victims[1:]])
        if rest is not None and rest.value == victims[0].count.value and not joined_by_and[1]:
            victims = victims[:1]  # apposition
    return People(
        victims=_total([p.count for p in victims]) if victims else None,
        attackers=_total([p.count for p in attackers]) if attackers else None,
        end=parts[-1].end,
        parts=len(parts),
        victim_parts=len(victims),
    )


def _total(counts: list[Count | None]) -> Count | None:
    if not counts or any(c is None for c in counts):
        return None
    known = [c for c in counts if c is not None]
    if len(known) == 1:
        return known[0]
    qualifier: Qualifier = "at_least" if any(c.qualifier in {"at_least", "about"} for c in known) else "exact"
    return Count(
        sum(c.value for c in known), sum(c.low for c in known), sum(c.high for c in known), qualifier
    )


def _included_attackers(clause: str | None) -> int:
    """How many attackers an 'including …' clause adds to a total ("the gunman" → 1, "three attackers" → 3)."""
    if not clause or not _is_attacker(clause):
        return 0
    words = clause.lower().split()
    for word in words[:3]:
        value = number_value(word) if word not in {"a", "an"} else None
        if value:
            return value  # "the three suicide bombers"
    if words[0] in {"the", "a", "an", "one", "his", "her"}:
        return 1 if not clause.lower().rstrip().endswith("s") else 2
    return 1


_PARTICIPLES = {
    "killed",
    "injured",
    "wounded",
    "hurt",
    "murdered",
    "slain",
    "executed",
    "beheaded",
    "hospitalised",
    "hospitalized",
    "stabbed",
    "slashed",
    "lynched",
    "shot",  # "Two masked assailants shot dead Oles Buzina": the count is the killers
    "gunned",
}


def _plus(count: Count, extra: int) -> Count:
    return Count(count.value + extra, count.low + extra, count.high + extra, count.qualifier)


# Nouns for one person by occupation, which a name may follow ("the photojournalist Margarito Martinez").
_ROLE_NOUNS = (
    "(?:photo)?journalist", "reporter", "editor", "activist", "lawyer", "judge", "politician", "mayor", "governor",
    "council+or", "priest", "cleric", "imam", "bishop", "pastor", "businessman", "businesswoman", "official",
    "leader", "elder", "commander", "teacher", "doctor", "student", "blogger", "writer", "candidate",
)  # fmt: skip
_ASIDES = [
    # ", including 186 children," when no attacker is among them: an aside, not a correction of the total
    re.compile(
        r",\s*including\s+(?:(?!attacker|assailant|gunm|bomber|militant|perpetrator|hijacker|kidnapper|suspect|shooter)[^,.;]){1,60}(?=,\s*and\b)",
        re.I,
    ),
    # ", most of them foreigners," / ", mostly students," / ", who was observing the unrest,"
    re.compile(
        r",\s*(?:most|many|some|all|several|half|none|one|two|three|four|five|\d+)\s+of\s+them\s+[^,.;]{1,50}(?=,)",
        re.I,
    ),
    re.compile(r",\s*(?:mostly|mainly|many|most|largely|all|both|among\s+them)\s+[^,.;]{1,50}(?=,)", re.I),
    re.compile(
        r",\s*(?:who|which)\s+(?:(?!kill|injur|wounding|wounded\s+(?:\d|at|more|about|some)|dead|died|hurt)[^,.;]){1,70}(?=,)",
        re.I,
    ),
    # "Fernando Villavicencio, a candidate in the election, was shot dead": who the named one was
    re.compile(r"(?<=[a-z]),\s+(?:a|an|the)\s+[^,.;]{1,80}?(?=,\s+(?:was|has\s+been|had\s+been|died)\b)"),
    # "The councillor, Rodolfo Mendez, was killed": the name of the one just counted
    re.compile(
        r",\s*(?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’-]+(?=,\s+(?:was|has\s+been|had\s+been|died|later\s+died)\b)"
    ),
    # "The Mexican photojournalist Margarito Martinez was shot dead": the person is the role just named
    re.compile(
        r"\b(?:the|a|an)\s+(?:[\w-]+\s+){0,2}?(?:"
        + "|".join(_ROLE_NOUNS)
        + r")\s+(?P<aside>(?-i:(?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’-]+))(?=\s+(?:was|had\s+been|has\s+been)\b)",
        re.I,
    ),
    # "A girl who lived in the barracks and a man waiting at a bus stop were killed": who each one was
    re.compile(
        r"\s(?:who|that)\s+(?:(?!kill|injur|wound|died|dead|hurt)[^,.;]){1,60}?(?=\s+and\s+(?:a|an|the|his|her|their|one|two|three|four|five|\d+)\s)",
        re.I,
    ),
    re.compile(
        r"\s(?:waiting|standing|sitting|walking|living|working|passing|travell?ing|shopping|praying|queuing|queueing)"
        r"\s+[^,.;]{1,50}?(?=\s+(?:were|was)\s+(?:\w+\s+)?(?:killed|injured|wounded|hurt))",
        re.I,
    ),
    # "men who had been sleeping in their cars were killed"
    re.compile(
        r"\s(?:who|that)\s+[^,.;]{1,60}?(?=\s+(?:were|was)\s+(?:\w+\s+)?(?:killed|injured|wounded|hurt|dead))",
        re.I,
    ),
]


_TRAILING_INCLUDING = re.compile(
    r"^,?\s*(?P<ikind>including|among\s+them|in\s+addition\s+to|not\s+including|excluding|besides|apart\s+from|plus)\s+"
    r"(?P<incl>[^,.;]{1,40}?)(?=[,.;]|$|\s+(?:in|at|on|when|after|during|and|who|which|that)\b)",
    re.IGNORECASE,
)


def _blank(match: re.Match[str]) -> str:
    """The match with its aside (the group so named, else all of it) turned to spaces."""
    if "aside" not in match.re.groupindex:
        return " " * len(match.group(0))
    start, end = match.span("aside")
    whole = match.group(0)
    offset = match.start()
    return whole[: start - offset] + " " * (end - start) + whole[end - offset :]


def _mask_asides(text: str) -> str:
    """Blank out asides that split a count from its verb; offsets stay the same."""
    for pattern in _ASIDES:
        text = pattern.sub(_blank, text)
    # The comma closing a blanked aside before "and two police officers": the list goes on.
    return re.sub(r"(?<=\s\s),(?=\s+(?:and|were|was|have|had|has|are|is|died|later)\s)", " ", text)


# ---------------------------------------------------------------------- phrase shapes read by find_casualties

# "another 16", "two more", "a further three": on top of a figure told elsewhere
_ADDITIONAL = re.compile(
    r"(?:[\w-]+\s+){0,2}?(?:another|a\s+further|an\s+additional)\b|(?:[\w,-]+\s+){1,3}?more\b(?!\s+than)",
    re.IGNORECASE,
)


# "shot him dead", "gunned the two men down"
_SHOT_DEAD = re.compile(
    r"\b(?:shot|gunned)\s+(?P<who>him|her|them|(?:the|an?|his|her|two|three|four|five|six|both|all)\s+(?:[\w'’-]+\s+){0,2}?[\w'’-]+)\s+dead\b",
    re.IGNORECASE,
)
# "X, the deputy governor, who was killed along with his secretary"
_WHO_WAS = re.compile(
    r",\s+who\s+(?:was|had\s+been)\s+(?:\w+ly\s+)?(?P<kind>killed|injured|wounded)\b"
    r"(?:\s+(?:along|together)\s+with\s+(?P<rest>[^,.;]{1,60}))?",
    re.IGNORECASE,
)
# "beat Bishop Juan Gerardi to death", "hacked two farmers to death"
_TO_DEATH = re.compile(
    r"\b(?:beat|beaten|beating|bludgeoned|bludgeoning|clubbed|clubbing|kicked|kicking|stoned|stoning|hacked|hacking"
    r"|stabbed|stabbing|burned|burning|burnt|strangled|strangling|tortured|torturing)\s+"
    r"(?P<who>him|her|them|(?:the|an?|his|her|two|three|four|five|six|seven|eight|nine|ten|both|all|\d+)\s+"
    r"(?:[\w'’-]+\s+){0,2}?[\w'’-]+|(?-i:(?:[A-Z][\w'’.-]+\s+){1,5}[A-Z][\w'’-]+))\s+to\s+death\b",
    re.IGNORECASE,
)
# "shot the activist in the head"
_SHOT_IN = re.compile(
    r"\bshot\s+(?P<who>(?:[\w'’.-]+\s+){1,6}?)in\s+the\s+(?:head|chest|neck|legs?|arms?|back|stomach|abdomen|face|shoulder)\b",
    re.IGNORECASE,
)
# "he shot his mother and then himself"
_THEN_HIMSELF = re.compile(
    r"\b(?:shot|shooting|stabbed|stabbing)\s+(?P<who>(?:his|her|the|an?)\s+(?:[\w'’-]+\s+){0,2}?[\w'’-]+)\s*,?\s+(?:and\s+)?then\s+(?:him|her)self\b",
    re.IGNORECASE,
)
_UPDATE = re.compile(
    r"\b(?:rose|risen|rises|rising|climbed|increased|reached|now|revised|lowered|raised|updated|bringing|brought|stands|stood|"
    r"coded|recorded)\b",
    re.IGNORECASE,
)
_SUPERSEDED = re.compile(
    r"\b(?:earlier|initially|originally|initial|first\s+reports?|previous(?:ly)?\s+(?:reported|put|given|said|announced|stated)"
    # a side's own claim of what it inflicted, when others give a figure too
    r"|claim(?:ed|s|ing)?\s+(?:that\s+)?(?:to\s+have|it\s+had|they\s+had|it\s+has|they\s+have))\b",
    re.IGNORECASE,
)
# "Three people were stabbed, one fatally"
_FATALLY = re.compile(
    r"(?:(?<![\w,.])(?P<total>[\w-]+)\s+(?:[\w'’-]+\s+){0,3}?)?(?:were|was)\s+(?:stabbed|shot|wounded|injured|hit|struck)\s*,\s+"
    r"(?P<count>[\w-]+)\s+(?:of\s+them\s+)?(?:fatally|mortally)\b",
    re.IGNORECASE,
)
# "... died along with nine others"
_ALONG_WITH = re.compile(r"[^.;]{0,60}?\b(?:along|together)\s+with\s+", re.IGNORECASE)
# "two of the wounded later died"
_WOUNDED_DIED = re.compile(
    r"\b(?P<count>[\w-]+)\s+of\s+(?:the|those)\s+(?:wounded|injured)\s+(?:(?:later|subsequently|have|had|has|since)\s+){0,2}"
    r"(?:died|succumbed)\b",
    re.IGNORECASE,
)
# "The victims, a nurse and her brother, were killed"
_VICTIMS_NAMED = re.compile(
    r"\b(?:the|both|all)\s+(?:(?P<number>[\w-]+)\s+)??victim(?P<plural>s)?,\s+(?P<who>[^.;]{3,120}?),\s+"
    r"(?:were|was|had\s+been|have\s+been|has\s+been)\s+(?:\w+ly\s+)?(?:(?P<killed>killed|shot\s+dead|stabbed\s+to\s+death|murdered)"
    r"|(?P<injured>injured|wounded|hurt))\b",
    re.IGNORECASE,
)
# "... in the two attacks": a toll shared by several acts
_COMBINED = re.compile(
    r"[^.;]{0,40}?\b(?:in|during|across|from)\s+(?:the\s+|both\s+|all\s+)?(?:two|three|four|five|both|twin|several|separate|coordinated)"
    r"\s+(?:\w+\s+)?(?:attacks|blasts|bombings|explosions|shootings|incidents|assaults)\b",
    re.IGNORECASE,
)
# "the bomber was among the dead"
_AMONG_THE_DEAD = re.compile(
    r"\b(?P<who>(?:the|an?|one|two|three|four|both)\s+(?:[\w'’-]+\s+){0,2}?[\w'’-]+)\s+(?:was|were|is|are)\s+(?:also\s+|reportedly\s+)?"
    r"among\s+(?:the\s+)?(?:dead|killed|fatalities|victims|those\s+killed)\b",
    re.IGNORECASE,
)


def _by_responders(before: str, victims: str) -> bool:
    """Whether the clause before a killing verb has police or troops as its subject, and the dead are not a crowd."""
    if not lexicon().responder_subject.search(before):
        return False
    words = {w.strip(",.").lower() for w in victims.split()}
    return not words & lexicon().crowd_nouns


def _lone_name(subject: str, *, number: Literal["singular", "plural", "either"]) -> bool:
    """'Khan' in "Khan was wounded": one capitalised word that is a person's name, not "Police" or "Civilians"."""
    word = subject.strip(" ,")
    if number == "plural" or not re.fullmatch(r"(?-i:[A-Z][a-z][\w'’-]+)", word):
        return False
    lowered = word.lower()
    if lowered in lexicon().not_names or parse_count(word) is not None:
        return False
    # "Reyes was killed" is one person; "Civilians died" could be many
    return number == "singular" or not (lowered.endswith("s") and not lowered.endswith("ss"))


def _clause_start(text: str, start: int) -> int:
    """Where the clause holding ``start`` begins (after the last . ; : before it)."""
    cut = max(text.rfind(mark, 0, start) for mark in ".;:!?")
    begin = cut + 1
    while begin < start and text[begin].isspace():
        begin += 1
    return begin


def _at_clause_start(text: str, start: int) -> bool:
    """Whether a subject at ``start`` opens a clause ("...; the officer and two ...", not "hit the market and 12 ...")."""
    before = text[:start].rstrip()
    return (
        not before
        or before[-1] in ".!?;:,"
        or bool(re.search(r"\b(?:and|but|while|when|as|after|whereas)$", before, re.IGNORECASE))
    )


def find_casualties(text: str, offset: int = 0) -> list[CasualtyMention]:
    """Every killed/injured count in ``text`` (one sentence or more); spans shifted by ``offset``."""
    lex = lexicon()
    found: list[CasualtyMention] = []
    original, text = text, _mask_asides(text)
    lowered = text.lower()

    def add(kind: Kind, count: Count | None, start: int, end: int, noun: str, attackers: bool) -> None:
        if count is None:
            return
        end = start + len(original[start:end].rstrip(" ,"))
        additional = (
            bool(_ADDITIONAL.match(original, start))
            or bool(
                re.search(r"\bothers?\b[^.;]*\balso\b", original[start:end], re.IGNORECASE)
                # "Her bodyguard was also killed": one more, beside the one already told
                or re.search(
                    r"\b(?:was|were|had\s+been|have\s+been)\s+also\b", original[start:end], re.IGNORECASE
                )
            )
        )
        combined = bool(_COMBINED.match(original, end))
        before = re.split(r"[.;!?]", original[max(0, start - 40) : start])[-1]
        found.append(
            CasualtyMention(
                kind,
                count,
                offset + start,
                offset + end,
                original[start:end],
                attackers,
                noun,
                additional,
                combined,
                update=bool(_UPDATE.search(before + original[start:end])),
                superseded=bool(_SUPERSEDED.search(before)),
            )
        )

    for match in lex.name_and_kin.finditer(text):
        kin = read_people(match.group("rest"))
        if kin is None or kin.victims is None or kin.end < len(match.group("rest")):
            continue
        kind_kin: Kind = "killed" if match.group("killed") else "injured"
        add(kind_kin, _plus(kin.victims, 1), match.start(), match.end(), match.group(0), False)

    for match in lex.listed.finditer(text):
        kind_listed: Kind = "killed" if match.group("killed") else "injured"
        listed_victims, attackers_listed = 0, 0
        for part in re.split(r",\s+(?:and\s+)?|\s+and\s+", match.group("items")):
            words = part.split()
            value = 1 if words and words[0].lower() in {"a", "an"} else None
            if value is None:
                head = re.match(lex.count_pattern, part, re.IGNORECASE)
                parsed = _count_from(head) if head else None
                value = parsed.value if parsed else None
            if value is None:
                continue
            if _is_attacker(part):
                attackers_listed += value
            else:
                listed_victims += value
        start, end = match.start(), match.end()
        if listed_victims:
            add(
                kind_listed,
                Count(listed_victims, listed_victims, listed_victims, "exact"),
                start,
                end,
                match.group("items"),
                False,
            )
        if attackers_listed and kind_listed == "killed":
            add(
                "killed",
                Count(attackers_listed, attackers_listed, attackers_listed, "exact"),
                start,
                end,
                "",
                True,
            )

    for match in lex.passive.finditer(text):
        noun = match.group("noun") or ""
        count = _count_from(match)
        if count is None:
            continue
        if re.search(r"\b(?:and|or)\s*$", noun, re.I):
            continue
        if re.fullmatch(r"\s*of\s+(?:the|them|those)\s*", noun, re.I):
            continue  # "Two of the injured are in critical condition": a share of a toll told elsewhere
        kind: Kind = "killed" if match.group("killed") else "injured"
        verb = (match.group("killed") or match.group("injured")).lower()
        if kind == "injured" and verb == "casualties" and "no" in match.group("count").lower():
            continue
        if match.group("next") and not match.group("aux").strip() and verb.split()[0] in _PARTICIPLES:
            continue  # "a gunman ... killed 49 people": active voice, the count is the killer
        if match.group("num") and match.group("num").lower() in {"a", "an"}:
            if not match.group("aux").strip() and verb.split()[0] in _PARTICIPLES:
                continue
            if re.match(r"\s*(?:\d[\d,]*\s|further|more|total)", noun, re.I):
                continue
            if noun.split()[:1] and noun.split()[0].lower() in lex.ordinals:
                continue  # "a third victim died": the toll so far, read with the later deaths
        start, end = match.start("count"), match.end()
        if match.group("named") and _at_clause_start(text, match.start()):
            start = match.start()
        victims: Count | None = count
        attackers: Count | None = None
        people = read_people(text, start)
        clause_begin = _clause_start(text, start)
        if clause_begin < start and people is not None:
            # "Nine guests, two guards and all four attackers were killed": the list began earlier
            whole = read_people(text, clause_begin)
            if whole is not None and whole.end == people.end and whole.parts > people.parts:
                people, start = whole, clause_begin
        if start < match.start("count") and (people is None or people.end <= match.start("count")):
            # "Bhutto and at least 20 other people": each one named before the count is one more
            lead = len(re.split(r",\s+", match.group("named")))
            people = read_people(text, match.start("count"))
            if people is not None and people.victims is not None:
                people = People(
                    _plus(people.victims, lead),
                    people.attackers,
                    people.end,
                    people.parts,
                    people.victim_parts,
                )
        if people is not None and people.end <= match.start("aux") + 1:
            victims = (
                people.victims if people.victims is not None else (count if people.victim_parts else None)
            )
            attackers = people.attackers
            if people.victim_parts == 0:
                victims = Count(0, 0, 0, "exact")
        elif _is_attacker(noun):
            victims, attackers = Count(0, 0, 0, "exact"), count
        if victims is None:
            continue
        clause, clause_kind = match.group("incl"), match.group("ikind") or ""
        trailing = _TRAILING_INCLUDING.match(original[match.end() :])
        if not clause and trailing:
            # "Seven people were killed, including two assailants"
            clause, clause_kind = trailing.group("incl"), trailing.group("ikind")
        if clause and _is_attacker(clause) and kind == "killed":
            extra = _included_attackers(clause)
            if re.match(r"including|among", clause_kind, re.I) and victims.value > extra:
                victims = _plus(victims, -extra)
            attackers = _plus(attackers, extra) if attackers else Count(extra, extra, extra, "exact")
        if victims.value > 0 or attackers is None:
            add(kind, victims, start, end, noun, False)
        if attackers is not None:
            add(kind, attackers, start, end, clause or noun, True)

    for match in lex.subjects.finditer(text):
        # "The officer and the driver were injured", "Amess died at the scene", "Roy was killed"
        subject = match.group("subj")
        if lex.later_death.match(text, match.start()):
            continue  # "A third victim died": the toll so far, read below
        people = read_people(subject)
        aux = (match.group("aux") or "").lower()
        if people is None and _lone_name(
            subject,
            number="plural"
            if re.match(r"were|have|are", aux)
            else "singular"
            if re.match(r"was|has|is", aux)
            else "either",
        ):
            people = People(_ONE, None, len(subject), 1, 1)
        if people is None or people.end < len(subject.rstrip(" ,")):
            continue
        kind = "injured" if match.group("injured") or match.group("hurt") else "killed"
        after = text[match.end() :]
        if kind == "injured" and _THEN_DIED.match(after):
            kind = "killed"  # "The officer was seriously hurt and died in hospital": one dead, not hurt
        named_only = bool(re.fullmatch(r"(?-i:[A-Z][\w'’ -]+)", subject.strip())) and not re.match(
            _DETERMINER, subject.strip(), re.IGNORECASE
        )
        if named_only and lex.by_responders.match(after):
            # "Coulibaly was shot dead by police": a named man killed by the police is the attacker
            people = People(None, _ONE, people.end, 1, 0)
        end = match.end()
        along = _ALONG_WITH.match(text, end) if kind == "killed" else None
        company = read_people(text, along.end()) if along else None
        if company is not None and company.victims is not None and company.victim_parts:
            # "The bomber ... died along with nine others"
            end = company.end
            base = people.victims if people.victims is not None and people.victim_parts else None
            victims = _plus(base, company.victims.value) if base else company.victims
            people = People(victims, people.attackers, people.end, 2, 1)
        if people.victims is not None and people.victim_parts:
            add(kind, people.victims, match.start(), end, subject, False)
        if people.attackers is not None:
            add(kind, people.attackers, match.start(), end, subject, True)

    active_starts: set[int] = set()
    for match in lex.active_verbs.finditer(text):
        people = read_people(text, match.end())
        if people is None:
            continue
        hurt = bool(match.group("iverb")) and match.group("iverb").lower().startswith("hurt")
        if hurt and not re.match(rf"(?!an?\s){lex.count_pattern}", text[match.end() :], re.IGNORECASE):
            continue  # "hurting China's economy": only a count makes "hurt" a toll
        active_starts.add(match.start())
        kind = "killed" if match.group("kverb") else "injured"
        end = people.end
        if kind == "injured" and re.match(r"[^.;,]{0,30}?\bto\s+death\b", text[end:]):
            kind = "killed"  # "stabbed two guards to death"
            end += re.match(r"[^.;,]{0,30}?\bto\s+death\b", text[end:]).end()  # type: ignore[union-attr]
        noun = text[match.end() : people.end]
        if kind == "killed" and people.victims is not None and _by_responders(text[: match.start()], noun):
            # "Police shot dead the five men": whom the police kill in an attack are the attackers
            people = People(None, people.victims, people.end, people.parts, 0)
        victims, attackers = people.victims, people.attackers
        trailing = _TRAILING_INCLUDING.match(text[end:])
        if kind == "killed" and victims is not None and trailing and _is_attacker(trailing.group("incl")):
            # "killing 12 people, including the bomber": 11 victims and the bomber
            extra = _included_attackers(trailing.group("incl"))
            if re.match(r"including|among", trailing.group("ikind"), re.I) and victims.value > extra:
                victims = _plus(victims, -extra)
            attackers = _plus(attackers, extra) if attackers else Count(extra, extra, extra, "exact")
        if victims is not None and people.victim_parts:
            add(kind, victims, match.start(), end, noun, False)
        if attackers is not None:
            add(kind, attackers, match.start(), end, noun, True)

    for match in lex.active.finditer(text) if re.search(r"\blea?[fv]", lowered) else ():
        if match.start() in active_starts:
            continue
        if match.group("one"):
            phrase = match.group("one")
            if match.group("lverb") and not match.group("oneleft"):
                continue
            count_one: Count | None = Count(1, 1, 1, "exact")
            noun = phrase
            end = match.end()
        else:
            count_one = _count_from(match)
            noun = match.group("noun") or ""
            end = match.end()
        if match.group("lverb"):
            if match.group("ldead") or (match.group("oneleft") or "").lower() == "dead":
                kind = "killed"
            elif match.group("linjured") or match.group("oneleft"):
                kind = "injured"
            else:
                continue
        else:
            continue  # read above as a noun phrase, or not a count of people at all
        if count_one is None:
            continue
        add(kind, count_one, match.start(), end, noun, _is_attacker(noun))

    for match in lex.vague_deaths.finditer(text):
        found.append(
            CasualtyMention(
                "killed",
                Count(0, 0, 0, "unknown"),
                offset + match.start(),
                offset + match.end(),
                original[match.start() : match.end()],
                vague=True,
            )
        )

    for match in _AMONG_THE_DEAD.finditer(text):
        how_many = _included_attackers(match.group("who"))
        if how_many and _is_attacker(match.group("who")):
            found.append(
                CasualtyMention(
                    "killed",
                    Count(how_many, how_many, how_many, "exact"),
                    offset + match.start(),
                    offset + match.end(),
                    original[match.start() : match.end()],
                    attackers=True,
                    among_victims=True,
                )
            )

    for match in _VICTIMS_NAMED.finditer(original):
        # "The victims, a police officer and his brother, were killed"
        people = read_people(match.group("who"))
        victims = (
            people.victims if people is not None and people.end >= len(match.group("who").rstrip()) else None
        )
        if match.group("number") and parse_count(match.group("number")) is not None:
            victims = parse_count(match.group("number"))  # "The three victims, all farmers, ..."
        elif victims is None and not match.group("plural"):
            victims = _ONE  # "The victim, identified as ..., was killed"
        kind = "injured" if match.group("injured") else "killed"
        add(kind, victims, match.start(), match.end(), match.group("who"), False)

    for match in _SHOT_DEAD.finditer(text):
        people = read_people(match.group("who"))
        if people is None or people.end < len(match.group("who")):
            continue
        if people.victims is not None and _by_responders(text[: match.start()], match.group("who")):
            people = People(None, people.victims, people.end, people.parts, 0)
        if people.victims is not None and people.victim_parts:
            add("killed", people.victims, match.start(), match.end(), match.group("who"), False)
        if people.attackers is not None:
            add("killed", people.attackers, match.start(), match.end(), match.group("who"), True)

    for match in _WHO_WAS.finditer(text):
        named_one: Count | None = _ONE
        rest = match.group("rest")
        if rest:
            company = read_people(rest)
            named_one = (
                _plus(company.victims, 1) if company is not None and company.victims is not None else None
            )
        who_kind: Kind = "killed" if match.group("kind").lower() == "killed" else "injured"
        add(who_kind, named_one, match.start() + 1, match.end(), match.group(0), False)

    for match in _TO_DEATH.finditer(text):
        who = match.group("who")
        if who[:1].isupper() and not re.match(r"(?:The|An?|His|Her|Two|Three|Four|Five|Both|All)\b", who):
            add("killed", _ONE, match.start(), match.end(), who, False)  # one person, named
            continue
        people = read_people(who)
        if people is not None and people.victims is not None and people.end >= len(who):
            add("killed", people.victims, match.start(), match.end(), who, False)

    for match in _THEN_HIMSELF.finditer(text):
        # "he shot his mother and then himself": one more victim, and the attacker
        people = read_people(match.group("who"))
        if people is None or people.victims is None or people.end < len(match.group("who")):
            continue
        found.append(
            CasualtyMention(
                "killed",
                people.victims,
                offset + match.start(),
                offset + match.end(),
                original[match.start() : match.end()],
                noun=match.group("who"),
                additional=True,
            )
        )

    for match in lex.attacker_died.finditer(text):
        add("killed", _ONE, match.start(), match.end(), "", True)

    for match in _SHOT_IN.finditer(text):
        # "shot the activist in the head": wounded, unless the sentence goes on to a death
        if re.search(r"\b(?:fatally|killing|killed|dead|died|death)\b", text[match.end() :], re.IGNORECASE):
            continue
        people = read_people(match.group("who"))
        if people is None or people.victims is None or people.end < len(match.group("who").rstrip()):
            continue
        attacker = _by_responders(text[: match.start()], match.group("who"))
        add("injured", people.victims, match.start(), match.end(), match.group("who"), attacker)

    for match in lex.bodies.finditer(text) if "bodies" in lowered else ():
        if match.group("of") or match.group("tail"):
            add("killed", _count_from(match), match.start(), match.end(), "bodies", False)

    for match in _BODIES_OF.finditer(text) if re.search(r"bod|remains|corpse|heads", lowered) else ():
        if match.group("one"):
            # "Mitrione's body was found": the hostage, dead, on top of any toll told before
            found.append(
                CasualtyMention(
                    "killed",
                    _ONE,
                    offset + match.start(),
                    offset + match.end(),
                    match.group(0),
                    additional=True,
                )
            )
            continue
        people = read_people(text, match.end("of"))
        if (
            people is not None
            and people.victims is not None
            and re.match(
                r"\s+(?:were|had\s+been|have\s+been)\s+(?:later\s+)?(?:found|discovered|recovered)",
                text[people.end :],
            )
        ):
            # "The bodies of the two German students and the South Korean woman were found": 3
            add("killed", people.victims, match.start(), people.end, "bodies", False)

    for match in lex.lives.finditer(text) if "lives" in lowered else ():
        if match.group("pre") or match.group("lost"):
            add("killed", _count_from(match), match.start(), match.end(), "lives", False)

    for match in lex.later_death.finditer(text):
        value = lex.ordinals[match.group("ord").lower()]
        if _is_attacker(match.group("noun")):
            # "A third assailant was killed": one more attacker (the others are counted where named)
            add("killed", _ONE, match.start(), match.end(), match.group("noun"), True)
            continue
        add(
            "killed",
            Count(value, value, value, "exact"),
            match.start(),
            match.end(),
            match.group("noun"),
            False,
        )

    for match in lex.with_wounds.finditer(text) if " with " in lowered else ():
        add("injured", _count_from(match), match.start(), match.end(), "", False)

    for match in lex.toll.finditer(text):
        add("killed", _count_from(match), match.start(), match.end(), "", False)

    for match in lex.injured_toll.finditer(text):
        add("injured", _count_from(match), match.start(), match.end(), "", False)

    for match in _FATALLY.finditer(text):
        # "Three people were stabbed, one fatally": one killed, two wounded
        count = parse_count(match.group("count"))
        if count is None:
            continue
        add("killed", count, match.start("count"), match.end(), "", False)
        total = parse_count(match.group("total")) if match.group("total") else None
        if total is not None and total.value > count.value:
            survivors = total.value - count.value
            add(
                "injured",
                Count(survivors, survivors, survivors, "exact"),
                match.start(),
                match.end(),
                "",
                False,
            )

    for match in _WOUNDED_DIED.finditer(text):
        count = parse_count(match.group("count"))
        if count is not None:
            # "Two of the wounded later died": deaths on top of those already counted
            found.append(
                CasualtyMention(
                    "killed",
                    count,
                    offset + match.start(),
                    offset + match.end(),
                    match.group(0),
                    additional=True,
                )
            )

    for match in lex.none_reported.finditer(text):
        phrase = match.group(0).lower()
        zero = Count(0, 0, 0, "exact")
        # "no one was hurt" and "no injuries" say that no one died either
        if not re.search(r"\b(?:killed|deaths?|dead|died|fatalities|fatal)\b", phrase) or re.search(
            r"casualties|harmed", phrase
        ):
            add("injured", zero, match.start(), match.end(), "", False)
        add("killed", zero, match.start(), match.end(), "", False)

    return _dedupe(_spelled_out(found, text, offset))


def _spelled_out(found: list[CasualtyMention], text: str, offset: int) -> list[CasualtyMention]:
    """ "Thirteen people were killed: five soldiers, four contractors and four of the assailants": the
    list after the colon takes the attackers out of the victims' count."""
    result: list[CasualtyMention] = []
    for mention in found:
        local_end = mention.end - offset
        colon = re.match(r"\s*[:—–]\s*", text[local_end:])
        people = read_people(text, local_end + colon.end()) if colon and not mention.attackers else None
        if (
            people is None
            or not people.attackers
            or people.victims is None
            or people.victims.value + people.attackers.value != mention.count.value
        ):
            result.append(mention)
            continue
        result.append(replace(mention, count=people.victims))
        result.append(replace(mention, count=people.attackers, attackers=True))
    return result


def _dedupe(found: list[CasualtyMention]) -> list[CasualtyMention]:
    """One reading per stretch of text: nested or overlapping matches of the same kind keep the longer."""
    # Numbers first: a vague "several were killed" only stands where no count was read.
    found.sort(key=lambda m: (m.vague, m.start, -(m.end - m.start)))
    kept: list[CasualtyMention] = []
    for mention in found:
        clash = next(
            (
                k
                for k in kept
                if k.kind == mention.kind
                and k.attackers == mention.attackers
                and mention.start < k.end
                and k.start < mention.end
            ),
            None,
        )
        if clash is None:
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


def combine(mentions: list[CasualtyMention]) -> Casualties:
    """The event's figure from all its mentions: the largest reported count (reports rise, rarely fall)."""
    if not mentions:
        return Casualties()
    best = max(mentions, key=lambda m: (m.count.value, m.count.qualifier == "exact"))
    return best.to_casualties()


@dataclass(frozen=True)
class EventTolls:
    killed: Casualties
    injured: Casualties
    attackers_killed: Casualties | None


def event_tolls(mentions: list[CasualtyMention], *, combatant_toll: bool) -> EventTolls:
    """One event's killed, injured and attackers killed from the casualty mentions of its sentences.

    In air strikes, shelling and armed clashes every death is counted as a fatality (ACLED), so
    fighters on either side are not set apart as attackers.
    """
    untold = [m for m in mentions if m.vague]
    deaths_untold = bool(untold)
    mentions = [m for m in mentions if not m.vague]
    own = [m for m in mentions if not m.combined and m.count.value > 0]
    if own:
        # An event with a toll of its own takes no part of a toll shared with other acts
        # ("killing 26 ... More than 100 were injured in the two attacks").
        mentions = [m for m in mentions if not m.combined]
    if combatant_toll:
        mentions = _one_phrase_one_toll(mentions)
    killed, injured, attackers = [], [], []
    for mention in mentions:
        if mention.attackers and not combatant_toll:
            if mention.kind == "killed":
                attackers.append(mention)
        elif mention.kind == "killed":
            killed.append(mention)
        else:
            injured.append(mention)
    victims_hurt = any(m.count.value > 0 for m in injured)
    attackers_dead = any(m.count.value > 0 for m in attackers)
    if not killed and (victims_hurt or attackers_dead) and not deaths_untold:
        # A report names deaths when there are any: "133 people were injured", "the bomber was
        # killed and 15 people were injured" -> no victim died.
        evidence = next(m for m in [*injured, *attackers] if m.count.value > 0)
        zero = CasualtyMention("killed", Count(0, 0, 0, "exact"), evidence.start, evidence.end, evidence.text)
        killed = [zero]
    among = [m for m in attackers if m.among_victims]
    toll = _both_sides(killed) if combatant_toll else latest_or_largest(killed)
    if toll.value is None and untold:
        # "several people were killed": no figure, but the evidence that deaths were told
        toll = Casualties(evidence=Evidence(start=untold[0].start, end=untold[0].end, text=untold[0].text))
    if among and len(among) == len(attackers) and toll.value:
        # "12 people were killed ... the bomber was among the dead": 11 victims
        extra = sum(m.count.value for m in among)
        if toll.value > extra:
            toll = toll.model_copy(
                update={
                    "value": toll.value - extra,
                    "low": (toll.low or 0) - extra,
                    "high": (toll.high or 0) - extra,
                }
            )
    return EventTolls(
        killed=toll,
        injured=latest_or_largest(injured),
        attackers_killed=combine(attackers) if attackers else None,
    )


def _both_sides(killed: list[CasualtyMention]) -> Casualties:
    """A clash's fatalities: "Four soldiers were killed ... 12 militants were also killed" is 16.

    Each side's toll is read apart and the two added, unless the largest figure speaks of
    "people" or "casualties", a total that may already hold both sides.
    """
    fighters = [m for m in killed if m.attackers and not m.among_victims]
    others = [m for m in killed if not m.attackers]
    if not fighters or not others:
        return latest_or_largest([m for m in killed if not m.among_victims] or killed)
    side, other_side = latest_or_largest(others), latest_or_largest(fighters)
    generic = lexicon().generic_nouns
    largest = max(others, key=lambda m: m.count.value)
    if set(largest.noun.lower().split()) & generic or side.value is None or other_side.value is None:
        return latest_or_largest(killed)
    total = side.value + other_side.value
    return side.model_copy(update={"value": total, "low": total, "high": total})


def _one_phrase_one_toll(mentions: list[CasualtyMention]) -> list[CasualtyMention]:
    """Victims and attackers read from one phrase, as one toll: "two soldiers and three militants" is 5."""
    merged: dict[tuple[str, int, int], CasualtyMention] = {}
    for mention in mentions:
        key = (mention.kind, mention.start, mention.end)
        if key in merged and not mention.among_victims:
            first = merged[key]
            merged[key] = replace(first, count=_plus(first.count, mention.count.value), attackers=False)
        else:
            merged[key] = mention
    return list(merged.values())


_DETERMINED = re.compile(r"^(?:a|an|the|his|her|their|its|one|another)\s+", re.IGNORECASE)


def _determined_noun(mention: CasualtyMention) -> str:
    """The victim noun without its determiner ('a nurse' -> 'nurse'); empty when none is told."""
    noun = mention.noun.strip()
    if not noun:
        return ""
    told = _DETERMINED.match(noun)
    if told:
        return noun[told.end() :]
    if re.search(
        r"\b(?:a|an|the|his|her|their|its|one|another)\s+" + re.escape(noun), mention.text, re.IGNORECASE
    ):
        return noun
    return ""


def _may_be_same_person(first: str, second: str) -> bool:
    """Whether two victim nouns may name one person: 'policewoman' / 'woman', 'policeman' / 'officer'."""
    lex = lexicon()
    words_a = {w.strip(",'’") for w in first.lower().split()}
    words_b = {w.strip(",'’") for w in second.lower().split()}
    if not words_a or not words_b or (words_a | words_b) & lex.anyone_nouns:
        return True
    if any(a in b or b in a for a in words_a for b in words_b):
        return True
    return any(words_a & group and words_b & group for group in lex.same_person_groups)


def _single_victims_apart(mentions: list[CasualtyMention]) -> Casualties | None:
    """'stabbed a police officer to death ... The assailant killed the woman': two people, one by one.

    Only when every figure is a single, determined victim ('a police officer', 'the woman') and no
    two of them may name the same person; a total or a restatement leaves the largest figure to decide.
    """
    if len(mentions) < 2 or any(m.count.value != 1 or m.count.qualifier != "exact" for m in mentions):
        return None
    if any(m.attackers or m.additional or m.update for m in mentions):
        return None
    nouns = [_determined_noun(m) for m in mentions]
    if not all(nouns):
        return None  # a name ("Roy was killed") or a bare word may restate anyone
    if any(_may_be_same_person(a, b) for i, a in enumerate(nouns) for b in nouns[i + 1 :]):
        return None
    total = len(mentions)
    first = mentions[0].to_casualties()
    return first.model_copy(update={"value": total, "low": total, "high": total})


def latest_or_largest(mentions: list[CasualtyMention]) -> Casualties:
    """A toll that 'rose to' is the latest; otherwise the largest figure reported."""
    if not mentions:
        return Casualties()
    current = [m for m in mentions if not m.superseded]
    mentions = current or mentions  # "officials had earlier put the toll at 9"
    updates = [m for m in mentions if m.update]
    if updates:
        return updates[-1].to_casualties()
    singles = _single_victims_apart(mentions)
    if singles is not None:
        return singles
    # "killing a passenger ... he killed two more people": more victims, added to the rest.
    more = [m for m in mentions if m.additional]
    rest = [m for m in mentions if m not in more]
    if more and rest:
        base = combine(rest)
        extra = sum(m.count.value for m in more)
        if base.value is not None:
            return base.model_copy(
                update={
                    "value": base.value + extra,
                    "low": (base.low or 0) + extra,
                    "high": (base.high or 0) + extra,
                }
            )
    return combine(mentions)
