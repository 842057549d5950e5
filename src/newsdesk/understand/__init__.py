"""Understanding: entities, quotes and security events added to an ``Article``.

``analyze`` runs the spaCy pipeline once over ``Article.text`` and hands the same ``Doc`` to
every step, so all spans index into ``Article.text``. ``analyze_many`` batches many articles
through one ``nlp.pipe``. A very long body is parsed in pieces cut at paragraph breaks, joined
back into one ``Doc`` with the exact original characters, so spans stay aligned; past
``max_chars`` (or ``MAX_TOKENS``) only the beginning is analysed, and the analysis says so.

English gets entities, quotes and events; French (``fr_core_news_sm``) entities and quotes.
Articles that cannot be analysed — empty, failed extraction, another language — come back with
``analysis.analysed = False`` and a reason; nothing raises for bad content, and an error met
inside one article's analysis becomes that article's reason.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from itertools import islice
from typing import Any

from spacy.tokens import Doc

from newsdesk.model import BLOCK_SEPARATOR, Analysis, Article, Block, Event, InputKind, Provenance
from newsdesk.understand.entities import find_entities
from newsdesk.understand.language import ANALYSED_LANGUAGES, article_language, supported_languages
from newsdesk.understand.nlp import get_nlp, model_description
from newsdesk.understand.quotes import find_quotes

__all__ = ["DEFAULT_MAX_CHARS", "analyze", "analyze_many", "analyze_text"]

DEFAULT_MAX_CHARS = 200_000
"""Characters of body analysed (and at most ``MAX_TOKENS``); news articles are far shorter, a
1 MB body is analysed in part."""
MAX_TOKENS = 25_000
"""Rough tokens analysed at most (an 800-word article has ~1,000)."""
_ROUGH_TOKEN = re.compile(r"\w+|[^\w\s]")
PIECE_CHARS = 50_000
"""Longest piece handed to spaCy at once (cut at a paragraph break, else a sentence end)."""
UNBROKEN_CHARS = 1_000
"""Longest run without whitespace handed to spaCy in one piece."""
_UNBROKEN_RUN = re.compile(rf"\S{{{UNBROKEN_CHARS + 1},}}")
EVENT_LANGUAGES = frozenset({"en"})
"""The security-event vocabularies are English."""
BATCH_ARTICLES = 32
"""Articles planned and piped together by ``analyze_many``."""
PIPE_BATCH = 8
"""Docs per ``nlp.pipe`` batch. Measured on 800-word articles (bench/analyze_speed): 8 is as fast as
any size tried and keeps the peak memory ~120 MB over the model; 64 was slower and ~700 MB over."""

_log = logging.getLogger(__name__)

EventDetector = Callable[[Doc, Article, list[Any]], list[Event]]


def analyze(article: Article, *, max_chars: int = DEFAULT_MAX_CHARS) -> Article:
    """Return a copy of ``article`` with entities, quotes and events (each with spans)."""
    return next(analyze_many([article], max_chars=max_chars))


def analyze_many(
    articles: Iterable[Article],
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
    batch_size: int = BATCH_ARTICLES,
    timings: dict[str, float] | None = None,
) -> Iterator[Article]:
    """Analyse many articles, batching their text through ``nlp.pipe``; yields in input order.

    ``timings``, when given, accumulates CPU seconds per stage (spacy, entities, quotes, events).
    """
    clock = _StageClock(timings)
    iterator = iter(articles)
    while batch := list(islice(iterator, batch_size)):
        plans = [_plan(article, max_chars) for article in batch]
        # One lazy nlp.pipe per language in the batch, consumed in article order.
        docs: dict[str, Iterator[Doc]] = {}
        missing: dict[str, str] = {}
        for model_language in {plan.model_language for plan in plans if plan.pieces}:
            pieces = [
                piece for plan in plans if plan.model_language == model_language for piece in plan.pieces
            ]
            try:
                nlp = get_nlp(model_language)
            except OSError as error:  # the language's model package is not installed here
                missing[model_language] = f"no spaCy model for language '{model_language}': {error}"
                continue
            docs[model_language] = iter(nlp.pipe(pieces, batch_size=PIPE_BATCH))
        for plan in plans:
            if plan.model_language in missing and plan.pieces:
                yield _failed(plan, reason=missing[plan.model_language])
                continue
            with clock("spacy"):
                piece_docs = [next(docs[plan.model_language]) for _ in plan.pieces]
            try:
                yield _finish(plan, piece_docs, clock)
            except Exception as error:  # a bug met on one article must not end the batch
                _log.exception("analysis failed for %s", plan.article.url)
                yield _failed(plan, reason=f"analysis failed: {type(error).__name__}: {error}")


def analyze_text(text: str, *, published: datetime | None = None, language: str | None = None) -> Article:
    """Analyse plain body text (paragraphs separated by blank lines) as an ``Article``."""
    from newsdesk import __version__

    blocks = [Block(text=part.strip()) for part in text.split(BLOCK_SEPARATOR) if part.strip()]
    article = Article(
        body=blocks,
        published=published,
        language=language,
        provenance=Provenance(
            input_kind=InputKind.text, extractor="newsdesk-analyze-text", version=__version__
        ),
    )
    return analyze(article)


# --------------------------------------------------------------------------- planning


@dataclass
class _Plan:
    article: Article
    language: str | None
    pieces: list[str]
    analysed_chars: int
    reason: str | None

    @property
    def model_language(self) -> str:
        # A body too short to identify is given the benefit of the doubt: English.
        return self.language or "en"


def _plan(article: Article, max_chars: int) -> _Plan:
    text = article.text
    if article.status == "error":
        return _Plan(article, article.language, [], 0, f"not analysed: extraction failed ({article.reason})")
    if not text.strip():
        return _Plan(article, article.language, [], 0, "empty body: nothing to analyse")
    language = article_language(article)
    if language is not None and language not in ANALYSED_LANGUAGES:
        return _Plan(
            article, language, [], 0, f"language '{language}' not analysed; {supported_languages()} only"
        )
    limit = _cut_point(text, max_chars)
    reason = None
    if limit < len(text):
        reason = f"body too long: analysed the first {limit} of {len(text)} characters"
    return _Plan(article, language, _pieces(text[:limit]), limit, reason)


def _cut_point(text: str, max_chars: int) -> int:
    """Where analysis stops: ``max_chars`` or ``MAX_TOKENS`` (whichever comes first), moved back
    to a paragraph break in the second half."""
    limit = min(len(text), max_chars)
    # Punctuation-dense junk has a token per character: bound spaCy's work by tokens too.
    tokens_end = next(islice(_ROUGH_TOKEN.finditer(text, 0, limit), MAX_TOKENS, None), None)
    if tokens_end is not None:
        limit = tokens_end.start()
    if limit >= len(text):
        return len(text)
    paragraph_end = text.rfind(BLOCK_SEPARATOR, 0, limit)
    return paragraph_end if paragraph_end > limit // 2 else limit


def _pieces(text: str) -> list[str]:
    """``text`` in pieces of at most ``PIECE_CHARS``, cut at paragraph breaks where possible.

    Joined, the pieces are exactly ``text``. A typical article is one piece; longer ones are
    joined back with ``Doc.from_docs``. Runs of more than ``UNBROKEN_CHARS`` characters without
    a space are cut too: spaCy's tokenizer peels affixes off such a run one at a time, which
    takes time quadratic in its length.
    """
    pieces: list[str] = []
    start = 0
    while len(text) - start > PIECE_CHARS:
        paragraph_end = text.rfind(BLOCK_SEPARATOR, start + 1, start + PIECE_CHARS)
        if paragraph_end > start:
            cut = paragraph_end + len(BLOCK_SEPARATOR)
        else:
            cut = _sentence_cut(text, start, start + PIECE_CHARS)
        pieces.append(text[start:cut])
        start = cut
    if start < len(text):
        pieces.append(text[start:])
    return [part for piece in pieces for part in _cut_unbroken_runs(piece)]


def _cut_unbroken_runs(piece: str) -> list[str]:
    if not _UNBROKEN_RUN.search(piece):
        return [piece]
    parts: list[str] = []
    start = 0
    for run in _UNBROKEN_RUN.finditer(piece):
        for cut in range(run.start() + UNBROKEN_CHARS, run.end(), UNBROKEN_CHARS):
            parts.append(piece[start:cut])
            start = cut
    parts.append(piece[start:])
    return [part for part in parts if part]


def _sentence_cut(text: str, start: int, limit: int) -> int:
    """A cut point in (start, limit]: after the last sentence end, else the last space, else the limit."""
    for marks in (". ", " "):
        found = text.rfind(marks, start + 1, limit)
        if found > start:
            return found + len(marks)
    return limit


# --------------------------------------------------------------------------- finishing


def _failed(plan: _Plan, *, reason: str) -> Article:
    result = plan.article.model_copy(deep=True)
    result.entities, result.quotes, result.events = [], [], []
    result.analysis = Analysis(language=plan.language, analysed=False, reason=reason)
    return result


class _StageClock:
    """Adds the CPU time of ``with clock(stage):`` blocks to a caller's dict (or does nothing)."""

    def __init__(self, timings: dict[str, float] | None) -> None:
        self.timings = timings
        self.stage = ""
        self.started = 0.0

    def __call__(self, stage: str) -> _StageClock:
        self.stage = stage
        return self

    def __enter__(self) -> None:
        if self.timings is not None:
            self.started = time.process_time()

    def __exit__(self, *_: object) -> None:
        if self.timings is not None:
            spent = time.process_time() - self.started
            self.timings[self.stage] = self.timings.get(self.stage, 0.0) + spent


