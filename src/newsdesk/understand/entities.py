"""Entities of one article: spaCy NER plus the gazetteer ruler, with mentions linked.

Linking works within the article only:

- a gazetteer alias becomes its canonical name ("Isis", "Daesh" -> "Islamic State");
- a surname, with or without an honorific ("Hollande", "Mr Hollande"), joins the full name
  written nearest before it ("Francois Hollande"), or after it when none came before; bare
  surnames the NER missed are found by scanning the tokens;
- a definite group noun ("the group", "the extremist group") becomes a mention of the last
  armed group named within a few sentences, when it is a plain noun phrase (not "the group of
  protesters", not followed by a name of its own);
- an acronym given in brackets after a name ("... Front (NVLF)") names that entity afterwards.

Mentions carry how they were linked (``Mention.link``). The small English model misses or
mislabels names often enough that each step also looks at tokens the NER left alone.

Heuristic words (titles, honorifics, anaphor nouns, confidences) live in
``data/entity_linking.json``.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy
from spacy.tokens import Doc, Span, Token

from newsdesk.model import Entity, Mention
from newsdesk.understand.nlp import get_gazetteer, read_json

POSSESSIVES = {"'s", "’s", "'", "’"}
LEADING_DROPPED = {"the", "a", "an"}
# Labels the model wrongly gives a lone surname: any role for these, only as subject for places.
SURNAME_AS_ORGANISATION = {"ORG", "NORP"}
SURNAME_AS_PLACE = {"GPE", "LOC", "FAC"}
ACRONYM_LABELS = {"ORG", "GROUP", "AGENCY", "FAC", "GPE"}
ACRONYM = re.compile(r"[A-Z][A-Z0-9&-]{1,9}")


@dataclass(frozen=True)
class LinkingRules:
    labels: dict[str, str]
    honorifics: frozenset[str]
    titles: frozenset[str]
    anaphor_heads: frozenset[str]
    anaphor_window: int
    confidence: dict[str, float]


@lru_cache(maxsize=1)
def linking_rules() -> LinkingRules:
    data = read_json("entity_linking.json")
    return LinkingRules(
        labels=dict(data["labels"]),
        honorifics=frozenset(data["honorifics"]),
        titles=frozenset(data["titles"]),
        anaphor_heads=frozenset(word.lower() for word in data["group_anaphor_heads"]),
        anaphor_window=int(data["group_anaphor_window_sentences"]),
        confidence={key: float(value) for key, value in data["confidence"].items()},
    )


@dataclass
class _Draft:
    """A mention before entities are assembled."""

    key: str
    label: str
    start: int
    end: int
    token_start: int
    token_end: int
    link: str
    confidence: float
    grammatical_role: str = ""


@dataclass
class EntityIndex:
    """The entities of one doc and a lookup from character spans to them."""

    entities: list[Entity] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)
    _mentions: list[tuple[int, int, Entity]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._mentions = sorted(
            ((mention.start, mention.end, entity) for entity in self.entities for mention in entity.mentions),
            key=lambda item: item[0],
        )
        self._starts = [start for start, _, _ in self._mentions]

    def add_mention(self, name: str, type_: str, mention: Mention, confidence: float) -> Entity:
        """Record a mention found after NER (a named speaker the model missed)."""
        entity = next((e for e in self.entities if e.name == name and e.type == type_), None)
        if entity is None:
            entity = Entity(name=name, type=type_, confidence=confidence)
            self.entities.append(entity)
        if all((m.start, m.end) != (mention.start, mention.end) for m in entity.mentions):
            entity.mentions.append(mention)
            entity.mentions.sort(key=lambda m: m.start)
        self.entities.sort(key=lambda e: e.mentions[0].start if e.mentions else 0)
        self.__post_init__()
        return entity

    def overlapping(self, start: int, end: int) -> list[Entity]:
        """Entities with a mention overlapping [start, end), in text order."""
        found: list[Entity] = []
        first = max(0, bisect.bisect_right(self._starts, start) - 8)
        for mention_start, mention_end, entity in self._mentions[first:]:
            if mention_start >= end:
                break
            if mention_end > start and entity not in found:
                found.append(entity)
        return found

    def last_before(
        self, position: int, types: set[str], *, named_people_only: bool = False
    ) -> tuple[int, Entity] | None:
        """The nearest mention ending at or before ``position`` of an entity of one of ``types``.

        ``named_people_only`` skips one-word people the model alone proposed ("Moon", "Gateway"
        are often taken for people): what a pronoun refers back to is someone named in full.
        """
        index = bisect.bisect_left(self._starts, position)
        for mention_start, mention_end, entity in reversed(self._mentions[:index]):
            if mention_end <= position and entity.type in types:
                if named_people_only and not _named_in_full(entity):
                    continue
                return mention_start, entity
        return None


def _named_in_full(entity: Entity) -> bool:
    return (
        entity.type != "PERSON"
        or len(entity.name.split()) > 1
        or any(mention.link not in {"ner", None} for mention in entity.mentions)
    )


def find_entities(doc: Doc) -> EntityIndex:
    rules = linking_rules()
    drafts = [
        draft
        for ent in doc.ents
        for part in _within_paragraphs(ent)
        if (draft := _draft_from_span(part, rules)) is not None
    ]
    drafts = _link_acronyms(doc, drafts, rules)
    drafts = _link_surnames(doc, drafts, rules)
    drafts = _link_group_anaphors(doc, drafts, rules)
    return EntityIndex(_assemble(doc, drafts))


# --------------------------------------------------------------------------- acronyms


def _link_acronyms(doc: Doc, drafts: list[_Draft], rules: LinkingRules) -> list[_Draft]:
    """ "the Movement for Democratic Change (MDC)": later "MDC" is that movement."""
    expansions: dict[str, _Draft] = {}
    for draft in drafts:
        end = draft.token_end
        if (
            draft.label in ACRONYM_LABELS
            and end + 2 < len(doc)
            and doc[end].text == "("
            and doc[end + 2].text == ")"
        ):
            acronym = doc[end + 1].text
            if ACRONYM.fullmatch(acronym) and len(draft.key.split()) > 1:
                expansions.setdefault(acronym, draft)
    if not expansions:
        return drafts
    taken = _taken_tokens(drafts)
    for draft in drafts:
        full = expansions.get(draft.key)
        if full is not None and draft is not full:
            draft.key, draft.label, draft.link = full.key, full.label, "acronym"
            draft.confidence = rules.confidence["alias"]
    found = [
        _Draft(
            key=expansions[token.text].key,
            label=expansions[token.text].label,
            start=token.idx,
            end=token.idx + len(token.text),
            token_start=token.i,
            token_end=token.i + 1,
            link="acronym",
            confidence=rules.confidence["alias"],
            grammatical_role=token.dep_,
        )
        for token in _tokens_written(doc, expansions, "ORTH")
        if token.i not in taken
    ]
    return sorted([*drafts, *found], key=lambda draft: draft.start)


# --------------------------------------------------------------------------- named mentions


def _draft_from_span(ent: Span, rules: LinkingRules) -> _Draft | None:
    label = rules.labels.get(ent.label_)
    if label is None:
        return None
    span = _trim(ent, rules, person=label == "PERSON")
    if span is None:
        return None
    gazetteer = get_gazetteer()
    confidence = rules.confidence
    # Ruler matches carry the canonical name on their tokens (it survives splitting the span).
    canonical = ent.root.ent_id_
    if canonical:
        entry = gazetteer.entries.get(canonical)
        key, link, score = canonical, "gazetteer", confidence["ruler"]
        label = entry.label if entry else label
    elif (entry := gazetteer.canonical(span.text)) is not None:
        key, label, link, score = entry.name, entry.label, "alias", confidence["alias"]
    else:
        key, link, score = _name_text(span), "ner", confidence["ner"]
    mention = _with_honorific(span, rules) if label == "PERSON" else span
    return _Draft(
        key=key,
        label=label,
        start=mention.start_char,
        end=mention.end_char,
        token_start=mention.start,
        token_end=mention.end,
        link=link,
        confidence=score,
        grammatical_role=span.root.dep_,
    )


def _within_paragraphs(ent: Span) -> list[Span]:
    """An entity the model ran across a line break, split at it (one part per line)."""
    if "\n" not in ent.text:
        return [ent]
    parts: list[Span] = []
    start = ent.start
    for token in ent:
        if "\n" in token.text or "\n" in token.whitespace_:
            end = token.i if "\n" in token.text else token.i + 1
            if end > start:
                parts.append(ent.doc[start:end])
            start = token.i + 1
    if start < ent.end:
        parts.append(ent.doc[start : ent.end])
    return [Span(ent.doc, part.start, part.end, label=ent.label_) for part in parts]


def _trim(span: Span, rules: LinkingRules, *, person: bool) -> Span | None:
    """Drop leading articles (and titles, for people) and trailing possessives or punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (
        doc[start].lower_ in LEADING_DROPPED
        or doc[start].is_punct
        or (person and (doc[start].text in rules.titles or doc[start].text in rules.honorifics))
    ):
        start += 1
    while end > start and (
        doc[end - 1].text in POSSESSIVES or doc[end - 1].is_punct or doc[end - 1].is_space
    ):
        end -= 1
    return doc[start:end] if end > start else None


