"""Direct quotes and who said them.

Two passes:

1. **Find** every quotation by its marks (“…”, "…", ‘…’, «…», „…“ and the odd ones listed in
   ``data/quote_cues.json``), paragraph by paragraph. A quote left open at the end of a paragraph
   continues when the next paragraph opens with a mark of the same style — the news convention
   for a quote running over several paragraphs, where only the last one closes. Marks inside an
   open quote (nested ‘…’ within “…”) belong to it. Apostrophes (didn't, officers') are told
   apart from single quote marks by the characters around them.
2. **Attribute** each quote from the words around it, using the dependency parse: a speech verb
   (``data/speech_verbs.txt``) before the quote ("X said: “…”", "X told French media: “…”") or
   after it ("“…,” X said", "“…,” said X"), or "according to X". The speaker is the verb's subject
   — linked to an entity when a mention overlaps it ("Mr Hollande" -> Francois Hollande), a
   pronoun resolved to the last person named, or else the descriptor the text gives ("a witness").
   A quote with no cue of its own continues the speaker of the quote just before it.

A short fragment quoted in the middle of a sentence without a cue of its own (called the plan
“reckless”) is a ``scare`` quote; a longer one is ``partial``: neither is a statement.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from newsdesk.model import Entity, Mention, Quote
from newsdesk.model import Span as TextSpan
from newsdesk.understand.entities import EntityIndex, linking_rules
from newsdesk.understand.nlp import data_path, read_json, word_class

SENTENCE_END = ".!?"
OPENING_CONTEXT = " \t\n([{—–-/" + "“„«‹\"'‘‚"
SUBJECT_DEPS = {"nsubj", "nsubjpass", "nsubj:pass"}
# Word classes as ``word_class`` gives them: Penn Treebank (English) and UD (French).
VERB_TAGS = {"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "VERB"}
PROPER_NOUN_TAGS = {"NNP", "NNPS", "PROPN"}
NOMINAL_TAGS = {"NN", "NNS", "NNP", "NNPS", "PRP", "NOUN", "PROPN", "PRON"}
SPEAKER_TYPES = {"PERSON", "ORG", "GROUP", "AGENCY", "GPE", "NORP"}


@dataclass(frozen=True)
class QuoteRules:
    closers: dict[str, frozenset[str]]
    styles: dict[str, str]
    speech_verbs: dict[str, str]
    source_phrases: tuple[tuple[str, ...], ...]
    statement_nouns: frozenset[str]
    statement_prepositions: frozenset[str]
    scare_max_words: int
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    descriptor_dropped: frozenset[str]
    descriptor_prepositions: frozenset[str]
    descriptor_cases_dropped: frozenset[str]


@cache
def quote_rules(language: str = "en") -> QuoteRules:
    """Marks and cues from ``quote_cues.json``, with the ``languages.<language>`` overrides."""
    data = read_json("quote_cues.json")
    data.update(data.get("languages", {}).get(language, {}))
    verbs: dict[str, str] = {}
    for line in data_path(data["speech_verbs_file"]).read_text(encoding="utf-8").splitlines():
        words = line.split()
        if words and not line.startswith("#"):
            for form in words:
                verbs[form.lower()] = words[0].lower()
    return QuoteRules(
        closers={mark["open"]: frozenset(mark["close"]) for mark in data["marks"]},
        styles={mark["open"]: mark["style"] for mark in data["marks"]},
        speech_verbs=verbs,
        source_phrases=tuple(tuple(phrase) for phrase in data["source_phrases"]),
        statement_nouns=frozenset(data["statement_nouns"]),
        statement_prepositions=frozenset(data["statement_prepositions"]),
        scare_max_words=int(data["scare_max_words"]),
        person_pronouns=frozenset(data["pronoun_speakers"]),
        group_pronouns=frozenset(data["group_pronoun_speakers"]),
        descriptor_dropped=frozenset(data["descriptor_dependencies_dropped"]),
        descriptor_prepositions=frozenset(data["descriptor_prep_kept"]),
        descriptor_cases_dropped=frozenset(data.get("descriptor_cases_dropped", [])),
    )


# --------------------------------------------------------------------------- finding quotes


@dataclass
class _Found:
    opener: int  # index of the opening mark
    start: int  # first character inside the marks
    end: int  # one past the last character inside the marks
    closer: int | None  # index of the closing mark, None when it was never closed
    style: str
    paragraphs: int
    first_paragraph: tuple[int, int]


def find_quotations(text: str, paragraphs: list[tuple[int, int]]) -> list[_Found]:
    """Every quotation in ``text``, given the (start, end) of its paragraphs."""
    rules = quote_rules()
    found: list[_Found] = []
    current: _Found | None = None
    closers: frozenset[str] = frozenset()
    for paragraph in paragraphs:
        p_start, p_end = paragraph
        i = p_start
        if current is not None:
            first = _skip_spaces(text, p_start, p_end)
            if first < p_end and rules.styles.get(text[first]) == current.style:
                current.paragraphs += 1
                i = first + 1
            else:
                found.append(current)  # unclosed, and the next paragraph does not continue it
                current = None
        last_closer: dict[str, int] = {}  # opening single mark -> last place it could close
        while i < p_end:
            char = text[i]
            if current is None:
                if char in rules.closers and _opens(text, i, p_start, p_end, rules, last_closer):
                    closers = rules.closers[char]
                    current = _Found(i, i + 1, p_end, None, rules.styles[char], 1, paragraph)
            elif char in closers and _closes(text, i, p_start, p_end, char):
                current.end, current.closer = i, i
                found.append(current)
                current = None
            i += 1
        if current is not None:
            current.end = p_end
    if current is not None:
        found.append(current)
    return [_trimmed(text, quote) for quote in found if text[quote.start : quote.end].strip()]


def _trimmed(text: str, quote: _Found) -> _Found:
    """Without the spaces just inside the marks (« French style »)."""
    while text[quote.start].isspace():
        quote.start += 1
    while text[quote.end - 1].isspace():
        quote.end -= 1
    quote.paragraphs = text.count("\n\n", quote.start, quote.end) + 1
    return quote


def _skip_spaces(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def _opens(
    text: str, i: int, p_start: int, p_end: int, rules: QuoteRules, last_closer: dict[str, int]
) -> bool:
    char = text[i]
    before = text[i - 1] if i > p_start else " "
    after = text[i + 1] if i + 1 < p_end else " "
    if rules.styles[char] == "guillemet":
        return True
    if char in "\"'”":
        # Straight and right-hand marks open only where a word could start.
        if before not in OPENING_CONTEXT or after.isspace():
            return False
    elif after.isspace():
        return False
    if rules.styles[char] == "single":
        # A single mark is a quote only when it closes in the same paragraph; else an apostrophe.
        if char not in last_closer:
            last_closer[char] = _last_closing(text, p_start, p_end, rules.closers[char])
        return last_closer[char] > i + 1
    return True


def _last_closing(text: str, p_start: int, p_end: int, closers: frozenset[str]) -> int:
    """Index of the last mark in the paragraph that could close a quote, or -1."""
    for j in range(p_end - 1, p_start - 1, -1):
        if text[j] in closers and _closes(text, j, p_start, p_end, text[j]):
            return j
    return -1


def _closes(text: str, i: int, p_start: int, p_end: int, char: str) -> bool:
    before = text[i - 1] if i > p_start else " "
    after = text[i + 1] if i + 1 < p_end else " "
    if char in "\"'’“":
        # didn't, rock'n'roll: a mark between letters is an apostrophe, not a closing quote.
        return not before.isspace() and not after.isalnum()
    return not (before.isspace() and after.isalnum())


# --------------------------------------------------------------------------- attribution


@dataclass
class _Cue:
    verb: str
    speaker_span: tuple[int, int] | None
    speaker_head: Token | None
    confidence: float


class _Attributor:
    def __init__(self, doc: Doc, index: EntityIndex, quotes: list[_Found]) -> None:
        self.doc = doc
        self.text = doc.text
        self.index = index
        self.rules = quote_rules(doc.lang_)
        self.token_starts: list[int] = doc.to_array("IDX").tolist()
        self.quoted = sorted(
            (quote.opener, (quote.closer if quote.closer is not None else quote.end) + 1) for quote in quotes
        )

    def tokens_between(self, start: int, end: int) -> list[Token]:
        first = bisect.bisect_left(self.token_starts, start)
        last = bisect.bisect_left(self.token_starts, end)
        return [token for token in self.doc[first:last] if not self.inside_quote(token.idx)]

    def ends_sentence(self, position: int) -> bool:
        """A full stop, ! or ? standing as a token of its own — not the dot of "M." or "U.S."."""
        if self.text[position] not in SENTENCE_END:
            return False
        index = bisect.bisect_right(self.token_starts, position) - 1
        return index >= 0 and self.token_starts[index] == position

    def inside_quote(self, position: int) -> bool:
        index = bisect.bisect_right(self.quoted, (position, float("inf"))) - 1
        return index >= 0 and self.quoted[index][0] <= position < self.quoted[index][1]

    def region_before(self, quote: _Found) -> tuple[int, int]:
        p_start = quote.first_paragraph[0]
        start = p_start
        for j in range(quote.opener - 1, p_start - 1, -1):
            if self.inside_quote(j) or (self.ends_sentence(j) and j < quote.opener - 1):
                start = j + 1
                break
        return start, quote.opener

    def introducing_sentence(self, quote: _Found) -> tuple[int, int] | None:
        """The last sentence of the paragraph before the quote's, when it ends with a colon."""
        end = quote.first_paragraph[0] - len("\n\n")
        while end > 0 and self.text[end - 1].isspace():
            end -= 1
        if end <= 0 or self.text[end - 1] != ":" or self.inside_quote(end - 1):
            return None
        separator = self.text.rfind("\n\n", 0, end)
        paragraph_start = 0 if separator < 0 else separator + 2
        start = paragraph_start
        for j in range(end - 2, paragraph_start - 1, -1):
            if self.ends_sentence(j) or self.inside_quote(j):
                start = j + 1
                break
        return start, end

    def person_just_before(self, quote: _Found) -> _Cue | None:
        """The person who is the subject of the sentence right before the quote, in its paragraph."""
        paragraph_start = quote.first_paragraph[0]
        end = quote.opener
        while end > paragraph_start and self.text[end - 1].isspace():
            end -= 1
        if end <= paragraph_start or not self.ends_sentence(end - 1) or self.inside_quote(end - 1):
            return None
        # The sentence by its punctuation: the parser may have run it into the quote.
        start = paragraph_start
        for j in range(end - 2, paragraph_start - 1, -1):
            if self.ends_sentence(j) or self.inside_quote(j):
                start = j + 1
                break
        tokens = self.tokens_between(start, end)
        inside = {token.i for token in tokens}
        subjects = [
            token
            for token in tokens
            if token.dep_ in SUBJECT_DEPS
            and token.head.i in inside
            and token.head.head.i in inside | {token.head.i}
        ]
        if not subjects:
            return None
        head = subjects[0]
        span = self._descriptor(head, start, end)
        cue = _Cue("preceding sentence", span, head, 0.55)
        entity = self.speaker_entity(cue, quote.opener)
        return cue if entity is not None and entity.type == "PERSON" else None

    def region_after(self, quote: _Found) -> tuple[int, int]:
        if quote.closer is None:
            return quote.end, quote.end
        start = quote.closer + 1
        paragraph_end = self.text.find("\n\n", start)
        limit = len(self.text) if paragraph_end < 0 else paragraph_end
        end = start
        while end < limit:
            if self.inside_quote(end) or self.ends_sentence(end):
                break
            end += 1
        return start, end

    def cue_in(self, start: int, end: int, *, after: bool) -> _Cue | None:
        tokens = self.tokens_between(start, end)
        source = self._source_phrase(tokens)
        if source is not None:
            return source
        verbs = [
            token
            for token in tokens
            if token.lower_ in self.rules.speech_verbs and word_class(token) in VERB_TAGS
        ]
        if not verbs:
            return None
        verb = verbs[0] if after else verbs[-1]
        head = self._subject(verb, tokens)
        if head is None:
            return _Cue(self._cue_text(verb, tokens), None, None, 0.5)
        return _Cue(self._cue_text(verb, tokens), self._descriptor(head, start, end), head, 0.9)

    def _source_phrase(self, tokens: list[Token]) -> _Cue | None:
        words = [token.lower_ for token in tokens]
        for phrase in self.rules.source_phrases:
            for i in range(len(words) - len(phrase) + 1):
                if tuple(words[i : i + len(phrase)]) != phrase:
                    continue
                preposition = tokens[i + len(phrase) - 1]
                objects = [child for child in preposition.children if child.dep_ == "pobj"]
                if not objects and i + len(phrase) < len(tokens):
                    following = tokens[i + len(phrase)]
                    # "selon la police": the word after the phrase may be the noun's determiner.
                    objects = [following.head if following.dep_ in {"det", "amod", "nummod"} else following]
                if objects:
                    region = (tokens[0].idx, tokens[-1].idx + len(tokens[-1]))
                    return _Cue(" ".join(phrase), self._descriptor(objects[0], *region), objects[0], 0.85)
        return None

    def _subject(self, verb: Token, tokens: list[Token]) -> Token | None:
        # Only words of the cue's own sentence outside any quote can be the speaker.
        allowed = {token.i for token in tokens}
        for candidate in (verb, verb.head):
            subjects = [
                child for child in candidate.children if child.dep_ in SUBJECT_DEPS and child.i in allowed
            ]
            if subjects:
                return subjects[0]
            if candidate.dep_ not in {"conj", "relcl", "ccomp", "parataxis", "advcl"}:
                break
        # "…,” said the minister: the parser may hang the speaker anywhere; take the noun right after.
        following = [
            token
            for token in verb.doc[verb.i + 1 : verb.i + 6]
            if token.i in allowed and word_class(token) in NOMINAL_TAGS
        ]
        return following[0] if following else None

    def _descriptor(self, head: Token, start: int, end: int) -> tuple[int, int]:
        """Character span of the noun phrase headed by ``head``, trimmed of clauses and asides."""
        dropped: set[int] = set()
        for child in head.children:
            keep_prep = child.dep_ == "prep" and child.lower_ in self.rules.descriptor_prepositions
            # UD marks a preposition as a "case" child of its noun: "un témoin à l'AFP".
            dropped_case = any(
                grandchild.dep_ == "case" and grandchild.lower_ in self.rules.descriptor_cases_dropped
                for grandchild in child.children
            )
            if (child.dep_ in self.rules.descriptor_dropped and not keep_prep) or dropped_case:
                dropped.update(token.i for token in child.subtree)
        kept = [token for token in head.subtree if token.i not in dropped and start <= token.idx < end]
        kept = [token for token in kept if not token.is_space]
        if not kept:
            return head.idx, head.idx + len(head.text)
        first = min(token.i for token in kept)
        last = max(token.i for token in kept)
        span = self.doc[first : last + 1]
        while len(span) > 1 and (span[-1].is_punct or span[-1].tag_ == "POS"):
            span = span[:-1]
        while len(span) > 1 and span[0].is_punct:
            span = span[1:]
        return span.start_char, span.end_char

    def _cue_text(self, verb: Token, tokens: list[Token]) -> str:
        words = [token.lower_ for token in tokens]
        for i, word in enumerate(words):
            if (
                word in self.rules.statement_nouns
                and i >= 2
                and words[i - 2] in self.rules.statement_prepositions
            ):
                return f"{verb.text} in {words[i - 1]} {word}"
        return verb.text

    def proper_name(self, start: int, end: int) -> tuple[int, int] | None:
        """The span of a person's name of two or more words, titles left out, or None."""
        tokens = [token for token in self.tokens_between(start, end) if not token.is_space]
        rules = linking_rules()
        titled = 0
        while titled < len(tokens) and (
            tokens[titled].text in rules.titles or tokens[titled].text in rules.honorifics
        ):
            titled += 1
        name = tokens[titled:]
        if len(name) >= 2 and all(
            word_class(token) in PROPER_NOUN_TAGS and token.text[:1].isupper() for token in name
        ):
            return name[0].idx, end
        return None

    def descriptor_text(self, start: int, end: int) -> str:
        """The speaker as written; a proper name loses its titles ("Mayor Ana Ruiz" -> "Ana Ruiz")."""
        named = self.proper_name(start, end)
        first = named[0] if named else start
        return " ".join(self.text[first:end].split())

    def names_entity(self, cue: _Cue, entity: Entity) -> bool:
        """Whether the speaker is the entity itself, not someone speaking for it ("a spokesman for X")."""
        head = cue.speaker_head
        if head is None:
            return False
        if head.lower_ in self.rules.person_pronouns or head.lower_ in self.rules.group_pronouns:
            return True
        if entity is self._appositive_person(head):
            return True
        return entity in self.index.overlapping(head.idx, head.idx + len(head.text))

    def _appositive_person(self, head: Token) -> Entity | None:
        """ "the interior minister, Claire Morel," -> the person named beside the role."""
        for child in head.children:
            if child.dep_ == "appos":
                people = [
                    e
                    for e in self.index.overlapping(child.idx, child.idx + len(child.text))
                    if e.type == "PERSON"
                ]
                if people:
                    return people[0]
        return None

    def speaker_entity(self, cue: _Cue, quote_start: int) -> Entity | None:
        if cue.speaker_span is None or cue.speaker_head is None:
            return None
        head = cue.speaker_head
        if head.lower_ in self.rules.person_pronouns:
            found = self.index.last_before(
                quote_start if head.idx > quote_start else head.idx, {"PERSON"}, named_people_only=True
            )
            return found[1] if found else None
        if head.lower_ in self.rules.group_pronouns and head.lower_ == "it":
            found = self.index.last_before(head.idx, {"GROUP", "ORG", "AGENCY"})
            return found[1] if found else None
        named_apart = self._appositive_person(head)
        if named_apart is not None:
            return named_apart
        on_head = self.index.overlapping(head.idx, head.idx + len(head.text))
        candidates = on_head or self.index.overlapping(*cue.speaker_span)
        candidates = [entity for entity in candidates if entity.type in SPEAKER_TYPES]
        return candidates[0] if candidates else None


