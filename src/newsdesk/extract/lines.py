"""Lines of scraped text: the chrome lexicon, hand features and the learned line classifier.

Scraped text is one block per line. Whether a line is article body is decided by

1. the chrome lexicon (``data/chrome_lexicon.json``): generic phrases of notification and cookie
   prompts, donation, subscription and newsletter appeals, login notices, share/follow/related
   links, ads and copyright lines;
2. a two-stage gradient-boosted classifier (``data/line_model.json``, trained by
   ``scripts/train_line_model.py`` on WCXB pages): stage one scores each line from its own
   shape (length, punctuation, function-word density, capitals, lexicon hits) and its
   neighbours'; stage two re-scores it from the stage-one scores of the lines around it,
   which is what turns isolated guesses into contiguous runs of body.

The model is plain JSON (tree nodes), evaluated with numpy, so runtime needs no scikit-learn.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_WORD = re.compile(rf"[^\W{_CJK}]+(?:['’][^\W{_CJK}]+)*|[{_CJK}]")
"""A word is a run of letters or digits; in Chinese, Japanese and Korean, one character."""
_TRAILING_CLOSERS = "\"'”’»)]*」』）"
_TERMINAL = ".!?…。！？"
_SEPARATORS = re.compile(r"[|•·»›▸►/]|\s[-–—]\s")
_URLISH = re.compile(r"https?://|www\.|\S+@\S+\.\w+|(?:^|\s)@\w+")
_BULLET = re.compile(r"^(?:[-*•·▪◦–]\s|\d{1,2}[.)]\s)")
_DATEISH = re.compile(
    r"\b(?:\d{1,2}[:.]\d\d|(?:19|20)\d\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.IGNORECASE
)
_QUOTES = re.compile(r"[\"“”«»„]")


@dataclass(frozen=True)
class Line:
    """One non-blank line of the input: its 1-based line number and stripped text."""

    number: int
    text: str
    blank_before: bool
    blank_after: bool


def split_lines(text: str) -> list[Line]:
    raw = text.splitlines()
    lines: list[Line] = []
    for index, content in enumerate(raw):
        stripped = " ".join(content.split())
        if not stripped:
            continue
        before = index == 0 or not raw[index - 1].strip()
        after = index == len(raw) - 1 or not raw[index + 1].strip()
        lines.append(Line(index + 1, stripped, before, after))
    return lines


def words(text: str) -> list[str]:
    return _WORD.findall(text)


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern[str]
    max_words: int


@dataclass(frozen=True)
class ChromeCategory:
    name: str
    patterns: tuple[_Pattern, ...]
    runs: bool


def _data(name: str) -> str:
    return resources.files("newsdesk.data").joinpath(name).read_text(encoding="utf-8")


@cache
def chrome_lexicon() -> tuple[ChromeCategory, ...]:
    spec = json.loads(_data("chrome_lexicon.json"))["categories"]
    categories = []
    for name, entry in spec.items():
        default_max = int(entry["max_words"])
        patterns = []
        for item in entry["patterns"]:
            regex, max_words = (item, default_max) if isinstance(item, str) else (item[0], int(item[1]))
            patterns.append(_Pattern(re.compile(regex, re.IGNORECASE), max_words))
        categories.append(ChromeCategory(name, tuple(patterns), bool(entry.get("runs", False))))
    return tuple(categories)


@cache
def stopwords() -> frozenset[str]:
    return frozenset(
        word.strip() for word in _data("stopwords.txt").splitlines() if word.strip() and word[0] != "#"
    )


@dataclass(frozen=True)
class LexiconHit:
    category: str
    decisive: bool
    """True when the hit alone makes the line chrome (short enough, or two patterns agree)."""


@lru_cache(maxsize=16384)
def lexicon_hit(text: str) -> LexiconHit | None:
    """The chrome category of a line by the lexicon, if any pattern matches it."""
    count = len(words(text))
    weak: LexiconHit | None = None
    for category in chrome_lexicon():
        matched = [pattern for pattern in category.patterns if pattern.regex.search(text)]
        if not matched:
            continue
        if len(matched) >= 2 or any(count <= pattern.max_words for pattern in matched):
            return LexiconHit(category.name, decisive=True)
        weak = weak or LexiconHit(category.name, decisive=False)
    return weak


def chrome_by_lexicon(lines: Sequence[Line]) -> dict[int, str]:
    """Index → ``chrome:<category>`` for lines the lexicon removes, runs filled in."""
    hits = [lexicon_hit(line.text) for line in lines]
    chrome = {i: hit.category for i, hit in enumerate(hits) if hit is not None and hit.decisive}
    runs = {category.name for category in chrome_lexicon() if category.runs}
    # A line between two hits of a run-forming category (an appeal's middle paragraph) is
    # part of the same appeal, even when its own wording matches nothing.
    for index in range(len(lines)):
        if index in chrome:
            continue
        before = [chrome.get(j) for j in range(max(0, index - 2), index)]
        after = [chrome.get(j) for j in range(index + 1, min(len(lines), index + 3))]
        shared = {c for c in before if c in runs} & {c for c in after if c in runs}
        if shared:
            chrome[index] = sorted(shared)[0]
    return {index: f"chrome:{category}" for index, category in chrome.items()}


# --------------------------------------------------------------------------- features


def _ends_sentence(text: str) -> bool:
    return text.rstrip(_TRAILING_CLOSERS)[-1:] in _TERMINAL


def _base_features(line: Line, duplicates: int, stop: frozenset[str], hit: LexiconHit | None) -> list[float]:
    text = line.text
    tokens = words(text)
    n_words = len(tokens)
    n_chars = len(text)
    letters = [c for c in text if c.isalpha()]
    return [
        math.log1p(n_chars),
        math.log1p(n_words),
        min(15.0, sum(map(len, tokens)) / n_words) if n_words else 0.0,
        sum(token.lower() in stop for token in tokens) / n_words if n_words else 0.0,
        float(_ends_sentence(text)),
        float(text.endswith(":")),
        min(10.0, float(sum(text.count(mark) for mark in _TERMINAL))),
        sum(not c.isalnum() and not c.isspace() for c in text) / n_chars,
        sum(c.isdigit() for c in text) / n_chars,
        sum(c.isupper() for c in letters) / len(letters) if letters else 0.0,
        sum(token[0].isupper() for token in tokens) / n_words if n_words else 0.0,
        float(text[0].islower()),
        min(5.0, float(len(_SEPARATORS.findall(text)))),
        float(hit is not None and hit.decisive),
        float(hit is not None),
        min(5.0, float(duplicates)),
        float(bool(_URLISH.search(text))),
        float(bool(_BULLET.match(text))),
        float(bool(_DATEISH.search(text))),
        text.count(",") / n_words if n_words else 0.0,
        float(line.blank_before),
        float(line.blank_after),
        float(bool(_QUOTES.search(text))),
        float(text.endswith(("...", "…", "…]", "[…]"))),
    ]


BASE_NAMES = [
    "log_chars",
    "log_words",
    "mean_word_len",
    "stopword_ratio",
    "ends_sentence",
    "ends_colon",
    "terminal_marks",
    "punct_ratio",
    "digit_ratio",
    "upper_ratio",
    "titlecase_ratio",
    "starts_lower",
    "separators",
    "lexicon_decisive",
    "lexicon_any",
    "duplicates",
    "urlish",
    "bullet",
    "dateish",
    "comma_ratio",
    "blank_before",
    "blank_after",
    "has_quotes",
    "ends_ellipsis",
]
_LOG_CHARS, _STOPWORDS, _ENDS_SENTENCE = 0, 3, 4
_TITLECASE_COLUMN, _DATEISH_COLUMN = BASE_NAMES.index("titlecase_ratio"), BASE_NAMES.index("dateish")
_NEIGHBOUR_OFFSETS = (-3, -2, -1, 1, 2, 3)
_WINDOWS = (2, 5, 10)


def _window_mean(values: FloatArray, radius: int) -> FloatArray:
    padded = np.concatenate([np.zeros(radius), values, np.zeros(radius)])
    counts = np.concatenate([np.zeros(radius), np.ones(len(values)), np.zeros(radius)])
    kernel = np.ones(2 * radius + 1)
    sums = np.convolve(padded, kernel, mode="valid")
    return sums / np.maximum(np.convolve(counts, kernel, mode="valid"), 1.0)


def _shifted(values: FloatArray, offset: int, fill: float = -1.0) -> FloatArray:
    out = np.full(len(values), fill)
    if offset < 0:
        out[-offset:] = values[:offset]
    else:
        out[:-offset] = values[offset:]
    return out


def _distance_to(flags: npt.NDArray[np.bool_], forward: bool) -> FloatArray:
    n = len(flags)
    distance = np.full(n, 50.0)
    last: int | None = None
    order = range(n - 1, -1, -1) if forward else range(n)
    for i in order:
        if last is not None:
            distance[i] = min(50.0, abs(i - last))
        if flags[i]:
            last = i
    return np.log1p(distance)


_AFTER_CATEGORIES = {"after_comments": ("comments",), "after_related": ("related", "read-more")}


def _context_features(
    base: FloatArray, lines: Sequence[Line], hits: Sequence[LexiconHit | None]
) -> tuple[FloatArray, list[str]]:
    n = len(lines)
    log_chars = base[:, _LOG_CHARS]
    sentence_like = (
        (base[:, 1] >= math.log1p(8)) & (base[:, _ENDS_SENTENCE] > 0) & (base[:, _STOPWORDS] >= 0.15)
    )
    chars = np.exp(log_chars) - 1
    prose_chars = np.where(sentence_like, chars, 0.0)
    columns: list[FloatArray] = [
        np.arange(n) / max(1, n - 1),
        (np.cumsum(chars) - chars) / max(1.0, float(chars.sum())),
        (np.cumsum(prose_chars) - prose_chars) / max(1.0, float(prose_chars.sum())),
        np.full(n, math.log1p(n)),
        chars / max(1.0, float(chars.max())),
        sentence_like.astype(float),
        _distance_to(sentence_like, forward=False),
        _distance_to(sentence_like, forward=True),
    ]
    names = [
        "rel_index",
        "rel_chars_before",
        "rel_prose_before",
        "log_lines",
        "rel_length",
        "sentence_like",
        "dist_prev_prose",
        "dist_next_prose",
    ]
    for offset in _NEIGHBOUR_OFFSETS:
        for column, name in ((_LOG_CHARS, "log_chars"), (_STOPWORDS, "stopwords"), (_ENDS_SENTENCE, "ends")):
            columns.append(_shifted(base[:, column], offset))
            names.append(f"{name}@{offset:+d}")
    for offset in (-1, 1):
        for column, name in ((_TITLECASE_COLUMN, "titlecase"), (_DATEISH_COLUMN, "dateish")):
            columns.append(_shifted(base[:, column], offset))
            names.append(f"{name}@{offset:+d}")
    for radius in _WINDOWS:
        columns.append(_window_mean(log_chars, radius))
        names.append(f"mean_log_chars±{radius}")
        columns.append(_window_mean(sentence_like.astype(float), radius))
        names.append(f"prose_share±{radius}")
    # Below a "Comments" or "Related stories" heading, prose is readers' or other articles'.
    for name, categories in _AFTER_CATEGORIES.items():
        marks = np.array([hit is not None and hit.decisive and hit.category in categories for hit in hits])
        seen_before = (np.cumsum(marks) - marks) > 0
        columns.append((seen_before & (columns[2] > 0.3)).astype(float))
        names.append(name)
    decisive = np.array([float(hit is not None and hit.decisive) for hit in hits])
    columns.append(_window_mean(decisive, 3))
    names.append("chrome_share±3")
    # Lists of links (headlines of other stories, each with its date) are runs of short lines
    # that never end a sentence; an article's paragraphs do.
    open_ended = base[:, _ENDS_SENTENCE] == 0
    columns.append(np.log1p(_run_lengths(open_ended)))
    names.append("open_run")
    short = base[:, 1] <= math.log1p(6)
    columns.append(_window_mean((short & (base[:, _DATEISH_COLUMN] > 0)).astype(float), 5))
    names.append("date_lines±5")
    titles = open_ended & (base[:, 1] >= math.log1p(3)) & (base[:, 1] <= math.log1p(20))
    columns.append(_window_mean(titles.astype(float), 5))
    names.append("title_lines±5")
    return np.column_stack(columns), names


def _run_lengths(flags: npt.NDArray[np.bool_]) -> FloatArray:
    """For each position, the length of the run of True values it belongs to (0 where False)."""
    lengths = np.zeros(len(flags))
    start = 0
    while start < len(flags):
        end = start
        while end < len(flags) and flags[end] == flags[start]:
            end += 1
        if flags[start]:
            lengths[start:end] = end - start
        start = end
    return lengths


def stage_one_features(lines: Sequence[Line]) -> FloatArray:
    if not lines:
        return np.zeros((0, len(STAGE_ONE_NAMES)))
    stop = stopwords()
    counts = Counter(line.text for line in lines)
    hits = [lexicon_hit(line.text) for line in lines]
    base = np.array(
        [
            _base_features(line, counts[line.text] - 1, stop, hit)
            for line, hit in zip(lines, hits, strict=True)
        ],
        dtype=float,
    )
    context, _ = _context_features(base, lines, hits)
    return np.hstack([base, context])


def stage_two_features(first: FloatArray, probabilities: FloatArray) -> FloatArray:
    """Stage-two inputs: a line's own shape plus the stage-one scores around it."""
    n = len(probabilities)
    if n == 0:
        return np.zeros((0, len(STAGE_TWO_NAMES)))
    columns: list[FloatArray] = [first[:, i] for i in _STAGE_TWO_OWN]
    columns.append(probabilities)
    for offset in _NEIGHBOUR_OFFSETS:
        columns.append(_shifted(probabilities, offset))
    for radius in _WINDOWS:
        columns.append(_window_mean(probabilities, radius))
    mass = probabilities.sum()
    columns.append((np.cumsum(probabilities) - probabilities) / max(1.0, float(mass)))
    columns.append(np.full(n, float(probabilities.max())))
    start, end = main_region(probabilities, np.expm1(first[:, 1]))
    index = np.arange(n)
    columns.append(((index >= start) & (index < end)).astype(float))
    columns.append(np.log1p(np.maximum(0, np.maximum(start - index, index - end + 1))))
    columns.append(np.full(n, (end - start) / n))
    return np.column_stack(columns)


