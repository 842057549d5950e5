"""Which lines of scraped text hold the headline, the byline and the publication date.

A page's header does not follow one layout: the title may sit under a breadcrumb, above a
standfirst, below the date or several lines from the byline, and menus, teasers and "5 min read"
notes surround it. Rather than one rule ("the line above the byline"), each line near the start
of the story is described by features -- where it is relative to the first solid paragraph found
by the line classifier, its length and casing, whether it ends a sentence, how much it shares with
the address's slug and with the opening of the story, whether it repeats elsewhere on the page, and
what the lines around it look like (a date, a "By ..." line) -- and small gradient-boosted tree
ensembles (``data/header_model.json``, trained by ``scripts/train_header_model.py`` on the scraped
texts of the WCXB-dev article pages) score it as the headline, the byline or the dateline, in two
stages: stage one from the line's features, stage two adding stage one's scores of the lines
around it (a headline and the standfirst under it both look like titles; only the headline has a
title-like line below it and none above). The best-scoring line of each kind is taken when its
score clears the kind's threshold.

Like the line model, the trees are plain JSON evaluated with numpy.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import numpy as np
from spacy.language import Language

from newsdesk.extract.lines import FloatArray, Line, TreeEnsemble, lexicon_hit, stopwords, words
from newsdesk.understand.nlp import RULER_NAME, get_nlp

KINDS = ("headline", "byline", "dateline")
LINES_ABOVE = 40
"""How far above the first solid paragraph a header line may be."""
LINES_BELOW = 8
"""How far below it (a byline or date printed under the standfirst or the lead)."""
BODY_SAMPLE_WORDS = 300
"""The opening of the story that a headline is compared with."""


@dataclass(frozen=True)
class HeaderView:
    """What the header scorer sees of a page once chrome and captions have been placed."""

    lines: Sequence[Line]
    probabilities: Sequence[float]
    threshold: float
    fates: Mapping[int, str]
    """Line index -> where the line already went (``chrome:...``, ``site-repeated``, ``caption``)."""
    url: str | None
    solid: int
    """The first solid paragraph of the story (``len(lines)`` when there is none)."""
    run: tuple[int, int]
    """[start, end) of the main run of body-like lines."""
    date_of: Callable[[str], DateCue | None]
    byline_cue: Callable[[str], BylineCue]
    rule_picks: Mapping[str, int]
    """Kind -> the line the hand-written rules take for it (``newsdesk.extract.text``)."""

    def zone(self) -> range:
        return range(max(0, self.solid - LINES_ABOVE), min(len(self.lines), self.solid + LINES_BELOW))


@dataclass(frozen=True)
class DateCue:
    """A date found on a line: how many words the line has besides it, and whether it says "updated"."""

    words_besides: int
    updated: bool
    has_time: bool


@dataclass(frozen=True)
class BylineCue:
    """What the byline reader makes of a line: a "By" prefix, and how many person names it holds."""

    prefixed: bool
    names: int


# --------------------------------------------------------------------------- features


def _tokens(text: str) -> list[str]:
    return [token.casefold() for token in words(text)]


def slug_tokens(url: str | None) -> set[str]:
    """Words of the address's path ("/2024/05/city-council-votes-on-budget.html" -> city, council ...)."""
    if not url:
        return set()
    path = unquote(urlsplit(url).path)
    path = re.sub(r"\.(?:s?html?|php|aspx?)$", "", path)
    return {token for token in _tokens(path.replace("-", " ").replace("_", " ")) if not token.isdigit()}


def _content(tokens: Sequence[str]) -> list[str]:
    stop = stopwords()
    return [token for token in tokens if token not in stop]


def _share(part: Sequence[str], whole: set[str]) -> float:
    return sum(token in whole for token in part) / len(part) if part else 0.0


FEATURE_NAMES = [
    "rel_solid",
    "rel_run_start",
    "rel_index",
    "free_rank_above_solid",
    "title_rank_above_solid",
    "log_words",
    "log_chars",
    "ends_period",
    "ends_question_or_bang",
    "ends_colon_or_comma",
    "titlecase_ratio",
    "upper_ratio",
    "stopword_ratio",
    "digit_ratio",
    "body_p",
    "free",
    "site_repeated",
    "chrome",
    "chrome_navigation",
    "lexicon_any",
    "slug_share_of_line",
    "line_share_of_slug",
    "body_share_of_line",
    "contained_in_other_lines",
    "exact_duplicates",
    "separators",
    "has_date",
    "date_words_besides",
    "date_updated",
    "date_has_time",
    "date_rank_in_zone",
    "byline_prefixed",
    "byline_names",
    "byline_rank_in_zone",
    "prev_has_date",
    "next_has_date",
    "prev_byline",
    "next_byline",
    "prev_log_words",
    "next_log_words",
    "dist_nearest_date",
    "dist_nearest_byline",
    "blank_before",
    "blank_after",
    "starts_lower",
    "has_quotes",
    "person_entities",
    "person_share_of_words",
    "rule_headline",
    "rule_byline",
    "rule_dateline",
]
PERSON_LINE_MAX_WORDS = 16
"""Only short lines (a byline, a name under a title) are read by the named-entity recogniser."""