def find_quotes(doc: Doc, paragraphs: list[tuple[int, int]], index: EntityIndex) -> list[Quote]:
    text = doc.text
    found = find_quotations(text, paragraphs)
    attributor = _Attributor(doc, index, found)
    rules = attributor.rules
    quotes: list[Quote] = []
    for quote in found:
        before_start, before_end = attributor.region_before(quote)
        lead = text[before_start:before_end].rstrip()
        lead_char = lead[-1:] if lead else ""
        cue_before = attributor.cue_in(before_start, before_end, after=False)
        cue_after = attributor.cue_in(*attributor.region_after(quote), after=True)
        kind = _kind(text, quote, lead_char, cue_before, rules)
        # A colon or comma right before the quote points at the words before it ("X said: “…”");
        # otherwise the words after it come first ("“…,” X said").
        first, second = (cue_before, cue_after) if lead_char in {":", ","} else (cue_after, cue_before)
        cue = first or second
        if cue is None and not lead:
            # "The minister told reporters:" closing one paragraph, the quote opening the next.
            introduction = attributor.introducing_sentence(quote)
            cue = attributor.cue_in(*introduction, after=False) if introduction else None
        if cue is None and not lead:
            # "Aderholt returned to the issue later. “What commercial vehicles exist?”"
            cue = attributor.person_just_before(quote)
            last_span = quotes[-1].speaker_span if quotes else None
            if (
                cue is not None
                and last_span is not None
                and cue.speaker_span == (last_span.start, last_span.end)
            ):
                # “…,” he said. “…” — the sentence before is the last quote's own attribution.
                cue.verb = "continuation"
        quotes.append(_quote(text, quote, kind, cue, attributor, quotes))
    return quotes