def _finish(plan: _Plan, piece_docs: list[Doc], clock: _StageClock) -> Article:
    result = plan.article.model_copy(deep=True)
    result.entities, result.quotes, result.events = [], [], []
    if not piece_docs:
        result.analysis = Analysis(language=plan.language, analysed=False, reason=plan.reason)
        return result
    doc = piece_docs[0] if len(piece_docs) == 1 else Doc.from_docs(piece_docs, ensure_whitespace=False)
    text = result.text
    paragraphs = [
        (start, min(end, plan.analysed_chars))
        for start, end in result.block_offsets()
        if start < plan.analysed_chars
    ]
    # Spans index into Article.text only if the joined pieces are exactly its analysed prefix.
    assert doc.text == text[: plan.analysed_chars]
    with clock("entities"):
        index = find_entities(doc)
        result.entities = index.entities
    with clock("quotes"):
        result.quotes = find_quotes(doc, paragraphs, index)
    reason = plan.reason
    detector = _event_detector()
    if detector is not None and plan.model_language not in EVENT_LANGUAGES:
        reason = "; ".join(filter(None, [reason, "security events are detected in English text only"]))
    elif detector is not None:
        try:
            with clock("events"):
                result.events = detector(doc, result, result.entities)
        except Exception as error:  # one article's failure must not stop a batch
            _log.exception("event detection failed for %s", result.url)
            reason = "; ".join(
                filter(None, [reason, f"event detection failed: {type(error).__name__}: {error}"])
            )
    result.analysis = Analysis(
        language=plan.language,
        analysed=True,
        reason=reason,
        model=model_description(plan.model_language),
        version=_version(),
    )
    return result


@lru_cache(maxsize=1)
def _event_detector() -> EventDetector | None:
    """``newsdesk.understand.events.detect_events`` once that module exists."""
    if importlib.util.find_spec("newsdesk.understand.events") is None:
        return None
    module = importlib.import_module("newsdesk.understand.events")
    detector: EventDetector | None = getattr(module, "detect_events", None)
    return detector


def _version() -> str:
    from newsdesk import __version__

    return __version__