def header_features(view: HeaderView) -> tuple[list[int], FloatArray]:
    """The candidate lines (indices) and one feature row each, in ``FEATURE_NAMES`` order."""
    lines = view.lines
    zone = view.zone()
    if not zone:
        return [], np.zeros((0, len(FEATURE_NAMES)))
    stop = stopwords()
    normal = [" ".join(_tokens(line.text)) for line in lines]
    slug = slug_tokens(view.url)
    body_words: set[str] = set()
    for index in range(view.solid, len(lines)):
        if len(body_words) >= BODY_SAMPLE_WORDS:
            break
        if view.probabilities[index] >= view.threshold and index not in view.fates:
            body_words.update(_content(_tokens(lines[index].text)))
    dates = {i: view.date_of(lines[i].text) for i in zone}
    bylines = {i: view.byline_cue(lines[i].text) for i in zone}
    date_lines = [i for i in zone if dates[i] is not None]
    byline_lines = [i for i in zone if bylines[i].prefixed or bylines[i].names]
    persons = _persons_on_short_lines(
        {
            i: lines[i].text
            for i in zone
            if bylines[i].prefixed or bylines[i].names or _name_shaped(lines[i].text)
        }
    )
    free_above = [i for i in zone if i < view.solid and i not in view.fates]
    title_like = [i for i in free_above if 3 <= len(words(lines[i].text)) <= 30]
    counts: dict[str, int] = {}
    for text in normal:
        counts[text] = counts.get(text, 0) + 1
    n = len(lines)
    rows: list[list[float]] = []
    candidates: list[int] = []
    for index in zone:
        line = lines[index]
        text = line.text
        tokens = _tokens(text)
        if not tokens:
            continue
        candidates.append(index)
        letters = [c for c in text if c.isalpha()]
        fate = view.fates.get(index, "")
        date = dates[index]
        byline = bylines[index]
        content = _content(tokens)
        mine = normal[index]
        contained = (
            sum(1 for j, other in enumerate(normal) if j != index and mine in other and other != mine)
            if len(tokens) >= 3
            else 0
        )
        previous, following = index - 1, index + 1
        rows.append(
            [
                float(max(-LINES_ABOVE, min(LINES_BELOW, index - view.solid))),
                float(max(-50, min(50, index - view.run[0]))),
                index / max(1, n - 1),
                float(_rank_from_end(free_above, index)),
                float(_rank_from_end(title_like, index)),
                math.log1p(len(tokens)),
                math.log1p(len(text)),
                float(text.rstrip("\"'”’)").endswith(".")),
                float(text.rstrip("\"'”’)").endswith(("?", "!"))),
                float(text.endswith((":", ","))),
                sum(token[0].isupper() for token in words(text)) / len(tokens),
                sum(c.isupper() for c in letters) / len(letters) if letters else 0.0,
                sum(token in stop for token in tokens) / len(tokens),
                sum(c.isdigit() for c in text) / len(text),
                float(view.probabilities[index]),
                float(index not in view.fates),
                float(fate == "site-repeated"),
                float(fate.startswith("chrome:")),
                float(fate == "chrome:navigation"),
                float(lexicon_hit(text) is not None),
                _share(content, slug),
                _share(sorted(slug), set(tokens)) if slug else -1.0,
                _share(content, body_words),
                float(min(contained, 5)),
                float(min(counts[mine] - 1, 5)),
                float(min(5, len(re.findall(r"[|•·»›/]|\s[-–—]\s", text)))),
                float(date is not None),
                float(date.words_besides) if date else -1.0,
                float(date.updated) if date else -1.0,
                float(date.has_time) if date else -1.0,
                float(date_lines.index(index)) if date else -1.0,
                float(byline.prefixed),
                float(byline.names),
                float(byline_lines.index(index)) if index in byline_lines else -1.0,
                _flag(previous, dates),
                _flag(following, dates),
                _byline_flag(previous, bylines),
                _byline_flag(following, bylines),
                math.log1p(len(words(lines[previous].text))) if previous >= 0 else -1.0,
                math.log1p(len(words(lines[following].text))) if following < n else -1.0,
                _distance(index, date_lines),
                _distance(index, byline_lines),
                float(line.blank_before),
                float(line.blank_after),
                float(text[0].islower()),
                float(bool(re.search(r"[\"“”«»„]", text))),
                float(len(persons[index])) if index in persons else -1.0,
                sum(len(name.split()) for name in persons[index]) / len(tokens) if index in persons else -1.0,
                *(float(view.rule_picks.get(kind) == index) for kind in KINDS),
            ]
        )
    return candidates, np.array(rows, dtype=float).reshape(len(rows), len(FEATURE_NAMES))