def main_region(
    probabilities: FloatArray, word_counts: FloatArray, threshold: float = 0.5
) -> tuple[int, int]:
    """[start, end) of the run of lines with the most body evidence (maximum-sum subarray).

    Each line adds (p - threshold) x its words: long confident paragraphs pull the region
    over short doubtful lines between them, while teasers and comments far from it stay out.
    """
    gains = (probabilities - threshold) * np.maximum(word_counts, 1.0)
    best, best_start, best_end = 0.0, 0, 0
    running, running_start = 0.0, 0
    for index, gain in enumerate(gains):
        if running <= 0:
            running, running_start = 0.0, index
        running += float(gain)
        if running > best:
            best, best_start, best_end = running, running_start, index + 1
    return best_start, best_end


def _stage_one_names() -> list[str]:
    dummy = [Line(1, "x", True, True)]
    _, context_names = _context_features(np.zeros((1, len(BASE_NAMES))), dummy, [None])
    return BASE_NAMES + context_names


STAGE_ONE_NAMES = _stage_one_names()
_STAGE_TWO_OWN = [STAGE_ONE_NAMES.index(name) for name in [*BASE_NAMES[:5], "lexicon_decisive", "rel_index"]]
STAGE_TWO_NAMES = (
    [STAGE_ONE_NAMES[i] for i in _STAGE_TWO_OWN]
    + ["p"]
    + [f"p@{offset:+d}" for offset in _NEIGHBOUR_OFFSETS]
    + [f"mean_p±{radius}" for radius in _WINDOWS]
    + ["rel_p_mass_before", "max_p", "in_main_region", "dist_main_region", "main_region_share"]
)