def _with_honorific(span: Span, rules: LinkingRules) -> Span:
    start = span.start
    if start > 0 and span.doc[start - 1].text in rules.honorifics:
        start -= 1
    return span.doc[start : span.end]


def _name_text(span: Span) -> str:
    return " ".join(span.text.split())


# --------------------------------------------------------------------------- people


def _name_tokens(draft: _Draft) -> list[str]:
    return draft.key.split()


def _link_surnames(doc: Doc, drafts: list[_Draft], rules: LinkingRules) -> list[_Draft]:
    """Tie short names to the full name they abbreviate, and find surnames NER missed."""
    full_names = [draft for draft in drafts if draft.label == "PERSON" and len(_name_tokens(draft)) > 1]
    if not full_names:
        return drafts
    for draft in drafts:
        # The small model often calls a lone surname an ORG, or a place when it is the subject
        # ("Varga told reporters"); a place name in any other role stays a place ("Yala province").
        mislabelled = draft.link == "ner" and (
            draft.label in SURNAME_AS_ORGANISATION
            or (draft.label in SURNAME_AS_PLACE and draft.grammatical_role in {"nsubj", "nsubjpass"})
        )
        if (draft.label != "PERSON" and not mislabelled) or draft in full_names:
            continue
        target = _nearest_full_name(draft, _name_tokens(draft), full_names)
        if target is not None:
            draft.key, draft.link, draft.confidence = target.key, "surname", rules.confidence["surname"]
            draft.label = "PERSON"

    surnames = {_name_tokens(draft)[-1] for draft in full_names}
    taken = _taken_tokens(drafts)
    found: list[_Draft] = []
    for token in _tokens_written(doc, surnames, "ORTH"):
        if token.i in taken or not token.text[:1].isupper():
            continue
        candidate = _Draft("", "PERSON", 0, 0, token.i, token.i + 1, "surname", rules.confidence["surname"])
        target = _nearest_full_name(candidate, [token.text], full_names)
        if target is None:
            continue
        span = _with_honorific(doc[token.i : token.i + 1], rules)
        found.append(
            _Draft(
                key=target.key,
                label="PERSON",
                start=span.start_char,
                end=span.end_char,
                token_start=span.start,
                token_end=span.end,
                link="surname",
                confidence=rules.confidence["surname"],
                grammatical_role=token.dep_,
            )
        )
    return sorted([*drafts, *found], key=lambda draft: draft.start)