def _kind(text: str, quote: _Found, lead_char: str, cue_before: _Cue | None, rules: QuoteRules) -> str:
    """statement, or a fragment quoted inside a sentence: scare (a few words) or partial."""
    if quote.paragraphs > 1 or lead_char in {"", ":", ";", "—", "–"} or lead_char in SENTENCE_END:
        return "statement"
    if lead_char == "," and cue_before is not None:
        return "statement"
    words = len(text[quote.start : quote.end].split())
    return "scare" if words <= rules.scare_max_words else "partial"


def _quote(
    text: str,
    quote: _Found,
    kind: str,
    cue: _Cue | None,
    attributor: _Attributor,
    earlier: list[Quote],
) -> Quote:
    confidence = 0.95 if quote.closer is not None else 0.6
    speaker: str | None = None
    speaker_entity: str | None = None
    speaker_span: TextSpan | None = None
    cue_text = cue.verb if cue else None
    if cue is not None and cue.speaker_span is not None:
        start, end = cue.speaker_span
        speaker_span = TextSpan(start=start, end=end, text=text[start:end])
        speaker = attributor.descriptor_text(start, end)
        entity = attributor.speaker_entity(cue, quote.opener)
        if entity is not None and attributor.names_entity(cue, entity):
            speaker = entity.name
        elif entity is None and (named := attributor.proper_name(start, end)) is not None:
            # A named speaker the NER missed ("said Mayor Ana Ruiz") becomes a person.
            name_start, name_end = named
            mention = Mention(start=name_start, end=name_end, text=text[name_start:name_end], link="speaker")
            entity = attributor.index.add_mention(speaker, "PERSON", mention, 0.7)
        speaker_entity = entity.name if entity else None
        confidence *= cue.confidence
    elif kind == "statement" and (previous := _continued_from(text, quote, earlier)) is not None:
        speaker, speaker_entity, speaker_span = (
            previous.speaker,
            previous.speaker_entity,
            previous.speaker_span,
        )
        cue_text = "continuation"
        confidence *= 0.6
    else:
        confidence *= 0.5
    return Quote(
        text=text[quote.start : quote.end],
        start=quote.start,
        end=quote.end,
        speaker=speaker,
        speaker_entity=speaker_entity,
        speaker_span=speaker_span,
        cue=cue_text,
        kind=kind,  # type: ignore[arg-type]
        paragraphs=quote.paragraphs,
        confidence=round(confidence, 2),
    )


def _continued_from(text: str, quote: _Found, earlier: list[Quote]) -> Quote | None:
    """The attributed statement this cue-less quote carries on: same or directly preceding paragraph."""
    statements = [q for q in earlier if q.kind == "statement" and q.speaker]
    if not statements:
        return None
    previous = statements[-1]
    between = text[previous.end + 1 : quote.opener]
    return previous if between.count("\n\n") <= 1 and len(between) < 400 else None


def paragraph_offsets(text: str) -> list[tuple[int, int]]:
    """(start, end) of each blank-line separated paragraph of ``text``."""
    offsets: list[tuple[int, int]] = []
    position = 0
    for part in text.split("\n\n"):
        offsets.append((position, position + len(part)))
        position += len(part) + 2
    return offsets
