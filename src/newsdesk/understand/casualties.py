"""Killed and injured counts, with their qualifiers, read from report sentences.

A count is a numeral ("12", "1,200"), number words ("twenty-three", "a hundred"), a vague
quantity read conservatively as ACLED does ("dozens" → 12, "hundreds" → 100), optionally
qualified ("at least", "more than", "about", "up to") or a range ("10 to 12", "between 10
and 12", whose conservative value is the low end). Attackers are counted apart from
victims: "the assailant was killed" is an attacker death, and "39 people, including the
gunman, were killed" is 38 victims and one attacker. Figures beyond reason (more than
``max_plausible``) are not believed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
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
    scales: dict[str, int]
    vague: dict[str, int]
    qualifiers: dict[str, Qualifier]
    attacker_nouns: frozenset[str]
    max_plausible: int
    count_pattern: str
    passive: re.Pattern[str]
    active: re.Pattern[str]
    toll: re.Pattern[str]
    definite: re.Pattern[str]
    conjoined: re.Pattern[str]
    none_reported: re.Pattern[str]
    listed: re.Pattern[str]


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
    stop = r"(?!(?:said|say|says|told|when|after|before|while|who|which|that|but|was|were|had|has|have|is|are|been|as|if|than)\b)"
    noun = rf"(?P<noun>(?:{stop}[A-Za-z\d][\w'’-]*\s+){{0,7}}?(?:[A-Za-z][\w'’-]*(?=,))?)"
    # ", including the bomber," / ", in addition to the bomber," / ", mostly students," / ", who wore vests,"
    including = (
        r"(?:,?\s*(?P<ikind>including|among\s+them|in\s+addition\s+to|not\s+including|excluding|besides|plus)\s+"
        r"(?P<incl>[^.;]{1,80}?),?\s+(?=(?:were|was|have|has|had|are|is|died|all|also|reportedly)\b)|,\s*(?P<paren>[^,.;]{1,70}?)(?:,\s+|\s{3,}))?"
    )
    auxiliary = r"(?:(?:were|was|have\s+been|has\s+been|had\s+been|are|is|being|been|reportedly|also|later|still|all|now|both|feared|believed\s+to\s+be|confirmed|left|lay|are\s+feared)\s+){0,3}"
    adverb = (
        r"(?:(?:\w+ly|critically|seriously|badly|gravely|slightly|fatally|mortally)\s+){0,2}"
        r"(?:(?:struck|shot|hit|stabbed|attacked|beaten|caught)\s+and\s+)?"
    )
    killed = _alternation(data["killed_words"])
    injured = _alternation(data["injured_words"])
    named = r"(?:(?-i:(?P<named>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}))\s+and\s+)?"
    # "Four assailants, seven police officers, two civilians and a tourist were killed"
    plain = re.sub(r"\?P<\w+>", "?:", count)
    item = rf"(?:{plain})\s+(?:[A-Za-z][\w'’-]*\s+){{0,3}}?[A-Za-z][\w'’-]*"
    listed = re.compile(
        rf"(?<![\w,.])(?P<items>{item}(?:,\s+{item}){{1,8}},?\s+and\s+{item})\s+"
        rf"(?:were|have\s+been|had\s+been|are)\s+(?:\w+ly\s+|also\s+|reportedly\s+)?(?:(?P<killed>killed|dead)|(?P<injured>injured|wounded|hurt))\b",
        re.IGNORECASE,
    )
    passive = re.compile(
        rf"(?<![\w,.]){named}(?P<count>{count})\s+{noun}{including}(?P<aux>{auxiliary}){adverb}"
        rf"(?:(?P<killed>{killed})|(?P<injured>{injured}))\b(?P<next>\s+(?:the|a|an|his|her|their|at\s+least|more\s+than|about|some|\d+|one|two|three|four|five|six|seven|eight|nine|ten|dozens|scores|hundreds)\b)?",
        re.IGNORECASE,
    )
    left = _alternation(data["left_verbs"])
    active = re.compile(
        rf"\b(?:(?P<kverb>{_alternation(data['active_killed'])})|(?P<iverb>{_alternation(data['active_injured'])})|(?P<lverb>{left}))"
        rf"\s+(?:(?P<count>{count})(?:\s+{noun}(?:(?P<ldead>dead)|(?P<linjured>injured|wounded|hurt))?)?"
        r"|(?P<one>(?:the|a|an)\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]*[^s\W](?=[\s,.;])|him|her)(?:\s+(?P<oneleft>dead|injured|wounded))?)",
        re.IGNORECASE,
    )
    conjoined = re.compile(
        rf"^\s*(?:[A-Za-z][\w'’.-]*\s+){{0,6}}?,?\s*and\s+(?:then\s+|also\s+)?(?P<count>{count})\s+(?P<noun>(?:{stop}[A-Za-z][\w'’-]*\s*){{1,4}})",
        re.IGNORECASE,
    )
    toll = re.compile(
        rf"(?<!earlier\s)(?<!initial\s)(?<!previous\s)\b(?:death\s+toll|toll|number\s+of\s+(?:the\s+)?dead|fatalities)\b[^.;]{{0,140}}?\b(?:to|at|of|reached|is|was|stands\s+at|hit)\s+(?!(?:a|an|the)\s)(?P<count>{count})",
        re.IGNORECASE,
    )
    none_reported = re.compile(rf"\b(?:{_alternation(data['no_casualties'])})\b", re.IGNORECASE)
    # "The Labour MP died", "the bomber was killed": one person, named by a definite noun phrase.
    definite = re.compile(
        rf"(?<![\w,.])(?:[Tt]he|[Hh]is|[Hh]er)\s+(?P<noun>(?:{stop}[A-Za-z\d][\w'’-]*\s+){{0,4}}?[A-Za-z][\w'’-]*[^s\W])\s+"
        r"(?:(?P<aux>(?:was|has\s+been|had\s+been)\s+(?:(?:also|later|reportedly|fatally|critically|seriously|badly|\w+ly)\s+)?)"
        rf"(?:(?P<killed>{killed})|(?P<injured>{injured}))|(?P<died>died|was\s+shot\s+dead|was\s+stabbed\s+to\s+death))\b"
    )
    return Lexicon(
        units=units,
        scales=scales,
        vague=vague,
        qualifiers=data["qualifiers"],
        attacker_nouns=frozenset(data["attacker_nouns"]),
        max_plausible=int(data["max_plausible"]),
        count_pattern=count,
        passive=passive,
        active=active,
        toll=toll,
        definite=definite,
        conjoined=conjoined,
        none_reported=none_reported,
        listed=listed,
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


def _included_attackers(clause: str | None) -> int:
    """How many attackers an 'including …' clause adds to a total ("the gunman" → 1, "three attackers" → 3)."""
    if not clause or not _is_attacker(clause):
        return 0
    head = clause.lower().split()[0]
    if head in {"the", "a", "an", "one"}:
        return 1 if not clause.lower().rstrip().endswith("s") else 2
    value = number_value(head)
    return value if value is not None else 1


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
}
_NOT_NAMES = {"police", "officials", "authorities", "witnesses", "security", "the", "they", "he", "she"}


def _plus(count: Count, extra: int) -> Count:
    return Count(count.value + extra, count.low + extra, count.high + extra, count.qualifier)


def _split_conjoined(count: Count, noun: str) -> tuple[Count, Count | None]:
    """'20 hostages and two assailants' → (20 victims, 2 attackers); '2 officers and a civilian' → (3, None)."""
    parts = [
        re.sub(r"^\s*(?:all|both|the\s+other|other|another|also)\s+", " ", part)
        for part in re.split(r"\band\b", noun)
    ]
    victims, attackers = count, None
    if _is_attacker(parts[0]) and len(parts) > 1:
        victims, attackers = Count(0, 0, 0, "exact"), count
    for part in parts[1:]:
        words = part.split()
        if not words:
            continue
        value = number_value(words[0]) if words[0].lower() not in {"a", "an", "the"} else 1
        if not value:
            continue
        if _is_attacker(part):
            attackers = _plus(attackers, value) if attackers else Count(value, value, value, "exact")
        else:
            victims = _plus(victims, value)
    return victims, attackers


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
    # "men who had been sleeping in their cars were killed"
    re.compile(
        r"\s(?:who|that)\s+[^,.;]{1,60}?(?=\s+(?:were|was)\s+(?:\w+\s+)?(?:killed|injured|wounded|hurt|dead))",
        re.I,
    ),
]


_TRAILING_INCLUDING = re.compile(
    r"^,?\s*(?P<ikind>including|among\s+them|in\s+addition\s+to)\s+(?P<incl>[^,.;]{1,40}?)(?=[,.;]|\s+(?:in|at|on|when|after|during)\b)",
    re.IGNORECASE,
)


def _mask_asides(text: str) -> str:
    """Blank out asides that split a count from its verb; offsets stay the same."""
    for pattern in _ASIDES:
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    # The comma closing a blanked aside before "and two police officers": the list goes on.
    return re.sub(r"(?<=\s\s),(?=\s+(?:and|were|was|have|had|has|are|is)\s)", " ", text)


def find_casualties(text: str, offset: int = 0) -> list[CasualtyMention]:
    """Every killed/injured count in ``text`` (one sentence or more); spans shifted by ``offset``."""
    lex = lexicon()
    found: list[CasualtyMention] = []
    original, text = text, _mask_asides(text)

    def add(kind: Kind, count: Count | None, start: int, end: int, noun: str, attackers: bool) -> None:
        if count is None:
            return
        end = start + len(original[start:end].rstrip(" ,"))
        around = original[max(0, start - 12) : end + 12]
        additional = bool(re.search(r"\b(?:\w+\s+more|another|a\s+further|an\s+additional)\b", around, re.I))
        found.append(
            CasualtyMention(
                kind, count, offset + start, offset + end, original[start:end], attackers, noun, additional
            )
        )

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
        start, end = match.start("count"), match.end()
        if match.group("named") and match.group("named").lower() not in _NOT_NAMES:
            count = _plus(count, 1)
            start = match.start()
        victims, attackers = _split_conjoined(count, noun)
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
        if _is_attacker(noun) and attackers is None:
            add(kind, victims, start, end, noun, True)
            continue
        if victims.value > 0 or attackers is None:
            add(kind, victims, start, end, noun, False)
        if attackers is not None and kind == "killed":
            add("killed", attackers, start, end, clause or noun, True)

    for match in lex.active.finditer(text):
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
            kind = "killed" if match.group("kverb") else "injured"
            if kind == "injured" and re.match(r"[^.;,]{0,30}?\bto\s+death\b", text[end:]):
                kind = "killed"  # "stabbed two guards to death"
        if count_one is None:
            continue
        attacker = _is_attacker(noun)
        follow = lex.conjoined.match(text[end:])
        if follow and not re.search(r"\b(?:wounded|injured|hurt|wounding|injuring)\b", follow.group(0), re.I):
            more = _count_from(follow)
            if more is not None and _is_attacker(follow.group("noun")) == attacker:
                count_one = _plus(count_one, more.value)
                end += follow.end()
        add(kind, count_one, match.start(), end, noun, attacker)

    for match in lex.definite.finditer(text):
        kind = "injured" if match.group("injured") else "killed"
        noun = match.group("noun")
        add(kind, Count(1, 1, 1, "exact"), match.start(), match.end(), noun, _is_attacker(noun))

    for match in lex.toll.finditer(text):
        add("killed", _count_from(match), match.start(), match.end(), "", False)

    for match in lex.none_reported.finditer(text):
        phrase = match.group(0).lower()
        zero = Count(0, 0, 0, "exact")
        if any(word in phrase for word in ("killed", "deaths", "fatalities", "casualties", "harmed")):
            add("killed", zero, match.start(), match.end(), "", False)
        if any(word in phrase for word in ("hurt", "injur", "wounded", "casualties", "harmed")):
            add("injured", zero, match.start(), match.end(), "", False)

    return _dedupe(found)


def _dedupe(found: list[CasualtyMention]) -> list[CasualtyMention]:
    """One reading per stretch of text: nested or overlapping matches of the same kind keep the longer."""
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
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
    return kept


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
    killed, injured, attackers = [], [], []
    for mention in mentions:
        if mention.attackers and not combatant_toll:
            if mention.kind == "killed":
                attackers.append(mention)
        elif mention.kind == "killed":
            killed.append(mention)
        else:
            injured.append(mention)
    return EventTolls(
        killed=latest_or_largest(killed),
        injured=latest_or_largest(injured),
        attackers_killed=combine(attackers) if attackers else None,
    )


def latest_or_largest(mentions: list[CasualtyMention]) -> Casualties:
    """A toll that 'rose to' is the latest; otherwise the largest figure reported."""
    if not mentions:
        return Casualties()
    updates = [
        m for m in mentions if re.search(r"\b(?:rose|risen|climbed|increased|reached|now)\b", m.text, re.I)
    ]
    if updates:
        return updates[-1].to_casualties()
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