# --------------------------------------------------------------------------- model


@dataclass(frozen=True)
class TreeEnsemble:
    """Gradient-boosted trees exported from scikit-learn as arrays (one row per node)."""

    baseline: float
    feature: npt.NDArray[np.int64]
    threshold: FloatArray
    left: npt.NDArray[np.int64]
    right: npt.NDArray[np.int64]
    missing_left: npt.NDArray[np.bool_]
    leaf: npt.NDArray[np.bool_]
    value: FloatArray
    roots: npt.NDArray[np.int64]
    depth: int

    @classmethod
    def from_json(cls, spec: dict[str, Any]) -> TreeEnsemble:
        nodes = np.array(spec["nodes"], dtype=float).reshape(-1, 7)
        return cls(
            baseline=float(spec["baseline"]),
            feature=nodes[:, 0].astype(np.int64),
            threshold=nodes[:, 1],
            left=nodes[:, 2].astype(np.int64),
            right=nodes[:, 3].astype(np.int64),
            missing_left=nodes[:, 4].astype(bool),
            leaf=nodes[:, 5].astype(bool),
            value=nodes[:, 6],
            roots=np.array(spec["roots"], dtype=np.int64),
            depth=int(spec["depth"]),
        )

    def predict(self, features: FloatArray) -> FloatArray:
        """Probability of the positive class for each row."""
        rows = features.shape[0]
        raw = np.full(rows, self.baseline)
        if rows == 0:
            return raw
        row_index = np.arange(rows)
        for root in self.roots:
            node = np.full(rows, root)
            for _ in range(self.depth):
                value = features[row_index, self.feature[node]]
                go_left = np.where(np.isnan(value), self.missing_left[node], value <= self.threshold[node])
                child = np.where(go_left, self.left[node], self.right[node])
                node = np.where(self.leaf[node], node, child)
            raw += self.value[node]
        return 1.0 / (1.0 + np.exp(-raw))