def _name_shaped(text: str) -> bool:
    """A short line with at least two capitalised words: possibly a name (an unprefixed byline)."""
    tokens = words(text)
    return len(tokens) <= PERSON_LINE_MAX_WORDS and sum(token[0].isupper() for token in tokens) >= 2


PERSON_COMPONENT = "ner"


def person_pipeline(*, gazetteer: bool) -> tuple[Language, list[str]]:
    """The analysis stage's English pipeline, shared rather than loaded a second time, and the
    components a person lookup skips: everything but the statistical recogniser, what it reads
    and (``gazetteer``) the entity ruler fed from the gazetteers.

    ``ner`` in the small English model embeds the words itself (it does not listen to the shared
    ``tok2vec``), so ``tok2vec``, the tagger and the parser are skipped; a model whose ``ner`` did
    listen would keep its ``tok2vec``.
    """
    nlp = get_nlp("en")
    wanted = {PERSON_COMPONENT} | {
        name
        for name, component in nlp.pipeline
        if PERSON_COMPONENT in getattr(component, "listening_components", ())
    }
    if gazetteer:
        wanted.add(RULER_NAME)
    return nlp, [name for name in nlp.pipe_names if name not in wanted]


def persons_in(texts: Sequence[str], *, gazetteer: bool = True) -> list[list[str]]:
    """The person names (two to four words) spaCy finds in each short text.

    With ``gazetteer`` the entity ruler marks known agencies and bodies first, so the recogniser
    does not fold them into a name ("Jane Roe Associated Press" -> "Jane Roe", not "Jane Roe
    Associated"). The header features read the recogniser alone, as the header trees were trained.
    """
    nlp, skipped = person_pipeline(gazetteer=gazetteer)
    found: list[list[str]] = []
    # ``disable`` only leaves the skipped components out of this call's own list of steps; unlike
    # ``select_pipes`` / ``disable_pipes`` it never touches the shared pipeline, so an analysis
    # running meanwhile in another thread still gets every component.
    for doc in nlp.pipe(texts, batch_size=32, disable=skipped):
        found.append(
            [ent.text for ent in doc.ents if ent.label_ == "PERSON" and 2 <= len(ent.text.split()) <= 4]
        )
    return found


def _persons_on_short_lines(texts: Mapping[int, str]) -> dict[int, list[str]]:
    short = {i: text for i, text in texts.items() if len(words(text)) <= PERSON_LINE_MAX_WORDS}
    return dict(zip(short, persons_in(list(short.values()), gazetteer=False), strict=True))


def _rank_from_end(indices: list[int], index: int) -> int:
    """1 for the last of ``indices`` (closest above the story), 2 for the one before...; 0 if absent."""
    return len(indices) - indices.index(index) if index in indices else 0


def _flag(index: int, dates: Mapping[int, DateCue | None]) -> float:
    return -1.0 if index not in dates else float(dates[index] is not None)


def _byline_flag(index: int, bylines: Mapping[int, BylineCue]) -> float:
    if index not in bylines:
        return -1.0
    return float(bylines[index].prefixed or bylines[index].names > 0)


def _distance(index: int, marked: list[int]) -> float:
    others = [abs(index - j) for j in marked if j != index]
    return float(min(min(others), 20)) if others else 20.0


# --------------------------------------------------------------------------- the model


_NEIGHBOURS = (-2, -1, 1, 2)
STAGE_TWO_NAMES = FEATURE_NAMES + [
    f"{kind}:{name}"
    for kind in KINDS
    for name in ["p", *(f"p@{offset:+d}" for offset in _NEIGHBOURS), "rank", "p/max"]
]