def _nearest_full_name(draft: _Draft, tokens: list[str], full_names: list[_Draft]) -> _Draft | None:
    """The full name whose last words are ``tokens``: the nearest one before, else the first after."""
    matches = [
        full
        for full in full_names
        if len(_name_tokens(full)) > len(tokens) and _name_tokens(full)[-len(tokens) :] == tokens
    ]
    before = [full for full in matches if full.start < draft.start]
    if before:
        return max(before, key=lambda full: full.start)
    return min(matches, key=lambda full: full.start) if matches else None


def _taken_tokens(drafts: list[_Draft]) -> set[int]:
    return {index for draft in drafts for index in range(draft.token_start, draft.token_end)}


# --------------------------------------------------------------------------- "the group"


def _link_group_anaphors(doc: Doc, drafts: list[_Draft], rules: LinkingRules) -> list[_Draft]:
    groups = [draft for draft in drafts if draft.label == "GROUP"]
    if not groups:
        return drafts
    taken = _taken_tokens(drafts)
    sentence_of = _sentence_numbers(doc)
    found: list[_Draft] = []
    for token in _tokens_written(doc, rules.anaphor_heads, "LOWER"):
        if token.i in taken or token.tag_ not in {"NN", "NNP"}:
            continue
        start = _definite_phrase_start(token)
        if start is None or _has_own_name(token, taken):
            continue
        antecedent = _antecedent(groups, found, doc[start].idx, sentence_of, token.i, rules)
        if antecedent is None:
            continue
        role_bonus = 0.05 if antecedent.grammatical_role in {"nsubj", "nsubjpass", "appos"} else -0.1
        found.append(
            _Draft(
                key=antecedent.key,
                label="GROUP",
                start=doc[start].idx,
                end=token.idx + len(token.text),
                token_start=start,
                token_end=token.i + 1,
                link="anaphor",
                confidence=round(rules.confidence["anaphor"] + role_bonus, 2),
                grammatical_role=token.dep_,
            )
        )
    return sorted([*drafts, *found], key=lambda draft: draft.start)


