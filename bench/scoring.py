"""The ScrapingHub article-body metric, re-implemented.

Each body is split into word tokens (``\\w+``, case kept); every run of 4 consecutive
tokens is a shingle, counted as a multiset. Per page, shared shingles are true
positives, extra predicted ones false positives, missed true ones false negatives; the
three are normalised to sum to 1 so a long page weighs no more than a short one.
Precision is the mean over pages that predicted any shingle, recall the mean over
pages whose truth has any shingle, and F1 is computed from those two means — exactly as
``evaluate.py`` of scrapinghub/article-extraction-benchmark does it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from statistics import mean

SHINGLE_SIZE = 4
_TOKEN = re.compile(r"\w+", re.UNICODE)

Counts = tuple[float, float, float]


def tokens(text: str | None) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(text: str | None, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Multiset of ``size``-token shingles; a text shorter than ``size`` is one shingle."""
    words = tokens(text)
    found: Counter[tuple[str, ...]] = Counter()
    for start in range(max(1, len(words) - size + 1)):
        shingle = tuple(words[start : start + size])
        if shingle:
            found[shingle] += 1
    return found


def page_counts(predicted: str | None, true: str | None) -> Counts:
    """Normalised (tp, fp, fn) of one page."""
    predicted_shingles = shingles(predicted)
    true_shingles = shingles(true)
    tp = fp = fn = 0
    for key in predicted_shingles.keys() | true_shingles.keys():
        predicted_count = predicted_shingles.get(key, 0)
        true_count = true_shingles.get(key, 0)
        tp += min(predicted_count, true_count)
        fp += max(0, predicted_count - true_count)
        fn += max(0, true_count - predicted_count)
    total = tp + fp + fn
    if total == 0:
        return (0.0, 0.0, 0.0)
    return (tp / total, fp / total, fn / total)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def metrics(counts: list[Counts]) -> tuple[float, float, float]:
    """(precision, recall, f1) from per-page normalised counts."""
    precisions = [_precision(*page) for page in counts if page[0] + page[1] > 0]
    recalls = [_recall(*page) for page in counts if page[0] + page[2] > 0]
    precision = mean(precisions) if precisions else 0.0
    recall = mean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def page_f1(predicted: str | None, true: str | None) -> float:
    """F1 of a single page (handy for finding the worst pages)."""
    return metrics([page_counts(predicted, true)])[2]


def score(pages: Mapping[str, tuple[str | None, str | None]]) -> tuple[float, float, float]:
    """(precision, recall, f1) over ``{page_id: (predicted_text, true_text)}``."""
    return metrics([page_counts(predicted, true) for predicted, true in pages.values()])