def stage_two_features(features: FloatArray, scores: Mapping[str, FloatArray]) -> FloatArray:
    """A line's own features plus every head's stage-one scores of it and of the lines around it.

    This is what tells a headline from the standfirst under it: both look like titles on their
    own, but only one has a title-like line just above.
    """
    columns = [features]
    for kind in KINDS:
        score = scores[kind]
        extra = [score]
        for offset in _NEIGHBOURS:
            shifted = np.full(len(score), -1.0)
            if offset < 0:
                shifted[-offset:] = score[:offset]
            else:
                shifted[:-offset] = score[offset:]
            extra.append(shifted)
        order = np.argsort(-score, kind="stable")
        rank = np.empty(len(score))
        rank[order] = np.arange(len(score))
        extra.append(np.minimum(rank, 20.0))
        extra.append(score / max(float(score.max()), 1e-9))
        columns.append(np.column_stack(extra))
    return np.hstack(columns)


def predict_all_trees(ensemble: TreeEnsemble, features: FloatArray) -> FloatArray:
    """``ensemble.predict``, walking every tree at once: a page has few candidate lines and the
    ensembles many trees, so one step down all trees beats one tree at a time."""
    rows = features.shape[0]
    if rows == 0:
        return np.full(0, ensemble.baseline)
    node = np.broadcast_to(ensemble.roots, (rows, len(ensemble.roots))).copy()
    row_index = np.arange(rows)[:, None]
    for _ in range(ensemble.depth):
        value = features[row_index, ensemble.feature[node]]
        go_left = np.where(np.isnan(value), ensemble.missing_left[node], value <= ensemble.threshold[node])
        child = np.where(go_left, ensemble.left[node], ensemble.right[node])
        node = np.where(ensemble.leaf[node], node, child)
    raw = ensemble.baseline + ensemble.value[node].sum(axis=1)
    return np.asarray(1.0 / (1.0 + np.exp(-raw)), dtype=float)


@dataclass(frozen=True)
class HeaderModel:
    stage_one: dict[str, TreeEnsemble]
    stage_two: dict[str, TreeEnsemble]
    thresholds: dict[str, float]

    def scores(self, view: HeaderView) -> tuple[list[int], dict[str, FloatArray]]:
        """The candidate lines and each kind's score for each of them."""
        candidates, features = header_features(view)
        if not candidates:
            return [], {kind: np.zeros(0) for kind in KINDS}
        first = {kind: predict_all_trees(head, features) for kind, head in self.stage_one.items()}
        second = stage_two_features(features, first)
        return candidates, {kind: predict_all_trees(head, second) for kind, head in self.stage_two.items()}

    def choose(self, view: HeaderView) -> dict[str, tuple[int, float]]:
        """Kind -> (line index, score) of the best line of each kind that clears its threshold."""
        candidates, scores = self.scores(view)
        chosen: dict[str, tuple[int, float]] = {}
        for kind in KINDS if candidates else ():
            best = int(np.argmax(scores[kind]))
            if scores[kind][best] >= self.thresholds[kind]:
                chosen[kind] = (candidates[best], float(scores[kind][best]))
        return chosen

    def ranked(self, view: HeaderView, kind: str) -> list[tuple[int, float]]:
        """Every candidate line with its ``kind`` score, best first."""
        candidates, scores = self.scores(view)
        pairs = zip(candidates, (float(s) for s in scores[kind]), strict=True)
        return sorted(pairs, key=lambda pair: -pair[1])


def load_header_model(spec: dict[str, Any]) -> HeaderModel:
    if spec["features"] != FEATURE_NAMES or spec["stage_two_features"] != STAGE_TWO_NAMES:
        raise RuntimeError(
            "header model does not match the feature code: rerun scripts/train_header_model.py"
        )
    return HeaderModel(
        stage_one={kind: TreeEnsemble.from_json(spec["stage_one"][kind]) for kind in KINDS},
        stage_two={kind: TreeEnsemble.from_json(spec["stage_two"][kind]) for kind in KINDS},
        thresholds={kind: float(spec["thresholds"][kind]) for kind in KINDS},
    )


@cache
def _shipped_header_model() -> HeaderModel | None:
    source = resources.files("newsdesk.data").joinpath("header_model.json")
    if not source.is_file():
        return None
    return load_header_model(json.loads(source.read_text(encoding="utf-8")))


_override: list[HeaderModel | None] = []


def header_model() -> HeaderModel | None:
    """The header scorer: the shipped one, or what ``using_header_model`` put in place (None: rules only)."""
    return _override[-1] if _override else _shipped_header_model()


@contextmanager
def using_header_model(path: Path | None) -> Iterator[None]:
    """Score header lines with another model file, or (``None``) with the rules alone."""
    _override.append(load_header_model(json.loads(path.read_text(encoding="utf-8"))) if path else None)
    try:
        yield
    finally:
        _override.pop()