def _definite_phrase_start(head: Token) -> int | None:
    """Index of "the" opening "the (adjective)* head", or None when the phrase is not that shape."""
    index = head.i - 1
    while index >= 0 and head.doc[index].tag_ in {"JJ", "VBN", "HYPH", "NN"} and head.doc[index].head == head:
        index -= 1
    if index >= 0 and head.doc[index].lower_ == "the" and head.doc[index].head == head:
        return index
    return None


def _has_own_name(head: Token, taken: set[int]) -> bool:
    """ "the group Boko Haram" / "the group of protesters" do not point back."""
    following = head.nbor(1) if head.i + 1 < len(head.doc) else None
    if following is not None and (following.i in taken or following.tag_ == "NNP"):
        return True
    return any(child.dep_ == "prep" and child.lower_ == "of" for child in head.children)


def _antecedent(
    groups: list[_Draft],
    anaphors: list[_Draft],
    position: int,
    sentence_of: list[int],
    head_index: int,
    rules: LinkingRules,
) -> _Draft | None:
    before = [draft for draft in [*groups, *anaphors] if draft.end <= position]
    if not before:
        return None
    nearest = max(before, key=lambda draft: draft.start)
    distance = int(sentence_of[head_index] - sentence_of[nearest.token_start])
    return nearest if distance <= rules.anaphor_window else None


def _sentence_numbers(doc: Doc) -> list[int]:
    """The sentence number of every token, by index."""
    starts = doc.to_array("SENT_START") == 1
    return list(numpy.cumsum(starts).tolist())


def _tokens_written(doc: Doc, words: Iterable[str], attribute: str) -> Iterator[Token]:
    """Tokens whose ORTH (or LOWER) is one of ``words``, found on the attribute array, not by
    building a Python object for every token."""
    wanted = {doc.vocab.strings[word] for word in words if word in doc.vocab.strings}
    if not wanted:
        return
    for index, value in enumerate(doc.to_array(attribute).tolist()):
        if value in wanted:
            yield doc[index]


# --------------------------------------------------------------------------- assembly


def _assemble(doc: Doc, drafts: list[_Draft]) -> list[Entity]:
    gazetteer = get_gazetteer()
    text = doc.text  # built from the tokens on every access: read once
    by_key: dict[str, list[_Draft]] = {}
    for draft in drafts:
        by_key.setdefault(draft.key.lower() if draft.link == "ner" else draft.key, []).append(draft)
    merged = _merge_ner_into_canonical(by_key)
    entities: list[Entity] = []
    for group in merged.values():
        group.sort(key=lambda draft: draft.start)
        named = [draft for draft in group if draft.link != "anaphor"] or group
        key = _best_key(named)
        label = Counter(draft.label for draft in named).most_common(1)[0][0]
        entry = gazetteer.entries.get(key)
        attributes: dict[str, Any] = dict(entry.attributes) if entry else {}
        if entry is not None:
            label = entry.label
        entities.append(
            Entity(
                name=key,
                type=label,
                mentions=[
                    Mention(
                        start=draft.start,
                        end=draft.end,
                        text=text[draft.start : draft.end],
                        link=draft.link,
                    )
                    for draft in _unique_spans(group)
                ],
                confidence=round(
                    min(0.99, max(draft.confidence for draft in group) + 0.02 * (len(group) - 1)), 2
                ),
                attributes=attributes,
            )
        )
    entities.sort(key=lambda entity: entity.mentions[0].start)
    return entities


def _merge_ner_into_canonical(by_key: dict[str, list[_Draft]]) -> dict[str, list[_Draft]]:
    """NER drafts whose text equals a canonical name found elsewhere join that entity."""
    canonical = {key.lower(): key for key, group in by_key.items() if group[0].link != "ner"}
    merged: dict[str, list[_Draft]] = {}
    for key, group in by_key.items():
        target = canonical.get(key, key) if group[0].link == "ner" else key
        merged.setdefault(target, []).extend(group)
    return merged


def _best_key(drafts: list[_Draft]) -> str:
    canonical = [draft.key for draft in drafts if draft.link != "ner"]
    if canonical:
        return canonical[0]
    # The most frequent written form, ties broken by the longest.
    counts = Counter(draft.key for draft in drafts)
    return max(counts, key=lambda key: (counts[key], len(key)))


def _unique_spans(drafts: list[_Draft]) -> list[_Draft]:
    seen: set[tuple[int, int]] = set()
    unique: list[_Draft] = []
    for draft in drafts:
        if (draft.start, draft.end) not in seen:
            seen.add((draft.start, draft.end))
            unique.append(draft)
    return unique
