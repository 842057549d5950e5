"""Security events: what happened, when, where, who did it, to whom, with what, and the toll.

The coding follows the spirit of the GTD and ACLED codebooks. Reading goes sentence by
sentence:

1. **Triggers** (``data/event_types.json``) mark sentences that report violence. A trigger
   near a hypothetical, background or accident cue (``data/event_negations.json``: "fears of
   an attack", "the 2015 attacks", "a gas explosion") does not count.
2. **Grouping**: the first reporting sentence opens an event; later ones join it unless they
   name another town or day, or say "separate"/"another" — then they open a new one. So an
   article that tells one story many times yields one record, and a round-up yields several.
3. **Coding** each event from its own sentences: type (strongest, then first-described act),
   date (``dates``), place (``places``), casualties (``casualties``), perpetrator
   (``data/armed_groups.jsonl``, ``data/state_forces.json``, ``data/claim_cues.json``),
   target (``data/targets.json``), weapon (``data/weapons.json``) and the attacker's fate.

Every coded field carries the ``Evidence`` span it was read from (offsets into the text).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache
from typing import Any, Literal

from newsdesk.data import load_json
from newsdesk.model import (
    Article,
    Casualties,
    Entity,
    Event,
    EventDate,
    Evidence,
    Perpetrator,
    Place,
    Target,
    Weapon,
)
from newsdesk.understand import casualties as casualty_reading
from newsdesk.understand.dates import DateMention, find_dates, reference_date
from newsdesk.understand.places import (
    CITY,
    COUNTRY,
    REGION,
    PlaceMention,
    demonym_countries,
    find_places,
    fold,
    gazetteer,
    load_jsonl,
    resolve,
)

Status = Literal["claimed", "suspected", "denied", "unknown"]
Fate = Literal["killed", "arrested", "at_large", "unknown"]

# ---------------------------------------------------------------------- vocabularies


def _literal_length(pattern: str) -> int:
    """Roughly how many characters ``pattern`` matches: longer alternatives must be tried first."""
    pattern = re.sub(r"\(\?:[^()]*\)\?|\[[^\]]*\]\?|.\?", "", pattern)
    pattern = re.sub(r"\[[^\]]*\]", "x", pattern)
    return len(re.sub(r"[()?:*+|\\]", "", pattern))


def _group_end(pattern: str) -> int:
    """Index of the parenthesis closing the group ``pattern`` opens with."""
    depth = 0
    for index, char in enumerate(pattern):
        depth += char == "("
        depth -= char == ")"
        if depth == 0:
            return index
    return len(pattern) - 1


def _first_letters(pattern: str) -> set[str] | None:
    """The letters a match of ``pattern`` can start with, or None when that is not plain to see."""
    while pattern.startswith(("(?<!", "(?<=")):
        pattern = pattern[_group_end(pattern) + 1 :]
    if pattern.startswith("(?:"):
        depth, alternatives, current = 0, [], ""
        for char in pattern[3:]:
            if char == "(":
                depth += 1
            elif char == ")":
                if depth == 0:
                    break
                depth -= 1
            if char == "|" and depth == 0:
                alternatives.append(current)
                current = ""
            else:
                current += char
        alternatives.append(current)
        letters: set[str] = set()
        for alternative in alternatives:
            found = _first_letters(alternative)
            if found is None:
                return None
            letters |= found
        return letters
    if pattern[:1].isalpha():
        return {pattern[0].lower(), pattern[0].upper()}
    return None


def _stems(pattern: str) -> list[str] | None:
    """Literal openings every match of ``pattern`` starts with ('opened fire' → 'opened fire'), or None."""
    while pattern.startswith(("(?<!", "(?<=")):
        pattern = pattern[_group_end(pattern) + 1 :]
    if pattern.startswith("(?:"):
        end = _group_end(pattern)
        inner, rest = pattern[3:end], pattern[end + 1 :]
        if rest.startswith(("?", "*")):
            return None
        depth, alternatives, current = 0, [], ""
        for char in inner:
            depth += char == "("
            depth -= char == ")"
            if char == "|" and depth == 0:
                alternatives.append(current)
                current = ""
            else:
                current += char
        alternatives.append(current)
        stems: list[str] = []
        for alternative in alternatives:
            found = _stems(alternative)
            if found is None:
                return None
            stems += found
        return stems
    literal = re.match(r"[A-Za-z][A-Za-z'’ -]*", pattern)
    if literal is None:
        return None
    stem = literal.group(0)
    if pattern[len(stem) : len(stem) + 1] in {"?", "*", "{"}:
        stem = stem[:-1]
    stem = stem.rstrip(" -")
    return [stem] if len(stem) >= 2 else None


def _stems_pattern(patterns: Sequence[str]) -> re.Pattern[str] | None:
    """One cheap regex of the openings of all triggers: a sentence without any needs no closer look."""
    stems: set[str] = set()
    for pattern in patterns:
        found = _stems(pattern)
        if found is None:
            return None
        stems.update(stem.lower() for stem in found)
    buckets: dict[str, list[str]] = {}
    for stem in sorted(stems, key=len, reverse=True):
        buckets.setdefault(stem[0], []).append(re.escape(stem[1:]))
    branches = [f"{first}(?:{'|'.join(rests)})" for first, rests in sorted(buckets.items())]
    return re.compile(r"(?<![\w-])(?:" + "|".join(branches) + ")", re.IGNORECASE)


def _words(patterns: Iterable[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One case-insensitive whole-word regex for ``patterns``, longer alternatives first.

    Alternatives are bucketed by their first letter behind a one-character lookahead, so at
    each word the engine tries only the alternatives that can start there (the same matches,
    several times faster than one flat alternation)."""
    ordered = sorted(patterns, key=_literal_length, reverse=True)
    buckets: dict[str, list[str]] = {}
    unbucketed: list[str] = []
    for pattern in ordered:
        letters = _first_letters(pattern)
        if letters is None:
            unbucketed.append(pattern)
            continue
        for letter in {letter.lower() for letter in letters}:
            buckets.setdefault(letter, []).append(pattern)
    branches = [*unbucketed]
    for letter, members in sorted(buckets.items()):
        branches.append(f"(?=[{letter}{letter.upper()}])(?:" + "|".join(members) + ")")
    return re.compile(r"(?<![\w-])(?:" + "|".join(branches) + r")(?![\w-])", flags)


@dataclass(frozen=True)
class TypeInfo:
    name: str
    gtd_attacktype: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    weapon: str | None


@dataclass(frozen=True)
class Vocab:
    types: dict[str, TypeInfo]
    triggers: list[tuple[re.Pattern[str], str, int]]
    trigger_stems: re.Pattern[str] | None
    sub_event_overrides: list[tuple[re.Pattern[str], str, str]]
    gtd_overrides: list[tuple[re.Pattern[str], str, str]]
    weapon_to_type: dict[str, str]
    precedence: dict[str, list[str]]
    back_references: dict[str, tuple[re.Pattern[str], frozenset[str]]]
    hierarchy: list[str]
    gtd_hierarchy: list[str]
    unknown_method: re.Pattern[str]
    projectiles: re.Pattern[str]
    firearms: re.Pattern[str]
    raiders: re.Pattern[str]
    raid_acts: re.Pattern[str]
    captive_killed: re.Pattern[str]
    wounding_only: re.Pattern[str]
    targets: list[tuple[re.Pattern[str], str]]
    target_reporting: re.Pattern[str]
    host_nouns: re.Pattern[str]
    host_link: re.Pattern[str]
    container_link: re.Pattern[str]
    vehicle_bombs: re.Pattern[str]
    victim_share: re.Pattern[str]
    figure_institutions: list[tuple[re.Pattern[str], str]]
    weapons: list[tuple[re.Pattern[str], str]]
    vehicle_bomb: re.Pattern[str]
    driver_among_dead: re.Pattern[str]
    negated_weapon: re.Pattern[str]
    claimed: re.Pattern[str]
    no_claim: re.Pattern[str]
    suspected: re.Pattern[str]
    arrested_suspects: re.Pattern[str]
    denied: re.Pattern[str]
    inspiration: re.Pattern[str]
    state_speakers: re.Pattern[str]
    channels: re.Pattern[str]
    anaphora: re.Pattern[str]
    hypothetical: re.Pattern[str]
    not_real: re.Pattern[str]
    operation_subject: re.Pattern[str]
    operation_acts: re.Pattern[str]
    paragraph_wide: re.Pattern[str]
    article_wide: re.Pattern[str]
    article_wide_minimum: int
    background_to_end: re.Pattern[str]
    background: re.Pattern[str]
    later_event: re.Pattern[str]
    next_day: re.Pattern[str]
    earlier_event: re.Pattern[str]
    attacker_acts: re.Pattern[str]
    accident: re.Pattern[str]
    window: int
    groups_exact: re.Pattern[str]
    groups_folded: re.Pattern[str]
    leaders: re.Pattern[str] | None
    leader_groups: dict[str, str]
    group_names: dict[str, str]
    group_parents: dict[str, str]
    state_forces: re.Pattern[str]
    state_names: dict[str, str]
    attacker_nouns: frozenset[str]
    country_actors: re.Pattern[str]
    public_figures: list[tuple[re.Pattern[str], str]]
    figure_aimed: re.Pattern[str]
    figure_present: re.Pattern[str]
    figure_occasion: re.Pattern[str]
    figure_described: re.Pattern[str]
    office_holder: re.Pattern[str]
    person_description: re.Pattern[str]
    ordinary_role: re.Pattern[str]
    place_description: re.Pattern[str]
    figure_aimed_later: re.Pattern[str]
    peerage_place: re.Pattern[str]


# A word of a person's name, with the particle some names carry ("Aqila al-Hashimi", "Ali bin Hassan").
_NAME_WORD = r"(?:(?:al|el|ad|ar|as|ash|bin|ibn|van|von|de|da|du|del|di|la|le)[- ])?[A-Z][\w'’-]+"