@dataclass(frozen=True)
class LineModel:
    stage_one: TreeEnsemble
    stage_two: TreeEnsemble
    threshold: float

    def predict(self, lines: Sequence[Line]) -> FloatArray:
        """Probability that each line is article body."""
        first = stage_one_features(lines)
        probabilities = self.stage_one.predict(first)
        return self.stage_two.predict(stage_two_features(first, probabilities))


def load_line_model(spec: dict[str, Any]) -> LineModel:
    if spec["stage_one"]["features"] != STAGE_ONE_NAMES or spec["stage_two"]["features"] != STAGE_TWO_NAMES:
        raise RuntimeError("line model does not match the feature code: rerun scripts/train_line_model.py")
    return LineModel(
        stage_one=TreeEnsemble.from_json(spec["stage_one"]),
        stage_two=TreeEnsemble.from_json(spec["stage_two"]),
        threshold=float(spec["threshold"]),
    )


@cache
def _shipped_line_model() -> LineModel:
    return load_line_model(json.loads(_data("line_model.json")))


_override: list[LineModel] = []


def line_model() -> LineModel:
    """The line classifier: the shipped one, or the one ``using_line_model`` put in place."""
    return _override[-1] if _override else _shipped_line_model()


@contextmanager
def using_line_model(path: Path) -> Iterator[None]:
    """Score lines with another model file (the cross-validation folds of bench/text_mode.py)."""
    _override.append(load_line_model(json.loads(path.read_text(encoding="utf-8"))))
    try:
        yield
    finally:
        _override.pop()