@cache
def vocab() -> Vocab:
    spec = load_json("event_types.json")
    types: dict[str, TypeInfo] = {}
    triggers: list[tuple[re.Pattern[str], str, int]] = []
    for name, entry in spec["types"].items():
        types[name] = TypeInfo(
            name,
            entry["gtd_attacktype"],
            entry["acled_event_type"],
            entry["acled_sub_event_type"],
            entry["weapon"],
        )
        for strength, patterns in entry["triggers"].items():
            if patterns:
                triggers.append((_words(patterns), name, int(strength)))
    overrides = [
        (re.compile(item["pattern"], re.IGNORECASE), item["type"], item["acled_sub_event_type"])
        for item in spec["sub_event_overrides"]
    ]
    target_spec = load_json("targets.json")
    weapon_spec = load_json("weapons.json")
    claims = load_json("claim_cues.json")
    negations = load_json("event_negations.json")
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    parents: dict[str, str] = {}
    leaders: dict[str, str] = {}
    for entry in load_jsonl("armed_groups.jsonl"):
        if entry.get("parent"):
            parents[entry["name"]] = entry["parent"]
        for leader in entry.get("leaders", []):
            leaders.setdefault(leader, entry["name"])
        for alias in [entry["name"], *entry.get("aliases", [])]:
            # Short or all-capital aliases ("IS", "ADF") must match exactly; others ignore case.
            if len(alias) <= 4 or alias.isupper():
                exact[alias] = entry["name"]
            else:
                folded[fold(alias)] = entry["name"]
    states = load_json("state_forces.json")
    state_names: dict[str, str] = {}
    state_patterns: list[str] = []
    nouns = "|".join(sorted(states["force_nouns"], key=len, reverse=True))
    for adjective, canonical in states["adjectives"].items():
        state_names[fold(adjective)] = canonical
        state_patterns.append(
            rf"(?P<adj_{len(state_patterns)}>{re.escape(adjective)})(?:-led)?\s+(?:{nouns})"
        )
    coalition_patterns = []
    for name, canonical in states["coalitions"].items():
        state_names[fold(name)] = canonical
        coalition_patterns.append(re.escape(name))
    state_regex = re.compile(
        r"(?<![\w-])(?:(?P<coalition>" + "|".join(sorted(coalition_patterns, key=len, reverse=True)) + r")"
        r"|(?P<adjective>"
        + "|".join(sorted((re.escape(a) for a in states["adjectives"]), key=len, reverse=True))
        + r")"
        # "Afghan Air Force helicopters": the force's own name is capitalised
        r"(?:-led)?\s+(?i:"
        + nouns
        + r"))(?![\w-])"
        + r"(?!\s+(?:"
        + "|".join(states["member_nouns"])
        + r")\b)"
    )
    casualty_cues = load_json("casualty_cues.json")
    actors = states["countries_as_actors"]
    for name, canonical in actors["names"].items():
        state_names[fold(name)] = canonical
    country_actors = re.compile(
        r"(?<![\w-])(?P<name>"
        + "|".join(re.escape(n) for n in sorted(actors["names"], key=len, reverse=True))
        + r")"
        r"\s+(?:\w+\s+)?" + actors["verbs"] + r"\b"
    )
    roles = target_spec["public_figure_roles"]
    figures = []
    for figure_type, titles in target_spec["public_figures"].items():
        if figure_type.startswith("_"):
            continue
        title = "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True))
        role = "|".join(
            re.escape(t) for t in sorted([*titles, *roles.get(figure_type, [])], key=len, reverse=True)
        )
        # "Shahbaz Bhatti", "T. Maheswaran", "Juan Jose Gerardi Conedera"
        name = rf"(?:[A-Z]\.\s*){{0,2}}(?:{_NAME_WORD}\s+){{0,3}}{_NAME_WORD}"
        pattern = (
            rf"(?<![\w-])(?:{title})\s+(?:[A-Z][\w'’.-]+\s*){{1,3}}"
            # or the office first, then the name: "the minister for refugees, X"
            rf"|(?<![\w-])(?:{title})\s+(?:of|for)\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,2}}?[\w'’-]+,\s+{name}"
            # or the title, then the name in apposition: "a journalist, Karim Haddad"
            rf"|(?<![\w-])(?:{title}),\s+{name}(?=\s*[,.;]|\s+(?:in|at|near|outside|on|as|while|and)\b)"
            # or the name first: "Avijit Roy, a Bangladeshi-American writer", "X, head of the regional government"
            rf"|(?<![\w-]){name},\s+(?:(?:a|an|the|two|three|four|both|[A-Z][\w-]+['’]s)\s+(?:[\w'’()-]+\s+){{0,5}}?|(?:(?:former|deputy|then|acting|senior|junior|chief|assistant|provincial|regional|local|federal|state)\s+){1, 3})?(?:{role})\b"
        )
        figures.append((re.compile(pattern), figure_type))
    return Vocab(
        types=types,
        triggers=triggers,
        trigger_stems=_stems_pattern(
            [
                p
                for entry in spec["types"].values()
                for patterns in entry["triggers"].values()
                for p in patterns
            ]
        ),
        sub_event_overrides=overrides,
        gtd_overrides=[
            (re.compile(item["pattern"], re.IGNORECASE), item["type"], item["gtd_attacktype"])
            for item in spec.get("gtd_overrides", [])
        ],
        weapon_to_type=spec["weapon_to_type"],
        precedence={k: v for k, v in spec["precedence"].items() if not k.startswith("_")},
        back_references={
            name: (re.compile(item["pattern"], re.IGNORECASE), frozenset(item["over"]))
            for name, item in spec["back_references"].items()
        },
        hierarchy=list(spec["hierarchy"]),
        gtd_hierarchy=list(spec["gtd_hierarchy"]),
        unknown_method=re.compile(spec["unknown_method"], re.IGNORECASE),
        projectiles=re.compile(spec["projectiles"], re.IGNORECASE),
        firearms=re.compile(spec["firearms"], re.IGNORECASE),
        raiders=re.compile(spec["raiders"], re.IGNORECASE),
        raid_acts=re.compile(spec["raid_acts"], re.IGNORECASE),
        captive_killed=re.compile(spec["captive_killed"], re.IGNORECASE),
        wounding_only=re.compile(spec["wounding_only"], re.IGNORECASE),
        targets=[(_words(patterns), name) for name, patterns in target_spec["types"].items()],
        target_reporting=re.compile(r"^\s*(?:\w+\s+){0,2}?" + target_spec["reporting_words"], re.IGNORECASE),
        host_nouns=re.compile("(?:" + "|".join(target_spec["hosts"]["nouns"]) + ")", re.IGNORECASE),
        host_link=re.compile(
            r"^\s+(?:[\w-]+\s+)?" + target_spec["hosts"]["links"] + r"\s+(?:the\s+|a\s+|an\s+|its\s+)?",
            re.IGNORECASE,
        ),
        container_link=re.compile(
            r"^\s+" + target_spec["hosts"]["containers"] + r"\s+(?:the\s+|a\s+|an\s+)?", re.IGNORECASE
        ),
        vehicle_bombs=re.compile(target_spec["vehicle_bombs"], re.IGNORECASE),
        victim_share=re.compile(target_spec["victim_share"], re.IGNORECASE),
        figure_institutions=[
            (re.compile(r"\b(?:" + words + r")\s+$", re.IGNORECASE), figure_type)
            for figure_type, words in target_spec["figure_institutions"].items()
            if not figure_type.startswith("_")
        ],
        weapons=[(_words(patterns), name) for name, patterns in weapon_spec["types"].items()],
        vehicle_bomb=_words(weapon_spec["vehicle_bomb"]),
        driver_among_dead=re.compile(weapon_spec["driver_among_dead"], re.IGNORECASE),
        negated_weapon=re.compile(weapon_spec["negated"], re.IGNORECASE),
        claimed=_words(claims["claimed"]),
        no_claim=_words(claims["no_claim"]),
        suspected=_words(claims["suspected"]),
        arrested_suspects=_words(claims["arrested_suspects"]),
        denied=_words(claims["denied"]),
        inspiration=re.compile(
            r"(?<![\w-])(?:"
            + "|".join(claims["inspiration"])
            + r")\s+(?:the\s+|an?\s+)?(?:[\w'’-]+\s+){0,2}?$",
            re.IGNORECASE,
        ),
        state_speakers=_words(claims["state_speakers"]),
        channels=_words(claims["channels"]),
        anaphora=_words(claims["anaphora"]),
        hypothetical=_words(negations["hypothetical"]),
        operation_subject=re.compile(negations["operation_subject"], re.IGNORECASE),
        operation_acts=re.compile(negations["operation_acts"], re.IGNORECASE),
        not_real=re.compile(
            r"\b(?:" + "|".join(negations["not_real"]) + r")\s+(?:[\w-]+\s+)?$", re.IGNORECASE
        ),
        paragraph_wide=_words(negations["paragraph_wide"]["patterns"]),
        article_wide=_words(negations["article_wide"]["patterns"]),
        article_wide_minimum=int(negations["article_wide"]["minimum"]),
        background_to_end=_words(negations["sentence_after_cue"]["patterns"]),
        background=_words(negations["background"]),
        later_event=re.compile(
            r"\b(?:" + "|".join(negations["later_event"]["patterns"]) + r")\b[^.;]{0,40}$", re.IGNORECASE
        ),
        accident=_words(negations["accident"]),
        next_day=_words(spec["next_day"]),
        earlier_event=re.compile(
            r"\b(?:" + "|".join(negations["earlier_event"]["patterns"]) + r")\s+(?:the\s+|last\s+)?$",
            re.IGNORECASE,
        ),
        attacker_acts=re.compile(
            r"\s+(?:(?:had|has|was|then|later|also)\s+){0,2}(?:" + "|".join(spec["attacker_acts"]) + r")\b",
            re.IGNORECASE,
        ),
        window=int(negations["window_chars"]),
        # ~2,000 names: bucketed by first letter, so each position tries only the names that can start there
        groups_exact=_words((re.escape(a) for a in exact), flags=0),
        groups_folded=_words(_flex(a) for a in folded),
        group_names={**{fold(k): v for k, v in exact.items()}, **folded},
        # Leaders and spokesmen speak for their group ("Abubakar Shekau claimed ..."); names match exactly.
        leaders=re.compile(
            r"(?<![\w-])(?:"
            + "|".join(re.escape(n) for n in sorted(leaders, key=len, reverse=True))
            + r")(?![\w-])"
        )
        if leaders
        else None,
        leader_groups=leaders,
        group_parents=parents,
        state_forces=state_regex,
        state_names=state_names,
        attacker_nouns=frozenset(casualty_cues["attacker_nouns"]),
        country_actors=country_actors,
        public_figures=figures,
        figure_aimed=_cue_before_name(target_spec["figure_aim_cues"]),
        # "Percival Mabasa, a radio commentator known as Percy Lapid": a named victim with a description
        figure_described=re.compile(
            rf"(?<![\w-])(?P<name>(?:[A-Z]\.\s*){{0,2}}(?:{_NAME_WORD}\s+){{1,3}}{_NAME_WORD}),\s+"
            r"(?:a|an|the)\s+(?P<desc>[^,.;]{3,140}?)(?=\s*[,.;]|\s+(?:in|at|near|outside|as|while|during|on)\s)"
        ),
        # "the mayor of Dhuluiya", "the sarpanch of Badapada panchayat": one person, named by the office
        office_holder=re.compile(
            r"\b(?:the|a)\s+(?:[\w-]+\s+){0,2}?(?:"
            + "|".join(re.escape(o) for o in sorted(target_spec["offices"], key=len, reverse=True))
            + r")(?:\s+\([\w ]+\))?\s+of\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}?(?-i:[A-Z])[\w'’-]+"
            # or an office so particular that one holder is meant: "a barangay chairman", "the imam of a mosque"
            + r"|\b(?:the|a|an)\s+(?:[\w-]+\s+){0,3}?(?:"
            + "|".join(target_spec["lone_offices"])
            # (not a name that begins with the title: "the Imam Hussein mosque")
            + r")\b(?!\s+(?:and|or)\b)(?!['’]s)(?!\s+(?-i:[A-Z]))",
            re.IGNORECASE,
        ),
        person_description=re.compile(
            r"\b(?:"
            + "|".join(
                re.escape(r) for r in sorted(target_spec["person_descriptions"], key=len, reverse=True)
            )
            + r")s?\b",
            re.IGNORECASE,
        ),
        ordinary_role=re.compile(
            r"^(?:[\w'’-]+\s+){0,3}?(?:"
            + "|".join(re.escape(r) for r in sorted(target_spec["ordinary_roles"], key=len, reverse=True))
            + r")s?\b",
            re.IGNORECASE,
        ),
        place_description=re.compile(
            r"\b(?:" + "|".join(target_spec["place_descriptions"]) + r")s?\b", re.IGNORECASE
        ),
        figure_occasion=re.compile(
            r"\b(?:" + "|".join(target_spec["figure_occasion_cues"]) + r")", re.IGNORECASE
        ),
        figure_aimed_later=_cue_before_name(target_spec["figure_aim_cues_later"]),
        figure_present=_cue_before_name(target_spec["figure_presence_cues"], across_of=True),
        peerage_place=re.compile(
            r"\b(?:" + "|".join(target_spec["peerage_titles"]) + r")\s+(?:[A-Z][\w'’-]+\s+)?of\s+(?:the\s+)?$"
        ),
    )


def _cue_before_name(cues: Sequence[str], *, across_of: bool = False) -> re.Pattern[str]:
    """A cue ending the text before a titled name, with up to two words between ("targeted the former
    ..."); "of" may sit between only when ``across_of`` (an aim cue before "of" names something else)."""
    word = r"[\w'’-]+\s+" if across_of else r"(?!of\b)[\w'’-]+\s+"
    return re.compile(r"\b(?:" + "|".join(cues) + r")\s+(?:the\s+)?(?:" + word + r"){0,2}?$")


def _flex(alias: str) -> str:
    return re.escape(alias).replace(r"\ ", r"\s+").replace(r"\-", r"[-\s]?").replace("'", "['’]?")


# ---------------------------------------------------------------------- reading units


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int


@dataclass
class Trigger:
    type: str
    strength: int
    start: int
    end: int
    text: str
    sentence: int
    flagged: str | None = None


@dataclass
class GroupMention:
    name: str
    start: int
    end: int
    text: str
    state: bool = False
    leader: bool = False  # a leader or spokesman named, who speaks for the group but may be its target


@dataclass
class Draft:
    """An event being assembled from the sentences that report it."""

    sentences: list[int] = field(default_factory=list)
    triggers: list[Trigger] = field(default_factory=list)

    @property
    def first(self) -> int:
        return self.sentences[0]


_ENDS_SENTENCE = re.compile(r"(?:[.!?…:;\"”’')\]]\s*|\n\s*)$")


def _sentence_spans(doc: Any, text: str) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets from the parse, read as arrays (iterating ``doc.sents`` is slow)."""
    from spacy.attrs import IDX, SENT_START

    if doc is None or len(doc) == 0:
        return []
    columns = doc.to_array([SENT_START, IDX])
    # The parser sometimes starts a sentence inside a clause ("... Father Tomas Quispe | Huaman to
    # death ..."); a sentence only starts after closing punctuation or a line break.
    starts = [
        int(idx)
        for flag, idx in columns
        if flag == 1
        and (idx == columns[0][1] or _ENDS_SENTENCE.search(text[max(0, int(idx) - 3) : int(idx)]))
    ]
    if not starts or starts[0] != int(columns[0][1]):
        starts.insert(0, int(columns[0][1]))
    ends = [*starts[1:], len(text)]
    return [(start, start + len(text[start:end].rstrip())) for start, end in zip(starts, ends, strict=True)]


def _sentences(doc: Any, text: str) -> list[Sentence]:
    spans: list[tuple[int, int]] = []
    try:
        spans = _sentence_spans(doc, text)
    except (ValueError, AttributeError):
        spans = []
    if not spans:
        spans = [(m.start(), m.end()) for m in re.finditer(r"[^.!?\n]+(?:[.!?]+|$)", text)]
    paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n\n", text)]
    result: list[Sentence] = []
    for start, end in spans:
        # A sentence never runs over a paragraph break; cut it there if the parser did not.
        for piece_start, piece_end in _split_paragraphs(text, start, end):
            chunk = text[piece_start:piece_end]
            stripped = chunk.strip()
            if not stripped:
                continue
            piece_start += len(chunk) - len(chunk.lstrip())
            piece_end = piece_start + len(stripped)
            paragraph = sum(1 for p in paragraph_starts if p <= piece_start) - 1
            for bounded_start, bounded_end in _bounded(text, piece_start, piece_end):
                for chunk_start, chunk_end in _split_sequence(text, bounded_start, bounded_end):
                    result.append(
                        Sentence(len(result), chunk_start, chunk_end, text[chunk_start:chunk_end], paragraph)
                    )
    return result


MAX_SENTENCE_CHARS = 1500


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A run-on 'sentence' (no full stops for pages) read in pieces of at most MAX_SENTENCE_CHARS."""
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        pieces.append((start, cut))
        start = cut + 1 if text[cut : cut + 1] == " " else cut
    pieces.append((start, end))
    return pieces


# "The first exploded near a mosque ...; the second detonated at a checkpoint ...": two acts, two clauses.
_SEQUENCE_BREAK = re.compile(
    r";\s+(?=(?:the|a)\s+(?:second|third|fourth|other|last)\b|another\b)", re.IGNORECASE
)


def _split_sequence(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    for match in _SEQUENCE_BREAK.finditer(text, start, end):
        pieces.append((start, match.start() + 1))
        start = match.end()
    pieces.append((start, end))
    return pieces


def _split_paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    position = start
    for match in re.finditer(r"\n\n", text[start:end]):
        pieces.append((position, start + match.start()))
        position = start + match.end()
    pieces.append((position, end))
    return pieces


# ---------------------------------------------------------------------- triggers


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def _find_triggers(sentence: Sentence, published: date | None, dates: Sequence[DateMention]) -> list[Trigger]:
    v = vocab()
    found: list[Trigger] = []
    if v.trigger_stems is not None and not v.trigger_stems.search(sentence.text):
        return found  # no trigger can start in this sentence
    for pattern, type_name, strength in v.triggers:
        for match in pattern.finditer(sentence.text):
            found.append(
                Trigger(
                    type_name,
                    strength,
                    sentence.start + match.start(),
                    sentence.start + match.end(),
                    match.group(0),
                    sentence.index,
                )
            )
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    kept: list[Trigger] = []
    reach = -1
    for trigger in found:  # sorted by start: only the furthest end so far can overlap
        if trigger.start < reach:
            continue
        kept.append(trigger)
        reach = trigger.end
    result = []
    for trigger in kept:
        if _inside_name(trigger, sentence):
            continue
        trigger.flagged = _flag(trigger, sentence, published, dates)
        if trigger.flagged is None and _is_response(trigger, sentence):
            trigger.flagged = "response"
        result.append(trigger)
    return result


def _inside_name(trigger: Trigger, sentence: Sentence) -> bool:
    """'Royal Artillery Barracks', 'Bomb Squad Street': a capitalised trigger inside a proper name."""
    local = trigger.start - sentence.start
    if not trigger.text[:1].isupper() or local == 0 or trigger.text.isupper():
        return False
    before = sentence.text[max(0, local - 40) : local].rstrip()
    after = sentence.text[trigger.end - sentence.start : trigger.end - sentence.start + 40].lstrip()
    previous_word = before.split()[-1] if before.split() else ""
    after = re.sub(r"^['’]s\s+", "", after)  # "Assassin's Creed"
    next_word = after.split()[0] if after.split() else ""
    return previous_word[:1].isupper() or next_word[:1].isupper()


_RESPONDERS = r"(?:police|officers?|troops|soldiers|security\s+forces|special\s+forces|guards?|gendarmes|commandos|marksmen|snipers)"
_RESPONSE_AFTER = re.compile(
    rf"^\s*(?:\w+\s+){{0,3}}?by\s+(?:an?\s+|the\s+)?(?:armed\s+|French\s+|off-duty\s+)?{_RESPONDERS}\b", re.I
)
# "police shot him", "police officers who had been tailing him shot him dead"
_RESPONSE_BEFORE = re.compile(
    rf"\b{_RESPONDERS}\s+(?:(?:\w+\s+){{0,2}}|(?:who|that)\s+(?:[\w'’-]+\s+){{1,7}})$", re.I
)


def _is_response(trigger: Trigger, sentence: Sentence) -> bool:
    """'shot dead by police', 'police shot and wounded both assailants': the response, not the attack."""
    if trigger.type not in {"shooting", "attack"}:
        return False
    local_start, local_end = trigger.start - sentence.start, trigger.end - sentence.start
    after = sentence.text[local_end : local_end + 60]
    before = sentence.text[max(0, local_start - 80) : local_start]
    if _RESPONSE_AFTER.match(after):
        return True
    attacker_after = re.search(
        r"\b(?:attackers?|assailants?|gunm[ae]n|suspects?|bombers?|driver|him|them|perpetrators?)\b",
        sentence.text[local_start : local_end + 60],  # "shot him dead": the object may be inside the trigger
        re.I,
    )
    return bool(_RESPONSE_BEFORE.search(before) and attacker_after)


def _flag(
    trigger: Trigger, sentence: Sentence, published: date | None, dates: Sequence[DateMention]
) -> str | None:
    """Why this trigger is not a new event here (hypothetical, background, accident), or None."""
    v = vocab()
    local_start = trigger.start - sentence.start
    local_end = trigger.end - sentence.start
    lo, hi = max(0, local_start - v.window), min(len(sentence.text), local_end + v.window // 2)
    window = sentence.text[lo:hi]
    if v.accident.search(window) and trigger.type in {"bombing", "shelling", "arson", "attack", "ramming"}:
        return "accident"
    if v.not_real.search(sentence.text[max(0, local_start - 30) : local_start]):
        return "not real"  # "a fake suicide vest": the man stabbed, the vest set off nothing
    if (
        trigger.type == "attack"
        and v.operation_acts.match(trigger.text)
        and v.operation_subject.search(sentence.text[:local_start])
    ):
        return "police operation"  # "Police raided a house in Rawalpindi and arrested three men"
    for kind, pattern in (("hypothetical", v.hypothetical), ("background", v.background)):
        for match in pattern.finditer(window):
            # A cue after the trigger counts only when close ("an attack plot", "the attack anniversary").
            if lo + match.start() >= local_end and lo + match.start() - local_end > 25:
                continue
            return kind
    if published is not None:
        for match in _YEAR.finditer(window):
            if int(match.group(0)) < published.year and not _is_anchor_date(
                match, lo, sentence, dates, published
            ):
                return "background"
        for mention in dates:
            if (
                mention.value is not None
                and sentence.start + lo <= mention.start < sentence.start + hi
                and (published - mention.value).days > 90
                and mention.precision in {"day", "month", "year"}
                and not _YEAR.search(mention.text)
            ):
                return "background"
    return None


# How far into its sentence a date may start and still open it ("On 9 March", after a quote mark).
DATELINE_REACH = 4


def _opens_a_sentence(position: int, sentences: Iterable[Sentence]) -> bool:
    return any(0 <= position - sentence.start <= DATELINE_REACH for sentence in sentences)


def _is_anchor_date(
    year: re.Match[str], offset: int, sentence: Sentence, dates: Sequence[DateMention], published: date
) -> bool:
    """A full date opening the sentence ("04/20/2017: ...", "On 20 April 2017, ...") dates the event itself."""
    position = sentence.start + offset + year.start()
    for mention in dates:
        if mention.start <= position < mention.end and _opens_a_sentence(mention.start, [sentence]):
            return mention.precision == "day"
    return False


# ---------------------------------------------------------------------- groups and actors


# "Houthi-run ministry", "IS-held town": the group names a place or an office, not an attacker.
_NOT_ACTOR_SUFFIX = re.compile(
    r"^-(?:run|held|controlled|appointed|ruled|occupied|dominated|governed|administered|era)\b", re.I
)


# "retaliation for US missile strikes": the state's act is the grievance; "a checkpoint manned by Iraqi
# police": the state's men are the target. Neither is the attacker.
_NOT_THE_ACTOR = re.compile(
    r"\b(?:(?:retaliation|revenge|reprisal|response|avenge|retribution)\s+(?:for|to|against)?"
    r"|(?:manned|guarded|staffed|held|escorted|protected|used)\s+by)\s*(?:the\s+)?$",
    re.IGNORECASE,
)


def _find_groups(text: str, entities: Sequence[Entity]) -> list[GroupMention]:
    v = vocab()
    found: list[GroupMention] = []
    for pattern in (v.groups_exact, v.groups_folded):
        for match in pattern.finditer(text):
            name = v.group_names.get(fold(match.group(0)))
            if name is None:
                name = v.group_names.get(fold(re.sub(r"[\s-]+", " ", match.group(0))))
            if name is None:
                for key, value in v.group_names.items():
                    if re.sub(r"[\W_]+", "", key) == re.sub(r"[\W_]+", "", fold(match.group(0))):
                        name = value
                        break
            if name is not None and not _NOT_ACTOR_SUFFIX.match(text[match.end() : match.end() + 20]):
                found.append(GroupMention(name, match.start(), match.end(), match.group(0)))
    if v.leaders is not None:
        for match in v.leaders.finditer(text):
            found.append(
                GroupMention(
                    v.leader_groups[match.group(0)], match.start(), match.end(), match.group(0), leader=True
                )
            )
    for entity in entities:
        if entity.type != "GROUP":
            continue
        for span in entity.mentions:
            if span.end <= len(text):
                found.append(GroupMention(entity.name, span.start, span.end, span.text))
    for match in v.state_forces.finditer(text):
        key = match.group("coalition") or match.group("adjective") or ""
        name = v.state_names.get(fold(key))
        if name and not _NOT_THE_ACTOR.search(text[max(0, match.start() - 40) : match.start()]):
            found.append(GroupMention(name, match.start(), match.end(), match.group(0), state=True))
    for match in v.country_actors.finditer(text):
        name = v.state_names.get(fold(match.group("name")))
        if name:
            found.append(
                GroupMention(name, match.start(), match.end("name"), match.group("name"), state=True)
            )
    found.sort(key=lambda g: (g.start, -(g.end - g.start)))
    kept: list[GroupMention] = []
    for mention in found:
        if any(mention.start < k.end and k.start < mention.end for k in kept):
            continue
        kept.append(mention)
    return kept


_VICTIM_SIDE = re.compile(
    r"(?:\b(?:on|against|targeting|targeted|killed|killing|kill|killed\s+\w+|kills|hit|struck|pounded|bombed|shelled|"
    r"at|near|into|fighting|fought|clashed\s+with|clash(?:es)?\s+with|battle\s+with|defeat|ousted|retake|retook|"
    r"captured\s+from|capture|arrest|detain|hunt\s+for|positions\s+of|hideouts?\s+of|former|ex-?)\s+"
    r"(?:the\s+|a\s+|an\s+|[\d,]+\s+|suspected\s+|alleged\s+|several\s+|dozens\s+of\s+|\w+teen\s+|\w+ty\s+|two\s+|three\s+|four\s+|five\s+){0,3}"
    # "targeted a ceremony of the People's Defence Force": what belongs to the group was hit
    r"(?:(?:base|camp|ceremony|meeting|gathering|office|headquarters|positions?|hideouts?|convoy|members?)\s+of\s+(?:the\s+)?)?)$",
    re.IGNORECASE,
)
# "Kachin Independence Army officers were killed": the group's own people are the victims.
_VICTIMS_AFTER = re.compile(
    r"^\s*(?:officers?|members?|fighters?|commanders?|soldiers|militants|leaders?|troops|personnel|positions?|camps?|bases?)?"
    r",?\s*(?:(?:had|have|has)\s+been|were|was|are|is)\s+(?:\w+\s+)?(?:killed|wounded|injured|hurt|abducted|kidnapped|targeted|hit|struck|attacked)\b",
    re.IGNORECASE,
)


# "Hamas praised the attack but did not claim it": a group that comments is not the attacker.
_BYSTANDER = re.compile(
    r"^\s*(?:\w+\s+){0,2}?(?:praised|welcomed|hailed|celebrated|condemned|denounced|did\s+not\s+claim|has\s+not\s+claimed"
    r"|mourned|vowed\s+revenge|said\s+it\s+was\s+not|said|says|told|reported|announced|confirmed\s+(?:the\s+)?(?:death|toll))\b",
    re.IGNORECASE,
)


# "to capture Isnilon Hapilon, the leader of Abu Sayyaf": the group of a person aimed at is aimed at too.
_MEMBER_OF = re.compile(
    r"(?P<person>(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*),\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:leader|commander|chief|head|founder|member|spokesman|emir)\s+of\s+(?:the\s+)?$"
)


def _on_victim_side(text: str, group: GroupMention) -> bool:
    before = text[max(0, group.start - 40) : group.start]
    if _VICTIM_SIDE.search(before) or _VICTIMS_AFTER.match(text[group.end : group.end + 60]):
        return True
    wider = text[max(0, group.start - 120) : group.start]
    member = _MEMBER_OF.search(wider)
    if member is None:
        return False
    person_start = group.start - len(wider) + member.start("person")
    return bool(_VICTIM_SIDE.search(text[max(0, person_start - 40) : person_start]))


def _only_inspired(text: str, group: GroupMention) -> bool:
    """'a cell sympathetic to al-Qaida', 'inspired by Islamic State': an influence, not the perpetrator."""
    return bool(vocab().inspiration.search(text[max(0, group.start - 50) : group.start]))


# ---------------------------------------------------------------------- detection


# A sentence without one of these words tells no casualty figure; skip the costly reading.
_TOLL_WORDS = re.compile(
    r"kill|dead|die[ds]?\b|death|injur|wound|hurt|casualt|toll|fatalit|hospital|lives|slain|murder|execut|behead|perish|harm"
    r"|stab|slash|shot|beat|hack|gunned|treated",
    re.IGNORECASE,
)


def _doc_text(doc: Any, article: Article) -> str:
    """The text ``doc`` covers: ``article.text`` or its analysed prefix (``doc.text`` is slow to build)."""
    if doc is None:
        return article.text
    if len(doc) == 0:
        return ""
    last = doc[len(doc) - 1]
    end = last.idx + len(last.text_with_ws)
    text = article.text
    return text[:end] if text[end - len(last.text_with_ws) : end] == last.text_with_ws else str(doc.text)


@dataclass(frozen=True)
class ArticleReadings:
    """Everything read once per article that grouping sentences into events and coding them draw on."""

    text: str
    published: date | None
    sentences: Sequence[Sentence]
    triggers_by_sentence: Sequence[Sequence[Trigger]]
    casualties_by_sentence: Sequence[Sequence[casualty_reading.CasualtyMention]]
    places: Sequence[PlaceMention]
    dates: Sequence[DateMention]
    groups: Sequence[GroupMention]
    article_countries: Sequence[str]
    # (start, end) of every name the parser or the linker took for a person
    persons: Sequence[tuple[int, int]] = ()


def detect_events(doc: Any, article: Article, entities: list[Entity]) -> list[Event]:
    """The security events ``article`` reports; ``doc`` is spaCy run over ``article.text``."""
    text = _doc_text(doc, article)
    if not text.strip():
        return []
    published = reference_date(article)
    sentences = _sentences(doc, text)
    dates = find_dates(text, published)
    triggers_by_sentence = [_find_triggers(sentence, published, dates) for sentence in sentences]
    _flag_context(text, sentences, triggers_by_sentence)
    if not any(t.flagged is None for triggers in triggers_by_sentence for t in triggers):
        told_by = _record_attacker(text, sentences)
        if told_by is None:
            return []  # most articles: nothing violent is told, so nothing more to read
        # An event database's record is an incident by definition: "Assailants <a verb no lexicon
        # lists> ..." still reports one, with its place, day, toll and group.
        triggers_by_sentence[told_by.sentence].append(told_by)
    ents = [(e.start_char, e.end_char, e.label_) for e in getattr(doc, "ents", ())]
    for entity in entities:
        if entity.type in {"GPE", "LOC", "FAC"}:
            ents.extend((m.start, m.end, entity.type) for m in entity.mentions if m.end <= len(text))
    groups = _find_groups(text, entities)
    # "members of Hamas": a group's name is not a place, whatever the gazetteer holds.
    places = [
        p
        for p in find_places(text, ents)
        if not any(p.start < g.end and g.start < p.end for g in groups if not g.state)
        # "Earl Mountbatten of Burma": a place inside a title is not where anything happened.
        and not vocab().peerage_place.search(text[max(0, p.start - 60) : p.start])
    ]
    casualties_by_sentence = [
        casualty_reading.find_casualties(sentence.text, sentence.start)
        if _TOLL_WORDS.search(sentence.text)
        else []
        for sentence in sentences
    ]
    readings = ArticleReadings(
        text=text,
        published=published,
        sentences=sentences,
        triggers_by_sentence=triggers_by_sentence,
        casualties_by_sentence=casualties_by_sentence,
        places=places,
        dates=dates,
        groups=groups,
        article_countries=_article_countries(text, places),
        persons=[(start, end) for start, end, label in ents if label == "PERSON"]
        + [(m.start, m.end) for e in entities if e.type == "PERSON" for m in e.mentions],
    )
    drafts = _group_sentences(readings)
    if not drafts:
        return []
    coded = [(_code(draft, readings), draft) for draft in drafts]
    # A story published long after the day it describes looks back (an anniversary, a trial): background.
    kept = [(event, draft) for event, draft in coded if not _long_before(event, published, sentences)]
    if not kept:
        return []
    events, drafts = [event for event, _ in kept], [draft for _, draft in kept]
    _assign_article_level(events, drafts, sentences, groups, text)
    for index in range(1, len(events)):
        # "Earlier on Saturday ... brawled in the streets": an event told with no place of its own
        # happened where the one before it did.
        own = events[index].place
        # "... at Gokul Chat in the Koti area": a quarter the gazetteer does not know is in the city before
        quarter = own.city is None and bool(own.evidence and _QUARTER.search(own.evidence.text))
        if (not _draft_places(drafts[index], places, sentences) or quarter) and events[index - 1].place.city:
            previous = events[index - 1].place
            if own.country_code in (None, previous.country_code):
                events[index].place = previous.model_copy(deep=True)
    if _RECORD_DATE.match(text):
        _untold_tolls_are_none(events, text)
    for event in events:
        # "The bomber was killed and 15 people were injured": the toll is told, and no victim died.
        # A null toll with evidence means deaths were told without a number ("several were killed").
        told_without_number = event.killed.evidence is not None
        if (
            event.killed.value is None
            and not told_without_number
            and event.injured.value
            and event.attackers_killed.value
        ):
            event.killed = Casualties(
                value=0, low=0, high=0, qualifier="exact", evidence=event.attackers_killed.evidence
            )
    return events


_QUARTER = re.compile(r"\b(?:area|neighbou?rhood|quarter|locality|colony|suburb)$", re.IGNORECASE)


def _untold_tolls_are_none(events: Sequence[Event], text: str) -> None:
    """A dated database record that has no word for deaths (or injuries) records none: 0, as GTD codes it."""
    cues = casualty_reading.lexicon()
    untold = [
        kind
        for kind, words in (("killed", cues.untold_deaths), ("injured", cues.untold_injuries))
        if not words.search(text)
    ]
    for event in events:
        if event.type in {"protest", "riot"}:
            continue  # ACLED's demonstrations count no victims
        for kind in untold:
            toll: Casualties = getattr(event, kind)
            if toll.value is None and toll.evidence is None:
                setattr(event, kind, Casualties(value=0, low=0, high=0, qualifier="exact"))


# Longer than any news cycle: a report this long after the day is about the past, not news of it.
BACKGROUND_AFTER_DAYS = 365


def _long_before(event: Event, published: date | None, sentences: Sequence[Sentence]) -> bool:
    """Whether the event's day lies far before publication, told in passing rather than as a dateline.

    A date that opens its sentence ("04/20/2017: ...", "On 9 March 2022, ...") is a record's own
    date: an event-database entry is read whenever it is read, so its age says nothing."""
    day, evidence = event.date.value, event.date.evidence
    if published is None or day is None or (published - day).days <= BACKGROUND_AFTER_DAYS:
        return False
    if evidence is None:
        return True
    return not _opens_a_sentence(evidence.start, sentences)


_RECORD_ATTACKER = re.compile(
    r"\b(?:assailants?|attackers?|gunm[ae]n|militants?|insurgents?|perpetrators?|rebels?|"
    r"unknown\s+(?:persons|individuals|people|assailants))\b",
    re.IGNORECASE,
)


def _record_attacker(text: str, sentences: Sequence[Sentence]) -> Trigger | None:
    """In a dated database record whose act no trigger names, the attackers it opens with."""
    if not _RECORD_DATE.match(text):
        return None
    for sentence in sentences[:2]:
        match = _RECORD_ATTACKER.search(sentence.text)
        if match is not None:
            start = sentence.start + match.start()
            # strength 0: it tells that someone attacked, not how
            return Trigger("attack", 0, start, start + len(match.group(0)), match.group(0), sentence.index)
    return None


def _reports_violence(
    sentence: Sentence,
    triggers: Sequence[Trigger],
    casualties: Sequence[casualty_reading.CasualtyMention],
    groups: Sequence[GroupMention],
    text: str,
) -> bool:
    live = [t for t in triggers if t.flagged is None]
    if any(t.strength >= 3 for t in live):
        return True
    if not live:
        return False
    # An actor or weapon word alone ("a capable drone", "the bomber") needs company: a toll, a group or an act.
    in_sentence = [g for g in groups if sentence.start <= g.start < sentence.end]
    has_weapon = any(pattern.search(sentence.text) for pattern, _ in vocab().weapons)
    has_attacker = bool(
        re.search(
            r"\b(?:assailants?|attackers?|gunm[ae]n|militants?|insurgents?|terrorists?|jihadists?|rebels?|bandits?)\b",
            sentence.text,
            re.IGNORECASE,
        )
    )
    victims = [c for c in casualties if c.count.value > 0]
    return bool(victims or has_weapon or has_attacker or in_sentence)


_SEPARATE = re.compile(
    r"\b(?:separate(?:ly)?|another|elsewhere|meanwhile|in a second|in a further|in an unrelated|also on|earlier,|later,|"
    r"earlier on|later on|hours later|hours earlier|the next day|the following day|"
    r"later that (?:day|morning|afternoon|evening|night)|"
    r"in (?:a |an )?(?:other|different) (?:attack|incident))\b",
    re.IGNORECASE,
)


# "a second grenade exploded", "a second suicide bomber attacked": one more act of the same kind
_A_FURTHER_ACT = re.compile(
    r"\b(?:a|the)\s+(?:second|third|fourth|further)\s+(?:suicide\s+)?(?:bomb(?:er)?|blast|explosion|grenade"
    r"|device|car\s+bomb|attack(?:er)?|gunman|assailant|shooting)s?\b",
    re.IGNORECASE,
)
# "The second exploded at Gokul Chat, killing 32 people": the next of several acts, with its own toll
_NEXT_IN_SEQUENCE = re.compile(r"^\W*(?:the|a)\s+(?:second|third|fourth|fifth)\b", re.IGNORECASE)


def _next_in_sequence(sentence: Sentence, casualties: Sequence[casualty_reading.CasualtyMention]) -> bool:
    """'The second exploded at ..., killing 32': the next of a record's acts, a GTD incident of its own."""
    own_toll = any(c.count.value > 0 and not c.attackers for c in casualties)
    return own_toll and bool(_NEXT_IN_SEQUENCE.match(sentence.text))


# "The Algerians were released the following day, but Gourdel was beheaded": the hostages' fate
_CAPTIVES_FATE = re.compile(
    r"\b(?:released|freed|rescued|escaped|beheaded|executed|killed\s+by\s+(?:his|her|their)\s+captors"
    r"|found\s+dead|died\s+in\s+captivity)\b",
    re.IGNORECASE,
)
_RECORD_DATE = re.compile(r"^\s*\d{1,2}/\d{1,2}/\d{4}\s*:")


def _group_sentences(readings: ArticleReadings) -> list[Draft]:
    sentences, places, dates, text = readings.sentences, readings.places, readings.dates, readings.text
    triggers_by_sentence, casualties_by_sentence = (
        readings.triggers_by_sentence,
        readings.casualties_by_sentence,
    )
    groups = readings.groups
    drafts: list[Draft] = []
    # A database record ("04/20/2017: Assailants ...") describes one incident, however many acts it lists.
    one_record = bool(_RECORD_DATE.match(text))
    for sentence in sentences:
        triggers = triggers_by_sentence[sentence.index]
        live = [t for t in triggers if t.flagged is None]
        if one_record and drafts and sentence.paragraph == sentences[drafts[0].first].paragraph:
            if (
                any(t.strength >= 3 for t in live)
                and _next_in_sequence(sentence, casualties_by_sentence[sentence.index])
                # (only after a first incident with a toll of its own)
                and any(c.count.value > 0 for i in drafts[0].sentences for c in casualties_by_sentence[i])
            ):
                drafts.append(Draft([sentence.index], list(live)))
                continue
            captives = any(t.type == "kidnapping" and t.strength >= 3 for t in drafts[0].triggers)
            if not (live and _SEPARATE.search(sentence.text)) or (
                captives and _CAPTIVES_FATE.search(sentence.text)
            ):
                drafts[0].sentences.append(sentence.index)
                drafts[0].triggers.extend(live)
                continue
        if not _reports_violence(sentence, triggers, casualties_by_sentence[sentence.index], groups, text):
            # "the attack in the Champs-Elysees", "There were no casualties": detail for an event already open.
            if not drafts or not (live or casualties_by_sentence[sentence.index]):
                continue
            own_places = [p for p in places if sentence.start <= p.start < sentence.end]
            target = _matching_draft(drafts, sentence, own_places, [], places, dates, sentences)
            if target is not None:
                target.sentences.append(sentence.index)
                target.triggers.extend(live)
            elif any(t.strength >= 2 and not _told_before(t, sentence) for t in live) and any(
                p.precision <= 2 for p in own_places
            ):
                # "police stormed a bakery in Rouen, where a man had taken customers hostage":
                # an act in a town of its own after another event is a second event.
                drafts.append(Draft([sentence.index], list(live)))
            continue
        own_places = [p for p in places if sentence.start <= p.start < sentence.end]
        own_days = [
            d.value
            for d in dates
            if sentence.start <= d.start < sentence.end and d.value and d.precision == "day"
        ]
        target = _matching_draft(drafts, sentence, own_places, own_days, places, dates, sentences, live)
        if (
            target is None
            and drafts
            and not _opens_new_event(
                sentence, live, own_places, own_days, casualties_by_sentence[sentence.index]
            )
        ):
            # Only a sentence that names a new act with its own place, day or toll opens a second event
            # ("the bomber", "the attack", "the bombing went on for 30 minutes" do not).
            target = max(drafts, key=lambda d: max(d.sentences))
        if target is None:
            drafts.append(Draft([sentence.index], list(live)))
        else:
            target.sentences.append(sentence.index)
            target.triggers.extend(live)
    return drafts


def _told_before(trigger: Trigger, sentence: Sentence) -> bool:
    """'The stabbings took place at ...', 'this attack': a definite act already told ('the second' is new)."""
    return bool(
        re.search(
            r"\b(?:the|this|that|its|their|his|her)\s+(?!(?:second|third|fourth|other|next)\b)(?:\w+\s+)?$",
            sentence.text[: trigger.start - sentence.start],
            re.IGNORECASE,
        )
    )


def _opens_new_event(
    sentence: Sentence,
    live: Sequence[Trigger],
    own_places: Sequence[PlaceMention],
    own_days: Sequence[date],
    casualties: Sequence[casualty_reading.CasualtyMention],
) -> bool:
    acts = [t for t in live if t.strength >= 3 and not _told_before(t, sentence)]
    if not acts:
        return False
    towns = [p for p in own_places if p.precision <= 2]
    toll = [c for c in casualties if c.count.value > 0 and not c.attackers]
    return bool(_SEPARATE.search(sentence.text) or towns or own_days or toll)


def _flag_context(
    text: str, sentences: Sequence[Sentence], triggers_by_sentence: Sequence[Sequence[Trigger]]
) -> None:
    """Cues wider than a trigger's window: an exercise paragraph, a sports article, 'marked ten years since ...'."""
    v = vocab()
    # Sport and fiction cues must be dense (one per 1,000 characters) to speak for the whole article.
    # Distinct cues: "Centennial Olympic Park" and "the Olympic Games" are one cue, not two.
    sport = len({cue.lower() for cue in v.article_wide.findall(text)})
    article_cues = sport if sport * 1000 >= len(text) else 0
    paragraphs_flagged = {s.paragraph for s in sentences if v.paragraph_wide.search(s.text)}
    after_accident = False
    for sentence, triggers in zip(sentences, triggers_by_sentence, strict=True):
        strong = any(t.flagged is None and t.strength >= 2 for t in triggers)
        if strong:
            after_accident = False
        elif any(t.flagged == "accident" for t in triggers):
            after_accident = True
        if after_accident:
            # "A gas explosion ... brought down a block, killing seven" and "Thirty people were killed"
            # after it: until another act is told, the toll is the accident's.
            for trigger in triggers:
                if trigger.flagged is None:
                    trigger.flagged = "accident"
        cues = list(v.background_to_end.finditer(sentence.text))
        for trigger in triggers:
            if trigger.flagged is not None:
                continue
            if article_cues >= v.article_wide_minimum:
                trigger.flagged = "not an attack (sport or fiction)"
            elif sentence.paragraph in paragraphs_flagged:
                trigger.flagged = "hypothetical"
            elif any(
                sentence.start + cue.start() < trigger.start < _clause_end(sentence, cue.end())
                for cue in cues
            ):
                trigger.flagged = "background"


def _clause_end(sentence: Sentence, local: int) -> int:
    """Where the clause holding ``local`` ends: at the next ';' or ':', else the sentence end."""
    stop = re.search(r"[;:]", sentence.text[local:])
    return sentence.start + local + stop.start() if stop else sentence.end


def _draft_places(
    draft: Draft, places: Sequence[PlaceMention], sentences: Sequence[Sentence]
) -> list[PlaceMention]:
    spans = [(sentences[i].start, sentences[i].end) for i in draft.sentences]
    return [p for p in places if any(s <= p.start < e for s, e in spans)]


def _draft_days(draft: Draft, dates: Sequence[DateMention], sentences: Sequence[Sentence]) -> list[date]:
    spans = [(sentences[i].start, sentences[i].end) for i in draft.sentences]
    return [
        d.value for d in dates if d.value and d.precision == "day" and any(s <= d.start < e for s, e in spans)
    ]


def _cities(mentions: Iterable[PlaceMention]) -> set[str]:
    return {fold(m.place.city) for m in mentions if m.place.city and m.precision <= 2}


def _countries(mentions: Iterable[PlaceMention]) -> set[str]:
    return {m.place.country_code for m in mentions if m.place.country_code}


def _matching_draft(
    drafts: Sequence[Draft],
    sentence: Sentence,
    own_places: Sequence[PlaceMention],
    own_days: Sequence[date],
    places: Sequence[PlaceMention],
    dates: Sequence[DateMention],
    sentences: Sequence[Sentence],
    live: Sequence[Trigger] = (),
) -> Draft | None:
    """The event this sentence adds to, or None when it reports a new one."""
    if not drafts:
        return None
    separate = bool(_SEPARATE.search(sentence.text))
    # The event told last comes first, whichever was opened last: "police stormed a supermarket ...
    # Coulibaly was killed" goes on with the siege just told, not with one opened before it.
    for draft in sorted(drafts, key=lambda d: max(d.sentences), reverse=True):
        known_places = _draft_places(draft, places, sentences)
        cities, own_cities = _cities(known_places), _cities(own_places)
        countries, own_countries = _countries(known_places), _countries(own_places)
        days = _draft_days(draft, dates, sentences)
        same_city = bool(cities & own_cities)
        other_city = bool(own_cities) and bool(cities) and not same_city
        other_country = bool(own_countries) and bool(countries) and not (own_countries & countries)
        other_day = (
            bool(own_days) and bool(days) and all(abs((a - b).days) > 1 for a in own_days for b in days)
        )
        new_acts = {t.type for t in live if t.strength >= 3} - {
            t.type for t in draft.triggers if t.strength >= 3
        }
        if new_acts and own_days and days and not set(own_days) & set(days):
            # "Gunmen fired on houses on Sunday ... On Monday a bomb left near one of them exploded":
            # another kind of act on another day is another event, even a day later in the same place.
            continue
        if same_city and not other_day:
            if separate and _A_FURTHER_ACT.search(sentence.text):
                continue  # "Later that evening, a second grenade exploded at a bus stop in Nairobi"
            return draft
        if other_city or other_country or other_day:
            continue
        if separate:
            continue
        return draft
    return None


def _article_countries(text: str, places: Sequence[PlaceMention]) -> list[str]:
    """Country codes the article points at, most mentioned first (places, then nationality words)."""
    counts: Counter[str] = Counter()
    for mention in places:
        if mention.place.country_code:
            counts[mention.place.country_code] += 2 if mention.precision >= REGION else 1
    for code in demonym_countries(text):
        counts[code] += 0.5  # type: ignore[assignment]
    return [code for code, _ in counts.most_common()]


# ---------------------------------------------------------------------- coding one event


def _evidence(text: str, start: int, end: int) -> Evidence:
    return Evidence(start=start, end=end, text=text[start:end])


def _code(draft: Draft, readings: ArticleReadings) -> Event:
    v = vocab()
    sentences, text = readings.sentences, readings.text
    casualties_by_sentence = readings.casualties_by_sentence
    draft_text = " ".join(sentences[i].text for i in draft.sentences)
    weapon = _weapon(draft, sentences, text)
    type_name, trigger = _event_type(draft, weapon, draft_text, sentences)
    info = v.types[type_name]
    sub_event = info.acled_sub_event_type
    event_type = info.acled_event_type
    for pattern, override_type, override_sub in v.sub_event_overrides:
        if override_type == type_name and pattern.search(draft_text):
            sub_event = override_sub
            break
    if type_name in {"shooting", "stabbing", "attack", "bombing"}:
        target_probe = _target(draft, readings)
        if (
            type_name == "shooting"
            and target_probe.type in {"military", "police", "militants"}
            and not re.search(r"\b(?:civilians?|people|passers-?by)\b", draft_text, re.IGNORECASE)
        ):
            event_type, sub_event = "Battles", "Armed clash"
    if info.weapon and weapon.type != info.weapon:
        # The act decides the weapon ("gunmen ... set off a suicide bomb" is a bombing, with explosives).
        weapon = _weapon(draft, sentences, text, only=info.weapon)
    if weapon.type is None and info.weapon:
        weapon = Weapon(
            type=info.weapon,
            text=trigger.text if trigger else None,
            evidence=_evidence(text, trigger.start, trigger.end) if trigger else None,
        )

    target = _target(draft, readings)
    figure = _public_figure(draft, readings)
    if figure is not None and v.wounding_only.search(draft_text) and type_name != "assassination":
        figure = None  # "shot ... in the legs": meant to wound the figure, not to kill him
    if figure is not None and (
        (type_name in _FIGURE_ATTACKS and not _aimed_at_many(figure, type_name, draft, readings, draft_text))
        # an abduction of a figure that ends in his killing: GTD ranks Assassination above Kidnapping
        # (killed at once: "abducted X from his home and shot him dead"; a hostage killed after days
        # in captivity stays a kidnapping)
        or (
            type_name == "kidnapping"
            and trigger is not None
            and v.captive_killed.search(sentences[trigger.sentence].text)
        )
    ):
        # An attack aimed at a named public figure is an assassination (GTD), also when it fails.
        type_name, target = "assassination", figure
        info = v.types[type_name]
        event_type, sub_event = info.acled_event_type, info.acled_sub_event_type

    gtd_attacktype = info.gtd_attacktype
    if trigger is not None and gtd_attacktype in v.gtd_hierarchy:
        # GTD ranks its own types: a ramming that goes on with knives is an Armed Assault there.
        acts = [
            v.types[t.type].gtd_attacktype
            for t in draft.triggers
            if t.sentence == trigger.sentence
            and t.flagged is None
            and t.strength >= 3
            and t.type in v.hierarchy
            # Grenades and rockets in an assault with guns, artillery in a battle: the assault or battle
            # stays GTD's Armed Assault.
            and t.type != "shelling"
            and not (type_name == "shooting" and v.projectiles.search(t.text))
        ]
        ranked = [name for name in acts if name in v.gtd_hierarchy]
        gtd_attacktype = min([gtd_attacktype, *ranked], key=v.gtd_hierarchy.index)
    for pattern, override_type, override_gtd in v.gtd_overrides:
        if override_type == type_name and pattern.search(draft_text):
            gtd_attacktype = override_gtd  # GTD tells hijackings and barricade sieges apart
            break

    event = Event(
        type=type_name,
        gtd_attacktype=gtd_attacktype,
        acled_event_type=event_type,
        acled_sub_event_type=sub_event,
        trigger=_evidence(text, trigger.start, trigger.end) if trigger else None,
        date=_date(draft, sentences, readings.dates, readings.published, text),
        place=_place(draft, sentences, readings.places, readings.article_countries),
        target=target,
        weapon=weapon,
    )
    # (the toll told in the same sentence, just after the act recalled: "a clash in which 18 soldiers
    # were killed")
    recalled = [
        (t.start, min(t.end + 80, sentences[index].end))
        for index in draft.sentences
        for t in readings.triggers_by_sentence[index]
        if t.flagged == "background" and t.strength >= 2  # an act recalled, not a bare "killing"
    ]
    _casualties(event, draft, casualties_by_sentence, type_name, draft_text, text, recalled)
    if (
        type_name == "attack"
        and (event.killed.value or event.injured.value)
        and not v.unknown_method.search(draft_text)
        and (trigger is None or trigger.strength > 0)
    ):
        # Violence with victims but no act or weapon named: the commonest reading, an armed assault.
        _recode(event, "shooting")
    event.perpetrator = _perpetrator(draft, sentences, readings.groups, text, type_name)
    if event.perpetrator.name in set(v.state_names.values()):
        event.gtd_attacktype = None  # GTD records non-state violence only: a state's strike has no GTD type
    if type_name == "assassination" and event.killed.value is None:
        survived = re.search(
            r"\b(?:survived|escaped\s+(?:unhurt|unharmed|injury)|was\s+unhurt)\b", draft_text
        )
        if survived:
            # "Yousafzai survived": the one aimed at lived, and no one else is said to have died.
            offset = text.find(survived.group(0), sentences[draft.first].start)
            event.killed = Casualties(
                value=0,
                low=0,
                high=0,
                qualifier="exact",
                evidence=_evidence(text, offset, offset + len(survived.group(0))) if offset >= 0 else None,
            )
    if (
        type_name == "shooting"
        and event.target.type == "utilities"
        and not (event.killed.value or event.injured.value)
    ):
        # Shots at a substation's transformers, no one hurt: damage to a facility (GTD Facility/
        # Infrastructure Attack), with firearms.
        _recode(event, "sabotage")
    if type_name in {"protest", "riot"}:
        # ACLED codes demonstrators, not targets; a protest met with force is still the protesters' event.
        event.target = Target()
        # Whatever the police fired or the crowd threw, a protest or riot codes no weapon.
        event.weapon = Weapon()
        if type_name == "protest":
            event.perpetrator = Perpetrator()
    first = sentences[draft.first]
    event.summary = first.text if len(first.text) <= 400 else first.text[:397] + "..."
    event.confidence = _confidence(event, draft)
    return event


# Acts that, aimed at a public figure, make an assassination.
_FIGURE_ATTACKS = frozenset(
    {"shooting", "stabbing", "bombing", "shelling", "ramming", "unarmed_assault", "attack", "assassination"}
)


def _recode(event: Event, type_name: str) -> None:
    """Give ``event`` the type ``type_name`` with the GTD and ACLED names the vocabulary maps it to."""
    info = vocab().types[type_name]
    event.type, event.gtd_attacktype = type_name, info.gtd_attacktype
    event.acled_event_type, event.acled_sub_event_type = info.acled_event_type, info.acled_sub_event_type


def _event_type(
    draft: Draft, weapon: Weapon, draft_text: str, sentences: Sequence[Sentence]
) -> tuple[str, Trigger | None]:
    v = vocab()
    triggers = [t for t in draft.triggers if t.flagged is None]
    if v.raiders.search(draft_text):
        # "Assailants attacked the district headquarters, overrunning the barracks and looting a bank":
        # a raid, not a riot or a battle.
        # "... ten of the assailants were killed in the clashes that followed": the fight after the raid.
        triggers = [
            t
            for t in triggers
            if not (
                (t.type in {"riot", "armed_clash"} and v.raid_acts.match(t.text))
                or (t.type == "armed_clash" and t.sentence != draft.first)
            )
        ]
    if not triggers:
        return "attack", None
    # The first sentence that names an act decides: GTD and ACLED code the first act described.
    for sentence_index in sorted({t.sentence for t in triggers}):
        acts = [t for t in triggers if t.sentence == sentence_index and t.strength >= 2]
        if acts or (
            sentence_index == min(t.sentence for t in triggers)
            and weapon.type
            and v.weapon_to_type.get(weapon.type)
        ):
            triggers = [t for t in triggers if t.sentence == sentence_index]
            break
    strongest = max(t.strength for t in triggers)
    best = min((t for t in triggers if t.strength == strongest), key=lambda t: t.start)
    if strongest == 0:
        # A database record with no act named: the weapon it names says how, else GTD's Unknown.
        return v.weapon_to_type.get(weapon.type or "", "attack"), best
    type_name = best.type
    if type_name in v.hierarchy:
        # Guns and then suicide bombs in one sentence: the higher act codes the event (GTD hierarchy).
        acts = [t for t in triggers if t.strength >= 3 and t.type in v.hierarchy]
        top = min(acts, key=lambda t: (v.hierarchy.index(t.type), t.start), default=best)
        if v.hierarchy.index(top.type) < v.hierarchy.index(type_name):
            best, type_name = top, top.type
    if type_name in {"shelling", "bombing"} and _assault_with_projectiles(
        triggers, best, sentences[best.sentence]
    ):
        type_name = "shooting"
    elif type_name == "shooting":
        projectile = _fired_projectile(triggers, best, sentences[best.sentence])
        if projectile is not None:
            best, type_name = projectile, projectile.type
    elif type_name == "stabbing" and v.firearms.search(sentences[best.sentence].text):
        type_name = "shooting"  # "armed with knives, slingshots and a few firearms": GTD ranks guns first
    hostages = [t for t in draft.triggers if t.flagged is None and t.strength >= 3 and t.type == "kidnapping"]
    if hostages and type_name in _HOSTAGE_TAKING_OVER:
        # "... opened fire on the buses; 43 students were abducted": a hostage-taking told anywhere.
        best, type_name = hostages[0], "kidnapping"
    present = {t.type for t in triggers if t.strength >= 2}
    if re.search(r"\b(?:assailants?|gunm[ae]n|attackers?|shooters?|snipers?)\b", draft_text, re.IGNORECASE):
        present.discard(
            "protest"
        )  # "opened fire on police at the end of a protest": the protest is the setting
    for winner, losers in v.precedence.items():
        if winner in present and type_name in losers:
            type_name = winner
            best = min((t for t in triggers if t.type == winner), key=lambda t: t.start)
    for named, (back_reference, recoded) in v.back_references.items():
        if type_name in recoded and back_reference.search(draft_text):
            # "... claimed responsibility for the assassination": the report says what the act was.
            type_name = named
            best = next((t for t in draft.triggers if t.type == named), best)
    if type_name in {"arson", "sabotage"}:
        armed = [t for t in triggers if t.type in {"shooting", "stabbing"} and t.strength >= 2]
        if armed:
            # "Assailants armed with machetes attacked the village and set fire to houses": GTD ranks
            # the armed assault above the facility attack.
            best = min(armed, key=lambda t: t.start)
            type_name = best.type
    violent = [t for t in triggers if t.type in {"arson", "riot", "armed_clash"} and t.strength >= 3]
    if type_name == "protest" and violent:
        # protesters who burn, loot or clash with the police: a violent demonstration (ACLED Riots)
        type_name, best = "riot", min(violent, key=lambda t: t.start)
    if type_name == "attack":
        inferred = v.weapon_to_type.get(weapon.type or "")
        if inferred:
            type_name = inferred
        elif v.unknown_method.search(draft_text):
            pass  # "No details on the method of attack were reported": GTD's Unknown
        elif re.search(
            r"\b(?:ambush(?:ed)?|raid(?:ed)?|stormed|assailants|gunm[ae]n|militants|insurgents)\b",
            draft_text,
            re.I,
        ):
            type_name = "shooting"
    return type_name, best


# Acts a hostage-taking told anywhere in the event outranks (GTD's hierarchy).
_HOSTAGE_TAKING_OVER = frozenset(
    {"shooting", "stabbing", "bombing", "shelling", "ramming", "arson", "attack"}
)


def _assault_with_projectiles(triggers: Sequence[Trigger], best: Trigger, sentence: Sentence) -> bool:
    """Grenades, rockets or mortars used alongside guns in one sentence: GTD's Armed Assault."""
    v = vocab()
    explosive = [t for t in triggers if t.sentence == best.sentence and t.type in {"bombing", "shelling"}]
    if not explosive or not all(v.projectiles.search(t.text) for t in explosive):
        return False  # a bomb, a mine or a suicide vest is a bombing whatever else was fired
    return bool(v.firearms.search(sentence.text))


def _fired_projectile(triggers: Sequence[Trigger], best: Trigger, sentence: Sentence) -> Trigger | None:
    """The grenade or rocket in "fired on the barracks with rifle grenades", when no gun is named."""
    v = vocab()
    if not re.match(r"fir(?:ed|ing)\b", best.text, re.IGNORECASE) or v.firearms.search(sentence.text):
        return None
    return next(
        (
            t
            for t in triggers
            if t.sentence == best.sentence
            and t.type in {"bombing", "shelling"}
            and t.start > best.start
            and v.projectiles.search(t.text)
            and re.search(r"\bwith\s+(?:[\w-]+\s+){0,3}$", sentence.text[: t.start - sentence.start])
        ),
        None,
    )


_REPORTED_ON = re.compile(
    r"\b(?:said|says|told|announced|confirmed|reported|stated|added|claimed|released|posted|published|statement)\b"
    r"(?:\s+[\w'’-]+){0,5}\s+(?:on|late\s+on|early\s+on)?\s*$",
    re.IGNORECASE,
)


def _date(
    draft: Draft,
    sentences: Sequence[Sentence],
    dates: Sequence[DateMention],
    published: date | None,
    text: str,
) -> EventDate:
    v = vocab()
    acts = [t for t in draft.triggers if t.flagged is None and t.strength >= 2]
    candidates: list[DateMention] = []
    for index in draft.sentences:
        sentence = sentences[index]
        for mention in dates:
            if sentence.start <= mention.start < sentence.end and mention.value is not None:
                if published is not None and mention.value > published:
                    continue
                if _REPORTED_ON.search(text[max(sentence.start, mention.start - 45) : mention.start]):
                    continue  # "said in a statement on Monday": when it was said, not when it happened
                if v.later_event.search(text[max(sentence.start, mention.start - 60) : mention.start]):
                    continue  # "he was killed by police on March 22": a later event's day
                if re.match(r"['’]s\b", text[mention.end : mention.end + 3]) and v.earlier_event.search(
                    text[max(sentence.start, mention.start - 40) : mention.start]
                ):
                    continue  # "wanted for Wednesday's massacre": an earlier event's day
                candidates.append(mention)
    # The sentences whose opening date dates the event: its own, and a bare dateline just before it.
    dated = [sentences[i] for i in draft.sentences]
    previous = sentences[draft.first - 1] if draft.first > 0 else None
    if (
        previous is not None
        and previous.paragraph == sentences[draft.first].paragraph
        and len(previous.text) <= 25
    ):
        dated.insert(0, previous)  # "03/20/2015:" parsed as a sentence of its own
    opening = [
        m
        for m in dates
        if m.value is not None
        and m.precision == "day"
        and _YEAR.search(m.text)
        and _opens_a_sentence(m.start, dated)
    ]
    if opening:
        # "10/30/2015: Assailants abducted ... The hostages were killed on 11/02/2015": a dated record's
        # own date is the incident's; "... during Sunday mass" is that date's Sunday, not one counted
        # back from whenever the record is read.
        return min(opening, key=lambda m: m.start).to_event_date()
    if candidates:
        # "... in riots on Friday night": a day told right after the act is the act's own day.
        attached = [
            m for m in candidates if m.precision == "day" and any(0 <= m.start - t.end <= 20 for t in acts)
        ]
        return (attached or candidates)[0].to_event_date()
    paragraph = sentences[draft.first].paragraph
    first_start = sentences[draft.first].start
    # Only the sentence that opens the event: "he was arrested the next day" is no move of the act.
    next_day = bool(v.next_day.search(sentences[draft.first].text))
    for mention in dates:
        inside = [s for s in sentences if s.paragraph == paragraph and s.start <= mention.start < s.end]
        if inside and mention.value is not None and mention.precision == "day":
            if next_day and mention.start < first_start:
                return _day_after(mention)
            return mention.to_event_date()
    earlier = [
        m
        for m in dates
        if m.start < sentences[draft.first].start
        and m.value is not None
        and m.precision == "day"
        and (published is None or m.value <= published)
        and not _REPORTED_ON.search(text[max(0, m.start - 45) : m.start])
    ]
    if earlier:
        # "About an hour later a third bomber ...": the day last named before it.
        return _day_after(earlier[-1]) if next_day else earlier[-1].to_event_date()
    if published is not None:
        # Nothing said: news reports the day's events, so the publication day is the best reading.
        return EventDate(value=published, precision="day")
    return EventDate()


def _day_after(mention: DateMention) -> EventDate:
    """ "Hours later, after midnight": the day after the one named before."""
    told = mention.to_event_date()
    if told.value is None:
        return told
    return told.model_copy(update={"value": told.value + timedelta(days=1)})


def _place(
    draft: Draft,
    sentences: Sequence[Sentence],
    places: Sequence[PlaceMention],
    article_countries: Sequence[str],
) -> Place:
    acting = Draft(
        [i for i in draft.sentences if any(t.sentence == i and t.flagged is None for t in draft.triggers)]
    )
    own = _draft_places(acting, places, sentences) if acting.sentences else []
    if not own:
        own = _draft_places(draft, places, sentences)
    if not own:
        paragraph = sentences[draft.first].paragraph
        own = [
            p
            for p in places
            if any(s.paragraph == paragraph and s.start <= p.start < s.end for s in sentences)
        ]
    if not own:
        # The nearest place named before the event's first sentence (a dateline or an earlier paragraph).
        before = [p for p in places if p.start < sentences[draft.first].start]
        own = before[-1:] if before else []
    return resolve(own, article_countries)


def _weapon(draft: Draft, sentences: Sequence[Sentence], text: str, only: str | None = None) -> Weapon:
    v = vocab()
    best: tuple[int, str, int, int] | None = None
    ramming = any(t.type == "ramming" and t.flagged is None for t in draft.triggers)
    for index in draft.sentences:
        sentence = sentences[index]
        for pattern, weapon_type in v.weapons:
            if (weapon_type == "vehicle" and not ramming) or (only is not None and weapon_type != only):
                continue
            for match in pattern.finditer(sentence.text):
                if re.search(
                    r"\b(?:fake|replica|imitation|hoax|dummy|toy)\s+(?:\w+\s+)?$",
                    sentence.text[: match.start()],
                    re.I,
                ) or v.negated_weapon.search(sentence.text[max(0, match.start() - 30) : match.start()]):
                    continue
                start = sentence.start + match.start()
                end = sentence.start + match.end()
                if best is None or start < best[0] or (start == best[0] and end > best[3]):
                    best = (start, weapon_type, start, end)
        if best is not None:
            break
    if best is None:
        return Weapon()
    _, weapon_type, start, end = best
    return Weapon(type=weapon_type, text=text[start:end], evidence=_evidence(text, start, end))


@dataclass(frozen=True, order=True)
class _TargetCandidate:
    rank: int
    start: int
    negative_length: int
    type: str

    @property
    def end(self) -> int:
        return self.start - self.negative_length


# Between an act and its object: "opened fire on", "detonated an explosive belt among", "drove a van into".
_DIRECT_OBJECT = re.compile(
    r"\s*(?:(?:a|an|the|his|her|their|its)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:device|bomb|belt|vest|explosives?|grenades?|rifles?|guns?|car|truck|lorry|van|vehicle)\s+)?"
    r"(?:(?:on|at|into|among|upon|towards?|through|in)\s+)?"
    r"(?:(?:the|a|an|some|several|dozens\s+of|scores\s+of|hundreds\s+of|crowds?\s+of|groups?\s+of|\d+)\s+)?"
    r"(?:[\w-]+\s+)?",
    re.IGNORECASE,
)


def _direct_object(acts: Sequence[Trigger], start: int, end: int, text: str) -> bool:
    """'opened fire on residents', 'blew themselves up among crowds': the people the act was aimed at.

    Not the toll ('killed nine people at two bars': where they were killed says what was attacked),
    nor a possessive ('a women's restroom')."""
    if re.match(r"['’]s?\b", text[end : end + 2]):
        return False
    return any(
        t.end <= start <= t.end + 60
        and not re.match(r"(?:kill|wound|injur|hurt|left)", t.text, re.IGNORECASE)
        and _DIRECT_OBJECT.fullmatch(text[t.end : start])
        for t in acts
    )


def _target(draft: Draft, readings: ArticleReadings) -> Target:
    """The target named where the event is first reported; a specific victim or facility beats 'people'."""
    v = vocab()
    text, sentences = readings.text, readings.sentences
    # "West Bank", "Sheikh Zuweid": a target word inside a town's or region's name is no target.
    named_places = [(p.start, p.end) for p in readings.places if p.precision >= CITY]
    share = _victims_share(draft, readings)
    if share is not None:
        return share
    for index in draft.sentences:
        sentence = sentences[index]
        acts = [t for t in draft.triggers if t.sentence == index and t.flagged is None]
        found: list[_TargetCandidate] = []
        for pattern, target_type in v.targets:
            for match in pattern.finditer(sentence.text):
                start, end = sentence.start + match.start(), sentence.start + match.end()
                if v.target_reporting.match(text[end : end + 60]):
                    continue
                before = text[max(sentence.start, start - 30) : start]
                if re.search(
                    r"\b(?:by|told|according\s+to|from|said|alerted|called|informed|notified|warned)\s+(?:the\s+)?(?:\w+\s+)?$",
                    before,
                    re.I,
                ):
                    continue
                if _inside_place_name(text, start, end) or _name_modifier(text, start, end):
                    continue
                if any(s < end and start < e for s, e in named_places):
                    continue
                if target_type == "transport" and _carries_the_bomb(text, sentence, start, end):
                    continue  # "an explosives-laden tanker": the weapon, not the target
                after_act = any(t.end <= start for t in acts)
                generic = target_type == "civilians"
                rank = int(not after_act) * 2 + int(generic)
                found.append(_TargetCandidate(rank, start, -(end - start), target_type))
        if found:
            # Longest match per position; then what follows the act before what precedes it, a specific
            # victim or facility before "people", and the nearest.
            found.sort(key=lambda c: (c.start, c.negative_length))
            longest: list[_TargetCandidate] = []
            for candidate in found:
                if longest and candidate.start < longest[-1].end:
                    continue
                longest.append(candidate)
            if not any(
                c.type == "religious"
                and c.rank <= 1
                and not _LANDMARK_FOR_PLACE.search(text[max(0, c.start - 60) : c.start])
                for c in longest
            ):
                # People the act was aimed at ("opened fire on people in bars") beat the place they were in,
                # except a place of worship (an attack on worshippers is on the religious institution).
                longest = [
                    _TargetCandidate(0, c.start, c.negative_length, c.type)
                    if c.rank == 1 and _direct_object(acts, c.start, c.end, text)
                    else c
                    for c in longest
                ]
            best = _named_for_what_it_is(_through_hosts(min(longest), longest, text), longest, text)
            if best.type == "transport":
                # "stopped a bus carrying Coptic pilgrims ... opened fire on the passengers": the riders
                # the vehicle was said to carry are who was attacked.
                carried = [_through_hosts(c, longest, text) for c in longest if c.type == "transport"]
                best = next((c for c in carried if c.type != "transport"), best)
            return Target(
                type=best.type,
                text=text[best.start : best.end],
                evidence=_evidence(text, best.start, best.end),
            )
    return Target()


# "next to the Kaiser Wilhelm Memorial Church": a landmark that places the attack, not its target.
_LANDMARK_FOR_PLACE = re.compile(
    r"\b(?:next\s+to|near|close\s+to|opposite|overlooking|beside)\s+(?:the\s+|a\s+)?(?:[A-Z][\w'’-]*\s+){0,4}$"
)


def _victims_share(draft: Draft, readings: ArticleReadings) -> Target | None:
    """'38 people, most of them police officers, were killed': who the victims mostly were decides."""
    v = vocab()
    text = readings.text
    for index in draft.sentences:
        sentence = readings.sentences[index]
        for match in v.victim_share.finditer(sentence.text):
            rest = sentence.text[match.end() : match.end() + 60]
            verb = re.search(r"\b(?:killed|dead|died|injured|wounded|hurt)\b", sentence.text[match.end() :])
            if verb and verb.group(0) in {"injured", "wounded", "hurt"}:
                continue  # "50 others, mostly police officers, were injured": who came to help, not who was aimed at
            for pattern, target_type in v.targets:
                found = pattern.match(rest)
                if found and target_type != "civilians":
                    start = sentence.start + match.end()
                    end = start + found.end()
                    return Target(
                        type=target_type, text=text[start:end], evidence=_evidence(text, start, end)
                    )
    return None


def _carries_the_bomb(text: str, sentence: Sentence, start: int, end: int) -> bool:
    return bool(
        vocab().vehicle_bombs.search(text[max(sentence.start, start - 40) : start])
        or re.match(r"\s+(?:packed|laden|loaded|rigged|filled|fitted|stuffed)\s+with\b", text[end : end + 30])
    )


_APPOSITION = re.compile(r"(?:\s+[A-Z][\w'’-]*)*,\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?")


def _named_for_what_it_is(
    best: _TargetCandidate, candidates: Sequence[_TargetCandidate], text: str
) -> _TargetCandidate:
    """'Crocus City Hall, a concert venue': a word inside a name yields to what the apposition says it is."""
    if not text[best.start : best.start + 1].isupper():
        return best
    apposition = _APPOSITION.match(text, best.end)
    if apposition is None:
        return best
    said = [c for c in candidates if c.start == apposition.end()]
    return said[0] if said else best


def _through_hosts(
    best: _TargetCandidate, candidates: Sequence[_TargetCandidate], text: str
) -> _TargetCandidate:
    """'a bus carrying riot police' → police; 'a school being used as an army recruitment centre' → military."""
    v = vocab()
    for _ in range(3):
        after = text[best.end : best.end + 90]
        link = v.container_link.match(after)
        if link is None and v.host_nouns.fullmatch(text[best.start : best.end]):
            link = v.host_link.match(after)
        if link is None:
            return best
        reach = best.end + link.end()
        following = [c for c in candidates if reach <= c.start <= reach + 25]
        if not following:
            return best
        best = min(following, key=lambda c: c.start)
    return best


_FIGURE_HIT = re.compile(
    r"^[^.;]{0,40}?\b(?:died|was\s+(?:killed|shot|stabbed|assassinated|wounded|injured|hurt|attacked|targeted)|survived|escaped)\b"
)
_FIGURE_IS_PLACE = re.compile(
    # "General Hospital", "Bishop Street" (not "cleric X on the road near ...": a place after a preposition)
    r"^\s*(?:(?!(?:on|in|at|near|outside|by|of|the|a|an|to|from)\b)[\w'’-]+\s+){0,2}?(?:police\s+)?(?:academy|school|hospital|airport|university|street|avenue|road|square|base|camp|mosque|church"
    r"|market|stadium|station|hall|bridge|barracks|college|park|district|province|county)\b",
    re.IGNORECASE,
)
_NAMES_A_PLACE = re.compile(
    r"\b(?:Street|Road|Avenue|Square|Church|Cathedral|Mosque|Hospital|School|Airport|Bridge|Station|Hall|University"
    r"|College|Academy|Park|Lane|Boulevard|Market|Stadium|Barracks|Palace|House|Building|Centre|Center)\b\s*$"
)
_FIGURE_SPEAKS = re.compile(
    r"^[\s,]*(?:\w+\s+){0,3}?(?:said|says|told|condemned|called|vowed|ordered|announced|visited|promised)\b"
)


# A device sent by post is coded by what it is (GTD: Bombing/Explosion), whoever opened it.
_MAILED_DEVICE = re.compile(
    r"\b(?:package|parcel|letter|mail|mailed|posted)\s+(?:\w+\s+)?(?:bomb|device)s?\b", re.I
)
# Beyond this many dead, an attack told as aimed at someone only in a later sentence was aimed at many.
MASS_CASUALTY_DEATHS = 10


def _aimed_at_many(
    figure: Target, type_name: str, draft: Draft, readings: ArticleReadings, draft_text: str
) -> bool:
    """Whether the attack, though a figure is named as its aim, codes by its act (GTD's reading)."""
    if type_name == "bombing" and _MAILED_DEVICE.search(draft_text):
        return True  # the Unabomber's parcels are bombings
    first = readings.sentences[draft.first]
    if figure.evidence is None or figure.evidence.start < first.end:
        return False
    # "The attack targeted General X, who survived" after a toll of 63: a mass-casualty bombing.
    deaths = [
        m.count.value
        for i in draft.sentences
        for m in readings.casualties_by_sentence[i]
        if m.kind == "killed" and not m.attackers and m.count.value is not None
    ]
    return max(deaths, default=0) > MASS_CASUALTY_DEATHS


def _public_figure(draft: Draft, readings: ArticleReadings) -> Target | None:
    """A titled, named person the report says was attacked ('fired at former Prime Minister X').

    The first sentence of the event may show the aim in any way (an act just before the name, a
    cue, the person at the scene); a later one only by saying so ('The device targeted X')."""
    v = vocab()
    named_places = [(p.start, p.end) for p in readings.places if p.precision >= CITY]
    for index in draft.sentences:
        sentence = readings.sentences[index]
        first = index == draft.first
        acts = (
            [t for t in draft.triggers if t.sentence == sentence.index and t.flagged is None] if first else []
        )
        for pattern, figure_type in v.public_figures:
            for match in pattern.finditer(sentence.text):
                target = _figure_aimed_at(
                    match, figure_type, sentence, acts, named_places, readings.text, first
                )
                if target is not None:
                    return target
    return (
        _office_holder(draft, readings)
        or _described_figure(draft, readings, named_places)
        or _victim_chosen(draft, readings, named_places)
    )


# "the governor of Burkina Faso's Sahel region said": the rest of an office's name, then a speech verb
_SPEAKER_AFTER = re.compile(r"^(?:\s*[\w'’-]+){0,4}?\s+(?:said|says|told|stated|announced|confirmed)\b")


def _office_holder(draft: Draft, readings: ArticleReadings) -> Target | None:
    """'shot and killed the mayor of Dhuluiya town': the first act aimed at the one holder of an office."""
    v = vocab()
    text = readings.text
    sentence = readings.sentences[draft.first]
    acts = [t for t in draft.triggers if t.sentence == sentence.index and t.flagged is None]
    for match in v.office_holder.finditer(sentence.text):
        start, end = sentence.start + match.start(), sentence.start + match.end()
        if _FIGURE_SPEAKS.match(text[end : sentence.end]) or _SPEAKER_AFTER.match(text[end : sentence.end]):
            continue  # "..., the governor of the Sahel region said": the source, not the target
        # the act's own object: no clause boundary between the act and the office
        objects = [t for t in acts if not re.search(r"[,;:]", text[t.end : start])]
        if _act_just_before(objects, start, text, 40, occasion=v.figure_occasion):
            kind = next((name for pattern, name in v.targets if pattern.search(match.group(0))), "government")
            return Target(type=kind, text=match.group(0), evidence=_evidence(text, start, end))
    return None


def _act_just_before(
    acts: Sequence[Trigger], start: int, text: str, reach: int, *, occasion: re.Pattern[str] | None
) -> bool:
    """Whether an act ends at most ``reach`` characters before ``start``, with no words between that make
    the one named there the occasion rather than the object ("on the eve of a visit by")."""
    return any(
        t.end <= start
        and start - t.end <= reach
        and not (occasion is not None and occasion.search(text[t.end : start]))
        for t in acts
    )


# "The victim was targeted because he had refused to pay", the database's way of saying it was personal
_CHOSEN_VICTIM = re.compile(
    r"\b(?:the\s+)?victims?(?:,\s+[^.;]{3,160}?,)?\s+(?:was|were|had\s+been)\s+(?:reportedly\s+|apparently\s+|likely\s+)?"
    r"(?:targeted|singled\s+out|chosen)\s+(?:because|for|due\s+to|over)\b",
    re.IGNORECASE,
)


def _victim_chosen(
    draft: Draft, readings: ArticleReadings, named_places: Sequence[tuple[int, int]]
) -> Target | None:
    """A person named as the first act's object whom a later sentence says was targeted for who he was."""
    if not any(_CHOSEN_VICTIM.search(readings.sentences[i].text) for i in draft.sentences[1:]):
        return None
    text = readings.text
    sentence = readings.sentences[draft.first]
    acts = [
        t for t in draft.triggers if t.sentence == sentence.index and t.flagged is None and t.strength >= 2
    ]
    for start, end in readings.persons:
        if not sentence.start <= start < sentence.end or any(s <= start < e for s, e in named_places):
            continue
        if _act_just_before(acts, start, text, 40, occasion=None):
            return Target(type="civilians", text=text[start:end], evidence=_evidence(text, start, end))
    return None


def _described_figure(
    draft: Draft, readings: ArticleReadings, named_places: Sequence[tuple[int, int]]
) -> Target | None:
    """A named victim of the first act, described as anything but an ordinary person: someone of note.

    GTD summaries name a victim when he mattered ("shot and killed Narendra Dabholkar, a rationalist
    who campaigned against superstition"); a shopkeeper or a soldier named is still an armed assault."""
    v = vocab()
    text = readings.text
    sentence = readings.sentences[draft.first]
    acts = [
        t for t in draft.triggers if t.sentence == sentence.index and t.flagged is None and t.strength >= 2
    ]
    for match in v.figure_described.finditer(sentence.text):
        start = sentence.start + match.start("name")
        end = sentence.start + match.end("desc")
        description = match.group("desc")
        # "a market frequented by women" is a place; "the elected head of Lukbawan village" a person
        head = re.split(r"\s+(?:of|in|at|for|from)\s+", description, maxsplit=1)[0]
        if any(s <= start < e for s, e in named_places) or not (
            any(s < sentence.start + match.end("name") and start < e for s, e in readings.persons)
            # "Tirong Aboh, a member of the Legislative Assembly": a person, whatever the parser said
            or _person_noun_leads(head)
        ):
            continue  # "Forbury Gardens, a park": a place or a venue, not a person
        if not (
            _act_just_before(acts, start, text, 40, occasion=v.figure_occasion)
            # "broke into the home of Pat Finucane, a solicitor": the aim told by what was attacked
            or (acts and v.figure_aimed.search(text[sentence.start : start]))
        ):
            continue  # not the one the act was aimed at
        # "a district council member": a place word before the person's noun does not make a place
        place = v.place_description.search(head) and not v.person_description.search(head)
        if v.ordinary_role.match(description) or place:
            continue
        kind = next((name for pattern, name in v.targets if pattern.search(description)), "civilians")
        return Target(type=kind, text=text[start:end].strip(), evidence=_evidence(text, start, end))
    return None


def _person_noun_leads(description: str) -> bool:
    """'member of the Assembly', 'prominent local politician': a person's noun within its first words."""
    found = vocab().person_description.search(description)
    return found is not None and len(description[: found.start()].split()) <= 3


def _figure_aimed_at(
    match: re.Match[str],
    figure_type: str,
    sentence: Sentence,
    acts: Sequence[Trigger],
    named_places: Sequence[tuple[int, int]],
    text: str,
    first: bool,
) -> Target | None:
    v = vocab()
    start, end = sentence.start + match.start(), sentence.start + match.end()
    after = text[end : sentence.end]
    if (
        _FIGURE_SPEAKS.match(after)
        # "General Hospital" after a title; a role told after the name ("a professor at X
        # University") already says who the person is.
        or (_FIGURE_IS_PLACE.match(after) and re.search(r"[A-Z][\w'’.-]*\s*$", match.group(0)))
        or _NAMES_A_PLACE.search(match.group(0))
    ):
        return None
    if re.search(
        r"\b(?:among\s+them|including|among)\s+(?:the\s+)?$", text[max(sentence.start, start - 30) : start]
    ):
        return None  # one of many victims, not the one aimed at
    if any(s <= start < e for s, e in named_places):
        return None  # "near Sheikh Zuweid": a town, not a sheikh ("X, Pakistan's minister" is a minister)
    before = text[sentence.start : start]
    if first:
        aimed = (
            _act_just_before(acts, start, text, 60, occasion=v.figure_occasion)
            # "beat Bishop X to death": the act's own words hold the name
            or any(t.start < start < t.end for t in acts)
            or bool(v.figure_aimed.search(before))
            or bool(acts and v.figure_present.search(before))
            or bool(_FIGURE_HIT.match(after))
        )
    else:
        aimed = bool(v.figure_aimed_later.search(before))
    if not aimed:
        return None
    institution = text[max(sentence.start, start - 30) : start]
    kind = next((k for p, k in v.figure_institutions if p.search(institution)), figure_type)
    return Target(type=kind, text=text[start:end].strip(), evidence=_evidence(text, start, end))


def _name_modifier(text: str, start: int, end: int) -> bool:
    """'Army' in 'Army Public School': a capitalised word inside a longer name, not its head."""
    return text[start : start + 1].isupper() and bool(re.match(r"\s+[A-Z][a-z]", text[end : end + 3]))


def _inside_place_name(text: str, start: int, end: int) -> bool:
    """'Westminster Bridge', 'Bolivar Square' name a place, not a bridge or square that was the target."""
    word = text[start:end]
    if not word[:1].isupper() or start == 0:
        return False
    if not re.fullmatch(
        r"(?:Bridge|Square|Street|Road|Avenue|Lane|Park|Gardens|Boulevard|Place|Gate|Market|Station|Bus|Metro)",
        word,
    ):
        return False
    return bool(re.search(r"[A-Z][\w'’-]*\s+$", text[max(0, start - 30) : start]))


def _casualties(
    event: Event,
    draft: Draft,
    casualties_by_sentence: Sequence[Sequence[casualty_reading.CasualtyMention]],
    type_name: str,
    draft_text: str,
    text: str,
    recalled: Sequence[tuple[int, int]] = (),
) -> None:
    mentions = [
        _named_attacker(m, text)
        for index in draft.sentences
        for m in casualties_by_sentence[index]
        # "... came two days after the Real IRA shot dead two soldiers": the toll of the event recalled
        if not any(start <= m.start <= end for start, end in recalled)
    ]
    tolls = casualty_reading.event_tolls(
        mentions, combatant_toll=type_name in {"air_strike", "shelling", "armed_clash"}
    )
    event.killed, event.injured = tolls.killed, tolls.injured
    if tolls.attackers_killed is not None:
        event.attackers_killed = tolls.attackers_killed
    killed, evidence = event.killed.value, event.killed.evidence
    if (
        type_name == "bombing"
        and killed
        and evidence is not None
        and vocab().driver_among_dead.search(evidence.text)
        and vocab().vehicle_bomb.search(draft_text)
    ):
        # "Eleven people, including the driver, were killed" by a car bomb: the driver brought the bomb.
        event.killed = event.killed.model_copy(
            update={
                "value": killed - 1,
                "low": (event.killed.low or killed) - 1,
                "high": (event.killed.high or killed) - 1,
            }
        )
        if event.attackers_killed.value is None or event.attackers_killed.value == 0:
            event.attackers_killed = Casualties(value=1, low=1, high=1, qualifier="exact", evidence=evidence)


_PERSON_NAME = re.compile(r"(?:[A-Z][\w'’-]+\s+){0,3}(?P<last>[A-Z][\w'’-]+)")


def _named_attacker(mention: casualty_reading.CasualtyMention, text: str) -> casualty_reading.CasualtyMention:
    """ "Coulibaly was killed" after "Amedy Coulibaly had taken shoppers hostage": the one who acted died."""
    if mention.kind != "killed" or mention.attackers or mention.count.value != 1:
        return mention
    name = _PERSON_NAME.fullmatch(mention.noun.strip())
    if name is None:
        return mention
    last = re.escape(name.group("last"))
    for told in re.finditer(rf"\b{last}\b", text[: mention.start]):
        if vocab().attacker_acts.match(text, told.end()):
            return replace(mention, attackers=True)
    return mention


# ---------------------------------------------------------------------- perpetrator


@dataclass
class _Candidate:
    name: str
    status: Status
    rank: int
    position: int
    evidence: list[Evidence]
    claimed_via: str | None = None

    @classmethod
    def from_cue(
        cls,
        text: str,
        sentence: Sentence,
        group: GroupMention,
        cue: re.Match[str],
        status: Status,
        rank: int,
        claimed_via: str | None = None,
    ) -> _Candidate:
        """A perpetrator named next to a claim/denial/suspicion cue, with both as evidence."""
        return cls(
            group.name,
            status,
            rank,
            sentence.start,
            [
                _evidence(text, group.start, group.end),
                _evidence(text, sentence.start + cue.start(), sentence.start + cue.end()),
            ],
            claimed_via,
        )


def _perpetrator(
    draft: Draft, sentences: Sequence[Sentence], groups: Sequence[GroupMention], text: str, type_name: str
) -> Perpetrator:
    v = vocab()
    candidates: list[_Candidate] = []
    state_claim: Evidence | None = None  # "a junta spokesman confirmed the strike": the state claims
    last_group: GroupMention | None = None
    draft_set = set(draft.sentences)
    first = sentences[draft.first]
    for sentence in sentences:
        in_sentence = [g for g in groups if sentence.start <= g.start < sentence.end]
        own = sentence.index in draft_set
        near = own or sentence.index > draft.first
        claim = v.claimed.search(sentence.text)
        if claim and re.match(
            r"claimed\s+(?:the\s+)?(?:lives|\d+|\w+\s+lives)", sentence.text[claim.start() :], re.I
        ):
            claim = None
        refusal = v.no_claim.search(sentence.text)
        if claim and not refusal and near:
            group = _group_for_cue(in_sentence, sentence, claim, last_group, text)
            if group is None or group.start > sentence.start + claim.start():
                group = _named_subject(sentence, claim.start()) or group
            if group is None:
                group = _named_on_behalf(sentence, claim.end())
            elif group.start - sentence.start > 4:
                # "The Imam Shamil Battalion, which is linked to al-Qaida, claimed": the subject claims.
                subject = _named_subject(sentence, claim.start())
                if subject is not None and not any(
                    g.start < subject.end and subject.start < g.end for g in in_sentence
                ):
                    group = subject
            if group is not None and (not group.state or not in_sentence or group in in_sentence):
                channel = _channel(sentence, sentences, text)
                candidates.append(_Candidate.from_cue(text, sentence, group, claim, "claimed", 0, channel))
            elif group is None and v.state_speakers.search(sentence.text[: claim.start()]):
                state_claim = _evidence(text, sentence.start + claim.start(), sentence.start + claim.end())
        denied = v.denied.search(sentence.text)
        if denied and near:
            group = _group_for_cue(in_sentence, sentence, denied, last_group, text)
            if group is not None:
                candidates.append(_Candidate.from_cue(text, sentence, group, denied, "denied", 2))
        suspected = v.suspected.search(sentence.text)
        if suspected and near and not in_sentence:
            unknown = _named_object(sentence)
            if unknown is not None:
                in_sentence = [unknown]
        if suspected and near and in_sentence:
            group = min(in_sentence, key=lambda g: abs(g.start - (sentence.start + suspected.start())))
            cue_start, cue_end = sentence.start + suspected.start(), sentence.start + suspected.end()
            between = text[min(cue_end, group.end) : max(cue_start, group.start)]
            if _OTHER_CLAUSE.search(between):
                pass  # "police blamed a local gang, and al-Shabaab denied involvement": another clause
            elif (
                not _on_victim_side(text, group)
                or re.search(r"\b(?:blamed|accused|suspected)\b", sentence.text, re.I)
            ) and not _only_inspired(text, group):
                candidates.append(_Candidate.from_cue(text, sentence, group, suspected, "suspected", 1))
        if own:
            acts = [t.start for t in draft.triggers if t.sentence == sentence.index and t.flagged is None]
            for group in in_sentence:
                if (
                    group.leader
                    or _on_victim_side(text, group)
                    or _BYSTANDER.match(text[group.end : group.end + 40])
                    or _only_inspired(text, group)
                ):
                    continue
                by_phrase = re.search(
                    r"\bby\s+(?:the\s+)?(?:\w+\s+){0,2}$",
                    text[max(sentence.start, group.start - 30) : group.start],
                )
                if not acts:
                    continue  # named beside no act: not the attacker by position alone
                if group.start > min(acts) and not by_phrase and type_name != "armed_clash":
                    continue
                if group.state and type_name not in {
                    "air_strike",
                    "shelling",
                    "shooting",
                    "armed_clash",
                    "protest",
                    "riot",
                }:
                    continue
                candidates.append(
                    _Candidate(
                        group.name,
                        "suspected",
                        3 if not group.state else 4,
                        group.start,
                        [_evidence(text, group.start, group.end)],
                    )
                )
        if in_sentence:
            last_group = in_sentence[-1]
    if not candidates:
        return Perpetrator()
    # Claims and accusations close to the event's first report are about it; prefer them.
    best = min(candidates, key=lambda c: (c.rank, abs(c.position - first.start)))
    if (
        best.status == "denied"
        and not any(c.name == best.name and c.status != "denied" for c in candidates)
        and not (best.name in v.state_names.values() and type_name in {"air_strike", "shelling"})
    ):
        # A group that only denies, named by no one as suspected, is not the perpetrator ("AQIM denied
        # involvement" while officials blame a local cell). Only states fly the aircraft and fire the
        # missiles, so a state denying a strike is the party the report holds to account.
        return Perpetrator()
    if best.status == "claimed" and best.claimed_via is None:
        best.claimed_via = next(
            (
                c.claimed_via
                for c in candidates
                if c.status == "claimed" and c.name == best.name and c.claimed_via
            ),
            None,
        )
    status: Status = best.status
    if state_claim is not None and best.rank == 4:
        status = "claimed"
        best.evidence = [*best.evidence, state_claim]
    return Perpetrator(
        name=best.name,
        status=status,
        claimed_by=best.name if status == "claimed" else None,
        claimed_via=best.claimed_via,
        evidence=best.evidence,
    )


_OTHER_CLAUSE = re.compile(r";|,\s+(?:and|but|while|whereas)\s", re.IGNORECASE)
_GROUP_WORD = re.compile(
    r"\b(?:Battalions?|Brigades?|Front|Army|Movement|Group|Organi[sz]ation|Party|Forces?|Network|Council|Jamaat|Jama'at"
    r"|Ansar|Jund|Saraya|Kataib|Kata'ib|Harakat|Tehrik|Lashkar|Jaish|Hizb|Liwa|Islamic|Revolutionary|Liberation"
    r"|Resistance|Mujahideen|Brotherhood|Unidos|Cartel|Militia|Commandos?|Cells?|Tigers|Guerrillas?|Faction|Union"
    r"|Committees?|Emirate|Khalistan|Nationalist|Separatists?|Rebels|Wing|Squad|Conspiracy|Federation"
    # the same words in the languages many groups name themselves in
    r"|Coordinadora|Frente|Ej[eé]rcito|Movimiento|Comando|Fuerzas|C[eé]lulas?|Brigadas?|Partido|Nuclei|Federazione"
    r"|Organizzazione|Fronte|Mouvement|Arm[eé]e)\b"
)
_NAME_WORDS = r"(?:[A-Z][\w'’-]*|al-[\w'’-]+|wal-[\w'’-]+|of|the|and|in|wa|e|i|ul|al|de|la|du|del|na|for)"
_SUBJECT = re.compile(
    # "A group calling itself the Nihilist Incendiary Cell claimed ...": the name it gave itself
    r"^(?:(?:A|An|The)\s+(?:[\w-]+\s+){0,2}?(?:group|cell|organi[sz]ation|faction|movement|outfit|network)\s+"
    r"(?:calling\s+itself|that\s+calls\s+itself|called|known\s+as|named)\s+)?"
    rf"(?:The\s+|the\s+)?(?P<name>[A-Z][\w'’-]*(?:[\s-]+{_NAME_WORDS}){{0,8}})\s*(?:\((?P<abbr>[^()]{{1,15}})\))?"
    r"\s*(?:,[^,]{1,80},\s*)?(?:also\s+|later\s+|quickly\s+|has\s+|had\s+|have\s+)?$"
)
# "Leaflets left at the scene claimed the attack on behalf of the Coordinadora Arauco-Malleco"
_ON_BEHALF = re.compile(
    rf"\bon\s+behalf\s+of\s+(?:the\s+)?(?P<name>[A-Z][\w'’-]*(?:[\s-]+{_NAME_WORDS}){{0,8}})"
)
_OBJECT = re.compile(
    rf"\b(?:attributed\s+(?:the\s+\w+\s+)?to|blamed(?:\s+the\s+\w+\s+on)?|accused|suspected)\s+(?:the\s+)?"
    rf"(?P<name>[A-Z][\w'’-]*(?:[\s-]+{_NAME_WORDS}){{0,8}})"
)
_NOT_GROUPS = {
    "No",
    "Police",
    "Officials",
    "Authorities",
    "Sources",
    "It",
    "He",
    "She",
    "They",
    "Nobody",
    "President",
    "Witnesses",
    "Residents",
    "Security",
    "The",
    "A",
    "An",
    "Local",
    "Government",
    "Military",
    "Army",
    "Reports",
    "Media",
    "State",
}


def _unknown_group(name: str, start: int, end: int) -> GroupMention | None:
    """A group the gazetteer does not know, named as the claimant or the accused ('Saraya Awliya al-Dam')."""
    name = re.sub(r"(?:\s+(?:of|the|and|in|for))+$", "", name.strip())
    first_word = name.split()[0] if name.split() else ""
    if first_word in _NOT_GROUPS or len(name) < 4:
        return None
    if not _GROUP_WORD.search(name) and len(name.split()) < 3:
        return None  # most likely a person
    return GroupMention(name, start, start + len(name), name)


def _named_subject(sentence: Sentence, cue_start: int) -> GroupMention | None:
    match = _SUBJECT.match(sentence.text[:cue_start])
    if match is None:
        return None
    return _unknown_group(
        match.group("name"), sentence.start + match.start("name"), sentence.start + match.end("name")
    )


def _named_on_behalf(sentence: Sentence, cue_end: int) -> GroupMention | None:
    match = _ON_BEHALF.search(sentence.text, cue_end)
    if match is None:
        return None
    return _unknown_group(
        match.group("name"), sentence.start + match.start("name"), sentence.start + match.end("name")
    )


def _named_object(sentence: Sentence) -> GroupMention | None:
    match = _OBJECT.search(sentence.text)
    if match is None:
        return None
    return _unknown_group(
        match.group("name"), sentence.start + match.start("name"), sentence.start + match.end("name")
    )


def _group_for_cue(
    in_sentence: Sequence[GroupMention],
    sentence: Sentence,
    cue: re.Match[str],
    last_group: GroupMention | None,
    text: str,
) -> GroupMention | None:
    cue_start = sentence.start + cue.start()
    if in_sentence:
        before = [g for g in in_sentence if g.start < cue_start and not _on_victim_side(text, g)]
        if before:
            # The sentence's subject claims ("The Falcons (TAK), an offshoot of the PKK, claimed ...").
            if before[0].start - sentence.start <= 4:
                # "Islamic State's Afghan affiliate, Islamic State Khorasan Province, claimed": the branch.
                branch = [g for g in before if vocab().group_parents.get(g.name) == before[0].name]
                return branch[0] if branch else before[0]
            return before[-1]
        after = [g for g in in_sentence if not _on_victim_side(text, g)]
        return min(after, key=lambda g: abs(g.start - cue_start)) if after else None
    if last_group is not None and vocab().anaphora.search(sentence.text):
        return last_group
    return None


def _channel(sentence: Sentence, sentences: Sequence[Sentence], text: str) -> str | None:
    v = vocab()
    pool = [sentence]
    if sentence.index + 1 < len(sentences):
        pool.append(sentences[sentence.index + 1])
    if sentence.index > 0:
        pool.append(sentences[sentence.index - 1])
    for candidate in pool:
        matches = list(v.channels.finditer(candidate.text))
        if matches:
            # A named channel ("Amaq news agency") says more than "a statement".
            named = [
                m
                for m in matches
                if m.group(0)[:1].isupper() and not m.group(0).lower().startswith(("a ", "an ", "in "))
            ]
            chosen = (named or matches)[0]
            channel = chosen.group(0)
            return re.sub(r"^(?:in\s+)?(?:a|an|its)\s+", "", channel, flags=re.IGNORECASE)
    return None


# ---------------------------------------------------------------------- attacker fate


_ATTACKER = (
    r"(?:attackers?|assailants?|gunm[ae]n|(?:suicide\s+)?bombers?|perpetrators?|shooters?|hijackers?|kidnappers?|"
    r"knifem[ae]n|suspects?|terrorists?|driver|man|men|woman|assailant|militants?|couple|pair|brothers)"
)
# Who dies is told apart more strictly: "a man was killed" is usually a victim, "a man was arrested" the attacker.
_ATTACKER_STRICT = _ATTACKER.replace("driver|man|men|woman|", "driver|")
_DETERMINER = (
    r"(?:the|an?|two|three|four|five|six|seven|both|all|one\s+of\s+the|his|her|their)\s+(?:[\w'’-]+\s+){0,2}?"
)
_RESPONDER = r"(?:armed\s+|the\s+|French\s+|special\s+)?(?:police|officers|troops|soldiers|security|forces|guards|commandos|marksmen)"
_FATES: list[tuple[Fate, re.Pattern[str]]] = [
    (
        "killed",
        re.compile(
            rf"\b{_DETERMINER}{_ATTACKER_STRICT}\b[^.;]{{0,120}}?"
            r"\b(?:(?:was|were|had\s+been|has\s+been|have\s+been|being|and)\s+(?:[\w'’-]+\s+){0,2}?"
            r"(?:shot\s+dead|killed|neutrali[sz]ed|shot\s+and\s+killed|gunned\s+down)"
            r"|blew\s+(?:himself|herself|themselves)\s+up|detonated\s+(?:his|her|their)\s+(?:explosive|suicide)"
            r"|killed\s+(?:himself|herself|themselves)|took\s+(?:his|her|their)\s+own\s+li(?:fe|ves)|died)"
            rf"|\b(?:shot\s+dead|killed|neutrali[sz]ed|gunned\s+down)\s+by\s+{_RESPONDER}"
            r"|\b(?:shot|killed|turned\s+the\s+gun\s+on)\s+(?:[\w'’]+\s+){0,4}?(?:himself|herself|themselves)\b"
            r"|\b(?:where|before|until|when|after\s+which)\s+(?:he|she|they)\s+(?:was|were)\s+(?:[\w'’-]+\s+){0,2}?(?:shot\s+dead|killed)"
            r"|\b(?:two|three|four|five|six|\d+)\s+of\s+(?:its|their)\s+(?:members|fighters|militants|soldiers)\s+(?:had\s+)?(?:detonated|blew)",
            re.IGNORECASE,
        ),
    ),
    (
        "killed",
        re.compile(
            rf"\b{_RESPONDER}\s+[^.;]{{0,60}}?"
            rf"(?:(?:shot\s+dead|killed|neutrali[sz]ed|shot\s+and\s+killed|gunned\s+down)\s+{_DETERMINER}{_ATTACKER}\b"
            # "shot the assailant in the leg" wounds; only "shot the assailant dead" kills
            rf"|shot\s+{_DETERMINER}{_ATTACKER}\s+dead\b)",
            re.IGNORECASE,
        ),
    ),
    (
        "arrested",
        re.compile(
            rf"\b{_DETERMINER}{_ATTACKER}\b[^.;]{{0,80}}?"
            r"\b(?:(?:was|were|had\s+been|has\s+been|have\s+been|and|before\s+being|after\s+being)\s+(?:[\w'’-]+\s+){0,3}?"
            r"(?:arrested|detained|captured|apprehended|taken\s+into\s+custody|overpowered|restrained|charged)"
            r"|(?:is|are|was|were|remains?)\s+in\s+custody|surrendered|handed\s+(?:himself|herself|themselves)\s+in"
            r"|appeared\s+in\s+court)",
            re.IGNORECASE,
        ),
    ),
    (
        "arrested",
        re.compile(
            rf"\b(?:arrested|detained|captured|apprehended|overpowered|charged)\s+[^.;]{{0,50}}?{_ATTACKER}\b"
            r"|\b(?:took|taken)\s+(?:him|her|them|the\s+\w+)\s+into\s+custody"
            r"|\b(?:he|she|they)\s+(?:was|were)\s+(?:later\s+)?(?:arrested|detained|captured|charged)",
            re.IGNORECASE,
        ),
    ),
    (
        "at_large",
        re.compile(
            rf"\b{_ATTACKER}\b[^.;]{{0,140}}?\b(?:fled|escaped|escaping|fleeing|(?:is|are|remains?|were|was)\s+(?:still\s+)?(?:at\s+large|on\s+the\s+run)|got\s+away|managed\s+to\s+flee)"
            r"|\bmanhunt\b|\b(?:at\s+large|on\s+the\s+run)\b",
            re.IGNORECASE,
        ),
    ),
]


_NAMES_AFTER = re.compile(
    r"\s+(?:[A-Z][\w'’-]+\s+){0,2}[A-Z][\w'’-]+(?:(?:,\s*|\s+and\s+)(?:[A-Z][\w'’-]+\s+){0,2}[A-Z][\w'’-]+)+"
)


def _how_many(phrase: str, phrase_text: str = "") -> int | None:
    """How many attackers a fate phrase speaks of: 'the gunman' 1, 'both attackers' 2, 'the gunmen' unknown.

    ``phrase`` is lowercased; ``phrase_text`` the same phrase as written, where names keep their capitals."""
    attacker = re.search(rf"\b((?:[\w'’-]+\s+){{0,3}}){_ATTACKER}\b", phrase)
    if attacker is None:
        counted = re.match(r"(\w+)\s+of\s+(?:its|their)\b", phrase)
        if counted:
            return casualty_reading.number_value(counted.group(1))
        return 1 if re.search(r"\b(?:he|she|him|her|himself|herself)\b", phrase) else None
    words = attacker.group(1).split()
    noun = attacker.group(0).split()[-1]
    named = _NAMES_AFTER.match(phrase_text, attacker.end()) if phrase_text else None
    if named and noun.endswith(("s", "men")):
        # "the brothers Said and Cherif Kouachi": as many attackers as names
        return len(re.split(r",\s*|\s+and\s+", named.group(0).strip()))
    for word in words:
        value = casualty_reading.number_value(word) if word not in {"a", "an"} else 1
        if value and value < 50:
            return value
        if word in {"both", "couple", "pair"}:
            return 2
    if noun in {"couple", "pair"}:
        return 2
    return None if noun.endswith("s") or noun in {"men", "gunmen", "knifemen"} else 1


def _attacker_fate(sentences: Sequence[Sentence], text: str) -> list[tuple[int, Fate, Evidence, int | None]]:
    """(sentence index, fate, evidence, how many) for each statement of what became of the attackers."""
    found: list[tuple[int, Fate, Evidence, int | None]] = []
    for sentence in sentences:
        for fate, pattern in _FATES:
            match = pattern.search(sentence.text)
            if match is None:
                continue
            if vocab().hypothetical.search(sentence.text[max(0, match.start() - 30) : match.start()]):
                continue
            if fate == "arrested" and vocab().arrested_suspects.search(sentence.text):
                continue  # suspects held "in connection with" an attack are not known to be its attackers
            how_many = _how_many(match.group(0).lower(), match.group(0))
            start = sentence.start + match.start()
            found.append(
                (sentence.index, fate, _evidence(text, start, sentence.start + match.end()), how_many)
            )
            break
    return found


def _assign_article_level(
    events: list[Event],
    drafts: Sequence[Draft],
    sentences: Sequence[Sentence],
    groups: Sequence[GroupMention],
    text: str,
) -> None:
    """Facts told once per article (the attacker's fate) go to the event they follow."""
    for sentence_index, fate, evidence, how_many in _attacker_fate(sentences, text):
        owner = _owner(sentence_index, drafts)
        if owner is None:
            continue
        event = events[owner]
        if event.type in {"armed_clash", "air_strike", "shelling", "protest", "riot"}:
            continue  # no lone attacker whose fate could be told
        perpetrator = event.perpetrator
        rank = {"killed": 3, "arrested": 2, "at_large": 1, "unknown": 0}
        if rank[fate] > rank[perpetrator.attacker_fate]:
            perpetrator.attacker_fate = fate
            perpetrator.evidence = [*perpetrator.evidence, evidence]
        if fate == "killed" and how_many is None:
            how_many = _counted_attackers(text[: evidence.start])
        if fate == "killed" and how_many is None and _LONE_SUBJECT.match(sentences[sentence_index].text):
            how_many = 1  # "A man drove ... before being shot dead by armed officers"
        if event.attackers_killed.value is None:
            if fate == "killed" and how_many is not None:
                event.attackers_killed = Casualties(
                    value=how_many, low=how_many, high=how_many, qualifier="exact", evidence=evidence
                )
            elif fate in {"arrested", "at_large"}:
                event.attackers_killed = Casualties(
                    value=0, low=0, high=0, qualifier="exact", evidence=evidence
                )
    _share_attacker_fate(events, drafts, sentences)
    suicide_told = False
    for event, draft in zip(events, drafts, strict=True):
        suicide = [
            t
            for t in draft.triggers
            if t.flagged is None and re.search(r"suicide|blew\s+(?:him|her|them)sel", t.text, re.I)
        ]
        if not suicide:
            if suicide_told and event.type == "bombing" and event.attackers_killed.value is None:
                _one_more_bomber(event, draft, sentences, text)
            continue
        suicide_told = True
        count = _suicide_attackers(draft, sentences, text)
        known = event.attackers_killed.value
        extra = event.attackers_killed.evidence is not None and bool(
            re.search(r"\b(?:second|third|fourth|another)\b", event.attackers_killed.evidence.text, re.I)
        )
        if count is not None and (known is None or extra):
            total = count + (known or 0) if extra else count
            evidence = _evidence(text, suicide[0].start, suicide[0].end)
            event.attackers_killed = Casualties(
                value=total, low=total, high=total, qualifier="exact", evidence=evidence
            )
        event.perpetrator.attacker_fate = "killed"


_SAME_ATTACKER = re.compile(rf"\b(?:the\s+)?same\s+(?:[\w'’-]+\s+)?{_ATTACKER_STRICT}\b", re.IGNORECASE)


def _share_attacker_fate(events: list[Event], drafts: Sequence[Draft], sentences: Sequence[Sentence]) -> None:
    """ "Hours later the same assailant shot dead a guard ... The assailant was shot dead": one attacker's
    fate, told once, is the fate of each attack the text gives to the same attacker."""
    for index in range(1, len(events)):
        if not any(_SAME_ATTACKER.search(sentences[i].text) for i in drafts[index].sentences):
            continue
        pair = (events[index - 1], events[index])
        told = [e for e in pair if e.attackers_killed.value is not None]
        if len(told) != 1:
            continue
        source = told[0]
        for event in pair:
            if event is not source:
                event.attackers_killed = source.attackers_killed.model_copy(deep=True)
                event.perpetrator.attacker_fate = source.perpetrator.attacker_fate


_ONE_MORE_BOMBER = re.compile(
    r"\b(?:a|the)\s+(?:second|third|fourth|fifth|sixth|further)\s+(?:suicide\s+)?(?:bomber|attacker)\b"
    r"|\banother\s+(?:suicide\s+)?(?:bomber|attacker)\b",
    re.IGNORECASE,
)


def _one_more_bomber(event: Event, draft: Draft, sentences: Sequence[Sentence], text: str) -> None:
    """After suicide bombers, "a third bomber set off his device": one more attacker who died with the bomb."""
    for index in draft.sentences:
        sentence = sentences[index]
        match = _ONE_MORE_BOMBER.search(sentence.text)
        if match is None:
            continue
        if re.search(r"\b(?:arrested|detained|captured|fled|escaped|failed|survived)\b", sentence.text, re.I):
            return  # the one more bomber lived
        start = sentence.start + match.start()
        event.attackers_killed = Casualties(
            value=1,
            low=1,
            high=1,
            qualifier="exact",
            evidence=_evidence(text, start, sentence.start + match.end()),
        )
        event.perpetrator.attacker_fate = "killed"
        return


_SUICIDE_COUNT = re.compile(
    r"\b(?P<count>[\w-]+)\s+(?:(?:male|female|teenage|child)\s+)?suicide\s+(?:bombers|attackers)\b"
    r"|\b(?P<members>[\w-]+)\s+of\s+(?:its|their|the\s+group's)\s+(?:members|fighters|militants|soldiers)\s+(?:had\s+)?"
    r"(?:detonated|blew)",
    re.IGNORECASE,
)


def _suicide_attackers(draft: Draft, sentences: Sequence[Sentence], text: str) -> int | None:
    """How many suicide attackers died: 'two suicide bombers' 2, 'a suicide bomber' 1, 'suicide bombers' unknown."""
    for index in draft.sentences:
        sentence = sentences[index].text
        match = _SUICIDE_COUNT.search(sentence)
        if match:
            word = match.group("count") or match.group("members")
            value = casualty_reading.number_value(word)
            if value is not None and 0 < value < 50:
                return value
            if re.search(r"suicide\s+(?:bombers|attackers)", match.group(0), re.I):
                return None
        if re.search(
            r"\bsuicide\s+(?:bomber|attacker|vest|belt|car\s+bomb|bombing|attack|blast)\b|\bblew\s+(?:himself|herself)\s+up",
            sentence,
            re.I,
        ):
            return 1
        if re.search(r"\bsuicide\s+(?:bombers|attackers)\b|\bblew\s+themselves\s+up", sentence, re.I):
            return None
    return None


_LONE_SUBJECT = re.compile(
    r"^(?:A|An|The)\s+(?:[\w'’-]+\s+){0,2}?(?:man|woman|attacker|assailant|gunman|bomber|driver|suspect|teenager|youth|knifeman|shooter)\b"
)
_COUNTED_ATTACKERS = re.compile(
    r"\b(?P<count>two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?:\w+\s+)?"
    r"(?:assailants|attackers|gunmen|bombers|militants|hijackers|kidnappers|men)\b",
    re.IGNORECASE,
)


def _counted_attackers(before: str) -> int | None:
    """'Two assailants … they were shot dead': how many the text last said there were."""
    matches = list(_COUNTED_ATTACKERS.finditer(before))
    if not matches:
        return None
    return casualty_reading.number_value(matches[-1].group("count"))


def _owner(sentence_index: int, drafts: Sequence[Draft]) -> int | None:
    for number, draft in enumerate(drafts):
        if sentence_index in draft.sentences:
            return number
    before = [(draft.first, number) for number, draft in enumerate(drafts) if draft.first <= sentence_index]
    return max(before)[1] if before else None


def _confidence(event: Event, draft: Draft) -> float:
    score = 0.4
    if any(t.strength >= 2 for t in draft.triggers):
        score += 0.2
    if event.place.precision <= COUNTRY:
        score += 0.15
    if event.killed.value is not None or event.injured.value is not None:
        score += 0.15
    if event.perpetrator.name:
        score += 0.1
    return round(min(score, 1.0), 2)


def gazetteers_ready() -> None:
    """Load every vocabulary and gazetteer now (e.g. before forking workers)."""
    vocab()
    gazetteer()
    casualty_reading.lexicon()
